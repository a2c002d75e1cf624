//! The lightbox: one result at full size on an opaque backdrop, with its position ("3 / 12"), ←/→ and
//! swipes through the results shown, Esc to close, zoom between fit and 100 % (double-click or
//! double-tap) and pinch zoom on touch; beside it every detail of the result, each labelled once
//! (prompt, the model's words, model, provider, size asked and returned, time, tokens, cost, sources)
//! and the tile's actions. A saved result's full image is read from the history when it opens.

use super::before_after::{url_of, BeforeAfter, RegionSwitches, Shown};
use super::i18n::{t, t_string, use_i18n};
use super::icons::{self, icon};
use crate::app::ResultItem;
use crate::app::{Annotation, Composer, Generator, History};
use leptos::portal::Portal;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Which result the lightbox shows. `Copy`, provided to the result cards.
#[derive(Clone, Copy)]
pub struct Viewer {
    open: RwSignal<Option<u64>>,
    zoomed: RwSignal<bool>,
    /// Pinch zoom on touch screens (1 is fit).
    scale: RwSignal<f64>,
    /// A region edit's composite, raw answer or before / after.
    shown: RwSignal<Shown>,
    /// What had the focus before it opened, to give it back.
    opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
    /// The studio, inert while the lightbox is open.
    studio: NodeRef<leptos::html::Div>,
}

impl Viewer {
    /// A closed viewer, provided to the cards.
    pub fn provide() -> Self {
        let viewer = Viewer {
            open: RwSignal::new(None),
            zoomed: RwSignal::new(false),
            scale: RwSignal::new(1.0),
            shown: RwSignal::new(Shown::Result),
            opener: StoredValue::new_local(None),
            studio: expect_context::<super::shell::Shell>().root,
        };
        provide_context(viewer);
        viewer
    }

    /// Shows the result `id`.
    pub fn open(self, id: u64) {
        self.open_as(id, Shown::Result);
    }

    /// Shows the result `id` as `shown` (a region edit's raw answer, or before / after).
    pub fn open_as(self, id: u64, shown: Shown) {
        self.shown.set(shown);
        let focused = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        self.opener.set_value(focused);
        self.zoomed.set(false);
        self.scale.set(1.0);
        self.open.set(Some(id));
    }

    /// Closes the lightbox and gives the focus back.
    pub fn close(self) {
        self.open.set(None);
        self.inert(false);
        if let Some(e) = self.opener.get_value() {
            let _ = e.focus();
        }
    }
}

impl Viewer {
    /// Makes the studio behind the lightbox inert (no focus, no clicks), as a modal dialog's page.
    fn inert(self, on: bool) {
        if let Some(root) = self.studio.get_untracked() {
            let _ = if on {
                root.set_attribute("inert", "")
            } else {
                root.remove_attribute("inert")
            };
        }
    }
}

/// The lightbox over `shown` (the results in the order the stage shows them).
#[component]
pub fn Lightbox(viewer: Viewer, shown: Signal<Vec<ResultItem>>) -> impl IntoView {
    let history = expect_context::<History>();
    let shell = expect_context::<super::shell::Shell>();
    let theme = expect_context::<RwSignal<super::theme::Theme>>();
    let i18n = use_i18n();
    let dialog = NodeRef::<leptos::html::Div>::new();
    // Beside the studio, not inside it: the studio is a size container, which would hold a fixed
    // overlay to its own (scrolling) box instead of the window.
    let mount = shell.root.get_untracked().and_then(|r| r.parent_element());
    let current = Signal::derive(move || {
        let id = viewer.open.get()?;
        shown.with(|s| s.iter().find(|i| i.id == id).cloned())
    });
    // A result deleted while shown (or gone from the list) closes it; a saved one's full image is read.
    Effect::new(move |_| match (viewer.open.get(), current.get()) {
        (Some(_), None) => viewer.open.set(None),
        (Some(id), Some(item))
            if item.full.is_none() || (item.is_region() && item.region.is_none()) =>
        {
            history.read_full(id)
        }
        _ => {}
    });
    Effect::new(move |_| {
        let open = viewer.open.with(Option::is_some);
        viewer.inert(open);
        if let (true, Some(d)) = (open, dialog.get()) {
            let _ = d.focus();
        }
    });
    on_cleanup(move || viewer.inert(false));
    let step = move |by: isize| {
        let Some(id) = viewer.open.get_untracked() else {
            return;
        };
        shown.with_untracked(|s| {
            if let Some(at) = s.iter().position(|i| i.id == id) {
                let next = at as isize + by;
                if next >= 0 && (next as usize) < s.len() {
                    viewer.zoomed.set(false);
                    viewer.scale.set(1.0);
                    viewer.shown.set(Shown::Result);
                    viewer.open.set(Some(s[next as usize].id));
                }
            }
        });
    };
    let on_key = move |e: leptos::ev::KeyboardEvent| match e.key().as_str() {
        "Escape" => {
            e.prevent_default();
            e.stop_propagation();
            viewer.close();
        }
        "ArrowLeft" => {
            e.prevent_default();
            step(-1);
        }
        "ArrowRight" => {
            e.prevent_default();
            step(1);
        }
        _ => {}
    };
    let touches = Touches::new();
    let at = move || {
        let id = viewer.open.get()?;
        shown.with(|s| s.iter().position(|i| i.id == id).map(|p| (p, s.len())))
    };
    view! {
        <Portal mount=mount.unwrap_or_else(|| document().body().expect("a body").into())>
        <Show when=move || current.with(Option::is_some)>
            <div class="lightbox" role="dialog" aria-modal="true" tabindex="-1" node_ref=dialog
                data-theme=move || theme.get().attribute() lang=move || i18n.get_locale().as_str()
                data-testid="lightbox" aria-label=move || t_string!(i18n, lightbox.label)
                on:keydown=on_key>
                <div class="view" class:actual=move || viewer.zoomed.get() data-testid="lightbox-view"
                    on:dblclick=move |_| viewer.zoomed.update(|z| *z = !*z)
                    on:pointerdown=move |e| touches.down(&e)
                    on:pointermove=move |e| touches.moved(&e, viewer)
                    on:pointerup=move |e| if let Some(by) = touches.up(&e, viewer) { step(by) }
                    on:pointercancel=move |e| { touches.up(&e, viewer); }>
                    {move || current.get().map(|item| if item.region.is_some() && viewer.shown.get() == Shown::BeforeAfter {
                        view! { <BeforeAfter item/> }.into_any()
                    } else { view! {
                        <img data-testid="lightbox-image" src=url_of(&item, viewer.shown.get()) draggable="false"
                            width=item.dims.map(|d| d.0) height=item.dims.map(|d| d.1)
                            style:transform=move || {
                                let s = viewer.scale.get();
                                (s != 1.0).then(|| format!("scale({})", crate::protocol::format::fixed(s, 3)))
                            }
                            alt=move || t_string!(i18n, results.image_alt, name = &item.file_name)/>
                    }.into_any() })}
                    <button class="nav prev" data-testid="lightbox-prev"
                        aria-label=move || t_string!(i18n, lightbox.previous) title=move || t_string!(i18n, lightbox.previous)
                        disabled=move || at().is_none_or(|(p, _)| p == 0)
                        on:click=move |_| step(-1)>{icon(icons::PREVIOUS)}</button>
                    <button class="nav next" data-testid="lightbox-next"
                        aria-label=move || t_string!(i18n, lightbox.next) title=move || t_string!(i18n, lightbox.next)
                        disabled=move || at().is_none_or(|(p, n)| p + 1 >= n)
                        on:click=move |_| step(1)>{icon(icons::NEXT)}</button>
                    <p class="position" data-testid="lightbox-position">
                        {move || at().map(|(p, n)| format!("{} / {}", p + 1, n))}
                    </p>
                    <button class="close" data-testid="lightbox-close"
                        aria-label=move || t_string!(i18n, lightbox.close) title=move || t_string!(i18n, lightbox.close)
                        on:click=move |_| viewer.close()>{icon(icons::CLOSE)}</button>
                </div>
                {move || current.get().map(|item| view! { <Info item viewer shown/> })}
            </div>
        </Show>
        </Portal>
    }
}

/// The result's details, each labelled once, and its actions, beside the image.
#[component]
fn Info(item: ResultItem, viewer: Viewer, shown: Signal<Vec<ResultItem>>) -> impl IntoView {
    let history = expect_context::<History>();
    let composer = expect_context::<Composer>();
    let generator = expect_context::<Generator>();
    let annotation = expect_context::<Annotation>();
    let providers = expect_context::<crate::app::Providers>();
    let picker = expect_context::<super::collections::Picker>();
    let i18n = use_i18n();
    let id = item.id;
    let seconds = crate::protocol::format::fixed(item.seconds, 1);
    let name = item.file_name.clone();
    let download = move |_| {
        let name = name.clone();
        history.with_full(id, move |full| {
            crate::app::history::download(&full.url, &name)
        });
    };
    let open_full = move |_| {
        history.with_full(id, move |full| {
            if let Some(w) = web_sys::window() {
                let _ = w.open_with_url_and_target(full.url.url(), "_blank");
            }
        });
    };
    let made = item.settings.clone();
    let host = crate::studio::made::host_of(&item.settings.base_url);
    let provider = move || {
        let name = providers
            .saved
            .with(|s| s.made_with(&made).map(|p| p.name.clone()))
            .unwrap_or_else(|| made.preset.label().to_string());
        format!("{name} · {host}")
    };
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
    let (kind, model) = (item.kind.name(), item.model.clone());
    let asked_item = item.clone();
    let asked = move || super::size_line::asked(&asked_item, t_string!(i18n, options.auto));
    let sources = item.grounding.sources.clone();
    let caption = item.caption.clone();
    let (for_reference, for_edit, for_reuse) = (item.clone(), item.clone(), item.clone());
    view! {
        <aside class="info">
            <p class="prompt" data-testid="lightbox-prompt">{item.prompt.clone()}</p>
            {(!caption.is_empty()).then(|| view! { <p class="caption" data-testid="result-caption">{caption}</p> })}
            <dl>
                <dt>{t!(i18n, lightbox.model)}</dt><dd data-testid="result-model">{model}</dd>
                <dt>{t!(i18n, lightbox.provider)}</dt><dd data-testid="result-provider">{provider}</dd>
                <dt>{t!(i18n, lightbox.asked)}</dt><dd data-testid="result-asked">{asked}</dd>
                <dt>{t!(i18n, lightbox.size)}</dt><dd><super::size_line::SizeLine item=item.clone()/></dd>
                <dt>{t!(i18n, lightbox.format)}</dt><dd data-testid="result-meta">{kind}</dd>
                <dt>{t!(i18n, lightbox.time)}</dt><dd data-testid="result-time">{move || t_string!(i18n, units.seconds, s = &seconds)}</dd>
                {usage.map(|u| view! {
                    <dt>{t!(i18n, lightbox.tokens)}</dt><dd data-testid="result-usage">{u}</dd>
                })}
                <dt>{t!(i18n, lightbox.cost)}</dt><dd><super::cost::ResultCost item=item.clone()/></dd>
            </dl>
            {(!sources.is_empty()).then(|| view! {
                <p class="legend">{t!(i18n, lightbox.sources)}</p>
                <ul class="sources" data-testid="result-sources">
                    {sources.into_iter().map(|s| view! {
                        <li><a href=s.uri target="_blank" rel="noopener noreferrer">{s.title}</a></li>
                    }).collect_view()}
                </ul>
            })}
            <div class="actions">
                {item.region.is_some().then(|| view! { <RegionSwitches shown=viewer.shown/> })}
                <super::favourite::Star ids=vec![id] labelled=true/>
                <button data-testid="lightbox-download" on:click=download>{icon(icons::DOWNLOAD)}{t!(i18n, results.download)}</button>
                <button data-testid="lightbox-collection" title=move || t_string!(i18n, collections.add_title)
                    on:click=move |_| { viewer.close(); picker.open(vec![id]); }>
                    {icon(icons::COLLECTION_ADD)}{t!(i18n, collections.add)}
                </button>
                <button data-testid="lightbox-reference"
                    on:click=move |_| { composer.use_as_reference(history, &for_reference); viewer.close(); }>
                    {icon(icons::REFERENCE)}{t!(i18n, results.use_as_reference)}
                </button>
                {item.can_continue().then(|| view! {
                    <button data-testid="lightbox-continue"
                        on:click=move |_| { generator.continue_editing(&for_edit); viewer.close(); }>
                        {icon(icons::CONTINUE)}{t!(i18n, results.continue_editing)}
                    </button>
                })}
                {crate::app::history::can_copy().then(|| view! {
                    <button data-testid="lightbox-copy" title=move || t_string!(i18n, results.copy_title)
                        on:click=move |_| history.copy(id)>
                        {icon(icons::COPY)}{t!(i18n, results.copy)}
                    </button>
                })}
                <button data-testid="annotate" title=move || t_string!(i18n, annotate.open_title)
                    on:click=move |_| { viewer.close(); annotation.open_result(id); }>
                    {icon(icons::MARK_UP)}{t!(i18n, annotate.open)}
                </button>
                <button data-testid="expand" title=move || t_string!(i18n, expand.open_title)
                    on:click=move |_| { viewer.close(); annotation.open_expand(id); }>
                    {icon(icons::EXPAND)}{t!(i18n, expand.open)}
                </button>
                <button data-testid="lightbox-reuse"
                    on:click=move |_| { generator.reuse_settings(&for_reuse); viewer.close(); }>
                    {icon(icons::REUSE)}{t!(i18n, results.reuse_settings)}
                </button>
                <button data-testid="lightbox-open" on:click=open_full>
                    {icon(icons::OPEN)}{t!(i18n, results.open)}
                </button>
                <button data-testid="lightbox-zoom" aria-pressed=move || viewer.zoomed.get().to_string()
                    on:click=move |_| viewer.zoomed.update(|z| *z = !*z)>
                    {move || if viewer.zoomed.get() { icon(icons::ZOOM_OUT) } else { icon(icons::ZOOM_IN) }}
                    {move || if viewer.zoomed.get() { t_string!(i18n, lightbox.fit) } else { t_string!(i18n, lightbox.actual) }}
                </button>
                <button class="danger" data-testid="lightbox-delete" title=move || t_string!(i18n, results.delete_title)
                    on:click=move |_| {
                        // The next image takes its place (the one before at the end); none left, it closes.
                        let neighbour = shown.with_untracked(|s| {
                            let at = s.iter().position(|i| i.id == id)?;
                            s.get(at + 1).or_else(|| at.checked_sub(1).and_then(|p| s.get(p))).map(|i| i.id)
                        });
                        viewer.open.set(neighbour);
                        history.delete(id);
                    }>{icon(icons::DELETE)}{t!(i18n, results.delete)}</button>
            </div>
        </aside>
    }
}

/// A pointer's id, where it went down and where it is now.
type Pointer = (i32, (f64, f64), (f64, f64));

/// The pointers on the image: a swipe steps through the results, two fingers pinch the zoom, a double
/// tap zooms to 100 % and back.
#[derive(Clone, Copy)]
struct Touches {
    /// Pointer id and where it went down / is now.
    down: StoredValue<Vec<Pointer>, LocalStorage>,
    /// The two fingers' distance and the scale when the pinch began.
    pinch: StoredValue<Option<(f64, f64)>, LocalStorage>,
    /// When the last tap ended (ms), for double taps.
    tapped: StoredValue<f64, LocalStorage>,
}

impl Touches {
    fn new() -> Self {
        Touches {
            down: StoredValue::new_local(Vec::new()),
            pinch: StoredValue::new_local(None),
            tapped: StoredValue::new_local(0.0),
        }
    }

    fn down(self, e: &leptos::ev::PointerEvent) {
        if e.pointer_type() == "mouse" {
            return;
        }
        let at = (f64::from(e.client_x()), f64::from(e.client_y()));
        self.down.update_value(|d| {
            d.retain(|p| p.0 != e.pointer_id());
            d.push((e.pointer_id(), at, at));
        });
        self.pinch.set_value(None);
    }

    fn moved(self, e: &leptos::ev::PointerEvent, viewer: Viewer) {
        let at = (f64::from(e.client_x()), f64::from(e.client_y()));
        let two = self.down.try_update_value(|d| {
            if let Some(p) = d.iter_mut().find(|p| p.0 == e.pointer_id()) {
                p.2 = at;
            }
            (d.len() == 2).then(|| distance(d[0].2, d[1].2))
        });
        if let Some(Some(now)) = two {
            let (start, scale) = self
                .pinch
                .get_value()
                .unwrap_or((now, viewer.scale.get_untracked()));
            self.pinch.set_value(Some((start, scale)));
            if start > 0.0 {
                viewer.scale.set((scale * now / start).clamp(1.0, 8.0));
            }
        }
    }

    /// Ends a pointer: `Some(step)` when it was a swipe.
    fn up(self, e: &leptos::ev::PointerEvent, viewer: Viewer) -> Option<isize> {
        let ended = self.down.try_update_value(|d| {
            let at = d.iter().position(|p| p.0 == e.pointer_id())?;
            let p = d.remove(at);
            Some((p, d.len()))
        })??;
        let ((_, from, to), left) = ended;
        if self.pinch.get_value().is_some() {
            if left == 0 {
                self.pinch.set_value(None);
            }
            return None;
        }
        let (dx, dy) = (to.0 - from.0, to.1 - from.1);
        if viewer.scale.get_untracked() == 1.0 && dx.abs() > 50.0 && dx.abs() > dy.abs() * 1.5 {
            return Some(if dx < 0.0 { 1 } else { -1 });
        }
        if dx.abs() < 10.0 && dy.abs() < 10.0 {
            let now = js_sys::Date::now();
            if now - self.tapped.get_value() < 300.0 {
                viewer.scale.set(1.0);
                viewer.zoomed.update(|z| *z = !*z);
                self.tapped.set_value(0.0);
            } else {
                self.tapped.set_value(now);
            }
        }
        None
    }
}

fn distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}
