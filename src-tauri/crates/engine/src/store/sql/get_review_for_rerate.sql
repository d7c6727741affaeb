SELECT r.question_id, r.at, r.kind,
       r.phase_before, r.step_before, r.stability_before, r.difficulty_before, r.due_before, r.last_review_before,
       0, 0,
       q.bank_id || '/' || q.qid, r.correct,
       (SELECT max(id) FROM reviews WHERE question_id = r.question_id)
FROM reviews r
JOIN questions q ON q.id = r.question_id
WHERE r.id = ?1
