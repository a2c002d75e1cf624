//! Response parsing: every shape the providers answer with, and every way it can go wrong.

mod common;

use banana_studio::protocol::{native, ApiKey, Error, FinishReason, PartData};
use common::*;
use serde_json::json;

fn parse(v: serde_json::Value) -> Result<banana_studio::protocol::Generation, Error> {
    native::parse(v.to_string().as_bytes(), &ApiKey::new("sk-secret-key"))
}

fn answer(parts: serde_json::Value) -> serde_json::Value {
    json!({ "candidates": [{ "content": { "role": "model", "parts": parts }, "finishReason": "STOP" }] })
}

#[test]
fn final_image_is_last_non_thought_image() {
    let g = parse(answer(json!([
        { "inlineData": { "mimeType": "image/png", "data": SEED_PNG_B64 }, "thought": true },
        { "inlineData": { "mimeType": "image/jpeg", "data": b64(&jpeg()) } },
        { "inlineData": { "mimeType": "image/webp", "data": b64(&webp()) }, "thoughtSignature": "sig" }
    ])))
    .unwrap();
    assert_eq!(g.drafts.len(), 1);
    assert_eq!(g.images.len(), 2, "several images are all kept");
    assert_eq!(g.final_image().unwrap().kind.mime(), "image/webp");
}

fn b64(bytes: &[u8]) -> String {
    banana_studio::protocol::b64::encode(bytes)
}

#[test]
fn snake_case_everywhere() {
    let v = json!({
        "candidates": [{
            "content": { "parts": [
                { "text": "cap" },
                { "inline_data": { "mime_type": "image/png", "data": SEED_PNG_B64 }, "thought_signature": "s1" }
            ]},
            "finish_reason": "STOP",
            "grounding_metadata": { "web_search_queries": ["q"], "grounding_chunks": [{ "web": { "uri": "https://a.example", "title": "A" } }] }
        }],
        "usage_metadata": { "prompt_token_count": 3, "total_token_count": 9, "candidates_tokens_details": [{ "modality": "IMAGE", "token_count": 6 }] },
        "model_version": "m"
    });
    let g = parse(v).unwrap();
    assert_eq!(g.text, "cap");
    assert_eq!(g.grounding.sources[0].title, "A");
    assert_eq!(
        g.usage.as_ref().unwrap().candidates_tokens_details[0].token_count,
        6
    );
    assert_eq!(
        g.turn.unwrap().parts[1].thought_signature.as_deref(),
        Some("s1")
    );
}

#[test]
fn unknown_finish_reason_parses() {
    let v = json!({ "candidates": [{ "content": { "parts": [{ "inlineData": { "mimeType": "image/png", "data": SEED_PNG_B64 } }] }, "finishReason": "SOMETHING_NEW" }] });
    let g = parse(v).unwrap();
    assert_eq!(
        g.finish_reason,
        Some(FinishReason::Unknown("SOMETHING_NEW".into()))
    );
    assert_eq!(
        FinishReason::from_wire("IMAGE_SAFETY"),
        FinishReason::ImageSafety
    );
}

#[test]
fn finish_without_image_says_why() {
    for (reason, needle) in [
        ("IMAGE_SAFETY", "safety"),
        ("NO_IMAGE", "not to draw"),
        ("RECITATION", "existing material"),
        ("PROHIBITED_CONTENT", "prohibits"),
        ("MISSING_THOUGHT_SIGNATURE", "signatures"),
        ("STOP", "text only"),
    ] {
        let v = json!({ "candidates": [{ "content": { "parts": [{ "text": "sorry" }] }, "finishReason": reason }] });
        let e = parse(v).unwrap_err();
        assert_eq!(e.kind(), "no-image");
        let m = e.message();
        assert!(m.contains(needle) && m.contains("sorry"), "{reason}: {m}");
    }
    let e = parse(json!({ "candidates": [{ "finishReason": "SAFETY" }] })).unwrap_err();
    assert!(e.message().contains("SAFETY"));
}

#[test]
fn prompt_feedback_block() {
    let e = parse(json!({ "promptFeedback": { "blockReason": "PROHIBITED_CONTENT", "blockReasonMessage": "no" } })).unwrap_err();
    assert_eq!(
        e,
        Error::Blocked {
            reason: "PROHIBITED_CONTENT: no".into()
        }
    );
    assert!(e.message().contains("Rephrase"));
}

#[test]
fn images_inside_text_as_data_uri() {
    let text = format!("Here it is ![img](data:image/png;base64,{SEED_PNG_B64}) enjoy");
    let g = parse(answer(json!([{ "text": text }]))).unwrap();
    assert_eq!(g.images.len(), 1);
    assert_eq!(g.text, "Here it is  enjoy");
    assert!(!g.text.contains("base64"));
}

#[test]
fn images_inside_text_as_url() {
    let g = parse(answer(
        json!([{ "text": "![image](https://cdn.example/out/a.png)" }]),
    ))
    .unwrap();
    assert!(g.images.is_empty());
    assert_eq!(g.remote[0].url, "https://cdn.example/out/a.png");
    assert_eq!(g.text, "");
}

#[test]
fn inline_data_wins_over_text_links() {
    let g = parse(answer(json!([
        { "text": "also at https://cdn.example/a.png" },
        { "inlineData": { "mimeType": "image/png", "data": SEED_PNG_B64 } }
    ])))
    .unwrap();
    assert_eq!(g.images.len(), 1);
    assert!(g.remote.is_empty());
    assert!(g.text.contains("https://cdn.example/a.png"));
}

#[test]
fn file_data_becomes_remote_image() {
    let g = parse(answer(
        json!([{ "fileData": { "mimeType": "image/png", "fileUri": "https://files.example/x" } }]),
    ))
    .unwrap();
    assert_eq!(g.remote[0].url, "https://files.example/x");
    assert!(matches!(
        g.turn.unwrap().parts[0].data,
        PartData::File { .. }
    ));
}

#[test]
fn refuses_svg_html_and_lying_mime_types() {
    let svg = b64(b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>");
    let e = parse(answer(
        json!([{ "inlineData": { "mimeType": "image/svg+xml", "data": svg } }]),
    ))
    .unwrap_err();
    assert_eq!(
        e,
        Error::UnsafeImage {
            found: banana_studio::protocol::Found::Format("SVG")
        }
    );
    let html = b64(b"<html><body>hi</body></html>");
    let e = parse(answer(
        json!([{ "inlineData": { "mimeType": "image/png", "data": html } }]),
    ))
    .unwrap_err();
    assert_eq!(e.kind(), "unsafe-image");
    assert!(
        e.message().contains("declared as image/png"),
        "{}",
        e.message()
    );
    let gif = b64(b"GIF89a\x01\x00\x01\x00");
    assert_eq!(
        parse(answer(
            json!([{ "inlineData": { "mimeType": "image/gif", "data": gif } }])
        ))
        .unwrap_err()
        .kind(),
        "unsafe-image"
    );
    // A PNG declared as JPEG is shown as the PNG it is.
    let g = parse(answer(
        json!([{ "inlineData": { "mimeType": "image/jpeg", "data": SEED_PNG_B64 } }]),
    ))
    .unwrap();
    assert_eq!(g.images[0].kind.mime(), "image/png");
}

#[test]
fn invalid_base64_and_broken_bodies() {
    let e = parse(answer(
        json!([{ "inlineData": { "mimeType": "image/png", "data": "@@@@" } }]),
    ))
    .unwrap_err();
    assert_eq!(e, Error::InvalidBase64);
    let k = ApiKey::new("k");
    let full = answer(json!([{ "inlineData": { "mimeType": "image/png", "data": SEED_PNG_B64 } }]))
        .to_string();
    let e = native::parse(&full.as_bytes()[..full.len() / 2], &k).unwrap_err();
    assert_eq!(e.kind(), "truncated");
    let e = native::parse(
        b"<!DOCTYPE html><html><title>Just a moment...</title></html>",
        &k,
    )
    .unwrap_err();
    assert_eq!(e.kind(), "malformed");
    assert!(
        e.message().contains("Just a moment...") && !e.message().contains("<html"),
        "{}",
        e.message()
    );
    assert_eq!(native::parse(b"", &k).unwrap_err().kind(), "truncated");
    assert_eq!(native::parse(b"[1,2]", &k).unwrap_err().kind(), "malformed");
    assert_eq!(
        native::parse(b"{\"candidates\": \"x\"}", &k)
            .unwrap_err()
            .kind(),
        "malformed"
    );
}

#[test]
fn base64_with_escaped_slashes_and_line_breaks() {
    let with_escapes = answer(json!([{ "inlineData": { "mimeType": "image/png", "data": "XX" } }]))
        .to_string()
        .replace("XX", &SEED_PNG_B64.replace('/', "\\/"));
    let g = native::parse(with_escapes.as_bytes(), &ApiKey::new("k")).unwrap();
    assert_eq!(g.images[0].bytes.as_ref(), png().as_slice());
    let wrapped = format!("{}\n{}", &SEED_PNG_B64[..40], &SEED_PNG_B64[40..]);
    let g = parse(answer(
        json!([{ "inlineData": { "mimeType": "image/png", "data": wrapped } }]),
    ))
    .unwrap();
    assert_eq!(g.images[0].bytes.as_ref(), png().as_slice());
}

#[test]
fn error_inside_a_200_answer_is_redacted() {
    let e = parse(json!({ "error": { "code": 401, "message": "bad key sk-secret-key", "status": "UNAUTHENTICATED" } })).unwrap_err();
    assert_eq!(e.kind(), "invalid-key");
    assert!(!e.message().contains("sk-secret-key"));
    assert!(e.message().contains("[redacted]"));
}

#[test]
fn streamed_chunks_accumulate() {
    let k = ApiKey::new("k");
    let chunks = [
        json!({ "candidates": [{ "content": { "parts": [{ "text": "Think", "thought": true }] } }] }),
        json!({ "candidates": [{ "content": { "parts": [{ "text": "ing", "thought": true }] } }] }),
        json!({ "candidates": [{ "content": { "parts": [{ "inlineData": { "mimeType": "image/png", "data": SEED_PNG_B64 }, "thought": true }] } }] }),
        json!({ "candidates": [{ "content": { "parts": [{ "text": "Here " }] } }] }),
        json!({ "candidates": [{ "content": { "parts": [{ "text": "it is." }] } }] }),
        json!({ "candidates": [{ "content": { "parts": [{ "inlineData": { "mimeType": "image/png", "data": SEED_PNG_B64 }, "thoughtSignature": "SIG" }] }, "finishReason": "STOP" }],
                "usageMetadata": { "totalTokenCount": 5 } }),
    ];
    let mut sse = String::new();
    for c in &chunks {
        sse.push_str(&format!("data: {c}\r\n\r\n"));
    }
    let mut decoder = native::SseDecoder::default();
    let mut acc = native::Accumulator::default();
    let mut preview_seen = false;
    for piece in sse.as_bytes().chunks(37) {
        for event in decoder.push(piece) {
            acc.push(&event, &k).unwrap();
            preview_seen |= !acc.so_far().drafts.is_empty() && acc.so_far().images.is_empty();
        }
    }
    assert!(decoder.finish().is_none());
    assert!(preview_seen, "the draft is visible before the final image");
    let g = acc.finish().unwrap();
    assert_eq!(g.thoughts, "Thinking");
    assert_eq!(g.text, "Here it is.");
    assert_eq!(g.images.len(), 1);
    let parts = g.turn.unwrap().parts;
    assert_eq!(
        parts.len(),
        4,
        "text pieces joined: thought text, thought image, text, image"
    );
    assert_eq!(parts[3].thought_signature.as_deref(), Some("SIG"));
    assert_eq!(g.usage.unwrap().total_token_count, Some(5));
}
