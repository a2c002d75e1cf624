//! Feeds arbitrary bytes to the OpenAI-compatible parsers: whole answers, answers read as they arrive
//! (data URIs decoded on the way), and SSE streams of chunks. Each returns `Ok` or a typed error, never
//! panics, never shows the key; reading in pieces ends as reading whole does.
#![no_main]

use banana_studio::protocol::{native, openai, ApiKey};
use libfuzzer_sys::fuzz_target;

const KEY: &str = "sk-fuzz-0a9b";

fuzz_target!(|data: &[u8]| {
    let key = ApiKey::new(KEY);
    let check = |m: String| assert!(!m.contains(KEY), "key leaked: {m}");
    let whole = openai::parse(data, &key);
    if let Err(e) = &whole {
        check(e.message());
    }
    let mut scanner = native::Scanner::with_data_uris();
    for chunk in data.chunks(1 + data.len() % 11) {
        scanner.push(chunk);
    }
    let scanned = openai::parse_scanned(scanner.finish(), &key);
    assert_eq!(scanned.is_ok(), whole.is_ok());
    let mut sse = native::SseDecoder::default();
    let mut acc = openai::Accumulator::default();
    for chunk in data.chunks(5) {
        for event in sse.push(chunk) {
            if let Err(e) = acc.push(&event, &key) {
                check(e.message());
            }
        }
    }
    if let Err(e) = acc.finish() {
        check(e.message());
    }
});
