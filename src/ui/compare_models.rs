//! "Compare models": a multi-select of the provider's models and every other saved provider's; each one
//! chosen gets the same prompt, references and settings (`studio::compare`), side by side in the stage.

use super::i18n::{t, t_string, use_i18n};
use crate::app::{Prefs, Providers};
use crate::protocol::models_for;
use crate::studio::compare::MAX_MODELS;
use crate::studio::providers::{pick, split};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The multi-select and its hint.
#[component]
pub fn CompareModels() -> impl IntoView {
    let prefs = expect_context::<Prefs>();
    let providers = expect_context::<Providers>();
    let i18n = use_i18n();
    let settings = prefs.settings;
    providers.load();
    // The provider's known models, then the current one and any chosen that it does not list.
    let models = Memo::new(move |_| {
        settings.with(|s| {
            let mut m: Vec<String> = models_for(s.preset).iter().map(|m| m.to_string()).collect();
            let chosen = s.compare.iter().filter(|c| split(c).0.is_empty());
            for extra in std::iter::once(&s.model).chain(chosen) {
                if !extra.trim().is_empty() && !m.contains(extra) {
                    m.push(extra.clone());
                }
            }
            m
        })
    });
    // Every other saved provider: its name and its models, as `Settings::compare` writes them.
    let others = Memo::new(move |_| {
        let current = settings.with(|s| s.provider_id.clone());
        providers.saved.with(|saved| {
            saved
                .list
                .iter()
                .filter(|p| p.id != current)
                .map(|p| {
                    let mut m: Vec<&str> = models_for(p.preset).to_vec();
                    if !p.model.trim().is_empty() && !m.contains(&p.model.as_str()) {
                        m.push(&p.model);
                    }
                    let options = m
                        .into_iter()
                        .map(|m| (pick(&p.id, m), m.to_string()))
                        .collect();
                    (p.name.clone(), options)
                })
                .collect::<Vec<(String, Vec<(String, String)>)>>()
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
    let option = move |value: String, label: String| {
        let selected = value.clone();
        view! {
            <option value=value
                prop:selected=move || settings.with(|s| s.compare.contains(&selected))>{label}</option>
        }
    };
    view! {
        <div class="compare-models">
            <label for="banana-compare">{t!(i18n, options.compare)}</label>
            <select id="banana-compare" multiple data-testid="compare-models"
                size=move || (models.with(Vec::len) + others.with(|o| o.iter().map(|(_, m)| m.len() + 1).sum::<usize>())).clamp(2, 8)
                aria-describedby="banana-compare-hint"
                on:change=chosen>
                <For each=move || models.get() key=|m| m.clone() let:m>
                    {option(m.clone(), m)}
                </For>
                {move || others.get().into_iter().map(|(name, options)| view! {
                    <optgroup label=name>
                        {options.into_iter().map(|(v, l)| option(v, l)).collect_view()}
                    </optgroup>
                }).collect_view()}
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
