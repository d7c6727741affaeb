//! The first screen: what happened at start-up, and one card per bank.

use hitprep::stats::{self, BankReport};
use serde::Serialize;
use tauri::State;

use crate::error::CommandResult;
use crate::state::{AppState, Startup};

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Home {
    pub banks: Vec<BankReport>,
    /// Whole days until the exam date in Settings, if one is set.
    pub days_to_exam: Option<i64>,
}

#[tauri::command]
pub fn startup(state: State<'_, AppState>) -> Startup {
    state.lock().startup.clone()
}

#[tauri::command]
pub fn home(state: State<'_, AppState>) -> CommandResult<Home> {
    let mut inner = state.lock();
    let store = inner.store()?;
    let report = stats::report(store, None, state.clock)?;
    let days_to_exam = stats::days_to_exam(store, state.clock)?;
    Ok(Home {
        banks: report.banks,
        days_to_exam,
    })
}
