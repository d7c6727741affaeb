//! Command-line interface: argument parsing and dispatch (see design.md's CLI contract).
//!
//! Every command prints human text by default and JSON with `--json`. Exit
//! codes: 0 success, 1 failure (an invalid bank, a refused database), 2 usage.

mod study;

use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand};
use serde::Serialize;

use hitprep::bank::{self, BankStats, Diagnostic};
use hitprep::clock::{Clock, parse_instant};
use hitprep::sched::{Scheduler, SchedulerConfig, parse_steps, replay};
use hitprep::store::{self, Store};
use hitprep::{Error, stats};

#[derive(Debug, Parser)]
#[command(
    name = "hitprep",
    version,
    about = "HIT Prep: study for the AHIMA RHIT, CHDA and CPHI exams"
)]
struct Cli {
    /// Progress database (default: in the OS data directory).
    #[arg(long, global = true, env = "HITPREP_DB", value_name = "FILE")]
    db: Option<PathBuf>,
    /// Pretend it is this time (RFC 3339), for scripts and tests.
    #[arg(long, global = true, env = "HITPREP_NOW", value_name = "RFC3339", value_parser = parse_now)]
    now: Option<DateTime<Utc>>,
    /// Print JSON on stdout.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

fn parse_now(text: &str) -> Result<DateTime<Utc>, String> {
    parse_instant(text)
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check bank folders; every problem is reported as file:line:column.
    Validate {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Treat quality warnings as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Load a bank folder, or update it keeping progress.
    Import {
        #[arg(value_name = "PATH")]
        path: PathBuf,
    },
    /// List loaded banks.
    Banks,
    /// Study a bank in the terminal.
    Study {
        bank: String,
        /// Stop after this many answers.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Due counts, accuracy and retrievability by domain.
    Stats { bank: Option<String> },
    /// Back up the progress database now (one is also made each day you study).
    Backup {
        /// List the backups instead.
        #[arg(long)]
        list: bool,
    },
    /// Replace your progress with a backup (the current state is backed up first).
    Restore {
        #[arg(value_name = "BACKUP")]
        file: PathBuf,
    },
    /// FSRS tools.
    Fsrs {
        #[command(subcommand)]
        command: FsrsCommand,
    },
}

#[derive(Debug, Subcommand)]
enum FsrsCommand {
    /// Replay reviews (JSON Lines on stdin) through the scheduler.
    Replay(ReplayArgs),
}

#[derive(Debug, Args)]
struct ReplayArgs {
    #[arg(long, value_name = "R", default_value_t = 0.9)]
    retention: f64,
    #[arg(long, value_name = "STEPS", default_value = "1m,10m")]
    learning_steps: String,
    #[arg(long, value_name = "STEPS", default_value = "10m")]
    relearning_steps: String,
    #[arg(long, value_name = "DAYS", default_value_t = 36_500)]
    max_interval: u32,
    #[arg(long)]
    no_fuzz: bool,
}

/// What a failed command prints with `--json`.
#[derive(Serialize)]
struct JsonError<'a> {
    error: JsonErrorBody<'a>,
}

#[derive(Serialize)]
struct JsonErrorBody<'a> {
    kind: &'a str,
    message: String,
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let json = cli.json;
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            if json {
                print_json(&JsonError {
                    error: JsonErrorBody {
                        kind: e.kind(),
                        message: e.to_string(),
                    },
                });
            }
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn print_json<T: Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
        Err(e) => eprintln!("error: cannot write JSON: {e}"),
    }
}

fn clock(cli_now: Option<DateTime<Utc>>) -> Clock {
    cli_now.map(Clock::fixed).unwrap_or_else(Clock::system)
}

fn open_store(db: Option<&Path>) -> Result<Store, Error> {
    let path = match db {
        Some(p) => p.to_path_buf(),
        None => store::default_path()?,
    };
    Store::open(&path)
}

/// Open the store and make the day's backup; a failed backup warns, never blocks studying.
fn open_store_with_backup(db: Option<&Path>, clock: &Clock) -> Result<Store, Error> {
    let store = open_store(db)?;
    if let Err(e) = store.backup_if_due(clock) {
        eprintln!("warning: could not back up your progress: {e}");
    }
    Ok(store)
}

fn dispatch(cli: Cli) -> Result<ExitCode, Error> {
    let clock = clock(cli.now);
    match cli.command {
        Command::Validate { paths, strict } => Ok(validate(&paths, strict, cli.json)),
        Command::Import { path } => {
            let checked = bank::check(&path);
            for w in checked.report.warnings() {
                eprintln!("{w}");
            }
            if !checked.is_valid() {
                return Err(Error::InvalidBank {
                    path,
                    report: checked.report,
                });
            }
            let mut store = open_store_with_backup(cli.db.as_deref(), &clock)?;
            let summary = store.import_bank(&checked.bank, &clock)?;
            if cli.json {
                print_json(&summary);
            } else {
                print!("{summary}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Banks => {
            let store = open_store(cli.db.as_deref())?;
            let banks = store.banks()?;
            if cli.json {
                print_json(&banks);
            } else if banks.is_empty() {
                println!("No banks loaded. Load one with: hitprep import FOLDER");
            } else {
                for b in banks {
                    let retired = if b.retired > 0 {
                        format!(", {} retired", b.retired)
                    } else {
                        String::new()
                    };
                    println!(
                        "{:<12} {} ({} questions{retired}) v{}  from {}",
                        b.id, b.title, b.questions, b.version, b.source
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Study { bank, limit } => {
            let mut store = open_store_with_backup(cli.db.as_deref(), &clock)?;
            study::session(&mut store, &bank, clock, limit)
        }
        Command::Stats { bank } => {
            let mut store = open_store(cli.db.as_deref())?;
            let report = stats::report(&mut store, bank.as_deref(), clock)?;
            if cli.json {
                print_json(&report);
            } else {
                print_stats(&report);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup { list } => {
            let store = open_store(cli.db.as_deref())?;
            if list {
                let backups: Vec<String> = store
                    .backups()?
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect();
                if cli.json {
                    print_json(&backups);
                } else if backups.is_empty() {
                    println!("No backups yet.");
                } else {
                    backups.iter().for_each(|b| println!("{b}"));
                }
            } else {
                let path = store.backup_now(&clock)?;
                if cli.json {
                    print_json(&serde_json::json!({ "backup": path }));
                } else {
                    println!("Backed up to {}", path.display());
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Restore { file } => {
            let mut store = open_store(cli.db.as_deref())?;
            let safety = store.restore_from(&file, &clock)?;
            if cli.json {
                print_json(&serde_json::json!({ "restored": file, "previous_state": safety }));
            } else {
                println!(
                    "Restored {}. Your previous progress was saved to {}",
                    file.display(),
                    safety.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Fsrs {
            command: FsrsCommand::Replay(args),
        } => {
            let config = SchedulerConfig {
                desired_retention: args.retention,
                learning_steps: parse_steps(&args.learning_steps).map_err(Error::InvalidInput)?,
                relearning_steps: parse_steps(&args.relearning_steps)
                    .map_err(Error::InvalidInput)?,
                maximum_interval: args.max_interval,
                fuzz: !args.no_fuzz,
                ..SchedulerConfig::default()
            };
            let scheduler = Scheduler::new(config)?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            replay::replay(
                &scheduler,
                BufReader::new(std::io::stdin().lock()),
                &mut out,
            )?;
            out.flush().map_err(|source| Error::Io {
                path: "stdout".into(),
                source,
            })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[derive(Serialize)]
struct ValidateJson {
    path: String,
    ok: bool,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    stats: BankStats,
}

fn validate(paths: &[PathBuf], strict: bool, json: bool) -> ExitCode {
    let mut all_ok = true;
    let mut results = Vec::new();
    for path in paths {
        let mut checked = bank::check(path);
        if strict {
            checked = checked.strict();
        }
        let ok = checked.is_valid();
        all_ok &= ok;
        let stats = BankStats::of(&checked.bank);
        if json {
            results.push(ValidateJson {
                path: path.display().to_string(),
                ok,
                errors: checked.report.errors().cloned().collect(),
                warnings: checked.report.warnings().cloned().collect(),
                stats,
            });
        } else {
            print!("{}", checked.report);
            let (e, w) = (
                checked.report.errors().count(),
                checked.report.warnings().count(),
            );
            let verdict = if ok { "valid" } else { "INVALID" };
            println!(
                "{}: {verdict}: {} questions, {e} error(s), {w} warning(s)",
                path.display(),
                stats.questions
            );
        }
    }
    if json {
        if let [one] = &results[..] {
            print_json(one);
        } else {
            print_json(&results);
        }
    }
    if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn print_stats(report: &stats::StatsReport) {
    if report.banks.is_empty() {
        println!("No banks loaded. Load one with: hitprep import FOLDER");
    }
    for b in &report.banks {
        println!("{} ({})", b.id, b.title);
        println!(
            "  due now: {} learning, {} review today, {} new available; {} answered today",
            b.due.learning, b.due.review, b.due.new, b.reviews_today
        );
        println!(
            "  {:<8} {:>9} {:>6} {:>9} {:>10}",
            "domain", "questions", "seen", "accuracy", "recall now"
        );
        for d in &b.by_domain {
            let pct = |v: Option<f64>| {
                v.map(|v| format!("{:.0}%", v * 100.0))
                    .unwrap_or_else(|| "-".into())
            };
            println!(
                "  {:<8} {:>9} {:>6} {:>9} {:>10}",
                d.id,
                d.questions,
                d.seen,
                pct(d.accuracy),
                pct(d.mean_retrievability)
            );
        }
    }
}
