INSERT INTO reviews (
    question_id, at, kind, rating, correct, shown, chosen, duration_ms,
    phase_before, step_before, stability_before, difficulty_before, due_before, last_review_before,
    phase_after, step_after, stability, difficulty, due_after, elapsed_days, retrievability
) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)
