//! Statistics: due counts, today's reviews, and accuracy and mean
//! retrievability by domain. Aggregated in SQL from the cards' running
//! totals, so the cost grows with the number of cards, not of reviews.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;

use crate::clock::{Clock, format_instant, study_day};
use crate::error::Result;
use crate::sched::Scheduler;
use crate::store::Store;
use crate::study::{DueCounts, Study};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DomainStats {
    pub id: String,
    pub name: String,
    /// Active questions in the domain.
    pub questions: usize,
    /// Questions answered at least once.
    pub seen: usize,
    pub answers: usize,
    pub correct: usize,
    /// correct / answers, `None` before any answer.
    pub accuracy: Option<f64>,
    /// Mean probability of recall now over seen questions.
    pub mean_retrievability: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BankReport {
    pub id: String,
    pub title: String,
    pub due: DueCounts,
    /// Learning and review cards due now.
    pub due_now: usize,
    /// Learning and review cards that fall due later in this study day.
    pub due_later_today: usize,
    pub reviews_today: usize,
    /// Consecutive study days, up to today, with at least one answer
    /// (today still counts as open: a streak ending yesterday is kept).
    pub streak_days: usize,
    pub by_domain: Vec<DomainStats>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatsReport {
    pub now: String,
    pub banks: Vec<BankReport>,
}

/// Statistics for one bank, or for every loaded bank.
pub fn report(store: &mut Store, bank: Option<&str>, clock: Clock) -> Result<StatsReport> {
    let now = clock.now();
    let ids: Vec<String> = match bank {
        Some(id) if store.has_bank(id)? => vec![id.to_string()],
        Some(id) => return Err(crate::Error::UnknownBank(id.to_string())),
        None => store.bank_ids()?,
    };
    let settings = store.settings()?;
    let scheduler = Scheduler::new(settings.scheduler.clone())?;
    let (day_start, day_end) = study_day(now, settings.rollover_hour);
    let mut out = Vec::new();
    for id in ids {
        let blueprint = store.bank_blueprint(&id)?;
        let by_domain = domain_stats(store, &id, &blueprint, &scheduler, now)?;
        let reviews_today = store
            .answers_by_domain_since(&id, day_start)?
            .values()
            .sum();
        let due = Study::new(store, &id, clock)?.counts()?;
        let due_now = store.count_learning_due(&id, now)? + store.count_review_due(&id, now)?;
        let due_later_today =
            (due.review + store.count_learning_due(&id, day_end)?).saturating_sub(due_now);
        let streak_days = streak(store, &id, now, settings.rollover_hour)?;
        out.push(BankReport {
            id,
            title: blueprint.title,
            due,
            due_now,
            due_later_today,
            reviews_today,
            streak_days,
            by_domain,
        });
    }
    Ok(StatsReport {
        now: format_instant(now),
        banks: out,
    })
}

/// Whole days from today (local) to the exam date in Settings, if one is set.
pub fn days_to_exam(store: &Store, clock: Clock) -> Result<Option<i64>> {
    let today = clock.now().with_timezone(&chrono::Local).date_naive();
    Ok(store.settings()?.exam_date.map(|d| (d - today).num_days()))
}

/// Consecutive study days with an answer, ending today or yesterday.
fn streak(store: &Store, bank: &str, now: DateTime<Utc>, rollover_hour: u32) -> Result<usize> {
    // Shift instants so that a study day starts at midnight of the shifted
    // clock: local offset (as of now) minus the rollover hour.
    let offset_ms = i64::from(now.with_timezone(&chrono::Local).offset().local_minus_utc()) * 1000;
    let shift = offset_ms - i64::from(rollover_hour.min(23)) * 3_600_000;
    let today = (now.timestamp_millis() + shift).div_euclid(86_400_000);
    let days = store.study_days(bank, shift)?;
    let mut expect = match days.first() {
        Some(&d) if d == today || d == today - 1 => d,
        _ => return Ok(0),
    };
    let mut n = 0;
    for d in days {
        if d != expect {
            break;
        }
        n += 1;
        expect -= 1;
    }
    Ok(n)
}

fn domain_stats(
    store: &Store,
    bank: &str,
    blueprint: &crate::bank::Bank,
    scheduler: &Scheduler,
    now: DateTime<Utc>,
) -> Result<Vec<DomainStats>> {
    let (decay, factor) = scheduler.curve();
    let mut stmt = store
        .conn()
        .prepare_cached(include_str!("store/sql/domain_stats.sql"))
        .map_err(store.db_err())?;
    let rows = stmt
        .query_map(params![bank, now.timestamp_millis(), factor, decay], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)? as usize,
                r.get::<_, i64>(2)? as usize,
                r.get::<_, i64>(3)? as usize,
                r.get::<_, i64>(4)? as usize,
                r.get::<_, Option<f64>>(5)?,
            ))
        })
        .map_err(store.db_err())?;
    let mut found = std::collections::HashMap::new();
    for row in rows {
        let row = row.map_err(store.db_err())?;
        found.insert(row.0.clone(), row);
    }
    let mut out = Vec::new();
    let mut ids: Vec<(String, String)> = blueprint
        .domains
        .iter()
        .map(|d| (d.id.clone(), d.name.clone()))
        .collect();
    for id in found.keys() {
        if !ids.iter().any(|(d, _)| d == id) {
            ids.push((id.clone(), id.clone()));
        }
    }
    for (id, name) in ids {
        let (questions, seen, answers, correct, mean_r) = found
            .get(&id)
            .map(|r| (r.1, r.2, r.3, r.4, r.5))
            .unwrap_or((0, 0, 0, 0, None));
        out.push(DomainStats {
            id,
            name,
            questions,
            seen,
            answers,
            correct,
            accuracy: (answers > 0).then(|| correct as f64 / answers as f64),
            mean_retrievability: mean_r,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use chrono::{TimeDelta, TimeZone, Utc};

    use super::*;
    use crate::store::tests::{sample_bank, sample_question};

    #[test]
    fn accuracy_and_retrievability_by_domain() {
        let t0 = Utc.with_ymd_and_hms(2026, 3, 2, 15, 0, 0).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let bank = sample_bank(vec![
            sample_question("a", "d1", 1),
            sample_question("b", "d1", 1),
            sample_question("c", "d2", 1),
        ]);
        store.import_bank(&bank, &Clock::fixed(t0)).unwrap();
        // The queue interleaves domains: a (d1), then c (d2), then b (d1).
        for (qid, correct) in [("a", true), ("c", true), ("b", false)] {
            let mut study = Study::new(&mut store, "t", Clock::fixed(t0)).unwrap();
            let p = study.next().unwrap().unwrap();
            assert_eq!(p.stored.question.id, qid);
            let chosen = if correct { vec![1] } else { vec![0] };
            study.answer(&p, &chosen, 100).unwrap();
        }
        let later = t0 + TimeDelta::days(3);
        let report = report(&mut store, Some("t"), Clock::fixed(later)).unwrap();
        let b = &report.banks[0];
        assert_eq!(b.reviews_today, 0, "answers were three days ago");
        let d1 = &b.by_domain[0];
        assert_eq!(
            (d1.questions, d1.seen, d1.answers, d1.correct),
            (2, 2, 2, 1)
        );
        assert_eq!(d1.accuracy, Some(0.5));
        // The mean of the two cards' own retrievability, as the scheduler computes it.
        let scheduler = Scheduler::new(store.settings().unwrap().scheduler).unwrap();
        let expected: f64 = ["a", "b"]
            .iter()
            .map(|q| {
                scheduler.retrievability(
                    &store
                        .question(store.question_row("t", q).unwrap())
                        .unwrap()
                        .card,
                    later,
                )
            })
            .sum::<f64>()
            / 2.0;
        let got = d1.mean_retrievability.unwrap();
        assert!(
            (got - expected).abs() < 1e-9 && got < 1.0,
            "{got} vs {expected}"
        );
        let d2 = &b.by_domain[1];
        assert_eq!((d2.questions, d2.seen, d2.accuracy), (1, 1, Some(1.0)));
    }
}
