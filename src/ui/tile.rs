//! One result in the gallery: the image at its true ratio and, only when it applies, a badge (another
//! size or shape than asked; one model's answer in a comparison). On hover, keyboard focus or a tap,
//! the prompt on one line and a bar of four icon buttons: download, use as reference, continue editing
//! and "more" (copy, mark up, reuse settings, open full size, select, delete).

use super::before_after::Shown;
use super::i18n::{t, t_string, use_i18n};
use super::icons::{self, icon};
use super::menu::{focus_left, keep_focus, move_focus, Step};
use super::selection::Selection;
use crate::app::ResultItem;
use crate::app::{Annotation, Composer, Generator, History};
use leptos::prelude::*;

/// A tile's box in the gallery, in CSS pixels (`None` until the stage is measured).
pub type Size = Signal<Option<(f64, f64)>>;

/// One result's tile.
#[component]
pub fn Tile(item: ResultItem, size: Size) -> impl IntoView {
    let composer = expect_context::<Composer>();
    let history = expect_context::<History>();
    let generator = expect_context::<Generator>();
    let annotation = expect_context::<Annotation>();
    let viewer = expect_context::<super::lightbox::Viewer>();
    let selection = expect_context::<Selection>();
    let picker = expect_context::<super::collections::Picker>();
    let i18n = use_i18n();
    let id = item.id;
    let is_thumb = item.full.is_none();
    let is_region = item.is_region();
    let ratio = item
        .dims
        .map_or(1.0, |(w, h)| f64::from(w) / f64::from(h.max(1)));
    // The bar shows on hover and focus (CSS); a tap on a touch screen shows it first, a second opens.
    let revealed = RwSignal::new(false);
    let touch = StoredValue::new(false);
    let menu = RwSignal::new(false);
    let wrap = NodeRef::<leptos::html::Div>::new();
    let more = NodeRef::<leptos::html::Button>::new();
    let name = item.file_name.clone();
    let prompt = item.prompt.clone();
    let picked = move || selection.ids.with(|s| s.contains(&id));
    let on_frame = move |e: leptos::ev::MouseEvent| {
        if selection.on.get_untracked() {
            selection.toggle(id, e.shift_key());
        } else if touch.get_value() && !revealed.get_untracked() {
            revealed.set(true);
        } else {
            viewer.open(id);
        }
    };
    // A saved result shows its thumbnail; downloading or opening reads the full image first.
    let open_saved = move |download: Option<String>| {
        history.with_full(id, move |full| match &download {
            Some(name) => crate::app::history::download(&full.url, name),
            None => open_in_tab(full.url.url()),
        })
    };
    let download = match item.full.as_ref() {
        Some(f) => view! {
            <a class="button icon-button" data-testid="download" href=f.url.url().to_string() download=name.clone()
                aria-label=move || t_string!(i18n, results.download) title=move || t_string!(i18n, results.download)>
                {icon(icons::DOWNLOAD)}
            </a>
        }
        .into_any(),
        None => {
            let name = name.clone();
            view! {
                <button class="icon-button" data-testid="download" on:click=move |_| open_saved(Some(name.clone()))
                    aria-label=move || t_string!(i18n, results.download) title=move || t_string!(i18n, results.download)>
                    {icon(icons::DOWNLOAD)}
                </button>
            }
            .into_any()
        }
    };
    let open = match item.full.as_ref() {
        Some(f) => view! {
            <a class="item" role="menuitem" data-testid="open" href=f.url.url().to_string() target="_blank" rel="noopener"
                on:click=move |_| menu.set(false)>
                {icon(icons::OPEN)}{t!(i18n, results.open)}
            </a>
        }
        .into_any(),
        None => view! {
            <button class="item" role="menuitem" data-testid="open" on:click=move |_| { menu.set(false); open_saved(None); }>
                {icon(icons::OPEN)}{t!(i18n, results.open)}
            </button>
        }
        .into_any(),
    };
    let (for_reference, for_reuse, for_edit) = (item.clone(), item.clone(), item.clone());
    let can_edit = item.can_continue();
    // Up and down move through the menu; Escape closes it and gives the focus back to "more".
    let on_menu_key = move |e: leptos::ev::KeyboardEvent| {
        let key = e.key();
        if key == "Escape" {
            e.prevent_default();
            e.stop_propagation();
            menu.set(false);
            if let Some(b) = more.get_untracked() {
                let _ = b.focus();
            }
        } else if let Some(step) = Step::for_key(&key) {
            e.prevent_default();
            move_focus(wrap.get_untracked(), ".menu .item", step);
        }
    };
    // The menu closes when the focus leaves it.
    let on_focus_out = move |e: leptos::ev::FocusEvent| {
        if focus_left(wrap.get_untracked(), &e) {
            menu.set(false);
        }
    };
    let (w, h) = (
        move || size.get().map(|(w, _)| px(w)),
        move || size.get().map(|(_, h)| px(h)),
    );
    let compared = item.clone();
    let starred = super::favourite::is_favourite(history, id);
    view! {
        <article class="tile" data-testid="result-card" class:saved=is_thumb class:open=move || revealed.get() || menu.get()
            class:picked=picked class:in-comparison=item.compared.is_some()
            style:--r=crate::protocol::format::fixed(ratio, 4) style:width=w style:height=h
            on:pointerdown=move |e| touch.set_value(e.pointer_type() == "touch")
            on:mouseleave=move |_| revealed.set(false)>
            <button class="frame" data-testid="open-lightbox"
                aria-label=move || if selection.on.get() { t_string!(i18n, results.select) } else { t_string!(i18n, results.view_large) }
                aria-pressed=move || selection.on.get().then(|| picked().to_string())
                on:click=on_frame>
                <img data-testid="result-image" class:thumb=is_thumb src=item.shown_url()
                    alt=move || t_string!(i18n, results.image_alt, name = &name)
                    title=move || if is_thumb { t_string!(i18n, results.thumb_title) } else { "" }/>
                <Show when=picked>
                    <span class="check-mark">{icon(icons::SELECTED)}</span>
                </Show>
            </button>
            <div class="badges">
                <Show when=move || starred.get()>
                    <span class="badge star-badge" data-testid="favourite-badge" title=move || t_string!(i18n, results.favourites_badge)>
                        {icon(icons::STAR)}<span class="visually-hidden">{t!(i18n, results.favourites_badge)}</span>
                    </span>
                </Show>
                {is_region.then(|| view! {
                    <span class="badge" data-testid="region-badge" title=move || t_string!(i18n, region.badge)>
                        {icon(icons::REGION)}<span class="visually-hidden">{t!(i18n, region.badge)}</span>
                    </span>
                })}
                <super::size_line::Mismatch item=item.clone()/>
            </div>
            <super::compared::ComparedLabel item=compared/>
            <div class="bar" node_ref=wrap on:focusout=on_focus_out on:keydown=on_menu_key>
                <p class="prompt" data-testid="result-prompt" title=prompt.clone()>{prompt.clone()}</p>
                <super::favourite::Star ids=vec![id]/>
                {download}
                <button class="icon-button" data-testid="use-as-reference"
                    aria-label=move || t_string!(i18n, results.use_as_reference) title=move || t_string!(i18n, results.use_as_reference)
                    on:click=move |_| composer.use_as_reference(history, &for_reference)>
                    {icon(icons::REFERENCE)}
                </button>
                {can_edit.then(|| view! {
                    <button class="icon-button" data-testid="continue-editing"
                        aria-label=move || t_string!(i18n, results.continue_editing) title=move || t_string!(i18n, results.continue_editing)
                        on:click=move |_| generator.continue_editing(&for_edit)>
                        {icon(icons::CONTINUE)}
                    </button>
                })}
                <button class="icon-button" data-testid="result-menu" node_ref=more
                    aria-haspopup="menu" aria-expanded=move || menu.get().to_string()
                    aria-label=move || t_string!(i18n, results.more) title=move || t_string!(i18n, results.more)
                    on:click=move |_| {
                        let now = !menu.get_untracked();
                        menu.set(now);
                        if now {
                            request_animation_frame(move || move_focus(wrap.get_untracked(), ".menu .item", Step::First));
                        }
                    }>
                    {icon(icons::MORE)}
                </button>
                <div class="menu" role="menu" hidden=move || !menu.get() on:mousedown=keep_focus
                    aria-label=move || t_string!(i18n, results.more)>
                    {crate::app::history::can_copy().then(|| view! {
                        <button class="item" role="menuitem" data-testid="copy-image"
                            title=move || t_string!(i18n, results.copy_title)
                            on:click=move |_| { menu.set(false); history.copy(id); }>
                            {icon(icons::COPY)}{t!(i18n, results.copy)}
                        </button>
                    })}
                    <button class="item" role="menuitem" data-testid="annotate"
                        title=move || t_string!(i18n, annotate.open_title)
                        on:click=move |_| { menu.set(false); annotation.open_result(id); }>
                        {icon(icons::MARK_UP)}{t!(i18n, annotate.open)}
                    </button>
                    {is_region.then(|| view! {
                        <button class="item" role="menuitem" data-testid="before-after"
                            title=move || t_string!(i18n, region.before_after_title)
                            on:click=move |_| { menu.set(false); viewer.open_as(id, Shown::BeforeAfter); }>
                            {icon(icons::BEFORE_AFTER)}{t!(i18n, region.before_after)}
                        </button>
                        <button class="item" role="menuitem" data-testid="raw-answer"
                            title=move || t_string!(i18n, region.raw_title)
                            on:click=move |_| { menu.set(false); viewer.open_as(id, Shown::Raw); }>
                            {icon(icons::RAW)}{t!(i18n, region.raw)}
                        </button>
                    })}
                    <button class="item" role="menuitem" data-testid="expand"
                        title=move || t_string!(i18n, expand.open_title)
                        on:click=move |_| { menu.set(false); annotation.open_expand(id); }>
                        {icon(icons::EXPAND)}{t!(i18n, expand.open)}
                    </button>
                    <button class="item" role="menuitem" data-testid="reuse-settings"
                        on:click=move |_| { menu.set(false); generator.reuse_settings(&for_reuse); }>
                        {icon(icons::REUSE)}{t!(i18n, results.reuse_settings)}
                    </button>
                    {open}
                    <button class="item" role="menuitem" data-testid="add-to-collection"
                        title=move || t_string!(i18n, collections.add_title)
                        on:click=move |_| { menu.set(false); picker.open(vec![id]); }>
                        {icon(icons::COLLECTION_ADD)}{t!(i18n, collections.add)}
                    </button>
                    <button class="item" role="menuitem" data-testid="select-result"
                        on:click=move |_| { menu.set(false); selection.on.set(true); selection.toggle(id, false); }>
                        {icon(icons::SELECT)}{t!(i18n, results.select)}
                    </button>
                    <button class="item danger" role="menuitem" data-testid="remove-result"
                        title=move || t_string!(i18n, results.delete_title)
                        on:click=move |_| { menu.set(false); history.delete(id); }>
                        {icon(icons::DELETE)}{t!(i18n, results.delete)}
                    </button>
                </div>
            </div>
        </article>
    }
}

/// A length in CSS pixels, to the hundredth, rounded down (so a row of tiles never outgrows its width).
pub fn px(v: f64) -> String {
    format!(
        "{}px",
        crate::protocol::format::fixed((v * 100.0).floor() / 100.0, 2)
    )
}

/// Opens a `blob:` URL in a new tab (the browser may block it; the menu then has the link itself).
fn open_in_tab(url: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.open_with_url_and_target(url, "_blank");
    }
}
