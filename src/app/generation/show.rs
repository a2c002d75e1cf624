//! Showing what arrived: each image on a `blob:` URL, told to the host, counted, saved to the history;
//! a streamed answer's drafts as a live preview.

use super::run::Job;
use super::Generator;
use crate::app::events::StudioResult;
use crate::app::history::{FullImage, RegionResult, ResultItem};
use crate::app::tasks::next_id;
use crate::browser::blob_url::bytes_to_blob;
use crate::browser::{clock, BlobUrl};
use crate::protocol::{GeneratedImage, Generation};
use crate::studio::made::{self, Made};
use crate::studio::{download_name, PendingJob};
use crate::text;
use leptos::prelude::*;
use std::sync::Arc;

impl Generator {
    /// Shows the images of a task resumed after a reload.
    pub fn show_resumed(self, generation: Generation, job: &PendingJob) {
        let asked = Job {
            prompt: job.prompt.clone(),
            provider: job.settings.provider(),
            key: crate::protocol::ApiKey::new(String::new()),
            label: None,
            settings: Arc::new(job.settings.clone()),
            compared: None,
            conversation: Arc::new(Vec::new()),
            references: Arc::new((Vec::new(), Vec::new())),
            region: None,
        };
        self.show(
            generation,
            &asked,
            &clock::stamp(),
            0,
            (js_sys::Date::now() - job.started_ms) / 1000.0,
            Vec::new(),
        );
    }

    pub(super) fn show(
        self,
        generation: Generation,
        job: &Job,
        stamp: &str,
        request: usize,
        seconds: f64,
        regions: Vec<Option<Arc<RegionResult>>>,
    ) {
        let Generation {
            images,
            text,
            usage,
            grounding,
            turn,
            ..
        } = generation;
        let settings = job.settings.as_ref();
        // Each image carries what made it (prompt, settings, the references' keys) in its file, so a
        // download, the history and an export keep it.
        let made = Made::new(
            &job.prompt,
            settings,
            job.references.0.iter().map(|r| r.key.clone()).collect(),
        );
        let images: Vec<GeneratedImage> = images
            .into_iter()
            .enumerate()
            .map(|(j, mut image)| {
                // A region edit's composite, or an expansion, says so in its file.
                let made = match regions.get(j) {
                    Some(Some(r)) if r.misfit.is_none() => Made {
                        edit: r.kind.into(),
                        ..made.clone()
                    },
                    _ => made.clone(),
                };
                if let Some(bytes) = made::embed(&image.bytes, &made) {
                    image.bytes = bytes.into();
                }
                image
            })
            .collect();
        self.notices.events.with_value(|e| {
            e.result(StudioResult {
                prompt: job.prompt.clone(),
                model: settings.model.clone(),
                images: images.clone(),
                text: text.clone(),
                usage: usage.clone(),
            })
        });
        // The whole conversation up to this answer, for "continue editing".
        let prompt = job.prompt.as_str();
        let conversation = turn.map(|t| {
            let mut c = job.conversation.as_ref().clone();
            c.push(t);
            Arc::new(c)
        });
        let answer_images = images.len() as u32;
        let mut added = Vec::new();
        for (j, image) in images.into_iter().enumerate() {
            let shown = bytes_to_blob(&image.bytes, image.kind.mime())
                .and_then(|blob| BlobUrl::from_blob(&blob).map(|url| (blob, url)));
            let Ok((blob, url)) = shown else {
                self.notices.fail_with("browser", text!(alert.no_display));
                continue;
            };
            let item = ResultItem {
                id: next_id(),
                entry_id: None,
                prompt: prompt.to_string(),
                settings: settings.clone(),
                conversation: conversation.clone(),
                saved_thread: false,
                file_name: download_name(prompt, stamp, request * 10 + j, image.kind),
                kind: image.kind,
                dims: crate::protocol::image::dimensions(&image.bytes),
                full: Some(FullImage {
                    image,
                    url: Arc::new(url),
                }),
                thumb: None,
                caption: text.clone(),
                usage: usage.clone(),
                answer_images,
                grounding: grounding.clone(),
                model: settings.model.clone(),
                seconds,
                compared: job.compared.clone(),
                region: regions.get(j).cloned().flatten(),
                saved_region: None,
                created_ms: js_sys::Date::now(),
                references: !job.references.0.is_empty(),
                favourite: false,
                collections: Vec::new(),
            };
            self.session_spent.update(|s| s.push(item.spent()));
            self.history.save(&item, blob, job.references.clone());
            added.push(item);
        }
        // While editing, the thread moves on to the newest answer.
        if let (true, Some(c)) = (
            self.composer.editing.with_untracked(Option::is_some),
            &conversation,
        ) {
            self.composer.editing.set(Some(c.clone()));
        }
        self.history.results.update(|r| {
            for item in added.into_iter().rev() {
                r.insert(0, item);
            }
        });
    }

    /// Shows an interim thought image while the final one is made.
    pub(super) fn show_draft(self, draft: &crate::protocol::GeneratedImage) {
        if let Ok(url) = BlobUrl::new(&draft.bytes, draft.kind.mime()) {
            self.running.update(|r| {
                if let Some(r) = r {
                    r.preview = Some(Arc::new(url));
                }
            });
        }
    }
}
