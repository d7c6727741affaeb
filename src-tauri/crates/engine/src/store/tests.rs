//! Store tests: migrations, refusing files that are not ours, and updates
//! that keep progress.

use chrono::{TimeZone, Utc};

use super::*;
use crate::bank::{Bank, Choice, Domain, Exam, Level, Question, QuestionKind};
use crate::clock::Clock;
use crate::sched::{Rating, Scheduler, SchedulerConfig};

#[test]
fn migrations_are_valid() {
    MIGRATIONS
        .validate()
        .expect("migrations apply to an empty database");
}

pub(crate) fn sample_question(id: &str, domain: &str, key: usize) -> Question {
    Question {
        id: id.into(),
        domain: domain.into(),
        topics: vec!["t".into()],
        level: Level::Application,
        kind: QuestionKind::Single,
        scenario: None,
        stem: format!("Stem of {id}?"),
        choices: ["Alpha", "Beta", "Gamma", "Delta"]
            .iter()
            .map(|t| Choice {
                text: (*t).into(),
                why: format!("why {t}"),
            })
            .collect(),
        answer: vec![key],
        explanation: "Because.".into(),
        references: vec!["45 CFR 164.524(b)(2)".into()],
        origin: None,
    }
}

pub(crate) fn sample_bank(questions: Vec<Question>) -> Bank {
    Bank {
        id: "t".into(),
        title: "Test".into(),
        version: "1".into(),
        exam: Exam {
            questions: 10,
            minutes: 10,
            source: "test".into(),
        },
        domains: vec![
            Domain {
                id: "d1".into(),
                name: "One".into(),
                weight: (40, 60),
            },
            Domain {
                id: "d2".into(),
                name: "Two".into(),
                weight: (40, 60),
            },
        ],
        questions,
        ..Bank::default()
    }
}

fn clock() -> Clock {
    Clock::fixed(Utc.with_ymd_and_hms(2026, 3, 2, 15, 0, 0).unwrap())
}

/// Record an answer to `row` rated `rating`, as shown when the card was `before`.
fn record(
    store: &mut Store,
    row: i64,
    rating: Rating,
    before: crate::sched::Card,
) -> Result<Recorded> {
    let s = Scheduler::new(SchedulerConfig::default()).unwrap();
    let after = s.review(&before, rating, clock().now(), 1);
    store.record_answer(&Answer {
        question: row,
        at: clock().now(),
        kind: ReviewKind::Study,
        rating,
        correct: rating != Rating::Again,
        shown: vec![0, 1, 2, 3],
        chosen: vec![1],
        duration_ms: 1000,
        before,
        after,
    })
}

fn answer_good(store: &mut Store, row: i64) {
    let card = store.question(row).unwrap().card;
    record(store, row, Rating::Good, card).unwrap();
}

fn bytes(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn refuses_a_file_that_is_not_sqlite_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "my thesis draft, please do not overwrite\n").unwrap();
    let before = bytes(&path);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::ForeignDatabase { .. }), "{err}");
    assert!(err.to_string().contains("not an SQLite file"), "{err}");
    assert_eq!(bytes(&path), before);
    assert!(!dir.path().join("notes.txt-wal").exists());
}

#[test]
fn refuses_another_programs_database_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite3");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');")
            .unwrap();
    }
    let before = bytes(&path);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::ForeignDatabase { .. }), "{err}");
    assert_eq!(bytes(&path), before);
}

#[test]
fn refuses_a_newer_schema_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.sqlite3");
    drop(Store::open(&path).unwrap());
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = bytes(&path);
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, Error::NewerDatabase { found: 99, .. }),
        "{err}"
    );
    assert_eq!(bytes(&path), before);
}

#[test]
fn error_messages_say_what_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    std::fs::write(&path, "hello").unwrap();
    let text = Store::open(&path)
        .unwrap_err()
        .to_string()
        .replace(&dir.path().display().to_string(), "DIR");
    insta::assert_snapshot!(text, @"DIR/x.db is not a HIT Prep database (it is not an SQLite file); it was left untouched. Choose another file with --db");
}

#[test]
fn opens_an_empty_file_and_reopens_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite3");
    std::fs::write(&path, "").unwrap();
    let mut store = Store::open(&path).unwrap();
    store
        .import_bank(&sample_bank(vec![sample_question("a", "d1", 1)]), &clock())
        .unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.banks().unwrap().len(), 1);
    let mode: String = store
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn reimport_is_idempotent() {
    let mut store = Store::open_in_memory().unwrap();
    let bank = sample_bank(vec![
        sample_question("a", "d1", 1),
        sample_question("b", "d2", 2),
    ]);
    let first = store.import_bank(&bank, &clock()).unwrap();
    assert!(first.new_bank);
    assert_eq!(first.added, vec!["a", "b"]);
    let second = store.import_bank(&bank, &clock()).unwrap();
    assert!(!second.new_bank);
    assert_eq!(
        (
            second.added.len(),
            second.changed.len(),
            second.reset.len(),
            second.retired.len()
        ),
        (0, 0, 0, 0)
    );
    assert_eq!(second.unchanged, 2);
}

#[test]
fn reimport_keeps_progress_resets_changed_keys_and_retires_removed() {
    let mut store = Store::open_in_memory().unwrap();
    let v1 = sample_bank(vec![
        sample_question("same", "d1", 1),
        sample_question("edited", "d1", 1),
        sample_question("rekeyed", "d2", 1),
        sample_question("removed", "d2", 1),
    ]);
    store.import_bank(&v1, &clock()).unwrap();
    let rows: Vec<i64> = ["same", "edited", "rekeyed", "removed"]
        .iter()
        .map(|q| store.question_row("t", q).unwrap())
        .collect();
    for &row in &rows {
        answer_good(&mut store, row);
    }

    let mut edited = sample_question("edited", "d1", 1);
    edited.explanation = "A better explanation.".into();
    let mut rekeyed = sample_question("rekeyed", "d2", 2);
    rekeyed.stem = "Stem of rekeyed?".into();
    let v2 = sample_bank(vec![
        sample_question("same", "d1", 1),
        edited,
        rekeyed,
        sample_question("added", "d2", 0),
    ]);
    let summary = store.import_bank(&v2, &clock()).unwrap();
    assert_eq!(summary.added, vec!["added"]);
    assert_eq!(summary.changed, vec!["edited"]);
    assert_eq!(summary.reset, vec!["rekeyed"]);
    assert_eq!(summary.retired, vec!["removed"]);
    assert_eq!(summary.unchanged, 1);

    let same = store.question(rows[0]).unwrap();
    assert_eq!(same.card.reps, 1, "unchanged question keeps its card");
    let edited = store.question(rows[1]).unwrap();
    assert_eq!(
        edited.card.reps, 1,
        "edited question with the same key keeps its card"
    );
    assert_eq!(edited.question.explanation, "A better explanation.");
    let rekeyed = store.question(rows[2]).unwrap();
    assert_eq!(rekeyed.card.reps, 0, "changed key resets the card");
    assert_eq!(
        store.review_count(rows[2]).unwrap(),
        1,
        "but keeps its history"
    );
    let removed = store.question(rows[3]).unwrap();
    assert!(removed.retired);
    assert_eq!(store.review_count(rows[3]).unwrap(), 1);
    assert_eq!(store.banks().unwrap()[0].retired, 1);

    // Bringing a retired question back restores it with its progress.
    let v3 = sample_bank(vec![
        sample_question("same", "d1", 1),
        sample_question("removed", "d2", 1),
    ]);
    let summary = store.import_bank(&v3, &clock()).unwrap();
    assert_eq!(summary.restored, vec!["removed"]);
    assert_eq!(store.question(rows[3]).unwrap().card.reps, 1);
}

#[test]
fn an_answer_given_elsewhere_is_not_overwritten() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .import_bank(&sample_bank(vec![sample_question("a", "d1", 1)]), &clock())
        .unwrap();
    let row = store.question_row("t", "a").unwrap();
    let stale = store.question(row).unwrap();
    answer_good(&mut store, row);
    let err = record(&mut store, row, Rating::Again, stale.card).unwrap_err();
    assert!(err.to_string().contains("answered elsewhere"), "{err}");
    assert_eq!(
        store.review_count(row).unwrap(),
        1,
        "the failed write left no review behind"
    );
}

#[test]
fn settings_round_trip_and_are_checked() {
    let mut store = Store::open_in_memory().unwrap();
    let mut s = store.settings().unwrap();
    assert_eq!(s, Settings::default());
    s.new_per_day = 35;
    s.scheduler.desired_retention = 0.85;
    store.save_settings(&s).unwrap();
    assert_eq!(store.settings().unwrap(), s);
    s.rollover_hour = 30;
    assert!(store.save_settings(&s).is_err());
}

#[test]
fn a_full_disk_saves_nothing_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("p.sqlite3")).unwrap();
    let questions = (0..50)
        .map(|i| sample_question(&format!("q{i}"), "d1", 1))
        .collect();
    store
        .import_bank(&sample_bank(questions), &clock())
        .unwrap();
    let row = store.question_row("t", "q0").unwrap();
    answer_good(&mut store, row);
    let before = store.question(row).unwrap();
    // Simulate a full disk: the file may not grow by a single page.
    let pages: i64 = store
        .conn()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    store
        .conn()
        .pragma_update(None, "max_page_count", pages)
        .unwrap();
    let big = sample_bank(
        (0..2000)
            .map(|i| sample_question(&format!("n{i}"), "d2", 1))
            .collect(),
    );
    let err = store.import_bank(&big, &clock()).unwrap_err();
    assert!(matches!(err, Error::DiskFull { .. }), "{err:?}");
    assert!(err.to_string().contains("Free some disk space"), "{err}");
    store
        .conn()
        .pragma_update(None, "max_page_count", 1_000_000)
        .unwrap();
    assert_eq!(
        store.question(row).unwrap(),
        before,
        "the saved answer is intact"
    );
    assert_eq!(
        store.banks().unwrap()[0].questions,
        50,
        "the failed import left nothing half-done"
    );
}

#[test]
fn a_damaged_file_is_reported_as_damaged_with_the_way_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        store
            .import_bank(&sample_bank(vec![sample_question("a", "d1", 1)]), &clock())
            .unwrap();
        store
            .conn()
            .pragma_update(None, "journal_mode", "DELETE")
            .unwrap();
    }
    // Scribble over everything after the header's first page.
    let mut bytes = std::fs::read(&path).unwrap();
    for b in bytes.iter_mut().skip(100) {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = Store::open(&path)
        .and_then(|s| s.banks().map(|_| ()))
        .unwrap_err();
    assert!(matches!(err, Error::DamagedDatabase { .. }), "{err:?}");
    assert!(err.to_string().contains("hitprep restore"), "{err}");
}

/// A copy of the example bank in a temporary folder, to edit.
fn example_copy() -> tempfile::TempDir {
    let src = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/example-bank");
    let dir = tempfile::tempdir().unwrap();
    let dst = dir.path().join("example");
    std::fs::create_dir_all(dst.join("questions")).unwrap();
    std::fs::copy(src.join("bank.toml"), dst.join("bank.toml")).unwrap();
    for f in std::fs::read_dir(src.join("questions")).unwrap() {
        let f = f.unwrap();
        std::fs::copy(f.path(), dst.join("questions").join(f.file_name())).unwrap();
    }
    dir
}

#[test]
fn shipped_banks_are_imported_once_and_again_only_when_changed() {
    let dir = example_copy();
    let folder = dir.path().join("example");
    let mut store = Store::open_in_memory().unwrap();
    let first = store.import_if_changed(&folder, &clock()).unwrap();
    let BundledImport::Imported { summary } = first else {
        panic!("first launch imports: {first:?}")
    };
    assert_eq!((summary.new_bank, summary.added.len()), (true, 12));
    assert_eq!(
        store.import_if_changed(&folder, &clock()).unwrap(),
        BundledImport::Unchanged {
            bank: "example".into()
        }
    );
    // A new release edits a file: imported again, progress-keeping update.
    let bank_toml = folder.join("bank.toml");
    let text = std::fs::read_to_string(&bank_toml).unwrap();
    std::fs::write(
        &bank_toml,
        text.replace("version = \"2026.11\"", "version = \"2026.12\""),
    )
    .unwrap();
    let again = store.import_if_changed(&folder, &clock()).unwrap();
    let BundledImport::Imported { summary } = again else {
        panic!("a changed bank is imported again: {again:?}")
    };
    assert_eq!((summary.new_bank, summary.unchanged), (false, 12));
    // Removed by the student: it stays removed, changed or not.
    store.remove_bank("example", true, clock().now()).unwrap();
    assert_eq!(
        store.import_if_changed(&folder, &clock()).unwrap(),
        BundledImport::Removed {
            bank: "example".into()
        }
    );
    std::fs::write(&bank_toml, text).unwrap();
    assert_eq!(
        store.import_if_changed(&folder, &clock()).unwrap(),
        BundledImport::Removed {
            bank: "example".into()
        }
    );
    assert!(!store.has_bank("example").unwrap());
}

#[test]
fn a_broken_shipped_bank_changes_nothing() {
    let dir = example_copy();
    let folder = dir.path().join("example");
    std::fs::write(folder.join("questions/broken.toml"), "[[questions]\n").unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let BundledImport::Invalid { problems, .. } =
        store.import_if_changed(&folder, &clock()).unwrap()
    else {
        panic!("a broken bank is reported")
    };
    assert!(
        problems.iter().any(|p| p.contains("broken.toml:1:")),
        "{problems:?}"
    );
    assert!(store.bank_ids().unwrap().is_empty());
}
