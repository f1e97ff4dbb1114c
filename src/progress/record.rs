//! A value with when and where it was written: the unit of merging.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record<T> {
    pub value: T,
    /// Milliseconds since 1970-01-01 UTC on the writing device's clock.
    pub at: u64,
    /// Id of the device (browser profile) that wrote it.
    pub device: String,
}

impl<T: Ord> Record<T> {
    pub fn new(value: T, at: u64, device: &str) -> Self {
        Record {
            value,
            at,
            device: device.to_owned(),
        }
    }

    /// Total order for "which one wins": later time first, then device id,
    /// then value, so that every device picks the same winner whatever the
    /// order in which it sees the two.
    fn rank(&self, other: &Self) -> Ordering {
        self.at
            .cmp(&other.at)
            .then_with(|| self.device.cmp(&other.device))
            .then_with(|| self.value.cmp(&other.value))
    }

    /// The record that wins between two versions of the same key.
    pub fn latest(a: Self, b: Self) -> Self {
        if a.rank(&b) == Ordering::Less {
            b
        } else {
            a
        }
    }
}
