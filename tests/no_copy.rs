//! The 4K path decodes the base64 text once and copies it nowhere else: measured with a counting
//! allocator, the parse of a 16 MB-base64 answer allocates little more than the decoded image.

use banana_studio::protocol::{native, ApiKey};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
        PEAK.fetch_max(now, Ordering::SeqCst);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::SeqCst);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn parsing_a_4k_answer_copies_no_base64() {
    let image_len = 12 * 1024 * 1024;
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.resize(image_len, 7);
    let b64 = banana_studio::protocol::b64::encode(&png);
    let body = format!(
        r#"{{"candidates":[{{"content":{{"role":"model","parts":[{{"text":"Here."}},{{"inlineData":{{"mimeType":"image/png","data":"{b64}"}},"thoughtSignature":"sig"}}]}},"finishReason":"STOP"}}],"usageMetadata":{{"totalTokenCount":1}}}}"#
    );
    drop(b64);
    drop(png);
    let key = ApiKey::new("k");
    let before = LIVE.load(Ordering::SeqCst);
    PEAK.store(before, Ordering::SeqCst);
    let g = native::parse(body.as_bytes(), &key).unwrap();
    let peak = PEAK.load(Ordering::SeqCst) - before;
    assert_eq!(g.images[0].bytes.len(), image_len);
    // One decoded copy (12 MB) is unavoidable; a copy of the base64 text would add 16 MB more.
    assert!(
        peak < image_len + 1024 * 1024,
        "parse allocated {peak} bytes at its peak for a {image_len}-byte image"
    );
}
