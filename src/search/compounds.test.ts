import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compoundParts } from './compounds.js';

test('compoundParts cuts a compound into the fewest known words, or not at all', () => {
  assert.deepEqual(compoundParts('接诉即办条例'), ['接诉即办', '条例']);
  assert.deepEqual(compoundParts('社区网格员队伍建设'), ['社区', '网格员', '队伍', '建设'], 'not stuck on a greedy first word');
  assert.deepEqual(compoundParts('安全生产'), [], 'four characters typed alone match only as written');
  assert.deepEqual(compoundParts('区块链条'), [], 'no lone character as a part');
  assert.deepEqual(compoundParts('5G基站建设'), [], 'Han text only');
  assert.deepEqual(compoundParts('社区治理'.repeat(5)), [], 'at most 16 characters');
});
