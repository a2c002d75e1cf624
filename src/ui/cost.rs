//! Costs on the page: the estimate before a run, each result's cost, the session and history totals,
//! and the price table the user edits. The arithmetic is `studio::cost`'s.

use super::i18n::{t, t_string, use_i18n};
use crate::app::ResultItem;
use crate::app::{Composer, Generator, History, Prefs, Providers};
use crate::locale;
use crate::protocol::ImageSize;
use crate::studio::cost::{ModelPrice, Prices};
use crate::studio::{batch, compare};
use leptos::prelude::*;

/// "Estimated cost: $0.13 for 2 images at 2K", next to Generate.
#[component]
pub fn CostEstimate() -> impl IntoView {
    let prefs = expect_context::<Prefs>();
    let composer = expect_context::<Composer>();
    let providers = expect_context::<Providers>();
    providers.load();
    let i18n = use_i18n();
    let line = move || {
        let settings = prefs.settings.get();
        let prompt = composer.prompt.get();
        let prompts = match batch::prompts(&prompt, settings.batch) {
            Ok(p) => p,
            Err(e) => return locale::batch(&e).get(i18n.get_locale()),
        };
        // A batch says how many prompts it makes, a comparison how many models, before anything is sent.
        let mut lead = if settings.batch && prompts.len() > 1 {
            t_string!(i18n, cost.prompts, n = prompts.len()).to_string()
        } else {
            String::new()
        };
        // A comparison may hold other saved providers' models (read only while one is chosen).
        let variants = providers
            .saved
            .with(|saved| compare::variants(&settings, saved));
        if !settings.compare.is_empty() {
            lead += &t_string!(i18n, cost.models, n = variants.len());
        }
        let per_model =
            |v: &compare::Variant| u32::from(v.settings.count) * prompts.len().max(1) as u32;
        let images: u32 = variants.iter().map(per_model).sum();
        let chars = prompts.iter().map(|p| p.chars().count()).max().unwrap_or(0);
        let refs = composer.references.with(Vec::len);
        let size = settings.image_size;
        let size_label = size.map_or("1K", ImageSize::native).to_string();
        prefs.prices.with(|p| {
            // Each model at the size it is sent with; one without a price names itself.
            let mut total = Some(0.0);
            let mut unpriced = settings.model.clone();
            for v in &variants {
                let s = &v.settings;
                match (
                    total,
                    p.estimate(&s.model, s.image_size, per_model(v), chars, refs),
                ) {
                    (Some(t), Some(a)) => total = Some(t + a),
                    _ => {
                        if total.is_some() {
                            unpriced = s.model.clone();
                        }
                        total = None;
                    }
                }
            }
            match total {
                Some(amount) => {
                    lead.clone()
                        + &t_string!(
                            i18n,
                            cost.estimate,
                            amount = p.format(amount),
                            n = images,
                            size = size_label
                        )
                }
                None => lead.clone() + &t_string!(i18n, cost.no_price, model = unpriced.trim()),
            }
        })
    };
    view! { <p class="hint cost-estimate" data-testid="cost-estimate">{line}</p> }
}

/// One result's cost, from its usage figures (or estimated from its size without them).
#[component]
pub fn ResultCost(item: ResultItem) -> impl IntoView {
    let prefs = expect_context::<Prefs>();
    let i18n = use_i18n();
    let spent = item.spent();
    let line = move || {
        prefs.prices.with(|p| {
            p.cost_of(&spent).map(|c| {
                let amount = p.format(c.amount);
                if c.estimated {
                    t_string!(i18n, cost.result_estimated, amount).to_string()
                } else {
                    t_string!(i18n, cost.result, amount).to_string()
                }
            })
        })
    };
    view! { <span class="meta" data-testid="result-cost">{line}</span> }
}

/// The totals and the price table.
#[component]
pub fn Costs() -> impl IntoView {
    let prefs = expect_context::<Prefs>();
    let history = expect_context::<History>();
    let generator = expect_context::<Generator>();
    let i18n = use_i18n();
    let totals = move || {
        prefs.prices.with(|p| {
            let session = p.total(&generator.session_spent.get());
            let saved = history.spent.with(|h| p.total(h.iter().map(|(_, s)| s)));
            let mark = |estimated: bool| {
                if estimated {
                    t_string!(i18n, cost.partly_estimated).to_string()
                } else {
                    String::new()
                }
            };
            t_string!(
                i18n,
                cost.totals,
                session = format!("{}{}", p.format(session.amount), mark(session.estimated)),
                history = format!("{}{}", p.format(saved.amount), mark(saved.estimated))
            )
            .to_string()
        })
    };
    view! {
        <section class="panel costs" aria-labelledby="costs-title">
            <h2 id="costs-title" class="legend">{t!(i18n, cost.legend)}</h2>
            <p data-testid="cost-totals" aria-live="polite">{totals}</p>
            <details data-testid="prices">
                <summary>{t!(i18n, cost.prices)}</summary>
                <PriceTable/>
            </details>
        </section>
    }
}

/// The editable table: currency, per-model prices per million tokens, tokens per image size.
#[component]
fn PriceTable() -> impl IntoView {
    let prefs = expect_context::<Prefs>();
    let i18n = use_i18n();
    let prices = prefs.prices;
    let number = |ev: &leptos::ev::Event| {
        event_target_value(ev)
            .trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v >= 0.0)
    };
    // Rows follow the list of models only, so editing a price keeps the focus where it is.
    let names = Memo::new(move |_| {
        prices.with(|p| p.models.iter().map(|m| m.model.clone()).collect::<Vec<_>>())
    });
    let rows = move || {
        // Rebuilt when the language changes, for the labels.
        let _ = i18n.get_locale();
        names.get().into_iter().enumerate().map(|(i, name)| {
            let field = |get: fn(&ModelPrice) -> f64, set: fn(&mut ModelPrice, f64), label: String, testid: String| view! {
                <td>
                    <input type="number" min="0" step="any" inputmode="decimal" data-testid=testid aria-label=label
                        prop:value=move || prices.with(|p| p.models.get(i).map_or(0.0, get).to_string())
                        on:change=move |ev| { if let Some(v) = number(&ev) { prices.update(|p| if let Some(m) = p.models.get_mut(i) { set(m, v) }) } }/>
                </td>
            };
            view! {
                <tr>
                    <th scope="row">{name.clone()}</th>
                    {field(|m| m.input, |m, v| m.input = v, t_string!(i18n, cost.input_for, model = &name).to_string(), format!("price-input-{i}"))}
                    {field(|m| m.text_output, |m, v| m.text_output = v, t_string!(i18n, cost.text_output_for, model = &name).to_string(), format!("price-text-{i}"))}
                    {field(|m| m.image_output, |m, v| m.image_output = v, t_string!(i18n, cost.image_output_for, model = &name).to_string(), format!("price-image-{i}"))}
                    <td>
                        <button class="link" aria-label=t_string!(i18n, cost.remove_model, model = &name).to_string()
                            on:click=move |_| prices.update(|p| { if i < p.models.len() { p.models.remove(i); } })>{super::icons::icon(super::icons::CLOSE)}</button>
                    </td>
                </tr>
            }
        }).collect_view()
    };
    let current = move || prefs.settings.with(|s| s.model.trim().to_string());
    let missing = move || {
        let model = current();
        !model.is_empty() && prices.with(|p| p.for_model(&model).is_none())
    };
    let tokens = move |get: fn(&Prices) -> u32,
                       set: fn(&mut Prices, u32),
                       label: &'static str,
                       testid: &'static str| {
        view! {
            <label>
                {label}
                <input type="number" min="0" step="1" data-testid=testid
                    prop:value=move || prices.with(get).to_string()
                    on:change=move |ev| { if let Ok(v) = event_target_value(&ev).trim().parse::<u32>() { prices.update(|p| set(p, v)) } }/>
            </label>
        }
    };
    view! {
        <p class="hint">{t!(i18n, cost.note)}</p>
        <label>
            {t!(i18n, cost.currency)}
            <input type="text" maxlength="6" data-testid="price-currency"
                prop:value=move || prices.with(|p| p.currency.clone())
                on:change=move |ev| prices.update(|p| p.currency = event_target_value(&ev))/>
        </label>
        <table class="prices">
            <caption>{t!(i18n, cost.per_million)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, cost.model)}</th>
                    <th scope="col">{t!(i18n, cost.input)}</th>
                    <th scope="col">{t!(i18n, cost.text_output)}</th>
                    <th scope="col">{t!(i18n, cost.image_output)}</th>
                    <th scope="col"><span class="visually-hidden">{t!(i18n, cost.remove)}</span></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <Show when=missing>
            <button class="secondary" data-testid="price-add-model"
                on:click=move |_| {
                    let model = current();
                    prices.update(|p| p.models.push(ModelPrice { model, input: 0.0, text_output: 0.0, image_output: 0.0 }));
                }>
                {move || t_string!(i18n, cost.add_model, model = current()).to_string()}
            </button>
        </Show>
        <fieldset class="grid tokens">
            <legend>{t!(i18n, cost.image_tokens)}</legend>
            {tokens(|p| p.image_tokens.s512, |p, v| p.image_tokens.s512 = v, "512 px", "tokens-512")}
            {tokens(|p| p.image_tokens.k1, |p, v| p.image_tokens.k1 = v, "1K", "tokens-1k")}
            {tokens(|p| p.image_tokens.k2, |p, v| p.image_tokens.k2 = v, "2K", "tokens-2k")}
            {tokens(|p| p.image_tokens.k4, |p, v| p.image_tokens.k4 = v, "4K", "tokens-4k")}
        </fieldset>
        <label>
            {t!(i18n, cost.reference_tokens)}
            <input type="number" min="0" step="1" data-testid="tokens-reference"
                prop:value=move || prices.with(|p| p.reference_tokens.to_string())
                on:change=move |ev| { if let Ok(v) = event_target_value(&ev).trim().parse::<u32>() { prices.update(|p| p.reference_tokens = v) } }/>
        </label>
        <button class="secondary" data-testid="price-reset" on:click=move |_| prices.set(Prices::default())>
            {t!(i18n, cost.reset)}
        </button>
    }
}
