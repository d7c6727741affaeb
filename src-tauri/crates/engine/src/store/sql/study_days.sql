-- Distinct study days (shifted so that a day starts at the rollover hour)
-- with at least one answer in the bank, newest first. ?2 is the shift in ms.
SELECT DISTINCT (r.at + ?2) / 86400000 AS day
FROM reviews r
JOIN questions q ON q.id = r.question_id
WHERE q.bank_id = ?1
ORDER BY day DESC
