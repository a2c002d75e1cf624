//! The chat-completion parsers against every documented answer shape.

use super::parse::*;
use crate::protocol::b64;
use crate::protocol::error::Error;
use crate::protocol::native::Scanner;
use crate::protocol::provider::ApiKey;
use crate::protocol::request::Role;
use crate::protocol::response::FinishReason;
use serde_json::json;

const PNG_B64: &str =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

fn uri() -> String {
    format!("data:image/png;base64,{PNG_B64}")
}

fn key() -> ApiKey {
    ApiKey::new("sk-secret-1")
}

#[test]
fn reads_the_documented_answer() {
    let body = json!({
        "choices": [{
            "message": {"role": "assistant", "content": "Here is a fox.",
                "images": [{"type": "image_url", "image_url": {"url": uri()}}]},
            "finish_reason": "stop"
        }],
        "usage": {"prompt_tokens": 10, "completion_tokens": 1300, "total_tokens": 1310}
    });
    let g = parse(body.to_string().as_bytes(), &key()).unwrap();
    assert_eq!(g.images.len(), 1);
    assert_eq!(g.text, "Here is a fox.");
    assert_eq!(g.finish_reason, Some(FinishReason::Stop));
    let usage = g.usage.unwrap();
    assert_eq!(usage.prompt_token_count, Some(10));
    assert_eq!(usage.candidates_token_count, Some(1300));
    let turn = g.turn.unwrap();
    assert_eq!(turn.role, Role::Model);
    assert_eq!(turn.parts.len(), 2);
}

#[test]
fn camel_case_plain_strings_and_content_parts_are_read_too() {
    let body = json!({
        "choices": [{
            "message": {"content": [{"type": "text", "text": "a"},
                {"type": "image_url", "imageUrl": uri()}],
                "images": [{"imageUrl": {"url": uri()}}, {"url": uri()}]},
            "finishReason": "stop"
        }],
        "usage": {"promptTokens": 3, "completionTokens": 4, "totalTokens": 7,
            "completionTokensDetails": {"imageTokens": 4}}
    });
    let g = parse(body.to_string().as_bytes(), &key()).unwrap();
    assert_eq!(g.images.len(), 3);
    assert_eq!(g.text, "a");
    let usage = g.usage.unwrap();
    assert_eq!(usage.total_token_count, Some(7));
    assert_eq!(usage.candidates_tokens_details[0].token_count, 4);
}

#[test]
fn null_lists_and_fields_read_as_empty() {
    let body = json!({"choices": [{"message": {"content": null, "images": null, "reasoning": null},
        "finish_reason": null}, null], "usage": null, "error": null});
    let body = body.to_string().replace(",null]", "]");
    match parse(body.as_bytes(), &key()).unwrap_err() {
        Error::NoImage { .. } => {}
        e => panic!("{e:?}"),
    }
    assert!(parse(br#"{"choices": null}"#, &key()).is_err());
    let with_image = json!({"choices": [{"message": {"content": null, "images": [{"image_url": {"url": uri()}}]}}], "usage": null});
    assert_eq!(
        parse(with_image.to_string().as_bytes(), &key())
            .unwrap()
            .images
            .len(),
        1
    );
}

#[test]
fn links_are_hosted_images_to_download() {
    let body = json!({"choices": [{"message": {"content": null,
        "images": [{"type": "image_url", "image_url": {"url": "https://cdn.example/a.png"}}]}}]});
    let g = parse(body.to_string().as_bytes(), &key()).unwrap();
    assert!(g.images.is_empty());
    assert_eq!(g.remote[0].url, "https://cdn.example/a.png");
    assert!(
        g.turn.is_none(),
        "no conversation before the image is downloaded"
    );
    let bad =
        json!({"choices": [{"message": {"images": [{"image_url": {"url": "javascript:x"}}]}}]});
    assert_eq!(
        parse(bad.to_string().as_bytes(), &key())
            .unwrap_err()
            .kind(),
        "malformed"
    );
}

#[test]
fn a_stream_of_deltas_adds_up() {
    let mut acc = Accumulator::default();
    let chunks = [
        json!({"choices": [{"delta": {"role": "assistant", "content": "Here "}}]}).to_string(),
        json!({"choices": [{"delta": {"content": "it is", "images": [{"type": "image_url", "image_url": {"url": uri()}}]}}]}).to_string(),
        json!({"choices": [{"delta": {}, "finish_reason": "stop", "native_finish_reason": "STOP"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}}).to_string(),
        "[DONE]".to_string(),
    ];
    for (i, c) in chunks.iter().enumerate() {
        acc.push(c.as_bytes(), &key()).unwrap();
        if i == 1 {
            assert_eq!(
                acc.so_far().images.len(),
                1,
                "the image shows as it arrives"
            );
        }
    }
    let g = acc.finish().unwrap();
    assert_eq!(g.text, "Here it is");
    assert_eq!(g.finish_reason, Some(FinishReason::Stop));
    assert_eq!(g.usage.unwrap().total_token_count, Some(3));
}

#[test]
fn no_image_says_why_and_errors_are_redacted() {
    let body = json!({"choices": [{"message": {"content": "I can't draw that."}, "finish_reason": "content_filter"}]});
    match parse(body.to_string().as_bytes(), &key()).unwrap_err() {
        Error::NoImage {
            finish_reason,
            text,
        } => {
            assert_eq!(finish_reason.as_deref(), Some("SAFETY"));
            assert_eq!(text.as_deref(), Some("I can't draw that."));
        }
        e => panic!("{e:?}"),
    }
    let error = json!({"error": {"code": 402, "message": "Insufficient credits for sk-secret-1"}});
    let e = parse(error.to_string().as_bytes(), &key()).unwrap_err();
    let Error::Http(h) = &e else { panic!("{e:?}") };
    assert_eq!(h.status, 402);
    assert!(!format!("{e:?}").contains("sk-secret-1"));
    assert!(parse(b"", &key()).is_err());
    assert!(parse(b"{\"choices\": [", &key()).is_err());
}

#[test]
fn markdown_images_in_the_text_are_found() {
    let body = json!({"choices": [{"message": {"content": format!("Done ![x]({})", uri())}}]});
    let g = parse(body.to_string().as_bytes(), &key()).unwrap();
    assert_eq!(g.images.len(), 1);
    assert_eq!(g.text.trim(), "Done");
}

#[test]
fn a_scanned_answer_decodes_the_data_uri_on_the_way() {
    // A big image: its base64 is long enough to be diverted.
    let mut png = b64::decode(PNG_B64).unwrap();
    let iend = png.len() - 12;
    let mut chunk = Vec::new();
    chunk.extend_from_slice(&(40_000u32).to_be_bytes());
    chunk.extend_from_slice(b"tEXt");
    chunk.extend(std::iter::repeat_n(b'a', 40_000));
    chunk.extend_from_slice(&crc32fast::hash(&chunk[4..]).to_be_bytes());
    png.splice(iend..iend, chunk);
    let uri = format!("data:image/png;base64,{}", b64::encode(&png));
    let body = json!({"choices": [{"message": {"content": "ok",
        "images": [{"type": "image_url", "image_url": {"url": uri}}]}}]})
    .to_string();
    let mut scanner = Scanner::with_data_uris();
    for piece in body.as_bytes().chunks(777) {
        scanner.push(piece);
    }
    let scanned = scanner.finish();
    assert!(scanned.skeleton.len() < 1000, "the image left the skeleton");
    let g = parse_scanned(scanned, &key()).unwrap();
    assert_eq!(g.images[0].bytes.as_ref(), png.as_slice());
    assert_eq!(g, parse(body.as_bytes(), &key()).unwrap());
}
