//! Live hybrid sessions through the static backend (docs/live-session.md).
//!
//! Pure and native-tested: the session code, the trainer's state file,
//! the participants' answer files, the trainer's aggregate of them, and
//! the timing decisions (poll intervals, back-off, when an ETag can be
//! trusted). The browser side (HTTP, timers, views) lives in `ui::live`.

mod aggregate;
mod answer;
mod code;
mod state;
mod timing;

pub use aggregate::{parse_listing, Aggregate, ListingEntry, Tally};
pub use answer::{answer_file_name, parse_answer_file_name, AnswerError, PollAnswer};
pub use code::{SessionCode, SessionCodeError, SESSION_CODE_BYTES};
pub use state::{LiveState, Poll, PollKind, StateError, MAX_FILE_BYTES, MAX_OPTIONS, STATE_FILE};
pub use timing::{
    etag_trustworthy, failure_delay_ms, poll_delay_ms, HIDDEN_POLL_MS, REQUEST_TIMEOUT_MS,
    TRAINER_DEBOUNCE_MS, VISIBLE_POLL_MS,
};

/// The session folder under a checked base address (ends with `/`):
/// `<base>live/<code>/`.
pub fn session_folder(base: &str, code: &SessionCode) -> String {
    format!("{base}live/{}/", code.folder_name())
}

/// What a poll asks about, for the trainer's button ("Open poll: the
/// question"). `Display` is the English label; the UI says it in the
/// trainer's language by matching the variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PollTarget {
    /// The only question on the slide.
    TheQuestion,
    /// Question `n` (from 1) of several on the slide.
    Question(usize),
    /// Statement `n` (from 1) of a self-assessment on the slide.
    Statement(usize),
}

impl std::fmt::Display for PollTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PollTarget::TheQuestion => f.write_str("the question"),
            PollTarget::Question(n) => write!(f, "question {n}"),
            PollTarget::Statement(n) => write!(f, "statement {n}"),
        }
    }
}

/// What can be polled on a slide: each question, and each self-assessment
/// statement the projector shows (the first five of a block), with what it
/// asks about for the trainer's button. Ids too long for an answer file are
/// left out.
pub fn polls_on(blocks: &[crate::content::Block]) -> Vec<(Poll, PollTarget)> {
    use crate::content::{Block, QuestionKind};
    let mut out = Vec::new();
    let questions = blocks.iter().filter(|b| matches!(b, Block::Question(_))).count();
    let mut question_number = 0;
    for block in blocks {
        match block {
            Block::Question(q) => {
                question_number += 1;
                let kind = match q.kind {
                    QuestionKind::Multiple => PollKind::Multiple,
                    QuestionKind::Single | QuestionKind::TrueFalse => PollKind::Choice,
                };
                let target = if questions > 1 {
                    PollTarget::Question(question_number)
                } else {
                    PollTarget::TheQuestion
                };
                out.push((Poll { id: q.id.clone(), kind, options: q.options.len(), open: true }, target));
            }
            Block::Likert(l) => {
                for (n, statement) in l.statements.iter().take(LIKERT_POLLS).enumerate() {
                    out.push((
                        Poll { id: statement.id.clone(), kind: PollKind::Likert, options: l.scale.len(), open: true },
                        PollTarget::Statement(n + 1),
                    ));
                }
            }
            _ => {}
        }
    }
    out.retain(|(poll, _)| Poll::valid_id(&poll.id) && (1..=MAX_OPTIONS).contains(&poll.options));
    out
}

/// Statements of a Likert block on a slide that can be polled (the ones
/// the projector shows).
pub const LIKERT_POLLS: usize = 5;
