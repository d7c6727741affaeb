//! Scheduler tests: py-fsrs replay fixtures and properties.

use std::path::PathBuf;

use chrono::{TimeDelta, TimeZone, Utc};
use proptest::prelude::*;

use super::replay::{ReplayOutput, replay};
use super::*;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fixtures/fsrs")
}

fn config_for(name: &str) -> SchedulerConfig {
    let text = std::fs::read_to_string(fixtures().join(format!("{name}.config.json")))
        .expect("fixture config exists");
    let v: serde_json::Value = serde_json::from_str(&text).expect("fixture config is JSON");
    let steps = |key: &str| {
        let list: Vec<String> = serde_json::from_value(v[key].clone()).expect("steps are strings");
        parse_steps(&list.join(",")).expect("fixture steps parse")
    };
    SchedulerConfig {
        desired_retention: v["desired_retention"].as_f64().expect("retention"),
        learning_steps: steps("learning_steps"),
        relearning_steps: steps("relearning_steps"),
        maximum_interval: v["maximum_interval"].as_u64().expect("max interval") as u32,
        fuzz: false,
        ..SchedulerConfig::default()
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-4 * b.abs().max(1e-9)
}

fn check_fixture(name: &str) {
    let scheduler = Scheduler::new(config_for(name)).expect("valid config");
    let input =
        std::fs::read(fixtures().join(format!("{name}.input.jsonl"))).expect("fixture input");
    let expected = std::fs::read_to_string(fixtures().join(format!("{name}.expected.jsonl")))
        .expect("fixture output");
    let mut out = Vec::new();
    let n = replay(&scheduler, input.as_slice(), &mut out).expect("replay succeeds");
    let got: Vec<ReplayOutput> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let want: Vec<ReplayOutput> = expected
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(n, want.len());
    assert!(
        want.len() > 1000,
        "fixture {name} is too small to mean much"
    );
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        let line = i + 1;
        assert_eq!(
            (&g.card, &g.state, g.step),
            (&w.card, &w.state, w.step),
            "{name} line {line}: state/step"
        );
        assert_eq!(g.due, w.due, "{name} line {line}: due");
        assert_eq!(
            g.interval_days, w.interval_days,
            "{name} line {line}: interval"
        );
        assert!(
            close(g.stability, w.stability),
            "{name} line {line}: stability {} vs {}",
            g.stability,
            w.stability
        );
        assert!(
            close(g.difficulty, w.difficulty),
            "{name} line {line}: difficulty {} vs {}",
            g.difficulty,
            w.difficulty
        );
        assert!(
            close(g.retrievability, w.retrievability)
                || (g.retrievability == 0.0 && w.retrievability == 0.0),
            "{name} line {line}: R {} vs {}",
            g.retrievability,
            w.retrievability
        );
    }
}

#[test]
fn matches_py_fsrs_with_default_steps() {
    check_fixture("default");
}

#[test]
fn matches_py_fsrs_without_steps() {
    check_fixture("no-steps");
}

#[test]
fn matches_py_fsrs_with_custom_retention_steps_and_maximum() {
    check_fixture("custom");
}

#[test]
fn step_rules() {
    let s = Scheduler::new(SchedulerConfig {
        fuzz: false,
        ..SchedulerConfig::default()
    })
    .unwrap();
    let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
    let cases = [
        (
            Rating::Again,
            Phase::Learning,
            Some(0),
            TimeDelta::minutes(1),
        ),
        (
            Rating::Hard,
            Phase::Learning,
            Some(0),
            TimeDelta::seconds(330),
        ),
        (
            Rating::Good,
            Phase::Learning,
            Some(1),
            TimeDelta::minutes(10),
        ),
    ];
    for (rating, phase, step, delay) in cases {
        let r = s.review(&Card::new(), rating, t0, 1);
        assert_eq!(
            (r.card.phase, r.card.step, r.card.due),
            (phase, step, Some(t0 + delay)),
            "{rating:?}"
        );
    }
    let easy = s.review(&Card::new(), Rating::Easy, t0, 1);
    assert_eq!(easy.card.phase, Phase::Review);
    assert_eq!(easy.interval_days, Some(8));
}

#[test]
fn steps_parse_and_print() {
    assert_eq!(
        parse_steps("1m, 10m").unwrap(),
        vec![TimeDelta::minutes(1), TimeDelta::minutes(10)]
    );
    assert_eq!(parse_steps("none").unwrap(), vec![]);
    assert_eq!(
        format_steps(&parse_steps("30s,2h,1d,90m").unwrap()),
        "30s,2h,1d,90m"
    );
    assert!(
        parse_steps("ten minutes")
            .unwrap_err()
            .contains("number followed by")
    );
    assert!(parse_steps("0m").is_err());
}

proptest! {
    /// Better answers never schedule a review card sooner, and memory stays in range.
    #[test]
    fn intervals_are_monotonic_in_rating(
        ratings in proptest::collection::vec(1i64..=4, 1..30),
        gaps in proptest::collection::vec(0i64..200_000, 30),
    ) {
        let s = Scheduler::new(SchedulerConfig { fuzz: false, ..SchedulerConfig::default() }).unwrap();
        let mut card = Card::new();
        let mut at = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
        for (r, gap) in ratings.iter().zip(&gaps) {
            let dues: Vec<_> = Rating::ALL.iter().map(|&x| s.review(&card, x, at, 1).card.due.unwrap()).collect();
            if card.phase == Phase::Review {
                prop_assert!(dues.windows(2).all(|w| w[0] <= w[1]), "{dues:?}");
            }
            let next = s.review(&card, Rating::from_number(*r).unwrap(), at, 1);
            let m = next.card.memory.unwrap();
            prop_assert!(m.stability > 0.0 && m.stability.is_finite());
            prop_assert!((1.0..=10.0).contains(&m.difficulty));
            prop_assert!((0.0..=1.0).contains(&next.retrievability));
            prop_assert!(next.card.due.unwrap() > at);
            card = next.card;
            at += TimeDelta::seconds(*gap);
        }
    }
}

#[test]
fn a_fuzzed_replay_repeats_itself_and_differs_from_no_fuzz() {
    let input = std::fs::read(fixtures().join("default.input.jsonl")).expect("fixture input");
    let run = |fuzz: bool| {
        let s = Scheduler::new(SchedulerConfig {
            fuzz,
            ..SchedulerConfig::default()
        })
        .unwrap();
        let mut out = Vec::new();
        replay(&s, input.as_slice(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    let (first, second, plain) = (run(true), run(true), run(false));
    assert_eq!(
        first, second,
        "fuzz is seeded from the card and its review count"
    );
    let differing = first
        .lines()
        .zip(plain.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert!(differing > 100, "fuzz moved only {differing} due dates");
}
