-- CROSS JOIN keeps reviews (today's, by index) as the outer loop.
SELECT q.id, q.scenario
FROM reviews r
CROSS JOIN questions q ON q.id = r.question_id
WHERE r.at >= ?2 AND q.bank_id = ?1
ORDER BY r.at DESC, r.id DESC
LIMIT 1
