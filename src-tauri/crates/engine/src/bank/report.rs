//! Diagnostics: every problem found in a bank, each pinned to file:line:column.
//!
//! The loader never stops at the first problem. It collects [`Diagnostic`]s
//! into a [`Report`]; errors make a bank unusable, warnings are quality
//! problems that `--strict` promotes to errors.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Diagnostic {
    #[serde(serialize_with = "serialize_path")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub file: Arc<Path>,
    pub line: usize,
    pub column: usize,
    pub message: String,
    #[serde(skip)]
    pub severity: Severity,
}

fn serialize_path<S: serde::Serializer>(path: &Arc<Path>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&path.display().to_string())
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {level}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// Every diagnostic found while loading one bank.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Promote warnings to errors (`--strict`).
    pub fn make_strict(&mut self) {
        for d in &mut self.diagnostics {
            d.severity = Severity::Error;
        }
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// Sort by file, then position, so output reads top to bottom.
    pub fn sort(&mut self) {
        self.diagnostics
            .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Maps byte offsets in one file's text to 1-based line and column
/// (columns count characters, not bytes).
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: Arc<Path>,
    text_lines: Vec<usize>,
    text: Arc<str>,
}

impl SourceFile {
    pub fn new(path: PathBuf, text: &str) -> Self {
        let mut text_lines = vec![0];
        text_lines.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            path: path.into(),
            text_lines,
            text: text.into(),
        }
    }

    /// A file that could not be read as text: diagnostics point at 1:1.
    pub fn unreadable(path: PathBuf) -> Self {
        SourceFile::new(path, "")
    }

    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.text_lines.partition_point(|&start| start <= offset);
        let start = self.text_lines[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start);
        (line, column + 1)
    }

    pub fn diagnostic(
        &self,
        offset: usize,
        severity: Severity,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, column) = self.position(offset);
        Diagnostic {
            file: self.path.clone(),
            line,
            column,
            message: message.into(),
            severity,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let f = SourceFile::new("x.toml".into(), "ab\nçd = 1\n\nz");
        assert_eq!(f.position(0), (1, 1));
        assert_eq!(f.position(3), (2, 1));
        // "ç" is two bytes but one column.
        assert_eq!(f.position(6), (2, 3));
        assert_eq!(f.position(12), (4, 1));
        assert_eq!(f.position(999), (4, 2));
    }
}
