//! Region edits in the browser: the region drawn over the editor's image, and the image worker's
//! part (`shrink_worker.js` with `banana-pixels`): the outlined copy sent to the model, the composite
//! of an answer over the original, a detail edit's crop and its answer put back, and the region as a
//! PNG mask. The maths are `studio::region`'s.

use super::file::read_bytes;
use crate::studio::region::{flat, Placed, Rect, RegionOp};
use js_sys::{Float64Array, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/browser/shrink_worker.js")]
extern "C" {
    #[wasm_bindgen(js_name = drawMask)]
    fn draw_mask(canvas: &web_sys::Element, mask: &Uint8Array, frame: &Float64Array);
    #[wasm_bindgen(js_name = compositeRegion)]
    fn composite_region(
        original: &web_sys::Blob,
        answer: &web_sys::Blob,
        region: &Float64Array,
        feather: u32,
        colour_match: bool,
    ) -> js_sys::Promise;
    #[wasm_bindgen(js_name = outlineRegion)]
    fn outline_region(original: &web_sys::Blob, region: &Float64Array) -> js_sys::Promise;
    #[wasm_bindgen(js_name = placeCanvas)]
    fn place_canvas(
        original: &web_sys::Blob,
        width: u32,
        height: u32,
        x: u32,
        y: u32,
    ) -> js_sys::Promise;
    #[wasm_bindgen(js_name = expandCanvas)]
    fn expand_canvas(
        original: &web_sys::Blob,
        answer: &web_sys::Blob,
        width: u32,
        height: u32,
        x: u32,
        y: u32,
        ow: u32,
        oh: u32,
        feather: u32,
    ) -> js_sys::Promise;
    #[wasm_bindgen(js_name = cropImage)]
    fn crop_image(original: &web_sys::Blob, rect: &Uint32Array) -> js_sys::Promise;
    #[wasm_bindgen(js_name = compositeDetail)]
    fn composite_detail(
        original: &web_sys::Blob,
        answer: &web_sys::Blob,
        rect: &Uint32Array,
        region: &Float64Array,
        feather: u32,
        colour_match: bool,
    ) -> js_sys::Promise;
    #[wasm_bindgen(js_name = maskImage)]
    fn mask_image(width: u32, height: u32, region: &Float64Array) -> js_sys::Promise;
}

/// Why a composite was not made.
#[derive(Clone, Debug, PartialEq)]
pub enum RegionError {
    /// The answer (this size) is not the original's shape: it cannot be lined up.
    Misfit(u32, u32),
    /// The browser could not decode, composite or encode: its words.
    Failed(String),
}

impl RegionError {
    /// What went wrong, in the words a message quotes.
    pub fn reason(self) -> String {
        match self {
            RegionError::Failed(r) => r,
            RegionError::Misfit(w, h) => format!("{w}×{h}"),
        }
    }
}

/// Shows `mask` (one byte per pixel of `canvas`, non-zero in the region) as a translucent overlay,
/// with `frame` (x, y, width, height in the canvas's pixels), a detail edit's crop, as a dashed box.
pub fn show(canvas: &web_sys::Element, mask: &[u8], frame: Option<[f64; 4]>) {
    let frame = Float64Array::from(frame.as_ref().map_or(&[][..], |f| &f[..]));
    draw_mask(canvas, &Uint8Array::from(mask), &frame);
}

fn region(ops: &[RegionOp]) -> Float64Array {
    Float64Array::from(flat::encode(ops).as_slice())
}

fn rect(r: Rect) -> Uint32Array {
    Uint32Array::from([r.x, r.y, r.width, r.height].as_slice())
}

async fn png(promise: js_sys::Promise) -> Result<Vec<u8>, RegionError> {
    let made = JsFuture::from(promise).await.map_err(|e| {
        let message = e.dyn_ref::<js_sys::Error>().map_or_else(
            || "the browser could not draw the image".into(),
            |e| String::from(e.message()),
        );
        misfit(&message).map_or(RegionError::Failed(message), |(w, h)| {
            RegionError::Misfit(w, h)
        })
    })?;
    read_bytes(made.unchecked_ref())
        .await
        .map_err(RegionError::Failed)
}

/// The size in the worker's `misfit W×H` message.
fn misfit(message: &str) -> Option<(u32, u32)> {
    let (w, h) = message.strip_prefix("misfit ")?.split_once('×')?;
    Some((w.parse().ok()?, h.parse().ok()?))
}

/// `answer` composited over `original` inside the region `ops` paint, feathered by `feather` pixels,
/// its colours matched to the surroundings when `colour_match`: PNG bytes at the original's size.
pub async fn composite(
    original: &web_sys::Blob,
    answer: &web_sys::Blob,
    ops: &[RegionOp],
    feather: u32,
    colour_match: bool,
) -> Result<Vec<u8>, RegionError> {
    png(composite_region(
        original,
        answer,
        &region(ops),
        feather,
        colour_match,
    ))
    .await
}

/// `original` with a line drawn round the region, as PNG bytes: shows the model where.
pub async fn outlined(original: &web_sys::Blob, ops: &[RegionOp]) -> Result<Vec<u8>, RegionError> {
    png(outline_region(original, &region(ops))).await
}

/// The region as a PNG mask (white inside, black outside) of a `width`×`height` image.
pub async fn mask_png(width: u32, height: u32, ops: &[RegionOp]) -> Result<Vec<u8>, RegionError> {
    png(mask_image(width, height, &region(ops))).await
}

/// The canvas an expansion sends: `original` at its place on a grey canvas of `placed`'s size, as PNG.
pub async fn placed(original: &web_sys::Blob, placed: &Placed) -> Result<Vec<u8>, RegionError> {
    let r = placed.original;
    png(place_canvas(
        original,
        placed.width,
        placed.height,
        r.x,
        r.y,
    ))
    .await
}

/// An expansion's `answer` around `original` (kept byte for byte at its place on `placed`; given the
/// canvas, the original is taken from it), the seam feathered `feather` pixels inward: PNG bytes at
/// the canvas's size.
pub async fn expanded(
    original: &web_sys::Blob,
    answer: &web_sys::Blob,
    placed: &Placed,
    feather: u32,
) -> Result<Vec<u8>, RegionError> {
    let r = placed.original;
    png(expand_canvas(
        original,
        answer,
        placed.width,
        placed.height,
        r.x,
        r.y,
        r.width,
        r.height,
        feather,
    ))
    .await
}

/// A detail edit's crop: the pixels of `original` inside `crop`, as PNG bytes.
pub async fn cropped(original: &web_sys::Blob, crop: Rect) -> Result<Vec<u8>, RegionError> {
    png(crop_image(original, &rect(crop))).await
}

/// A detail edit's `answer` (for the crop `crop`) scaled to it, pasted back into `original` and
/// composited inside the region `ops` paint, as [`composite`]: PNG bytes at the original's size.
pub async fn detailed(
    original: &web_sys::Blob,
    answer: &web_sys::Blob,
    crop: Rect,
    ops: &[RegionOp],
    feather: u32,
    colour_match: bool,
) -> Result<Vec<u8>, RegionError> {
    png(composite_detail(
        original,
        answer,
        &rect(crop),
        &region(ops),
        feather,
        colour_match,
    ))
    .await
}
