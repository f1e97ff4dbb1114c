//! Before and after: what changed between two attempts.

use super::profile::{scored_value, SubscaleScore};
use crate::content::Likert;

#[derive(Clone, Debug, PartialEq)]
pub struct SubscaleChange {
    pub key: String,
    pub label: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
}

impl SubscaleChange {
    /// After minus before, where both exist.
    pub fn delta(&self) -> Option<f64> {
        Some(self.after? - self.before?)
    }
}

/// Pairs the subscales of two profiles of the same scale.
pub fn compare_profiles(before: &[SubscaleScore], after: &[SubscaleScore]) -> Vec<SubscaleChange> {
    before
        .iter()
        .map(|b| SubscaleChange {
            key: b.key.clone(),
            label: b.label.clone(),
            before: b.mean,
            after: after.iter().find(|a| a.key == b.key).and_then(|a| a.mean),
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemChange {
    pub statement: String,
    /// Scored values (reverse items turned round), so a positive delta
    /// always means "more of what the subscale measures".
    pub before: u8,
    pub after: u8,
}

impl ItemChange {
    pub fn delta(&self) -> i16 {
        i16::from(self.after) - i16::from(self.before)
    }
}

/// Statements answered in both attempts whose answer changed, the largest
/// change first (ties in the order of the scale).
pub fn item_changes(
    likert: &Likert,
    before: impl Fn(&str) -> Option<u8>,
    after: impl Fn(&str) -> Option<u8>,
) -> Vec<ItemChange> {
    let points = likert.scale.len();
    let mut changes: Vec<ItemChange> = likert
        .statements
        .iter()
        .filter_map(|s| {
            let b = scored_value(before(&s.id)?, points, s.reverse);
            let a = scored_value(after(&s.id)?, points, s.reverse);
            (a != b).then(|| ItemChange {
                statement: s.id.clone(),
                before: b,
                after: a,
            })
        })
        .collect();
    changes.sort_by_key(|c| std::cmp::Reverse(c.delta().abs()));
    changes
}
