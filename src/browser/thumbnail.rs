//! Thumbnails made by the browser's own decoder: `createImageBitmap` resizes, an `OffscreenCanvas`
//! encodes (WebP where the browser can, PNG otherwise).

use crate::studio::thumbnail::fit;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A small copy of the `width`×`height` image in `image`, at most
/// [`LONG_EDGE`](crate::studio::thumbnail::LONG_EDGE) pixels on its long edge.
pub async fn make(
    image: &web_sys::Blob,
    width: u32,
    height: u32,
) -> Result<web_sys::Blob, JsValue> {
    let (w, h) = fit(width, height);
    let options = web_sys::ImageBitmapOptions::new();
    options.set_resize_width(w);
    options.set_resize_height(h);
    options.set_resize_quality(web_sys::ResizeQuality::High);
    let window = web_sys::window().ok_or("no window")?;
    let bitmap: web_sys::ImageBitmap = JsFuture::from(
        window.create_image_bitmap_with_blob_and_image_bitmap_options(image, &options)?,
    )
    .await?
    .dyn_into()?;
    let canvas = web_sys::OffscreenCanvas::new(w, h)?;
    let context: web_sys::OffscreenCanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or("no 2d context")?
        .dyn_into()?;
    let drawn = context.draw_image_with_image_bitmap(&bitmap, 0.0, 0.0);
    bitmap.close();
    drawn?;
    let encode = web_sys::ImageEncodeOptions::new();
    encode.set_type("image/webp");
    encode.set_quality(0.82);
    JsFuture::from(canvas.convert_to_blob_with_options(&encode)?)
        .await?
        .dyn_into()
}
