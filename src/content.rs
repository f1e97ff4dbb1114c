//! The curriculum model and the content pack format: parsing a module file,
//! parsing the course index, and validating both.
//!
//! Knows nothing of the browser, storage or Leptos, so every rule here is
//! tested natively (`cargo test`). The format is documented in
//! `docs/content-format.md`.

mod attributes;
mod blocks;
mod course;
mod front_matter;
mod inline;
mod model;
mod module_parser;
mod parity;
mod problem;
mod text;

pub use course::{
    check_module_against_index, parse_course, Course, EntryKind, ModuleEntry, COURSE_FILE,
};
pub use model::*;
pub use module_parser::parse_module;
pub use parity::compare_structure;
pub use problem::{Parsed, Problem};

/// Ids of modules, sections and interactive blocks: lower-case ASCII letters,
/// digits and single hyphens. They appear in URLs and storage keys, so they
/// must be stable and safe everywhere.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

#[cfg(test)]
mod tests {
    use super::is_valid_id;

    #[test]
    fn ids_are_lowercase_words_joined_by_single_hyphens() {
        for good in ["rules", "fd-q-1", "a", "x2"] {
            assert!(is_valid_id(good), "{good} should be valid");
        }
        for bad in ["", "Rules", "fd_q", "-a", "a-", "a--b", "a b", "ä"] {
            assert!(!is_valid_id(bad), "{bad:?} should be invalid");
        }
    }
}
