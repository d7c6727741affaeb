//! Studying: which question comes next, in what option order, and how an
//! answer is graded and recorded.
//!
//! The queue serves, in order: learning and relearning cards that are due;
//! review cards due before the next day rollover; new questions up to the
//! daily limit. Reviews and new questions are interleaved across domains (the
//! domain answered least today goes next) and a scenario set, once started,
//! is kept together. When nothing else is left, learning cards due within
//! the next 20 minutes are served early, as Anki does.
//!
//! ```no_run
//! use hitprep::{clock::Clock, store::Store, study::Study};
//! let mut store = Store::open(std::path::Path::new("progress.sqlite3")).unwrap();
//! let mut study = Study::new(&mut store, "rhit", Clock::system()).unwrap();
//! if let Some(p) = study.next().unwrap() {
//!     let feedback = study.answer(&p, &[p.order[0]], 4_000).unwrap();
//!     println!("correct: {}", feedback.correct);
//! }
//! ```

mod grade;
mod session;

pub use grade::{grade, shuffled_order};
pub use session::{Mode, Outcome, Progress, QuestionDetail, ScenarioView, Session, Shown, detail};

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use crate::clock::{Clock, study_day};
use crate::error::{Error, Result};
use crate::sched::{Rating, Scheduler};
use crate::store::{Answer, Pool, Recorded, ReviewKind, Settings, Store, StoredQuestion};

/// How far ahead learning cards may be served when nothing else is due.
pub const LEARN_AHEAD: TimeDelta = TimeDelta::minutes(20);

/// A question as shown: the options in their shuffled order.
#[derive(Debug, Clone, PartialEq)]
pub struct Presented {
    pub stored: StoredQuestion,
    /// Original choice indices in display order: display position `i` shows choice `order[i]`.
    pub order: Vec<usize>,
    pub why: Reason,
}

/// Why this question was served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Learning,
    Review,
    New,
    LearnAhead,
    /// Extra practice: answers are kept, the schedule is not moved.
    Practice,
}

/// What the student sees after answering.
#[derive(Debug, Clone, PartialEq)]
pub struct Feedback {
    pub correct: bool,
    pub rating: Rating,
    pub recorded: Recorded,
}

/// Counts for one bank, for the home screen and `stats`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DueCounts {
    /// Learning and relearning cards due now.
    pub learning: usize,
    /// Review cards due before the next rollover.
    pub review: usize,
    /// New questions still allowed today.
    pub new: usize,
}

/// A study session over one bank.
#[derive(Debug)]
pub struct Study<'s> {
    store: &'s mut Store,
    bank: String,
    clock: Clock,
    settings: Settings,
    scheduler: Scheduler,
}

impl<'s> Study<'s> {
    pub fn new(store: &'s mut Store, bank: &str, clock: Clock) -> Result<Self> {
        if !store.has_bank(bank)? {
            return Err(Error::UnknownBank(bank.to_string()));
        }
        let settings = store.settings()?;
        let scheduler = Scheduler::new(settings.scheduler.clone())?;
        Ok(Study {
            store,
            bank: bank.to_string(),
            clock,
            settings,
            scheduler,
        })
    }

    pub fn bank(&self) -> &str {
        &self.bank
    }

    pub fn store(&self) -> &Store {
        self.store
    }

    fn day(&self, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
        study_day(now, self.settings.rollover_hour)
    }

    /// How many new questions may still be introduced today.
    fn new_allowance(&self, day_start: DateTime<Utc>) -> Result<usize> {
        let introduced = self.store.introduced_since(&self.bank, day_start)?;
        Ok((self.settings.new_per_day as usize).saturating_sub(introduced))
    }

    pub fn counts(&self) -> Result<DueCounts> {
        let now = self.clock.now();
        let (start, end) = self.day(now);
        let learning = self.store.count_learning_due(&self.bank, now)?;
        let review = self
            .store
            .pool_by_domain(&self.bank, Pool::ReviewDue(end))?
            .iter()
            .map(|d| d.2)
            .sum();
        let unseen: usize = self
            .store
            .pool_by_domain(&self.bank, Pool::New)?
            .iter()
            .map(|d| d.2)
            .sum();
        Ok(DueCounts {
            learning,
            review,
            new: unseen.min(self.new_allowance(start)?),
        })
    }

    /// The next question to ask, or `None` when the day's work is done.
    pub fn next(&self) -> Result<Option<Presented>> {
        let now = self.clock.now();
        let (start, end) = self.day(now);
        let pick = if let Some(row) = self.store.first_learning_due(&self.bank, now)? {
            Some((row, Reason::Learning))
        } else if let Some(row) = self.interleaved(Pool::ReviewDue(end), start)? {
            Some((row, Reason::Review))
        } else if let Some(row) = self.next_new(start)? {
            Some((row, Reason::New))
        } else {
            self.store
                .first_learning_due(&self.bank, now + LEARN_AHEAD)?
                .map(|row| (row, Reason::LearnAhead))
        };
        let Some((row, why)) = pick else {
            return Ok(None);
        };
        let stored = self.store.question(row)?;
        let order = shuffled_order(
            stored.question.choices.len(),
            stored.seed(),
            stored.card.reps,
        );
        Ok(Some(Presented { stored, order, why }))
    }

    fn next_new(&self, day_start: DateTime<Utc>) -> Result<Option<i64>> {
        if self.new_allowance(day_start)? == 0 {
            return Ok(None);
        }
        // Finish a scenario set before moving on.
        if let Some((_, Some(scenario))) = self.store.last_answer_since(&self.bank, day_start)?
            && let Some(row) = self.store.next_new_in_scenario(&self.bank, &scenario)?
        {
            return Ok(Some(row));
        }
        self.interleaved(Pool::New, day_start)
    }

    /// The first card of the domain answered least today (ties: bank order of domains).
    fn interleaved(&self, pool: Pool, day_start: DateTime<Utc>) -> Result<Option<i64>> {
        let candidates = self.store.pool_by_domain(&self.bank, pool)?;
        if candidates.len() <= 1 {
            return Ok(candidates.first().map(|c| c.1));
        }
        let answered = self.store.answers_by_domain_since(&self.bank, day_start)?;
        Ok(candidates
            .iter()
            .enumerate()
            .min_by_key(|(i, (domain, _, _))| (answered.get(domain).copied().unwrap_or(0), *i))
            .map(|(_, c)| c.1))
    }

    /// Grade and record an answer. `chosen` holds original choice indices.
    /// The answer is saved before this returns. A right answer is rated Good;
    /// pass `rating` to say Hard or Easy instead.
    pub fn answer(
        &mut self,
        p: &Presented,
        chosen: &[usize],
        duration_ms: i64,
    ) -> Result<Feedback> {
        self.answer_as(p, chosen, duration_ms, None, ReviewKind::Study)
    }

    pub fn answer_as(
        &mut self,
        p: &Presented,
        chosen: &[usize],
        duration_ms: i64,
        rating: Option<Rating>,
        kind: ReviewKind,
    ) -> Result<Feedback> {
        let q = &p.stored.question;
        if let Some(bad) = chosen.iter().find(|&&i| i >= q.choices.len()) {
            return Err(Error::InvalidInput(format!(
                "choice {bad} does not exist; this question has {}",
                q.choices.len()
            )));
        }
        let (correct, graded) = grade(q, chosen);
        let rating = match (correct, rating) {
            (true, Some(r @ (Rating::Hard | Rating::Easy | Rating::Good))) => r,
            _ => graded,
        };
        let now = self.clock.now();
        let after = self
            .scheduler
            .review(&p.stored.card, rating, now, p.stored.seed());
        let mut chosen = chosen.to_vec();
        chosen.sort_unstable();
        chosen.dedup();
        let recorded = self.store.record_answer(&Answer {
            question: p.stored.row,
            at: now,
            kind,
            rating,
            correct,
            shown: p.order.clone(),
            chosen,
            duration_ms,
            before: p.stored.card,
            after,
        })?;
        Ok(Feedback {
            correct,
            rating,
            recorded,
        })
    }

    /// Re-rate the latest answer (Hard or Easy for a right answer).
    pub fn rerate(&mut self, review: i64, rating: Rating) -> Result<Recorded> {
        self.store.rerate(review, rating, &self.scheduler)
    }
}

#[cfg(test)]
mod tests;
