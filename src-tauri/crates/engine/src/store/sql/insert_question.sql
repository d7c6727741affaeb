INSERT INTO questions (bank_id, qid, ordinal, domain, scenario, content_hash, key_hash)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
