INSERT INTO questions (bank_id, qid, ordinal, domain, scenario, content_hash, key_hash, body)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
