//! Make the Difference – Learning.
//!
//! The pure layers (`content`, `progress`) compile and are tested on the host;
//! the browser layers (`store`, `ui`) exist only in the wasm build.

pub mod content;
pub mod progress;
