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
    /// The host passes every check, but this request's answer was cut off or hidden: a dropped
    /// connection, or an error page sent without CORS headers (a gateway's "too large").
    AnswerHidden,
}

impl fmt::Display for CorsWhy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CorsWhy::NoAllowOrigin => f.write_str("no-allow-origin"),
            CorsWhy::PreflightRefused => f.write_str("preflight-refused"),
            CorsWhy::HeaderRefused(h) => write!(f, "header-refused:{h}"),
            CorsWhy::MixedContent => f.write_str("mixed-content"),
            CorsWhy::AnswerHidden => f.write_str("answer-hidden"),
        }
    }
}

impl CorsWhy {
    /// What the user reads for this refusal of `host`, in English (the error's `Display`).
    pub fn message(&self, host: &str) -> String {
        match self {
            CorsWhy::NoAllowOrigin => format!("{host} answers, but not to web pages: its answers lack the Access-Control-Allow-Origin header, so the browser hides them (CORS). Set a CORS proxy you run yourself in the provider settings, or ask the provider to allow browsers."),
            CorsWhy::PreflightRefused => format!("{host} refuses the browser's preflight check (CORS), so the request is never sent. Set a CORS proxy you run yourself in the provider settings, or ask the provider to answer OPTIONS requests."),
            CorsWhy::HeaderRefused(header) => format!("{host} does not let web pages send the {header} header (CORS), and that header carries your key. In the provider settings, put the key in another place (Authorization: Bearer or ?key=), or set a CORS proxy."),
            CorsWhy::MixedContent => format!("This page is served over https and {host} over plain http, so the browser blocks the request (mixed content). Use the provider's https:// address, or a CORS proxy on https."),
            CorsWhy::AnswerHidden => format!("{host} answers, but the answer to this request was cut off or hidden from the page: a dropped connection, or an error page sent without CORS headers (some gateways answer a request that is too large that way). Try again; if it keeps happening, send fewer or smaller references."),
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
    /// The failed request's shape without the key could be read: a JSON `POST` (a preflight for
    /// `content-type`), or for a `GET` the plain `GET` above.
    pub preflight_passes: bool,
    /// The same request with the header that carries the key, holding a dummy value, could be read
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
    /// A request of the same shape passes: this one's answer was cut off or hidden.
    Passing,
}

/// Reads the probes; `key_header` is the header that carried the key (`x-goog-api-key`,
/// `authorization`), `None` when it went in the query. When every probe passed, the request failed
/// for a passing reason (a dropped connection), not for CORS.
pub fn classify(probe: Probe, key_header: Option<&str>) -> Diagnosis {
    match probe {
        // The same shape of request passes: CORS lets it through.
        Probe {
            preflight_passes: true,
            key_header_passes: true,
            ..
        } => Diagnosis::Passing,
        Probe {
            reachable: false,
            allows_origin: false,
            preflight_passes: false,
            ..
        } => Diagnosis::Unreachable,
        Probe {
            allows_origin: false,
            preflight_passes: false,
            ..
        } => Diagnosis::Cors(CorsWhy::NoAllowOrigin),
        Probe {
            preflight_passes: false,
            ..
        } => Diagnosis::Cors(CorsWhy::PreflightRefused),
        // Only the header that carries the key is refused.
        _ => match key_header {
            Some(h) => Diagnosis::Cors(CorsWhy::HeaderRefused(h.to_string())),
            None => Diagnosis::Passing,
        },
    }
}

/// Whether `url` is on this machine (`localhost`, `127.x`, `[::1]`), which browsers treat as secure.
pub fn is_loopback(url: &str) -> bool {
    let host = super::format::host_of(url);
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    name.eq_ignore_ascii_case("localhost")
        || name.to_ascii_lowercase().ends_with(".localhost")
        || name.starts_with("127.")
        || name == "::1"
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
    secure_page && plain_target && !is_loopback(target)
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
        // A request of the same shape passes: this answer was cut off or hidden, whatever carried
        // the key, even where a plain GET lacks the header (a relay that sets it on its POST route).
        assert_eq!(
            classify(probe(true, true, true, true), key),
            Diagnosis::Passing
        );
        assert_eq!(
            classify(probe(true, true, true, true), None),
            Diagnosis::Passing
        );
        assert_eq!(
            classify(probe(true, false, true, true), key),
            Diagnosis::Passing
        );
        // A readable answer proves the host is there even when the opaque probe failed.
        assert_eq!(
            classify(probe(false, true, false, false), None),
            Diagnosis::Cors(CorsWhy::PreflightRefused)
        );
        // The key's header alone refused, on a relay whose GETs carry no CORS header.
        assert_eq!(
            classify(probe(true, false, true, false), Some("authorization")),
            Diagnosis::Cors(CorsWhy::HeaderRefused("authorization".into()))
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
