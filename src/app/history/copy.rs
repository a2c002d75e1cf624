//! "Copy" on a result: the image on the clipboard as PNG (what every app pastes), converted in the
//! worker when it came as JPEG or WebP; a refusal says how to allow it.

use super::History;
use crate::browser::blob_url::bytes_to_blob;
use crate::browser::clipboard::{self, CopyError};
use crate::browser::resize;
use crate::protocol::image::{dimensions, ImageKind};
use crate::text;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// Whether the card offers "Copy" (the browser can put images on the clipboard).
pub fn can_copy() -> bool {
    clipboard::can_copy_images()
}

impl History {
    /// Copies the full image of result `id`. Call it in the click.
    pub fn copy(self, id: u64) {
        let png = wasm_bindgen_futures::future_to_promise(async move {
            let full = self
                .load_full(id)
                .await
                .ok_or_else(|| JsValue::from_str("the image could not be read"))?;
            let bytes = &full.image.bytes;
            if full.image.kind == ImageKind::Png {
                return bytes_to_blob(bytes, "image/png").map(JsValue::from);
            }
            let dims = dimensions(bytes).ok_or_else(|| JsValue::from_str("unknown image size"))?;
            let blob = bytes_to_blob(bytes, full.image.kind.mime())?;
            resize::shrink(&blob, dims, "image/png", 1.0)
                .await
                .map(JsValue::from)
        });
        self.tasks.spawn(async move {
            match clipboard::copy_image(png).await {
                Ok(()) => self.notices.status.set(text!(results.copied)),
                Err(CopyError::Denied) => self
                    .notices
                    .fail_with("clipboard", text!(results.copy_denied)),
                Err(CopyError::Failed(detail)) => self
                    .notices
                    .fail_with("clipboard", text!(results.copy_failed, detail = detail)),
            }
        });
    }
}
