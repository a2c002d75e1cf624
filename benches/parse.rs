//! Parses a 4K-sized answer (one image of about 16 MB base64 in a realistic envelope) into image bytes.
//!
//! Run with `cargo bench --bench parse`; prints MB/s of answer parsed.

use banana_studio::protocol::{native, ApiKey};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

/// A realistic 4K answer: thoughts, a draft image, a caption, the final image with its signature,
/// usage and model version. The final image is `image_bytes` of PNG-looking data.
pub fn four_k_answer(image_bytes: usize) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x10\0\0\0\x09\0\x08\x06\0\0\0".to_vec();
    let mut x: u32 = 0x9E37_79B9;
    while png.len() < image_bytes {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        png.extend_from_slice(&x.to_le_bytes());
    }
    png.truncate(image_bytes);
    let b64 = banana_studio::protocol::b64::encode(&png);
    let draft = banana_studio::protocol::b64::encode(&png[..64 * 1024]);
    format!(
        r#"{{"candidates":[{{"content":{{"role":"model","parts":[{{"text":"**Composing the scene** I am placing the llama to the right...","thought":true}},{{"inlineData":{{"mimeType":"image/png","data":"{draft}"}},"thought":true}},{{"text":"Here is your image."}},{{"inlineData":{{"mimeType":"image/png","data":"{b64}"}},"thoughtSignature":"{sig}"}}]}},"finishReason":"STOP","index":0}}],"usageMetadata":{{"promptTokenCount":36,"candidatesTokenCount":2520,"totalTokenCount":2556,"candidatesTokensDetails":[{{"modality":"IMAGE","tokenCount":2520}}]}},"modelVersion":"gemini-3.1-flash-image","responseId":"abc123"}}"#,
        sig = "c2lnbmF0dXJl".repeat(40),
    )
    .into_bytes()
}

fn bench(c: &mut Criterion) {
    let body = four_k_answer(12 * 1024 * 1024);
    let key = ApiKey::new("bench-key");
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.sample_size(20);
    group.bench_function("native_4k_16MB_base64", |b| {
        b.iter(|| {
            let g = native::parse(black_box(&body), &key).unwrap();
            black_box(g.images[0].bytes.len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
