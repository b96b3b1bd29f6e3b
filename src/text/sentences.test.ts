import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { isHeadingOrMeta, splitSentences, stripMarker } from './sentences.js';
import { cleanText } from './normalise.js';

const SEED = new URL('../../../shared/seed/000_d980024bf8c34fc9.txt', import.meta.url);
const texts = (t: string) => splitSentences(t).map((s) => s.text);

test('quotes: a terminator inside “…” closes the sentence after the quote', () => {
  assert.deepEqual(texts('他说：“我们走吧。”然后离开了。'), ['他说：“我们走吧。”', '然后离开了。']);
  assert.deepEqual(texts('「你好！」他说。'), ['「你好！」', '他说。']);
});

test('brackets keep their inner sentences together', () => {
  assert.deepEqual(texts('（括号里有句号。还有一句。）后面。'), ['（括号里有句号。还有一句。）', '后面。']);
});

test('decimals and percentages do not split', () => {
  assert.deepEqual(texts('增长3.5%，达93.6万人。共1.2亿元。'), ['增长3.5%，达93.6万人。', '共1.2亿元。']);
});

test('an ASCII full stop between Chinese characters ends a sentence (方法.仿真), not in 3.5 or 1.', () => {
  assert.deepEqual(texts('提出了一种新的设计方法.仿真结果表明,增长3.5%.'), ['提出了一种新的设计方法.', '仿真结果表明,增长3.5%.']);
});

test('（一） and 一、 start items and are recorded as markers', () => {
  const s = splitSentences('主要做法：（一）加强领导。（二）完善机制。工作有三点：一、提高认识；二、加强领导。');
  assert.deepEqual(s.map((x) => x.marker ?? ''), ['', '（一）', '（二）', '', '一、', '二、']);
});

test('一是……二是…… splits into items, but 统一是 does not', () => {
  const s = splitSentences('一是加强党建引领，二是推进网格化管理；三是完善议事协商。统一是关键。');
  assert.deepEqual(s.map((x) => [x.marker ?? '', x.text]), [
    ['一是', '一是加强党建引领，'],
    ['二是', '二是推进网格化管理；'],
    ['三是', '三是完善议事协商。'],
    ['', '统一是关键。'],
  ]);
});

test('首先/其次/最后 are markers', () => {
  assert.deepEqual(splitSentences('首先，要明确目标。其次，要落实责任。最后，要加强考核。').map((s) => s.marker), ['首先', '其次', '最后']);
});

test('long sentences without 。 are split at ；', () => {
  const part = '推进社区治理和服务体系建设，完善居民议事协商机制和多元主体参与的工作格局';
  const text = Array.from({ length: 6 }, () => part).join('；') + '。';
  const s = splitSentences(text);
  assert.ok(s.length >= 2, 'split');
  for (const x of s) assert.ok(x.text.length <= 150 || !x.text.includes('；'));
});

test('newlines are paragraph breaks', () => {
  const s = splitSentences('第一段没有句号\n\n第二段。第二句。');
  assert.deepEqual(s.map((x) => x.paragraph), [0, 1, 1]);
});

test('the seed: numbered points 1.–7. of the first analysis are found with their markers', () => {
  const text = cleanText(readFileSync(SEED, 'utf8'));
  const s = splitSentences(text);
  const first = s.filter((x) => x.paragraph === 1 && x.marker);
  assert.deepEqual(first.map((x) => x.marker).slice(0, 7), ['1.', '2.', '3.', '4.', '5.', '6.', '7.']);
  const one = first[0];
  assert.ok(one.text.startsWith('1. **推动实名注册**'));
  assert.ok(one.text.includes('93.6万居村民'));
  assert.equal(stripMarker(one.text).slice(0, 6), '推动实名注册');
  for (const x of s) assert.equal(text.slice(x.start, x.end), x.text);
});

test('spans round-trip and are trimmed, ordered and non-overlapping (property)', () => {
  const alphabet = fc.constantFrom(...'社区治理。！？；，“”「」（）1.一二是、 \n93.6万%首先：abc'.split(''), '一是', '（一）', '1. ');
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 120 }).map((a) => a.join('')), (t) => {
      let prevEnd = 0;
      for (const [i, s] of splitSentences(t).entries()) {
        if (t.slice(s.start, s.end) !== s.text || s.index !== i) return false;
        if (s.text !== s.text.trim() || !s.text || s.start < prevEnd) return false;
        prevEnd = s.end;
      }
      return true;
    }),
    { numRuns: 500 },
  );
});

test('a very long run without 。 or ； is split at commas', () => {
  const text = Array.from({ length: 30 }, (_, i) => `第${i}项工作持续推进社区治理和服务体系建设`).join('，');
  const s = splitSentences(text);
  assert.ok(s.length > 1);
  for (const x of s) assert.ok(x.text.length <= 300, String(x.text.length));
});

test('headings and metadata lines are told apart from content sentences', () => {
  const text = '社会治理研究知识库\n来源：上海发布\n一、背景与问题\n## 主要做法\n宝山区推行社区议事会，居民广泛参与。\n1. **推动实名注册**：93.6万居村民实名注册。\n社区议事会每月召开一次';
  const kinds = splitSentences(text).map((s) => [s.text, isHeadingOrMeta(text, s)]);
  assert.deepEqual(kinds.filter(([, h]) => h).map(([t]) => t), ['社会治理研究知识库', '来源：上海发布', '一、背景与问题', '## 主要做法', '社区议事会每月召开一次']);
  assert.ok(kinds.some(([t, h]) => String(t).startsWith('宝山区') && !h));
  assert.ok(kinds.some(([t, h]) => String(t).startsWith('1.') && !h));
});

test('editorial notes and bracketed asides on a line of their own are not content; brackets inside a sentence are', () => {
  const text = [
    '【说明】本文为项目组依据公开文件编写的要点摘要，不是文件原文；引用时请以原文为准。',
    '（演示转载稿：转载自示例城市网，仅用于演示。）',
    '【研究笔记｜项目组撰写，供教学演示】',
    '注：文中数据为约数。',
    '宝山区推行社区议事会（每月一次），居民广泛参与。',
    '（一）健全议事规则，明确议题来源。',
    '（2021年起，全区推广。）在此基础上建立评议制度。',
  ].join('\n');
  const kinds = splitSentences(text).map((s) => [s.text, isHeadingOrMeta(text, s)]);
  assert.deepEqual(kinds.filter(([, h]) => h).map(([t]) => t), [
    '【说明】本文为项目组依据公开文件编写的要点摘要，不是文件原文；引用时请以原文为准。',
    '（演示转载稿：转载自示例城市网，仅用于演示。）',
    '【研究笔记｜项目组撰写，供教学演示】',
    '注：文中数据为约数。',
  ]);
});

test('stripMarker leaves no comma behind a sequence word it removes (此外，引入… → 引入…)', () => {
  assert.equal(stripMarker('此外，引入专业社会组织的支持。'), '引入专业社会组织的支持。');
  assert.equal(stripMarker('首先,建立议事会。'), '建立议事会。');
});
