//! A participant's answer file: `p-<participant id>-<poll id>.json`,
//! holding `{"v":1,"poll":"<id>","choice":[i,...]}` (questions, positions
//! in the file's order from 0) or `{"v":1,"poll":"<id>","value":n}`
//! (Likert, 1..=points). The participant id is 64 random bits in hex, new
//! for each session; it is not the device id and names nobody.

use std::fmt;

use serde_json::{json, Value};

use super::state::{Poll, PollKind, MAX_FILE_BYTES};

/// One participant's answer to one poll.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PollAnswer {
    /// Option positions, ascending, without repeats.
    Choice(Vec<usize>),
    /// 1..=points.
    Value(usize),
}

/// Why an answer file was not counted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerError {
    NotJson,
    /// Another format version.
    Version,
    /// The file answers another poll than its name says.
    OtherPoll,
    /// The answer does not fit the poll (kind, option out of range, …).
    Invalid,
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AnswerError::NotJson => "not JSON",
            AnswerError::Version => "unknown format version",
            AnswerError::OtherPoll => "answers another poll",
            AnswerError::Invalid => "does not fit the poll",
        })
    }
}

fn valid_participant(id: &str) -> bool {
    id.len() == 16 && id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The answer file's name, or `None` when the ids cannot form one.
pub fn answer_file_name(participant: &str, poll: &str) -> Option<String> {
    (valid_participant(participant) && Poll::valid_id(poll))
        .then(|| format!("p-{participant}-{poll}.json"))
}

/// `(participant id, poll id)` of a file name made by [`answer_file_name`].
pub fn parse_answer_file_name(name: &str) -> Option<(&str, &str)> {
    let rest = name.strip_prefix("p-")?.strip_suffix(".json")?;
    let (participant, poll) = (rest.get(..16)?, rest.get(17..)?);
    (rest.as_bytes().get(16) == Some(&b'-') && valid_participant(participant) && Poll::valid_id(poll))
        .then_some((participant, poll))
}

impl PollAnswer {
    /// Checks the answer against the poll: the right kind, options in
    /// range, one option for single choice; sorts and deduplicates.
    pub fn fitted(self, poll: &Poll) -> Result<PollAnswer, AnswerError> {
        match (self, poll.kind) {
            (PollAnswer::Choice(mut chosen), PollKind::Choice | PollKind::Multiple) => {
                chosen.sort_unstable();
                chosen.dedup();
                let single = poll.kind == PollKind::Choice;
                if chosen.is_empty()
                    || (single && chosen.len() != 1)
                    || chosen.iter().any(|&i| i >= poll.options)
                {
                    return Err(AnswerError::Invalid);
                }
                Ok(PollAnswer::Choice(chosen))
            }
            (PollAnswer::Value(v), PollKind::Likert) if (1..=poll.options).contains(&v) => {
                Ok(PollAnswer::Value(v))
            }
            _ => Err(AnswerError::Invalid),
        }
    }

    /// The file's body.
    pub fn to_json(&self, poll: &str) -> String {
        match self {
            PollAnswer::Choice(chosen) => json!({"v": 1, "poll": poll, "choice": chosen}),
            PollAnswer::Value(v) => json!({"v": 1, "poll": poll, "value": v}),
        }
        .to_string()
    }

    /// Reads a file's body as an answer to `poll`.
    pub fn parse(text: &str, poll: &Poll) -> Result<PollAnswer, AnswerError> {
        if text.len() > MAX_FILE_BYTES {
            return Err(AnswerError::Invalid);
        }
        let value: Value = serde_json::from_str(text).map_err(|_| AnswerError::NotJson)?;
        if value.get("v").and_then(Value::as_u64) != Some(1) {
            return Err(AnswerError::Version);
        }
        if value.get("poll").and_then(Value::as_str) != Some(poll.id.as_str()) {
            return Err(AnswerError::OtherPoll);
        }
        let answer = match (value.get("choice"), value.get("value")) {
            (Some(Value::Array(items)), None) => PollAnswer::Choice(
                items
                    .iter()
                    .map(|i| i.as_u64().map(|i| i as usize).ok_or(AnswerError::Invalid))
                    .collect::<Result<_, _>>()?,
            ),
            (None, Some(v)) => PollAnswer::Value(v.as_u64().ok_or(AnswerError::Invalid)? as usize),
            _ => return Err(AnswerError::Invalid),
        };
        answer.fitted(poll)
    }
}
