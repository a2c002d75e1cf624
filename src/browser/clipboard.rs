//! Copying an image to the clipboard (`clipboard.js`): feature-detected, and a refusal told apart
//! from a failure.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/browser/clipboard.js")]
extern "C" {
    /// Whether this browser can put images on the clipboard (`ClipboardItem`, `clipboard.write`).
    #[wasm_bindgen(js_name = canCopyImages)]
    pub fn can_copy_images() -> bool;
    #[wasm_bindgen(js_name = copyImage, catch)]
    fn copy_image_js(png: &js_sys::Promise) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_name = copyText)]
    fn copy_text_js(text: &str) -> js_sys::Promise;
}

/// Why an image was not copied.
#[derive(Debug, Clone, PartialEq)]
pub enum CopyError {
    /// The browser or the user refused clipboard access (`NotAllowedError`).
    Denied,
    /// Anything else, with the browser's words.
    Failed(String),
}

impl From<JsValue> for CopyError {
    fn from(e: JsValue) -> Self {
        let field = |k: &str| {
            js_sys::Reflect::get(&e, &JsValue::from_str(k))
                .ok()
                .and_then(|v| v.as_string())
        };
        match field("name").as_deref() {
            Some("NotAllowedError") => CopyError::Denied,
            _ => CopyError::Failed(
                field("message")
                    .or_else(|| e.as_string())
                    .unwrap_or_default(),
            ),
        }
    }
}

/// Puts `text` on the clipboard. Call it inside the click.
pub async fn copy_text(text: &str) -> Result<(), CopyError> {
    JsFuture::from(copy_text_js(text)).await?;
    Ok(())
}

/// Puts the PNG `png` resolves to on the clipboard. Call it inside the click: the clipboard item
/// must be made there.
pub async fn copy_image(png: js_sys::Promise) -> Result<(), CopyError> {
    JsFuture::from(copy_image_js(&png)?).await?;
    Ok(())
}
