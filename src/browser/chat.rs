//! Reading chat-completion answers (OpenAI-compatible relays): whole, with the images' data URIs
//! decoded as the bytes arrive, or as server-sent events when drafts are asked for.

use super::fetch::{self, answered};
use crate::protocol::{native, openai, ApiKey, Error, GeneratedImage, Generation, HttpRequest};
use web_sys::AbortSignal;

/// Sends one chat-completions request (OpenAI-compatible relays) and reads its answer, data URIs
/// decoded as it arrives; links are left to download.
pub async fn read(
    req: &HttpRequest,
    key: &ApiKey,
    signal: &AbortSignal,
) -> Result<Generation, Error> {
    let mut scanner = native::Scanner::with_data_uris();
    let mut on_chunk = |chunk: &[u8]| scanner.push(chunk);
    let resp = fetch::send_streamed(req, Some(signal), Some(&mut on_chunk)).await?;
    answered(resp, key)?;
    gloo_timers::future::TimeoutFuture::new(0).await;
    openai::parse_scanned(scanner.finish(), key)
}

/// Sends a streamed chat-completions request (`"stream": true`): each image is shown as it arrives.
/// A relay that answers with one JSON document instead is read as such.
pub async fn streamed(
    req: &HttpRequest,
    key: &ApiKey,
    signal: &AbortSignal,
    mut on_draft: impl FnMut(&GeneratedImage),
) -> Result<Generation, Error> {
    enum Chat {
        Unknown,
        Events(native::SseDecoder, Box<openai::Accumulator>),
        Document(native::Scanner),
    }
    let mut reading = Chat::Unknown;
    let mut failed: Option<Error> = None;
    let mut shown = 0;
    let mut on_chunk = |buf: &[u8]| {
        if let Chat::Unknown = reading {
            match buf.iter().find(|c| !c.is_ascii_whitespace()) {
                Some(b'{' | b'[') => reading = Chat::Document(native::Scanner::with_data_uris()),
                Some(_) => reading = Chat::Events(Default::default(), Default::default()),
                None => return,
            }
        }
        match &mut reading {
            Chat::Events(events, acc) => {
                for event in events.push(buf) {
                    if failed.is_none() {
                        failed = acc.push(&event, key).err();
                    }
                }
                if acc.so_far().images.len() > shown {
                    shown = acc.so_far().images.len();
                    if let Some(image) = acc.so_far().images.last() {
                        on_draft(image);
                    }
                }
            }
            Chat::Document(scanner) => scanner.push(buf),
            Chat::Unknown => {}
        }
    };
    let resp = fetch::send_streamed(req, Some(signal), Some(&mut on_chunk)).await?;
    answered(resp, key)?;
    gloo_timers::future::TimeoutFuture::new(0).await;
    let generation = match reading {
        Chat::Events(events, mut acc) => {
            if let Some(last) = events.finish() {
                if failed.is_none() {
                    failed = acc.push(&last, key).err();
                }
            }
            if let Some(e) = failed {
                return Err(e);
            }
            acc.finish().map_err(|e| e.redacted(key))?
        }
        Chat::Document(scanner) => openai::parse_scanned(scanner.finish(), key)?,
        Chat::Unknown => openai::parse(b"", key)?,
    };
    Ok(generation)
}
