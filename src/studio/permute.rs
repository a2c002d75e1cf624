//! Permutation prompts: `a {red, green} {fox, owl}` is four prompts, every combination of the groups.
//!
//! A group is `{` alternatives separated by `,` `}`; alternatives may hold groups of their own
//! (`{a {big, small} cat, dog}` is three). `\{`, `\}`, `\,` and `\\` are the characters themselves; a
//! comma outside any group is just a comma. Each alternative is trimmed and runs of spaces are made
//! one, so `{red, green}` reads as written. The number of prompts is counted before anything is
//! expanded, so `{a,b}` twenty times over is refused without building a million strings.

use thiserror::Error;

/// Why a prompt could not be expanded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExpandError {
    /// A `{` that is never closed; `at` is its character index.
    #[error("the {{ at character {at} is never closed: add its }}, or write \\{{ for a brace")]
    Unclosed { at: usize },
    /// A `}` with no `{` before it; `at` is its character index.
    #[error("the }} at character {at} closes nothing: remove it, or write \\}} for a brace")]
    Unopened { at: usize },
    /// More prompts than `limit` (`count` saturates at `u64::MAX`).
    #[error("this makes {count} prompts, more than the {limit} one click may send")]
    TooMany { count: u64, limit: usize },
}

/// A parsed prompt: text and groups in order.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Text(String),
    /// Each alternative is a sequence of its own.
    Group(Vec<Vec<Node>>),
}

/// Parses `text` into its sequence of text and groups.
fn parse(text: &str) -> Result<Vec<Node>, ExpandError> {
    let chars: Vec<char> = text.chars().collect();
    let mut pos = 0;
    let seq = parse_seq(&chars, &mut pos, 0)?;
    match chars.get(pos) {
        Some('}') => Err(ExpandError::Unopened { at: pos }),
        _ => Ok(seq),
    }
}

/// One sequence, up to a `,` or `}` that belongs to the enclosing group (`depth > 0`) or the end.
fn parse_seq(chars: &[char], pos: &mut usize, depth: usize) -> Result<Vec<Node>, ExpandError> {
    let mut seq = Vec::new();
    let mut text = String::new();
    while let Some(&c) = chars.get(*pos) {
        match c {
            '\\' if matches!(chars.get(*pos + 1), Some('{' | '}' | ',' | '\\')) => {
                text.push(chars[*pos + 1]);
                *pos += 2;
            }
            '{' => {
                let open = *pos;
                *pos += 1;
                let mut alternatives = Vec::new();
                loop {
                    let mut alt = parse_seq(chars, pos, depth + 1)?;
                    trim(&mut alt);
                    alternatives.push(alt);
                    match chars.get(*pos) {
                        Some(',') => *pos += 1,
                        Some('}') => {
                            *pos += 1;
                            break;
                        }
                        _ => return Err(ExpandError::Unclosed { at: open }),
                    }
                }
                if !text.is_empty() {
                    seq.push(Node::Text(std::mem::take(&mut text)));
                }
                seq.push(Node::Group(alternatives));
            }
            ',' | '}' if depth > 0 => break,
            '}' => return Err(ExpandError::Unopened { at: *pos }),
            _ => {
                text.push(c);
                *pos += 1;
            }
        }
    }
    if !text.is_empty() {
        seq.push(Node::Text(text));
    }
    Ok(seq)
}

/// Trims the whitespace at both ends of an alternative.
fn trim(seq: &mut Vec<Node>) {
    if let Some(Node::Text(t)) = seq.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(Node::Text(t)) = seq.last_mut() {
        *t = t.trim_end().to_string();
    }
    seq.retain(|n| !matches!(n, Node::Text(t) if t.is_empty()));
}

/// How many prompts a sequence makes (saturating).
fn count_seq(seq: &[Node]) -> u64 {
    seq.iter().fold(1u64, |n, node| match node {
        Node::Text(_) => n,
        Node::Group(alts) => n.saturating_mul(
            alts.iter()
                .fold(0u64, |s, a| s.saturating_add(count_seq(a))),
        ),
    })
}

/// Every prompt a sequence makes, in order (the first group varies slowest).
fn expand_seq(seq: &[Node]) -> Vec<String> {
    let mut out = vec![String::new()];
    for node in seq {
        match node {
            Node::Text(t) => out.iter_mut().for_each(|s| s.push_str(t)),
            Node::Group(alts) => {
                let options: Vec<String> = alts.iter().flat_map(|a| expand_seq(a)).collect();
                out = out
                    .iter()
                    .flat_map(|s| options.iter().map(move |o| format!("{s}{o}")))
                    .collect();
            }
        }
    }
    out
}

/// Makes runs of spaces one space and trims the ends (an empty alternative leaves two spaces).
fn tidy(s: &str) -> String {
    s.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .trim()
        .to_string()
}

/// How many prompts `text` expands to, without expanding it (saturating at `u64::MAX`).
pub fn count(text: &str) -> Result<u64, ExpandError> {
    Ok(count_seq(&parse(text)?))
}

/// Every prompt `text` expands to, or why not: a brace out of place, or more than `limit` prompts.
pub fn expand(text: &str, limit: usize) -> Result<Vec<String>, ExpandError> {
    let seq = parse(text)?;
    let count = count_seq(&seq);
    if count > limit as u64 {
        return Err(ExpandError::TooMany { count, limit });
    }
    Ok(expand_seq(&seq).iter().map(|s| tidy(s)).collect())
}

/// `text` with its braces, commas and backslashes escaped, so it expands to itself.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '{' | '}' | ',' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(text: &str) -> Vec<String> {
        expand(text, 64).unwrap()
    }

    #[test]
    fn every_combination_in_order() {
        assert_eq!(
            ex("a {red, green} {fox, owl}"),
            ["a red fox", "a red owl", "a green fox", "a green owl"]
        );
        assert_eq!(ex("no groups, just a comma"), ["no groups, just a comma"]);
        assert_eq!(ex("{only}"), ["only"]);
    }

    #[test]
    fn nested_groups_and_empty_alternatives() {
        assert_eq!(
            ex("a {{big, small} cat, dog}"),
            ["a big cat", "a small cat", "a dog"]
        );
        assert_eq!(ex("a {, very} red fox"), ["a red fox", "a very red fox"]);
        assert_eq!(count("{a,{b,{c,d}}} {x,y}").unwrap(), 8);
    }

    #[test]
    fn escapes_are_the_characters_themselves() {
        assert_eq!(
            ex(r"json \{\} and {a\, b, c}"),
            ["json {} and a, b", "json {} and c"]
        );
        assert_eq!(ex(r"a \\ b"), [r"a \ b"]);
        assert_eq!(ex(r"a \n b"), [r"a \n b"], "other backslashes stay");
    }

    #[test]
    fn misplaced_braces_are_named() {
        assert_eq!(
            expand("a {red, green", 64),
            Err(ExpandError::Unclosed { at: 2 })
        );
        assert_eq!(
            expand("a red} fox", 64),
            Err(ExpandError::Unopened { at: 5 })
        );
        assert_eq!(expand("{a}}", 64), Err(ExpandError::Unopened { at: 3 }));
    }

    #[test]
    fn the_limit_is_checked_before_expanding() {
        let huge = "{a,b}".repeat(70);
        assert_eq!(count(&huge).unwrap(), u64::MAX);
        assert_eq!(
            expand(&huge, 64),
            Err(ExpandError::TooMany {
                count: u64::MAX,
                limit: 64
            })
        );
        assert_eq!(expand(&"{a,b}".repeat(6), 64).unwrap().len(), 64);
        assert!(matches!(
            expand(&"{a,b}".repeat(7), 64),
            Err(ExpandError::TooMany { count: 128, .. })
        ));
    }
}
