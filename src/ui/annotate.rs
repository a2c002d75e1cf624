//! The annotation editor: draw on a copy of an image (brush, arrow, rectangle, ellipse, text; colour
//! and width; undo, redo, clear; pointer and touch; fit or 100 %) to show the model where to change
//! it. The marks are `studio::annotate` shapes in image pixels, drawn on a canvas the size of the
//! screen; Done draws them at full resolution (`app::Annotation::done`). Loaded on first use.

use super::i18n::{t, t_string, use_i18n};
use super::region_tool::{Region, RegionBar, RegionFoot};
use crate::app::annotation::Source;
use crate::app::Annotation;
use crate::browser::canvas;
use crate::studio::annotate::{extend_stroke, Mark, Sketch, Style, Tool, View};
use leptos::portal::Portal;
use leptos::prelude::*;

/// Height of text marks, in CSS pixels as drawn.
const TEXT_PX: f64 = 28.0;

/// The editor, over the whole window while an image is open.
#[component]
pub fn Annotator() -> impl IntoView {
    let annotation = expect_context::<Annotation>();
    let shell = expect_context::<super::shell::Shell>();
    let theme = expect_context::<RwSignal<super::theme::Theme>>();
    let i18n = use_i18n();
    let Some(target) = annotation.target.get_untracked() else {
        return ().into_any();
    };
    let dims = target.dims;
    // Marks left on this image when the editor was last closed come back.
    let sketch = RwSignal::new(annotation.kept_for(&target));
    Effect::new(move |_| annotation.keep(sketch.get()));
    // Bumped when the marks change other than by drawing one (undo, redo, clear): the canvas is drawn
    // again from the sketch. A mark just drawn is on the canvas already.
    let repaint = RwSignal::new(0u32);
    let change = move |f: fn(&mut Sketch)| {
        sketch.update(f);
        repaint.update(|n| *n += 1);
    };
    let tool = RwSignal::new(Tool::Brush);
    let color = RwSignal::new("#ff2d55".to_string());
    let width = RwSignal::new(6.0_f64);
    let text = RwSignal::new(String::new());
    let fit = RwSignal::new(true);
    let with_original = RwSignal::new(matches!(target.source, Source::Reference(_)));
    let region = Region::new(
        dims,
        t_string!(i18n, region.instruction_outlined).to_string(),
    );
    let shown = RwSignal::new((0.0_f64, 0.0_f64));
    let stage = NodeRef::<leptos::html::Div>::new();
    let surface = NodeRef::<leptos::html::Canvas>::new();
    let dialog = NodeRef::<leptos::html::Div>::new();
    // The mark being drawn, not in the sketch until the pointer lifts.
    let drawing = StoredValue::new(None::<Mark>);
    let dpr = window().device_pixel_ratio();
    let view_of = move || View {
        image: dims,
        shown: shown.get_untracked(),
    };
    let backing = Memo::new(move |_| {
        View {
            image: dims,
            shown: shown.get(),
        }
        .backing(dpr)
    });
    // Image pixels per canvas pixel.
    let scale = move || f64::from(dims.0) / f64::from(backing.get_untracked().0.max(1));

    let redraw = move || {
        if let Some(c) = surface.get_untracked() {
            let mut ops = sketch.with_untracked(Sketch::ops);
            if let Some(m) = drawing.get_value() {
                ops.extend(m.ops());
            }
            canvas::draw(&c, &ops, scale(), true);
        }
    };
    // The frame's size: the image fitted into the stage, or its own size at 100 %.
    let layout = move || {
        let Some(st) = stage.get_untracked() else {
            return;
        };
        let (w, h) = (f64::from(dims.0), f64::from(dims.1));
        let (sw, sh) = (f64::from(st.client_width()), f64::from(st.client_height()));
        let s = if fit.get_untracked() && sw > 0.0 && sh > 0.0 {
            (sw / w).min(sh / h).min(1.0)
        } else {
            1.0
        };
        shown.set((w * s, h * s));
    };
    Effect::new(move |_| {
        if stage.get().is_some() {
            request_animation_frame(layout);
        }
    });
    Effect::new(move |_| {
        fit.track();
        request_animation_frame(layout);
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| layout());
    // A new canvas size clears it: draw the marks again.
    Effect::new(move |_| {
        backing.track();
        repaint.track();
        region.crop.track();
        request_animation_frame(move || {
            redraw();
            region.repaint(scale());
        });
    });
    // Modal: the studio behind is inert, the dialog takes the focus and gives it back on close.
    let opener = document().active_element();
    let root = shell.root.get_untracked();
    if let Some(r) = &root {
        let _ = r.set_attribute("inert", "");
    }
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            let _ = d.focus();
        }
    });
    on_cleanup(move || {
        resize.remove();
        if let Some(r) = root {
            let _ = r.remove_attribute("inert");
        }
        if let Some(o) =
            opener.and_then(|o| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(o).ok())
        {
            let _ = o.focus();
        }
    });

    let point = move |ev: &web_sys::PointerEvent| {
        view_of().to_image(f64::from(ev.offset_x()), f64::from(ev.offset_y()))
    };
    let style = move || Style {
        color: color.get_untracked(),
        width: width.get_untracked() * view_of().scale(),
    };
    let down = move |ev: web_sys::PointerEvent| {
        if annotation.busy.get_untracked() || ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        if let Some(c) = surface.get_untracked() {
            let _ = c.set_pointer_capture(ev.pointer_id());
        }
        let p = point(&ev);
        let mark = match tool.get_untracked() {
            Tool::Brush => Mark::Stroke(vec![p], style()),
            Tool::Arrow => Mark::Arrow(p, p, style()),
            Tool::Rect => Mark::Rect(p, p, style()),
            Tool::Ellipse => Mark::Ellipse(p, p, style()),
            Tool::Text => {
                let mark = Mark::Text(
                    p,
                    text.get_untracked(),
                    style(),
                    TEXT_PX * view_of().scale(),
                );
                if let Some(c) = surface.get_untracked() {
                    canvas::draw(&c, &mark.ops(), scale(), false);
                }
                sketch.update(|s| {
                    s.push(mark);
                });
                return;
            }
        };
        // A brush starts with a dot; a shape shows once the pointer moves.
        if let (Mark::Stroke(..), Some(c)) = (&mark, surface.get_untracked()) {
            canvas::draw(&c, &mark.ops(), scale(), false);
        }
        drawing.set_value(Some(mark));
    };
    let moved = move |ev: web_sys::PointerEvent| {
        let p = point(&ev);
        let (step, shape) = (0.75 * scale(), std::cell::Cell::new(false));
        // Changed in place: a long stroke is not copied on every move.
        drawing.update_value(|mark| match mark {
            Some(Mark::Stroke(points, s)) => {
                let last = *points.last().unwrap_or(&p);
                // Only the new piece is drawn: a long stroke on a 4K image costs the same each move.
                if extend_stroke(points, p, step) {
                    if let Some(c) = surface.get_untracked() {
                        let piece = Mark::Stroke(vec![last, p], s.clone());
                        canvas::draw(&c, &piece.ops(), scale(), false);
                    }
                }
            }
            Some(Mark::Arrow(_, b, _) | Mark::Rect(_, b, _) | Mark::Ellipse(_, b, _)) => {
                *b = p;
                shape.set(true);
            }
            _ => {}
        });
        if shape.get() {
            redraw();
        }
    };
    let up = move |_| {
        if let Some(mark) = drawing.try_update_value(Option::take).flatten() {
            sketch.update(|s| {
                s.push(mark);
            });
        }
    };
    // The region tool paints on its own canvas, over the marks.
    let region_down = move |ev: web_sys::PointerEvent| {
        if annotation.busy.get_untracked() || ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        if let Some(c) = region.canvas.get_untracked() {
            let _ = c.set_pointer_capture(ev.pointer_id());
        }
        region.down(point(&ev), scale());
    };
    let region_moved = move |ev: web_sys::PointerEvent| region.moved(point(&ev), scale());
    let region_up = move |_| region.up();
    let finish = move || {
        let instruction = t_string!(i18n, annotate.instruction).to_string();
        annotation.done(
            sketch.with_untracked(Sketch::ops),
            with_original.get_untracked(),
            instruction,
        );
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        // Typing in a text field (the text mark, the feather, the instruction) keeps its own undo.
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|e| match e.tag_name().as_str() {
                "TEXTAREA" => true,
                "INPUT" => matches!(e.get_attribute("type").as_deref(), Some("text" | "number")),
                _ => false,
            });
        match ev.key().as_str() {
            // Not while the copy is being made: what it sets up would land after the editor closed.
            "Escape" if !annotation.busy.get_untracked() => annotation.close(),
            "z" | "Z"
                if (ev.ctrl_key() || ev.meta_key()) && !typing && region.on.get_untracked() =>
            {
                ev.prevent_default();
                let undo = !ev.shift_key();
                region.change(move |s| if undo { s.undo() } else { s.redo() }, scale());
            }
            "z" | "Z" if (ev.ctrl_key() || ev.meta_key()) && !typing => {
                ev.prevent_default();
                change(if ev.shift_key() {
                    Sketch::redo
                } else {
                    Sketch::undo
                });
            }
            "y" if (ev.ctrl_key() || ev.meta_key()) && !typing => {
                ev.prevent_default();
                change(Sketch::redo);
            }
            _ => {}
        }
    };
    let title = StoredValue::new(target.name.clone());
    let src = StoredValue::new(target.url.url().to_string());
    let mount = shell.root.get_untracked().and_then(|r| r.parent_element());
    view! {
        <Portal mount=mount.unwrap_or_else(|| document().body().expect("a body").into())>
        <div class="annotate" role="dialog" aria-modal="true" tabindex="-1" node_ref=dialog
            data-testid="annotate-editor" data-theme=move || theme.get().attribute()
            class:regioning=move || region.on.get()
            aria-label=move || title.with_value(|n| t_string!(i18n, annotate.title, name = n).to_string())
            on:keydown=on_key>
            <div class="annotate-bar" role="toolbar">
                <button type="button" data-testid="region-tool" aria-pressed=move || region.on.get().to_string()
                    class:on=move || region.on.get() title=move || t_string!(i18n, region.tool_title)
                    on:click=move |_| region.on.update(|on| *on = !*on)>{t!(i18n, region.tool)}</button>
                <Show when=move || region.on.get()>
                    <RegionBar region scale=Signal::derive(scale)/>
                </Show>
                <Show when=move || !region.on.get()>
                <div class="tools" role="radiogroup">
                    {Tool::ALL.into_iter().map(|t| view! {
                        <button type="button" role="radio" data-testid=format!("annotate-tool-{}", t.id())
                            aria-checked=move || (tool.get() == t).to_string()
                            class:on=move || tool.get() == t
                            on:click=move |_| tool.set(t)>{move || tool_label(i18n, t)}</button>
                    }).collect_view()}
                </div>
                <Show when=move || tool.get() == Tool::Text>
                    <input type="text" data-testid="annotate-text" prop:value=move || text.get()
                        placeholder=move || t_string!(i18n, annotate.text_placeholder)
                        aria-label=move || t_string!(i18n, annotate.text)
                        on:input=move |ev| text.set(event_target_value(&ev))/>
                </Show>
                <label>{t!(i18n, annotate.color)}
                    <input type="color" data-testid="annotate-color" prop:value=move || color.get()
                        on:input=move |ev| color.set(event_target_value(&ev))/></label>
                <label>{t!(i18n, annotate.width)}
                    <input type="range" min="1" max="40" data-testid="annotate-width" prop:value=move || width.get().to_string()
                        on:input=move |ev| width.set(event_target_value(&ev).parse().unwrap_or(6.0))/></label>
                <button type="button" data-testid="annotate-undo" disabled=move || !sketch.with(Sketch::can_undo)
                    on:click=move |_| change(Sketch::undo)>{t!(i18n, annotate.undo)}</button>
                <button type="button" data-testid="annotate-redo" disabled=move || !sketch.with(Sketch::can_redo)
                    on:click=move |_| change(Sketch::redo)>{t!(i18n, annotate.redo)}</button>
                <button type="button" data-testid="annotate-clear" disabled=move || sketch.with(|s| s.marks().is_empty())
                    on:click=move |_| change(Sketch::clear)>{t!(i18n, annotate.clear)}</button>
                </Show>
                <button type="button" data-testid="annotate-fit" aria-pressed=move || (!fit.get()).to_string()
                    on:click=move |_| fit.update(|f| *f = !*f)>
                    {move || if fit.get() { t_string!(i18n, annotate.actual) } else { t_string!(i18n, annotate.fit) }}
                </button>
            </div>
            <div class="annotate-stage" node_ref=stage class:actual=move || !fit.get()>
                <div class="annotate-frame" style:width=move || format!("{}px", shown.get().0)
                    style:height=move || format!("{}px", shown.get().1)>
                    <img src=src.get_value() alt="" draggable="false"/>
                    <canvas data-testid="annotate-canvas" node_ref=surface
                        width=move || backing.get().0 height=move || backing.get().1
                        on:pointerdown=down on:pointermove=moved on:pointerup=up on:pointercancel=up
                        on:lostpointercapture=up></canvas>
                    <canvas class="region" data-testid="region-overlay" node_ref=region.canvas
                        width=move || backing.get().0 height=move || backing.get().1
                        on:pointerdown=region_down on:pointermove=region_moved on:pointerup=region_up
                        on:pointercancel=region_up on:lostpointercapture=region_up></canvas>
                </div>
            </div>
            <div class="annotate-foot">
                <Show when=move || region.on.get()>
                    <RegionFoot region/>
                </Show>
                <Show when=move || !region.on.get()>
                <label class="check">
                    <input type="checkbox" data-testid="annotate-with-original" prop:checked=move || with_original.get()
                        on:change=move |ev| with_original.set(event_target_checked(&ev))/>
                    {t!(i18n, annotate.with_original)}
                </label>
                </Show>
                <span class="meta" aria-live="polite">
                    {move || annotation.busy.get().then(|| t_string!(i18n, annotate.working))}
                </span>
                <button type="button" class="secondary" data-testid="annotate-cancel"
                    disabled=move || annotation.busy.get()
                    on:click=move |_| annotation.close()>{t!(i18n, annotate.cancel)}</button>
                <Show when=move || !region.on.get()>
                <button type="button" class="primary" data-testid="annotate-done"
                    disabled=move || annotation.busy.get() || sketch.with(|s| s.marks().is_empty())
                    on:click=move |_| finish()>{t!(i18n, annotate.done)}</button>
                </Show>
            </div>
        </div>
        </Portal>
    }
    .into_any()
}

fn tool_label(i18n: super::i18n::I18n, t: Tool) -> String {
    match t {
        Tool::Brush => t_string!(i18n, annotate.brush),
        Tool::Arrow => t_string!(i18n, annotate.arrow),
        Tool::Rect => t_string!(i18n, annotate.rect),
        Tool::Ellipse => t_string!(i18n, annotate.ellipse),
        Tool::Text => t_string!(i18n, annotate.text),
    }
    .to_string()
}
