//! Reference images: picker, drop, paste, the long-edge limit, thumbnails with remove and what
//! shrinking saved.

mod list;

use super::i18n::{t, t_string, use_i18n};
use crate::app::{Composer, Prefs};
use crate::browser::file;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub use list::ReferenceList;

/// The reference images panel.
#[component]
pub fn References() -> impl IntoView {
    let prefs = expect_context::<Prefs>();
    let composer = expect_context::<Composer>();
    let lazy = expect_context::<super::lazy::Lazy>();
    let i18n = use_i18n();
    let settings = prefs.settings;
    let max = move || settings.with(|s| s.capabilities().max_references);
    view! {
        <fieldset class="panel refs">
            <legend>
                {t!(i18n, refs.legend)}
                <span class="hint">{move || t_string!(i18n, refs.count, n = composer.references.with(Vec::len), max = max())}</span>
            </legend>
            <label class="drop">
                <input
                    data-testid="ref-input"
                    type="file"
                    multiple
                    accept="image/png,image/jpeg,image/webp,image/heic,image/heif"
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
                        let files = file::files(input.files());
                        input.set_value("");
                        lazy.run(super::lazy::add_files(composer, files));
                    }
                />
                <span>{t!(i18n, refs.drop)}</span>
            </label>
            // The long-edge choice, the thumbnails and what shrinking saved load a moment later.
            {super::lazy::lazy_view(super::lazy_views::reference_list_view)}
        </fieldset>
    }
}
