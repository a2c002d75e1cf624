//! Reading files the user picked, dropped or pasted (File API).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The bytes of a `Blob` or `File` (`Blob.arrayBuffer()`).
pub async fn read_bytes(blob: &web_sys::Blob) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|_| "the browser could not read the file".to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The files of a `FileList` (from `<input type=file>`, a drop or a paste).
pub fn files(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// The files carried by a drag-and-drop or clipboard `DataTransfer`.
pub fn transfer_files(transfer: Option<web_sys::DataTransfer>) -> Vec<web_sys::File> {
    files(transfer.and_then(|t| t.files()))
}

/// A name for a file, falling back to `fallback` for pasted images that have none.
pub fn name_of(file: &web_sys::File, fallback: &str) -> String {
    let name = file.name();
    if name.is_empty() {
        fallback.to_string()
    } else {
        name
    }
}

/// Converts any JS value that is a `File` (e.g. from a test harness) into one.
pub fn as_file(value: &wasm_bindgen::JsValue) -> Option<web_sys::File> {
    value.dyn_ref::<web_sys::File>().cloned()
}
