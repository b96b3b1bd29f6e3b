import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { searchDocuments } from '../../search/search.js';
import { makeIndex } from '../store-contract.js';
import { ftsExpression } from '../fts-query.js';
import type { TextMatch } from '../store.js';
import { FIRST_PASS_BM25 } from './fts5-bm25.js';
import { SqliteStore } from './sqlite-store.js';
import { bestOf } from './postings-eval.js';
import type { TermPostings } from './term-postings.js';
import { withWordLibrary, type AddDocuments } from './word-library.testkit.js';

const WORDS = ['社区', '治理', '改革', '教育', '就业', '医疗', '住房', '养老', '网格', '物业'];

// Lists (and so postings) for every word held by 10 documents; tails merged past 10 changes.
const withStore = (f: (store: SqliteStore, add: AddDocuments) => Promise<void>) =>
  withWordLibrary(WORDS, 11, { searchLists: { size: 8, minDf: 10, minShare: 0 }, searchPostings: { mergeMin: 10 } }, (store, add) => f(store, (n, max = 29) => add(n, max)));

const postingsOf = (store: SqliteStore) => (store as unknown as { postings: TermPostings }).postings;
const dfOf = (store: SqliteStore) => (t: string) => store.db.prepare('SELECT doc FROM doc_vocab WHERE term = ?').pluck().get(t) as number ?? 0;
const m = (all: TextMatch['all'], extra: Partial<TextMatch> = {}): TextMatch => ({ all, any: [], none: [], phrases: [], ...extra });

/**
 * Matches postings can answer: AND, OR groups, OR alone, exclusions, and beside the frequent words rare
 * ones (标题1, a title word of one document; 城乡社区, held by none), phrases and phrase alternatives.
 */
const MATCHES: TextMatch[] = [
  m([['社区']]), m([['改革']]), m([['社区'], ['治理']]), m([['社区', '网格'], ['治理']]), m([['教育'], ['就业'], ['医疗']]),
  m([], { any: ['养老', '物业', '住房'] }), m([['社区']], { none: ['治理'] }), m([['改革', '教育']], { none: ['就业', '医疗'] }),
  m([['社区'], ['社区']]), m([['社区', '城乡社区'], ['治理']]), m([['改革', '标题1']]), m([['改革'], ['标题1', '标题2', '标题3']]),
  m([['社区']], { phrases: [['社区', '治理']] }), m([['社区', '网格'], ['治理']], { phraseAlternatives: [[['社区', '网格', '社区']]] }),
  m([['养老']], { nonePhrases: [['社区', '治理']] }),
];

/** FTS5's matches of `match`, by rowid, with its bm25 values. */
function fts(store: SqliteStore, match: TextMatch): { rids: number[]; ranks: number[] } {
  const rows = store.db.prepare(`SELECT rowid, ${FIRST_PASS_BM25} FROM doc_fts WHERE doc_fts MATCH ? ORDER BY rowid`).raw().all(ftsExpression(match)) as [number, number][];
  return { rids: rows.map((r) => r[0]), ranks: rows.map((r) => r[1]) };
}

/** Every match of MATCHES answered by postings exactly as FTS5 answers it; returns how many were answered. */
function checkAll(store: SqliteStore, step: string): number {
  let answered = 0;
  for (const match of MATCHES) {
    const got = postingsOf(store).evaluate(match, dfOf(store));
    if (!got) continue;
    answered++;
    const want = fts(store, match);
    assert.deepEqual([...got.rids], want.rids, `${step}: rowids of ${ftsExpression(match)}`);
    // Bit for bit: the first pass orders by these values and breaks ties by rowid.
    assert.deepEqual([...got.ranks], want.ranks, `${step}: bm25 of ${ftsExpression(match)}`);
  }
  return answered;
}

describe('SQLite frequent-word postings', () => {
  it('match and score every AND/OR/NOT match of frequent words exactly as FTS5 does, to the bit', async () => {
    await withStore(async (store, add) => {
      await add(200);
      assert.equal(postingsOf(store).evaluate(MATCHES[0], dfOf(store)), null, 'nothing answered before postings are built');
      assert.ok(await store.refreshSearchLists() > 0);
      assert.equal(checkAll(store, 'built'), MATCHES.length);
    });
  });

  it('give pages in the first pass\'s order (bm25, then rowid) with and without a filter', async () => {
    await withStore(async (store, add) => {
      await add(200);
      await store.refreshSearchLists();
      const yearOf = new Map((store.db.prepare('SELECT rowid, year FROM doc_index').raw().all() as [number, number][]));
      for (const match of MATCHES) {
        const got = postingsOf(store).evaluate(match, dfOf(store))!;
        for (const years of [null, [2019, 2021]]) {
          const filter = years ? (rid: number) => years.includes(yearOf.get(rid)!) : null;
          for (const [skip, limit] of [[0, 5], [5, 7], [0, 300], [40, 10]]) {
            const want = store.db.prepare(`SELECT f.rowid, ${FIRST_PASS_BM25} AS rank FROM doc_fts f ${years ? 'JOIN doc_index i ON i.rowid = f.rowid' : ''}
              WHERE doc_fts MATCH ? ${years ? `AND i.year IN (${years.join(',')})` : ''} ORDER BY rank, f.rowid LIMIT ? OFFSET ?`).raw().all(ftsExpression(match), limit, skip) as [number, number][];
            assert.deepEqual(bestOf(got, filter, skip, limit).map((h) => [h.rid, h.rank]), want, `${ftsExpression(match)} ${skip}+${limit} ${years ?? ''}`);
          }
        }
      }
    });
  });

  it('stay exact while documents are added, re-indexed and deleted, before and after their tails are merged', async () => {
    await withStore(async (store, add) => {
      const first = await add(150);
      await store.refreshSearchLists();
      await add(40);
      for (const id of first.slice(0, 30)) await store.deleteDocument(id);
      for (const id of first.slice(30, 60)) {
        const d = (await store.getDocument(id))!;
        await store.updateDocument(d, makeIndex(d, '改革 改革 社区 治理 网格', { year: 2020 }));
      }
      assert.ok((store.db.prepare('SELECT count(*) FROM term_postings_tail').pluck().get() as number) > 0, 'new rows wait in the tail');
      assert.equal(checkAll(store, 'with tails and removals'), MATCHES.length);
      // The last document's rowid is taken again by the next one: its old postings must stay hidden.
      const last = store.db.prepare('SELECT document_id FROM doc_index ORDER BY rowid DESC LIMIT 1').pluck().get() as string;
      await store.deleteDocument(last);
      await add(1);
      assert.equal(checkAll(store, 'a rowid used again'), MATCHES.length);
      await store.refreshSearchLists();
      assert.equal(store.db.prepare('SELECT count(*) FROM term_postings_tail').pluck().get(), 0, 'tails merged');
      assert.equal(store.db.prepare('SELECT count(*) FROM term_postings_gone').pluck().get(), 0, 'removals merged and forgotten');
      assert.equal(checkAll(store, 'merged'), MATCHES.length);
    });
  });

  it('answer nothing while a row was indexed past the writer (by hand or by an older version), and again once the refresh has written it', async () => {
    for (const older of [false, true]) {
      await withStore(async (store, add) => {
        await add(200);
        await store.refreshSearchLists();
        const id = store.db.prepare('SELECT document_id FROM doc_index LIMIT 1').pluck().get() as string;
        store.db.prepare('DELETE FROM doc_index WHERE document_id = ?').run(id);
        store.db.prepare(`INSERT INTO doc_index (document_id, year, sort_date, title, keywords, entities, body, len_title, len_keywords, len_entities, len_body)
          VALUES (?, 2020, '2020', '社区', '', '', '社区 治理 改革', 1, 0, 0, 3)`).run(id);
        // The writer of migration 9 clears this queue and writes no postings.
        if (older) store.db.prepare('DELETE FROM term_tops_pending').run();
        assert.equal(checkAll(store, 'queued'), 0);
        await store.refreshSearchLists();
        assert.equal(checkAll(store, 'after the refresh'), MATCHES.length);
      });
    }
  });

  it('do not change what search returns: totals, pages, scores and facets', async () => {
    await withStore(async (store, add) => {
      await add(250);
      const queries = ['社区 治理', '社区 OR 网格', '社区 -治理', '改革 年份:2019-2020', '就业', '教育 医疗 养老'];
      const run = async () => Promise.all(queries.flatMap((q) => [0, 20].map(async (offset) => {
        const r = await searchDocuments(store, { q, limit: 20, offset });
        return { q, offset, total: r.total, ids: r.hits.map((h) => h.id), scores: r.hits.map((h) => h.score), facets: r.facets };
      })));
      const before = await run();
      await store.refreshSearchLists();
      const evaluate = postingsOf(store).evaluate.bind(postingsOf(store));
      let answered = 0;
      postingsOf(store).evaluate = (match, df) => { const r = evaluate(match, df); if (r) answered++; return r; };
      assert.deepEqual(await run(), before);
      assert.ok(answered >= queries.length, `postings answered ${answered} matches`);
      assert.ok(before.every((r) => r.total > 0));
    });
  });

  it('leave matches to FTS5 while more removals or tail rows wait than a query should read, until the refresh merges them', async () => {
    await withStore(async (store, add) => {
      const ids = await add(200);
      await store.refreshSearchLists();
      const strict = new SqliteStore(store.location, { searchPostings: { pendingMax: 5 } });
      try {
        assert.ok(postingsOf(strict).evaluate(MATCHES[2], dfOf(store)), 'answered with nothing waiting');
        for (const id of ids.slice(0, 6)) await store.deleteDocument(id);
        assert.equal(postingsOf(strict).evaluate(MATCHES[2], dfOf(store)), null, 'six removals wait');
        assert.equal(checkAll(store, 'the default bound'), MATCHES.length);
        await strict.refreshSearchLists();
        assert.ok(postingsOf(strict).evaluate(MATCHES[2], dfOf(store)), 'answered again after the merge');
        await add(8);
        assert.equal(postingsOf(strict).evaluate(m([['社区']]), dfOf(store)), null, 'more than five tail rows wait for 社区');
      } finally {
        await strict.close();
      }
    });
  });

  it('leave to FTS5 nested groups, phrases held by too many rows to score alone, and matches of rare words only', async () => {
    await withStore(async (store, add) => {
      await add(200);
      await store.refreshSearchLists();
      const common = store.db.prepare(`SELECT count(*) FROM doc_fts WHERE doc_fts MATCH '"社区 治理"'`).pluck().get() as number;
      assert.ok(common > 20, `"社区 治理" in ${common} rows`);
      const strict = new SqliteStore(store.location, { searchPostings: { phraseMax: 20 } });
      try {
        for (const match of [
          m([['社区', ['治理', '改革']]]),
          m([['标题1', '标题2']]),
        ]) assert.equal(postingsOf(store).evaluate(match, dfOf(store)), null, JSON.stringify(match));
        const phrase = m([['改革']], { phrases: [['社区', '治理']] });
        assert.ok(postingsOf(store).evaluate(phrase, dfOf(store)), 'a phrase in at most 500 rows is scored by FTS5 alone');
        assert.equal(postingsOf(strict).evaluate(phrase, dfOf(store)), null, `not past ${20} rows`);
      } finally {
        await strict.close();
      }
    });
  });

  it('answer a team member\'s search too: matches, pages and facet counts restricted to their groups, following documents moved by another connection', async () => {
    await withStore(async (store, add) => {
      const ids = await add(250);
      await store.refreshSearchLists();
      const other = new SqliteStore(store.db.name);
      const move = (id: string, group: string | null) => other.db.prepare('UPDATE documents SET group_id = ? WHERE id = ?').run(group, id);
      // Counts the member's searches answered from postings (evaluated now or kept from before).
      const search = (store as unknown as { search: { postingsOf: (...a: unknown[]) => unknown } }).search;
      const postingsOfMatch = search.postingsOf.bind(search);
      let member = false;
      let answered = 0;
      search.postingsOf = (...a) => { const r = postingsOfMatch(...a); if (r && member) answered++; return r; };
      const matches = [m([['社区']]), m([['社区'], ['治理']]), m([], { any: ['养老', '物业'] }), m([['改革']], { none: ['教育'] })];
      const check = async (step: string) => {
        const groupOf = new Map(store.db.prepare('SELECT id, group_id FROM documents').raw().all() as [string, string | null][]);
        for (const visibleGroups of [[], ['g1'], ['g1', 'g2']]) {
          const seen = (id: string) => { const g = groupOf.get(id); return g == null || visibleGroups.includes(g); };
          for (const match of matches) {
            const what = `${step}, groups [${visibleGroups}], ${ftsExpression(match)}`;
            member = true;
            const mine = await store.matchDocuments(match, { visibleGroups }, { limit: 1000 });
            member = false;
            // The whole library's ranking with the hidden documents left out is the member's ranking.
            const everyone = (await store.matchDocuments(match, {}, { limit: 1000 })).docs.map((d) => d.id);
            assert.deepEqual(mine.docs.map((d) => d.id), everyone.filter(seen), what);
            assert.equal(mine.total, everyone.filter(seen).length, what);
            const page = await store.matchDocuments(match, { visibleGroups, yearFrom: 2020 }, { limit: 5, skip: 3 });
            assert.deepEqual(page.docs.map((d) => d.id), mine.docs.filter((d) => (d.year ?? 0) >= 2020).slice(3, 8).map((d) => d.id), `${what}, a filtered page`);
            const years = store.db.prepare(`SELECT value, count(*) AS count FROM doc_facets WHERE facet = 'year'
              AND document_id IN (SELECT value FROM json_each(?)) GROUP BY value ORDER BY count DESC, value`).all(JSON.stringify(everyone.filter(seen)));
            assert.deepEqual((await store.facetCounts(match, { visibleGroups }, ['year'], 10)).year, years, `${what}, year counts`);
          }
        }
      };
      try {
        ids.forEach((id, i) => { if (i % 3) move(id, i % 3 === 1 ? 'g1' : 'g2'); });
        await store.facetCounts(m([['改革']]), {}, ['year'], 1);
        await check('two groups');
        assert.ok(answered >= 3 * matches.length, `postings answered ${answered} of the member's ${3 * matches.length} searches`);
        ids.forEach((id, i) => { if (i % 5 === 0) move(id, i % 2 ? 'g2' : null); else if (i % 7 === 0) move(id, 'g1'); });
        await check('documents moved between groups and out of them by another connection');
      } finally {
        await other.close();
      }
    });
  });
});
