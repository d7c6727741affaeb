//! Synthetic data for the engine benchmark: questions, a bank folder in TOML,
//! and a large progress database (50,000 cards, 500,000 reviews).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeDelta, Utc};
use hitprep::bank::{Bank, Choice, Domain, Exam, Level, Question, QuestionKind};
use rusqlite::params;

pub type BoxResult<T> = Result<T, Box<dyn std::error::Error>>;

pub const DOMAINS: usize = 6;
const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;

/// A small deterministic generator (SplitMix64), so runs are comparable.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..hi` (hi exclusive, hi > lo).
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % (hi - lo) as u64) as i64
    }

    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

const WORDS: &[&str] = &[
    "record",
    "retention",
    "coding",
    "audit",
    "privacy",
    "disclosure",
    "release",
    "consent",
    "registry",
    "abstract",
    "index",
    "encounter",
    "claim",
    "denial",
    "payer",
    "compliance",
    "policy",
    "workflow",
    "interface",
    "standard",
    "terminology",
    "mapping",
    "quality",
    "measure",
    "dashboard",
    "report",
    "access",
    "security",
    "breach",
    "notice",
    "patient",
    "provider",
    "facility",
    "committee",
    "document",
    "amendment",
    "request",
    "signature",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::with_capacity(words * 9);
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(WORDS[rng.range(0, WORDS.len() as i64) as usize]);
    }
    s
}

pub fn domain_id(d: usize) -> String {
    format!("d{}", d + 1)
}

/// One realistic question: 4 choices with rationale, explanation, references,
/// topics, level and type; one in ten is multiple-response.
pub fn make_question(i: usize, rng: &mut Rng) -> Question {
    let multiple = i % 10 == 9;
    let answer = if multiple {
        vec![0, 2]
    } else {
        vec![rng.range(0, 4) as usize]
    };
    let mut stem = format!(
        "Question {i}: a health information manager at a 300-bed hospital finds that {}. Which action should the manager take first?",
        sentence(rng, 14)
    );
    if multiple {
        stem.push_str(" (Choose two.)");
    }
    let choices = (0..4)
        .map(|k| Choice {
            text: format!("Option {k} of question {i}: {}", sentence(rng, 7)),
            why: format!(
                "{} because {}.",
                if answer.contains(&k) {
                    "Right"
                } else {
                    "Wrong"
                },
                sentence(rng, 12)
            ),
        })
        .collect();
    Question {
        id: format!("q{i:06}"),
        domain: domain_id(i % DOMAINS),
        topics: vec![
            format!("topic-{}", i % 40),
            format!("topic-{}", (i / 7) % 40),
        ],
        level: Level::ALL[i % 3],
        kind: if multiple {
            QuestionKind::Multiple
        } else {
            QuestionKind::Single
        },
        scenario: None,
        stem,
        choices,
        answer,
        explanation: format!(
            "The key is right because {}. The distractors fail because {}.",
            sentence(rng, 20),
            sentence(rng, 16)
        ),
        references: vec![
            format!("45 CFR 164.{} ({})", 500 + i % 30, sentence(rng, 3)),
            "AHIMA Body of Knowledge, practice brief".to_string(),
        ],
        origin: None,
    }
}

pub fn domains() -> Vec<Domain> {
    (0..DOMAINS)
        .map(|d| Domain {
            id: domain_id(d),
            name: format!("Domain {}", d + 1),
            weight: (15, 18),
        })
        .collect()
}

/// A bank built in memory (no TOML).
pub fn make_bank(id: &str, questions: usize, seed: u64) -> Bank {
    let mut rng = Rng::new(seed);
    Bank {
        root: PathBuf::from(format!("/bench/{id}")),
        id: id.to_string(),
        title: format!("Benchmark bank {id}"),
        version: "1.0".into(),
        license: "CC0-1.0".into(),
        description: "Synthetic questions for benchmarks".into(),
        exam: Exam {
            questions: 100,
            minutes: 180,
            source: "synthetic".into(),
        },
        domains: domains(),
        scenarios: Vec::new(),
        questions: (0..questions).map(|i| make_question(i, &mut rng)).collect(),
    }
}

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn quote_list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", inner.join(", "))
}

/// Write a bank folder: bank.toml plus `files` question files of `per_file` questions.
/// Returns the total bytes of TOML written.
pub fn write_bank_folder(dir: &Path, files: usize, per_file: usize, seed: u64) -> BoxResult<usize> {
    let mut total = 0;
    let mut bank_toml = String::from(
        "format = 1\nid = \"bench-toml\"\ntitle = \"Benchmark bank\"\nversion = \"1.0\"\nlicense = \"CC0-1.0\"\ndescription = \"Synthetic questions for benchmarks\"\n\n[exam]\nquestions = 100\nminutes = 180\nsource = \"synthetic\"\n",
    );
    for d in domains() {
        write!(
            bank_toml,
            "\n[[domains]]\nid = {}\nname = {}\nweight = [{}, {}]\n",
            quote(&d.id),
            quote(&d.name),
            d.weight.0,
            d.weight.1
        )?;
    }
    std::fs::write(dir.join("bank.toml"), &bank_toml)?;
    total += bank_toml.len();

    let mut rng = Rng::new(seed);
    for f in 0..files {
        let mut text = String::with_capacity(per_file * 1600);
        for j in 0..per_file {
            let q = make_question(f * per_file + j, &mut rng);
            let letters: Vec<String> = q
                .answer
                .iter()
                .map(|&a| hitprep::bank::letter(a).to_string())
                .collect();
            let answer = if letters.len() == 1 {
                quote(&letters[0])
            } else {
                quote_list(&letters)
            };
            write!(
                text,
                "[[questions]]\nid = {}\ndomain = {}\ntopics = {}\nlevel = {}\ntype = {}\nstem = {}\nanswer = {}\nexplanation = {}\nreferences = {}\n",
                quote(&q.id),
                quote(&q.domain),
                quote_list(&q.topics),
                quote(q.level.as_str()),
                quote(q.kind.as_str()),
                quote(&q.stem),
                answer,
                quote(&q.explanation),
                quote_list(&q.references),
            )?;
            for c in &q.choices {
                write!(
                    text,
                    "\n[[questions.choices]]\ntext = {}\nwhy = {}\n",
                    quote(&c.text),
                    quote(&c.why)
                )?;
            }
            text.push('\n');
        }
        std::fs::write(dir.join(format!("questions-{f:02}.toml")), &text)?;
        total += text.len();
    }
    Ok(total)
}

/// What the generated progress database holds.
#[derive(Debug, Default, Clone)]
pub struct BigDb {
    pub cards: usize,
    pub reviews: usize,
    pub new_cards: usize,
    pub review_due: usize,
    pub learning_due: usize,
    /// Rows of the review cards due before `now`.
    pub due_rows: Vec<i64>,
}

/// Fill an imported database (one bank, cards all new) with `total_reviews`
/// reviews and matching card states, as of `now`, in one transaction on a
/// plain rusqlite connection. About 8% of cards stay new, ~10% of cards are
/// review cards due before `now`, the rest are due later.
pub fn fill_history(
    path: &Path,
    now: DateTime<Utc>,
    total_reviews: usize,
    seed: u64,
) -> BoxResult<BigDb> {
    let now_ms = now.timestamp_millis();
    let mut rng = Rng::new(seed);
    let mut conn = rusqlite::Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    let rows: Vec<i64> = {
        let mut stmt = conn.prepare("SELECT id FROM questions ORDER BY ordinal")?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?
    };
    let mut info = BigDb {
        cards: rows.len(),
        ..BigDb::default()
    };
    // Which cards have history.
    let reviewed: Vec<i64> = rows
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 25 >= 2)
        .map(|(_, &r)| r)
        .collect();
    info.new_cards = rows.len() - reviewed.len();
    let base = total_reviews / reviewed.len();
    let extra = total_reviews % reviewed.len();

    let tx = conn.transaction()?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO reviews (
                question_id, at, kind, rating, correct, shown, chosen, duration_ms,
                phase_before, step_before, stability_before, difficulty_before, due_before, last_review_before,
                phase_after, step_after, stability, difficulty, due_after, elapsed_days, retrievability
            ) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
        )?;
        let mut update = tx.prepare(
            "UPDATE cards SET phase = ?2, step = ?3, stability = ?4, difficulty = ?5, due = ?6,
                 last_review = ?7, reps = ?8, lapses = ?9, answers = ?10, correct = ?11
             WHERE question_id = ?1",
        )?;
        for (k, &row) in reviewed.iter().enumerate() {
            let n = base + usize::from(k < extra);
            // The card's state now.
            let (phase, step, due, last_review) = match k % 500 {
                // A few learning cards due now, a few relearning cards due later.
                0 => {
                    info.learning_due += 1;
                    let last = now_ms - rng.range(10, 60) * 60_000;
                    (1i64, Some(1i64), now_ms - rng.range(1, 5) * 60_000, last)
                }
                1 => {
                    let last = now_ms - rng.range(1, 10) * 60_000;
                    (3, Some(0), now_ms + rng.range(2, 6) * HOUR_MS, last)
                }
                _ if rng.chance(0.11) => {
                    info.review_due += 1;
                    info.due_rows.push(row);
                    let due = now_ms - rng.range(0, 20 * 24) * HOUR_MS - rng.range(1, HOUR_MS);
                    let ivl = rng.range(1, 300) * DAY_MS;
                    (2, None, due, due - ivl)
                }
                _ => {
                    let ivl = rng.range(2, 300);
                    let elapsed = rng.range(0, ivl) * DAY_MS + rng.range(HOUR_MS, 20 * HOUR_MS);
                    let last = now_ms - elapsed;
                    (2, None, last + ivl * DAY_MS, last)
                }
            };
            let stability = 1.0 + rng.unit() * 300.0;
            let difficulty = 1.0 + rng.unit() * 9.0;
            let gap = rng.range(1, 20) * DAY_MS + rng.range(0, 12 * HOUR_MS);

            let (mut reps, mut lapses, mut correct_total) = (0i64, 0i64, 0i64);
            let mut prev: Option<(i64, Option<i64>, f64, i64, i64)> = None; // phase, step, s, due, at
            for j in 0..n {
                let at = last_review - (n - 1 - j) as i64 * gap;
                let kind = match rng.range(0, 100) {
                    0..=4 => 1i64,
                    5..=6 => 2,
                    _ => 0,
                };
                let correct = j + 1 == n || rng.chance(0.85);
                let rating = if correct { 3i64 } else { 1 };
                let s_after = stability * (j + 1) as f64 / n as f64;
                let (phase_b, step_b, s_b, due_b, last_b) = match prev {
                    None => (0, None, None, None, None),
                    Some((p, st, s, d, a)) => (p, st, Some(s), Some(d), Some(a)),
                };
                let phase_a = if j == 0 {
                    1i64
                } else if j + 1 == n {
                    phase
                } else {
                    2
                };
                let step_a = if phase_a == 2 { None } else { Some(0i64) };
                let due_a = if j + 1 == n { due } else { at + gap };
                let shown = {
                    let mut o = [0u8, 1, 2, 3];
                    for x in (1..4).rev() {
                        o.swap(x, rng.range(0, x as i64 + 1) as usize);
                    }
                    format!("[{},{},{},{}]", o[0], o[1], o[2], o[3])
                };
                let chosen = format!("[{}]", rng.range(0, 4));
                insert.execute(params![
                    row,
                    at,
                    kind,
                    rating,
                    correct,
                    shown,
                    chosen,
                    rng.range(3_000, 60_000),
                    phase_b,
                    step_b,
                    s_b,
                    s_b.map(|_| difficulty),
                    due_b,
                    last_b,
                    phase_a,
                    step_a,
                    s_after,
                    difficulty,
                    due_a,
                    last_b.map(|l| (at - l) / DAY_MS),
                    if j == 0 { 0.0 } else { 0.8 + rng.unit() * 0.19 },
                ])?;
                if kind != 1 {
                    reps += 1;
                    if !correct && phase_b == 2 {
                        lapses += 1;
                    }
                }
                correct_total += i64::from(correct);
                prev = Some((phase_a, step_a, s_after, due_a, at));
            }
            update.execute(params![
                row,
                phase,
                step,
                stability,
                difficulty,
                due,
                last_review,
                reps.max(1),
                lapses,
                n as i64,
                correct_total,
            ])?;
            info.reviews += n;
        }
    }
    tx.commit()?;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    drop(conn);
    Ok(info)
}

/// Whole-day helper for the caller.
pub fn days(n: i64) -> TimeDelta {
    TimeDelta::days(n)
}

/// The file-system type holding `path` (from /proc/mounts), for the report.
pub fn fs_type(path: &Path) -> String {
    let Ok(path) = std::fs::canonicalize(path) else {
        return "?".into();
    };
    let Ok(mounts) = std::fs::read_to_string("/proc/mounts") else {
        return "?".into();
    };
    mounts
        .lines()
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            let (_dev, mnt, fs) = (it.next()?, it.next()?, it.next()?);
            path.starts_with(mnt).then(|| (mnt.len(), fs.to_string()))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, fs)| fs)
        .unwrap_or_else(|| "?".into())
}
