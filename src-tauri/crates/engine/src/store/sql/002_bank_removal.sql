-- HIT Prep schema, version 2.
-- A bank can be removed while its history is kept (removed_at set: hidden,
-- restored by importing it again), and the desktop app remembers which
-- version of a shipped bank it last imported (fingerprint of its files).
ALTER TABLE banks ADD COLUMN removed_at INTEGER;
ALTER TABLE banks ADD COLUMN fingerprint TEXT;
