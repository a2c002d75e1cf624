use super::*;

fn style() -> Style {
    Style {
        color: "#ff0000".into(),
        width: 8.0,
    }
}

#[test]
fn undo_and_redo_walk_the_steps_clear_included() {
    let mut s = Sketch::default();
    assert!(
        !s.push(Mark::Rect(Pt::new(5.0, 5.0), Pt::new(5.5, 5.0), style())),
        "a click is no rectangle"
    );
    assert!(!s.can_undo());
    s.push(Mark::Stroke(
        vec![Pt::new(0.0, 0.0), Pt::new(10.0, 10.0)],
        style(),
    ));
    s.push(Mark::Arrow(Pt::new(0.0, 0.0), Pt::new(100.0, 0.0), style()));
    s.clear();
    assert!(s.marks().is_empty());
    s.undo();
    assert_eq!(s.marks().len(), 2, "undoing a clear brings every mark back");
    s.undo();
    assert_eq!(s.marks().len(), 1);
    s.redo();
    assert_eq!(s.marks().len(), 2);
    s.redo();
    assert!(s.marks().is_empty(), "the clear again");
    assert!(!s.can_redo());
    s.undo();
    s.undo();
    s.push(Mark::Text(Pt::new(1.0, 1.0), "here".into(), style(), 24.0));
    assert!(!s.can_redo(), "a new mark ends redo");
    assert_eq!(s.marks().len(), 2);
}

#[test]
fn shapes_become_canvas_operations() {
    let rect = Mark::Rect(Pt::new(10.0, 20.0), Pt::new(30.0, 60.0), style()).ops();
    assert_eq!(
        rect,
        [Op::Line {
            points: vec![
                Pt::new(10.0, 20.0),
                Pt::new(30.0, 20.0),
                Pt::new(30.0, 60.0),
                Pt::new(10.0, 60.0),
                Pt::new(10.0, 20.0)
            ],
            color: "#ff0000".into(),
            width: 8.0
        }]
    );
    let Op::Ellipse { center, rx, ry, .. } =
        &Mark::Ellipse(Pt::new(30.0, 60.0), Pt::new(10.0, 20.0), style()).ops()[0]
    else {
        panic!("an ellipse")
    };
    assert_eq!((*center, *rx, *ry), (Pt::new(20.0, 40.0), 10.0, 20.0));
    let arrow = Mark::Arrow(Pt::new(0.0, 0.0), Pt::new(100.0, 0.0), style()).ops();
    let Op::Fill { points, .. } = &arrow[1] else {
        panic!("a head")
    };
    assert_eq!(
        points[0],
        Pt::new(100.0, 0.0),
        "the head's tip is the arrow's end"
    );
    assert!(points[1].x < 100.0 && points[2].x < 100.0, "behind the tip");
    assert!(
        (points[1].y + points[2].y).abs() < 1e-9 && points[1].y.abs() > 1.0,
        "either side of the shaft"
    );
}

#[test]
fn the_view_maps_pointer_to_image_pixels() {
    let v = View {
        image: (4096, 2304),
        shown: (1024.0, 576.0),
    };
    assert_eq!(v.scale(), 4.0);
    assert_eq!(v.to_image(512.0, 288.0), Pt::new(2048.0, 1152.0));
    assert_eq!(
        v.to_image(-5.0, 9999.0),
        Pt::new(0.0, 2304.0),
        "kept on the image"
    );
    assert_eq!(v.backing(2.0), (2048, 1152));
    assert_eq!(
        v.backing(8.0),
        (2048, 1152),
        "never over MAX_BACKING on the long edge"
    );
    let narrow = View {
        image: (1000, 4000),
        shown: (300.0, 1200.0),
    };
    assert_eq!(narrow.backing(1.5), (450, 1800), "the pixel ratio counts");
    assert_eq!(
        narrow.backing(3.0),
        (512, 2048),
        "capped on the long edge, here the height"
    );
    let small = View {
        image: (300, 200),
        shown: (600.0, 400.0),
    };
    assert_eq!(
        small.backing(2.0),
        (300, 200),
        "never more pixels than the image"
    );
}

#[test]
fn a_held_pointer_does_not_pile_up_points() {
    let mut pts = Vec::new();
    assert!(extend_stroke(&mut pts, Pt::new(0.0, 0.0), 2.0));
    assert!(!extend_stroke(&mut pts, Pt::new(1.0, 1.0), 2.0));
    assert!(extend_stroke(&mut pts, Pt::new(3.0, 0.0), 2.0));
    assert_eq!(pts.len(), 2);
}
