//! The XMP packet JPEG and WebP carry: the JSON in a `banana:made` attribute, and the prompt as the
//! image's `dc:description`, so other tools show it too.

use super::Made;

const NS: &str = "https://banana-studio.github.io/ns/made/1.0/";
const ATTR: &str = "banana:made=\"";

/// What tells a packet of ours from another tool's.
pub const MARK: &[u8] = ATTR.as_bytes();

/// `s` escaped for an XML attribute or text (line breaks kept as character references).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

/// The text `s` stands for, or `None` for a reference that names no character.
fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';')? + i;
        let name = &rest[i + 1..end];
        let c = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => name.strip_prefix('#')?.parse().ok()?,
                };
                char::from_u32(code)?
            }
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// The XMP packet for `made` (whose JSON is `json`).
pub fn packet(made: &Made, json: &str) -> String {
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
xmlns:banana=\"{NS}\" xmp:CreatorTool=\"{app}\" {ATTR}{json}\">\
<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{prompt}</rdf:li></rdf:Alt></dc:description>\
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>",
        app = super::APP,
        json = escape(json),
        prompt = escape(&made.prompt),
    )
}

/// The JSON in a packet's `banana:made` attribute.
pub fn made_json(packet: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(packet).ok()?;
    let start = text.find(ATTR)? + ATTR.len();
    let end = text[start..].find('"')? + start;
    unescape(&text[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_round_trips() {
        let s = "a \"quoted\" <b> & 'c'\nnext\tline\r 🍌";
        assert_eq!(unescape(&escape(s)).unwrap(), s);
        assert!(!escape(s).contains(['"', '<', '\n']));
        assert_eq!(unescape("&#x1F34C;&#65;").unwrap(), "🍌A");
        assert_eq!(unescape("&nope;"), None);
        assert_eq!(unescape("&#xD800;"), None);
    }
}
