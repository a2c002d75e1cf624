//! What the user asked for, independent of any dialect, and the conversation kept for editing.

use super::catalogue::{ImageSize, ThinkingLevel};
use super::image::{sniff, ImageKind};
use bytes::Bytes;

/// A reference image the user added.
#[derive(Clone, Debug, PartialEq)]
pub struct Reference {
    /// File name, for messages only (never used to tell the type).
    pub name: String,
    pub bytes: Bytes,
}

impl Reference {
    /// Wraps file bytes.
    pub fn new(name: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        Reference {
            name: name.into(),
            bytes: bytes.into(),
        }
    }

    /// The format told from the bytes.
    pub fn kind(&self) -> Option<ImageKind> {
        sniff(&self.bytes)
    }

    /// The MIME type to send: the sniffed one (validation rejects unknown bytes before this is used).
    pub fn mime(&self) -> &'static str {
        self.kind()
            .map_or("application/octet-stream", ImageKind::mime)
    }
}

/// Text only with the image, or the image alone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Modalities {
    /// `["TEXT", "IMAGE"]`: image plus caption.
    #[default]
    TextAndImage,
    /// `["IMAGE"]`.
    ImageOnly,
}

/// One `safetySettings` entry, such as `HARM_CATEGORY_HARASSMENT` / `BLOCK_ONLY_HIGH`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SafetySetting {
    pub category: String,
    pub threshold: String,
}

/// Who spoke a turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    User,
    Model,
}

impl Role {
    /// `"user"` or `"model"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::Model => "model",
        }
    }
}

/// The payload of one part.
#[derive(Clone, Debug, PartialEq)]
pub enum PartData {
    Text(String),
    /// Image bytes (decoded); re-encoded to base64 when sent.
    Inline {
        mime_type: String,
        data: Bytes,
    },
    /// A file reference some relays answer with.
    File {
        mime_type: Option<String>,
        uri: String,
    },
}

/// One part of a turn, with the flags the model needs back verbatim.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub data: PartData,
    /// An interim draft (`"thought": true`).
    pub thought: bool,
    /// Opaque signature the model needs back to continue editing.
    pub thought_signature: Option<String>,
}

impl Part {
    /// A plain text part.
    pub fn text(text: impl Into<String>) -> Self {
        Part {
            data: PartData::Text(text.into()),
            thought: false,
            thought_signature: None,
        }
    }

    /// A plain inline image part.
    pub fn inline(mime_type: impl Into<String>, data: impl Into<Bytes>) -> Self {
        Part {
            data: PartData::Inline {
                mime_type: mime_type.into(),
                data: data.into(),
            },
            thought: false,
            thought_signature: None,
        }
    }
}

/// One turn of a conversation.
#[derive(Clone, Debug, PartialEq)]
pub struct Turn {
    pub role: Role,
    pub parts: Vec<Part>,
}

impl Turn {
    /// The user turn for a prompt and its references, text first as in the seed examples.
    pub fn user(prompt: &str, references: &[Reference]) -> Turn {
        let mut parts = Vec::with_capacity(references.len() + 1);
        parts.push(Part::text(prompt));
        parts.extend(
            references
                .iter()
                .map(|r| Part::inline(r.mime(), r.bytes.clone())),
        );
        Turn {
            role: Role::User,
            parts,
        }
    }
}

/// Everything the user chose for one generation.
#[derive(Clone, Debug, PartialEq)]
pub struct GenerationRequest {
    pub model: String,
    pub prompt: String,
    pub references: Vec<Reference>,
    /// `None`: let the model decide (native: omitted; task API: `"auto"`).
    pub aspect_ratio: Option<String>,
    /// `None`: provider default (1K); never sent to models without `imageSize`.
    pub image_size: Option<ImageSize>,
    pub modalities: Modalities,
    pub thinking: Option<ThinkingLevel>,
    /// Ask for interim thoughts (draft images and text).
    pub include_thoughts: bool,
    pub web_search: bool,
    /// Image search grounding; works together with web search.
    pub image_search: bool,
    pub system_instruction: Option<String>,
    pub safety: Vec<SafetySetting>,
    pub temperature: Option<f32>,
    /// Images wanted (1 to 4).
    pub count: u8,
    /// Earlier turns of an editing conversation, oldest first, model turns verbatim.
    pub history: Vec<Turn>,
}

impl Default for GenerationRequest {
    fn default() -> Self {
        GenerationRequest {
            model: String::new(),
            prompt: String::new(),
            references: Vec::new(),
            aspect_ratio: None,
            image_size: None,
            modalities: Modalities::default(),
            thinking: None,
            include_thoughts: false,
            web_search: false,
            image_search: false,
            system_instruction: None,
            safety: Vec::new(),
            temperature: None,
            count: 1,
            history: Vec::new(),
        }
    }
}
