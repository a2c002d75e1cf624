//! The offer for a dropped or pasted image that carries what made it: use its prompt and settings,
//! add it as a reference, or set it aside (`app::Composer::found`).

use super::i18n::{t, t_string, use_i18n};
use crate::app::Composer;
use leptos::prelude::*;

/// One offer per such image, above the references.
#[component]
pub fn FoundOffers() -> impl IntoView {
    let composer = expect_context::<Composer>();
    let i18n = use_i18n();
    view! {
        <For each=move || composer.found.get() key=|f| f.id let:found>
            {
                let id = found.id;
                let m = &found.made;
                let settings: Vec<&str> = [m.image_size.as_str(), m.aspect_ratio.as_str(), m.provider.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect();
                let details = (m.model.clone(), settings.join(" · "));
                let (name, prompt) = (found.name.clone(), m.prompt.clone());
                let title = move || t_string!(i18n, refs.found, name = name.clone()).to_string();
                let label = title.clone();
                view! {
                    <div class="found" data-testid="made-offer" role="group" aria-label=label>
                        {found.url.as_ref().map(|u| view! { <img src=u.url().to_string() alt=""/> })}
                        <div class="found-text">
                            <p>{title}</p>
                            <p class="found-prompt" data-testid="made-prompt">{prompt}</p>
                            <p class="hint">
                                {move || t_string!(i18n, refs.found_settings, model = details.0.clone(), settings = details.1.clone()).to_string()}
                            </p>
                            <div class="actions">
                                <button class="primary" data-testid="use-made" on:click=move |_| composer.use_found(id)>
                                    {t!(i18n, refs.use_made)}
                                </button>
                                <button data-testid="add-found" on:click=move |_| composer.add_found(id)>
                                    {t!(i18n, refs.add_found)}
                                </button>
                                <button class="secondary" data-testid="dismiss-found" on:click=move |_| composer.dismiss_found(id)>
                                    {t!(i18n, refs.dismiss_found)}
                                </button>
                            </div>
                        </div>
                    </div>
                }
            }
        </For>
    }
}
