//! Reference images: picker, drop, paste, thumbnails with remove.

use super::actions;
use super::state::use_state;
use crate::browser::file;
use crate::protocol::error::human_size;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The reference images panel.
#[component]
pub fn References() -> impl IntoView {
    let state = use_state();
    let max = move || state.settings.with(|s| s.capabilities().max_references);
    view! {
        <fieldset class="panel refs">
            <legend>
                "References "
                <span class="hint">{move || format!("{} of {}", state.references.with(Vec::len), max())}</span>
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
                        actions::add_files(state, files);
                    }
                />
                <span>"Choose images, drop them anywhere on the page, or paste from the clipboard."</span>
            </label>
            <ul class="thumbs">
                <For
                    each=move || state.references.get()
                    key=|r| r.id
                    children=move |r| {
                        let id = r.id;
                        view! {
                            <li data-testid="ref-thumb" title=format!("{} ({})", r.name, human_size(r.bytes.len()))>
                                <img src=r.thumb.url().to_string() alt=r.name.clone()/>
                                <button
                                    type="button"
                                    class="remove"
                                    data-testid="ref-remove"
                                    aria-label=format!("Remove {}", r.name)
                                    on:click=move |_| actions::remove_reference(state, id)
                                >
                                    "×"
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
        </fieldset>
    }
}
