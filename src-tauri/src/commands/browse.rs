//! Browse: search a bank's questions and open one with its history.

use hitprep::store::{QuestionSummary, Search};
use hitprep::study::{self, QuestionDetail};
use serde::Serialize;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// What the filters can choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Outline {
    /// (id, name) of each domain, in bank order.
    pub domains: Vec<(String, String)>,
    pub topics: Vec<String>,
}

#[tauri::command]
pub fn browse(state: State<'_, AppState>, search: Search) -> CommandResult<Vec<QuestionSummary>> {
    Ok(state.lock().store()?.search(&search)?)
}

#[tauri::command]
pub fn bank_outline(state: State<'_, AppState>, bank: String) -> CommandResult<Outline> {
    let mut inner = state.lock();
    let store = inner.store()?;
    let domains = store
        .bank_blueprint(&bank)?
        .domains
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    Ok(Outline {
        domains,
        topics: store.topics(&bank)?,
    })
}

#[tauri::command]
pub fn question_detail(state: State<'_, AppState>, row: i64) -> CommandResult<QuestionDetail> {
    Ok(study::detail(state.lock().store()?, row)?)
}
