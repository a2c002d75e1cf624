//! What the buttons do: generate, cancel, reuse a result (references: `references::add`). Each step calls the protocol
//! core or the browser glue and puts the outcome into [`AppState`].

use super::events::StudioResult;
use super::history;
use super::pending;
use super::state::{next_id, AppState, FullImage, ResultItem, RetryWait, Running};
use crate::browser::blob_url::bytes_to_blob;
use crate::browser::{client, clock, BlobUrl};
use crate::locale;
use crate::protocol::{
    native, task, ApiKey, Dialect, Error, Generation, HttpRequest, Reference, Turn,
};
use crate::studio::stored::{store_references, NewParts, StoredRef};
use crate::studio::{batch, download_name, PendingJob, Settings};
use crate::text;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::Arc;

/// Validates, builds and sends the generation. Nothing the user made is cleared, whatever happens.
pub fn generate(state: AppState) {
    if state.running.with_untracked(Option::is_some) {
        return;
    }
    state.error.set(None);
    let settings = state.settings.get_untracked();
    let provider = settings.provider();
    let key = ApiKey::new(state.key.get_untracked());
    if state.preparing.get_untracked() > 0 {
        state.fail_with("reference", text!(refs.still_preparing));
        return;
    }
    // What is sent (shrunk copies where over a limit), and the originals, kept with the history.
    let (references, originals): (Vec<Reference>, Vec<Reference>) =
        state.references.with_untracked(|r| {
            r.iter()
                .map(|i| {
                    (
                        Reference::new(i.name.clone(), i.bytes.clone()),
                        Reference::new(i.name.clone(), i.original.clone()),
                    )
                })
                .unzip()
        });
    // When continuing an edit, the earlier turns go first, verbatim.
    let earlier: Vec<Turn> = state
        .editing
        .with_untracked(|e| e.as_ref().map(|c| c.as_ref().clone()))
        .unwrap_or_default();
    // Kept with each result of this click: hashed once, however many images it makes.
    let stored_refs = Arc::new(store_references(&originals));
    // Every prompt of the batch is validated and built before anything is sent.
    let mut jobs = VecDeque::new();
    for prompt in batch::prompts(&state.prompt.get_untracked(), settings.batch) {
        let mut conversation = earlier.clone();
        conversation.push(Turn::user(&prompt, &references));
        let req = settings.to_request(&prompt, references.clone(), earlier.clone());
        // With thoughts asked for, native answers stream so the drafts show as they come; the plain
        // request stays at hand for relays that do not stream.
        let stream = provider.dialect == Dialect::Gemini && settings.include_thoughts;
        let built: Result<Vec<(HttpRequest, Option<HttpRequest>)>, Error> = match provider.dialect {
            Dialect::Gemini if stream => native::build(&provider, &key, &req, true).and_then(|s| {
                let plain = native::build(&provider, &key, &req, false)?;
                Ok(s.into_iter().zip(plain.into_iter().map(Some)).collect())
            }),
            Dialect::Gemini => native::build(&provider, &key, &req, false)
                .map(|r| r.into_iter().map(|r| (r, None)).collect()),
            Dialect::Task => task::build(&provider, &key, &req).map(|r| vec![(r, None)]),
        };
        let requests = match built {
            Ok(r) => r,
            Err(e) => return state.fail(&e),
        };
        let job = Arc::new(Job {
            prompt,
            conversation: Arc::new(conversation),
            references: stored_refs.clone(),
        });
        jobs.extend(
            requests
                .into_iter()
                .enumerate()
                .map(|(i, r)| (job.clone(), i, r)),
        );
    }
    let Ok(controller) = web_sys::AbortController::new() else {
        return state.fail_with("browser", text!(alert.no_abort));
    };
    let signal = controller.signal();
    state.abort.set_value(Some(controller));
    // Each request is remembered until it ends, so a reload cannot silently lose it.
    let now = js_sys::Date::now();
    let mut queued = VecDeque::with_capacity(jobs.len());
    for (n, (job, i, (req, plain))) in jobs.into_iter().enumerate() {
        let id = format!("{now}-{n}");
        state.kept(pending::add(PendingJob {
            id: id.clone(),
            prompt: job.prompt.clone(),
            settings: settings.clone(),
            started_ms: now,
            task_id: None,
            owner: String::new(),
        }));
        queued.push_back(Queued {
            job,
            index: i,
            req,
            plain,
            pending_id: id,
        });
    }
    let started = clock::now_ms();
    state.now_ms.set(started);
    state.status.set(match queued.len() {
        1 => text!(status.generating_one, model = settings.model.clone()),
        n => text!(
            status.generating_many,
            n = n,
            model = settings.model.clone()
        ),
    });
    state.running.set(Some(Running {
        started_ms: started,
        pending: queued.len(),
        progress: (provider.dialect == Dialect::Task).then_some(0),
        preview: None,
        retry: None,
        host: provider.host().to_string(),
    }));
    let run = Rc::new(Run {
        provider,
        key,
        settings,
        signal,
        stamp: clock::stamp(),
        started,
        queue: RefCell::new(queued),
    });
    // A few workers take requests from the queue: each image shows as soon as it arrives, and a
    // failure in one leaves the others.
    for _ in 0..batch::MAX_IN_FLIGHT {
        let run = run.clone();
        state.spawn(async move {
            loop {
                let next = run.queue.borrow_mut().pop_front();
                let Some(q) = next else {
                    break;
                };
                if !run.signal.aborted() {
                    run_one(state, &run, &q).await;
                }
                pending::remove(&q.pending_id);
            }
        });
    }
}

/// One prompt of a batch, the conversation it continues and its references as the history keeps them.
struct Job {
    prompt: String,
    conversation: Arc<Vec<Turn>>,
    references: Arc<(Vec<StoredRef>, NewParts)>,
}

/// What every request of one Generate click shares.
struct Run {
    provider: crate::protocol::Provider,
    key: ApiKey,
    settings: Settings,
    signal: web_sys::AbortSignal,
    stamp: String,
    started: f64,
    queue: RefCell<VecDeque<Queued>>,
}

/// A request waiting for a worker: its prompt, its number within the prompt, and its pending-list id.
struct Queued {
    job: Arc<Job>,
    index: usize,
    req: HttpRequest,
    /// For a streamed request: the same as a plain request, for relays that do not stream.
    plain: Option<HttpRequest>,
    pending_id: String,
}

/// Sends one request once (streamed with drafts where asked, the plain request where a relay does not
/// stream; a task submitted, noted in `submitted`, and polled) under `signal`.
async fn attempt(
    state: AppState,
    run: &Run,
    q: &Queued,
    signal: &web_sys::AbortSignal,
    submitted: &std::cell::Cell<bool>,
) -> Result<Generation, Error> {
    match (run.provider.dialect, &q.plain) {
        (Dialect::Gemini, Some(plain)) => {
            let streamed =
                client::native_streamed(&q.req, &run.key, signal, |draft| show_draft(state, draft))
                    .await;
            match streamed {
                Err(e) if client::stream_refused(&e) => {
                    client::native_once(plain, &run.key, signal).await
                }
                other => other,
            }
        }
        (Dialect::Gemini, None) => client::native_once(&q.req, &run.key, signal).await,
        (Dialect::Task, _) => {
            let on_submitted = |ids: &[String]| {
                submitted.set(true);
                if let Some(id) = ids.first() {
                    state.kept(pending::set_task(&q.pending_id, id));
                }
            };
            client::task_run(&run.provider, &run.key, &q.req, signal, on_submitted, |p| {
                state.running.update(|r| {
                    if let Some(r) = r {
                        r.progress = Some(p);
                    }
                })
            })
            .await
        }
    }
}

/// One request, tried again after passing failures (network, 429, 5xx) as the settings allow, with
/// the wait and its reason shown; then its images shown, or its error.
async fn run_one(state: AppState, run: &Run, q: &Queued) {
    let (outcome, failures) = client::with_retries(
        &run.signal,
        run.settings.retries,
        run.settings.timeout_s,
        &run.provider,
        |signal, submitted| async move { attempt(state, run, q, &signal, &submitted).await },
        |wait| {
            state.running.update(|r| {
                if let Some(r) = r {
                    r.retry = wait.map(|w| RetryWait {
                        reason: locale::retry_reason(&w.error),
                        until_ms: clock::now_ms() + f64::from(w.ms),
                        retry: w.retry,
                        of: run.settings.retries,
                    });
                }
            })
        },
    )
    .await;
    let (job, i) = (&q.job, q.index);
    let seconds = (clock::now_ms() - run.started) / 1000.0;
    if run.signal.aborted() {
        return;
    }
    match outcome {
        Ok(generation) => show(
            state,
            generation,
            job,
            &run.settings,
            &run.stamp,
            i,
            seconds,
        ),
        Err(Error::Cancelled) => {}
        Err(e) => {
            let mut message = locale::error(&e);
            if failures > 1 {
                message = locale::tried(message, failures);
            }
            // In a batch, say which prompt failed; the others go on.
            if run.settings.batch {
                message = locale::in_batch(job.prompt.clone(), message);
            }
            state.fail_with(e.kind(), message);
        }
    }
    finish_one(state);
}

/// Shows the images of a task resumed after a reload.
pub fn show_resumed(state: AppState, generation: Generation, job: &PendingJob) {
    let asked = Job {
        prompt: job.prompt.clone(),
        conversation: Arc::new(Vec::new()),
        references: Arc::new((Vec::new(), Vec::new())),
    };
    show(
        state,
        generation,
        &asked,
        &job.settings,
        &clock::stamp(),
        0,
        (js_sys::Date::now() - job.started_ms) / 1000.0,
    );
}

fn show(
    state: AppState,
    generation: Generation,
    job: &Job,
    settings: &Settings,
    stamp: &str,
    request: usize,
    seconds: f64,
) {
    let Generation {
        images,
        text,
        usage,
        grounding,
        turn,
        ..
    } = generation;
    state.events.with_value(|e| {
        e.result(StudioResult {
            prompt: job.prompt.clone(),
            model: settings.model.clone(),
            images: images.clone(),
            text: text.clone(),
            usage: usage.clone(),
        })
    });
    // The whole conversation up to this answer, for "continue editing".
    let prompt = job.prompt.as_str();
    let conversation = turn.map(|t| {
        let mut c = job.conversation.as_ref().clone();
        c.push(t);
        Arc::new(c)
    });
    let answer_images = images.len() as u32;
    let mut added = Vec::new();
    for (j, image) in images.into_iter().enumerate() {
        let shown = bytes_to_blob(&image.bytes, image.kind.mime())
            .and_then(|blob| BlobUrl::from_blob(&blob).map(|url| (blob, url)));
        let Ok((blob, url)) = shown else {
            state.fail_with("browser", text!(alert.no_display));
            continue;
        };
        let item = ResultItem {
            id: next_id(),
            entry_id: None,
            prompt: prompt.to_string(),
            settings: settings.clone(),
            conversation: conversation.clone(),
            saved_thread: false,
            file_name: download_name(prompt, stamp, request * 10 + j, image.kind),
            kind: image.kind,
            dims: crate::protocol::image::dimensions(&image.bytes),
            full: Some(FullImage {
                image,
                url: Arc::new(url),
            }),
            thumb: None,
            caption: text.clone(),
            usage: usage.clone(),
            answer_images,
            grounding: grounding.clone(),
            model: settings.model.clone(),
            seconds,
        };
        state.session_spent.update(|s| s.push(item.spent()));
        history::save(state, &item, blob, job.references.clone());
        added.push(item);
    }
    // While editing, the thread moves on to the newest answer.
    if let (true, Some(c)) = (state.editing.with_untracked(Option::is_some), &conversation) {
        state.editing.set(Some(c.clone()));
    }
    state.results.update(|r| {
        for item in added.into_iter().rev() {
            r.insert(0, item);
        }
    });
}

/// Shows an interim thought image while the final one is made.
fn show_draft(state: AppState, draft: &crate::protocol::GeneratedImage) {
    if let Ok(url) = BlobUrl::new(&draft.bytes, draft.kind.mime()) {
        state.running.update(|r| {
            if let Some(r) = r {
                r.preview = Some(Arc::new(url));
            }
        });
    }
}

fn finish_one(state: AppState) {
    let mut done = false;
    state.running.update(|r| {
        if let Some(run) = r {
            run.pending = run.pending.saturating_sub(1);
            if run.pending == 0 {
                done = true;
            }
        }
    });
    if done {
        state.running.set(None);
        state.abort.set_value(None);
        state.status.set(text!(status.done));
    }
}

/// Aborts the generation in flight; results that already arrived stay.
pub fn cancel(state: AppState) {
    if let Some(c) = state.abort.get_value() {
        c.abort();
    }
    state.abort.set_value(None);
    state.running.set(None);
    state.status.set(text!(status.cancelled));
}

/// Makes the next generation continue the conversation that produced `item`, so the model edits its
/// own image.
pub fn continue_editing(state: AppState, item: &ResultItem) {
    let start = move |c: Arc<Vec<Turn>>| {
        state.editing.set(Some(c));
        state.prompt.set(String::new());
        state.status.set(text!(status.editing));
    };
    if let Some(c) = &item.conversation {
        start(c.clone());
    } else if item.saved_thread {
        let id = item.id;
        state.spawn(async move {
            match history::load_thread(state, id).await {
                Ok(c) => start(c),
                Err(message) => state.fail_with("history", message),
            }
        });
    }
}

/// Refills the form with what made a result (never touching the key or references).
pub fn reuse_settings(state: AppState, item: &ResultItem) {
    let mut settings = item.settings.clone();
    settings.fit_to_model();
    state.settings.set(settings);
    state.prompt.set(item.prompt.clone());
    state.status.set(text!(status.reused));
}
