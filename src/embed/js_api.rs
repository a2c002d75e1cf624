//! `generate({...})` for pages that bring their own UI: the studio's protocol core and client behind
//! one Promise, with no UI of ours. Resolves to `{ images: Blob[], text, usage, model }`; rejects with
//! a `BananaStudioError` (`error.js`, a subclass of `Error`) carrying `kind`, `status` and `retryable`.

use super::options::{ApiError, GenerateOptions};
use crate::browser::blob_url::bytes_to_blob;
use crate::browser::{client, file};
use crate::protocol::{Error, GeneratedImage, Generation, Reference, Usage};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Generates images with the options a host page passes (see README, "JavaScript API").
#[wasm_bindgen(js_name = generate)]
pub async fn generate(options: JsValue) -> Result<JsValue, JsValue> {
    match generate_lazily(options).await {
        Ok(outcome) => outcome.await,
        Err(_) => Err(to_js_error(&ApiError::not_loaded())),
    }
}

/// What `generate` resolves to, built by the code of the `js_api` chunk.
type Outcome = std::pin::Pin<Box<dyn std::future::Future<Output = Result<JsValue, JsValue>>>>;

crate::lazy_fn!(js_api, preload_js_api:
/// The body of [`generate`], which loads on its first call.
fn generate_lazily(options: JsValue) -> Outcome {
    Box::pin(async move { run(&options).await.map_err(|e| to_js_error(&e)) })
});

async fn run(options: &JsValue) -> Result<JsValue, ApiError> {
    if !options.is_object() {
        return Err(ApiError::options(
            "pass an object, e.g. generate({ apiKey, prompt }).".into(),
        ));
    }
    let json = js_sys::JSON::stringify(options)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| ApiError::options("the options could not be read as JSON.".into()))?;
    let plan = GenerateOptions::from_json(&json)?.plan()?;
    let references = read_images(options).await?;
    let attempts = plan.attempts(references)?;
    let cancel = user_signal(options)?;
    let mut merged = Generation::default();
    for attempt in &attempts {
        let (outcome, _) = client::with_retries(
            &cancel,
            plan.retries,
            plan.timeout_s,
            &plan.provider,
            |signal, submitted| {
                let (provider, key) = (&plan.provider, &plan.key);
                async move {
                    let on_submitted = |_: &[String]| submitted.set(true);
                    let hooks = client::Hooks {
                        on_draft: &|_| {},
                        on_submitted: &on_submitted,
                        on_progress: &|_| {},
                    };
                    client::send(provider, key, attempt, &signal, &hooks).await
                }
            },
            |_| {},
        )
        .await;
        let generation = outcome?;
        merged.images.extend(generation.images);
        if !generation.text.is_empty() {
            if !merged.text.is_empty() {
                merged.text.push('\n');
            }
            merged.text.push_str(&generation.text);
        }
        // One request per image on native providers: the call's usage is the sum of theirs.
        merged.usage = match (merged.usage.take(), generation.usage) {
            (Some(mut sum), Some(u)) => {
                sum.add(&u);
                Some(sum)
            }
            (a, b) => a.or(b),
        };
    }
    to_result(merged, &plan.request.model)
}

/// The `images` option: Blobs or Files, read in order.
async fn read_images(options: &JsValue) -> Result<Vec<Reference>, ApiError> {
    let value = Reflect::get(options, &"images".into()).unwrap_or(JsValue::UNDEFINED);
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    let Some(list) = value.dyn_ref::<Array>() else {
        return Err(ApiError::options(
            "images must be an array of Blob or File objects.".into(),
        ));
    };
    let mut references = Vec::with_capacity(list.length() as usize);
    for (i, item) in list.iter().enumerate() {
        let Some(blob) = item.dyn_ref::<web_sys::Blob>() else {
            return Err(ApiError::options(format!(
                "images[{i}] is not a Blob or File."
            )));
        };
        let name = file::as_file(&item).map_or_else(
            || format!("image-{}", i + 1),
            |f| file::name_of(&f, &format!("image-{}", i + 1)),
        );
        let bytes = file::read_bytes(blob)
            .await
            .map_err(|e| ApiError::options(format!("images[{i}] ({name}): {e}.")))?;
        references.push(Reference::new(name, bytes));
    }
    Ok(references)
}

/// The `signal` option (an `AbortSignal`), or one that never fires.
fn user_signal(options: &JsValue) -> Result<web_sys::AbortSignal, ApiError> {
    let value = Reflect::get(options, &"signal".into()).unwrap_or(JsValue::UNDEFINED);
    if value.is_undefined() || value.is_null() {
        return web_sys::AbortController::new()
            .map(|c| c.signal())
            .map_err(|_| Error::Cancelled.into());
    }
    value
        .dyn_into::<web_sys::AbortSignal>()
        .map_err(|_| ApiError::options("signal must be an AbortSignal.".into()))
}

fn to_result(generation: Generation, model: &str) -> Result<JsValue, ApiError> {
    result_object(
        &generation.images,
        &generation.text,
        generation.usage.as_ref(),
        model,
    )
    .map(JsValue::from)
    .map_err(|_| ApiError {
        kind: "browser",
        message: "The browser could not hold the image; it may be out of memory.".into(),
        status: None,
        retryable: false,
    })
}

/// `{ images: Blob[], text, usage, model }`, as `generate` resolves and the element's `generate`
/// event carries.
pub(super) fn result_object(
    images: &[GeneratedImage],
    text: &str,
    usage: Option<&Usage>,
    model: &str,
) -> Result<Object, JsValue> {
    let blobs = Array::new();
    for image in images {
        let blob = bytes_to_blob(&image.bytes, image.kind.mime())?;
        blobs.push(&blob);
    }
    let usage = usage
        .and_then(|u| serde_json::to_string(u).ok())
        .and_then(|json| js_sys::JSON::parse(&json).ok())
        .unwrap_or(JsValue::NULL);
    let result = Object::new();
    for (name, value) in [
        ("images", blobs.into()),
        ("text", JsValue::from_str(text)),
        ("usage", usage),
        ("model", JsValue::from_str(model)),
    ] {
        Reflect::set(&result, &name.into(), &value)?;
    }
    Ok(result)
}

#[wasm_bindgen(module = "/src/embed/error.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(message: &str, kind: &str, status: Option<u16>, retryable: bool) -> JsValue;
}

/// A `BananaStudioError` (the class in `error.js`, an `Error`) with the typed fields.
fn to_js_error(e: &ApiError) -> JsValue {
    make_error(&e.message, e.kind, e.status, e.retryable)
}
