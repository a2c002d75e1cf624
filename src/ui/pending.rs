//! Generations that a reload cut off: remembered while they run, resumed (task API) or offered again
//! (native) on the next visit.

use super::actions;
use super::i18n::{t, td_string, use_i18n, Locale};
use super::state::{AppState, Interrupted};
use crate::browser::{client, storage};
use crate::locale::{self, Text};
use crate::protocol::ApiKey;
use crate::studio::{pending, PendingJob};
use crate::text;
use leptos::prelude::*;

const PENDING_KEY: &str = "banana-studio.pending";
/// This tab's id, in `sessionStorage` so that it survives reloads of the tab.
const TAB_KEY: &str = "banana-studio.tab";
/// `localStorage` prefix of each open tab's last heartbeat.
const ALIVE_PREFIX: &str = "banana-studio.alive.";

/// This tab's id (made on its first visit).
fn tab() -> String {
    storage::session_get(TAB_KEY).unwrap_or_else(|| {
        let id = format!("{:x}", (js_sys::Math::random() * 1e15) as u64);
        storage::session_set(TAB_KEY, &id);
        id
    })
}

/// Says, now and every few seconds, that this tab is open, so other tabs leave its requests alone
/// (once per page, however many studios it holds).
fn heartbeat() {
    static STARTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if STARTED.swap(true, std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    let key = format!("{ALIVE_PREFIX}{}", tab());
    let beat = move || {
        storage::set(&key, &js_sys::Date::now().to_string());
    };
    beat();
    gloo_timers::callback::Interval::new(pending::HEARTBEAT_MS as u32, beat).forget();
}

fn load() -> Vec<PendingJob> {
    storage::get(PENDING_KEY).map_or_else(Vec::new, |s| pending::from_json(&s))
}

/// Writes the list; false when the browser would not keep it (the caller tells the user).
fn store(jobs: &[PendingJob]) -> bool {
    storage::set(PENDING_KEY, &pending::to_json(jobs))
}

/// Remembers a request that is about to be sent, as this tab's; false when the browser would not keep
/// it (a reload then cannot show it as cut off).
#[must_use]
pub fn add(mut job: PendingJob) -> bool {
    job.owner = tab();
    let mut jobs = load();
    jobs.push(job);
    store(&jobs)
}

/// Records the task id a request got, so polling can resume after a reload; false when the browser
/// would not keep it.
#[must_use]
pub fn set_task(id: &str, task_id: &str) -> bool {
    let mut jobs = load();
    if let Some(j) = jobs.iter_mut().find(|j| j.id == id) {
        j.task_id = Some(task_id.to_string());
    }
    store(&jobs)
}

/// Forgets a request that ended (whatever the outcome).
pub fn remove(id: &str) {
    let mut jobs = load();
    jobs.retain(|j| j.id != id);
    let _ = store(&jobs); // smaller than before: it fits wherever the longer list did
}

/// On start: shows what the last visit left running (in this tab, or in a tab since closed), takes it
/// over, and resumes tasks when the key is at hand. Requests another open tab is running are left to it.
pub fn restore(state: AppState) {
    heartbeat();
    let me = tab();
    let mut all = load();
    let jobs = pending::orphans(&all, &me, js_sys::Date::now(), |owner| {
        storage::get(&format!("{ALIVE_PREFIX}{owner}")).and_then(|t| t.parse().ok())
    });
    if jobs.is_empty() {
        return;
    }
    for j in all.iter_mut().filter(|j| jobs.iter().any(|o| o.id == j.id)) {
        j.owner.clone_from(&me);
    }
    state.kept(store(&all));
    let key = ApiKey::new(state.key.get_untracked());
    state.interrupted.set(
        jobs.iter()
            .map(|job| Interrupted {
                job: job.clone(),
                status: match (&job.task_id, key.is_empty()) {
                    (Some(_), false) => text!(pending.resuming),
                    (Some(_), true) => text!(pending.needs_key),
                    (None, _) => text!(pending.interrupted),
                },
            })
            .collect(),
    );
    for job in jobs {
        if job.task_id.is_some() && !key.is_empty() {
            resume(state, job);
        }
    }
}

/// Polls a task from an earlier visit and shows its images when they are ready.
pub fn resume(state: AppState, job: PendingJob) {
    let Some(task_id) = job.task_id.clone() else {
        return;
    };
    let key = ApiKey::new(state.key.get_untracked());
    let Ok(controller) = web_sys::AbortController::new() else {
        return;
    };
    let set_status = move |id: &str, status: Text| {
        state.interrupted.update(|list| {
            if let Some(i) = list.iter_mut().find(|i| i.job.id == id) {
                i.status = status;
            }
        })
    };
    set_status(&job.id, text!(pending.resuming));
    state.spawn(async move {
        let provider = job.settings.provider();
        let id = job.id.clone();
        // The time limit counts again from the resume: the earlier visit's share is unknown.
        let deadline = client::Deadline::new(&controller.signal(), job.settings.timeout_s);
        let outcome = client::task_resume(&provider, &key, vec![task_id], deadline.signal(), |p| {
            set_status(&id, text!(pending.resuming_progress, percent = p))
        })
        .await
        .map_err(|e| deadline.explain(e, provider.host(), provider.dialect));
        match outcome {
            Ok(generation) => {
                actions::show_resumed(state, generation, &job);
                remove(&job.id);
                state
                    .interrupted
                    .update(|l| l.retain(|i| i.job.id != job.id));
            }
            Err(e) => {
                let message = locale::error(&e);
                set_status(
                    &job.id,
                    Text::new(move |l| {
                        td_string!(l, pending.failed, message = message.get(l)).to_string()
                    }),
                )
            }
        }
    });
}

/// Runs an interrupted request again with its prompt and settings.
pub fn run_again(state: AppState, job: &PendingJob) {
    dismiss(state, &job.id);
    state.settings.set(job.settings.clone());
    state.prompt.set(job.prompt.clone());
    actions::generate(state);
}

/// Forgets an interrupted request.
pub fn dismiss(state: AppState, id: &str) {
    remove(id);
    state.interrupted.update(|l| l.retain(|i| i.job.id != id));
}

/// The list of requests the last visit left unfinished.
#[component]
pub fn PendingList() -> impl IntoView {
    let state = super::state::use_state();
    let i18n = use_i18n();
    view! {
        <Show when=move || state.interrupted.with(|l| !l.is_empty())>
            <section class="pending" aria-live="polite">
                <h2>{t!(i18n, pending.heading)}</h2>
                <For
                    each=move || state.interrupted.get()
                    // A new status draws the item again (its English words tell one status from another).
                    key=|i| (i.job.id.clone(), i.status.get(Locale::en))
                    children=move |i| {
                        let (again, resume_job, id) = (i.job.clone(), i.job.clone(), i.job.id.clone());
                        let is_task = i.job.task_id.is_some();
                        view! {
                            <div class="pending-item" data-testid="pending-item">
                                <p><strong>{i.job.prompt.clone()}</strong></p>
                                <p class="meta" data-testid="pending-status">{let s = i.status.clone(); move || s.get(i18n.get_locale())}</p>
                                <div class="row">
                                    {is_task.then(|| view! {
                                        <button class="secondary" data-testid="resume"
                                            on:click=move |_| resume(state, resume_job.clone())>{t!(i18n, pending.resume)}</button>
                                    })}
                                    <button class="secondary" data-testid="run-again"
                                        on:click=move |_| run_again(state, &again)>{t!(i18n, pending.run_again)}</button>
                                    <button class="secondary" data-testid="dismiss"
                                        on:click=move |_| dismiss(state, &id)>{t!(i18n, pending.dismiss)}</button>
                                </div>
                            </div>
                        }
                    }
                />
            </section>
        </Show>
    }
}
