//! Validation before sending: every rule, with the message the user sees.

mod common;

use banana_studio::protocol::catalogue::MB;
use banana_studio::protocol::{
    native, task, validate, ApiKey, Dialect, Error, GenerationRequest, ImageSize, Part, Preset,
    Reference, Role, ThinkingLevel, Turn,
};
use common::*;

fn req(model: &str) -> GenerationRequest {
    GenerationRequest {
        model: model.into(),
        prompt: "a banana".into(),
        ..Default::default()
    }
}

fn check(preset: Preset, r: &GenerationRequest) -> Result<(), Error> {
    validate(&preset.provider(), r).map(|_| ())
}

#[test]
fn empty_prompt_and_model() {
    let mut r = req("gemini-3.1-flash-image");
    r.prompt = "  \n".into();
    assert_eq!(check(Preset::Google, &r), Err(Error::EmptyPrompt));
    let r = req(" ");
    assert_eq!(check(Preset::Google, &r), Err(Error::MissingModel));
    let r = req("../evil");
    assert_eq!(check(Preset::Google, &r), Err(Error::MissingModel));
}

#[test]
fn unsupported_options_name_the_supported_values() {
    let mut r = req("gemini-3.1-flash-lite-image");
    r.image_size = Some(ImageSize::K4);
    let m = check(Preset::Anyfast, &r).unwrap_err().message();
    assert!(
        m.contains("\"4K\"") && m.contains("Choose one of: 1K"),
        "{m}"
    );
    let mut r = req("gemini-3.1-flash-lite-image");
    r.aspect_ratio = Some("8:1".into());
    let m = check(Preset::Anyfast, &r).unwrap_err().message();
    assert!(m.contains("8:1") && m.contains("21:9"), "{m}");
    let mut r = req("gemini-3-pro-image-preview");
    r.image_size = Some(ImageSize::S512);
    assert_eq!(
        check(Preset::Google, &r).unwrap_err().kind(),
        "unsupported-option"
    );
    let mut r = req("gemini-2.5-flash-image");
    r.image_size = Some(ImageSize::K1);
    assert_eq!(
        check(Preset::Google, &r).unwrap_err().kind(),
        "option-unavailable"
    );
    let mut r = req("gemini-3-pro-image-preview");
    r.thinking = Some(ThinkingLevel::High);
    assert_eq!(
        check(Preset::Google, &r).unwrap_err().kind(),
        "option-unavailable"
    );
    let mut r = req("gemini-3.1-flash-image");
    r.count = 5;
    assert!(check(Preset::Google, &r)
        .unwrap_err()
        .message()
        .contains("1 to 4"));
    r.count = 0;
    assert!(check(Preset::Google, &r).is_err());
    let mut r = req("gemini-3.1-flash-image");
    r.temperature = Some(3.5);
    assert!(check(Preset::Google, &r).is_err());
}

#[test]
fn image_search_needs_web_search_and_a_model_that_has_it() {
    let mut r = req("gemini-3.1-flash-image");
    r.image_search = true;
    assert_eq!(
        check(Preset::Google, &r).unwrap_err().kind(),
        "option-unavailable"
    );
    r.web_search = true;
    assert!(check(Preset::Google, &r).is_ok());
    let mut r = req("gemini-3-pro-image-preview");
    r.web_search = true;
    r.image_search = true;
    assert!(check(Preset::Google, &r)
        .unwrap_err()
        .message()
        .contains("Image search grounding"));
}

#[test]
fn task_dialect_rejects_native_only_options() {
    let mut r = req("gemini-3.1-flash-image-preview");
    r.system_instruction = Some("be nice".into());
    assert!(check(Preset::Gccai, &r)
        .unwrap_err()
        .message()
        .contains("system instruction"));
    let mut r = req("gemini-3.1-flash-image-preview");
    r.thinking = Some(ThinkingLevel::High);
    assert!(check(Preset::Gccai, &r).is_err());
    let mut r = req("gemini-3.1-flash-image-preview");
    r.history.push(Turn::user("x", &[]));
    assert!(check(Preset::Gccai, &r).is_err());
    assert_eq!(Preset::Gccai.provider().dialect, Dialect::Task);
}

#[test]
fn references_checked_by_their_bytes() {
    let mut r = req("gemini-3.1-flash-image");
    r.references = vec![
        Reference::new("ok.png", png()),
        Reference::new("photo.png", b"just text".to_vec()),
    ];
    let e = check(Preset::Anyfast, &r).unwrap_err();
    assert_eq!(e.kind(), "unsupported-reference");
    let m = e.message();
    assert!(
        m.contains("Reference 2 (photo.png)") && m.contains("image/png, image/jpeg, image/webp"),
        "{m}"
    );

    r.references = vec![Reference::new("anim.gif", b"GIF89a\x01\0\x01\0".to_vec())];
    assert!(check(Preset::Google, &r)
        .unwrap_err()
        .message()
        .contains("GIF"));

    let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    r.references = vec![Reference::new("p.heic", heic)];
    assert!(check(Preset::Google, &r).is_ok(), "Google takes HEIC");
    assert!(check(Preset::Tokaify, &r)
        .unwrap_err()
        .message()
        .contains("HEIC"));

    r.references = vec![Reference::new("empty.png", Vec::new())];
    assert_eq!(
        check(Preset::Google, &r).unwrap_err().kind(),
        "reference-empty"
    );
}

#[test]
fn reference_count_and_size_limits() {
    let mut r = req("gemini-3.1-flash-image");
    r.references = (0..15)
        .map(|i| Reference::new(format!("{i}.png"), png()))
        .collect();
    assert_eq!(
        check(Preset::Google, &r),
        Err(Error::TooManyReferences {
            model: "gemini-3.1-flash-image".into(),
            given: 15,
            max: 14
        })
    );
    r.references.truncate(14);
    assert!(check(Preset::Google, &r).is_ok());

    let mut r = req("gemini-2.5-flash-image");
    r.references = (0..4)
        .map(|i| Reference::new(format!("{i}.png"), png()))
        .collect();
    assert_eq!(
        check(Preset::Google, &r).unwrap_err().kind(),
        "too-many-references"
    );

    // A JPEG padded to 11 MB, still ending with its end-of-image marker.
    let mut big = jpeg();
    big.resize(11 * MB - 2, 0);
    big.extend_from_slice(&[0xFF, 0xD9]);
    let mut r = req("gemini-3.1-flash-image-preview");
    r.references = vec![Reference::new("big.jpg", big.clone())];
    let e = check(Preset::Gccai, &r).unwrap_err();
    assert_eq!(e.kind(), "reference-too-large");
    assert!(e.message().contains("10.0 MB"), "{}", e.message());
    assert!(check(Preset::Google, &r).is_ok(), "Google allows 11 MB");

    // 8 x 11 MB = 88 MB raw, about 117 MB as base64: over Google's 100 MB request limit.
    r.references = (0..8)
        .map(|i| Reference::new(format!("{i}.jpg"), big.clone()))
        .collect();
    let e = check(Preset::Google, &r).unwrap_err();
    assert_eq!(e.kind(), "request-too-large");
}

#[test]
fn a_reference_cut_short_is_named() {
    let mut r = req("gemini-3.1-flash-image");
    let whole = png();
    r.references = vec![Reference::new(
        "cut.png",
        whole[..whole.len() - 12].to_vec(),
    )];
    let e = check(Preset::Google, &r).unwrap_err();
    assert_eq!(e.kind(), "reference-truncated");
    assert!(
        e.message().contains("cut.png") && e.message().contains("cut short"),
        "{}",
        e.message()
    );
    r.references = vec![Reference::new("whole.png", whole)];
    assert!(check(Preset::Google, &r).is_ok());
}

#[test]
fn builders_validate_first() {
    let r = req("gemini-3.1-flash-image");
    let k = ApiKey::new("k");
    let mut p = Preset::Custom.provider();
    assert_eq!(
        native::build(&p, &k, &r, false).unwrap_err().kind(),
        "invalid-base-url"
    );
    p.base_url = "http://127.0.0.1:1".into();
    assert!(native::build(&p, &k, &r, false).is_ok());
    assert_eq!(
        native::build(&p, &ApiKey::new(""), &r, false)
            .unwrap_err()
            .kind(),
        "missing-key"
    );
    let mut empty = r.clone();
    empty.prompt.clear();
    assert_eq!(
        task::build(&Preset::Gccai.provider(), &k, &empty).unwrap_err(),
        Error::EmptyPrompt
    );
}

#[test]
fn multi_turn_history_is_sent_verbatim() {
    let model_turn = Turn {
        role: Role::Model,
        parts: vec![
            Part {
                thought: true,
                ..Part::text("drafting")
            },
            Part {
                thought: true,
                ..Part::inline("image/png", png())
            },
            Part::text("Here is your image."),
            Part {
                thought_signature: Some("c2lnbmF0dXJl/+=".into()),
                ..Part::inline("image/png", png())
            },
        ],
    };
    let mut r = req("gemini-3.1-flash-image");
    r.history = vec![
        Turn::user("a cat", &[Reference::new("c.jpg", jpeg())]),
        model_turn,
    ];
    r.prompt = "make it blue".into();
    let body = &native::build(&Preset::Google.provider(), &ApiKey::new("k"), &r, false).unwrap()[0];
    let v: serde_json::Value = serde_json::from_slice(body.body.as_ref().unwrap()).unwrap();
    let want = serde_json::json!([
        { "role": "user", "parts": [ { "text": "a cat" }, { "inlineData": { "mimeType": "image/jpeg", "data": banana_studio::protocol::b64::encode(&jpeg()) } } ] },
        { "role": "model", "parts": [
            { "text": "drafting", "thought": true },
            { "inlineData": { "mimeType": "image/png", "data": SEED_PNG_B64 }, "thought": true },
            { "text": "Here is your image." },
            { "inlineData": { "mimeType": "image/png", "data": SEED_PNG_B64 }, "thoughtSignature": "c2lnbmF0dXJl/+=" }
        ] },
        { "role": "user", "parts": [ { "text": "make it blue" } ] }
    ]);
    assert_same_json(&v["contents"], &want);
}

#[test]
fn a_parsed_turn_goes_back_byte_exact() {
    // The model turn parsed from an answer, sent back: same parts, same signature bytes.
    let answer = serde_json::json!({ "candidates": [{ "content": { "role": "model", "parts": [
        { "text": "Here." },
        { "inlineData": { "mimeType": "image/png", "data": SEED_PNG_B64 }, "thoughtSignature": "Zm9v\u{00e9}/bar==" }
    ]}, "finishReason": "STOP" }] });
    let g = native::parse(answer.to_string().as_bytes(), &ApiKey::new("k")).unwrap();
    let mut r = req("gemini-3.1-flash-image");
    r.history = vec![Turn::user("first", &[]), g.turn.unwrap()];
    r.prompt = "again".into();
    let body = native::body(&r).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_same_json(&v["contents"][1], &answer["candidates"][0]["content"]);
}
