//! The whole studio: a header, the stage (results and history, or a welcome), the settings panel and
//! the composer docked at the bottom, and page-wide keyboard, drop and paste.

use super::composer::ComposerBar;
use super::i18n::{t, use_i18n};
use super::language;
use super::lazy::{self, Lazy};
use super::lazy_views;
use super::settings::SettingsPanel;
use super::shell::Shell;
use super::theme;
use crate::app::prefs::DEMO_PROVIDER;
use crate::app::{Limit, Services, StudioError, StudioEvents, StudioResult};
use crate::browser::{file, storage_quota};
use leptos::either::Either;
use leptos::ev;
use leptos::prelude::*;

/// The studio component. On its own page: `mount_to_body(Studio)`. Inside another app or page, the
/// optional props preset the provider (a preset id such as `google` or `gccai`), base URL and model,
/// and hear of results and errors; `embedded` keeps its keyboard, drop and paste handling to its own
/// area instead of the whole page.
#[component]
pub fn Studio(
    #[prop(optional, into)] provider: MaybeProp<String>,
    #[prop(optional, into)] base_url: MaybeProp<String>,
    #[prop(optional, into)] model: MaybeProp<String>,
    #[prop(optional, into)] on_result: Option<UnsyncCallback<StudioResult>>,
    #[prop(optional, into)] on_error: Option<UnsyncCallback<StudioError>>,
    #[prop(optional)] embedded: bool,
) -> impl IntoView {
    // Only what the first screen draws starts here; the other services are made in a chunk
    // (`app::Later`), by the start-up restore after the first paint or by the first action.
    let services = Services::new(StudioEvents {
        on_result,
        on_error,
    });
    services.provide();
    let Services {
        notices,
        prefs,
        composer,
        later,
        tasks,
    } = services;
    let lazy = Lazy::new(notices, tasks);
    provide_context(lazy);
    language::provide(!embedded, tasks);
    let theme = theme::provide();
    let shell = Shell::provide(embedded);
    let i18n = use_i18n();
    if !storage_quota::available() {
        notices.note_limit(Limit::NoPersistence);
    }
    // The later screens' English (a split build fetches it): on its way while the first screen draws.
    tasks.spawn(async {
        let _ = crate::locale::i18n::load_english().await;
    });
    // The later services, the first page of the history, then the draft's references.
    lazy.start(move || lazy::restore(later, composer));
    // What the host page presets, now and when it changes.
    Effect::new(move |_| {
        let (provider, base_url, model) = (provider.get(), base_url.get(), model.get());
        if provider.is_some() || base_url.is_some() || model.is_some() {
            prefs.preset(provider, base_url, model);
        }
    });
    // Once the first screen is drawn and the browser is idle, the rest of the app downloads, so no
    // click waits for it; then the service worker, which keeps every file for offline starts, is
    // registered (after the chunks, so on a slow network it does not compete with them).
    crate::browser::chunks::when_idle(move || {
        tasks.spawn(async move {
            lazy_views::prefetch().await;
            if !embedded {
                // A part that cannot be downloaded is told by the action that needs it.
                let _ = lazy::keep_offline(later, notices, tasks).await;
            }
        })
    });
    // Every error shown is also told to the host, in the language shown.
    notices.tell_host(move || i18n.get_locale_untracked());

    // Shortcuts and inputs: the whole page's on its own page, only its area's when embedded.
    let on_key = move |e: ev::KeyboardEvent| {
        if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
            e.prevent_default();
            lazy.run(lazy::generate(later));
        } else if e.key() == "Escape" && shell.settings.get_untracked() && !e.default_prevented() {
            shell.close_settings();
        }
    };
    let on_drop = move |e: ev::DragEvent| {
        e.prevent_default();
        let files = file::transfer_files(e.data_transfer());
        lazy.run(lazy::add_files(composer, files, true));
    };
    let on_paste = move |e: ev::ClipboardEvent| {
        let files = file::transfer_files(e.clipboard_data());
        if !files.is_empty() {
            e.prevent_default();
            lazy.run(lazy::add_files(composer, files, true));
        }
    };
    if !embedded {
        let listeners = [
            window_event_listener(ev::keydown, on_key),
            window_event_listener(ev::dragover, move |e| e.prevent_default()),
            window_event_listener(ev::drop, on_drop),
            window_event_listener(ev::paste, on_paste),
        ];
        on_cleanup(move || listeners.into_iter().for_each(|l| l.remove()));
    }

    view! {
        <div
            class="studio"
            node_ref=shell.root
            class:embedded=embedded
            data-theme=move || theme.get().attribute()
            // Inside another page the studio is one region of it, not the page's banner and main.
            role=embedded.then_some("region")
            aria-label=embedded.then_some("Banana Studio")
            lang=move || i18n.get_locale().as_str()
            on:keydown=move |e| if embedded { on_key(e) }
            on:dragover=move |e| if embedded { e.prevent_default() }
            on:drop=move |e| if embedded { on_drop(e) }
            on:paste=move |e| if embedded { on_paste(e) }
        >
        <Header embedded/>
        <div class="body" class:with-settings=move || shell.settings.get()>
            <div class="main-col">
            <main class="stage" role=embedded.then_some("none")>
                {lazy::lazy_view(lazy_views::update_view)}
                {DEMO_PROVIDER.map(|url| view! {
                    <p class="demo-banner" data-testid="demo-banner">{t!(i18n, app.demo_banner, url)}</p>
                })}
                {lazy::lazy_view(lazy_views::limits_view)}
                {lazy::lazy_view(lazy_views::welcome_view)}
                {lazy::lazy_view(lazy_views::output_view)}
            </main>
            <ComposerBar/>
            </div>
            <SettingsPanel/>
            <Show when=move || later.annotating()>
                {lazy::lazy_view(lazy_views::annotate_view)}
            </Show>
        </div>
        </div>
    }
}

/// The header: the name, the tagline and the gear that opens the settings.
#[component]
fn Header(embedded: bool) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let i18n = use_i18n();
    let heading = move || {
        if embedded {
            Either::Left(view! { <h2 class="brand">"Banana Studio"</h2> })
        } else {
            Either::Right(view! { <h1 class="brand">"Banana Studio"</h1> })
        }
    };
    view! {
    <header class="top" role=embedded.then_some("none")>
        {heading}
        <p class="tagline">{t!(i18n, app.tagline)}</p>
        <div class="top-actions">
            <button
                class="icon"
                data-testid="open-settings"
                node_ref=shell.gear
                aria-controls="banana-settings"
                aria-expanded=move || shell.settings.get().to_string()
                on:click=move |_| shell.toggle_settings()
            >
                {super::icons::icon(super::icons::SETTINGS)}
                <span class="label">{t!(i18n, app.settings)}</span>
            </button>
        </div>
    </header>
    }
}
