//! The user's own CORS proxy: the scripts the studio offers to copy (`proxy/*.js` in the repository,
//! served beside the app) filled in with the provider to forward to and the page to answer.

use crate::protocol::Provider;

/// The script templates, as served beside the app.
pub const SCRIPTS: [Script; 2] = [Script::CloudflareWorker, Script::DenoDeploy];

/// A proxy script the studio offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    CloudflareWorker,
    DenoDeploy,
}

impl Script {
    /// The template's path, relative to the app.
    pub fn path(self) -> &'static str {
        match self {
            Script::CloudflareWorker => "proxy/cloudflare-worker.js",
            Script::DenoDeploy => "proxy/deno-deploy.js",
        }
    }

    /// Stable identifier for test ids.
    pub fn id(self) -> &'static str {
        match self {
            Script::CloudflareWorker => "cloudflare",
            Script::DenoDeploy => "deno",
        }
    }
}

/// `scheme://host[:port]` of the provider's base URL: the only place the proxy may forward to.
pub fn target_origin(provider: &Provider) -> String {
    let base = provider.normalized_base();
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    let host = rest.split('/').next().unwrap_or("");
    let host = host
        .rsplit_once('@')
        .map_or(host, |(_, h)| h)
        .to_ascii_lowercase();
    let scheme = scheme.to_ascii_lowercase();
    // The default port is not part of an origin as the browser writes it.
    let default = if scheme == "https" { ":443" } else { ":80" };
    let host = host.strip_suffix(default).unwrap_or(&host);
    format!("{scheme}://{host}")
}

/// `template` with its placeholders filled: the provider's origin and the page's. Quotes and
/// backslashes are escaped, so a value can never end the string it is put in.
pub fn fill(template: &str, target_origin: &str, page_origin: &str) -> String {
    let quoted = |s: &str| s.replace('\\', "\\\\").replace('\'', "\\'");
    template
        .replace("__TARGET_ORIGIN__", &quoted(target_origin))
        .replace("__ALLOWED_ORIGIN__", &quoted(page_origin))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::Preset;

    #[test]
    fn the_target_is_the_providers_origin_only() {
        let mut p = Preset::OpenRouter.provider();
        assert_eq!(target_origin(&p), "https://openrouter.ai");
        p.base_url = "http://User:pw@127.0.0.1:8787/relay/v1beta/".into();
        assert_eq!(target_origin(&p), "http://127.0.0.1:8787");
        p.base_url = "https://Relay.Example:443/v1".into();
        assert_eq!(target_origin(&p), "https://relay.example");
    }

    #[test]
    fn the_shipped_templates_are_filled_completely() {
        for script in SCRIPTS {
            let path = format!("{}/{}", env!("CARGO_MANIFEST_DIR"), script.path());
            let template = std::fs::read_to_string(&path).unwrap();
            assert!(template.contains("'__TARGET_ORIGIN__'"), "{path}");
            let filled = fill(&template, "https://relay.example", "https://me.github.io");
            assert!(!filled.contains("__"), "{path}: a placeholder is left");
            assert!(filled.contains("const TARGET_ORIGIN = 'https://relay.example';"));
            assert!(filled.contains("const ALLOWED_ORIGIN = 'https://me.github.io';"));
        }
        assert_eq!(fill("'__ALLOWED_ORIGIN__'", "", "a'b\\"), "'a\\'b\\\\'");
    }
}
