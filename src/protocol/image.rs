//! Image types told from the bytes themselves, never from a file name or a declared MIME type.

use serde::{Deserialize, Serialize};

/// An image format the studio recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ImageKind {
    Png,
    Jpeg,
    Webp,
    Gif,
    Heic,
    Heif,
    Svg,
}

impl ImageKind {
    /// The MIME type, such as `image/png`.
    pub fn mime(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Webp => "image/webp",
            ImageKind::Gif => "image/gif",
            ImageKind::Heic => "image/heic",
            ImageKind::Heif => "image/heif",
            ImageKind::Svg => "image/svg+xml",
        }
    }

    /// The displayable kind a MIME type names (as the history stores it), if any.
    pub fn displayable_from_mime(mime: &str) -> Option<ImageKind> {
        [ImageKind::Png, ImageKind::Jpeg, ImageKind::Webp]
            .into_iter()
            .find(|k| k.mime().eq_ignore_ascii_case(mime.trim()))
    }

    /// File name extension for downloads.
    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpg",
            ImageKind::Webp => "webp",
            ImageKind::Gif => "gif",
            ImageKind::Heic => "heic",
            ImageKind::Heif => "heif",
            ImageKind::Svg => "svg",
        }
    }

    /// True for the raster formats the studio will display: PNG, JPEG and WebP.
    pub fn is_displayable(self) -> bool {
        matches!(self, ImageKind::Png | ImageKind::Jpeg | ImageKind::Webp)
    }

    /// Short name for messages ("PNG", "GIF", ...).
    pub fn name(self) -> &'static str {
        match self {
            ImageKind::Png => "PNG",
            ImageKind::Jpeg => "JPEG",
            ImageKind::Webp => "WebP",
            ImageKind::Gif => "GIF",
            ImageKind::Heic => "HEIC",
            ImageKind::Heif => "HEIF",
            ImageKind::Svg => "SVG",
        }
    }
}

/// Tells the image format from its first bytes. `None` for anything else (text, HTML, truncated data...).
pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 8 {
        return Some(ImageKind::Png);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(ImageKind::Jpeg);
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some(ImageKind::Webp);
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Some(ImageKind::Gif);
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return match &bytes[8..12] {
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" => Some(ImageKind::Heic),
            b"mif1" | b"msf1" => Some(ImageKind::Heif),
            _ => None,
        };
    }
    let head = &bytes[..bytes.len().min(512)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with("<svg") || (text.starts_with("<?xml") && text.contains("<svg")) {
        return Some(ImageKind::Svg);
    }
    None
}

/// Reads pixel width and height from a PNG, JPEG or WebP header, when present.
pub fn dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    match sniff(bytes)? {
        ImageKind::Png => {
            let w = u32::from_be_bytes(bytes.get(16..20)?.try_into().ok()?);
            let h = u32::from_be_bytes(bytes.get(20..24)?.try_into().ok()?);
            Some((w, h))
        }
        ImageKind::Jpeg => jpeg_dimensions(bytes),
        ImageKind::Webp => webp_dimensions(bytes),
        _ => None,
    }
}

/// Width and height as the image is displayed: [`dimensions`], swapped when a JPEG's EXIF orientation
/// turns it a quarter (browsers apply it when decoding).
pub fn displayed_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    let (w, h) = dimensions(bytes)?;
    Some(if matches!(jpeg_orientation(bytes), Some(5..=8)) {
        (h, w)
    } else {
        (w, h)
    })
}

/// The EXIF orientation (1 to 8) of a JPEG, when it has one.
pub fn jpeg_orientation(bytes: &[u8]) -> Option<u16> {
    if sniff(bytes)? != ImageKind::Jpeg {
        return None;
    }
    let mut i = 2;
    // Markers up to the image data; EXIF lives in an APP1 segment.
    while let [0xFF, marker, hi, lo, ..] = *bytes.get(i..)? {
        let len = usize::from(u16::from_be_bytes([hi, lo]));
        if marker == 0xDA {
            return None;
        }
        let segment = bytes.get(i + 4..i + 2 + len)?;
        if marker == 0xE1 {
            if let Some(tiff) = segment.strip_prefix(b"Exif\0\0") {
                return exif_orientation(tiff);
            }
        }
        i += 2 + len;
    }
    None
}

fn exif_orientation(tiff: &[u8]) -> Option<u16> {
    let big = match tiff.get(..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(at..at + 2)?.try_into().ok()?;
        Some(if big {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    };
    let b: [u8; 4] = tiff.get(4..8)?.try_into().ok()?;
    let ifd = if big {
        u32::from_be_bytes(b)
    } else {
        u32::from_le_bytes(b)
    } as usize;
    let count = usize::from(u16_at(ifd)?);
    (0..count)
        .map(|k| ifd + 2 + 12 * k)
        .find(|&entry| u16_at(entry) == Some(0x0112))
        .and_then(|entry| u16_at(entry + 8))
        .filter(|o| (1..=8).contains(o))
}

fn jpeg_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut i = 2;
    while i + 9 < bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        let is_sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_sof {
            let h = u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]) as u32;
            let w = u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]) as u32;
            return Some((w, h));
        }
        i += 2 + len;
    }
    None
}

fn webp_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    let chunk = bytes.get(12..16)?;
    let le24 = |b: &[u8]| u32::from(b[0]) | u32::from(b[1]) << 8 | u32::from(b[2]) << 16;
    match chunk {
        b"VP8X" => {
            let b = bytes.get(24..30)?;
            Some((le24(&b[0..3]) + 1, le24(&b[3..6]) + 1))
        }
        b"VP8 " => {
            let b = bytes.get(26..30)?;
            let w = u16::from_le_bytes([b[0], b[1]]) & 0x3FFF;
            let h = u16::from_le_bytes([b[2], b[3]]) & 0x3FFF;
            Some((w.into(), h.into()))
        }
        b"VP8L" => {
            let b = bytes.get(21..25)?;
            let v = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            Some(((v & 0x3FFF) + 1, ((v >> 14) & 0x3FFF) + 1))
        }
        _ => None,
    }
}

/// Whether an image's bytes run to its end marker: PNG `IEND`, JPEG end-of-image, the length a WebP
/// file declares. A file cut short (an interrupted download or copy) fails; formats without such a
/// marker pass.
pub fn is_complete(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(64)..];
    match sniff(bytes) {
        Some(ImageKind::Png) => tail.windows(4).any(|w| w == b"IEND"),
        Some(ImageKind::Jpeg) => tail.windows(2).any(|w| w == [0xFF, 0xD9]),
        Some(ImageKind::Webp) => bytes.get(4..8).is_some_and(|b| {
            let declared = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
            declared.saturating_add(8) <= bytes.len()
        }),
        _ => true,
    }
}

/// Whether an image may have transparent pixels: PNG with an alpha channel or a `tRNS` chunk, WebP
/// with its alpha flag; never JPEG. Unknown layouts answer `true`, so transparency is never lost.
pub fn has_alpha(bytes: &[u8]) -> bool {
    match sniff(bytes) {
        Some(ImageKind::Jpeg) => false,
        Some(ImageKind::Png) => png_has_alpha(bytes).unwrap_or(true),
        Some(ImageKind::Webp) => match bytes.get(12..16) {
            Some(b"VP8 ") => false,
            Some(b"VP8X") => bytes.get(20).is_none_or(|flags| flags & 0x10 != 0),
            Some(b"VP8L") => bytes.get(24).is_none_or(|b| b & 0x10 != 0),
            _ => true,
        },
        _ => true,
    }
}

fn png_has_alpha(bytes: &[u8]) -> Option<bool> {
    if matches!(bytes.get(25)?, 4 | 6) {
        return Some(true);
    }
    // Chunks after IHDR, up to the image data: a `tRNS` chunk makes a colour transparent.
    let mut i = 8;
    while let Some(header) = bytes.get(i..i + 8) {
        let len = u32::from_be_bytes(header[..4].try_into().ok()?) as usize;
        match &header[4..] {
            b"tRNS" => return Some(true),
            b"IDAT" | b"IEND" => return Some(false),
            _ => i = i.checked_add(12)?.checked_add(len)?,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    /// The 1x1 PNG that the seed documents use as their example.
    pub const SEED_PNG: &str =
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    #[test]
    fn only_displayable_kinds_come_from_a_stored_mime() {
        assert_eq!(
            ImageKind::displayable_from_mime("image/webp"),
            Some(ImageKind::Webp)
        );
        assert_eq!(
            ImageKind::displayable_from_mime(" IMAGE/JPEG"),
            Some(ImageKind::Jpeg)
        );
        assert_eq!(ImageKind::displayable_from_mime("image/svg+xml"), None);
        assert_eq!(ImageKind::displayable_from_mime(""), None);
    }

    #[test]
    fn sniffs_the_seed_png() {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(SEED_PNG)
            .unwrap();
        assert_eq!(sniff(&bytes), Some(ImageKind::Png));
        assert_eq!(dimensions(&bytes), Some((1, 1)));
        assert!(has_alpha(&bytes), "RGBA");
    }

    /// A JPEG header with an EXIF orientation (big- or little-endian) and a 4000×3000 frame.
    fn jpeg_with_orientation(orientation: u16, big: bool) -> Vec<u8> {
        let mut tiff = if big {
            b"MM\0\x2a\0\0\0\x08".to_vec()
        } else {
            b"II\x2a\0\x08\0\0\0".to_vec()
        };
        let u16b = |v: u16| {
            if big {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        tiff.extend_from_slice(&u16b(2)); // two entries
        for (tag, value) in [(0x010F_u16, 0_u16), (0x0112, orientation)] {
            tiff.extend_from_slice(&u16b(tag));
            tiff.extend_from_slice(&u16b(3)); // SHORT
            tiff.extend_from_slice(&if big {
                1u32.to_be_bytes()
            } else {
                1u32.to_le_bytes()
            });
            tiff.extend_from_slice(&u16b(value));
            tiff.extend_from_slice(&[0, 0]);
        }
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&tiff);
        let mut b = vec![0xFF, 0xD8, 0xFF, 0xE1];
        b.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
        b.extend_from_slice(&app1);
        // SOF0: length 17, precision 8, height 3000, width 4000.
        b.extend_from_slice(&[0xFF, 0xC0, 0, 17, 8, 0x0B, 0xB8, 0x0F, 0xA0, 3]);
        b.extend_from_slice(&[0; 9]);
        b.extend_from_slice(&[0xFF, 0xDA, 0, 2]);
        b
    }

    #[test]
    fn exif_orientation_turns_the_displayed_size() {
        for big in [true, false] {
            let upright = jpeg_with_orientation(1, big);
            assert_eq!(jpeg_orientation(&upright), Some(1));
            assert_eq!(displayed_dimensions(&upright), Some((4000, 3000)));
            let turned = jpeg_with_orientation(6, big);
            assert_eq!(jpeg_orientation(&turned), Some(6));
            assert_eq!(dimensions(&turned), Some((4000, 3000)), "as stored");
            assert_eq!(
                displayed_dimensions(&turned),
                Some((3000, 4000)),
                "as shown"
            );
        }
        assert_eq!(
            jpeg_orientation(&jpeg_with_orientation(9, true)),
            None,
            "out of range"
        );
        let cut = jpeg_with_orientation(6, false);
        assert_eq!(jpeg_orientation(&cut[..30]), None, "cut short: no panic");
        assert_eq!(jpeg_orientation(&[0xFF, 0xD8, 0xFF, 0xDA, 0, 2]), None);
    }

    #[test]
    fn tells_a_file_cut_short() {
        let png = base64::engine::general_purpose::STANDARD
            .decode(SEED_PNG)
            .unwrap();
        assert!(is_complete(&png));
        assert!(!is_complete(&png[..png.len() - 12]), "IEND cut off");
        let jpeg = jpeg_with_orientation(1, true);
        assert!(!is_complete(&jpeg), "no end-of-image marker");
        assert!(is_complete(&[jpeg.as_slice(), &[0xFF, 0xD9]].concat()));
        let webp = b"RIFF\x0c\0\0\0WEBPVP8 \0\0\0\0";
        assert!(is_complete(webp));
        assert!(!is_complete(&webp[..15]));
        assert!(is_complete(b"GIF89a"), "no marker to check");
    }

    #[test]
    fn tells_transparency_from_the_header() {
        let png = |colour_type: u8, extra: &[u8]| {
            let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
            b.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 1, 8, colour_type, 0, 0, 0]);
            b.extend_from_slice(&[0; 4]); // CRC
            b.extend_from_slice(extra);
            b.extend_from_slice(b"\0\0\0\0IDAT");
            b
        };
        assert!(!has_alpha(&png(2, b"")), "RGB");
        assert!(has_alpha(&png(6, b"")), "RGBA");
        assert!(has_alpha(&png(4, b"")), "grey + alpha");
        assert!(
            has_alpha(&png(3, b"\0\0\0\x01tRNS\0\0\0\0\0")),
            "palette with tRNS"
        );
        assert!(
            !has_alpha(&png(3, b"\0\0\0\x03PLTE\0\0\0\0\0\0\0")),
            "palette"
        );
        assert!(!has_alpha(&[0xFF, 0xD8, 0xFF, 0xE0]));
        assert!(!has_alpha(b"RIFF\0\0\0\0WEBPVP8 \0\0\0\0"));
        assert!(has_alpha(b"RIFF\0\0\0\0WEBPVP8X\0\0\0\0\x10\0\0\0"));
        assert!(!has_alpha(b"RIFF\0\0\0\0WEBPVP8X\0\0\0\0\x00\0\0\0"));
        assert!(has_alpha(b"\0\0\0\x18ftypheic\0\0"), "unknown: assume so");
        assert!(has_alpha(&png(2, b"")[..20]), "cut short: assume so");
    }

    #[test]
    fn sniffs_formats_from_magic_bytes() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(ImageKind::Jpeg));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(ImageKind::Webp));
        assert_eq!(sniff(b"GIF89a...."), Some(ImageKind::Gif));
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0"), Some(ImageKind::Heic));
        assert_eq!(sniff(b"\0\0\0\x18ftypmif1\0\0"), Some(ImageKind::Heif));
        assert_eq!(sniff(b"\0\0\0\x18ftypisom\0\0"), None);
        assert_eq!(sniff(b"  <svg xmlns='x'/>"), Some(ImageKind::Svg));
        assert_eq!(sniff(b"<?xml version='1.0'?><svg/>"), Some(ImageKind::Svg));
        assert_eq!(sniff(b"<!doctype html><html>"), None);
        assert_eq!(sniff(b"hello.png"), None);
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n"),
            None,
            "a bare signature is not an image"
        );
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn reads_jpeg_and_webp_dimensions() {
        // SOI, APP0 (len 4), SOF0 with height 300, width 400.
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01,
            0x2C, 0x01, 0x90, 0x03, 0, 0, 0, 0,
        ];
        assert_eq!(dimensions(&jpeg), Some((400, 300)));
        let mut webp = b"RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0\0\0\0\0".to_vec();
        webp.extend_from_slice(&[0xFF, 0x03, 0x00, 0xFF, 0x01, 0x00]);
        assert_eq!(dimensions(&webp), Some((1024, 512)));
    }
}
