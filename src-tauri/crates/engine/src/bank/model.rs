//! The bank model: plain data, built by the loader and stored by the store.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A whole bank folder.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Bank {
    #[serde(skip)]
    pub root: PathBuf,
    pub id: String,
    pub title: String,
    pub version: String,
    pub license: String,
    pub description: String,
    pub exam: Exam,
    pub domains: Vec<Domain>,
    pub scenarios: Vec<Scenario>,
    pub questions: Vec<Question>,
}

/// How a full mock exam is built.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Exam {
    /// Scored items in a full mock exam.
    pub questions: u32,
    /// Time limit in minutes.
    pub minutes: u32,
    /// Where the blueprint comes from, and how sure we are.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Domain {
    pub id: String,
    pub name: String,
    /// Percent of exam items, as an inclusive range.
    pub weight: (u32, u32),
}

/// A shared case that several questions refer to; shown with each of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Recall,
    Application,
    Analysis,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Recall, Level::Application, Level::Analysis];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Recall => "recall",
            Level::Application => "application",
            Level::Analysis => "analysis",
        }
    }
}

/// Single-answer or multiple-response (the stem says how many).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    Single,
    Multiple,
}

impl QuestionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Single => "single",
            QuestionKind::Multiple => "multiple",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub text: String,
    /// Why this choice is right or wrong.
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// Stable forever: progress is keyed on it.
    pub id: String,
    pub domain: String,
    pub topics: Vec<String>,
    pub level: Level,
    #[serde(rename = "type")]
    pub kind: QuestionKind,
    pub scenario: Option<String>,
    pub stem: String,
    pub choices: Vec<Choice>,
    /// Indices into `choices` of the correct answers, ascending.
    pub answer: Vec<usize>,
    pub explanation: String,
    pub references: Vec<String>,
    /// Where the question starts: file and line, for messages.
    #[serde(skip)]
    pub origin: Option<(Arc<Path>, usize)>,
}

/// The letter shown for choice `index` as written (A, B, ...).
pub fn letter(index: usize) -> char {
    char::from(b'A' + (index.min(25) as u8))
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Question {
    pub fn is_correct(&self, index: usize) -> bool {
        self.answer.contains(&index)
    }

    /// A hash of everything a student sees with this question (including its
    /// scenario's case text); a change means the question was edited.
    pub fn content_hash(&self, scenario: Option<&Scenario>) -> String {
        let mut h = Sha256::new();
        if let Some(s) = scenario {
            h.update(normalise(&s.title).as_bytes());
            h.update([0]);
            h.update(normalise(&s.text).as_bytes());
            h.update([3]);
        }
        for part in [&self.domain, &self.stem, &self.explanation] {
            h.update(normalise(part).as_bytes());
            h.update([0]);
        }
        h.update(self.level.as_str());
        h.update(self.kind.as_str());
        h.update(self.scenario.as_deref().unwrap_or("").as_bytes());
        for c in &self.choices {
            h.update([1]);
            h.update(normalise(&c.text).as_bytes());
            h.update([0]);
            h.update(normalise(&c.why).as_bytes());
        }
        for a in &self.answer {
            h.update(a.to_le_bytes());
        }
        for t in self.topics.iter().chain(&self.references) {
            h.update([2]);
            h.update(t.as_bytes());
        }
        hex(&h.finalize())
    }

    /// A hash of the correct answers' text, independent of their order. When
    /// it changes, what the student learned is wrong, so the card is reset.
    pub fn key_hash(&self) -> String {
        let mut keys: Vec<String> = self
            .answer
            .iter()
            .filter_map(|&i| self.choices.get(i))
            .map(|c| normalise(&c.text).to_lowercase())
            .collect();
        keys.sort();
        let mut h = Sha256::new();
        for k in keys {
            h.update(k.as_bytes());
            h.update([0]);
        }
        hex(&h.finalize())
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .take(16)
        .fold(String::with_capacity(32), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}
