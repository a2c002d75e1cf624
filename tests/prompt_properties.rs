//! Property tests of permutation prompts (`studio::permute`, `studio::batch`).

use banana_studio::studio::batch::{self, MAX_PROMPTS};
use banana_studio::studio::permute::{count, escape, expand, ExpandError};
use proptest::prelude::*;

/// Words without any character the expansion treats specially.
fn word() -> impl Strategy<Value = String> {
    "[a-z]{1,6}"
}

/// Spaces made one and ends trimmed, as expansion leaves a prompt.
fn tidy(s: &str) -> String {
    s.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Groups of plain words are their cartesian product, first group slowest.
    #[test]
    fn groups_expand_to_the_cartesian_product(
        groups in prop::collection::vec(prop::collection::vec(word(), 1..4), 0..4),
        lead in word(),
    ) {
        let text = groups.iter().fold(lead.clone(), |t, g| format!("{t} {{{}}}", g.join(", ")));
        let mut want = vec![lead.clone()];
        for g in &groups {
            want = want.iter().flat_map(|p| g.iter().map(move |w| format!("{p} {w}"))).collect();
        }
        prop_assert_eq!(count(&text).unwrap(), want.len() as u64);
        prop_assert_eq!(expand(&text, 1000).unwrap(), want);
    }

    /// Any text: a typed error or prompts, never a panic; the count is the number of prompts, the
    /// limit refuses exactly what is over it, and no prompt has stray spaces.
    #[test]
    fn any_text_counts_what_it_expands(text in r"[a-c{},\\ ]{0,40}", limit in 0usize..80) {
        match expand(&text, limit) {
            Ok(prompts) => {
                prop_assert_eq!(prompts.len() as u64, count(&text).unwrap());
                prop_assert!(prompts.len() <= limit);
                for p in &prompts {
                    prop_assert_eq!(p, &tidy(p));
                }
            }
            Err(ExpandError::TooMany { count: n, limit: l }) => {
                prop_assert_eq!(l, limit);
                prop_assert!(n > limit as u64);
                prop_assert_eq!(n, count(&text).unwrap());
            }
            Err(ExpandError::Unclosed { at }) => {
                prop_assert_eq!(text.chars().nth(at), Some('{'));
                prop_assert!(count(&text).is_err());
            }
            Err(ExpandError::Unopened { at }) => {
                prop_assert_eq!(text.chars().nth(at), Some('}'));
                prop_assert!(count(&text).is_err());
            }
        }
    }

    /// An escaped text is itself: one prompt, the same words.
    #[test]
    fn escaped_text_expands_to_itself(text in r"[a-c{},\\ ]{0,40}") {
        prop_assert_eq!(expand(&escape(&text), 1).unwrap(), vec![tidy(text.trim())]);
    }

    /// Nesting adds alternatives: `{a, {b, c}}` is as many as `{a, b, c}`.
    #[test]
    fn nested_alternatives_add_up(words in prop::collection::vec(word(), 2..6), split in 1usize..5) {
        let split = split.min(words.len() - 1);
        let flat = format!("{{{}}}", words.join(", "));
        let nested = format!("{{{}, {{{}}}}}", words[..split].join(", "), words[split..].join(", "));
        prop_assert_eq!(expand(&nested, 64).unwrap(), expand(&flat, 64).unwrap());
    }

    /// A batch is its lines' expansions in order, refused as a whole past the limit.
    #[test]
    fn a_batch_is_its_lines_expanded(
        lines in prop::collection::vec((word(), prop::collection::vec(word(), 1..9)), 1..12),
    ) {
        let text: Vec<String> = lines.iter().map(|(w, g)| format!("{w} {{{}}}", g.join(","))).collect();
        let total: usize = lines.iter().map(|(_, g)| g.len()).sum();
        match batch::prompts(&text.join("\n"), true) {
            Ok(prompts) => {
                prop_assert!(total <= MAX_PROMPTS);
                let want: Vec<String> = text.iter().flat_map(|l| expand(l, 64).unwrap()).collect();
                prop_assert_eq!(prompts, want);
            }
            Err(e) => {
                prop_assert!(total > MAX_PROMPTS);
                prop_assert_eq!(e.line, None);
                prop_assert_eq!(e.error, ExpandError::TooMany { count: total as u64, limit: MAX_PROMPTS });
            }
        }
    }
}
