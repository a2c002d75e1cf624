//! Base64 in both directions: encoded straight into the JSON writer, decoded in one pass.

use base64::display::Base64Display;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use serde::{Serialize, Serializer};
use std::fmt;

/// Standard alphabet; padding optional, as relays differ.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Serializes bytes as a base64 JSON string without building the string first.
pub struct Base64Str<'a>(&'a [u8]);

impl<'a> Base64Str<'a> {
    /// Wraps raw bytes.
    pub fn new(bytes: &'a [u8]) -> Self {
        Base64Str(bytes)
    }
}

impl Serialize for Base64Str<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&Base64Display::new(self.0, &STANDARD))
    }
}

/// Serializes bytes as a `data:{mime};base64,...` URI string.
pub struct DataUri<'a> {
    pub mime: &'a str,
    pub bytes: &'a [u8],
}

impl fmt::Display for DataUri<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "data:{};base64,{}",
            self.mime,
            Base64Display::new(self.bytes, &STANDARD)
        )
    }
}

impl Serialize for DataUri<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Encodes bytes to a standard base64 string.
pub fn encode(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Decodes base64 text in one pass; falls back to a tolerant pass for white space, line breaks
/// and the URL-safe alphabet, which some relays produce. `None` if it is not base64 at all.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    if let Ok(bytes) = LENIENT.decode(text) {
        return Some(bytes);
    }
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    LENIENT.decode(cleaned).ok()
}

/// Decodes whole groups of four characters (no padding, no white space) onto the end of `out`, for
/// decoding a long string piece by piece. False if they are not base64.
pub fn decode_groups(groups: &[u8], out: &mut Vec<u8>) -> bool {
    LENIENT.decode_vec(groups, out).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_inside_json() {
        let json = serde_json::to_string(&Base64Str::new(b"hello world")).unwrap();
        assert_eq!(json, "\"aGVsbG8gd29ybGQ=\"");
        let uri = serde_json::to_string(&DataUri {
            mime: "image/png",
            bytes: b"\x89P",
        })
        .unwrap();
        assert_eq!(uri, "\"data:image/png;base64,iVA=\"");
    }

    #[test]
    fn decodes_strict_and_tolerant_forms() {
        assert_eq!(decode("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(decode("aGVsbG8").unwrap(), b"hello");
        assert_eq!(decode("aGVs\r\nbG8=").unwrap(), b"hello");
        assert_eq!(decode("-_8=").unwrap(), decode("+/8=").unwrap());
        assert_eq!(decode("not base64!"), None);
        assert_eq!(decode("").unwrap(), b"");
    }
}
