//! Task API answers: every state a task goes through, and the relay's error shapes.

use banana_studio::protocol::task::{parse_status, parse_submit, TaskStatus};
use banana_studio::protocol::{ApiKey, Error};
use serde_json::json;

fn status(v: serde_json::Value) -> Result<banana_studio::protocol::task::TaskState, Error> {
    parse_status(v.to_string().as_bytes(), &ApiKey::new("sk-task-key"))
}

#[test]
fn waiting_states_and_progress() {
    for (wire, want) in [
        ("submitted", TaskStatus::Submitted),
        ("pending", TaskStatus::Pending),
        ("processing", TaskStatus::Processing),
    ] {
        let s =
            status(json!({ "code": 200, "data": { "id": "t1", "status": wire, "progress": 42 } }))
                .unwrap();
        assert_eq!(s.status, want);
        assert_eq!(s.progress, 42);
        assert_eq!(s.id, "t1");
    }
    let s = status(
        json!({ "code": 200, "data": { "id": "t1", "status": "processing", "progress": 250 } }),
    )
    .unwrap();
    assert_eq!(s.progress, 100, "progress is clamped");
}

#[test]
fn completed_with_url_string_or_list() {
    let s = status(json!({ "code": 200, "data": { "id": "t", "status": "completed", "progress": 100,
        "result": { "images": [ { "url": "https://cdn.example/0.png", "expires_at": 5 }, { "url": ["https://cdn.example/1.png", "https://cdn.example/2.png"] } ] } } }))
    .unwrap();
    let TaskStatus::Completed(images) = s.status else {
        panic!()
    };
    let urls: Vec<&str> = images.iter().map(|i| i.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://cdn.example/0.png",
            "https://cdn.example/1.png",
            "https://cdn.example/2.png"
        ]
    );
    assert_eq!(images[0].expires_at, Some(5));
    assert_eq!(images[1].expires_at, None);
}

#[test]
fn completed_without_images_is_an_error() {
    let e = status(json!({ "code": 200, "data": { "id": "t", "status": "completed", "result": { "images": [] } } })).unwrap_err();
    assert_eq!(e.kind(), "no-image");
}

#[test]
fn failed_and_cancelled() {
    let s = status(json!({ "code": 200, "data": { "id": "t", "status": "failed", "error": { "message": "upstream timeout for sk-task-key" } } })).unwrap();
    assert_eq!(
        s.status,
        TaskStatus::Failed("upstream timeout for [redacted]".into())
    );
    let s = status(json!({ "code": 200, "data": { "id": "t", "status": "cancelled" } })).unwrap();
    assert_eq!(s.status, TaskStatus::Cancelled);
    let e =
        status(json!({ "code": 200, "data": { "id": "t", "status": "exploded" } })).unwrap_err();
    assert!(e.message().contains("exploded"));
}

#[test]
fn relay_error_shapes() {
    let e = status(json!({ "code": 401, "msg": "invalid token" })).unwrap_err();
    assert_eq!(e.kind(), "invalid-key");
    assert!(e.message().contains("invalid token"));
    let e = parse_submit(
        json!({ "error": { "message": "model not found", "type": "invalid_request" } })
            .to_string()
            .as_bytes(),
        &ApiKey::new("k"),
    )
    .unwrap_err();
    assert!(e.message().contains("model not found"));
    let e = parse_submit(br#"{"code":200,"data":[]}"#, &ApiKey::new("k")).unwrap_err();
    assert_eq!(e.kind(), "malformed");
    let e = parse_submit(br#"{"code":200,"data":[{"status":"sub"#, &ApiKey::new("k")).unwrap_err();
    assert_eq!(e.kind(), "truncated");
}

#[test]
fn submit_with_several_tasks_or_an_object() {
    let ids = parse_submit(br#"{"code":200,"data":[{"status":"submitted","task_id":"a"},{"status":"submitted","task_id":"b"}]}"#, &ApiKey::new("k")).unwrap();
    assert_eq!(ids, ["a", "b"]);
    let ids = parse_submit(
        br#"{"code":200,"data":{"status":"submitted","task_id":"c"}}"#,
        &ApiKey::new("k"),
    )
    .unwrap();
    assert_eq!(ids, ["c"]);
}
