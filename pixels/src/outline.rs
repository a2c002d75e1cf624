//! The copy sent beside the original to show the model where the region is: the image with a solid
//! line drawn just outside the region, its inside left as it is.

use crate::Mask;

/// The line's colour: a magenta rarely found in photographs.
pub const LINE: [u8; 3] = [255, 0, 255];

/// A line width that reads on any size: 0.4 % of the long edge, at least 2 pixels.
pub fn line_width(width: u32, height: u32) -> u32 {
    (width.max(height) / 250).max(2)
}

/// `rgba` (the mask's size) with every pixel outside the region but within `line` pixels of it (a
/// square's reach) painted [`LINE`], opaque.
pub fn outlined(rgba: &[u8], mask: &Mask, line: u32) -> Vec<u8> {
    let (w, h) = (mask.width as usize, mask.height as usize);
    let mut out = rgba.to_vec();
    if w == 0 || h == 0 {
        return out;
    }
    // Summed-area table of the region: any box's count in four reads.
    let mut sum = vec![0u32; (w + 1) * (h + 1)];
    for y in 0..h {
        let mut row = 0u32;
        for x in 0..w {
            row += u32::from(mask.data[y * w + x] != 0);
            sum[(y + 1) * (w + 1) + x + 1] = sum[y * (w + 1) + x + 1] + row;
        }
    }
    let r = line as usize;
    for y in 0..h {
        let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(h));
        for x in 0..w {
            if mask.data[y * w + x] != 0 {
                continue;
            }
            let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(w));
            let near = sum[y1 * (w + 1) + x1] + sum[y0 * (w + 1) + x0]
                - sum[y0 * (w + 1) + x1]
                - sum[y1 * (w + 1) + x0];
            if near > 0 {
                let i = (y * w + x) * 4;
                out[i..i + 3].copy_from_slice(&LINE);
                out[i + 3] = 255;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Pt, RegionOp};

    #[test]
    fn draws_a_ring_outside_the_region_only() {
        let (w, h) = (20u32, 12u32);
        let rgba: Vec<u8> = (0..w * h * 4).map(|i| (i % 200) as u8).collect();
        let mask = Mask::from_ops(
            w,
            h,
            &[RegionOp::Rect {
                from: Pt::new(6.0, 4.0),
                to: Pt::new(12.0, 8.0),
                erase: false,
            }],
        );
        let out = outlined(&rgba, &mask, 2);
        for y in 0..h {
            for x in 0..w {
                let i = ((y * w + x) * 4) as usize;
                let inside = mask.at(x, y);
                // Within 2 pixels (either axis) of the rectangle's pixels 6..12 × 4..8.
                let near = (4..14).contains(&x) && (2..10).contains(&y);
                if inside || !near {
                    assert_eq!(out[i..i + 4], rgba[i..i + 4], "({x}, {y}) kept");
                } else {
                    assert_eq!(out[i..i + 4], [255, 0, 255, 255], "({x}, {y}) on the line");
                }
            }
        }
    }

    #[test]
    fn no_region_no_line() {
        let rgba = vec![7u8; 8 * 8 * 4];
        assert_eq!(outlined(&rgba, &Mask::new(8, 8), 3), rgba);
        assert_eq!(line_width(4096, 2304), 16);
        assert_eq!(line_width(300, 200), 2);
    }
}
