//! The learner's progress: what they answered, visited and wrote, as records
//! that two devices or tabs can merge without losing any, and the versioned
//! envelope it is stored in.
//!
//! Knows nothing of where it is stored; tested natively.

mod attempts;
mod envelope;
mod migrate;
mod record;
mod state;
mod synthetic;
mod time;

pub use attempts::{attempt_key, Attempt, Phase};
pub use envelope::{
    decode, encode, export, import, Decoded, Envelope, ImportError, EXPORT_FORMAT, SCHEMA,
};
pub use record::Record;
pub use state::{Answer, ModuleProgress, Place, ProgressState};
pub use synthetic::{as_schema_1, synthetic_state};
pub use time::iso8601;
