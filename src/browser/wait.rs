//! Waiting in a page the user may leave: a cancel ends a wait at once (one timer, no polling), a poll's
//! wait ends early when the page is seen or resumed again or the network comes back (`wait.js`), and
//! a request that failed offline waits for the network instead of spending its retries.

use crate::protocol::Error;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

#[wasm_bindgen(module = "/src/browser/wait.js")]
extern "C" {
    #[wasm_bindgen(js_name = wait)]
    fn wait_js(ms: u32, signal: &AbortSignal, early: bool) -> js_sys::Promise;
    #[wasm_bindgen(js_name = online)]
    fn online_js(signal: &AbortSignal) -> js_sys::Promise;
    /// Whether the browser says it has no network (`navigator.onLine` is false).
    pub fn offline() -> bool;
    #[wasm_bindgen(js_name = deadline)]
    fn deadline_js(cancel: &AbortSignal, ms: u32) -> js_sys::Array;
    /// A signal that aborts when `signal` does, with no reason (an `AbortError`), whatever reason
    /// `signal` was given.
    pub fn bare(signal: &AbortSignal) -> AbortSignal;
}

/// The signal of a time limit of `ms`, and one that fires on it or on `cancel` (feature-detected:
/// `AbortSignal.any` is missing before Safari 17.4).
pub fn deadline(cancel: &AbortSignal, ms: u32) -> (AbortSignal, AbortSignal) {
    use wasm_bindgen::JsCast;
    let both = deadline_js(cancel, ms);
    (both.get(0).unchecked_into(), both.get(1).unchecked_into())
}

fn cancelled(signal: &AbortSignal) -> Result<(), Error> {
    if signal.aborted() {
        Err(Error::Cancelled)
    } else {
        Ok(())
    }
}

/// Waits `ms`, or returns [`Error::Cancelled`] if the signal fires meanwhile.
pub async fn sleep(ms: u32, signal: &AbortSignal) -> Result<(), Error> {
    waited(ms, signal, false).await
}

/// Waits up to `ms` between polls; ends early when the page is shown or resumed again, or the network
/// comes back (so a tab left in the background asks at once when the user returns).
pub async fn nap(ms: u32, signal: &AbortSignal) -> Result<(), Error> {
    waited(ms, signal, true).await
}

async fn waited(ms: u32, signal: &AbortSignal, early: bool) -> Result<(), Error> {
    cancelled(signal)?;
    let _ = JsFuture::from(wait_js(ms, signal, early)).await;
    cancelled(signal)
}

/// Waits until the browser is online again (at once when it is).
pub async fn until_online(signal: &AbortSignal) -> Result<(), Error> {
    cancelled(signal)?;
    let _ = JsFuture::from(online_js(signal)).await;
    cancelled(signal)
}
