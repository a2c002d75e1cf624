//! The page URL's hash (`#…`), where the stage's filter is kept so a reload or a bookmark comes back
//! to it. Written with `history.replaceState`, so filtering adds no entries to the back button.

/// The hash without `#` (empty when there is none).
pub fn read() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Sets the hash to `hash` (no `#`; empty removes it), leaving the path and the query as they are.
pub fn replace(hash: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if read() == hash {
        return;
    }
    let location = window.location();
    let base = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let url = if hash.is_empty() {
        base
    } else {
        format!("{base}#{hash}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
