//! Parses task API answers: the submit receipt and the task status.

use crate::protocol::error::{excerpt, Error, HttpError, Result};
use crate::protocol::http_error::from_embedded;
use crate::protocol::native::parse::json_error;
use crate::protocol::provider::ApiKey;
use crate::protocol::response::RemoteImage;
use serde::de::Deserializer;
use serde::Deserialize;
use serde_json::Value;

/// Where a task stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskStatus {
    Submitted,
    Pending,
    Processing,
    /// Done; the images still have to be downloaded before `expires_at`.
    Completed(Vec<RemoteImage>),
    Failed(String),
    Cancelled,
}

/// One poll's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskState {
    pub id: String,
    pub status: TaskStatus,
    /// 0 to 100.
    pub progress: u8,
    /// The provider's estimate in seconds, when given.
    pub estimated_time: Option<u64>,
}

/// Reads the task ids from a submit answer (`{"code":200,"data":[{"status","task_id"}]}`).
pub fn parse_submit(body: &[u8], key: &ApiKey) -> Result<Vec<String>> {
    submit_inner(body, key).map_err(|e| e.redacted(key))
}

fn submit_inner(body: &[u8], key: &ApiKey) -> Result<Vec<String>> {
    let value: Value = serde_json::from_slice(body).map_err(|e| json_error(&e, body, key))?;
    check_code(&value, key)?;
    let items: Vec<&Value> = match value.get("data") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(obj @ Value::Object(_)) => vec![obj],
        _ => Vec::new(),
    };
    let ids: Vec<String> = items
        .into_iter()
        .filter_map(|d| {
            d.get("task_id")
                .or_else(|| d.get("id"))
                .and_then(Value::as_str)
        })
        .filter(|id| !id.is_empty())
        .map(str::to_string)
        .collect();
    if ids.is_empty() {
        return Err(Error::Malformed {
            detail: "the submit answer carried no task id".to_string(),
        });
    }
    Ok(ids)
}

/// Reads a poll answer (`GET /v1/tasks/{id}`).
pub fn parse_status(body: &[u8], key: &ApiKey) -> Result<TaskState> {
    status_inner(body, key).map_err(|e| e.redacted(key))
}

fn status_inner(body: &[u8], key: &ApiKey) -> Result<TaskState> {
    let value: Value = serde_json::from_slice(body).map_err(|e| json_error(&e, body, key))?;
    check_code(&value, key)?;
    let data = value.get("data").unwrap_or(&value);
    let wire = WireTask::deserialize(data).map_err(|e| Error::Malformed {
        detail: key.redact(&format!(
            "unexpected task answer: {}",
            excerpt(&e.to_string(), 120)
        )),
    })?;
    let progress = wire.progress.unwrap_or(0.0).clamp(0.0, 100.0) as u8;
    let status = match wire
        .status
        .as_deref()
        .unwrap_or("")
        .to_ascii_lowercase()
        .as_str()
    {
        "submitted" | "queued" => TaskStatus::Submitted,
        "pending" => TaskStatus::Pending,
        "processing" | "running" | "in_progress" => TaskStatus::Processing,
        "completed" | "succeeded" | "success" => {
            let images: Vec<RemoteImage> = wire
                .result
                .map(|r| r.images)
                .unwrap_or_default()
                .into_iter()
                .flat_map(|img| {
                    let expires_at = img.expires_at;
                    img.url
                        .into_iter()
                        .map(move |url| RemoteImage { url, expires_at })
                })
                .collect();
            if images.is_empty() {
                return Err(Error::NoImage {
                    finish_reason: None,
                    text: Some("The task completed without any image.".to_string()),
                });
            }
            TaskStatus::Completed(images)
        }
        "failed" | "error" => TaskStatus::Failed(
            key.redact(&excerpt(
                wire.error
                    .as_ref()
                    .and_then(|e| e.message.as_deref())
                    .unwrap_or("no reason given"),
                240,
            )),
        ),
        "cancelled" | "canceled" => TaskStatus::Cancelled,
        other => {
            return Err(Error::Malformed {
                detail: format!(
                    "unknown task status \"{}\"",
                    excerpt(&key.redact(other), 40)
                ),
            })
        }
    };
    let progress = if matches!(status, TaskStatus::Completed(_)) {
        100
    } else {
        progress
    };
    Ok(TaskState {
        id: wire.id.unwrap_or_default(),
        status,
        progress,
        estimated_time: wire.estimated_time.map(|t| t.max(0.0) as u64),
    })
}

/// A body with `"code"` other than 200, or an `"error"` and no data, is an error answer.
fn check_code(value: &Value, key: &ApiKey) -> Result<()> {
    let code = value.get("code").and_then(Value::as_u64);
    let failed = matches!(code, Some(c) if c != 200 && c != 0)
        || (value.get("data").is_none() && value.get("error").is_some());
    if !failed {
        return Ok(());
    }
    Err(from_embedded(value, key).unwrap_or_else(|| {
        Error::Http(HttpError {
            status: code.and_then(|c| u16::try_from(c).ok()).unwrap_or(200),
            code: None,
            reason: None,
            detail: String::new(),
            retry_after: None,
        })
    }))
}

#[derive(Deserialize)]
struct WireTask {
    #[serde(default, deserialize_with = "string_or_number")]
    id: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    progress: Option<f64>,
    #[serde(default)]
    result: Option<WireResult>,
    #[serde(default)]
    error: Option<WireError>,
    #[serde(default)]
    estimated_time: Option<f64>,
}

#[derive(Deserialize)]
struct WireResult {
    #[serde(default)]
    images: Vec<WireImage>,
}

#[derive(Deserialize)]
struct WireImage {
    #[serde(default, deserialize_with = "one_or_many")]
    url: Vec<String>,
    #[serde(default)]
    expires_at: Option<i64>,
}

#[derive(Deserialize)]
struct WireError {
    #[serde(default)]
    message: Option<String>,
}

/// `"url"` is a string in some answers and a list in others.
fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
        Nothing(()),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
        OneOrMany::Nothing(()) => Vec::new(),
    }
    .into_iter()
    .filter(|u| !u.trim().is_empty())
    .collect())
}

fn string_or_number<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}
