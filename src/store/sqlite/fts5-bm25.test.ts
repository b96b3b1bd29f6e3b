import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { DOC_FTS_TOKENIZE, ftsIdf, ftsTokens, isPlain, readRowLength, readTotals, termScore } from './fts5-bm25.js';
import { migrate } from './migrations.js';

/** A table with doc_fts's tokenizer (migrations.ts). */
function table(texts: string[]): Database.Database {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE doc_fts USING fts5(body, tokenize="${DOC_FTS_TOKENIZE}");
    CREATE VIRTUAL TABLE v USING fts5vocab(doc_fts, 'instance');`);
  const ins = db.prepare('INSERT INTO doc_fts (rowid, body) VALUES (?, ?)');
  texts.forEach((t, i) => ins.run(i + 1, t));
  return db;
}

const PLAIN_TEXTS = [
  '社区 治理 社区治理 12345 app 5g COVID-19 3.5% c++ c# a_b', '改革，发展。 “创新” 《条例》 （试行） 、 ……', 'ABC Def GHI-jk 一网通办 ア 한국', '  多个   空格\t制表\n换行 ',
];

describe('FTS5 bm25 as computed in TypeScript', () => {
  it('splits and lower-cases plain text into exactly the tokens FTS5 stores', () => {
    const db = table(PLAIN_TEXTS);
    PLAIN_TEXTS.forEach((text, i) => {
      assert.ok(isPlain(text), text);
      const fts = (db.prepare('SELECT term FROM v WHERE doc = ? ORDER BY "offset"').pluck().all(i + 1) as string[]);
      assert.deepEqual(ftsTokens(text), fts, text);
    });
  });

  it('names the tokenizer doc_fts is created with', () => {
    const db = new Database(':memory:');
    migrate(db);
    assert.ok((db.prepare("SELECT sql FROM sqlite_master WHERE name = 'doc_fts'").pluck().get() as string).includes(`tokenize="${DOC_FTS_TOKENIZE}"`));
  });

  it('takes text with cased letters beyond ASCII, marks, circled numbers or later Han additions as not plain', () => {
    for (const t of ['İstanbul', 'ΟΔΟΣ', 'Ꭰx', 'é', 'ſ', 'か\u3099', '①', '\u9fff', '𠀀']) assert.equal(isPlain(t), false, t);
  });

  it('gives the score FTS5 gives, to the bit, from the totals and row lengths FTS5 stores', () => {
    const texts = ['改革 发展 改革', '改革', '发展 稳定 民生 改革 改革 改革', '其他 文字'];
    const db = table(texts);
    const { rows, tokens } = readTotals(db.prepare('SELECT block FROM doc_fts_data WHERE id = 1').pluck().get() as Buffer);
    assert.equal(rows, 4);
    assert.equal(tokens, 3 + 1 + 6 + 2);
    const docsize = db.prepare('SELECT sz FROM doc_fts_docsize WHERE id = ?').pluck();
    const idf = ftsIdf(db, 3, rows);
    const fts = db.prepare(`SELECT rowid, bm25(doc_fts) AS s FROM doc_fts WHERE doc_fts MATCH '"改革"' ORDER BY rowid`).all() as { rowid: number; s: number }[];
    for (const r of fts) {
      const f = ftsTokens(texts[r.rowid - 1]).filter((t) => t === '改革').length;
      assert.equal(-1.0 * (0 + termScore(f, readRowLength(docsize.get(r.rowid) as Buffer), tokens / rows, idf)), r.s, `row ${r.rowid}`);
    }
  });
});
