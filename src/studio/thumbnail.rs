//! Thumbnail sizes for the history gallery.

/// The long edge of a thumbnail, in pixels.
pub const LONG_EDGE: u32 = 256;

/// The size of the thumbnail of a `width`×`height` image: the long edge at most [`LONG_EDGE`], the
/// aspect ratio kept, never upscaled, never zero.
pub fn fit(width: u32, height: u32) -> (u32, u32) {
    super::downscale::fit(width, height, LONG_EDGE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_aspect_ratio_within_the_long_edge() {
        assert_eq!(fit(4096, 4096), (256, 256));
        assert_eq!(fit(5504, 3072), (256, 143));
        assert_eq!(fit(1536, 2752), (143, 256));
        assert_eq!(fit(200, 100), (200, 100), "small images stay as they are");
        assert_eq!(fit(100_000, 1), (256, 1), "never zero");
        assert_eq!(fit(0, 0), (1, 1));
    }
}
