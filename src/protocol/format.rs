//! Numbers, URLs and provider text made fit for a message: sizes in decimal units, a URL's host,
//! short excerpts.

/// Formats a byte count for people in decimal units, as providers state limits: `512 B`, `3.2 MB`.
pub fn human_size(bytes: usize) -> String {
    const K: f64 = 1000.0;
    let b = bytes as f64;
    if b < K {
        format!("{bytes} B")
    } else if b < K * K {
        format!("{:.0} KB", b / K)
    } else if b < K * K * K {
        format!("{:.1} MB", b / K / K)
    } else {
        format!("{:.1} GB", b / K / K / K)
    }
}

/// Collapses white space and cuts `text` to at most `max` characters, adding an ellipsis.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        if out.chars().count() > max {
            break;
        }
    }
    if out.chars().count() > max {
        out = out.chars().take(max).collect::<String>();
        out.push('…');
    }
    out
}

/// The host (and port) of a URL, for messages such as "could not reach api.example.com".
pub fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    // Drop any `user:pass@` that someone pasted into the URL.
    authority.rsplit('@').next().unwrap_or(authority)
}
