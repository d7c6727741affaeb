-- Guarded by the review count the card had when shown (?11), so an answer
-- given in another window is never silently overwritten.
UPDATE cards
SET phase = ?2, step = ?3, stability = ?4, difficulty = ?5, due = ?6, last_review = ?7,
    reps = ?8, lapses = ?9, answers = answers + 1, correct = correct + ?10
WHERE question_id = ?1 AND reps = ?11
