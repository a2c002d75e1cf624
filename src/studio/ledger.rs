//! The spend ledger: what the history's results cost over a period, per day, per provider and per
//! model, priced with the user's table (so it agrees with the cards), and the same as CSV. A sum is
//! `estimated` when one of its results came without usage figures or has no price.

use super::cost::{Cost, Prices, Spent};
use std::collections::BTreeMap;

/// One result, as the ledger counts it.
#[derive(Clone, Debug, PartialEq)]
pub struct Line<'a> {
    /// Its local day, `YYYY-MM-DD`.
    pub day: &'a str,
    pub provider: &'a str,
    pub model: &'a str,
    pub spent: &'a Spent,
}

/// A sum: the images counted and what they cost.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sum {
    pub images: u32,
    pub cost: Cost,
}

impl Default for Sum {
    fn default() -> Self {
        Sum {
            images: 0,
            cost: Cost {
                amount: 0.0,
                estimated: false,
            },
        }
    }
}

impl Sum {
    fn add(&mut self, cost: Option<Cost>) {
        self.images += 1;
        match cost {
            Some(c) => {
                self.cost.amount += c.amount;
                self.cost.estimated |= c.estimated;
            }
            None => self.cost.estimated = true,
        }
    }
}

/// The ledger of a period: sums per day (every day of the period, empty ones too, for the chart), per
/// provider, per model, per (day, provider, model) for the CSV, and in all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ledger {
    pub days: Vec<(String, Sum)>,
    pub providers: Vec<(String, Sum)>,
    pub models: Vec<(String, Sum)>,
    pub rows: Vec<((String, String, String), Sum)>,
    pub total: Sum,
}

/// Sums `lines` whose day is within `from..=to` (`YYYY-MM-DD`, both included).
pub fn ledger<'a>(
    prices: &Prices,
    lines: impl IntoIterator<Item = Line<'a>>,
    from: &str,
    to: &str,
) -> Ledger {
    let mut days: BTreeMap<String, Sum> = BTreeMap::new();
    let mut providers: BTreeMap<String, Sum> = BTreeMap::new();
    let mut models: BTreeMap<String, Sum> = BTreeMap::new();
    let mut rows: BTreeMap<(String, String, String), Sum> = BTreeMap::new();
    let mut total = Sum::default();
    for line in lines {
        if line.day < from || line.day > to {
            continue;
        }
        let cost = prices.cost_of(line.spent);
        days.entry(line.day.to_string()).or_default().add(cost);
        providers
            .entry(line.provider.to_string())
            .or_default()
            .add(cost);
        models.entry(line.model.to_string()).or_default().add(cost);
        rows.entry((
            line.day.to_string(),
            line.provider.to_string(),
            line.model.to_string(),
        ))
        .or_default()
        .add(cost);
        total.add(cost);
    }
    let by_cost = |m: BTreeMap<String, Sum>| {
        let mut v: Vec<_> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cost.amount.total_cmp(&a.1.cost.amount));
        v
    };
    Ledger {
        days: every_day(from, to)
            .into_iter()
            .map(|d| {
                let sum = days.remove(&d).unwrap_or_default();
                (d, sum)
            })
            .collect(),
        providers: by_cost(providers),
        models: by_cost(models),
        rows: rows.into_iter().collect(),
        total,
    }
}

impl Ledger {
    /// The ledger as CSV: one row per day, provider and model, `name` naming the providers.
    pub fn csv(&self, currency: &str, name: impl Fn(&str) -> String) -> String {
        let mut out = format!("day,provider,model,images,cost ({currency}),estimated\n");
        for ((day, provider, model), sum) in &self.rows {
            out.push_str(&format!(
                "{day},{},{},{},{},{}\n",
                field(&name(provider)),
                field(model),
                sum.images,
                crate::protocol::format::fixed(sum.cost.amount, 4),
                if sum.cost.estimated { "yes" } else { "no" }
            ));
        }
        out
    }
}

/// A CSV field, quoted when it must be.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Every day from `from` to `to` (`YYYY-MM-DD`), the last 401 at most.
pub fn every_day(from: &str, to: &str) -> Vec<String> {
    let (Some(a), Some(b)) = (days_of(from), days_of(to)) else {
        return Vec::new();
    };
    (a.max(b - 400)..=b)
        .map(|d| super::library::local_day(d as f64 * 86_400_000.0, 0))
        .collect()
}

/// Days since 1970-01-01 of `YYYY-MM-DD` (Howard Hinnant's `days_from_civil`).
pub fn days_of(day: &str) -> Option<i64> {
    let mut it = day.splitn(3, '-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: i64 = it.next()?.parse().ok()?;
    let d: i64 = it.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{ImageSize, Usage};

    fn spent(model: &str, usage: bool) -> Spent {
        Spent {
            model: model.into(),
            usage: usage.then(|| Usage {
                prompt_token_count: Some(100),
                candidates_token_count: Some(1290),
                total_token_count: Some(1390),
                candidates_tokens_details: vec![crate::protocol::response::ModalityTokens {
                    modality: "IMAGE".into(),
                    token_count: 1120,
                }],
                ..Usage::default()
            }),
            size: Some(ImageSize::K1),
            answer_images: 1,
        }
    }

    #[test]
    fn sums_per_day_provider_and_model_agree_with_each_results_cost() {
        let prices = Prices::default();
        let (a, b) = (
            spent("gemini-3.1-flash-image", true),
            spent("gemini-3.1-flash-image", false),
        );
        let c = spent("gemini-3.1-flash-lite-image", true);
        let lines = vec![
            Line {
                day: "2026-12-01",
                provider: "google",
                model: &a.model,
                spent: &a,
            },
            Line {
                day: "2026-12-01",
                provider: "anyfast",
                model: &b.model,
                spent: &b,
            },
            Line {
                day: "2026-12-03",
                provider: "google",
                model: &c.model,
                spent: &c,
            },
            Line {
                day: "2026-11-30",
                provider: "google",
                model: &a.model,
                spent: &a,
            },
        ];
        let l = ledger(&prices, lines.clone(), "2026-12-01", "2026-12-03");
        let each = |s: &Spent| prices.cost_of(s).map_or(0.0, |c| c.amount);
        let want = each(&a) + each(&b) + each(&c);
        assert!((l.total.cost.amount - want).abs() < 1e-12);
        assert_eq!(l.total.images, 3, "the day before the period is left out");
        assert!(l.total.cost.estimated, "one result came without usage");
        let days: Vec<_> = l.days.iter().map(|(d, s)| (d.as_str(), s.images)).collect();
        assert_eq!(
            days,
            [("2026-12-01", 2), ("2026-12-02", 0), ("2026-12-03", 1)]
        );
        let google = l.providers.iter().find(|(p, _)| p == "google").unwrap().1;
        assert!((google.cost.amount - each(&a) - each(&c)).abs() < 1e-12);
        assert!(!google.cost.estimated);
        let sum_of = |v: &[(String, Sum)]| v.iter().map(|(_, s)| s.cost.amount).sum::<f64>();
        for part in [&l.days, &l.providers, &l.models] {
            assert!((sum_of(part) - l.total.cost.amount).abs() < 1e-12);
        }
        let csv = l.csv("$", |p| {
            if p == "anyfast" {
                "Any, \"fast\"".into()
            } else {
                p.into()
            }
        });
        let rows: Vec<&str> = csv.lines().collect();
        assert_eq!(rows[0], "day,provider,model,images,cost ($),estimated");
        assert_eq!(rows.len(), 4);
        assert!(
            rows.iter().any(|r| r
                .starts_with("2026-12-01,\"Any, \"\"fast\"\"\",gemini-3.1-flash-image,1,")
                && r.ends_with(",yes")),
            "{csv}"
        );
    }

    #[test]
    fn days_count_both_ways() {
        for day in ["1970-01-01", "2000-02-29", "2026-12-04", "1969-12-31"] {
            let n = days_of(day).unwrap();
            assert_eq!(
                super::super::library::local_day(n as f64 * 86_400_000.0, 0),
                day
            );
        }
        assert_eq!(every_day("2026-12-30", "2027-01-02").len(), 4);
        assert!(every_day("2026-12-04", "2026-12-01").is_empty());
        assert_eq!(days_of("2026-13-01"), None);
    }
}
