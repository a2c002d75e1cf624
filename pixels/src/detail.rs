//! Detail edits: a small region of a large image is edited on a crop around it. The crop is sent at
//! its own pixels and the model answers it at the chosen size, so the region gets the model's whole
//! resolution; the answer is scaled to the crop, pasted back into a copy of the original and composited
//! as any region edit, so every pixel outside the region and its feather stays the original's.

use crate::{detail_box, Pt, Rect, RegionOp};

/// A box that holds every pixel of the region `ops` paint over a `dims` image, from the steps' shapes
/// (erasing is not subtracted, so it may be larger than the region, never smaller); `None` for no
/// region.
pub fn region_bounds(dims: (u32, u32), ops: &[RegionOp]) -> Option<Rect> {
    let (w, h) = (f64::from(dims.0), f64::from(dims.1));
    let mut b: Option<[f64; 4]> = None;
    let add = |b: &mut Option<[f64; 4]>, l: f64, t: f64, r: f64, bt: f64| {
        *b = Some(match *b {
            None => [l, t, r, bt],
            Some([l0, t0, r0, b0]) => [l0.min(l), t0.min(t), r0.max(r), b0.max(bt)],
        })
    };
    for op in ops {
        match op {
            RegionOp::Clear => b = None,
            RegionOp::Invert => b = Some([0.0, 0.0, w, h]),
            RegionOp::Rect {
                from,
                to,
                erase: false,
            } => add(
                &mut b,
                from.x.min(to.x),
                from.y.min(to.y),
                from.x.max(to.x),
                from.y.max(to.y),
            ),
            RegionOp::Brush {
                points,
                radius,
                erase: false,
            } => {
                let r = radius.max(0.5);
                for p in points {
                    add(&mut b, p.x - r, p.y - r, p.x + r, p.y + r);
                }
            }
            _ => {}
        }
    }
    let [l, t, r, bt] = b?;
    // The pixels whose centres may lie inside, within the image.
    let (x0, y0) = (
        l.floor().clamp(0.0, w) as u32,
        t.floor().clamp(0.0, h) as u32,
    );
    let (x1, y1) = (
        r.ceil().clamp(0.0, w) as u32,
        bt.ceil().clamp(0.0, h) as u32,
    );
    (x1 > x0 && y1 > y0).then_some(Rect {
        x: x0,
        y: y0,
        width: x1 - x0,
        height: y1 - y0,
    })
}

/// The padding a detail edit puts round the region: the feather, and context for the model (a
/// quarter of the region's long edge, at least 32 pixels).
pub fn detail_pad(bounds: Rect, feather: u32) -> u32 {
    feather + (bounds.width.max(bounds.height) / 4).max(32)
}

/// The crop a detail edit sends for the region `ops` paint over a `dims` image, and the aspect ratio
/// (one of `ratios`) asked for; `None` without a region or when the crop would not fit in the image.
pub fn detail_crop(
    dims: (u32, u32),
    ops: &[RegionOp],
    feather: u32,
    ratios: &[&'static str],
) -> Option<(Rect, &'static str)> {
    let bounds = region_bounds(dims, ops)?;
    detail_box(dims, bounds, detail_pad(bounds, feather), ratios)
}

/// `r` within an image `width` pixels wide holding `len` bytes of RGBA.
fn within(r: Rect, width: u32, len: usize) -> Rect {
    let height = (len / 4 / width.max(1) as usize) as u32;
    let (x, y) = (r.x.min(width), r.y.min(height));
    Rect {
        x,
        y,
        width: r.width.min(width - x),
        height: r.height.min(height - y),
    }
}

/// The pixels of `rgba` (an image `width` pixels wide) inside `r`, row by row (the part of `r` inside
/// the image).
pub fn crop(rgba: &[u8], width: u32, r: Rect) -> Vec<u8> {
    let r = within(r, width, rgba.len());
    let (w, x) = (r.width as usize * 4, r.x as usize * 4);
    (r.y..r.y + r.height)
        .flat_map(|y| {
            let at = y as usize * width as usize * 4 + x;
            rgba[at..at + w].iter().copied()
        })
        .collect()
}

/// Writes `piece` (`r`'s size) into `rgba` (an image `width` pixels wide) at `r`; what would fall
/// outside the image is left out.
pub fn paste(rgba: &mut [u8], width: u32, r: Rect, piece: &[u8]) {
    let fit = within(r, width, rgba.len());
    let (stride, w) = (r.width as usize * 4, fit.width as usize * 4);
    for (row, src) in piece
        .chunks_exact(stride.max(4))
        .take(fit.height as usize)
        .enumerate()
    {
        let at = (fit.y as usize + row) * width as usize * 4 + fit.x as usize * 4;
        rgba[at..at + w].copy_from_slice(&src[..w]);
    }
}

impl RegionOp {
    /// The same step on a crop whose corner is at (`dx`, `dy`) of the image.
    pub fn shifted(&self, dx: f64, dy: f64) -> RegionOp {
        self.moved(|p| Pt::new(p.x - dx, p.y - dy), 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RATIOS: [&str; 5] = ["1:1", "4:3", "3:4", "16:9", "9:16"];

    fn brush(x: f64, y: f64, r: f64) -> RegionOp {
        RegionOp::Brush {
            points: vec![Pt::new(x, y), Pt::new(x + 40.0, y + 10.0)],
            radius: r,
            erase: false,
        }
    }

    use crate::Mask;

    #[test]
    fn the_bounds_hold_every_pixel_of_the_region_at_4k() {
        let dims = (4096, 3072);
        let ops = vec![brush(2000.0, 1500.0, 30.0), brush(100.0, 2900.0, 5.0)];
        let exact = Mask::from_ops(dims.0, dims.1, &ops).bounds().unwrap();
        let b = region_bounds(dims, &ops).unwrap();
        assert!(b.x <= exact.0 && b.y <= exact.1);
        assert!(b.x + b.width >= exact.2 && b.y + b.height >= exact.3);
        // Only a few pixels larger than the exact box.
        assert!(exact.0 - b.x <= 8 && b.x + b.width - exact.2 <= 8);
        assert!(b.x + b.width <= dims.0 && b.y + b.height <= dims.1);
        assert_eq!(region_bounds(dims, &[]), None);
        // The smallest brush's click and a box one pixel thick are held too.
        let dot = RegionOp::Brush {
            points: vec![Pt::new(1001.3, 2002.7)],
            radius: 1.0,
            erase: false,
        };
        let thin = RegionOp::Rect {
            from: Pt::new(3000.0, 100.2),
            to: Pt::new(3400.0, 101.4),
            erase: false,
        };
        for op in [dot, thin] {
            let ops = [op];
            let exact = Mask::from_ops(dims.0, dims.1, &ops).bounds().unwrap();
            let b = region_bounds(dims, &ops).unwrap();
            assert!(
                b.x <= exact.0
                    && b.y <= exact.1
                    && b.x + b.width >= exact.2
                    && b.y + b.height >= exact.3,
                "{b:?} {exact:?}"
            );
        }
        assert_eq!(
            region_bounds(dims, &[brush(9.0, 9.0, 4.0), RegionOp::Clear]),
            None
        );
    }

    #[test]
    fn a_small_region_gets_a_padded_crop_of_an_offered_shape() {
        let dims = (4096, 3072);
        let ops = vec![brush(3000.0, 1000.0, 40.0)];
        let (crop, ratio) = detail_crop(dims, &ops, 12, &RATIOS).unwrap();
        let region = region_bounds(dims, &ops).unwrap();
        let pad = detail_pad(region, 12);
        assert!(crop.x + pad <= region.x && crop.y + pad <= region.y);
        assert!(crop.x + crop.width >= region.x + region.width + pad);
        assert!(crop.y + crop.height >= region.y + region.height + pad);
        assert!(RATIOS.contains(&ratio));
        let shape = f64::from(crop.width) / f64::from(crop.height);
        assert!((shape / crate::parse_ratio(ratio).unwrap() - 1.0).abs() < 1e-9);
        assert!(crop.width * crop.height * 20 < dims.0 * dims.1, "{crop:?}");
    }

    #[test]
    fn a_region_as_large_as_the_image_has_no_crop() {
        let all = [RegionOp::Clear, RegionOp::Invert];
        assert_eq!(detail_crop((800, 600), &all, 4, &RATIOS), None);
        assert_eq!(detail_crop((800, 600), &[], 4, &RATIOS), None);
    }

    #[test]
    fn crop_and_paste_are_exact() {
        let (w, h) = (7u32, 5u32);
        let image: Vec<u8> = (0..w * h * 4).map(|v| v as u8).collect();
        let r = Rect {
            x: 2,
            y: 1,
            width: 3,
            height: 2,
        };
        let piece = crop(&image, w, r);
        assert_eq!(piece.len(), 3 * 2 * 4);
        assert_eq!(
            &piece[..4],
            &image[(w as usize + 2) * 4..(w as usize + 3) * 4]
        );
        // A box reaching past the image is cut to it, never out of range.
        let past = Rect {
            x: 5,
            y: 4,
            width: 9,
            height: 9,
        };
        assert_eq!(crop(&image, w, past).len(), 2 * 4);
        let mut copy = image.clone();
        paste(&mut copy, w, past, &vec![7u8; 9 * 9 * 4]);
        let at = |x: u32, y: u32| ((y * w + x) * 4) as usize;
        assert_eq!(&copy[at(5, 4)..at(7, 4)], &[7u8; 8][..]);
        assert_eq!(&copy[..at(5, 4)], &image[..at(5, 4)]);
        let mut blank = vec![0u8; image.len()];
        paste(&mut blank, w, r, &piece);
        for y in 0..h {
            for x in 0..w {
                let i = ((y * w + x) * 4) as usize;
                let inside = (2..5).contains(&x) && (1..3).contains(&y);
                let want = if inside {
                    &image[i..i + 4]
                } else {
                    &[0u8; 4][..]
                };
                assert_eq!(&blank[i..i + 4], want, "({x}, {y})");
            }
        }
    }

    #[test]
    fn a_shifted_region_is_the_crop_of_the_region() {
        let dims = (300, 200);
        let ops = vec![
            brush(120.0, 90.0, 12.0),
            RegionOp::Rect {
                from: Pt::new(100.0, 80.0),
                to: Pt::new(130.0, 95.0),
                erase: true,
            },
        ];
        let r = Rect {
            x: 80,
            y: 50,
            width: 120,
            height: 90,
        };
        let full = Mask::from_ops(dims.0, dims.1, &ops);
        let shifted: Vec<RegionOp> = ops
            .iter()
            .map(|op| op.shifted(f64::from(r.x), f64::from(r.y)))
            .collect();
        let part = Mask::from_ops(r.width, r.height, &shifted);
        for y in 0..r.height {
            for x in 0..r.width {
                assert_eq!(part.at(x, y), full.at(r.x + x, r.y + y), "({x}, {y})");
            }
        }
    }
}
