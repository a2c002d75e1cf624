//! The views that load on first use (see `ui::lazy`): each a split point in the `controls` or `work`
//! chunk, drawn by its parent through [`lazy_view`].

use crate::app::Later;
use crate::lazy_fn;
use leptos::prelude::*;

/// Makes the services the first screen left for later, if no chunk has yet ([`Later::work`]): every
/// lazy view may read them.
fn with_services(view: impl FnOnce() -> AnyView) -> AnyView {
    if let Some(later) = use_context::<Later>() {
        later.work();
    }
    view()
}

lazy_fn!(work, preload_output:
/// The requests the last visit left unfinished, the running job and the results with search,
/// filters, collections, compare, ZIP and the lightbox; the command palette and the shortcuts.
pub fn output_view() -> AnyView {
    with_services(|| {
        view! { <super::pending::PendingList/> <super::results::Results/> <super::palette::PaletteHost/> }
            .into_any()
    })
});

lazy_fn!(controls, preload_panels:
/// Provider, base URL, key, retries and time limit; language and theme.
pub fn provider_view() -> AnyView {
    with_services(|| view! { <super::provider_panel::ProviderPanel/> <super::appearance::Appearance/> }.into_any())
});

lazy_fn!(controls, preload_welcome:
/// The welcome shown while there is no key ([`super::welcome::Welcome`]).
pub fn welcome_view() -> AnyView {
    with_services(|| view! { <super::welcome::Welcome/> }.into_any())
});

lazy_fn!(controls, preload_costs:
/// The session and history totals and the price table.
pub fn costs_view() -> AnyView {
    with_services(|| view! { <super::cost::Costs/> }.into_any())
});

lazy_fn!(controls, preload_estimate:
/// The cost estimate next to Generate.
pub fn estimate_view() -> AnyView {
    with_services(|| view! { <super::cost::CostEstimate/> }.into_any())
});

lazy_fn!(controls, preload_provider_switch:
/// The switch between saved providers ([`super::providers::ProviderSwitch`]).
pub fn provider_switch_view() -> AnyView {
    with_services(|| view! { <super::providers::ProviderSwitch/> }.into_any())
});

lazy_fn!(controls, preload_option_chips:
/// The composer's chips for model, aspect ratio, size and count ([`super::option_chips::OptionChips`]).
pub fn option_chips_view() -> AnyView {
    with_services(|| view! { <super::option_chips::OptionChips/> }.into_any())
});

lazy_fn!(controls, preload_composer:
/// The options beyond the composer's few ([`super::more_options::MoreOptions`]).
pub fn more_options_view() -> AnyView {
    with_services(|| view! { <super::more_options::MoreOptions/> }.into_any())
});

lazy_fn!(extras, preload_library:
/// The prompt library ([`super::library::PromptLibrary`]).
pub fn library_view() -> AnyView {
    with_services(|| view! { <super::library::PromptLibrary/> }.into_any())
});

lazy_fn!(extras, preload_annotate:
/// The annotation editor ([`super::annotate::Annotator`]) or the expand dialog
/// ([`super::expand::Expander`]), whichever has an image open.
pub fn annotate_view() -> AnyView {
    with_services(|| {
        let annotation = expect_context::<crate::app::Annotation>();
        view! {
            <Show when=move || annotation.target.with(Option::is_some)><super::annotate::Annotator/></Show>
            <Show when=move || annotation.expanding.with(Option::is_some)><super::expand::Expander/></Show>
        }
        .into_any()
    })
});

lazy_fn!(controls, preload_editing:
/// The conversation being continued, and the offers for dropped images that carry their prompt.
pub fn editing_view() -> AnyView {
    with_services(|| view! { <super::more_options::Editing/> <super::found::FoundOffers/> }.into_any())
});

lazy_fn!(controls, preload_reference_list:
/// The references' thumbnails and the notes on shrunk ones.
pub fn reference_list_view() -> AnyView {
    with_services(|| view! { <super::references::ReferenceList/> }.into_any())
});

lazy_fn!(controls, preload_limits:
/// What this browser leaves out ([`super::limits::Limits`]), told once the first screen is drawn.
pub fn limits_view() -> AnyView {
    view! { <super::limits::Limits/> }.into_any()
});

lazy_fn!(work, preload_update:
/// The offer of a new version ([`super::update::UpdateBanner`]); the service worker that finds one
/// is registered from the same chunk.
pub fn update_view() -> AnyView {
    view! { <super::update::UpdateBanner/> }.into_any()
});

/// Downloads every chunk, most likely needed first, one at a time; a failure is left for the click
/// that needs the chunk to report. Three chunks: `controls` (the panels and options drawn on the first
/// screen, the reference list and adding references), `work` (generating, the history and the
/// results) and `extras` (the prompt library and the annotation editor); fewer, larger chunks cost
/// less in all than many small ones.
pub async fn prefetch() {
    let _ = crate::locale::i18n::load_english().await;
    let _ = preload_panels().await;
    let _ = super::lazy::preload_generate().await;
    let _ = preload_library().await;
}
