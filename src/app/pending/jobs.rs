//! Requests in flight, remembered in Web Storage until they end, so a reload cannot silently lose one:
//! each as its tab's, with a heartbeat per open tab so another tab leaves them alone.

use crate::app::notices::Notices;
use crate::app::persisted::Persisted;
use crate::browser::storage;
use crate::studio::{pending, PendingJob};

const PENDING: Persisted = Persisted::named("banana-studio.pending");
/// This tab's id, in `sessionStorage` so that it survives reloads of the tab.
const TAB_KEY: &str = "banana-studio.tab";
/// `localStorage` prefix of each open tab's last heartbeat.
const ALIVE_PREFIX: &str = "banana-studio.alive.";

/// This tab's id (made on its first visit).
pub(super) fn tab() -> String {
    storage::session_get(TAB_KEY).unwrap_or_else(|| {
        let id = format!("{:x}", (js_sys::Math::random() * 1e15) as u64);
        storage::session_set(TAB_KEY, &id);
        id
    })
}

/// Says, now and every few seconds, that this tab is open, so other tabs leave its requests alone
/// (once per page, however many studios it holds).
pub(super) fn heartbeat() {
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

/// Every job remembered, this tab's and others'.
pub(super) fn load() -> Vec<PendingJob> {
    PENDING
        .text()
        .map_or_else(Vec::new, |s| pending::from_json(&s))
}

/// Writes the list; false when the browser would not keep it (the caller tells the user).
pub(super) fn store(jobs: &[PendingJob], notices: Notices) -> bool {
    PENDING.set_text(&pending::to_json(jobs), notices)
}

/// Remembers a request that is about to be sent, as this tab's; false when the browser would not keep
/// it (the user is told; the request still runs, but a reload cannot show it as cut off).
pub fn add(mut job: PendingJob, notices: Notices) -> bool {
    job.owner = tab();
    let mut jobs = load();
    jobs.push(job);
    store(&jobs, notices)
}

/// Records the task id a request got, so polling can resume after a reload; false (and the user told)
/// when the browser would not keep it.
pub fn set_task(id: &str, task_id: &str, notices: Notices) -> bool {
    let mut jobs = load();
    if let Some(j) = jobs.iter_mut().find(|j| j.id == id) {
        j.task_id = Some(task_id.to_string());
    }
    store(&jobs, notices)
}

/// Forgets a request that ended (whatever the outcome).
pub fn remove(id: &str, notices: Notices) {
    let mut jobs = load();
    jobs.retain(|j| j.id != id);
    store(&jobs, notices); // smaller than before: it fits wherever the longer list did
}

/// When the tab `owner` last said it was open (ms since the epoch).
pub(super) fn last_beat(owner: &str) -> Option<f64> {
    storage::get(&format!("{ALIVE_PREFIX}{owner}")).and_then(|t| t.parse().ok())
}
