//! The stage's gallery: the running job and the results as justified rows of images (equal heights in
//! a row, true ratios, boxes reserved before the pixels arrive), a quiet toolbar (search, Select, and a
//! menu with export, import and the storage figures), selection as a mode (click, Space, Shift-click
//! for a range; compare, export, delete), and the lightbox.

use super::collections::{CollectionBar, CollectionList, CollectionPicker, Picker};
use super::favourite::Star;
use super::filter::{FilterButton, FilterCount, FilterPanel};
use super::i18n::{t, t_string, use_i18n};
use super::icons::{self, icon};
use super::selection::Selection;
use super::tile::{Size, Tile};
use crate::app::{Generator, History, Prefs, ResultItem};
use crate::browser::hash;
use crate::browser::visible::WhenVisible;
use crate::browser::width::WhenResized;
use crate::studio::gallery::{self, Frame};
use crate::studio::library::Filter;
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};

/// The gap between tiles, across and down (CSS pixels; `.results` in the stylesheet has the same).
const GAP: f64 = 6.0;

/// The job's place in the layout (no result has this id).
const JOB: u64 = u64::MAX;

/// The results, newest first, with search, selection, compare and delete.
#[component]
pub fn Results() -> impl IntoView {
    let history = expect_context::<History>();
    let generator = expect_context::<Generator>();
    let prefs = expect_context::<Prefs>();
    let i18n = use_i18n();
    let shell = expect_context::<super::shell::Shell>();
    let comparing = RwSignal::new(false);
    let menu = RwSignal::new(false);
    let filtering = history.filter_open;
    let ledger = RwSignal::new(false);
    let filter = history.filter;
    let picker = Picker::provide();
    // On the studio's own page the filter lives in the URL's hash: a reload or a bookmark comes back
    // to it.
    if !shell.embedded {
        let from_hash = Filter::from_hash(&hash::read());
        if from_hash.narrows() {
            filtering.set(true);
        }
        filter.set(from_hash);
        // A bookmark or Back that changes only the hash comes back to its filter too.
        let listener = window_event_listener(leptos::ev::hashchange, move |_| {
            let from_hash = Filter::from_hash(&hash::read());
            if filter.with_untracked(|f| *f != from_hash) {
                filter.set(from_hash);
            }
        });
        on_cleanup(move || listener.remove());
    }
    // The search and the filter cover the whole history: matches not loaded yet are read in (after a
    // short pause in typing), and counted.
    let typed = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    Effect::new(move |before: Option<String>| {
        let f = filter.get();
        if !shell.embedded {
            hash::replace(&f.to_hash());
        }
        // A pause only after typing; a field picked applies at once.
        let pause = if before.as_deref().is_some_and(|w| *w != f.words) {
            250
        } else {
            0
        };
        let words = f.words.clone();
        typed.set_value(Some(gloo_timers::callback::Timeout::new(
            pause,
            move || history.find(f),
        )));
        words
    });
    // The count follows saves, deletes and stars while a filter is on.
    Effect::new(move |first: Option<()>| {
        history.changed.track();
        if first.is_some() && !filter.with_untracked(Filter::is_empty) {
            history.find(filter.get_untracked());
        }
    });
    let shown = Signal::derive(move || {
        filter.with(|f| {
            history.results.with(|r| {
                r.iter()
                    .filter(|i| History::passes(f, i))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    let unsaved =
        Signal::derive(move || shown.with(|s| s.iter().filter(|i| i.entry_id.is_none()).count()));
    let selection = Selection::provide(Signal::derive(move || {
        shown.with(|s| s.iter().map(|i| i.id).collect())
    }));
    let viewer = super::lightbox::Viewer::provide();
    let picked = move || {
        let sel = selection.ids.get();
        history.results.with(|r| {
            r.iter()
                .filter(|i| sel.contains(&i.id))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let count = move || selection.ids.with(HashSet::len);
    // The gallery is laid out to the stage's measured width.
    let gallery = NodeRef::<leptos::html::Div>::new();
    let width = RwSignal::new(0.0_f64);
    let watcher = StoredValue::new_local(None::<WhenResized>);
    Effect::new(move |_| {
        if let Some(el) = gallery.get() {
            watcher.set_value(WhenResized::new(&el, move |w| {
                if (w - width.get_untracked()).abs() >= 0.5 {
                    width.set(w);
                }
            }));
        }
    });
    on_cleanup(move || watcher.set_value(None));
    let layout = Memo::new(move |_| {
        let w = width.get();
        if w <= 0.0 {
            return HashMap::new();
        }
        let job = generator.running.with(Option::is_some).then(|| {
            prefs
                .settings
                .with(|s| super::jobs::asked_ratio(&s.aspect_ratio))
        });
        let (ids, ratios): (Vec<u64>, Vec<f64>) = shown.with(|s| {
            job.map(|r| (JOB, r))
                .into_iter()
                .chain(s.iter().map(|i| {
                    (
                        i.id,
                        i.dims
                            .map_or(1.0, |(w, h)| f64::from(w) / f64::from(h.max(1))),
                    )
                }))
                .unzip()
        });
        let tiles = gallery::justify(&ratios, Frame { width: w, gap: GAP });
        ids.into_iter()
            .zip(tiles)
            .map(|(id, t)| (id, (t.width, t.height)))
            .collect::<HashMap<_, _>>()
    });
    let size_of =
        move |id: u64| -> Size { Signal::derive(move || layout.with(|l| l.get(&id).copied())) };
    let export_selected = move || {
        let sel = selection.ids.get_untracked();
        let ids: Vec<String> = history.results.with_untracked(|r| {
            r.iter()
                .filter(|i| sel.contains(&i.id))
                .filter_map(|i| i.entry_id.clone())
                .collect()
        });
        history.export(Some(ids));
    };
    let menu_wrap = NodeRef::<leptos::html::Div>::new();
    let on_menu_focus_out = move |e: leptos::ev::FocusEvent| {
        if super::menu::focus_left(menu_wrap.get_untracked(), &e) {
            menu.set(false);
        }
    };
    view! {
        <div class="toolbar">
            <input type="search" data-testid="history-search" placeholder=move || t_string!(i18n, results.search)
                aria-label=move || t_string!(i18n, results.search)
                prop:value=move || filter.with(|f| f.words.clone())
                on:input=move |ev| filter.update(|f| f.words = event_target_value(&ev))/>
            <FilterButton open=filtering/>
            <FilterCount unsaved/>
            <Show when=move || !selection.on.get()>
                <button class="secondary" data-testid="select-mode"
                    title=move || t_string!(i18n, results.select_title)
                    on:click=move |_| selection.on.set(true)>
                    {icon(icons::SELECT)}{t!(i18n, results.select)}
                </button>
            </Show>
            <div class="menu-wrap" node_ref=menu_wrap on:focusout=on_menu_focus_out
                on:keydown=move |e| if e.key() == "Escape" { menu.set(false); }>
                <button class="secondary icon-button" data-testid="history-menu"
                    aria-haspopup="true" aria-expanded=move || menu.get().to_string()
                    aria-label=move || t_string!(i18n, results.history_menu) title=move || t_string!(i18n, results.history_menu)
                    on:click=move |_| menu.update(|m| *m = !*m)>
                    {icon(icons::MORE)}
                </button>
                <div class="menu toolbar-menu" hidden=move || !menu.get() on:mousedown=super::menu::keep_focus>
                    <p class="meta" data-testid="storage-note">{move || history.storage_note.with(|n| n.get(i18n.get_locale()))}</p>
                    <button class="item" data-testid="open-ledger"
                        on:click=move |_| { menu.set(false); ledger.set(true); }>
                        {icon(icons::LEDGER)}{t!(i18n, ledger.open)}
                    </button>
                    <CollectionList menu/>
                    <button class="item" data-testid="export"
                        title=move || t_string!(i18n, results.export_title)
                        on:click=move |_| { menu.set(false); history.export(None); }>
                        {icon(icons::DOWNLOAD)}{t!(i18n, results.export_all)}
                    </button>
                    <label class="item import">
                        {icon(icons::UPLOAD)}{t!(i18n, results.import)}
                        <input type="file" accept=".zip,application/zip" data-testid="import" class="visually-hidden"
                            on:change=move |ev| {
                                use wasm_bindgen::JsCast;
                                let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
                                if let Some(f) = crate::browser::file::files(input.files()).into_iter().next() {
                                    history.import(f);
                                }
                                input.set_value("");
                                menu.set(false);
                            }/>
                    </label>
                </div>
            </div>
        </div>
        <FilterPanel open=filtering/>
        <CollectionBar/>
        <CollectionPicker picker/>
        <Show when=move || ledger.get()>
            <super::ledger::LedgerView open=ledger/>
        </Show>
        <Show when=move || selection.on.get()>
            <div class="selection-bar" role="toolbar" data-testid="selection-bar"
                aria-label=move || t_string!(i18n, results.selection)>
                <span data-testid="selected-count" role="status">{move || t_string!(i18n, results.selected, n = count())}</span>
                <button class="secondary" data-testid="compare" disabled=move || { count() < 2 }
                    on:click=move |_| {
                        // Saved results are compared at full size, not as thumbnails.
                        for id in selection.ids.get_untracked() {
                            history.read_full(id);
                        }
                        comparing.set(true);
                    }>{icon(icons::COMPARE)}{t!(i18n, results.compare)}</button>
                <Star ids=Signal::derive(move || selection.ids.with(|s| s.iter().copied().collect::<Vec<_>>())) labelled=true/>
                <button class="secondary" data-testid="add-to-collection" disabled=move || count() == 0
                    title=move || t_string!(i18n, collections.add_title)
                    on:click=move |_| picker.open(selection.ids.get_untracked().into_iter().collect())>
                    {icon(icons::COLLECTION_ADD)}{t!(i18n, collections.add)}
                </button>
                {move || filter.with(|f| f.collection.clone()).map(|c| view! {
                    <button class="secondary" data-testid="remove-from-collection" disabled=move || count() == 0
                        on:click=move |_| {
                            let ids: Vec<u64> = selection.ids.get_untracked().into_iter().collect();
                            history.remove_from_collection(&ids, &c);
                        }>
                        {icon(icons::COLLECTION_REMOVE)}{t!(i18n, collections.remove)}
                    </button>
                })}
                <button class="secondary" data-testid="export-selected" disabled=move || count() == 0
                    title=move || t_string!(i18n, results.export_title)
                    on:click=move |_| export_selected()>{icon(icons::DOWNLOAD)}{t!(i18n, results.export_selected)}</button>
                <button class="secondary danger" data-testid="delete-selected" disabled=move || count() == 0
                    on:click=move |_| {
                        for id in selection.ids.get_untracked() {
                            history.delete(id);
                        }
                        selection.ids.set(HashSet::new());
                    }>{icon(icons::DELETE)}{t!(i18n, results.delete_selected)}</button>
                <button class="secondary" data-testid="clear-selection"
                    on:click=move |_| selection.cancel()>{t!(i18n, results.cancel_selection)}</button>
            </div>
        </Show>
        <Show when=move || { comparing.get() && count() >= 2 }>
            <CompareView picked=Signal::derive(picked) close=Callback::new(move |()| comparing.set(false))/>
        </Show>
        <Show when=move || history.results.with(Vec::is_empty)>
            <p class="empty">{t!(i18n, results.empty)}</p>
        </Show>
        <Show when=move || { !history.results.with(Vec::is_empty) && shown.with(Vec::is_empty) && !filter.with(Filter::is_empty) }>
            <p class="empty" data-testid="filter-none">{t!(i18n, filter.none)}</p>
        </Show>
        <div class="results" class:selecting=move || selection.on.get() node_ref=gallery>
            <super::jobs::JobCard size=size_of(JOB)/>
            <For
                each=move || shown.get()
                // A saved result's tile is drawn again once its full image is read.
                key=|r| (r.id, r.full.is_some())
                children=move |item| { let size = size_of(item.id); view! { <Tile item size/> } }
            />
        </div>
        // While filtering, "older" reads in the filter's next matches, not the next page of all.
        <Show when=move || if filter.with(Filter::is_empty) { history.more.get() } else { history.more_found.get() }>
            <MoreHistory/>
        </Show>
        <super::lightbox::Lightbox viewer shown/>
    }
}

/// The next page of the history, or of the filter's matches while filtering.
fn older(history: History) {
    if history.filter.with_untracked(Filter::is_empty) {
        history.load_older();
    } else {
        history.find_more();
    }
}

/// The "Show older images" button, pressed by itself when it scrolls into view.
#[component]
fn MoreHistory() -> impl IntoView {
    let history = expect_context::<History>();
    let i18n = use_i18n();
    let button = NodeRef::<leptos::html::Button>::new();
    let watcher = StoredValue::new_local(None::<WhenVisible>);
    Effect::new(move |_| {
        if let Some(el) = button.get() {
            watcher.set_value(WhenVisible::new(&el, 600, move || older(history)));
        }
    });
    on_cleanup(move || watcher.set_value(None));
    view! {
        <button class="secondary more" data-testid="load-older" node_ref=button
            on:click=move |_| older(history)>{t!(i18n, results.older)}</button>
    }
}

/// The selected images side by side, over the stage (an opaque layer like the lightbox's); its close
/// button has the focus, and Esc closes it too.
#[component]
fn CompareView(picked: Signal<Vec<ResultItem>>, close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = button.get() {
            let _ = b.focus();
        }
    });
    view! {
        <section class="compare" data-testid="compare-view" role="dialog" aria-modal="true"
            aria-label=move || t_string!(i18n, results.comparison)
            on:keydown=move |ev| if ev.key() == "Escape" { close.run(()) }>
            <header>
                <h2>{t!(i18n, results.comparison)}</h2>
                <button class="secondary" data-testid="close-compare" node_ref=button
                    on:click=move |_| close.run(())>{icon(icons::CLOSE)}{t!(i18n, results.close_compare)}</button>
            </header>
            <div class=move || format!("compare-grid cols-{}", picked.with(Vec::len).min(4))>
                {move || picked.get().into_iter().map(|i| view! {
                    <figure>
                        <img src=i.shown_url() alt=i.file_name.clone()/>
                        <figcaption><strong>{i.prompt.clone()}</strong><br/>{i.model.clone()}</figcaption>
                    </figure>
                }).collect_view()}
            </div>
        </section>
    }
}
