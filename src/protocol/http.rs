//! A plain description of an HTTP request, ready to hand to `fetch`, and where the key goes in it.

use super::error::{Error, Result};
pub use super::format::host_of;
use super::provider::{ApiKey, AuthPlacement, Provider};
use bytes::Bytes;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    /// `"GET"` or `"POST"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// A request to send. `Debug` hides the key: it shows [`HttpRequest::redacted_url`] and no auth header.
#[derive(Clone, PartialEq)]
pub struct HttpRequest {
    pub method: Method,
    /// Full URL, including `?key=` when the provider takes the key in the query.
    pub url: String,
    /// Header names are lower-case.
    pub headers: Vec<(String, String)>,
    /// JSON body; cheap to clone, so N parallel requests share one buffer.
    pub body: Option<Bytes>,
}

impl HttpRequest {
    /// The URL with any `key=` query value replaced, safe for logs and messages.
    pub fn redacted_url(&self) -> String {
        redact_url(&self.url)
    }

    /// The value of a header, by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.redacted_url())
            .field("headers", &headers)
            .field("body_len", &self.body.as_ref().map(Bytes::len))
            .finish()
    }
}

/// Characters escaped in a path segment or query value.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes one URL component (path segment or query value).
pub fn encode_component(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

/// Replaces the value of every `key=` query parameter with `[redacted]`.
pub fn redact_url(url: &str) -> String {
    let Some((head, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let parts: Vec<String> = query
        .split('&')
        .map(|p| match p.split_once('=') {
            Some((k, _)) if k.eq_ignore_ascii_case("key") => format!("{k}=[redacted]"),
            _ => p.to_string(),
        })
        .collect();
    format!("{head}?{}", parts.join("&"))
}

/// Builds a request to `base + path` with the key placed as the provider wants it.
///
/// `path` may already carry a query (`?alt=sse`); the key is then appended with `&`.
pub(crate) fn authorized(
    provider: &Provider,
    key: &ApiKey,
    method: Method,
    path: &str,
    body: Option<Bytes>,
) -> Result<HttpRequest> {
    let base = provider.normalized_base();
    check_base_url(base)?;
    if key.is_empty() {
        return Err(Error::MissingKey {
            provider: provider.preset.label().to_string(),
        });
    }
    if let Some(proxy) = provider.normalized_proxy() {
        // The key passes through the proxy: never in clear text over the network.
        let plain = proxy
            .get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("http://"));
        if check_base_url(proxy).is_err() || (plain && !super::cors::is_loopback(proxy)) {
            return Err(Error::InvalidProxyUrl {
                url: super::error::excerpt(&redact_url(proxy), 80),
            });
        }
    }
    let mut url = format!("{base}{path}");
    let mut headers = Vec::with_capacity(2);
    if body.is_some() {
        headers.push(("content-type".to_string(), "application/json".to_string()));
    }
    match provider.auth {
        AuthPlacement::Header => {
            headers.push(("x-goog-api-key".to_string(), key.expose().to_string()));
        }
        AuthPlacement::Bearer => {
            headers.push((
                "authorization".to_string(),
                format!("Bearer {}", key.expose()),
            ));
        }
        AuthPlacement::Query => {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str("key=");
            url.push_str(&encode_component(key.expose()));
        }
    }
    Ok(HttpRequest {
        method,
        url: provider.routed(url),
        headers,
        body,
    })
}

/// A request body as JSON, written straight into a buffer of `capacity` bytes (an estimate, so a body
/// carrying large references is not copied as it grows).
pub(crate) fn json_body(wire: &impl serde::Serialize, capacity: usize) -> Result<Bytes> {
    let mut out = Vec::with_capacity(capacity);
    serde_json::to_writer(&mut out, wire).map_err(|e| Error::Malformed {
        detail: format!("request could not be encoded: {e}"),
    })?;
    Ok(Bytes::from(out))
}

/// Accepts only absolute http(s) URLs with a host and no query or fragment.
pub fn check_base_url(base: &str) -> Result<()> {
    let invalid = || Error::InvalidBaseUrl {
        url: super::error::excerpt(&crate::protocol::http::redact_url(base), 80),
    };
    let rest = base
        .strip_prefix("https://")
        .or_else(|| base.strip_prefix("http://"))
        .ok_or_else(invalid)?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty()
        || rest.contains(['?', '#', ' '])
        || host.contains('@')
        || rest.chars().any(char::is_control)
    {
        return Err(invalid());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::provider::Preset;

    #[test]
    fn key_placement_per_auth() {
        let key = ApiKey::new("k y&z");
        let mut p = Preset::Anyfast.provider();
        let r = authorized(
            &p,
            &key,
            Method::Post,
            "/v1beta/x?alt=sse",
            Some(Bytes::new()),
        )
        .unwrap();
        assert_eq!(
            r.url,
            "https://www.anyfast.ai/v1beta/x?alt=sse&key=k%20y%26z"
        );
        assert_eq!(
            r.redacted_url(),
            "https://www.anyfast.ai/v1beta/x?alt=sse&key=[redacted]"
        );
        assert!(r.header("authorization").is_none());
        p.auth = AuthPlacement::Bearer;
        let r = authorized(&p, &key, Method::Get, "/v1/tasks/t", None).unwrap();
        assert_eq!(r.header("authorization"), Some("Bearer k y&z"));
        assert_eq!(r.header("content-type"), None);
        assert!(!format!("{r:?}").contains("k y"));
        p.auth = AuthPlacement::Header;
        let r = authorized(&p, &key, Method::Post, "/x", Some(Bytes::new())).unwrap();
        assert_eq!(r.header("x-goog-api-key"), Some("k y&z"));
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.headers.len(), 2);
    }

    #[test]
    fn through_a_proxy_the_key_stays_where_it_was() {
        let key = ApiKey::new("k-1");
        let mut p = Preset::Anyfast.provider();
        p.proxy = "https://proxy.example/".into();
        let r = authorized(&p, &key, Method::Post, "/v1beta/x", Some(Bytes::new())).unwrap();
        assert_eq!(
            r.url,
            "https://proxy.example/https://www.anyfast.ai/v1beta/x?key=k-1"
        );
        p.auth = AuthPlacement::Bearer;
        let r = authorized(&p, &key, Method::Post, "/v1beta/x", None).unwrap();
        assert_eq!(r.header("authorization"), Some("Bearer k-1"));
        for bad in ["proxy.example", "http://proxy.example", "https://"] {
            p.proxy = bad.into();
            let e = authorized(&p, &key, Method::Post, "/x", None).unwrap_err();
            assert_eq!(e.kind(), "invalid-proxy-url", "{bad}");
        }
        p.proxy = "http://127.0.0.1:8790".into();
        assert!(
            authorized(&p, &key, Method::Post, "/x", None).is_ok(),
            "loopback may be http"
        );
    }

    #[test]
    fn rejects_bad_base_urls_and_missing_key() {
        for bad in [
            "",
            "ftp://x",
            "https://",
            "https://a b",
            "javascript:alert(1)",
            "https://u:p@h",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
        assert!(check_base_url("http://127.0.0.1:8787/relay").is_ok());
        let p = Preset::Google.provider();
        let e = authorized(&p, &ApiKey::new("  "), Method::Post, "/x", None).unwrap_err();
        assert_eq!(e.kind(), "missing-key");
    }
}
