//! `hitprep study BANK`: a study session on stdin/stdout.
//!
//! Each answer is saved (one transaction) before its feedback is printed, so
//! closing the terminal, EOF or Ctrl-C never loses an answered question.
//! Ctrl-C waits for a write in progress, then prints the session summary.

use std::io::{BufRead, Write};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use hitprep::Error;
use hitprep::bank::letter;
use hitprep::clock::{Clock, Stopwatch, humanize};
use hitprep::sched::Rating;
use hitprep::store::Store;
use hitprep::study::{Presented, Study};

#[derive(Debug, Default)]
struct Tally {
    answered: usize,
    correct: usize,
}

impl Tally {
    fn summary(&self) -> String {
        if self.answered == 0 {
            return "No questions answered.".into();
        }
        format!(
            "Session over: {} answered, {} right ({:.0}%). Every answer is saved.",
            self.answered,
            self.correct,
            100.0 * self.correct as f64 / self.answered as f64
        )
    }
}

enum Input {
    Choices(Vec<usize>),
    Quit,
}

/// Read display letters ("B", "a c", "13") into display positions.
fn parse_choices(line: &str, count: usize) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    for c in line.chars().filter(|c| !c.is_whitespace() && *c != ',') {
        let i = match c.to_ascii_uppercase() {
            l @ 'A'..='Z' => (l as u8 - b'A') as usize,
            d @ '1'..='9' => (d as u8 - b'1') as usize,
            _ => return None,
        };
        if i >= count {
            return None;
        }
        if !out.contains(&i) {
            out.push(i);
        }
    }
    (!out.is_empty()).then_some(out)
}

fn read_line(input: &mut impl BufRead) -> Option<String> {
    let mut line = String::new();
    match input.read_line(&mut line) {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(line.trim().to_string()),
    }
}

fn ask(p: &Presented, out: &mut impl Write, input: &mut impl BufRead) -> std::io::Result<Input> {
    let q = &p.stored.question;
    let n = q.choices.len();
    let hint = if q.answer.len() > 1 {
        format!("choose {}, e.g. AC", q.answer.len())
    } else {
        "one letter".into()
    };
    loop {
        write!(
            out,
            "Your answer ({hint}; A-{} or 1-{}; q to quit): ",
            letter(n - 1),
            n.min(9)
        )?;
        out.flush()?;
        let Some(line) = read_line(input) else {
            return Ok(Input::Quit);
        };
        if line.eq_ignore_ascii_case("q") {
            return Ok(Input::Quit);
        }
        match parse_choices(&line, n) {
            Some(display) => {
                return Ok(Input::Choices(
                    display.iter().map(|&d| p.order[d]).collect(),
                ));
            }
            None => writeln!(
                out,
                "  Type the letter(s) of your choice, from A to {}.",
                letter(n - 1)
            )?,
        }
    }
}

fn show_question(p: &Presented, number: usize, out: &mut impl Write) -> std::io::Result<()> {
    let q = &p.stored.question;
    writeln!(
        out,
        "\n── Question {number} · {} · domain {} · {:?} ──",
        q.id, q.domain, p.why
    )?;
    if let Some(s) = &p.stored.scenario {
        if !s.title.is_empty() {
            writeln!(out, "Case: {}", s.title)?;
        }
        writeln!(out, "{}\n", s.text.trim())?;
    }
    writeln!(out, "{}", q.stem.trim())?;
    for (display, &original) in p.order.iter().enumerate() {
        writeln!(
            out,
            "  {}) {}",
            letter(display),
            q.choices[original].text.trim()
        )?;
    }
    Ok(())
}

fn show_feedback(
    p: &Presented,
    chosen: &[usize],
    correct: bool,
    next_due: &str,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let q = &p.stored.question;
    let keys: String = p
        .order
        .iter()
        .enumerate()
        .filter(|(_, o)| q.is_correct(**o))
        .map(|(d, _)| letter(d))
        .collect();
    if correct {
        writeln!(out, "\n✔ Correct. Saved; next review {next_due}.")?;
    } else {
        writeln!(
            out,
            "\n✘ Not quite: the answer is {keys}. Saved; next review {next_due}."
        )?;
    }
    if !q.explanation.trim().is_empty() {
        writeln!(out, "\n{}", q.explanation.trim())?;
    }
    writeln!(out)?;
    for (display, &original) in p.order.iter().enumerate() {
        let mark = match (q.is_correct(original), chosen.contains(&original)) {
            (true, true) => "✔ your choice, correct",
            (true, false) => "✔ correct",
            (false, true) => "✘ your choice",
            (false, false) => " ",
        };
        writeln!(
            out,
            "  {}) {}  [{mark}]",
            letter(display),
            q.choices[original].text.trim()
        )?;
        if !q.choices[original].why.trim().is_empty() {
            writeln!(out, "     {}", q.choices[original].why.trim())?;
        }
    }
    if !q.references.is_empty() {
        writeln!(out, "\nReferences: {}", q.references.join("; "))?;
    }
    Ok(())
}

pub fn session(
    store: &mut Store,
    bank: &str,
    clock: Clock,
    limit: Option<usize>,
) -> Result<ExitCode, Error> {
    let io_err = |source| Error::Io {
        path: "terminal".into(),
        source,
    };
    let tally = Arc::new(Mutex::new(Tally::default()));
    {
        let tally = Arc::clone(&tally);
        // Ctrl-C: wait for any answer being written (it holds the lock), then leave.
        let _ = ctrlc::set_handler(move || {
            let t = tally.lock().unwrap_or_else(|e| e.into_inner());
            println!("\n{}", t.summary());
            std::process::exit(130);
        });
    }
    let mut study = Study::new(store, bank, clock)?;
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    // Not `stdout().lock()`: the Ctrl-C handler prints too, and must not wait
    // for a lock this thread would hold for the whole session.
    let mut out = std::io::stdout();
    let counts = study.counts()?;
    writeln!(
        out,
        "HIT Prep · {bank}: {} learning, {} to review, {} new today.",
        counts.learning, counts.review, counts.new
    )
    .map_err(io_err)?;

    let mut number = 0;
    loop {
        if limit.is_some_and(|l| number >= l) {
            break;
        }
        let Some(p) = study.next()? else {
            writeln!(out, "\nNothing more is due today. Well done.").map_err(io_err)?;
            break;
        };
        number += 1;
        show_question(&p, number, &mut out).map_err(io_err)?;
        let watch = Stopwatch::start();
        let chosen = match ask(&p, &mut out, &mut input).map_err(io_err)? {
            Input::Choices(c) => c,
            Input::Quit => break,
        };
        let feedback = {
            let mut t = tally.lock().unwrap_or_else(|e| e.into_inner());
            let f = study.answer(&p, &chosen, watch.elapsed_ms())?;
            t.answered += 1;
            t.correct += usize::from(f.correct);
            f
        };
        let due = |c: &hitprep::sched::Card| {
            c.due
                .map(|d| format!("in {}", humanize(d - clock.now())))
                .unwrap_or_default()
        };
        show_feedback(
            &p,
            &chosen,
            feedback.correct,
            &due(&feedback.recorded.card),
            &mut out,
        )
        .map_err(io_err)?;
        if feedback.correct {
            write!(
                out,
                "\n[Enter] next · h = I was unsure (Hard) · e = too easy (Easy) · q = quit: "
            )
            .map_err(io_err)?;
        } else {
            write!(out, "\n[Enter] next · q = quit: ").map_err(io_err)?;
        }
        out.flush().map_err(io_err)?;
        let Some(line) = read_line(&mut input) else {
            break;
        };
        let rerate = match line.to_ascii_lowercase().as_str() {
            "h" if feedback.correct => Some(Rating::Hard),
            "e" if feedback.correct => Some(Rating::Easy),
            "q" => break,
            _ => None,
        };
        if let Some(rating) = rerate {
            let _guard = tally.lock().unwrap_or_else(|e| e.into_inner());
            let r = study.rerate(feedback.recorded.review, rating)?;
            writeln!(out, "Marked {rating:?}; next review {}.", due(&r.card)).map_err(io_err)?;
        }
    }
    let t = tally.lock().unwrap_or_else(|e| e.into_inner());
    writeln!(out, "\n{}", t.summary()).map_err(io_err)?;
    Ok(ExitCode::SUCCESS)
}
