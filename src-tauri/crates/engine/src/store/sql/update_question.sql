UPDATE questions
SET ordinal = ?2, domain = ?3, scenario = ?4, content_hash = ?5, key_hash = ?6, retired_at = NULL
WHERE id = ?1
