import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJsonl } from './jsonl.js';

test('one document per line; bad lines and rows without text are per-row errors with line numbers', () => {
  const lines = [
    JSON.stringify({ title: '案例一', content: '宝山区推行人民信箱。', category: '实践案例', source: { publisher: '上海发布', url: 'https://a.cn' }, tags: ['议事厅'] }),
    '{not json',
    '',
    JSON.stringify({ title: '没有正文' }),
    '[1,2]',
    JSON.stringify({ 标题: '案例二', 正文: '社区治理学院培训干部。', 日期: '2021-03', createdAt: '2024-01-02T03:04:05.000000Z' }),
  ].join('\n');
  const r = parseJsonl(Buffer.from(lines), 'rows.jsonl');
  assert.deepEqual(r.docs.map((d) => d.item), ['rows.jsonl#1', 'rows.jsonl#6']);
  assert.deepEqual(r.docs[0].source, { publisher: '上海发布', url: 'https://a.cn' });
  assert.deepEqual(r.docs[0].tags, ['议事厅']);
  assert.equal(r.docs[1].title, '案例二');
  assert.equal(r.docs[1].source?.publishedAt, '2021-03');
  assert.equal(r.docs[1].createdAt, '2024-01-02T03:04:05.000000Z');
  assert.deepEqual(r.errors.map((e) => [e.code, e.item]), [
    ['BAD_JSONL_LINE', 'rows.jsonl#2'], ['MISSING_TEXT_FIELD', 'rows.jsonl#4'], ['BAD_JSONL_LINE', 'rows.jsonl#5'],
  ]);
  assert.match(r.errors[0].message, /第 2 行/);
});

test('a .json array of objects and a custom nested mapping', () => {
  const r = parseJsonl(Buffer.from(JSON.stringify([{ meta: { h: '标题' }, body: { t: '正文内容。' } }])), 'a.json', { title: 'meta.h', text: 'body.t' });
  assert.equal(r.docs[0].title, '标题');
  assert.equal(r.docs[0].text, '正文内容。');
});

test('a nested source date is stored in one form, and one no one could have published on is left out, the row kept', () => {
  const text = [
    JSON.stringify({ text: '某社区成立议事会。', source: { publishedAt: '二〇二一年五月一日' } }),
    JSON.stringify({ text: '某街道推行网格化管理。', source: { publishedAt: '2099-01-01', publisher: '某报' } }),
  ].join('\n');
  const r = parseJsonl(Buffer.from(text), 'x.jsonl');
  assert.equal(r.errors.length, 0);
  assert.deepEqual(r.docs.map((d) => d.source?.publishedAt), ['2021-05-01', undefined]);
  assert.equal(r.docs[1].source?.publisher, '某报');
});
