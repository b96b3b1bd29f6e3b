import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  NEAR_DUPLICATE_THRESHOLD, NUM_PERMUTATIONS, caseFingerprint, isSameCase, jaccardEstimate, lshBands, minhashSignature,
  nearDuplicateScore, termProfile,
} from './minhash.js';
import { segment } from './segment.js';
import { cleanText } from './normalise.js';

const SEED = new URL('../../../shared/seed/000_d980024bf8c34fc9.txt', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** The seed holds a header line, then three analyses of one report (one per line), with a category and
 * timestamp line between the first and second. */
function seedAnalyses(): string[] {
  return cleanText(readFileSync(SEED, 'utf8'))
    .split('\n')
    .filter((l) => l.trim() && l !== '社会治理研究知识库' && !/^实践案例 \d{4}-\d{2}-\d{2}/.test(l));
}
const others = ['case-beijing.txt', 'case-zhejiang.txt', 'case-chengdu.txt'].map(fixture);

test('signatures are deterministic, 128 unsigned 32-bit values', () => {
  const [a] = seedAnalyses();
  const s1 = minhashSignature(a);
  assert.equal(s1.length, NUM_PERMUTATIONS);
  assert.deepEqual(s1, minhashSignature(a));
  assert.ok(s1.every((x) => Number.isInteger(x) && x >= 0 && x <= 0xffffffff));
});

test('identical and lightly edited copies score near 1 via MinHash', () => {
  const [a] = seedAnalyses();
  assert.equal(jaccardEstimate(minhashSignature(a), minhashSignature(a)), 1);
  const edited = a.replace('93.6万', '93万').replace('尤其是', '特别是') + '（转载）';
  assert.ok(jaccardEstimate(minhashSignature(a), minhashSignature(edited)) > 0.8);
  // traditional characters and full-width forms do not count as differences
  assert.ok(jaccardEstimate(minhashSignature('社區治理學院開展培訓，居民實名註冊。'), minhashSignature('社区治理学院开展培训，居民实名注册。')) > 0.9);
});

test('LSH bands: 32 keys, shared by near-copies, not by different cases', () => {
  const [a] = seedAnalyses();
  const ka = lshBands(minhashSignature(a));
  assert.equal(ka.length, 32);
  const kb = lshBands(minhashSignature(a + '。'));
  assert.ok(ka.some((k) => kb.includes(k)));
  const kc = lshBands(minhashSignature(others[0]));
  assert.ok(!ka.some((k) => kc.includes(k)));
});

test("the seed's three analyses are detected as the same case", () => {
  const docs = seedAnalyses();
  assert.equal(docs.length, 3);
  for (let i = 0; i < 3; i++) {
    for (let j = i + 1; j < 3; j++) {
      const s = nearDuplicateScore({ text: docs[i] }, { text: docs[j] });
      assert.ok(s >= NEAR_DUPLICATE_THRESHOLD, `analysis ${i} vs ${j}: ${s}`);
      assert.ok(isSameCase({ text: docs[i] }, { text: docs[j] }));
    }
  }
});

test('different governance cases are not the same case (as each other or as the seed)', () => {
  const docs = [...seedAnalyses(), ...others];
  for (let i = 0; i < docs.length; i++) {
    for (let j = Math.max(i + 1, 3); j < docs.length; j++) {
      const s = nearDuplicateScore({ text: docs[i] }, { text: docs[j] });
      assert.ok(s < NEAR_DUPLICATE_THRESHOLD, `doc ${i} vs ${j}: ${s}`);
    }
  }
});

test('pre-computed tokens and fingerprints give the same result as raw text', () => {
  const [a, b] = seedAnalyses();
  const fa = caseFingerprint(a, segment(a));
  assert.deepEqual(fa.signature, minhashSignature(a));
  assert.deepEqual([...fa.profile], [...termProfile(a)]);
  const fb = caseFingerprint(b);
  const direct = nearDuplicateScore({ text: a }, { text: b });
  assert.equal(nearDuplicateScore({ text: a, ...fa }, { text: b, ...fb }), direct);
});

test('empty texts resemble nothing, not even each other', () => {
  assert.equal(nearDuplicateScore({ text: '' }, { text: '' }), 0);
  assert.equal(jaccardEstimate(minhashSignature(''), minhashSignature('社区治理')), 0);
});
