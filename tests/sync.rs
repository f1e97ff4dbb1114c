//! Sync: the code, key and file-name derivation, encryption, and the
//! protocol's decisions (docs/sync-protocol.md).
#![cfg(not(target_arch = "wasm32"))]

use mtd_learn::progress::{encode, Answer, ProgressState};
use mtd_learn::sync::*;
use proptest::prelude::*;

fn code(seed: u8) -> SyncCode {
    SyncCode::from_bytes([seed; CODE_BYTES])
}

fn some_progress() -> ProgressState {
    let mut s = ProgressState::default();
    s.set_answer(
        "family-dynamics",
        "q-rules",
        Answer::Choice {
            selected: vec![1],
            checked: true,
            attempt: 1,
        },
        1_700_000_000_000,
        "laptop",
    );
    s.set_reflection("family-dynamics", "r1", "my own thoughts".into(), 1_700_000_000_001, "laptop");
    s
}

// --- the code ----------------------------------------------------------

proptest! {
    #[test]
    fn a_code_reads_back_from_its_display(bytes in any::<[u8; CODE_BYTES]>()) {
        let code = SyncCode::from_bytes(bytes);
        let shown = code.to_string();
        prop_assert_eq!(SyncCode::parse(&shown), Ok(code));
        // Typed carelessly: lower case, spaces for dashes.
        let typed = shown.to_lowercase().replace('-', " ");
        prop_assert_eq!(SyncCode::parse(&typed), Ok(code));
    }
}

#[test]
fn one_wrong_character_is_caught_by_the_check_character() {
    // The check character is 5 bits of SHA-256: about 31 of 32 single-
    // character typos are refused rather than read as another code.
    const A: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let (mut typos, mut caught) = (0, 0);
    for seed in 0..200u32 {
        let bytes: [u8; CODE_BYTES] = std::array::from_fn(|i| (seed.wrapping_mul(2654435761) >> (i % 4 * 8)) as u8 ^ i as u8);
        let shown: Vec<u8> = SyncCode::from_bytes(bytes).to_string().replace('-', "").into_bytes();
        for pos in 0..shown.len() {
            for delta in [1, 2, 7, 16, 31] {
                let old = A.iter().position(|&c| c == shown[pos]).unwrap();
                let mut typo = shown.clone();
                typo[pos] = A[(old + delta) % 32];
                typos += 1;
                match SyncCode::parse(std::str::from_utf8(&typo).unwrap()) {
                    Err(_) => caught += 1,
                    Ok(other) => assert_ne!(other, SyncCode::from_bytes(bytes)),
                }
            }
        }
    }
    assert!(caught * 100 >= typos * 93, "{caught} of {typos} typos caught");
}

#[test]
fn a_code_is_27_characters_in_groups_and_never_printed_by_debug() {
    let shown = code(7).to_string();
    assert_eq!(shown.replace('-', "").len(), 27, "{shown}");
    assert_eq!(shown.split('-').count(), 7, "{shown}");
    assert!(!format!("{:?}", code(7)).contains(&shown[..4]));
}

#[test]
fn look_alike_letters_are_read_as_digits() {
    let shown = SyncCode::from_bytes([0u8; CODE_BYTES]).to_string();
    assert!(shown.starts_with("0000"), "{shown}");
    let typed = shown.replacen('0', "O", 3);
    assert_eq!(SyncCode::parse(&typed), Ok(SyncCode::from_bytes([0u8; CODE_BYTES])));
}

#[test]
fn typing_mistakes_get_a_message_that_says_what_to_do() {
    let short = SyncCode::parse("ABCD-EFGH");
    assert_eq!(short, Err(CodeError::Length { found: 8 }));
    assert!(short.unwrap_err().to_string().contains("27"));
    assert_eq!(SyncCode::parse("ABCU"), Err(CodeError::Character('U')));
    let mut shown = code(3).to_string();
    let last = shown.pop().unwrap();
    shown.push(if last == 'Z' { 'Y' } else { 'Z' });
    assert_eq!(SyncCode::parse(&shown), Err(CodeError::Check));
    assert!(CodeError::Check.to_string().contains("typo"));
}

// --- keys and file names ---------------------------------------------------

#[test]
fn the_file_name_is_derived_from_the_code_alone_and_reveals_nothing_readable() {
    let a = Keys::derive(&code(1));
    assert_eq!(a.file_id, Keys::derive(&code(1)).file_id, "same code, same file");
    assert_ne!(a.file_id, Keys::derive(&code(2)).file_id, "other code, other file");
    assert_eq!(a.file_id.len(), 32);
    assert!(a.file_id.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    // Nothing of the code itself appears in the name.
    let shown = code(1).to_string().replace('-', "").to_lowercase();
    assert!(!a.file_id.contains(&shown[..8]));
    // Known answer, so that a change of derivation (which would orphan every
    // learner's file) cannot go unnoticed.
    assert_eq!(
        Keys::derive(&SyncCode::from_bytes([0u8; CODE_BYTES])).file_id,
        KNOWN_FILE_ID_OF_ZERO_CODE
    );
}

/// Computed independently with Python's hmac module (RFC 5869 by hand):
/// HKDF-SHA256, salt "mtd-learn sync v1", info "file name", 16 bytes.
const KNOWN_FILE_ID_OF_ZERO_CODE: &str = "eead12227a1622351ed183c81d6339df";

// --- encryption ------------------------------------------------------------

#[test]
fn a_sealed_file_opens_with_its_code_only() {
    let keys = Keys::derive(&code(1));
    let plain = encode(&some_progress(), "laptop", 1_700_000_000_002);
    let file = seal(&keys, [9; NONCE_BYTES], plain.as_bytes());
    assert_eq!(open(&keys, &file).unwrap(), plain.as_bytes());
    assert_eq!(open(&Keys::derive(&code(2)), &file), Err(OpenError::Tampered));
}

#[test]
fn the_file_on_the_server_is_not_readable_json() {
    let keys = Keys::derive(&code(1));
    let plain = encode(&some_progress(), "laptop", 1);
    let file = seal(&keys, [9; NONCE_BYTES], plain.as_bytes());
    assert!(serde_json::from_slice::<serde_json::Value>(&file).is_err());
    let text = String::from_utf8_lossy(&file);
    for secret in ["family-dynamics", "q-rules", "my own thoughts", "laptop", "schema"] {
        assert!(!text.contains(secret), "{secret} is readable in the file");
    }
    assert!(file.starts_with(b"MTDS\x01"));
}

#[test]
fn two_seals_of_the_same_progress_differ_with_different_nonces() {
    let keys = Keys::derive(&code(1));
    let a = seal(&keys, [1; NONCE_BYTES], b"same");
    let b = seal(&keys, [2; NONCE_BYTES], b"same");
    assert_ne!(a, b);
}

proptest! {
    #[test]
    fn any_flipped_byte_fails_to_open(pos in 0usize..200, bit in 0u8..8) {
        let keys = Keys::derive(&code(5));
        let mut file = seal(&keys, [3; NONCE_BYTES], &[b'x'; 150]);
        let pos = pos % file.len();
        file[pos] ^= 1 << bit;
        prop_assert!(open(&keys, &file).is_err(), "byte {} bit {} flipped and still opened", pos, bit);
    }

    #[test]
    fn a_truncated_file_fails_to_open(cut in 0usize..60) {
        let keys = Keys::derive(&code(5));
        let file = seal(&keys, [3; NONCE_BYTES], b"some progress");
        let cut = cut.min(file.len() - 1);
        prop_assert!(open(&keys, &file[..cut]).is_err());
    }
}

#[test]
fn a_file_moved_to_another_name_does_not_open() {
    // The name is authenticated: the server cannot swap two learners' files.
    let a = Keys::derive(&code(1));
    let file = seal(&a, [3; NONCE_BYTES], b"progress");
    let mut moved = Keys::derive(&code(1));
    moved.file_id = Keys::derive(&code(2)).file_id;
    assert_eq!(open(&moved, &file), Err(OpenError::Tampered));
}

#[test]
fn what_is_not_a_sync_file_is_named_as_such() {
    let keys = Keys::derive(&code(1));
    assert_eq!(open(&keys, b"<!DOCTYPE html><html>"), Err(OpenError::NotOurs));
    assert_eq!(open(&keys, br#"{"schema":2}"#), Err(OpenError::NotOurs));
    assert_eq!(open(&keys, b""), Err(OpenError::NotOurs));
    assert_eq!(open(&keys, b"MTDS\x07rest"), Err(OpenError::NewerFormat(7)));
}

// --- protocol decisions ----------------------------------------------------

#[test]
fn retries_back_off_from_two_seconds_to_five_minutes() {
    let waits: Vec<u64> = (1..=12).map(backoff_ms).collect();
    assert_eq!(&waits[..4], &[2_000, 4_000, 8_000, 16_000]);
    assert!(waits.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(*waits.last().unwrap(), 300_000);
    assert_eq!(backoff_ms(u32::MAX), 300_000);
}

#[test]
fn backend_addresses_are_checked_and_normalised() {
    assert_eq!(check_base_url(" /sync "), Ok("/sync/".into()));
    assert_eq!(
        check_base_url("https://learn.example.org/sync/"),
        Ok("https://learn.example.org/sync/".into())
    );
    assert_eq!(check_base_url("http://127.0.0.1:8080/sync"), Ok("http://127.0.0.1:8080/sync/".into()));
    let plain_http = check_base_url("http://learn.example.org/sync/").unwrap_err().to_string();
    assert!(plain_http.contains("https://"), "{plain_http}");
    for bad in ["", "//evil.example/x", "javascript:alert(1)", "/sync/?x=1", "ftp://x/"] {
        assert!(check_base_url(bad).is_err(), "{bad} accepted");
    }
    assert_eq!(file_url("/sync/", "ab12"), "/sync/ab12.mtds");
}

#[test]
fn a_link_carries_address_and_code_in_the_fragment() {
    let shown = code(4).to_string();
    let frag = link_fragment("https://learn.example.org/sync/", Some(&shown));
    assert!(!frag.contains(' ') && !frag.contains('#'));
    assert_eq!(
        parse_link_fragment(&format!("#{frag}")),
        (Some("https://learn.example.org/sync/".into()), Some(shown))
    );
    let trainer = link_fragment("/sync/ & more", None);
    assert_eq!(parse_link_fragment(&trainer), (Some("/sync/ & more".into()), None));
    assert_eq!(parse_link_fragment("url=%ZZ&code="), (None, None));
}

proptest! {
    #[test]
    fn any_address_survives_the_link(url in "\\PC{0,40}") {
        let frag = link_fragment(&url, Some("AB"));
        let (back, code) = parse_link_fragment(&frag);
        prop_assert_eq!(back, if url.is_empty() { None } else { Some(url) });
        prop_assert_eq!(code, Some("AB".to_string()));
    }
}

#[test]
fn with_no_file_on_the_server_the_local_progress_is_uploaded() {
    let local = some_progress();
    let (merged, upload) = plan_after_fetch(&local, None);
    assert_eq!(merged, local);
    assert!(upload);
}

#[test]
fn a_server_file_that_holds_everything_needs_no_upload() {
    let mut remote = some_progress();
    remote.visit("family-dynamics", "intro", 5, "phone");
    let local = some_progress();
    let (merged, upload) = plan_after_fetch(&local, Some(&remote));
    assert_eq!(merged, remote, "the local side gains the phone's visit");
    assert!(!upload);
}

proptest! {
    #[test]
    fn after_a_sync_both_sides_hold_the_union(a in 0u64..50, b in 0u64..50) {
        let mut local = some_progress();
        local.visit("m", "s1", a, "laptop");
        let mut remote = ProgressState::default();
        remote.visit("m", "s2", b, "phone");
        let (merged, upload) = plan_after_fetch(&local, Some(&remote));
        prop_assert!(upload, "the server lacks the laptop's records");
        prop_assert!(merged.visited("m", "s1") && merged.visited("m", "s2"));
        prop_assert!(merged.answer("family-dynamics", "q-rules").is_some());
        // Syncing again changes nothing.
        let (again, upload_again) = plan_after_fetch(&merged, Some(&merged));
        prop_assert_eq!(again, merged);
        prop_assert!(!upload_again);
    }
}

#[test]
fn every_error_has_a_kind_and_a_message_that_keeps_the_learner_calm() {
    let errors = [
        SyncError::Offline,
        SyncError::Unreachable,
        SyncError::Timeout,
        SyncError::NoSuchCode,
        SyncError::Status { code: 401, upload: false },
        SyncError::Status { code: 403, upload: true },
        SyncError::Status { code: 413, upload: true },
        SyncError::Status { code: 503, upload: false },
        SyncError::Status { code: 418, upload: false },
        SyncError::TooLarge { bytes: 9_000_000 },
        SyncError::NotOurs,
        SyncError::Tampered,
        SyncError::NewerFormat,
        SyncError::Unreadable("bad".into()),
    ];
    for e in &errors {
        assert!(!e.kind().is_empty());
        assert!(e.to_string().len() > 20, "{e:?}");
    }
    assert_eq!(SyncError::Status { code: 403, upload: true }.kind(), "refused");
    assert_eq!(SyncError::Status { code: 502, upload: false }.kind(), "server-error");
    assert!(SyncError::Status { code: 503, upload: false }.to_string().contains("503"));
    assert_eq!(
        SyncStatus::Failed { error: SyncError::Offline, retry_at: 0 }.state(),
        "offline"
    );
    assert_eq!(SyncStatus::Failed { error: SyncError::Timeout, retry_at: 0 }.state(), "error");
}

#[test]
fn the_qr_code_of_a_link_is_drawn_as_a_square_path() {
    let (size, d) = qr_svg_path("https://learn.example.org/settings#url=%2Fsync%2F&code=ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-234").unwrap();
    assert!((21..=177).contains(&size) && (size - 17) % 4 == 0, "QR sizes are 17+4v");
    assert!(d.starts_with("M0 0h7v1h-7z"), "finder pattern top left: {}", &d[..20]);
    assert!(qr_svg_path(&"x".repeat(5000)).is_none());
}

proptest! {
    #[test]
    fn the_server_stores_the_envelope_plus_33_bytes(len in 0usize..4000) {
        // 5 header + 12 nonce + 16 tag: what docs/sync-protocol.md promises.
        let keys = Keys::derive(&code(9));
        let file = seal(&keys, [0; NONCE_BYTES], &vec![b'a'; len]);
        prop_assert_eq!(file.len(), len + 33);
    }
}
