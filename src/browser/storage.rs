//! `localStorage`, for settings (and the key, only when the user asks to remember it), and
//! `sessionStorage`, for what belongs to one browser tab.

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads a value; `None` when absent or when storage is unavailable (private mode, embedded frames).
pub fn get(name: &str) -> Option<String> {
    local()?.get_item(name).ok().flatten()
}

/// Writes a value; returns false when storage is unavailable or full.
pub fn set(name: &str, value: &str) -> bool {
    local().is_some_and(|s| s.set_item(name, value).is_ok())
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
