//! Feeds arbitrary bytes to every response parser: each must return `Ok` or a typed error, never panic,
//! and no error message may contain the key.
#![no_main]

use banana_studio::protocol::task::{parse_status, parse_submit};
use banana_studio::protocol::{http_error, native, ApiKey};
use libfuzzer_sys::fuzz_target;

const KEY: &str = "sk-fuzz-3c1d";

fuzz_target!(|data: &[u8]| {
    let key = ApiKey::new(KEY);
    let check = |m: String| assert!(!m.contains(KEY), "key leaked: {m}");
    if let Err(e) = native::parse(data, &key) {
        check(e.message());
    }
    if let Err(e) = parse_submit(data, &key) {
        check(e.message());
    }
    if let Err(e) = parse_status(data, &key) {
        check(e.message());
    }
    check(http_error::from_status(502, data, Some("2"), &key).message());
    let mut sse = native::SseDecoder::default();
    let mut acc = native::Accumulator::default();
    for chunk in data.chunks(7) {
        for event in sse.push(chunk) {
            let _ = acc.push(&event, &key);
        }
    }
    let _ = acc.finish();
    // Read as it arrives (in uneven pieces): never a panic, and the same outcome as parsing whole.
    let mut scanner = native::Scanner::default();
    for chunk in data.chunks(1 + data.len() % 13) {
        scanner.push(chunk);
    }
    let scanned = native::parse_scanned(scanner.finish(), &key);
    assert_eq!(scanned.is_ok(), native::parse(data, &key).is_ok());
    if let Err(e) = scanned {
        check(e.message());
    }
});
