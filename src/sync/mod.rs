//! Optional sync to a static backend (docs/sync-protocol.md).
//!
//! Pure and native-tested: the sync code, key and file-name derivation,
//! encryption of the progress file, the protocol's decisions and messages,
//! and the QR code drawing. The browser side (HTTP, timers, settings UI)
//! lives in `ui::sync`.

mod code;
mod crypto;
mod protocol;
mod qr;

pub use code::{CodeError, SyncCode, CODE_BYTES};
pub use crypto::{open, seal, Keys, OpenError, NONCE_BYTES};
pub use protocol::{
    backoff_ms, check_base_url, file_url, link_fragment, parse_link_fragment, plan_after_fetch,
    SyncError, SyncStatus, UrlError, MAX_BODY_BYTES, REQUEST_TIMEOUT_MS,
};
pub use qr::qr_svg_path;
