import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { summarise } from './summary.js';
import { cleanText } from './normalise.js';

const SEED = cleanText(readFileSync(new URL('../../../shared/seed/000_d980024bf8c34fc9.txt', import.meta.url), 'utf8'));

test('summary of the seed: three sentences in document order, spans inside the text', () => {
  const { oneLine, summary } = summarise(SEED);
  assert.equal(summary.length, 3);
  for (let i = 1; i < summary.length; i++) assert.ok(summary[i - 1].spans[0].start < summary[i].spans[0].start);
  for (const item of [oneLine, ...summary]) {
    const s = item.spans[0];
    assert.equal(SEED.slice(s.start, s.end).replace(/\*\*/g, ''), item.text);
  }
  assert.ok(oneLine.text.length > 0 && oneLine.text.length <= 80);
  assert.ok(/宝山|社区/.test(oneLine.text), oneLine.text);
});

test('oneLine has no leading enumeration marker', () => {
  const text = '1. **实名注册**：93.6万居村民实名注册，年轻人占比较高。2. **人民信箱**：居民通过人民信箱反映问题。';
  const { oneLine } = summarise(text);
  assert.ok(!/^(\d|\*)/.test(oneLine.text), oneLine.text);
});

test('deterministic and handles empty text', () => {
  assert.deepEqual(summarise(SEED), summarise(SEED));
  assert.deepEqual(summarise(''), { oneLine: { text: '', spans: [] }, summary: [] });
  assert.equal(summarise('只有一句话。', { sentences: 3 }).summary.length, 1);
});

test('the one-line summary and the summary skip headings and metadata lines, unless the text has nothing else', () => {
  const text = '社会治理研究知识库\n\n来源：某区融媒体中心\n\n一、背景与问题\n\n老旧小区加装电梯长期难以推进，居民意见分歧较大。街道搭建议事平台，组织居民协商费用分摊方案，三个月内完成十二部电梯加装。';
  const { oneLine, summary } = summarise(text, { sentences: 3 });
  for (const item of [oneLine, ...summary]) assert.ok(!/知识库|来源|背景与问题/.test(item.text), item.text);
  assert.equal(summarise('社区议事会每月召开一次').oneLine.text, '社区议事会每月召开一次');
});

test('an editorial note at the top (【说明】…, a bracketed aside) is never the one-line summary', () => {
  const text = '【说明】本文为项目组依据公开发布的文件编写的要点摘要，不是文件原文；引用时请以发文机关公布的原文为准。\n'
    + '（演示新闻稿：本文由项目组据公开信息编写，仅用于演示。）\n'
    + '该意见于2021年7月公开发布，对乡镇街道和村社区的基层治理体系作出系统部署，提出加强党的全面领导。\n'
    + '意见要求完善基层民主协商制度，健全村居民委员会的议事规则。';
  const { oneLine, summary } = summarise(text, { title: '关于加强基层治理体系建设的意见要点' });
  assert.ok(!/说明|演示/.test(oneLine.text), oneLine.text);
  assert.ok(summary.every((s) => !/说明|演示/.test(s.text)), JSON.stringify(summary.map((s) => s.text)));
});
