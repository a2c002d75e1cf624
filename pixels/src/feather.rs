//! Softening the region's edge: how much of the model's answer each pixel takes (0 = the original's
//! pixel, untouched; 255 = the answer's), in one byte per pixel.

use super::frame::Rect;
use super::mask::Mask;

/// The feather a region edit uses unless the user picks another: about 0.6 % of the long edge (6 px at
/// 1K, 25 px at 4K), at least 2 px.
pub fn default_feather(width: u32, height: u32) -> u32 {
    ((f64::from(width.max(height)) * 0.006).round() as u32).clamp(2, 64)
}

/// Each pixel's share of the answer for `mask` feathered by `radius` pixels: two box blurs, so the band
/// reaches `radius` pixels (rounded up to even) either side of the edge and rises monotonically across
/// it. Beyond the band the share is exactly 0 outside the region and exactly 255 inside it (the
/// region's core); at the image's border the region carries on as if the image did.
pub fn weights(mask: &Mask, radius: u32) -> Vec<u8> {
    let half = radius.div_ceil(2) as usize;
    let (w, h) = (mask.width as usize, mask.height as usize);
    let mut a = mask.data.clone();
    if half == 0 || w == 0 || h == 0 {
        return a;
    }
    let mut b = vec![0u8; a.len()];
    for _ in 0..2 {
        blur_rows(&a, &mut b, w, half);
        blur_columns(&b, &mut a, w, h, half);
    }
    a
}

/// The answer's share for an expanded canvas `width`×`height` holding the original at `original`: 255 in
/// the new area, falling to 0 over `radius` pixels inward from each edge of the original that borders new
/// area (an edge on the canvas's border is not feathered), 0 deeper in.
pub fn inward(width: u32, height: u32, original: Rect, radius: u32) -> Vec<u8> {
    let r = f64::from(radius.max(1));
    let mut out = vec![255u8; width as usize * height as usize];
    let (x0, y0) = (original.x, original.y);
    let (x1, y1) = (original.x + original.width, original.y + original.height);
    // Distances from each edge that borders new area (none from an edge on the canvas's border).
    let edge = |on_border: bool, d: u32| {
        if on_border {
            f64::INFINITY
        } else {
            f64::from(d) + 0.5
        }
    };
    for y in y0..y1.min(height) {
        let dy = edge(y0 == 0, y - y0).min(edge(y1 == height, y1 - 1 - y));
        let row = (y * width) as usize;
        for x in x0..x1.min(width) {
            let d = dy
                .min(edge(x0 == 0, x - x0))
                .min(edge(x1 == width, x1 - 1 - x));
            out[row + x as usize] = if d >= r {
                0
            } else {
                (255.0 * (1.0 - d / r)).round() as u8
            };
        }
    }
    out
}

/// A box blur of each row (window `2 * half + 1`, the border pixel repeated).
fn blur_rows(src: &[u8], dst: &mut [u8], w: usize, half: usize) {
    let n = (2 * half + 1) as u32;
    for (row, out) in src.chunks(w).zip(dst.chunks_mut(w)) {
        let at = |i: isize| u32::from(row[i.clamp(0, w as isize - 1) as usize]);
        let mut sum: u32 = (-(half as isize)..=half as isize).map(at).sum();
        for (x, o) in out.iter_mut().enumerate() {
            *o = ((sum + n / 2) / n) as u8;
            let x = x as isize;
            sum = sum + at(x + half as isize + 1) - at(x - half as isize);
        }
    }
}

/// A box blur of each column, a row at a time (window `2 * half + 1`, the border row repeated).
fn blur_columns(src: &[u8], dst: &mut [u8], w: usize, h: usize, half: usize) {
    let n = (2 * half + 1) as u32;
    let row = |y: isize| {
        let y = y.clamp(0, h as isize - 1) as usize;
        &src[y * w..(y + 1) * w]
    };
    let mut sums = vec![0u32; w];
    for y in -(half as isize)..=half as isize {
        sums.iter_mut()
            .zip(row(y))
            .for_each(|(s, &v)| *s += u32::from(v));
    }
    for (y, out) in dst.chunks_mut(w).enumerate() {
        out.iter_mut()
            .zip(&sums)
            .for_each(|(o, &s)| *o = ((s + n / 2) / n) as u8);
        let y = y as isize;
        let (add, sub) = (row(y + half as isize + 1), row(y - half as isize));
        for ((s, &a), &b) in sums.iter_mut().zip(add).zip(sub) {
            *s = *s + u32::from(a) - u32::from(b);
        }
    }
}
