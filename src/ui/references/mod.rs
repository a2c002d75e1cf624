//! Reference images: picker, drop, paste, the long-edge limit, thumbnails with remove and what
//! shrinking saved.

pub mod add;
mod list;

use super::i18n::{t, t_string, use_i18n};
use super::state::use_state;
use crate::browser::file;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub use add::{add_reference, use_as_reference};
pub use list::ReferenceList;

/// The reference images panel.
#[component]
pub fn References() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let settings = state.settings;
    let max = move || settings.with(|s| s.capabilities().max_references);
    view! {
        <fieldset class="panel refs">
            <legend>
                {t!(i18n, refs.legend)}
                <span class="hint">{move || t_string!(i18n, refs.count, n = state.references.with(Vec::len), max = max())}</span>
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
                        super::lazy::run(state, super::lazy::add_files(state, files));
                    }
                />
                <span>{t!(i18n, refs.drop)}</span>
            </label>
            // The long-edge choice, the thumbnails and what shrinking saved load a moment later.
            {super::lazy::lazy_view(super::lazy::reference_list_view)}
        </fieldset>
    }
}
