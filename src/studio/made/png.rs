//! The PNG side: an `iTXt` chunk with keyword [`APP`] and the JSON as its uncompressed UTF-8 text,
//! placed right after `IHDR`.

use super::APP;

const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// One chunk: its type, its data, and where the whole chunk (length to CRC) sits in the file.
struct Chunk<'a> {
    kind: &'a [u8],
    data: &'a [u8],
    span: std::ops::Range<usize>,
}

/// The chunks of a PNG in order, up to the end of the bytes or the first one that runs past it.
fn chunks(bytes: &[u8]) -> impl Iterator<Item = Chunk<'_>> {
    let mut at = SIGNATURE.len();
    std::iter::from_fn(move || {
        let len = u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize;
        let kind = bytes.get(at + 4..at + 8)?;
        let data = bytes.get(at + 8..(at + 8).checked_add(len)?)?;
        let end = at + 12 + len;
        bytes.get(end - 4..end)?;
        let chunk = Chunk {
            kind,
            data,
            span: at..end,
        };
        at = end;
        Some(chunk)
    })
}

/// Whether `data` is an `iTXt` chunk's data under our keyword.
fn ours(data: &[u8]) -> bool {
    data.len() > APP.len() && data.starts_with(APP.as_bytes()) && data[APP.len()] == 0
}

/// The `iTXt` chunk holding `text`.
fn chunk(text: &str) -> Vec<u8> {
    let mut data = Vec::with_capacity(APP.len() + 5 + text.len());
    data.extend_from_slice(APP.as_bytes());
    // Null separator, not compressed, compression method 0, no language tag, no translated keyword.
    data.extend_from_slice(&[0, 0, 0, 0, 0]);
    data.extend_from_slice(text.as_bytes());
    let mut out = Vec::with_capacity(data.len() + 12);
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(b"iTXt");
    out.extend_from_slice(&data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(b"iTXt");
    crc.update(&data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
    out
}

/// `bytes` with our chunk after `IHDR` and any earlier one of ours left out.
pub fn embed(bytes: &[u8], text: &str) -> Option<Vec<u8>> {
    let first = chunks(bytes).next().filter(|c| c.kind == b"IHDR")?;
    let new = chunk(text);
    let mut out = Vec::with_capacity(bytes.len() + new.len());
    out.extend_from_slice(&bytes[..first.span.end]);
    out.extend_from_slice(&new);
    let mut from = first.span.end;
    for c in chunks(bytes).skip(1) {
        if c.kind == b"iTXt" && ours(c.data) {
            out.extend_from_slice(&bytes[from..c.span.start]);
            from = c.span.end;
        }
    }
    out.extend_from_slice(&bytes[from..]);
    Some(out)
}

/// Where our `iTXt` chunk sits, when there is one.
pub fn ours_at(bytes: &[u8]) -> Option<std::ops::Range<usize>> {
    chunks(bytes)
        .find(|c| c.kind == b"iTXt" && ours(c.data))
        .map(|c| c.span)
}

/// The text of our `iTXt` chunk, when the file has one (uncompressed, valid UTF-8).
pub fn read(bytes: &[u8]) -> Option<String> {
    let c = chunks(bytes).find(|c| c.kind == b"iTXt" && ours(c.data))?;
    let rest = &c.data[APP.len() + 1..];
    let (&compressed, rest) = rest.split_first()?;
    if compressed != 0 {
        return None;
    }
    let rest = rest.get(1..)?;
    // Language tag and translated keyword, each null-terminated.
    let lang_end = rest.iter().position(|&b| b == 0)?;
    let rest = &rest[lang_end + 1..];
    let kw_end = rest.iter().position(|&b| b == 0)?;
    String::from_utf8(rest[kw_end + 1..].to_vec()).ok()
}
