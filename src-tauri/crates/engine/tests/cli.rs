//! End-to-end tests of the `hitprep` binary: exit codes, JSON, a study
//! session over stdin, and a session killed mid-way that loses nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use hitprep::store::Store;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../..")
}

fn example_bank() -> PathBuf {
    repo().join("tests/fixtures/example-bank")
}

const NOW: &str = "2026-03-02T15:00:00Z";

fn hitprep(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hitprep"));
    c.args(args)
        .env("HITPREP_DB", db)
        .env("HITPREP_NOW", NOW)
        .env("TZ", "UTC");
    c
}

fn run(db: &Path, args: &[&str]) -> Output {
    hitprep(db, args).output().expect("hitprep runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn validate_exit_codes_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let ok = run(
        &db,
        &["validate", "--strict", example_bank().to_str().unwrap()],
    );
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}{}",
        text(&ok.stdout),
        text(&ok.stderr)
    );

    let json = run(
        &db,
        &["validate", "--json", example_bank().to_str().unwrap()],
    );
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["ok"], true);
    assert!(v["errors"].as_array().unwrap().is_empty());
    assert!(v["stats"]["questions"].as_u64().unwrap() >= 10);
    for key in ["by_domain", "by_type", "by_level", "answer_positions"] {
        assert!(v["stats"][key].is_object(), "stats.{key} missing: {v}");
    }

    // A broken copy: exit 1, every error as file:line:column in text and JSON.
    let broken = dir.path().join("broken");
    copy_dir(&example_bank(), &broken);
    let q = std::fs::read_dir(broken.join("questions"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let original = std::fs::read_to_string(&q).unwrap();
    std::fs::write(&q, original.replacen("answer = \"", "answer = \"Z", 1)).unwrap();
    let bad = run(&db, &["validate", broken.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
    let out = text(&bad.stdout);
    let line = out
        .lines()
        .find(|l| l.contains("error:"))
        .expect("an error line");
    let location = line.split(": error:").next().unwrap();
    let parts: Vec<&str> = location.rsplitn(3, ':').collect();
    assert!(
        parts[0].parse::<usize>().is_ok() && parts[1].parse::<usize>().is_ok(),
        "{line}"
    );
    let bad_json = run(&db, &["validate", "--json", broken.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&bad_json.stdout).unwrap();
    assert_eq!(v["ok"], false);
    let e = &v["errors"][0];
    assert!(
        e["file"].as_str().unwrap().ends_with(".toml")
            && e["line"].as_u64().unwrap() > 0
            && e["column"].as_u64().unwrap() > 0
    );

    let usage = run(&db, &["validate"]);
    assert_eq!(usage.status.code(), Some(2));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn import_banks_and_stats() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let first = run(&db, &["import", example_bank().to_str().unwrap()]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(
        text(&first.stdout).contains("Loaded bank `example`"),
        "{}",
        text(&first.stdout)
    );
    let again = run(&db, &["--json", "import", example_bank().to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(v["added"].as_array().unwrap().len(), 0);
    assert!(v["unchanged"].as_u64().unwrap() >= 10);

    let banks: serde_json::Value =
        serde_json::from_slice(&run(&db, &["banks", "--json"]).stdout).unwrap();
    assert_eq!(banks[0]["id"], "example");

    let stats: serde_json::Value =
        serde_json::from_slice(&run(&db, &["stats", "--json"]).stdout).unwrap();
    let bank = &stats["banks"][0];
    assert_eq!(bank["reviews_today"], 0);
    assert!(bank["due"]["new"].as_u64().unwrap() > 0);
    assert!(
        bank["by_domain"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["accuracy"].is_null())
    );

    let unknown = run(&db, &["stats", "nope"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(text(&unknown.stderr).contains("no bank `nope`"));
}

#[test]
fn a_foreign_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("thesis.docx");
    std::fs::write(&db, b"PK\x03\x04 definitely not sqlite").unwrap();
    let out = run(&db, &["banks"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("is not a HIT Prep database"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read(&db).unwrap(),
        b"PK\x03\x04 definitely not sqlite"
    );
    let json = run(&db, &["--json", "banks"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["error"]["kind"], "foreign_database");
}

#[test]
fn fsrs_replay_matches_the_py_fsrs_fixture() {
    let fixtures = repo().join("tests/fixtures/fsrs");
    let config: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures.join("custom.config.json")).unwrap(),
    )
    .unwrap();
    let args: Vec<String> = serde_json::from_value(config["cli_args"].clone()).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hitprep"));
    cmd.args(["fsrs", "replay"])
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let input = std::fs::read(fixtures.join("custom.input.jsonl")).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success());
    let expected = std::fs::read_to_string(fixtures.join("custom.expected.jsonl")).unwrap();
    let got = text(&out.stdout);
    assert_eq!(got.lines().count(), expected.lines().count());
    for (g, w) in got.lines().zip(expected.lines()) {
        let g: serde_json::Value = serde_json::from_str(g).unwrap();
        let w: serde_json::Value = serde_json::from_str(w).unwrap();
        for key in ["card", "state", "step", "due", "interval_days"] {
            assert_eq!(g[key], w[key], "{key}: {g} vs {w}");
        }
    }

    let bad = Command::new(env!("CARGO_BIN_EXE_hitprep"))
        .args(["fsrs", "replay"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut bad_in = bad.stdin.as_ref().unwrap();
    bad_in
        .write_all(b"{\"card\":\"a\",\"rating\":5,\"at\":\"2026-01-01T00:00:00Z\"}\n")
        .unwrap();
    let out = bad.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("line 1: rating 5 is not 1 to 4"),
        "{}",
        text(&out.stderr)
    );
}

fn imported(dir: &Path) -> PathBuf {
    let db = dir.join("p.sqlite3");
    let out = run(&db, &["import", example_bank().to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    db
}

#[test]
fn a_study_session_over_stdin_saves_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let mut child = hitprep(&db, &["study", "example", "--limit", "3"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    // Answer A, then Enter; junk input is asked again; "e" marks a right answer Easy.
    child
        .stdin
        .as_mut()
        .unwrap()
        .write_all(b"x\nA\n\nB\ne\nAB\n\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("Type the letter(s) of your choice"),
        "{stdout}"
    );
    assert_eq!(stdout.matches("Saved; next review").count(), 3, "{stdout}");
    assert!(stdout.contains("Session over: 3 answered"), "{stdout}");
    assert!(stdout.contains("References:"), "{stdout}");
    assert_eq!(answers_saved(&db), 3);
}

/// How many answers the database at `db` holds, as `stats` reports them.
fn answers_saved(db: &Path) -> usize {
    let mut store = Store::open(db).unwrap();
    let stats = hitprep::stats::report(&mut store, None, hitprep::clock::Clock::system()).unwrap();
    stats
        .banks
        .iter()
        .flat_map(|b| &b.by_domain)
        .map(|d| d.answers)
        .sum()
}

#[test]
fn end_of_input_ends_the_session_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let out = hitprep(&db, &["study", "example"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        text(&out.stdout).contains("No questions answered."),
        "{}",
        text(&out.stdout)
    );
}

/// A study session driven line by line, reading its output as it comes.
struct Live {
    child: std::process::Child,
    output: mpsc::Receiver<String>,
    seen: String,
}

impl Live {
    fn start(db: &Path) -> Live {
        let mut child = hitprep(db, &["study", "example"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let (tx, output) = mpsc::channel::<String>();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0
                    || tx
                        .send(String::from_utf8_lossy(&buf[..n]).into_owned())
                        .is_err()
                {
                    break;
                }
            }
        });
        Live {
            child,
            output,
            seen: String::new(),
        }
    }

    /// Wait until `needle` has appeared `count` times in the output.
    fn wait_for(&mut self, needle: &str, count: usize) {
        while self.seen.matches(needle).count() < count {
            match self.output.recv_timeout(Duration::from_secs(60)) {
                Ok(chunk) => self.seen.push_str(&chunk),
                Err(_) => panic!("no `{needle}` #{count} in output:\n{}", self.seen),
            }
        }
    }

    fn send(&mut self, line: &[u8]) {
        let stdin = self.child.stdin.as_mut().unwrap();
        stdin.write_all(line).unwrap();
        stdin.flush().unwrap();
    }

    /// Answer A on question `n` (1-based) and wait until it is reported saved.
    fn answer(&mut self, n: usize) {
        self.wait_for("Your answer", n);
        self.send(b"A\n");
        self.wait_for("Saved; next review", n);
    }
}

/// Kill the process (SIGKILL, no chance to clean up) after three answers
/// were reported saved: all three must be in the database.
#[test]
fn a_killed_session_loses_no_answered_question() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let mut live = Live::start(&db);
    for i in 1..=3 {
        live.answer(i);
        live.send(b"\n");
    }
    live.wait_for("Your answer", 4);
    live.child.kill().unwrap();
    live.child.wait().unwrap();
    assert_eq!(answers_saved(&db), 3);
}

/// Ctrl-C (SIGINT) at the prompt ends the session with its summary.
#[test]
fn ctrl_c_ends_the_session_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let mut live = Live::start(&db);
    live.answer(1);
    let status = Command::new("kill")
        .args(["-INT", &live.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let code = wait_or_kill(&mut live.child, Duration::from_secs(60));
    while let Ok(chunk) = live.output.recv_timeout(Duration::from_secs(5)) {
        live.seen.push_str(&chunk);
    }
    assert_eq!(code, Some(130), "{}", live.seen);
    assert!(
        live.seen.contains("Session over: 1 answered"),
        "{}",
        live.seen
    );
    assert_eq!(answers_saved(&db), 1);
}

/// Wait for the child, killing it if it outlives `limit` (a hang must fail, not stall CI).
fn wait_or_kill(child: &mut std::process::Child, limit: Duration) -> Option<i32> {
    let deadline = std::time::Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("hitprep did not exit within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
