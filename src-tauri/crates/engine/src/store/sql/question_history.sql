SELECT id, at, kind, rating, correct, shown, chosen, duration_ms, due_after, phase_after
FROM reviews
WHERE question_id = ?1
ORDER BY at DESC, id DESC
