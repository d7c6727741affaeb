//! The student's settings, kept in the `settings` table as JSON.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::Store;
use crate::error::{Error, Result};
use crate::sched::SchedulerConfig;

/// Settings for the one profile a database holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct Settings {
    pub scheduler: SchedulerConfig,
    /// New questions introduced per bank per study day.
    pub new_per_day: u32,
    /// Local hour at which a study day starts.
    pub rollover_hour: u32,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub exam_date: Option<NaiveDate>,
    /// "light", "dark" or "system".
    pub theme: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            scheduler: SchedulerConfig::default(),
            new_per_day: 20,
            rollover_hour: 4,
            exam_date: None,
            theme: "system".into(),
        }
    }
}

impl Settings {
    pub fn check(&self) -> Result<()> {
        self.scheduler.check().map_err(Error::InvalidInput)?;
        if self.rollover_hour > 23 {
            return Err(Error::InvalidInput(format!(
                "rollover hour {} is not 0 to 23",
                self.rollover_hour
            )));
        }
        if self.new_per_day > 9999 {
            return Err(Error::InvalidInput(
                "new questions per day must be at most 9999".into(),
            ));
        }
        if !["light", "dark", "system"].contains(&self.theme.as_str()) {
            return Err(Error::InvalidInput(format!(
                "theme `{}` is not light, dark or system",
                self.theme
            )));
        }
        Ok(())
    }
}

const KEY: &str = "profile";

impl Store {
    /// The saved settings, or the defaults. Damaged settings fall back to defaults.
    pub fn settings(&self) -> Result<Settings> {
        let text: Option<String> = self
            .conn()
            .query_row("SELECT value FROM settings WHERE key = ?1", [KEY], |r| {
                r.get(0)
            })
            .optional()
            .map_err(self.db_err())?;
        Ok(text
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default())
    }

    pub fn save_settings(&mut self, settings: &Settings) -> Result<()> {
        settings.check()?;
        let text =
            serde_json::to_string(settings).map_err(|e| Error::InvalidInput(e.to_string()))?;
        self.conn()
            .execute("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", params![KEY, text])
            .map_err(self.db_err())?;
        Ok(())
    }
}
