//! The prompt and the options that follow the chosen model.

use super::actions;
use super::state::use_state;
use crate::protocol::ImageSize;
use crate::studio::Settings;
use leptos::prelude::*;

/// Prompt, generation options, and the Generate / Cancel buttons.
#[component]
pub fn Options() -> impl IntoView {
    let state = use_state();
    let settings = state.settings;
    let caps = Memo::new(move |_| settings.with(Settings::capabilities));
    let pick = move |f: fn(&mut Settings, String)| {
        Callback::new(move |v: String| settings.update(|s| f(s, v)))
    };
    let flag = move |get: fn(&Settings) -> bool| Signal::derive(move || settings.with(get));
    let checked = move |f: fn(&mut Settings, bool)| {
        Callback::new(move |v: bool| {
            settings.update(|s| {
                f(s, v);
                s.fit_to_model();
            })
        })
    };
    let elapsed = move || {
        state.running.with(|r| {
            r.as_ref().map(|r| {
                format!(
                    "{:.1} s",
                    ((state.now_ms.get() - r.started_ms) / 1000.0).max(0.0)
                )
            })
        })
    };

    view! {
        <fieldset class="panel">
            <legend>"Prompt"</legend>
            <Show when=move || state.editing.with(Option::is_some)>
                <div class="editing" data-testid="editing">
                    <p>"Continuing an edit. The model sees the whole thread:"</p>
                    <ol class="thread">
                        {move || state.editing.with(|c| c.as_ref().map(|c| thread_prompts(c)).unwrap_or_default())
                            .into_iter()
                            .map(|p| view! { <li>{p}</li> })
                            .collect_view()}
                    </ol>
                    <button class="secondary" data-testid="stop-editing" on:click=move |_| state.editing.set(None)>
                        "Start a new image instead"
                    </button>
                </div>
            </Show>
            <textarea
                data-testid="prompt"
                rows="5"
                placeholder="Describe the image, or what to change in the references…"
                prop:value=move || state.prompt.get()
                on:input=move |ev| state.prompt.set(event_target_value(&ev))
            ></textarea>
            <Toggle label="Batch: one prompt per line" testid="batch"
                value=flag(|s| s.batch) set=checked(|s, v| s.batch = v)/>
            <div class="grid">
                <Choice label="Aspect ratio" testid="aspect-ratio"
                    choices=Signal::derive(move || {
                        let mut c = vec![(String::new(), "Auto".to_string())];
                        c.extend(caps.get().aspect_ratios.iter().map(|r| (r.to_string(), r.to_string())));
                        c
                    })
                    value=Signal::derive(move || settings.with(|s| s.aspect_ratio.clone()))
                    pick=pick(|s, v| s.aspect_ratio = v)/>
                <Show when=move || !caps.with(|c| c.image_sizes.is_empty())>
                    <Choice label="Image size" testid="image-size"
                        choices=Signal::derive(move || {
                            let mut c = vec![(String::new(), "Default (1K)".to_string())];
                            c.extend(caps.get().image_sizes.iter().map(|s| {
                                let label = if *s == ImageSize::S512 { "512 px" } else { s.native() };
                                (s.native().to_string(), label.to_string())
                            }));
                            c
                        })
                        value=Signal::derive(move || settings.with(|s| s.image_size.clone()))
                        pick=pick(|s, v| s.image_size = v)/>
                </Show>
                <Choice label="Images" testid="count"
                    choices=Signal::derive(move || (1..=caps.get().max_count).map(|n| (n.to_string(), n.to_string())).collect())
                    value=Signal::derive(move || settings.with(|s| s.count.to_string()))
                    pick=pick(|s, v| s.count = v.parse().unwrap_or(1))/>
                <Show when=move || !caps.with(|c| c.thinking_levels.is_empty())>
                    <Choice label="Thinking" testid="thinking"
                        choices=Signal::derive(move || {
                            let mut c = vec![(String::new(), "Model default".to_string())];
                            c.extend(caps.get().thinking_levels.iter().map(|l| (l.wire().to_string(), l.wire().to_lowercase())));
                            c
                        })
                        value=Signal::derive(move || settings.with(|s| s.thinking.clone()))
                        pick=pick(|s, v| s.thinking = v)/>
                </Show>
                <Show when=move || caps.with(|c| c.native_options)>
                    <Choice label="Output" testid="output"
                        choices=Signal::derive(|| vec![
                            ("text-image".to_string(), "Image and caption".to_string()),
                            ("image".to_string(), "Image only".to_string()),
                        ])
                        value=Signal::derive(move || if settings.with(|s| s.image_only) { "image".into() } else { "text-image".into() })
                        pick=pick(|s, v| s.image_only = v == "image")/>
                </Show>
            </div>
            <div class="row wrap">
                <Show when=move || caps.with(|c| c.thoughts)>
                    <Toggle label="Show drafts while thinking" testid="include-thoughts"
                        title="Streams the answer and shows the model's interim drafts while it works"
                        value=flag(|s| s.include_thoughts) set=checked(|s, v| s.include_thoughts = v)/>
                </Show>
                <Show when=move || caps.with(|c| c.web_search)>
                    <Toggle label="Web search grounding" testid="web-search"
                        value=flag(|s| s.web_search) set=checked(|s, v| s.web_search = v)/>
                </Show>
                <Show when=move || caps.with(|c| c.image_search)>
                    <Toggle label="Image search grounding" testid="image-search"
                        value=flag(|s| s.image_search)
                        set=checked(|s, v| { s.image_search = v; if v { s.web_search = true; } })/>
                </Show>
            </div>
            <Show when=move || caps.with(|c| c.native_options)>
                <details class="more">
                    <summary>"System instruction"</summary>
                    <textarea data-testid="system" rows="3"
                        prop:value=move || settings.with(|s| s.system_instruction.clone())
                        on:change=move |ev| settings.update(|s| s.system_instruction = event_target_value(&ev))></textarea>
                </details>
            </Show>
            <div class="row actions">
                <button
                    class="primary"
                    data-testid="generate"
                    disabled=move || state.running.with(Option::is_some)
                    on:click=move |_| actions::generate(state)
                    title="Ctrl/Cmd + Enter"
                >
                    "Generate"
                </button>
                <Show when=move || state.running.with(Option::is_some)>
                    <button class="secondary" data-testid="cancel" on:click=move |_| actions::cancel(state)>"Cancel"</button>
                    <span class="elapsed" data-testid="elapsed">{elapsed}</span>
                    <span class="hint">{move || state.running.with(|r| r.as_ref().map(|r| format!("waiting for {}", r.host)))}</span>
                </Show>
                {move || state.running.with(|r| r.as_ref().and_then(|r| r.preview.clone())).map(|p| view! {
                    <figure class="preview" data-testid="preview">
                        <img src=p.url().to_string() alt="Draft the model made while thinking"/>
                        <figcaption>"Draft while the model thinks"</figcaption>
                    </figure>
                })}
                {move || state.running.with(|r| r.as_ref().and_then(|r| r.retry.clone())).map(|w| {
                    let left = ((w.until_ms - state.now_ms.get()) / 1000.0).ceil().max(0.0);
                    view! {
                        <p class="retry" data-testid="retry-note" role="status">
                            {format!("{}. Trying again in {left:.0} s (retry {} of {}).", w.reason, w.retry, w.of)}
                        </p>
                    }
                })}
                <Show when=move || state.running.with(|r| r.as_ref().is_some_and(|r| r.progress.is_some()))>
                    <progress
                        data-testid="progress"
                        max="100"
                        prop:value=move || state.running.with(|r| r.as_ref().and_then(|r| r.progress).unwrap_or(0) as f64)
                    ></progress>
                </Show>
            </div>
        </fieldset>
    }
}

/// A labelled `<select>` whose options are `(value, label)` pairs; `pick` receives the chosen value.
#[component]
pub(super) fn Choice(
    label: &'static str,
    testid: &'static str,
    choices: Signal<Vec<(String, String)>>,
    value: Signal<String>,
    pick: Callback<String>,
) -> impl IntoView {
    view! {
        <label>
            {label}
            <select data-testid=testid on:change=move |ev| pick.run(event_target_value(&ev)) prop:value=value>
                {move || choices.get().into_iter().map(|(v, l)| {
                    let selected = v.clone();
                    view! { <option value=v selected=move || value.with(|x| *x == selected)>{l}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// A labelled checkbox showing `value`; `set` receives the new state.
#[component]
fn Toggle(
    label: &'static str,
    testid: &'static str,
    value: Signal<bool>,
    set: Callback<bool>,
    #[prop(optional)] title: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label class="check" title=title>
            <input type="checkbox" data-testid=testid
                prop:checked=value
                on:change=move |ev| set.run(event_target_checked(&ev))/>
            {label}
        </label>
    }
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
