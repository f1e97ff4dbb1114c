//! Crockford base32 for codes people read aloud and type: digits and the
//! letters A–Z without I, L, O and U. Used by the sync code and the
//! live-session code.

/// The 32 characters, in value order.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// `bytes` as 5-bit characters, most significant bit first; the last
/// character is padded with zero bits.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity((bytes.len() * 8).div_ceil(5));
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((acc >> bits) & 31) as usize]));
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((acc << (5 - bits)) & 31) as usize]));
    }
    out
}

/// The values (0–31) of what a person typed: case, spaces and dashes are
/// ignored, and the look-alikes O, I and L read as 0, 1 and 1. `Err` names
/// the first character that is not in the alphabet.
pub fn read_typed(input: &str) -> Result<Vec<u8>, char> {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| {
            let c = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            ALPHABET
                .iter()
                .position(|&a| char::from(a) == c)
                .map(|v| v as u8)
                .ok_or(c)
        })
        .collect()
}

/// The `N` bytes that `values` (from [`read_typed`]) encode; `None` when
/// the padding bits of the last character are not zero. `values` must hold
/// exactly `ceil(N * 8 / 5)` characters.
pub fn decode<const N: usize>(values: &[u8]) -> Option<[u8; N]> {
    debug_assert_eq!(values.len(), (N * 8).div_ceil(5));
    let mut bytes = [0u8; N];
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut n = 0;
    for &v in values {
        acc = (acc << 5) | u32::from(v);
        bits += 5;
        if bits >= 8 && n < N {
            bits -= 8;
            bytes[n] = (acc >> bits) as u8;
            n += 1;
            acc &= (1 << bits) - 1;
        }
    }
    (acc == 0).then_some(bytes)
}

/// `text` in groups of four joined by dashes: `7K2M-9QXD-…`.
pub fn grouped(text: &str) -> String {
    text.as_bytes()
        .chunks(4)
        .map(|chunk| std::str::from_utf8(chunk).expect("ASCII"))
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        assert_eq!(encode(&[0xff]), "ZW");
        assert_eq!(encode(&[0, 0, 0, 0, 0]), "00000000");
        assert_eq!(grouped("ABCDEFGHJ"), "ABCD-EFGH-J");
        assert_eq!(read_typed("o-i l"), Ok(vec![0, 1, 1]));
        assert_eq!(read_typed("AU"), Err('U'));
        assert_eq!(decode::<1>(&[31, 28]), Some([0xff]));
        assert_eq!(decode::<1>(&[31, 29]), None, "non-zero padding bits");
    }
}
