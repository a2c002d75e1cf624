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
    let set = move |f: fn(&mut Settings, String)| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            settings.update(|s| f(s, v));
        }
    };
    let checked = move |f: fn(&mut Settings, bool)| {
        move |ev: leptos::ev::Event| {
            let v = event_target_checked(&ev);
            settings.update(|s| {
                f(s, v);
                s.fit_to_model();
            });
        }
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
            <textarea
                data-testid="prompt"
                rows="5"
                placeholder="Describe the image, or what to change in the references…"
                prop:value=move || state.prompt.get()
                on:input=move |ev| state.prompt.set(event_target_value(&ev))
            ></textarea>
            <div class="grid">
                <label>
                    "Aspect ratio"
                    <select data-testid="aspect-ratio" on:change=set(|s, v| s.aspect_ratio = v)
                        prop:value=move || settings.with(|s| s.aspect_ratio.clone())>
                        <option value="">"Auto"</option>
                        {move || caps.get().aspect_ratios.iter().map(|r| {
                            let r = *r;
                            view! { <option value=r selected=move || settings.with(|s| s.aspect_ratio == r)>{r}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <Show when=move || !caps.with(|c| c.image_sizes.is_empty())>
                    <label>
                        "Image size"
                        <select data-testid="image-size" on:change=set(|s, v| s.image_size = v)
                            prop:value=move || settings.with(|s| s.image_size.clone())>
                            <option value="">"Default (1K)"</option>
                            {move || caps.get().image_sizes.iter().map(|size| {
                                let v = size.native();
                                let label = if *size == ImageSize::S512 { "512 px" } else { v };
                                view! { <option value=v selected=move || settings.with(|s| s.image_size == v)>{label}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                </Show>
                <label>
                    "Images"
                    <select data-testid="count" on:change=set(|s, v| s.count = v.parse().unwrap_or(1))
                        prop:value=move || settings.with(|s| s.count.to_string())>
                        {move || (1..=caps.get().max_count).map(|n| {
                            view! { <option value=n.to_string() selected=move || settings.with(|s| s.count == n)>{n}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <Show when=move || !caps.with(|c| c.thinking_levels.is_empty())>
                    <label>
                        "Thinking"
                        <select data-testid="thinking" on:change=set(|s, v| s.thinking = v)
                            prop:value=move || settings.with(|s| s.thinking.clone())>
                            <option value="">"Model default"</option>
                            {move || caps.get().thinking_levels.iter().map(|l| {
                                let v = l.wire();
                                view! { <option value=v selected=move || settings.with(|s| s.thinking == v)>{v.to_lowercase()}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                </Show>
                <Show when=move || caps.with(|c| c.native_options)>
                    <label>
                        "Output"
                        <select data-testid="output" on:change=set(|s, v| s.image_only = v == "image")
                            prop:value=move || if settings.with(|s| s.image_only) { "image" } else { "text-image" }>
                            <option value="text-image">"Image and caption"</option>
                            <option value="image">"Image only"</option>
                        </select>
                    </label>
                </Show>
            </div>
            <div class="row wrap">
                <Show when=move || caps.with(|c| c.web_search)>
                    <label class="check">
                        <input type="checkbox" data-testid="web-search"
                            prop:checked=move || settings.with(|s| s.web_search)
                            on:change=checked(|s, v| s.web_search = v)/>
                        "Web search grounding"
                    </label>
                </Show>
                <Show when=move || caps.with(|c| c.image_search)>
                    <label class="check">
                        <input type="checkbox" data-testid="image-search"
                            prop:checked=move || settings.with(|s| s.image_search)
                            on:change=checked(|s, v| { s.image_search = v; if v { s.web_search = true; } })/>
                        "Image search grounding"
                    </label>
                </Show>
            </div>
            <Show when=move || caps.with(|c| c.native_options)>
                <details class="more">
                    <summary>"System instruction"</summary>
                    <textarea data-testid="system" rows="3"
                        prop:value=move || settings.with(|s| s.system_instruction.clone())
                        on:change=set(|s, v| s.system_instruction = v)></textarea>
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
