//! The learner's progress: what they answered, visited and wrote, as records
//! that two devices or tabs can merge without losing any, and the versioned
//! envelope it is stored in.
//!
//! Knows nothing of where it is stored; tested natively.

mod envelope;
mod record;
mod state;
mod time;

pub use envelope::{decode, encode, Decoded, Envelope, SCHEMA};
pub use record::Record;
pub use state::{Answer, Place, ProgressState};
pub use time::iso8601;
