//! Studying: start a session, answer, rate, flag, note, end.

use hitprep::sched::Rating;
use hitprep::study::{Mode, Outcome, Progress, Session, Shown};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// Start (or restart) a session over `bank` and show its first question.
#[tauri::command]
pub fn study_start(
    state: State<'_, AppState>,
    bank: String,
    mode: Mode,
) -> CommandResult<Option<Shown>> {
    let mut inner = state.lock();
    let store = inner.store()?;
    let mut session = Session::new(store, &bank, mode)?;
    let shown = session.next(store, state.clock)?;
    inner.session = Some(session);
    Ok(shown)
}

/// The question on screen, or the next one; `None` when the session is done.
#[tauri::command]
pub fn study_next(state: State<'_, AppState>) -> CommandResult<Option<Shown>> {
    let mut inner = state.lock();
    let (store, session) = inner.study()?;
    Ok(session.next(store, state.clock)?)
}

/// Answer the question on screen with the display positions chosen.
#[tauri::command]
pub fn study_answer(state: State<'_, AppState>, positions: Vec<usize>) -> CommandResult<Outcome> {
    let mut inner = state.lock();
    let (store, session) = inner.study()?;
    Ok(session.answer(store, state.clock, &positions)?)
}

/// Rate the last right answer Hard, Good or Easy; returns when it comes back.
#[tauri::command]
pub fn study_rate(state: State<'_, AppState>, rating: Rating) -> CommandResult<String> {
    let mut inner = state.lock();
    let (store, session) = inner.study()?;
    Ok(session.rate(store, state.clock, rating)?)
}

/// End the session. Every answer is already saved; this returns the tally.
#[tauri::command]
pub fn study_end(state: State<'_, AppState>) -> CommandResult<Option<Progress>> {
    let mut inner = state.lock();
    let Some(session) = inner.session.take() else {
        return Ok(None);
    };
    let store = inner.store()?;
    Ok(Some(session.progress(store, state.clock)?))
}

#[tauri::command]
pub fn set_flag(state: State<'_, AppState>, row: i64, flagged: bool) -> CommandResult<()> {
    let mut inner = state.lock();
    if inner.session.is_some() {
        let (store, session) = inner.study()?;
        return Ok(session.set_flag(store, row, flagged)?);
    }
    Ok(inner.store()?.set_flag(row, flagged)?)
}

#[tauri::command]
pub fn set_note(state: State<'_, AppState>, row: i64, note: Option<String>) -> CommandResult<()> {
    let mut inner = state.lock();
    if inner.session.is_some() {
        let (store, session) = inner.study()?;
        return Ok(session.set_note(store, row, note.as_deref())?);
    }
    Ok(inner.store()?.set_note(row, note.as_deref())?)
}
