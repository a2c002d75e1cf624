//! A composer chip: a small button that shows a setting's value and opens a menu of its choices (a
//! listbox above the chip), with the keyboard (arrows, Home, End, Enter, Escape), a pointer or a tap.

use super::icons::{self, icon};
use super::menu::{focus_left, keep_focus, move_focus, Step};
use crate::browser::anchor::{self, Anchor};
use leptos::prelude::*;

/// The options of a chip's menu.
const OPTIONS: &str = "[role=option]";

/// A chip named `name` (its tooltip and accessible name) showing the label of the choice whose value
/// is `value`; `pick` receives the value chosen. `data-testid` is `testid` on the chip (with the value in
/// `data-value`) and `<testid>-menu` on its menu. With `shapes`, each choice `w:h` is drawn as a box of
/// that shape.
#[component]
pub fn ChipMenu(
    testid: &'static str,
    name: Signal<String>,
    glyph: &'static icondata_core::IconData,
    choices: Signal<Vec<(String, String)>>,
    value: Signal<String>,
    pick: Callback<String>,
    #[prop(optional)] shapes: bool,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let place = RwSignal::new(Anchor::default());
    let wrap = NodeRef::<leptos::html::Div>::new();
    let chip = NodeRef::<leptos::html::Button>::new();
    let list = NodeRef::<leptos::html::Div>::new();
    let shown = move || {
        let v = value.get();
        choices
            .with(|c| c.iter().find(|(x, _)| *x == v).map(|(_, l)| l.clone()))
            .unwrap_or(v)
    };
    // Opens above the chip, inside the composer (so the chips' sideways scroll does not clip it), kept
    // within the composer's width, with the focus on the chosen option.
    let show = move || {
        if let Some(at) = chip
            .get_untracked()
            .and_then(|c| anchor::above(&c, ".composer"))
        {
            place.set(at);
        }
        open.set(true);
        move_focus(list.get_untracked(), OPTIONS, Step::Selected);
        request_animation_frame(move || {
            let Some(l) = list.get_untracked() else {
                return;
            };
            let width = f64::from(l.offset_width());
            place.update(|p| p.left = super::menu::fit(p.left, width, p.room));
            // Unless a key already moved it there.
            if !l.contains(document().active_element().as_deref()) {
                move_focus(Some(l), OPTIONS, Step::Selected);
            }
        });
    };
    let close = move |refocus: bool| {
        open.set(false);
        if refocus {
            if let Some(c) = chip.get_untracked() {
                let _ = c.focus();
            }
        }
    };
    let on_key = move |e: leptos::ev::KeyboardEvent| {
        let key = e.key();
        if !open.get_untracked() {
            if key == "ArrowDown" || key == "ArrowUp" {
                e.prevent_default();
                show();
            }
        } else if key == "Escape" {
            // The menu's, not the lightbox's or the composer's.
            e.prevent_default();
            e.stop_propagation();
            close(true);
        } else if key == "Tab" {
            close(false);
        } else if let Some(step) = Step::for_key(&key) {
            e.prevent_default();
            move_focus(list.get_untracked(), OPTIONS, step);
        }
    };
    let on_focus_out = move |e: leptos::ev::FocusEvent| {
        if focus_left(wrap.get_untracked(), &e) {
            open.set(false);
        }
    };
    let resized = window_event_listener(leptos::ev::resize, move |_| open.set(false));
    on_cleanup(move || resized.remove());
    view! {
        <div class="chip-menu" node_ref=wrap on:keydown=on_key on:focusout=on_focus_out>
            <button type="button" class="chip" node_ref=chip data-testid=testid data-value=value
                aria-haspopup="listbox" aria-expanded=move || open.get().to_string() title=name
                on:click=move |_| if open.get_untracked() { close(true) } else { show() }>
                {icon(glyph)}
                <span class="visually-hidden">{name}": "</span>
                <span class="value">{shown}</span>
                {icon(icons::OPENS)}
            </button>
            <div class="listbox" role="listbox" node_ref=list data-testid=format!("{testid}-menu") aria-label=name
                hidden=move || !open.get() on:mousedown=keep_focus
                style:left=move || format!("{}px", place.with(|p| p.left.round()))
                style:bottom=move || format!("{}px", place.with(|p| (p.bottom + 6.0).round()))>
                {move || choices.get().into_iter().map(|(v, label)| {
                    let is = v.clone();
                    let chosen = move || value.with(|x| *x == is);
                    let ratio = shapes.then(|| crate::studio::fit::parse_ratio(&v)).flatten();
                    let picked = v.clone();
                    view! {
                        <button type="button" class="item" role="option" tabindex="-1" data-value=v
                            aria-selected=move || chosen().to_string()
                            on:click=move |_| { pick.run(picked.clone()); close(true); }>
                            {shapes.then(|| view! {
                                <span class="shape" class:any=ratio.is_none()
                                    style:--r=ratio.map(|r| crate::protocol::format::fixed(r, 3))></span>
                            })}
                            <span class="label">{label}</span>
                            {icon(icons::CHECK)}
                        </button>
                    }
                }).collect_view()}
            </div>
        </div>
    }
}
