//! Importing and updating banks without losing anyone's progress.
//!
//! Progress is keyed on question ids. Re-importing an edited bank keeps every
//! unchanged id's card and history, resets (and reports) a card whose correct
//! answer changed, and retires questions the bank no longer has, keeping
//! their history. Importing the same folder twice changes nothing.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Store, sql};
use crate::bank::Bank;
use crate::clock::Clock;
use crate::error::{Error, Result};

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportSummary {
    pub bank: String,
    pub title: String,
    pub new_bank: bool,
    pub added: Vec<String>,
    /// Edited, same correct answer: progress kept.
    pub changed: Vec<String>,
    /// The correct answer changed: the card was reset (history kept).
    pub reset: Vec<String>,
    /// Gone from the bank: retired, history kept.
    pub retired: Vec<String>,
    /// Retired before, back in the bank now.
    pub restored: Vec<String>,
    pub unchanged: usize,
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = if self.new_bank { "Loaded" } else { "Updated" };
        writeln!(f, "{verb} bank `{}` ({}):", self.bank, self.title)?;
        writeln!(
            f,
            "  {} added, {} changed, {} reset, {} retired, {} restored, {} unchanged",
            self.added.len(),
            self.changed.len(),
            self.reset.len(),
            self.retired.len(),
            self.restored.len(),
            self.unchanged
        )?;
        if !self.reset.is_empty() {
            writeln!(
                f,
                "  correct answer changed, progress reset: {}",
                self.reset.join(", ")
            )?;
        }
        if !self.retired.is_empty() {
            writeln!(f, "  retired (history kept): {}", self.retired.join(", "))?;
        }
        Ok(())
    }
}

/// A loaded bank, for listings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BankInfo {
    pub id: String,
    pub title: String,
    pub version: String,
    pub source: String,
    pub questions: usize,
    pub retired: usize,
}

struct Existing {
    row: i64,
    content: String,
    key: String,
    ordinal: i64,
    retired: bool,
}

/// What happened to one shipped bank at start-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum BundledImport {
    /// Imported for the first time, or updated because its files changed.
    Imported { summary: ImportSummary },
    /// Same files as last time: nothing to do.
    Unchanged { bank: String },
    /// The student removed it; it stays removed.
    Removed { bank: String },
    /// The shipped files do not load (a packaging mistake): nothing changed.
    Invalid {
        folder: String,
        problems: Vec<String>,
    },
}

impl Store {
    /// Import a shipped bank folder unless the same files were imported
    /// before or the student removed the bank.
    pub fn import_if_changed(&mut self, folder: &Path, clock: &Clock) -> Result<BundledImport> {
        let fingerprint = crate::bank::fingerprint(folder).map_err(|e| Error::Io {
            path: folder.to_path_buf(),
            source: e,
        })?;
        // Same files as a bank already imported: no need to even parse them.
        let known: Option<(String, bool)> = self
            .conn()
            .query_row(
                "SELECT id, removed_at IS NOT NULL FROM banks WHERE fingerprint = ?1",
                [&fingerprint],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(self.db_err())?;
        match known {
            Some((bank, true)) => return Ok(BundledImport::Removed { bank }),
            Some((bank, false)) => return Ok(BundledImport::Unchanged { bank }),
            None => {}
        }
        let bank = match crate::bank::load(folder, false) {
            Ok(bank) => bank,
            Err(report) => {
                return Ok(BundledImport::Invalid {
                    folder: folder.display().to_string(),
                    problems: report.errors().map(ToString::to_string).collect(),
                });
            }
        };
        if let Some((_, true)) = self.bank_fingerprint(&bank.id)? {
            return Ok(BundledImport::Removed { bank: bank.id });
        }
        let summary = self.import_bank(&bank, clock)?;
        self.set_bank_fingerprint(&bank.id, &fingerprint)?;
        Ok(BundledImport::Imported { summary })
    }

    /// Load or update `bank` in one transaction.
    pub fn import_bank(&mut self, bank: &Bank, clock: &Clock) -> Result<ImportSummary> {
        let now = clock.now().timestamp_millis();
        let blueprint = serde_json::json!({
            "license": bank.license,
            "description": bank.description,
            "exam": bank.exam,
            "domains": bank.domains,
            "scenarios": bank.scenarios,
        })
        .to_string();
        let scenarios: HashMap<&str, &crate::bank::Scenario> =
            bank.scenarios.iter().map(|s| (s.id.as_str(), s)).collect();
        let source = std::fs::canonicalize(&bank.root)
            .unwrap_or_else(|_| bank.root.clone())
            .display()
            .to_string();

        self.transact(|tx| {
            let mut summary = ImportSummary { bank: bank.id.clone(), title: bank.title.clone(), ..Default::default() };
            let known: Option<i64> = tx
                .query_row("SELECT 1 FROM banks WHERE id = ?1 AND removed_at IS NULL", [&bank.id], |r| r.get(0))
                .optional()
                .map_err(sql)?;
            summary.new_bank = known.is_none();
            tx.execute(
                include_str!("sql/upsert_bank.sql"),
                params![bank.id, bank.title, bank.version, source, blueprint, now],
            )
            .map_err(sql)?;

            let mut existing: HashMap<String, Existing> = HashMap::new();
            {
                let mut stmt = tx
                    .prepare_cached("SELECT id, qid, content_hash, key_hash, ordinal, retired_at IS NOT NULL FROM questions WHERE bank_id = ?1")
                    .map_err(sql)?;
                let rows = stmt
                    .query_map([&bank.id], |r| {
                        Ok((r.get::<_, String>(1)?, Existing { row: r.get(0)?, content: r.get(2)?, key: r.get(3)?, ordinal: r.get(4)?, retired: r.get(5)? }))
                    })
                    .map_err(sql)?;
                for row in rows {
                    let (qid, e) = row.map_err(sql)?;
                    existing.insert(qid, e);
                }
            }

            let mut insert_q = tx.prepare_cached(include_str!("sql/insert_question.sql")).map_err(sql)?;
            let mut insert_card = tx.prepare_cached("INSERT INTO cards (question_id) VALUES (?1)").map_err(sql)?;
            let mut set_body = tx
                .prepare_cached("INSERT INTO question_bodies (question_id, body) VALUES (?1, ?2) ON CONFLICT (question_id) DO UPDATE SET body = excluded.body")
                .map_err(sql)?;
            let mut update_q = tx.prepare_cached(include_str!("sql/update_question.sql")).map_err(sql)?;
            let mut reset_card = tx.prepare_cached(include_str!("sql/reset_card.sql")).map_err(sql)?;
            let mut seen = std::collections::HashSet::with_capacity(bank.questions.len());
            for (ordinal, q) in bank.questions.iter().enumerate() {
                let ordinal = ordinal as i64;
                seen.insert(q.id.as_str());
                let scenario = q.scenario.as_deref().and_then(|s| scenarios.get(s)).copied();
                let content = q.content_hash(scenario);
                let key = q.key_hash();
                let body = serde_json::to_string(&super::cards::Body { question: q, scenario })
                    .map_err(|e| Error::InvalidInput(format!("question {}: {e}", q.id)))?;
                match existing.get(&q.id) {
                    None => {
                        let row = insert_q
                            .insert(params![bank.id, q.id, ordinal, q.domain, q.scenario, content, key])
                            .map_err(sql)?;
                        insert_card.execute([row]).map_err(sql)?;
                        set_body.execute(params![row, body]).map_err(sql)?;
                        summary.added.push(q.id.clone());
                    }
                    Some(e) => {
                        if e.content == content && e.key == key && !e.retired && e.ordinal == ordinal {
                            summary.unchanged += 1;
                            continue;
                        }
                        update_q.execute(params![e.row, ordinal, q.domain, q.scenario, content, key]).map_err(sql)?;
                        set_body.execute(params![e.row, body]).map_err(sql)?;
                        if e.key != key {
                            reset_card.execute(params![e.row, now]).map_err(sql)?;
                            summary.reset.push(q.id.clone());
                        } else if e.retired {
                            summary.restored.push(q.id.clone());
                        } else if e.content != content {
                            summary.changed.push(q.id.clone());
                        } else {
                            summary.unchanged += 1;
                        }
                    }
                }
            }
            let mut retire = tx.prepare_cached("UPDATE questions SET retired_at = ?2 WHERE id = ?1").map_err(sql)?;
            let mut gone: Vec<(&String, &Existing)> =
                existing.iter().filter(|(qid, e)| !e.retired && !seen.contains(qid.as_str())).collect();
            gone.sort_by_key(|(_, e)| e.ordinal);
            for (qid, e) in gone {
                retire.execute(params![e.row, now]).map_err(sql)?;
                summary.retired.push(qid.clone());
            }
            Ok(summary)
        })
    }

    pub fn has_bank(&self, bank_id: &str) -> Result<bool> {
        self.conn()
            .query_row(
                "SELECT 1 FROM banks WHERE id = ?1 AND removed_at IS NULL",
                [bank_id],
                |_| Ok(()),
            )
            .optional()
            .map(|found| found.is_some())
            .map_err(self.db_err())
    }

    /// The ids of every loaded bank, in order.
    pub fn bank_ids(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id FROM banks WHERE removed_at IS NULL ORDER BY id")
            .map_err(self.db_err())?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(self.db_err())?;
        rows.collect::<Result<Vec<_>, _>>().map_err(self.db_err())
    }

    /// Every loaded bank with its counts.
    pub fn banks(&self) -> Result<Vec<BankInfo>> {
        let mut stmt = self
            .conn()
            .prepare_cached(include_str!("sql/list_banks.sql"))
            .map_err(self.db_err())?;
        let rows = stmt
            .query_map([], |r| {
                Ok(BankInfo {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    version: r.get(2)?,
                    source: r.get(3)?,
                    questions: r.get::<_, i64>(4)? as usize,
                    retired: r.get::<_, i64>(5)? as usize,
                })
            })
            .map_err(self.db_err())?;
        rows.collect::<Result<Vec<_>, _>>().map_err(self.db_err())
    }

    /// The stored blueprint of a bank: metadata, exam, domains, scenarios (no questions).
    pub fn bank_blueprint(&self, bank_id: &str) -> Result<Bank> {
        let row: Option<(String, String, String, String)> = self
            .conn()
            .query_row(
                "SELECT title, version, source, blueprint FROM banks WHERE id = ?1",
                [bank_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .map_err(self.db_err())?;
        let (title, version, source, blueprint) =
            row.ok_or_else(|| Error::UnknownBank(bank_id.to_string()))?;
        let mut v: serde_json::Value = serde_json::from_str(&blueprint).map_err(|e| {
            Error::InvalidInput(format!("stored blueprint of {bank_id} is damaged: {e}"))
        })?;
        v["id"] = bank_id.into();
        v["title"] = title.into();
        v["version"] = version.into();
        v["questions"] = serde_json::Value::Array(Vec::new());
        let mut bank: Bank = serde_json::from_value(v).map_err(|e| {
            Error::InvalidInput(format!("stored blueprint of {bank_id} is damaged: {e}"))
        })?;
        bank.root = source.into();
        Ok(bank)
    }
}
