//! Make the Difference – Learning.
//!
//! The pure layers (`content`, `assess`, `progress`, `sync`, `lang`)
//! compile and are tested on the host; the browser layers (`store`, `ui`)
//! exist only in the wasm build.

pub mod assess;
pub mod content;
pub mod crockford;
pub mod lang;
pub mod live;
pub mod progress;
pub mod sync;

#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;
