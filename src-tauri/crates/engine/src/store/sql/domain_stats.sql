-- Retrievability as in sched: (1 + factor * whole_days / S) ^ decay.
-- CROSS JOIN: one pass over the small card rows, each joined by primary key.
SELECT q.domain,
       count(*),
       count(c.last_review),
       sum(c.answers),
       sum(c.correct),
       avg(CASE WHEN c.stability IS NOT NULL AND c.last_review IS NOT NULL
                THEN pow(1.0 + ?3 * max(0, (?2 - c.last_review) / 86400000) / c.stability, ?4) END)
FROM cards c
CROSS JOIN questions q ON q.id = c.question_id
WHERE q.bank_id = ?1 AND q.retired_at IS NULL
GROUP BY q.domain
