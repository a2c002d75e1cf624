//! What the image worker calls, on the RGBA pixels it decoded.

use crate::{align, colour_shift, composite as blend, weights, Mask, Shift};
use wasm_bindgen::prelude::*;

/// The composite of `answer` over `original` (RGBA, `width`×`height`, the answer already at the
/// original's size) inside `mask` (one byte per pixel, non-zero in the region), feathered by `feather`
/// pixels, the answer's colours matched to the surroundings when `colour_match`.
#[wasm_bindgen]
pub fn composite(
    original: &[u8],
    answer: &[u8],
    mask: Vec<u8>,
    width: u32,
    height: u32,
    feather: u32,
    colour_match: bool,
) -> Vec<u8> {
    let mask = Mask {
        width,
        height,
        data: mask,
    };
    let weights = weights(&mask, feather);
    let shift = if colour_match {
        colour_shift(original, answer, &mask.data, &weights)
    } else {
        Shift::default()
    };
    blend(original, answer, &weights, shift)
}

/// Whether an answer `aw`×`ah` lines up with an original `ow`×`oh` (the same size, or the same shape
/// within 1 %, to be scaled to it).
#[wasm_bindgen]
pub fn fits(ow: u32, oh: u32, aw: u32, ah: u32) -> bool {
    align((ow, oh), (aw, ah)).is_ok()
}

/// The region the flat steps `region` paint (see [`crate::flat`]) over a `width`×`height` image; an
/// unreadable list paints nothing.
fn mask_of(width: u32, height: u32, region: &[f64]) -> Mask {
    Mask::from_ops(
        width,
        height,
        &crate::flat::decode(region).unwrap_or_default(),
    )
}

/// [`composite`] with the region given as flat steps instead of a mask.
#[wasm_bindgen]
pub fn composite_region(
    original: &[u8],
    answer: &[u8],
    region: &[f64],
    width: u32,
    height: u32,
    feather: u32,
    colour_match: bool,
) -> Vec<u8> {
    let mask = mask_of(width, height, region).data;
    composite(original, answer, mask, width, height, feather, colour_match)
}

/// `rgba` (`width`×`height`) with a line round the region: the copy that shows the model where.
#[wasm_bindgen]
pub fn outline(rgba: &[u8], width: u32, height: u32, region: &[f64]) -> Vec<u8> {
    let mask = mask_of(width, height, region);
    crate::outlined(rgba, &mask, crate::line_width(width, height))
}

/// The region as an opaque RGBA image, white inside and black outside (the mask kept with the result).
#[wasm_bindgen]
pub fn mask_image(width: u32, height: u32, region: &[f64]) -> Vec<u8> {
    mask_of(width, height, region)
        .data
        .iter()
        .flat_map(|&v| [v, v, v, 255])
        .collect()
}

/// The placement an expansion's canvas (`width`×`height`) holds the original (`ow`×`oh` at `x`, `y`) in.
fn placed(width: u32, height: u32, [x, y, ow, oh]: [u32; 4]) -> crate::Placed {
    crate::Placed {
        width,
        height,
        ratio: "",
        original: crate::Rect {
            x,
            y,
            width: ow,
            height: oh,
        },
    }
}

/// The canvas an expansion sends: `original` (`ow`×`oh`) at `x`, `y` on a grey `width`×`height`.
#[wasm_bindgen]
pub fn place_canvas(
    original: &[u8],
    width: u32,
    height: u32,
    x: u32,
    y: u32,
    ow: u32,
    oh: u32,
) -> Vec<u8> {
    crate::place(original, &placed(width, height, [x, y, ow, oh]))
}

/// The expanded image: `answer` (at the canvas's size) around `original` kept at its place.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn expand_canvas(
    original: &[u8],
    answer: &[u8],
    width: u32,
    height: u32,
    x: u32,
    y: u32,
    ow: u32,
    oh: u32,
    feather: u32,
) -> Vec<u8> {
    crate::expanded(
        original,
        answer,
        &placed(width, height, [x, y, ow, oh]),
        feather,
    )
}

/// The pixels of `rgba` (`width` wide) inside `rect` (x, y, width, height): a detail edit's crop.
#[wasm_bindgen]
pub fn crop_rgba(rgba: &[u8], width: u32, rect: &[u32]) -> Vec<u8> {
    crate::crop(rgba, width, rect_of(rect))
}

/// A detail edit's composite: `answer` (already at `rect`'s size) pasted into a copy of `original`
/// (`width`×`height`) at `rect`, then composited over it inside the region as [`composite_region`].
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn composite_detail(
    original: &[u8],
    answer: &[u8],
    rect: &[u32],
    region: &[f64],
    width: u32,
    height: u32,
    feather: u32,
    colour_match: bool,
) -> Vec<u8> {
    let mut full = original.to_vec();
    crate::paste(&mut full, width, rect_of(rect), answer);
    composite_region(
        original,
        &full,
        region,
        width,
        height,
        feather,
        colour_match,
    )
}

/// `[x, y, width, height]` as a box; missing numbers are 0.
fn rect_of(rect: &[u32]) -> crate::Rect {
    let at = |i: usize| rect.get(i).copied().unwrap_or(0);
    crate::Rect {
        x: at(0),
        y: at(1),
        width: at(2),
        height: at(3),
    }
}
