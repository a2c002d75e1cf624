//! The composer, docked at the bottom of the studio: what went wrong, the conversation being
//! continued, the references, the prompt (growing with its text), the options used every time
//! (model, aspect ratio, size, count) and Generate. The rarer options open one click away.

use super::alert::Alert;
use super::i18n::{t, t_string, use_i18n};
use super::lazy::{self, Lazy};
use super::lazy_views;
use super::shell::Shell;
use crate::app::{Composer, Later, Prefs};
use crate::browser::file;
use crate::studio::Settings;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The composer bar.
#[component]
pub fn ComposerBar() -> impl IntoView {
    let prefs = expect_context::<Prefs>();
    let composer = expect_context::<Composer>();
    let later = expect_context::<Later>();
    let lazy = expect_context::<Lazy>();
    let shell = expect_context::<Shell>();
    let i18n = use_i18n();
    let settings = prefs.settings;
    let caps = Memo::new(move |_| settings.with(Settings::capabilities));
    let max_refs = move || caps.with(|c| c.max_references);
    view! {
        <section class="composer" data-testid="composer" aria-label=move || t_string!(i18n, options.legend)>
            <Alert/>
            // What is not needed to type a prompt and press Generate loads a moment later.
            {lazy::lazy_view(lazy_views::editing_view)}
            <div class="refs-row">
                <span class="hint ref-count" data-testid="ref-count">
                    {move || t_string!(i18n, refs.count, n = composer.references.with(Vec::len), max = max_refs())}
                </span>
                {lazy::lazy_view(lazy_views::reference_list_view)}
            </div>
            <textarea
                data-testid="prompt"
                rows=move || composer.prompt.with(|p| p.lines().count().clamp(2, 8))
                aria-label=move || t_string!(i18n, options.legend)
                placeholder=move || t_string!(i18n, options.placeholder)
                prop:value=move || composer.prompt.get()
                on:input=move |ev| composer.prompt.set(event_target_value(&ev))
            ></textarea>
            <div class="chips">
                <label class="button secondary add-refs" title=move || t_string!(i18n, refs.drop)>
                    {super::icons::icon(super::icons::REFERENCE)}
                    <span class="visually-hidden">{t!(i18n, refs.add)}</span>
                    <input
                        data-testid="ref-input"
                        class="visually-hidden"
                        type="file"
                        multiple
                        accept="image/png,image/jpeg,image/webp,image/heic,image/heif"
                        on:change=move |ev| {
                            let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
                            let files = file::files(input.files());
                            input.set_value("");
                            lazy.run(lazy::add_files(composer, files, false));
                        }
                    />
                </label>
                {lazy::lazy_view(lazy_views::provider_switch_view)}
                {lazy::lazy_view(lazy_views::option_chips_view)}
                <button
                    class="secondary icon-button"
                    data-testid="more-options"
                    title=move || t_string!(i18n, options.more)
                    aria-controls="banana-more-options"
                    aria-expanded=move || shell.more.get().to_string()
                    on:click=move |_| {
                        // One panel at a time, so the composer never hides the stage.
                        shell.library.set(false);
                        shell.more.update(|m| *m = !*m);
                    }
                >
                    {super::icons::icon(super::icons::OPTIONS)}
                    <span class="visually-hidden">{t!(i18n, options.more)}</span>
                </button>
                <button
                    class="secondary icon-button"
                    data-testid="open-library"
                    aria-controls="banana-library"
                    aria-expanded=move || shell.library.get().to_string()
                    title=move || t_string!(i18n, library.open_title)
                    on:click=move |_| {
                        shell.more.set(false);
                        shell.library.update(|m| *m = !*m);
                    }
                >
                    {super::icons::icon(super::icons::PROMPTS)}
                    <span class="visually-hidden">{t!(i18n, library.open)}</span>
                </button>
                <div class="go">
                    {lazy::lazy_view(lazy_views::estimate_view)}
                    <button
                        class="primary"
                        data-testid="generate"
                        disabled=move || later.running()
                        on:click=move |_| lazy.run(lazy::generate(later))
                        title="Ctrl/Cmd + Enter"
                    >
                        {t!(i18n, options.generate)}
                    </button>
                </div>
            </div>
            <div id="banana-more-options" class="more-panel" data-testid="more-panel" hidden=move || !shell.more.get()>
                {lazy::lazy_view(lazy_views::more_options_view)}
            </div>
            <div id="banana-library" class="more-panel" data-testid="library-panel" hidden=move || !shell.library.get()>
                <Show when=move || shell.library.get()>{lazy::lazy_view(lazy_views::library_view)}</Show>
            </div>
        </section>
    }
}
