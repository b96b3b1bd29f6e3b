import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { hasChain } from './query-terms.js';
import { forEachToken, hasChainText, tokenCount } from './token-text.js';

// Index field strings: non-empty tokens over a small alphabet (so tokens repeat and nest: 改, 改革, 革改革)
// joined by single spaces, as the store keeps them.
const token = fc.string({ unit: fc.constantFrom('改', '革', '社', '区', 'a', '1', '.'), minLength: 1, maxLength: 3 });
const field = fc.array(token, { maxLength: 40 });

describe('whole-token search in a field string', () => {
  it('counts and places every whole-token occurrence exactly as splitting the string would', () => {
    fc.assert(fc.property(field, token, (tokens, needle) => {
      const s = tokens.join(' ');
      const expected = tokens.flatMap((t, i) => (t === needle ? [i] : []));
      const got: number[] = [];
      forEachToken(s, needle, (offset) => got.push(s.slice(0, offset).split(' ').length - 1));
      assert.deepEqual(got, expected);
      assert.equal(tokenCount(s), tokens.length);
    }), { numRuns: 2000 });
  });

  it('finds a consecutive chain exactly where the token-array check does', () => {
    fc.assert(fc.property(field, fc.array(token, { minLength: 1, maxLength: 3 }), (tokens, chain) => {
      assert.equal(hasChainText(tokens.join(' '), chain), hasChain(tokens, chain));
    }), { numRuns: 2000 });
  });

  it('does not take a token inside a longer token for the token itself', () => {
    const hits: number[] = [];
    forEachToken('改革 改 革改 改', '改', (o) => hits.push(o));
    assert.deepEqual(hits, [3, 8]);
    assert.equal(hasChainText('社区 区治 治理', ['区治', '治理']), true);
    assert.equal(hasChainText('社区 区治x 治理', ['区治', '治理']), false);
  });
});
