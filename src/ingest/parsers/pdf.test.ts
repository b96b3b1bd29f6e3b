import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePdf } from './pdf.js';
import { IngestError } from '../errors.js';
import { makePdf } from '../testing/pdf.js';

const code = (c: string) => (e: unknown) => e instanceof IngestError && e.code === c && /[\u4e00-\u9fff]/.test(e.message);

test('Chinese text in a non-embedded STSong-Light/UniGB-UCS2-H font is extracted (cMaps found), lines joined', { timeout: 60_000 }, async () => {
  const pdf = makePdf({ pages: [['宝山区社区治理', '宝山区坚持党建引领基层治理，推动共建共治共享的社会', '治理格局不断完善。'], ['第二页：人民信箱。']] });
  const r = await parsePdf(pdf, 'cn.pdf');
  assert.equal(r.title, '宝山区社区治理');
  assert.equal(r.text, '宝山区社区治理\n\n宝山区坚持党建引领基层治理，推动共建共治共享的社会治理格局不断完善。\n\n第二页：人民信箱。');
});

test('ASCII text in standard Helvetica, title from document info', { timeout: 60_000 }, async () => {
  const r = await parsePdf(makePdf({ font: 'helvetica', pages: [['Community Governance Report', 'Second line (with parentheses).']], title: '英文报告' }), 'en.pdf');
  assert.equal(r.title, '英文报告');
  assert.match(r.text, /^Community Governance Report\s+Second line \(with parentheses\)\.$/);
});

test('page cap: only the first pages are read', { timeout: 60_000 }, async () => {
  const r = await parsePdf(makePdf({ font: 'helvetica', pages: [['page one of the report'], ['page two of the report'], ['page three of the report']] }), 'p.pdf', 2);
  assert.match(r.text, /page two/);
  assert.doesNotMatch(r.text, /page three/);
});

test('encrypted → ENCRYPTED_PDF, no text layer → PDF_NO_TEXT, truncated/garbage → CORRUPT_PDF', { timeout: 60_000 }, async () => {
  await assert.rejects(parsePdf(makePdf({ encrypt: true, font: 'helvetica', pages: [['secret']] }), 'e.pdf'), code('ENCRYPTED_PDF'));
  await assert.rejects(parsePdf(makePdf({ noText: true, pages: [[]] }), 'scan.pdf'), code('PDF_NO_TEXT'));
  await assert.rejects(parsePdf(makePdf({ pages: [['第 1 页'], ['第 2 页'], ['第 3 页']] }), 'scan-numbers.pdf'), (e: Error) => /共 3 页，只提取到 9 个字/.test(e.message));
  await assert.rejects(parsePdf(makePdf({ pages: [['宝山区人民政府 1'], ['宝山区人民政府 2']] }), 'scan-header.pdf'), code('PDF_NO_TEXT'));
  // A short notice of one page, or with a blank or numbered last page, or slides with a line each, are text documents.
  for (const last of [[], ['2'], ['- 2 -']]) {
    assert.match((await parsePdf(makePdf({ pages: [['关于召开居民议事会的通知', '请各楼组长准时参加。'], last] }), 'notice.pdf')).text, /居民议事会/);
  }
  assert.match((await parsePdf(makePdf({ pages: [['通知']] }), 'short.pdf')).text, /通知/);
  assert.match((await parsePdf(makePdf({ pages: [['社区议事会的三个步骤'], ['第一步：收集居民意见']] }), 'slides.pdf')).text, /收集居民意见/);
  const good = makePdf({ pages: [['宝山区']] });
  await assert.rejects(parsePdf(good.subarray(0, good.length >> 1), 't.pdf'), code('CORRUPT_PDF'));
  await assert.rejects(parsePdf(Buffer.from('not a pdf at all, just words'), 'g.pdf'), code('CORRUPT_PDF'));
});
