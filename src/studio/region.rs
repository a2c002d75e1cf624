//! Editing only a region of an image: the pure pixel maths live in the workspace crate `banana-pixels`
//! (`pixels/`), shared with the image worker that runs them off the page; see its documentation.

pub use banana_pixels::*;

/// A region edit: the original image as the user gave it, and the region painted on it. Generate
/// sends the original (and an outlined copy); each answer is composited back over it.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionEdit {
    /// The original's file name.
    pub name: String,
    /// The original's bytes, untouched.
    pub original: bytes::Bytes,
    /// Its size as displayed.
    pub dims: (u32, u32),
    /// The region, in the original's pixels.
    pub ops: Vec<RegionOp>,
    /// The feather, in the original's pixels.
    pub feather: u32,
    /// Whether the answer's colours are matched to the surroundings.
    pub colour_match: bool,
}
