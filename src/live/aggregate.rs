//! The trainer's live result of a poll, kept up to date from the session
//! folder's listing (nginx autoindex, JSON) with as few requests as
//! possible: an answer file is fetched only when it is new, when its
//! (mtime, size) changed, or when it was fetched in the very second it was
//! written (mtime has one-second resolution, so a second write in that
//! second could otherwise go unnoticed).
//!
//! Only counts leave this module: no individual answer is ever shown.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::answer::{parse_answer_file_name, PollAnswer};
use super::state::Poll;

/// One file of the session folder, as the listing describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListingEntry {
    pub name: String,
    /// As nginx writes it: `Sun, 22 Nov 2026 17:43:00 GMT`.
    pub mtime: String,
    pub size: u64,
}

#[derive(Deserialize)]
struct RawEntry {
    name: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    mtime: String,
    #[serde(default)]
    size: u64,
}

/// The files of an nginx `autoindex_format json` listing (folders and
/// anything unreadable left out); `Err` when it is not such a listing.
pub fn parse_listing(text: &str) -> Result<Vec<ListingEntry>, String> {
    let raw: Vec<serde_json::Value> =
        serde_json::from_str(text).map_err(|_| "the folder listing is not a JSON list".to_owned())?;
    Ok(raw
        .into_iter()
        .filter_map(|v| serde_json::from_value::<RawEntry>(v).ok())
        .filter(|e| e.kind == "file")
        .map(|e| ListingEntry {
            name: e.name,
            mtime: e.mtime,
            size: e.size,
        })
        .collect())
}

/// The counts the projector shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Participants whose answer counts.
    pub answers: usize,
    /// Per option (or scale point, from 1), how many chose it.
    pub counts: Vec<usize>,
    /// Answer files of this poll that could not be read or do not fit it.
    pub ignored: usize,
}

#[derive(Clone, Debug)]
struct Seen {
    mtime: String,
    size: u64,
    /// Fetched after the second of its mtime had passed: a later change
    /// must show in the listing.
    settled: bool,
    /// `None` when the file is malformed.
    answer: Option<PollAnswer>,
}

/// The answers to one poll, by file name.
#[derive(Clone, Debug)]
pub struct Aggregate {
    poll: Poll,
    files: BTreeMap<String, Seen>,
}

impl Aggregate {
    pub fn new(poll: Poll) -> Self {
        Aggregate {
            poll,
            files: BTreeMap::new(),
        }
    }

    pub fn poll(&self) -> &Poll {
        &self.poll
    }

    fn ours(&self, entry: &ListingEntry) -> bool {
        parse_answer_file_name(&entry.name).is_some_and(|(_, poll)| poll == self.poll.id)
    }

    /// After a new listing: forgets files that are gone and returns the
    /// entries of this poll's answer files that must be fetched.
    pub fn to_fetch(&mut self, listing: &[ListingEntry]) -> Vec<ListingEntry> {
        self.files
            .retain(|name, _| listing.iter().any(|e| &e.name == name));
        listing
            .iter()
            .filter(|e| self.ours(e))
            .filter(|e| match self.files.get(&e.name) {
                None => true,
                Some(seen) => !seen.settled || seen.mtime != e.mtime || seen.size != e.size,
            })
            .cloned()
            .collect()
    }

    /// Takes in a fetched file. `listing_date` is the `Date` of the listing
    /// that named it (`None` if the server did not say).
    pub fn record(&mut self, entry: &ListingEntry, listing_date: Option<&str>, body: &str) {
        if !self.ours(entry) {
            return;
        }
        let answer = PollAnswer::parse(body, &self.poll).ok();
        let settled = listing_date.is_none_or(|date| date != entry.mtime);
        self.files.insert(
            entry.name.clone(),
            Seen {
                mtime: entry.mtime.clone(),
                size: entry.size,
                settled,
                answer,
            },
        );
    }

    /// A file named in the listing was gone when fetched (404).
    pub fn forget(&mut self, name: &str) {
        self.files.remove(name);
    }

    pub fn tally(&self) -> Tally {
        let mut tally = Tally {
            answers: 0,
            counts: vec![0; self.poll.options],
            ignored: 0,
        };
        for seen in self.files.values() {
            match &seen.answer {
                None => tally.ignored += 1,
                Some(answer) => {
                    tally.answers += 1;
                    match answer {
                        PollAnswer::Choice(chosen) => {
                            for &i in chosen {
                                if let Some(c) = tally.counts.get_mut(i) {
                                    *c += 1;
                                }
                            }
                        }
                        PollAnswer::Value(v) => {
                            if let Some(c) = tally.counts.get_mut(v.wrapping_sub(1)) {
                                *c += 1;
                            }
                        }
                    }
                }
            }
        }
        tally
    }
}
