//! What a learner has done, kept as records keyed by module and block.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::record::Record;

/// A learner's answer to one interactive block.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answer {
    /// Options chosen in a knowledge question (positions in the file, from
    /// 0), whether the learner has checked them and seen the explanations,
    /// and how many times they tried again (the options are shuffled anew on
    /// each retry).
    Choice {
        selected: Vec<u8>,
        checked: bool,
        #[serde(default, skip_serializing_if = "is_zero")]
        attempt: u32,
    },
    /// Value on a Likert scale, 1 = the lowest label.
    Likert { value: u8 },
    /// The path through a case vignette: (step id, choice position) pairs.
    Vignette { path: Vec<(String, u8)> },
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Where the learner was last, for "continue where you left off".
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Place {
    pub module: String,
    pub section: String,
}

/// What a learner did in one module.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleProgress {
    /// Key: block id (Likert: statement id, `<likert id>.<position>`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, Record<Answer>>,
    /// Key: section id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub visits: BTreeMap<String, Record<bool>>,
    /// Key: reflection id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reflections: BTreeMap<String, Record<String>>,
}

impl ModuleProgress {
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty() && self.visits.is_empty() && self.reflections.is_empty()
    }

    fn merge(mut self, other: ModuleProgress) -> ModuleProgress {
        merge_maps(&mut self.answers, other.answers);
        merge_maps(&mut self.visits, other.visits);
        merge_maps(&mut self.reflections, other.reflections);
        self
    }
}

/// Everything the app stores about a learner (schema 2).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressState {
    /// Key: module id.
    #[serde(default)]
    pub modules: BTreeMap<String, ModuleProgress>,
    #[serde(default)]
    pub place: Option<Record<Place>>,
}

impl ProgressState {
    pub fn module(&self, module: &str) -> Option<&ModuleProgress> {
        self.modules.get(module)
    }

    pub(crate) fn module_mut(&mut self, module: &str) -> &mut ModuleProgress {
        self.modules.entry(module.to_owned()).or_default()
    }

    pub fn answer(&self, module: &str, block: &str) -> Option<&Answer> {
        self.module(module)?.answers.get(block).map(|r| &r.value)
    }

    pub fn set_answer(&mut self, module: &str, block: &str, answer: Answer, at: u64, device: &str) {
        self.module_mut(module)
            .answers
            .insert(block.to_owned(), Record::new(answer, at, device));
    }

    pub fn reflection(&self, module: &str, id: &str) -> Option<&str> {
        self.module(module)?
            .reflections
            .get(id)
            .map(|r| r.value.as_str())
    }

    pub fn set_reflection(&mut self, module: &str, id: &str, text: String, at: u64, device: &str) {
        self.module_mut(module)
            .reflections
            .insert(id.to_owned(), Record::new(text, at, device));
    }

    pub fn visited(&self, module: &str, section: &str) -> bool {
        self.module(module)
            .is_some_and(|m| m.visits.contains_key(section))
    }

    /// Records a visit and makes it the place to continue from.
    pub fn visit(&mut self, module: &str, section: &str, at: u64, device: &str) {
        self.module_mut(module)
            .visits
            .insert(section.to_owned(), Record::new(true, at, device));
        let place = Place {
            module: module.to_owned(),
            section: section.to_owned(),
        };
        self.place = Some(Record::new(place, at, device));
    }

    /// How many of the given sections of a module were visited.
    pub fn visited_count<'a>(
        &self,
        module: &str,
        sections: impl IntoIterator<Item = &'a str>,
    ) -> usize {
        sections
            .into_iter()
            .filter(|s| self.visited(module, s))
            .count()
    }

    pub fn started(&self, module: &str) -> bool {
        self.module(module).is_some_and(|m| !m.visits.is_empty())
    }

    /// Number of records, for figures such as the benchmark's.
    pub fn record_count(&self) -> usize {
        self.modules
            .values()
            .map(|m| m.answers.len() + m.visits.len() + m.reflections.len())
            .sum::<usize>()
            + usize::from(self.place.is_some())
    }

    pub fn is_empty(&self) -> bool {
        self.modules.values().all(ModuleProgress::is_empty) && self.place.is_none()
    }

    /// Joins two states without losing a key: per key the latest record wins.
    /// Commutative, associative and idempotent (see the property tests).
    pub fn merge(mut self, other: ProgressState) -> ProgressState {
        for (id, theirs) in other.modules {
            let merged = match self.modules.remove(&id) {
                Some(ours) => ours.merge(theirs),
                None => theirs,
            };
            self.modules.insert(id, merged);
        }
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
