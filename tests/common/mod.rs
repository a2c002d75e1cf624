//! Helpers shared by the integration tests.
#![allow(dead_code)]

use banana_studio::protocol::b64;
use serde_json::Value;

/// The 1x1 PNG the seed documents use as their example image.
pub const SEED_PNG_B64: &str =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

pub fn png() -> Vec<u8> {
    b64::decode(SEED_PNG_B64).unwrap()
}

/// Bytes that start like a JFIF JPEG (enough for the byte sniffer).
pub fn jpeg() -> Vec<u8> {
    let mut v = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0,
    ];
    v.extend((0u8..=200).map(|i| i.wrapping_mul(7)));
    v.extend([0xFF, 0xD9]);
    v
}

pub fn webp() -> Vec<u8> {
    let mut v = b"RIFF\x24\0\0\0WEBPVP8 ".to_vec();
    v.extend([0u8; 24]);
    v
}

pub fn fixture(path: &str) -> String {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

pub fn fixture_json(path: &str) -> Value {
    serde_json::from_str(&fixture(path)).unwrap()
}

/// Rewrites every object key from snake_case to camelCase (the server accepts both; we send camelCase).
pub fn camelize(v: Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let mut out = String::new();
                    let mut up = false;
                    for c in k.chars() {
                        if c == '_' {
                            up = true;
                        } else if up {
                            out.extend(c.to_uppercase());
                            up = false;
                        } else {
                            out.push(c);
                        }
                    }
                    (out, camelize(v))
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(camelize).collect()),
        other => other,
    }
}

/// Replaces every string equal to `from` with `to`.
pub fn replace_str(v: &mut Value, from: &str, to: &str) {
    match v {
        Value::String(s) if s == from => *s = to.to_string(),
        Value::Object(m) => m.values_mut().for_each(|v| replace_str(v, from, to)),
        Value::Array(a) => a.iter_mut().for_each(|v| replace_str(v, from, to)),
        _ => {}
    }
}

/// Asserts two JSON values are equal, reporting the first differing path.
pub fn assert_same_json(got: &Value, want: &Value) {
    fn walk(path: &str, got: &Value, want: &Value) {
        match (got, want) {
            (Value::Object(g), Value::Object(w)) => {
                for k in w.keys() {
                    assert!(g.contains_key(k), "missing field {path}.{k}");
                }
                for k in g.keys() {
                    assert!(w.contains_key(k), "unexpected field {path}.{k} = {}", g[k]);
                }
                for (k, wv) in w {
                    walk(&format!("{path}.{k}"), &g[k], wv);
                }
            }
            (Value::Array(g), Value::Array(w)) => {
                assert_eq!(g.len(), w.len(), "length of {path}");
                for (i, (gv, wv)) in g.iter().zip(w).enumerate() {
                    walk(&format!("{path}[{i}]"), gv, wv);
                }
            }
            _ => assert_eq!(got, want, "value of {path}"),
        }
    }
    walk("$", got, want);
}
