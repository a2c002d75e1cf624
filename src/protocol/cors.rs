//! Telling a CORS refusal from an unreachable host. A browser reports both as the same network error;
//! after one, the glue asks the host four cheap questions without the key ([`Probe`]) and [`classify`]
//! says which it was, so the message can name the fix (where the key goes, a proxy, the provider).

use std::fmt;

/// Why the browser refused to let the page read a provider's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CorsWhy {
    /// The host answers, but without `Access-Control-Allow-Origin`.
    NoAllowOrigin,
    /// The host refuses the browser's preflight (`OPTIONS`) for a JSON request.
    PreflightRefused,
    /// The preflight passes for `content-type` but not for the header carrying the key.
    HeaderRefused(String),
    /// An `http://` provider from an `https://` page: the browser blocks it before sending.
    MixedContent,
}

impl fmt::Display for CorsWhy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CorsWhy::NoAllowOrigin => f.write_str("no-allow-origin"),
            CorsWhy::PreflightRefused => f.write_str("preflight-refused"),
            CorsWhy::HeaderRefused(h) => write!(f, "header-refused:{h}"),
            CorsWhy::MixedContent => f.write_str("mixed-content"),
        }
    }
}

/// What the host answered to the questions asked after a network error.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Probe {
    /// A request the browser does not check (`mode: "no-cors"`) got an answer: the host is there.
    pub reachable: bool,
    /// A plain `GET` without custom headers could be read: answers carry `Access-Control-Allow-Origin`.
    pub allows_origin: bool,
    /// A JSON `POST` without the key (a preflight for `content-type` only) could be read.
    pub preflight_passes: bool,
    /// The same `POST` with the header that carries the key, holding a dummy value, could be read
    /// (true when the key goes in the query).
    pub key_header_passes: bool,
}

/// What a network error turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Diagnosis {
    /// Nothing answered: offline, a wrong host name or port, a firewall.
    Unreachable,
    /// The host is there, and the browser refused to let the page read it.
    Cors(CorsWhy),
    /// Everything the probes asked passed: a passing failure (the connection dropped).
    Passing,
}

/// Reads the probes; `key_header` is the header that carried the key (`x-goog-api-key`,
/// `authorization`), `None` when it went in the query. When every probe passed, the request failed
/// for a passing reason (a dropped connection), not for CORS.
pub fn classify(probe: Probe, key_header: Option<&str>) -> Diagnosis {
    match probe {
        Probe {
            reachable: false,
            allows_origin: false,
            ..
        } => Diagnosis::Unreachable,
        Probe {
            allows_origin: false,
            ..
        } => Diagnosis::Cors(CorsWhy::NoAllowOrigin),
        Probe {
            preflight_passes: false,
            ..
        } => Diagnosis::Cors(CorsWhy::PreflightRefused),
        Probe {
            key_header_passes: false,
            ..
        } => match key_header {
            Some(h) => Diagnosis::Cors(CorsWhy::HeaderRefused(h.to_string())),
            None => Diagnosis::Passing,
        },
        _ => Diagnosis::Passing,
    }
}

/// Whether a page at `page` may not fetch `target` at all: an `https:` page and an `http:` target
/// that is not this machine (browsers let loopback through).
pub fn mixed_content(page: &str, target: &str) -> bool {
    let secure_page = page
        .get(..8)
        .is_some_and(|p| p.eq_ignore_ascii_case("https://"));
    let plain_target = target
        .get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("http://"));
    if !(secure_page && plain_target) {
        return false;
    }
    let host = super::format::host_of(target);
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    !(name.eq_ignore_ascii_case("localhost")
        || name.to_ascii_lowercase().ends_with(".localhost")
        || name.starts_with("127.")
        || name == "::1")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(reachable: bool, allows_origin: bool, preflight: bool, key_header: bool) -> Probe {
        Probe {
            reachable,
            allows_origin,
            preflight_passes: preflight,
            key_header_passes: key_header,
        }
    }

    #[test]
    fn each_answer_names_its_cause() {
        let key = Some("x-goog-api-key");
        assert_eq!(
            classify(probe(false, false, false, false), key),
            Diagnosis::Unreachable
        );
        assert_eq!(
            classify(probe(true, false, false, false), key),
            Diagnosis::Cors(CorsWhy::NoAllowOrigin)
        );
        assert_eq!(
            classify(probe(true, true, false, false), key),
            Diagnosis::Cors(CorsWhy::PreflightRefused)
        );
        assert_eq!(
            classify(probe(true, true, true, false), key),
            Diagnosis::Cors(CorsWhy::HeaderRefused("x-goog-api-key".into()))
        );
        // Everything passes: the connection dropped, whatever carried the key.
        assert_eq!(
            classify(probe(true, true, true, true), key),
            Diagnosis::Passing
        );
        assert_eq!(
            classify(probe(true, true, true, true), None),
            Diagnosis::Passing
        );
        // A readable answer proves the host is there even when the opaque probe failed.
        assert_eq!(
            classify(probe(false, true, false, false), None),
            Diagnosis::Cors(CorsWhy::PreflightRefused)
        );
    }

    #[test]
    fn mixed_content_is_an_https_page_and_a_plain_remote_host() {
        let page = "https://me.github.io/banana/";
        assert!(mixed_content(page, "http://relay.example/v1beta/x"));
        assert!(mixed_content(page, "HTTP://10.0.0.2:8080/x"));
        assert!(!mixed_content(page, "https://relay.example/x"));
        assert!(!mixed_content(page, "http://127.0.0.1:8787/x"));
        assert!(!mixed_content(page, "http://localhost:8787/x"));
        assert!(!mixed_content(page, "http://[::1]:8787/x"));
        assert!(!mixed_content(page, "http://studio.localhost/x"));
        assert!(!mixed_content(
            "http://127.0.0.1:8080/",
            "http://relay.example/x"
        ));
    }
}
