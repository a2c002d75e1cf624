//! `blob:` URLs that are revoked when the last handle to them is dropped.

use wasm_bindgen::JsValue;

/// An object URL for some bytes. Dropping it calls `URL.revokeObjectURL`, so an image that is no
/// longer shown frees its memory.
#[derive(Debug, PartialEq, Eq)]
pub struct BlobUrl {
    url: String,
}

impl BlobUrl {
    /// Copies `bytes` into a new `Blob` of type `mime` and creates its URL.
    pub fn new(bytes: &[u8], mime: &str) -> Result<BlobUrl, JsValue> {
        let blob = bytes_to_blob(bytes, mime)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        Ok(BlobUrl { url })
    }

    /// A URL for an existing `Blob` (for example one read back from IndexedDB), without copying it.
    pub fn from_blob(blob: &web_sys::Blob) -> Result<BlobUrl, JsValue> {
        let url = web_sys::Url::create_object_url_with_blob(blob)?;
        Ok(BlobUrl { url })
    }

    /// The `blob:` URL, for `<img src>` and downloads.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for BlobUrl {
    fn drop(&mut self) {
        let _ = web_sys::Url::revoke_object_url(&self.url);
    }
}

/// One Blob of `parts` in order (the browser joins them without copying the bytes again).
pub fn join(parts: &[web_sys::Blob], mime: &str) -> Result<web_sys::Blob, JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let list: js_sys::Array = parts.iter().collect();
    web_sys::Blob::new_with_blob_sequence_and_options(&list, &options)
}

/// A `Blob` holding a copy of `bytes`.
pub fn bytes_to_blob(bytes: &[u8], mime: &str) -> Result<web_sys::Blob, JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    // SAFETY: the view into wasm memory is used only by the `Blob` constructor, which copies it at once
    // and runs no Rust code in between, so the memory cannot move or change while it is read. This
    // saves a second copy of a 4K image.
    let view = unsafe { js_sys::Uint8Array::view(bytes) };
    let parts = js_sys::Array::of1(&view);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
}
