//! When, and how far, a reference image is shrunk before it is sent: over the provider's size limit
//! or the user's long-edge limit. Decided here; the browser does the pixels (`browser::resize`).

use crate::protocol::error::human_size;
use crate::protocol::image::ImageKind;

/// The long-edge limits offered in the form, in pixels.
pub const LONG_EDGES: &[u32] = &[4096, 3072, 2048, 1536, 1024];

/// How many encodings are tried before a reference is given up as too large.
pub const MAX_ATTEMPTS: usize = 5;

/// Below this long edge a reference is not shrunk any further.
pub const SMALLEST_EDGE: u32 = 64;

/// Quality of the first lossy encoding, and of later ones.
const QUALITY: f64 = 0.9;
const LOWER_QUALITY: f64 = 0.85;

/// What a reference must fit in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// The provider's limit for one reference, in raw bytes.
    pub max_bytes: usize,
    /// The user's long-edge limit, if any.
    pub long_edge: Option<u32>,
    /// Whether the provider takes WebP (the lossy format that keeps transparency).
    pub webp: bool,
}

impl Limits {
    /// Limits for a provider taking `input_types` up to `max_bytes` each, with the user's `long_edge`.
    pub fn new(max_bytes: usize, long_edge: Option<u32>, input_types: &[&str]) -> Self {
        Limits {
            max_bytes,
            long_edge,
            webp: input_types.contains(&ImageKind::Webp.mime()),
        }
    }

    /// The lossy format for an image with or without transparency: JPEG (quick to encode, taken
    /// everywhere) unless transparency must be kept and the provider takes WebP.
    pub fn lossy(&self, alpha: bool) -> ImageKind {
        if alpha && self.webp {
            ImageKind::Webp
        } else {
            ImageKind::Jpeg
        }
    }

    /// Whether an image of `len` bytes and header size `dims` (unknown for some formats) might need
    /// shrinking, so is worth decoding.
    pub fn may_apply(&self, dims: Option<(u32, u32)>, len: usize) -> bool {
        len > self.max_bytes
            || match (dims, self.long_edge) {
                (Some((w, h)), Some(cap)) => w.max(h) > cap,
                (None, Some(_)) => true,
                _ => false,
            }
    }
}

/// One encoding to try: the long edge, the format, and its quality (lossy formats only).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    pub long_edge: u32,
    pub kind: ImageKind,
    pub quality: f64,
}

/// The first encoding for a `kind` image (with transparency or not) of `width`×`height` (as decoded)
/// and `len` bytes, or `None` when it fits as it is.
pub fn first_step(
    kind: ImageKind,
    alpha: bool,
    (width, height): (u32, u32),
    len: usize,
    limits: &Limits,
) -> Option<Step> {
    let long = width.max(height).max(1);
    let capped = limits.long_edge.map_or(long, |cap| cap.clamp(1, long));
    if capped == long && len <= limits.max_bytes {
        return None;
    }
    let area = (f64::from(capped) / f64::from(long)).powi(2);
    // Same format at the new size: bytes scale about with the pixels.
    let same = len as f64 * area;
    let budget = limits.max_bytes as f64 * 0.9;
    let (kind, estimate) = match kind {
        ImageKind::Jpeg => (kind, same),
        ImageKind::Webp => (limits.lossy(alpha), same),
        ImageKind::Png if same <= budget => (ImageKind::Png, same),
        // Lossy photos are several times smaller than PNG; the next step corrects a wrong guess.
        _ => (limits.lossy(alpha), same / 4.0),
    };
    let long_edge = if estimate > budget {
        shrink(capped, budget / estimate)
    } else {
        capped
    };
    Some(Step {
        long_edge,
        kind,
        quality: QUALITY,
    })
}

/// The next encoding after `step` gave `got` bytes, or `None` when that fits (or nothing smaller is
/// worth trying).
pub fn next_step(step: &Step, alpha: bool, got: usize, limits: &Limits) -> Option<Step> {
    if got <= limits.max_bytes {
        return None;
    }
    if step.kind == ImageKind::Png {
        // Lossless did not fit: the same size, lossy.
        return Some(Step {
            kind: limits.lossy(alpha),
            ..*step
        });
    }
    let long_edge = shrink(step.long_edge, 0.85 * limits.max_bytes as f64 / got as f64);
    (long_edge >= SMALLEST_EDGE && long_edge < step.long_edge).then_some(Step {
        long_edge,
        kind: step.kind,
        quality: LOWER_QUALITY,
    })
}

/// `edge` scaled so the area scales by `area` (below 1).
fn shrink(edge: u32, area: f64) -> u32 {
    ((f64::from(edge) * area.sqrt()).floor() as u32).clamp(1, edge)
}

/// `width`×`height` scaled to at most `long_edge` on its long side: aspect ratio kept, never
/// upscaled, never zero.
pub fn fit(width: u32, height: u32, long_edge: u32) -> (u32, u32) {
    let long = width.max(height).max(1);
    if long <= long_edge {
        return (width.max(1), height.max(1));
    }
    let scale = |side: u32| {
        ((u64::from(side) * u64::from(long_edge) + u64::from(long) / 2) / u64::from(long)).max(1)
            as u32
    };
    (scale(width), scale(height))
}

/// Why a reference was shrunk.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reason {
    /// Over the user's long-edge limit.
    LongEdge(u32),
    /// Over the provider's limit per reference.
    Bytes(usize),
}

impl Reason {
    /// The reason for shrinking an image of `long` pixels and `len` bytes; the provider's limit wins.
    pub fn of(long: u32, len: usize, limits: &Limits) -> Self {
        match limits.long_edge {
            Some(cap) if long > cap && len <= limits.max_bytes => Reason::LongEdge(cap),
            _ => Reason::Bytes(limits.max_bytes),
        }
    }
}

/// What shrinking a reference did, for the form to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Resized {
    pub from: (u32, u32),
    pub from_bytes: usize,
    pub to: (u32, u32),
    pub to_bytes: usize,
    pub kind: ImageKind,
    pub reason: Reason,
}

impl Resized {
    /// How much smaller the copy is than the original, in percent (negative when larger).
    pub fn saved_percent(&self) -> f64 {
        100.0 * (1.0 - self.to_bytes as f64 / self.from_bytes.max(1) as f64)
    }

    /// One line: sizes before and after, the saving and why, e.g. "4032×3024 → 2048×1536 JPEG,
    /// 6.1 MB → 810 KB (87 % smaller; over your 2048 px limit)".
    pub fn summary(&self) -> String {
        let saved = self.saved_percent();
        let saving = if saved >= 0.5 {
            format!("{} % smaller", crate::protocol::format::fixed(saved, 0))
        } else {
            "no smaller in bytes".to_string()
        };
        let why = match self.reason {
            Reason::LongEdge(cap) => format!("over your {cap} px limit"),
            Reason::Bytes(max) => format!("over the provider's {} per image", human_size(max)),
        };
        format!(
            "{}×{} → {}×{} {}, {} → {} ({saving}; {why})",
            self.from.0,
            self.from.1,
            self.to.0,
            self.to.1,
            self.kind.name(),
            human_size(self.from_bytes),
            human_size(self.to_bytes),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::protocol::catalogue::MB;

    fn limits(max_bytes: usize, long_edge: Option<u32>) -> Limits {
        Limits::new(
            max_bytes,
            long_edge,
            &["image/png", "image/jpeg", "image/webp"],
        )
    }

    #[test]
    fn fits_as_it_is_when_under_both_limits() {
        let l = limits(10 * MB, Some(2048));
        assert_eq!(
            first_step(ImageKind::Png, false, (2048, 1024), 3 * MB, &l),
            None
        );
        assert!(!l.may_apply(Some((2048, 1024)), 3 * MB));
        assert!(l.may_apply(Some((2049, 1024)), 3 * MB));
        assert!(
            l.may_apply(None, 3 * MB),
            "unknown size with a limit set: decode to see"
        );
        assert!(!limits(10 * MB, None).may_apply(None, 3 * MB));
        assert!(limits(10 * MB, None).may_apply(None, 11 * MB));
    }

    #[test]
    fn the_long_edge_limit_keeps_the_format() {
        let l = limits(10 * MB, Some(2048));
        let step = first_step(ImageKind::Jpeg, false, (4032, 3024), 6 * MB, &l).unwrap();
        assert_eq!((step.long_edge, step.kind), (2048, ImageKind::Jpeg));
        let step = first_step(ImageKind::Png, true, (4096, 4096), 8 * MB, &l).unwrap();
        assert_eq!((step.long_edge, step.kind), (2048, ImageKind::Png));
        assert_eq!(fit(4032, 3024, step.long_edge), (2048, 1536));
        assert_eq!(fit(3024, 4032, step.long_edge), (1536, 2048));
    }

    #[test]
    fn a_png_over_the_byte_limit_goes_lossy_keeping_transparency_where_the_provider_can() {
        let l = limits(10 * MB, None);
        let step = first_step(ImageKind::Png, false, (4000, 3000), 30 * MB, &l).unwrap();
        assert_eq!(step.kind, ImageKind::Jpeg, "opaque: JPEG");
        let step = first_step(ImageKind::Png, true, (4000, 3000), 30 * MB, &l).unwrap();
        assert_eq!(step.kind, ImageKind::Webp, "transparent: WebP");
        let jpeg_only = Limits::new(10 * MB, None, &["image/png", "image/jpeg"]);
        let step = first_step(ImageKind::Png, true, (4000, 3000), 30 * MB, &jpeg_only).unwrap();
        assert_eq!(step.kind, ImageKind::Jpeg, "no WebP: JPEG on white");
        // A lossless result that did not fit is tried lossy at the same size before shrinking.
        let png = Step {
            long_edge: 3000,
            kind: ImageKind::Png,
            quality: QUALITY,
        };
        let next = next_step(&png, true, 12 * MB, &jpeg_only).unwrap();
        assert_eq!((next.long_edge, next.kind), (3000, ImageKind::Jpeg));
    }

    #[test]
    fn a_jpeg_over_the_byte_limit_is_shrunk_by_area() {
        let step = first_step(
            ImageKind::Jpeg,
            false,
            (8000, 6000),
            40 * MB,
            &limits(10 * MB, None),
        )
        .unwrap();
        assert_eq!(step.kind, ImageKind::Jpeg);
        // 0.9 × 10 / 40 of the area: about 47 % of the edge.
        assert!(
            (3700..=3800).contains(&step.long_edge),
            "{}",
            step.long_edge
        );
        assert_eq!(
            next_step(&step, false, 9 * MB, &limits(10 * MB, None)),
            None,
            "fits: done"
        );
        let next = next_step(&step, false, 12 * MB, &limits(10 * MB, None)).unwrap();
        assert!(next.long_edge < step.long_edge && next.quality < step.quality);
    }

    #[test]
    fn gives_up_rather_than_shrinking_to_nothing() {
        let tiny = Step {
            long_edge: 70,
            kind: ImageKind::Jpeg,
            quality: QUALITY,
        };
        assert_eq!(next_step(&tiny, false, 10 * MB, &limits(MB, None)), None);
    }

    #[test]
    fn summary_says_what_changed_and_why() {
        let r = Resized {
            from: (4032, 3024),
            from_bytes: 6_000_000,
            to: (2048, 1536),
            to_bytes: 800_000,
            kind: ImageKind::Jpeg,
            reason: Reason::of(4032, 6_000_000, &limits(10 * MB, Some(2048))),
        };
        assert_eq!(
            r.summary(),
            "4032×3024 → 2048×1536 JPEG, 6.0 MB → 800 KB (87 % smaller; over your 2048 px limit)"
        );
        let over = Reason::of(4032, 12 * MB, &limits(10 * MB, Some(2048)));
        assert_eq!(over, Reason::Bytes(10 * MB));
    }
}
