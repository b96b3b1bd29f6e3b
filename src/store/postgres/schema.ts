/**
 * Ordered schema migrations of the PostgreSQL store (mirrors the SQLite schema). Each runs in one
 * transaction together with its row in schema_migrations; an advisory lock keeps two app nodes that
 * start at once from migrating twice.
 */
export const PG_MIGRATIONS: string[] = [
  `
  CREATE TABLE documents (
    seq BIGSERIAL UNIQUE,
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    category TEXT NOT NULL,
    source JSONB NOT NULL,
    regions JSONB NOT NULL,
    tags JSONB NOT NULL,
    themes JSONB NOT NULL,
    text TEXT NOT NULL,
    text_hash TEXT NOT NULL UNIQUE,
    original JSONB,
    cluster_id TEXT,
    group_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX documents_created ON documents(created_at);
  CREATE INDEX documents_category ON documents(category, created_at);
  CREATE INDEX documents_cluster ON documents(cluster_id);
  CREATE TABLE originals (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    bytes BYTEA NOT NULL
  );
  CREATE TABLE analyses (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    producer TEXT NOT NULL,
    version TEXT NOT NULL,
    created_at TEXT NOT NULL,
    result JSONB NOT NULL,
    text TEXT
  );
  CREATE INDEX analyses_document ON analyses(document_id, created_at);
  CREATE TABLE collections (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE collection_items (
    collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (collection_id, document_id)
  );
  CREATE INDEX collection_items_document ON collection_items(document_id);
  CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    body JSONB NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE job_items (
    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    item TEXT NOT NULL,
    status TEXT NOT NULL,
    document_id TEXT,
    code TEXT,
    message TEXT,
    PRIMARY KEY (job_id, item)
  );
  CREATE TABLE settings (key TEXT PRIMARY KEY, value JSONB NOT NULL);
  CREATE TABLE lsh_bands (
    band TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band, document_id)
  );
  CREATE INDEX lsh_bands_document ON lsh_bands(document_id);
  CREATE TABLE doc_index (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    year INTEGER,
    created_at TEXT NOT NULL,
    title TEXT NOT NULL,
    keywords TEXT NOT NULL,
    entities TEXT NOT NULL,
    body TEXT NOT NULL,
    len_title INTEGER NOT NULL,
    len_keywords INTEGER NOT NULL,
    len_entities INTEGER NOT NULL,
    len_body INTEGER NOT NULL,
    tsv TSVECTOR NOT NULL
  );
  CREATE INDEX doc_index_tsv ON doc_index USING GIN (tsv);
  CREATE INDEX doc_index_year ON doc_index(year);
  CREATE INDEX doc_index_created ON doc_index(created_at);
  CREATE TABLE doc_facets (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (facet, value, document_id)
  );
  CREATE INDEX doc_facets_document ON doc_facets(document_id);
  `,
  `
  ALTER TABLE jobs ADD COLUMN options JSONB NOT NULL DEFAULT '{}';
  ALTER TABLE jobs ADD COLUMN worker_id TEXT;
  ALTER TABLE jobs ADD COLUMN lease_at TIMESTAMPTZ;
  ALTER TABLE jobs ADD COLUMN created_seq BIGSERIAL;
  CREATE TABLE job_inputs (
    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    name TEXT,
    url TEXT,
    bytes BYTEA,
    PRIMARY KEY (job_id, seq)
  );
  CREATE INDEX jobs_state ON jobs(state, lease_at);
  `,
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    groups JSONB NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT false,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    scope TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
  );
  CREATE TABLE login_failures (
    key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    count INTEGER NOT NULL
  );
  CREATE TABLE audit_log (
    seq BIGSERIAL PRIMARY KEY,
    at TEXT NOT NULL,
    user_id TEXT,
    username TEXT,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT,
    details JSONB NOT NULL
  );
  CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$;
  CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
  `,
  `
  ALTER TABLE doc_index RENAME COLUMN created_at TO sort_date;
  ALTER TABLE doc_index ADD COLUMN seq BIGINT;
  UPDATE doc_index i SET seq = d.seq FROM documents d WHERE d.id = i.document_id;
  `,
  // The parts of a document a user set by hand (Document.setByUser).
  `
  ALTER TABLE documents ADD COLUMN set_by_user JSONB NOT NULL DEFAULT '[]';
  `,
  // An import item's document title and batch row, so that a resumed job still names what went in.
  `
  ALTER TABLE job_items ADD COLUMN title TEXT;
  ALTER TABLE job_items ADD COLUMN row_number INTEGER;
  `,
];
