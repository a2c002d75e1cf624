//! Images as IndexedDB keeps them: Blobs, or `{ type, bytes }` records once this browser has refused a
//! Blob (WebKit in private windows and in automation); reads take both.

use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// Set once this browser has refused a Blob in IndexedDB: images are then stored as byte records.
static BLOBS_REFUSED: AtomicBool = AtomicBool::new(false);

/// Whether images are kept as byte records because this browser refuses Blobs in IndexedDB.
pub(super) fn blobs_refused() -> bool {
    BLOBS_REFUSED.load(Ordering::Relaxed)
}

/// The browser's reason for a failure: rexie's own message is only "idb error", the reason is in the
/// inner error.
pub(super) fn reason(e: &rexie::Error) -> String {
    match e {
        rexie::Error::IdbError(inner) => inner.to_string(),
        other => other.to_string(),
    }
}

/// Whether a failed write was the browser refusing a Blob (then it is worth trying again with bytes).
fn refused_blob(e: &rexie::Error) -> bool {
    let detail = reason(e);
    detail.contains("Blob") || detail.contains("DataCloneError")
}

/// `blob` as IndexedDB should keep it here: the Blob itself, or its bytes once Blobs were refused.
/// (Read before the transaction opens: a transaction does not outlive an await on anything else.)
pub(super) async fn storable(blob: &web_sys::Blob) -> JsValue {
    if !blobs_refused() {
        return blob.into();
    }
    // Should the bytes not be readable, the Blob goes in and its refusal is the message.
    let Ok(bytes) = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await else {
        return blob.into();
    };
    let record = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&record, &JsValue::from_str(k), v);
    let _ = set("type", &JsValue::from_str(&blob.type_()));
    let _ = set("bytes", &bytes);
    record.into()
}

/// Runs a write; when the browser refuses Blobs, runs it once more with byte records.
pub(super) async fn with_fallback<F, Fut>(write: F) -> Result<(), rexie::Error>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<(), rexie::Error>>,
{
    match write().await {
        Err(e) if !blobs_refused() && refused_blob(&e) => {
            BLOBS_REFUSED.store(true, Ordering::Relaxed);
            write().await
        }
        done => done,
    }
}

/// A stored image as a Blob, whichever way it was kept.
pub(super) fn blob_of(value: JsValue) -> Option<web_sys::Blob> {
    if let Some(blob) = value.dyn_ref::<web_sys::Blob>() {
        return Some(blob.clone());
    }
    let get = |k: &str| js_sys::Reflect::get(&value, &JsValue::from_str(k)).ok();
    let bytes = get("bytes")?.dyn_into::<js_sys::ArrayBuffer>().ok()?;
    let kind = get("type").and_then(|t| t.as_string()).unwrap_or_default();
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&kind);
    web_sys::Blob::new_with_buffer_source_sequence_and_options(
        &js_sys::Array::of1(&bytes),
        &options,
    )
    .ok()
}
