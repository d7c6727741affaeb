SELECT q.bank_id, b.body,
       c.phase, c.step, c.stability, c.difficulty, c.due, c.last_review, c.reps, c.lapses,
       c.flagged, c.note, q.retired_at IS NOT NULL
FROM questions q
JOIN cards c ON c.question_id = q.id
JOIN question_bodies b ON b.question_id = q.id
WHERE q.id = ?1
