//! Banks: list, load a custom one (with the validator's findings), remove.

use std::path::{Path, PathBuf};

use hitprep::bank::{self, Diagnostic};
use hitprep::store::{BankInfo, ImportSummary};
use serde::Serialize;
use tauri::State;

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

/// The result of loading a bank folder.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum LoadOutcome {
    /// Loaded or updated; warnings are quality problems that did not stop it.
    Loaded {
        summary: ImportSummary,
        warnings: Vec<Diagnostic>,
    },
    /// Not loaded: nothing changed. Every problem, with file:line:column.
    Invalid {
        folder: String,
        errors: Vec<Diagnostic>,
        warnings: Vec<Diagnostic>,
    },
}

#[tauri::command]
pub fn list_banks(state: State<'_, AppState>) -> CommandResult<Vec<BankInfo>> {
    Ok(state.lock().store()?.banks()?)
}

/// Load the bank in `path`: a bank folder, or its bank.toml.
#[tauri::command]
pub fn load_bank(state: State<'_, AppState>, path: String) -> CommandResult<LoadOutcome> {
    let folder = bank_folder(Path::new(&path))?;
    let checked = bank::check(&folder);
    let warnings: Vec<Diagnostic> = checked.report.warnings().cloned().collect();
    if !checked.is_valid() {
        return Ok(LoadOutcome::Invalid {
            folder: folder.display().to_string(),
            errors: checked.report.errors().cloned().collect(),
            warnings,
        });
    }
    let mut inner = state.lock();
    let summary = inner.store()?.import_bank(&checked.bank, &state.clock)?;
    Ok(LoadOutcome::Loaded { summary, warnings })
}

/// Remove a bank, keeping its history (hidden until loaded again) or not.
#[tauri::command]
pub fn remove_bank(
    state: State<'_, AppState>,
    bank: String,
    keep_history: bool,
) -> CommandResult<()> {
    let mut inner = state.lock();
    if inner.session.as_ref().is_some_and(|s| s.bank() == bank) {
        inner.session = None;
    }
    let now = state.clock.now();
    Ok(inner.store()?.remove_bank(&bank, keep_history, now)?)
}

fn bank_folder(path: &Path) -> CommandResult<PathBuf> {
    let folder = if path.is_file() {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    } else {
        path.to_path_buf()
    };
    if !folder.join("bank.toml").is_file() {
        return Err(CommandError::new(
            "invalid_bank",
            format!(
                "{} is not a bank folder: it has no bank.toml. Choose the folder that holds bank.toml.",
                folder.display()
            ),
        ));
    }
    Ok(folder)
}
