//! The welcome on the stage while the studio has no key: what to do first, with the way to the
//! settings (and, in a demo build, to the local test provider).

use super::i18n::{t, use_i18n};
use super::shell::Shell;
use crate::app::prefs::DEMO_PROVIDER;
use crate::app::Prefs;
use leptos::prelude::*;

/// Shown until a key is entered.
#[component]
pub fn Welcome() -> impl IntoView {
    let prefs = expect_context::<Prefs>();
    let shell = expect_context::<Shell>();
    let i18n = use_i18n();
    view! {
        <Show when=move || prefs.key.with(|k| k.trim().is_empty())>
            <section class="welcome" data-testid="welcome" aria-labelledby="banana-welcome-title">
                <h2 id="banana-welcome-title">{t!(i18n, welcome.title)}</h2>
                <p>{t!(i18n, welcome.text)}</p>
                <div class="row">
                    <button class="primary" data-testid="welcome-settings" on:click=move |_| shell.open_settings()>
                        {t!(i18n, welcome.open_settings)}
                    </button>
                    {DEMO_PROVIDER.map(|_| view! {
                        <button data-testid="welcome-demo" on:click=move |_| prefs.use_demo()>
                            {t!(i18n, welcome.use_demo)}
                        </button>
                    })}
                </div>
            </section>
        </Show>
    }
}
