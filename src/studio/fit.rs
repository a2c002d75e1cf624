//! What an image came back as, against what was asked: its size class (512, 1K, 2K, 4K) and aspect
//! ratio, and whether either differs from the request. Relays often ignore 4K or the ratio; the result
//! card and the lightbox say so instead of letting it pass.

use crate::protocol::catalogue::FLASH_31_RATIOS;
use crate::protocol::ImageSize;

/// How far (as a natural log of the quotient) a ratio may stray from the asked one and still count
/// as it: Gemini's own sizes round to multiples of 16 or 32 px (16:9 at 1K is 1376×768, 1.2 % off).
const RATIO_TOLERANCE: f64 = 0.04;

/// An image's size and shape, and what differs from the request.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    /// The nominal size the pixels match best.
    pub size: ImageSize,
    /// Its aspect ratio as a known ratio (`16:9`), or width:height reduced (`7:5`, `1.79:1`).
    pub ratio: String,
    /// The size that was asked for, when the image is not that size.
    pub asked_size: Option<ImageSize>,
    /// The ratio that was asked for, when the image is not that shape.
    pub asked_ratio: Option<String>,
}

impl Fit {
    /// Whether the image differs from what was asked in size or shape.
    pub fn differs(&self) -> bool {
        self.asked_size.is_some() || self.asked_ratio.is_some()
    }
}

/// Compares `width`×`height` with the asked size (none: the provider's default, not checked) and
/// ratio (empty or `auto`: not checked).
pub fn fit(
    width: u32,
    height: u32,
    asked_size: Option<ImageSize>,
    asked_ratio: &str,
) -> Option<Fit> {
    if width == 0 || height == 0 {
        return None;
    }
    let (w, h) = (f64::from(width), f64::from(height));
    // Providers scale either the long edge (2K: 2048 px wide) or the area (2K 16:9: 2752×1536) to the
    // nominal size; an image matches a size when either reading does.
    let by_edge = nearest_size(w.max(h));
    let by_area = nearest_size((w * h).sqrt());
    let matched = asked_size.filter(|a| *a == by_edge || *a == by_area);
    let shape = w / h;
    let asked_ratio = parse_ratio(asked_ratio)
        .filter(|r| (shape / r).ln().abs() > RATIO_TOLERANCE)
        .map(|_| asked_ratio.trim().to_string());
    Some(Fit {
        // The size asked for when either reading gives it, else what the pixels hold.
        size: matched.unwrap_or(by_area),
        ratio: ratio_label(width, height),
        asked_size: asked_size.filter(|_| matched.is_none()),
        asked_ratio,
    })
}

/// The nominal size nearest to `edge` pixels, on a logarithmic scale.
fn nearest_size(edge: f64) -> ImageSize {
    let px = |s: ImageSize| match s {
        ImageSize::S512 => 512.0,
        ImageSize::K1 => 1024.0,
        ImageSize::K2 => 2048.0,
        ImageSize::K4 => 4096.0,
    };
    let mut best = ImageSize::K1;
    let mut best_d = f64::INFINITY;
    for s in ImageSize::ALL {
        let d = (edge / px(s)).log2().abs();
        if d < best_d {
            best = s;
            best_d = d;
        }
    }
    best
}

pub use super::region::parse_ratio;

/// The ratio's name: a known ratio within the tolerance, else the reduced fraction when it is small,
/// else a decimal against 1.
fn ratio_label(width: u32, height: u32) -> String {
    let shape = f64::from(width) / f64::from(height);
    if let Some(known) = FLASH_31_RATIOS
        .iter()
        .filter_map(|r| parse_ratio(r).map(|v| (r, (shape / v).ln().abs())))
        .filter(|(_, d)| *d <= RATIO_TOLERANCE)
        .min_by(|a, b| a.1.total_cmp(&b.1))
    {
        return known.0.to_string();
    }
    let g = gcd(width, height);
    let (a, b) = (width / g, height / g);
    if a <= 32 && b <= 32 {
        format!("{a}:{b}")
    } else if shape >= 1.0 {
        format!("{}:1", crate::protocol::format::fixed(shape, 2))
    } else {
        format!("1:{}", crate::protocol::format::fixed(1.0 / shape, 2))
    }
}

fn gcd(mut a: u32, mut b: u32) -> u32 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn gemini_sizes_match_what_was_asked() {
        // Gemini's own table (area-scaled) and the long-edge reading of relays.
        for (w, h, size, ratio) in [
            (1024, 1024, ImageSize::K1, "1:1"),
            (1376, 768, ImageSize::K1, "16:9"),
            (2752, 1536, ImageSize::K2, "16:9"),
            (5504, 3072, ImageSize::K4, "16:9"),
            (1584, 672, ImageSize::K1, "21:9"),
            (928, 1152, ImageSize::K1, "4:5"),
            (2048, 1152, ImageSize::K2, "16:9"),
            (1024, 256, ImageSize::K1, "4:1"),
            (512, 512, ImageSize::S512, "1:1"),
        ] {
            let f = fit(w, h, Some(size), ratio).unwrap();
            assert!(!f.differs(), "{w}×{h}: {f:?}");
            assert_eq!(f.size, size, "{w}×{h}");
            assert_eq!(f.ratio, ratio, "{w}×{h}");
        }
    }

    #[test]
    fn an_ignored_size_or_ratio_is_marked() {
        let f = fit(1024, 1024, Some(ImageSize::K4), "16:9").unwrap();
        assert_eq!(f.asked_size, Some(ImageSize::K4));
        assert_eq!(f.asked_ratio.as_deref(), Some("16:9"));
        assert_eq!((f.size, f.ratio.as_str()), (ImageSize::K1, "1:1"));
        let f = fit(2048, 2048, Some(ImageSize::K4), "").unwrap();
        assert_eq!(f.asked_size, Some(ImageSize::K4));
        assert_eq!(f.asked_ratio, None);
        assert!(f.differs());
    }

    #[test]
    fn nothing_asked_nothing_marked() {
        let f = fit(1000, 333, None, "auto").unwrap();
        assert!(!f.differs());
        assert_eq!(f.ratio, "3.00:1");
        assert_eq!(fit(600, 400, None, "").unwrap().ratio, "3:2");
        assert_eq!(fit(0, 10, None, ""), None);
    }

    #[test]
    fn odd_shapes_are_named_plainly() {
        assert_eq!(ratio_label(700, 500), "7:5");
        assert_eq!(ratio_label(1000, 3001), "1:3.00");
    }

    proptest! {
        #[test]
        fn an_image_of_the_asked_shape_is_never_marked_for_its_ratio(
            ratio in prop::sample::select(FLASH_31_RATIOS.to_vec()),
            long in 256u32..6000,
        ) {
            let r = parse_ratio(ratio).unwrap();
            let (w, h) = if r >= 1.0 { (long, ((f64::from(long) / r).round() as u32).max(1)) } else { (((f64::from(long) * r).round() as u32).max(1), long) };
            // Rounding to whole pixels stays inside the tolerance from 256 px up except for 1:8 / 8:1 at
            // the smallest sizes.
            prop_assume!(w.min(h) >= 64);
            let f = fit(w, h, None, ratio).unwrap();
            prop_assert_eq!(f.asked_ratio, None);
        }

        #[test]
        fn a_size_two_steps_away_is_always_marked(long in 2900u32..6000, ratio in prop::sample::select(FLASH_31_RATIOS.to_vec())) {
            // A 4K-class image asked as 1K (or 512) is never taken for it.
            let r = parse_ratio(ratio).unwrap();
            let (w, h) = if r >= 1.0 { (long, ((f64::from(long) / r).round() as u32).max(1)) } else { (((f64::from(long) * r).round() as u32).max(1), long) };
            prop_assume!((f64::from(w) * f64::from(h)).sqrt() > 2900.0);
            prop_assert!(fit(w, h, Some(ImageSize::K1), "").unwrap().asked_size.is_some());
            prop_assert!(fit(w, h, Some(ImageSize::S512), "").unwrap().asked_size.is_some());
        }
    }
}
