-- Browse: questions of one bank matching every filter that is set.
-- ?2 text (substring of stem, choices, explanation, id; NULL = any),
-- ?3 domain, ?4 topic, ?5 flagged only, ?6 last answer wrong, ?7 never answered,
-- ?8 limit, ?9 include retired.
SELECT q.id, q.qid, q.domain, json_extract(b.body, '$.question.stem'),
       json_extract(b.body, '$.question.topics'),
       c.flagged, c.answers, c.correct, c.phase, c.due,
       (SELECT r.correct FROM reviews r WHERE r.question_id = q.id ORDER BY r.at DESC, r.id DESC LIMIT 1),
       q.retired_at IS NOT NULL
FROM questions q
JOIN question_bodies b ON b.question_id = q.id
JOIN cards c ON c.question_id = q.id
WHERE q.bank_id = ?1
  AND (?9 OR q.retired_at IS NULL)
  AND (?2 IS NULL OR instr(lower(q.qid || ' ' || json_extract(b.body, '$.question.stem') || ' '
        || json_extract(b.body, '$.question.explanation') || ' '
        || (SELECT group_concat(json_extract(ch.value, '$.text'), ' ')
            FROM json_each(b.body, '$.question.choices') ch)), lower(?2)) > 0)
  AND (?3 IS NULL OR q.domain = ?3)
  AND (?4 IS NULL OR EXISTS (SELECT 1 FROM json_each(b.body, '$.question.topics') t WHERE t.value = ?4))
  AND (NOT ?5 OR c.flagged)
  AND (NOT ?6 OR (SELECT r.correct FROM reviews r WHERE r.question_id = q.id
                  ORDER BY r.at DESC, r.id DESC LIMIT 1) = 0)
  AND (NOT ?7 OR NOT EXISTS (SELECT 1 FROM reviews r WHERE r.question_id = q.id))
ORDER BY q.ordinal
LIMIT ?8
