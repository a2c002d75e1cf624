//! Putting the model's answer back over the original: the original's bytes where the answer's share is
//! 0, the answer's where it is 255, a blend between. Pixels are RGBA, 4 bytes each, row by row.

/// A per-channel colour correction (red, green, blue) added to the answer before it is composited.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shift(pub [i16; 3]);

/// The largest correction [`colour_shift`] makes, per channel.
pub const MAX_SHIFT: i16 = 48;

/// The composite of `answer` over `original` (both RGBA of the same size) with `weights` (one byte per
/// pixel, see [`super::feather`]), the answer corrected by `shift` first.
pub fn composite(original: &[u8], answer: &[u8], weights: &[u8], shift: Shift) -> Vec<u8> {
    let mut out = original.to_vec();
    for ((o, a), &w) in out
        .chunks_exact_mut(4)
        .zip(answer.chunks_exact(4))
        .zip(weights)
    {
        if w == 0 {
            continue;
        }
        let a = shifted(a, shift);
        if w == 255 {
            o.copy_from_slice(&a);
            continue;
        }
        let (w, v) = (u32::from(w), 255 - u32::from(w));
        for (oc, ac) in o.iter_mut().zip(a) {
            *oc = ((u32::from(*oc) * v + u32::from(ac) * w + 127) / 255) as u8;
        }
    }
    out
}

/// The correction that brings the answer's colours to the original's around the region: the mean
/// difference between the two over the feather's outer band (outside the region, where the answer should
/// show what the original shows), at most [`MAX_SHIFT`] per channel; none when the band is too small to
/// say.
pub fn colour_shift(original: &[u8], answer: &[u8], mask: &[u8], weights: &[u8]) -> Shift {
    let mut sums = [0i64; 3];
    let mut n = 0i64;
    for (((o, a), &m), &w) in original
        .chunks_exact(4)
        .zip(answer.chunks_exact(4))
        .zip(mask)
        .zip(weights)
    {
        if m == 0 && w > 0 {
            for c in 0..3 {
                sums[c] += i64::from(o[c]) - i64::from(a[c]);
            }
            n += 1;
        }
    }
    if n < 16 {
        return Shift::default();
    }
    Shift(sums.map(|s| {
        let mean = (s as f64 / n as f64).round() as i64;
        mean.clamp(-i64::from(MAX_SHIFT), i64::from(MAX_SHIFT)) as i16
    }))
}

fn shifted(a: &[u8], shift: Shift) -> [u8; 4] {
    let c = |i: usize| (i16::from(a[i]) + shift.0[i]).clamp(0, 255) as u8;
    [c(0), c(1), c(2), a[3]]
}
