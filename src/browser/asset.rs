//! The build's own files beside the app, found next to the module (`asset.js`), so the embedded studio
//! finds them too, and where a bundler put them when the npm package's entry says so: the translation
//! tables, the proxy scripts (and, in `shrink_worker.js`, the image worker and its pixel maths).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/browser/asset.js")]
extern "C" {
    #[wasm_bindgen(js_name = fetchJson)]
    fn fetch_json(name: &str) -> js_sys::Promise;
    /// The URL of the build's file `name` (a path beside the app, e.g. `proxy/deno-deploy.js`).
    #[wasm_bindgen(js_name = fileUrl)]
    pub fn url(name: &str) -> String;
}

/// The build's file `name`, a JSON array of strings; `None` when it cannot be downloaded or is not one.
pub async fn json_strings(name: &str) -> Option<Vec<String>> {
    let value = wasm_bindgen_futures::JsFuture::from(fetch_json(name))
        .await
        .ok()?;
    let array = value.dyn_into::<js_sys::Array>().ok()?;
    array.iter().map(|v| v.as_string()).collect()
}
