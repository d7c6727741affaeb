//! Settings: read them, and save a whole new set (checked by the engine).

use hitprep::store::Settings;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> CommandResult<Settings> {
    Ok(state.lock().store()?.settings()?)
}

/// Save and return what was stored. Takes effect at once: every command
/// reads the settings afresh.
#[tauri::command]
pub fn save_settings(state: State<'_, AppState>, settings: Settings) -> CommandResult<Settings> {
    let mut inner = state.lock();
    let store = inner.store()?;
    store.save_settings(&settings)?;
    Ok(store.settings()?)
}
