//! Keys, file name and encryption of the sync file.
//!
//! From the code's 128 bits, HKDF-SHA256 derives two independent values:
//! the AES-256-GCM key and the file name. The server sees only the file
//! name, which reveals nothing about the key. The code already has full
//! entropy, so no slow password hash is needed.
//!
//! File layout: `MTDS` · version byte 1 · 12-byte nonce · ciphertext+tag.
//! The header and the file name are authenticated data, so a file moved to
//! another name or with a changed header does not decrypt.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use hkdf::Hkdf;
use sha2::Sha256;

use super::code::SyncCode;

pub const NONCE_BYTES: usize = 12;
const MAGIC: &[u8; 4] = b"MTDS";
const VERSION: u8 = 1;
const HEADER: usize = MAGIC.len() + 1;
const TAG_BYTES: usize = 16;
const SALT: &[u8] = b"mtd-learn sync v1";

pub struct Keys {
    key: [u8; 32],
    /// 32 lowercase hex characters: the file's name on the server.
    pub file_id: String,
}

impl Keys {
    pub fn derive(code: &SyncCode) -> Self {
        let hk = Hkdf::<Sha256>::new(Some(SALT), code.bytes());
        let mut key = [0u8; 32];
        hk.expand(b"aes-256-gcm key", &mut key)
            .expect("32 bytes is a valid HKDF-SHA256 length");
        let mut id = [0u8; 16];
        hk.expand(b"file name", &mut id)
            .expect("16 bytes is a valid HKDF-SHA256 length");
        let file_id = id.iter().map(|b| format!("{b:02x}")).collect();
        Keys { key, file_id }
    }

    fn aad(&self, header: &[u8]) -> Vec<u8> {
        let mut aad = header.to_vec();
        aad.extend_from_slice(self.file_id.as_bytes());
        aad
    }
}

/// Why a downloaded file could not be opened. Local data is never touched
/// in any of these cases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// Not a sync file of this app (an HTML page, a JSON document, …).
    NotOurs,
    /// A sync file of a newer format.
    NewerFormat(u8),
    /// Does not decrypt: changed on the server, truncated, or another code's.
    Tampered,
}

/// Encrypts `plaintext` with a fresh random nonce (from the caller).
pub fn seal(keys: &Keys, nonce: [u8; NONCE_BYTES], plaintext: &[u8]) -> Vec<u8> {
    let cipher = Aes256Gcm::new(&keys.key.into());
    let mut out = Vec::with_capacity(HEADER + NONCE_BYTES + plaintext.len() + TAG_BYTES);
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    let aad = keys.aad(&out);
    let sealed = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad: &aad,
            },
        )
        .expect("AES-GCM encryption of an in-memory buffer cannot fail");
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    out
}

pub fn open(keys: &Keys, file: &[u8]) -> Result<Vec<u8>, OpenError> {
    if file.len() < HEADER || &file[..MAGIC.len()] != MAGIC {
        return Err(OpenError::NotOurs);
    }
    let version = file[MAGIC.len()];
    if version > VERSION {
        return Err(OpenError::NewerFormat(version));
    }
    if version != VERSION || file.len() < HEADER + NONCE_BYTES + TAG_BYTES {
        return Err(OpenError::Tampered);
    }
    let cipher = Aes256Gcm::new(&keys.key.into());
    let (nonce, sealed) = file[HEADER..].split_at(NONCE_BYTES);
    cipher
        .decrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: sealed,
                aad: &keys.aad(&file[..HEADER]),
            },
        )
        .map_err(|_| OpenError::Tampered)
}
