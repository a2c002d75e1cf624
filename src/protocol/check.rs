//! "Test connection": the cheapest request that shows whether this page can reach a provider with this
//! key (the model list where the dialect has one, else a task lookup that costs nothing), and what the
//! answer means.

use super::error::{Error, HttpProblem, Result};
use super::http::{authorized, HttpRequest, Method};
use super::http_error::from_status;
use super::provider::{ApiKey, Dialect, Provider};
use serde_json::Value;

/// What a provider that answered said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Connected {
    /// It listed `count` models, and whether the chosen one is among them; `key_checked`: the list
    /// needs the key (Google's does; OpenRouter's and the gateways' are public, so it proves nothing
    /// about the key).
    Listed {
        count: usize,
        has_model: bool,
        key_checked: bool,
    },
    /// It answered this page (so CORS lets it through) with `status`, and has no list to read.
    Answered { status: u16 },
}

/// The request "Test connection" sends for `provider`.
pub fn request(provider: &Provider, key: &ApiKey) -> Result<HttpRequest> {
    let path = match provider.dialect {
        Dialect::Gemini => "/v1beta/models?pageSize=1000",
        Dialect::OpenAi => super::openai::MODELS_PATH,
        // No list in the task API: looking up a task that does not exist is free.
        Dialect::Task => "/v1/tasks/connection-check?language=en",
    };
    authorized(provider, key, Method::Get, path, None)
}

/// Reads the answer to [`request`]: a refused key, a spent balance or a failing server is the
/// provider's error; a missing route only means there is no list to read.
pub fn read(
    dialect: Dialect,
    status: u16,
    body: &[u8],
    retry_after: Option<&str>,
    model: &str,
    key: &ApiKey,
) -> Result<Connected> {
    if !(200..300).contains(&status) {
        let error = from_status(status, body, retry_after, key);
        let Error::Http(http) = &error else {
            return Err(error);
        };
        return match http.problem() {
            HttpProblem::NotFound | HttpProblem::BadRequest | HttpProblem::Other => {
                Ok(Connected::Answered { status })
            }
            _ => Err(error),
        };
    }
    let Some(ids) = model_ids(body) else {
        return Ok(Connected::Answered { status });
    };
    let model = model.trim();
    let has_model = ids.iter().any(|id| {
        let id = id.strip_prefix("models/").unwrap_or(id);
        id == model || id.split(':').next() == Some(model)
    });
    Ok(Connected::Listed {
        count: ids.len(),
        has_model,
        key_checked: dialect == Dialect::Gemini,
    })
}

/// The model ids of a Gemini (`models[].name`) or OpenAI (`data[].id`) list.
fn model_ids(body: &[u8]) -> Option<Vec<String>> {
    let value: Value = serde_json::from_slice(body).ok()?;
    let (list, field) = match (value.get("models"), value.get("data")) {
        (Some(Value::Array(list)), _) => (list, "name"),
        (_, Some(Value::Array(list))) => (list, "id"),
        _ => return None,
    };
    Some(
        list.iter()
            .filter_map(|m| m.get(field).and_then(Value::as_str))
            .map(str::to_string)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::Preset;

    #[test]
    fn each_dialect_asks_for_its_cheapest_answer() {
        let key = ApiKey::new("k-1");
        let google = request(&Preset::Google.provider(), &key).unwrap();
        assert_eq!(
            google.url,
            "https://generativelanguage.googleapis.com/v1beta/models?pageSize=1000"
        );
        assert_eq!(google.header("x-goog-api-key"), Some("k-1"));
        let openrouter = request(&Preset::OpenRouter.provider(), &key).unwrap();
        assert_eq!(
            openrouter.url,
            "https://openrouter.ai/api/v1/models?output_modalities=image"
        );
        let gccai = request(&Preset::Gccai.provider(), &key).unwrap();
        assert!(gccai
            .url
            .ends_with("/v1/tasks/connection-check?language=en"));
        assert!(google.body.is_none() && gccai.body.is_none());
    }

    #[test]
    fn lists_are_read_and_the_model_looked_for() {
        let key = ApiKey::new("k");
        let gemini =
            br#"{"models":[{"name":"models/gemini-3.1-flash-image"},{"name":"models/x"}]}"#;
        assert_eq!(
            read(
                Dialect::Gemini,
                200,
                gemini,
                None,
                "gemini-3.1-flash-image",
                &key
            ),
            Ok(Connected::Listed {
                count: 2,
                has_model: true,
                key_checked: true
            })
        );
        let openai = br#"{"data":[{"id":"google/gemini-3.1-flash-image-preview:free"}]}"#;
        assert_eq!(
            read(
                Dialect::OpenAi,
                200,
                openai,
                None,
                "google/gemini-3.1-flash-image-preview",
                &key
            ),
            Ok(Connected::Listed {
                count: 1,
                has_model: true,
                key_checked: false
            })
        );
        assert_eq!(
            read(Dialect::OpenAi, 200, openai, None, "google/other", &key),
            Ok(Connected::Listed {
                count: 1,
                has_model: false,
                key_checked: false
            })
        );
        assert_eq!(
            read(Dialect::Gemini, 200, b"<html>", None, "m", &key),
            Ok(Connected::Answered { status: 200 })
        );
    }

    #[test]
    fn a_refused_key_is_an_error_and_a_missing_route_is_not() {
        let key = ApiKey::new("sk-9");
        let e = read(
            Dialect::OpenAi,
            401,
            br#"{"error":{"message":"bad key sk-9"}}"#,
            None,
            "m",
            &key,
        )
        .unwrap_err();
        assert_eq!(e.kind(), "invalid-key");
        assert!(!e.to_string().contains("sk-9"));
        assert_eq!(
            read(Dialect::Task, 404, b"not found", None, "m", &key),
            Ok(Connected::Answered { status: 404 })
        );
        assert!(read(Dialect::Gemini, 503, b"", None, "m", &key).is_err());
        let google = br#"{"error":{"code":400,"message":"API key not valid.","status":"INVALID_ARGUMENT",
          "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}"#;
        assert_eq!(
            read(Dialect::Gemini, 400, google, None, "m", &key)
                .unwrap_err()
                .kind(),
            "invalid-key"
        );
    }
}
