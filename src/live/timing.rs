//! When participants and the trainer talk to the backend.

/// A participant reads `state.json` this often while the page is visible…
pub const VISIBLE_POLL_MS: u64 = 1_500;
/// …and this often while it is hidden (another tab, phone locked).
pub const HIDDEN_POLL_MS: u64 = 10_000;
/// The trainer writes the state once no change followed for this long.
pub const TRAINER_DEBOUNCE_MS: u64 = 100;
/// A request that has not finished by then is given up and retried.
pub const REQUEST_TIMEOUT_MS: u32 = 8_000;
const FIRST_RETRY_MS: u64 = 2_000;
const LONGEST_RETRY_MS: u64 = 10_000;

/// Waiting time after `failures` failed requests in a row (at least 1):
/// 2 s, 4 s, 8 s, then every 10 s.
pub fn failure_delay_ms(failures: u32) -> u64 {
    let doublings = failures.saturating_sub(1).min(10);
    (FIRST_RETRY_MS << doublings).min(LONGEST_RETRY_MS)
}

/// Time until the next read of the session.
pub fn poll_delay_ms(visible: bool, failures: u32) -> u64 {
    let base = if visible { VISIBLE_POLL_MS } else { HIDDEN_POLL_MS };
    if failures == 0 {
        base
    } else {
        failure_delay_ms(failures).max(base)
    }
}

/// Whether the ETag of a file fetched with these headers may be sent as
/// `If-None-Match` next time. nginx's ETag is made of the modification
/// time in whole seconds and the size, so a change in the same second as
/// the fetch, to a file of the same size, would keep the ETag: a file read
/// in the second it was written is read in full once more.
pub fn etag_trustworthy(last_modified: Option<&str>, date: Option<&str>) -> bool {
    match (last_modified, date) {
        (Some(modified), Some(date)) => modified != date,
        _ => true,
    }
}
