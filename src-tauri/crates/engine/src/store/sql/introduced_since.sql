-- CROSS JOIN keeps reviews (today's, by index) as the outer loop.
SELECT count(*)
FROM reviews r
CROSS JOIN questions q ON q.id = r.question_id
WHERE r.at >= ?2 AND q.bank_id = ?1 AND r.phase_before = 0 AND r.kind != 1
