//! Settings: read them, and save a whole new set (checked by the engine).

use hitprep::store::Settings;
use tauri::State;

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> CommandResult<Settings> {
    Ok(state.lock().store()?.settings()?)
}

/// Save and return what was stored. Takes effect at once: every command
/// reads the settings afresh. The settings arrive as plain JSON so that a
/// value that does not parse (steps such as "banana") is reported as
/// `invalid_input` with the reason, like any other refused value.
#[tauri::command]
pub fn save_settings(
    state: State<'_, AppState>,
    settings: serde_json::Value,
) -> CommandResult<Settings> {
    let settings: Settings = serde_json::from_value(settings).map_err(|e| {
        CommandError::new(
            "invalid_input",
            format!("these settings cannot be saved: {e}"),
        )
    })?;
    let mut inner = state.lock();
    let store = inner.store()?;
    store.save_settings(&settings)?;
    Ok(store.settings()?)
}
