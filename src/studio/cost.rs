//! What images cost: an editable price table, the estimate before a run (model, size, count) and the
//! cost of each result from its usage figures afterwards. Pure; the UI shows and persists it.

use crate::protocol::format::fixed;
use crate::protocol::{ImageSize, Usage};
use serde::{Deserialize, Serialize};

/// Prices per million tokens for one model (its `-preview` variant shares them unless listed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelPrice {
    pub model: String,
    /// Prompt text and reference images.
    pub input: f64,
    /// Text and thinking the model writes.
    pub text_output: f64,
    /// Images the model draws.
    pub image_output: f64,
}

/// Output tokens one image takes at each size (what the estimate assumes when there is no usage).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImageTokens {
    pub s512: u32,
    pub k1: u32,
    pub k2: u32,
    pub k4: u32,
}

/// The user's price table. The defaults are examples to edit, in US dollars: what a provider or relay
/// charges varies, and the studio cannot look it up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prices {
    /// Shown before amounts: `$`, `¥`, `€`, `USD `...
    pub currency: String,
    pub models: Vec<ModelPrice>,
    pub image_tokens: ImageTokens,
    /// Input tokens assumed per reference image in an estimate.
    pub reference_tokens: u32,
}

impl Default for Prices {
    fn default() -> Self {
        let price = |model: &str, input, text_output, image_output| ModelPrice {
            model: model.to_string(),
            input,
            text_output,
            image_output,
        };
        Prices {
            currency: "$".into(),
            models: vec![
                price("gemini-3.1-flash-image", 0.5, 3.0, 60.0),
                price("gemini-3.1-flash-lite-image", 0.25, 1.5, 30.0),
            ],
            image_tokens: ImageTokens {
                s512: 560,
                k1: 1120,
                k2: 1680,
                k4: 2520,
            },
            reference_tokens: 560,
        }
    }
}

/// A result's cost: from its usage figures, or `estimated` from its size when it came without them
/// (task APIs report none).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cost {
    pub amount: f64,
    pub estimated: bool,
}

/// What one result cost is worked out from; kept so totals follow edits to the price table.
#[derive(Clone, Debug, PartialEq)]
pub struct Spent {
    pub model: String,
    pub usage: Option<Usage>,
    pub size: Option<ImageSize>,
    /// Images in the answer that brought this one (its usage is shared among them).
    pub answer_images: u32,
}

const MILLION: f64 = 1_000_000.0;

impl Prices {
    /// Loads a saved table; anything unreadable gives the defaults.
    pub fn from_json(json: &str) -> Prices {
        serde_json::from_str(json).unwrap_or_default()
    }

    /// For storage.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The prices for `model`: its own row, else its base model's (`-preview` dropped, and a relay's
    /// `vendor/` prefix and `:variant` suffix, as in `google/gemini-3.1-flash-image-preview`).
    pub fn for_model(&self, model: &str) -> Option<&ModelPrice> {
        let model = model.trim();
        if let Some(own) = self.models.iter().find(|p| p.model == model) {
            return Some(own);
        }
        let named = model.rsplit('/').next().unwrap_or(model);
        let model = named.split(':').next().unwrap_or(named);
        let base = model.strip_suffix("-preview").unwrap_or(model);
        self.models
            .iter()
            .find(|p| p.model == model)
            .or_else(|| self.models.iter().find(|p| p.model == base))
    }

    /// Output tokens one image of `size` takes (`None`: the default, 1K).
    pub fn tokens_for(&self, size: Option<ImageSize>) -> u32 {
        let t = &self.image_tokens;
        match size {
            Some(ImageSize::S512) => t.s512,
            None | Some(ImageSize::K1) => t.k1,
            Some(ImageSize::K2) => t.k2,
            Some(ImageSize::K4) => t.k4,
        }
    }

    /// What a run should cost before it is sent: `images` images of `size`, a prompt of
    /// `prompt_chars` characters (about four per token) and `references` reference images.
    pub fn estimate(
        &self,
        model: &str,
        size: Option<ImageSize>,
        images: u32,
        prompt_chars: usize,
        references: usize,
    ) -> Option<f64> {
        let p = self.for_model(model)?;
        let input = (prompt_chars as f64 / 4.0).ceil()
            + references as f64 * f64::from(self.reference_tokens);
        let per_image = f64::from(self.tokens_for(size)) * p.image_output / MILLION;
        // Each image is its own request: the prompt and references are paid for every time.
        Some(f64::from(images) * (per_image + input * p.input / MILLION))
    }

    /// One result's cost: its answer's usage shared among the `images_in_answer` images it brought,
    /// or, without usage figures, the estimate for one image of `size`.
    pub fn cost(
        &self,
        model: &str,
        usage: Option<&Usage>,
        size: Option<ImageSize>,
        images_in_answer: u32,
    ) -> Option<Cost> {
        let p = self.for_model(model)?;
        let Some(u) =
            usage.filter(|u| u.prompt_token_count.is_some() || u.candidates_token_count.is_some())
        else {
            return Some(Cost {
                amount: f64::from(self.tokens_for(size)) * p.image_output / MILLION,
                estimated: true,
            });
        };
        let answer_images = images_in_answer.max(1);
        let image_details = u
            .candidates_tokens_details
            .iter()
            .filter(|d| d.modality.eq_ignore_ascii_case("IMAGE"))
            .map(|d| d.token_count)
            .reduce(|a, b| a + b);
        // Without a per-modality split (some relays drop it), the images are priced by their size and
        // the cost is marked estimated, rather than every output token priced as text.
        let (image, estimated) = match image_details {
            Some(t) => (t, false),
            None => (
                u64::from(self.tokens_for(size)) * u64::from(answer_images),
                true,
            ),
        };
        let candidates = u.candidates_token_count.unwrap_or(0);
        let text = candidates.saturating_sub(image) + u.thoughts_token_count.unwrap_or(0);
        let amount = u.prompt_token_count.unwrap_or(0) as f64 * p.input
            + text as f64 * p.text_output
            + image as f64 * p.image_output;
        Some(Cost {
            amount: amount / MILLION / f64::from(answer_images),
            estimated,
        })
    }

    /// One result's cost (see [`Prices::cost`]).
    pub fn cost_of(&self, spent: &Spent) -> Option<Cost> {
        self.cost(
            &spent.model,
            spent.usage.as_ref(),
            spent.size,
            spent.answer_images,
        )
    }

    /// The sum over `spent`: results of models without a price count as nothing, and make the total
    /// `estimated`, as do results without usage figures.
    pub fn total<'a>(&self, spent: impl IntoIterator<Item = &'a Spent>) -> Cost {
        spent.into_iter().fold(
            Cost {
                amount: 0.0,
                estimated: false,
            },
            |sum, s| match self.cost_of(s) {
                Some(c) => Cost {
                    amount: sum.amount + c.amount,
                    estimated: sum.estimated || c.estimated,
                },
                None => Cost {
                    estimated: true,
                    ..sum
                },
            },
        )
    }

    /// An amount for people: `$0.067`, `¥1.20`, `$12.40` (more digits for small amounts).
    pub fn format(&self, amount: f64) -> String {
        let digits = if amount != 0.0 && amount.abs() < 0.1 {
            3
        } else {
            2
        };
        format!("{}{}", self.currency, fixed(amount, digits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::response::ModalityTokens;
    use proptest::prelude::*;

    fn usage(prompt: u64, candidates: u64, image: u64, thoughts: Option<u64>) -> Usage {
        Usage {
            prompt_token_count: Some(prompt),
            candidates_token_count: Some(candidates),
            thoughts_token_count: thoughts,
            total_token_count: Some(prompt + candidates),
            candidates_tokens_details: vec![ModalityTokens {
                modality: "IMAGE".into(),
                token_count: image,
            }],
        }
    }

    #[test]
    fn usage_is_priced_per_modality_and_shared_among_the_answers_images() {
        let prices = Prices::default();
        // The PROTOCOLS.md example: 36 prompt tokens, 1600 candidates of which 1290 image.
        let u = usage(36, 1600, 1290, None);
        let c = prices
            .cost("gemini-3.1-flash-image", Some(&u), None, 1)
            .unwrap();
        let expected = (36.0 * 0.5 + 310.0 * 3.0 + 1290.0 * 60.0) / 1e6;
        assert!((c.amount - expected).abs() < 1e-12, "{c:?}");
        assert!(!c.estimated);
        let half = prices
            .cost("gemini-3.1-flash-image", Some(&u), None, 2)
            .unwrap();
        assert!((half.amount * 2.0 - expected).abs() < 1e-12);
        let thinking = usage(36, 1600, 1290, Some(500));
        let t = prices
            .cost("gemini-3.1-flash-image", Some(&thinking), None, 1)
            .unwrap();
        assert!(
            (t.amount - expected - 500.0 * 3.0 / 1e6).abs() < 1e-12,
            "thoughts bill as text"
        );
    }

    #[test]
    fn usage_without_a_modality_split_prices_images_by_size_and_is_marked() {
        let prices = Prices::default();
        let mut u = usage(36, 1600, 0, None);
        u.candidates_tokens_details.clear();
        let c = prices
            .cost("gemini-3.1-flash-image", Some(&u), Some(ImageSize::K1), 1)
            .unwrap();
        assert!(c.estimated);
        let expected = (36.0 * 0.5 + (1600.0 - 1120.0) * 3.0 + 1120.0 * 60.0) / 1e6;
        assert!((c.amount - expected).abs() < 1e-12, "{c:?}");
    }

    #[test]
    fn without_usage_the_size_estimate_is_used_and_marked() {
        let prices = Prices::default();
        let c = prices
            .cost("gemini-3.1-flash-image", None, Some(ImageSize::K4), 1)
            .unwrap();
        assert!(c.estimated);
        assert!((c.amount - 2520.0 * 60.0 / 1e6).abs() < 1e-12);
        assert!(
            prices.cost("some-other-model", None, None, 1).is_none(),
            "unknown models have no price"
        );
    }

    #[test]
    fn preview_models_share_their_base_models_price_unless_listed() {
        let mut prices = Prices::default();
        let base = prices.for_model("gemini-3.1-flash-image").unwrap().clone();
        assert_eq!(
            prices.for_model(" gemini-3.1-flash-image-preview"),
            Some(&base)
        );
        prices.models.push(ModelPrice {
            model: "gemini-3.1-flash-image-preview".into(),
            ..base.clone()
        });
        prices.models.last_mut().unwrap().image_output = 1.0;
        assert_eq!(
            prices
                .for_model("gemini-3.1-flash-image-preview")
                .unwrap()
                .image_output,
            1.0
        );
    }

    #[test]
    fn relay_ids_with_a_vendor_share_the_models_price() {
        let prices = Prices::default();
        assert_eq!(
            prices.for_model("google/gemini-3.1-flash-image-preview:free"),
            prices.for_model("gemini-3.1-flash-image")
        );
        assert!(prices.for_model("google/gemini-3.1-flash-image").is_some());
    }

    #[test]
    fn estimates_grow_with_count_size_prompt_and_references() {
        let p = Prices::default();
        let m = "gemini-3.1-flash-image";
        let one = p.estimate(m, None, 1, 40, 0).unwrap();
        assert!((one - (1120.0 * 60.0 + 10.0 * 0.5) / 1e6).abs() < 1e-12);
        assert!((p.estimate(m, None, 3, 40, 0).unwrap() - 3.0 * one).abs() < 1e-12);
        assert!(
            p.estimate(m, Some(ImageSize::K4), 1, 40, 0).unwrap()
                > p.estimate(m, Some(ImageSize::K2), 1, 40, 0).unwrap()
        );
        assert!(p.estimate(m, None, 1, 40, 2).unwrap() > one);
    }

    #[test]
    fn saved_tables_round_trip_and_damaged_ones_fall_back() {
        let mut p = Prices {
            currency: "¥".into(),
            ..Prices::default()
        };
        p.models[0].image_output = 12.5;
        assert_eq!(Prices::from_json(&p.to_json()), p);
        assert_eq!(Prices::from_json("{oops"), Prices::default());
        assert_eq!(
            Prices::from_json(r#"{"currency":"€"}"#).models,
            Prices::default().models
        );
    }

    #[test]
    fn totals_add_up_and_say_when_they_are_partly_estimated() {
        let p = Prices::default();
        let measured = Spent {
            model: "gemini-3.1-flash-image".into(),
            usage: Some(usage(36, 1600, 1290, None)),
            size: None,
            answer_images: 1,
        };
        let one = p.cost_of(&measured).unwrap().amount;
        let t = p.total([&measured, &measured]);
        assert!((t.amount - 2.0 * one).abs() < 1e-12 && !t.estimated);
        let unknown = Spent {
            model: "other".into(),
            ..measured.clone()
        };
        let t = p.total([&measured, &unknown]);
        assert!((t.amount - one).abs() < 1e-12 && t.estimated);
        assert_eq!(p.total([]).amount, 0.0);
    }

    #[test]
    fn amounts_read_well() {
        let p = Prices::default();
        assert_eq!(p.format(0.0672), "$0.067");
        assert_eq!(p.format(12.4), "$12.40");
        assert_eq!(p.format(0.0), "$0.00");
    }

    proptest! {
        #[test]
        fn costs_are_never_negative_or_nan(prompt in 0u64..10_000_000, cand in 0u64..10_000_000,
                image in 0u64..20_000_000, thoughts in proptest::option::of(0u64..1_000_000), n in 0u32..10) {
            let c = Prices::default().cost("gemini-3.1-flash-image", Some(&usage(prompt, cand, image, thoughts)), None, n).unwrap();
            prop_assert!(c.amount.is_finite() && c.amount >= 0.0);
        }
    }
}
