//! The offer of a new version, once the service worker has installed it (`browser::pwa`); it takes
//! over on the user's reload, never in the middle of a generation.

use super::i18n::{t, use_i18n};
use crate::app::{Later, Notices};
use crate::browser::pwa;
use leptos::prelude::*;

/// Offers a new version of the app once it is installed; it takes over on the user's reload, never in
/// the middle of a generation.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let notices = expect_context::<Notices>();
    let later = expect_context::<Later>();
    let i18n = use_i18n();
    view! {
        // The live region stays in place and only its content changes, so the offer is announced.
        <div role="status" data-testid="update-region">
            <Show when=move || notices.update_ready.get()>
                <p class="update-banner" data-testid="update-ready">
                    {t!(i18n, app.update_ready)}
                    " "
                    <button
                        data-testid="apply-update"
                        on:click=move |_| pwa::take_over()
                        disabled=move || later.running()
                    >
                        {t!(i18n, app.update_button)}
                    </button>
                    " "
                    {t!(i18n, app.update_kept)}
                </p>
            </Show>
        </div>
    }
}
