//! Scheduler settings: retention, steps, maximum interval, fuzz, parameters.

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

/// Everything a profile can tune about scheduling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct SchedulerConfig {
    /// The FSRS-6 parameters (21 weights).
    pub parameters: Vec<f32>,
    pub desired_retention: f64,
    #[serde(with = "steps_serde")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub learning_steps: Vec<TimeDelta>,
    #[serde(with = "steps_serde")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub relearning_steps: Vec<TimeDelta>,
    /// Longest interval in days.
    pub maximum_interval: u32,
    pub fuzz: bool,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        SchedulerConfig {
            parameters: fsrs::DEFAULT_PARAMETERS.to_vec(),
            desired_retention: 0.9,
            learning_steps: vec![TimeDelta::minutes(1), TimeDelta::minutes(10)],
            relearning_steps: vec![TimeDelta::minutes(10)],
            maximum_interval: 36_500,
            fuzz: true,
        }
    }
}

impl SchedulerConfig {
    pub fn check(&self) -> Result<(), String> {
        if !(0.7..=0.99).contains(&self.desired_retention) {
            return Err(format!(
                "desired retention {} is outside 0.70 to 0.99",
                self.desired_retention
            ));
        }
        if !(1..=36_500).contains(&self.maximum_interval) {
            return Err(format!(
                "maximum interval {} is outside 1 to 36500 days",
                self.maximum_interval
            ));
        }
        for s in self.learning_steps.iter().chain(&self.relearning_steps) {
            if *s <= TimeDelta::zero() || *s > TimeDelta::days(365) {
                return Err(format!(
                    "step {} is outside 1s to 365d",
                    format_steps(&[*s])
                ));
            }
        }
        if self.parameters.len() != 21 {
            return Err(format!(
                "FSRS-6 takes 21 parameters, got {}",
                self.parameters.len()
            ));
        }
        Ok(())
    }
}

/// Parse steps such as `1m,10m`, `30s`, `1h`, `2d`; `none` or an empty string is no steps.
pub fn parse_steps(text: &str) -> Result<Vec<TimeDelta>, String> {
    let text = text.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    text.split(',')
        .map(|part| {
            let part = part.trim();
            let (digits, unit) = part.split_at(
                part.find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(part.len()),
            );
            let n: i64 = digits.parse().map_err(|_| {
                format!("step `{part}` must be a number followed by s, m, h or d, e.g. 10m")
            })?;
            let step = match unit {
                "s" => TimeDelta::try_seconds(n),
                "m" | "" => TimeDelta::try_minutes(n),
                "h" => TimeDelta::try_hours(n),
                "d" => TimeDelta::try_days(n),
                _ => None,
            };
            match step {
                Some(s) if n > 0 => Ok(s),
                _ => Err(format!(
                    "step `{part}` must be a positive number followed by s, m, h or d, e.g. 10m"
                )),
            }
        })
        .collect()
}

/// Steps as text in the form `parse_steps` reads, using the largest exact unit.
pub fn format_steps(steps: &[TimeDelta]) -> String {
    if steps.is_empty() {
        return "none".into();
    }
    steps
        .iter()
        .map(|s| {
            let secs = s.num_seconds();
            match secs {
                s if s % 86_400 == 0 => format!("{}d", s / 86_400),
                s if s % 3_600 == 0 => format!("{}h", s / 3_600),
                s if s % 60 == 0 => format!("{}m", s / 60),
                s => format!("{s}s"),
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

mod steps_serde {
    use chrono::TimeDelta;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(steps: &[TimeDelta], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format_steps(steps))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<TimeDelta>, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_steps(&text).map_err(serde::de::Error::custom)
    }
}
