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
