//! The builders and parsers checked field by field against every example in the seeds and PROTOCOLS.md.

mod common;

use banana_studio::protocol::{
    b64, native, openai, task, ApiKey, Error, GenerationRequest, ImageSize, Method, Modalities,
    Preset, Reference, SafetySetting, ThinkingLevel,
};
use common::*;
use serde_json::Value;

fn body_json(req: &banana_studio::protocol::HttpRequest) -> Value {
    serde_json::from_slice(req.body.as_ref().unwrap()).unwrap()
}

fn anyfast_request(model: &str, fixture_path: &str, prompt_refs: Option<Vec<u8>>) {
    let want_raw = fixture_json(fixture_path);
    let want_prompt = want_raw["contents"][0]["parts"][0]["text"]
        .as_str()
        .unwrap()
        .to_string();
    let ratio = want_raw["generationConfig"]["imageConfig"]["aspectRatio"]
        .as_str()
        .unwrap()
        .to_string();
    let req = GenerationRequest {
        model: model.into(),
        prompt: want_prompt,
        references: prompt_refs
            .iter()
            .map(|b| Reference::new("me.jpg", b.clone()))
            .collect(),
        aspect_ratio: Some(ratio),
        image_size: Some(ImageSize::K1),
        ..Default::default()
    };
    let provider = Preset::Anyfast.provider();
    let reqs = native::build(&provider, &ApiKey::new("YOUR_API_KEY"), &req, false).unwrap();
    assert_eq!(reqs.len(), 1);
    let r = &reqs[0];
    assert_eq!(r.method, Method::Post);
    assert_eq!(
        r.url,
        format!("https://www.anyfast.ai/v1beta/models/{model}:generateContent?key=YOUR_API_KEY"),
        "URL exactly as in the seed's curl line"
    );
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert!(r.header("authorization").is_none() && r.header("x-goog-api-key").is_none());
    let mut want = camelize(want_raw);
    if let Some(bytes) = prompt_refs {
        // The seed's placeholder stands for the user's own base64 image.
        replace_str(
            &mut want,
            "<YOUR_BASE64_ENCODED_IMAGE>",
            &b64::encode(&bytes),
        );
    }
    assert_same_json(&body_json(r), &want);
}

#[test]
fn seed_000_anyfast_flash_text_to_image() {
    anyfast_request(
        "gemini-3.1-flash-image",
        "seeds/000_text_to_image.request.json",
        None,
    );
}

#[test]
fn seed_000_anyfast_flash_edit() {
    anyfast_request(
        "gemini-3.1-flash-image",
        "seeds/000_edit.request.json",
        Some(jpeg()),
    );
}

#[test]
fn seed_001_anyfast_lite_text_to_image() {
    anyfast_request(
        "gemini-3.1-flash-lite-image",
        "seeds/001_text_to_image.request.json",
        None,
    );
}

#[test]
fn seed_001_anyfast_lite_edit() {
    anyfast_request(
        "gemini-3.1-flash-lite-image",
        "seeds/001_edit.request.json",
        Some(jpeg()),
    );
}

#[test]
fn seed_002_openapi_request_sends_the_sniffed_type() {
    // Seed 002 declares its example image as image/jpeg, but the bytes are a PNG: the studio sends
    // the type the bytes have, everything else exactly as the example.
    let mut want = camelize(fixture_json("seeds/002_edit.request.json"));
    replace_str(&mut want, "image/jpeg", "image/png");
    let req = GenerationRequest {
        model: "gemini-3.1-flash-image".into(),
        prompt: "Hi, this is a picture of me. Can you add a llama next to me?".into(),
        references: vec![Reference::new("me.png", png())],
        aspect_ratio: Some("9:16".into()),
        image_size: Some(ImageSize::K1),
        ..Default::default()
    };
    let body = native::body(&req).unwrap();
    assert_same_json(&serde_json::from_slice(&body).unwrap(), &want);
}

#[test]
fn seed_002_snake_case_response() {
    let g = native::parse(
        fixture("seeds/002_image.response.json").as_bytes(),
        &ApiKey::new("k"),
    )
    .unwrap();
    assert_eq!(g.text, "Here is the image with a llama added next to you.");
    assert_eq!(g.images.len(), 1);
    assert_eq!(g.images[0].bytes.as_ref(), png().as_slice());
    // Declared image/jpeg, but the bytes are PNG: the bytes win.
    assert_eq!(g.images[0].kind.mime(), "image/png");
    assert_eq!(g.finish_reason.as_ref().unwrap().as_str(), "STOP");
    let u = g.usage.unwrap();
    assert_eq!(
        (
            u.prompt_token_count,
            u.candidates_token_count,
            u.total_token_count
        ),
        (Some(10), Some(1), Some(11))
    );
    let turn = g.turn.unwrap();
    assert_eq!(turn.parts.len(), 2);
}

#[test]
fn seed_004_tokaify_banner_request() {
    let want = fixture_json("seeds/004_banner.request.json");
    let req = GenerationRequest {
        model: "gemini-3.1-flash-image-preview".into(),
        prompt: "Generate a 21:9 AI model routing banner suitable for a technical docs homepage."
            .into(),
        aspect_ratio: Some("21:9".into()),
        modalities: Modalities::ImageOnly,
        ..Default::default()
    };
    let provider = Preset::Tokaify.provider();
    let reqs = native::build(&provider, &ApiKey::new("TOKAIFY_KEY"), &req, false).unwrap();
    let r = &reqs[0];
    assert_eq!(
        r.url,
        "https://api.tokaify.com/v1beta/models/gemini-3.1-flash-image-preview:generateContent"
    );
    assert_eq!(r.header("authorization"), Some("Bearer TOKAIFY_KEY"));
    assert_same_json(&body_json(r), &want);
}

#[test]
fn seed_004_chat_example_fields_we_send_match() {
    // The first Tokaify example is a plain chat request (no image output, maxOutputTokens); the studio
    // is an image client and always states its output modalities. The fields it shares must match.
    let want = fixture_json("seeds/004_chat.request.json");
    let req = GenerationRequest {
        model: "gemini-3.1-flash-image-preview".into(),
        prompt: want["contents"][0]["parts"][0]["text"]
            .as_str()
            .unwrap()
            .into(),
        temperature: Some(0.7),
        ..Default::default()
    };
    let got: Value = serde_json::from_slice(&native::body(&req).unwrap()).unwrap();
    assert_eq!(got["contents"][0]["parts"], want["contents"][0]["parts"]);
    assert_eq!(
        got["generationConfig"]["temperature"]
            .as_f64()
            .map(|t| (t * 10.0).round()),
        Some(7.0)
    );
}

#[test]
fn seed_004_responses() {
    let k = ApiKey::new("k");
    let err = native::parse(fixture("seeds/004_empty.response.json").as_bytes(), &k).unwrap_err();
    assert!(matches!(err, Error::NoImage { .. }), "{err:?}");
    // The documented example shortens its base64 with "...": that is not valid image data.
    let err = native::parse(fixture("seeds/004_image.response.json").as_bytes(), &k).unwrap_err();
    assert_eq!(err, Error::InvalidBase64);
    let real =
        fixture("seeds/004_image.response.json").replace("iVBORw0KGgoAAAANSUhEUg...", SEED_PNG_B64);
    let g = native::parse(real.as_bytes(), &k).unwrap();
    assert_eq!(g.images.len(), 1);
    assert_eq!(g.usage.unwrap().total_token_count, Some(1636));
}

#[test]
fn protocols_native_request_example() {
    let mut want = fixture_json("protocols/native.request.json");
    // candidateCount 1 is the default; the studio never sends it (N images = N requests).
    want["generationConfig"]
        .as_object_mut()
        .unwrap()
        .remove("candidateCount");
    replace_str(&mut want, "<base64>", &b64::encode(&jpeg()));
    let req = GenerationRequest {
        model: "gemini-3.1-flash-image".into(),
        prompt: "Add a llama next to me".into(),
        references: vec![Reference::new("me.jpg", jpeg())],
        aspect_ratio: Some("16:9".into()),
        image_size: Some(ImageSize::K1),
        thinking: Some(ThinkingLevel::High),
        include_thoughts: false,
        web_search: true,
        system_instruction: Some("...".into()),
        safety: vec![SafetySetting {
            category: "HARM_CATEGORY_HARASSMENT".into(),
            threshold: "BLOCK_ONLY_HIGH".into(),
        }],
        ..Default::default()
    };
    let reqs = native::build(
        &Preset::Google.provider(),
        &ApiKey::new("AIzaKEY"),
        &req,
        false,
    )
    .unwrap();
    let r = &reqs[0];
    assert_eq!(r.url, "https://generativelanguage.googleapis.com/v1beta/models/gemini-3.1-flash-image:generateContent");
    assert_eq!(r.header("x-goog-api-key"), Some("AIzaKEY"));
    // Google's CORS preflight allows only these request headers.
    for (name, _) in &r.headers {
        assert!(
            ["content-type", "x-goog-api-key"].contains(&name.as_str()),
            "header {name}"
        );
    }
    assert_same_json(&body_json(r), &want);
}

#[test]
fn protocols_image_search_and_streaming() {
    let req = GenerationRequest {
        model: "gemini-3.1-flash-image".into(),
        prompt: "p".into(),
        web_search: true,
        image_search: true,
        count: 3,
        ..Default::default()
    };
    let reqs = native::build(&Preset::Google.provider(), &ApiKey::new("k"), &req, true).unwrap();
    assert_eq!(reqs.len(), 3, "three images are three requests");
    assert!(reqs[0]
        .url
        .ends_with("/v1beta/models/gemini-3.1-flash-image:streamGenerateContent?alt=sse"));
    let body = body_json(&reqs[0]);
    assert_eq!(
        body["tools"],
        serde_json::json!([{ "googleSearch": { "searchTypes": { "webSearch": {}, "imageSearch": {} } } }])
    );
    assert!(body["generationConfig"].get("candidateCount").is_none());
}

#[test]
fn protocols_native_response_example() {
    let text = fixture("protocols/native.response.json").replace("<base64>", SEED_PNG_B64);
    let g = native::parse(text.as_bytes(), &ApiKey::new("k")).unwrap_err();
    // The example also carries promptFeedback.blockReason, which means the prompt was blocked.
    assert_eq!(g.kind(), "blocked");
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v.as_object_mut().unwrap().remove("promptFeedback");
    let g = native::parse(v.to_string().as_bytes(), &ApiKey::new("k")).unwrap();
    assert_eq!(g.images.len(), 1, "one final image");
    assert_eq!(g.drafts.len(), 1, "one thought image");
    assert_eq!(g.text, "Here is your image.");
    assert_eq!(g.thoughts, "thinking...");
    assert_eq!(g.grounding.queries, vec!["..."]);
    assert_eq!(g.model_version.as_deref(), Some("gemini-3.1-flash-image"));
    let u = g.usage.unwrap();
    assert_eq!(u.candidates_tokens_details[0].modality, "IMAGE");
    assert_eq!(u.candidates_tokens_details[0].token_count, 1290);
    let turn = g.turn.unwrap();
    assert_eq!(turn.parts.len(), 4, "every part kept in order");
    assert_eq!(turn.parts[3].thought_signature.as_deref(), Some("<opaque>"));
    assert!(turn.parts[0].thought && turn.parts[1].thought && !turn.parts[3].thought);
}

#[test]
fn protocols_error_example() {
    let body = fixture("protocols/error.response.json");
    let e = banana_studio::protocol::http_error::from_status(
        429,
        body.as_bytes(),
        None,
        &ApiKey::new("k"),
    );
    assert_eq!(e.kind(), "rate-limited");
    assert_eq!(
        e.retry_hint(),
        banana_studio::protocol::RetryHint::After(std::time::Duration::from_millis(57_200))
    );
}

#[test]
fn protocols_task_submit_request_example() {
    let want = fixture_json("protocols/task_submit.request.json");
    let data_uri = want["image_urls"][0].as_str().unwrap();
    assert!(data_uri.starts_with("data:image/jpeg;base64,"));
    let jpg = jpeg();
    let req = GenerationRequest {
        model: "gemini-3.1-flash-image-preview".into(),
        prompt: "...".into(),
        aspect_ratio: Some("16:9".into()),
        image_size: Some(ImageSize::K2),
        references: vec![Reference::new("a.jpg", jpg.clone())],
        ..Default::default()
    };
    let mut provider = Preset::Gccai.provider();
    provider.base_url = "https://relay.example/".into();
    let r = task::build(&provider, &ApiKey::new("sk-1"), &req).unwrap();
    assert_eq!(r.url, "https://relay.example/v1/images/generations");
    assert_eq!(r.header("authorization"), Some("Bearer sk-1"));
    let mut want = want;
    // The example's second entry is a hosted URL; the studio sends the user's files as data URIs.
    want["image_urls"] =
        serde_json::json!([format!("data:image/jpeg;base64,{}", b64::encode(&jpg))]);
    assert_same_json(&body_json(&r), &want);
    // n, search flags and 0.5K resolution.
    let req = GenerationRequest {
        count: 4,
        image_size: Some(ImageSize::S512),
        web_search: true,
        image_search: true,
        references: vec![],
        ..req
    };
    let body = body_json(&task::build(&provider, &ApiKey::new("sk-1"), &req).unwrap());
    assert_eq!(body["n"], 4);
    assert_eq!(body["resolution"], "0.5K");
    assert_eq!(body["google_search"], true);
    assert_eq!(body["google_image_search"], true);
    assert!(body.get("image_urls").is_none());
}

#[test]
fn protocols_task_answers() {
    let k = ApiKey::new("k");
    let ids = task::parse_submit(
        fixture("protocols/task_submit.response.json").as_bytes(),
        &k,
    )
    .unwrap();
    assert_eq!(ids, vec!["task_01K8..."]);
    let poll = task::poll(&Preset::Gccai.provider(), &k, &ids[0]).unwrap();
    assert_eq!(poll.method, Method::Get);
    assert!(poll.url.ends_with("/v1/tasks/task_01K8...?language=en"));
    assert!(poll.body.is_none());
    let state =
        task::parse_status(fixture("protocols/task_poll.response.json").as_bytes(), &k).unwrap();
    assert_eq!(state.progress, 100);
    assert_eq!(state.estimated_time, Some(60));
    match state.status {
        task::TaskStatus::Completed(images) => {
            assert_eq!(images.len(), 1);
            assert_eq!(images[0].url, "https://.../image_0.png");
            assert_eq!(images[0].expires_at, Some(1763174708));
            assert!(images[0].is_expired(1763174708) && !images[0].is_expired(1763174707));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn protocols_openai_request_example() {
    let png = png();
    let mut want = fixture_json("protocols/openai.request.json");
    replace_str(
        &mut want,
        "data:image/png;base64,...",
        &format!("data:image/png;base64,{}", b64::encode(&png)),
    );
    let req = GenerationRequest {
        model: "google/gemini-3.1-flash-image-preview".into(),
        prompt: "...".into(),
        references: vec![Reference::new("a.png", png)],
        aspect_ratio: Some("16:9".into()),
        image_size: Some(ImageSize::K2),
        ..Default::default()
    };
    let reqs = openai::build(
        &Preset::OpenRouter.provider(),
        &ApiKey::new("sk-or-v1"),
        &req,
        false,
    )
    .unwrap();
    let r = &reqs[0];
    assert_eq!(r.method, Method::Post);
    assert_eq!(r.url, "https://openrouter.ai/api/v1/chat/completions");
    assert_eq!(r.header("authorization"), Some("Bearer sk-or-v1"));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(body_json(r), want);
}

#[test]
fn protocols_openai_answers_whole_and_streamed() {
    let k = ApiKey::new("sk-or-v1");
    let text = fixture("protocols/openai.response.json").replace("...", SEED_PNG_B64);
    let g = openai::parse(text.as_bytes(), &k).unwrap();
    assert_eq!(g.images.len(), 1);
    assert_eq!(g.images[0].bytes.as_ref(), png().as_slice());
    assert_eq!(g.text, "Here is the image.");
    assert_eq!(g.usage.as_ref().unwrap().total_token_count, Some(1312));
    // The same answer as a stream of SSE chunks adds up to the same images, text and usage.
    let stream = fixture("protocols/openai.stream.txt").replace("...", SEED_PNG_B64);
    let mut sse = native::SseDecoder::default();
    let mut acc = openai::Accumulator::default();
    for piece in stream.as_bytes().chunks(37) {
        for event in sse.push(piece) {
            acc.push(&event, &k).unwrap();
        }
    }
    let streamed = acc.finish().unwrap();
    assert_eq!(streamed.images, g.images);
    assert_eq!(streamed.text, g.text);
    assert_eq!(streamed.usage, g.usage);
    let e = openai::parse(
        fixture("protocols/openai.error.response.json").as_bytes(),
        &k,
    )
    .unwrap_err();
    assert_eq!(e.kind(), "payment-required");
    assert!(e.to_string().contains("Insufficient credits"));
}
