//! Editing only a region of an image: the pure pixel maths live in the workspace crate `banana-pixels`
//! (`pixels/`), shared with the image worker that runs them off the page; see its documentation.

pub use banana_pixels::*;

use serde::{Deserialize, Serialize};

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
    /// Set for a detail edit: a crop around the region is sent instead of the original.
    pub detail: Option<Detail>,
}

impl RegionEdit {
    /// Whether `reference` is what this edit sends as its image (the original, an expansion's canvas
    /// or a detail edit's crop): without it the edit has nothing to stand on.
    pub fn sent_as(&self, reference: &[u8]) -> bool {
        match (&self.expand, &self.detail) {
            (Some(x), _) => x.canvas == reference,
            (None, Some(d)) => d.sent == reference,
            (None, None) => self.original == reference,
        }
    }
}

/// How a region edit's answers are put back: kept with each of its results, so continuing to edit
/// one puts the next answers back the same way, after a reload or an import too.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionPlan {
    /// The region as flat steps ([`flat`]), in the pixels of the image it was painted on.
    pub steps: Vec<f64>,
    /// That image's size (an expansion's: its canvas's).
    pub dims: (u32, u32),
    pub feather: u32,
    #[serde(default)]
    pub colour_match: bool,
    /// A detail edit's crop: x, y, width, height.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crop: Option<[u32; 4]>,
    /// An expansion: the original's x, y, width and height on the canvas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placed: Option<[u32; 4]>,
}

impl RegionEdit {
    /// How its answers are put back.
    pub fn plan(&self) -> RegionPlan {
        let quad = |r: Rect| [r.x, r.y, r.width, r.height];
        RegionPlan {
            steps: flat::encode(&self.ops),
            dims: self.dims,
            feather: self.feather,
            colour_match: self.colour_match,
            crop: self.detail.as_ref().map(|d| quad(d.crop)),
            placed: self.expand.as_ref().map(|x| quad(x.placed.original)),
        }
    }
}

impl RegionPlan {
    /// The region edit that puts answers back as this plan says over `image`, named `name`: the
    /// original, or for an expansion the canvas it sent (the original is inside it, at its place).
    /// `None` when the steps cannot be read.
    pub fn edit(&self, name: String, image: bytes::Bytes) -> Option<RegionEdit> {
        let rect = |[x, y, width, height]: [u32; 4]| Rect {
            x,
            y,
            width,
            height,
        };
        Some(RegionEdit {
            name,
            original: image.clone(),
            dims: self.dims,
            ops: flat::decode(&self.steps)?,
            feather: self.feather,
            colour_match: self.colour_match,
            expand: self.placed.map(|r| Expansion {
                placed: Placed {
                    width: self.dims.0,
                    height: self.dims.1,
                    ratio: "",
                    original: rect(r),
                },
                canvas: image.clone(),
            }),
            detail: self.crop.map(|r| Detail {
                crop: rect(r),
                sent: bytes::Bytes::new(),
            }),
        })
    }
}

/// A detail edit: the box of the original that is sent, and the crop itself (PNG, the original's
/// pixels). Each answer is scaled to the box and put back there.
#[derive(Clone, Debug, PartialEq)]
pub struct Detail {
    pub crop: Rect,
    pub sent: bytes::Bytes,
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

    fn edit() -> RegionEdit {
        RegionEdit {
            name: "a.png".into(),
            original: bytes::Bytes::from_static(b"original"),
            dims: (400, 300),
            ops: vec![
                RegionOp::Rect {
                    from: Pt::new(10.0, 20.0),
                    to: Pt::new(90.5, 60.0),
                    erase: false,
                },
                RegionOp::Invert,
            ],
            feather: 6,
            colour_match: true,
            expand: None,
            detail: None,
        }
    }

    #[test]
    fn a_plan_kept_as_json_makes_the_same_edit_again() {
        let plain = edit();
        let again = |e: &RegionEdit, image: &'static [u8]| {
            let json = serde_json::to_string(&e.plan()).unwrap();
            let plan: RegionPlan = serde_json::from_str(&json).unwrap();
            plan.edit(e.name.clone(), bytes::Bytes::from_static(image))
                .unwrap()
        };
        assert_eq!(again(&plain, b"original"), plain);
        let crop = Rect {
            x: 5,
            y: 6,
            width: 120,
            height: 90,
        };
        let detail = RegionEdit {
            detail: Some(Detail {
                crop,
                sent: bytes::Bytes::from_static(b"crop"),
            }),
            ..edit()
        };
        let made = again(&detail, b"original");
        assert_eq!(made.detail.map(|d| d.crop), Some(crop));
        assert_eq!((made.ops, made.original), (detail.ops, detail.original));
        // An expansion comes back over its canvas, the original's place kept.
        let placed = expand((40, 30), Expand::Ratio("16:9"), &["16:9"]).unwrap();
        let expansion = RegionEdit {
            dims: (placed.width, placed.height),
            ops: new_area(&placed),
            expand: Some(Expansion {
                placed,
                canvas: bytes::Bytes::from_static(b"canvas"),
            }),
            ..edit()
        };
        let made = again(&expansion, b"canvas");
        let x = made.expand.unwrap();
        assert_eq!(
            (x.placed.original, x.canvas),
            (placed.original, made.original)
        );
        assert_eq!(
            (x.placed.width, x.placed.height),
            (placed.width, placed.height)
        );
        // A plan that cannot be read makes no edit.
        let mut broken = plain.plan();
        broken.steps = vec![99.0];
        assert_eq!(broken.edit("a.png".into(), bytes::Bytes::new()), None);
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
