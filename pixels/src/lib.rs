//! Editing only a region of an image. Gemini's image models take no mask and redraw the whole picture,
//! so the studio composites: the user paints a region ([`mask`]), its edge is softened ([`feather`]),
//! and the model's answer is put back over the original only there ([`composite`]), so every pixel
//! outside the region and its feather stays the original's, byte for byte. [`frame`] says how an
//! answer lines up with the original (scaled when it came back at another size, refused when its shape
//! differs), which box a small region's detail edit sends ([`detail`] crops it and pastes the answer
//! back), and where the original sits on an expanded
//! canvas. [`outline`] draws the copy that shows the model where the region is, [`steps`] keeps the
//! painting's undo and [`flat`] carries the steps into the worker. No browser types and no
//! dependencies: the app uses it (as `studio::region`) to plan an edit, and the image worker, built
//! from this crate with the `worker` feature, runs it on decoded RGBA pixels (`worker`).

pub mod composite;
pub mod detail;
pub mod feather;
pub mod flat;
pub mod frame;
pub mod mask;
pub mod outline;
pub mod place;
pub mod steps;
#[cfg(feature = "worker")]
pub mod worker;

pub use composite::{colour_shift, composite, Shift};
pub use detail::{crop, detail_crop, detail_pad, paste, region_bounds};
pub use feather::{default_feather, inward, weights};
pub use frame::{
    align, detail_box, expand, parse_ratio, Align, Expand, Margins, Misfit, Placed, Rect,
};
pub use mask::{Mask, Pt, RegionOp};
pub use outline::{line_width, outlined};
pub use place::{expanded, place};
pub use steps::Steps;
