-- CROSS JOIN: drive from the cards index (phase, due), never from all questions.
SELECT count(*)
FROM cards c
CROSS JOIN questions q ON q.id = c.question_id
WHERE q.bank_id = ?1 AND q.retired_at IS NULL
  AND c.phase = 2 AND c.due <= ?2
