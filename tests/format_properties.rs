//! `protocol::format::fixed` and `plain` write numbers with integers only (no float formatting linked
//! into the app): they must read back as what `format!` writes, to the last place shown.

use banana_studio::protocol::format::{fixed, human_size, plain};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    #[test]
    fn fixed_reads_back_as_format_does(x in -1.0e9f64..1.0e9, places in 0u32..5) {
        let ours = fixed(x, places);
        let std = format!("{x:.p$}", p = places as usize);
        let unit = 10f64.powi(-(places as i32));
        let (a, b): (f64, f64) = (ours.parse().unwrap(), std.parse().unwrap());
        // Equal, or one unit apart where the two round a tie (or a float product) differently.
        prop_assert!(((a - b) / unit).abs() < 1.5, "{x}: {ours} vs {std}");
        prop_assert_eq!(ours.split_once('.').map_or(0, |(_, f)| f.len()), places as usize);
    }

    #[test]
    fn plain_is_the_number_without_trailing_zeros(x in -1.0e6f64..1.0e6) {
        let s = plain(x);
        let back: f64 = s.parse().unwrap();
        // Half a unit of the sixth place, plus the float's own spacing near x: a decimal tie such
        // as 651684.2571155 is stored a hair above or below, and either rounding is right.
        prop_assert!((back - x).abs() <= 0.5e-6 + 4.0 * f64::EPSILON * x.abs().max(1.0), "{x}: {s}");
        prop_assert!(!s.contains('.') || !s.ends_with('0'), "{s}");
    }
}

#[test]
fn fixed_and_plain_on_the_numbers_people_see() {
    assert_eq!(fixed(2.345, 1), "2.3");
    assert_eq!(fixed(0.067, 3), "0.067");
    assert_eq!(fixed(12.4, 2), "12.40");
    assert_eq!(fixed(-0.04, 1), "0.0");
    assert_eq!(fixed(-1.25, 0), "-1");
    assert_eq!(fixed(87.0, 0), "87");
    assert_eq!(fixed(0.0, 2), "0.00");
    assert_eq!(plain(2.0), "2");
    assert_eq!(plain(0.95), "0.95");
    assert_eq!(plain(-1.5), "-1.5");
    assert_eq!(plain(0.0), "0");
    assert_eq!(human_size(3_200_000), "3.2 MB");
    assert_eq!(human_size(810_000), "810 KB");
    assert_eq!(human_size(999), "999 B");
}
