import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCaseCard } from './casecard.js';
import { extractFigures } from './entities/figures.js';
import { extractEntities } from './entities/mechanisms.js';
import { extractRegions } from './entities/regions.js';
import { segment } from './segment.js';
import { splitSentences } from './sentences.js';
import { readSeed } from './testing/seed.js';

function card(text: string) {
  return buildCaseCard({
    text,
    sentences: splitSentences(text),
    regions: extractRegions(text),
    organizations: extractEntities(text, segment(text)).organizations,
    figures: extractFigures(text),
  });
}

test('the seed case card fills 地区, 主体, 做法与机制, 成效, 数据 and 经验启示 from the text, with exact spans', () => {
  const { first } = readSeed();
  const c = card(first);
  assert.equal(c.地区[0].text, '上海市宝山区');
  assert.ok(c.主体.some((x) => x.text === '社会组织'));
  assert.ok(c.数据.some((x) => x.text.includes('93.6万')));
  for (const f of ['做法与机制', '成效', '经验启示'] as const) assert.ok(c[f].length > 0, f);
  assert.ok(c.经验启示.some((x) => x.text.includes('示范')));
  for (const f of ['问题与背景', '做法与机制', '成效', '数据', '经验启示'] as const) {
    // the span covers the source as written; the text shows markdown emphasis (**…**) as plain text
    for (const item of c[f]) assert.equal(first.slice(item.spans[0].start, item.spans[0].end).replace(/\*\*/g, ''), item.text, f);
  }
});

test('a field without evidence stays empty: nothing is invented', () => {
  const c = card('今天天气很好。');
  for (const v of Object.values(c)) assert.deepEqual(v, []);
});

test('问题与背景 comes from sentences naming the problem', () => {
  const c = card('老旧小区停车难是居民反映最多的难题。街道通过建立停车议事会，推行错时停车。居民满意度提升到95%。');
  assert.equal(c.问题与背景[0]?.text, '老旧小区停车难是居民反映最多的难题。');
  assert.ok(c.做法与机制[0]?.text.includes('停车议事会'));
  assert.ok(c.成效[0]?.text.includes('满意度'));
  assert.equal(c.数据[0]?.text, '居民满意度提升到95%');
});
