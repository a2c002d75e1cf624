//! What a network error was (`cors.js`): a mixed-content request is refused before it is sent; after
//! any other network error the host is asked four questions without the key, and
//! [`protocol::cors::classify`](crate::protocol::cors::classify) tells a CORS refusal (and which part
//! of it) from a host that is not there.

use crate::protocol::cors::{classify, mixed_content, Diagnosis, Probe};
use crate::protocol::http::{host_of, redact_url};
use crate::protocol::{CorsWhy, Error, HttpRequest};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/browser/cors.js")]
extern "C" {
    fn probe(url: &str, method: &str, key_header: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = pageUrl)]
    fn page_url() -> String;
    /// The page's origin (`https://you.github.io`), which a proxy is told to answer.
    #[wasm_bindgen(js_name = pageOrigin)]
    pub fn page_origin() -> String;
}

fn host(url: &str) -> String {
    host_of(&redact_url(url)).to_string()
}

/// The error for a request the browser would block as mixed content, before it is sent.
pub fn refused_before_sending(url: &str) -> Option<Error> {
    mixed_content(&page_url(), url).then(|| Error::Cors {
        host: host(url),
        why: CorsWhy::MixedContent,
    })
}

/// `error` made exact: a network error becomes the CORS refusal it was, when the probes show one
/// (nothing is asked while the browser is offline). Any other error is returned as it is.
pub async fn explain(req: &HttpRequest, error: Error) -> Error {
    if !matches!(error, Error::Network { .. }) || super::wait::offline() {
        return error;
    }
    let url = req.url.split(['?', '#']).next().unwrap_or_default();
    let key_header = req
        .headers
        .iter()
        .map(|(name, _)| name.as_str())
        .find(|name| matches!(*name, "x-goog-api-key" | "authorization"));
    let asked = probe(url, req.method.as_str(), key_header.unwrap_or(""));
    let Ok(answers) = JsFuture::from(asked).await else {
        return error;
    };
    let answers = js_sys::Array::from(&answers);
    let probe = Probe {
        reachable: answers.get(0).is_truthy(),
        allows_origin: answers.get(1).is_truthy(),
        preflight_passes: answers.get(2).is_truthy(),
        key_header_passes: answers.get(3).is_truthy(),
    };
    let why = match classify(probe, key_header) {
        Diagnosis::Cors(why) => why,
        Diagnosis::Passing => CorsWhy::AnswerHidden,
        Diagnosis::Unreachable => return error,
    };
    Error::Cors {
        host: host(&req.url),
        why,
    }
}
