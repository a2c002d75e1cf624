//! A result's label when it is one model's answer in a comparison: the model and provider, what it was
//! sent without, and "Use this one".

use super::i18n::{t, t_string, use_i18n};
use crate::app::{Generator, Providers, ResultItem};
use leptos::prelude::*;

/// Drawn on the card of a compared result; nothing for any other.
#[component]
pub fn ComparedLabel(item: ResultItem) -> impl IntoView {
    let generator = expect_context::<Generator>();
    let providers = expect_context::<Providers>();
    let i18n = use_i18n();
    item.compared.clone().map(|c| {
        let model = item.model.clone();
        // The saved provider's name, else the preset's.
        let made = item.settings.clone();
        let provider = move || {
            providers
                .saved
                .with(|s| s.made_with(&made).map(|p| p.name.clone()))
                .unwrap_or_else(|| made.preset.label().to_string())
        };
        let host = crate::studio::made::host_of(&item.settings.base_url);
        let (label_model, note_model) = (model.clone(), model);
        let left_out = c.dropped.join(", ");
        view! {
            <div class="compared" data-testid="compare-label">
                <strong data-testid="compare-model">
                    {move || t_string!(i18n, results.compared, model = label_model.clone(), provider = provider()).to_string()}
                </strong>
                <span class="meta">{host}</span>
                {(!left_out.is_empty()).then(|| view! {
                    <p class="meta warn" data-testid="compare-dropped">
                        {move || t_string!(i18n, results.compared_without, left_out = left_out.clone(), model = note_model.clone()).to_string()}
                    </p>
                })}
                <button class="primary" data-testid="use-this"
                    title=move || t_string!(i18n, results.use_this_title)
                    on:click=move |_| generator.use_this(&item)>{t!(i18n, results.use_this)}</button>
            </div>
        }
    })
}
