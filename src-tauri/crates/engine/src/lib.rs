//! HIT Prep engine: everything the desktop app and the `hitprep` CLI share.
//!
//! The crate holds all domain logic and never depends on a UI toolkit:
//!
//! - [`bank`]: the question-bank model, its TOML loader and validator;
//! - [`sched`]: FSRS-6 memory states (from the `fsrs` crate) plus learning steps and fuzz;
//! - [`store`]: the SQLite file that keeps every answer;
//! - [`study`]: the queue of what to ask next, grading and option shuffling;
//! - [`render`]: bank Markdown to sanitised HTML for the window;
//! - [`stats`]: due counts, accuracy and retrievability by domain;
//! - [`clock`]: the only place that reads the time.
//!
//! ```no_run
//! use hitprep::{bank, clock::Clock, store::Store};
//! let bank = bank::load(std::path::Path::new("tests/fixtures/example-bank"), false).unwrap();
//! let mut store = Store::open(std::path::Path::new("progress.sqlite3")).unwrap();
//! let summary = store.import_bank(&bank, &Clock::system()).unwrap();
//! println!("{summary}");
//! ```

pub mod bank;
pub mod clock;
pub mod error;
pub mod render;
pub mod sched;
pub mod stats;
pub mod store;
pub mod study;

pub use error::{Error, Result};
