//! The pending service: generations a reload cut off, shown on the next visit, resumed by their task
//! id (task API) or offered again (native). What is remembered while they run is `jobs`.

pub mod jobs;

use super::composer::Composer;
use super::generation::Generator;
use super::notices::Notices;
use super::tasks::Tasks;
use crate::browser::client;
use crate::protocol::Error;
use crate::studio::{pending, PendingJob};
use leptos::prelude::*;

/// Where a request the last visit left unfinished stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Its task is being polled again.
    Resuming,
    /// Its task is being polled again and is this far, 0..100.
    ResumingAt(u8),
    /// Its task can be resumed once a key is entered.
    NeedsKey,
    /// A request a reload cut off: it can be run again.
    CutOff,
    /// Resuming it failed.
    Failed(Error),
}

/// A request the last visit left unfinished.
#[derive(Clone, Debug, PartialEq)]
pub struct Interrupted {
    pub job: crate::studio::PendingJob,
    pub status: Status,
    /// Bumped at every change of `status` (the list draws the item again).
    pub revision: u32,
}

/// The pending service. `Copy`.
#[derive(Clone, Copy)]
pub struct Pending {
    /// Requests a reload cut off, shown until resumed, run again or dismissed.
    pub interrupted: RwSignal<Vec<Interrupted>>,
    generator: Generator,
    composer: Composer,
    notices: Notices,
    tasks: Tasks,
}

impl Pending {
    /// Nothing shown until [`Pending::restore`].
    pub fn new(generator: Generator, composer: Composer, notices: Notices, tasks: Tasks) -> Self {
        Pending {
            interrupted: RwSignal::new(Vec::new()),
            generator,
            composer,
            notices,
            tasks,
        }
    }

    /// On start: shows what the last visit left running (in this tab, or in a tab since closed), takes it
    /// over, and resumes tasks when the key is at hand. Requests another open tab is running are left to it.
    pub fn restore(self) {
        jobs::heartbeat();
        let me = jobs::tab();
        let mut all = jobs::load();
        let jobs = pending::orphans(&all, &me, js_sys::Date::now(), |owner| {
            jobs::last_beat(owner)
        });
        if jobs.is_empty() {
            return;
        }
        for j in all.iter_mut().filter(|j| jobs.iter().any(|o| o.id == j.id)) {
            j.owner.clone_from(&me);
        }
        jobs::store(&all, self.notices);
        // Each task is resumed with its own provider's key, when it is at hand.
        let shown: Vec<Interrupted> = jobs
            .into_iter()
            .map(|job| Interrupted {
                status: match (
                    &job.task_id,
                    self.generator.key_for(&job.settings).is_empty(),
                ) {
                    (Some(_), false) => Status::Resuming,
                    (Some(_), true) => Status::NeedsKey,
                    (None, _) => Status::CutOff,
                },
                job,
                revision: 0,
            })
            .collect();
        let resumable: Vec<PendingJob> = shown
            .iter()
            .filter(|i| i.status == Status::Resuming)
            .map(|i| i.job.clone())
            .collect();
        self.interrupted.set(shown);
        for job in resumable {
            self.resume(job);
        }
    }

    /// Polls a task from an earlier visit and shows its images when they are ready.
    pub fn resume(self, job: PendingJob) {
        let Some(task_id) = job.task_id.clone() else {
            return;
        };
        let key = self.generator.key_for(&job.settings);
        let Ok(controller) = web_sys::AbortController::new() else {
            return;
        };
        let set_status = move |id: &str, status: Status| {
            self.interrupted.update(|list| {
                if let Some(i) = list.iter_mut().find(|i| i.job.id == id) {
                    i.status = status;
                    i.revision += 1;
                }
            })
        };
        set_status(&job.id, Status::Resuming);
        self.tasks.spawn(async move {
            let provider = job.settings.provider();
            let id = job.id.clone();
            // The time limit counts again from the resume: the earlier visit's share is unknown.
            let deadline = client::Deadline::new(&controller.signal(), job.settings.timeout_s);
            let outcome =
                client::task_resume(&provider, &key, vec![task_id], deadline.signal(), |p| {
                    set_status(&id, Status::ResumingAt(p))
                })
                .await
                .map_err(|e| deadline.explain(e, provider.host(), provider.dialect));
            match outcome {
                Ok(generation) => {
                    self.generator.show_resumed(generation, &job);
                    jobs::remove(&job.id, self.notices);
                    self.interrupted
                        .update(|l| l.retain(|i| i.job.id != job.id));
                }
                Err(e) => set_status(&job.id, Status::Failed(e)),
            }
        });
    }

    /// Runs an interrupted request again with its prompt and settings.
    pub fn run_again(self, job: &PendingJob) {
        self.dismiss(&job.id);
        self.generator.use_settings(job.settings.clone());
        self.composer.prompt.set(job.prompt.clone());
        self.generator.generate();
    }

    /// Forgets an interrupted request.
    pub fn dismiss(self, id: &str) {
        jobs::remove(id, self.notices);
        self.interrupted.update(|l| l.retain(|i| i.job.id != id));
    }
}
