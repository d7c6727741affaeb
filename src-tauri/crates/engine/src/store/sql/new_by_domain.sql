-- CROSS JOIN: drive from the cards index (phase, due), never from all questions.
-- ?2 is unused; it keeps the parameters the same as the review query.
SELECT q.domain, c.question_id, count(*), min(q.ordinal)
FROM cards c
CROSS JOIN questions q ON q.id = c.question_id
WHERE q.bank_id = ?1 AND q.retired_at IS NULL
  AND c.phase = 0 AND ?2 IS NOT NULL
GROUP BY q.domain
ORDER BY q.domain
