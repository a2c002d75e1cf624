//! Marking up an image to direct an edit: the marks as shapes in the image's own pixels, the sketch
//! with undo and redo, and the drawing operations a canvas carries out for them. No browser types: the
//! same operations draw the screen's small canvas and the full-resolution copy that is sent.

use serde::Serialize;

pub use super::region::Pt;

/// The drawing tools.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Brush,
    Arrow,
    Rect,
    Ellipse,
    Text,
}

impl Tool {
    pub const ALL: [Tool; 5] = [
        Tool::Brush,
        Tool::Arrow,
        Tool::Rect,
        Tool::Ellipse,
        Tool::Text,
    ];

    /// Its name in `data-testid`s and as a key.
    pub fn id(self) -> &'static str {
        match self {
            Tool::Brush => "brush",
            Tool::Arrow => "arrow",
            Tool::Rect => "rect",
            Tool::Ellipse => "ellipse",
            Tool::Text => "text",
        }
    }
}

/// Colour and line width (image pixels) of a mark.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    /// CSS colour, `#rrggbb`.
    pub color: String,
    pub width: f64,
}

/// One mark on the image.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    /// A freehand line through these points.
    Stroke(Vec<Pt>, Style),
    Arrow(Pt, Pt, Style),
    /// Two opposite corners.
    Rect(Pt, Pt, Style),
    /// The ellipse inside the box with these opposite corners.
    Ellipse(Pt, Pt, Style),
    /// Text with its top-left corner at the point, `size` pixels high.
    Text(Pt, String, Style, f64),
}

/// What a canvas is asked to do, in image pixels (the caller scales).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Op {
    /// An open line of round-capped, round-joined segments.
    Line {
        points: Vec<Pt>,
        color: String,
        width: f64,
    },
    /// A filled polygon.
    Fill { points: Vec<Pt>, color: String },
    /// An ellipse outline: centre, radii.
    Ellipse {
        center: Pt,
        rx: f64,
        ry: f64,
        color: String,
        width: f64,
    },
    /// Text from its top-left corner.
    Text {
        at: Pt,
        text: String,
        color: String,
        size: f64,
    },
}

/// The two points of an arrow's head, for a shaft from `from` to `to` drawn `width` wide.
pub fn arrow_head(from: Pt, to: Pt, width: f64) -> (Pt, Pt) {
    let len = (width * 4.0).max(12.0).min(from.dist(to).max(1.0));
    let angle = (to.y - from.y).atan2(to.x - from.x);
    let spread = std::f64::consts::PI / 7.0;
    let at = |a: f64| Pt::new(to.x - len * a.cos(), to.y - len * a.sin());
    (at(angle - spread), at(angle + spread))
}

impl Mark {
    /// The canvas operations that draw this mark.
    pub fn ops(&self) -> Vec<Op> {
        let line = |points: Vec<Pt>, s: &Style| Op::Line {
            points,
            color: s.color.clone(),
            width: s.width,
        };
        match self {
            Mark::Stroke(points, s) => vec![line(points.clone(), s)],
            Mark::Arrow(a, b, s) => {
                let (l, r) = arrow_head(*a, *b, s.width);
                vec![
                    line(vec![*a, *b], s),
                    Op::Fill {
                        points: vec![*b, l, r],
                        color: s.color.clone(),
                    },
                ]
            }
            Mark::Rect(a, b, s) => {
                let (c, d) = (Pt::new(b.x, a.y), Pt::new(a.x, b.y));
                vec![line(vec![*a, c, *b, d, *a], s)]
            }
            Mark::Ellipse(a, b, s) => vec![Op::Ellipse {
                center: Pt::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0),
                rx: (a.x - b.x).abs() / 2.0,
                ry: (a.y - b.y).abs() / 2.0,
                color: s.color.clone(),
                width: s.width,
            }],
            Mark::Text(at, text, s, size) => vec![Op::Text {
                at: *at,
                text: text.clone(),
                color: s.color.clone(),
                size: *size,
            }],
        }
    }

    /// Whether the mark is too small to keep (a click without a drag, an empty text).
    pub fn is_empty(&self) -> bool {
        match self {
            Mark::Stroke(p, _) => p.is_empty(),
            Mark::Arrow(a, b, _) | Mark::Rect(a, b, _) | Mark::Ellipse(a, b, _) => a.dist(*b) < 2.0,
            Mark::Text(_, t, _, _) => t.trim().is_empty(),
        }
    }
}

/// The marks on one image, with undo and redo.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sketch {
    marks: Vec<Mark>,
    /// Undone marks, the latest last; a new mark empties it. A clear is undone as one step.
    undone: Vec<Vec<Mark>>,
    /// Marks removed by each clear, so "undo" brings them back.
    cleared: Vec<Vec<Mark>>,
    /// Steps in order: `true` for a clear, so undo knows what to reverse.
    steps: Vec<bool>,
}

impl Sketch {
    /// The marks, oldest first.
    pub fn marks(&self) -> &[Mark] {
        &self.marks
    }

    /// Adds a finished mark (an empty one is dropped); redo is no longer possible.
    pub fn push(&mut self, mark: Mark) -> bool {
        if mark.is_empty() {
            return false;
        }
        self.marks.push(mark);
        self.steps.push(false);
        self.undone.clear();
        true
    }

    /// Removes every mark, as one step that undo reverses.
    pub fn clear(&mut self) {
        if self.marks.is_empty() {
            return;
        }
        self.cleared.push(std::mem::take(&mut self.marks));
        self.steps.push(true);
        self.undone.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.steps.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// Reverses the last step.
    pub fn undo(&mut self) {
        match self.steps.pop() {
            Some(false) => {
                if let Some(m) = self.marks.pop() {
                    self.undone.push(vec![m]);
                }
            }
            Some(true) => {
                let back = self.cleared.pop().unwrap_or_default();
                self.undone.push(Vec::new());
                self.marks = back;
            }
            None => {}
        }
    }

    /// Does again the last step undone.
    pub fn redo(&mut self) {
        match self.undone.pop() {
            Some(m) if m.is_empty() => {
                self.cleared.push(std::mem::take(&mut self.marks));
                self.steps.push(true);
            }
            Some(mut m) => {
                self.marks.append(&mut m);
                self.steps.push(false);
            }
            None => {}
        }
    }

    /// Every operation, in order.
    pub fn ops(&self) -> Vec<Op> {
        self.marks.iter().flat_map(Mark::ops).collect()
    }
}

/// Most pixels the screen's canvas has on its long edge.
pub const MAX_BACKING: u32 = 2048;

/// How the screen's canvas maps to the image: the image's size, and the CSS size it is shown at.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub image: (u32, u32),
    pub shown: (f64, f64),
}

impl View {
    /// Image pixels per CSS pixel (1 when nothing is known yet).
    pub fn scale(&self) -> f64 {
        if self.shown.0 > 0.0 {
            f64::from(self.image.0) / self.shown.0
        } else {
            1.0
        }
    }

    /// A pointer position (CSS pixels from the canvas's corner) in image pixels, kept on the image.
    pub fn to_image(&self, x: f64, y: f64) -> Pt {
        let s = self.scale();
        Pt::new(
            (x * s).clamp(0.0, f64::from(self.image.0)),
            (y * s).clamp(0.0, f64::from(self.image.1)),
        )
    }

    /// The canvas's own pixels for drawing on screen: the shown size times the device's pixel ratio,
    /// never more than the image has nor [`MAX_BACKING`] on the long edge (a 4K canvas makes every
    /// stroke's first paint and each zoom stall; the marks are shapes, drawn again at full size).
    pub fn backing(&self, dpr: f64) -> (u32, u32) {
        let dpr = dpr.clamp(1.0, 3.0);
        let (iw, ih) = (
            f64::from(self.image.0.max(1)),
            f64::from(self.image.1.max(1)),
        );
        // One scale for both sides: the screen's, never over the image's own, nor the cap.
        let s = (self.shown.0 * dpr / iw)
            .min(1.0)
            .min(f64::from(MAX_BACKING) / iw.max(ih));
        let side = |x: f64| (x * s).round().max(1.0) as u32;
        (side(iw), side(ih))
    }
}

/// Adds `p` to a stroke unless it is under `min` image pixels from the last point (a held pointer
/// sends many); returns whether it was added.
pub fn extend_stroke(points: &mut Vec<Pt>, p: Pt, min: f64) -> bool {
    if points.last().is_some_and(|l| l.dist(p) < min) {
        return false;
    }
    points.push(p);
    true
}

#[cfg(test)]
mod tests;
