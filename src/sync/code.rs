//! The sync code: 128 random bits, written for people.
//!
//! Shown as 26 Crockford base32 characters plus one check character, in
//! groups of four: `7K2M-9QXD-…-AB3`. Reading it back ignores case, spaces
//! and dashes and accepts the look-alikes O→0 and I/L→1, so a code typed
//! from a phone screen or read over the phone works.

use std::fmt;

use sha2::{Digest, Sha256};

use crate::crockford::{self, ALPHABET};

pub const CODE_BYTES: usize = 16;
/// 128 bits in 5-bit characters: 25 full characters and 3 bits.
const DATA_CHARS: usize = 26;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SyncCode([u8; CODE_BYTES]);

/// Why a typed code was not accepted, in words for the learner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeError {
    Length { found: usize },
    Character(char),
    Check,
}

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodeError::Length { found } => write!(
                f,
                "A sync code has 27 letters and digits; this one has {found}. Copy it again from the other device."
            ),
            CodeError::Character(c) => write!(
                f,
                "\"{c}\" does not occur in sync codes (they use digits and the letters A–Z without I, L, O and U)."
            ),
            CodeError::Check => f.write_str(
                "This code has a typo: its last character does not match the rest. Compare it with the other device letter by letter.",
            ),
        }
    }
}

impl SyncCode {
    /// A code from random bytes (the browser's `crypto.getRandomValues`).
    pub fn from_bytes(bytes: [u8; CODE_BYTES]) -> Self {
        SyncCode(bytes)
    }

    pub fn bytes(&self) -> &[u8; CODE_BYTES] {
        &self.0
    }

    fn check_char(bytes: &[u8; CODE_BYTES]) -> u8 {
        let digest = Sha256::digest(bytes);
        ALPHABET[usize::from(digest[0] >> 3)]
    }

    /// The 27 characters without grouping.
    fn compact(&self) -> String {
        let mut out = crockford::encode(&self.0);
        out.push(char::from(Self::check_char(&self.0)));
        out
    }

    /// Reads a code as a person typed it.
    pub fn parse(input: &str) -> Result<Self, CodeError> {
        let values = crockford::read_typed(input).map_err(CodeError::Character)?;
        if values.len() != DATA_CHARS + 1 {
            return Err(CodeError::Length {
                found: values.len(),
            });
        }
        let bytes = crockford::decode::<CODE_BYTES>(&values[..DATA_CHARS]).ok_or(CodeError::Check)?;
        if ALPHABET[usize::from(values[DATA_CHARS])] != Self::check_char(&bytes) {
            return Err(CodeError::Check);
        }
        Ok(SyncCode(bytes))
    }
}

/// Grouped in fours for reading aloud and copying.
impl fmt::Display for SyncCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crockford::grouped(&self.compact()))
    }
}

/// Never print the secret by accident (logs, panics).
impl fmt::Debug for SyncCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SyncCode(…)")
    }
}
