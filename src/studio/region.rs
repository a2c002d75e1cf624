//! Editing only a region of an image: the pure pixel maths live in the workspace crate `banana-pixels`
//! (`pixels/`), shared with the image worker that runs them off the page; see its documentation.

pub use banana_pixels::*;
