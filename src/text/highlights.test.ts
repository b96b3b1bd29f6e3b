import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { extractHighlights } from './highlights.js';
import { splitSentences } from './sentences.js';
import { cleanText } from './normalise.js';

const SEED = cleanText(readFileSync(new URL('../../../shared/seed/000_d980024bf8c34fc9.txt', import.meta.url), 'utf8'));

test("the seed's own numbered points become highlights, each with its follow-up sentence", () => {
  const hs = extractHighlights(SEED, splitSentences(SEED), { max: 30 });
  assert.deepEqual(hs.slice(0, 7).map((h) => h.marker), ['1.', '2.', '3.', '4.', '5.', '6.', '7.']);
  assert.ok(hs[0].text.startsWith('1. 推动实名注册：') || hs[0].text.startsWith('1. 推动实名注册:'), hs[0].text);
  assert.ok(hs[1].text.includes('问题处理实现了闭环管理机制。'), 'point 2 keeps its continuation');
  assert.ok(!hs[6].text.includes('这些举措说明'), 'the conclusion is not part of point 7');
  assert.equal(hs.length, 16, 'three analyses: 7 + 5 + 4 points');
  for (const h of hs) {
    assert.equal(SEED.slice(h.spans[0].start, h.spans[0].end).replace(/\*\*/g, ''), h.text);
    assert.ok(!h.text.includes('**'), 'markdown emphasis is not shown');
  }
  // sub-bullets of the second analysis belong to their point
  assert.ok(hs[7].text.includes('四级社区治理架构'));
});

test('without numbered points, key sentences are returned in document order', () => {
  const text = '宝山区建立社区治理学院。学院为基层干部提供培训。今天天气很好。社区治理学院还提供咨询顾问服务，服务居民和社区治理。';
  const hs = extractHighlights(text, splitSentences(text), { keySentences: 2 });
  assert.equal(hs.length, 2);
  assert.ok(hs[0].spans[0].start < hs[1].spans[0].start);
  assert.ok(!hs.some((h) => h.text === '今天天气很好。'));
});

test('a short numbered heading that its paragraph continues (一、总体要求。坚持…) is one point with that text, not the bare heading', () => {
  const text = '关于加强议事协商工作的意见\n\n一、总体要求。坚持和发展新时代“枫桥经验”，以议事会为平台。\n\n二、主要任务。建立民情恳谈会制度，每季度至少召开1次。\n\n三、保障措施。各地要将议事协商经费纳入财政预算。';
  const hs = extractHighlights(text, splitSentences(text));
  assert.deepEqual(hs.map((h) => h.text), ['一、总体要求。坚持和发展新时代“枫桥经验”，以议事会为平台。', '二、主要任务。建立民情恳谈会制度，每季度至少召开1次。', '三、保障措施。各地要将议事协商经费纳入财政预算。']);
  for (const h of hs) assert.equal(text.slice(h.spans[0].start, h.spans[0].end), h.text);
});

test('a short numbered list item stays itself: the last of 1. 2. 3. does not take the paragraph after it', () => {
  const text = '1. 建立居民台账，逐户登记。\n2. 定期走访独居老人。\n3. 加强宣传。社区还组织了文艺演出，居民反响热烈，志愿者人数翻了一番。';
  const hs = extractHighlights(text, splitSentences(text));
  assert.equal(hs[2]?.text, '3. 加强宣传。');
});
