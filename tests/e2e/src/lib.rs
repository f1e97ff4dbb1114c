//! End-to-end test harness for mtd-learn.
//!
//! Every [`Browser`] gets its own chromedriver process (on a free port) and its
//! own fresh Chromium profile, so each browser starts with empty storage.
//! Nothing here sleeps for a fixed time: every wait polls a condition every
//! [`POLL`] until [`TIMEOUT`] and then fails with a message that names what was
//! awaited, what was last seen, the current URL and the start of the page text.
//!
//! Each browser also saves downloads, without asking, into a fresh folder of
//! its own ([`Browser::download_dir`], [`Browser::wait_download`]), and can
//! open a second window in the same session ([`Browser::open_window`]).
//!
//! Accessibility: [`Browser::axe`] runs axe-core in the page (the file
//! comes from `MTD_AXE_JS`), [`Browser::emulate_media`] switches the dark
//! theme and reduced motion, [`Browser::emulate_zoom`] shows the page as at
//! 200 % or 400 % zoom, [`Browser::ax_tree`] reads the accessibility tree,
//! and [`Browser::tab_to`] / [`Browser::assert_focus_visible`] walk the page
//! by keyboard.
//!
//! The app under test is reached through `MTD_BASE_URL` (set by
//! `scripts/test.sh`, which builds the release and serves it with nginx).

mod axe;
mod browser;
mod cdp;
mod checks;
mod downloads;
mod driver;
mod failure;
mod http;
mod keyboard;
mod page;
mod present;
mod server;
mod storage;
mod viewport;
mod wait;
mod windows;

pub use axe::{axe_path, Violation, AXE_TAGS};
pub use browser::{base_url, Browser};
pub use cdp::{AxNode, Theme};
pub use server::{dist, Server};
pub use page::{screenshot_dir, KEY_PREFIX, PROGRESS_KEY};
pub use viewport::Viewport;
pub use wait::{POLL, TIMEOUT};

pub use fantoccini;
