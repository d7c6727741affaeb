//! Validator tests: one case per kind of problem, messages snapshotted with
//! insta so that any change in what an instructor reads is a reviewed diff.

use std::fs;
use std::path::Path;

use proptest::prelude::*;

use super::*;

const BANK: &str = r#"format = 1
id = "t"
title = "Test bank"
version = "1"
license = "CC-BY-4.0"

[exam]
questions = 2
minutes = 20
source = "made up for tests"

[[domains]]
id = "d1"
name = "One"
weight = [40, 60]

[[domains]]
id = "d2"
name = "Two"
weight = [40, 60]
"#;

/// A valid question in domain `domain`, with id `id`.
fn question(id: &str, domain: &str) -> String {
    format!(
        r#"
[[questions]]
id = "{id}"
domain = "{domain}"
topics = ["t"]
level = "application"
type = "single"
stem = "Which one is right?"
answer = "B"
explanation = "B is right because it is; the others are not."
references = ["45 CFR 164.524(b)(2)"]

[[questions.choices]]
text = "Alpha"
why = "Wrong: alpha."

[[questions.choices]]
text = "Beta"
why = "Right: beta."

[[questions.choices]]
text = "Gamma"
why = "Wrong: gamma."

[[questions.choices]]
text = "Delta"
why = "Wrong: delta."
"#
    )
}

fn write_bank(dir: &Path, bank_toml: &str, files: &[(&str, &str)]) {
    fs::write(dir.join("bank.toml"), bank_toml).unwrap();
    for (name, text) in files {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

/// Check a bank made of `files` and render its report with a stable root.
fn report_for(bank_toml: &str, files: &[(&str, &str)], strict: bool) -> String {
    let dir = tempfile::tempdir().unwrap();
    write_bank(dir.path(), bank_toml, files);
    let mut checked = check(dir.path());
    if strict {
        checked = checked.strict();
    }
    checked
        .report
        .to_string()
        .replace(&dir.path().display().to_string(), "BANK")
}

fn valid_files() -> Vec<(&'static str, String)> {
    vec![
        ("q/one.toml", question("q1", "d1")),
        ("q/two.toml", question("q2", "d2")),
    ]
}

#[test]
fn a_valid_bank_has_no_diagnostics_even_when_strict() {
    let files = valid_files();
    let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    assert_eq!(report_for(BANK, &files, true), "");
}

/// Each case: a name, then a transformation of the valid bank.
fn case(name: &str, bank_toml: &str, files: &[(&str, String)], strict: bool) {
    let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let text = report_for(bank_toml, &files, strict);
    assert!(!text.is_empty(), "case {name} found nothing");
    insta::assert_snapshot!(name, text);
}

fn q1_with(from: &str, to: &str) -> Vec<(&'static str, String)> {
    let q = question("q1", "d1");
    assert!(q.contains(from), "{from} not in the question");
    vec![
        ("q/one.toml", q.replacen(from, to, 1)),
        ("q/two.toml", question("q2", "d2")),
    ]
}

#[test]
fn toml_syntax_errors() {
    case(
        "toml_syntax",
        BANK,
        &q1_with("stem = \"Which", "stem = Which"),
        false,
    );
}

#[test]
fn unknown_and_missing_fields() {
    case(
        "unknown_field",
        BANK,
        &q1_with("topics =", "topic ="),
        false,
    );
    case(
        "missing_field",
        BANK,
        &q1_with("domain = \"d1\"\n", ""),
        false,
    );
    case(
        "wrong_type",
        BANK,
        &q1_with("answer = \"B\"", "answer = 2"),
        false,
    );
    case(
        "bank_missing_fields",
        "format = 1\nid = \"t\"\n",
        &valid_files(),
        false,
    );
}

#[test]
fn duplicate_ids_across_files() {
    case(
        "duplicate_id",
        BANK,
        &[
            ("a.toml", question("same", "d1")),
            ("b/c.toml", question("same", "d2")),
        ],
        false,
    );
}

#[test]
fn unknown_domain_and_scenario() {
    case(
        "unknown_domain",
        BANK,
        &q1_with("domain = \"d1\"", "domain = \"d9\""),
        false,
    );
    case(
        "unknown_scenario",
        BANK,
        &q1_with(
            "type = \"single\"",
            "type = \"single\"\nscenario = \"case-1\"",
        ),
        false,
    );
}

#[test]
fn answer_keys() {
    case(
        "key_matches_no_choice",
        BANK,
        &q1_with("answer = \"B\"", "answer = \"E\""),
        false,
    );
    case(
        "key_not_a_letter",
        BANK,
        &q1_with("answer = \"B\"", "answer = \"Beta\""),
        false,
    );
    case(
        "single_with_two_keys",
        BANK,
        &q1_with("answer = \"B\"", "answer = [\"A\", \"B\"]"),
        false,
    );
    case(
        "multiple_with_one_key",
        BANK,
        &q1_with("type = \"single\"", "type = \"multiple\""),
        false,
    );
    case(
        "multiple_all_keys",
        BANK,
        &q1_with(
            "type = \"single\"\nstem = \"Which one is right?\"\nanswer = \"B\"",
            "type = \"multiple\"\nstem = \"Choose four.\"\nanswer = [\"A\", \"B\", \"C\", \"D\"]",
        ),
        false,
    );
}

#[test]
fn duplicate_choices_and_empty_text() {
    case(
        "duplicate_choice",
        BANK,
        &q1_with("text = \"Gamma\"", "text = \"  alpha \""),
        false,
    );
    case(
        "empty_stem",
        BANK,
        &q1_with("stem = \"Which one is right?\"", "stem = \"  \""),
        false,
    );
    case(
        "empty_choice",
        BANK,
        &q1_with("text = \"Delta\"", "text = \"\""),
        false,
    );
}

#[test]
fn weights_that_cannot_sum_to_100() {
    case(
        "weights_too_low",
        &BANK.replace("[40, 60]", "[10, 20]"),
        &valid_files(),
        false,
    );
    case(
        "weights_too_high",
        &BANK.replace("[40, 60]", "[55, 70]"),
        &valid_files(),
        false,
    );
    case(
        "weight_range_backwards",
        &BANK.replacen("[40, 60]", "[60, 40]", 1),
        &valid_files(),
        false,
    );
}

#[test]
fn bank_file_problems() {
    case(
        "unsupported_format",
        &BANK.replace("format = 1", "format = 2"),
        &valid_files(),
        false,
    );
    case("no_questions", BANK, &[], false);
    let dir = tempfile::tempdir().unwrap();
    let text = check(dir.path())
        .report
        .to_string()
        .replace(&dir.path().display().to_string(), "BANK");
    insta::assert_snapshot!("missing_bank_toml", text);
}

#[test]
fn hostile_files() {
    case(
        "image_outside_bank",
        BANK,
        &q1_with(
            "Which one is right?",
            "Which one is right? ![x](../../etc/passwd)",
        ),
        false,
    );
    case(
        "image_missing",
        BANK,
        &q1_with("Which one is right?", "See ![chart](img/chart.png)"),
        false,
    );
    let dir = tempfile::tempdir().unwrap();
    write_bank(dir.path(), BANK, &[]);
    fs::write(
        dir.path().join("bad.toml"),
        b"[[questions]]\nid = \"\xff\xfe\"\n",
    )
    .unwrap();
    let text = check(dir.path())
        .report
        .to_string()
        .replace(&dir.path().display().to_string(), "BANK");
    insta::assert_snapshot!("not_utf8", text);
}

#[test]
fn quality_warnings_and_strict() {
    let weak = q1_with(
        "explanation = \"B is right because it is; the others are not.\"\nreferences = [\"45 CFR 164.524(b)(2)\"]\n",
        "",
    );
    let weak = vec![
        (
            weak[0].0,
            weak[0]
                .1
                .replacen("why = \"Wrong: alpha.\"", "", 1)
                .replacen("text = \"Delta\"", "text = \"All of the above\"", 1),
        ),
        weak[1].clone(),
    ];
    let normal = report_for(
        BANK,
        &weak
            .iter()
            .map(|(n, t)| (*n, t.as_str()))
            .collect::<Vec<_>>(),
        false,
    );
    assert!(
        normal.contains("warning:") && !normal.contains("error:"),
        "{normal}"
    );
    case("quality_warnings_strict", BANK, &weak, true);
    let three = q1_with(
        "\n[[questions.choices]]\ntext = \"Delta\"\nwhy = \"Wrong: delta.\"\n",
        "",
    );
    case("fewer_than_four_choices", BANK, &three, true);
    let many = q1_with(
        "type = \"single\"\nstem = \"Which one is right?\"\nanswer = \"B\"",
        "type = \"multiple\"\nstem = \"Which are right?\"\nanswer = [\"A\", \"B\"]",
    );
    case("multiple_stem_without_count", BANK, &many, true);
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut files = q1_with("answer = \"B\"", "answer = \"Z\"");
    files[1].1 = files[1]
        .1
        .replacen("domain = \"d2\"", "domain = \"nope\"", 1);
    let text = report_for(
        BANK,
        &files
            .iter()
            .map(|(n, t)| (*n, t.as_str()))
            .collect::<Vec<_>>(),
        false,
    );
    assert_eq!(
        text.lines().filter(|l| l.contains("error:")).count(),
        2,
        "{text}"
    );
}

#[test]
fn stats_count_domains_levels_and_key_positions() {
    let dir = tempfile::tempdir().unwrap();
    let files = valid_files();
    write_bank(
        dir.path(),
        BANK,
        &files
            .iter()
            .map(|(n, t)| (*n, t.as_str()))
            .collect::<Vec<_>>(),
    );
    let bank = load(dir.path(), true).expect("valid");
    let stats = BankStats::of(&bank);
    assert_eq!(stats.questions, 2);
    assert_eq!(stats.by_domain.get("d1"), Some(&1));
    assert_eq!(stats.by_level.get("application"), Some(&2));
    assert_eq!(stats.answer_positions.get("B"), Some(&2));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// The loader never panics, whatever a question file holds.
    #[test]
    fn loader_never_panics_on_arbitrary_text(text in "\\PC{0,400}") {
        let dir = tempfile::tempdir().unwrap();
        write_bank(dir.path(), BANK, &[("q.toml", text.as_str())]);
        let _ = check(dir.path());
    }

    /// Nor on a valid file cut or spliced at any point.
    #[test]
    fn loader_never_panics_on_damaged_files(cut in 0usize..2000, insert in "[\\[\\]{}=\"'\\\\\n#a-z0-9 .,-]{0,12}") {
        let q = question("q1", "d1");
        let at = q.char_indices().map(|(i, _)| i).nth(cut % q.chars().count()).unwrap_or(0);
        let damaged = format!("{}{}{}", &q[..at], insert, &q[at..]);
        let truncated = &q[..at];
        let dir = tempfile::tempdir().unwrap();
        write_bank(dir.path(), BANK, &[("a.toml", damaged.as_str()), ("b.toml", truncated)]);
        let checked = check(dir.path());
        for d in &checked.report.diagnostics {
            prop_assert!(d.line >= 1 && d.column >= 1);
        }
    }
}
