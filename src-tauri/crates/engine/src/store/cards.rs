//! Cards and reviews: reading a question with its FSRS state, and writing
//! each answer (review row + card update) in one transaction.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::{Store, sql};
use crate::bank::{Question, Scenario};
use crate::error::{Error, Result};
use crate::sched::{Card, Memory, Phase, Rating, Reviewed, Scheduler, replay::card_seed};

/// What the `questions.body` column holds.
#[derive(Debug, Serialize)]
pub(crate) struct Body<'a> {
    pub question: &'a Question,
    pub scenario: Option<&'a Scenario>,
}

#[derive(Debug, Deserialize)]
struct OwnedBody {
    question: Question,
    scenario: Option<Scenario>,
}

/// A question as stored, with its card.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredQuestion {
    /// Row id: the key for cards and reviews in this database.
    pub row: i64,
    pub bank: String,
    pub question: Question,
    pub scenario: Option<Scenario>,
    pub card: Card,
    pub flagged: bool,
    pub note: Option<String>,
    pub retired: bool,
}

impl StoredQuestion {
    /// Seed for fuzz and shuffles: stable across databases for the same bank and id.
    pub fn seed(&self) -> u64 {
        card_seed(&format!("{}/{}", self.bank, self.question.id))
    }
}

/// Why an answer was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ReviewKind {
    /// Scheduled study: moves the card.
    Study = 0,
    /// Extra practice: recorded, schedule untouched.
    Practice = 1,
    /// A mock-exam answer fed to the schedule.
    Exam = 2,
}

/// One answer to record.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub question: i64,
    pub at: DateTime<Utc>,
    pub kind: ReviewKind,
    pub rating: Rating,
    pub correct: bool,
    /// Choice indices (as written) in the order shown.
    pub shown: Vec<usize>,
    /// Choice indices (as written) chosen.
    pub chosen: Vec<usize>,
    pub duration_ms: i64,
    /// The card as it was when shown.
    pub before: Card,
    /// The scheduler's verdict.
    pub after: Reviewed,
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Recorded {
    pub review: i64,
    pub card: Card,
    pub interval_days: Option<u32>,
}

fn ms(t: Option<DateTime<Utc>>) -> Option<i64> {
    t.map(|t| t.timestamp_millis())
}

pub(super) fn time(v: Option<i64>) -> Option<DateTime<Utc>> {
    v.and_then(DateTime::from_timestamp_millis)
}

/// Read a card from columns phase, step, stability, difficulty, due, last_review, reps, lapses starting at `i`.
pub(crate) fn card_from_row(r: &Row<'_>, i: usize) -> rusqlite::Result<Card> {
    let phase = Phase::from_number(r.get(i)?).unwrap_or(Phase::New);
    let memory = match (
        r.get::<_, Option<f64>>(i + 2)?,
        r.get::<_, Option<f64>>(i + 3)?,
    ) {
        (Some(stability), Some(difficulty)) => Some(Memory {
            stability,
            difficulty,
        }),
        _ => None,
    };
    Ok(Card {
        phase,
        step: r.get::<_, Option<u32>>(i + 1)?,
        memory,
        due: time(r.get(i + 4)?),
        last_review: time(r.get(i + 5)?),
        reps: r.get(i + 6)?,
        lapses: r.get(i + 7)?,
    })
}

impl Store {
    /// A question and its card by row id.
    pub fn question(&self, row: i64) -> Result<StoredQuestion> {
        let mut stmt = self
            .conn()
            .prepare_cached(include_str!("sql/get_question.sql"))
            .map_err(self.db_err())?;
        let found = stmt
            .query_row([row], |r| {
                let body: String = r.get(1)?;
                Ok((
                    r.get::<_, String>(0)?,
                    body,
                    card_from_row(r, 2)?,
                    r.get::<_, bool>(10)?,
                    r.get::<_, Option<String>>(11)?,
                    r.get::<_, bool>(12)?,
                ))
            })
            .optional()
            .map_err(self.db_err())?;
        let (bank, body, card, flagged, note, retired) =
            found.ok_or_else(|| Error::UnknownQuestion(row.to_string()))?;
        let body: OwnedBody = serde_json::from_str(&body)
            .map_err(|e| Error::InvalidInput(format!("stored question {row} is damaged: {e}")))?;
        Ok(StoredQuestion {
            row,
            bank,
            question: body.question,
            scenario: body.scenario,
            card,
            flagged,
            note,
            retired,
        })
    }

    /// The row id of question `qid` in `bank`.
    pub fn question_row(&self, bank: &str, qid: &str) -> Result<i64> {
        self.conn()
            .query_row(
                "SELECT id FROM questions WHERE bank_id = ?1 AND qid = ?2",
                [bank, qid],
                |r| r.get(0),
            )
            .optional()
            .map_err(self.db_err())?
            .ok_or_else(|| Error::UnknownQuestion(format!("{bank}/{qid}")))
    }

    /// Write one answer: the review row and the card, in one transaction.
    /// Refuses if the card moved since it was shown (another window answered it).
    pub fn record_answer(&mut self, a: &Answer) -> Result<Recorded> {
        let shown = serde_json::to_string(&a.shown).unwrap_or_else(|_| "[]".into());
        let chosen = serde_json::to_string(&a.chosen).unwrap_or_else(|_| "[]".into());
        self.transact(|tx| {
            let b = &a.before;
            let c = &a.after.card;
            let moves = a.kind != ReviewKind::Practice;
            let after = if moves { *c } else { *b };
            let mut insert = tx.prepare_cached(include_str!("sql/insert_review.sql")).map_err(sql)?;
            let review = insert
                .insert(params![
                    a.question,
                    a.at.timestamp_millis(),
                    a.kind as i64,
                    a.rating.number(),
                    a.correct,
                    shown,
                    chosen,
                    a.duration_ms.max(0),
                    b.phase as i64,
                    b.step,
                    b.memory.map(|m| m.stability),
                    b.memory.map(|m| m.difficulty),
                    ms(b.due),
                    ms(b.last_review),
                    after.phase as i64,
                    after.step,
                    after.memory.map(|m| m.stability),
                    after.memory.map(|m| m.difficulty),
                    ms(after.due),
                    a.after.elapsed_days,
                    a.after.retrievability,
                ])
                .map_err(sql)?;
            let mut update = tx.prepare_cached(include_str!("sql/update_card.sql")).map_err(sql)?;
            let changed = update
                .execute(params![
                    a.question,
                    after.phase as i64,
                    after.step,
                    after.memory.map(|m| m.stability),
                    after.memory.map(|m| m.difficulty),
                    ms(after.due),
                    ms(after.last_review),
                    after.reps,
                    after.lapses,
                    a.correct,
                    b.reps,
                ])
                .map_err(sql)?;
            if changed != 1 {
                return Err(Error::InvalidInput(
                    "this question was answered elsewhere since it was shown; nothing was saved, show it again".into(),
                ));
            }
            Ok(Recorded { review, card: after, interval_days: if moves { a.after.interval_days } else { None } })
        })
    }

    /// Change the rating of the latest answer to a question (e.g. a right
    /// answer the student marks Hard or Easy), recomputing the schedule from
    /// the state before it. Only the latest review of a card can be re-rated.
    pub fn rerate(
        &mut self,
        review: i64,
        rating: Rating,
        scheduler: &Scheduler,
    ) -> Result<Recorded> {
        self.transact(|tx| {
            let row = tx
                .query_row(include_str!("sql/get_review_for_rerate.sql"), [review], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                        card_from_row(r, 3)?,
                        r.get::<_, String>(11)?,
                        r.get::<_, bool>(12)?,
                        r.get::<_, Option<i64>>(13)?,
                    ))
                })
                .optional()
                .map_err(sql)?;
            let (question, at, kind, mut before, seed_key, correct, latest) =
                row.ok_or_else(|| Error::InvalidInput(format!("no answer {review} to re-rate")))?;
            if latest != Some(review) {
                return Err(Error::InvalidInput("only the latest answer to a question can be re-rated".into()));
            }
            if !correct && rating != Rating::Again {
                return Err(Error::InvalidInput("a wrong answer is always rated Again".into()));
            }
            if kind == ReviewKind::Practice as i64 {
                return Err(Error::InvalidInput("practice answers do not move the schedule".into()));
            }
            let at = DateTime::from_timestamp_millis(at).unwrap_or_default();
            let current: (u32, u32) = tx
                .query_row("SELECT reps, lapses FROM cards WHERE question_id = ?1", [question], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(sql)?;
            before.reps = current.0.saturating_sub(1);
            before.lapses = current.1;
            let after = scheduler.review(&before, rating, at, card_seed(&seed_key));
            let c = after.card;
            tx.execute(
                include_str!("sql/rerate_review.sql"),
                params![review, rating.number(), c.phase as i64, c.step, c.memory.map(|m| m.stability), c.memory.map(|m| m.difficulty), ms(c.due)],
            )
            .map_err(sql)?;
            tx.execute(
                "UPDATE cards SET phase = ?2, step = ?3, stability = ?4, difficulty = ?5, due = ?6, lapses = ?7 WHERE question_id = ?1",
                params![question, c.phase as i64, c.step, c.memory.map(|m| m.stability), c.memory.map(|m| m.difficulty), ms(c.due), c.lapses],
            )
            .map_err(sql)?;
            Ok(Recorded { review, card: c, interval_days: after.interval_days })
        })
    }

    /// Number of answers recorded for a question (all kinds).
    pub fn review_count(&self, row: i64) -> Result<usize> {
        self.conn()
            .query_row(
                "SELECT count(*) FROM reviews WHERE question_id = ?1",
                [row],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as usize)
            .map_err(self.db_err())
    }

    /// Flag or unflag a question for later.
    pub fn set_flag(&mut self, row: i64, flagged: bool) -> Result<()> {
        self.conn()
            .execute(
                "UPDATE cards SET flagged = ?2 WHERE question_id = ?1",
                params![row, flagged],
            )
            .map_err(self.db_err())?;
        Ok(())
    }
}
