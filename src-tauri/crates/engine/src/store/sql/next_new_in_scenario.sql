-- CROSS JOIN: drive from the cards index (phase, due), never from all questions.
SELECT c.question_id
FROM cards c
CROSS JOIN questions q ON q.id = c.question_id
WHERE q.bank_id = ?1 AND q.scenario = ?2 AND q.retired_at IS NULL AND c.phase = 0
ORDER BY q.ordinal
LIMIT 1
