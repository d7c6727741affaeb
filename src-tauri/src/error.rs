//! The one error type that crosses to the window: `{kind, message}`.
//!
//! `kind` is the engine's stable error kind (`invalid_bank`, `disk_full`,
//! `foreign_database`, ...) so the UI can choose what to offer; `message`
//! is the engine's sentence, written for the student.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CommandError {
    pub kind: String,
    pub message: String,
}

impl CommandError {
    pub fn new(kind: &str, message: impl Into<String>) -> Self {
        CommandError {
            kind: kind.to_string(),
            message: message.into(),
        }
    }
}

impl From<hitprep::Error> for CommandError {
    fn from(e: hitprep::Error) -> Self {
        CommandError::new(e.kind(), e.to_string())
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.kind)
    }
}

impl std::error::Error for CommandError {}

pub type CommandResult<T> = Result<T, CommandError>;
