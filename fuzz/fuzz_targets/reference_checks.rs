//! Feeds arbitrary bytes to every check a reference file goes through before it is sent: format,
//! completeness, size and transparency from the header, the model's input check, and the shrinking
//! plan. Each must answer, never panic; a plan must never grow the image or pass the long-edge limit.
#![no_main]

use banana_studio::protocol::catalogue::capabilities;
use banana_studio::protocol::image::{displayed_dimensions, has_alpha, is_complete, sniff};
use banana_studio::protocol::validate::check_reference;
use banana_studio::protocol::{Preset, Reference};
use banana_studio::studio::downscale::{first_step, fit, next_step, Limits};
use libfuzzer_sys::fuzz_target;

/// The magic numbers of the formats, so the header readers get past their first check.
const MAGIC: [&[u8]; 6] = [
    b"",
    b"\x89PNG\r\n\x1a\n",
    b"\xFF\xD8\xFF",
    b"RIFF\0\0\0\0WEBP",
    b"\0\0\0\x18ftypheic",
    b"GIF89a",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let bytes = [MAGIC[usize::from(selector) % MAGIC.len()], rest].concat();
    let _ = is_complete(&bytes);
    let alpha = has_alpha(&bytes);
    for preset in [Preset::Google, Preset::Gccai] {
        let caps = capabilities(&preset.provider(), "gemini-3.1-flash-image");
        let reference = Reference::new("fuzz.png", bytes.clone());
        if let Err(e) = check_reference(&caps, 1, &reference) {
            assert!(!e.message().is_empty());
        }
    }
    let (Some(kind), Some((w, h))) = (sniff(&bytes), displayed_dimensions(&bytes)) else {
        return;
    };
    let cap = u32::from(selector) * 64;
    let limits = Limits::new(
        1 + rest.len() / 2,
        (cap > 0).then_some(cap),
        &["image/png", "image/jpeg", "image/webp"],
    );
    if let Some(mut step) = first_step(kind, alpha, (w, h), bytes.len(), &limits) {
        for got in [bytes.len(), bytes.len() / 2, bytes.len() / 3] {
            let (tw, th) = fit(w, h, step.long_edge);
            assert!(tw <= w.max(1) && th <= h.max(1), "never larger");
            assert!(limits.long_edge.is_none_or(|c| tw.max(th) <= c.max(1)));
            match next_step(&step, alpha, got, &limits) {
                Some(next) => step = next,
                None => break,
            }
        }
    }
});
