//! The options beyond the composer's few (batch, thinking, output, drafts, search, system instruction,
//! the references' long edge) and the conversation being continued. Loaded on first use (`ui::lazy`).

use super::i18n::{t, t_string, use_i18n};
use super::widgets::{pick_into, Choice};
use crate::app::{Composer, Prefs};
use crate::protocol::ThinkingLevel;
use crate::studio::Settings;
use leptos::prelude::*;

/// The conversation being continued, with a way out.
#[component]
pub fn Editing() -> impl IntoView {
    let composer = expect_context::<Composer>();
    let i18n = use_i18n();
    view! {
        <Show when=move || composer.editing.with(Option::is_some)>
            <div class="editing" data-testid="editing">
                <p>{t!(i18n, options.editing)}</p>
                <ol class="thread">
                    {move || composer.editing.with(|c| c.as_ref().map(|c| thread_prompts(c)).unwrap_or_default())
                        .into_iter()
                        .map(|p| view! { <li>{p}</li> })
                        .collect_view()}
                </ol>
                <button class="secondary" data-testid="stop-editing" on:click=move |_| composer.editing.set(None)>
                    {t!(i18n, options.stop_editing)}
                </button>
            </div>
        </Show>
    }
}

/// Batch, thinking, output, drafts, web and image search, the system instruction and the references'
/// long edge.
#[component]
pub fn MoreOptions() -> impl IntoView {
    let prefs = expect_context::<Prefs>();
    let i18n = use_i18n();
    let settings = prefs.settings;
    let caps = Memo::new(move |_| settings.with(Settings::capabilities));
    let pick = move |f: fn(&mut Settings, String)| pick_into(settings, f);
    let flag = move |get: fn(&Settings) -> bool| Signal::derive(move || settings.with(get));
    let checked = move |f: fn(&mut Settings, bool)| {
        Callback::new(move |v: bool| {
            settings.update(|s| {
                f(s, v);
                s.fit_to_model();
            })
        })
    };
    view! {
        <Toggle testid="batch" value=flag(|s| s.batch) set=checked(|s, v| s.batch = v)>
            {t!(i18n, options.batch)}
        </Toggle>
        <super::compare_models::CompareModels/>
        <div class="grid">
            <Show when=move || !caps.with(|c| c.thinking_levels.is_empty())>
                <Choice testid="thinking"
                    choices=Signal::derive(move || {
                        let mut c = vec![(String::new(), t_string!(i18n, options.model_default).to_string())];
                        c.extend(caps.get().thinking_levels.iter().map(|&l| (l.wire().to_string(), thinking_label(i18n, l))));
                        c
                    })
                    value=Signal::derive(move || settings.with(|s| s.thinking.map_or("", ThinkingLevel::wire).to_string()))
                    pick=pick(|s, v| s.thinking = ThinkingLevel::parse(&v))>
                    {t!(i18n, options.thinking)}
                </Choice>
            </Show>
            <Show when=move || caps.with(|c| c.native_options)>
                <Choice testid="output"
                    choices=Signal::derive(move || vec![
                        ("text-image".to_string(), t_string!(i18n, options.image_and_caption).to_string()),
                        ("image".to_string(), t_string!(i18n, options.image_only).to_string()),
                    ])
                    value=Signal::derive(move || if settings.with(|s| s.image_only) { "image".into() } else { "text-image".into() })
                    pick=pick(|s, v| s.image_only = v == "image")>
                    {t!(i18n, options.output)}
                </Choice>
            </Show>
        </div>
        <div class="row wrap">
            <Show when=move || caps.with(|c| c.thoughts)>
                <Toggle testid="include-thoughts"
                    title=Signal::derive(move || t_string!(i18n, options.drafts_title).to_string())
                    value=flag(|s| s.include_thoughts) set=checked(|s, v| s.include_thoughts = v)>
                    {t!(i18n, options.drafts)}
                </Toggle>
            </Show>
            <Show when=move || caps.with(|c| c.web_search)>
                <Toggle testid="web-search"
                    value=flag(|s| s.web_search)
                    set=checked(|s, v| { s.web_search = v; if !v { s.image_search = false; } })>
                    {t!(i18n, options.web_search)}
                </Toggle>
            </Show>
            <Show when=move || caps.with(|c| c.image_search)>
                <Toggle testid="image-search"
                    value=flag(|s| s.image_search)
                    set=checked(|s, v| { s.image_search = v; if v { s.web_search = true; } })>
                    {t!(i18n, options.image_search)}
                </Toggle>
            </Show>
        </div>
        <Show when=move || caps.with(|c| c.native_options)>
            <details class="more">
                <summary>{t!(i18n, options.system)}</summary>
                <textarea data-testid="system" rows="3" aria-label=move || t_string!(i18n, options.system)
                    prop:value=move || settings.with(|s| s.system_instruction.clone())
                    on:change=move |ev| settings.update(|s| s.system_instruction = event_target_value(&ev))></textarea>
            </details>
        </Show>
        <super::references::LongEdge/>
    }
}

/// A checkbox labelled by its children, showing `value`; `set` receives the new state.
#[component]
fn Toggle(
    testid: &'static str,
    value: Signal<bool>,
    set: Callback<bool>,
    #[prop(optional)] title: Option<Signal<String>>,
    children: Children,
) -> impl IntoView {
    view! {
        <label class="check" title=move || title.map(|t| t.get())>
            <input type="checkbox" data-testid=testid
                prop:checked=value
                on:change=move |ev| set.run(event_target_checked(&ev))/>
            {children()}
        </label>
    }
}

/// A thinking level's name on the form.
fn thinking_label(i18n: super::i18n::I18n, level: ThinkingLevel) -> String {
    match level {
        ThinkingLevel::Minimal => t_string!(i18n, options.thinking_minimal),
        ThinkingLevel::High => t_string!(i18n, options.thinking_high),
    }
    .to_string()
}

/// The user's prompts of a conversation, oldest first.
fn thread_prompts(turns: &[crate::protocol::Turn]) -> Vec<String> {
    turns
        .iter()
        .filter(|t| t.role == crate::protocol::Role::User)
        .filter_map(|t| {
            t.parts.iter().find_map(|p| match &p.data {
                crate::protocol::PartData::Text(text) => Some(text.clone()),
                _ => None,
            })
        })
        .collect()
}
