import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CANDIDATE_WEIGHTS } from '../store/first-pass.js';
import { DEFAULT_RANK, FIELDS, proximity, rankCandidates, weightedTerms } from './rank.js';
import { indexField } from './tokens.js';
import type { IndexedDoc } from '../store/store.js';
import { parseQuery } from './query-parser.js';
import { queryConcepts } from './query-terms.js';

describe('rank', () => {
  it('has the stores\' first pass weigh fields as the re-ranker does, so its 100 candidates hold the top page', () => {
    assert.deepEqual(CANDIDATE_WEIGHTS, FIELDS.map((f) => DEFAULT_RANK.weight[f]));
  });

  it('weighs a word the question names twice by 1 + ln 2, as BM25 weighs query term frequency', () => {
    const qc = queryConcepts(parseQuery('房东不退押金，押金还能要回来吗？'));
    const deposit = qc.concepts.findIndex((c) => c.text === '押金');
    assert.equal(qc.concepts[deposit].repeats, 2);
    assert.equal(qc.concepts.filter((c) => c.text === '押金').length, 1, 'still one concept');
    const terms = weightedTerms(qc.concepts);
    const w = terms.find((t) => t.concept === deposit && t.kind === 'word')!.weight;
    const once = terms.find((t) => t.concept !== deposit && t.kind === 'word' && qc.concepts[t.concept].repeats === 1)!.weight;
    assert.ok(Math.abs(w / once - (1 + Math.log(2))) < 1e-9);
  });

  it('names a synonym of several words as found only where the document holds all of them (返还押金, not 返还 alone)', () => {
    const doc = (id: string, body: string): IndexedDoc => ({
      id, title: id, category: '', sortDate: '', year: null, storeRank: 0,
      fields: { title: '', keywords: '', entities: '', body: indexField(body) },
    });
    const qc = queryConcepts(parseQuery('房东不退押金怎么办？'));
    const terms = weightedTerms(qc.concepts);
    assert.ok(terms.some((t) => t.synonym === '返还押金' && t.together?.length === 2), 'the lay term brings 返还押金, scored by 返还');
    const df = new Map(terms.map((t) => [t.term, 1]));
    const stats = { docCount: 10, avgLength: { title: 1, keywords: 1, entities: 1, body: 10 } };
    const both = doc('both', '出租人应当返还押金。');
    const part = doc('part', '依法返还财物。');
    const ranked = rankCandidates([part, both], qc.concepts, terms, df, stats);
    const formsOf = (id: string) => ranked.find((r) => r.doc.id === id)!.matched.flatMap((m) => m.forms);
    assert.ok(formsOf('both').includes('返还押金'));
    assert.ok(!formsOf('part').includes('返还押金'), JSON.stringify(formsOf('part')));
    assert.ok(!ranked.find((r) => r.doc.id === 'part')!.matched.some((m) => m.concept.text === '房东'), '返还 alone is no sign of 房东');
  });

  it('scores proximity 1 for adjacent concepts, less as they drift apart, 0 for a single concept', () => {
    assert.equal(proximity([[3], [4]]), 1);
    assert.ok(proximity([[3], [40]]) < proximity([[3], [10]]));
    assert.equal(proximity([[1, 2, 3]]), 0);
  });

  it('ranks a body where the query words stand together above one where they are far apart, other counts equal', () => {
    const filler = '会议听取了各方面意见。'.repeat(30);
    const doc = (id: string, body: string): IndexedDoc => ({
      id, title: id, category: '', sortDate: '', year: null, storeRank: 0,
      fields: { title: '', keywords: '', entities: '', body: indexField(body) },
    });
    // The same tokens in another order: only the distance between 街道 and 垃圾分类 differs.
    const near = doc('near', `街道，垃圾分类，${filler}`);
    const far = doc('far', `街道，${filler}垃圾分类，`);
    const qc = queryConcepts(parseQuery('街道 垃圾分类'));
    const terms = weightedTerms(qc.concepts);
    const df = new Map(terms.map((t) => [t.term, 1]));
    const len = (d: IndexedDoc) => d.fields.body.split(' ').length;
    const stats = { docCount: 10, avgLength: { title: 1, keywords: 1, entities: 1, body: (len(near) + len(far)) / 2 } };
    const ranked = rankCandidates([far, near], qc.concepts, terms, df, stats);
    assert.deepEqual(ranked.map((r) => r.doc.id), ['near', 'far']);
    const noProximity = rankCandidates([far, near], qc.concepts, terms, df, stats, { ...DEFAULT_RANK, proximity: 0 });
    assert.ok(Math.abs(noProximity[0].score - noProximity[1].score) < 1e-9 * noProximity[0].score, 'the two differ by proximity only');
  });
});
