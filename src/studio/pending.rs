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
        };
        let json = to_json(std::slice::from_ref(&job));
        assert_eq!(from_json(&json), vec![job.clone()]);
        assert!(from_json("garbage").is_empty());
        let mixed = format!("[{{\"id\": 1}}, {}]", &json[1..json.len() - 1]);
        assert_eq!(from_json(&mixed), vec![job]);
        assert!(!json.contains("key\":"), "never a key");
    }
}
