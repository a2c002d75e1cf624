//! The spend ledger (`ledger`): what the history's images cost over a chosen period, per day (a small
//! bar chart), per provider and per model, priced with the user's table, marked "estimated" where a
//! result came without usage figures, and exported as CSV.

use super::i18n::{t, t_string, use_i18n};
use super::icons::{self, icon};
use crate::app::history::LedgerLine;
use crate::app::{History, Notices, Prefs, Providers, Tasks};
use crate::browser::clock;
use crate::studio::ledger::{days_of, ledger, Ledger, Line, Sum};
use crate::studio::library::local_day;
use leptos::prelude::*;

/// The day `n` days before today (`YYYY-MM-DD`).
fn days_ago(n: i64) -> String {
    let today = clock::today();
    days_of(&today).map_or(today, |d| local_day((d - n) as f64 * 86_400_000.0, 0))
}

/// The ledger dialog; `open` closes it.
#[component]
pub fn LedgerView(open: RwSignal<bool>) -> impl IntoView {
    let history = expect_context::<History>();
    let prefs = expect_context::<Prefs>();
    let providers = expect_context::<Providers>();
    let i18n = use_i18n();
    let from = RwSignal::new(days_ago(29));
    let to = RwSignal::new(clock::today());
    // Read once when it opens: every saved result.
    // Read once when it opens: every saved result (a signal, not a resource: a resource read here
    // would have the stage's Suspense hide the whole stage while it loads).
    let lines = RwSignal::new(None::<Vec<LedgerLine>>);
    let notices = expect_context::<Notices>();
    expect_context::<Tasks>().spawn(async move {
        match history.ledger_lines().await {
            Ok(read) => lines.set(Some(read)),
            Err(e) => {
                notices.fail_with("history", e);
                lines.set(Some(Vec::new()));
            }
        }
    });
    let sums = Memo::new(move |_| {
        lines.with(|l| {
            l.as_ref().map(|lines| {
                let (from, to) = (from.get(), to.get());
                prefs.prices.with(|p| {
                    ledger(
                        p,
                        lines.iter().map(|l: &LedgerLine| Line {
                            day: &l.day,
                            provider: &l.provider,
                            model: &l.model,
                            spent: &l.spent,
                        }),
                        &from,
                        &to,
                    )
                })
            })
        })
    });
    let money = move |sum: &Sum| {
        let amount = prefs.prices.with(|p| p.format(sum.cost.amount));
        if sum.cost.estimated {
            format!("{amount} ({})", t_string!(i18n, ledger.estimated))
        } else {
            amount
        }
    };
    let provider_name = move |key: &str| {
        providers
            .saved
            .with(|s| s.name_of(key).map(str::to_string))
            .or_else(|| crate::protocol::Preset::from_id(key).map(|p| p.label().to_string()))
            .unwrap_or_else(|| key.to_string())
    };
    let csv = move |_| {
        let Some(l) = sums.get_untracked() else {
            return;
        };
        let currency = prefs.prices.with_untracked(|p| p.currency.clone());
        let text = l.csv(&currency, provider_name);
        let name = format!(
            "banana-studio-spend-{}-{}.csv",
            from.get_untracked(),
            to.get_untracked()
        );
        crate::app::history::download_text(&text, &name, "text/csv");
    };
    let close = move || open.set(false);
    // The dialog takes the focus (its close button), so Escape and Tab stay in it.
    let close_button = NodeRef::<leptos::html::Button>::new();
    // After the click that opened it has settled (the menu it came from closes meanwhile).
    request_animation_frame(move || {
        if let Some(b) = close_button.get_untracked() {
            let _ = b.focus();
        }
    });
    // Escape closes it wherever the focus is.
    let escape = window_event_listener(leptos::ev::keydown, move |e| {
        if e.key() == "Escape" && !e.default_prevented() {
            e.prevent_default();
            close();
        }
    });
    on_cleanup(move || escape.remove());
    let period = move |n: i64| {
        from.set(days_ago(n - 1));
        to.set(clock::today());
    };
    view! {
        <div class="expand-dialog" on:click=move |e| if e.target() == e.current_target() { close() }>
        <section class="expand-card ledger" role="dialog" aria-modal="true" data-testid="ledger"
            aria-labelledby="ledger-title">
            <header>
                <h2 id="ledger-title">{icon(icons::LEDGER)}{t!(i18n, ledger.title)}</h2>
                <button class="icon-button" data-testid="close-ledger" node_ref=close_button on:click=move |_| close()
                    aria-label=move || t_string!(i18n, ledger.close) title=move || t_string!(i18n, ledger.close)>
                    {icon(icons::CLOSE)}
                </button>
            </header>
            <div class="ledger-period">
                <label>{t!(i18n, ledger.from)}
                    <input type="date" data-testid="ledger-from" prop:value=move || from.get()
                        on:change=move |e| { let v = event_target_value(&e); if days_of(&v).is_some() { from.set(v) } }/>
                </label>
                <label>{t!(i18n, ledger.to)}
                    <input type="date" data-testid="ledger-to" prop:value=move || to.get()
                        on:change=move |e| { let v = event_target_value(&e); if days_of(&v).is_some() { to.set(v) } }/>
                </label>
                {[7, 30, 90].into_iter().map(|n| view! {
                    <button class="secondary" data-testid=format!("ledger-last-{n}") on:click=move |_| period(n)>
                        {move || t_string!(i18n, ledger.last_days, n).to_string()}
                    </button>
                }).collect_view()}
            </div>
            {move || match sums.get() {
                None => view! { <p class="meta" role="status">{t!(i18n, ledger.reading)}</p> }.into_any(),
                Some(l) if l.total.images == 0 => view! {
                    <p class="meta" data-testid="ledger-empty">{t!(i18n, ledger.empty)}</p>
                }.into_any(),
                Some(l) => view! { <LedgerBody l=l money provider_name from=from.get() to=to.get()/> }.into_any(),
            }}
            <div class="expand-actions">
                <p class="meta">{t!(i18n, ledger.estimated_note)}</p>
                <button data-testid="ledger-csv" disabled=move || sums.with(|s| s.as_ref().is_none_or(|l| l.total.images == 0))
                    on:click=csv>{icon(icons::DOWNLOAD)}{t!(i18n, ledger.csv)}</button>
            </div>
        </section>
        </div>
    }
}

/// The total, the chart and the two tables.
#[component]
fn LedgerBody(
    l: Ledger,
    money: impl Fn(&Sum) -> String + Copy + 'static,
    provider_name: impl Fn(&str) -> String + Copy + 'static,
    from: String,
    to: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = l.total;
    let total_text =
        t_string!(i18n, ledger.total, amount = money(&total), n = total.images).to_string();
    let highest = l
        .days
        .iter()
        .map(|(_, s)| s.cost.amount)
        .fold(0.0_f64, f64::max);
    let n = l.days.len().max(1);
    let width = 600.0_f64;
    let bar = width / n as f64;
    let bars = l
        .days
        .iter()
        .enumerate()
        .map(|(i, (day, sum))| {
            let h = if highest > 0.0 { sum.cost.amount / highest * 100.0 } else { 0.0 };
            let f = |v: f64| crate::protocol::format::fixed(v, 2);
            let label = format!("{day}: {}", money(sum));
            view! {
                <rect x=f(i as f64 * bar + bar * 0.1) y=f(100.0 - h) width=f(bar * 0.8) height=f(h.max(0.0))
                    class:estimated=sum.cost.estimated data-day=day.clone()>
                    <title>{label}</title>
                </rect>
            }
        })
        .collect_view();
    let table = move |rows: Vec<(String, String, Sum)>, testid: &'static str| {
        view! {
            <table class="ledger-table" data-testid=testid>
                <tbody>
                    {rows.into_iter().map(|(key, name, sum)| view! {
                        <tr data-key=key>
                            <th scope="row">{name}</th>
                            <td>{t_string!(i18n, ledger.images, n = sum.images).to_string()}</td>
                            <td class="amount">{money(&sum)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    };
    let providers: Vec<_> = l
        .providers
        .into_iter()
        .map(|(k, s)| (k.clone(), provider_name(&k), s))
        .collect();
    let models: Vec<_> = l
        .models
        .into_iter()
        .map(|(k, s)| (k.clone(), k, s))
        .collect();
    view! {
        <p class="ledger-total" data-testid="ledger-total" data-amount=crate::protocol::format::fixed(total.cost.amount, 6)
            data-images=total.images.to_string()>
            {total_text}
        </p>
        <svg class="ledger-chart" data-testid="ledger-chart" viewBox=format!("0 0 {width} 100") preserveAspectRatio="none"
            role="img" aria-label=t_string!(i18n, ledger.chart, from = from.as_str(), to = to.as_str()).to_string()>
            {bars}
        </svg>
        <div class="ledger-tables">
            <section>
                <h3>{t!(i18n, ledger.by_provider)}</h3>
                {table(providers, "ledger-providers")}
            </section>
            <section>
                <h3>{t!(i18n, ledger.by_model)}</h3>
                {table(models, "ledger-models")}
            </section>
        </div>
    }
}
