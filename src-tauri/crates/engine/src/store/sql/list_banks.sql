SELECT b.id, b.title, b.version, b.source,
       count(q.id) FILTER (WHERE q.retired_at IS NULL),
       count(q.id) FILTER (WHERE q.retired_at IS NOT NULL)
FROM banks b
LEFT JOIN questions q ON q.bank_id = b.id
WHERE b.removed_at IS NULL
GROUP BY b.id
ORDER BY b.id
