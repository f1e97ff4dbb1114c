//! The live-session code: 40 random bits as 8 Crockford base32 characters,
//! shown as `XXXX-XXXX` and used in lower case as the folder name.
//!
//! Reading ignores case, spaces and dashes and accepts the look-alikes
//! O→0 and I/L→1, as the sync code does. There is no check character: a
//! mistyped code simply names a folder that does not exist, and the
//! participant reads "No live session with this code".

use std::fmt;

use crate::crockford;

pub const SESSION_CODE_BYTES: usize = 5;
/// 40 bits in 5-bit characters.
const CHARS: usize = 8;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SessionCode([u8; SESSION_CODE_BYTES]);

/// Why a typed code was not accepted, in words for the participant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SessionCodeError {
    Length { found: usize },
    Character(char),
}

impl fmt::Display for SessionCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionCodeError::Length { found } => write!(
                f,
                "A session code has 8 letters and digits, like 7K2M-9QXD; this one has {found}."
            ),
            SessionCodeError::Character(c) => write!(
                f,
                "\"{c}\" does not occur in session codes (they use digits and the letters A–Z without I, L, O and U)."
            ),
        }
    }
}

impl SessionCode {
    /// A code from random bytes (the browser's `crypto.getRandomValues`).
    pub fn from_bytes(bytes: [u8; SESSION_CODE_BYTES]) -> Self {
        SessionCode(bytes)
    }

    pub fn bytes(&self) -> &[u8; SESSION_CODE_BYTES] {
        &self.0
    }

    /// The 8 characters, upper case, without the dash.
    fn compact(&self) -> String {
        crockford::encode(&self.0)
    }

    /// The folder name on the server: the 8 characters in lower case.
    pub fn folder_name(&self) -> String {
        self.compact().to_ascii_lowercase()
    }

    /// Reads a code as a person typed it (or as a join link carries it).
    pub fn parse(input: &str) -> Result<Self, SessionCodeError> {
        let values = crockford::read_typed(input).map_err(SessionCodeError::Character)?;
        if values.len() != CHARS {
            return Err(SessionCodeError::Length {
                found: values.len(),
            });
        }
        let bytes = crockford::decode::<SESSION_CODE_BYTES>(&values)
            .expect("8 characters are exactly 40 bits: no padding to check");
        Ok(SessionCode(bytes))
    }
}

/// `XXXX-XXXX`, for reading aloud and typing.
impl fmt::Display for SessionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crockford::grouped(&self.compact()))
    }
}

impl fmt::Debug for SessionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SessionCode({self})")
    }
}
