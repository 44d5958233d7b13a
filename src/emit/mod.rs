//! Emit: outputs made from a checked project.
//!
//! In: the model. Out: the reader markup (`view`, shared by every output) and the Zola
//! content (`zola`), the daily practice sets (`daily`) and the search
//! index (`search`).

pub mod daily;
pub mod search;
pub mod view;
pub mod zola;
