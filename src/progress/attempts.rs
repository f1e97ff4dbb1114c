//! Attempts of the seminar self-assessment. Each attempt is kept as its own
//! entry `<assessment id>@<phase>@<start ms>` in `modules`, so a new attempt
//! never overwrites an earlier one and attempts merge like any module.

use super::ProgressState;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    Before,
    After,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Before => "before",
            Phase::After => "after",
        }
    }

    pub fn parse(s: &str) -> Option<Phase> {
        match s {
            "before" => Some(Phase::Before),
            "after" => Some(Phase::After),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    /// The key in `modules` that holds the attempt's answers.
    pub key: String,
    pub phase: Phase,
    /// When it was started, milliseconds since 1970.
    pub started: u64,
}

pub fn attempt_key(assessment: &str, phase: Phase, started: u64) -> String {
    format!("{assessment}@{}@{started}", phase.as_str())
}

impl ProgressState {
    /// Every attempt of an assessment in one phase, oldest first.
    pub fn attempts(&self, assessment: &str, phase: Phase) -> Vec<Attempt> {
        let prefix = format!("{assessment}@{}@", phase.as_str());
        let mut found: Vec<Attempt> = self
            .modules
            .keys()
            .filter_map(|key| {
                let started = key.strip_prefix(&prefix)?.parse().ok()?;
                Some(Attempt {
                    key: key.clone(),
                    phase,
                    started,
                })
            })
            .collect();
        found.sort_by_key(|a| a.started);
        found
    }

    /// Starts a new attempt (it exists from now on, even before an answer)
    /// and returns its key. The place to continue from is not changed.
    pub fn start_attempt(
        &mut self,
        assessment: &str,
        phase: Phase,
        at: u64,
        device: &str,
    ) -> String {
        let key = attempt_key(assessment, phase, at);
        self.module_mut(&key)
            .visits
            .insert("started".to_owned(), super::Record::new(true, at, device));
        key
    }

    pub fn latest_attempt(&self, assessment: &str, phase: Phase) -> Option<Attempt> {
        self.attempts(assessment, phase).pop()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Answer;

    #[test]
    fn attempts_are_kept_apart_and_ordered() {
        let mut s = ProgressState::default();
        s.set_answer(
            &attempt_key("sa", Phase::Before, 20),
            "q",
            Answer::Likert { value: 1 },
            21,
            "d",
        );
        s.set_answer(
            &attempt_key("sa", Phase::Before, 10),
            "q",
            Answer::Likert { value: 2 },
            11,
            "d",
        );
        s.set_answer(
            &attempt_key("sa", Phase::After, 30),
            "q",
            Answer::Likert { value: 5 },
            31,
            "d",
        );
        s.set_answer("sa", "q", Answer::Likert { value: 3 }, 1, "d");
        let before = s.attempts("sa", Phase::Before);
        assert_eq!(
            before.iter().map(|a| a.started).collect::<Vec<_>>(),
            [10, 20]
        );
        assert_eq!(
            s.latest_attempt("sa", Phase::After).map(|a| a.started),
            Some(30)
        );
        assert_eq!(
            s.answer(&before[0].key, "q"),
            Some(&Answer::Likert { value: 2 }),
            "the older attempt is intact"
        );
        assert!(s.attempts("other", Phase::Before).is_empty());
    }
}
