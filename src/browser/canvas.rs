//! The annotation editor's drawing: `studio::annotate` works out the operations, `shrink_worker.js`
//! carries them out, on the screen's canvas in the page and at full resolution over the image in its
//! worker (the copy that is sent).

use crate::browser::file;
use crate::studio::annotate::Op;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/browser/shrink_worker.js")]
extern "C" {
    #[wasm_bindgen(js_name = drawOps)]
    fn draw_ops(canvas: &web_sys::Element, json: &str, scale: f64, clear: bool);
    #[wasm_bindgen(js_name = flattenImage)]
    fn flatten_js(blob: &web_sys::Blob, width: u32, height: u32, json: &str) -> js_sys::Promise;
}

fn json(ops: &[Op]) -> String {
    serde_json::to_string(ops).unwrap_or_else(|_| "[]".into())
}

/// Draws `ops` on `canvas` (`scale` image pixels per canvas pixel), clearing it first when asked.
pub fn draw(canvas: &web_sys::Element, ops: &[Op], scale: f64, clear: bool) {
    draw_ops(canvas, &json(ops), scale, clear);
}

/// The image `blob` (`width`×`height`) with `ops` drawn over it at full resolution, as PNG bytes.
pub async fn flatten(
    blob: &web_sys::Blob,
    (width, height): (u32, u32),
    ops: &[Op],
) -> Result<Vec<u8>, String> {
    let made = JsFuture::from(flatten_js(blob, width, height, &json(ops)))
        .await
        .map_err(|e| {
            e.dyn_ref::<js_sys::Error>()
                .map_or("the browser could not draw the image".into(), |e| {
                    String::from(e.message())
                })
        })?;
    file::read_bytes(made.unchecked_ref()).await
}
