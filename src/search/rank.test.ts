import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CANDIDATE_WEIGHTS } from '../store/sqlite/sqlite-search.js';
import { DEFAULT_RANK, FIELDS, proximity, weightedTerms } from './rank.js';
import { parseQuery } from './query-parser.js';
import { queryConcepts } from './query-terms.js';

describe('rank', () => {
  it('has the SQLite first pass weigh fields as the re-ranker does, so its 100 candidates hold the top page', () => {
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

  it('scores proximity 1 for adjacent concepts, less as they drift apart, 0 for a single concept', () => {
    assert.equal(proximity([[3], [4]]), 1);
    assert.ok(proximity([[3], [40]]) < proximity([[3], [10]]));
    assert.equal(proximity([[1, 2, 3]]), 0);
  });
});
