//! The provider settings' connection tools: the CORS proxy field with the scripts to run one, and
//! "Test connection" with what it found.

use super::i18n::{t, t_string, use_i18n};
use crate::app::connection::Copied;
use crate::app::{Connection, Prefs};
use crate::locale;
use crate::protocol::check::Connected;
use crate::studio::proxy::{target_origin, Script, SCRIPTS};
use leptos::prelude::*;

/// The proxy URL, the warning that it sees the key, and the scripts to deploy one.
#[component]
pub fn ProxyField() -> impl IntoView {
    let prefs = expect_context::<Prefs>();
    let connection = expect_context::<Connection>();
    let i18n = use_i18n();
    let settings = prefs.settings;
    let target = move || settings.with(|s| target_origin(&s.provider()));
    let origin = crate::browser::cors::page_origin;
    view! {
        <label>
            {t!(i18n, provider.proxy)}
            <input
                data-testid="proxy-url"
                type="url"
                spellcheck="false"
                autocomplete="off"
                placeholder="https://…"
                prop:value=move || settings.with(|s| s.proxy.clone())
                on:change=move |ev| settings.update(|s| s.proxy = event_target_value(&ev).trim().to_string())
            />
            <span class="hint">{t!(i18n, provider.proxy_hint)}</span>
        </label>
        <Show when=move || settings.with(|s| !s.proxy.trim().is_empty())>
            <p class="hint risk" data-testid="proxy-risk">{t!(i18n, provider.proxy_risk)}</p>
        </Show>
        <details class="proxy-setup" data-testid="proxy-setup" on:toggle=move |_| connection.load_scripts()>
            <summary>{t!(i18n, provider.proxy_setup)}</summary>
            <p class="hint">{move || t_string!(i18n, provider.proxy_how, target = target(), origin = origin()).to_string()}</p>
            <p class="hint risk">{t!(i18n, provider.proxy_risk)}</p>
            <div class="row wrap">
                {SCRIPTS
                    .into_iter()
                    .map(|script| {
                        let label = move || match script {
                            Script::CloudflareWorker => t_string!(i18n, provider.copy_cloudflare),
                            Script::DenoDeploy => t_string!(i18n, provider.copy_deno),
                        };
                        view! {
                            <button
                                type="button"
                                class="secondary"
                                data-testid=format!("copy-proxy-{}", script.id())
                                prop:disabled=move || connection.script(script).is_none()
                                on:click=move |_| connection.copy(script)
                            >
                                {label}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <p class="hint" role="status" data-testid="proxy-copied">
                {move || match connection.copied.get() {
                    Some(Copied::Done(_)) => t_string!(i18n, provider.proxy_copied).to_string(),
                    Some(Copied::Refused(_)) => t_string!(i18n, provider.proxy_copy_refused).to_string(),
                    None if connection.templates.with(|t| t.as_ref().is_some_and(|t| !t.is_empty() && t.iter().any(|(_, s)| s.is_none()))) => {
                        t_string!(i18n, provider.proxy_unavailable).to_string()
                    }
                    None => String::new(),
                }}
            </p>
            {move || connection.shown.get().map(|(_, text)| view! {
                <pre class="script" data-testid="proxy-script" tabindex="0">{text}</pre>
            })}
        </details>
    }
}

/// "Test connection", and what the last test found for the provider and model on the form.
#[component]
pub fn TestConnection() -> impl IntoView {
    let prefs = expect_context::<Prefs>();
    let connection = expect_context::<Connection>();
    let i18n = use_i18n();
    let current = move || {
        connection.tested.with(|t| {
            let t = t.as_ref()?;
            prefs
                .settings
                .with(|s| s.provider() == t.provider && s.model == t.model)
                .then(|| t.clone())
        })
    };
    let kind = move || match current().map(|t| t.outcome) {
        Some(Ok(Connected::Listed {
            has_model: false, ..
        })) => "unlisted",
        Some(Ok(_)) => "ok",
        Some(Err(e)) => e.kind(),
        None => "",
    };
    let message = move || {
        let t = current()?;
        let host = t.provider.host().to_string();
        Some(match t.outcome {
            Ok(Connected::Listed {
                count,
                has_model,
                key_checked,
            }) => {
                let (number, model) = (count.to_string(), t.model.clone());
                match (has_model, key_checked) {
                    (true, true) => {
                        t_string!(i18n, provider.connected_listed, host, number, model).to_string()
                    }
                    (false, true) => {
                        t_string!(i18n, provider.connected_unlisted, host, number, model)
                            .to_string()
                    }
                    (true, false) => {
                        t_string!(i18n, provider.connected_listed_open, host, number, model)
                            .to_string()
                    }
                    (false, false) => {
                        t_string!(i18n, provider.connected_unlisted_open, host, number, model)
                            .to_string()
                    }
                }
            }
            Ok(Connected::Answered { status }) => {
                t_string!(i18n, provider.connected, host, status = status.to_string()).to_string()
            }
            Err(e) => locale::error(&e).get(i18n.get_locale()),
        })
    };
    view! {
        <div class="row wrap">
            <button
                type="button"
                class="secondary"
                data-testid="test-connection"
                prop:disabled=move || connection.busy.get()
                on:click=move |_| connection.test()
            >
                {move || if connection.busy.get() { t_string!(i18n, provider.testing) } else { t_string!(i18n, provider.test_connection) }}
            </button>
        </div>
        <p class="hint connection" role="status" data-testid="connection-result" data-kind=kind>
            {message}
        </p>
    }
}
