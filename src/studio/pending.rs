//! Generations in flight, remembered so that a reload does not lose them: a task is resumed by its id,
//! a native request that was cut off is offered again.

use super::Settings;
use serde::{Deserialize, Serialize};

/// One request that had not answered yet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingJob {
    pub id: String,
    pub prompt: String,
    pub settings: Settings,
    /// Unix milliseconds.
    pub started_ms: f64,
    /// The task API's id, once submitted: polling can resume from it.
    #[serde(default)]
    pub task_id: Option<String>,
    /// The browser tab that runs it (the list is shared by every tab of the studio).
    #[serde(default)]
    pub owner: String,
}

/// How often a tab says it is still open.
pub const HEARTBEAT_MS: f64 = 4_000.0;
/// A tab not heard from for this long is gone (closed or crashed).
pub const GONE_AFTER_MS: f64 = 3.0 * HEARTBEAT_MS;

/// The jobs this tab should show as interrupted on start: its own (a reload stopped them) and those of
/// tabs no longer open. `last_seen(owner)` is when that tab last said it was open.
pub fn orphans(
    jobs: &[PendingJob],
    me: &str,
    now_ms: f64,
    last_seen: impl Fn(&str) -> Option<f64>,
) -> Vec<PendingJob> {
    jobs.iter()
        .filter(|j| {
            j.owner == me
                || j.owner.is_empty()
                || last_seen(&j.owner).is_none_or(|t| now_ms - t > GONE_AFTER_MS)
        })
        .cloned()
        .collect()
}

/// Reads the stored list; anything unreadable is dropped.
pub fn from_json(json: &str) -> Vec<PendingJob> {
    serde_json::from_str::<Vec<serde_json::Value>>(json)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect()
}

/// For storage.
pub fn to_json(jobs: &[PendingJob]) -> String {
    serde_json::to_string(jobs).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage() {
        let job = PendingJob {
            id: "p1".into(),
            prompt: "a cat".into(),
            settings: Settings::default(),
            started_ms: 5.0,
            task_id: Some("task_1".into()),
            owner: "tab-a".into(),
        };
        let json = to_json(std::slice::from_ref(&job));
        assert_eq!(from_json(&json), vec![job.clone()]);
        assert!(from_json("garbage").is_empty());
        let mixed = format!("[{{\"id\": 1}}, {}]", &json[1..json.len() - 1]);
        assert_eq!(from_json(&mixed), vec![job]);
        assert!(!json.contains("key\":"), "never a key");
    }

    #[test]
    fn another_open_tab_keeps_its_jobs() {
        let job = |id: &str, owner: &str| PendingJob {
            id: id.into(),
            prompt: String::new(),
            settings: Settings::default(),
            started_ms: 0.0,
            task_id: None,
            owner: owner.into(),
        };
        let jobs = [
            job("1", "me"),
            job("2", "open"),
            job("3", "closed"),
            job("4", ""),
        ];
        let seen = |tab: &str| match tab {
            "open" => Some(99_000.0),
            "closed" => Some(100_000.0 - GONE_AFTER_MS - 1.0),
            _ => None,
        };
        let ids: Vec<String> = orphans(&jobs, "me", 100_000.0, seen)
            .into_iter()
            .map(|j| j.id)
            .collect();
        assert_eq!(ids, ["1", "3", "4"], "not the open tab's");
    }
}
