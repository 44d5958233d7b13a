//! Views: the reader-facing markup of every page, written once.
//!
//! In: the checked model. Out: HTML fragments (home, catalogue, material, plan, quiz and
//! the lists) rendered with minijinja from the templates in `views/`. The Zola site
//! puts them inside its layout; the offline copies put them inside theirs. Markdown
//! fields are rendered to HTML here, once.
//!
//! One file per seam: the URL scheme ([`Links`], `links.rs`), the templates and their
//! rendering (`templates.rs`), the lookups the views share ([`Index`], `index.rs`), and
//! the views by what they show: `catalogue.rs` (materials, search), `plans.rs` (home,
//! plans), `quizzes.rs` (quizzes, questions, practice), `tasks.rs` (the task list and a unit's page).

mod catalogue;
mod index;
mod links;
mod plans;
mod quizzes;
mod tasks;
mod templates;

pub use catalogue::{
    CatalogueView, CategoryView, ChapterView, MaterialSummary, MaterialView, SearchView,
};
pub use index::{ChapterLink, Index, Link, OfflineLink, QuizLink};
pub use links::Links;
pub use plans::{
    AgendaItem, HomeView, MilestoneView, MonthView, PlanSummary, PlanView, PlansView, ReadingView,
    RecurringView,
};
pub use quizzes::{
    DailyView, PracticeView, QuestionView, QuizView, QuizzesView, answer_text, prompt_with_blanks,
};
pub use tasks::{TaskItem, TaskListView, TaskMonth, UnitView};
pub use templates::{Chrome, ViewError, Views, document_env};

pub use crate::chapters::MINUTES_PER_PAGE;
