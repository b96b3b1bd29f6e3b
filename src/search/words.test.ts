import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readsAsWord } from './words.js';

test('dictionary words, lexicon terms and Latin tokens read as words; bigrams across word boundaries do not', () => {
  for (const w of ['社区', '电梯', '老旧', '接诉即办', '城镇老旧小区改造', 'ogre', '12345']) assert.equal(readsAsWord(w), true, w);
  for (const b of ['区治', '区改', '诉即', '村振', '器设']) assert.equal(readsAsWord(b), false, b);
});
