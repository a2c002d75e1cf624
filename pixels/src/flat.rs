//! The region's painting steps as one flat list of numbers, the form they cross into the image
//! worker in (a `Float64Array`), and back.
//!
//! Each step is a code followed by its numbers: `0`/`1` a brush stroke (adding/erasing): radius, point
//! count, then x, y for each point; `2`/`3` a rectangle (adding/erasing): x, y of both corners; `4`
//! invert; `5` clear.

use crate::{Pt, RegionOp};

/// `ops` as a flat list.
pub fn encode(ops: &[RegionOp]) -> Vec<f64> {
    let mut out = Vec::new();
    for op in ops {
        match op {
            RegionOp::Brush {
                points,
                radius,
                erase,
            } => {
                out.extend([f64::from(u8::from(*erase)), *radius, points.len() as f64]);
                out.extend(points.iter().flat_map(|p| [p.x, p.y]));
            }
            RegionOp::Rect { from, to, erase } => {
                out.extend([
                    2.0 + f64::from(u8::from(*erase)),
                    from.x,
                    from.y,
                    to.x,
                    to.y,
                ]);
            }
            RegionOp::Invert => out.push(4.0),
            RegionOp::Clear => out.push(5.0),
        }
    }
    out
}

/// The steps in a flat list; `None` when it is cut short or has an unknown code.
pub fn decode(flat: &[f64]) -> Option<Vec<RegionOp>> {
    let mut ops = Vec::new();
    let mut rest = flat;
    while let Some((&code, tail)) = rest.split_first() {
        rest = tail;
        let op = match code as u8 {
            c @ (0 | 1) if code.fract() == 0.0 => {
                let (&radius, tail) = rest.split_first()?;
                let (&n, tail) = tail.split_first()?;
                let n = usize::try_from(n as u64).ok().filter(|_| n >= 0.0)?;
                let coords = tail.get(..n.checked_mul(2)?)?;
                rest = &tail[n * 2..];
                RegionOp::Brush {
                    points: coords.chunks(2).map(|c| Pt::new(c[0], c[1])).collect(),
                    radius,
                    erase: c == 1,
                }
            }
            c @ (2 | 3) if code.fract() == 0.0 => {
                let v = rest.get(..4)?;
                rest = &rest[4..];
                RegionOp::Rect {
                    from: Pt::new(v[0], v[1]),
                    to: Pt::new(v[2], v[3]),
                    erase: c == 3,
                }
            }
            4 if code == 4.0 => RegionOp::Invert,
            5 if code == 5.0 => RegionOp::Clear,
            _ => return None,
        };
        ops.push(op);
    }
    Some(ops)
}

impl RegionOp {
    /// The same step on an image `factor` times as large (a copy drawn at another size).
    pub fn scaled(&self, factor: f64) -> RegionOp {
        self.moved(|p| Pt::new(p.x * factor, p.y * factor), factor)
    }

    /// The same step with every point taken through `at` and the brush's radius times `radius`.
    pub(crate) fn moved(&self, at: impl Fn(&Pt) -> Pt, radius: f64) -> RegionOp {
        match self {
            RegionOp::Brush {
                points,
                radius: r,
                erase,
            } => RegionOp::Brush {
                points: points.iter().map(at).collect(),
                radius: r * radius,
                erase: *erase,
            },
            RegionOp::Rect { from, to, erase } => RegionOp::Rect {
                from: at(from),
                to: at(to),
                erase: *erase,
            },
            op => op.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<RegionOp> {
        vec![
            RegionOp::Brush {
                points: vec![Pt::new(1.0, 2.0), Pt::new(3.5, 4.0)],
                radius: 6.0,
                erase: false,
            },
            RegionOp::Rect {
                from: Pt::new(10.0, 0.0),
                to: Pt::new(0.0, 7.0),
                erase: true,
            },
            RegionOp::Invert,
            RegionOp::Brush {
                points: vec![Pt::new(9.0, 9.0)],
                radius: 2.0,
                erase: true,
            },
            RegionOp::Clear,
        ]
    }

    #[test]
    fn round_trips() {
        assert_eq!(decode(&encode(&sample())), Some(sample()));
        assert_eq!(decode(&[]), Some(vec![]));
    }

    #[test]
    fn refuses_short_or_unknown_lists() {
        let flat = encode(&sample());
        for cut in 1..flat.len() {
            // Every cut inside a step is refused; a cut between steps reads the steps before it.
            if let Some(ops) = decode(&flat[..cut]) {
                assert_eq!(encode(&ops), flat[..cut]);
            }
        }
        assert_eq!(decode(&[6.0]), None);
        assert_eq!(decode(&[0.5]), None);
        assert_eq!(decode(&[0.0, 3.0, -1.0]), None);
    }

    #[test]
    fn scaling_moves_points_and_radius() {
        let op = RegionOp::Brush {
            points: vec![Pt::new(2.0, 3.0)],
            radius: 4.0,
            erase: false,
        };
        assert_eq!(
            op.scaled(2.5),
            RegionOp::Brush {
                points: vec![Pt::new(5.0, 7.5)],
                radius: 10.0,
                erase: false,
            }
        );
        assert_eq!(RegionOp::Invert.scaled(3.0), RegionOp::Invert);
    }
}
