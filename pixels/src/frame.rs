//! How an answer lines up with the image it edits: scaled when it came back at another size, refused
//! when its shape differs; the box a detail edit crops around a small region; and the canvas an
//! expansion places the original on.

/// `"16:9"` as width / height; none for `auto`, empty or anything else.
pub fn parse_ratio(ratio: &str) -> Option<f64> {
    terms(ratio).map(|(w, h)| w / h)
}

/// `"16:9"` as its two terms, (16, 9); none unless both are positive numbers.
fn terms(ratio: &str) -> Option<(f64, f64)> {
    let (w, h) = ratio.trim().split_once(':')?;
    let (w, h) = (w.trim().parse::<f64>().ok()?, h.trim().parse::<f64>().ok()?);
    (w > 0.0 && h > 0.0).then_some((w, h))
}

/// A box in an image's pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rect {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// How an answer is brought to the original's pixel size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Already the original's size.
    Same,
    /// Scaled to the original's size (same shape within 1 %).
    Scale { width: u32, height: u32 },
}

/// An answer whose shape is not the original's: compositing it would stretch it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Misfit {
    /// The original's width / height.
    pub wanted: f64,
    /// The answer's width / height.
    pub got: f64,
}

/// How an answer `answer` (width, height) lines up with an original `original`.
pub fn align(original: (u32, u32), answer: (u32, u32)) -> Result<Align, Misfit> {
    if original == answer {
        return Ok(Align::Same);
    }
    let shape = |(w, h): (u32, u32)| f64::from(w) / f64::from(h.max(1));
    let (wanted, got) = (shape(original), shape(answer));
    if answer.0 == 0 || answer.1 == 0 || (got / wanted - 1.0).abs() > 0.01 {
        return Err(Misfit { wanted, got });
    }
    Ok(Align::Scale {
        width: original.0,
        height: original.1,
    })
}

/// The ratio among `ratios` (each `w:h`) closest in shape to `shape` (width / height).
fn nearest<'a>(ratios: &[&'a str], shape: f64) -> Option<(&'a str, f64)> {
    ratios
        .iter()
        .filter_map(|r| parse_ratio(r).map(|v| (*r, v)))
        .min_by(|a, b| {
            let d = |v: f64| (v / shape).ln().abs();
            d(a.1).total_cmp(&d(b.1))
        })
}

/// The box a detail edit sends for a region `bounds` of an `image` (width, height): the bounds padded
/// by `pad` pixels, grown to the nearest of `ratios` the model takes, centred on the region and moved
/// inside the image. `None` when that box would not fit in the image (the region is too large for a
/// detail edit: edit the whole image instead).
pub fn detail_box(
    image: (u32, u32),
    bounds: Rect,
    pad: u32,
    ratios: &[&'static str],
) -> Option<(Rect, &'static str)> {
    let (iw, ih) = (f64::from(image.0), f64::from(image.1));
    let (bw, bh) = (
        f64::from(bounds.width + 2 * pad),
        f64::from(bounds.height + 2 * pad),
    );
    let (ratio, _) = nearest(ratios, bw / bh.max(1.0))?;
    // Whole multiples of the ratio's terms, so the box has the ratio exactly.
    let (rw, rh) = terms(ratio)?;
    let k = (bw / rw).max(bh / rh).ceil();
    let (w, h) = (k * rw, k * rh);
    if w > iw || h > ih {
        return None;
    }
    let centre = |at: u32, len: u32, size: f64, box_len: f64| {
        let c = f64::from(at) + f64::from(len) / 2.0;
        (c - box_len / 2.0).round().clamp(0.0, size - box_len) as u32
    };
    Some((
        Rect {
            x: centre(bounds.x, bounds.width, iw, w),
            y: centre(bounds.y, bounds.height, ih, h),
            width: w as u32,
            height: h as u32,
        },
        ratio,
    ))
}

/// How far an expansion reaches.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Expand {
    /// To a canvas of this shape (`w:h`), the original centred on it.
    Ratio(&'static str),
    /// By these margins.
    Margins(Margins),
}

/// Margins in per cent of the original's width (left, right) and height (top, bottom).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Margins {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

/// An expanded canvas: its size and ratio, and where the original sits on it at 1:1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placed {
    pub width: u32,
    pub height: u32,
    pub ratio: &'static str,
    pub original: Rect,
}

/// The canvas an expansion of an `original` (width, height) sends, and where the original sits on it
/// at 1:1; the canvas has one of `ratios`, the nearest to what was asked, grown evenly on the sides
/// that grow (so it is never smaller than asked). `None` when nothing would be added.
pub fn expand(original: (u32, u32), how: Expand, ratios: &[&'static str]) -> Option<Placed> {
    let (ow, oh) = (f64::from(original.0), f64::from(original.1));
    let m = match how {
        Expand::Margins(m) => m,
        Expand::Ratio(r) => {
            let r = parse_ratio(r)?;
            let (extra_w, extra_h) = if r > ow / oh {
                ((oh * r - ow).max(0.0) / ow * 50.0, 0.0)
            } else {
                (0.0, (ow / r - oh).max(0.0) / oh * 50.0)
            };
            Margins {
                left: extra_w,
                right: extra_w,
                top: extra_h,
                bottom: extra_h,
            }
        }
    };
    let clean = |v: f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
    let (l, r) = (clean(m.left) / 100.0 * ow, clean(m.right) / 100.0 * ow);
    let (t, b) = (clean(m.top) / 100.0 * oh, clean(m.bottom) / 100.0 * oh);
    let (mut w, mut h) = (ow + l + r, oh + t + b);
    let (ratio, shape) = nearest(ratios, w / h)?;
    // Grow the short side to the ratio, split as the margins were (evenly when there were none).
    let (mut l, mut t) = (l, t);
    if w / h < shape {
        let grow = h * shape - w;
        l += if l + r > 0.0 {
            grow * l / (l + r)
        } else {
            grow / 2.0
        };
        w = h * shape;
    } else {
        let grow = w / shape - h;
        t += if t + b > 0.0 {
            grow * t / (t + b)
        } else {
            grow / 2.0
        };
        h = w / shape;
    }
    let (w, h) = (w.round() as u32, h.round() as u32);
    if w <= original.0 && h <= original.1 {
        return None;
    }
    let x = (l.round() as u32).min(w - original.0);
    let y = (t.round() as u32).min(h - original.1);
    Some(Placed {
        width: w,
        height: h,
        ratio,
        original: Rect {
            x,
            y,
            width: original.0,
            height: original.1,
        },
    })
}
