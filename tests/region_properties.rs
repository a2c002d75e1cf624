//! Region edits (`studio::region`): every pixel outside the region and its feather stays the original's,
//! byte for byte; the region's core is the answer's; the band between rises monotonically; answers are
//! lined up or refused; detail boxes and expanded canvases hold what they must.

use banana_studio::protocol::catalogue::FLASH_31_RATIOS;
use banana_studio::studio::fit::parse_ratio;
use banana_studio::studio::region::{
    align, colour_shift, composite, default_feather, detail_box, expand, inward, weights, Align,
    Expand, Margins, Mask, Pt, Rect, RegionOp, Shift,
};
use proptest::prelude::*;

/// Random rectangles and strokes over a `w`×`h` image.
fn ops(w: u32, h: u32) -> impl Strategy<Value = Vec<RegionOp>> {
    let (fw, fh) = (f64::from(w), f64::from(h));
    let pt = move || (0.0..fw, 0.0..fh).prop_map(|(x, y)| Pt::new(x, y));
    let op = prop_oneof![
        (pt(), pt(), any::<bool>()).prop_map(|(from, to, erase)| RegionOp::Rect {
            from,
            to,
            erase
        }),
        (
            prop::collection::vec(pt(), 1..5),
            0.5f64..6.0,
            any::<bool>()
        )
            .prop_map(|(points, radius, erase)| RegionOp::Brush {
                points,
                radius,
                erase
            }),
        Just(RegionOp::Invert),
    ];
    prop::collection::vec(op, 1..5)
}

/// An RGBA image of noise from a seed.
fn noise(n: usize, seed: u64) -> Vec<u8> {
    let mut s = seed | 1;
    (0..n * 4)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 24) as u8
        })
        .collect()
}

/// Whether any pixel within `reach` (Chebyshev, the image's border pixels repeated) of (x, y) is `inside`.
fn near(mask: &Mask, x: u32, y: u32, reach: u32, inside: bool) -> bool {
    let (x0, x1) = (x.saturating_sub(reach), (x + reach).min(mask.width - 1));
    let (y0, y1) = (y.saturating_sub(reach), (y + reach).min(mask.height - 1));
    (y0..=y1).any(|yy| (x0..=x1).any(|xx| mask.at(xx, yy) == inside))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn outside_the_feather_the_original_inside_the_core_the_answer(
        (w, h, ops) in (8u32..48, 8u32..48).prop_flat_map(|(w, h)| (Just(w), Just(h), ops(w, h))),
        radius in 0u32..9,
        seed in any::<u64>(),
    ) {
        let mask = Mask::from_ops(w, h, &ops);
        let weights = weights(&mask, radius);
        let n = (w * h) as usize;
        let (original, answer) = (noise(n, seed), noise(n, seed.wrapping_add(1)));
        let out = composite(&original, &answer, &weights, Shift::default());
        let reach = radius.div_ceil(2) * 2;
        for y in 0..h {
            for x in 0..w {
                let i = (y * w + x) as usize;
                let (o, a, c) = (&original[i * 4..i * 4 + 4], &answer[i * 4..i * 4 + 4], &out[i * 4..i * 4 + 4]);
                if !near(&mask, x, y, reach, true) {
                    prop_assert_eq!(weights[i], 0);
                    prop_assert_eq!(c, o, "({}, {}) is outside region and feather: the original's bytes", x, y);
                } else if !near(&mask, x, y, reach, false) {
                    prop_assert_eq!(weights[i], 255);
                    prop_assert_eq!(c, a, "({}, {}) is in the core: the answer's bytes", x, y);
                } else {
                    for k in 0..4 {
                        prop_assert!(c[k] >= o[k].min(a[k]) && c[k] <= o[k].max(a[k]), "a blend lies between the two");
                    }
                }
            }
        }
    }

    #[test]
    fn the_band_rises_monotonically_across_an_edge(w in 16u32..80, edge in 4u32..12, radius in 1u32..12) {
        let edge = edge.min(w - 1);
        let mask = Mask::from_ops(w, 3, &[RegionOp::Rect { from: Pt::new(f64::from(edge), 0.0), to: Pt::new(f64::from(w), 3.0), erase: false }]);
        let row = &weights(&mask, radius)[w as usize..2 * w as usize];
        prop_assert!(row.windows(2).all(|p| p[0] <= p[1]), "{:?}", row);
        if w - 1 - edge >= radius.div_ceil(2) * 2 {
            prop_assert_eq!(row[w as usize - 1], 255);
        }
    }

    #[test]
    fn masks_paint_what_they_say(w in 4u32..40, h in 4u32..40, ops in (4u32..40, 4u32..40).prop_flat_map(|(w, h)| ops(w, h))) {
        let mut mask = Mask::from_ops(w, h, &ops);
        let before = mask.clone();
        mask.apply(&RegionOp::Invert);
        mask.apply(&RegionOp::Invert);
        prop_assert_eq!(&mask, &before);
        if let Some((l, t, r, b)) = mask.bounds() {
            prop_assert!(l < r && t < b && r <= w && b <= h);
            let inside: usize = (t..b).map(|y| (l..r).filter(|&x| mask.at(x, y)).count()).sum();
            prop_assert_eq!(inside, mask.count());
        } else {
            prop_assert!(mask.is_empty());
        }
        mask.apply(&RegionOp::Clear);
        prop_assert!(mask.is_empty());
    }

    #[test]
    fn a_detail_box_holds_the_padded_region_inside_the_image_at_a_ratio_the_model_takes(
        iw in 256u32..4096, ih in 256u32..4096, fx in 0.0f64..1.0, fy in 0.0f64..1.0, fw in 0.01f64..0.3, fh in 0.01f64..0.3,
    ) {
        let bounds = Rect {
            width: ((f64::from(iw) * fw) as u32).max(1),
            height: ((f64::from(ih) * fh) as u32).max(1),
            x: 0, y: 0,
        };
        let bounds = Rect { x: ((f64::from(iw - bounds.width)) * fx) as u32, y: ((f64::from(ih - bounds.height)) * fy) as u32, ..bounds };
        let pad = 16;
        if let Some((b, ratio)) = detail_box((iw, ih), bounds, pad, FLASH_31_RATIOS) {
            prop_assert!(b.x + b.width <= iw && b.y + b.height <= ih, "{:?} inside {}×{}", b, iw, ih);
            prop_assert!(b.x <= bounds.x && b.y <= bounds.y, "{:?} holds {:?}", b, bounds);
            prop_assert!(b.x + b.width >= bounds.x + bounds.width && b.y + b.height >= bounds.y + bounds.height);
            let shape = f64::from(b.width) / f64::from(b.height);
            prop_assert!((shape / parse_ratio(ratio).unwrap() - 1.0).abs() < 0.01, "{:?} is {}", b, ratio);
        }
    }

    #[test]
    fn an_expanded_canvas_holds_the_original_at_1_to_1(
        ow in 64u32..4096, oh in 64u32..4096, ratio in prop::sample::select(FLASH_31_RATIOS.to_vec()),
    ) {
        if let Some(p) = expand((ow, oh), Expand::Ratio(ratio), FLASH_31_RATIOS) {
            prop_assert!(p.width >= ow && p.height >= oh && (p.width > ow || p.height > oh));
            prop_assert!(p.original.x + ow <= p.width && p.original.y + oh <= p.height);
            prop_assert_eq!((p.original.width, p.original.height), (ow, oh));
            let shape = f64::from(p.width) / f64::from(p.height);
            prop_assert!((shape / parse_ratio(p.ratio).unwrap() - 1.0).abs() < 0.01);
        }
    }
}

#[test]
fn answers_line_up_or_are_refused() {
    assert_eq!(align((1024, 768), (1024, 768)), Ok(Align::Same));
    assert_eq!(
        align((1024, 768), (2048, 1536)),
        Ok(Align::Scale {
            width: 1024,
            height: 768
        })
    );
    assert_eq!(
        align((1000, 1000), (1008, 1000)),
        Ok(Align::Scale {
            width: 1000,
            height: 1000
        })
    );
    let refused = align((1024, 768), (1024, 1024)).unwrap_err();
    assert!((refused.wanted - 4.0 / 3.0).abs() < 1e-9 && refused.got == 1.0);
    assert!(align((1024, 768), (0, 0)).is_err());
}

#[test]
fn expansions_to_a_ratio_and_by_margins() {
    let wide = expand((1000, 1000), Expand::Ratio("16:9"), FLASH_31_RATIOS).unwrap();
    assert_eq!((wide.width, wide.height, wide.ratio), (1778, 1000, "16:9"));
    assert_eq!((wide.original.x, wide.original.y), (389, 0));
    let even = Margins {
        left: 10.0,
        right: 10.0,
        top: 10.0,
        bottom: 10.0,
    };
    let framed = expand((1000, 1000), Expand::Margins(even), FLASH_31_RATIOS).unwrap();
    assert_eq!(
        (framed.width, framed.height, framed.ratio),
        (1200, 1200, "1:1")
    );
    assert_eq!((framed.original.x, framed.original.y), (100, 100));
    // Only to the right: the canvas grows there (to the nearest ratio the model takes).
    let right = Margins {
        right: 50.0,
        ..Margins::default()
    };
    let r = expand((1000, 1000), Expand::Margins(right), FLASH_31_RATIOS).unwrap();
    assert_eq!((r.original.x, r.original.y, r.ratio), (0, 0, "3:2"));
    assert_eq!((r.width, r.height), (1500, 1000));
    assert_eq!(
        expand((1000, 1000), Expand::Ratio("1:1"), FLASH_31_RATIOS),
        None,
        "nothing to add"
    );
}

#[test]
fn an_expansion_feathers_inward_only_where_new_area_borders() {
    // The original spans the canvas's height: its top and bottom edges are not feathered.
    let original = Rect {
        x: 10,
        y: 0,
        width: 20,
        height: 10,
    };
    let w = inward(40, 10, original, 4);
    let at = |x: usize, y: usize| w[y * 40 + x];
    assert_eq!(at(5, 5), 255, "new area: the answer's");
    assert_eq!(
        at(20, 0),
        0,
        "the top edge is the canvas's: no feather there"
    );
    assert_eq!(at(20, 5), 0, "deep inside: the original's");
    assert!(
        at(10, 5) > at(11, 5) && at(11, 5) > at(12, 5) && at(13, 5) > at(14, 5) && at(14, 5) == 0
    );
}

#[test]
fn colour_match_moves_the_answer_towards_the_surroundings() {
    // The answer is the original 20 levels darker: the band says so, and the shift undoes it.
    let (w, h) = (32u32, 32u32);
    let mask = Mask::from_ops(
        w,
        h,
        &[RegionOp::Rect {
            from: Pt::new(8.0, 8.0),
            to: Pt::new(24.0, 24.0),
            erase: false,
        }],
    );
    let weights = weights(&mask, 4);
    let original = noise((w * h) as usize, 7)
        .iter()
        .map(|v| v / 2 + 60)
        .collect::<Vec<_>>();
    let answer = original
        .iter()
        .enumerate()
        .map(|(i, v)| if i % 4 == 3 { *v } else { v - 20 })
        .collect::<Vec<_>>();
    assert_eq!(
        colour_shift(&original, &answer, &mask.data, &weights),
        Shift([20, 20, 20])
    );
    assert_eq!(
        colour_shift(&original, &original, &mask.data, &weights),
        Shift([0, 0, 0])
    );
    assert_eq!(default_feather(1024, 1024), 6);
    assert_eq!(default_feather(4096, 2304), 25);
}

/// A box at (`x`, `y`), `width`×`height`.
fn rect(x: u32, y: u32, width: u32, height: u32) -> Rect {
    Rect {
        x,
        y,
        width,
        height,
    }
}

#[test]
fn a_small_region_of_a_large_image_gets_a_small_box_a_large_one_none() {
    let region = rect(2000, 2000, 100, 100);
    let (b, ratio) = detail_box((4096, 4096), region, 32, FLASH_31_RATIOS).unwrap();
    assert_eq!((b, ratio), (rect(1968, 1968, 164, 164), "1:1"));
    let wide = rect(3, 3, 4090, 4090);
    assert_eq!(detail_box((4096, 4096), wide, 32, FLASH_31_RATIOS), None);
    // At the image's edge the box moves inside it.
    let corner = rect(0, 0, 50, 50);
    let (b, _) = detail_box((1024, 1024), corner, 32, FLASH_31_RATIOS).unwrap();
    assert_eq!((b.x, b.y), (0, 0));
}
