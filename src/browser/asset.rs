//! The build's own files beside the app, found next to the module (`asset.js`), so the embedded studio
//! finds them too: today the translation table fetched when Chinese is first used.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/browser/asset.js")]
extern "C" {
    #[wasm_bindgen(js_name = fetchJson)]
    fn fetch_json(name: &str) -> js_sys::Promise;
}

/// The build's file `name`, a JSON array of strings; `None` when it cannot be downloaded or is not one.
pub async fn json_strings(name: &str) -> Option<Vec<String>> {
    let value = wasm_bindgen_futures::JsFuture::from(fetch_json(name))
        .await
        .ok()?;
    let array = value.dyn_into::<js_sys::Array>().ok()?;
    array.iter().map(|v| v.as_string()).collect()
}
