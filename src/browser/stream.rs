//! Reading an answer asked for as a stream (`streamGenerateContent?alt=sse`, `"stream": true`): each
//! server-sent event goes to the dialect's accumulator, and each new image to preview is shown as it
//! arrives. A relay that answers with one JSON document instead is read as such.

use super::fetch::{self, answered};
use crate::protocol::native::scan::Scanned;
use crate::protocol::{native, openai, ApiKey, Error, GeneratedImage, Generation, HttpRequest};
use web_sys::AbortSignal;

/// What reading a streamed answer needs from its dialect.
pub trait Dialect: Default {
    /// The scanner for an answer that turns out to be one document.
    fn scanner() -> native::Scanner;
    /// Takes one event's data.
    fn push(&mut self, event: &[u8], key: &ApiKey) -> Result<(), Error>;
    /// The images to preview so far: the model's drafts (native), or the images as they come (chat).
    fn previews(&self) -> &[GeneratedImage];
    /// Ends the stream.
    fn finish(self) -> Result<Generation, Error>;
    /// Parses a one-document answer read with [`Dialect::scanner`].
    fn parse_scanned(scanned: Scanned, key: &ApiKey) -> Result<Generation, Error>;
}

impl Dialect for native::Accumulator {
    fn scanner() -> native::Scanner {
        native::Scanner::default()
    }
    fn push(&mut self, event: &[u8], key: &ApiKey) -> Result<(), Error> {
        native::Accumulator::push(self, event, key)
    }
    fn previews(&self) -> &[GeneratedImage] {
        &self.so_far().drafts
    }
    fn finish(self) -> Result<Generation, Error> {
        native::Accumulator::finish(self)
    }
    fn parse_scanned(scanned: Scanned, key: &ApiKey) -> Result<Generation, Error> {
        native::parse_scanned(scanned, key)
    }
}

impl Dialect for openai::Accumulator {
    fn scanner() -> native::Scanner {
        native::Scanner::with_data_uris()
    }
    fn push(&mut self, event: &[u8], key: &ApiKey) -> Result<(), Error> {
        openai::Accumulator::push(self, event, key)
    }
    fn previews(&self) -> &[GeneratedImage] {
        &self.so_far().images
    }
    fn finish(self) -> Result<Generation, Error> {
        openai::Accumulator::finish(self)
    }
    fn parse_scanned(scanned: Scanned, key: &ApiKey) -> Result<Generation, Error> {
        openai::parse_scanned(scanned, key)
    }
}

/// How a streamed answer turned out to be sent.
enum Reading<A> {
    /// Nothing but white space yet.
    Unknown,
    /// Server-sent events, each a whole answer chunk.
    Events(native::SseDecoder, Box<A>),
    /// One JSON document: a relay that does not stream.
    Document(native::Scanner),
}

/// Sends a streaming request and reports each new image to preview as it arrives; hosted images are
/// left to download.
pub async fn read<A: Dialect>(
    req: &HttpRequest,
    key: &ApiKey,
    signal: &AbortSignal,
    mut on_preview: impl FnMut(&GeneratedImage),
) -> Result<Generation, Error> {
    let mut reading = Reading::<A>::Unknown;
    let mut failed: Option<Error> = None;
    let mut shown = 0;
    let mut on_chunk = |buf: &[u8]| {
        if let Reading::Unknown = reading {
            match buf.iter().find(|c| !c.is_ascii_whitespace()) {
                Some(b'{' | b'[') => reading = Reading::Document(A::scanner()),
                Some(_) => reading = Reading::Events(Default::default(), Default::default()),
                None => return,
            }
        }
        match &mut reading {
            Reading::Events(events, acc) => {
                for event in events.push(buf) {
                    if failed.is_none() {
                        failed = acc.push(&event, key).err();
                    }
                }
                let previews = acc.previews();
                if previews.len() > shown {
                    shown = previews.len();
                    if let Some(image) = previews.last() {
                        on_preview(image);
                    }
                }
            }
            Reading::Document(scanner) => scanner.push(buf),
            Reading::Unknown => {}
        }
    };
    let resp = fetch::send_streamed(req, Some(signal), Some(&mut on_chunk)).await?;
    answered(resp, key)?;
    // A pause between reading the body and parsing it, so neither makes a long task of the other.
    gloo_timers::future::TimeoutFuture::new(0).await;
    match reading {
        Reading::Events(events, mut acc) => {
            if let Some(last) = events.finish() {
                if failed.is_none() {
                    failed = acc.push(&last, key).err();
                }
            }
            if let Some(e) = failed {
                return Err(e);
            }
            acc.finish().map_err(|e| e.redacted(key))
        }
        Reading::Document(scanner) => A::parse_scanned(scanner.finish(), key),
        Reading::Unknown => A::parse_scanned(Scanned::default(), key),
    }
}
