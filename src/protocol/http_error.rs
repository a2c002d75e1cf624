//! Turns a non-2xx answer (Google error JSON, relay JSON of its own shape, HTML, or nothing) into an [`Error`].

use super::error::{excerpt, Error, HttpError};
use super::provider::ApiKey;
use serde::Deserialize;
use serde_json::Value;
use std::time::Duration;

/// Longest provider text kept in a message.
const DETAIL_MAX: usize = 240;

/// Classifies an HTTP error answer. `retry_after` is the raw `Retry-After` header, if any.
/// Everything taken from the body is redacted with `key`.
pub fn from_status(status: u16, body: &[u8], retry_after: Option<&str>, key: &ApiKey) -> Error {
    let mut err = HttpError {
        status,
        code: None,
        reason: None,
        detail: String::new(),
        retry_after: retry_after.and_then(parse_retry_after),
    };
    fill_from_body(&mut err, body, key);
    err.detail = key.redact(&err.detail);
    Error::Http(err)
}

/// Reads an error object that arrived inside a 200 answer (some relays do that), if there is one.
pub(crate) fn from_embedded(value: &Value, key: &ApiKey) -> Option<Error> {
    let mut err = HttpError {
        status: 200,
        code: None,
        reason: None,
        detail: String::new(),
        retry_after: None,
    };
    if !fill_from_json(&mut err, value, key) {
        return None;
    }
    if let Some(Value::Number(n)) = value
        .get("error")
        .and_then(|e| e.get("code"))
        .or(value.get("code"))
    {
        if let Some(code) = n.as_u64().and_then(|c| u16::try_from(c).ok()) {
            err.status = code;
        }
    }
    err.detail = key.redact(&err.detail);
    Some(Error::Http(err))
}

fn fill_from_body(err: &mut HttpError, body: &[u8], key: &ApiKey) {
    // Redact before anything is cut short, so no prefix of the key survives an excerpt.
    let text = key.redact(&String::from_utf8_lossy(
        &body[..body.len().min(256 * 1024)],
    ));
    let trimmed = text.trim();
    if trimmed.is_empty() {
        err.detail = "the answer was empty".to_string();
        return;
    }
    if let Ok(value) = serde_json::from_str::<Value>(trimmed) {
        if fill_from_json(err, &value, key) {
            return;
        }
        err.detail = excerpt(trimmed, DETAIL_MAX);
        return;
    }
    let lower = trimmed.to_ascii_lowercase();
    if lower.starts_with('<') || lower.contains("<html") {
        err.detail = html_excerpt(trimmed);
    } else {
        err.detail = excerpt(trimmed, DETAIL_MAX);
    }
}

/// Google: `{"error": {"code", "message", "status", "details": [...]}}`;
/// relays: `{"error": "text"}`, `{"code": 401, "msg": "..."}`, `{"message": "..."}`,
/// `{"error": {"message": "...", "type": "..."}}`. Returns false when no error is found.
fn fill_from_json(err: &mut HttpError, value: &Value, key: &ApiKey) -> bool {
    let clean = |s: &str| excerpt(&key.redact(s), DETAIL_MAX);
    #[derive(Deserialize)]
    struct GoogleError {
        #[serde(default)]
        message: Option<String>,
        #[serde(default)]
        status: Option<String>,
        #[serde(default, rename = "type")]
        kind: Option<String>,
        #[serde(default)]
        details: Vec<Value>,
    }
    match value.get("error") {
        Some(Value::String(s)) => {
            err.detail = clean(s);
            return true;
        }
        Some(obj @ Value::Object(_)) => {
            if let Ok(g) = GoogleError::deserialize(obj) {
                err.code = g.status.or(g.kind).filter(|s| !s.is_empty());
                err.detail = clean(g.message.as_deref().unwrap_or(""));
                for d in &g.details {
                    let ty = d.get("@type").and_then(Value::as_str).unwrap_or("");
                    if ty.ends_with("google.rpc.RetryInfo") {
                        if let Some(delay) = d.get("retryDelay").and_then(Value::as_str) {
                            err.retry_after = parse_duration(delay).or(err.retry_after);
                        }
                    } else if ty.ends_with("google.rpc.ErrorInfo") {
                        err.reason = d.get("reason").and_then(Value::as_str).map(str::to_string);
                    }
                }
                return true;
            }
        }
        _ => {}
    }
    for field in ["msg", "message", "detail", "error_description"] {
        if let Some(Value::String(s)) = value.get(field) {
            err.detail = clean(s);
            return true;
        }
    }
    false
}

/// Says what a 2xx body that could not be read looked like, without quoting markup or JSON values.
pub(crate) fn describe_body(body: &[u8], e: &serde_json::Error, key: &ApiKey) -> String {
    let head = key.redact(&String::from_utf8_lossy(&body[..body.len().min(64 * 1024)]));
    let t = head.trim_start();
    let what = if t.is_empty() {
        "the answer was empty".to_string()
    } else if t.starts_with('<') {
        html_excerpt(t)
    } else if t.starts_with(['{', '[']) {
        format!(
            "JSON of an unexpected shape at line {} column {}",
            e.line(),
            e.column()
        )
    } else {
        format!("text instead of JSON: \"{}\"", excerpt(t, 120))
    };
    what
}

/// `"57.2s"` (protobuf Duration in JSON) to a [`Duration`].
pub fn parse_duration(s: &str) -> Option<Duration> {
    let secs: f64 = s.trim().strip_suffix('s')?.parse().ok()?;
    (secs.is_finite() && (0.0..=86_400.0).contains(&secs)).then(|| Duration::from_secs_f64(secs))
}

/// `Retry-After` in seconds (the HTTP-date form is ignored: browsers rarely expose it cross-origin).
fn parse_retry_after(s: &str) -> Option<Duration> {
    let secs: f64 = s.trim().parse().ok()?;
    (secs.is_finite() && (0.0..=86_400.0).contains(&secs)).then(|| Duration::from_secs_f64(secs))
}

/// The `<title>` of an HTML page, or its visible text, shortened: never the raw markup.
fn html_excerpt(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    if let (Some(start), Some(end)) = (lower.find("<title>"), lower.find("</title>")) {
        if start + 7 <= end {
            let title = excerpt(&html[start + 7..end], 120);
            if !title.is_empty() {
                return format!("an HTML page titled \"{title}\"");
            }
        }
    }
    let mut text = String::with_capacity(html.len().min(4096));
    let mut in_tag = false;
    for c in html.chars().take(20_000) {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = excerpt(&text, 120);
    if text.is_empty() {
        "an HTML page".to_string()
    } else {
        format!("an HTML page: \"{text}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn http(e: Error) -> HttpError {
        match e {
            Error::Http(h) => h,
            other => panic!("not http: {other:?}"),
        }
    }

    #[test]
    fn google_rate_limit_with_retry_info() {
        let body = br#"{ "error": { "code": 429, "message": "Quota exceeded.", "status": "RESOURCE_EXHAUSTED",
  "details": [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "57.2s" }] } }"#;
        let e = from_status(429, body, None, &ApiKey::new("k"));
        assert_eq!(e.kind(), "rate-limited");
        let h = http(e);
        assert_eq!(h.code.as_deref(), Some("RESOURCE_EXHAUSTED"));
        assert_eq!(h.retry_after, Some(Duration::from_millis(57_200)));
        assert_eq!(h.detail, "Quota exceeded.");
    }

    #[test]
    fn api_key_invalid_reason() {
        let body = br#"{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT",
          "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}"#;
        let e = from_status(400, body, None, &ApiKey::new("k"));
        assert_eq!(e.kind(), "invalid-key");
        assert!(e.message().contains("API key was rejected"));
    }

    #[test]
    fn relay_shapes() {
        let k = ApiKey::new("sk-live-999");
        let e = from_status(401, br#"{"error": "invalid token sk-live-999"}"#, None, &k);
        assert_eq!(http(e.clone()).detail, "invalid token [redacted]");
        assert!(!e.message().contains("sk-live-999"));
        let e = from_status(401, br#"{"code": 401, "msg": "token expired"}"#, None, &k);
        assert_eq!(http(e).detail, "token expired");
        let e = from_status(
            402,
            br#"{"error": {"message": "insufficient balance", "type": "billing"}}"#,
            None,
            &k,
        );
        assert_eq!(e.kind(), "payment-required");
        assert_eq!(http(e).code.as_deref(), Some("billing"));
    }

    #[test]
    fn no_prefix_of_the_key_survives_an_excerpt() {
        let k = ApiKey::new("sk-leak-abcdef");
        let body = format!(
            "{{\"error\":\"{} sk-leak-abcdef\"}}",
            "x".repeat(DETAIL_MAX - 5)
        );
        let m = from_status(400, body.as_bytes(), None, &k).message();
        assert!(!m.contains("sk-le"), "{m}");
        let plain = format!("{} sk-leak-abcdef", "y ".repeat(DETAIL_MAX / 2 - 3));
        assert!(!from_status(500, plain.as_bytes(), None, &k)
            .message()
            .contains("sk-le"));
    }

    #[test]
    fn html_and_empty_bodies() {
        let k = ApiKey::new("k");
        let page = b"<html><head><title>502 Bad Gateway</title><script>x()</script></head><body><h1>bad</h1></body></html>";
        let e = from_status(502, page, Some("3"), &k);
        let m = e.message();
        assert!(m.contains("502 Bad Gateway") && !m.contains('<'), "{m}");
        assert_eq!(http(e).retry_after, Some(Duration::from_secs(3)));
        let e = from_status(503, b"<body><p>Service   down</p></body>", None, &k);
        assert!(e.message().contains("Service down"));
        let e = from_status(500, b"", None, &k);
        assert!(e.message().contains("empty"));
        assert_eq!(e.kind(), "server-error");
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("1s"), Some(Duration::from_secs(1)));
        assert_eq!(parse_duration("-1s"), None);
        assert_eq!(parse_duration("NaNs"), None);
        assert_eq!(parse_duration("5"), None);
    }
}
