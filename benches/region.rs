//! A region edit's pixel work at 1K, 2K and 4K: the mask painted, feathered, the colour match measured
//! and the answer composited over the original (what the image worker does once the answer is decoded).
//!
//! Run with `cargo bench --bench region`; prints the time per composite at each size.

use banana_studio::studio::region::{
    colour_shift, composite, default_feather, weights, Mask, Pt, RegionOp,
};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("region");
    group.sample_size(10);
    for (name, side) in [("1K", 1024u32), ("2K", 2048), ("4K", 4096)] {
        let n = (side * side) as usize;
        let original: Vec<u8> = (0..n * 4).map(|i| (i * 31 % 251) as u8).collect();
        let answer: Vec<u8> = (0..n * 4).map(|i| (i * 17 % 241) as u8).collect();
        let s = f64::from(side);
        // A brush stroke across a third of the image and a rectangle: a typical "change this" region.
        let ops = [
            RegionOp::Brush {
                points: vec![Pt::new(s * 0.3, s * 0.4), Pt::new(s * 0.6, s * 0.5)],
                radius: s * 0.05,
                erase: false,
            },
            RegionOp::Rect {
                from: Pt::new(s * 0.6, s * 0.6),
                to: Pt::new(s * 0.8, s * 0.75),
                erase: false,
            },
        ];
        group.bench_function(format!("composite_{name}"), |b| {
            b.iter(|| {
                let mask = Mask::from_ops(side, side, &ops);
                let w = weights(&mask, default_feather(side, side));
                let shift = colour_shift(&original, &answer, &mask.data, &w);
                black_box(composite(&original, &answer, &w, shift).len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
