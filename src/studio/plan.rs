//! From one generation request to what is sent: the one place that knows how each dialect carries a
//! generation. Gemini native and chat completions: one request per image wanted (sharing one body),
//! streamed with a plain twin for relays that do not stream when drafts are asked for; task API: one
//! task. The studio and
//! `generate()` both send what this returns (`browser::client::send`).

use crate::protocol::{
    native, openai, task, ApiKey, Dialect, Error, GenerationRequest, HttpRequest, Provider,
};

/// One request to send and, for a streamed one, the plain request to send instead where the relay
/// refuses to stream.
#[derive(Clone, Debug)]
pub struct Attempt {
    pub request: HttpRequest,
    pub plain: Option<HttpRequest>,
}

/// Validates `req` against the provider's model and builds every request it takes. `drafts` asks for
/// the model's interim images as they come (native and chat providers; a task never streams).
pub fn attempts(
    provider: &Provider,
    key: &ApiKey,
    req: &GenerationRequest,
    drafts: bool,
) -> Result<Vec<Attempt>, Error> {
    match provider.dialect {
        Dialect::Gemini => per_image(drafts, |stream| native::build(provider, key, req, stream)),
        Dialect::OpenAi => per_image(drafts, |stream| openai::build(provider, key, req, stream)),
        Dialect::Task => Ok(vec![Attempt {
            request: task::build(provider, key, req)?,
            plain: None,
        }]),
    }
}

/// One attempt per request `build` makes: streamed, each with its plain twin, when drafts are asked
/// for; plain otherwise.
fn per_image(
    drafts: bool,
    build: impl Fn(bool) -> Result<Vec<HttpRequest>, Error>,
) -> Result<Vec<Attempt>, Error> {
    let plain = build(false)?;
    if !drafts {
        return Ok(plain
            .into_iter()
            .map(|request| Attempt {
                request,
                plain: None,
            })
            .collect());
    }
    Ok(build(true)?
        .into_iter()
        .zip(plain)
        .map(|(request, plain)| Attempt {
            request,
            plain: Some(plain),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::Preset;

    fn request(count: u8) -> GenerationRequest {
        GenerationRequest {
            model: "gemini-3.1-flash-image".into(),
            prompt: "a fox".into(),
            count,
            ..GenerationRequest::default()
        }
    }

    #[test]
    fn native_sends_one_request_per_image_and_a_plain_twin_when_streaming() {
        let google = Preset::Google.provider();
        let key = ApiKey::new("k-123456");
        let plain = attempts(&google, &key, &request(3), false).unwrap();
        assert_eq!(plain.len(), 3);
        assert!(plain.iter().all(|a| a.plain.is_none()));
        assert!(plain[0].request.url.ends_with(":generateContent"));
        let streamed = attempts(&google, &key, &request(2), true).unwrap();
        assert_eq!(streamed.len(), 2);
        assert!(streamed[0].request.url.contains(":streamGenerateContent"));
        assert!(streamed[0]
            .plain
            .as_ref()
            .unwrap()
            .url
            .ends_with(":generateContent"));
    }

    #[test]
    fn a_task_is_one_request_however_many_images_and_never_streams() {
        let gccai = Preset::Gccai.provider();
        let key = ApiKey::new("k-123456");
        let sent = attempts(&gccai, &key, &request(2), true).unwrap();
        assert_eq!(sent.len(), 1);
        assert!(sent[0].plain.is_none());
    }

    #[test]
    fn openai_relays_get_one_request_per_image_streamed_with_a_plain_twin() {
        let openrouter = Preset::OpenRouter.provider();
        let key = ApiKey::new("k-123456");
        let mut req = request(2);
        req.model = "google/gemini-3.1-flash-image-preview".into();
        let plain = attempts(&openrouter, &key, &req, false).unwrap();
        assert_eq!(plain.len(), 2);
        assert!(plain[0].request.url.ends_with("/v1/chat/completions"));
        let streamed = attempts(&openrouter, &key, &req, true).unwrap();
        let body = |r: &HttpRequest| String::from_utf8(r.body.as_ref().unwrap().to_vec()).unwrap();
        assert!(body(&streamed[0].request).ends_with("\"stream\":true}"));
        assert!(body(streamed[0].plain.as_ref().unwrap()).ends_with("\"stream\":false}"));
    }

    #[test]
    fn an_invalid_request_is_refused_before_anything_is_built() {
        let google = Preset::Google.provider();
        let mut req = request(1);
        req.prompt = " ".into();
        assert_eq!(
            attempts(&google, &ApiKey::new("k"), &req, false).unwrap_err(),
            Error::EmptyPrompt
        );
    }
}
