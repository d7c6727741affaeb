//! Checks that span files: duplicate ids, unknown domains and scenarios,
//! blueprint coverage. Per-field checks live in the loader, next to the
//! spans they point at.

use std::collections::HashMap;
use std::sync::Arc;

use super::model::Bank;
use super::report::{Report, Severity, SourceFile};

/// Where a question's cross-checked fields are.
#[derive(Debug, Clone)]
pub struct Located {
    pub file: Arc<SourceFile>,
    pub id_at: usize,
    pub domain_at: usize,
    pub scenario_at: Option<usize>,
}

pub fn cross_check(
    bank: &Bank,
    bank_file: &SourceFile,
    located: &[Located],
    scenarios_at: &[(Arc<SourceFile>, usize)],
    report: &mut Report,
) {
    let mut first_seen: HashMap<&str, (usize, usize)> = HashMap::new();
    for (q, at) in bank.questions.iter().zip(located) {
        let (line, column) = at.file.position(at.id_at);
        if let Some(&(l, c)) = first_seen.get(q.id.as_str()) {
            let first = located
                .iter()
                .zip(&bank.questions)
                .find(|(_, x)| x.id == q.id)
                .map(|(a, _)| a.file.path.display().to_string())
                .unwrap_or_default();
            report.push(at.file.diagnostic(
                at.id_at,
                Severity::Error,
                format!(
                    "duplicate question id `{}`; it is first defined at {first}:{l}:{c}",
                    q.id
                ),
            ));
        } else {
            first_seen.insert(&q.id, (line, column));
        }
    }

    let mut scenario_ids: HashMap<&str, usize> = HashMap::new();
    for (i, (s, (file, at))) in bank.scenarios.iter().zip(scenarios_at).enumerate() {
        if scenario_ids.insert(&s.id, i).is_some() {
            report.push(file.diagnostic(
                *at,
                Severity::Error,
                format!("duplicate scenario id `{}`", s.id),
            ));
        }
    }

    let domain_ids: Vec<&str> = bank.domains.iter().map(|d| d.id.as_str()).collect();
    let mut per_domain: HashMap<&str, usize> = HashMap::new();
    let mut per_scenario: HashMap<&str, usize> = HashMap::new();
    for (q, at) in bank.questions.iter().zip(located) {
        if !domain_ids.is_empty() && !domain_ids.contains(&q.domain.as_str()) {
            report.push(at.file.diagnostic(
                at.domain_at,
                Severity::Error,
                format!(
                    "unknown domain `{}`; bank.toml defines {}",
                    q.domain,
                    domain_ids.join(", ")
                ),
            ));
        }
        *per_domain.entry(&q.domain).or_default() += 1;
        if let (Some(s), Some(s_at)) = (&q.scenario, at.scenario_at) {
            if scenario_ids.contains_key(s.as_str()) {
                *per_scenario.entry(s).or_default() += 1;
            } else {
                report.push(at.file.diagnostic(
                    s_at,
                    Severity::Error,
                    format!("unknown scenario `{s}`; define it in a [[scenarios]] table"),
                ));
            }
        }
    }
    for (s, (file, at)) in bank.scenarios.iter().zip(scenarios_at) {
        if !per_scenario.contains_key(s.id.as_str()) {
            report.push(file.diagnostic(
                *at,
                Severity::Warning,
                format!("scenario `{}` is used by no question", s.id),
            ));
        }
    }
    if bank_file.path.exists() {
        // Coverage warnings only make sense once the files read cleanly.
        let clean = !report.has_errors();
        for d in &bank.domains {
            if clean && !per_domain.contains_key(d.id.as_str()) && !bank.questions.is_empty() {
                report.push(bank_file.diagnostic(
                    0,
                    Severity::Warning,
                    format!("domain `{}` has no questions", d.id),
                ));
            }
        }
        let exam = bank.exam.questions as usize;
        if clean && !bank.questions.is_empty() && exam > bank.questions.len() {
            report.push(bank_file.diagnostic(
                0,
                Severity::Warning,
                format!("[exam] questions = {exam}, but the bank has only {}: a full mock exam cannot be built", bank.questions.len()),
            ));
        }
        if bank.questions.is_empty() && !report.has_errors() {
            report.push(bank_file.diagnostic(
                0,
                Severity::Error,
                "the bank has no questions: add *.toml files with [[questions]]",
            ));
        }
    }
}

/// The targets of Markdown images `![alt](target "title")` in `text`.
pub fn image_targets(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("![") {
        rest = &rest[start + 2..];
        let Some(close) = rest.find("](") else { break };
        let after = &rest[close + 2..];
        let Some(end) = after.find(')') else { break };
        let target = after[..end].trim();
        // `<path with spaces>` or `path "title"`.
        let target = match target.strip_prefix('<') {
            Some(inner) => inner.split('>').next().unwrap_or(""),
            None => target.split_whitespace().next().unwrap_or(""),
        };
        if !target.is_empty() {
            out.push(target);
        }
        rest = &after[end..];
    }
    out
}

pub fn number_word(n: usize) -> &'static str {
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ]
    .get(n)
    .copied()
    .unwrap_or("all that apply")
}

/// Whether a multiple-response stem states how many answers to pick: a verb
/// such as "choose" or "select" followed within a few words by the count.
pub fn says_how_many(stem: &str, keys: usize) -> bool {
    let lower = stem.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let word = number_word(keys);
    let digit = keys.to_string();
    words.iter().enumerate().any(|(i, w)| {
        ["choose", "select", "pick", "mark", "identify", "name"].contains(w)
            && words
                .iter()
                .skip(i + 1)
                .take(4)
                .any(|n| *n == word || *n == digit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_image_targets() {
        assert_eq!(
            image_targets("a ![x](img/a.png) b ![y](<b c.png> \"t\") ![z](d.png \"t\")"),
            vec!["img/a.png", "b c.png", "d.png"]
        );
        assert!(image_targets("no images [link](x)").is_empty());
    }

    #[test]
    fn stem_count_words() {
        assert!(says_how_many("Which of these apply? (Choose two.)", 2));
        assert!(says_how_many("Select 3 answers", 3));
        assert!(!says_how_many("Select all that apply", 2));
        assert!(!says_how_many(
            "Two patients ask for records. Which disclosures are allowed?",
            2
        ));
        assert!(says_how_many(
            "Which TWO are permitted? Select the two best answers.",
            2
        ));
    }
}
