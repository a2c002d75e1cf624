//! The page itself: the languages the browser prefers, and the document's `lang`.

/// `navigator.languages`, most preferred first (empty when there is no window).
pub fn languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|list| list.iter().filter_map(|l| l.as_string()).collect())
        .unwrap_or_default()
}

/// Sets `<html lang>` (screen readers, fonts and hyphenation follow it).
pub fn set_lang(lang: &str) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = root.set_attribute("lang", lang);
    }
}

/// Whether the browser runs on one of Apple's systems (shortcuts are then written ⌘⇧K).
pub fn apple() -> bool {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .is_some_and(|ua| ua.contains("Mac") || ua.contains("iPhone") || ua.contains("iPad"))
}
