//! Reading a native answer while it arrives: long base64 strings (the images) are decoded chunk by chunk
//! as the bytes come in, and only the small rest of the JSON (the skeleton) is parsed at the end. A 4K
//! answer (about 16 MB of base64) thus costs the page many small tasks during the download and almost
//! nothing after its last byte.
//!
//! The scanner tracks only whether it is inside a JSON string. A `"data"` value longer than [`LONG`]
//! made only of base64 characters is diverted: its text leaves the skeleton, replaced by a placeholder that the parser
//! resolves to the decoded bytes ([`Scanned`]). Parsing the skeleton gives the same result as parsing
//! the whole body (a property test holds it to that); a diverted string the scanner cannot decode (an
//! escape JSON encoders do not write there) counts as invalid base64, and a body cut off inside a string
//! leaves a skeleton cut off too, so both fail as they would whole.
//!
//! [`Scanner::with_data_uris`] also diverts the base64 of a `"url"` value that is a data URI
//! (`data:image/png;base64,…`, as OpenAI-compatible relays answer): the prefix stays in the skeleton,
//! followed by the placeholder.

use crate::protocol::b64;

/// Strings longer than this (in bytes of JSON text) are candidates for decoding on the fly.
pub const LONG: usize = 8 * 1024;
/// Placeholder text for a diverted string: the prefix, then the index into [`Scanned::blobs`].
pub const PLACEHOLDER: &str = "\u{1}banana-blob:";

/// What a finished scan produced: the JSON with placeholders, and each diverted string decoded.
#[derive(Debug, Default, PartialEq)]
pub struct Scanned {
    pub skeleton: Vec<u8>,
    /// Decoded bytes of each diverted string; `None` when its text was not valid base64.
    pub blobs: Vec<Option<Vec<u8>>>,
}

impl Scanned {
    /// For a placeholder, the decoded bytes it stands for (taken out; `None` inside when they were not
    /// valid base64); `None` for any other text.
    pub fn take(&mut self, text: &str) -> Option<Option<Vec<u8>>> {
        let index: usize = text.strip_prefix(PLACEHOLDER)?.parse().ok()?;
        Some(self.blobs.get_mut(index).and_then(Option::take))
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    Outside,
    /// In a string that started at `start` in the skeleton (just after the quote); its base64 starts
    /// at `b64` (at once for a `"data"` value, after the comma for a data URI, never for other text).
    InString {
        start: usize,
        b64: Option<usize>,
        /// A `"url"` value whose data-URI prefix is still being looked for.
        url: bool,
        escaped: bool,
        base64_only: bool,
    },
    /// In a diverted string.
    Diverted {
        escaped: bool,
    },
}

/// Feeds on the body chunk by chunk; see the module documentation.
#[derive(Debug)]
pub struct Scanner {
    state: State,
    out: Scanned,
    /// Base64 characters of the diverted string not yet decoded (fewer than a group of 4, or a batch).
    pending: Vec<u8>,
    decoded: Vec<u8>,
    /// Whether the diverted string has shown padding (then it is decoded whole at its end).
    padded: bool,
    /// Whether `"url"` values holding data URIs are diverted too.
    data_uris: bool,
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner {
            state: State::Outside,
            out: Scanned::default(),
            pending: Vec::new(),
            decoded: Vec::new(),
            padded: false,
            data_uris: false,
        }
    }
}

/// Longest data-URI prefix looked for (`data:image/png;base64,` and parameters).
const PREFIX_MAX: usize = 128;

/// Whether the string just opened (the skeleton ends with its quote) is the value of the key `key`
/// (quoted): only image data is diverted, never text or a thought signature, which must stay byte-exact.
fn value_of(skeleton: &[u8], key: &[u8]) -> bool {
    let before = skeleton[..skeleton.len().saturating_sub(1)].trim_ascii_end();
    before
        .strip_suffix(b":")
        .is_some_and(|k| k.trim_ascii_end().ends_with(key))
}

/// What an escape inside a base64 string stands for: `\/` is `/`; `\n`, `\r`, `\t` (line breaks some
/// encoders add) are nothing. `None` for an escape that does not belong in base64.
fn unescape_b64(c: u8) -> Option<Option<u8>> {
    match c {
        b'/' => Some(Some(b'/')),
        b'n' | b'r' | b't' => Some(None),
        _ => None,
    }
}

/// A base64 character in the standard alphabet (the URL-safe `-` and `_` become `+` and `/`).
fn standard(c: u8) -> u8 {
    match c {
        b'-' => b'+',
        b'_' => b'/',
        c => c,
    }
}

fn is_b64(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=' | b'-' | b'_')
}

impl Scanner {
    /// A scanner that also decodes data URIs in `"url"` values on the fly.
    pub fn with_data_uris() -> Scanner {
        Scanner {
            data_uris: true,
            ..Scanner::default()
        }
    }

    /// Takes the next piece of the body (any split, even inside a string or an escape).
    pub fn push(&mut self, chunk: &[u8]) {
        let mut i = 0;
        while i < chunk.len() {
            match self.state {
                State::Outside => {
                    // Copy everything up to and including the next quote.
                    match chunk[i..].iter().position(|&c| c == b'"') {
                        Some(p) => {
                            self.out.skeleton.extend_from_slice(&chunk[i..=i + p]);
                            i += p + 1;
                            let start = self.out.skeleton.len();
                            let data = value_of(&self.out.skeleton, b"\"data\"");
                            self.state = State::InString {
                                start,
                                b64: data.then_some(start),
                                url: self.data_uris && value_of(&self.out.skeleton, b"\"url\""),
                                escaped: false,
                                base64_only: data,
                            };
                        }
                        None => {
                            self.out.skeleton.extend_from_slice(&chunk[i..]);
                            i = chunk.len();
                        }
                    }
                }
                State::InString {
                    start,
                    b64,
                    url,
                    escaped: was_escaped,
                    base64_only,
                } => {
                    let c = chunk[i];
                    i += 1;
                    self.out.skeleton.push(c);
                    if !was_escaped && c == b'"' {
                        self.state = State::Outside;
                        continue;
                    }
                    let escaped = !was_escaped && c == b'\\';
                    let Some(b64_start) = b64 else {
                        // A data URI's base64 starts after `data:<type>;base64,`.
                        let text = &self.out.skeleton[start..];
                        let found = url && !was_escaped && c == b',';
                        let is_uri =
                            found && text.starts_with(b"data:") && text.ends_with(b";base64,");
                        self.state = State::InString {
                            start,
                            b64: is_uri.then_some(self.out.skeleton.len()),
                            url: url && !found && text.len() < PREFIX_MAX,
                            escaped,
                            base64_only: is_uri,
                        };
                        continue;
                    };
                    let fits = if was_escaped {
                        unescape_b64(c).is_some()
                    } else {
                        is_b64(c) || c == b'\\'
                    };
                    let base64_only = base64_only && fits;
                    let len = self.out.skeleton.len() - b64_start;
                    if base64_only && len > LONG && !escaped {
                        self.divert(b64_start);
                    } else {
                        self.state = State::InString {
                            start,
                            b64,
                            url,
                            escaped,
                            base64_only,
                        };
                    }
                }
                State::Diverted { escaped } => {
                    if escaped {
                        i += 1;
                        self.push_escaped(chunk[i - 1]);
                        self.state = State::Diverted { escaped: false };
                        continue;
                    }
                    // Take the run of base64 characters at once, in one pass.
                    let run = &chunk[i..];
                    let mut end = run.len();
                    let mut plain = true;
                    for (j, &c) in run.iter().enumerate() {
                        if c.is_ascii_alphanumeric() || c == b'+' || c == b'/' {
                            continue;
                        }
                        if matches!(c, b'-' | b'_' | b'=') {
                            plain = false;
                            continue;
                        }
                        end = j;
                        break;
                    }
                    if plain && !self.padded {
                        self.decode_plain(&run[..end]);
                    } else {
                        self.padded |= run[..end].contains(&b'=');
                        self.pending.extend(run[..end].iter().map(|&c| standard(c)));
                        self.decode_ready();
                    }
                    i += end;
                    if i < chunk.len() {
                        let c = chunk[i];
                        i += 1;
                        match c {
                            b'"' => self.close_diverted(),
                            b'\\' => self.state = State::Diverted { escaped: true },
                            _ => self.mark_invalid(),
                        }
                    }
                }
            }
        }
    }

    /// Moves the string begun at `start` out of the skeleton and decodes it from now on.
    fn divert(&mut self, start: usize) {
        let text = self.out.skeleton.split_off(start);
        let index = self.out.blobs.len();
        // Written as a JSON escape: a raw control character is not valid inside a JSON string.
        self.out
            .skeleton
            .extend_from_slice(format!("\\u0001banana-blob:{index}").as_bytes());
        self.out.blobs.push(Some(Vec::new()));
        self.decoded.clear();
        let mut escaped = false;
        for c in text {
            if escaped {
                escaped = false;
                self.push_escaped(c);
            } else if c == b'\\' {
                escaped = true;
            } else {
                self.pending.push(standard(c));
            }
        }
        self.padded = self.pending.contains(&b'=');
        self.state = State::Diverted { escaped };
        self.decode_ready();
    }

    /// Takes the character after a backslash in a diverted string.
    fn push_escaped(&mut self, c: u8) {
        match unescape_b64(c) {
            Some(Some(c)) => self.pending.push(c),
            Some(None) => {}
            None => self.mark_invalid(),
        }
    }

    /// Decodes standard base64 without padding straight from the chunk: the few characters left from
    /// the last chunk complete a group first, and the few left at the end wait for the next.
    fn decode_plain(&mut self, mut run: &[u8]) {
        if !self.pending.is_empty() {
            let need = (4 - self.pending.len() % 4) % 4;
            let take = need.min(run.len());
            self.pending.extend_from_slice(&run[..take]);
            run = &run[take..];
            if self.pending.len() % 4 != 0 {
                return;
            }
            let ok = b64::decode_groups(&self.pending, &mut self.decoded);
            self.pending.clear();
            if !ok {
                self.mark_invalid();
            }
        }
        let aligned = run.len() / 4 * 4;
        if !b64::decode_groups(&run[..aligned], &mut self.decoded) {
            self.mark_invalid();
        }
        self.pending.extend_from_slice(&run[aligned..]);
    }

    /// Decodes whole groups of four that contain no padding.
    fn decode_ready(&mut self) {
        let ready = if self.padded {
            0
        } else {
            self.pending.len() / 4 * 4
        };
        if ready < 4 * 1024 {
            return;
        }
        let decoded = b64::decode_groups(&self.pending[..ready], &mut self.decoded);
        self.pending.drain(..ready);
        if !decoded {
            self.mark_invalid();
        }
    }

    fn mark_invalid(&mut self) {
        if let Some(last) = self.out.blobs.last_mut() {
            *last = None;
        }
    }

    fn close_diverted(&mut self) {
        let rest = std::mem::take(&mut self.pending);
        let valid = self.out.blobs.last().is_some_and(Option::is_some)
            && std::str::from_utf8(&rest)
                .ok()
                .and_then(b64::decode)
                .map(|tail| self.decoded.extend_from_slice(&tail))
                .is_some();
        let bytes = std::mem::take(&mut self.decoded);
        if let Some(last) = self.out.blobs.last_mut() {
            *last = valid.then_some(bytes);
        }
        self.out.skeleton.push(b'"');
        self.state = State::Outside;
    }

    /// The skeleton and the decoded strings (a body cut off inside a string leaves the skeleton cut off
    /// there too).
    pub fn finish(self) -> Scanned {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    fn scan(body: &[u8], piece: usize) -> Scanned {
        let mut s = Scanner::default();
        for chunk in body.chunks(piece.max(1)) {
            s.push(chunk);
        }
        s.finish()
    }

    fn big(n: usize) -> Vec<u8> {
        (0..n).map(|i| (i * 7 % 251) as u8).collect()
    }

    #[test]
    fn long_base64_strings_are_decoded_on_the_fly_in_any_split() {
        let image = big(50_000);
        let b64 = base64::engine::general_purpose::STANDARD.encode(&image);
        let sig = "c2ln".repeat(5000);
        let body = format!(
            r#"{{"a":"short \" text","data" : "{b64}","z":[1,2],"thoughtSignature":"{sig}"}}"#
        );
        for piece in [1, 3, 7, 1000, 4096, 65536, body.len()] {
            let mut out = scan(body.as_bytes(), piece);
            assert_eq!(out.blobs, vec![Some(image.clone())], "piece {piece}");
            let skeleton: serde_json::Value = serde_json::from_slice(&out.skeleton).unwrap();
            assert_eq!(skeleton["a"], "short \" text");
            assert_eq!(
                out.take(skeleton["data"].as_str().unwrap()),
                Some(Some(image.clone()))
            );
            assert_eq!(out.take("plain text"), None);
            assert_eq!(skeleton["z"][1], 2);
            assert_eq!(
                skeleton["thoughtSignature"],
                sig.as_str(),
                "only data is diverted"
            );
        }
    }

    #[test]
    fn escaped_slashes_line_breaks_and_the_url_safe_alphabet_decode_too() {
        let image = big(30_000);
        let std = base64::engine::general_purpose::STANDARD.encode(&image);
        let escaped = std.replace('/', "\\/");
        let wrapped: String = std
            .as_bytes()
            .chunks(76)
            .map(|l| std::str::from_utf8(l).unwrap())
            .collect::<Vec<_>>()
            .join("\\n");
        let url_safe = std.replace('+', "-").replace('/', "_");
        for text in [escaped, wrapped, url_safe] {
            let body = format!(r#"{{"data":"{text}"}}"#);
            let out = scan(body.as_bytes(), 333);
            assert_eq!(out.blobs, vec![Some(image.clone())]);
        }
    }

    #[test]
    fn long_text_stays_text_and_bad_base64_is_reported() {
        let prose = "word ".repeat(5000);
        let body = format!(r#"{{"text":"{prose}","other":"{}"}}"#, "QUJD".repeat(5000));
        let out = scan(body.as_bytes(), 100);
        assert!(out.blobs.is_empty());
        assert_eq!(out.skeleton, body.as_bytes());
        let bad = format!(r#"{{"data":"{}=AAAA"}}"#, "A".repeat(20_000));
        let out = scan(bad.as_bytes(), 100);
        assert_eq!(out.blobs, vec![None]);
        let cut = scan(br#"{"data":"unterminated"#, 4);
        assert_eq!(
            cut.skeleton, br#"{"data":"unterminated"#,
            "cut off where the body was"
        );
        let odd = format!(r#"{{"data":"{}\u0041AAA","next":1}}"#, "A".repeat(20_000));
        let out = scan(odd.as_bytes(), 100);
        assert_eq!(
            out.blobs,
            vec![None],
            "an escape encoders never write there is invalid"
        );
        let skeleton: serde_json::Value = serde_json::from_slice(&out.skeleton).unwrap();
        assert_eq!(
            skeleton["next"], 1,
            "and the rest of the answer still reads"
        );
    }
}
