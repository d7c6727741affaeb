//! What the shell keeps between commands: the open progress database (or
//! why it could not be opened), the clock, the study session on screen, and
//! what happened to the shipped banks at start-up.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use hitprep::clock::Clock;
use hitprep::store::{BundledImport, Store};
use hitprep::study::Session;
use serde::Serialize;

use crate::error::{CommandError, CommandResult};

/// Managed by Tauri; every command locks it for the length of one call.
#[derive(Debug)]
pub struct AppState {
    inner: Mutex<Inner>,
    pub clock: Clock,
}

#[derive(Debug)]
pub struct Inner {
    store: Result<Store, CommandError>,
    pub session: Option<Session>,
    pub startup: Startup,
}

/// What the window shows first: where progress lives, what happened to
/// the shipped banks, and, if the database could not be opened, why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Startup {
    pub database: String,
    pub bundled: Vec<BundledImport>,
    pub problem: Option<CommandError>,
}

impl AppState {
    /// Open the database at `db` and import the shipped banks found in
    /// `banks` (each sub-folder with a bank.toml) that changed since last time.
    pub fn open(db: &Path, banks: Option<&Path>, clock: Clock) -> AppState {
        let mut startup = Startup {
            database: db.display().to_string(),
            ..Startup::default()
        };
        let store = Store::open(db).map_err(CommandError::from);
        let store = match store {
            Ok(mut store) => {
                if let Err(e) = store.backup_if_due(&clock) {
                    eprintln!("hitprep: daily backup skipped: {e}");
                }
                if let Some(banks) = banks {
                    startup.bundled = import_bundled(&mut store, banks, &clock);
                }
                Ok(store)
            }
            Err(e) => {
                startup.problem = Some(e.clone());
                Err(e)
            }
        };
        AppState {
            inner: Mutex::new(Inner {
                store,
                session: None,
                startup,
            }),
            clock,
        }
    }

    /// A state with no database, for when not even its path is known.
    pub fn failed(problem: CommandError, clock: Clock) -> AppState {
        AppState {
            inner: Mutex::new(Inner {
                store: Err(problem.clone()),
                session: None,
                startup: Startup {
                    problem: Some(problem),
                    ..Startup::default()
                },
            }),
            clock,
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic in another command must not lock the student out.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Inner {
    pub fn store(&mut self) -> CommandResult<&mut Store> {
        self.store.as_mut().map_err(|e| e.clone())
    }

    /// The store and the session together, for study commands.
    pub fn study(&mut self) -> CommandResult<(&mut Store, &mut Session)> {
        let store = self.store.as_mut().map_err(|e| e.clone())?;
        let session = self.session.as_mut().ok_or_else(|| {
            CommandError::new(
                "no_session",
                "no study session is open; start one from Home",
            )
        })?;
        Ok((store, session))
    }
}

fn import_bundled(store: &mut Store, banks: &Path, clock: &Clock) -> Vec<BundledImport> {
    let mut folders: Vec<PathBuf> = match std::fs::read_dir(banks) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.join("bank.toml").is_file())
            .collect(),
        Err(_) => return Vec::new(),
    };
    folders.sort();
    folders
        .iter()
        .map(|folder| {
            store
                .import_if_changed(folder, clock)
                .unwrap_or_else(|e| BundledImport::Invalid {
                    folder: folder.display().to_string(),
                    problems: vec![e.to_string()],
                })
        })
        .collect()
}
