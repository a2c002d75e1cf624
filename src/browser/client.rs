//! One generation, end to end: send what the protocol core built, read the answer, poll tasks, and
//! download hosted images. Returns the core's types; the UI decides what to show.

use super::fetch::answered;
use super::{clock, fetch, stream, wait};
use crate::protocol::response::checked_image;
use crate::protocol::task::TaskStatus;
use crate::protocol::{
    http_error, native, openai, retry, task, ApiKey, Dialect, Error, GeneratedImage, Generation,
    HttpRequest, Provider, RemoteImage,
};
use crate::studio::plan::Attempt;
use bytes::Bytes;
use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use web_sys::AbortSignal;

/// Transient poll failures tolerated in a row.
const POLL_RETRIES: u32 = 3;

/// What may end one attempt early: the user's cancel, or its time limit running out.
pub struct Deadline {
    user: AbortSignal,
    timer: AbortSignal,
    either: AbortSignal,
    seconds: u32,
}

impl Deadline {
    /// A time limit of `seconds` from now, on top of the user's `cancel`.
    pub fn new(cancel: &AbortSignal, seconds: u32) -> Deadline {
        let (timer, either) = wait::deadline(cancel, seconds.saturating_mul(1000));
        Deadline {
            user: cancel.clone(),
            timer,
            either,
            seconds,
        }
    }

    /// The signal to send with: it fires on cancel and when time is up.
    pub fn signal(&self) -> &AbortSignal {
        &self.either
    }

    /// `e`, unless it is the cancellation the time limit caused: then a timeout naming `host`, or for a
    /// task ([`Dialect::Task`]) the task's own timeout.
    pub fn explain(&self, e: Error, host: &str, dialect: Dialect) -> Error {
        if !(matches!(e, Error::Cancelled) && self.timer.aborted() && !self.user.aborted()) {
            return e;
        }
        let seconds = u64::from(self.seconds);
        match dialect {
            Dialect::Task => Error::TaskTimeout { seconds },
            Dialect::Gemini | Dialect::OpenAi => Error::Timeout {
                host: host.to_string(),
                seconds,
            },
        }
    }
}

/// A retry about to be waited for: why, how long, and which retry it is (1 for the first).
pub struct Wait {
    pub error: Error,
    pub ms: u32,
    pub retry: u8,
}

/// Runs `attempt` under a fresh time limit of `timeout_s` each try, and tries again after passing
/// failures (network, 429, 5xx) up to `retries` times, waiting as [`retry::next_delay`] says.
/// `on_wait` hears of each wait (`Some`) and of its end (`None`). An attempt that sets its `submitted`
/// flag (a task the provider accepted, maybe already paid for) is never sent again. Returns the outcome
/// and the number of failed tries.
pub async fn with_retries<F, Fut>(
    cancel: &AbortSignal,
    retries: u8,
    timeout_s: u32,
    provider: &Provider,
    mut attempt: F,
    mut on_wait: impl FnMut(Option<Wait>),
) -> (Result<Generation, Error>, u8)
where
    F: FnMut(AbortSignal, Rc<Cell<bool>>) -> Fut,
    Fut: Future<Output = Result<Generation, Error>>,
{
    let mut failures = 0u8;
    loop {
        let deadline = Deadline::new(cancel, timeout_s);
        let submitted = Rc::new(Cell::new(false));
        let outcome = attempt(deadline.signal().clone(), submitted.clone())
            .await
            .map_err(|e| deadline.explain(e, provider.host(), provider.dialect));
        let Err(error) = outcome else {
            return (outcome, failures);
        };
        // Failed because the device is offline: sent again once it is back, without spending a retry
        // (unless the provider already took it).
        if matches!(error, Error::Network { .. }) && wait::offline() && !submitted.get() {
            if wait::until_online(cancel).await.is_err() {
                return (Err(Error::Cancelled), failures);
            }
            continue;
        }
        failures = failures.saturating_add(1);
        let delay = (!cancel.aborted() && !submitted.get())
            .then(|| retry::next_delay(&error, failures, retries, js_sys::Math::random()))
            .flatten();
        let Some(delay) = delay else {
            return (Err(error), failures);
        };
        let ms = delay.as_millis().min(u128::from(u32::MAX)) as u32;
        on_wait(Some(Wait {
            error,
            ms,
            retry: failures,
        }));
        let slept = wait::sleep(ms, cancel).await;
        on_wait(None);
        if slept.is_err() {
            return (Err(Error::Cancelled), failures);
        }
    }
}

/// Sends one native request and returns its images (hosted ones downloaded and checked). The answer is
/// read as it arrives, its images decoded on the way ([`native::Scanner`]), so a 4K answer does not
/// hold up the page after its last byte.
pub async fn native_once(
    req: &HttpRequest,
    key: &ApiKey,
    signal: &AbortSignal,
) -> Result<Generation, Error> {
    let mut generation = native_read(req, key, signal).await?;
    download_remote(&mut generation, signal, None).await?;
    Ok(generation)
}

/// Sends one native request and reads its answer; hosted images are left to download.
async fn native_read(
    req: &HttpRequest,
    key: &ApiKey,
    signal: &AbortSignal,
) -> Result<Generation, Error> {
    let mut scanner = native::Scanner::default();
    let mut on_chunk = |chunk: &[u8]| scanner.push(chunk);
    let resp = fetch::send_streamed(req, Some(signal), Some(&mut on_chunk)).await?;
    answered(resp, key)?;
    // A pause between reading the body and parsing it, so neither makes a long task of the other.
    gloo_timers::future::TimeoutFuture::new(0).await;
    native::parse_scanned(scanner.finish(), key)
}

/// Sends one chat-completions request (OpenAI-compatible relays) and reads its answer, the images'
/// data URIs decoded as it arrives; links are left to download.
async fn openai_read(
    req: &HttpRequest,
    key: &ApiKey,
    signal: &AbortSignal,
) -> Result<Generation, Error> {
    let mut scanner = native::Scanner::with_data_uris();
    let mut on_chunk = |chunk: &[u8]| scanner.push(chunk);
    let resp = fetch::send_streamed(req, Some(signal), Some(&mut on_chunk)).await?;
    answered(resp, key)?;
    gloo_timers::future::TimeoutFuture::new(0).await;
    openai::parse_scanned(scanner.finish(), key)
}

/// Whether a failed streaming request means the relay does not stream (so the plain request is worth
/// sending instead).
fn stream_refused(e: &Error) -> bool {
    matches!(e, Error::Http(h) if matches!(h.status, 404 | 405 | 501))
}

/// What the caller hears while one attempt runs.
pub struct Hooks<'a> {
    /// An interim image of a streamed answer.
    pub on_draft: &'a dyn Fn(&GeneratedImage),
    /// A task was accepted, with its ids: from now on it must never be submitted again.
    pub on_submitted: &'a dyn Fn(&[String]),
    /// A task's progress, 0..100.
    pub on_progress: &'a dyn Fn(u8),
}

/// Sends one attempt once under `signal`, as its dialect wants it: a streamed native request (the
/// plain one where the relay will not stream), a plain one, or a task submitted and polled. The one
/// dispatch on the dialect for sending, shared by the studio and `generate()`.
pub async fn send(
    provider: &Provider,
    key: &ApiKey,
    attempt: &Attempt,
    signal: &AbortSignal,
    hooks: &Hooks<'_>,
) -> Result<Generation, Error> {
    let mut generation = match (provider.dialect, &attempt.plain) {
        (Dialect::Gemini, Some(plain)) => {
            let streamed =
                stream::read::<native::Accumulator>(&attempt.request, key, signal, |d| {
                    (hooks.on_draft)(d)
                })
                .await;
            match streamed {
                Err(e) if stream_refused(&e) => native_read(plain, key, signal).await,
                other => other,
            }
        }
        (Dialect::Gemini, None) => native_read(&attempt.request, key, signal).await,
        (Dialect::OpenAi, Some(plain)) => {
            let streamed =
                stream::read::<openai::Accumulator>(&attempt.request, key, signal, |d| {
                    (hooks.on_draft)(d)
                })
                .await;
            match streamed {
                Err(e) if stream_refused(&e) => openai_read(plain, key, signal).await,
                other => other,
            }
        }
        (Dialect::OpenAi, None) => openai_read(&attempt.request, key, signal).await,
        (Dialect::Task, _) => {
            task_run(
                provider,
                key,
                &attempt.request,
                signal,
                |ids| (hooks.on_submitted)(ids),
                |p| (hooks.on_progress)(p),
            )
            .await
        }
    }?;
    // Hosted images: fetched once each, through the proxy when they are on the provider's host.
    download_remote(&mut generation, signal, Some(provider)).await?;
    Ok(generation)
}

/// Submits a task (reporting its ids, so a reload can resume it), polls it (reporting progress 0..100)
/// until it ends, and downloads its images.
async fn task_run(
    provider: &Provider,
    key: &ApiKey,
    submit: &HttpRequest,
    signal: &AbortSignal,
    on_submitted: impl Fn(&[String]),
    on_progress: impl Fn(u8),
) -> Result<Generation, Error> {
    let resp = answered(fetch::send(submit, Some(signal)).await?, key)?;
    let ids = task::parse_submit(&resp.body, key)?;
    on_submitted(&ids);
    task_resume(provider, key, ids, signal, on_progress).await
}

/// Polls tasks that were already submitted until they end, and downloads their images.
pub async fn task_resume(
    provider: &Provider,
    key: &ApiKey,
    ids: Vec<String>,
    signal: &AbortSignal,
    on_progress: impl Fn(u8),
) -> Result<Generation, Error> {
    let mut generation = Generation::default();
    for id in ids {
        let images = poll_until_done(provider, key, &id, signal, &on_progress).await?;
        generation.remote.extend(images);
    }
    download_remote(&mut generation, signal, Some(provider)).await?;
    Ok(generation)
}

async fn poll_until_done(
    provider: &Provider,
    key: &ApiKey,
    id: &str,
    signal: &AbortSignal,
    on_progress: &impl Fn(u8),
) -> Result<Vec<RemoteImage>, Error> {
    let poll = task::poll(provider, key, id)?;
    let mut failures = 0;
    let mut round = 0u32;
    loop {
        // Every 2 s at first, then every 3 s (the provider asks for 2 to 5 s); at once when the user
        // comes back to a tab left in the background.
        wait::nap(if round < 5 { 2000 } else { 3000 }, signal).await?;
        round += 1;
        let answer = fetch::send(&poll, Some(signal))
            .await
            .and_then(|r| answered(r, key))
            .and_then(|r| task::parse_status(&r.body, key));
        let state = match answer {
            Ok(state) => {
                failures = 0;
                state
            }
            // The device went offline: the task runs on at the provider; ask again once back.
            Err(Error::Network { .. }) if wait::offline() => {
                wait::until_online(signal).await?;
                continue;
            }
            Err(e)
                if e.retry_hint() != crate::protocol::RetryHint::Never
                    && failures < POLL_RETRIES =>
            {
                failures += 1;
                continue;
            }
            Err(e) => return Err(e),
        };
        match state.status {
            TaskStatus::Completed(images) => {
                on_progress(100);
                return Ok(images);
            }
            TaskStatus::Failed(message) => return Err(Error::TaskFailed { message }),
            TaskStatus::Cancelled => return Err(Error::TaskCancelled),
            _ => on_progress(state.progress),
        }
    }
}

/// "Test connection": sends the cheapest request that shows whether this page reaches `provider` with
/// `key`, and reads what it says (a network error comes back as what it was, CORS or unreachable).
pub async fn check_connection(
    provider: &Provider,
    key: &ApiKey,
    model: &str,
    signal: &AbortSignal,
) -> Result<crate::protocol::check::Connected, Error> {
    use crate::protocol::check;
    let resp = fetch::send(&check::request(provider, key)?, Some(signal)).await?;
    check::read(
        provider.dialect,
        resp.status,
        &resp.body,
        resp.retry_after.as_deref(),
        model,
        key,
    )
}

/// Downloads hosted images once each (no credentials sent) and keeps only real PNG/JPEG/WebP bytes; a
/// link that is past its expiry, or answers 403, 404 or 410 (a signed link run out, a file removed),
/// is told as expired.
async fn download_remote(
    generation: &mut Generation,
    signal: &AbortSignal,
    provider: Option<&Provider>,
) -> Result<(), Error> {
    for remote in std::mem::take(&mut generation.remote) {
        if remote.is_expired(clock::unix_seconds()) {
            return Err(Error::ImageExpired);
        }
        let url = match provider {
            Some(p) => p.routed(remote.url),
            None => remote.url,
        };
        let resp = fetch::get(&url, Some(signal)).await?;
        if !resp.ok() {
            if matches!(resp.status, 403 | 404 | 410) {
                return Err(Error::ImageExpired);
            }
            return Err(http_error::from_status(
                resp.status,
                &resp.body,
                None,
                &ApiKey::default(),
            ));
        }
        generation
            .images
            .push(checked_image(Bytes::from(resp.body), &resp.content_type)?);
    }
    Ok(())
}
