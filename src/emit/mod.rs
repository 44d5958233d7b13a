//! Emit: outputs made from a checked project.
//!
//! In: the model. Out: the reader markup (`view`, shared by every output) and the Zola
//! content (`zola`), and the daily practice sets (`daily`).

pub mod daily;
pub mod view;
pub mod zola;
