import type Database from 'better-sqlite3';

/**
 * Ordered schema migrations. Never edit a released migration: add a new one. Each runs in its own
 * transaction together with the bump of `user_version`, so a crash leaves the schema at a known step.
 */
export const MIGRATIONS: string[] = [
  // 1 (each number is the user_version once applied): documents, analyses, originals, collections, jobs, settings, near-duplicate bands, search index
  `
  CREATE TABLE documents (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    category TEXT NOT NULL,
    source TEXT NOT NULL,
    regions TEXT NOT NULL,
    tags TEXT NOT NULL,
    themes TEXT NOT NULL,
    text TEXT NOT NULL,
    text_hash TEXT NOT NULL UNIQUE,
    original TEXT,
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
    bytes BLOB NOT NULL
  );
  CREATE TABLE analyses (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    producer TEXT NOT NULL,
    version TEXT NOT NULL,
    created_at TEXT NOT NULL,
    result TEXT NOT NULL,
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
    body TEXT NOT NULL,
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
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE lsh_bands (
    band TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band, document_id)
  ) WITHOUT ROWID;
  CREATE INDEX lsh_bands_document ON lsh_bands(document_id);

  CREATE TABLE doc_index (
    rowid INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
    year INTEGER,
    created_at TEXT NOT NULL,
    title TEXT NOT NULL,
    keywords TEXT NOT NULL,
    entities TEXT NOT NULL,
    body TEXT NOT NULL,
    len_title INTEGER NOT NULL,
    len_keywords INTEGER NOT NULL,
    len_entities INTEGER NOT NULL,
    len_body INTEGER NOT NULL
  );
  CREATE INDEX doc_index_year ON doc_index(year);
  CREATE INDEX doc_index_created ON doc_index(created_at);
  CREATE VIRTUAL TABLE doc_fts USING fts5(
    title, keywords, entities, body,
    content='doc_index', content_rowid='rowid',
    tokenize="unicode61 remove_diacritics 0 tokenchars '.-%+#_'"
  );
  CREATE VIRTUAL TABLE doc_vocab USING fts5vocab(doc_fts, 'row');
  CREATE TRIGGER doc_index_ai AFTER INSERT ON doc_index BEGIN
    INSERT INTO doc_fts(rowid, title, keywords, entities, body) VALUES (new.rowid, new.title, new.keywords, new.entities, new.body);
  END;
  CREATE TRIGGER doc_index_ad AFTER DELETE ON doc_index BEGIN
    INSERT INTO doc_fts(doc_fts, rowid, title, keywords, entities, body) VALUES ('delete', old.rowid, old.title, old.keywords, old.entities, old.body);
  END;
  CREATE TRIGGER doc_index_au AFTER UPDATE ON doc_index BEGIN
    INSERT INTO doc_fts(doc_fts, rowid, title, keywords, entities, body) VALUES ('delete', old.rowid, old.title, old.keywords, old.entities, old.body);
    INSERT INTO doc_fts(rowid, title, keywords, entities, body) VALUES (new.rowid, new.title, new.keywords, new.entities, new.body);
  END;
  CREATE TABLE doc_facets (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (facet, value, document_id)
  ) WITHOUT ROWID;
  CREATE INDEX doc_facets_document ON doc_facets(document_id);
  `,
  // 2: persistent job queue — inputs kept in the database, leases so a dead worker's job is resumed
  `
  ALTER TABLE jobs ADD COLUMN options TEXT NOT NULL DEFAULT '{}';
  ALTER TABLE jobs ADD COLUMN worker_id TEXT;
  ALTER TABLE jobs ADD COLUMN lease_at INTEGER;
  ALTER TABLE jobs ADD COLUMN created_seq INTEGER;
  CREATE TABLE job_inputs (
    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    name TEXT,
    url TEXT,
    bytes BLOB,
    PRIMARY KEY (job_id, seq)
  );
  CREATE INDEX jobs_state ON jobs(state, lease_at);
  `,
  // 3: team mode — users, sessions, API tokens, login throttling, append-only audit log
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    groups TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
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
    window_start INTEGER NOT NULL,
    count INTEGER NOT NULL
  );
  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user_id TEXT,
    username TEXT,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT,
    details TEXT NOT NULL
  );
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
  `,
  // 4: a change log of facet rows, so each connection's in-memory facet columns (facet-columns.ts)
  // re-read only the documents written since it last looked, also when another process wrote them.
  // The log keeps its latest 50,000–60,000 entries; a reader that fell further behind reloads everything.
  `
  CREATE TABLE facet_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, document_id TEXT NOT NULL);
  CREATE TRIGGER facet_changes_prune AFTER INSERT ON facet_changes WHEN new.seq % 10000 = 0 BEGIN
    DELETE FROM facet_changes WHERE seq <= new.seq - 50000;
  END;
  CREATE TRIGGER doc_facets_log_ai AFTER INSERT ON doc_facets BEGIN INSERT INTO facet_changes (document_id) VALUES (new.document_id); END;
  CREATE TRIGGER doc_facets_log_ad AFTER DELETE ON doc_facets BEGIN INSERT INTO facet_changes (document_id) VALUES (old.document_id); END;
  CREATE TRIGGER collection_items_log_ai AFTER INSERT ON collection_items BEGIN INSERT INTO facet_changes (document_id) VALUES (new.document_id); END;
  CREATE TRIGGER collection_items_log_ad AFTER DELETE ON collection_items BEGIN INSERT INTO facet_changes (document_id) VALUES (old.document_id); END;
  CREATE TRIGGER doc_index_log_ai AFTER INSERT ON doc_index BEGIN INSERT INTO facet_changes (document_id) VALUES (new.document_id); END;
  CREATE TRIGGER doc_index_log_ad AFTER DELETE ON doc_index BEGIN INSERT INTO facet_changes (document_id) VALUES (old.document_id); END;
  `,
  // 5: document count and field-length sums kept by triggers, so BM25's corpus statistics are one row
  // read instead of a scan of doc_index after every write (~150 ms at 100k documents).
  `
  CREATE TABLE doc_stats (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n INTEGER NOT NULL, title INTEGER NOT NULL, keywords INTEGER NOT NULL, entities INTEGER NOT NULL, body INTEGER NOT NULL
  );
  INSERT INTO doc_stats SELECT 1, count(*), coalesce(sum(len_title), 0), coalesce(sum(len_keywords), 0), coalesce(sum(len_entities), 0), coalesce(sum(len_body), 0) FROM doc_index;
  CREATE TRIGGER doc_stats_ai AFTER INSERT ON doc_index BEGIN
    UPDATE doc_stats SET n = n + 1, title = title + new.len_title, keywords = keywords + new.len_keywords, entities = entities + new.len_entities, body = body + new.len_body;
  END;
  CREATE TRIGGER doc_stats_ad AFTER DELETE ON doc_index BEGIN
    UPDATE doc_stats SET n = n - 1, title = title - old.len_title, keywords = keywords - old.len_keywords, entities = entities - old.len_entities, body = body - old.len_body;
  END;
  CREATE TRIGGER doc_stats_au AFTER UPDATE ON doc_index BEGIN
    UPDATE doc_stats SET title = title - old.len_title + new.len_title, keywords = keywords - old.len_keywords + new.len_keywords,
      entities = entities - old.len_entities + new.len_entities, body = body - old.len_body + new.len_body;
  END;
  `,
  // 6: documents by group, so the visibility filter reads only the grouped documents, not every row.
  `
  CREATE INDEX documents_group ON documents(group_id) WHERE group_id IS NOT NULL;
  `,
  // 7: 按日期 sorts by publication date (IndexEntry.sortDate); rows are rewritten by the index-format-3 re-index.
  `
  ALTER TABLE doc_index RENAME COLUMN created_at TO sort_date;
  `,
  // 8: the parts of a document a user set by hand (Document.setByUser), as a JSON array.
  `
  ALTER TABLE documents ADD COLUMN set_by_user TEXT NOT NULL DEFAULT '[]';
  `,
  // 9: impact-ordered lists of the best documents of each frequent word (term-tops.ts). Deleting an index
  // row drops it from every list; inserting one queues it until the writer lists it (the queue keeps the
  // lists from being trusted if a writer ever did not).
  `
  CREATE TABLE term_tops (
    term TEXT NOT NULL, s REAL NOT NULL, rid INTEGER NOT NULL, f REAL NOT NULL, len INTEGER NOT NULL,
    PRIMARY KEY (term, rid)
  ) WITHOUT ROWID;
  CREATE INDEX term_tops_rid ON term_tops(rid);
  CREATE TABLE term_top_lists (term TEXT PRIMARY KEY, avgdl REAL NOT NULL, floor REAL NOT NULL) WITHOUT ROWID;
  CREATE TABLE term_tops_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE term_tops_pending (rid INTEGER PRIMARY KEY);
  CREATE TRIGGER term_tops_ai AFTER INSERT ON doc_index BEGIN
    INSERT OR IGNORE INTO term_tops_pending (rid) VALUES (new.rowid);
  END;
  CREATE TRIGGER term_tops_ad AFTER DELETE ON doc_index BEGIN
    DELETE FROM term_tops WHERE rid = old.rowid;
    DELETE FROM term_tops_pending WHERE rid = old.rowid;
  END;
  CREATE TRIGGER term_tops_au AFTER UPDATE ON doc_index BEGIN
    DELETE FROM term_tops WHERE rid = old.rowid;
    INSERT OR IGNORE INTO term_tops_pending (rid) VALUES (new.rowid);
  END;
  `,
  // 10: the document frequency of each listed word, kept by the index writer (term-tops.ts), so a query
  // need not walk a frequent word's doclist to count it. A removed or rewritten index row queues itself
  // until the writer has subtracted its words; a queue left over makes every kept count untrusted.
  // Written rows queue themselves anew (term_index_pending) until the writer has listed, counted and
  // posted them: the writer of migration 9 clears term_tops_pending but does none of the latter.
  `
  ALTER TABLE term_top_lists ADD COLUMN df INTEGER;
  CREATE TABLE term_index_pending (rid INTEGER PRIMARY KEY);
  INSERT INTO term_index_pending (rid) SELECT rid FROM term_tops_pending;
  CREATE TRIGGER term_index_ai AFTER INSERT ON doc_index BEGIN
    INSERT OR IGNORE INTO term_index_pending (rid) VALUES (new.rowid);
  END;
  CREATE TRIGGER term_index_au AFTER UPDATE ON doc_index BEGIN
    INSERT OR IGNORE INTO term_index_pending (rid) VALUES (new.rowid);
  END;
  CREATE TRIGGER term_index_ad AFTER DELETE ON doc_index BEGIN
    DELETE FROM term_index_pending WHERE rid = old.rowid;
  END;
  CREATE TABLE term_df_pending (rid INTEGER PRIMARY KEY);
  CREATE TRIGGER term_df_ad AFTER DELETE ON doc_index BEGIN
    INSERT OR IGNORE INTO term_df_pending (rid) VALUES (old.rowid);
  END;
  CREATE TRIGGER term_df_au AFTER UPDATE ON doc_index BEGIN
    INSERT OR IGNORE INTO term_df_pending (rid) VALUES (old.rowid);
  END;
  `,
  // 11: full postings of the frequent words (term-postings.ts): a blob per word as of its last merge, the
  // rows indexed since (written by the index writer, each with the last removal it came after), and the
  // rowids removed or rewritten since (here).
  `
  CREATE TABLE term_postings (term TEXT PRIMARY KEY, merged INTEGER NOT NULL, data BLOB NOT NULL);
  CREATE TABLE term_postings_tail (
    term TEXT NOT NULL, rid INTEGER NOT NULL, f REAL NOT NULL, len INTEGER NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY (term, rid)
  ) WITHOUT ROWID;
  CREATE TABLE term_postings_gone (seq INTEGER PRIMARY KEY AUTOINCREMENT, rid INTEGER NOT NULL);
  CREATE TRIGGER term_postings_ad AFTER DELETE ON doc_index BEGIN
    INSERT INTO term_postings_gone (rid) VALUES (old.rowid);
  END;
  CREATE TRIGGER term_postings_au AFTER UPDATE ON doc_index BEGIN
    INSERT INTO term_postings_gone (rid) VALUES (old.rowid);
  END;
  `,
  // 12: a document moved to another group is logged for the facet columns, which hold each document's
  // group so that a team member's search is filtered in memory like any facet (facet-columns.ts).
  `
  CREATE TRIGGER documents_group_log AFTER UPDATE OF group_id ON documents WHEN old.group_id IS NOT new.group_id BEGIN
    INSERT INTO facet_changes (document_id) VALUES (new.id);
  END;
  `,
  // 13: an import item's document title and batch row, so that a resumed job still names what went in.
  `
  ALTER TABLE job_items ADD COLUMN title TEXT;
  ALTER TABLE job_items ADD COLUMN row_number INTEGER;
  `,
];

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  // A file a newer version has written keeps indexes this version does not know how to keep (its writes
  // would leave them silently wrong): not opened for writing.
  if (current > MIGRATIONS.length) {
    throw new Error(`数据库由更新版本的治知写入（格式 ${current}，本版本支持到 ${MIGRATIONS.length}），请升级治知后再打开；只读查看可用 readonly 方式打开 (database format ${current} is newer than this version's ${MIGRATIONS.length})`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}
