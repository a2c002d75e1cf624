//! Property tests of the annotation geometry (`studio::annotate`): pointer positions land on the
//! image, the screen's canvas never has more pixels than the image, undo and redo retrace any history.

use banana_studio::studio::annotate::{arrow_head, Mark, Pt, Sketch, Style, View, MAX_BACKING};
use proptest::prelude::*;

fn style() -> Style {
    Style {
        color: "#ff0000".into(),
        width: 6.0,
    }
}

#[derive(Clone, Debug)]
enum Step {
    Push(f64, f64),
    Clear,
    Undo,
    Redo,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0.0..500.0f64, 0.0..500.0f64).prop_map(|(x, y)| Step::Push(x, y)),
        1 => Just(Step::Clear),
        2 => Just(Step::Undo),
        2 => Just(Step::Redo),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn pointers_land_on_the_image_and_the_canvas_fits_it(
        w in 1u32..8192, h in 1u32..8192, shown_w in 1.0..3000.0f64, dpr in 0.5..4.0f64,
        x in -5000.0..5000.0f64, y in -5000.0..5000.0f64,
    ) {
        let shown = (shown_w, shown_w * f64::from(h) / f64::from(w));
        let v = View { image: (w, h), shown };
        let p = v.to_image(x, y);
        prop_assert!(p.x >= 0.0 && p.x <= f64::from(w) && p.y >= 0.0 && p.y <= f64::from(h));
        // Inside the shown box, the mapping is the scale.
        if (0.0..=shown.0).contains(&x) && (0.0..=shown.1).contains(&y) {
            prop_assert!((p.x - x * v.scale()).abs() < 1e-6);
        }
        let (bw, bh) = v.backing(dpr);
        prop_assert!(bw >= 1 && bh >= 1 && bw <= w.max(1));
        prop_assert!(bw.max(bh) <= MAX_BACKING, "{bw}×{bh}");
        prop_assert!(f64::from(bw) <= (shown.0 * dpr.clamp(1.0, 3.0)).round().max(1.0), "no more than the screen shows");
        // The canvas keeps the image's ratio to a pixel (on one side or the other: a side of one
        // pixel cannot be scaled finer).
        let (fw, fh, fbw, fbh) = (f64::from(w), f64::from(h), f64::from(bw), f64::from(bh));
        prop_assert!((fbh - fbw * fh / fw).abs() <= 1.0 || (fbw - fbh * fw / fh).abs() <= 1.0);
    }

    #[test]
    fn an_arrow_head_sits_behind_its_tip(
        ax in -1000.0..1000.0f64, ay in -1000.0..1000.0f64, bx in -1000.0..1000.0f64, by in -1000.0..1000.0f64,
        width in 0.5..80.0f64,
    ) {
        let (a, b) = (Pt::new(ax, ay), Pt::new(bx, by));
        let (l, r) = arrow_head(a, b, width);
        let len = (ax - bx).hypot(ay - by);
        for p in [l, r] {
            let d = (p.x - bx).hypot(p.y - by);
            prop_assert!(d <= len.max(1.0) + 1e-6 && d <= (width * 4.0).max(12.0) + 1e-6);
            // On the shaft's side of the tip.
            if len > 1.0 {
                let along = (p.x - bx) * (ax - bx) + (p.y - by) * (ay - by);
                prop_assert!(along > 0.0);
            }
        }
    }

    #[test]
    fn undo_all_then_redo_all_retraces_any_history(steps in prop::collection::vec(step(), 0..40)) {
        let mut s = Sketch::default();
        for st in &steps {
            match st {
                Step::Push(x, y) => { s.push(Mark::Arrow(Pt::new(0.0, 0.0), Pt::new(*x + 3.0, *y), style())); }
                Step::Clear => s.clear(),
                Step::Undo => s.undo(),
                Step::Redo => s.redo(),
            }
        }
        let now = s.marks().to_vec();
        let could_redo = s.can_redo();
        let mut undone = 0;
        while s.can_undo() {
            s.undo();
            undone += 1;
        }
        prop_assert!(s.marks().is_empty(), "every step undone leaves nothing");
        for _ in 0..undone {
            s.redo();
        }
        prop_assert_eq!(s.marks(), now.as_slice());
        prop_assert_eq!(s.can_redo(), could_redo, "what was undone before is still there to redo");
    }
}

#[test]
fn a_needle_thin_image_keeps_its_canvas_under_the_cap() {
    // Found by the property above: a 1×2050 image once got a 1×2050 canvas.
    let v = View {
        image: (1, 2050),
        shown: (1.0, 2050.0),
    };
    assert_eq!(v.backing(0.5), (1, 2048));
}
