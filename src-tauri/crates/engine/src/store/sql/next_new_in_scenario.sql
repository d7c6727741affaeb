SELECT c.question_id
FROM cards c
JOIN questions q ON q.id = c.question_id
WHERE q.bank_id = ?1 AND q.scenario = ?2 AND q.retired_at IS NULL AND c.phase = 0
ORDER BY q.ordinal
LIMIT 1
