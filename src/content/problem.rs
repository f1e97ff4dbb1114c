//! Problems found in a content file, reported so a trainer can fix them.

use std::fmt;

/// One problem in one file, at one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file as the pack names it, e.g. `en/family-dynamics.md`.
    pub file: String,
    /// 1-based line; 0 when the problem concerns the file as a whole.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}, line {}: {}", self.file, self.line, self.message)
        }
    }
}

/// What parsing a file gives: as much of the content as could be read, and
/// every problem found on the way. A broken block is left out and reported;
/// the rest of the file still shows.
#[derive(Clone, Debug)]
pub struct Parsed<T> {
    pub value: T,
    pub problems: Vec<Problem>,
}

/// Collects problems for one file while it is parsed.
pub(crate) struct Report {
    file: String,
    pub(crate) problems: Vec<Problem>,
}

impl Report {
    pub(crate) fn new(file: &str) -> Self {
        Report {
            file: file.to_owned(),
            problems: Vec::new(),
        }
    }

    pub(crate) fn at(&mut self, line: usize, message: impl Into<String>) {
        self.problems.push(Problem {
            file: self.file.clone(),
            line,
            message: message.into(),
        });
    }
}
