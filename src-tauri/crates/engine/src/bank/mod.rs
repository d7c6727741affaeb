//! Question banks: the model, the TOML loader and the validator.
//!
//! A bank is a folder: `bank.toml` (metadata and exam blueprint) plus any
//! number of question files (`*.toml`, in any sub-folder). The format is
//! documented in `docs/bank-format.md`. [`check`] reads a folder and returns
//! whatever it could build together with a [`Report`] of every problem, each
//! pinned to file:line:column; [`load`] is the strict entry point that only
//! hands back a bank without errors.
//!
//! ```no_run
//! let checked = hitprep::bank::check(std::path::Path::new("question-banks/rhit"));
//! for d in &checked.report.diagnostics {
//!     eprintln!("{d}");
//! }
//! ```

mod load;
mod model;
pub mod reader;
pub mod report;
mod stats;
mod validate;

pub use load::{MAX_FILE_BYTES, check};
pub use model::{Bank, Choice, Domain, Exam, Level, Question, QuestionKind, Scenario, letter};
pub use report::{Diagnostic, Report, Severity};
pub use stats::BankStats;

use std::path::Path;

/// The result of reading a bank folder: what could be built, and every problem found.
#[derive(Debug)]
pub struct Checked {
    pub bank: Bank,
    pub report: Report,
}

impl Checked {
    /// The report as `--strict` sees it.
    pub fn strict(mut self) -> Self {
        self.report.make_strict();
        self
    }

    pub fn is_valid(&self) -> bool {
        !self.report.has_errors()
    }
}

/// Load a bank, refusing it when it has errors (or warnings, if `strict`).
pub fn load(root: &Path, strict: bool) -> Result<Bank, Report> {
    let mut checked = check(root);
    if strict {
        checked = checked.strict();
    }
    if checked.is_valid() {
        Ok(checked.bank)
    } else {
        Err(checked.report)
    }
}

/// A hash of every file under a bank folder (names and contents), so a
/// shell can tell whether a shipped bank changed since it was imported.
pub fn fingerprint(root: &Path) -> std::io::Result<String> {
    use sha2::{Digest, Sha256};
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                walk(&entry.path(), out)?;
            } else if kind.is_file() {
                out.push(entry.path());
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(root, &mut files)?;
    files.sort();
    let mut h = Sha256::new();
    for file in files {
        let name = file.strip_prefix(root).unwrap_or(&file);
        h.update(name.to_string_lossy().as_bytes());
        h.update([0]);
        h.update(std::fs::read(&file)?);
        h.update([0]);
    }
    Ok(model::hex(&h.finalize()))
}

#[cfg(test)]
mod tests;
