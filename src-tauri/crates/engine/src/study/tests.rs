//! Queue order, interleaving, limits, grading and re-rating.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};

use super::*;
use crate::bank::{Bank, Scenario};
use crate::store::tests::{sample_bank, sample_question};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 15, 0, 0).unwrap()
}

fn store_with(bank: &Bank) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let mut settings = store.settings().unwrap();
    settings.scheduler.fuzz = false;
    settings.rollover_hour = 4;
    store.save_settings(&settings).unwrap();
    store.import_bank(bank, &Clock::fixed(t0())).unwrap();
    store
}

/// Answer whatever comes next at `at`, correctly or not; returns its id.
fn answer_next(store: &mut Store, at: DateTime<Utc>, correct: bool) -> Option<(String, Reason)> {
    let mut study = Study::new(store, "t", Clock::fixed(at)).unwrap();
    let p = study.next().unwrap()?;
    let q = &p.stored.question;
    let chosen = if correct {
        q.answer.clone()
    } else {
        vec![(q.answer[0] + 1) % q.choices.len()]
    };
    study.answer(&p, &chosen, 1000).unwrap();
    Some((q.id.clone(), p.why))
}

fn bank_of(n: usize) -> Bank {
    sample_bank(
        (0..n)
            .map(|i| sample_question(&format!("q{i:02}"), if i % 2 == 0 { "d1" } else { "d2" }, 1))
            .collect(),
    )
}

#[test]
fn queue_serves_learning_then_reviews_then_new() {
    let mut store = store_with(&bank_of(6));
    // Day 1: introduce q00 (Good -> 10 m step) and q01 (Easy-ish: answer then rerate Easy -> review).
    assert_eq!(answer_next(&mut store, t0(), true).unwrap().0, "q00");
    {
        let mut study = Study::new(&mut store, "t", Clock::fixed(t0())).unwrap();
        let p = study.next().unwrap().unwrap();
        assert_eq!(p.stored.question.id, "q01");
        let f = study.answer(&p, &[1], 500).unwrap();
        study.rerate(f.recorded.review, Rating::Easy).unwrap();
    }
    // 11 minutes later, the learning card is due and comes before new ones.
    let later = t0() + TimeDelta::minutes(11);
    assert_eq!(
        answer_next(&mut store, later, true).unwrap(),
        ("q00".into(), Reason::Learning)
    );
    // Days later, the reviews come before new questions.
    let days = t0() + TimeDelta::days(40);
    let first = answer_next(&mut store, days, true).unwrap();
    assert_eq!(first.1, Reason::Review);
    let second = answer_next(&mut store, days, true).unwrap();
    assert_eq!(second.1, Reason::Review);
    assert_ne!(first.0, second.0);
    assert_eq!(answer_next(&mut store, days, true).unwrap().1, Reason::New);
}

#[test]
fn reviews_due_after_the_rollover_wait_for_tomorrow() {
    let mut store = store_with(&bank_of(2));
    let mut study = Study::new(&mut store, "t", Clock::fixed(t0())).unwrap();
    let p = study.next().unwrap().unwrap();
    let f = study.answer(&p, &p.stored.question.answer, 100).unwrap();
    let r = study.rerate(f.recorded.review, Rating::Easy).unwrap();
    let due = r.card.due.unwrap();
    // An hour before the study day that holds `due` starts, it is not due today...
    let (due_day, _) = study_day(due, 4);
    let eve = due_day - TimeDelta::hours(1);
    let counts = Study::new(&mut store, "t", Clock::fixed(eve))
        .unwrap()
        .counts()
        .unwrap();
    assert_eq!(counts.review, 0);
    // ...but from the first minute of that day it is, even before its hour.
    let morning = due_day + TimeDelta::minutes(1);
    assert!(morning <= due);
    let counts = Study::new(&mut store, "t", Clock::fixed(morning))
        .unwrap()
        .counts()
        .unwrap();
    assert_eq!(counts.review, 1);
}

#[test]
fn new_questions_are_interleaved_across_domains_and_limited_per_day() {
    let mut bank = bank_of(0);
    bank.questions = (0..6)
        .map(|i| sample_question(&format!("a{i}"), "d1", 0))
        .chain((0..6).map(|i| sample_question(&format!("b{i}"), "d2", 0)))
        .collect();
    let mut store = store_with(&bank);
    let mut settings = store.settings().unwrap();
    settings.new_per_day = 4;
    store.save_settings(&settings).unwrap();
    let order: Vec<String> = (0..4)
        .map(|_| answer_next(&mut store, t0(), false).unwrap().0)
        .collect();
    assert_eq!(order, vec!["a0", "b0", "a1", "b1"]);
    // The daily limit is reached; wrong answers come back as learning cards after their step.
    let counts = Study::new(&mut store, "t", Clock::fixed(t0()))
        .unwrap()
        .counts()
        .unwrap();
    assert_eq!(counts.new, 0);
    assert_eq!(
        answer_next(&mut store, t0() + TimeDelta::minutes(2), true)
            .unwrap()
            .1,
        Reason::Learning
    );
    // The next study day allows new ones again.
    let tomorrow = t0() + TimeDelta::days(1);
    let counts = Study::new(&mut store, "t", Clock::fixed(tomorrow))
        .unwrap()
        .counts()
        .unwrap();
    assert_eq!(counts.new, 4);
}

#[test]
fn scenario_sets_stay_together() {
    let mut bank = bank_of(0);
    let mut qs = vec![
        sample_question("s1", "d1", 0),
        sample_question("x", "d2", 0),
        sample_question("s2", "d1", 0),
        sample_question("s3", "d2", 0),
    ];
    for q in qs.iter_mut().filter(|q| q.id.starts_with('s')) {
        q.scenario = Some("case".into());
    }
    bank.scenarios = vec![Scenario {
        id: "case".into(),
        title: "A case".into(),
        text: "Case text.".into(),
    }];
    bank.questions = qs;
    let mut store = store_with(&bank);
    let order: Vec<String> = (0..4)
        .map(|_| answer_next(&mut store, t0(), false).unwrap().0)
        .collect();
    assert_eq!(order, vec!["s1", "s2", "s3", "x"]);
    let p = Study::new(&mut store, "t", Clock::fixed(t0() + TimeDelta::minutes(2)))
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(
        p.stored.scenario.as_ref().map(|s| s.text.as_str()),
        Some("Case text.")
    );
}

#[test]
fn nothing_due_means_none_and_learn_ahead_fills_the_gap() {
    let mut store = store_with(&bank_of(1));
    answer_next(&mut store, t0(), true).unwrap();
    // The 10-minute step is within the learn-ahead window once nothing else is left.
    let p = Study::new(&mut store, "t", Clock::fixed(t0()))
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(p.why, Reason::LearnAhead);
    answer_next(&mut store, t0() + TimeDelta::minutes(1), true).unwrap();
    assert!(
        Study::new(&mut store, "t", Clock::fixed(t0() + TimeDelta::minutes(1)))
            .unwrap()
            .next()
            .unwrap()
            .is_none()
    );
}

#[test]
fn grading_is_all_or_nothing() {
    let mut q = sample_question("m", "d1", 0);
    q.answer = vec![0, 2];
    assert_eq!(grade(&q, &[2, 0]), (true, Rating::Good));
    assert_eq!(grade(&q, &[0]), (false, Rating::Again));
    assert_eq!(grade(&q, &[0, 1, 2]), (false, Rating::Again));
    assert_eq!(grade(&q, &[]), (false, Rating::Again));
}

#[test]
fn options_are_reshuffled_on_each_presentation() {
    let orders: Vec<Vec<usize>> = (0..20).map(|reps| shuffled_order(4, 42, reps)).collect();
    for o in &orders {
        let mut sorted = o.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, vec![0, 1, 2, 3]);
    }
    let distinct: std::collections::HashSet<_> = orders.iter().collect();
    assert!(distinct.len() > 5, "{distinct:?}");
    assert_eq!(shuffled_order(4, 42, 3), shuffled_order(4, 42, 3));
}

#[test]
fn the_order_shown_is_recorded() {
    let mut store = store_with(&bank_of(1));
    let mut study = Study::new(&mut store, "t", Clock::fixed(t0())).unwrap();
    let p = study.next().unwrap().unwrap();
    let f = study.answer(&p, &[p.order[0]], 1234).unwrap();
    let (shown, chosen, ms): (String, String, i64) = study
        .store()
        .conn()
        .query_row(
            "SELECT shown, chosen, duration_ms FROM reviews WHERE id = ?1",
            [f.recorded.review],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(shown, serde_json::to_string(&p.order).unwrap());
    assert_eq!(chosen, format!("[{}]", p.order[0]));
    assert_eq!(ms, 1234);
}

#[test]
fn rerating_recomputes_from_the_state_before() {
    let mut store = store_with(&bank_of(1));
    let mut study = Study::new(&mut store, "t", Clock::fixed(t0())).unwrap();
    let p = study.next().unwrap().unwrap();
    let good = study.answer(&p, &p.stored.question.answer, 100).unwrap();
    assert_eq!(good.recorded.card.step, Some(1));
    let easy = study.rerate(good.recorded.review, Rating::Easy).unwrap();
    assert_eq!(easy.card.phase, crate::sched::Phase::Review);
    assert_eq!(easy.card.reps, 1);
    let hard = study.rerate(good.recorded.review, Rating::Hard).unwrap();
    assert_eq!(
        (hard.card.phase, hard.card.step),
        (crate::sched::Phase::Learning, Some(0))
    );
    assert_eq!(hard.card.due, Some(t0() + TimeDelta::seconds(330)));
    let stored = study.store().question(p.stored.row).unwrap();
    assert_eq!(stored.card, hard.card);
    assert_eq!(study.store().review_count(p.stored.row).unwrap(), 1);
}

#[test]
fn a_wrong_answer_cannot_be_rerated_up() {
    let mut store = store_with(&bank_of(1));
    let mut study = Study::new(&mut store, "t", Clock::fixed(t0())).unwrap();
    let p = study.next().unwrap().unwrap();
    let wrong = vec![(p.stored.question.answer[0] + 1) % 4];
    let f = study.answer(&p, &wrong, 100).unwrap();
    assert_eq!(f.rating, Rating::Again);
    assert!(study.rerate(f.recorded.review, Rating::Easy).is_err());
}

#[test]
fn unknown_bank_is_a_clear_error() {
    let mut store = Store::open_in_memory().unwrap();
    let err = Study::new(&mut store, "nope", Clock::fixed(t0())).unwrap_err();
    assert!(err.to_string().contains("hitprep import"), "{err}");
}
