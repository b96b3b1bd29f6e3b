import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocx } from './docx.js';
import { IngestError } from '../errors.js';
import { makeDocx, makeZip } from '../testing/zip.js';

const code = (c: string) => (e: unknown) => e instanceof IngestError && e.code === c && /[\u4e00-\u9fff]/.test(e.message);

test('text, dc:title and dc:creator of a generated .docx', async () => {
  const r = await parseDocx(makeDocx(['宝山区社区治理', '宝山区坚持党建引领基层治理。', 'Second paragraph'], { title: '文档属性标题', creator: '张三' }), 'a.docx');
  assert.equal(r.title, '文档属性标题');
  assert.equal(r.text, '宝山区社区治理\n\n宝山区坚持党建引领基层治理。\n\nSecond paragraph');
  assert.deepEqual(r.source, { authors: ['张三'] });
});

test('without dc:title the heading-like first line is the title; default creator names are ignored', async () => {
  const r = await parseDocx(makeDocx(['调研报告', '正文第一段。'], { creator: 'Administrator' }), 'b.docx');
  assert.equal(r.title, '调研报告');
  assert.equal(r.source, undefined);
});

test('truncated, non-docx zip, invalid XML → CORRUPT_DOCX', async () => {
  const good = makeDocx(['正文']);
  await assert.rejects(parseDocx(good.subarray(0, good.length >> 1), 't.docx'), code('CORRUPT_DOCX'));
  await assert.rejects(parseDocx(makeZip([{ name: 'readme.txt', data: 'hello' }]), 'z.docx'), code('CORRUPT_DOCX'));
  await assert.rejects(parseDocx(makeDocx([], { documentXml: '<w:document><w:body><w:p>unclosed' }), 'x.docx'), code('CORRUPT_DOCX'));
});

test('zip bombs are refused before mammoth: declared huge size, and a size header that lies', async () => {
  await assert.rejects(parseDocx(makeZip([{ name: 'word/document.xml', data: Buffer.alloc(1 << 20), declaredSize: 3_000_000_000 }]), 'bomb.docx'), code('ZIP_BOMB'));
  const liar = makeZip([{ name: 'word/document.xml', data: Buffer.alloc(5_000_000, 0x20), declaredSize: 1000 }]);
  await assert.rejects(parseDocx(liar, 'liar.docx'), code('ZIP_BOMB'));
});
