//! Numbers, URLs and provider text made fit for a message: sizes in decimal units, a URL's host,
//! short excerpts.

/// Formats a byte count for people in decimal units, as providers state limits: `512 B`, `3.2 MB`.
pub fn human_size(bytes: usize) -> String {
    const K: f64 = 1000.0;
    let b = bytes as f64;
    if b < K {
        format!("{bytes} B")
    } else if b < K * K {
        format!("{} KB", fixed(b / K, 0))
    } else if b < K * K * K {
        format!("{} MB", fixed(b / K / K, 1))
    } else {
        format!("{} GB", fixed(b / K / K / K, 1))
    }
}

/// `x` with `places` decimals (at most 9), rounded half away from zero: `fixed(2.345, 1)` is `2.3`,
/// `fixed(-0.04, 1)` is `0.0`. Written with integers, so no float formatting is linked into the
/// app (its code would sit in the first load, as anything a function pointer reaches does).
pub fn fixed(x: f64, places: u32) -> String {
    if !x.is_finite() {
        return if x.is_nan() {
            "NaN"
        } else if x > 0.0 {
            "∞"
        } else {
            "-∞"
        }
        .to_string();
    }
    let places = places.min(9);
    let scale = 10u64.pow(places);
    // Past u64 (over 1.8e19 / scale) the float saturates: no number shown here gets near it.
    let n = (x.abs() * scale as f64).round() as u64;
    let mut out = String::new();
    if x < 0.0 && n != 0 {
        out.push('-');
    }
    out.push_str(&(n / scale).to_string());
    if places > 0 {
        let frac = (n % scale).to_string();
        out.push('.');
        out.extend(std::iter::repeat_n('0', places as usize - frac.len()));
        out.push_str(&frac);
    }
    out
}

/// `x` as people write it: no trailing zeros, at most 6 decimals (`2`, `0.95`, `-1.5`).
pub fn plain(x: f64) -> String {
    let s = fixed(x, 6);
    match s.split_once('.') {
        Some((int, frac)) if frac.trim_end_matches('0').is_empty() => int.to_string(),
        Some(_) => s.trim_end_matches('0').to_string(),
        None => s,
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
