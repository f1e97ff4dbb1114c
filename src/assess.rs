//! Scoring: knowledge questions, Likert profiles, before/after comparison.
//!
//! Pure: no browser, no storage. The rules are documented in
//! docs/scoring.md and tested natively.

mod compare;
mod grade;
mod profile;
mod shuffle;
mod vignette;

pub use compare::{compare_profiles, item_changes, ItemChange, SubscaleChange};
pub use grade::{grade, knowledge_score, Grade, KnowledgeScore};
pub use profile::{likert_profile, scored_value, Band, SubscaleScore};
pub use shuffle::option_order;
pub use vignette::{replay, CaseProgress};
