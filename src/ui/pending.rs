//! The requests the last visit left unfinished, with resume, run again and dismiss.

use super::i18n::{t, td_string, use_i18n};
use crate::app::pending::Status;
use crate::app::Pending;
use crate::locale::{self, Text};
use crate::text;
use leptos::prelude::*;

/// The list of requests the last visit left unfinished.
#[component]
pub fn PendingList() -> impl IntoView {
    let pending = expect_context::<Pending>();
    let i18n = use_i18n();
    view! {
        <Show when=move || pending.interrupted.with(|l| !l.is_empty())>
            <section class="pending" aria-live="polite">
                <h2>{t!(i18n, pending.heading)}</h2>
                <For
                    each=move || pending.interrupted.get()
                    // A new status draws the item again.
                    key=|i| (i.job.id.clone(), i.revision)
                    children=move |i| {
                        let (again, resume_job, id) = (i.job.clone(), i.job.clone(), i.job.id.clone());
                        let is_task = i.job.task_id.is_some();
                        view! {
                            <div class="pending-item" data-testid="pending-item">
                                <p><strong>{i.job.prompt.clone()}</strong></p>
                                <p class="meta" data-testid="pending-status">{let s = said(&i.status); move || s.get(i18n.get_locale())}</p>
                                <div class="row">
                                    {is_task.then(|| view! {
                                        <button class="secondary" data-testid="resume"
                                            on:click=move |_| pending.resume(resume_job.clone())>{t!(i18n, pending.resume)}</button>
                                    })}
                                    <button class="secondary" data-testid="run-again"
                                        on:click=move |_| pending.run_again(&again)>{t!(i18n, pending.run_again)}</button>
                                    <button class="secondary" data-testid="dismiss"
                                        on:click=move |_| pending.dismiss(&id)>{t!(i18n, pending.dismiss)}</button>
                                </div>
                            </div>
                        }
                    }
                />
            </section>
        </Show>
    }
}

/// A status in the user's language.
fn said(status: &Status) -> Text {
    match status {
        Status::Resuming => text!(pending.resuming),
        Status::ResumingAt(p) => text!(pending.resuming_progress, percent = *p),
        Status::NeedsKey => text!(pending.needs_key),
        Status::CutOff => text!(pending.interrupted),
        Status::Failed(e) => {
            let message = locale::error(e);
            Text::new(move |l| td_string!(l, pending.failed, message = message.get(l)).to_string())
        }
    }
}
