//! `state.json`: what the trainer shows, written by the trainer on every
//! change and read by every participant.
//!
//! ```json
//! {"v":1,"module":"family-dynamics","lang":"en","slide":4,"total":23,
//!  "poll":{"id":"fd-q-rules","kind":"choice","options":4,"open":true},
//!  "ended":false,"at":1763830000000}
//! ```
//!
//! Reading is strict about what it uses (a malformed file is an error, not
//! a guess) and lenient about the rest: unknown fields of version 1 are
//! ignored, so a later app may add some.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::content::is_valid_id;

/// The file's name in the session folder.
pub const STATE_FILE: &str = "state.json";
/// The backend refuses larger bodies (deploy/nginx-sync.conf); the app
/// reads no larger file either.
pub const MAX_FILE_BYTES: usize = 16 * 1024;
/// More options than any question or scale of the content has.
pub const MAX_OPTIONS: usize = 20;
/// Poll ids must leave room for `p-<16 hex>-` in a 64-character name.
pub(crate) const MAX_POLL_ID: usize = 45;
const MAX_SLIDES: usize = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PollKind {
    /// One option (single choice and true/false questions).
    Choice,
    /// Any number of options.
    Multiple,
    /// One point of a scale, 1..=options.
    Likert,
}

impl PollKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PollKind::Choice => "choice",
            PollKind::Multiple => "multiple",
            PollKind::Likert => "likert",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "choice" => PollKind::Choice,
            "multiple" => PollKind::Multiple,
            "likert" => PollKind::Likert,
            _ => return None,
        })
    }
}

/// A poll on one question or one self-assessment statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Poll {
    /// A question id or a Likert statement id (`<likert id>.<n>`).
    pub id: String,
    pub kind: PollKind,
    /// Number of options, or points of the scale.
    pub options: usize,
    /// Participants may answer while open; a closed poll keeps its result.
    pub open: bool,
}

impl Poll {
    /// Whether `id` can name a poll (and so an answer file).
    pub fn valid_id(id: &str) -> bool {
        !id.is_empty()
            && id.len() <= MAX_POLL_ID
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveState {
    pub module: String,
    /// The content language the trainer presents in.
    pub lang: String,
    /// 1-based.
    pub slide: usize,
    pub total: usize,
    pub poll: Option<Poll>,
    pub ended: bool,
    /// When the trainer wrote it (ms since the epoch, the trainer's clock).
    pub at: u64,
}

/// Why a state file was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StateError {
    TooLarge { bytes: usize },
    /// Written by a newer app (`v` above 1).
    Newer { version: u64 },
    /// Not JSON, or a field missing or out of range.
    Malformed(String),
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StateError::TooLarge { bytes } => write!(f, "the session file has {bytes} bytes, far more than it can have"),
            StateError::Newer { version } => write!(f, "the session was started by a newer version of this app (format {version}); reload this page"),
            StateError::Malformed(why) => write!(f, "the session file cannot be read: {why}"),
        }
    }
}

#[derive(Serialize)]
struct WirePoll<'a> {
    id: &'a str,
    kind: &'static str,
    options: usize,
    open: bool,
}

#[derive(Serialize)]
struct Wire<'a> {
    v: u64,
    module: &'a str,
    lang: &'a str,
    slide: usize,
    total: usize,
    poll: Option<WirePoll<'a>>,
    ended: bool,
    at: u64,
}

#[derive(Deserialize)]
struct ReadPoll {
    id: String,
    kind: String,
    options: usize,
    open: bool,
}

#[derive(Deserialize)]
struct Read {
    module: String,
    lang: String,
    slide: usize,
    total: usize,
    poll: Option<ReadPoll>,
    ended: bool,
    at: u64,
}

impl LiveState {
    /// The file's JSON, fields in the documented order.
    pub fn to_json(&self) -> String {
        let wire = Wire {
            v: 1,
            module: &self.module,
            lang: &self.lang,
            slide: self.slide,
            total: self.total,
            poll: self.poll.as_ref().map(|p| WirePoll {
                id: &p.id,
                kind: p.kind.as_str(),
                options: p.options,
                open: p.open,
            }),
            ended: self.ended,
            at: self.at,
        };
        serde_json::to_string(&wire).expect("the state serialises")
    }

    pub fn parse(text: &str) -> Result<Self, StateError> {
        if text.len() > MAX_FILE_BYTES {
            return Err(StateError::TooLarge { bytes: text.len() });
        }
        let malformed = |why: &str| StateError::Malformed(why.to_owned());
        let value: Value = serde_json::from_str(text).map_err(|_| malformed("it is not JSON"))?;
        match value.get("v").and_then(Value::as_u64) {
            Some(1) => {}
            Some(version) if version > 1 => return Err(StateError::Newer { version }),
            _ => return Err(malformed("it has no format version 1")),
        }
        let read: Read =
            serde_json::from_value(value).map_err(|e| StateError::Malformed(e.to_string()))?;
        if !is_valid_id(&read.module) || !is_valid_id(&read.lang) {
            return Err(malformed("the module or language is not a valid id"));
        }
        if read.total == 0 || read.total > MAX_SLIDES || read.slide == 0 || read.slide > read.total {
            return Err(malformed("the slide number is out of range"));
        }
        let poll = match read.poll {
            None => None,
            Some(p) => {
                let kind = PollKind::parse(&p.kind).ok_or_else(|| malformed("unknown poll kind"))?;
                if !Poll::valid_id(&p.id) {
                    return Err(malformed("the poll id is not valid"));
                }
                if p.options == 0 || p.options > MAX_OPTIONS {
                    return Err(malformed("the poll has no or too many options"));
                }
                Some(Poll {
                    id: p.id,
                    kind,
                    options: p.options,
                    open: p.open,
                })
            }
        };
        Ok(LiveState {
            module: read.module,
            lang: read.lang,
            slide: read.slide,
            total: read.total,
            poll,
            ended: read.ended,
            at: read.at,
        })
    }
}
