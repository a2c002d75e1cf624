//! Batches: several prompts in one go, run with a bounded number of requests in flight. Each line is
//! a prompt, and its `{a, b}` groups expand into every combination (`permute`).

use super::permute::{self, ExpandError};

/// Requests in flight at once; the rest wait their turn, so a large batch does not trip rate limits.
pub const MAX_IN_FLIGHT: usize = 4;

/// Most prompts one batch may hold, after expansion.
pub const MAX_PROMPTS: usize = 64;

/// Why a batch cannot be sent: the line with a brace out of place, or (no line) too many prompts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchError {
    /// The line at fault, trimmed; `None` when the whole batch is too large.
    pub line: Option<String>,
    /// What is wrong.
    pub error: ExpandError,
}

impl BatchError {
    fn whole(error: ExpandError) -> Self {
        BatchError { line: None, error }
    }
}

/// The prompts to run: when `batch` is on, every non-empty line with its groups expanded (at most
/// [`MAX_PROMPTS`] in all, or [`ExpandError::TooMany`] with the whole count); otherwise the whole
/// text as one prompt, braces and all.
pub fn prompts(text: &str, batch: bool) -> Result<Vec<String>, BatchError> {
    if !batch {
        return Ok(vec![text.to_string()]);
    }
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return Ok(vec![String::new()]);
    }
    let mut total = 0u64;
    for line in &lines {
        let n = permute::count(line).map_err(|error| BatchError {
            line: Some(line.to_string()),
            error,
        })?;
        total = total.saturating_add(n);
    }
    if total > MAX_PROMPTS as u64 {
        return Err(BatchError::whole(ExpandError::TooMany {
            count: total,
            limit: MAX_PROMPTS,
        }));
    }
    let mut out = Vec::new();
    for line in lines {
        out.extend(permute::expand(line, MAX_PROMPTS).map_err(BatchError::whole)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_prompt_per_line_when_batching() {
        assert_eq!(
            prompts("a cat\n\n  a dog  \r\n", true).unwrap(),
            ["a cat", "a dog"]
        );
        assert_eq!(prompts("a cat\na dog", false).unwrap(), ["a cat\na dog"]);
        assert_eq!(
            prompts("  \n ", true).unwrap(),
            [""],
            "an empty batch is one empty prompt, which validation names"
        );
        assert_eq!(prompts(&"x\n".repeat(64), true).unwrap().len(), MAX_PROMPTS);
    }

    #[test]
    fn lines_expand_and_count_together() {
        assert_eq!(
            prompts("a {red, green} fox\nan owl", true).unwrap(),
            ["a red fox", "a green fox", "an owl"]
        );
        assert_eq!(
            prompts("a {red, green} fox", false).unwrap(),
            ["a {red, green} fox"],
            "braces are literal outside a batch"
        );
        let many = "{a,b,c,d}{e,f,g,h}\n".repeat(4) + "one more";
        let too_many = BatchError::whole(ExpandError::TooMany {
            count: 65,
            limit: 64,
        });
        assert_eq!(prompts(&many, true).unwrap_err(), too_many);
        assert_eq!(prompts(&"x\n".repeat(65), true).unwrap_err(), too_many);
        assert_eq!(
            prompts("ok\n a {b ", true).unwrap_err(),
            BatchError {
                line: Some("a {b".into()),
                error: ExpandError::Unclosed { at: 2 }
            },
            "the line at fault is named, trimmed as the index counts"
        );
    }
}
