//! The engine's error type: what went wrong, where, and what to do.
//!
//! Errors carry context (the file, the bank, the query) and say what the
//! user can do about them. They hold no UI markup; the desktop shell maps
//! each variant to a `{kind, message}` pair.

use std::path::PathBuf;

use crate::bank::Report;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The bank has errors; the report lists each at file:line:column.
    #[error("the bank at {path} has {count} problem(s):\n{report}", count = report.errors().count())]
    InvalidBank { path: PathBuf, report: Report },

    /// The file at `path` is not a HIT Prep database; it was left untouched.
    #[error(
        "{path} is not a HIT Prep database ({detail}); it was left untouched. Choose another file with --db"
    )]
    ForeignDatabase { path: PathBuf, detail: String },

    /// The database was written by a newer HIT Prep.
    #[error(
        "{path} was written by a newer HIT Prep (schema {found}, this version knows up to {known}); it was left untouched. Update HIT Prep to open it"
    )]
    NewerDatabase {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    #[error("database {path}: {source}")]
    Database {
        path: PathBuf,
        source: rusqlite::Error,
    },

    /// Nothing was written; what was saved before is intact.
    #[error(
        "the disk holding {path} is full: this change was not saved, and everything saved before it is intact. Free some disk space and try again"
    )]
    DiskFull { path: PathBuf },

    #[error(
        "{path} is damaged ({detail}). Restore your latest backup with `hitprep restore FILE` (list them with `hitprep backup --list`)"
    )]
    DamagedDatabase { path: PathBuf, detail: String },

    #[error(
        "{path} is busy: another HIT Prep window or command is writing to it. Close it and try again"
    )]
    DatabaseBusy { path: PathBuf },

    #[error("could not migrate database {path}: {source}")]
    Migration {
        path: PathBuf,
        source: rusqlite_migration::Error,
    },

    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("no bank `{0}` is loaded; load it with `hitprep import FOLDER` (see `hitprep banks`)")]
    UnknownBank(String),

    #[error("no question `{0}` in this database")]
    UnknownQuestion(String),

    #[error("{0}")]
    InvalidInput(String),

    #[error("scheduler: {0}")]
    Scheduler(String),
}

impl Error {
    /// An SQLite failure, classified into what the student can act on.
    pub fn database(path: impl Into<PathBuf>, source: rusqlite::Error) -> Error {
        use rusqlite::ErrorCode;
        let path = path.into();
        match source.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => Error::DiskFull { path },
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => Error::DamagedDatabase {
                path,
                detail: source.to_string(),
            },
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                Error::DatabaseBusy { path }
            }
            _ => Error::Database { path, source },
        }
    }

    /// A short stable name for the kind of error, for the desktop shell and `--json`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::InvalidBank { .. } => "invalid_bank",
            Error::ForeignDatabase { .. } => "foreign_database",
            Error::NewerDatabase { .. } => "newer_database",
            Error::Database { .. } | Error::Migration { .. } => "database",
            Error::DiskFull { .. } => "disk_full",
            Error::DamagedDatabase { .. } => "damaged_database",
            Error::DatabaseBusy { .. } => "database_busy",
            Error::Io { .. } => "io",
            Error::UnknownBank(_) => "unknown_bank",
            Error::UnknownQuestion(_) => "unknown_question",
            Error::InvalidInput(_) => "invalid_input",
            Error::Scheduler(_) => "scheduler",
        }
    }
}
