//! The expand dialog: make a result wider or taller. Pick a shape (16:9, 9:16, 4:3, 3:2, 1:1, 21:9) or
//! margins in per cent; the canvas it makes is shown (its size, the original at 1:1 in it); Expand sends
//! the canvas and puts the original back into the answer byte for byte (`app::Annotation::expand`).
//! Loaded on first use, with the annotation editor.

use super::i18n::{t, t_string, use_i18n};
use crate::app::{Annotation, Generator, Prefs};
use crate::studio::region::{expand, Expand, Margins, Placed};
use leptos::portal::Portal;
use leptos::prelude::*;

/// The shapes offered, widest first.
const SHAPES: [&str; 6] = ["21:9", "16:9", "3:2", "4:3", "1:1", "9:16"];
/// The select's value for margins.
const MARGINS: &str = "margins";

/// The dialog, over the whole window while a result is open in it.
#[component]
pub fn Expander() -> impl IntoView {
    let annotation = expect_context::<Annotation>();
    let generator = expect_context::<Generator>();
    let prefs = expect_context::<Prefs>();
    let shell = expect_context::<super::shell::Shell>();
    let i18n = use_i18n();
    let Some(target) = annotation.expanding.get_untracked() else {
        return ().into_any();
    };
    let dims = target.dims;
    let choice = RwSignal::new("16:9".to_string());
    // Left, right, top, bottom, in per cent of the original's width or height.
    let margins = RwSignal::new([25.0_f64; 4]);
    let placed = Memo::new(move |_| -> Option<Placed> {
        let ratios: Vec<&'static str> = prefs.settings.with(|s| {
            s.capabilities()
                .aspect_ratios
                .iter()
                .copied()
                .filter(|r| crate::studio::region::parse_ratio(r).is_some())
                .collect()
        });
        let how = match choice.with(|c| SHAPES.iter().find(|s| **s == c.as_str()).copied()) {
            Some(shape) => Expand::Ratio(shape),
            None => {
                let [left, right, top, bottom] = margins.get();
                Expand::Margins(Margins {
                    left,
                    right,
                    top,
                    bottom,
                })
            }
        };
        expand(dims, how, &ratios)
    });
    let dialog = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            let _ = d.focus();
        }
    });
    // Modal: the studio behind is inert, the dialog takes the focus and gives it back on close.
    let opener = document().active_element();
    let root = shell.root.get_untracked();
    if let Some(r) = &root {
        let _ = r.set_attribute("inert", "");
    }
    on_cleanup(move || {
        if let Some(r) = root {
            let _ = r.remove_attribute("inert");
        }
        if let Some(o) =
            opener.and_then(|o| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(o).ok())
        {
            let _ = o.focus();
        }
    });
    // Not while the canvas is being made: what it sets up (and the request) would follow anyway.
    let close = move || {
        if !annotation.busy.get_untracked() {
            annotation.expanding.set(None);
        }
    };
    let send = move |_| {
        if let Some(p) = placed.get_untracked() {
            let instruction = t_string!(i18n, expand.instruction).to_string();
            annotation.expand(p, instruction, move || generator.generate());
        }
    };
    let margin = move |i: usize, id: &'static str, label: String| {
        view! {
            <label>{label}
                <input type="number" min="0" max="200" step="5" class="narrow" data-testid=id
                    prop:value=move || margins.with(|m| m[i].to_string())
                    on:change=move |ev| {
                        let v = event_target_value(&ev).parse::<f64>().unwrap_or(0.0).clamp(0.0, 200.0);
                        margins.update(|m| m[i] = v);
                    }/></label>
        }
    };
    let title = StoredValue::new(target.name.clone());
    let mount = shell.root.get_untracked().and_then(|r| r.parent_element());
    view! {
        <Portal mount=mount.unwrap_or_else(|| document().body().expect("a body").into())>
        <div class="expand-dialog" role="dialog" aria-modal="true" tabindex="-1" node_ref=dialog
            data-testid="expand-dialog"
            aria-label=move || title.with_value(|n| t_string!(i18n, expand.title, name = n).to_string())
            on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Escape" { close() }>
            <div class="expand-card">
                <h2>{move || title.with_value(|n| t_string!(i18n, expand.title, name = n).to_string())}</h2>
                <label>{t!(i18n, expand.shape)}
                    <select data-testid="expand-ratio" prop:value=move || choice.get()
                        on:change=move |ev| choice.set(event_target_value(&ev))>
                        {SHAPES.into_iter().map(|s| view! { <option value=s>{s}</option> }).collect_view()}
                        <option value=MARGINS>{t!(i18n, expand.margins)}</option>
                    </select>
                </label>
                <Show when=move || choice.with(|c| c == MARGINS)>
                    <div class="expand-margins">
                        {margin(0, "expand-left", t_string!(i18n, expand.left).to_string())}
                        {margin(1, "expand-right", t_string!(i18n, expand.right).to_string())}
                        {margin(2, "expand-top", t_string!(i18n, expand.top).to_string())}
                        {margin(3, "expand-bottom", t_string!(i18n, expand.bottom).to_string())}
                    </div>
                </Show>
                <p class="meta" data-testid="expand-size" aria-live="polite">
                    {move || match placed.get() {
                        Some(p) => t_string!(i18n, expand.size, w = p.width, h = p.height, ratio = p.ratio, ow = dims.0, oh = dims.1).to_string(),
                        None => t_string!(i18n, expand.nothing).to_string(),
                    }}
                </p>
                <div class="expand-actions">
                    <span class="meta">{move || annotation.busy.get().then(|| t_string!(i18n, expand.working))}</span>
                    <button type="button" class="secondary" data-testid="expand-cancel"
                        disabled=move || annotation.busy.get() on:click=move |_| close()>
                        {t!(i18n, annotate.cancel)}
                    </button>
                    <button type="button" class="primary" data-testid="expand-send"
                        disabled=move || annotation.busy.get() || placed.with(Option::is_none)
                        on:click=send>{t!(i18n, expand.send)}</button>
                </div>
            </div>
        </div>
        </Portal>
    }
    .into_any()
}
