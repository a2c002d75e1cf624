//! Provider, base URL, key and model.

use super::connection::{ProxyField, TestConnection};
use super::i18n::{t, t_string, use_i18n};
use super::providers::SavedProviders;
use super::widgets::Choice;
use crate::app::prefs::DEMO_PROVIDER;
use crate::app::Prefs;
use crate::protocol::retry::{DEFAULT_RETRIES, DEFAULT_TIMEOUT_S, MAX_RETRIES};
use crate::protocol::{models_for, AuthPlacement, Dialect, Preset};
use crate::studio::settings::{MAX_TIMEOUT_S, MIN_TIMEOUT_S};
use leptos::prelude::*;

/// The provider panel.
#[component]
pub fn ProviderPanel() -> impl IntoView {
    let prefs = expect_context::<Prefs>();
    let i18n = use_i18n();
    let settings = prefs.settings;
    let show_key = RwSignal::new(false);
    let preset = move || settings.with(|s| s.preset);
    let is_custom = move || preset() == Preset::Custom;

    view! {
        <fieldset class="panel">
            <legend>{t!(i18n, provider.legend)}</legend>
            <SavedProviders/>
            <label>
                {t!(i18n, provider.provider)}
                <select
                    data-testid="provider"
                    on:change=move |ev| {
                        if let Some(p) = Preset::from_id(&event_target_value(&ev)) {
                            settings.update(|s| s.select_preset(p));
                        }
                    }
                    prop:value=move || preset().id()
                >
                    {Preset::ALL
                        .into_iter()
                        .map(|p| {
                            // Brand names stay as they are.
                            let label = move || match p {
                                Preset::Custom if DEMO_PROVIDER.is_some() => t_string!(i18n, provider.preset_custom_demo),
                                Preset::Custom => t_string!(i18n, provider.preset_custom),
                                Preset::Google => t_string!(i18n, provider.preset_google),
                                Preset::Gccai => t_string!(i18n, provider.preset_gccai),
                                other => other.label(),
                            };
                            view! { <option value=p.id() selected=move || preset() == p>{label}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <Show when=move || settings.with(|s| s.demo)>
                <p class="hint demo">{t!(i18n, provider.demo_hint)}</p>
            </Show>
            <label>
                {t!(i18n, provider.base_url)}
                <input
                    data-testid="base-url"
                    type="url"
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=move || settings.with(|s| s.base_url.clone())
                    on:change=move |ev| settings.update(|s| s.base_url = event_target_value(&ev).trim().to_string())
                />
            </label>
            <ProxyField />
            <Show when=is_custom>
                <div class="row">
                    <label>
                        {t!(i18n, provider.dialect)}
                        <select
                            data-testid="dialect"
                            on:change=move |ev| settings.update(|s| {
                                s.dialect = Dialect::from_id(&event_target_value(&ev)).unwrap_or(Dialect::Gemini);
                                s.fit_to_model();
                            })
                            prop:value=move || settings.with(|s| s.dialect.id())
                        >
                            <option value="gemini">{t!(i18n, provider.dialect_gemini)}</option>
                            <option value="task">{t!(i18n, provider.dialect_task)}</option>
                            <option value="openai">{t!(i18n, provider.dialect_openai)}</option>
                        </select>
                    </label>
                    <label>
                        {t!(i18n, provider.auth)}
                        <select
                            data-testid="auth"
                            on:change=move |ev| settings.update(|s| s.auth = match event_target_value(&ev).as_str() {
                                "header" => AuthPlacement::Header,
                                "query" => AuthPlacement::Query,
                                _ => AuthPlacement::Bearer,
                            })
                            prop:value=move || match settings.with(|s| s.auth) {
                                AuthPlacement::Header => "header",
                                AuthPlacement::Bearer => "bearer",
                                AuthPlacement::Query => "query",
                            }
                        >
                            <option value="header">{t!(i18n, provider.auth_header)}</option>
                            <option value="bearer">"Authorization: Bearer"</option>
                            <option value="query">{t!(i18n, provider.auth_query)}</option>
                        </select>
                    </label>
                </div>
            </Show>
            <label>
                {t!(i18n, provider.api_key)}
                <span class="row">
                    <input
                        data-testid="api-key"
                        type=move || if show_key.get() { "text" } else { "password" }
                        autocomplete="off"
                        spellcheck="false"
                        prop:value=move || prefs.key.get()
                        on:input=move |ev| prefs.key.set(event_target_value(&ev))
                    />
                    <button
                        type="button"
                        class="secondary"
                        data-testid="show-key"
                        aria-pressed=move || show_key.get().to_string()
                        on:click=move |_| show_key.update(|v| *v = !*v)
                    >
                        {move || if show_key.get() { t_string!(i18n, provider.hide_key) } else { t_string!(i18n, provider.show_key) }}
                    </button>
                </span>
            </label>
            <label class="check">
                <input
                    type="checkbox"
                    data-testid="remember-key"
                    prop:checked=move || prefs.remember_key.get()
                    on:change=move |ev| prefs.remember_key.set(event_target_checked(&ev))
                />
                {t!(i18n, provider.remember)}
            </label>
            <p class="hint risk" data-testid="remember-risk">
                {t!(i18n, provider.remember_risk)}
            </p>
            <button
                type="button"
                class="secondary"
                data-testid="forget-key"
                on:click=move |_| prefs.forget_key()
            >
                {t!(i18n, provider.forget)}
            </button>
            <label>
                {t!(i18n, provider.model)}
                <input
                    data-testid="model"
                    list="model-list"
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=move || settings.with(|s| s.model.clone())
                    on:change=move |ev| settings.update(|s| {
                        s.model = event_target_value(&ev).trim().to_string();
                        s.fit_to_model();
                    })
                />
                <datalist id="model-list">
                    {move || models_for(preset())
                        .iter()
                        .map(|m| view! { <option value=*m></option> })
                        .collect_view()}
                </datalist>
                <span class="hint">{move || {
                    let caps = settings.with(|s| s.capabilities());
                    if caps.known { caps.label.to_string() } else { t_string!(i18n, provider.unknown_model).to_string() }
                }}</span>
            </label>
            <TestConnection />
            <div class="row wrap">
                <Choice
                    testid="retries"
                    choices=Signal::derive(|| (0..=MAX_RETRIES).map(|n| (n.to_string(), n.to_string())).collect())
                    value=Signal::derive(move || settings.with(|s| s.retries.to_string()))
                    pick=Callback::new(move |v: String| settings.update(|s| s.retries = v.parse().unwrap_or(DEFAULT_RETRIES)))
                >
                    {t!(i18n, provider.retries)}
                </Choice>
                <label>
                    {t!(i18n, provider.timeout)}
                    <input
                        data-testid="timeout"
                        type="number"
                        inputmode="numeric"
                        min=MIN_TIMEOUT_S
                        max=MAX_TIMEOUT_S
                        prop:value=move || settings.with(|s| s.timeout_s.to_string())
                        on:change=move |ev| {
                            let v = event_target_value(&ev).trim().parse().unwrap_or(DEFAULT_TIMEOUT_S);
                            settings.update(|s| s.timeout_s = v.clamp(MIN_TIMEOUT_S, MAX_TIMEOUT_S));
                        }
                    />
                </label>
                <span class="hint">{t!(i18n, provider.retry_hint)}</span>
            </div>
        </fieldset>
    }
}
