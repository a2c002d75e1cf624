//! Running one Generate click: a few workers take requests from its queue; each request is tried
//! again after passing failures as the settings allow, with the wait and its reason shown.

use super::{Generator, RetryWait};
use crate::app::history::Compared;
use crate::app::pending::jobs;
use crate::browser::{client, clock};
use crate::locale;
use crate::protocol::{ApiKey, Error, Generation, Turn};
use crate::studio::plan::Attempt;
use crate::studio::region::RegionEdit;
use crate::studio::stored::{NewParts, StoredRef};
use crate::studio::Settings;
use crate::text;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::Arc;

/// One prompt of a batch (for one model of a comparison), the settings it is sent with, the
/// conversation it continues and its references as the history keeps them.
pub(super) struct Job {
    pub(super) prompt: String,
    /// Where it goes and with which key: in a comparison, each saved provider with its own.
    pub(super) provider: crate::protocol::Provider,
    pub(super) key: ApiKey,
    /// In a comparison, the model (and saved provider) named in its messages.
    pub(super) label: Option<String>,
    pub(super) settings: Arc<Settings>,
    /// Set when the click compares models.
    pub(super) compared: Option<Arc<Compared>>,
    pub(super) conversation: Arc<Vec<Turn>>,
    pub(super) references: Arc<(Vec<StoredRef>, NewParts)>,
    /// A region edit's original and region: each answer is composited back over it.
    pub(super) region: Option<Arc<RegionEdit>>,
}

/// What every request of one Generate click shares.
pub(super) struct Run {
    pub(super) settings: Settings,
    pub(super) signal: web_sys::AbortSignal,
    pub(super) stamp: String,
    pub(super) started: f64,
    pub(super) queue: RefCell<VecDeque<Queued>>,
}

/// A request waiting for a worker: its prompt, its number within the prompt, and its pending-list id.
pub(super) struct Queued {
    pub(super) job: Arc<Job>,
    pub(super) index: usize,
    pub(super) attempt: Attempt,
    pub(super) pending_id: String,
}

impl Generator {
    /// Sends one request once (streamed with drafts where asked, the plain request where a relay does not
    /// stream; a task submitted, noted in `submitted`, and polled) under `signal`.
    async fn attempt(
        self,
        q: &Queued,
        signal: &web_sys::AbortSignal,
        submitted: &std::cell::Cell<bool>,
    ) -> Result<Generation, Error> {
        let on_draft = |draft: &crate::protocol::GeneratedImage| self.show_draft(draft);
        let on_submitted = |ids: &[String]| {
            submitted.set(true);
            if let Some(id) = ids.first() {
                jobs::set_task(&q.pending_id, id, self.notices);
            }
        };
        let on_progress = |p: u8| {
            self.running.update(|r| {
                if let Some(r) = r {
                    r.progress = Some(p);
                }
            })
        };
        let hooks = client::Hooks {
            on_draft: &on_draft,
            on_submitted: &on_submitted,
            on_progress: &on_progress,
        };
        client::send(&q.job.provider, &q.job.key, &q.attempt, signal, &hooks).await
    }

    /// One request, tried again after passing failures (network, 429, 5xx) as the settings allow, with
    /// the wait and its reason shown; then its images shown, or its error.
    pub(super) async fn run_one(self, run: &Run, q: &Queued) {
        let (outcome, failures) = client::with_retries(
            &run.signal,
            run.settings.retries,
            run.settings.timeout_s,
            &q.job.provider,
            |signal, submitted| async move { self.attempt(q, &signal, &submitted).await },
            |wait| {
                self.running.update(|r| {
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
            Ok(mut generation) => {
                let regions = match &job.region {
                    Some(edit) => {
                        let (images, regions) = self
                            .composite(std::mem::take(&mut generation.images), edit)
                            .await;
                        generation.images = images;
                        // Cancelled while the worker composited: nothing is shown or saved.
                        if run.signal.aborted() {
                            return;
                        }
                        regions
                    }
                    None => Vec::new(),
                };
                self.show(generation, job, &run.stamp, i, seconds, regions)
            }
            Err(Error::Cancelled) => {}
            Err(e) => {
                let mut message = locale::error(&e);
                if failures > 1 {
                    message = locale::tried(message, failures);
                }
                // In a batch, say which prompt failed; in a comparison, which model. The others go on.
                if run.settings.batch {
                    message = locale::in_batch(job.prompt.clone(), message);
                }
                if let Some(label) = &job.label {
                    message = locale::in_batch(label.clone(), message);
                }
                self.notices.fail_with(e.kind(), message);
            }
        }
        self.finish_one();
    }

    fn finish_one(self) {
        let mut done = false;
        self.running.update(|r| {
            if let Some(run) = r {
                run.pending = run.pending.saturating_sub(1);
                if run.pending == 0 {
                    done = true;
                }
            }
        });
        if done {
            self.running.set(None);
            self.abort.set_value(None);
            self.notices.status.set(text!(status.done));
        }
    }
}
