//! Reading a bank folder: files, TOML, fields, and per-question checks.

use std::collections::HashSet;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use toml::de::DeTable;

use super::Checked;
use super::model::{Bank, Choice, Domain, Exam, Level, Question, QuestionKind, Scenario, letter};
use super::reader::{Fields, Sink, Text};
use super::report::{Report, Severity, SourceFile};
use super::validate::{self, Located};

/// Files larger than this are refused rather than read (a hostile or broken bank).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// At most this many question files are read from one bank.
const MAX_FILES: usize = 5_000;

const BANK_FIELDS: &[&str] = &[
    "format",
    "id",
    "title",
    "version",
    "license",
    "description",
    "exam",
    "domains",
];
const EXAM_FIELDS: &[&str] = &["questions", "minutes", "source"];
const DOMAIN_FIELDS: &[&str] = &["id", "name", "weight"];
const FILE_FIELDS: &[&str] = &["questions", "scenarios"];
const SCENARIO_FIELDS: &[&str] = &["id", "title", "text"];
const QUESTION_FIELDS: &[&str] = &[
    "id",
    "domain",
    "topics",
    "level",
    "type",
    "scenario",
    "stem",
    "choices",
    "answer",
    "explanation",
    "references",
];
const CHOICE_FIELDS: &[&str] = &["text", "why"];

/// Read and check a bank folder (or the folder of a `bank.toml` path).
pub fn check(root: &Path) -> Checked {
    let root = if root.file_name().is_some_and(|n| n == "bank.toml") {
        root.parent().map(Path::to_path_buf).unwrap_or_default()
    } else {
        root.to_path_buf()
    };
    let mut loader = Loader {
        root: root.clone(),
        report: Report::default(),
        located: Vec::new(),
        scenarios_at: Vec::new(),
    };
    let mut bank = Bank {
        root: root.clone(),
        ..Bank::default()
    };

    let bank_file = root.join("bank.toml");
    if !root.is_dir() {
        let f = SourceFile::unreadable(root.clone());
        let message = if root.exists() {
            "not a folder: a bank is a folder holding bank.toml and question files"
        } else {
            "no such folder: check the path to the bank"
        };
        loader
            .report
            .push(f.diagnostic(0, Severity::Error, message));
        return Checked {
            bank,
            report: loader.report,
        };
    }
    let bank_source = if bank_file.is_file() {
        loader.read_bank_toml(&bank_file, &mut bank)
    } else {
        let f = SourceFile::unreadable(bank_file.clone());
        loader.report.push(f.diagnostic(
            0,
            Severity::Error,
            "bank.toml is missing: every bank folder needs one (see docs/bank-format.md)",
        ));
        f
    };

    for path in loader.question_files(&root) {
        loader.read_question_file(&path, &mut bank);
    }
    validate::cross_check(
        &bank,
        &bank_source,
        &loader.located,
        &loader.scenarios_at,
        &mut loader.report,
    );
    loader.report.sort();
    Checked {
        bank,
        report: loader.report,
    }
}

struct Loader {
    root: PathBuf,
    report: Report,
    /// Where each question's cross-checked fields are, parallel to `bank.questions`.
    located: Vec<Located>,
    /// Where each scenario id is, parallel to `bank.scenarios`.
    scenarios_at: Vec<(Arc<SourceFile>, usize)>,
}

impl Loader {
    /// Read a file as UTF-8 text, reporting why not.
    fn read_text(&mut self, path: &Path) -> Option<String> {
        let fail = |report: &mut Report, message: String| {
            report.push(SourceFile::unreadable(path.to_path_buf()).diagnostic(
                0,
                Severity::Error,
                message,
            ));
        };
        match fs::metadata(path) {
            Ok(m) if m.len() > MAX_FILE_BYTES => {
                fail(
                    &mut self.report,
                    format!(
                        "file is {} MiB; bank files may be at most {} MiB",
                        m.len() >> 20,
                        MAX_FILE_BYTES >> 20
                    ),
                );
                return None;
            }
            Ok(_) => {}
            Err(e) => {
                fail(&mut self.report, format!("cannot read this file: {e}"));
                return None;
            }
        }
        match fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Some(
                    text.strip_prefix('\u{feff}')
                        .map(str::to_string)
                        .unwrap_or(text),
                ),
                Err(e) => {
                    let f =
                        SourceFile::new(path.to_path_buf(), &String::from_utf8_lossy(e.as_bytes()));
                    let at = e.utf8_error().valid_up_to();
                    self.report.push(f.diagnostic(
                        at,
                        Severity::Error,
                        "this file is not UTF-8 text; save it as UTF-8",
                    ));
                    None
                }
            },
            Err(e) => {
                fail(&mut self.report, format!("cannot read this file: {e}"));
                None
            }
        }
    }

    /// Parse TOML, reporting every syntax error the parser can recover from.
    fn parse<'a>(&mut self, file: &SourceFile, text: &'a str) -> Option<DeTable<'a>> {
        let (doc, errors) = DeTable::parse_recoverable(text);
        if errors.is_empty() {
            return Some(doc.into_inner());
        }
        for e in errors {
            let at = e.span().map(|s| s.start).unwrap_or(0);
            let message = e.message().trim().trim_end_matches('.').to_string();
            self.report.push(file.diagnostic(
                at,
                Severity::Error,
                format!("TOML syntax: {message}"),
            ));
        }
        None
    }

    fn read_bank_toml(&mut self, path: &Path, bank: &mut Bank) -> SourceFile {
        let Some(text) = self.read_text(path) else {
            return SourceFile::unreadable(path.to_path_buf());
        };
        let file = SourceFile::new(path.to_path_buf(), &text);
        let Some(doc) = self.parse(&file, &text) else {
            return file;
        };
        let mut sink = Sink {
            file: &file,
            report: &mut self.report,
        };
        let fields = Fields::new(&doc, 0, "bank.toml", BANK_FIELDS);

        if let Some((format, at)) = fields.integer(&mut sink, "format", true)
            && format != 1
        {
            sink.error(
                at,
                format!(
                    "unsupported bank format {format}; this version of HIT Prep reads format 1"
                ),
            );
        }
        if let Some(id) = fields.string(&mut sink, "id", true) {
            check_id(&mut sink, &id, "bank id");
            bank.id = id.value;
        }
        if let Some(title) = fields.string(&mut sink, "title", true) {
            not_blank(&mut sink, &title, "title");
            bank.title = title.value;
        }
        bank.version = fields
            .string(&mut sink, "version", false)
            .map(|t| t.value)
            .unwrap_or_default();
        bank.license = fields
            .string(&mut sink, "license", false)
            .map(|t| t.value)
            .unwrap_or_default();
        bank.description = fields
            .string(&mut sink, "description", false)
            .map(|t| t.value)
            .unwrap_or_default();

        if let Some((exam, at)) = fields.table(&mut sink, "exam", true) {
            let ef = Fields::new(exam, at, "[exam]", EXAM_FIELDS);
            let mut e = Exam::default();
            if let Some((n, at)) = ef.integer(&mut sink, "questions", true) {
                e.questions = positive(&mut sink, n, at, "[exam] questions", 1000);
            }
            if let Some((n, at)) = ef.integer(&mut sink, "minutes", true) {
                e.minutes = positive(&mut sink, n, at, "[exam] minutes", 24 * 60);
            }
            match ef.string(&mut sink, "source", false) {
                Some(s) if !s.value.trim().is_empty() => e.source = s.value,
                _ => sink.warning(
                    at,
                    "[exam] has no `source`: say where the blueprint comes from and how sure it is",
                ),
            }
            ef.finish(&mut sink);
            bank.exam = e;
        }

        let mut seen = HashSet::new();
        let mut weights = Vec::new();
        for (table, at) in fields.tables(&mut sink, "domains", true) {
            let df = Fields::new(table, at, "domain", DOMAIN_FIELDS);
            let id = df.string(&mut sink, "id", true);
            let name = df.string(&mut sink, "name", true);
            let weight = df.integers(&mut sink, "weight", true);
            df.finish(&mut sink);
            let (Some(id), Some(name)) = (id, name) else {
                continue;
            };
            check_id(&mut sink, &id, "domain id");
            not_blank(&mut sink, &name, "domain name");
            if !seen.insert(id.value.clone()) {
                sink.error(id.at, format!("domain `{}` is defined twice", id.value));
            }
            let weight = match weight {
                Some((w, _)) if w.len() == 2 && w[0] >= 0 && w[0] <= w[1] && w[1] <= 100 => {
                    Some((w[0] as u32, w[1] as u32))
                }
                Some((_, at)) => {
                    sink.error(at, "`weight` must be [min, max] percentages with 0 <= min <= max <= 100, e.g. [19, 25]");
                    None
                }
                None => None,
            };
            // Keep the domain even with a bad weight, so its questions are not also reported.
            weights.push(weight);
            bank.domains.push(Domain {
                id: id.value,
                name: name.value,
                weight: weight.unwrap_or((0, 0)),
            });
        }
        // The sum only means something when every range was readable.
        let weights: Option<Vec<(u32, u32)>> = weights.into_iter().collect();
        if let Some(weights) = weights.filter(|w| !w.is_empty()) {
            let (lo, hi): (u32, u32) = weights.iter().fold((0, 0), |(a, b), w| (a + w.0, b + w.1));
            if lo > 100 || hi < 100 {
                let at = fields_at(&doc, "domains");
                sink.error(at, format!("domain weights cannot sum to 100%: the minimums add up to {lo}% and the maximums to {hi}%"));
            }
        }
        fields.finish(&mut sink);
        file
    }

    /// Every `*.toml` below the root except `bank.toml`, sorted, without following links out.
    fn question_files(&mut self, root: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let entries = match fs::read_dir(&dir) {
                Ok(e) => e,
                Err(e) => {
                    let f = SourceFile::unreadable(dir.clone());
                    self.report.push(f.diagnostic(
                        0,
                        Severity::Error,
                        format!("cannot list this folder: {e}"),
                    ));
                    continue;
                }
            };
            for entry in entries.flatten() {
                let path = entry.path();
                let name = entry.file_name();
                if name.to_string_lossy().starts_with('.') {
                    continue;
                }
                let Ok(kind) = entry.file_type() else {
                    continue;
                };
                if kind.is_symlink() {
                    let inside = fs::canonicalize(&path)
                        .ok()
                        .zip(fs::canonicalize(root).ok())
                        .is_some_and(|(p, r)| p.starts_with(r));
                    if !inside {
                        let f = SourceFile::unreadable(path.clone());
                        self.report.push(f.diagnostic(
                            0,
                            Severity::Error,
                            "this link points outside the bank folder; it is not read",
                        ));
                        continue;
                    }
                }
                if path.is_dir() && !kind.is_symlink() {
                    stack.push(path);
                } else if name == "bank.toml" {
                    if dir != root {
                        let f = SourceFile::unreadable(path.clone());
                        self.report.push(f.diagnostic(
                            0,
                            Severity::Warning,
                            "a bank.toml in a sub-folder is not read: a bank cannot hold another bank",
                        ));
                    }
                } else if path.extension().is_some_and(|e| e == "toml") {
                    out.push(path);
                }
            }
        }
        out.sort();
        if out.len() > MAX_FILES {
            let f = SourceFile::unreadable(root.to_path_buf());
            self.report.push(f.diagnostic(
                0,
                Severity::Error,
                format!(
                    "{} question files; a bank may have at most {MAX_FILES}",
                    out.len()
                ),
            ));
            out.truncate(MAX_FILES);
        }
        out
    }

    fn read_question_file(&mut self, path: &Path, bank: &mut Bank) {
        let Some(text) = self.read_text(path) else {
            return;
        };
        let file = Arc::new(SourceFile::new(path.to_path_buf(), &text));
        let Some(doc) = self.parse(&file, &text) else {
            return;
        };
        let root = self.root.clone();
        let mut sink = Sink {
            file: &file,
            report: &mut self.report,
        };
        let fields = Fields::new(&doc, 0, "a question file", FILE_FIELDS);
        if !doc.contains_key("questions") && !doc.contains_key("scenarios") {
            sink.warning(0, "this file holds no [[questions]] or [[scenarios]]");
        }
        for (table, at) in fields.tables(&mut sink, "scenarios", false) {
            let sf = Fields::new(table, at, "scenario", SCENARIO_FIELDS);
            let id = sf.string(&mut sink, "id", true);
            let title = sf.string(&mut sink, "title", false);
            let text = sf.string(&mut sink, "text", true);
            sf.finish(&mut sink);
            let (Some(id), Some(text)) = (id, text) else {
                continue;
            };
            check_id(&mut sink, &id, "scenario id");
            not_blank(&mut sink, &text, "scenario text");
            check_images(&mut sink, &root, &text);
            self.scenarios_at.push((file.clone(), id.at));
            bank.scenarios.push(Scenario {
                id: id.value,
                title: title.map(|t| t.value).unwrap_or_default(),
                text: text.value,
            });
        }
        for (table, at) in fields.tables(&mut sink, "questions", false) {
            if let Some((q, located)) = read_question(&mut sink, &root, &file, table, at) {
                bank.questions.push(q);
                self.located.push(located);
            }
        }
        fields.finish(&mut sink);
    }
}

fn fields_at(doc: &DeTable<'_>, key: &str) -> usize {
    doc.get_key_value(key)
        .map(|(k, _)| k.span().start)
        .unwrap_or(0)
}

fn positive(sink: &mut Sink<'_>, n: i64, at: usize, what: &str, max: i64) -> u32 {
    if n < 1 || n > max {
        sink.error(at, format!("{what} must be between 1 and {max}"));
        0
    } else {
        n as u32
    }
}

fn not_blank(sink: &mut Sink<'_>, text: &Text, what: &str) -> bool {
    if text.value.trim().is_empty() {
        sink.error(text.at, format!("{what} is empty"));
        false
    } else {
        true
    }
}

fn check_id(sink: &mut Sink<'_>, id: &Text, what: &str) {
    let ok = !id.value.is_empty()
        && id.value.len() <= 100
        && id
            .value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !ok {
        sink.error(
            id.at,
            format!(
                "{what} `{}` must be 1 to 100 letters, digits, '-', '_' or '.'",
                id.value
            ),
        );
    }
}

/// Markdown images must be files inside the bank folder.
fn check_images(sink: &mut Sink<'_>, root: &Path, text: &Text) {
    for target in validate::image_targets(&text.value) {
        let p = Path::new(target);
        let escapes = p.is_absolute()
            || target.contains("://")
            || target.starts_with("data:")
            || p.components().any(|c| {
                matches!(
                    c,
                    Component::ParentDir | Component::Prefix(_) | Component::RootDir
                )
            });
        if escapes {
            sink.error(
                text.at,
                format!("image `{target}` is refused: images must be paths inside the bank folder"),
            );
        } else if !root.join(p).is_file() {
            sink.error(
                text.at,
                format!("image `{target}` does not exist in the bank folder"),
            );
        }
    }
}

fn read_question(
    sink: &mut Sink<'_>,
    root: &Path,
    file: &Arc<SourceFile>,
    table: &DeTable<'_>,
    at: usize,
) -> Option<(Question, Located)> {
    let f = Fields::new(table, at, "question", QUESTION_FIELDS);
    let id = f.string(sink, "id", true);
    let domain = f.string(sink, "domain", true);
    let stem = f.string(sink, "stem", true);
    let topics = f.strings(sink, "topics", false).unwrap_or_default();
    let scenario = f.string(sink, "scenario", false);
    let explanation = f.string(sink, "explanation", false);
    let references = f.strings(sink, "references", false);
    let answer = f.strings_or_string(sink, "answer", true);

    let level = match f.string(sink, "level", false) {
        Some(t) => match t.value.as_str() {
            "recall" => Some(Level::Recall),
            "application" => Some(Level::Application),
            "analysis" => Some(Level::Analysis),
            other => {
                sink.error(
                    t.at,
                    format!("unknown level `{other}`; use recall, application or analysis"),
                );
                None
            }
        },
        None => {
            sink.warning(
                at,
                "question has no `level`; recall is assumed (use recall, application or analysis)",
            );
            Some(Level::Recall)
        }
    };
    let kind = match f.string(sink, "type", false) {
        Some(t) => match t.value.as_str() {
            "single" => Some((QuestionKind::Single, t.at)),
            "multiple" => Some((QuestionKind::Multiple, t.at)),
            other => {
                sink.error(
                    t.at,
                    format!("unknown type `{other}`; use single or multiple"),
                );
                None
            }
        },
        None => Some((QuestionKind::Single, at)),
    };

    let mut choices = Vec::new();
    let mut seen_choices: Vec<String> = Vec::new();
    let choice_tables = f.tables(sink, "choices", true);
    let choices_at = choice_tables.first().map(|c| c.1).unwrap_or(at);
    for (i, (table, cat)) in choice_tables.iter().enumerate() {
        let cf = Fields::new(table, *cat, "choice", CHOICE_FIELDS);
        let text = cf.string(sink, "text", true);
        let why = cf.string(sink, "why", false);
        cf.finish(sink);
        let Some(text) = text else { continue };
        not_blank(sink, &text, &format!("choice {} text", letter(i)));
        check_images(sink, root, &text);
        let norm = text
            .value
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if let Some(j) = seen_choices
            .iter()
            .position(|s| *s == norm && !norm.is_empty())
        {
            sink.error(
                text.at,
                format!(
                    "choice {} repeats choice {}; every choice must differ",
                    letter(i),
                    letter(j)
                ),
            );
        }
        seen_choices.push(norm.clone());
        if norm.contains("all of the above") || norm.contains("none of the above") {
            let phrase = if norm.contains("all of the above") {
                "all of the above"
            } else {
                "none of the above"
            };
            sink.warning(text.at, format!("choice {} is \"{phrase}\"; it breaks when choices are shuffled, so write a real option", letter(i)));
        }
        if let Some(w) = &why {
            check_images(sink, root, w);
        }
        let why = match why {
            Some(w) if !w.value.trim().is_empty() => w.value,
            Some(w) => {
                sink.warning(
                    w.at,
                    format!("choice {} has an empty rationale (`why`)", letter(i)),
                );
                String::new()
            }
            None => {
                sink.warning(
                    *cat,
                    format!(
                        "choice {} has no rationale: add `why` saying why it is right or wrong",
                        letter(i)
                    ),
                );
                String::new()
            }
        };
        choices.push(Choice {
            text: text.value,
            why,
        });
    }
    if choice_tables.is_empty() && table.contains_key("choices") {
        sink.error(choices_at, "question has no choices");
    } else if !choice_tables.is_empty() && choice_tables.len() < 2 {
        sink.error(choices_at, "a question needs at least 2 choices");
    } else if choice_tables.len() > 26 {
        sink.error(
            choices_at,
            "a question may have at most 26 choices (A to Z)",
        );
    } else if !choice_tables.is_empty() && choice_tables.len() != 4 {
        sink.warning(
            choices_at,
            format!(
                "question has {} choices; exam items have 4",
                choice_tables.len()
            ),
        );
    }
    f.finish(sink);

    let (Some(id), Some(domain), Some(stem), Some(level), Some((kind, kind_at))) =
        (id, domain, stem, level, kind)
    else {
        return None;
    };
    check_id(sink, &id, "question id");
    not_blank(sink, &stem, "stem");
    check_images(sink, root, &stem);
    let mut answer_ok = true;
    let mut keys = Vec::new();
    let answer_at = answer.as_ref().map(|a| a.1).unwrap_or(at);
    if let Some((letters, _)) = &answer {
        for l in letters {
            let v = l.value.trim();
            let index = (v.len() == 1)
                .then(|| v.as_bytes()[0].to_ascii_uppercase())
                .filter(u8::is_ascii_uppercase)
                .map(|b| (b - b'A') as usize);
            match index {
                Some(i) if i < choice_tables.len() => {
                    if keys.contains(&i) {
                        sink.error(l.at, format!("answer `{v}` is listed twice"));
                        answer_ok = false;
                    }
                    keys.push(i);
                }
                Some(_) if !choice_tables.is_empty() => {
                    sink.error(l.at, format!("answer `{v}` matches no choice: this question has {} choices (A to {})", choice_tables.len(), letter(choice_tables.len() - 1)));
                    answer_ok = false;
                }
                Some(_) => answer_ok = false,
                None => {
                    sink.error(l.at, format!("answer `{v}` is not a choice letter; write the letter of the correct choice, e.g. \"B\""));
                    answer_ok = false;
                }
            }
        }
    } else {
        answer_ok = false;
    }
    keys.sort_unstable();
    if answer_ok {
        match kind {
            QuestionKind::Single if keys.len() != 1 => {
                sink.error(answer_at, format!("a single-answer question needs exactly 1 key, found {}; set `type = \"multiple\"` if several are right", keys.len()));
            }
            QuestionKind::Multiple if keys.len() < 2 => {
                sink.error(
                    answer_at,
                    format!(
                        "a multiple-response question needs at least 2 keys, found {}",
                        keys.len()
                    ),
                );
            }
            QuestionKind::Multiple if keys.len() >= choice_tables.len() => {
                sink.error(answer_at, "every choice is a key; a multiple-response question needs at least one wrong choice");
            }
            QuestionKind::Multiple if !validate::says_how_many(&stem.value, keys.len()) => {
                sink.warning(kind_at, format!("a multiple-response stem should say how many to choose, e.g. \"Choose {}.\"", validate::number_word(keys.len())));
            }
            _ => {}
        }
    }
    match &explanation {
        Some(e) if e.value.trim().is_empty() => sink.warning(e.at, "the explanation is empty"),
        Some(e) => check_images(sink, root, e),
        None => sink.warning(
            at,
            "question has no explanation: say why the key is right and each distractor wrong",
        ),
    }
    match &references {
        Some(r) if r.is_empty() => sink.warning(
            at,
            "question has no reference: cite at least one precise public source",
        ),
        Some(r) => {
            for t in r.iter().filter(|t| t.value.trim().is_empty()) {
                sink.error(t.at, "a reference is empty");
            }
        }
        None => sink.warning(
            at,
            "question has no reference: cite at least one precise public source",
        ),
    }
    for t in topics.iter().filter(|t| t.value.trim().is_empty()) {
        sink.error(t.at, "a topic is empty");
    }

    let (line, _) = file.position(at);
    let located = Located {
        file: file.clone(),
        id_at: id.at,
        domain_at: domain.at,
        scenario_at: scenario.as_ref().map(|s| s.at),
    };
    let question = Question {
        id: id.value,
        domain: domain.value,
        topics: topics.into_iter().map(|t| t.value).collect(),
        level,
        kind,
        scenario: scenario.map(|s| s.value),
        stem: stem.value,
        choices,
        answer: if answer_ok { keys } else { Vec::new() },
        explanation: explanation.map(|e| e.value).unwrap_or_default(),
        references: references
            .unwrap_or_default()
            .into_iter()
            .map(|t| t.value)
            .collect(),
        origin: Some((file.path.clone(), line)),
    };
    Some((question, located))
}
