//! Download file names: readable, safe on every OS, and unique per result.

use crate::protocol::image::ImageKind;

/// `banana-<prompt words>-<stamp>-<n>.<ext>`, e.g. `banana-a-cat-in-space-20261121-204501-1.png`.
/// `stamp` is a compact local time such as `20261121-204501`.
pub fn download_name(prompt: &str, stamp: &str, index: usize, kind: ImageKind) -> String {
    let mut slug = String::new();
    for word in prompt
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word: String = word.chars().flat_map(char::to_lowercase).collect();
        if slug.chars().count() + word.chars().count() > 40 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word);
    }
    let stamp: String = stamp
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let mut name = String::from("banana");
    for part in [slug.as_str(), stamp.as_str()] {
        if !part.is_empty() {
            name.push('-');
            name.push_str(part);
        }
    }
    format!("{name}-{}.{}", index + 1, kind.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_readable_and_safe() {
        assert_eq!(
            download_name(
                "A cat, in SPACE! / ../etc",
                "20261121-204501",
                0,
                ImageKind::Png
            ),
            "banana-a-cat-in-space-etc-20261121-204501-1.png"
        );
        assert_eq!(download_name("", "", 2, ImageKind::Jpeg), "banana-3.jpg");
        let long = download_name(&"word ".repeat(50), "s", 0, ImageKind::Webp);
        assert!(long.len() < 60, "{long}");
        assert_eq!(
            download_name("香蕉 猫", "x", 0, ImageKind::Png),
            "banana-香蕉-猫-x-1.png"
        );
    }
}
