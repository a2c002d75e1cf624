//! Browser glue, tested in headless Chromium with wasm-bindgen-test:
//! `cargo test --target wasm32-unknown-unknown --test browser` (scripts/test.sh starts the loopback
//! test provider and passes its URL in `BANANA_TEST_PROVIDER`).
#![cfg(target_arch = "wasm32")]

use banana_studio::browser::{chunks, client, fetch, file, BlobUrl};
use banana_studio::protocol::{
    native, ApiKey, Error, GenerationRequest, Preset, Provider, Reference,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "browser/services.rs"]
mod services;

fn provider() -> Provider {
    let mut p = Preset::Custom.provider();
    p.base_url = option_env!("BANANA_TEST_PROVIDER")
        .unwrap_or("http://127.0.0.1:8788")
        .to_string();
    p
}

fn png() -> Vec<u8> {
    banana_studio::protocol::b64::decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    )
    .unwrap()
}

fn request(prompt: &str, refs: Vec<Reference>) -> GenerationRequest {
    GenerationRequest {
        model: "gemini-3.1-flash-image".into(),
        prompt: prompt.into(),
        references: refs,
        ..Default::default()
    }
}

#[wasm_bindgen_test]
async fn file_bytes_become_the_base64_the_request_carries() {
    let mut bytes = png();
    bytes.extend((0..=255u8).cycle().take(70_000)); // odd length, every byte value
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
    let f = web_sys::File::new_with_u8_array_sequence(&parts, "ref.png").unwrap();
    let read = file::read_bytes(&f).await.unwrap();
    assert_eq!(read, bytes);
    let body = native::body(&request("p", vec![Reference::new("ref.png", read)])).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let sent = v["contents"][0]["parts"][1]["inlineData"]["data"]
        .as_str()
        .unwrap();
    // Compare with the browser's own encoder.
    let window = web_sys::window().unwrap();
    let binary: String = bytes.iter().map(|&b| char::from(b)).collect();
    assert_eq!(sent, window.btoa(&binary).unwrap());
}

#[wasm_bindgen_test]
async fn blob_urls_serve_the_bytes_and_are_revoked_on_drop() {
    let bytes = png();
    let blob = BlobUrl::new(&bytes, "image/png").unwrap();
    let url = blob.url().to_string();
    assert!(url.starts_with("blob:"));
    let got = fetch::get(&url, None).await.unwrap();
    assert_eq!(got.body, bytes);
    assert_eq!(got.content_type, "image/png");
    drop(blob);
    assert!(
        fetch::get(&url, None).await.is_err(),
        "a dropped BlobUrl is revoked"
    );
}

#[wasm_bindgen_test]
async fn sends_a_request_and_parses_the_answer() {
    let req = native::build(
        &provider(),
        &ApiKey::new("wasm-test-key"),
        &request("a lemon", vec![Reference::new("r.png", png())]),
        false,
    )
    .unwrap()
    .remove(0);
    let controller = web_sys::AbortController::new().unwrap();
    let generation = client::native_once(&req, &ApiKey::new("wasm-test-key"), &controller.signal())
        .await
        .unwrap();
    assert_eq!(generation.images.len(), 1);
    assert_eq!(generation.images[0].kind.mime(), "image/png");
    assert!(generation.text.contains("image"));
}

#[wasm_bindgen_test]
async fn abort_cancels_a_request_in_flight() {
    let key = ApiKey::new("scenario:slow");
    let req = native::build(&provider(), &key, &request("slow", vec![]), false)
        .unwrap()
        .remove(0);
    let controller = web_sys::AbortController::new().unwrap();
    let signal = controller.signal();
    let c = controller.clone();
    wasm_bindgen_futures::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(200).await;
        c.abort();
    });
    let started = js_sys::Date::now();
    assert_eq!(
        client::native_once(&req, &key, &signal).await.unwrap_err(),
        Error::Cancelled
    );
    assert!(
        js_sys::Date::now() - started < 2500.0,
        "returned before the slow answer"
    );
}

#[wasm_bindgen_test]
async fn an_abort_with_any_reason_is_a_cancel_and_sending_goes_on() {
    // A host's generate({ signal }) may be aborted with any reason (a string, an object); fetch
    // rejects with that reason, which gloo-net would take for a bug of its own (a panic).
    let key = ApiKey::new("scenario:slow");
    let req = native::build(&provider(), &key, &request("slow", vec![]), false)
        .unwrap()
        .remove(0);
    for reason in [
        wasm_bindgen::JsValue::from_str("stop"),
        js_sys::Object::new().into(),
    ] {
        let controller = web_sys::AbortController::new().unwrap();
        let deadline = client::Deadline::new(&controller.signal(), 60);
        let c = controller.clone();
        wasm_bindgen_futures::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(200).await;
            c.abort_with_reason(&reason);
        });
        assert_eq!(
            client::native_once(&req, &key, deadline.signal())
                .await
                .unwrap_err(),
            Error::Cancelled
        );
    }
    // Aborted before it is sent, too.
    let controller = web_sys::AbortController::new().unwrap();
    controller.abort_with_reason(&"early".into());
    assert_eq!(
        client::native_once(&req, &key, &controller.signal())
            .await
            .unwrap_err(),
        Error::Cancelled
    );
    let key = ApiKey::new("wasm-test-key");
    let req = native::build(&provider(), &key, &request("after", vec![]), false)
        .unwrap()
        .remove(0);
    let signal = web_sys::AbortController::new().unwrap().signal();
    let generation = client::native_once(&req, &key, &signal).await.unwrap();
    assert_eq!(generation.images.len(), 1, "the module still sends");
}

#[wasm_bindgen_test]
async fn provider_errors_and_unreachable_hosts() {
    let key = ApiKey::new("scenario:http-429");
    let req = native::build(&provider(), &key, &request("x", vec![]), false)
        .unwrap()
        .remove(0);
    let signal = web_sys::AbortController::new().unwrap().signal();
    let e = client::native_once(&req, &key, &signal).await.unwrap_err();
    assert_eq!(e.kind(), "rate-limited");
    let mut closed = provider();
    closed.base_url = "http://127.0.0.1:9".into();
    let req = native::build(&closed, &key, &request("x", vec![]), false)
        .unwrap()
        .remove(0);
    let e = client::native_once(&req, &key, &signal).await.unwrap_err();
    assert_eq!(
        e,
        Error::Network {
            host: "127.0.0.1:9".into()
        }
    );
}

#[wasm_bindgen_test]
async fn thumbnails_are_small_webp_copies_with_the_same_aspect_ratio() {
    use banana_studio::browser::resize;
    use banana_studio::protocol::image::{dimensions, sniff, ImageKind};
    let image = drawn_png(1024, 512).await;
    let thumb = resize::thumbnail(&image, 1024, 512).await.unwrap();
    assert_eq!(thumb.type_(), "image/webp");
    let bytes = file::read_bytes(&thumb).await.unwrap();
    assert_eq!(sniff(&bytes), Some(ImageKind::Webp));
    assert_eq!(dimensions(&bytes), Some((256, 128)));
    assert!(bytes.len() < 20_000, "{} bytes", bytes.len());
    // Not an image: an error to handle, not a panic.
    let text =
        banana_studio::browser::blob_url::bytes_to_blob(b"not an image", "image/png").unwrap();
    assert!(resize::thumbnail(&text, 10, 10).await.is_err());
}

#[wasm_bindgen_test]
async fn references_over_a_limit_are_shrunk_by_the_browser() {
    use banana_studio::browser::resize::fit_reference;
    use banana_studio::protocol::image::{dimensions, has_alpha, sniff, ImageKind};
    use banana_studio::studio::downscale::{Limits, Reason};
    let types = ["image/png", "image/jpeg", "image/webp"];
    let png = file::read_bytes(&drawn_png(1600, 1200).await)
        .await
        .unwrap();
    let roomy = Limits::new(100_000_000, None, &types);
    assert_eq!(fit_reference(&png, ImageKind::Png, &roomy).await, Ok(None));

    // Over the user's long edge: same format, smaller.
    let capped = Limits::new(100_000_000, Some(1024), &types);
    let (out, resized) = fit_reference(&png, ImageKind::Png, &capped)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sniff(&out), Some(ImageKind::Png));
    assert_eq!(dimensions(&out), Some((1024, 768)));
    assert_eq!((resized.from, resized.to), ((1600, 1200), (1024, 768)));
    assert_eq!(
        (resized.from_bytes, resized.to_bytes),
        (png.len(), out.len())
    );
    assert_eq!(resized.reason, Reason::LongEdge(1024));

    // Over the provider's bytes: lossy, within the limit; WebP only to keep transparency (a canvas
    // PNG has an alpha channel).
    assert!(has_alpha(&png));
    let max = png.len() / 2;
    let strict = Limits::new(max, None, &types);
    let (out, resized) = fit_reference(&png, ImageKind::Png, &strict)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sniff(&out), Some(ImageKind::Webp));
    assert!(out.len() <= max, "{} > {max}", out.len());
    assert_eq!(resized.reason, Reason::Bytes(max));
    let jpeg_only = Limits::new(max, None, &types[..2]);
    let (out, _) = fit_reference(&png, ImageKind::Png, &jpeg_only)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sniff(&out), Some(ImageKind::Jpeg));

    // Bytes the browser cannot decode: kept when only the long edge asks, refused when too large.
    let junk = vec![0x42; 4096];
    assert_eq!(
        fit_reference(&junk, ImageKind::Heic, &capped).await,
        Ok(None)
    );
    let small = Limits::new(1000, None, &types);
    let e = fit_reference(&junk, ImageKind::Heic, &small)
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("cannot decode HEIC"), "{e}");
}

/// A `width`×`height` PNG drawn by the browser: a grid of coloured squares, so it is neither flat
/// nor noise.
async fn drawn_png(width: u32, height: u32) -> web_sys::Blob {
    use wasm_bindgen::JsCast;
    let canvas = web_sys::OffscreenCanvas::new(width, height).unwrap();
    let ctx: web_sys::OffscreenCanvasRenderingContext2d =
        canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    ctx.set_fill_style_str("#f5c518");
    ctx.fill_rect(0.0, 0.0, width as f64, height as f64);
    for i in 0..(width / 16) {
        for j in 0..(height / 16) {
            ctx.set_fill_style_str(&format!(
                "rgb({}, {}, {})",
                (i * 37) % 256,
                (j * 53) % 256,
                ((i ^ j) * 29) % 256
            ));
            ctx.fill_rect(f64::from(i * 16), f64::from(j * 16), 15.0, 15.0);
        }
    }
    let options = web_sys::ImageEncodeOptions::new();
    options.set_type("image/png");
    wasm_bindgen_futures::JsFuture::from(canvas.convert_to_blob_with_options(&options).unwrap())
        .await
        .unwrap()
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn when_idle_runs_the_callback_later_not_at_once() {
    use std::{cell::Cell, rc::Rc};
    let ran = Rc::new(Cell::new(false));
    let flag = ran.clone();
    chunks::when_idle(move || flag.set(true));
    assert!(!ran.get(), "the callback waits for the page to be idle");
    for _ in 0..40 {
        if ran.get() {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(100).await;
    }
    assert!(ran.get(), "the callback ran within its 2 s deadline");
}
