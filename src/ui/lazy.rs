//! The studio's split points: what the first screen does not need loads on first use (see
//! [`crate::browser::chunks`]), in three chunks, `controls`, `work` and `extras`. The main module keeps
//! the shell and the composer (prompt, reference picker, size and ratio, Generate); generating,
//! restoring and showing the history, adding and shrinking references, the provider panel, the costs,
//! the rarer options, the prompt library and the annotation editor come in the chunks, fetched at idle by [`prefetch`] so that a click rarely waits. A click
//! that comes earlier says it is loading; a chunk that cannot be downloaded is told (the alert for an
//! action, [`MissingParts`] for views), never a lost prompt. Each waits first for the English of the
//! later screens, which a split build fetches rather than compiles in (`locale::i18n::load_english`). The views' split points are in
//! `lazy_views`; the actions' are here, so any view may start one.

use super::i18n::{t, use_i18n};
use crate::app::{Composer, Later, Notices, Tasks};
use crate::browser::chunks::ChunkError;
use crate::lazy_fn;
use crate::locale::i18n::load_english;
use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::future::Future;
use std::sync::Arc;

lazy_fn!(work, preload_generate:
    /// Validates, builds and sends the generation ([`crate::app::Generator::generate`]).
    pub fn generate(later: Later) { later.work().generator.generate() });

lazy_fn!(work, preload_history:
/// Makes the services the first screen left for later, then restores the first page of the history,
/// the draft's references and the jobs a reload cut off.
pub fn restore(later: Later, composer: Composer) {
    let work = later.work();
    work.history.restore();
    composer.restore_draft(work.history);
    work.pending.restore();
});

lazy_fn!(work, preload_worker:
/// Registers the service worker, which keeps every file for offline starts, and offers a new version
/// once it is installed (it never takes over during a generation).
pub fn keep_offline(later: Later, notices: Notices, tasks: Tasks) {
    tasks.spawn(async move {
        let ready = move || notices.update_ready.set(true);
        if !crate::browser::pwa::register(ready, move || later.running_now()).await {
            notices.note_limit(crate::app::Limit::NoOffline);
        }
    })
});

lazy_fn!(controls, preload_references:
/// Checks, shrinks where needed and adds the files given (picker, drop, paste).
pub fn add_files(composer: Composer, files: Vec<web_sys::File>, offer: bool) {
    composer.add_files(files, offer)
});

/// Runs what needs a chunk: `Copy`, provided to the views.
#[derive(Clone, Copy)]
pub struct Lazy {
    notices: Notices,
    tasks: Tasks,
}

impl Lazy {
    /// Runs under the studio's tasks and tells its notices.
    pub fn new(notices: Notices, tasks: Tasks) -> Self {
        Lazy { notices, tasks }
    }

    /// Runs a lazily loaded action the user asked for: while its part downloads the status says so, and
    /// if it cannot be downloaded the alert says what to do. Nothing the user made is touched either way.
    pub fn run(self, action: impl Future<Output = Result<(), ChunkError>> + 'static) {
        let notices = self.notices;
        self.tasks.spawn(async move {
            // Counted while the task waits; a part already loaded resolves within the same turn, so
            // nothing is drawn for it.
            notices.loading.update(|n| *n += 1);
            // The later screens' words first: the action may show them.
            let outcome = match load_english().await {
                Ok(()) => action.await,
                Err(_) => Err(ChunkError),
            };
            notices.loading.update(|n| *n = n.saturating_sub(1));
            match outcome {
                // The chunk is there now: what could not load it tries again.
                Ok(()) => RETRY.with(|r| r.notify()),
                Err(_) => notices.fail_with("chunk", crate::text!(alert.chunk_failed)),
            }
        });
    }

    /// Runs the start-up work that needs a chunk (restoring the history and the draft) once the first
    /// screen is painted, without a "getting ready" note. If its chunk cannot be downloaded it counts as a
    /// missing part ([`MissingParts`]) and runs again when the parts are tried again.
    pub fn start<A, F>(self, action: A)
    where
        A: Fn() -> F + Copy + 'static,
        F: Future<Output = Result<(), ChunkError>> + 'static,
    {
        self.tasks.spawn(async move {
            crate::browser::chunks::after_paint().await;
            if load_english().await.is_ok() && action().await.is_ok() {
                return;
            }
            let done = StoredValue::new(false);
            missing(1);
            Effect::new(move |before: Option<()>| {
                RETRY.with(|r| r.track());
                if before.is_some() && !done.get_value() {
                    done.set_value(true);
                    missing(-1);
                    self.start(action);
                }
            });
        });
    }
}

thread_local! {
    /// Notified when a chunk may have become available (an action loaded one, or the user asked to
    /// try again): every view and start-up task that failed to load tries again.
    static RETRY: ArcTrigger = ArcTrigger::new();
    /// How many views and start-up tasks wait for a chunk that could not be downloaded.
    static MISSING: ArcRwSignal<u32> = ArcRwSignal::new(0);
}

fn missing(change: i32) {
    MISSING.with(|m| m.update(|n| *n = n.saturating_add_signed(change)));
}

/// One notice for every part of the studio that could not be downloaded, with one button to try
/// them all again (shown in the alert region).
#[component]
pub fn MissingParts() -> impl IntoView {
    let i18n = use_i18n();
    let count = MISSING.with(ArcRwSignal::clone);
    view! {
        <Show when=move || { count.get() > 0 }>
            <p class="chunk-failed" role="alert" data-testid="chunk-failed">
                {t!(i18n, alert.part_failed)}
                " "
                <button class="secondary" data-testid="chunk-retry" on:click=|_| RETRY.with(|r| r.notify())>
                    {t!(i18n, alert.retry)}
                </button>
            </p>
        </Show>
    }
}

/// A lazily loaded view's loader, boxed so that one copy of the Suspense code serves every view.
type LoadView = Arc<dyn Fn() -> LocalBoxFuture<'static, Result<AnyView, ChunkError>> + Send + Sync>;

/// Shows a view whose code loads on first use: nothing while it loads (it is fetched at idle and
/// usually there); if it cannot be downloaded, a missing part ([`MissingParts`]) until it can.
pub fn lazy_view<F>(load: fn() -> F) -> impl IntoView
where
    F: Future<Output = Result<AnyView, ChunkError>> + 'static,
{
    lazy_view_boxed(Arc::new(move || Box::pin(load())))
}

fn lazy_view_boxed(load: LoadView) -> impl IntoView {
    // Fired only by a failed attempt's retry, so a view that loaded is never drawn again.
    let again = ArcTrigger::new();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                again.track();
                let again = again.clone();
                let loading = load();
                Suspend::new(SendWrapper::new(async move {
                    // Not before the first screen is painted: the composer never waits for a chunk.
                    crate::browser::chunks::after_paint().await;
                    // The later screens' words before the view that shows them.
                    if load_english().await.is_err() {
                        return view! { <ChunkFailed again/> }.into_any();
                    }
                    match loading.await {
                        Ok(view) => view,
                        Err(_) => view! { <ChunkFailed again/> }.into_any(),
                    }
                }))
            }}
        </Suspense>
    }
}

/// In place of a view whose chunk could not be downloaded: nothing, counted as a missing part
/// ([`MissingParts`] says so once), drawn again once an action has loaded the chunk or the user tries
/// again.
#[component]
fn ChunkFailed(again: ArcTrigger) -> impl IntoView {
    missing(1);
    on_cleanup(|| missing(-1));
    Effect::new(move |before: Option<()>| {
        RETRY.with(|r| r.track());
        if before.is_some() {
            again.notify();
        }
    });
}
