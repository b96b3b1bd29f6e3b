import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { searchDocuments } from '../../search/search.js';
import { CANDIDATE_WEIGHTS } from '../first-pass.js';
import { makeDoc, makeIndex } from '../store-contract.js';
import type { TextMatch } from '../store.js';
import type { SqliteStore } from './sqlite-store.js';
import type { TermTops } from './term-tops.js';
import { withWordLibrary, type AddDocuments } from './word-library.testkit.js';

const WORDS = ['社区', '治理', '改革', '教育', '就业', '医疗', '住房', '养老', '网格', '物业', '协商', '服务'];

/** Small lists, so that a few hundred documents overflow them: a word held by 10 documents gets a list of 8. */
const LISTS = { size: 8, minDf: 10, minShare: 0 };

const withStore = (f: (store: SqliteStore, add: AddDocuments) => Promise<void>) => withWordLibrary(WORDS, 7, { searchLists: LISTS }, f);

const internals = (store: SqliteStore) => store as unknown as { tops: TermTops; search: { docFrequencies(t: string[]): Map<string, number> } };
const one = (word: string): TextMatch => ({ all: [[word]], any: [], none: [], phrases: [] });

/** The lists' answer for a match (null: left to FTS5), with document frequencies read as search reads them. */
function listed(store: SqliteStore, m: TextMatch, skip: number, limit: number, filter: ((rid: number) => boolean) | null = null) {
  const s = internals(store);
  return s.tops.top(m, (t) => s.search.docFrequencies([t]).get(t) ?? 0, filter, skip, limit);
}

const listedWords = (store: SqliteStore) => store.db.prepare('SELECT term FROM term_top_lists ORDER BY term').pluck().all() as string[];
const kept = (store: SqliteStore, words: string[]) => new Map([...internals(store).tops.documentFrequencies(words)].sort());
const vocabCounts = (store: SqliteStore, words: string[]) =>
  new Map(words.map((w) => [w, store.db.prepare('SELECT doc FROM doc_vocab WHERE term = ?').pluck().get(w) as number]));

/** FTS5's own first pass (what matchDocuments runs without lists). */
function ftsOrder(store: SqliteStore, word: string, skip: number, limit: number, years?: number[]): { rid: number; rank: number }[] {
  return store.db.prepare(`SELECT f.rowid AS rid, bm25(doc_fts, ${CANDIDATE_WEIGHTS.join(', ')}) AS rank FROM doc_fts f
    ${years ? 'JOIN doc_index i ON i.rowid = f.rowid' : ''} WHERE doc_fts MATCH ? ${years ? `AND i.year IN (${years.join(',')})` : ''}
    ORDER BY rank, f.rowid LIMIT ? OFFSET ?`).all(`"${word}"`, limit, skip) as { rid: number; rank: number }[];
}

/** Every page the lists answer, compared with FTS5's; returns how many they answered. */
function checkAll(store: SqliteStore): number {
  const yearOf = new Map((store.db.prepare('SELECT rowid, year FROM doc_index').all() as { rowid: number; year: number }[]).map((r) => [r.rowid, r.year]));
  let answered = 0;
  for (const word of WORDS) {
    for (const [skip, limit] of [[0, 3], [3, 3], [0, 8], [6, 4]]) {
      for (const years of [undefined, [2019, 2020]]) {
        const filter = years ? (rid: number) => years.includes(yearOf.get(rid)!) : null;
        const got = listed(store, one(word), skip, limit, filter);
        if (!got) continue;
        answered++;
        const want = ftsOrder(store, word, skip, limit, years);
        assert.deepEqual(got.map((h) => h.rid), want.map((h) => h.rid), `${word} ${skip}+${limit} ${years ?? ''}`);
        got.forEach((h, i) => assert.ok(Math.abs(h.rank - want[i].rank) < 1e-9, `${word}: rank ${h.rank} vs FTS5 ${want[i].rank}`));
      }
    }
  }
  return answered;
}

describe('SQLite frequent-word lists (term tops)', () => {
  it('answer a frequent word\'s pages exactly in FTS5\'s bm25 order, with and without a year filter, or leave them to FTS5', async () => {
    await withStore(async (store, add) => {
      await add(200);
      assert.ok(await store.refreshSearchLists() >= 3, 'lists built for the frequent words');
      const answered = checkAll(store);
      assert.ok(answered >= 10, `the lists answered ${answered} pages`);
    });
  });

  it('stay exact while documents are added, re-indexed and deleted after they were built', async () => {
    await withStore(async (store, add) => {
      const first = await add(150);
      await store.refreshSearchLists();
      // Longer documents raise the mean length (every listed score can rise with it); deletions empty
      // list places, which later documents then take whatever they score.
      await add(60, 50);
      for (const id of first.slice(0, 40)) await store.deleteDocument(id);
      await add(60, 50);
      // Re-indexed with a new text: its old list rows go, the new ones come in through the writer.
      for (const id of first.slice(40, 60)) {
        const d = (await store.getDocument(id))!;
        await store.updateDocument(d, { ...makeIndex(d, '改革 改革 改革 社区', { year: 2020 }) });
      }
      assert.equal(store.db.prepare('SELECT count(*) FROM term_tops_pending').pluck().get(), 0, 'the writer listed every document');
      assert.equal(store.db.prepare('SELECT count(*) FROM term_index_pending').pluck().get(), 0);
      const answered = checkAll(store);
      assert.ok(answered >= 3, `the lists still answered ${answered} pages`);
      // Deletions left lists part empty (fewer pages settled); a refresh rebuilds those under half full.
      await store.refreshSearchLists();
      assert.ok(checkAll(store) >= 10, 'answered after the refresh');
    });
  });

  it('refuse a page a document outside the list may now win because the mean length grew, and are rebuilt by a refresh', async () => {
    await withStore(async (store) => {
      const put = async (body: string) => { const d = makeDoc(body, { title: '标题' }); await store.createDocument(d, { index: makeIndex(d, body) }); };
      // Short documents naming 社区 once outscore long ones naming it three times, while documents are short.
      for (let i = 0; i < 8; i++) await put('社区 服务');
      for (let i = 0; i < 4; i++) await put(['社区', '社区', '社区', ...Array<string>(57).fill('服务')].join(' '));
      await store.refreshSearchLists();
      assert.ok(listed(store, one('社区'), 0, 3), 'answered while the mean length is as listed');
      // Long documents without the word: the long ones with it now win (BM25 forgives length against a larger mean).
      for (let i = 0; i < 30; i++) await put(Array<string>(200).fill('服务').join(' '));
      const fts = ftsOrder(store, '社区', 0, 3);
      assert.equal(listed(store, one('社区'), 0, 3), null, 'not answered from a list of the short ones');
      await store.refreshSearchLists();
      assert.deepEqual(listed(store, one('社区'), 0, 3)?.map((h) => h.rid), fts.map((h) => h.rid), 'rebuilt for the new mean');
    });
  });

  it('remember the best score of a document that did not make a full list, for when deletions let weaker ones in', async () => {
    await withStore(async (store) => {
      const put = async (tf: number, opts: { keyword?: boolean; extra?: number } = {}) => {
        const body = [...Array<string>(tf).fill('社区'), ...Array<string>(19 - tf - (opts.keyword ? 1 : 0) + (opts.extra ?? 0)).fill('服务')].join(' ');
        const d = makeDoc(body, { title: '标题' });
        await store.createDocument(d, { index: { ...makeIndex(d, body), keywords: opts.keyword ? '社区' : '' } });
        return d.id;
      };
      // Twenty tokens each; 社区 1 … 12 times: the list of eight holds 5 … 12.
      const ids: string[] = [];
      for (let tf = 1; tf <= 12; tf++) ids.push(await put(tf));
      await store.refreshSearchLists();
      await put(3, { keyword: true }); // weighted 4.5: below the list's lowest (5), above its floor (4)
      await store.deleteDocument(ids[11]); // a place comes free …
      await put(3, { keyword: true, extra: 1 }); // … and a slightly longer 4.5 takes it, below the one left out
      const got = listed(store, one('社区'), 0, 8);
      if (got) assert.deepEqual(got.map((h) => h.rid), ftsOrder(store, '社区', 0, 8).map((h) => h.rid));
      assert.deepEqual(listed(store, one('社区'), 0, 7)?.map((h) => h.rid), ftsOrder(store, '社区', 0, 7).map((h) => h.rid));
    });
  });

  it('never answer on a rounding: documents tied at the floor, one of them re-indexed unchanged', async () => {
    // Identical documents score identically; which of them is listed, and whether the floor equals their
    // score to the last bit, depends on how many other documents set the mean length (tried 0 … 59).
    for (let fillers = 0; fillers < 60; fillers += 1) {
      await withStore(async (store) => {
        const ids: string[] = [];
        for (let i = 0; i < 14; i++) {
          const d = makeDoc(`同样 ${i}`, { title: '标题' });
          await store.createDocument(d, { index: makeIndex(d, '改革 发展') });
          ids.push(d.id);
        }
        for (let i = 0; i < fillers; i++) {
          const d = makeDoc(`其他 ${i}`, { title: '标题' });
          await store.createDocument(d, { index: makeIndex(d, '其他 文字 内容') });
        }
        await store.refreshSearchLists();
        const d = (await store.getDocument(ids[0]))!;
        await store.updateDocument(d, makeIndex(d, '改革 发展')); // what a re-analysis or an index upgrade does
        for (const limit of [1, 4, 8]) {
          const got = listed(store, one('改革'), 0, limit);
          if (got) assert.deepEqual(got.map((h) => h.rid), ftsOrder(store, '改革', 0, limit).map((h) => h.rid), `${fillers} fillers, limit ${limit}`);
        }
      });
    }
  });

  it('score documents with text FTS5 and JavaScript may split or fold differently (İ, Greek capitals) by asking FTS5', async () => {
    await withStore(async (store, add) => {
      await add(150);
      const put = async (body: string) => { const d = makeDoc(body, { title: '标题' }); await store.createDocument(d, { index: makeIndex(d, body) }); };
      await store.refreshSearchLists();
      for (const body of ['社区 İstanbul 社区 社区 社区', 'ΟΔΟΣ 社区 社区 社区 社区 社区 治理', '改革\u0301 改革 改革 改革 改革 改革', 'Ꭰx 教育 教育 教育 教育 教育 教育']) await put(body);
      const answered = checkAll(store);
      assert.ok(answered >= 10, `the lists answered ${answered} pages`);
    });
  });

  it('are rebuilt by a refresh after documents were re-indexed with longer texts (same count, same rowids)', async () => {
    await withStore(async (store, add) => {
      const ids = await add(120, 10);
      await store.refreshSearchLists();
      const sizes = () => store.db.prepare('SELECT count(*) FROM term_tops').pluck().get() as number;
      const before = sizes();
      // Every text four times as long: most documents now score under the floors of lists built for short ones.
      for (const id of ids) {
        const d = (await store.getDocument(id))!;
        const body = store.db.prepare('SELECT body FROM doc_index WHERE document_id = ?').pluck().get(id) as string;
        await store.updateDocument(d, makeIndex(d, [body, body, body, body].join(' ')));
      }
      assert.notEqual(sizes(), before, 'the writer re-listed them at the old mean length');
      assert.ok(await store.refreshSearchLists() > 0, 'the refresh saw the change (the mean length grew fourfold) and rebuilt');
      assert.ok(checkAll(store) >= 10, 'answered again');
    });
  });

  it('refresh an emptied library without failing', async () => {
    await withStore(async (store, add) => {
      const ids = await add(60);
      await store.refreshSearchLists();
      for (const id of ids) await store.deleteDocument(id);
      assert.equal(await store.refreshSearchLists(), 0);
      assert.equal(listed(store, one('社区'), 0, 3), null);
    });
  });

  it('score a long document with one character beyond plain text by one FTS5 tokenization, not one query per word', async () => {
    await withStore(async (store, add) => {
      await add(200);
      await store.refreshSearchLists();
      const body = [...Array.from({ length: 4000 }, (_, i) => WORDS[i % WORDS.length]), '①', 'm²', 'ſ', 'か\u3099き'].join(' ');
      const d = makeDoc(`长文 ${body.slice(0, 50)}`, { title: '标题' });
      const t = performance.now();
      await store.createDocument(d, { index: makeIndex(d, body) });
      const ms = performance.now() - t;
      assert.ok(ms < 500, `added in ${Math.round(ms)} ms`);
      const rid = store.db.prepare('SELECT rowid FROM doc_index WHERE document_id = ?').pluck().get(d.id) as number;
      const f = store.db.prepare("SELECT f FROM term_tops WHERE rid = ? AND term = '社区'").pluck().get(rid) as number | undefined;
      // 社区 is every twelfth of the 4,000 words (weight 1 in the body).
      if (f !== undefined) assert.equal(f, Math.ceil(4000 / WORDS.length));
      assert.ok(store.db.prepare('SELECT count(*) FROM term_tops WHERE rid = ?').pluck().get(rid) as number > 0, 'listed under some words');
      checkAll(store); // every page answered is FTS5's
    });
  });

  it('are not trusted while a document waits to be listed, and a refresh lists it', async () => {
    await withStore(async (store, add) => {
      await add(200);
      await store.refreshSearchLists();
      assert.ok(listed(store, one('社区'), 0, 3), 'answered before');
      // A row written past the index writer (as an older version of the code might): its words are in FTS5, not in the lists.
      const id = store.db.prepare('SELECT document_id FROM doc_index LIMIT 1').pluck().get() as string;
      store.db.prepare('DELETE FROM doc_index WHERE document_id = ?').run(id);
      store.db.prepare(`INSERT INTO doc_index (document_id, year, sort_date, title, keywords, entities, body, len_title, len_keywords, len_entities, len_body)
        VALUES (?, 2020, '2020', '社区 社区 社区', '社区', '', '社区 社区 社区 社区', 3, 1, 0, 4)`).run(id);
      assert.equal(listed(store, one('社区'), 0, 3), null, 'FTS5 answers while a document is not listed');
      await store.refreshSearchLists();
      const got = listed(store, one('社区'), 0, 3);
      assert.ok(got, 'answered again after the refresh');
      assert.deepEqual(got.map((h) => h.rid), ftsOrder(store, '社区', 0, 3).map((h) => h.rid));
    });
  });

  it('keep every listed word\'s document frequency equal to fts5vocab\'s count while documents are added, re-indexed and deleted', async () => {
    await withStore(async (store, add) => {
      const first = await add(150);
      await store.refreshSearchLists();
      await add(40);
      for (const id of first.slice(0, 30)) await store.deleteDocument(id);
      for (const id of first.slice(30, 50)) {
        const d = (await store.getDocument(id))!;
        await store.updateDocument(d, { ...makeIndex(d, '改革 改革 社区', { year: 2020 }) });
      }
      const words = listedWords(store);
      assert.ok(words.length >= 3, `${words.length} listed words`);
      assert.deepEqual(kept(store, words), vocabCounts(store, words), 'kept counts equal fts5vocab\'s');
    });
  });

  it('drop their kept counts after a write that bypassed the index writer, count by walking meanwhile, and keep them again after a refresh', async () => {
    await withStore(async (store, add) => {
      await add(200);
      await store.refreshSearchLists();
      const words = listedWords(store);
      assert.equal(kept(store, words).size, words.length, 'every listed word has a kept count');
      // An index row deleted and one added past the writer (as an older version of the code might).
      const [gone, other] = store.db.prepare('SELECT document_id FROM doc_index LIMIT 2').pluck().all() as string[];
      store.db.prepare('DELETE FROM doc_index WHERE document_id = ?').run(gone);
      store.db.prepare('DELETE FROM doc_index WHERE document_id = ?').run(other);
      store.db.prepare(`INSERT INTO doc_index (document_id, year, sort_date, title, keywords, entities, body, len_title, len_keywords, len_entities, len_body)
        VALUES (?, 2020, '2020', '社区', '', '', '社区 治理 改革', 1, 0, 0, 3)`).run(other);
      assert.equal(kept(store, words).size, 0, 'no kept count is trusted');
      const s = internals(store).search;
      assert.deepEqual(new Map(words.map((w) => [w, s.docFrequencies([w]).get(w)])), vocabCounts(store, words), 'search counts by walking');
      await store.refreshSearchLists();
      assert.deepEqual(kept(store, words), vocabCounts(store, words), 'kept again, counted once (not twice for the queued row)');
      // Lists kept from before the counts existed (migration 10) get them at the next refresh.
      store.db.prepare('UPDATE term_top_lists SET df = NULL').run();
      assert.equal(kept(store, words).size, 0);
      await store.refreshSearchLists();
      assert.deepEqual(kept(store, words), vocabCounts(store, words));
    });
  });

  it('keep exact counts when the writer deletes or re-indexes a row written past it, or one an older writer added', async () => {
    for (const bypass of ['raw insert', 'raw update', 'older writer'] as const) {
      await withStore(async (store, add) => {
        const ids = await add(200);
        await store.refreshSearchLists();
        const words = listedWords(store);
        const target = ids[5];
        const rowid = store.db.prepare('SELECT rowid FROM doc_index WHERE document_id = ?').pluck().get(target) as number;
        if (bypass === 'raw update') {
          store.db.prepare("UPDATE doc_index SET body = '社区 治理 改革 养老 住房 网格 物业' WHERE document_id = ?").run(target);
        } else {
          store.db.prepare('DELETE FROM doc_index WHERE document_id = ?').run(target);
          store.db.prepare(`INSERT INTO doc_index (rowid, document_id, year, sort_date, title, keywords, entities, body, len_title, len_keywords, len_entities, len_body)
            VALUES (?, ?, 2020, '2020', '社区', '', '', '社区 治理 改革 养老 住房', 1, 0, 0, 5)`).run(rowid, target);
          // The writer of migration 9 lists the row and clears its queue, and knows nothing of counts or postings.
          if (bypass === 'older writer') store.db.prepare('DELETE FROM term_tops_pending').run();
        }
        assert.equal(kept(store, words).size, 0, `${bypass}: no count trusted`);
        if (bypass === 'raw update') {
          const d = (await store.getDocument(target))!;
          await store.updateDocument(d, makeIndex(d, '教育 社区', { year: 2020 }));
        } else {
          await store.deleteDocument(target);
        }
        const now = kept(store, words);
        assert.ok(now.size === 0 || JSON.stringify([...now]) === JSON.stringify([...vocabCounts(store, words)].filter(([w]) => now.has(w))),
          `${bypass}: after the writer, counts are exact or not trusted`);
        await store.refreshSearchLists();
        assert.deepEqual(kept(store, words), vocabCounts(store, words), `${bypass}: exact after the refresh`);
      });
    }
  });

  it('leave phrases, OR, exclusions and several words to FTS5', async () => {
    await withStore(async (store, add) => {
      await add(200);
      await store.refreshSearchLists();
      for (const m of [
        { all: [['社区', '治理']], any: [], none: [], phrases: [] },
        { all: [['社区'], ['治理']], any: [], none: [], phrases: [] },
        { all: [['社区']], any: [], none: ['治理'], phrases: [] },
        { all: [['社区']], any: [], none: [], phrases: [['社区', '治理']] },
        { all: [], any: ['社区'], none: [], phrases: [] },
      ]) assert.equal(listed(store, m, 0, 3), null, JSON.stringify(m));
    });
  });

  it('do not change what search returns', async () => {
    await withStore(async (store, add) => {
      await add(200);
      const queries = ['社区', '改革 年份:2019-2020', '治理', '教育 社区'];
      const run = async () => Promise.all(queries.map(async (q) => {
        const r = await searchDocuments(store, { q, limit: 10 });
        return { total: r.total, ids: r.hits.map((h) => h.id), scores: r.hits.map((h) => h.score) };
      }));
      const before = await run();
      assert.ok(await store.refreshSearchLists() > 0);
      assert.deepEqual(await run(), before);
      assert.ok(before.every((r) => r.ids.length > 0));
    });
  });
});
