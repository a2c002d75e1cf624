//! Saved providers: the switch in the composer, and saving, renaming and deleting them in the provider
//! settings (`app::Providers`).

use super::i18n::{t, t_string, use_i18n};
use super::widgets::Choice;
use crate::app::{Prefs, Providers};
use crate::studio::providers::MAX_NAME;
use leptos::prelude::*;

/// The provider in use, among the saved ones (and the set-up not saved, while there is one); nothing
/// until a provider is saved.
#[component]
pub fn ProviderSwitch() -> impl IntoView {
    let providers = expect_context::<Providers>();
    let prefs = expect_context::<Prefs>();
    let i18n = use_i18n();
    providers.load();
    let choices = Signal::derive(move || {
        let (id, host) = prefs
            .settings
            .with(|s| (s.provider_id.clone(), s.provider().host().to_string()));
        providers.saved.with(|saved| {
            let mut c: Vec<(String, String)> = saved
                .list
                .iter()
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect();
            let unsaved = if id.is_empty() {
                Some(host)
            } else {
                saved
                    .unsaved
                    .as_ref()
                    .map(|u| u.provider().host().to_string())
            };
            if let Some(host) = unsaved {
                c.push((
                    String::new(),
                    t_string!(i18n, providers.unsaved, host = host).to_string(),
                ));
            }
            c
        })
    });
    view! {
        <Show when=move || providers.saved.with(|s| !s.list.is_empty())>
            <Choice testid="provider-switch"
                choices
                value=Signal::derive(move || prefs.settings.with(|s| s.provider_id.clone()))
                pick=Callback::new(move |id: String| providers.switch(&id))>
                {t!(i18n, providers.switch)}
            </Choice>
        </Show>
    }
}

/// Saving the provider settings under a name, and renaming or deleting the saved provider in use.
#[component]
pub fn SavedProviders() -> impl IntoView {
    let providers = expect_context::<Providers>();
    let prefs = expect_context::<Prefs>();
    let i18n = use_i18n();
    providers.load();
    let name = RwSignal::new(String::new());
    let active = Memo::new(move |_| prefs.settings.with(|s| s.provider_id.clone()));
    let active_name = move || {
        providers
            .saved
            .with(|s| s.name_of(&active.get()).map(str::to_string))
    };
    let add = move || {
        if providers.save_as(&name.get_untracked()) {
            name.set(String::new());
        }
    };
    view! {
        <div class="saved-providers" data-testid="saved-providers" role="group"
            aria-labelledby="banana-saved-providers">
            <p class="label" id="banana-saved-providers"><strong>{t!(i18n, providers.legend)}</strong></p>
            {move || active_name().map(|n| view! {
                <p class="hint" data-testid="provider-editing">{t_string!(i18n, providers.editing, name = n).to_string()}</p>
            })}
            <label>
                {t!(i18n, providers.name)}
                <input
                    data-testid="provider-name"
                    maxlength=MAX_NAME
                    autocomplete="off"
                    placeholder=move || t_string!(i18n, providers.name_placeholder)
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                    on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); add(); }
                />
            </label>
            <div class="row wrap">
                <button type="button" class="secondary" data-testid="provider-save" on:click=move |_| add()>
                    {t!(i18n, providers.save_new)}
                </button>
                <Show when=move || active_name().is_some()>
                    <button type="button" class="secondary" data-testid="provider-rename"
                        on:click=move |_| if providers.rename(&active.get_untracked(), &name.get_untracked()) { name.set(String::new()) }>
                        {t!(i18n, providers.rename)}
                    </button>
                    <button type="button" class="secondary" data-testid="provider-delete"
                        on:click=move |_| providers.remove(&active.get_untracked())>
                        {t!(i18n, providers.delete)}
                    </button>
                </Show>
            </div>
            <p class="hint">{t!(i18n, providers.hint)}</p>
        </div>
    }
}
