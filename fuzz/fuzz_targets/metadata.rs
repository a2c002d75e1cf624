//! Feeds arbitrary bytes, behind each format's magic number, to the metadata reader and writer: the
//! reader answers or says nothing, never panics; whatever the writer accepts, the reader reads back.
#![no_main]

use banana_studio::studio::made::{embed, read, Made};
use banana_studio::studio::Settings;
use libfuzzer_sys::fuzz_target;

const MAGIC: [&[u8]; 5] = [
    b"",
    b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR",
    b"\xFF\xD8",
    b"RIFF\0\0\0\0WEBP",
    b"\xFF\xD8\xFF\xE0\0\x10JFIF\0",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let bytes = [MAGIC[usize::from(selector) % MAGIC.len()], rest].concat();
    let _ = read(&bytes);
    let prompt = String::from_utf8_lossy(&rest[..rest.len().min(40)]);
    let made = Made::new(&prompt, &Settings::default(), vec!["key".into()]);
    if let Some(out) = embed(&bytes, &made) {
        assert_eq!(read(&out), Some(made), "what is written is read back");
    }
});
