-- Extra practice: the weakest active question not yet practised in this
-- session (?2: JSON array of row ids). Answered questions with the lowest
-- accuracy first, then the ones due soonest, then new ones in bank order.
SELECT q.id
FROM questions q
JOIN cards c ON c.question_id = q.id
WHERE q.bank_id = ?1 AND q.retired_at IS NULL
  AND q.id NOT IN (SELECT value FROM json_each(?2))
ORDER BY c.answers = 0,
         CAST(c.correct AS REAL) / max(c.answers, 1),
         c.due,
         q.ordinal
LIMIT 1
