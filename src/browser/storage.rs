//! `localStorage`, for settings (and the key, only when the user asks to remember it).

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
