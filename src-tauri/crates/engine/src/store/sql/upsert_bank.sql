INSERT INTO banks (id, title, version, source, blueprint, imported_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
ON CONFLICT (id) DO UPDATE SET
    title = excluded.title,
    version = excluded.version,
    source = excluded.source,
    blueprint = excluded.blueprint,
    updated_at = excluded.updated_at,
    removed_at = NULL
