//! Result cards: the image, its caption as plain text, usage, sources, and what to do with it.

use super::actions;
use super::references;
use super::state::{use_state, ResultItem};
use crate::browser::visible::WhenVisible;
use crate::studio::history::matches_words;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashSet;

/// The results, newest first, with search, selection, compare and delete.
#[component]
pub fn Results() -> impl IntoView {
    let state = use_state();
    let selected = RwSignal::new(HashSet::<u64>::new());
    let comparing = RwSignal::new(false);
    let search = RwSignal::new(String::new());
    provide_context(Selection(selected));
    // The search covers the whole history: matches not loaded yet are read in (after a short pause in
    // typing).
    let typed = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    Effect::new(move |_| {
        let q = search.get();
        typed.set_value(Some(gloo_timers::callback::Timeout::new(250, move || {
            super::history::search(state, q)
        })));
    });
    let shown = move || {
        let q = search.get();
        state.results.with(|r| {
            r.iter()
                .filter(|i| matches_words(&i.prompt, &i.caption, &q))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let picked = move || {
        let sel = selected.get();
        state.results.with(|r| {
            r.iter()
                .filter(|i| sel.contains(&i.id))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let count = move || selected.with(HashSet::len);
    view! {
        <div class="toolbar row wrap">
            <input type="search" data-testid="history-search" placeholder="Search prompts and captions"
                aria-label="Search prompts and captions"
                prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
            <span class="meta" data-testid="storage-note">{move || state.storage_note.get()}</span>
            <button class="secondary" data-testid="export"
                title="Download the selected images, or all of them, with their prompts and settings"
                on:click=move |_| {
                    let sel = selected.get_untracked();
                    let ids: Vec<String> = state.results.with_untracked(|r| {
                        r.iter().filter(|i| sel.contains(&i.id)).filter_map(|i| i.entry_id.clone()).collect()
                    });
                    super::history::export(state, (!sel.is_empty()).then_some(ids));
                }>
                {move || if count() > 0 { "Export selected (ZIP)" } else { "Export all (ZIP)" }}
            </button>
            <label class="button secondary import">
                "Import ZIP"
                <input type="file" accept=".zip,application/zip" data-testid="import" class="visually-hidden"
                    on:change=move |ev| {
                        use wasm_bindgen::JsCast;
                        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
                        if let Some(f) = crate::browser::file::files(input.files()).into_iter().next() {
                            super::history::import(state, f);
                        }
                        input.set_value("");
                    }/>
            </label>
            <Show when=move || { count() > 0 }>
                <span class="meta" data-testid="selected-count">{move || format!("{} selected", count())}</span>
                <button class="secondary" data-testid="compare" disabled=move || { count() < 2 }
                    on:click=move |_| {
                        // Saved results are compared at full size, not as thumbnails.
                        for id in selected.get_untracked() {
                            spawn_local(async move { super::history::load_full(state, id).await; });
                        }
                        comparing.set(true);
                    }>"Compare side by side"</button>
                <button class="secondary" data-testid="delete-selected"
                    on:click=move |_| {
                        for id in selected.get_untracked() {
                            super::history::delete(state, id);
                        }
                        selected.set(HashSet::new());
                    }>"Delete selected"</button>
                <button class="link" data-testid="clear-selection" on:click=move |_| selected.set(HashSet::new())>"Clear selection"</button>
            </Show>
        </div>
        <Show when=move || { comparing.get() && count() >= 2 }>
            <section class="compare" data-testid="compare-view" aria-label="Comparison">
                <div class=move || format!("compare-grid cols-{}", count().min(4))>
                    {move || picked().into_iter().map(|i| view! {
                        <figure>
                            <img src=i.shown_url() alt=i.file_name.clone()/>
                            <figcaption><strong>{i.prompt.clone()}</strong><br/>{i.model.clone()}</figcaption>
                        </figure>
                    }).collect_view()}
                </div>
                <button class="secondary" data-testid="close-compare" on:click=move |_| comparing.set(false)>"Close comparison"</button>
            </section>
        </Show>
        <div class="results">
            <Show when=move || state.results.with(Vec::is_empty)>
                <p class="empty">"Your images appear here."</p>
            </Show>
            <For
                each=shown
                // A saved result's card is drawn again once its full image is read.
                key=|r| (r.id, r.full.is_some())
                children=move |item| view! { <ResultCard item/> }
            />
        </div>
        <Show when=move || state.more_history.get()>
            <MoreHistory/>
        </Show>
    }
}

/// The selected results, shared with the cards.
#[derive(Clone, Copy)]
struct Selection(RwSignal<HashSet<u64>>);

/// The "Show older images" button, pressed by itself when it scrolls into view.
#[component]
fn MoreHistory() -> impl IntoView {
    let state = use_state();
    let button = NodeRef::<leptos::html::Button>::new();
    let watcher = StoredValue::new_local(None::<WhenVisible>);
    Effect::new(move |_| {
        if let Some(el) = button.get() {
            watcher.set_value(WhenVisible::new(&el, 600, move || {
                super::history::load_older(state)
            }));
        }
    });
    on_cleanup(move || watcher.set_value(None));
    view! {
        <button class="secondary more" data-testid="load-older" node_ref=button
            on:click=move |_| super::history::load_older(state)>"Show older images"</button>
    }
}

#[component]
fn ResultCard(item: ResultItem) -> impl IntoView {
    let state = use_state();
    let shown = item.shown_url();
    let full = item.full.clone();
    let is_thumb = full.is_none();
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
    // Width and height attributes keep the layout still while lazily loaded images arrive.
    let (img_w, img_h) = match (item.dims, is_thumb) {
        (Some((w, h)), true) => {
            let (w, h) = crate::studio::thumbnail::fit(w, h);
            (Some(w), Some(h))
        }
        (Some((w, h)), false) => (Some(w), Some(h)),
        (None, _) => (None, None),
    };
    let dims = item
        .dims
        .map(|(w, h)| format!("{w}×{h} · "))
        .unwrap_or_default();
    let meta = format!(
        "{dims}{} · {:.1} s · {}",
        item.kind.name(),
        item.seconds,
        item.model
    );
    let id = item.id;
    let for_reference = item.clone();
    let for_reuse = item.clone();
    let for_edit = item.clone();
    let can_edit = item.can_continue();
    let name = item.file_name.clone();
    let Selection(selected) = expect_context::<Selection>();
    // A saved result shows its thumbnail; opening or downloading reads the full image first.
    let open_saved = move |download: Option<String>| {
        spawn_local(async move {
            if let Some(full) = super::history::load_full(state, id).await {
                match &download {
                    Some(name) => super::history::download(&full.url, name),
                    None => open_in_tab(full.url.url()),
                }
            }
        })
    };
    let name_for_download = name.clone();
    let actions = match full {
        Some(f) => view! {
            <a class="button" data-testid="download" href=f.url.url().to_string() download=name.clone()>"Download"</a>
            <a class="button secondary" data-testid="open" href=f.url.url().to_string() target="_blank" rel="noopener">"Open full size"</a>
        }
        .into_any(),
        None => view! {
            <button data-testid="download"
                on:click=move |_| open_saved(Some(name_for_download.clone()))>"Download"</button>
            <button class="secondary" data-testid="open" on:click=move |_| open_saved(None)>"Open full size"</button>
        }
        .into_any(),
    };
    view! {
        <article class="result" class:saved=is_thumb>
            <label class="check select">
                <input type="checkbox" data-testid="select-result"
                    prop:checked=move || selected.with(|s| s.contains(&id))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                    }/>
                "Select"
            </label>
            <img data-testid="result-image" class:thumb=is_thumb src=shown loading=if is_thumb { "lazy" } else { "eager" } width=img_w height=img_h
                alt=format!("Generated image {name}")
                title=if is_thumb { "Thumbnail: Open full size shows the image itself" } else { "" }/>
            <Show when={let c = item.caption.clone(); move || !c.is_empty()}>
                <p class="caption" data-testid="result-caption">{item.caption.clone()}</p>
            </Show>
            <p class="prompt" data-testid="result-prompt">{item.prompt.clone()}</p>
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
                {actions}
                <button class="secondary" data-testid="use-as-reference"
                    on:click=move |_| references::use_as_reference(state, &for_reference)>"Use as reference"</button>
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

/// Opens a `blob:` URL in a new tab (the browser may block it; the card then has the link itself).
fn open_in_tab(url: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.open_with_url_and_target(url, "_blank");
    }
}
