//! Backups: rotating copies of the progress file, made with SQLite's online
//! backup API (consistent even while the app is writing), and restore.
//!
//! Backups live in `backups/` beside the database, named by UTC time, e.g.
//! `backups/progress-20261123T090000Z.sqlite3`. One is made per day when the
//! app or CLI starts ([`Store::backup_if_due`]); the newest [`KEEP`] are kept.
//! Restoring first backs up the current state, so a restore can be undone.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use super::Store;
use crate::clock::Clock;
use crate::error::{Error, Result};

/// How many automatic backups are kept.
pub const KEEP: usize = 7;

impl Store {
    /// The folder backups of this database go to (`None` for in-memory stores).
    pub fn backup_dir(&self) -> Option<PathBuf> {
        if self.path.as_os_str() == ":memory:" {
            return None;
        }
        Some(self.path.parent().unwrap_or(Path::new(".")).join("backups"))
    }

    fn stem(&self) -> String {
        self.path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "progress".into())
    }

    /// Existing backups of this database, newest first.
    pub fn backups(&self) -> Result<Vec<PathBuf>> {
        let Some(dir) = self.backup_dir() else {
            return Ok(Vec::new());
        };
        let prefix = format!("{}-", self.stem());
        let mut found: Vec<PathBuf> = match std::fs::read_dir(&dir) {
            Ok(entries) => entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".sqlite3"))
                })
                .collect(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(source) => return Err(Error::Io { path: dir, source }),
        };
        found.sort();
        found.reverse();
        Ok(found)
    }

    /// Write a consistent copy of the database now; returns its path.
    pub fn backup_now(&self, clock: &Clock) -> Result<PathBuf> {
        let dir = self
            .backup_dir()
            .ok_or_else(|| Error::InvalidInput("an in-memory database has no backups".into()))?;
        std::fs::create_dir_all(&dir).map_err(|source| Error::Io {
            path: dir.clone(),
            source,
        })?;
        let name = format!(
            "{}-{}.sqlite3",
            self.stem(),
            clock.now().format("%Y%m%dT%H%M%SZ")
        );
        let target = dir.join(name);
        let partial = target.with_extension("partial");
        let db_err = |source| Error::database(partial.clone(), source);
        {
            let mut dst = Connection::open(&partial).map_err(db_err)?;
            let backup = Backup::new(self.conn(), &mut dst).map_err(db_err)?;
            backup
                .run_to_completion(256, Duration::from_millis(5), None)
                .map_err(db_err)?;
        }
        // Only a complete copy gets a backup's name.
        std::fs::rename(&partial, &target).map_err(|source| Error::Io {
            path: target.clone(),
            source,
        })?;
        Ok(target)
    }

    /// Make the day's backup if there is none from today (UTC), and keep the newest [`KEEP`].
    pub fn backup_if_due(&self, clock: &Clock) -> Result<Option<PathBuf>> {
        if self.backup_dir().is_none() {
            return Ok(None);
        }
        let today = format!("{}-{}", self.stem(), clock.now().format("%Y%m%d"));
        let existing = self.backups()?;
        let made = if existing.iter().any(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&today))
        }) {
            None
        } else {
            Some(self.backup_now(clock)?)
        };
        for old in self.backups()?.into_iter().skip(KEEP) {
            let _ = std::fs::remove_file(old);
        }
        Ok(made)
    }

    /// Replace this database's contents with a backup, after backing up the
    /// current state. The backup must be a HIT Prep database this version can read.
    pub fn restore_from(&mut self, backup: &Path, clock: &Clock) -> Result<PathBuf> {
        // Check the file exactly as a database would be checked before opening.
        let checked = Store::open_read_only(backup)?;
        let safety = self.backup_now(clock)?;
        let path = self.path.clone();
        let db_err = |source| Error::database(path.clone(), source);
        {
            let backup = Backup::new(checked.conn(), &mut self.conn).map_err(db_err)?;
            backup
                .run_to_completion(256, Duration::from_millis(5), None)
                .map_err(db_err)?;
        }
        drop(checked);
        self.migrate()?;
        Ok(safety)
    }

    /// Open a database read-only after the same identity checks as [`Store::open`].
    fn open_read_only(path: &Path) -> Result<Store> {
        if !Store::check_header(path)? {
            return Err(Error::ForeignDatabase {
                path: path.to_path_buf(),
                detail: "it is empty or missing".into(),
            });
        }
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|source| Error::database(path.to_path_buf(), source))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.check_identity()?;
        let version: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|source| Error::database(path.to_path_buf(), source))?;
        if version == 0 {
            return Err(Error::ForeignDatabase {
                path: path.to_path_buf(),
                detail: "it holds no HIT Prep data".into(),
            });
        }
        Ok(store)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeDelta, TimeZone, Utc};

    use super::*;
    use crate::store::tests::{sample_bank, sample_question};

    #[test]
    fn daily_backups_rotate_and_restore_undoes_damage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.sqlite3");
        let mut store = Store::open(&path).unwrap();
        let t0 = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        store
            .import_bank(
                &sample_bank(vec![sample_question("a", "d1", 1)]),
                &Clock::fixed(t0),
            )
            .unwrap();
        let first = store
            .backup_if_due(&Clock::fixed(t0))
            .unwrap()
            .expect("first backup of the day");
        assert!(
            store
                .backup_if_due(&Clock::fixed(t0 + TimeDelta::hours(3)))
                .unwrap()
                .is_none(),
            "one a day"
        );
        for day in 1..=10 {
            store
                .backup_if_due(&Clock::fixed(t0 + TimeDelta::days(day)))
                .unwrap()
                .expect("a new day's backup");
        }
        let kept = store.backups().unwrap();
        assert_eq!(kept.len(), KEEP);
        assert!(!first.exists(), "the oldest backups are rotated out");

        // Lose the bank, then restore the latest backup.
        store.conn().execute("DELETE FROM banks", []).unwrap();
        assert!(store.banks().unwrap().is_empty());
        let safety = store
            .restore_from(&kept[0], &Clock::fixed(t0 + TimeDelta::days(11)))
            .unwrap();
        assert_eq!(store.banks().unwrap().len(), 1);
        assert!(safety.exists(), "the state before the restore was kept");
    }

    #[test]
    fn restore_refuses_a_foreign_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("p.sqlite3")).unwrap();
        let other = dir.path().join("other.sqlite3");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE x (y)")
            .unwrap();
        let err = store.restore_from(&other, &Clock::system()).unwrap_err();
        assert!(matches!(err, Error::ForeignDatabase { .. }), "{err}");
        assert!(
            store.backups().unwrap().is_empty(),
            "nothing was replaced, so nothing needed saving"
        );
    }
}
