//! Batches: several prompts in one go, run with a bounded number of requests in flight.

/// Requests in flight at once; the rest wait their turn, so a large batch does not trip rate limits.
pub const MAX_IN_FLIGHT: usize = 4;

/// Most prompts one batch may hold.
pub const MAX_PROMPTS: usize = 50;

/// The prompts to run: every non-empty line when `batch` is on (at most [`MAX_PROMPTS`]), otherwise
/// the whole text as one prompt.
pub fn prompts(text: &str, batch: bool) -> Vec<String> {
    if !batch {
        return vec![text.to_string()];
    }
    let lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(MAX_PROMPTS)
        .map(str::to_string)
        .collect();
    if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_prompt_per_line_when_batching() {
        assert_eq!(prompts("a cat\n\n  a dog  \r\n", true), ["a cat", "a dog"]);
        assert_eq!(prompts("a cat\na dog", false), ["a cat\na dog"]);
        assert_eq!(
            prompts("  \n ", true),
            [""],
            "an empty batch is one empty prompt, which validation names"
        );
        assert_eq!(prompts(&"x\n".repeat(80), true).len(), MAX_PROMPTS);
    }
}
