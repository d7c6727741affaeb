-- HIT Prep schema, version 1.
-- Times are Unix milliseconds (UTC). JSON columns hold serde_json text.

CREATE TABLE banks (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    version     TEXT NOT NULL,
    source      TEXT NOT NULL,              -- folder the bank was imported from
    blueprint   TEXT NOT NULL,              -- JSON: exam, domains, scenarios, licence
    imported_at INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE questions (
    id           INTEGER PRIMARY KEY,
    bank_id      TEXT NOT NULL REFERENCES banks(id) ON DELETE CASCADE,
    qid          TEXT NOT NULL,             -- the bank's stable question id
    ordinal      INTEGER NOT NULL,          -- order in the bank, for new cards
    domain       TEXT NOT NULL,
    scenario     TEXT,
    content_hash TEXT NOT NULL,
    key_hash     TEXT NOT NULL,
    retired_at   INTEGER,                   -- set when the bank no longer has it
    UNIQUE (bank_id, qid)
) STRICT;
CREATE INDEX questions_bank_domain ON questions(bank_id, domain);
CREATE INDEX questions_bank_retired ON questions(bank_id, retired_at);

-- The question itself, kept apart so that queue and statistics queries,
-- which scan `questions`, never page through the text.
CREATE TABLE question_bodies (
    question_id INTEGER PRIMARY KEY REFERENCES questions(id) ON DELETE CASCADE,
    body        TEXT NOT NULL               -- JSON: the question and its scenario
) STRICT;

-- The FSRS state of each question.
CREATE TABLE cards (
    question_id INTEGER PRIMARY KEY REFERENCES questions(id) ON DELETE CASCADE,
    phase       INTEGER NOT NULL DEFAULT 0 CHECK (phase BETWEEN 0 AND 3),
    step        INTEGER,
    stability   REAL,
    difficulty  REAL,
    due         INTEGER,
    last_review INTEGER,
    reps        INTEGER NOT NULL DEFAULT 0,
    lapses      INTEGER NOT NULL DEFAULT 0,
    answers     INTEGER NOT NULL DEFAULT 0, -- running totals, so stats need not scan reviews
    correct     INTEGER NOT NULL DEFAULT 0,
    flagged     INTEGER NOT NULL DEFAULT 0,
    note        TEXT,
    reset_at    INTEGER                     -- when a changed answer key reset the card
) STRICT;
CREATE INDEX cards_phase_due ON cards(phase, due);

-- Every answer. The "before" columns let an answer be re-rated (Hard/Easy)
-- or undone exactly.
CREATE TABLE reviews (
    id                 INTEGER PRIMARY KEY,
    question_id        INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    at                 INTEGER NOT NULL,
    kind               INTEGER NOT NULL DEFAULT 0 CHECK (kind BETWEEN 0 AND 2), -- study, practice, exam
    rating             INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    correct            INTEGER NOT NULL CHECK (correct IN (0, 1)),
    shown              TEXT NOT NULL,       -- JSON: choice indices in the order shown
    chosen             TEXT NOT NULL,       -- JSON: choice indices chosen
    duration_ms        INTEGER NOT NULL,
    phase_before       INTEGER NOT NULL,
    step_before        INTEGER,
    stability_before   REAL,
    difficulty_before  REAL,
    due_before         INTEGER,
    last_review_before INTEGER,
    phase_after        INTEGER NOT NULL,
    step_after         INTEGER,
    stability          REAL,
    difficulty         REAL,
    due_after          INTEGER,
    elapsed_days       INTEGER,
    retrievability     REAL
) STRICT;
CREATE INDEX reviews_question_at ON reviews(question_id, at);
CREATE INDEX reviews_at ON reviews(at);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL                     -- JSON
) STRICT;
