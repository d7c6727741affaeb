//! Engine benchmark: bank import rate, per-answer latency and stats time on a
//! large progress database (50,000 cards, 500,000 reviews), on tmpfs and disk.
//!
//! Run with `cargo bench -p hitprep --bench engine`. Criterion records its
//! usual estimates; the figures the acceptance criteria ask for are printed at
//! the end in a block starting with `BENCH SUMMARY`. Targets are printed next
//! to the figures but not asserted.
//!
//! Set `HITPREP_BENCH_KEEP_DB=1` to keep the generated 50k/500k database in
//! `target/bench-data/big.sqlite3` (pristine, before any answer) for
//! inspection with the sqlite3 shell.

mod support;

use std::cell::RefCell;
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use criterion::{Criterion, SamplingMode};
use hitprep::clock::Clock;
use hitprep::store::Store;
use hitprep::study::{Presented, Reason, Study, shuffled_order};

use support::{self as data, BoxResult, fs_type};

const IMPORT_FILES: usize = 10;
const IMPORT_PER_FILE: usize = 1_000;
const BIG_CARDS: usize = 50_000;
const BIG_REVIEWS: usize = 500_000;
const BIG_BANK: &str = "big";
const WARMUP_ANSWERS: usize = 20;
/// Answers timed per database.
const TIMED_ANSWERS: usize = 2_000;
/// Of those, how many go through `next()` first (the rest answer due review
/// cards presented directly, because `next()` is slow enough to blow the
/// time budget at 2,000 per database).
const NEXT_ANSWERS: usize = 400;
const STATS_RUNS: usize = 50;
/// Stop the stats runs early after this long (at least 10 runs).
const STATS_BUDGET: Duration = Duration::from_secs(8);

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 15, 12, 0, 0)
        .single()
        .expect("a valid instant")
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// mean, p50, p99, max in milliseconds.
fn summary(samples: &[Duration]) -> (f64, f64, f64, f64) {
    if samples.is_empty() {
        return (0.0, 0.0, 0.0, 0.0);
    }
    let mut v: Vec<Duration> = samples.to_vec();
    v.sort_unstable();
    let pick = |q: f64| v[((q * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1];
    let mean = v.iter().sum::<Duration>() / v.len() as u32;
    (ms(mean), ms(pick(0.5)), ms(pick(0.99)), ms(v[v.len() - 1]))
}

/// Times of each iteration, collected from inside criterion routines.
type Samples = RefCell<Vec<Duration>>;

fn timed<T>(samples: &Samples, f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let out = f();
    let d = t.elapsed();
    samples.borrow_mut().push(d);
    (out, d)
}

// ---------------------------------------------------------------- import

struct ImportFigures {
    bytes: usize,
    load: Vec<Duration>,
    store: Vec<Duration>,
    both: Vec<Duration>,
}

fn bench_import(c: &mut Criterion) -> BoxResult<ImportFigures> {
    let dir = tempfile::tempdir()?;
    let bytes = data::write_bank_folder(dir.path(), IMPORT_FILES, IMPORT_PER_FILE, 1)?;
    let load = || {
        hitprep::bank::load(dir.path(), false).unwrap_or_else(|report| {
            let first: Vec<String> = report
                .diagnostics
                .iter()
                .take(5)
                .map(|d| d.to_string())
                .collect();
            panic!("generated bank refused:\n{}", first.join("\n"))
        })
    };
    let bank = load();
    assert_eq!(bank.questions.len(), IMPORT_FILES * IMPORT_PER_FILE);
    let clock = Clock::fixed(now());
    let import = |bank: &hitprep::bank::Bank| {
        let mut store = Store::open_in_memory().expect("in-memory store");
        let summary = store.import_bank(bank, &clock).expect("import");
        assert_eq!(summary.added.len(), IMPORT_FILES * IMPORT_PER_FILE);
        store
    };

    let (s_load, s_store, s_both) = (Samples::default(), Samples::default(), Samples::default());
    let mut g = c.benchmark_group("import_10k");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(4));
    g.bench_function("bank_load_toml", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| timed(&s_load, || black_box(load())).1)
                .sum()
        })
    });
    g.bench_function("store_import_bank", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| timed(&s_store, || black_box(import(&bank))).1)
                .sum()
        })
    });
    g.bench_function("load_and_import", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| timed(&s_both, || black_box(import(&load()))).1)
                .sum()
        })
    });
    g.finish();
    Ok(ImportFigures {
        bytes,
        load: s_load.into_inner(),
        store: s_store.into_inner(),
        both: s_both.into_inner(),
    })
}

// ---------------------------------------------------------------- big database

struct Generated {
    info: data::BigDb,
    import: Duration,
    history: Duration,
    copy: Duration,
}

/// Build the 50k/500k database at `first`, then copy it to each of `copies`.
fn generate(first: &Path, copies: &[&Path]) -> BoxResult<Generated> {
    remove_db(first);
    for p in copies {
        remove_db(p);
    }
    let t = Instant::now();
    let bank = data::make_bank(BIG_BANK, BIG_CARDS, 2);
    let mut store = Store::open(first)?;
    store.import_bank(&bank, &Clock::fixed(now() - data::days(700)))?;
    drop(store);
    drop(bank);
    let import = t.elapsed();

    let t = Instant::now();
    let info = data::fill_history(first, now(), BIG_REVIEWS, 3)?;
    let history = t.elapsed();

    let t = Instant::now();
    for p in copies {
        std::fs::copy(first, p)?;
        if wal_path(first).exists() {
            std::fs::copy(wal_path(first), wal_path(p))?;
        }
    }
    let copy = t.elapsed();
    Ok(Generated {
        info,
        import,
        history,
        copy,
    })
}

fn wal_path(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push("-wal");
    PathBuf::from(s)
}

fn remove_db(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut s = db.as_os_str().to_owned();
        s.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(s));
    }
}

#[derive(Default)]
struct DbFigures {
    label: String,
    fs: String,
    open: Duration,
    next: Vec<Duration>,
    /// answer() right after next(), as the app does it.
    answer_after_next: Vec<Duration>,
    /// every timed answer.
    answer: Vec<Duration>,
    reasons: [usize; 4],
    stats: Vec<Duration>,
    stats_parts: Vec<(&'static str, f64)>,
    queries: Vec<(&'static str, f64)>,
    crit_answers: usize,
}

/// A question as `next()` would present it, for any card.
fn present(store: &Store, row: i64, why: Reason) -> Presented {
    let stored = store.question(row).expect("stored question");
    let order = shuffled_order(
        stored.question.choices.len(),
        stored.seed(),
        stored.card.reps,
    );
    Presented { stored, order, why }
}

fn keep<T>(value: T) -> BoxResult<()> {
    black_box(value);
    Ok(())
}

/// Mean time (ms) of `f` over `runs` runs, after one untimed run.
fn mean_ms(runs: u32, f: &mut dyn FnMut() -> BoxResult<()>) -> BoxResult<f64> {
    f()?;
    let t = Instant::now();
    for _ in 0..runs {
        f()?;
    }
    Ok(ms(t.elapsed()) / f64::from(runs))
}

/// What next() and Study::counts spend their time on: each queue query alone.
fn query_breakdown(store: &Store, clock: Clock) -> BoxResult<Vec<(&'static str, f64)>> {
    use hitprep::store::Pool;
    let now = clock.now();
    let settings = store.settings()?;
    let (start, end) = hitprep::clock::study_day(now, settings.rollover_hour);
    Ok(vec![
        (
            "first_learning_due",
            mean_ms(20, &mut || keep(store.first_learning_due(BIG_BANK, now)?))?,
        ),
        (
            "count_learning_due",
            mean_ms(20, &mut || keep(store.count_learning_due(BIG_BANK, now)?))?,
        ),
        (
            "pool_by_domain(ReviewDue)",
            mean_ms(20, &mut || {
                keep(store.pool_by_domain(BIG_BANK, Pool::ReviewDue(end))?)
            })?,
        ),
        (
            "pool_by_domain(New)",
            mean_ms(20, &mut || keep(store.pool_by_domain(BIG_BANK, Pool::New)?))?,
        ),
        (
            "answers_by_domain_since",
            mean_ms(20, &mut || {
                keep(store.answers_by_domain_since(BIG_BANK, start)?)
            })?,
        ),
        (
            "introduced_since",
            mean_ms(20, &mut || keep(store.introduced_since(BIG_BANK, start)?))?,
        ),
        (
            "last_answer_since",
            mean_ms(20, &mut || keep(store.last_answer_since(BIG_BANK, start)?))?,
        ),
        ("banks", mean_ms(20, &mut || keep(store.banks()?))?),
        (
            "question(row)",
            mean_ms(20, &mut || keep(store.question(12_345)?))?,
        ),
    ])
}

/// The parts of stats::report that are public, timed alone; the rest of the
/// report is the per-domain query (domain_stats.sql).
fn stats_breakdown(store: &mut Store, clock: Clock) -> BoxResult<Vec<(&'static str, f64)>> {
    let now = clock.now();
    let settings = store.settings()?;
    let (start, _) = hitprep::clock::study_day(now, settings.rollover_hour);
    let total = mean_ms(5, &mut || {
        keep(hitprep::stats::report(store, Some(BIG_BANK), clock)?)
    })?;
    let banks = mean_ms(5, &mut || {
        keep((
            store.has_bank(BIG_BANK)?,
            store.settings()?,
            store.bank_blueprint(BIG_BANK)?,
        ))
    })?;
    let today = mean_ms(5, &mut || {
        keep(store.answers_by_domain_since(BIG_BANK, start)?)
    })?;
    let study_new = mean_ms(5, &mut || {
        keep(Study::new(store, BIG_BANK, clock)?.bank().len())
    })?;
    let counts = mean_ms(5, &mut || {
        keep(Study::new(store, BIG_BANK, clock)?.counts()?)
    })? - study_new;
    Ok(vec![
        ("total", total),
        (
            "has_bank+settings+blueprint, and Study::new",
            banks + study_new,
        ),
        ("answers_by_domain_since", today),
        ("Study::counts", counts),
        (
            "rest = domain_stats.sql",
            total - banks - study_new - today - counts,
        ),
    ])
}

fn bench_db(c: &mut Criterion, label: &str, path: &Path, due_rows: &[i64]) -> BoxResult<DbFigures> {
    let clock = Clock::fixed(now());
    let mut fig = DbFigures {
        label: label.to_string(),
        fs: fs_type(path.parent().unwrap_or(path)),
        ..DbFigures::default()
    };
    let t = Instant::now();
    let mut store = Store::open(path)?;
    fig.open = t.elapsed();

    // 1. Per-answer latency: next() then answer(), as the app does, then
    // more answers to due review cards presented directly.
    let started = Instant::now();
    {
        let mut study = Study::new(&mut store, BIG_BANK, clock)?;
        let mut due = due_rows.iter().rev();
        for i in 0..WARMUP_ANSWERS + TIMED_ANSWERS {
            let timed = i >= WARMUP_ANSWERS;
            let via_next = i < WARMUP_ANSWERS + NEXT_ANSWERS;
            let t0 = Instant::now();
            let p = if via_next {
                study.next()?.ok_or("the queue ran dry")?
            } else {
                present(
                    study.store(),
                    *due.next().ok_or("no due rows left")?,
                    Reason::Review,
                )
            };
            let t1 = Instant::now();
            study.answer(&p, &[p.order[0]], 1000)?;
            let t2 = Instant::now();
            if timed {
                fig.answer.push(t2 - t1);
                if via_next {
                    fig.next.push(t1 - t0);
                    fig.answer_after_next.push(t2 - t1);
                    fig.reasons[match p.why {
                        Reason::Learning => 0,
                        Reason::Review => 1,
                        Reason::New => 2,
                        Reason::LearnAhead | Reason::Practice => 3,
                    }] += 1;
                }
            }
        }
    }
    eprintln!(
        "[{label}] {} answers in {:.1} s",
        WARMUP_ANSWERS + TIMED_ANSWERS,
        started.elapsed().as_secs_f64()
    );
    fig.queries = query_breakdown(&store, clock)?;

    // 2. Stats.
    let started = Instant::now();
    while fig.stats.len() < STATS_RUNS && (fig.stats.len() < 10 || started.elapsed() < STATS_BUDGET)
    {
        let t = Instant::now();
        black_box(hitprep::stats::report(&mut store, Some(BIG_BANK), clock)?);
        fig.stats.push(t.elapsed());
    }
    fig.stats_parts = stats_breakdown(&mut store, clock)?;
    {
        let mut g = c.benchmark_group("stats_50k_500k");
        g.sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(2));
        g.bench_function(label, |b| {
            b.iter(|| hitprep::stats::report(&mut store, Some(BIG_BANK), clock).expect("stats"))
        });
        g.finish();
    }

    // 3. Criterion records of next() and of one answer (the one-transaction write).
    let rows: Vec<i64> = (1..=BIG_CARDS as i64).collect();
    let mut cursor = 0usize;
    let mut answered = 0usize;
    {
        let mut study = Study::new(&mut store, BIG_BANK, clock)?;
        let mut g = c.benchmark_group("study_50k_500k");
        g.sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(1));
        g.bench_function(format!("next/{label}"), |b| {
            b.iter(|| study.next().expect("next").expect("a question"))
        });
        g.sampling_mode(SamplingMode::Auto);
        g.bench_function(format!("answer/{label}"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                let mut left = iters as usize;
                while left > 0 {
                    // Present distinct cards (untimed), then time only the answers.
                    let chunk = left.min(5_000);
                    let presented: Vec<Presented> = (0..chunk)
                        .map(|_| {
                            let row = rows[cursor % rows.len()];
                            cursor += 1;
                            present(study.store(), row, Reason::Review)
                        })
                        .collect();
                    let t = Instant::now();
                    for p in &presented {
                        black_box(study.answer(p, &[p.order[0]], 1000).expect("answer"));
                    }
                    total += t.elapsed();
                    answered += chunk;
                    left -= chunk;
                }
                total
            })
        });
        g.finish();
    }
    fig.crit_answers = answered;
    drop(store);
    Ok(fig)
}

// ---------------------------------------------------------------- main

fn main() -> BoxResult<()> {
    let mut c = Criterion::default().configure_from_args();
    let started = Instant::now();

    let import = bench_import(&mut c)?;

    let shm = PathBuf::from(format!("/dev/shm/hitprep-bench-{}", std::process::id()));
    let disk_dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../target/bench-data"
    ));
    std::fs::create_dir_all(&shm)?;
    std::fs::create_dir_all(&disk_dir)?;
    let tmpfs_db = shm.join("big.sqlite3");
    let disk_db = disk_dir.join("big-run.sqlite3");
    let kept_db = disk_dir.join("big.sqlite3");
    let keep_db =
        std::env::var_os("HITPREP_BENCH_KEEP_DB").is_some_and(|v| v != "0" && !v.is_empty());
    let mut copies = vec![disk_db.as_path()];
    if keep_db {
        copies.push(&kept_db);
    }
    let generated = generate(&tmpfs_db, &copies)?;
    eprintln!(
        "generated the 50k/500k database in {:.1} s",
        (generated.import + generated.history + generated.copy).as_secs_f64()
    );

    let run = (|| -> BoxResult<Vec<DbFigures>> {
        Ok(vec![
            bench_db(&mut c, "tmpfs", &tmpfs_db, &generated.info.due_rows)?,
            bench_db(&mut c, "disk", &disk_db, &generated.info.due_rows)?,
        ])
    })();
    let _ = std::fs::remove_dir_all(&shm);
    remove_db(&disk_db);
    let dbs = run?;
    c.final_summary();

    // ------------------------------------------------------------ summary
    let q = (IMPORT_FILES * IMPORT_PER_FILE) as f64;
    let mut out = String::new();
    writeln!(
        out,
        "\nBENCH SUMMARY (hitprep engine; targets in [] are not asserted)"
    )?;
    let (_, load_med, _, _) = summary(&import.load);
    let (_, store_med, _, _) = summary(&import.store);
    let (both_mean, both_med, _, _) = summary(&import.both);
    writeln!(
        out,
        "import: {} questions ({} files, {:.1} MB TOML) in {:.0} ms = {:.0} questions/s [>= 30000 q/s]  (median of {}; mean {:.0} ms)",
        q as usize,
        IMPORT_FILES,
        import.bytes as f64 / 1e6,
        both_med,
        q / (both_med / 1e3),
        import.both.len(),
        both_mean
    )?;
    writeln!(
        out,
        "import:   bank::load (TOML) {:.0} ms = {:.0} q/s; Store::open_in_memory + import_bank {:.0} ms = {:.0} q/s",
        load_med,
        q / (load_med / 1e3),
        store_med,
        q / (store_med / 1e3)
    )?;
    let info = &generated.info;
    writeln!(
        out,
        "big db: {} cards ({} new, {} review due, {} learning due), {} reviews; generated in {:.1} s (import_bank {:.1} s, history {:.1} s, copies {:.2} s){}",
        info.cards,
        info.new_cards,
        info.review_due,
        info.learning_due,
        info.reviews,
        (generated.import + generated.history + generated.copy).as_secs_f64(),
        generated.import.as_secs_f64(),
        generated.history.as_secs_f64(),
        generated.copy.as_secs_f64(),
        if keep_db {
            format!("; kept at {}", kept_db.display())
        } else {
            String::new()
        }
    )?;
    for f in &dbs {
        let (a_mean, a_med, a_p99, a_max) = summary(&f.answer);
        let (an_mean, _, an_p99, _) = summary(&f.answer_after_next);
        let (n_mean, n_med, n_p99, n_max) = summary(&f.next);
        let (s_mean, s_med, s_p99, _) = summary(&f.stats);
        writeln!(
            out,
            "{} ({}): Store::open {:.1} ms",
            f.label,
            f.fs,
            ms(f.open)
        )?;
        writeln!(
            out,
            "{}: answer() over {} answers: mean {:.3} ms, p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms [mean <= 0.15 ms, p99 <= 0.8 ms on tmpfs]; the {} right after next(): mean {:.3} ms, p99 {:.3} ms",
            f.label,
            f.answer.len(),
            a_mean,
            a_med,
            a_p99,
            a_max,
            f.answer_after_next.len(),
            an_mean,
            an_p99
        )?;
        writeln!(
            out,
            "{}: next() over {} calls: mean {:.3} ms, p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms (served: {} learning, {} review, {} new, {} learn-ahead)",
            f.label,
            f.next.len(),
            n_mean,
            n_med,
            n_p99,
            n_max,
            f.reasons[0],
            f.reasons[1],
            f.reasons[2],
            f.reasons[3]
        )?;
        writeln!(
            out,
            "{}: stats::report mean of {} runs {:.2} ms (p50 {:.2}, p99 {:.2}) [<= 30 ms]",
            f.label,
            f.stats.len(),
            s_mean,
            s_med,
            s_p99
        )?;
        let parts: Vec<String> = f
            .stats_parts
            .iter()
            .map(|(n, t)| format!("{n} {t:.2}"))
            .collect();
        writeln!(
            out,
            "{}:   stats parts, mean ms: {}",
            f.label,
            parts.join("; ")
        )?;
        let queries: Vec<String> = f
            .queries
            .iter()
            .map(|(n, t)| format!("{n} {t:.2}"))
            .collect();
        writeln!(
            out,
            "{}:   queue queries alone, mean ms: {}",
            f.label,
            queries.join("; ")
        )?;
        writeln!(
            out,
            "{}:   (the criterion answer bench then wrote {} more answers)",
            f.label, f.crit_answers
        )?;
    }
    writeln!(
        out,
        "BENCH SUMMARY total wall time {:.1} s",
        started.elapsed().as_secs_f64()
    )?;
    print!("{out}");
    Ok(())
}
