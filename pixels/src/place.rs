//! Expanding the canvas: the original put on a larger canvas at 1:1 (the new area a flat grey the
//! model is told to fill), and the answer's new area put around the original's own pixels.

use crate::{composite, inward, Placed, Shift};

/// The grey of the new area on the canvas that is sent.
pub const EMPTY: [u8; 4] = [128, 128, 128, 255];

/// Copies `original` (RGBA, `placed.original`'s size) into `canvas` (RGBA, the placed size) at its place.
fn paste(canvas: &mut [u8], original: &[u8], placed: &Placed) {
    let (cw, r) = (placed.width as usize, placed.original);
    let (ow, x, y) = (r.width as usize, r.x as usize, r.y as usize);
    for row in 0..r.height as usize {
        let at = ((y + row) * cw + x) * 4;
        canvas[at..at + ow * 4].copy_from_slice(&original[row * ow * 4..(row + 1) * ow * 4]);
    }
}

/// The canvas sent for an expansion: `original` at its place, [`EMPTY`] around it.
pub fn place(original: &[u8], placed: &Placed) -> Vec<u8> {
    let mut canvas = EMPTY.repeat(placed.width as usize * placed.height as usize);
    paste(&mut canvas, original, placed);
    canvas
}

/// The expanded image: `answer` (RGBA at the placed size) in the new area, `original` at its place
/// byte for byte, blending into the answer over `feather` pixels inward from the edges that border
/// new area.
pub fn expanded(original: &[u8], answer: &[u8], placed: &Placed, feather: u32) -> Vec<u8> {
    let mut base = answer.to_vec();
    paste(&mut base, original, placed);
    let weights = inward(placed.width, placed.height, placed.original, feather);
    composite(&base, answer, &weights, Shift::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Rect;

    fn placed() -> Placed {
        Placed {
            width: 10,
            height: 6,
            ratio: "16:9",
            original: Rect {
                x: 3,
                y: 1,
                width: 4,
                height: 4,
            },
        }
    }

    fn noise(n: usize, seed: u32) -> Vec<u8> {
        let mut s = seed | 1;
        (0..n)
            .map(|i| {
                s ^= s << 13;
                s ^= s >> 17;
                s ^= s << 5;
                if i % 4 == 3 {
                    255
                } else {
                    s as u8
                }
            })
            .collect()
    }

    #[test]
    fn the_canvas_holds_the_original_at_one_to_one_and_grey_around() {
        let p = placed();
        let original = noise(4 * 4 * 4, 7);
        let canvas = place(&original, &p);
        for y in 0..6usize {
            for x in 0..10usize {
                let c = &canvas[(y * 10 + x) * 4..][..4];
                if (3..7).contains(&x) && (1..5).contains(&y) {
                    assert_eq!(c, &original[((y - 1) * 4 + x - 3) * 4..][..4]);
                } else {
                    assert_eq!(c, EMPTY);
                }
            }
        }
    }

    #[test]
    fn the_expansion_keeps_the_original_deep_inside_and_the_answer_around() {
        let p = placed();
        let original = noise(4 * 4 * 4, 7);
        let answer = noise(10 * 6 * 4, 99);
        let out = expanded(&original, &answer, &p, 1);
        for y in 0..6usize {
            for x in 0..10usize {
                let o = &out[(y * 10 + x) * 4..][..4];
                if (3..7).contains(&x) && (1..5).contains(&y) {
                    // A 1-pixel feather: every pixel of the original is 0.5 px or more from an edge,
                    // so inside it each pixel is the original's except the half-weighted first ring.
                    let want = &original[((y - 1) * 4 + x - 3) * 4..][..4];
                    let edge = x == 3 || x == 6 || y == 1 || y == 4;
                    if !edge {
                        assert_eq!(o, want, "({x}, {y})");
                    }
                } else {
                    assert_eq!(o, &answer[(y * 10 + x) * 4..][..4], "({x}, {y})");
                }
            }
        }
    }
}
