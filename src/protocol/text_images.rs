//! Images that relays put inside text: Markdown images with `data:` URIs or hosted `https://` URLs.

use super::error::{Error, Result};
use super::response::{checked_image, Generation, RemoteImage};
use bytes::Bytes;
use std::ops::Range;

/// A `data:image/...;base64,` URI found in text.
#[derive(Debug, PartialEq, Eq)]
pub struct DataUriMatch<'a> {
    /// The declared MIME type (not trusted; bytes are sniffed after decoding).
    pub mime: &'a str,
    pub base64: &'a str,
    /// Byte range of the whole URI (or its Markdown image) in the text, to cut it out of the caption.
    pub span: Range<usize>,
}

fn is_b64(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=' | b'-' | b'_')
}

/// Every `data:image/*;base64,` URI in `text`, in order.
pub fn data_uris(text: &str) -> Vec<DataUriMatch<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = find_ci(&text[from..], "data:image/") {
        let start = from + pos;
        let after = start + "data:".len();
        let Some(semi) = text[after..].find(';').map(|i| after + i) else {
            break;
        };
        let mime = &text[after..semi];
        let marker = semi + 1;
        if mime.len() > 40 || !text[marker..].starts_with("base64,") {
            from = after;
            continue;
        }
        let data_start = marker + "base64,".len();
        let mut end = data_start;
        while end < bytes.len() && is_b64(bytes[end]) {
            end += 1;
        }
        let span = markdown_span(text, start, end).unwrap_or(start..end);
        out.push(DataUriMatch {
            mime,
            base64: &text[data_start..end],
            span,
        });
        from = end.max(after);
    }
    out
}

/// Hosted image URLs in `text`: Markdown images first; if there are none, bare http(s) URLs.
pub fn image_urls(text: &str) -> Vec<(String, Range<usize>)> {
    let mut markdown = Vec::new();
    let mut from = 0;
    while let Some(pos) = text[from..].find("](") {
        let open = from + pos + 2;
        let Some(close) = text[open..].find(')').map(|i| open + i) else {
            break;
        };
        let inner = text[open..close].trim();
        let url = inner.split_whitespace().next().unwrap_or("");
        if is_http(url) {
            if let Some(bang) = text[..from + pos].rfind("![") {
                markdown.push((url.to_string(), bang..close + 1));
            }
        }
        from = close;
    }
    if !markdown.is_empty() {
        return markdown;
    }
    let mut bare = Vec::new();
    let mut from = 0;
    while let Some(pos) = find_ci(&text[from..], "http") {
        let start = from + pos;
        let end = text[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | ')' | ']'))
            .map_or(text.len(), |i| start + i);
        let url = text[start..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
        if is_http(url) {
            bare.push((url.to_string(), start..start + url.len()));
        }
        from = end.max(start + 4);
    }
    bare
}

/// For an answer that came without images apart: moves the images a relay wrote into its text out of
/// it (`data:` URIs become images, checked by their bytes, else hosted links become images to
/// download; the caption keeps the rest), and says why there is no image when there is none.
pub fn take_from_text(generation: &mut Generation) -> Result<()> {
    if !(generation.images.is_empty() && generation.remote.is_empty()) {
        return Ok(());
    }
    let text = std::mem::take(&mut generation.text);
    let uris = data_uris(&text);
    let mut spans = Vec::new();
    for m in &uris {
        let bytes = super::b64::decode(m.base64).ok_or(Error::InvalidBase64)?;
        generation
            .images
            .push(checked_image(Bytes::from(bytes), m.mime)?);
        spans.push(m.span.clone());
    }
    if uris.is_empty() {
        for (url, span) in image_urls(&text) {
            generation.remote.push(RemoteImage {
                url,
                expires_at: None,
            });
            spans.push(span);
        }
    }
    generation.text = cut(&text, &spans);
    if generation.images.is_empty() && generation.remote.is_empty() {
        let text = [generation.text.trim(), generation.thoughts.trim()]
            .into_iter()
            .find(|t| !t.is_empty())
            .map(str::to_string);
        return Err(Error::NoImage {
            finish_reason: generation
                .finish_reason
                .as_ref()
                .map(|f| f.as_str().to_string()),
            text,
        });
    }
    Ok(())
}

/// Removes the given byte ranges (sorted, non-overlapping) from `text` and tidies the white space.
pub fn cut(text: &str, spans: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for s in spans {
        if s.start >= last && s.end <= text.len() {
            out.push_str(&text[last..s.start]);
            last = s.end;
        }
    }
    out.push_str(&text[last..]);
    out.trim().to_string()
}

fn is_http(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") && url.len() > 8)
        || (lower.starts_with("http://") && url.len() > 7)
}

/// Case-insensitive ASCII `find`.
fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
}

/// If `start..end` is the target of a Markdown image `![alt](...)`, the whole image's range.
fn markdown_span(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let before = text[..start].strip_suffix("](")?;
    let bang = before.rfind("![")?;
    let close = end + text[end..].find(')')?;
    text[end..close]
        .trim()
        .is_empty()
        .then_some(bang..close + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_markdown_data_uri_and_cuts_it() {
        let text = "Here you go:\n![image](data:image/png;base64,iVBORw0KGgo=)\nEnjoy.";
        let found = data_uris(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].mime, "image/png");
        assert_eq!(found[0].base64, "iVBORw0KGgo=");
        assert_eq!(
            cut(text, &[found[0].span.clone()]),
            "Here you go:\n\nEnjoy."
        );
    }

    #[test]
    fn finds_bare_data_uris() {
        let text = "a data:image/jpeg;base64,/9j/4A== b DATA:IMAGE/WEBP;base64,UklG";
        let found = data_uris(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].base64, "/9j/4A==");
        assert_eq!(found[1].mime, "IMAGE/WEBP");
        assert!(data_uris("data:image/png;utf8,<svg>").is_empty());
        assert!(data_uris("data:image/").is_empty());
    }

    #[test]
    fn finds_urls_markdown_first() {
        let text = "see https://a.example/page and ![x](https://cdn.example/img_0.png \"t\")";
        let urls = image_urls(text);
        assert_eq!(urls.len(), 1);
        assert_eq!(urls[0].0, "https://cdn.example/img_0.png");
        let bare = image_urls("Image: https://cdn.example/a.png. Done");
        assert_eq!(bare[0].0, "https://cdn.example/a.png");
        assert!(image_urls("no links here, just http talk").is_empty());
    }
}
