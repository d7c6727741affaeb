-- The correct answer changed: what the student learned is wrong. Start the
-- card over; its reviews stay in history.
UPDATE cards
SET phase = 0, step = NULL, stability = NULL, difficulty = NULL, due = NULL,
    last_review = NULL, reps = 0, lapses = 0, answers = 0, correct = 0, reset_at = ?2
WHERE question_id = ?1
