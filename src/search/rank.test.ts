import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CANDIDATE_WEIGHTS } from '../store/sqlite/sqlite-search.js';
import { DEFAULT_RANK, FIELDS, proximity } from './rank.js';

describe('rank', () => {
  it('has the SQLite first pass weigh fields as the re-ranker does, so its 100 candidates hold the top page', () => {
    assert.deepEqual(CANDIDATE_WEIGHTS, FIELDS.map((f) => DEFAULT_RANK.weight[f]));
  });

  it('scores proximity 1 for adjacent concepts, less as they drift apart, 0 for a single concept', () => {
    assert.equal(proximity([[3], [4]]), 1);
    assert.ok(proximity([[3], [40]]) < proximity([[3], [10]]));
    assert.equal(proximity([[1, 2, 3]]), 0);
  });
});
