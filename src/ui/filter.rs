//! The filter beside the stage's search (`history-filter`): model, provider, size, aspect ratio, a
//! date range, with references, region edits, favourites, a collection. Combined with the words; the
//! count of matches over the whole history; kept in the URL's hash on the studio's own page.

use super::i18n::{t, t_string, use_i18n};
use super::icons::{self, icon};
use crate::app::{History, Providers};
use crate::protocol::{models_for, ImageSize, Preset};
use crate::studio::library::{provider_key, Filter, AUTO};
use leptos::prelude::*;

/// The toolbar's Filter button: how many fields are set, and the panel's open state.
#[component]
pub fn FilterButton(open: RwSignal<bool>) -> impl IntoView {
    let history = expect_context::<History>();
    let i18n = use_i18n();
    let set = move || history.filter.with(count_set);
    view! {
        <button class="secondary" data-testid="history-filter" aria-expanded=move || open.get().to_string()
            aria-controls="filter-panel" class:active=move || { set() > 0 }
            title=move || t_string!(i18n, filter.title)
            on:click=move |_| open.update(|o| *o = !*o)>
            {icon(icons::FILTER)}{t!(i18n, filter.button)}
            <Show when=move || { set() > 0 }>
                <span class="count-badge" data-testid="filter-active">{set}</span>
            </Show>
        </button>
    }
}

/// How many fields besides the words are set.
fn count_set(f: &Filter) -> usize {
    [
        f.model.is_some(),
        f.provider.is_some(),
        f.size.is_some(),
        f.ratio.is_some(),
        f.from.is_some(),
        f.to.is_some(),
        f.references,
        f.region,
        f.favourites,
        f.collection.is_some(),
    ]
    .into_iter()
    .filter(|b| *b)
    .count()
}

/// "12 images match": the saved matches over the whole history and this visit's unsaved ones.
#[component]
pub fn FilterCount(#[prop(into)] unsaved: Signal<usize>) -> impl IntoView {
    let history = expect_context::<History>();
    let i18n = use_i18n();
    let n = move || history.found.get().map(|saved| saved + unsaved.get());
    view! {
        <Show when=move || !history.filter.with(Filter::is_empty)>
            <span class="filter-count meta" data-testid="filter-count" role="status">
                {move || n().map(|n| t_string!(i18n, filter.count, n).to_string())}
            </span>
        </Show>
    }
}

/// A select's value: `""` for "any".
fn chosen(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn some(value: String) -> Option<String> {
    (!value.is_empty()).then_some(value)
}

/// The filter's fields.
#[component]
pub fn FilterPanel(open: RwSignal<bool>) -> impl IntoView {
    let history = expect_context::<History>();
    let providers = expect_context::<Providers>();
    let i18n = use_i18n();
    let filter = history.filter;
    let edit = move |change: &dyn Fn(&mut Filter)| filter.update(|f| change(f));
    // The models of every preset, and any other a result here was made with.
    let models = Memo::new(move |_| {
        let mut all: Vec<String> = Vec::new();
        for p in Preset::ALL {
            all.extend(models_for(p).iter().map(|m| m.to_string()));
        }
        history
            .results
            .with(|r| all.extend(r.iter().map(|i| i.model.clone())));
        let mut seen = Vec::new();
        all.retain(|m| {
            let new = !seen.contains(m);
            seen.push(m.clone());
            new
        });
        all
    });
    // The presets, and the saved providers results here were made with.
    let provider_options = Memo::new(move |_| {
        let mut keys: Vec<String> = Preset::ALL.iter().map(|p| p.id().to_string()).collect();
        history.results.with(|r| {
            for i in r {
                let key = provider_key(&i.settings);
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        });
        keys.into_iter()
            .map(|k| {
                let name = providers
                    .saved
                    .with(|s| s.name_of(&k).map(str::to_string))
                    .or_else(|| Preset::from_id(&k).map(|p| p.label().to_string()))
                    .unwrap_or_else(|| k.clone());
                (k, name)
            })
            .collect::<Vec<_>>()
    });
    let ratios = crate::protocol::catalogue::FLASH_31_RATIOS;
    let check = |testid: &'static str,
                 label: Signal<String>,
                 get: fn(&Filter) -> bool,
                 set: fn(&mut Filter, bool)| {
        view! {
            <label class="check">
                <input type="checkbox" data-testid=testid prop:checked=move || filter.with(get)
                    on:change=move |e| filter.update(|f| set(f, event_target_checked(&e)))/>
                {label}
            </label>
        }
    };
    view! {
        <section class="filter-panel" id="filter-panel" data-testid="filter-panel" hidden=move || !open.get()
            aria-label=move || t_string!(i18n, filter.title)
            on:keydown=move |e| if e.key() == "Escape" { open.set(false); }>
            <label>{t!(i18n, filter.model)}
                <select data-testid="filter-model" prop:value=move || filter.with(|f| chosen(&f.model))
                    on:change=move |e| edit(&|f| f.model = some(event_target_value(&e)))>
                    <option value="">{t!(i18n, filter.any_model)}</option>
                    <For each=move || models.get() key=|m| m.clone() let:m>
                        <option value=m.clone() selected=move || filter.with(|f| f.model.as_deref() == Some(m.as_str()))>{m.clone()}</option>
                    </For>
                </select>
            </label>
            <label>{t!(i18n, filter.provider)}
                <select data-testid="filter-provider" prop:value=move || filter.with(|f| chosen(&f.provider))
                    on:change=move |e| edit(&|f| f.provider = some(event_target_value(&e)))>
                    <option value="">{t!(i18n, filter.any_provider)}</option>
                    <For each=move || provider_options.get() key=|(k, n)| (k.clone(), n.clone()) let:p>
                        <option value=p.0.clone() selected=move || filter.with(|f| f.provider.as_deref() == Some(p.0.as_str()))>{p.1.clone()}</option>
                    </For>
                </select>
            </label>
            <label>{t!(i18n, filter.size)}
                <select data-testid="filter-size" prop:value=move || filter.with(|f| f.size.map(|s| s.native().to_string()).unwrap_or_default())
                    on:change=move |e| edit(&|f| f.size = ImageSize::parse(&event_target_value(&e)))>
                    <option value="">{t!(i18n, filter.any_size)}</option>
                    {ImageSize::ALL.iter().map(|s| view! { <option value=s.native()>{s.native()}</option> }).collect_view()}
                </select>
            </label>
            <label>{t!(i18n, filter.ratio)}
                <select data-testid="filter-ratio" prop:value=move || filter.with(|f| chosen(&f.ratio))
                    on:change=move |e| edit(&|f| f.ratio = some(event_target_value(&e)))>
                    <option value="">{t!(i18n, filter.any_ratio)}</option>
                    <option value=AUTO>{t!(i18n, filter.auto)}</option>
                    {ratios.iter().map(|r| view! { <option value=*r>{*r}</option> }).collect_view()}
                </select>
            </label>
            <label>{t!(i18n, filter.from)}
                <input type="date" data-testid="filter-from" prop:value=move || filter.with(|f| chosen(&f.from))
                    on:change=move |e| edit(&|f| f.from = some(event_target_value(&e)))/>
            </label>
            <label>{t!(i18n, filter.to)}
                <input type="date" data-testid="filter-to" prop:value=move || filter.with(|f| chosen(&f.to))
                    on:change=move |e| edit(&|f| f.to = some(event_target_value(&e)))/>
            </label>
            <label>{t!(i18n, filter.collection)}
                <select data-testid="filter-collection" prop:value=move || filter.with(|f| chosen(&f.collection))
                    on:change=move |e| edit(&|f| f.collection = some(event_target_value(&e)))>
                    <option value="">{t!(i18n, filter.any_collection)}</option>
                    <For each=move || history.collections.get() key=|c| (c.id.clone(), c.name.clone()) let:c>
                        <option value=c.id.clone() selected=move || filter.with(|f| f.collection.as_deref() == Some(c.id.as_str()))>{c.name.clone()}</option>
                    </For>
                </select>
            </label>
            <div class="checks">
                {check("filter-references", Signal::derive(move || t_string!(i18n, filter.references).to_string()), |f| f.references, |f, on| f.references = on)}
                {check("filter-region", Signal::derive(move || t_string!(i18n, filter.region).to_string()), |f| f.region, |f, on| f.region = on)}
                {check("filter-favourites", Signal::derive(move || t_string!(i18n, filter.favourites).to_string()), |f| f.favourites, |f, on| f.favourites = on)}
            </div>
            <button class="secondary" data-testid="filter-clear" disabled=move || filter.with(|f| !f.narrows())
                on:click=move |_| filter.update(|f| *f = Filter { words: std::mem::take(&mut f.words), ..Filter::default() })>
                {icon(icons::CLOSE)}{t!(i18n, filter.clear)}
            </button>
        </section>
    }
}
