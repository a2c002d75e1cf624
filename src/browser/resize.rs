//! Shrinking images with the browser's own codecs: `createImageBitmap` decodes (EXIF orientation
//! applied) and resizes, an `OffscreenCanvas` encodes. Used for history thumbnails and for references
//! over a limit.

use super::blob_url::bytes_to_blob;
use super::file::read_bytes;
use crate::protocol::error::human_size;
use crate::protocol::image::{dimensions, has_alpha, sniff, ImageKind};
use crate::studio::downscale::{
    self, first_step, next_step, Limits, Reason, Resized, Step, MAX_ATTEMPTS,
};
use crate::studio::thumbnail::fit;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The decoded image in `blob`; its `width()`/`height()` are as displayed. `close()` it when done.
pub async fn decode(blob: &web_sys::Blob) -> Result<web_sys::ImageBitmap, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    JsFuture::from(window.create_image_bitmap_with_blob(blob)?)
        .await?
        .dyn_into()
}

/// `bitmap` scaled to `width`×`height` and encoded as `mime` (at `quality`, for lossy formats). A
/// browser that cannot encode `mime` gives PNG: check the bytes, not the request.
pub async fn encode(
    bitmap: &web_sys::ImageBitmap,
    width: u32,
    height: u32,
    mime: &str,
    quality: f64,
) -> Result<web_sys::Blob, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let options = web_sys::ImageBitmapOptions::new();
    options.set_resize_width(width);
    options.set_resize_height(height);
    options.set_resize_quality(web_sys::ResizeQuality::High);
    let scaled: web_sys::ImageBitmap = JsFuture::from(
        window.create_image_bitmap_with_image_bitmap_and_image_bitmap_options(bitmap, &options)?,
    )
    .await?
    .dyn_into()?;
    let canvas = web_sys::OffscreenCanvas::new(width, height)?;
    let context: web_sys::OffscreenCanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or("no 2d context")?
        .dyn_into()?;
    if mime == ImageKind::Jpeg.mime() {
        // JPEG has no transparency: transparent pixels go on white, not black.
        context.set_fill_style_str("#fff");
        context.fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
    }
    let drawn = context.draw_image_with_image_bitmap(&scaled, 0.0, 0.0);
    scaled.close();
    drawn?;
    let encode = web_sys::ImageEncodeOptions::new();
    encode.set_type(mime);
    encode.set_quality(quality);
    JsFuture::from(canvas.convert_to_blob_with_options(&encode)?)
        .await?
        .dyn_into()
}

/// A WebP thumbnail (PNG where the browser cannot encode WebP) of the `width`×`height` image in
/// `image`, at most [`LONG_EDGE`](crate::studio::thumbnail::LONG_EDGE) pixels on its long edge.
pub async fn thumbnail(
    image: &web_sys::Blob,
    width: u32,
    height: u32,
) -> Result<web_sys::Blob, JsValue> {
    let bitmap = decode(image).await?;
    let (w, h) = fit(width, height);
    let thumb = encode(&bitmap, w, h, "image/webp", 0.82).await;
    bitmap.close();
    thumb
}

/// A reference of `kind` shrunk to fit `limits`: the new bytes and what changed, or `None` when it
/// fits as it is. Errors are messages about the file, for the form.
pub async fn fit_reference(
    bytes: &[u8],
    kind: ImageKind,
    limits: &Limits,
) -> Result<Option<(Vec<u8>, Resized)>, String> {
    if !limits.may_apply(dimensions(bytes), bytes.len()) {
        return Ok(None);
    }
    let over_bytes = bytes.len() > limits.max_bytes;
    let blob = bytes_to_blob(bytes, kind.mime()).map_err(|_| "the browser could not read it")?;
    let bitmap = match decode(&blob).await {
        Ok(b) => b,
        // A long-edge limit is a wish: a format this browser cannot decode is sent as it is.
        Err(_) if !over_bytes => return Ok(None),
        Err(_) => {
            return Err(format!(
                "it is over the provider's {} per image, and this browser cannot decode {} to shrink it",
                human_size(limits.max_bytes),
                kind.name()
            ))
        }
    };
    let result = shrink(&bitmap, kind, has_alpha(bytes), bytes.len(), limits).await;
    bitmap.close();
    result
}

async fn shrink(
    bitmap: &web_sys::ImageBitmap,
    kind: ImageKind,
    alpha: bool,
    len: usize,
    limits: &Limits,
) -> Result<Option<(Vec<u8>, Resized)>, String> {
    let from = (bitmap.width(), bitmap.height());
    let Some(mut step) = first_step(kind, alpha, from, len, limits) else {
        return Ok(None);
    };
    for _ in 0..MAX_ATTEMPTS {
        let to = downscale::fit(from.0, from.1, step.long_edge);
        let blob = encode(bitmap, to.0, to.1, step.kind.mime(), step.quality)
            .await
            .map_err(|_| "the browser could not shrink it")?;
        let out = read_bytes(&blob).await?;
        // The browser falls back to PNG for formats it cannot encode: trust the bytes.
        let got = sniff(&out).ok_or("the browser could not shrink it")?;
        match next_step(&Step { kind: got, ..step }, alpha, out.len(), limits) {
            Some(next) => step = next,
            None if out.len() <= limits.max_bytes => {
                let resized = Resized {
                    from,
                    from_bytes: len,
                    to,
                    to_bytes: out.len(),
                    kind: got,
                    reason: Reason::of(from.0.max(from.1), len, limits),
                };
                return Ok(Some((out, resized)));
            }
            None => break,
        }
    }
    Err(format!(
        "it could not be made smaller than the provider's {} per image",
        human_size(limits.max_bytes)
    ))
}
