//! The WebP side: an `XMP ` chunk at the end, announced by the `VP8X` header's XMP flag. A simple
//! (`VP8 ` or `VP8L`) file is made extended first, with its canvas size and alpha flag.

use crate::protocol::image::{dimensions, has_alpha};

const XMP_FLAG: u8 = 0x04;
const ALPHA_FLAG: u8 = 0x10;

/// One chunk after the `RIFF`/`WEBP` header: its four-character code and data.
struct Chunk<'a> {
    code: &'a [u8],
    data: &'a [u8],
}

fn chunks(bytes: &[u8]) -> impl Iterator<Item = Chunk<'_>> {
    let mut at = 12;
    std::iter::from_fn(move || {
        let code = bytes.get(at..at + 4)?;
        let len = u32::from_le_bytes(bytes.get(at + 4..at + 8)?.try_into().ok()?) as usize;
        let data = bytes.get(at + 8..(at + 8).checked_add(len)?)?;
        let end = (at + 8 + len + (len & 1)).min(bytes.len());
        at = end;
        Some(Chunk { code, data })
    })
}

fn push_chunk(out: &mut Vec<u8>, code: &[u8], data: &[u8]) {
    out.extend_from_slice(code);
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(0);
    }
}

/// `bytes` with `packet` in an `XMP ` chunk (any earlier one left out) and the XMP flag set.
pub fn embed(bytes: &[u8], packet: &str) -> Option<Vec<u8>> {
    if bytes.get(..4)? != b"RIFF" || bytes.get(8..12)? != b"WEBP" {
        return None;
    }
    let first = chunks(bytes).next()?;
    let mut out = Vec::with_capacity(bytes.len() + packet.len() + 32);
    out.extend_from_slice(b"RIFF\0\0\0\0WEBP");
    match first.code {
        b"VP8X" if first.data.len() >= 10 => {
            let mut header = first.data.to_vec();
            header[0] |= XMP_FLAG;
            push_chunk(&mut out, b"VP8X", &header);
        }
        b"VP8 " | b"VP8L" => {
            let (w, h) = dimensions(bytes).filter(|&(w, h)| w > 0 && h > 0)?;
            let mut header = [0u8; 10];
            header[0] = XMP_FLAG | if has_alpha(bytes) { ALPHA_FLAG } else { 0 };
            header[4..7].copy_from_slice(&(w - 1).to_le_bytes()[..3]);
            header[7..10].copy_from_slice(&(h - 1).to_le_bytes()[..3]);
            push_chunk(&mut out, b"VP8X", &header);
            push_chunk(&mut out, first.code, first.data);
        }
        _ => return None,
    }
    // Each chunk as it was (re-padded, should its pad byte be missing).
    for c in chunks(bytes).skip(1).filter(|c| c.code != b"XMP ") {
        push_chunk(&mut out, c.code, c.data);
    }
    push_chunk(&mut out, b"XMP ", packet.as_bytes());
    let size = u32::try_from(out.len() - 8).ok()?;
    out[4..8].copy_from_slice(&size.to_le_bytes());
    Some(out)
}

/// The XMP packet of a WebP, when it has one.
pub fn read(bytes: &[u8]) -> Option<&[u8]> {
    if bytes.get(..4)? != b"RIFF" || bytes.get(8..12)? != b"WEBP" {
        return None;
    }
    chunks(bytes).find(|c| c.code == b"XMP ").map(|c| c.data)
}
