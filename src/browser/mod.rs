//! Browser glue: thin wrappers over web-sys, one capability per module. Everything here turns JS values
//! into the protocol core's plain types and back; the decisions live in `protocol` and `studio`.

pub mod anchor;
pub mod asset;
pub mod blob_url;
pub mod canvas;
pub mod chunks;
pub mod client;
pub mod clipboard;
pub mod clock;
pub mod cors;
pub mod fetch;
pub mod file;
pub mod hash;
pub mod history_db;
pub mod page;
pub mod pwa;
pub mod region;
pub mod resize;
pub mod storage;
pub mod storage_quota;
pub mod stream;
pub mod tabs;
pub mod visible;
pub mod wait;
pub mod width;

pub use blob_url::BlobUrl;
