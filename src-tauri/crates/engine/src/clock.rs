//! The clock: the only place in the engine that reads the time.
//!
//! Everything else receives a [`Clock`] and asks it for "now", so tests and
//! scripts can pin time with `--now` / `HITPREP_NOW`. The day rollover
//! ("due today" means due before the next rollover, 04:00 local by default)
//! is computed here too, so one rule serves the queue and the statistics.

use chrono::{DateTime, Days, Local, NaiveTime, TimeZone, Utc};

/// Where "now" comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The system clock.
    System,
    /// A fixed instant (`--now`), for scripts and tests.
    Fixed(DateTime<Utc>),
}

impl Clock {
    pub fn system() -> Self {
        Clock::System
    }

    pub fn fixed(at: DateTime<Utc>) -> Self {
        Clock::Fixed(at)
    }

    /// The current instant, truncated to whole milliseconds so that what is
    /// stored is exactly what was used.
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => {
                let now = Utc::now();
                DateTime::from_timestamp_millis(now.timestamp_millis()).unwrap_or(now)
            }
            Clock::Fixed(at) => *at,
        }
    }
}

/// Measures how long a student took to answer (monotonic, unaffected by `--now`).
#[derive(Debug, Clone, Copy)]
pub struct Stopwatch(std::time::Instant);

impl Stopwatch {
    pub fn start() -> Self {
        Stopwatch(std::time::Instant::now())
    }

    pub fn elapsed_ms(&self) -> i64 {
        i64::try_from(self.0.elapsed().as_millis()).unwrap_or(i64::MAX)
    }
}

/// "in 10 minutes", "in 3 days": a delay as a person says it.
pub fn humanize(delay: chrono::TimeDelta) -> String {
    let secs = delay.num_seconds().max(0);
    let (n, unit) = match secs {
        s if s < 60 => (s, "second"),
        s if s < 90 * 60 => ((s + 30) / 60, "minute"),
        s if s < 36 * 3600 => ((s + 1800) / 3600, "hour"),
        s if s < 60 * 86_400 => ((s + 43_200) / 86_400, "day"),
        s if s < 730 * 86_400 => ((s + 15 * 86_400) / (30 * 86_400), "month"),
        s => ((s + 182 * 86_400) / (365 * 86_400), "year"),
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

/// The study day that contains `at`: `[start, end)` in UTC, where a day
/// starts at `rollover_hour` local time.
pub fn study_day(at: DateTime<Utc>, rollover_hour: u32) -> (DateTime<Utc>, DateTime<Utc>) {
    let hour = rollover_hour.min(23);
    let local = at.with_timezone(&Local);
    let rollover = NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN);
    let mut date = local.date_naive();
    if local.time() < rollover {
        date = date.pred_opt().unwrap_or(date);
    }
    let start = local_instant(date.and_time(rollover));
    let end = local_instant(
        date.checked_add_days(Days::new(1))
            .unwrap_or(date)
            .and_time(rollover),
    );
    (start, end)
}

/// A local wall-clock time as an instant; in a DST gap the next valid
/// instant is used, in a fold the earlier one.
fn local_instant(naive: chrono::NaiveDateTime) -> DateTime<Utc> {
    match Local.from_local_datetime(&naive) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(a, _) => a.with_timezone(&Utc),
        chrono::LocalResult::None => {
            let later = naive + chrono::Duration::hours(1);
            Local
                .from_local_datetime(&later)
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| Utc.from_utc_datetime(&naive))
        }
    }
}

/// Parse an RFC 3339 instant such as `2026-11-23T09:00:00Z`.
pub fn parse_instant(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("`{text}` is not an RFC 3339 time such as 2026-11-23T09:00:00Z ({e})"))
}

/// Format an instant as RFC 3339 UTC with whole seconds when possible.
pub fn format_instant(at: DateTime<Utc>) -> String {
    if at.timestamp_subsec_millis() == 0 {
        at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    } else {
        at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn study_day_rolls_over_at_the_given_hour() {
        // Tests run with the process time zone; compute expectations in local time.
        let at = Local
            .with_ymd_and_hms(2026, 3, 10, 2, 30, 0)
            .single()
            .expect("unambiguous local time")
            .with_timezone(&Utc);
        let (start, end) = study_day(at, 4);
        let start_local = start.with_timezone(&Local);
        assert_eq!(start_local.date_naive().to_string(), "2026-03-09");
        assert_eq!(
            start_local.time(),
            NaiveTime::from_hms_opt(4, 0, 0).unwrap()
        );
        assert!(start <= at && at < end);
    }

    #[test]
    fn humanize_reads_like_a_person() {
        let cases = [
            (59, "59 seconds"),
            (60, "1 minute"),
            (330, "6 minutes"),
            (600, "10 minutes"),
            (7200, "2 hours"),
            (86_400 * 8, "8 days"),
            (86_400 * 400, "13 months"),
        ];
        for (secs, text) in cases {
            assert_eq!(humanize(chrono::TimeDelta::seconds(secs)), text);
        }
    }

    #[test]
    fn parse_and_format_round_trip() {
        let at = parse_instant("2026-01-05T09:00:00Z").unwrap();
        assert_eq!(format_instant(at), "2026-01-05T09:00:00Z");
        assert!(parse_instant("yesterday").unwrap_err().contains("RFC 3339"));
    }
}
