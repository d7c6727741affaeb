//! Bank statistics: counts by domain, type and level, and where the keys sit.

use std::collections::BTreeMap;

use serde::Serialize;

use super::model::{Bank, QuestionKind, letter};

/// The `stats` object of `hitprep validate --json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BankStats {
    pub questions: usize,
    pub by_domain: BTreeMap<String, usize>,
    pub by_type: BTreeMap<String, usize>,
    pub by_level: BTreeMap<String, usize>,
    /// Position of the key in single-answer items, as written.
    pub answer_positions: BTreeMap<String, usize>,
    pub scenarios: usize,
    /// Questions attached to each scenario.
    pub scenario_sizes: BTreeMap<String, usize>,
}

impl BankStats {
    pub fn of(bank: &Bank) -> Self {
        let mut s = BankStats {
            questions: bank.questions.len(),
            scenarios: bank.scenarios.len(),
            ..Self::default()
        };
        for d in &bank.domains {
            s.by_domain.insert(d.id.clone(), 0);
        }
        for q in &bank.questions {
            *s.by_domain.entry(q.domain.clone()).or_default() += 1;
            *s.by_type.entry(q.kind.as_str().to_string()).or_default() += 1;
            *s.by_level.entry(q.level.as_str().to_string()).or_default() += 1;
            if q.kind == QuestionKind::Single
                && let [key] = q.answer[..]
            {
                *s.answer_positions
                    .entry(letter(key).to_string())
                    .or_default() += 1;
            }
            if let Some(sc) = &q.scenario {
                *s.scenario_sizes.entry(sc.clone()).or_default() += 1;
            }
        }
        s
    }
}
