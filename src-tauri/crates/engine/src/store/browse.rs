//! Looking questions up rather than studying them: the browse search, a
//! question's answer history, notes, removing a bank, and the small queries
//! behind extra practice and the study streak.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{Store, cards::time};
use crate::error::{Error, Result};
use crate::sched::{Phase, Rating};
use crate::store::ReviewKind;

/// Rows a search returns when it sets no limit: more than any exam bank
/// holds, so an unfiltered Browse lists the whole bank.
pub const SEARCH_LIMIT: u32 = 1000;

/// What to look for. Unset fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct Search {
    pub bank: String,
    /// Words in the id, stem, choices or explanation (case-insensitive).
    pub text: Option<String>,
    pub domain: Option<String>,
    pub topic: Option<String>,
    pub flagged: bool,
    /// Only questions whose latest answer was wrong.
    pub last_wrong: bool,
    /// Only questions never answered.
    pub never_seen: bool,
    pub include_retired: bool,
    /// At most this many rows (default [`SEARCH_LIMIT`], never more than 5000).
    pub limit: Option<u32>,
}

/// One row of a browse result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QuestionSummary {
    /// Row id, for opening the question.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub row: i64,
    pub id: String,
    pub domain: String,
    pub topics: Vec<String>,
    pub stem: String,
    pub flagged: bool,
    pub answers: u32,
    pub correct: u32,
    /// Whether the latest answer was right; `None` if never answered.
    pub last_correct: Option<bool>,
    pub phase: Phase,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub due: Option<DateTime<Utc>>,
    pub retired: bool,
}

/// One past answer to a question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HistoryEntry {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub review: i64,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: DateTime<Utc>,
    pub kind: ReviewKind,
    pub rating: Rating,
    pub correct: bool,
    /// Choice indices (as written in the bank) in the order shown.
    pub shown: Vec<usize>,
    /// Choice indices (as written in the bank) chosen.
    pub chosen: Vec<usize>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub duration_ms: i64,
    /// When the card was due after this answer.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub due_after: Option<DateTime<Utc>>,
}

impl Store {
    /// Questions of `search.bank` that match, in bank order.
    pub fn search(&self, search: &Search) -> Result<Vec<QuestionSummary>> {
        let blank = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let mut stmt = self
            .conn()
            .prepare_cached(include_str!("sql/search_questions.sql"))
            .map_err(self.db_err())?;
        let rows = stmt
            .query_map(
                params![
                    search.bank,
                    blank(&search.text),
                    blank(&search.domain),
                    blank(&search.topic),
                    search.flagged,
                    search.last_wrong,
                    search.never_seen,
                    search.limit.unwrap_or(SEARCH_LIMIT).min(5000),
                    search.include_retired,
                ],
                |r| {
                    let topics: Option<String> = r.get(4)?;
                    Ok(QuestionSummary {
                        row: r.get(0)?,
                        id: r.get(1)?,
                        domain: r.get(2)?,
                        stem: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                        topics: topics
                            .and_then(|t| serde_json::from_str(&t).ok())
                            .unwrap_or_default(),
                        flagged: r.get(5)?,
                        answers: r.get(6)?,
                        correct: r.get(7)?,
                        phase: Phase::from_number(r.get(8)?).unwrap_or(Phase::New),
                        due: time(r.get(9)?),
                        last_correct: r.get(10)?,
                        retired: r.get(11)?,
                    })
                },
            )
            .map_err(self.db_err())?;
        rows.collect::<Result<Vec<_>, _>>().map_err(self.db_err())
    }

    /// The topics used by the active questions of `bank`, sorted.
    pub fn topics(&self, bank: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT DISTINCT t.value FROM questions q \
                 JOIN question_bodies b ON b.question_id = q.id, \
                 json_each(b.body, '$.question.topics') t \
                 WHERE q.bank_id = ?1 AND q.retired_at IS NULL ORDER BY 1",
            )
            .map_err(self.db_err())?;
        let rows = stmt
            .query_map([bank], |r| r.get(0))
            .map_err(self.db_err())?;
        rows.collect::<Result<Vec<_>, _>>().map_err(self.db_err())
    }

    /// Every answer to the question at `row`, newest first.
    pub fn history(&self, row: i64) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self
            .conn()
            .prepare_cached(include_str!("sql/question_history.sql"))
            .map_err(self.db_err())?;
        let rows = stmt
            .query_map([row], |r| {
                let indices = |i: usize| -> rusqlite::Result<Vec<usize>> {
                    Ok(serde_json::from_str(&r.get::<_, String>(i)?).unwrap_or_default())
                };
                Ok(HistoryEntry {
                    review: r.get(0)?,
                    at: time(r.get(1)?).unwrap_or_default(),
                    kind: match r.get::<_, i64>(2)? {
                        1 => ReviewKind::Practice,
                        2 => ReviewKind::Exam,
                        _ => ReviewKind::Study,
                    },
                    rating: Rating::from_number(r.get(3)?).unwrap_or(Rating::Again),
                    correct: r.get(4)?,
                    shown: indices(5)?,
                    chosen: indices(6)?,
                    duration_ms: r.get(7)?,
                    due_after: time(r.get(8)?),
                })
            })
            .map_err(self.db_err())?;
        rows.collect::<Result<Vec<_>, _>>().map_err(self.db_err())
    }

    /// Set or clear (`None` or blank) the student's note on a question.
    pub fn set_note(&mut self, row: i64, note: Option<&str>) -> Result<()> {
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        let changed = self
            .conn()
            .execute(
                "UPDATE cards SET note = ?2 WHERE question_id = ?1",
                params![row, note],
            )
            .map_err(self.db_err())?;
        if changed == 0 {
            return Err(Error::UnknownQuestion(row.to_string()));
        }
        Ok(())
    }

    /// Remove a bank. With `keep_history` it is only hidden: its cards and
    /// answers stay, and importing it again brings them back. Without, the
    /// bank, its questions and every answer to them are deleted.
    pub fn remove_bank(&mut self, bank: &str, keep_history: bool, at: DateTime<Utc>) -> Result<()> {
        if !self.has_bank(bank)? {
            return Err(Error::UnknownBank(bank.to_string()));
        }
        self.transact(|tx| {
            if keep_history {
                tx.execute(
                    "UPDATE banks SET removed_at = ?2 WHERE id = ?1",
                    params![bank, at.timestamp_millis()],
                )
            } else {
                tx.execute("DELETE FROM banks WHERE id = ?1", [bank])
            }
            .map_err(super::sql)?;
            Ok(())
        })
    }

    /// The fingerprint recorded for `bank`, and whether the bank is removed.
    pub fn bank_fingerprint(&self, bank: &str) -> Result<Option<(Option<String>, bool)>> {
        self.conn()
            .query_row(
                "SELECT fingerprint, removed_at IS NOT NULL FROM banks WHERE id = ?1",
                [bank],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(self.db_err())
    }

    /// Remember which version of a bank's files was imported.
    pub fn set_bank_fingerprint(&mut self, bank: &str, fingerprint: &str) -> Result<()> {
        self.conn()
            .execute(
                "UPDATE banks SET fingerprint = ?2 WHERE id = ?1",
                params![bank, fingerprint],
            )
            .map_err(self.db_err())?;
        Ok(())
    }

    /// The weakest active question of `bank` not in `exclude`, for practice.
    pub fn practice_candidate(&self, bank: &str, exclude: &[i64]) -> Result<Option<i64>> {
        let exclude = serde_json::to_string(exclude).unwrap_or_else(|_| "[]".into());
        self.conn()
            .prepare_cached(include_str!("sql/practice_candidate.sql"))
            .and_then(|mut s| s.query_row(params![bank, exclude], |r| r.get(0)).optional())
            .map_err(self.db_err())
    }

    /// Day numbers (days since the epoch after adding `shift_ms`) on which
    /// `bank` had at least one answer, newest first.
    pub fn study_days(&self, bank: &str, shift_ms: i64) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn()
            .prepare_cached(include_str!("sql/study_days.sql"))
            .map_err(self.db_err())?;
        let rows = stmt
            .query_map(params![bank, shift_ms], |r| r.get(0))
            .map_err(self.db_err())?;
        rows.collect::<Result<Vec<_>, _>>().map_err(self.db_err())
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeDelta, TimeZone, Utc};

    use super::*;
    use crate::clock::Clock;
    use crate::store::tests::{sample_bank, sample_question};
    use crate::study::Study;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 15, 0, 0).unwrap()
    }

    /// Three questions; `a` answered right, `c` answered wrong, `b` never seen.
    fn studied() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let mut c = sample_question("c", "d2", 2);
        c.stem = "Which **retention** period applies?".into();
        c.topics = vec!["retention".into()];
        let bank = sample_bank(vec![
            sample_question("a", "d1", 1),
            sample_question("b", "d1", 1),
            c,
        ]);
        store.import_bank(&bank, &Clock::fixed(t0())).unwrap();
        for (qid, choice) in [("a", 1), ("c", 0)] {
            let row = store.question_row("t", qid).unwrap();
            let mut study = Study::new(&mut store, "t", Clock::fixed(t0())).unwrap();
            let mut p = study.next().unwrap().unwrap();
            p.stored = study.store().question(row).unwrap();
            study.answer(&p, &[choice], 1_500).unwrap();
        }
        store
    }

    fn ids(store: &Store, search: Search) -> Vec<String> {
        store
            .search(&search)
            .unwrap()
            .into_iter()
            .map(|q| q.id)
            .collect()
    }

    fn search() -> Search {
        Search {
            bank: "t".into(),
            ..Search::default()
        }
    }

    #[test]
    fn each_filter_narrows_the_search() {
        let mut store = studied();
        assert_eq!(ids(&store, search()), ["a", "b", "c"]);
        let text = |t: &str| Search {
            text: Some(t.into()),
            ..search()
        };
        assert_eq!(
            ids(&store, text("RETENTION")),
            ["c"],
            "case-insensitive, in the stem"
        );
        assert_eq!(
            ids(&store, text("gamma")),
            ["a", "b", "c"],
            "choices are searched"
        );
        assert_eq!(
            ids(&store, text("  ")),
            ["a", "b", "c"],
            "blank text matches all"
        );
        assert_eq!(
            ids(
                &store,
                Search {
                    domain: Some("d1".into()),
                    ..search()
                }
            ),
            ["a", "b"]
        );
        assert_eq!(
            ids(
                &store,
                Search {
                    topic: Some("retention".into()),
                    ..search()
                }
            ),
            ["c"]
        );
        assert_eq!(
            ids(
                &store,
                Search {
                    last_wrong: true,
                    ..search()
                }
            ),
            ["c"]
        );
        assert_eq!(
            ids(
                &store,
                Search {
                    never_seen: true,
                    ..search()
                }
            ),
            ["b"]
        );
        assert!(
            ids(
                &store,
                Search {
                    flagged: true,
                    ..search()
                }
            )
            .is_empty()
        );
        store
            .set_flag(store.question_row("t", "b").unwrap(), true)
            .unwrap();
        assert_eq!(
            ids(
                &store,
                Search {
                    flagged: true,
                    ..search()
                }
            ),
            ["b"]
        );
        assert_eq!(store.topics("t").unwrap(), ["retention", "t"]);

        let rows = store.search(&search()).unwrap();
        assert_eq!(
            (rows[0].answers, rows[0].correct, rows[0].last_correct),
            (1, 1, Some(true))
        );
        assert_eq!(rows[1].last_correct, None);
        assert_eq!(rows[2].last_correct, Some(false));
    }

    #[test]
    fn an_unfiltered_search_lists_a_whole_exam_sized_bank() {
        let mut store = Store::open_in_memory().unwrap();
        let questions = (0..350)
            .map(|i| sample_question(&format!("q{i:03}"), "d1", 1))
            .collect();
        store
            .import_bank(&sample_bank(questions), &Clock::fixed(t0()))
            .unwrap();
        assert_eq!(store.search(&search()).unwrap().len(), 350);
        let few = Search {
            limit: Some(10),
            ..search()
        };
        assert_eq!(ids(&store, few).last().map(String::as_str), Some("q009"));
    }

    #[test]
    fn history_lists_every_answer_newest_first() {
        let store = studied();
        let row = store.question_row("t", "c").unwrap();
        let history = store.history(row).unwrap();
        assert_eq!(history.len(), 1);
        let h = &history[0];
        assert_eq!(
            (
                h.correct,
                h.rating,
                h.kind,
                h.chosen.as_slice(),
                h.duration_ms
            ),
            (false, Rating::Again, ReviewKind::Study, &[0][..], 1_500)
        );
        assert_eq!(h.at, t0());
        assert!(h.due_after.is_some_and(|d| d > t0()));
        assert!(
            store
                .history(store.question_row("t", "b").unwrap())
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn notes_are_trimmed_and_cleared() {
        let mut store = studied();
        let row = store.question_row("t", "a").unwrap();
        store.set_note(row, Some("  check 164.524  ")).unwrap();
        assert_eq!(
            store.question(row).unwrap().note.as_deref(),
            Some("check 164.524")
        );
        store.set_note(row, Some("   ")).unwrap();
        assert_eq!(store.question(row).unwrap().note, None);
        assert_eq!(
            store.set_note(9_999, Some("x")).unwrap_err().kind(),
            "unknown_question"
        );
    }

    #[test]
    fn removing_a_bank_keeps_or_deletes_its_history() {
        let mut store = studied();
        let row = store.question_row("t", "a").unwrap();
        store.remove_bank("t", true, t0()).unwrap();
        assert!(!store.has_bank("t").unwrap());
        assert!(store.banks().unwrap().is_empty());
        assert_eq!(store.review_count(row).unwrap(), 1, "history kept");
        // Loading it again brings the progress back.
        let bank = sample_bank(vec![
            sample_question("a", "d1", 1),
            sample_question("b", "d1", 1),
            sample_question("c", "d2", 2),
        ]);
        store.import_bank(&bank, &Clock::fixed(t0())).unwrap();
        assert!(store.has_bank("t").unwrap());
        assert_eq!(
            store
                .question(store.question_row("t", "a").unwrap())
                .unwrap()
                .card
                .reps,
            1
        );

        store.remove_bank("t", false, t0()).unwrap();
        assert!(!store.has_bank("t").unwrap());
        let left: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM reviews", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0, "history deleted");
        assert_eq!(
            store.remove_bank("t", true, t0()).unwrap_err().kind(),
            "unknown_bank"
        );
    }

    #[test]
    fn practice_serves_the_weakest_first_and_skips_what_was_practised() {
        let store = studied();
        let row = |q| store.question_row("t", q).unwrap();
        // c was answered wrong (accuracy 0), then a (accuracy 1), then the new b.
        assert_eq!(store.practice_candidate("t", &[]).unwrap(), Some(row("c")));
        assert_eq!(
            store.practice_candidate("t", &[row("c")]).unwrap(),
            Some(row("a"))
        );
        assert_eq!(
            store
                .practice_candidate("t", &[row("c"), row("a")])
                .unwrap(),
            Some(row("b"))
        );
        assert_eq!(
            store
                .practice_candidate("t", &[row("c"), row("a"), row("b")])
                .unwrap(),
            None
        );
    }

    #[test]
    fn study_days_count_each_day_once() {
        let store = studied();
        // Both answers were on the same day.
        assert_eq!(
            store.study_days("t", 0).unwrap(),
            [t0().timestamp_millis() / 86_400_000]
        );
        // Shifting by more than the time of day moves the answers to the next day.
        let shifted = store
            .study_days("t", TimeDelta::hours(10).num_milliseconds())
            .unwrap();
        assert_eq!(shifted, [t0().timestamp_millis() / 86_400_000 + 1]);
    }
}
