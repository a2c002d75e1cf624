//! The Mark up editor's region tool: paint the area a region edit changes (brush, erase, box, invert,
//! clear; brush size; feather), shown as a translucent overlay over the image, with undo and redo;
//! then Edit region. The region is `studio::region` steps in the image's own pixels; the overlay is
//! a mask at the canvas's size, drawn by `browser::region`.

use super::i18n::{t, t_string, use_i18n, I18n};
use crate::app::{Annotation, RegionAsk};
use crate::browser::region as glue;
use crate::studio::region::{default_feather, Mask, Pt, Rect, RegionOp, Steps};
use leptos::prelude::*;

/// What the pointer does to the region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paint {
    Brush,
    Erase,
    Box,
}

impl Paint {
    const ALL: [Paint; 3] = [Paint::Brush, Paint::Erase, Paint::Box];

    fn id(self) -> &'static str {
        match self {
            Paint::Brush => "paint",
            Paint::Erase => "erase",
            Paint::Box => "box",
        }
    }

    fn label(self, i18n: I18n) -> String {
        match self {
            Paint::Brush => t_string!(i18n, region.paint),
            Paint::Erase => t_string!(i18n, region.erase),
            Paint::Box => t_string!(i18n, region.rect),
        }
        .to_string()
    }
}

/// The region tool's state, made by the editor for its image. `Copy`.
#[derive(Clone, Copy)]
pub struct Region {
    /// Whether the pointer paints the region (not marks).
    pub on: RwSignal<bool>,
    pub steps: RwSignal<Steps>,
    pub paint: RwSignal<Paint>,
    /// The brush's radius, in image pixels.
    pub size: RwSignal<f64>,
    /// In image pixels.
    pub feather: RwSignal<u32>,
    pub colour_match: RwSignal<bool>,
    /// Whether a copy with the region outlined is sent beside the original.
    pub outline: RwSignal<bool>,
    /// What is added to the prompt.
    pub instruction: RwSignal<String>,
    /// Whether only a crop round the region is sent (detail mode).
    pub detail: RwSignal<bool>,
    /// The crop detail mode sends, shown on the overlay while it is on.
    pub crop: RwSignal<Option<Rect>>,
    /// Whether any pixel is in the region (as drawn on the screen).
    pub painted: RwSignal<bool>,
    /// The image's size as displayed.
    dims: (u32, u32),
    /// The long edge of the image, for the brush's range.
    long: u32,
    drawing: StoredValue<Option<RegionOp>>,
    screen: StoredValue<Mask>,
    pub canvas: NodeRef<leptos::html::Canvas>,
}

impl Region {
    /// A new, empty region over a `dims` image.
    pub fn new(dims: (u32, u32), instruction: String) -> Self {
        let long = dims.0.max(dims.1).max(1);
        Region {
            on: RwSignal::new(false),
            steps: RwSignal::new(Steps::default()),
            paint: RwSignal::new(Paint::Brush),
            size: RwSignal::new((f64::from(long) / 40.0).round().max(2.0)),
            feather: RwSignal::new(default_feather(dims.0, dims.1)),
            colour_match: RwSignal::new(true),
            outline: RwSignal::new(true),
            instruction: RwSignal::new(instruction),
            detail: RwSignal::new(false),
            crop: RwSignal::new(None),
            painted: RwSignal::new(false),
            dims,
            long,
            drawing: StoredValue::new(None),
            screen: StoredValue::new(Mask::new(0, 0)),
            canvas: NodeRef::new(),
        }
    }

    /// Draws the region again at the canvas's size (`scale` image pixels per canvas pixel).
    pub fn repaint(self, scale: f64) {
        let Some(c) = self.canvas.get_untracked() else {
            return;
        };
        let f = 1.0 / scale.max(f64::MIN_POSITIVE);
        let mut mask = Mask::new(c.width(), c.height());
        self.steps
            .with_untracked(|s| s.ops().iter().for_each(|op| mask.apply(&op.scaled(f))));
        if let Some(op) = self.drawing.get_value() {
            mask.apply(&op.scaled(f));
        }
        glue::show(&c, &mask.data, self.frame(scale));
        self.screen.set_value(mask);
    }

    /// The crop's frame in canvas pixels (`scale` image pixels per canvas pixel), while it is shown.
    fn frame(self, scale: f64) -> Option<[f64; 4]> {
        let f = 1.0 / scale.max(f64::MIN_POSITIVE);
        self.crop
            .get_untracked()
            .map(|r| [r.x, r.y, r.width, r.height].map(|v| f64::from(v) * f))
    }

    /// Paints `op` (image pixels) onto the overlay as it is, without drawing the rest again.
    fn paint_piece(self, op: &RegionOp, scale: f64) {
        let Some(c) = self.canvas.get_untracked() else {
            return;
        };
        self.screen.update_value(|m| {
            if (m.width, m.height) != (c.width(), c.height()) {
                return;
            }
            m.apply(&op.scaled(1.0 / scale));
            glue::show(&c, &m.data, self.frame(scale));
        });
    }

    /// The pointer went down at `p` (image pixels).
    pub fn down(self, p: Pt, scale: f64) {
        let op = match self.paint.get_untracked() {
            Paint::Box => RegionOp::Rect {
                from: p,
                to: p,
                erase: false,
            },
            paint => RegionOp::Brush {
                points: vec![p],
                radius: self.size.get_untracked(),
                erase: paint == Paint::Erase,
            },
        };
        if matches!(op, RegionOp::Brush { .. }) {
            self.paint_piece(&op, scale);
        }
        self.drawing.set_value(Some(op));
    }

    /// The pointer moved to `p` (image pixels) while down.
    pub fn moved(self, p: Pt, scale: f64) {
        let mut piece = None;
        self.drawing.update_value(|op| match op {
            Some(RegionOp::Brush {
                points,
                radius,
                erase,
            }) => {
                let last = *points.last().unwrap_or(&p);
                // A new point once the pointer has moved a screen pixel.
                if last.dist(p) >= 0.75 * scale {
                    points.push(p);
                    piece = Some(RegionOp::Brush {
                        points: vec![last, p],
                        radius: *radius,
                        erase: *erase,
                    });
                }
            }
            Some(RegionOp::Rect { to, .. }) => *to = p,
            _ => {}
        });
        match piece {
            Some(op) => self.paint_piece(&op, scale),
            None if matches!(self.drawing.get_value(), Some(RegionOp::Rect { .. })) => {
                self.repaint(scale)
            }
            None => {}
        }
    }

    /// The pointer lifted: the step is kept.
    pub fn up(self) {
        if let Some(op) = self.drawing.try_update_value(Option::take).flatten() {
            let kept = match &op {
                RegionOp::Rect { from, to, .. } => from.dist(*to) >= 2.0,
                _ => true,
            };
            if kept {
                self.steps.update(|s| s.push(op));
            }
        }
        self.painted.set(self.screen.with_value(|m| !m.is_empty()));
    }

    /// Runs `f` on the steps (undo, redo, invert, clear) and draws the region again.
    pub fn change(self, f: impl FnOnce(&mut Steps), scale: f64) {
        self.steps.update(f);
        self.repaint(scale);
        self.painted.set(self.screen.with_value(|m| !m.is_empty()));
    }
}

/// The region tool's controls in the editor's bar, shown while it is in use.
#[component]
pub fn RegionBar(region: Region, scale: Signal<f64>) -> impl IntoView {
    let i18n = use_i18n();
    let change = move |f: fn(&mut Steps)| region.change(f, scale.get_untracked());
    let max = (region.long / 5).max(8);
    view! {
        <div class="tools" role="radiogroup" aria-label=move || t_string!(i18n, region.tool)>
            {Paint::ALL.into_iter().map(|p| view! {
                <button type="button" role="radio" data-testid=format!("region-{}", p.id())
                    aria-checked=move || (region.paint.get() == p).to_string()
                    class:on=move || region.paint.get() == p
                    on:click=move |_| region.paint.set(p)>{move || p.label(i18n)}</button>
            }).collect_view()}
        </div>
        <label>{t!(i18n, region.size)}
            <input type="range" min="2" max=max.to_string() data-testid="region-size"
                prop:value=move || region.size.get().to_string()
                on:input=move |ev| region.size.set(event_target_value(&ev).parse().unwrap_or(8.0))/></label>
        <label title=move || t_string!(i18n, region.feather_title)>{t!(i18n, region.feather)}
            <input type="number" min="0" max="500" step="1" data-testid="region-feather" class="narrow"
                prop:value=move || region.feather.get().to_string()
                on:change=move |ev| region.feather.set(event_target_value(&ev).parse::<u32>().unwrap_or(0).min(500))/></label>
        <button type="button" data-testid="region-invert"
            on:click=move |_| change(|s| s.push(RegionOp::Invert))>{t!(i18n, region.invert)}</button>
        <button type="button" data-testid="region-clear" disabled=move || !region.painted.get()
            on:click=move |_| change(|s| s.push(RegionOp::Clear))>{t!(i18n, region.clear)}</button>
        <button type="button" data-testid="region-undo" disabled=move || !region.steps.with(Steps::can_undo)
            on:click=move |_| change(Steps::undo)>{t!(i18n, annotate.undo)}</button>
        <button type="button" data-testid="region-redo" disabled=move || !region.steps.with(Steps::can_redo)
            on:click=move |_| change(Steps::redo)>{t!(i18n, annotate.redo)}</button>
    }
}

/// The region edit's options and its button, in the editor's foot while the tool is in use.
#[component]
pub fn RegionFoot(region: Region) -> impl IntoView {
    let i18n = use_i18n();
    let annotation = expect_context::<Annotation>();
    // Switching the outline off or on swaps the instruction, unless the user has written their own.
    let outline = move |on: bool| {
        let (from, to) = (
            t_string!(i18n, region.instruction_outlined).to_string(),
            t_string!(i18n, region.instruction_plain).to_string(),
        );
        let (from, to) = if on { (to, from) } else { (from, to) };
        region.outline.set(on);
        region.instruction.update(|i| {
            if i.trim() == from.trim() {
                *i = to;
            }
        });
    };
    // The crop detail mode would send, as the region stands.
    let plan = Memo::new(move |_| {
        let feather = region.feather.get();
        region
            .steps
            .with(|s| annotation.detail_tracked(region.dims, s.ops(), feather))
    });
    let send = move |_| {
        annotation.edit_region(RegionAsk {
            ops: region.steps.with_untracked(|s| s.ops().to_vec()),
            feather: region.feather.get_untracked(),
            colour_match: region.colour_match.get_untracked(),
            outline: region.outline.get_untracked(),
            detail: region.detail.get_untracked() && plan.get_untracked().is_some(),
            instruction: region.instruction.get_untracked(),
        })
    };
    let (w, h) = region.dims;
    let detail_line = move || match (plan.get(), region.painted.get()) {
        (Some((r, ratio)), true) => t_string!(
            i18n,
            region.detail_size,
            crop = format!("{}×{}", r.width, r.height),
            ratio = ratio,
            whole = format!("{w}×{h}")
        )
        .to_string(),
        (None, true) => t_string!(i18n, region.detail_unavailable).to_string(),
        (_, false) => t_string!(i18n, region.detail_none).to_string(),
    };
    let detail_off = move || plan.get().is_none() || !region.painted.get();
    // The crop is framed on the overlay while detail mode is on.
    Effect::new(move |_| {
        let crop = plan.get().filter(|_| region.detail.get() && !detail_off());
        region.crop.set(crop.map(|(r, _)| r));
    });
    view! {
        <div class="region-foot">
            <label class="check">
                <input type="checkbox" data-testid="region-outline" prop:checked=move || region.outline.get()
                    on:change=move |ev| outline(event_target_checked(&ev))/>
                {t!(i18n, region.outline)}
            </label>
            <label class="check">
                <input type="checkbox" data-testid="region-colour-match" prop:checked=move || region.colour_match.get()
                    on:change=move |ev| region.colour_match.set(event_target_checked(&ev))/>
                {t!(i18n, region.colour_match)}
            </label>
            <label class="check" title=move || t_string!(i18n, region.detail_title)>
                <input type="checkbox" data-testid="detail-mode"
                    prop:checked=move || region.detail.get() && !detail_off()
                    disabled=detail_off
                    on:change=move |ev| region.detail.set(event_target_checked(&ev))/>
                {t!(i18n, region.detail)}
            </label>
            <span class="hint" data-testid="detail-size">{detail_line}</span>
            <label class="instruction">{t!(i18n, region.instruction)}
                <textarea data-testid="region-instruction" rows="2" prop:value=move || region.instruction.get()
                    on:input=move |ev| region.instruction.set(event_target_value(&ev))></textarea></label>
            <button type="button" class="primary" data-testid="edit-region"
                title=move || t_string!(i18n, region.edit_title)
                disabled=move || annotation.busy.get() || !region.painted.get()
                on:click=send>{t!(i18n, region.edit)}</button>
        </div>
    }
}
