//! Queries behind the study queue and the statistics: what is due, what is
//! new, what was answered today. The study module decides the order.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::Store;
use crate::error::Result;

/// Which cards to look for, per domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pool {
    /// Review cards due before the instant.
    ReviewDue(DateTime<Utc>),
    /// Never-answered questions.
    New,
}

impl Store {
    /// The learning or relearning card of `bank` due earliest, if due by `until`.
    pub fn first_learning_due(&self, bank: &str, until: DateTime<Utc>) -> Result<Option<i64>> {
        self.conn()
            .prepare_cached(include_str!("sql/first_learning_due.sql"))
            .and_then(|mut s| {
                s.query_row(params![bank, until.timestamp_millis()], |r| r.get(0))
                    .optional()
            })
            .map_err(self.db_err())
    }

    /// Learning and relearning cards of `bank` due by `until`.
    pub fn count_learning_due(&self, bank: &str, until: DateTime<Utc>) -> Result<usize> {
        self.count_at(include_str!("sql/count_learning_due.sql"), bank, until)
    }

    /// Review cards of `bank` due by `until`.
    pub fn count_review_due(&self, bank: &str, until: DateTime<Utc>) -> Result<usize> {
        self.count_at(include_str!("sql/count_review_due.sql"), bank, until)
    }

    /// A `count(*)` query over `bank` with one instant parameter.
    fn count_at(&self, sql: &str, bank: &str, at: DateTime<Utc>) -> Result<usize> {
        self.conn()
            .prepare_cached(sql)
            .and_then(|mut s| {
                s.query_row(params![bank, at.timestamp_millis()], |r| r.get::<_, i64>(0))
            })
            .map(|n| n as usize)
            .map_err(self.db_err())
    }

    /// For each domain with cards in `pool`: the first card (earliest due, or
    /// first in bank order) and how many there are.
    pub fn pool_by_domain(&self, bank: &str, pool: Pool) -> Result<Vec<(String, i64, usize)>> {
        let (sql, until) = match pool {
            Pool::ReviewDue(until) => (
                include_str!("sql/review_due_by_domain.sql"),
                until.timestamp_millis(),
            ),
            Pool::New => (include_str!("sql/new_by_domain.sql"), 0),
        };
        let mut stmt = self.conn().prepare_cached(sql).map_err(self.db_err())?;
        let rows = stmt
            .query_map(params![bank, until], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as usize))
            })
            .map_err(self.db_err())?;
        rows.collect::<Result<Vec<_>, _>>().map_err(self.db_err())
    }

    /// The first new question of `scenario`, to keep a scenario set together.
    pub fn next_new_in_scenario(&self, bank: &str, scenario: &str) -> Result<Option<i64>> {
        self.conn()
            .prepare_cached(include_str!("sql/next_new_in_scenario.sql"))
            .and_then(|mut s| {
                s.query_row(params![bank, scenario], |r| r.get(0))
                    .optional()
            })
            .map_err(self.db_err())
    }

    /// Answers (study and exam) per domain since `since`.
    pub fn answers_by_domain_since(
        &self,
        bank: &str,
        since: DateTime<Utc>,
    ) -> Result<HashMap<String, usize>> {
        let mut stmt = self
            .conn()
            .prepare_cached(include_str!("sql/answers_by_domain_since.sql"))
            .map_err(self.db_err())?;
        let rows = stmt
            .query_map(params![bank, since.timestamp_millis()], |r| {
                Ok((r.get(0)?, r.get::<_, i64>(1)? as usize))
            })
            .map_err(self.db_err())?;
        rows.collect::<Result<HashMap<_, _>, _>>()
            .map_err(self.db_err())
    }

    /// New questions first answered since `since` (against the daily limit).
    pub fn introduced_since(&self, bank: &str, since: DateTime<Utc>) -> Result<usize> {
        self.count_at(include_str!("sql/introduced_since.sql"), bank, since)
    }

    /// The most recent answer in `bank` since `since`: question row and scenario.
    pub fn last_answer_since(
        &self,
        bank: &str,
        since: DateTime<Utc>,
    ) -> Result<Option<(i64, Option<String>)>> {
        self.conn()
            .prepare_cached(include_str!("sql/last_answer_since.sql"))
            .and_then(|mut s| {
                s.query_row(params![bank, since.timestamp_millis()], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()
            })
            .map_err(self.db_err())
    }
}
