//! The JPEG side: the XMP packet in an `APP1` segment (`http://ns.adobe.com/xap/1.0/`), after the
//! `JFIF` one when there is one.

const XMP: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";

/// One marker segment before the image data: its marker and where it sits.
struct Segment {
    marker: u8,
    span: std::ops::Range<usize>,
}

/// The segments from after `SOI` to the start of scan (exclusive), stopping at anything malformed.
fn segments(bytes: &[u8]) -> impl Iterator<Item = Segment> + '_ {
    let mut at = 2;
    std::iter::from_fn(move || {
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        // Start of scan (the image data follows), or a marker that is not a segment.
        if marker == 0xDA || marker == 0xFF || marker == 0x00 || (0xD0..=0xD9).contains(&marker) {
            return None;
        }
        let len = u16::from_be_bytes([*bytes.get(at + 2)?, *bytes.get(at + 3)?]) as usize;
        if len < 2 || bytes.len() < at + 2 + len {
            return None;
        }
        let s = Segment {
            marker,
            span: at..at + 2 + len,
        };
        at += 2 + len;
        Some(s)
    })
}

fn is_xmp(bytes: &[u8], s: &Segment) -> bool {
    s.marker == 0xE1 && bytes[s.span.start + 4..s.span.end].starts_with(XMP)
}

/// `bytes` with `packet` in an XMP segment, any earlier XMP segment left out; `None` when the file
/// does not start as a JPEG or the packet is over a segment's 64 KB.
pub fn embed(bytes: &[u8], packet: &str) -> Option<Vec<u8>> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let len = u16::try_from(2 + XMP.len() + packet.len()).ok()?;
    let mut segment = Vec::with_capacity(len as usize + 2);
    segment.extend_from_slice(&[0xFF, 0xE1]);
    segment.extend_from_slice(&len.to_be_bytes());
    segment.extend_from_slice(XMP);
    segment.extend_from_slice(packet.as_bytes());
    // After a leading JFIF segment, which readers expect first.
    let after = segments(bytes)
        .next()
        .filter(|s| s.marker == 0xE0)
        .map_or(2, |s| s.span.end);
    let mut out = Vec::with_capacity(bytes.len() + segment.len());
    out.extend_from_slice(&bytes[..after]);
    out.extend_from_slice(&segment);
    let mut from = after;
    for s in segments(bytes).filter(|s| is_xmp(bytes, s)) {
        out.extend_from_slice(&bytes[from..s.span.start]);
        from = s.span.end;
    }
    out.extend_from_slice(&bytes[from..]);
    Some(out)
}

/// Where an XMP segment of ours (one that holds our `banana:made`) sits, when there is one.
pub fn ours_at(bytes: &[u8]) -> Option<std::ops::Range<usize>> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    segments(bytes)
        .find(|s| {
            is_xmp(bytes, s)
                && bytes[s.span.clone()]
                    .windows(super::xmp::MARK.len())
                    .any(|w| w == super::xmp::MARK)
        })
        .map(|s| s.span)
}

/// The XMP packet of a JPEG, when it has one.
pub fn read(bytes: &[u8]) -> Option<&[u8]> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let s = segments(bytes).find(|s| is_xmp(bytes, s))?;
    Some(&bytes[s.span.start + 4 + XMP.len()..s.span.end])
}
