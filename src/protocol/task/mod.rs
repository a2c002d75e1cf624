//! Dialect 2: the asynchronous task API (GCCAI and APIMart-compatible relays): submit, then poll.

pub mod build;
pub mod parse;

pub use build::{body, build, poll};
pub use parse::{parse_status, parse_submit, TaskState, TaskStatus};
