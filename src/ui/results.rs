//! Result cards: the image, its caption as plain text, usage, sources, and what to do with it.

use super::actions;
use super::state::{use_state, ResultItem};
use leptos::prelude::*;

/// The results, newest first.
#[component]
pub fn Results() -> impl IntoView {
    let state = use_state();
    view! {
        <p class="meta" data-testid="storage-note">{move || state.storage_note.get()}</p>
        <div class="results">
            <Show when=move || state.results.with(Vec::is_empty)>
                <p class="empty">"Your images appear here."</p>
            </Show>
            <For
                each=move || state.results.get()
                key=|r| r.id
                children=move |item| view! { <ResultCard item/> }
            />
        </div>
    }
}

#[component]
fn ResultCard(item: ResultItem) -> impl IntoView {
    let state = use_state();
    let url = item.url.url().to_string();
    let usage = item.usage.as_ref().map(|u| {
        let mut parts = Vec::new();
        if let Some(t) = u.prompt_token_count {
            parts.push(format!("{t} prompt tokens"));
        }
        if let Some(t) = u.candidates_token_count {
            parts.push(format!("{t} output tokens"));
        }
        if let Some(t) = u.total_token_count {
            parts.push(format!("{t} total"));
        }
        parts.join(" · ")
    });
    let sources = item.grounding.sources.clone();
    let dims = crate::protocol::image::dimensions(&item.image.bytes)
        .map(|(w, h)| format!("{w}×{h} · "))
        .unwrap_or_default();
    let meta = format!(
        "{dims}{} · {:.1} s · {}",
        item.image.kind.name(),
        item.seconds,
        item.model
    );
    let id = item.id;
    let for_reference = item.clone();
    let for_reuse = item.clone();
    let for_edit = item.clone();
    let can_edit = item.conversation.is_some();
    view! {
        <article class="result">
            <a href=url.clone() target="_blank" rel="noopener" title="Open at full size">
                <img data-testid="result-image" src=url.clone() alt=format!("Generated image {}", item.file_name)/>
            </a>
            <Show when={let c = item.caption.clone(); move || !c.is_empty()}>
                <p class="caption" data-testid="result-caption">{item.caption.clone()}</p>
            </Show>
            <p class="meta">{meta}</p>
            {usage.map(|u| view! { <p class="meta" data-testid="result-usage">{u}</p> })}
            {(!sources.is_empty()).then(|| view! {
                <ul class="sources" data-testid="result-sources">
                    {sources.into_iter().map(|s| view! {
                        <li><a href=s.uri target="_blank" rel="noopener noreferrer">{s.title}</a></li>
                    }).collect_view()}
                </ul>
            })}
            <div class="row">
                <a class="button" data-testid="download" href=url.clone() download=item.file_name.clone()>"Download"</a>
                <a class="button secondary" data-testid="open" href=url target="_blank" rel="noopener">"Open full size"</a>
                <button class="secondary" data-testid="use-as-reference"
                    on:click=move |_| actions::use_as_reference(state, &for_reference)>"Use as reference"</button>
                {can_edit.then(|| view! {
                    <button class="secondary" data-testid="continue-editing"
                        on:click=move |_| actions::continue_editing(state, &for_edit)>"Continue editing"</button>
                })}
                <button class="secondary" data-testid="reuse-settings"
                    on:click=move |_| actions::reuse_settings(state, &for_reuse)>"Reuse settings"</button>
                <button class="secondary" data-testid="remove-result"
                    title="Delete from this page and from the history"
                    on:click=move |_| super::history::delete(state, id)>"Delete"</button>
            </div>
        </article>
    }
}
