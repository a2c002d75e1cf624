//! Property tests: no input makes a parser panic; each answers `Ok` or a typed error.

use banana_studio::protocol::catalogue::MB;
use banana_studio::protocol::image::ImageKind;
use banana_studio::protocol::task::{parse_status, parse_submit};
use banana_studio::protocol::{http_error, image, native, openai, text_images, ApiKey};
use banana_studio::studio::downscale::{
    first_step, fit, next_step, Limits, Step, LONG_EDGES, MAX_ATTEMPTS, SMALLEST_EDGE,
};
use proptest::prelude::*;
use serde_json::{Map, Value};

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        prop::sample::select(vec![
            "iVBORw0KGgo=",
            "STOP",
            "image/png",
            "https://x.example/a.png",
            "data:image/png;base64,iVBORw0KGgo="
        ])
        .prop_map(|s| Value::String(s.to_string())),
    ];
    // Keys from the wire formats, so the parsers get past their first field.
    let keys = prop::sample::select(vec![
        "candidates",
        "content",
        "parts",
        "text",
        "inlineData",
        "inline_data",
        "mimeType",
        "data",
        "thought",
        "thoughtSignature",
        "finishReason",
        "usageMetadata",
        "promptFeedback",
        "blockReason",
        "groundingMetadata",
        "groundingChunks",
        "web",
        "uri",
        "error",
        "code",
        "message",
        "status",
        "details",
        "@type",
        "retryDelay",
        "task_id",
        "progress",
        "result",
        "images",
        "url",
        "expires_at",
        "fileData",
        "fileUri",
        "id",
        "msg",
    ]);
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..6).prop_map(|kv| Value::Object(
                kv.into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect::<Map<_, _>>()
            )),
        ]
    })
}

fn all_parsers(bytes: &[u8]) {
    let k = ApiKey::new("sk-prop-key");
    let _ = native::parse(bytes, &k);
    let _ = parse_submit(bytes, &k);
    let _ = parse_status(bytes, &k);
    for status in [400, 401, 429, 500, 502] {
        let e = http_error::from_status(status, bytes, Some("1.5"), &k);
        assert!(!e.message().is_empty());
    }
    let _ = image::sniff(bytes);
    let _ = image::dimensions(bytes);
    // The header readers, also behind each format's magic so they get past the first check.
    for magic in [
        &b"\xFF\xD8\xFF"[..],
        b"\x89PNG\r\n\x1a\n",
        b"RIFF\0\0\0\0WEBP",
    ] {
        let file = [magic, bytes].concat();
        let _ = image::displayed_dimensions(&file);
        let _ = image::has_alpha(&file);
    }
    let mut d = native::SseDecoder::default();
    let mut acc = native::Accumulator::default();
    for ev in d.push(bytes) {
        let _ = acc.push(&ev, &k);
    }
    let _ = acc.finish();
    let _ = openai::parse(bytes, &k);
    let mut d = native::SseDecoder::default();
    let mut chat = openai::Accumulator::default();
    for ev in d.push(bytes) {
        let _ = chat.push(&ev, &k);
    }
    let _ = chat.finish();
    let text = String::from_utf8_lossy(bytes);
    let _ = text_images::data_uris(&text);
    let _ = text_images::image_urls(&text);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        all_parsers(&bytes);
    }

    #[test]
    fn arbitrary_json_never_panics(v in arb_json()) {
        all_parsers(v.to_string().as_bytes());
        all_parsers(serde_json::json!({ "candidates": [{ "content": { "parts": [v.clone()] } }] }).to_string().as_bytes());
        all_parsers(serde_json::json!({ "code": 200, "data": v }).to_string().as_bytes());
    }

    #[test]
    fn key_never_leaks_into_error_messages(noise in ".{0,40}", status in 400u16..600) {
        let key = ApiKey::new("sk-leak-9f8e7d");
        let bodies = [
            format!(r#"{{"error":{{"code":{status},"message":"{noise} sk-leak-9f8e7d"}}}}"#),
            format!(r#"{{"error":"sk-leak-9f8e7d {noise}"}}"#),
            format!(r#"{{"code":{status},"msg":"key=sk-leak-9f8e7d"}}"#),
            format!("<html><title>sk-leak-9f8e7d</title>{noise}</html>"),
            format!("plain sk-leak-9f8e7d {noise}"),
        ];
        for b in &bodies {
            let m = http_error::from_status(status, b.as_bytes(), None, &key).message();
            prop_assert!(!m.contains("sk-leak-9f8e7d"), "{}", m);
            if let Err(e) = native::parse(b.as_bytes(), &key) {
                prop_assert!(!e.message().contains("sk-leak-9f8e7d"), "{}", e.message());
            }
        }
    }

    #[test]
    fn base64_round_trips(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let enc = banana_studio::protocol::b64::encode(&bytes);
        prop_assert_eq!(banana_studio::protocol::b64::decode(&enc).unwrap(), bytes);
    }
}

/// A native answer with a real-looking image of `size` bytes, a caption and a signature.
fn answer_with_image(image: &[u8], url_safe: bool) -> String {
    use base64::Engine;
    let mut data = base64::engine::general_purpose::STANDARD.encode(image);
    if url_safe {
        data = data.replace('+', "-").replace('/', "_");
    }
    format!(
        r#"{{"candidates":[{{"content":{{"role":"model","parts":[{{"text":"Here it is"}},{{"inlineData":{{"mimeType":"image/png","data":"{data}"}},"thoughtSignature":"{}"}}]}},"finishReason":"STOP"}}],"usageMetadata":{{"totalTokenCount":3}}}}"#,
        "c2lnbmF0dXJl".repeat(900)
    )
}

fn scanned(body: &[u8], cuts: &[usize]) -> native::scan::Scanned {
    scanned_by(native::Scanner::default(), body, cuts)
}

/// What `s` makes of `body` fed in the pieces `cuts` marks.
fn scanned_by(mut s: native::Scanner, body: &[u8], cuts: &[usize]) -> native::scan::Scanned {
    let mut at = 0;
    for &c in cuts {
        let c = c.min(body.len()).max(at);
        s.push(&body[at..c]);
        at = c;
    }
    s.push(&body[at..]);
    s.finish()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Reading an answer as it arrives, in any pieces, gives exactly what parsing it whole gives.
    #[test]
    fn scanning_in_pieces_equals_parsing_whole(
        // At least one byte after the signature: the signature alone is not an image (and is refused).
        len in 1usize..60_000,
        seed in any::<u8>(),
        url_safe in any::<bool>(),
        mut cuts in prop::collection::vec(0usize..90_000, 0..12),
    ) {
        let mut image = b"\x89PNG\r\n\x1a\n".to_vec();
        image.extend((0..len).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)));
        let body = answer_with_image(&image, url_safe);
        cuts.sort_unstable();
        let key = ApiKey::new("k");
        let whole = native::parse(body.as_bytes(), &key).unwrap();
        let pieces = native::parse_scanned(scanned(body.as_bytes(), &cuts), &key).unwrap();
        prop_assert_eq!(&pieces.images, &whole.images);
        prop_assert_eq!(&pieces.turn, &whole.turn);
        prop_assert_eq!(pieces.text, whole.text);
        // Cut off anywhere, it fails as the whole would, with the same kind of error.
        let cut = cuts.first().copied().unwrap_or(body.len() / 2).min(body.len() - 1);
        let whole_err = native::parse(&body.as_bytes()[..cut], &key).unwrap_err();
        let scanned_err = native::parse_scanned(scanned(&body.as_bytes()[..cut], &cuts), &key).unwrap_err();
        prop_assert_eq!(scanned_err.kind(), whole_err.kind());
    }

    /// Arbitrary bytes never make the scanner panic, and what it hands over parses like the whole.
    #[test]
    fn the_scanner_takes_any_bytes(body in prop::collection::vec(any::<u8>(), 0..4000), cut in 0usize..4000) {
        let key = ApiKey::new("k");
        let s = scanned(&body, &[cut]);
        let whole = native::parse(&body, &key);
        let pieces = native::parse_scanned(s, &key);
        prop_assert_eq!(pieces.is_ok(), whole.is_ok());
    }
}

proptest! {
    /// Whatever the image and limits, the plan never upscales, respects the long-edge limit, and,
    /// with an encoder whose output scales with the pixels, fits the byte limit within the
    /// attempts allowed.
    #[test]
    fn plans_converge_under_both_limits(
        w in 1u32..20_000, h in 1u32..20_000,
        bytes_per_px in 0.05f64..4.0,
        max_mb in 1usize..30,
        cap in proptest::option::of(prop::sample::select(LONG_EDGES)),
        png in any::<bool>(),
        alpha in any::<bool>(),
    ) {
        let l = Limits::new(max_mb * MB, cap, &["image/png", "image/jpeg", "image/webp"]);
        let kind = if png { ImageKind::Png } else { ImageKind::Jpeg };
        let encode = |s: &Step| {
            let (tw, th) = fit(w, h, s.long_edge);
            let lossy = if s.kind == ImageKind::Png { 1.0 } else { 0.3 };
            (f64::from(tw) * f64::from(th) * bytes_per_px * lossy) as usize
        };
        let len = (f64::from(w) * f64::from(h) * bytes_per_px) as usize;
        let Some(mut step) = first_step(kind, alpha, (w, h), len, &l) else {
            prop_assert!(len <= l.max_bytes);
            prop_assert!(cap.is_none_or(|c| w.max(h) <= c));
            return Ok(());
        };
        let mut got = encode(&step);
        for _ in 1..MAX_ATTEMPTS {
            let long = step.long_edge;
            prop_assert!(long <= w.max(h) && cap.is_none_or(|c| long <= c));
            let (tw, th) = fit(w, h, long);
            prop_assert!(tw.max(th) <= long && tw >= 1 && th >= 1);
            match next_step(&step, alpha, got, &l) {
                Some(next) => { step = next; got = encode(&step); }
                None => break,
            }
        }
        let smallest = fit(w, h, step.long_edge);
        prop_assert!(got <= l.max_bytes || smallest.0.max(smallest.1) < 2 * SMALLEST_EDGE,
            "{got} bytes at {smallest:?} over {}", l.max_bytes);
    }
}

proptest! {
    /// The search's quick test on the stored JSON never drops an entry the search would find.
    #[test]
    fn the_history_search_prefilter_keeps_every_match(
        prompt in "(?s).{0,40}",
        caption in "(?s).{0,20}",
        pick in 0usize..40,
        len in 1usize..6,
        extra in "[ a-zA-ZΣσςİK\"\\\\]{0,8}",
    ) {
        use banana_studio::studio::history::may_match;
        use banana_studio::studio::{HistoryEntry, Settings};
        let entry = HistoryEntry {
            id: HistoryEntry::make_id(1_763_750_000_123.0, 1),
            created_ms: 1_763_750_000_123.0,
            prompt: prompt.clone(),
            settings: Settings::default(),
            caption: caption.clone(),
            usage: None,
            answer_images: 1,
            seconds: 1.0,
            mime: "image/png".into(),
            file_name: "a.png".into(),
            width: 1,
            height: 1,
            references: Vec::new(),
            thread: Vec::new(),
            region: None,
            favourite: false,
            collections: Vec::new(),
        };
        // Queries made of pieces of the prompt (so many of them match), and of random text.
        let chars: Vec<char> = prompt.chars().collect();
        let start = pick.min(chars.len());
        let piece: String = chars[start..(start + len).min(chars.len())].iter().collect();
        for query in [piece.clone(), format!("{piece} {extra}"), extra.clone()] {
            if entry.matches(&query) {
                prop_assert!(may_match(&entry.to_json(), &query), "{query:?} in {prompt:?}");
            }
        }
    }
}

/// An OpenAI-compatible answer carrying `image` as a data URI (the base64 URL-safe or not).
fn chat_answer(image: &[u8], url_safe: bool) -> String {
    let mut data = banana_studio::protocol::b64::encode(image);
    if url_safe {
        data = data.replace('+', "-").replace('/', "_");
    }
    serde_json::json!({
        "choices": [{"message": {"role": "assistant", "content": "Here it is",
            "images": [{"type": "image_url", "image_url": {"url": format!("data:image/png;base64,{data}")}}]},
            "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}
    })
    .to_string()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// An OpenAI-compatible answer read as it arrives, in any pieces, is what parsing it whole gives.
    #[test]
    fn chat_answers_scanned_in_pieces_equal_parsing_whole(
        len in 1usize..60_000,
        seed in any::<u8>(),
        url_safe in any::<bool>(),
        mut cuts in prop::collection::vec(0usize..90_000, 0..12),
    ) {
        let mut image = b"\x89PNG\r\n\x1a\n".to_vec();
        image.extend((0..len).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)));
        let body = chat_answer(&image, url_safe);
        cuts.sort_unstable();
        let key = ApiKey::new("k");
        let whole = openai::parse(body.as_bytes(), &key).unwrap();
        let s = scanned_by(native::Scanner::with_data_uris(), body.as_bytes(), &cuts);
        let pieces = openai::parse_scanned(s, &key).unwrap();
        prop_assert_eq!(&pieces, &whole);
        prop_assert_eq!(pieces.images[0].bytes.as_ref(), image.as_slice());
    }

    /// Whatever the prompt and references, the chat request carries them exactly: the prompt as the
    /// first text part, each reference's bytes in its data URI (typed as its bytes say), in order.
    #[test]
    fn chat_requests_carry_the_prompt_and_every_reference(
        prompt in "\\PC{1,80}",
        refs in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..200), 0..4),
        stream in any::<bool>(),
    ) {
        use banana_studio::protocol::{GenerationRequest, Reference};
        let references: Vec<Reference> = refs
            .iter()
            .map(|r| Reference::new("r.png", [&b"\x89PNG\r\n\x1a\n"[..], r].concat()))
            .collect();
        let req = GenerationRequest {
            model: "google/gemini-3.1-flash-image-preview".into(),
            prompt: prompt.clone(),
            references,
            ..GenerationRequest::default()
        };
        let body: Value = serde_json::from_slice(&openai::body(&req, stream).unwrap()).unwrap();
        let content = body["messages"][0]["content"].as_array().unwrap();
        prop_assert_eq!(content[0]["text"].as_str(), Some(prompt.as_str()));
        prop_assert_eq!(content.len(), refs.len() + 1);
        for (part, r) in content[1..].iter().zip(&req.references) {
            let url = part["image_url"]["url"].as_str().unwrap();
            let (head, data) = url.split_once(',').unwrap();
            prop_assert_eq!(head, format!("data:{};base64", r.mime()));
            prop_assert_eq!(banana_studio::protocol::b64::decode(data).unwrap(), r.bytes.to_vec());
        }
        prop_assert_eq!(body["stream"].as_bool(), Some(stream));
    }
}
