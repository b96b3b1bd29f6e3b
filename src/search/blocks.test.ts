import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IndexedDoc } from '../store/store.js';
import type { Scored } from './rank.js';
import { inBlocks } from './search.js';

const doc = (id: string): IndexedDoc => ({ id, title: id, category: '其他', sortDate: '', year: null, storeRank: 0, fields: { title: '', keywords: '', entities: '', body: '' } });

test('re-ranked hits keep the store\'s blocks, and a document the ranker dropped keeps its place last in its block', () => {
  const docs = ['a', 'b', 'c', 'd', 'e'].map(doc);
  // The ranker's order (by score) mixes blocks and leaves out b.
  const ranked: Scored[] = [['d', 3], ['a', 2], ['c', 1], ['e', 0.5]].map(([id, score]) => ({ doc: docs.find((d) => d.id === id)!, score: score as number, matched: [] }));
  const out = inBlocks(ranked, docs, 2);
  assert.deepEqual(out.map((s) => s.doc.id), ['a', 'b', 'd', 'c', 'e']);
  assert.equal(out[1].score, 0);
  // One block: the ranker's order, the dropped one last.
  assert.deepEqual(inBlocks(ranked, docs, 10).map((s) => s.doc.id), ['d', 'a', 'c', 'e', 'b']);
});
