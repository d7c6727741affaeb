//! The commands the window calls. Each is a thin wrapper: lock the state,
//! call the engine, turn its error into `{kind, message}`.

pub mod banks;
pub mod browse;
pub mod home;
pub mod settings;
pub mod study;

/// Every command, for `invoke_handler` and the permission manifest.
#[macro_export]
macro_rules! app_commands {
    () => {
        tauri::generate_handler![
            $crate::commands::home::startup,
            $crate::commands::home::home,
            $crate::commands::study::study_start,
            $crate::commands::study::study_next,
            $crate::commands::study::study_answer,
            $crate::commands::study::study_rate,
            $crate::commands::study::study_end,
            $crate::commands::study::set_flag,
            $crate::commands::study::set_note,
            $crate::commands::browse::browse,
            $crate::commands::browse::bank_outline,
            $crate::commands::browse::question_detail,
            $crate::commands::banks::list_banks,
            $crate::commands::banks::load_bank,
            $crate::commands::banks::remove_bank,
            $crate::commands::settings::get_settings,
            $crate::commands::settings::save_settings,
        ]
    };
}
