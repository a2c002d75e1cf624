//! The stage's results: the running job and the results as justified rows of true-ratio cards (the
//! image, what size and shape it came back as, its caption, usage, sources, and what to do with it),
//! with search, selection, compare, ZIP and the lightbox.

use super::i18n::{t, t_string, use_i18n};
use crate::app::ResultItem;
use crate::app::{Annotation, Composer, Generator, History};
use crate::browser::visible::WhenVisible;
use crate::studio::history::matches_words;
use leptos::prelude::*;
use std::collections::HashSet;

/// The results, newest first, with search, selection, compare and delete.
#[component]
pub fn Results() -> impl IntoView {
    let history = expect_context::<History>();
    let i18n = use_i18n();
    let selected = RwSignal::new(HashSet::<u64>::new());
    let comparing = RwSignal::new(false);
    let search = RwSignal::new(String::new());
    provide_context(Selection(selected));
    let viewer = super::lightbox::Viewer::provide();
    // The search covers the whole history: matches not loaded yet are read in (after a short pause in
    // typing).
    let typed = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    Effect::new(move |_| {
        let q = search.get();
        typed.set_value(Some(gloo_timers::callback::Timeout::new(250, move || {
            history.search(q)
        })));
    });
    let shown = move || {
        let q = search.get();
        history.results.with(|r| {
            r.iter()
                .filter(|i| matches_words(&i.prompt, &i.caption, &q))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let picked = move || {
        let sel = selected.get();
        history.results.with(|r| {
            r.iter()
                .filter(|i| sel.contains(&i.id))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let count = move || selected.with(HashSet::len);
    view! {
        <div class="toolbar row wrap">
            <input type="search" data-testid="history-search" placeholder=move || t_string!(i18n, results.search)
                aria-label=move || t_string!(i18n, results.search)
                prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
            <span class="meta" data-testid="storage-note">{move || history.storage_note.with(|n| n.get(i18n.get_locale()))}</span>
            <button class="secondary" data-testid="export"
                title=move || t_string!(i18n, results.export_title)
                on:click=move |_| {
                    let sel = selected.get_untracked();
                    let ids: Vec<String> = history.results.with_untracked(|r| {
                        r.iter().filter(|i| sel.contains(&i.id)).filter_map(|i| i.entry_id.clone()).collect()
                    });
                    history.export((!sel.is_empty()).then_some(ids));
                }>
                {move || if count() > 0 { t_string!(i18n, results.export_selected) } else { t_string!(i18n, results.export_all) }}
            </button>
            <label class="button secondary import">
                {t!(i18n, results.import)}
                <input type="file" accept=".zip,application/zip" data-testid="import" class="visually-hidden"
                    on:change=move |ev| {
                        use wasm_bindgen::JsCast;
                        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
                        if let Some(f) = crate::browser::file::files(input.files()).into_iter().next() {
                            history.import(f);
                        }
                        input.set_value("");
                    }/>
            </label>
            <Show when=move || { count() > 0 }>
                <span class="meta" data-testid="selected-count">{move || t_string!(i18n, results.selected, n = count())}</span>
                <button class="secondary" data-testid="compare" disabled=move || { count() < 2 }
                    on:click=move |_| {
                        // Saved results are compared at full size, not as thumbnails.
                        for id in selected.get_untracked() {
                            history.read_full(id);
                        }
                        comparing.set(true);
                    }>{t!(i18n, results.compare)}</button>
                <button class="secondary" data-testid="delete-selected"
                    on:click=move |_| {
                        for id in selected.get_untracked() {
                            history.delete(id);
                        }
                        selected.set(HashSet::new());
                    }>{t!(i18n, results.delete_selected)}</button>
                <button class="link" data-testid="clear-selection" on:click=move |_| selected.set(HashSet::new())>{t!(i18n, results.clear_selection)}</button>
            </Show>
        </div>
        <Show when=move || { comparing.get() && count() >= 2 }>
            <section class="compare" data-testid="compare-view" aria-label=move || t_string!(i18n, results.comparison)>
                <div class=move || format!("compare-grid cols-{}", count().min(4))>
                    {move || picked().into_iter().map(|i| view! {
                        <figure>
                            <img src=i.shown_url() alt=i.file_name.clone()/>
                            <figcaption><strong>{i.prompt.clone()}</strong><br/>{i.model.clone()}</figcaption>
                        </figure>
                    }).collect_view()}
                </div>
                <button class="secondary" data-testid="close-compare" on:click=move |_| comparing.set(false)>{t!(i18n, results.close_compare)}</button>
            </section>
        </Show>
        <Show when=move || history.results.with(Vec::is_empty)>
            <p class="empty">{t!(i18n, results.empty)}</p>
        </Show>
        <div class="results">
            <super::jobs::JobCard/>
            <For
                each=shown
                // A saved result's card is drawn again once its full image is read.
                key=|r| (r.id, r.full.is_some())
                children=move |item| view! { <ResultCard item/> }
            />
        </div>
        <Show when=move || history.more.get()>
            <MoreHistory/>
        </Show>
        <super::lightbox::Lightbox viewer shown=Signal::derive(shown)/>
    }
}

/// The selected results, shared with the cards.
#[derive(Clone, Copy)]
struct Selection(RwSignal<HashSet<u64>>);

/// The "Show older images" button, pressed by itself when it scrolls into view.
#[component]
fn MoreHistory() -> impl IntoView {
    let history = expect_context::<History>();
    let i18n = use_i18n();
    let button = NodeRef::<leptos::html::Button>::new();
    let watcher = StoredValue::new_local(None::<WhenVisible>);
    Effect::new(move |_| {
        if let Some(el) = button.get() {
            watcher.set_value(WhenVisible::new(&el, 600, move || history.load_older()));
        }
    });
    on_cleanup(move || watcher.set_value(None));
    view! {
        <button class="secondary more" data-testid="load-older" node_ref=button
            on:click=move |_| history.load_older()>{t!(i18n, results.older)}</button>
    }
}

#[component]
fn ResultCard(item: ResultItem) -> impl IntoView {
    let composer = expect_context::<Composer>();
    let history = expect_context::<History>();
    let generator = expect_context::<Generator>();
    let annotation = expect_context::<Annotation>();
    let i18n = use_i18n();
    let shown = item.shown_url();
    let full = item.full.clone();
    let is_thumb = full.is_none();
    let cost_item = item.clone();
    let usage = item.usage.clone().map(|u| {
        move || {
            let mut parts = Vec::new();
            if let Some(n) = u.prompt_token_count {
                parts.push(t_string!(i18n, results.prompt_tokens, n).to_string());
            }
            if let Some(n) = u.candidates_token_count {
                parts.push(t_string!(i18n, results.output_tokens, n).to_string());
            }
            if let Some(n) = u.total_token_count {
                parts.push(t_string!(i18n, results.total_tokens, n).to_string());
            }
            parts.join(" · ")
        }
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
    let (kind, seconds, model) = (
        item.kind.name(),
        crate::protocol::format::fixed(item.seconds, 1),
        item.model.clone(),
    );
    let meta = move || {
        let s = t_string!(i18n, units.seconds, s = &seconds);
        format!("{kind} · {s} · {model}")
    };
    let viewer = expect_context::<super::lightbox::Viewer>();
    let size_item = item.clone();
    let compared_item = item.clone();
    let in_comparison = item.compared.is_some();
    let ratio = item
        .dims
        .map_or(1.0, |(w, h)| f64::from(w) / f64::from(h.max(1)));
    let id = item.id;
    let for_reference = item.clone();
    let for_reuse = item.clone();
    let for_edit = item.clone();
    let can_edit = item.can_continue();
    let name = item.file_name.clone();
    let Selection(selected) = expect_context::<Selection>();
    // A saved result shows its thumbnail; opening or downloading reads the full image first.
    let open_saved = move |download: Option<String>| {
        history.with_full(id, move |full| match &download {
            Some(name) => crate::app::history::download(&full.url, name),
            None => open_in_tab(full.url.url()),
        })
    };
    let name_for_download = name.clone();
    let actions = match full {
        Some(f) => view! {
            <a class="button" data-testid="download" href=f.url.url().to_string() download=name.clone()>{t!(i18n, results.download)}</a>
            <a class="button secondary" data-testid="open" href=f.url.url().to_string() target="_blank" rel="noopener">{t!(i18n, results.open)}</a>
        }
        .into_any(),
        None => view! {
            <button data-testid="download"
                on:click=move |_| open_saved(Some(name_for_download.clone()))>{t!(i18n, results.download)}</button>
            <button class="secondary" data-testid="open" on:click=move |_| open_saved(None)>{t!(i18n, results.open)}</button>
        }
        .into_any(),
    };
    view! {
        <article class="result" class:saved=is_thumb class:in-comparison=in_comparison data-testid="result-card" style:--r=ratio.to_string()>
            <button class="frame" data-testid="open-lightbox"
                aria-label=move || t_string!(i18n, results.view_large)
                on:click=move |_| viewer.open(id)>
                <img data-testid="result-image" class:thumb=is_thumb src=shown width=img_w height=img_h
                    alt=move || t_string!(i18n, results.image_alt, name = &name)
                    title=move || if is_thumb { t_string!(i18n, results.thumb_title) } else { "" }/>
            </button>
            <div class="body-text">
            <label class="check select">
                <input type="checkbox" data-testid="select-result"
                    prop:checked=move || selected.with(|s| s.contains(&id))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                    }/>
                {t!(i18n, results.select)}
            </label>
            <Show when={let c = item.caption.clone(); move || !c.is_empty()}>
                <p class="caption" data-testid="result-caption">{item.caption.clone()}</p>
            </Show>
            <super::compared::ComparedLabel item=compared_item/>
            <p class="prompt" data-testid="result-prompt">{item.prompt.clone()}</p>
            <super::size_line::SizeLine item=size_item/>
            <p class="meta" data-testid="result-meta">{meta}</p>
            {usage.map(|u| view! { <p class="meta" data-testid="result-usage">{u}</p> })}
            <super::cost::ResultCost item=cost_item/>
            {(!sources.is_empty()).then(|| view! {
                <ul class="sources" data-testid="result-sources">
                    {sources.into_iter().map(|s| view! {
                        <li><a href=s.uri target="_blank" rel="noopener noreferrer">{s.title}</a></li>
                    }).collect_view()}
                </ul>
            })}
            <div class="row">
                {actions}
                {crate::app::history::can_copy().then(|| view! {
                    <button class="secondary" data-testid="copy-image"
                        title=move || t_string!(i18n, results.copy_title)
                        on:click=move |_| history.copy(id)>{t!(i18n, results.copy)}</button>
                })}
                <button class="secondary" data-testid="use-as-reference"
                    on:click=move |_| composer.use_as_reference(history, &for_reference)>{t!(i18n, results.use_as_reference)}</button>
                <button class="secondary" data-testid="annotate"
                    title=move || t_string!(i18n, annotate.open_title)
                    on:click=move |_| annotation.open_result(id)>{t!(i18n, annotate.open)}</button>
                {can_edit.then(|| view! {
                    <button class="secondary" data-testid="continue-editing"
                        on:click=move |_| generator.continue_editing(&for_edit)>{t!(i18n, results.continue_editing)}</button>
                })}
                <button class="secondary" data-testid="reuse-settings"
                    on:click=move |_| generator.reuse_settings(&for_reuse)>{t!(i18n, results.reuse_settings)}</button>
                <button class="secondary" data-testid="remove-result"
                    title=move || t_string!(i18n, results.delete_title)
                    on:click=move |_| history.delete(id)>{t!(i18n, results.delete)}</button>
            </div>
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
