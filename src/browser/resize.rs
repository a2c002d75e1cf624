//! Shrinking images with the browser's own codecs, in a worker (`shrink_worker.js`):
//! `createImageBitmap` decodes and resizes (EXIF orientation applied), an `OffscreenCanvas` encodes.
//! Used for history thumbnails and for references over a limit.

use super::blob_url::bytes_to_blob;
use super::file::read_bytes;
use crate::protocol::error::human_size;
use crate::protocol::image::{displayed_dimensions, has_alpha, sniff, ImageKind};
use crate::studio::downscale::{
    self, first_step, next_step, Limits, Reason, Resized, Step, MAX_ATTEMPTS,
};
use crate::studio::thumbnail::fit;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/browser/shrink_worker.js")]
extern "C" {
    #[wasm_bindgen(js_name = shrinkImage)]
    fn shrink_image(
        blob: &web_sys::Blob,
        width: u32,
        height: u32,
        mime: &str,
        quality: f64,
    ) -> js_sys::Promise;
}

/// The image in `blob` decoded at `width`×`height` and encoded as `mime` (at `quality`, for lossy
/// formats), in a worker. A browser that cannot encode `mime` gives PNG: check the bytes.
pub async fn shrink(
    blob: &web_sys::Blob,
    (width, height): (u32, u32),
    mime: &str,
    quality: f64,
) -> Result<web_sys::Blob, JsValue> {
    JsFuture::from(shrink_image(blob, width, height, mime, quality))
        .await?
        .dyn_into()
}

/// The size of the image in `blob` as displayed, by decoding it (for formats whose header this app
/// does not read).
async fn decoded_size(blob: &web_sys::Blob) -> Result<(u32, u32), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let bitmap: web_sys::ImageBitmap = JsFuture::from(window.create_image_bitmap_with_blob(blob)?)
        .await?
        .dyn_into()?;
    let size = (bitmap.width(), bitmap.height());
    bitmap.close();
    Ok(size)
}

/// A WebP thumbnail (PNG where the browser cannot encode WebP) of the `width`×`height` image in
/// `image`, at most [`LONG_EDGE`](crate::studio::thumbnail::LONG_EDGE) pixels on its long edge.
pub async fn thumbnail(
    image: &web_sys::Blob,
    width: u32,
    height: u32,
) -> Result<web_sys::Blob, JsValue> {
    shrink(image, fit(width, height), "image/webp", 0.82).await
}

/// Why a reference could not be shrunk to fit. `Display` is an English clause about the file
/// (`locale::shrink_in` translates it).
#[derive(Debug, Clone, PartialEq)]
pub enum ShrinkError {
    /// Over the provider's `max` bytes, in a format this browser cannot decode.
    CannotDecode { max: usize, kind: ImageKind },
    /// The bytes could not be handed to the browser.
    Unreadable,
    /// The browser gave back something that is not an image.
    Failed,
    /// Still over the provider's `max` bytes after every attempt.
    TooLarge { max: usize },
}

impl std::fmt::Display for ShrinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShrinkError::CannotDecode { max, kind } => write!(
                f,
                "it is over the provider's {} per image, and this browser cannot decode {} to shrink it",
                human_size(*max),
                kind.name()
            ),
            ShrinkError::Unreadable => f.write_str("the browser could not read it"),
            ShrinkError::Failed => f.write_str("the browser could not shrink it"),
            ShrinkError::TooLarge { max } => write!(
                f,
                "it could not be made smaller than the provider's {} per image",
                human_size(*max)
            ),
        }
    }
}

/// A reference of `kind` shrunk to fit `limits`: the new bytes and what changed, or `None` when it
/// fits as it is.
pub async fn fit_reference(
    bytes: &[u8],
    kind: ImageKind,
    limits: &Limits,
) -> Result<Option<(Vec<u8>, Resized)>, ShrinkError> {
    let header = displayed_dimensions(bytes);
    if !limits.may_apply(header, bytes.len()) {
        return Ok(None);
    }
    let over_bytes = bytes.len() > limits.max_bytes;
    let cannot_decode = || ShrinkError::CannotDecode {
        max: limits.max_bytes,
        kind,
    };
    let blob = bytes_to_blob(bytes, kind.mime()).map_err(|_| ShrinkError::Unreadable)?;
    // The size as displayed, from the header where it tells; otherwise from decoding once.
    let from = match header {
        Some(size) => size,
        None => match decoded_size(&blob).await {
            Ok(size) => size,
            // A long-edge limit is a wish: a format this browser cannot decode is sent as it is.
            Err(_) if !over_bytes => return Ok(None),
            Err(_) => return Err(cannot_decode()),
        },
    };
    let alpha = has_alpha(bytes);
    let Some(mut step) = first_step(kind, alpha, from, bytes.len(), limits) else {
        return Ok(None);
    };
    for _ in 0..MAX_ATTEMPTS {
        let to = downscale::fit(from.0, from.1, step.long_edge);
        let out = match shrink_once(&blob, to, &step).await {
            Ok(out) => out,
            Err(_) if !over_bytes => return Ok(None),
            Err(_) => return Err(cannot_decode()),
        };
        // The browser falls back to PNG for formats it cannot encode: trust the bytes.
        let got = sniff(&out).ok_or(ShrinkError::Failed)?;
        match next_step(
            &Step { kind: got, ..step },
            has_alpha(&out),
            out.len(),
            limits,
        ) {
            Some(next) => step = next,
            None if out.len() <= limits.max_bytes => {
                let resized = Resized {
                    from,
                    from_bytes: bytes.len(),
                    to,
                    to_bytes: out.len(),
                    kind: got,
                    reason: Reason::of(from.0.max(from.1), bytes.len(), limits),
                };
                return Ok(Some((out, resized)));
            }
            None => break,
        }
    }
    Err(ShrinkError::TooLarge {
        max: limits.max_bytes,
    })
}

/// One encoding of the image in `blob` at `size`, as `step` says.
async fn shrink_once(
    blob: &web_sys::Blob,
    size: (u32, u32),
    step: &Step,
) -> Result<Vec<u8>, JsValue> {
    let out = shrink(blob, size, step.kind.mime(), step.quality).await?;
    read_bytes(&out).await.map_err(JsValue::from)
}
