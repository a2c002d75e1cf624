//! Sends a [`HttpRequest`] with `fetch` through `gloo-net`, abortable through an `AbortSignal`.
//!
//! The request is built here as a `web_sys::Request` (gloo's builder would rewrite a URL that already
//! has a query, `?alt=sse`, and its `header()` throws on a bad value) and sent with
//! `gloo_net::http::Request::send`; its body is read as a stream by [`read_stream`].

use crate::protocol::http::host_of;
use crate::protocol::{http_error, ApiKey, Error, HttpRequest};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What came back: status, the `Retry-After` header when exposed, and the whole body.
#[derive(Debug)]
pub struct HttpResponse {
    pub status: u16,
    pub retry_after: Option<String>,
    pub content_type: String,
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// True for 2xx.
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Receives each piece of a streamed body.
pub type OnChunk<'a> = &'a mut dyn FnMut(&[u8]);

/// Sends `req`. Cookies and the referrer are never sent: the key in the request is the only credential.
pub async fn send(
    req: &HttpRequest,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<HttpResponse, Error> {
    send_streamed(req, signal, None).await
}

/// Like [`send`], but a successful answer's body goes to `on_chunk` piece by piece as it arrives (Fetch
/// streams), so the work on it is spread over the download; [`HttpResponse::body`] is then empty. Error
/// answers are collected whole.
pub async fn send_streamed(
    req: &HttpRequest,
    signal: Option<&web_sys::AbortSignal>,
    on_chunk: Option<OnChunk<'_>>,
) -> Result<HttpResponse, Error> {
    if let Some(refused) = super::cors::refused_before_sending(&req.url) {
        return Err(refused);
    }
    let init = web_sys::RequestInit::new();
    init.set_method(req.method.as_str());
    init.set_credentials(web_sys::RequestCredentials::Omit);
    init.set_referrer_policy(web_sys::ReferrerPolicy::NoReferrer);
    let headers = web_sys::Headers::new().map_err(|_| network(&req.url))?;
    for (name, value) in &req.headers {
        headers.set(name, value).map_err(|_| network(&req.url))?;
    }
    init.set_headers(&headers);
    if let Some(body) = &req.body {
        init.set_body(&js_sys::Uint8Array::from(body.as_ref()));
    }
    // fetch rejects with the signal's abort reason, and gloo-net takes any rejection that is not an
    // `Error` for a bug of its own (a panic): the signal sent is one that aborts with none.
    let bare = signal.map(super::wait::bare);
    if let Some(signal) = &bare {
        init.set_signal(Some(signal));
    }
    let sent = match web_sys::Request::new_with_str_and_init(&req.url, &init) {
        Ok(raw) => gloo_net::http::Request::from(raw).send().await.ok(),
        Err(_) => None,
    };
    let Some(response) = sent else {
        // A network error may be CORS: find out which, and say so.
        return Err(super::cors::explain(req, failure(&req.url, signal)).await);
    };
    let cut = |e: ReadError| match (e, signal) {
        (ReadError::TooLarge, _) => Error::ResponseTooLarge {
            max: MAX_ANSWER_BYTES,
        },
        (_, Some(s)) if s.aborted() => Error::Cancelled,
        _ => Error::Truncated {
            detail: crate::protocol::Cut::ConnectionClosed,
        },
    };
    let header = |name: &str| response.headers().get(name);
    // Every body is read as a stream, so none can grow without end: a successful one goes to
    // `on_chunk` when given, anything else is collected.
    let mut body = Vec::new();
    if let Some(stream) = response.body() {
        let mut collect = |piece: &[u8]| body.extend_from_slice(piece);
        let sink: OnChunk = match on_chunk {
            Some(on_chunk) if response.ok() => on_chunk,
            _ => &mut collect,
        };
        read_stream(&stream, sink).await.map_err(cut)?;
    }
    Ok(HttpResponse {
        status: response.status(),
        retry_after: header("retry-after"),
        content_type: header("content-type").unwrap_or_default(),
        body,
    })
}

/// Passes a 2xx answer through; turns any other into the provider's error.
pub fn answered(resp: HttpResponse, key: &ApiKey) -> Result<HttpResponse, Error> {
    if resp.ok() {
        Ok(resp)
    } else {
        Err(http_error::from_status(
            resp.status,
            &resp.body,
            resp.retry_after.as_deref(),
            key,
        ))
    }
}

/// Work on a stream between two pauses: pieces already waiting resolve as microtasks, which would
/// otherwise run as one long task and hold up the page.
const SLICE_MS: f64 = 16.0;
/// The most of a body handed over at once.
const SLICE_BYTES: u32 = 256 * 1024;

/// The largest answer read: more than any image answer needs (a 4K PNG of noise is under 70 MB as
/// base64), less than what would exhaust the tab.
pub const MAX_ANSWER_BYTES: usize = 90 * 1000 * 1000;

/// Why a body stream stopped before its end.
enum ReadError {
    /// The browser's error (abort, connection lost).
    Js,
    /// Over [`MAX_ANSWER_BYTES`].
    TooLarge,
}

impl From<JsValue> for ReadError {
    fn from(_: JsValue) -> Self {
        ReadError::Js
    }
}

/// Reads a body stream to its end, handing each piece to `on_chunk` (through one reused buffer),
/// pausing every [`SLICE_MS`] so the page stays responsive. Stops (and cancels the stream) past
/// [`MAX_ANSWER_BYTES`].
async fn read_stream(
    stream: &web_sys::ReadableStream,
    on_chunk: OnChunk<'_>,
) -> Result<(), ReadError> {
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut since = super::clock::now_ms();
    let mut buf = Vec::new();
    let mut total = 0usize;
    loop {
        let result = JsFuture::from(reader.read()).await?;
        if js_sys::Reflect::get(&result, &JsValue::from_str("done"))?.is_truthy() {
            return Ok(());
        }
        let chunk: js_sys::Uint8Array =
            js_sys::Reflect::get(&result, &JsValue::from_str("value"))?.unchecked_into();
        total += chunk.length() as usize;
        if total > MAX_ANSWER_BYTES {
            let _ = reader.cancel();
            return Err(ReadError::TooLarge);
        }
        // A browser that buffered much hands it over in one piece: take it a slice at a time.
        let len = chunk.length();
        let mut at = 0;
        while at < len {
            let end = (at + SLICE_BYTES).min(len);
            buf.resize((end - at) as usize, 0);
            chunk.subarray(at, end).copy_to(&mut buf);
            on_chunk(&buf);
            at = end;
            if super::clock::now_ms() - since > SLICE_MS {
                gloo_timers::future::TimeoutFuture::new(0).await;
                since = super::clock::now_ms();
            }
        }
    }
}

/// A plain GET with no credentials at all (for hosted result images: the key never goes there).
pub async fn get(url: &str, signal: Option<&web_sys::AbortSignal>) -> Result<HttpResponse, Error> {
    let req = HttpRequest {
        method: crate::protocol::Method::Get,
        url: url.to_string(),
        headers: Vec::new(),
        body: None,
    };
    send(&req, signal).await
}

fn failure(url: &str, signal: Option<&web_sys::AbortSignal>) -> Error {
    match signal {
        Some(s) if s.aborted() => Error::Cancelled,
        _ => network(url),
    }
}

fn network(url: &str) -> Error {
    Error::Network {
        host: host_of(&crate::protocol::http::redact_url(url)).to_string(),
    }
}
