//! Storage: one SQLite file per student holding banks, cards and every answer.
//!
//! The file is opened with WAL, foreign keys and STRICT tables, and migrated
//! with `rusqlite_migration`. Before anything is written, [`Store::open`]
//! checks that the file is ours (SQLite header and `application_id`) and not
//! from a newer schema; otherwise it refuses and leaves the file untouched.
//! Every answer is written in one transaction ([`Store::transact`]), so an
//! answer the UI showed as saved survives a crash or a kill.
//!
//! SQL lives in `sql/` beside this module.

mod backup;
mod banks;
mod browse;
mod cards;
mod queue;
mod settings;

pub use banks::{BankInfo, BundledImport, ImportSummary};
pub use browse::{HistoryEntry, QuestionSummary, Search};
pub use cards::{Answer, Recorded, ReviewKind, StoredQuestion};
pub use queue::Pool;
pub use settings::Settings;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OpenFlags, Transaction};
use rusqlite_migration::{M, Migrations};

use crate::error::{Error, Result};

/// "HITP" in the SQLite header's application_id field.
pub const APPLICATION_ID: i64 = 0x4849_5450;

static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(include_str!("sql/001_init.sql")),
        M::up(include_str!("sql/002_bank_removal.sql")),
    ])
});

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    2
}

/// An open progress database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// The default database file in the OS data directory.
pub fn default_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("org", "HIT Prep", "hitprep").ok_or_else(|| {
        Error::InvalidInput(
            "no home directory to keep progress in; pass --db FILE or set HITPREP_DB".into(),
        )
    })?;
    Ok(dirs.data_dir().join("progress.sqlite3"))
}

impl Store {
    /// Open (or create) the database at `path`, refusing files that are not ours.
    pub fn open(path: &Path) -> Result<Store> {
        let db_err = |source| Error::database(path.to_path_buf(), source);
        let existed = Self::check_header(path)?;
        if !existed && let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| Error::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(db_err)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.check_identity()?;
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// A private in-memory database, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        let path = PathBuf::from(":memory:");
        let conn =
            Connection::open_in_memory().map_err(|source| Error::database(path.clone(), source))?;
        let mut store = Store { conn, path };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file exists with content; refuses non-SQLite files.
    fn check_header(path: &Path) -> Result<bool> {
        let mut file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(source) => {
                return Err(Error::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        if path.is_dir() {
            return Err(Error::ForeignDatabase {
                path: path.to_path_buf(),
                detail: "it is a folder".into(),
            });
        }
        let mut header = [0u8; 16];
        let mut read = 0;
        while read < header.len() {
            match file.read(&mut header[read..]) {
                Ok(0) => break,
                Ok(n) => read += n,
                Err(source) => {
                    return Err(Error::Io {
                        path: path.to_path_buf(),
                        source,
                    });
                }
            }
        }
        if read == 0 {
            return Ok(false);
        }
        if &header[..read] != b"SQLite format 3\0".get(..read).unwrap_or_default() || read < 16 {
            return Err(Error::ForeignDatabase {
                path: path.to_path_buf(),
                detail: "it is not an SQLite file".into(),
            });
        }
        Ok(true)
    }

    /// Refuse a database that belongs to another program or a newer HIT Prep.
    fn check_identity(&mut self) -> Result<()> {
        let path = self.path.clone();
        let foreign = |detail: String| Error::ForeignDatabase {
            path: path.clone(),
            detail,
        };
        let read = |conn: &Connection, sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
        let app_id = read(&self.conn, "PRAGMA application_id")
            .map_err(|e| foreign(format!("SQLite cannot read it: {e}")))?;
        let version = read(&self.conn, "PRAGMA user_version")
            .map_err(|e| foreign(format!("SQLite cannot read it: {e}")))?;
        let tables = match read(&self.conn, "SELECT count(*) FROM sqlite_schema") {
            Ok(n) => n,
            Err(e) if app_id == APPLICATION_ID => {
                return Err(Error::DamagedDatabase {
                    path,
                    detail: e.to_string(),
                });
            }
            Err(e) => return Err(foreign(format!("it is damaged or not a database: {e}"))),
        };
        if app_id == APPLICATION_ID {
            if version > schema_version() {
                return Err(Error::NewerDatabase {
                    path,
                    found: version,
                    known: schema_version(),
                });
            }
            return Ok(());
        }
        if app_id == 0 && tables == 0 {
            return Ok(()); // an empty SQLite file: ours to set up
        }
        Err(foreign(if app_id == 0 {
            format!("it is an SQLite database of another program ({tables} schema objects)")
        } else {
            format!("it belongs to another program (application_id {app_id:#x})")
        }))
    }

    fn configure(&mut self) -> Result<()> {
        let path = self.path.clone();
        let db_err = |source| Error::database(path.clone(), source);
        // WAL + synchronous=NORMAL: a committed answer survives an application
        // crash or kill; a power cut may lose the last few, never corrupt.
        self.conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(db_err)?;
        self.conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(db_err)?;
        self.conn
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(db_err)?;
        self.conn
            .busy_timeout(std::time::Duration::from_secs(5))
            .map_err(db_err)?;
        // The bundled SQLite has no math functions; statistics need pow().
        let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
        self.conn
            .create_scalar_function("pow", 2, flags, |ctx| {
                Ok(ctx.get::<f64>(0)?.powf(ctx.get::<f64>(1)?))
            })
            .map_err(db_err)?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let path = self.path.clone();
        MIGRATIONS
            .to_latest(&mut self.conn)
            .map_err(|source| Error::Migration {
                path: path.clone(),
                source,
            })?;
        self.conn
            .pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(|source| Error::database(path, source))?;
        Ok(())
    }

    /// Run `f` in one transaction: committed if it returns `Ok`, rolled back otherwise.
    pub fn transact<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction()
            .map_err(|source| Error::database(path.clone(), source))?;
        let value = f(&tx).map_err(|e| match e {
            // Errors from inside the transaction do not know the file; add it.
            Error::Database { path: p, source } if p.as_os_str().is_empty() => {
                Error::database(path.clone(), source)
            }
            other => other,
        })?;
        tx.commit()
            .map_err(|source| Error::database(path, source))?;
        Ok(value)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn db_err(&self) -> impl Fn(rusqlite::Error) -> Error + '_ {
        move |source| Error::database(self.path.clone(), source)
    }
}

/// Map a rusqlite error inside a transaction; [`Store::transact`] adds the path.
pub(crate) fn sql(source: rusqlite::Error) -> Error {
    Error::Database {
        path: PathBuf::new(),
        source,
    }
}

#[cfg(test)]
pub(crate) mod tests;
