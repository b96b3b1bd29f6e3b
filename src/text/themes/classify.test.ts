import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSeed } from '../testing/seed.js';
import { splitSentences } from '../sentences.js';
import { ThemeClassifier, THEME_THRESHOLD } from './classify.js';
import { findTheme, TAXONOMY, THEME_NAMES } from './taxonomy.js';

test('the taxonomy has at least 20 described themes with weighted indicator terms and resolvable aliases', () => {
  assert.ok(TAXONOMY.length >= 20);
  assert.equal(new Set(THEME_NAMES).size, THEME_NAMES.length);
  for (const d of TAXONOMY) {
    assert.ok(d.description.length > 4, d.name);
    assert.ok(Object.keys(d.terms).length >= 5, d.name);
    for (const w of Object.values(d.terms)) assert.ok(w > 0 && w <= 3);
  }
  assert.equal(findTheme('社会组织参与')?.name, '社会组织参与/五社联动');
  assert.equal(findTheme('人才培养')?.name, '能力建设/人才培养');
});

test('the seed first analysis gets 数字治理, 议事协商, 能力建设/人才培养, 社会组织参与 and 居民自治, each with evidence', () => {
  const { first } = readSeed();
  const themes = new ThemeClassifier().classify(first, splitSentences(first));
  const names = themes.map((t) => t.name);
  for (const n of ['数字治理', '议事协商', '能力建设/人才培养', '社会组织参与/五社联动', '居民自治']) assert.ok(names.includes(n), n);
  assert.ok(!names.includes('养老托育') && !names.includes('物业管理') && !names.includes('法治建设'), names.join());
  for (const t of themes) {
    assert.ok(t.score >= THEME_THRESHOLD && t.score <= 1);
    assert.ok(t.evidence.length >= 1 && t.evidence.length <= 3);
    for (const e of t.evidence) assert.equal(first.slice(e.spans[0].start, e.spans[0].end), e.text);
  }
});

const GARBAGE = [
  '某社区推行垃圾分类积分兑换，居民把厨余垃圾分类投放后在兑换点领取积分，积分可换取日用品。',
  '小区设立垃圾分类督导员，每天早晚在投放点值守，指导居民分类投放厨余垃圾和可回收物。',
  '街道开展垃圾分类宣传周，在居民区设置厨余垃圾投放点，志愿督导员上门讲解分类知识。',
];
const NEW_DOC = '该镇在各村设置厨余垃圾投放点，督导员指导村民分类投放，分类积分可兑换日用品。';
const UNRELATED = '该县法院开通网上立案系统，律师可以在线提交诉讼材料并查询案件进度。';

test('after corrections on a few documents, a similar new document gets the corrected theme; an unrelated one does not', () => {
  const c = new ThemeClassifier();
  const before = c.classify(NEW_DOC).map((t) => t.name);
  assert.ok(!before.includes('社区文化'), 'precondition: the rules do not give 社区文化');
  for (const doc of GARBAGE) c.learn(doc, ['生态环境', '社区文化']);
  const restored = new ThemeClassifier(JSON.parse(JSON.stringify(c.toJSON())));
  const after = restored.classify(NEW_DOC).map((t) => t.name);
  assert.ok(after.includes('社区文化'), after.join());
  assert.ok(!restored.classify(UNRELATED).map((t) => t.name).includes('社区文化'));
});

test('a removed theme is learned too, and user-defined themes work', () => {
  const c = new ThemeClassifier();
  const doc = '社区组织志愿者开展邻里互助活动，志愿服务队为独居老人送餐。';
  assert.ok(c.classify(doc).some((t) => t.name === '志愿服务'));
  for (let i = 0; i < 3; i++) c.learn(doc, ['养老托育', '邻里互助']);
  const names = c.classify('社区组织志愿者开展邻里互助，志愿服务队为独居老人上门送餐。').map((t) => t.name);
  assert.ok(!names.includes('志愿服务'), names.join());
  assert.ok(names.includes('邻里互助'), names.join());
});

test('the model state is plain JSON and learning is deterministic', () => {
  const a = new ThemeClassifier();
  const b = new ThemeClassifier();
  for (const doc of GARBAGE) {
    a.learn(doc, ['生态环境']);
    b.learn(doc, ['生态环境']);
  }
  assert.deepEqual(a.toJSON(), b.toJSON());
  assert.deepEqual(JSON.parse(JSON.stringify(a.toJSON())), a.toJSON());
});
