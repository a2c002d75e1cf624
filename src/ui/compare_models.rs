//! "Compare models": a multi-select of the provider's models; each one chosen gets the same prompt,
//! references and settings (`studio::compare`), side by side in the stage.

use super::i18n::{t, t_string, use_i18n};
use crate::app::Prefs;
use crate::protocol::models_for;
use crate::studio::compare::MAX_MODELS;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The multi-select and its hint.
#[component]
pub fn CompareModels() -> impl IntoView {
    let prefs = expect_context::<Prefs>();
    let i18n = use_i18n();
    let settings = prefs.settings;
    // The provider's known models, then the current one and any chosen that it does not list.
    let models = Memo::new(move |_| {
        settings.with(|s| {
            let mut m: Vec<String> = models_for(s.preset).iter().map(|m| m.to_string()).collect();
            for extra in std::iter::once(&s.model).chain(&s.compare) {
                if !extra.trim().is_empty() && !m.contains(extra) {
                    m.push(extra.clone());
                }
            }
            m
        })
    });
    let chosen = move |ev: leptos::ev::Event| {
        let select: web_sys::HtmlSelectElement = event_target(&ev);
        let options = select.selected_options();
        let picked: Vec<String> = (0..options.length())
            .filter_map(|i| options.item(i))
            .filter_map(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
            .map(|o| o.value())
            .take(MAX_MODELS)
            .collect();
        settings.update(|s| s.compare = picked);
    };
    view! {
        <div class="compare-models">
            <label for="banana-compare">{t!(i18n, options.compare)}</label>
            <select id="banana-compare" multiple data-testid="compare-models"
                size=move || models.with(Vec::len).clamp(2, 6)
                aria-describedby="banana-compare-hint"
                on:change=chosen>
                <For each=move || models.get() key=|m| m.clone() let:m>
                    {
                        let (value, label) = (m.clone(), m.clone());
                        view! {
                            <option value=m
                                prop:selected=move || settings.with(|s| s.compare.contains(&value))>{label}</option>
                        }
                    }
                </For>
            </select>
            <p class="hint" id="banana-compare-hint">{t!(i18n, options.compare_hint)}</p>
            <Show when=move || settings.with(|s| !s.compare.is_empty())>
                <button class="link" data-testid="compare-clear"
                    title=move || t_string!(i18n, options.compare_clear)
                    on:click=move |_| settings.update(|s| s.compare.clear())>{t!(i18n, options.compare_clear)}</button>
            </Show>
        </div>
    }
}
