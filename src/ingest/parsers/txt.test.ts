import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { parseTxt } from './txt.js';
import { normaliseDate, titleFromFirstLine } from './common.js';

test('a short first line is the title; text is cleaned (CRLF, CJK line-break spaces)', () => {
  const r = parseTxt(Buffer.from('宝山区社区治理经验\r\n\r\n宝山区坚持 党建引领基层治理。\r\n'), 'a.txt');
  assert.equal(r.title, '宝山区社区治理经验');
  assert.equal(r.text, '宝山区社区治理经验\n\n宝山区坚持党建引领基层治理。');
  assert.equal(r.encoding, 'utf-8');
});

test('a first line that is a sentence or too long is not a title: the file name stem is', () => {
  assert.equal(parseTxt(Buffer.from('宝山区坚持党建引领基层治理。\n第二行'), '报告.txt').title, '报告');
  assert.equal(parseTxt(Buffer.from(`${'长'.repeat(61)}\n第二行`), '长文.txt').title, '长文');
});

test('GBK text files are decoded', () => {
  const r = parseTxt(iconv.encode('社区治理\n居民议事会每月召开一次。', 'gbk'), 'g.txt');
  assert.equal(r.encoding, 'gbk');
  assert.equal(r.title, '社区治理');
});

test('helpers: titleFromFirstLine and normaliseDate', () => {
  assert.equal(titleFromFirstLine('\n\n  标题  \n正文'), '标题');
  assert.equal(normaliseDate('2023年5月6日'), '2023-05-06');
  assert.equal(normaliseDate('2023-05-06T10:00:00Z'), '2023-05-06');
  assert.equal(normaliseDate('20230506'), '2023-05-06');
  assert.equal(normaliseDate('2023/5'), '2023-05');
  assert.equal(normaliseDate('2023'), '2023');
  assert.equal(normaliseDate('昨天'), undefined);
});
