//! `hitprep fsrs replay`: run review histories through the scheduler.
//!
//! Input is JSON Lines, one review per line:
//! `{"card":"ID","rating":1..4,"at":"RFC3339"}`; a card starts new at its
//! first line. Output is one line per review with the card's state after it
//! and the retrievability just before it. The replay fixtures made with
//! py-fsrs 6.3.2 run through this same function.

use std::collections::HashMap;
use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Card, Rating, Scheduler};
use crate::clock::{format_instant, parse_instant};
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplayInput {
    pub card: String,
    pub rating: i64,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplayOutput {
    pub card: String,
    pub state: String,
    pub step: Option<u32>,
    pub stability: f64,
    pub difficulty: f64,
    pub due: String,
    pub interval_days: Option<u32>,
    pub retrievability: f64,
}

/// A stable 64-bit seed for a card id, for fuzz.
pub fn card_seed(id: &str) -> u64 {
    let digest = Sha256::digest(id.as_bytes());
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest[..8]);
    u64::from_le_bytes(bytes)
}

/// Replay reviews from `input`, writing one JSON line per review to `output`.
/// A bad line stops the replay with its line number.
pub fn replay(scheduler: &Scheduler, input: impl BufRead, mut output: impl Write) -> Result<usize> {
    let mut cards: HashMap<String, Card> = HashMap::new();
    let mut count = 0;
    for (n, line) in input.lines().enumerate() {
        let line = line.map_err(|e| Error::InvalidInput(format!("stdin line {}: {e}", n + 1)))?;
        if line.trim().is_empty() {
            continue;
        }
        let bad = |msg: String| Error::InvalidInput(format!("stdin line {}: {msg}", n + 1));
        let review: ReplayInput = serde_json::from_str(&line).map_err(|e| {
            bad(format!(
                "{e}; expected {{\"card\":\"ID\",\"rating\":1..4,\"at\":\"RFC3339\"}}"
            ))
        })?;
        let rating = Rating::from_number(review.rating)
            .ok_or_else(|| bad(format!("rating {} is not 1 to 4", review.rating)))?;
        let at = parse_instant(&review.at).map_err(bad)?;
        let card = cards.entry(review.card.clone()).or_default();
        if card.last_review.is_some_and(|last| at < last) {
            return Err(bad(format!(
                "card {} goes back in time ({} is before its previous review)",
                review.card, review.at
            )));
        }
        let reviewed = scheduler.review(card, rating, at, card_seed(&review.card));
        *card = reviewed.card;
        let memory = reviewed.card.memory.unwrap_or(super::Memory {
            stability: 0.0,
            difficulty: 0.0,
        });
        let out = ReplayOutput {
            card: review.card,
            state: reviewed.card.phase.as_str().to_string(),
            step: reviewed.card.step,
            stability: memory.stability,
            difficulty: memory.difficulty,
            due: reviewed.card.due.map(format_instant).unwrap_or_default(),
            interval_days: reviewed.interval_days,
            retrievability: reviewed.retrievability,
        };
        let json = serde_json::to_string(&out).map_err(|e| Error::InvalidInput(e.to_string()))?;
        writeln!(output, "{json}").map_err(|e| Error::Io {
            path: "stdout".into(),
            source: e,
        })?;
        count += 1;
    }
    Ok(count)
}
