//! Banana Studio: a browser client for Google's Gemini image models.
//!
//! - [`protocol`]: the pure protocol core (request building, response parsing, validation, errors).
//! - [`studio`]: the app's own rules (settings, file names), also pure.
//! - [`browser`]: thin glue over web-sys (fetch, files, blob URLs, storage).
//! - [`locale`]: every word for the user, in their language (translations, the core's errors).
//! - [`app`]: the services between the views and the rest (generation, history, composer, …).
//! - [`ui`]: Leptos components that arrange state and views.
//! - [`embed`]: the custom element and the JavaScript API for other front ends.

pub mod app;
pub mod browser;
pub mod embed;
pub mod locale;
pub mod protocol;
pub mod studio;
pub mod ui;

pub use ui::Studio;

/// Starts the app on its own page: mounts the studio into `#banana-studio-app` when the page has one
/// (the app's `index.html`); a page that loads the module only to embed it is left alone. A visitor
/// whose language is not compiled in (Chinese) waits for its texts first, at most 3 s.
pub fn start() {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("banana-studio-app"))
    else {
        return;
    };
    use wasm_bindgen::JsCast;
    if let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() {
        wasm_bindgen_futures::spawn_local(async move {
            ui::prepare_language(3000).await;
            leptos::mount::mount_to(root, || leptos::view! { <Studio/> }).forget();
        });
    }
}
