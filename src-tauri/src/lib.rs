//! HIT Prep desktop shell: a Tauri v2 window over the `hitprep` engine.
//!
//! The shell owns nothing but wiring. [`state`] opens the progress database
//! and imports the shipped banks; [`commands`] are thin calls into the
//! engine; [`error`] is the `{kind, message}` shape every failure takes on
//! its way to the window. TypeScript types for all of it are generated with
//! ts-rs into `ui/src/bindings/` (see [`bindings`]).

pub mod bindings;
pub mod commands;
pub mod error;
pub mod state;

use std::path::PathBuf;

use hitprep::clock::{Clock, parse_instant};
use tauri::{Manager, Runtime};

use crate::state::AppState;

/// The commands the window may call, as listed in `commands.txt` (which
/// the build script turns into permissions).
pub fn command_names() -> Vec<&'static str> {
    include_str!("../commands.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// The builder with every command registered, for the app and for tests.
pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(app_commands!())
}

/// The value after `flag` on the command line (`--db FILE`, `--banks DIR`).
/// Other arguments (a WebDriver adds its own) are ignored.
fn arg_value(flag: &str) -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == flag {
            return args.next().map(PathBuf::from);
        }
    }
    None
}

/// Where progress is kept: `--db`, `HITPREP_DB`, else the OS data directory.
fn database_path() -> Result<PathBuf, hitprep::Error> {
    if let Some(db) = arg_value("--db") {
        return Ok(db);
    }
    match std::env::var_os("HITPREP_DB") {
        Some(p) if !p.is_empty() => Ok(PathBuf::from(p)),
        _ => hitprep::store::default_path(),
    }
}

/// `HITPREP_NOW` pins the clock (for scripted runs), as in the CLI.
fn clock() -> Clock {
    match std::env::var("HITPREP_NOW") {
        Ok(text) => match parse_instant(&text) {
            Ok(at) => Clock::fixed(at),
            Err(e) => {
                eprintln!("hitprep: ignoring HITPREP_NOW: {e}");
                Clock::system()
            }
        },
        Err(_) => Clock::system(),
    }
}

pub fn run() {
    let app = with_commands(tauri::Builder::default())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let banks = arg_value("--banks")
                .or_else(|| std::env::var_os("HITPREP_BANKS").map(PathBuf::from))
                .or_else(|| {
                    app.path()
                        .resource_dir()
                        .ok()
                        .map(|d| d.join("question-banks"))
                });
            let state = match database_path() {
                Ok(db) => AppState::open(&db, banks.as_deref(), clock()),
                Err(e) => AppState::failed(e.into(), clock()),
            };
            app.manage(state);
            Ok(())
        })
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|_, _| {}),
        Err(e) => {
            eprintln!("HIT Prep could not start: {e}");
            std::process::exit(1);
        }
    }
}
