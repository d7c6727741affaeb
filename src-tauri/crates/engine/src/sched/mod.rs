//! Scheduling: FSRS-6 memory states plus a step layer.
//!
//! The memory model (stability, difficulty, retrievability) comes from the
//! `fsrs` crate, the one Anki ships. This module adds what that crate leaves
//! to the caller, following the reference scheduler py-fsrs 6.3.2 exactly:
//! learning and relearning steps, whole-day elapsed time, interval rounding
//! (half to even, clamped to `[1, maximum_interval]`), due times, and fuzz
//! seeded from the card and its review count so that a replay repeats itself.
//!
//! ```
//! use hitprep::sched::{Card, Rating, Scheduler, SchedulerConfig};
//! let s = Scheduler::new(SchedulerConfig::default()).unwrap();
//! let at = chrono::Utc::now();
//! let after = s.review(&Card::new(), Rating::Good, at, 7);
//! assert_eq!(after.card.step, Some(1)); // 1m -> 10m learning step
//! ```

mod config;
mod fuzz;
pub mod replay;

pub use config::{SchedulerConfig, format_steps, parse_steps};

use chrono::{DateTime, TimeDelta, Utc};
use fsrs::{FSRS, MemoryState};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// How well the student knew the answer. Multiple-choice grading maps a wrong
/// answer to `Again` and a right one to `Good`, unless the student says `Hard`
/// (guessed, unsure) or `Easy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    pub fn from_number(n: i64) -> Option<Rating> {
        Rating::ALL
            .get(usize::try_from(n).ok()?.checked_sub(1)?)
            .copied()
    }

    pub fn number(self) -> u8 {
        self as u8
    }
}

/// Where a card is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    New = 0,
    Learning = 1,
    Review = 2,
    Relearning = 3,
}

impl Phase {
    pub fn from_number(n: i64) -> Option<Phase> {
        [
            Phase::New,
            Phase::Learning,
            Phase::Review,
            Phase::Relearning,
        ]
        .get(usize::try_from(n).ok()?)
        .copied()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::New => "new",
            Phase::Learning => "learning",
            Phase::Review => "review",
            Phase::Relearning => "relearning",
        }
    }
}

/// The FSRS memory of one card.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Memory {
    pub stability: f64,
    pub difficulty: f64,
}

/// The scheduling state of one card.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub phase: Phase,
    /// The learning or relearning step, in those phases.
    pub step: Option<u32>,
    pub memory: Option<Memory>,
    pub due: Option<DateTime<Utc>>,
    pub last_review: Option<DateTime<Utc>>,
    pub reps: u32,
    pub lapses: u32,
}

impl Card {
    pub fn new() -> Self {
        Card {
            phase: Phase::New,
            step: None,
            memory: None,
            due: None,
            last_review: None,
            reps: 0,
            lapses: 0,
        }
    }
}

impl Default for Card {
    fn default() -> Self {
        Card::new()
    }
}

/// A card after a review, and what the review saw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reviewed {
    pub card: Card,
    /// Probability of recall just before the review (0 for a new card).
    pub retrievability: f64,
    /// Whole days since the previous review, if any.
    pub elapsed_days: Option<i64>,
    /// Days until due, when the card is now in review.
    pub interval_days: Option<u32>,
}

/// FSRS-6 plus steps, configured once per profile.
#[derive(Debug, Clone)]
pub struct Scheduler {
    config: SchedulerConfig,
    fsrs: FSRS,
    decay: f64,
    factor: f64,
}

impl Scheduler {
    pub fn new(config: SchedulerConfig) -> Result<Self> {
        config.check().map_err(Error::Scheduler)?;
        let weights: Vec<f32> = config.parameters.clone();
        let fsrs = FSRS::new(&weights)
            .map_err(|e| Error::Scheduler(format!("invalid FSRS parameters: {e}")))?;
        // Read the decay as the decimal the parameters were written with, as py-fsrs does.
        let w20 = weights
            .get(20)
            .copied()
            .unwrap_or(fsrs::FSRS6_DEFAULT_DECAY);
        let decay = -format!("{w20}").parse::<f64>().unwrap_or(f64::from(w20));
        let factor = 0.9f64.powf(1.0 / decay) - 1.0;
        Ok(Scheduler {
            config,
            fsrs,
            decay,
            factor,
        })
    }

    /// The forgetting curve's (decay, factor): R = (1 + factor * days / S) ^ decay.
    pub fn curve(&self) -> (f64, f64) {
        (self.decay, self.factor)
    }

    pub fn config(&self) -> &SchedulerConfig {
        &self.config
    }

    /// Probability of recall at `at`, counting whole elapsed days.
    pub fn retrievability(&self, card: &Card, at: DateTime<Utc>) -> f64 {
        match (card.memory, card.last_review) {
            (Some(m), Some(last)) => {
                let days = elapsed_days(last, at).max(0) as f64;
                (1.0 + self.factor * days / m.stability).powf(self.decay)
            }
            _ => 0.0,
        }
    }

    /// Whole days of interval for a stability: round half to even, clamp to [1, max].
    pub fn interval_days(&self, stability: f64) -> u32 {
        let raw =
            stability / self.factor * (self.config.desired_retention.powf(1.0 / self.decay) - 1.0);
        let rounded = raw.round_ties_even();
        if rounded.is_nan() {
            return 1;
        }
        rounded.clamp(1.0, f64::from(self.config.maximum_interval)) as u32
    }

    fn next_memory(&self, card: &Card, rating: Rating, days: i64) -> Memory {
        let current = card.memory.map(|m| MemoryState {
            stability: m.stability as f32,
            difficulty: m.difficulty as f32,
        });
        let elapsed = u32::try_from(days.max(0)).unwrap_or(u32::MAX);
        let next = self
            .fsrs
            .next_states(current, self.config.desired_retention as f32, elapsed)
            .map(|s| match rating {
                Rating::Again => s.again.memory,
                Rating::Hard => s.hard.memory,
                Rating::Good => s.good.memory,
                Rating::Easy => s.easy.memory,
            });
        match next {
            Ok(m) => Memory {
                stability: f64::from(m.stability),
                difficulty: f64::from(m.difficulty),
            },
            // Only non-finite input states fail; keep the old memory rather than corrupt it.
            Err(_) => card.memory.unwrap_or(Memory {
                stability: 0.001,
                difficulty: 5.0,
            }),
        }
    }

    /// Review `card` with `rating` at `at`. `fuzz_seed` identifies the card so
    /// fuzz repeats on replay (it is combined with the review count).
    pub fn review(
        &self,
        card: &Card,
        rating: Rating,
        at: DateTime<Utc>,
        fuzz_seed: u64,
    ) -> Reviewed {
        let elapsed = card.last_review.map(|last| elapsed_days(last, at));
        let retrievability = self.retrievability(card, at);
        let memory = self.next_memory(card, rating, elapsed.unwrap_or(0));

        let mut next = *card;
        next.memory = Some(memory);
        next.reps = card.reps.saturating_add(1);
        let to_review = |next: &mut Card| {
            next.phase = Phase::Review;
            next.step = None;
            Delay::Days(self.interval_days(memory.stability))
        };
        let delay = match card.phase {
            Phase::New | Phase::Learning => {
                let step = card.step.unwrap_or(0);
                if card.phase == Phase::New {
                    next.phase = Phase::Learning;
                    next.step = Some(0);
                }
                self.stepped(
                    &mut next,
                    step,
                    rating,
                    &self.config.learning_steps,
                    to_review,
                )
            }
            Phase::Relearning => {
                let step = card.step.unwrap_or(0);
                self.stepped(
                    &mut next,
                    step,
                    rating,
                    &self.config.relearning_steps,
                    to_review,
                )
            }
            Phase::Review => {
                if rating == Rating::Again {
                    next.lapses = card.lapses.saturating_add(1);
                }
                match (rating, self.config.relearning_steps.first()) {
                    (Rating::Again, Some(first)) => {
                        next.phase = Phase::Relearning;
                        next.step = Some(0);
                        Delay::Time(*first)
                    }
                    _ => to_review(&mut next),
                }
            }
        };
        let (delay, interval_days) = match delay {
            Delay::Days(days) => {
                let days = if self.config.fuzz {
                    fuzz::fuzz_days(days, self.config.maximum_interval, fuzz_seed, card.reps)
                } else {
                    days
                };
                (TimeDelta::days(i64::from(days)), Some(days))
            }
            Delay::Time(t) => (t, None),
        };
        next.due = Some(at + delay);
        next.last_review = Some(at);
        Reviewed {
            card: next,
            retrievability,
            elapsed_days: elapsed,
            interval_days,
        }
    }

    /// The learning/relearning step rules of py-fsrs.
    fn stepped(
        &self,
        next: &mut Card,
        step: u32,
        rating: Rating,
        steps: &[TimeDelta],
        to_review: impl Fn(&mut Card) -> Delay,
    ) -> Delay {
        let s = step as usize;
        if steps.is_empty() || (s >= steps.len() && rating != Rating::Again) {
            return to_review(next);
        }
        match rating {
            Rating::Again => {
                next.step = Some(0);
                Delay::Time(steps[0])
            }
            Rating::Hard => {
                next.step = Some(step);
                Delay::Time(match (s, steps) {
                    (0, [only]) => *only * 3 / 2,
                    (0, [a, b, ..]) => (*a + *b) / 2,
                    _ => steps[s],
                })
            }
            Rating::Good if s + 1 >= steps.len() => to_review(next),
            Rating::Good => {
                next.step = Some(step + 1);
                Delay::Time(steps[s + 1])
            }
            Rating::Easy => to_review(next),
        }
    }
}

enum Delay {
    Days(u32),
    Time(TimeDelta),
}

/// Whole days between two instants, rounded down (as Python's `timedelta.days`).
pub fn elapsed_days(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    (to - from).num_milliseconds().div_euclid(86_400_000)
}

#[cfg(test)]
mod tests;
