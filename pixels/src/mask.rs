//! The region: one byte per pixel of the image (255 inside, 0 outside), painted with a round brush,
//! erased, filled with rectangles, inverted and cleared.

/// A point in the image's pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Pt {
    pub x: f64,
    pub y: f64,
}

impl Pt {
    /// The point (`x`, `y`).
    pub fn new(x: f64, y: f64) -> Pt {
        Pt { x, y }
    }

    /// The distance to `o`.
    pub fn dist(self, o: Pt) -> f64 {
        (self.x - o.x).hypot(self.y - o.y)
    }
}

/// One step of painting the region, in the image's own pixels.
#[derive(Clone, Debug, PartialEq)]
pub enum RegionOp {
    /// A stroke of a round brush `radius` pixels wide through `points`; `erase` takes the region away.
    Brush {
        points: Vec<Pt>,
        radius: f64,
        erase: bool,
    },
    /// The rectangle between two corners (either order), added or, with `erase`, taken away.
    Rect { from: Pt, to: Pt, erase: bool },
    /// Everything outside the region becomes the region, and the other way round.
    Invert,
    /// No region.
    Clear,
}

/// A region over a `width`×`height` image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mask {
    pub width: u32,
    pub height: u32,
    /// Row by row, 255 for a pixel in the region, 0 for one outside.
    pub data: Vec<u8>,
}

impl Mask {
    /// No region, over a `width`×`height` image.
    pub fn new(width: u32, height: u32) -> Mask {
        Mask {
            width,
            height,
            data: vec![0; width as usize * height as usize],
        }
    }

    /// The region `ops` paint, in order, over a `width`×`height` image.
    pub fn from_ops(width: u32, height: u32, ops: &[RegionOp]) -> Mask {
        let mut mask = Mask::new(width, height);
        for op in ops {
            mask.apply(op);
        }
        mask
    }

    /// Whether the pixel at (`x`, `y`) is in the region.
    pub fn at(&self, x: u32, y: u32) -> bool {
        self.data[(y * self.width + x) as usize] != 0
    }

    /// Whether no pixel is in the region.
    pub fn is_empty(&self) -> bool {
        self.data.iter().all(|&v| v == 0)
    }

    /// How many pixels are in the region.
    pub fn count(&self) -> usize {
        self.data.iter().filter(|&&v| v != 0).count()
    }

    /// The smallest box holding the region: (left, top, right, bottom), right and bottom exclusive.
    pub fn bounds(&self) -> Option<(u32, u32, u32, u32)> {
        let w = self.width as usize;
        let mut b: Option<(u32, u32, u32, u32)> = None;
        for (y, row) in self.data.chunks(w.max(1)).enumerate() {
            let (Some(l), Some(r)) = (
                row.iter().position(|&v| v != 0),
                row.iter().rposition(|&v| v != 0),
            ) else {
                continue;
            };
            let (l, r, y) = (l as u32, r as u32 + 1, y as u32);
            b = Some(match b {
                None => (l, y, r, y + 1),
                Some((l0, t0, r0, _)) => (l0.min(l), t0, r0.max(r), y + 1),
            });
        }
        b
    }

    /// Carries out one painting step.
    pub fn apply(&mut self, op: &RegionOp) {
        match op {
            RegionOp::Clear => self.data.fill(0),
            RegionOp::Invert => self.data.iter_mut().for_each(|v| *v = 255 - *v),
            RegionOp::Rect { from, to, erase } => {
                let value = if *erase { 0 } else { 255 };
                let (x0, x1) = (from.x.min(to.x), from.x.max(to.x));
                let (y0, y1) = (from.y.min(to.y), from.y.max(to.y));
                // A pixel is in the rectangle when its centre is.
                let cols = self.span(x0, x1, self.width);
                let rows = self.span(y0, y1, self.height);
                for y in rows {
                    let row = (y * self.width) as usize;
                    for x in cols.clone() {
                        self.data[row + x as usize] = value;
                    }
                }
            }
            RegionOp::Brush {
                points,
                radius,
                erase,
            } => {
                let value = if *erase { 0 } else { 255 };
                let r = radius.max(0.5);
                match points.as_slice() {
                    [] => {}
                    [p] => self.capsule(*p, *p, r, value),
                    _ => points
                        .windows(2)
                        .for_each(|s| self.capsule(s[0], s[1], r, value)),
                }
            }
        }
    }

    /// The pixels whose centres lie in [`from`, `to`], within the image.
    fn span(&self, from: f64, to: f64, size: u32) -> std::ops::Range<u32> {
        let first = (from - 0.5).ceil().max(0.0) as u32;
        let last = ((to - 0.5).floor() + 1.0).clamp(0.0, f64::from(size)) as u32;
        first.min(last)..last
    }

    /// Sets every pixel whose centre is within `r` of the segment from `a` to `b`.
    fn capsule(&mut self, a: Pt, b: Pt, r: f64, value: u8) {
        let cols = self.span(a.x.min(b.x) - r, a.x.max(b.x) + r, self.width);
        let rows = self.span(a.y.min(b.y) - r, a.y.max(b.y) + r, self.height);
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let len2 = dx * dx + dy * dy;
        for y in rows {
            let cy = f64::from(y) + 0.5;
            let row = (y * self.width) as usize;
            for x in cols.clone() {
                let cx = f64::from(x) + 0.5;
                let t = if len2 == 0.0 {
                    0.0
                } else {
                    (((cx - a.x) * dx + (cy - a.y) * dy) / len2).clamp(0.0, 1.0)
                };
                let (px, py) = (a.x + t * dx - cx, a.y + t * dy - cy);
                if px * px + py * py <= r * r {
                    self.data[row + x as usize] = value;
                }
            }
        }
    }
}
