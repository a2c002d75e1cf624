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
    /// Set for an expansion: the answer fills the new area around the original.
    pub expand: Option<Expansion>,
}

impl RegionEdit {
    /// Whether `reference` is what this edit sends as its image (the original, or an expansion's
    /// canvas): without it the edit has nothing to stand on.
    pub fn sent_as(&self, reference: &[u8]) -> bool {
        match &self.expand {
            Some(x) => x.canvas == reference,
            None => self.original == reference,
        }
    }
}

/// An expansion: where the original sits on the larger canvas, and the canvas that is sent (PNG: the
/// original at 1:1, grey around it).
#[derive(Clone, Debug, PartialEq)]
pub struct Expansion {
    pub placed: Placed,
    pub canvas: bytes::Bytes,
}

/// The region an expansion's answer fills (the new area), as steps over its canvas.
pub fn new_area(placed: &Placed) -> Vec<RegionOp> {
    let r = placed.original;
    let at = |x: u32, y: u32| Pt::new(f64::from(x), f64::from(y));
    vec![
        RegionOp::Rect {
            from: at(0, 0),
            to: at(placed.width, placed.height),
            erase: false,
        },
        RegionOp::Rect {
            from: at(r.x, r.y),
            to: at(r.x + r.width, r.y + r.height),
            erase: true,
        },
    ]
}

/// Which of `ratios` a `dims` image has (within 1 %), if any.
pub fn ratio_of(dims: (u32, u32), ratios: &[&'static str]) -> Option<&'static str> {
    let shape = f64::from(dims.0) / f64::from(dims.1.max(1));
    ratios
        .iter()
        .copied()
        .filter_map(|r| Some((r, parse_ratio(r)?)))
        .filter(|(_, v)| (v / shape - 1.0).abs() <= 0.01)
        .min_by(|a, b| {
            (a.1 / shape - 1.0)
                .abs()
                .total_cmp(&(b.1 / shape - 1.0).abs())
        })
        .map(|(r, _)| r)
}

/// The seam's feather for an expansion: a few pixels, inward only.
pub fn expand_feather(width: u32, height: u32) -> u32 {
    default_feather(width, height).clamp(2, 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_new_area_is_the_canvas_less_the_original() {
        let placed = expand((40, 30), Expand::Ratio("16:9"), &["1:1", "16:9"]).unwrap();
        let mask = Mask::from_ops(placed.width, placed.height, &new_area(&placed));
        let r = placed.original;
        assert_eq!(
            mask.count() as u32,
            placed.width * placed.height - r.width * r.height
        );
        assert!(!mask.at(r.x, r.y) && mask.at(0, 0));
        assert!((2..=8).contains(&expand_feather(4096, 2304)));
    }

    #[test]
    fn a_region_edit_asks_for_its_originals_shape_when_offered() {
        let ratios = ["auto", "1:1", "4:3", "16:9", "21:9"];
        assert_eq!(ratio_of((1024, 768), &ratios), Some("4:3"));
        assert_eq!(ratio_of((1365, 768), &ratios), Some("16:9"));
        assert_eq!(ratio_of((2048, 2048), &ratios), Some("1:1"));
        assert_eq!(
            ratio_of((1000, 300), &ratios),
            None,
            "no offered shape within 1 %"
        );
        assert_eq!(ratio_of((640, 480), &["1:1"]), None);
    }
}
