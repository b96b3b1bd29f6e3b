import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildCorpusStats, extractKeywords } from './keywords.js';
import { cleanText } from './normalise.js';
import { segment } from './segment.js';

const SEED = cleanText(readFileSync(new URL('../../../shared/seed/000_d980024bf8c34fc9.txt', import.meta.url), 'utf8'));

test('keywords of the seed include its mechanisms and platforms', () => {
  const terms = extractKeywords(SEED, { topK: 10 }).map((k) => k.term);
  const expected = ['实名注册', '人民信箱', '议事厅', '社区治理学院'].filter((t) => terms.includes(t));
  assert.ok(expected.length >= 2, `got ${terms.join(' ')}`);
});

test('spans point at occurrences of the keyword in the text', () => {
  for (const k of extractKeywords(SEED, { topK: 10 })) {
    assert.ok(k.spans.length > 0, k.term);
    for (const s of k.spans) assert.equal(SEED.slice(s.start, s.end), k.term);
  }
});

test('results are deterministic, sorted by weight, without a keyword inside a higher-ranked one', () => {
  const a = extractKeywords(SEED, { topK: 10 });
  assert.deepEqual(a, extractKeywords(SEED, { topK: 10, tokens: segment(SEED) }));
  for (let i = 1; i < a.length; i++) assert.ok(a[i - 1].weight >= a[i].weight);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < i; j++) assert.ok(!a[j].term.includes(a[i].term));
  assert.equal(a.length, 10);
});

test('a compound that recurs is found whole (社区治理学院, not 学院)', () => {
  const text = '宝山成立社区治理学院。社区治理学院开展培训。社区治理学院提供咨询。居民参与社区活动。';
  const terms = extractKeywords(text, { topK: 5 }).map((k) => k.term);
  assert.ok(terms.includes('社区治理学院'));
  assert.ok(!terms.includes('学院'));
});

test('title terms rank higher and may have empty spans when absent from the text', () => {
  const text = '本研究在三个城市开展问卷调查，分析居民参与意愿的影响因素。结果显示，居民参与意愿与社区信任显著相关。';
  const kws = extractKeywords(text, { title: '社区信任与居民参与', topK: 5 });
  assert.ok(kws.slice(0, 3).some((k) => k.term === '社区信任' || k.term === '居民参与'));
});

test('library statistics change the IDF: a word in every document drops', () => {
  const docs = ['网格员走访居民，网格员上报问题。', '网格员调解纠纷。', '网格员参与议事协商，议事协商形成公约。'];
  const corpus = buildCorpusStats(docs);
  assert.equal(corpus.docCount, 3);
  assert.equal(corpus.df('网格员'), 3);
  const with_ = extractKeywords(docs[2], { corpus, topK: 3 }).map((k) => k.term);
  assert.equal(with_[0], '议事协商');
});

test('figures, punctuation and stopwords are never keywords', () => {
  const terms = extractKeywords('93.6万居村民实现实名注册，我们的进行了一系列工作。', { topK: 10 }).map((k) => k.term);
  for (const t of terms) assert.ok(!/^[\d.%万]+$/.test(t) && !['我们', '进行', '一系列', '，'].includes(t), t);
});

test('traditional and simplified texts give the same keywords; terms and spans are as written', () => {
  const simp = '社区治理学院开展培训。社区治理学院提供咨询。居民通过人民信箱反映问题，人民信箱及时回复。';
  const trad = '社區治理學院開展培訓。社區治理學院提供諮詢。居民通過人民信箱反映問題，人民信箱及時回復。';
  const a = extractKeywords(simp, { topK: 5 });
  const b = extractKeywords(trad, { topK: 5 });
  assert.deepEqual(b.map((k) => k.weight), a.map((k) => k.weight));
  assert.ok(b.some((k) => k.term === '社區治理學院'));
  for (const k of b) for (const s of k.spans) assert.equal(trad.slice(s.start, s.end), k.term);
});

test('takes no keyword from a 文号 (政办发 of 京政办发〔2021〕7号, 国办发 of a cited 国办发〔2021〕12号)', () => {
  const t = '北京市人民政府办公厅关于加强社区治理的通知\n京政办发〔2021〕7号\n各区人民政府：根据《国务院办公厅关于加强基层治理的意见》（国办发〔2021〕12号），'
    + '结合本市社区治理实际，现就加强社区治理通知如下。社区治理要坚持党建引领，推进网格化管理。\n北京市人民政府办公厅\n2021年6月30日';
  const terms = extractKeywords(t).map((k) => k.term);
  assert.ok(terms.includes('社区治理'));
  assert.ok(!terms.some((k) => /办发|政办|国办/.test(k)), terms.join('、'));
});
