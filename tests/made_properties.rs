//! Property tests of the metadata files carry (`studio::made`): any bytes read as something or
//! nothing, never a panic; whatever is written is read back, and the image is untouched.

mod common;

use banana_studio::protocol::image::{dimensions, sniff};
use banana_studio::studio::made::{embed, read, Made};
use banana_studio::studio::Settings;
use proptest::prelude::*;

const MAGIC: [&[u8]; 5] = [
    b"",
    b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR",
    b"\xFF\xD8",
    b"RIFF\0\0\0\0WEBP",
    b"\xFF\xD8\xFF\xE0\0\x10JFIF\0",
];

fn made(prompt: &str, system: &str, keys: Vec<String>) -> Made {
    let s = Settings {
        system_instruction: system.to_string(),
        ..Settings::default()
    };
    Made::new(prompt, &s, keys)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_bytes_are_read_or_refused_and_what_is_written_reads_back(
        magic in 0usize..MAGIC.len(),
        rest in prop::collection::vec(any::<u8>(), 0..300),
        prompt in ".{0,30}",
    ) {
        let bytes = [MAGIC[magic], &rest].concat();
        let _ = read(&bytes);
        let m = made(&prompt, "", vec![]);
        if let Some(out) = embed(&bytes, &m) {
            prop_assert_eq!(read(&out), Some(m));
            prop_assert_eq!(sniff(&out), sniff(&bytes));
        }
    }

    #[test]
    fn any_text_travels_in_a_png(
        prompt in any::<String>(),
        system in ".{0,200}",
        keys in prop::collection::vec("[0-9a-f]{16}", 0..14),
    ) {
        let png = common::png();
        let m = made(&prompt, &system, keys);
        let out = embed(&png, &m).unwrap();
        prop_assert_eq!(read(&out), Some(m.clone()));
        prop_assert_eq!(dimensions(&out), dimensions(&png));
        prop_assert_eq!(out.len() - png.len(), 12 + "Banana Studio".len() + 5 + serde_json::to_string(&m).unwrap().len());
    }
}
