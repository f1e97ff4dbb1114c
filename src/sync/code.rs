//! The sync code: 128 random bits, written for people.
//!
//! Shown as 26 Crockford base32 characters plus one check character, in
//! groups of four: `7K2M-9QXD-…-AB3`. Reading it back ignores case, spaces
//! and dashes and accepts the look-alikes O→0 and I/L→1, so a code typed
//! from a phone screen or read over the phone works.

use std::fmt;

use sha2::{Digest, Sha256};

pub const CODE_BYTES: usize = 16;
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
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
        let mut out = String::with_capacity(DATA_CHARS + 1);
        let mut acc: u32 = 0;
        let mut bits = 0;
        for &b in &self.0 {
            acc = (acc << 8) | u32::from(b);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                out.push(char::from(ALPHABET[((acc >> bits) & 31) as usize]));
            }
        }
        // 3 bits left: pad with zeros to a fifth character bit group.
        out.push(char::from(ALPHABET[((acc << (5 - bits)) & 31) as usize]));
        out.push(char::from(Self::check_char(&self.0)));
        out
    }

    /// Reads a code as a person typed it.
    pub fn parse(input: &str) -> Result<Self, CodeError> {
        let mut values = Vec::with_capacity(DATA_CHARS + 1);
        for c in input.chars().filter(|c| !c.is_whitespace() && *c != '-') {
            let c = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            let v = ALPHABET
                .iter()
                .position(|&a| char::from(a) == c)
                .ok_or(CodeError::Character(c))?;
            values.push(v as u8);
        }
        if values.len() != DATA_CHARS + 1 {
            return Err(CodeError::Length {
                found: values.len(),
            });
        }
        let mut bytes = [0u8; CODE_BYTES];
        let mut acc: u32 = 0;
        let mut bits = 0;
        let mut n = 0;
        for &v in &values[..DATA_CHARS] {
            acc = (acc << 5) | u32::from(v);
            bits += 5;
            if bits >= 8 && n < CODE_BYTES {
                bits -= 8;
                bytes[n] = (acc >> bits) as u8;
                n += 1;
            }
        }
        // The padding bits of the last character must be zero.
        if acc & ((1 << bits) - 1) != 0 {
            return Err(CodeError::Check);
        }
        if ALPHABET[usize::from(values[DATA_CHARS])] != Self::check_char(&bytes) {
            return Err(CodeError::Check);
        }
        Ok(SyncCode(bytes))
    }
}

/// Grouped in fours for reading aloud and copying.
impl fmt::Display for SyncCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let compact = self.compact();
        for (i, chunk) in compact.as_bytes().chunks(4).enumerate() {
            if i > 0 {
                f.write_str("-")?;
            }
            f.write_str(std::str::from_utf8(chunk).expect("ASCII"))?;
        }
        Ok(())
    }
}

/// Never print the secret by accident (logs, panics).
impl fmt::Debug for SyncCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SyncCode(…)")
    }
}
