UPDATE reviews
SET rating = ?2, phase_after = ?3, step_after = ?4, stability = ?5, difficulty = ?6, due_after = ?7
WHERE id = ?1
