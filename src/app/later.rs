//! The services the first screen does not draw — the history, generating, pending requests, saved
//! providers, the prompt library, the annotation editor, connection checks — made together on first use
//! ([`Later::work`]), which only code in a chunk calls: the first paint (a split point's body, a lazy
//! view) or the start-up restore at idle. So none of their constructors, effects or listeners is in the
//! main module (`ARCHITECTURE.md`, "What starts with the page").

use super::annotation::Annotation;
use super::composer::Composer;
use super::connection::Connection;
use super::generation::Generator;
use super::history::History;
use super::library::Library;
use super::notices::Notices;
use super::pending::Pending;
use super::prefs::Prefs;
use super::providers::Providers;
use super::tasks::Tasks;
use leptos::prelude::*;

/// The services made on first use. `Copy`; each is also provided to the views separately
/// (`use_context::<History>()`), from the studio's owner.
#[derive(Clone, Copy)]
pub struct Work {
    pub history: History,
    pub generator: Generator,
    pub pending: Pending,
    pub library: Library,
    pub annotation: Annotation,
    pub connection: Connection,
    pub providers: Providers,
}

/// The handle the first screen holds to [`Work`]: made with the page, empty until a chunk makes the
/// services. `Copy`, provided to the views.
#[derive(Clone, Copy)]
pub struct Later {
    made: RwSignal<Option<Work>>,
    base: StoredValue<(Prefs, Composer, Notices, Tasks)>,
}

impl Later {
    /// A handle for the services the page's first screen leaves for later.
    pub fn new(prefs: Prefs, composer: Composer, notices: Notices, tasks: Tasks) -> Self {
        Later {
            made: RwSignal::new(None),
            base: StoredValue::new((prefs, composer, notices, tasks)),
        }
    }

    /// The services, once made (tracked): what the first screen reads of them, where it reads anything.
    pub fn get(self) -> Option<Work> {
        self.made.get()
    }

    /// Whether a generation is running (never, before the services are made).
    pub fn running(self) -> bool {
        self.made
            .with(|w| w.is_some_and(|w| w.generator.running.with(Option::is_some)))
    }

    /// Whether a generation is running now (untracked; false once the studio is gone).
    pub fn running_now(self) -> bool {
        self.made
            .try_with_untracked(|w| {
                w.is_some_and(|w| {
                    w.generator
                        .running
                        .try_with_untracked(Option::is_some)
                        .unwrap_or(false)
                })
            })
            .unwrap_or(false)
    }

    /// Whether an image is open in the annotation editor.
    pub fn annotating(self) -> bool {
        self.made.with(|w| {
            w.is_some_and(|w| {
                w.annotation.target.with(Option::is_some)
                    || w.annotation.expanding.with(Option::is_some)
            })
        })
    }

    /// The services, made now (under the studio's owner, provided to its views) if this is their
    /// first use. Call it only from a chunk: whatever the main module reaches stays in it.
    pub fn work(self) -> Work {
        if let Some(work) = self.made.get_untracked() {
            return work;
        }
        let (prefs, composer, notices, tasks) = self.base.get_value();
        let work = tasks.in_studio(|| {
            let work = Work::new(prefs, composer, notices, tasks);
            work.provide();
            work.watch();
            work
        });
        self.made.set(Some(work));
        work
    }
}

impl Work {
    /// Makes every later service, each given the ones it works with.
    pub fn new(prefs: Prefs, composer: Composer, notices: Notices, tasks: Tasks) -> Self {
        let history = History::new(notices, tasks);
        let providers = Providers::new(prefs, notices);
        let annotation = Annotation::new(composer, history, notices, tasks);
        let generator = Generator::new(
            prefs,
            providers,
            composer,
            history,
            (notices, tasks),
            annotation,
        );
        let pending = Pending::new(generator, composer, notices, tasks);
        let library = Library::new(history, composer, notices, tasks);
        let connection = Connection::new(prefs, tasks);
        Work {
            history,
            generator,
            pending,
            library,
            annotation,
            connection,
            providers,
        }
    }

    /// Provides each service to the views below the current owner, separately.
    pub fn provide(self) {
        provide_context(self.history);
        provide_context(self.generator);
        provide_context(self.pending);
        provide_context(self.library);
        provide_context(self.annotation);
        provide_context(self.connection);
        provide_context(self.providers);
    }

    /// What the generator hears from the page while the studio lives: the network going and coming
    /// back (requests cut off wait for it), a clock for the elapsed time while something runs, and
    /// the end of whatever is in flight when the studio goes.
    fn watch(self) {
        let generator = self.generator;
        let network = [
            window_event_listener(leptos::ev::online, move |_| generator.online.set(true)),
            window_event_listener(leptos::ev::offline, move |_| generator.online.set(false)),
        ];
        on_cleanup(move || network.into_iter().for_each(|l| l.remove()));
        if let Ok(ticker) = set_interval_with_handle(
            move || generator.tick(),
            std::time::Duration::from_millis(100),
        ) {
            on_cleanup(move || ticker.clear());
        }
        on_cleanup(move || generator.abort_all());
    }
}
