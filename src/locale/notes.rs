//! Summaries and failures of the glue and the rules in the user's language: a shrunk reference, a
//! shrink that failed, the history, the ZIP archive.

use super::i18n::{td_string, Locale};
use super::Text;
use crate::browser::history_db::{Doing, HistoryError};
use crate::browser::resize::ShrinkError;
use crate::protocol::error::human_size;
use crate::studio::archive::ArchiveError;
use crate::studio::batch::BatchError;
use crate::studio::downscale::{Reason, Resized};
use crate::studio::permute::ExpandError;

/// What shrinking a reference changed, and why (`Resized::summary` in English).
pub fn resized(r: &Resized) -> Text {
    let r = r.clone();
    Text::new(move |l| {
        let saved = r.saved_percent();
        let saving = if saved >= 0.5 {
            td_string!(
                l,
                refs.smaller,
                percent = crate::protocol::format::fixed(saved, 0)
            )
            .to_string()
        } else {
            td_string!(l, refs.not_smaller).to_string()
        };
        let why = match r.reason {
            Reason::LongEdge(px) => td_string!(l, refs.over_long_edge, px).to_string(),
            Reason::Bytes(max) => td_string!(l, refs.over_bytes, max = human_size(max)).to_string(),
        };
        td_string!(
            l,
            refs.summary,
            from = format!("{}×{}", r.from.0, r.from.1),
            to = format!("{}×{}", r.to.0, r.to.1),
            kind = r.kind.name(),
            from_bytes = human_size(r.from_bytes),
            to_bytes = human_size(r.to_bytes),
            saving,
            why
        )
        .to_string()
    })
}

/// Why a reference could not be shrunk, as a clause ("the browser could not shrink it").
pub fn shrink_in(e: &ShrinkError, l: Locale) -> String {
    match e {
        ShrinkError::CannotDecode { max, kind } => td_string!(
            l,
            refs.shrink_cannot_decode,
            max = human_size(*max),
            kind = kind.name()
        )
        .to_string(),
        ShrinkError::Unreadable => td_string!(l, refs.shrink_unreadable).to_string(),
        ShrinkError::Failed => td_string!(l, refs.shrink_failed).to_string(),
        ShrinkError::TooLarge { max } => {
            td_string!(l, refs.shrink_too_large, max = human_size(*max)).to_string()
        }
    }
}

/// Why the history could not be read or written.
pub fn history(e: &HistoryError) -> Text {
    let e = e.clone();
    Text::new(move |l| {
        let action = match e.doing {
            Doing::Open => td_string!(l, history.open),
            Doing::Save => td_string!(l, history.save),
            Doing::SaveThumb => td_string!(l, history.save_thumb),
            Doing::Read => td_string!(l, history.read),
            Doing::Search => td_string!(l, history.search),
            Doing::ReadImage => td_string!(l, history.read_image),
            Doing::ReadReferences => td_string!(l, history.read_references),
            Doing::Delete => td_string!(l, history.delete),
            Doing::KeepDraft => td_string!(l, history.keep_draft),
            Doing::ReadDraft => td_string!(l, history.read_draft),
            Doing::ReadPrompts => td_string!(l, history.read_prompts),
            Doing::KeepPrompts => td_string!(l, history.keep_prompts),
            Doing::Mark => td_string!(l, history.mark),
            Doing::Collections => td_string!(l, history.collections),
        };
        if e.doing == Doing::Open && !e.full {
            td_string!(l, limits.history_off).to_string()
        } else if e.full {
            td_string!(l, history.full, action).to_string()
        } else {
            td_string!(l, history.failed, action, detail = &e.detail).to_string()
        }
    })
}

/// Why a history ZIP could not be written or read.
pub fn archive(e: &ArchiveError) -> Text {
    let e = e.clone();
    Text::new(move |l| match &e {
        ArchiveError::Write(detail) => td_string!(l, history.zip_write, detail).to_string(),
        ArchiveError::NotZip => td_string!(l, history.not_zip).to_string(),
        ArchiveError::NotOurs => td_string!(l, history.not_ours).to_string(),
    })
}

/// Why a batch's prompts could not be expanded (`ExpandError`'s `Display` in English), quoting the
/// line at fault.
pub fn batch(e: &BatchError) -> Text {
    let message = expand_error(e.error.clone());
    match &e.line {
        Some(line) => super::in_batch(line.clone(), message),
        None => message,
    }
}

fn expand_error(e: ExpandError) -> Text {
    Text::new(move |l| {
        let (open, close) = ("{", "}");
        match e {
            ExpandError::Unclosed { at } => {
                td_string!(l, alert.batch_unclosed, open, close, at = at + 1).to_string()
            }
            ExpandError::Unopened { at } => {
                td_string!(l, alert.batch_unopened, close, at = at + 1).to_string()
            }
            ExpandError::TooMany { count, limit } => {
                let count = if count >= 1_000_000 {
                    "1000000+".to_string()
                } else {
                    count.to_string()
                };
                td_string!(l, alert.batch_too_many, count, limit).to_string()
            }
        }
    })
}
