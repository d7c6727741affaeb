//! The desktop commands, called through Tauri's real IPC path on a mock
//! runtime (`tauri::test::mock_builder`), with the app's own capability
//! file, so a command missing from the permission manifest fails here too.

// Test helpers outside #[test] functions: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use hitprep_desktop::state::AppState;
use serde_json::{Value, json};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A folder of shipped banks holding a copy of the example bank.
fn shipped_banks(dir: &Path) -> PathBuf {
    let banks = dir.join("banks");
    copy_dir(
        &repo().join("tests/fixtures/example-bank"),
        &banks.join("example"),
    );
    banks
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

struct Window {
    _app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
}

fn open(db: &Path, banks: Option<&Path>) -> Window {
    let state = AppState::open(db, banks, hitprep::clock::Clock::system());
    let app = hitprep_desktop::with_commands(mock_builder())
        .manage(state)
        .build(tauri::generate_context!())
        .expect("app builds");
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("window builds");
    Window { _app: app, webview }
}

impl Window {
    /// Call a command as the page would; Ok(body) or Err({kind, message}).
    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.webview, request).map(|body| body.deserialize::<Value>().unwrap())
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }
}

#[test]
fn first_launch_imports_the_shipped_banks_and_later_launches_skip_them() {
    let dir = tempfile::tempdir().unwrap();
    let banks = shipped_banks(dir.path());
    let db = dir.path().join("progress.sqlite3");
    let w = open(&db, Some(&banks));
    let startup = w.ok("startup", json!({}));
    assert_eq!(startup["problem"], Value::Null);
    assert_eq!(startup["bundled"][0]["status"], "imported");
    assert_eq!(
        startup["bundled"][0]["summary"]["added"]
            .as_array()
            .unwrap()
            .len(),
        12
    );
    let home = w.ok("home", json!({}));
    let card = &home["banks"][0];
    assert_eq!(
        (card["id"].as_str(), card["due"]["new"].as_u64()),
        (Some("example"), Some(12))
    );
    assert_eq!(card["reviews_today"], 0);
    assert!(card["by_domain"].as_array().unwrap().len() >= 3);
    drop(w);
    let again = open(&db, Some(&banks));
    assert_eq!(
        again.ok("startup", json!({}))["bundled"][0]["status"],
        "unchanged"
    );
}

#[test]
fn a_study_session_answers_rates_and_ends_with_everything_saved() {
    let dir = tempfile::tempdir().unwrap();
    let banks = shipped_banks(dir.path());
    let w = open(&dir.path().join("p.sqlite3"), Some(&banks));
    let shown = w.ok("study_start", json!({"bank": "example", "mode": "study"}));
    let row = shown["row"].as_i64().unwrap();
    let choose = shown["choose"].as_u64().unwrap() as usize;
    assert!(shown["stem_html"].as_str().unwrap().starts_with("<p>"));
    assert_eq!(
        w.ok("study_next", json!({})),
        shown,
        "same question until answered"
    );
    w.ok("set_flag", json!({"row": row, "flagged": true}));
    w.ok("set_note", json!({"row": row, "note": "look up 164.524"}));
    let positions: Vec<usize> = (0..choose).collect();
    let outcome = w.ok("study_answer", json!({"positions": positions}));
    assert_eq!(outcome["progress"]["answered"], 1);
    assert_eq!(
        outcome["rationales_html"].as_array().unwrap().len(),
        shown["choices_html"].as_array().unwrap().len()
    );
    if outcome["can_rerate"] == true {
        assert!(
            w.ok("study_rate", json!({"rating": "easy"}))
                .as_str()
                .unwrap()
                .contains("day")
        );
    } else {
        let refused = w.call("study_rate", json!({"rating": "easy"})).unwrap_err();
        assert_eq!(refused["kind"], "invalid_input");
    }
    let next = w.ok("study_next", json!({}));
    assert_ne!(next["row"], shown["row"]);
    let ended = w.ok("study_end", json!({}));
    assert_eq!(ended["answered"], 1);
    let detail = w.ok("question_detail", json!({"row": row}));
    assert_eq!(
        (detail["flagged"].as_bool(), detail["note"].as_str()),
        (Some(true), Some("look up 164.524"))
    );
    assert_eq!(detail["history"].as_array().unwrap().len(), 1);
    let flagged = w.ok(
        "browse",
        json!({"search": {"bank": "example", "flagged": true}}),
    );
    assert_eq!(flagged.as_array().unwrap().len(), 1);
    let outline = w.ok("bank_outline", json!({"bank": "example"}));
    assert!(!outline["topics"].as_array().unwrap().is_empty());
    assert_eq!(w.ok("home", json!({}))["banks"][0]["reviews_today"], 1);
}

#[test]
fn errors_cross_as_kind_and_message() {
    let dir = tempfile::tempdir().unwrap();
    let w = open(&dir.path().join("p.sqlite3"), None);
    let no_session = w
        .call("study_answer", json!({"positions": [0]}))
        .unwrap_err();
    assert_eq!(no_session["kind"], "no_session");
    assert!(no_session["message"].as_str().unwrap().contains("Home"));
    let unknown = w
        .call("study_start", json!({"bank": "nope", "mode": "study"}))
        .unwrap_err();
    assert_eq!(unknown["kind"], "unknown_bank");
    let not_a_bank = w
        .call("load_bank", json!({"path": dir.path()}))
        .unwrap_err();
    assert_eq!(not_a_bank["kind"], "invalid_bank");
    assert!(
        not_a_bank["message"]
            .as_str()
            .unwrap()
            .contains("bank.toml")
    );
    // A file that is not ours is refused at start-up and left untouched.
    let foreign = dir.path().join("notes.txt");
    std::fs::write(&foreign, "my shopping list, not a database\n").unwrap();
    let w = open(&foreign, None);
    let problem = &w.ok("startup", json!({}))["problem"];
    assert_eq!(problem["kind"], "foreign_database", "{problem}");
    assert_eq!(
        w.call("home", json!({})).unwrap_err()["kind"],
        "foreign_database"
    );
    assert_eq!(
        std::fs::read_to_string(&foreign).unwrap(),
        "my shopping list, not a database\n"
    );
}

#[test]
fn loading_a_broken_bank_lists_every_problem_then_the_fixed_one_loads() {
    let dir = tempfile::tempdir().unwrap();
    let w = open(&dir.path().join("p.sqlite3"), None);
    let bank = dir.path().join("mine");
    copy_dir(&repo().join("tests/fixtures/example-bank"), &bank);
    let file = bank.join("questions/privacy.toml");
    let good = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, good.replacen("answer = \"B\"", "answer = \"H\"", 1)).unwrap();
    let invalid = w.ok("load_bank", json!({"path": bank}));
    assert_eq!(invalid["status"], "invalid");
    let error = &invalid["errors"][0];
    assert!(error["file"].as_str().unwrap().ends_with("privacy.toml"));
    assert!(error["line"].as_u64().unwrap() > 1 && error["column"].as_u64().unwrap() >= 1);
    assert!(
        w.ok("list_banks", json!({})).as_array().unwrap().is_empty(),
        "nothing loaded"
    );
    std::fs::write(&file, good).unwrap();
    // Choosing bank.toml itself works as well as the folder.
    let loaded = w.ok("load_bank", json!({"path": bank.join("bank.toml")}));
    assert_eq!(loaded["status"], "loaded");
    assert_eq!(loaded["summary"]["added"].as_array().unwrap().len(), 12);
    assert_eq!(w.ok("list_banks", json!({}))[0]["id"], "example");
    w.ok(
        "remove_bank",
        json!({"bank": "example", "keepHistory": true}),
    );
    assert!(w.ok("list_banks", json!({})).as_array().unwrap().is_empty());
}

#[test]
fn settings_take_effect_at_once_and_bad_values_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let banks = shipped_banks(dir.path());
    let w = open(&dir.path().join("p.sqlite3"), Some(&banks));
    let mut settings = w.ok("get_settings", json!({}));
    settings["new_per_day"] = json!(5);
    settings["theme"] = json!("dark");
    settings["exam_date"] = json!("2027-01-15");
    let saved = w.ok("save_settings", json!({"settings": settings}));
    assert_eq!(
        (saved["new_per_day"].as_u64(), saved["theme"].as_str()),
        (Some(5), Some("dark"))
    );
    assert_eq!(w.ok("home", json!({}))["banks"][0]["due"]["new"], 5);
    settings["scheduler"]["desired_retention"] = json!(1.5);
    let refused = w
        .call("save_settings", json!({"settings": settings}))
        .unwrap_err();
    assert_eq!(refused["kind"], "invalid_input", "{refused}");
    assert_eq!(
        w.ok("get_settings", json!({}))["scheduler"]["desired_retention"],
        0.9
    );
    settings["scheduler"]["desired_retention"] = json!(0.9);
    settings["scheduler"]["learning_steps"] = json!("banana");
    let refused = w
        .call("save_settings", json!({"settings": settings}))
        .unwrap_err();
    assert_eq!(refused["kind"], "invalid_input", "{refused}");
    assert!(
        refused["message"].as_str().unwrap().contains("banana"),
        "{refused}"
    );
}

fn listed(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_command_is_registered_and_permitted_and_nothing_else_is() {
    let commands = listed(include_str!("../commands.txt"));
    assert_eq!(commands, hitprep_desktop::command_names());
    let manifest: toml::Table = include_str!("../permissions/app.toml").parse().unwrap();
    let set = &manifest["set"].as_array().unwrap()[0];
    let permitted: Vec<&str> = set["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let expected: Vec<String> = commands
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    assert_eq!(permitted, expected);
    let dir = tempfile::tempdir().unwrap();
    let w = open(&dir.path().join("p.sqlite3"), None);
    for cmd in &commands {
        if let Err(e) = w.call(cmd, json!({})) {
            let text = e.to_string();
            assert!(
                !text.contains("not found") && !text.contains("not allowed"),
                "{cmd}: {text}"
            );
        }
    }
    let unknown = w
        .call("read_any_file", json!({"path": "/etc/passwd"}))
        .unwrap_err();
    assert!(
        unknown.to_string().contains("not found") || unknown.to_string().contains("not allowed"),
        "{unknown}"
    );
}

#[test]
fn the_window_gets_a_strict_csp_and_only_the_open_dialog() {
    let conf: Value = serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
    let csp = &conf["app"]["security"]["csp"];
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'");
    for (directive, value) in csp.as_object().unwrap() {
        let value = value.as_str().unwrap();
        assert!(!value.contains("unsafe"), "{directive}: {value}");
        assert!(
            !value.contains("https:") && !value.contains('*'),
            "{directive} allows remote: {value}"
        );
    }
    let capability: Value =
        serde_json::from_str(include_str!("../capabilities/main.json")).unwrap();
    let permissions: Vec<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(
        permissions,
        ["core:default", "dialog:allow-open", "allow-app-commands"]
    );
}
