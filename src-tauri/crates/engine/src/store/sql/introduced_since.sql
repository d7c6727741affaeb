SELECT count(*)
FROM reviews r
JOIN questions q ON q.id = r.question_id
WHERE r.at >= ?2 AND q.bank_id = ?1 AND r.phase_before = 0 AND r.kind != 1
