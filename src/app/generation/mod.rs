//! The generator service: Generate turns the composer and the settings into requests (every prompt
//! of a batch times the image count, validated and built before anything is sent), remembers each
//! until it ends (`pending::jobs`), and runs them a few at a time (`run`); each image is shown and
//! saved the moment it arrives (`show`). Cancel, continue editing and reuse settings live here too.

mod follow;
mod region;
mod run;
mod show;

use super::annotation::Annotation;
use super::composer::Composer;
use super::history::{Compared, History};
use super::notices::Notices;
use super::pending::jobs;
use super::prefs::Prefs;
use super::providers::Providers;
use super::tasks::next_id;
use super::tasks::Tasks;
use crate::browser::{clock, BlobUrl};
use crate::locale::{self, Text};
use crate::protocol::{ApiKey, Dialect, Reference, Turn};
use crate::studio::plan::{self, Attempt};
use crate::studio::stored::store_references;
use crate::studio::{batch, compare, PendingJob, Settings};
use crate::text;
use leptos::prelude::*;
use run::{Job, Queued, Run};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::Arc;

/// A generation in flight.
#[derive(Clone, Debug, PartialEq)]
pub struct Running {
    pub started_ms: f64,
    /// Requests not yet answered.
    pub pending: usize,
    /// Task API progress, 0..100.
    pub progress: Option<u8>,
    /// The latest interim thought image of a streamed answer.
    pub preview: Option<Arc<BlobUrl>>,
    /// A failed request waiting to be tried again.
    pub retry: Option<RetryWait>,
    pub host: String,
}

/// A request waiting to be tried again: why, until when, and which retry it will be.
#[derive(Clone, Debug, PartialEq)]
pub struct RetryWait {
    pub reason: Text,
    pub until_ms: f64,
    pub retry: u8,
    pub of: u8,
}

/// The generator service. `Copy`.
#[derive(Clone, Copy)]
pub struct Generator {
    pub running: RwSignal<Option<Running>>,
    /// The clock of the elapsed-time display, ticking while something runs.
    pub now_ms: RwSignal<f64>,
    /// Whether the browser says it is online (its `online` and `offline` events).
    pub online: RwSignal<bool>,
    /// What each image made this visit cost is worked out from (deleted ones included).
    pub session_spent: RwSignal<Vec<crate::studio::cost::Spent>>,
    abort: StoredValue<Option<web_sys::AbortController>, LocalStorage>,
    /// Counts "continue editing" clicks, so a region read for an earlier one arms nothing.
    continued: StoredValue<u64>,
    prefs: Prefs,
    providers: Providers,
    composer: Composer,
    /// Sets up the region edit the next Generate makes (its `region`).
    annotation: Annotation,
    history: History,
    notices: Notices,
    tasks: Tasks,
}

impl Generator {
    /// Nothing running.
    pub fn new(
        prefs: Prefs,
        providers: Providers,
        composer: Composer,
        history: History,
        (notices, tasks): (Notices, Tasks),
        annotation: Annotation,
    ) -> Self {
        Generator {
            annotation,
            running: RwSignal::new(None),
            now_ms: RwSignal::new(0.0),
            online: RwSignal::new(web_sys::window().is_none_or(|w| w.navigator().on_line())),
            session_spent: RwSignal::new(Vec::new()),
            abort: StoredValue::new_local(None),
            continued: StoredValue::new(0),
            prefs,
            providers,
            composer,
            history,
            notices,
            tasks,
        }
    }

    /// Validates, builds and sends the generation. Nothing the user made is cleared, whatever happens.
    pub fn generate(self) {
        if self.running.with_untracked(Option::is_some) {
            return;
        }
        self.notices.error.set(None);
        let settings = self.prefs.settings.get_untracked();
        let provider = settings.provider();
        if self.composer.preparing.get_untracked() > 0 {
            self.notices
                .fail_with("reference", text!(refs.still_preparing));
            return;
        }
        // Comparing models: every prompt once per model (of any saved provider), each with what it
        // offers of the settings.
        self.providers.fresh();
        let (variants, gone) = self.providers.saved.with_untracked(|saved| {
            (
                compare::variants(&settings, saved),
                compare::gone(&settings, saved),
            )
        });
        if gone > 0 {
            return self
                .notices
                .fail_with("providers", text!(providers.compare_gone));
        }
        let Some(planned) = self.plan(&settings, &variants) else {
            return;
        };
        let Ok(controller) = web_sys::AbortController::new() else {
            return self.notices.fail_with("browser", text!(alert.no_abort));
        };
        let signal = controller.signal();
        self.abort.set_value(Some(controller));
        // Each request is remembered until it ends, so a reload cannot silently lose it.
        let now = js_sys::Date::now();
        let mut queued = VecDeque::with_capacity(planned.len());
        for (n, (job, i, attempt)) in planned.into_iter().enumerate() {
            let id = format!("{now}-{n}");
            jobs::add(
                PendingJob {
                    id: id.clone(),
                    prompt: job.prompt.clone(),
                    settings: job.settings.as_ref().clone(),
                    started_ms: now,
                    task_id: None,
                    owner: String::new(),
                },
                self.notices,
            );
            queued.push_back(Queued {
                job,
                index: i,
                attempt,
                pending_id: id,
            });
        }
        let started = clock::now_ms();
        self.now_ms.set(started);
        self.notices.status.set(match queued.len() {
            // Comparing: how many models, and what any of them is sent without.
            n if !settings.compare.is_empty() => {
                let models = variants.len();
                let left_out: Vec<String> = variants
                    .iter()
                    .filter(|v| !v.dropped.is_empty())
                    .map(|v| format!("{} ({})", v.settings.model, v.dropped.join(", ")))
                    .collect();
                if left_out.is_empty() {
                    text!(status.comparing, n = n, models = models)
                } else {
                    let left_out = left_out.join("; ");
                    text!(
                        status.comparing_without,
                        n = n,
                        models = models,
                        left_out = left_out
                    )
                }
            }
            1 => text!(status.generating_one, model = settings.model.clone()),
            n => text!(
                status.generating_many,
                n = n,
                model = settings.model.clone()
            ),
        });
        self.running.set(Some(Running {
            started_ms: started,
            pending: queued.len(),
            progress: variants
                .iter()
                .any(|v| v.settings.dialect == Dialect::Task)
                .then_some(0),
            preview: None,
            retry: None,
            host: provider.host().to_string(),
        }));
        let run = Rc::new(Run {
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
            self.tasks.spawn(async move {
                loop {
                    let next = run.queue.borrow_mut().pop_front();
                    let Some(q) = next else {
                        break;
                    };
                    if !run.signal.aborted() {
                        self.run_one(&run, &q).await;
                    }
                    jobs::remove(&q.pending_id, self.notices);
                }
            });
        }
    }

    /// Every request of one click, validated and built before anything is sent: each prompt of the
    /// batch (continuing the conversation being edited), for each model of `variants`, times the image
    /// count, with its references as the history keeps them. `None` when one cannot be built (the alert
    /// says why).
    fn plan(
        self,
        settings: &Settings,
        variants: &[compare::Variant],
    ) -> Option<VecDeque<(Arc<Job>, usize, Attempt)>> {
        // What is sent (shrunk copies where over a limit), and the originals, kept with the history.
        let (references, originals): (Vec<Reference>, Vec<Reference>) =
            self.composer.references.with_untracked(|r| {
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
        let earlier: Vec<Turn> = self
            .composer
            .editing
            .with_untracked(|e| e.as_ref().map(|c| c.as_ref().clone()))
            .unwrap_or_default();
        // Kept with each result of this click: hashed once, however many images it makes.
        let stored_refs = Arc::new(store_references(&originals));
        // A region edit: every answer of this click is composited over its original.
        let region = self.annotation.region.get_untracked();
        // Every prompt of the batch is validated and built before anything is sent.
        let mut planned = VecDeque::new();
        let prompts = match batch::prompts(&self.composer.prompt.get_untracked(), settings.batch) {
            Ok(p) => p,
            Err(e) => {
                self.notices.fail_with("batch", locale::batch(&e));
                return None;
            }
        };
        let group = (variants.len() > 1 || !settings.compare.is_empty()).then(next_id);
        for variant in variants {
            let compared = group.map(|group| {
                Arc::new(Compared {
                    group,
                    dropped: variant.dropped.clone(),
                })
            });
            let settings = Arc::new(variant.settings.clone());
            let provider = settings.provider();
            let key = self.key_for(&settings);
            // In a comparison, which model (and of which saved provider, when not the one in use).
            let label = self.variant_label(&settings, group.is_some());
            if key.is_empty() && group.is_some() {
                if let Some(name) = self.providers.name_of(&settings.provider_id) {
                    self.notices
                        .fail_with("auth", text!(providers.compare_no_key, name = name));
                    return None;
                }
            }
            for prompt in &prompts {
                let prompt = prompt.clone();
                let mut conversation = earlier.clone();
                conversation.push(Turn::user(&prompt, &references));
                let req = settings.to_request(&prompt, references.clone(), earlier.clone());
                // With thoughts asked for, native answers stream so the drafts show as they come.
                let attempts =
                    match plan::attempts(&provider, &key, &req, settings.include_thoughts) {
                        Ok(a) => a,
                        Err(e) => {
                            let message = locale::error(&e);
                            let message = match &label {
                                Some(label) => locale::in_batch(label.clone(), message),
                                None => message,
                            };
                            self.notices.fail_with(e.kind(), message);
                            return None;
                        }
                    };
                let job = Arc::new(Job {
                    prompt,
                    provider: provider.clone(),
                    key: key.clone(),
                    label: label.clone(),
                    settings: settings.clone(),
                    compared: compared.clone(),
                    conversation: Arc::new(conversation),
                    references: stored_refs.clone(),
                    region: region.clone(),
                });
                planned.extend(
                    attempts
                        .into_iter()
                        .enumerate()
                        .map(|(i, r)| (job.clone(), i, r)),
                );
            }
        }
        Some(planned)
    }

    /// How a comparison names one of its requests: the model, after the saved provider's name when it
    /// has one. `None` outside a comparison.
    fn variant_label(self, settings: &Settings, compared: bool) -> Option<String> {
        compared.then(|| match self.providers.name_of(&settings.provider_id) {
            Some(name) => format!("{name} · {}", settings.model),
            None => settings.model.clone(),
        })
    }

    /// The key for requests made with `settings`: its saved provider's (`app::Providers::key_for`).
    pub fn key_for(self, settings: &Settings) -> ApiKey {
        ApiKey::new(self.providers.key_for(&settings.provider_id))
    }

    /// Aborts the generation in flight; results that already arrived stay.
    pub fn cancel(self) {
        if let Some(c) = self.abort.get_value() {
            c.abort();
        }
        self.abort.set_value(None);
        self.running.set(None);
        self.notices.status.set(text!(status.cancelled));
    }

    /// Aborts whatever is in flight (the studio is going away).
    pub fn abort_all(self) {
        if let Some(Some(c)) = self.abort.try_get_value() {
            c.abort();
        }
    }

    /// Moves the elapsed-time clock on, while something runs.
    pub fn tick(self) {
        if self.running.with_untracked(Option::is_some) {
            self.now_ms.set(clock::now_ms());
        }
    }
}
