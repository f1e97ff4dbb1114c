//! What a learner has done, kept as records keyed by module and block.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::record::Record;

/// A learner's answer to one interactive block.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answer {
    /// Options chosen in a knowledge question (positions from 0), and whether
    /// the learner has checked them and seen the explanations.
    Choice { selected: Vec<u8>, checked: bool },
    /// Value on a Likert scale, 1 = the lowest label.
    Likert { value: u8 },
    /// The path through a case vignette: (step id, choice position) pairs.
    Vignette { path: Vec<(String, u8)> },
}

/// Where the learner was last, for "continue where you left off".
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Place {
    pub module: String,
    pub section: String,
}

/// Everything the app stores about a learner. New fields get a serde default
/// so that older stored data still reads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressState {
    /// Key: `<module id>/<block id>` (Likert: `<module id>/<statement id>`).
    #[serde(default)]
    pub answers: BTreeMap<String, Record<Answer>>,
    /// Key: `<module id>/<section id>`.
    #[serde(default)]
    pub visits: BTreeMap<String, Record<bool>>,
    /// Key: `<module id>/<reflection id>`.
    #[serde(default)]
    pub reflections: BTreeMap<String, Record<String>>,
    #[serde(default)]
    pub place: Option<Record<Place>>,
}

pub fn block_key(module: &str, block: &str) -> String {
    format!("{module}/{block}")
}

impl ProgressState {
    pub fn answer(&self, module: &str, block: &str) -> Option<&Answer> {
        self.answers.get(&block_key(module, block)).map(|r| &r.value)
    }

    pub fn set_answer(&mut self, module: &str, block: &str, answer: Answer, at: u64, device: &str) {
        self.answers.insert(block_key(module, block), Record::new(answer, at, device));
    }

    pub fn reflection(&self, module: &str, id: &str) -> Option<&str> {
        self.reflections.get(&block_key(module, id)).map(|r| r.value.as_str())
    }

    pub fn set_reflection(&mut self, module: &str, id: &str, text: String, at: u64, device: &str) {
        self.reflections.insert(block_key(module, id), Record::new(text, at, device));
    }

    pub fn visited(&self, module: &str, section: &str) -> bool {
        self.visits.contains_key(&block_key(module, section))
    }

    /// Records a visit and makes it the place to continue from.
    pub fn visit(&mut self, module: &str, section: &str, at: u64, device: &str) {
        self.visits.insert(block_key(module, section), Record::new(true, at, device));
        let place = Place { module: module.to_owned(), section: section.to_owned() };
        self.place = Some(Record::new(place, at, device));
    }

    /// How many of the given sections of a module were visited.
    pub fn visited_count<'a>(&self, module: &str, sections: impl IntoIterator<Item = &'a str>) -> usize {
        sections.into_iter().filter(|s| self.visited(module, s)).count()
    }

    pub fn is_empty(&self) -> bool {
        self.answers.is_empty() && self.visits.is_empty() && self.reflections.is_empty() && self.place.is_none()
    }

    /// Joins two states without losing a key: per key the latest record wins.
    /// Commutative, associative and idempotent (see the property tests).
    pub fn merge(mut self, other: ProgressState) -> ProgressState {
        merge_maps(&mut self.answers, other.answers);
        merge_maps(&mut self.visits, other.visits);
        merge_maps(&mut self.reflections, other.reflections);
        self.place = match (self.place.take(), other.place) {
            (Some(a), Some(b)) => Some(Record::latest(a, b)),
            (a, b) => a.or(b),
        };
        self
    }
}

fn merge_maps<T: Ord>(into: &mut BTreeMap<String, Record<T>>, from: BTreeMap<String, Record<T>>) {
    for (key, theirs) in from {
        let merged = match into.remove(&key) {
            Some(ours) => Record::latest(ours, theirs),
            None => theirs,
        };
        into.insert(key, merged);
    }
}
