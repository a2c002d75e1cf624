//! `localStorage`, for settings (and the key, only when the user asks to remember it), and
//! `sessionStorage`, for what belongs to one browser tab.

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Whether this browser lets the studio use `localStorage` at all (it throws in some private modes,
/// with site data off, and in blocked third-party frames).
pub fn available() -> bool {
    local().is_some()
}

/// Reads a value; `None` when absent or when storage is unavailable (private mode, embedded frames).
pub fn get(name: &str) -> Option<String> {
    local()?.get_item(name).ok().flatten()
}

/// Writes a value; returns false when storage is unavailable or full.
pub fn set(name: &str, value: &str) -> bool {
    local().is_some_and(|s| s.set_item(name, value).is_ok())
}

/// Reads a value kept as JSON, parsed by the browser (`JSON.parse`), so the main module needs no JSON
/// parser; `None` when absent, unavailable, or not of `T`'s shape.
pub fn get_json<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    let value = js_sys::JSON::parse(&get(name)?).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// Writes a value as JSON (`JSON.stringify`, plain objects for maps); false when storage is
/// unavailable or full.
pub fn set_json<T: serde::Serialize>(name: &str, value: &T) -> bool {
    let Ok(value) = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()) else {
        return false;
    };
    match js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|s| s.as_string())
    {
        Some(text) => set(name, &text),
        None => false,
    }
}

/// Removes a value.
pub fn remove(name: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(name);
    }
}

/// Reads a value of this tab's `sessionStorage` (kept across reloads of the tab, not shared with others).
pub fn session_get(name: &str) -> Option<String> {
    web_sys::window()?
        .session_storage()
        .ok()
        .flatten()?
        .get_item(name)
        .ok()
        .flatten()
}

/// Writes a value to this tab's `sessionStorage`.
pub fn session_set(name: &str, value: &str) {
    if let Some(s) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = s.set_item(name, value);
    }
}
