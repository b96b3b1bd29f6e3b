import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cleanText, normaliseForIndex, toSimplified } from './normalise.js';

test('cleanText removes BOM, zero-width and control chars and unifies line endings', () => {
  assert.equal(cleanText('\uFEFF社区\u200b治理\r\n第二行\r第三行\u0007'), '社区治理\n第二行\n第三行');
  assert.equal(cleanText('家庭👨\u200D👩\u200D👧成员，社区\u200D治理'), '家庭👨\u200D👩\u200D👧成员，社区治理', 'a joiner inside an emoji stays, a stray one goes');
  assert.equal(cleanText('程序员👩🏽\u200D💻和医生👩🏻\u200D⚕️'), '程序员👩🏽\u200D💻和医生👩🏻\u200D⚕️', 'also after a skin tone');
});

test('cleanText removes the extractor space between two CJK characters but keeps it around Latin', () => {
  assert.equal(cleanText('社区 治理 与 “人民 信箱” Open Data 平台'), '社区治理与“人民信箱” Open Data 平台');
});

test('cleanText repairs ASCII punctuation after Chinese text and collapses spaces and blank lines', () => {
  assert.equal(cleanText('新途径,吸引了居民:  包括?是的!\n\n\n\n下一段'), '新途径，吸引了居民：包括？是的！\n\n下一段');
  assert.equal(cleanText('“议事厅”,形成了'), '“议事厅”，形成了');
  assert.equal(cleanText('比例为 1:2, rate 3.5%'), '比例为 1:2, rate 3.5%');
});

test('normaliseForIndex converts full-width, traditional and case while preserving length', () => {
  assert.equal(normaliseForIndex('社區治理'), '社区治理');
  assert.equal(normaliseForIndex('ＡＢＣ１２３'), 'abc123');
  assert.equal(normaliseForIndex('臺灣　後來 Hello'), '台湾 后来 hello');
  assert.equal(normaliseForIndex('😀社区'), '😀社区');
});

test('normaliseForIndex leaves standard simplified characters that OpenCC lists as variants (么 著 乾) as written', () => {
  assert.equal(normaliseForIndex('什么 怎么 著作权 显著 乾坤'), '什么 怎么 著作权 显著 乾坤');
  assert.equal(normaliseForIndex('什麼 著作權'), '什么 著作权', 'the traditional forms still become simplified');
});

test('normaliseForIndex is length-preserving for any string (property)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => normaliseForIndex(s).length === s.length),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...'社區治理臺灣後來ＡＢａｂ１２　AbC,.。髮乾著') }), (s) => {
      const n = normaliseForIndex(s);
      return n.length === s.length && normaliseForIndex(n) === n;
    }),
    { numRuns: 300 },
  );
});

test('toSimplified converts traditional characters as the index does and never rewrites simplified words', () => {
  assert.equal(toSimplified('社區治理與網格化管理 AI'), '社区治理与网格化管理 AI');
  assert.equal(toSimplified('軟體'), normaliseForIndex('軟體'), 'a query converts like the documents it must find');
  const simplified = '政策文件 诉讼程序 建立 智慧社区 治理效能 资源整合 小程序 宣告失踪 著作权 什么 乾坤';
  assert.equal(toSimplified(simplified), simplified);
});

test('cleanText with cjkSpaces words keeps the space between Chinese words of names, lists and headings, and joins prose and spaced-out lines', () => {
  const words = (s: string) => cleanText(s, { cjkSpaces: 'words' });
  assert.equal(words('作者：张三 李四\n关键词：楼道自治 睦邻点 议事厅\n第一章 总则'), '作者：张三 李四\n关键词：楼道自治 睦邻点 议事厅\n第一章 总则');
  assert.equal(words('宝山区坚持 党建引领基层治理。'), '宝山区坚持党建引领基层治理。', 'a space inside a sentence is layout');
  assert.equal(words('社 区 治 理 是 关 键'), '社区治理是关键', 'spaced character by character');
  assert.equal(words('通  知\n联系人：王  军'), '通知\n联系人：王军', 'a lone character is no word of a list');
  assert.equal(words('宝山区坚持 党建引领,推进议事'), '宝山区坚持党建引领，推进议事', 'prose with ASCII punctuation');
  for (const s of ['宝山区坚持 党建引领,推进议事', '作者：张三 李四', '“人民 信箱” 平台']) assert.equal(words(words(s)), words(s), `cleaning twice: ${s}`);
  assert.equal(words('“人民 信箱” 平台'), '“人民 信箱”平台', 'never next to CJK punctuation');
  assert.equal(cleanText('作者：张三 李四'), '作者：张三李四', 'the default (PDF, HTML) joins every one');
});
