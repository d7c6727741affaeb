//! A study session as a window runs it: one question on screen at a time,
//! choices addressed by their position on screen, feedback rendered for
//! display, a progress count, and extra practice that leaves the schedule
//! alone.
//!
//! The session keeps no borrow of the store, so a shell can hold it between
//! calls; each call takes the store and the clock it needs. Every answer is
//! saved before [`Session::answer`] returns, so ending a session, or the
//! process dying, loses nothing but the question on screen.

use serde::{Deserialize, Serialize};

use super::{Presented, Reason, Study, shuffled_order};
use crate::bank::{Question, QuestionKind, Scenario, letter};
use crate::clock::{Clock, Stopwatch, humanize};
use crate::error::{Error, Result};
use crate::render;
use crate::sched::Rating;
use crate::store::{HistoryEntry, ReviewKind, Store};

/// Scheduled study, or practice that records answers but moves nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Study,
    Practice,
}

/// A scenario (shared case) as displayed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScenarioView {
    pub title: String,
    pub html: String,
}

/// Where the session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Progress {
    pub answered: usize,
    pub correct: usize,
    /// Questions still due today (study mode); `None` in practice.
    pub remaining: Option<usize>,
}

/// A question on screen. Choices are in display order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Shown {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub row: i64,
    pub bank: String,
    pub id: String,
    pub domain: String,
    pub domain_name: String,
    pub kind: QuestionKind,
    /// How many choices to pick: 1 for single-answer questions.
    pub choose: usize,
    pub stem_html: String,
    pub scenario: Option<ScenarioView>,
    pub choices_html: Vec<String>,
    pub flagged: bool,
    pub note: Option<String>,
    pub reason: Reason,
    pub mode: Mode,
    pub progress: Progress,
}

/// What the student sees after answering. Positions are display positions.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Outcome {
    pub correct: bool,
    pub rating: Rating,
    /// Display positions of the correct choices.
    pub key: Vec<usize>,
    /// Display positions the student chose.
    pub chosen: Vec<usize>,
    pub explanation_html: String,
    /// Why each choice is right or wrong, in display order.
    pub rationales_html: Vec<String>,
    pub references: Vec<String>,
    /// "10 minutes": how soon the question comes back (study mode only).
    pub next_due: Option<String>,
    /// Whether Hard / Easy may still be chosen for this answer.
    pub can_rerate: bool,
    pub progress: Progress,
}

/// A question opened from Browse: as written, with its key and history.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QuestionDetail {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub row: i64,
    pub bank: String,
    pub id: String,
    pub domain: String,
    pub topics: Vec<String>,
    pub kind: QuestionKind,
    pub stem_html: String,
    pub scenario: Option<ScenarioView>,
    /// Choices as written, with letters A, B, ...
    pub choices_html: Vec<String>,
    pub rationales_html: Vec<String>,
    /// Indices of the correct choices.
    pub key: Vec<usize>,
    pub explanation_html: String,
    pub references: Vec<String>,
    pub flagged: bool,
    pub note: Option<String>,
    pub retired: bool,
    pub history: Vec<HistoryEntry>,
}

#[derive(Debug)]
struct OnScreen {
    presented: Presented,
    since: Stopwatch,
}

#[derive(Debug, Clone, Copy)]
struct LastAnswer {
    review: i64,
    correct: bool,
}

/// One sitting over one bank.
#[derive(Debug)]
pub struct Session {
    bank: String,
    mode: Mode,
    current: Option<OnScreen>,
    last: Option<LastAnswer>,
    answered: usize,
    correct: usize,
    /// Rows practised in this session, so practice does not repeat itself.
    practised: Vec<i64>,
}

impl Session {
    pub fn new(store: &Store, bank: &str, mode: Mode) -> Result<Session> {
        if !store.has_bank(bank)? {
            return Err(Error::UnknownBank(bank.to_string()));
        }
        Ok(Session {
            bank: bank.to_string(),
            mode,
            current: None,
            last: None,
            answered: 0,
            correct: 0,
            practised: Vec::new(),
        })
    }

    pub fn bank(&self) -> &str {
        &self.bank
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The question on screen, or the next one; `None` when nothing is left.
    /// Asking twice without answering shows the same question again.
    pub fn next(&mut self, store: &mut Store, clock: Clock) -> Result<Option<Shown>> {
        if self.current.is_none() {
            let presented = match self.mode {
                Mode::Study => Study::new(store, &self.bank, clock)?.next()?,
                Mode::Practice => self.next_practice(store)?,
            };
            self.current = presented.map(|presented| OnScreen {
                presented,
                since: Stopwatch::start(),
            });
        }
        let progress = self.progress(store, clock)?;
        let Some(on) = &self.current else {
            return Ok(None);
        };
        let p = &on.presented;
        let q = &p.stored.question;
        let domain_name = store
            .bank_blueprint(&self.bank)?
            .domains
            .into_iter()
            .find(|d| d.id == q.domain)
            .map_or_else(|| q.domain.clone(), |d| d.name);
        Ok(Some(Shown {
            row: p.stored.row,
            bank: self.bank.clone(),
            id: q.id.clone(),
            domain: q.domain.clone(),
            domain_name,
            kind: q.kind,
            choose: q.answer.len().max(1),
            stem_html: render::markdown(&q.stem),
            scenario: p.stored.scenario.as_ref().map(scenario_view),
            choices_html: p
                .order
                .iter()
                .map(|&i| render::inline(&q.choices[i].text))
                .collect(),
            flagged: p.stored.flagged,
            note: p.stored.note.clone(),
            reason: p.why,
            mode: self.mode,
            progress,
        }))
    }

    fn next_practice(&mut self, store: &Store) -> Result<Option<Presented>> {
        let Some(row) = store.practice_candidate(&self.bank, &self.practised)? else {
            return Ok(None);
        };
        let stored = store.question(row)?;
        // Salt with the answers so far, so practice shows a fresh order too.
        let salt = u32::try_from(store.review_count(row)?).unwrap_or(u32::MAX);
        let order = shuffled_order(stored.question.choices.len(), stored.seed(), salt);
        Ok(Some(Presented {
            stored,
            order,
            why: Reason::Practice,
        }))
    }

    /// Grade and save the answer to the question on screen. `positions` are
    /// display positions (0 = the first choice shown).
    pub fn answer(
        &mut self,
        store: &mut Store,
        clock: Clock,
        positions: &[usize],
    ) -> Result<Outcome> {
        let on = self.current.as_ref().ok_or_else(|| {
            Error::InvalidInput("there is no question on screen to answer".into())
        })?;
        let p = &on.presented;
        let shown = p.order.len();
        if positions.is_empty() {
            return Err(Error::InvalidInput(
                "choose at least one answer first".into(),
            ));
        }
        if let Some(bad) = positions.iter().find(|&&i| i >= shown) {
            return Err(Error::InvalidInput(format!(
                "there is no choice {}; this question has {shown}",
                letter(*bad)
            )));
        }
        let chosen: Vec<usize> = positions.iter().map(|&i| p.order[i]).collect();
        let kind = match self.mode {
            Mode::Study => ReviewKind::Study,
            Mode::Practice => ReviewKind::Practice,
        };
        let elapsed = on.since.elapsed_ms();
        let feedback =
            Study::new(store, &self.bank, clock)?.answer_as(p, &chosen, elapsed, None, kind)?;
        let Some(on) = self.current.take() else {
            return Err(Error::InvalidInput(
                "there is no question on screen to answer".into(),
            ));
        };
        let p = on.presented;
        self.answered += 1;
        self.correct += usize::from(feedback.correct);
        if self.mode == Mode::Practice {
            self.practised.push(p.stored.row);
        }
        self.last = Some(LastAnswer {
            review: feedback.recorded.review,
            correct: feedback.correct,
        });
        let q = &p.stored.question;
        let mut chosen_positions = positions.to_vec();
        chosen_positions.sort_unstable();
        chosen_positions.dedup();
        // Measured from the answer's own time, so a 1-minute step reads
        // "1 minute" however long this call took.
        let next_due = match (self.mode, feedback.recorded.card.due) {
            (Mode::Study, Some(due)) => Some(humanize(
                due - feedback
                    .recorded
                    .card
                    .last_review
                    .unwrap_or_else(|| clock.now()),
            )),
            _ => None,
        };
        Ok(Outcome {
            correct: feedback.correct,
            rating: feedback.rating,
            key: positions_of(&p.order, q),
            chosen: chosen_positions,
            explanation_html: render::markdown(&q.explanation),
            rationales_html: p
                .order
                .iter()
                .map(|&i| render::inline(&q.choices[i].why))
                .collect(),
            references: q.references.clone(),
            next_due,
            can_rerate: self.mode == Mode::Study && feedback.correct,
            progress: self.progress(store, clock)?,
        })
    }

    /// Rate the last (right) answer Hard, Good or Easy instead. Returns when
    /// the question comes back.
    pub fn rate(&mut self, store: &mut Store, clock: Clock, rating: Rating) -> Result<String> {
        let last = self
            .last
            .filter(|l| l.correct && self.mode == Mode::Study)
            .ok_or_else(|| {
                Error::InvalidInput("only a right answer in study can be rated Hard or Easy".into())
            })?;
        if rating == Rating::Again {
            return Err(Error::InvalidInput(
                "a right answer cannot be rated Again".into(),
            ));
        }
        let recorded = Study::new(store, &self.bank, clock)?.rerate(last.review, rating)?;
        let c = recorded.card;
        Ok(c.due
            .map(|due| humanize(due - c.last_review.unwrap_or_else(|| clock.now())))
            .unwrap_or_default())
    }

    /// Flag or unflag the question on screen (or the one just answered).
    pub fn set_flag(&mut self, store: &mut Store, row: i64, flagged: bool) -> Result<()> {
        store.set_flag(row, flagged)?;
        if let Some(on) = self
            .current
            .as_mut()
            .filter(|on| on.presented.stored.row == row)
        {
            on.presented.stored.flagged = flagged;
        }
        Ok(())
    }

    /// Set the note on a question, keeping the one on screen in step.
    pub fn set_note(&mut self, store: &mut Store, row: i64, note: Option<&str>) -> Result<()> {
        store.set_note(row, note)?;
        if let Some(on) = self
            .current
            .as_mut()
            .filter(|on| on.presented.stored.row == row)
        {
            on.presented.stored.note = note
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string);
        }
        Ok(())
    }

    pub fn progress(&self, store: &mut Store, clock: Clock) -> Result<Progress> {
        let remaining = match self.mode {
            Mode::Study => {
                let due = Study::new(store, &self.bank, clock)?.counts()?;
                Some(due.learning + due.review + due.new)
            }
            Mode::Practice => None,
        };
        Ok(Progress {
            answered: self.answered,
            correct: self.correct,
            remaining,
        })
    }
}

fn positions_of(order: &[usize], q: &Question) -> Vec<usize> {
    order
        .iter()
        .enumerate()
        .filter(|(_, i)| q.is_correct(**i))
        .map(|(pos, _)| pos)
        .collect()
}

fn scenario_view(s: &Scenario) -> ScenarioView {
    ScenarioView {
        title: s.title.clone(),
        html: render::markdown(&s.text),
    }
}

/// A question with its key, rationales and history, for Browse.
pub fn detail(store: &Store, row: i64) -> Result<QuestionDetail> {
    let s = store.question(row)?;
    let q = &s.question;
    Ok(QuestionDetail {
        row,
        bank: s.bank.clone(),
        id: q.id.clone(),
        domain: q.domain.clone(),
        topics: q.topics.clone(),
        kind: q.kind,
        stem_html: render::markdown(&q.stem),
        scenario: s.scenario.as_ref().map(scenario_view),
        choices_html: q.choices.iter().map(|c| render::inline(&c.text)).collect(),
        rationales_html: q.choices.iter().map(|c| render::inline(&c.why)).collect(),
        key: q.answer.clone(),
        explanation_html: render::markdown(&q.explanation),
        references: q.references.clone(),
        flagged: s.flagged,
        note: s.note.clone(),
        retired: s.retired,
        history: store.history(row)?,
    })
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeDelta, TimeZone, Utc};

    use super::*;
    use crate::store::tests::{sample_bank, sample_question};

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 15, 0, 0).unwrap()
    }

    fn store_with(n: usize) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let questions = (0..n)
            .map(|i| sample_question(&format!("q{i}"), "d1", 1))
            .collect();
        store
            .import_bank(&sample_bank(questions), &Clock::fixed(t0()))
            .unwrap();
        store
    }

    /// The display position of the correct choice (original index 1, "Beta").
    fn right_position(shown: &Shown) -> usize {
        shown.choices_html.iter().position(|c| c == "Beta").unwrap()
    }

    #[test]
    fn answers_by_display_position_and_reports_in_display_order() {
        let mut store = store_with(3);
        let clock = Clock::fixed(t0());
        let mut s = Session::new(&store, "t", Mode::Study).unwrap();
        let shown = s.next(&mut store, clock).unwrap().unwrap();
        assert_eq!(shown.choose, 1);
        assert_eq!(
            shown.progress,
            Progress {
                answered: 0,
                correct: 0,
                remaining: Some(3)
            }
        );
        assert_eq!(
            s.next(&mut store, clock).unwrap().unwrap(),
            shown,
            "same question until answered"
        );
        let right = right_position(&shown);
        let wrong = (right + 1) % 4;
        let out = s.answer(&mut store, clock, &[wrong]).unwrap();
        assert!(!out.correct);
        assert_eq!(
            (out.key.clone(), out.chosen.clone()),
            (vec![right], vec![wrong])
        );
        assert_eq!(out.rationales_html[right], "why Beta");
        assert_eq!(out.next_due.as_deref(), Some("1 minute"));
        assert!(!out.can_rerate, "a wrong answer is always Again");
        assert_eq!(out.progress.answered, 1);
        let row = store.question_row("t", &shown.id).unwrap();
        let history = store.history(row).unwrap();
        assert_eq!(
            history[0].chosen,
            [history[0].shown[wrong]],
            "saved as the choice written"
        );
        assert!(
            s.answer(&mut store, clock, &[0]).is_err(),
            "nothing on screen now"
        );
    }

    #[test]
    fn a_right_answer_can_be_rated_easy() {
        let mut store = store_with(1);
        let clock = Clock::fixed(t0());
        let mut s = Session::new(&store, "t", Mode::Study).unwrap();
        let shown = s.next(&mut store, clock).unwrap().unwrap();
        let out = s
            .answer(&mut store, clock, &[right_position(&shown)])
            .unwrap();
        assert!(out.correct && out.can_rerate);
        assert_eq!(out.rating, Rating::Good);
        let back = s.rate(&mut store, clock, Rating::Easy).unwrap();
        assert!(back.ends_with("days"), "Easy graduates at once: {back}");
        assert!(s.rate(&mut store, clock, Rating::Again).is_err());
        assert_eq!(
            s.next(&mut store, clock).unwrap(),
            None,
            "the only question is done for now"
        );
    }

    #[test]
    fn rejects_positions_that_are_not_on_screen() {
        let mut store = store_with(1);
        let clock = Clock::fixed(t0());
        let mut s = Session::new(&store, "t", Mode::Study).unwrap();
        s.next(&mut store, clock).unwrap();
        assert!(
            s.answer(&mut store, clock, &[])
                .unwrap_err()
                .to_string()
                .contains("choose")
        );
        assert!(
            s.answer(&mut store, clock, &[4])
                .unwrap_err()
                .to_string()
                .contains("no choice E")
        );
        assert!(
            s.answer(&mut store, clock, &[0]).is_ok(),
            "the question is still there"
        );
    }

    #[test]
    fn practice_records_answers_without_moving_the_schedule() {
        let mut store = store_with(2);
        let clock = Clock::fixed(t0());
        let mut s = Session::new(&store, "t", Mode::Practice).unwrap();
        let mut seen = Vec::new();
        while let Some(shown) = s.next(&mut store, clock).unwrap() {
            assert_eq!(
                (shown.reason, shown.mode),
                (Reason::Practice, Mode::Practice)
            );
            let out = s
                .answer(&mut store, clock, &[right_position(&shown)])
                .unwrap();
            assert!(out.correct && !out.can_rerate && out.next_due.is_none());
            seen.push(shown.id);
            assert!(seen.len() <= 2, "practice does not repeat within a session");
        }
        assert_eq!(seen.len(), 2);
        for id in seen {
            let q = store
                .question(store.question_row("t", &id).unwrap())
                .unwrap();
            assert_eq!((q.card.reps, q.card.due), (0, None), "schedule untouched");
            assert_eq!(store.review_count(q.row).unwrap(), 1, "answer recorded");
        }
        // Study still has both as new.
        let study = Session::new(&store, "t", Mode::Study).unwrap();
        assert_eq!(
            study.progress(&mut store, clock).unwrap().remaining,
            Some(2)
        );
    }

    #[test]
    fn home_counts_split_now_from_later_today_and_count_the_streak() {
        let mut store = store_with(3);
        let mut day = t0() - TimeDelta::days(2);
        // Answer wrongly once a day for three days: a three-day streak.
        for _ in 0..3 {
            let clock = Clock::fixed(day);
            let mut s = Session::new(&store, "t", Mode::Study).unwrap();
            let shown = s.next(&mut store, clock).unwrap().unwrap();
            s.answer(&mut store, clock, &[(right_position(&shown) + 1) % 4])
                .unwrap();
            day += TimeDelta::days(1);
        }
        let now = t0();
        let report = crate::stats::report(&mut store, Some("t"), Clock::fixed(now)).unwrap();
        let b = &report.banks[0];
        assert_eq!(b.streak_days, 3);
        // The same (learning) question came back each day; today's wrong
        // answer is due in a minute: later today, not now. New questions
        // are not "due".
        assert_eq!((b.due_now, b.due_later_today, b.due.new), (0, 1, 2));
        let soon = crate::stats::report(
            &mut store,
            Some("t"),
            Clock::fixed(now + TimeDelta::minutes(2)),
        )
        .unwrap();
        assert_eq!(
            (soon.banks[0].due_now, soon.banks[0].due_later_today),
            (1, 0)
        );
        let tomorrow = crate::stats::report(
            &mut store,
            Some("t"),
            Clock::fixed(now + TimeDelta::days(1)),
        )
        .unwrap();
        assert_eq!(
            tomorrow.banks[0].streak_days, 3,
            "a streak survives until the day ends"
        );
        let gap = crate::stats::report(
            &mut store,
            Some("t"),
            Clock::fixed(now + TimeDelta::days(2)),
        )
        .unwrap();
        assert_eq!(gap.banks[0].streak_days, 0, "a missed day ends it");
    }
}
