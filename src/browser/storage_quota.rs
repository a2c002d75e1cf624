//! How much this origin stores, and the request to keep it (`navigator.storage`).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn manager() -> Option<web_sys::StorageManager> {
    Some(web_sys::window()?.navigator().storage())
}

/// Whether the browser has `navigator.storage` (usage figures, persistent storage).
pub fn available() -> bool {
    web_sys::window().is_some_and(|w| {
        js_sys::Reflect::has(&w.navigator(), &wasm_bindgen::JsValue::from_str("storage"))
            .unwrap_or(false)
    })
}

/// `(used, quota)` in bytes, when the browser tells.
pub async fn estimate() -> Option<(f64, f64)> {
    let promise = manager()?.estimate().ok()?;
    let value = JsFuture::from(promise).await.ok()?;
    let estimate: web_sys::StorageEstimate = value.unchecked_into();
    Some((estimate.get_usage()?, estimate.get_quota()?))
}

/// Asks the browser not to evict the history under storage pressure; true if granted.
pub async fn persist() -> bool {
    let Some(promise) = manager().and_then(|m| m.persist().ok()) else {
        return false;
    };
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
