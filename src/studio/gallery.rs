//! Justified rows for the stage's gallery: every image at its true aspect ratio, the images of one row
//! at one height, every row but the last as wide as the stage, the last at the target height.

/// The stage a layout is made for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// The stage's inner width, in CSS pixels.
    pub width: f64,
    /// The gap between tiles, across and down.
    pub gap: f64,
}

impl Frame {
    /// The row height aimed at and the most images in a row, for this width: two to a row on a phone
    /// (so a square pair fills it), rows about 320 px tall on anything wider.
    pub fn rows(self) -> (f64, usize) {
        if self.width < 560.0 {
            (((self.width - self.gap) / 2.0).max(80.0), 2)
        } else if self.width < 900.0 {
            (260.0, 4)
        } else {
            (320.0, 6)
        }
    }
}

/// One tile's box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tile {
    pub width: f64,
    pub height: f64,
    /// Which row it is in (0 is the top).
    pub row: usize,
}

/// Lays out images of these aspect ratios (width / height; anything not finite and positive counts as
/// square) in rows across `frame`.
pub fn justify(ratios: &[f64], frame: Frame) -> Vec<Tile> {
    let (target, most) = frame.rows();
    let width = frame.width.max(1.0);
    let ratios: Vec<f64> = ratios
        .iter()
        .map(|r| if r.is_finite() && *r > 0.0 { *r } else { 1.0 })
        .collect();
    let mut tiles = Vec::with_capacity(ratios.len());
    let mut start = 0;
    let mut row = 0;
    while start < ratios.len() {
        // The height that makes images start..end exactly as wide as the stage.
        let fill = |end: usize| {
            let sum: f64 = ratios[start..end].iter().sum();
            (width - frame.gap * (end - start - 1) as f64) / sum
        };
        let mut end = start + 1;
        while end < ratios.len() && end - start < most && fill(end) > target {
            end += 1;
        }
        let full = fill(end) <= target || end - start == most;
        // A row that overshoots is kept one image shorter when that height is nearer the target.
        if full && end - start > 1 && fill(end) < target {
            let (with, without) = (fill(end), fill(end - 1));
            // …up to 420 px (the tallest row a desktop shows), or 1.5 × the target on a phone.
            let tallest = if most == 2 {
                target * 1.5
            } else {
                (target * 1.5).max(420.0)
            };
            if (target / with).ln() > (without / target).ln() && without <= tallest {
                end -= 1;
            }
        }
        // On a phone a pair is kept only when both stay at least 70 % of the target tall (a portrait
        // beside a panorama, or two wide images, would make thumbnails): otherwise each has the width
        // to itself.
        if most == 2 && end - start == 2 && fill(end) < target * 0.7 {
            end -= 1;
        }
        let last = end == ratios.len();
        // The last row keeps the target height unless it is full; on a phone it may grow to twice
        // that, so a lone image fills the width.
        let cap = if most == 2 { target * 2.0 } else { target };
        let height = if last && !full {
            fill(end).min(cap)
        } else {
            fill(end)
        };
        for r in &ratios[start..end] {
            tiles.push(Tile {
                width: r * height,
                height,
                row,
            });
        }
        start = end;
        row += 1;
    }
    tiles
}

/// The ids from `from` to `to` inclusive, in the order shown (either way round); only `to` when
/// `from` is no longer shown.
pub fn span(order: &[u64], from: u64, to: u64) -> Vec<u64> {
    match (
        order.iter().position(|i| *i == from),
        order.iter().position(|i| *i == to),
    ) {
        (Some(a), Some(b)) => order[a.min(b)..=a.max(b)].to_vec(),
        _ => vec![to],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(tiles: &[Tile]) -> Vec<Vec<Tile>> {
        let mut out: Vec<Vec<Tile>> = Vec::new();
        for t in tiles {
            match out.last_mut() {
                Some(r) if r[0].row == t.row => r.push(*t),
                _ => out.push(vec![*t]),
            }
        }
        out
    }

    fn used(row: &[Tile], gap: f64) -> f64 {
        row.iter().map(|t| t.width).sum::<f64>() + gap * (row.len() - 1) as f64
    }

    #[test]
    fn a_panorama_does_not_shrink_its_row_to_a_strip() {
        let frame = Frame {
            width: 833.0,
            gap: 6.0,
        };
        let rows = rows(&justify(&[1.0, 1.0, 8.0], frame));
        assert_eq!(rows.iter().map(Vec::len).collect::<Vec<_>>(), [2, 1]);
        assert!(
            rows[0][0].height > 400.0 && rows[0][0].height <= 420.0,
            "{}",
            rows[0][0].height
        );
    }

    #[test]
    fn a_phone_never_pairs_a_portrait_with_a_panorama() {
        let frame = Frame {
            width: 308.0,
            gap: 6.0,
        };
        let tiles = justify(&[9.0 / 16.0, 21.0 / 9.0, 1.0, 1.0], frame);
        let rows = rows(&tiles);
        assert_eq!(rows.iter().map(Vec::len).collect::<Vec<_>>(), [1, 1, 2]);
        for row in &rows {
            assert!(
                (used(row, 6.0) - 308.0).abs() < 0.5,
                "each row fills the width"
            );
        }
    }

    #[test]
    fn a_first_result_shows_large() {
        let frame = Frame {
            width: 1100.0,
            gap: 6.0,
        };
        let t = justify(&[1.0], frame);
        assert_eq!(t.len(), 1);
        assert!((t[0].height - 320.0).abs() < 1e-9);
        assert!((t[0].width - 320.0).abs() < 1e-9);
    }

    #[test]
    fn full_rows_fill_the_width_at_one_height() {
        let frame = Frame {
            width: 1100.0,
            gap: 6.0,
        };
        let ratios = [
            1.5,
            0.5625,
            1.0,
            16.0 / 9.0,
            0.75,
            2.0,
            1.0,
            4.0 / 3.0,
            0.6667,
        ];
        let tiles = justify(&ratios, frame);
        let rows = rows(&tiles);
        assert!(rows.len() >= 2);
        for (i, row) in rows.iter().enumerate() {
            assert!(row.iter().all(|t| (t.height - row[0].height).abs() < 1e-9));
            if i + 1 < rows.len() {
                assert!((used(row, 6.0) - 1100.0).abs() < 1e-6, "row {i} fills");
                assert!(
                    row[0].height > 200.0 && row[0].height < 480.0,
                    "row {i}: {}",
                    row[0].height
                );
            } else {
                assert!(used(row, 6.0) <= 1100.0 + 1e-6);
            }
        }
        for (t, r) in tiles.iter().zip(ratios) {
            assert!((t.width / t.height - r).abs() < 1e-9, "true ratio");
        }
    }

    #[test]
    fn a_phone_has_one_or_two_to_a_row() {
        let frame = Frame {
            width: 366.0,
            gap: 6.0,
        };
        let ratios = [0.5625, 0.5625, 0.5625, 1.0, 1.0, 3.0, 0.75];
        let rows = rows(&justify(&ratios, frame));
        assert!(rows.iter().all(|r| r.len() <= 2));
        for row in &rows[..rows.len() - 1] {
            assert!((used(row, 6.0) - 366.0).abs() < 1e-6);
        }
        // Two squares fill a phone's row exactly.
        let two = justify(&[1.0, 1.0], frame);
        assert!((two[0].height - 180.0).abs() < 1e-9 && two[1].row == 0);
    }

    #[test]
    fn a_panorama_wider_than_the_stage_fits_it() {
        let frame = Frame {
            width: 600.0,
            gap: 6.0,
        };
        let t = justify(&[8.0, f64::NAN, 0.0, 1.0], frame);
        assert!((t[0].width - 600.0).abs() < 1e-9);
        assert!(
            (t[1].width / t[1].height - 1.0).abs() < 1e-9,
            "unknown ratios are square"
        );
    }

    #[test]
    fn a_shift_click_spans_the_tiles_between() {
        let order = [9, 7, 5, 3, 1];
        assert_eq!(span(&order, 7, 3), vec![7, 5, 3]);
        assert_eq!(span(&order, 1, 5), vec![5, 3, 1]);
        assert_eq!(span(&order, 5, 5), vec![5]);
        assert_eq!(span(&order, 42, 3), vec![3]);
    }
}
