//! Installability: registers the service worker that caches the app shell (`sw.js`, written by
//! `scripts/sw.mjs` at build time) and lets a waiting new version take over (`pwa.js`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/browser/pwa.js")]
extern "C" {
    #[wasm_bindgen(js_name = register)]
    fn register_js(on_update: &js_sys::Function, busy: &js_sys::Function) -> js_sys::Promise;
    #[wasm_bindgen(js_name = takeOver)]
    fn take_over_js() -> js_sys::Promise;
}

/// Registers the service worker; `on_update` runs when a new version is ready to take over (or took
/// over from another tab while `busy` said this one was generating). Resolves to false when the
/// browser has no service workers or refused this one (a private window, a file:// page): the studio
/// then works online only. Release builds only (true otherwise): during development every rebuild
/// would otherwise be a new version to accept.
pub async fn register(on_update: impl Fn() + 'static, busy: impl Fn() -> bool + 'static) -> bool {
    if cfg!(debug_assertions) {
        return true;
    }
    let on_update = Closure::<dyn Fn()>::new(on_update).into_js_value();
    let busy = Closure::<dyn Fn() -> bool>::new(busy).into_js_value();
    wasm_bindgen_futures::JsFuture::from(register_js(
        on_update.unchecked_ref(),
        busy.unchecked_ref(),
    ))
    .await
    .ok()
    .and_then(|v| v.as_bool())
    .unwrap_or(false)
}

/// Lets the waiting version take over; the page then reloads itself (the draft and history are kept).
pub fn take_over() {
    let _ = take_over_js();
}
