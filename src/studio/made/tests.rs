use super::*;
use crate::protocol::b64;
use crate::protocol::image::{dimensions, has_alpha, is_complete};
use crate::protocol::Preset;

/// The seed documents' 1×1 PNG.
fn png() -> Vec<u8> {
    b64::decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
        .unwrap()
}

/// A JPEG's layout: JFIF, a frame header for 300×200, a scan, its end.
fn jpeg() -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    v.extend(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    v.extend([
        0xFF, 0xC0, 0x00, 0x0B, 8, 0x00, 200, 0x01, 0x2C, 1, 1, 0x11, 0,
    ]);
    v.extend([0xFF, 0xDA, 0x00, 0x08, 1, 1, 0, 0, 0x3F, 0]);
    v.extend((0u8..100).map(|i| i.wrapping_mul(13) & 0x7F));
    v.extend([0xFF, 0xD9]);
    v
}

/// A simple lossless WebP of 640×480 with its alpha hint set, and one lossy of 33×17.
fn webp(lossless: bool) -> Vec<u8> {
    let mut v = b"RIFF\0\0\0\0WEBP".to_vec();
    if lossless {
        v.extend(b"VP8L");
        let data_len = 15u32;
        v.extend(data_len.to_le_bytes());
        v.push(0x2F);
        let bits = 639u32 | (479 << 14) | (1 << 28);
        v.extend(bits.to_le_bytes());
        v.extend([7u8; 10]);
        v.push(0); // pad
    } else {
        v.extend(b"VP8 ");
        v.extend(14u32.to_le_bytes());
        v.extend([0x10, 0x02, 0x00, 0x9D, 0x01, 0x2A, 33, 0, 17, 0, 1, 2, 3, 4]);
    }
    let size = (v.len() - 8) as u32;
    v[4..8].copy_from_slice(&size.to_le_bytes());
    v
}

fn made() -> Made {
    let mut s = Settings::for_preset(Preset::Custom);
    s.base_url = "https://user:pw@relay.example:8443/v1beta?key=SECRET#x".into();
    s.model = "gemini-3.1-flash-image".into();
    s.image_size = ImageSize::parse("2K");
    s.aspect_ratio = "16:9".into();
    s.system_instruction = "Say \"cheese\" & <smile>\nplease".into();
    Made::new(
        "a fox in the \"snow\" 🦊\nsecond line",
        &s,
        vec!["k1".into(), "k2".into()],
    )
}

#[test]
fn the_payload_keeps_the_settings_and_never_a_secret() {
    let m = made();
    assert_eq!(m.host, "relay.example:8443");
    assert_eq!(m.provider, "Custom provider");
    let json = m.to_json();
    assert!(!json.contains("SECRET") && !json.contains("pw") && !json.contains("v1beta"));
    // Applied to someone's settings: their provider stays, the image's choices come in.
    let mine = Settings::for_preset(Preset::Google);
    let applied = m.apply_to(&mine);
    assert_eq!(applied.base_url, mine.base_url);
    assert_eq!(applied.preset, Preset::Google);
    assert_eq!(applied.model, "gemini-3.1-flash-image");
    assert_eq!(applied.image_size, ImageSize::parse("2K"));
    assert_eq!(applied.aspect_ratio, "16:9");
    assert_eq!(applied.system_instruction, m.system_instruction);
    assert!(m.dropped(&applied).is_empty());
    // A model that lacks some of them: each one left out is named.
    let mut wide = m.clone();
    wide.aspect_ratio = "8:1".into();
    wide.image_size = "512".into();
    wide.model = "gemini-2.5-flash-image".into();
    let applied = wide.apply_to(&mine);
    assert_eq!(applied.aspect_ratio, "");
    assert_eq!(wide.dropped(&applied), ["512", "8:1"]);
}

#[test]
fn png_round_trip_adds_one_chunk_after_the_header() {
    let original = png();
    let out = embed(&original, &made()).unwrap();
    assert_eq!(read(&out), Some(made()));
    assert_eq!(dimensions(&out), dimensions(&original));
    assert!(is_complete(&out));
    assert_eq!(&out[37..41], b"iTXt", "right after IHDR");
    // The chunk's checksum is the one PNG readers check.
    let len = u32::from_be_bytes(out[33..37].try_into().unwrap()) as usize;
    let crc = u32::from_be_bytes(out[41 + len..45 + len].try_into().unwrap());
    assert_eq!(crc, crc32fast::hash(&out[37..41 + len]));
    // Everything else is the original's bytes, in order.
    let mut rest = out[..33].to_vec();
    rest.extend_from_slice(&out[45 + len..]);
    assert_eq!(rest, original);
    // Written again: replaced, not added.
    let mut other = made();
    other.prompt = "another".into();
    let twice = embed(&out, &other).unwrap();
    assert_eq!(read(&twice).unwrap().prompt, "another");
    assert_eq!(twice.windows(4).filter(|w| w == b"iTXt").count(), 1);
    assert_eq!(read(&original), None);
}

#[test]
fn jpeg_round_trip_puts_xmp_after_jfif() {
    let original = jpeg();
    assert_eq!(dimensions(&original), Some((300, 200)));
    let out = embed(&original, &made()).unwrap();
    assert_eq!(read(&out), Some(made()));
    assert_eq!(dimensions(&out), Some((300, 200)));
    assert!(is_complete(&out));
    assert_eq!(&out[20..22], [0xFF, 0xE1], "after the JFIF segment");
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains(
        "<rdf:li xml:lang=\"x-default\">a fox in the &quot;snow&quot; 🦊&#10;second line</rdf:li>"
    ));
    let twice = embed(&out, &made()).unwrap();
    assert_eq!(twice.len(), out.len(), "the old packet is replaced");
    assert_eq!(read(&twice), Some(made()));
    // A packet over a segment's 64 KB is not written.
    let mut big = made();
    big.system_instruction = "x".repeat(70_000);
    assert_eq!(embed(&original, &big), None);
}

#[test]
fn webp_round_trip_makes_a_simple_file_extended() {
    for (lossless, dims, alpha) in [(true, (640, 480), true), (false, (33, 17), false)] {
        let original = webp(lossless);
        assert_eq!(dimensions(&original), Some(dims));
        let out = embed(&original, &made()).unwrap();
        assert_eq!(read(&out), Some(made()));
        assert_eq!(&out[12..16], b"VP8X");
        assert_eq!(
            dimensions(&out),
            Some(dims),
            "the canvas is the image's size"
        );
        assert_eq!(has_alpha(&out), alpha);
        assert!(is_complete(&out));
        let declared = u32::from_le_bytes(out[4..8].try_into().unwrap()) as usize;
        assert_eq!(declared + 8, out.len());
        // Extended already: the flag is set and the packet replaced.
        let twice = embed(&out, &made()).unwrap();
        assert_eq!(twice.len(), out.len());
        assert_eq!(twice[20] & 0x04, 0x04);
        assert_eq!(read(&twice), Some(made()));
    }
}

#[test]
fn foreign_or_damaged_files_read_as_nothing() {
    assert_eq!(read(b"GIF89a...."), None);
    assert_eq!(read(&png()[..20]), None);
    let out = embed(&png(), &made()).unwrap();
    assert_eq!(read(&out[..50]), None, "cut inside our chunk");
    assert_eq!(embed(&png()[..20], &made()), None);
    // Another tool's iTXt or XMP is not ours.
    let mut foreign = made();
    foreign.app = "Other".into();
    let out = embed(&png(), &foreign).unwrap();
    assert_eq!(read(&out), None);
    assert_eq!(host_of("relay.example/path"), "relay.example");
    assert_eq!(host_of("http://[::1]:8080/x"), "[::1]:8080");
}

#[test]
fn strip_gives_back_the_bytes_before_embedding() {
    for original in [png(), jpeg()] {
        let out = embed(&original, &made()).unwrap();
        assert_eq!(strip(&out).unwrap(), original);
        assert!(is_original_of(&out, &original));
        assert!(!is_original_of(&out, &original[1..]));
        assert!(
            !is_original_of(&original, &original),
            "nothing of ours to take out"
        );
        assert_eq!(strip(&original), None, "nothing of ours to take out");
    }
    // WebP's header is rewritten: not given back.
    assert_eq!(strip(&embed(&webp(true), &made()).unwrap()), None);
}

#[test]
fn a_region_edit_says_so_in_its_file_and_a_plain_answer_does_not() {
    let plain = made();
    assert!(!plain.to_json().contains("\"edit\""));
    let region = Made {
        edit: "region".into(),
        ..made()
    };
    let out = embed(&png(), &region).unwrap();
    assert_eq!(read(&out).map(|m| m.edit), Some("region".to_string()));
    assert_eq!(
        read(&embed(&png(), &plain).unwrap()).map(|m| m.edit),
        Some(String::new())
    );
}
