import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { parseCsv } from './csv.js';

test('default mapping guesses Chinese headers; one document per row', () => {
  const csv = '标题,正文,类别,来源,链接,日期,作者,关键词\n案例一,宝山区推行人民信箱。,实践案例,上海发布,https://a.cn/1,2023年5月6日,张三；李四,基层治理、议事厅\n案例二,"含逗号,和""引号""的正文",,,,2022,,\n';
  const r = parseCsv(Buffer.from(csv), 'rows.csv');
  assert.equal(r.errors.length, 0);
  assert.equal(r.docs.length, 2);
  assert.deepEqual(r.docs[0], {
    item: 'rows.csv#2', row: 2, format: 'csv', title: '案例一', text: '宝山区推行人民信箱。', category: '实践案例', tags: ['基层治理', '议事厅'],
    source: { publisher: '上海发布', url: 'https://a.cn/1', publishedAt: '2023-05-06', authors: ['张三', '李四'] },
  });
  assert.equal(r.docs[1].text, '含逗号，和"引号"的正文');
  assert.equal(r.docs[1].source?.publishedAt, '2022');
});

test('GBK CSV from Excel, explicit mapping and default category', () => {
  const csv = 'name;body\n议事厅;居民每月议事一次。\n';
  const r = parseCsv(iconv.encode(csv, 'gbk'), 'g.csv', { title: 'name', text: 'body' }, '调研报告');
  assert.equal(r.docs.length, 1);
  assert.equal(r.docs[0].title, '议事厅');
  assert.equal(r.docs[0].category, '调研报告');
});

test('rows without text become MISSING_TEXT_FIELD and the rest go on', () => {
  const r = parseCsv(Buffer.from('title,text\na,正文一\nb,\nc,正文三\n'), 'm.csv');
  assert.deepEqual(r.docs.map((d) => d.title), ['a', 'c']);
  assert.equal(r.errors.length, 1);
  assert.equal(r.errors[0].code, 'MISSING_TEXT_FIELD');
  assert.equal(r.errors[0].item, 'm.csv#3');
});

test('broken quoting is a per-row BAD_CSV error, never a crash; the good rows stay', () => {
  const r = parseCsv(Buffer.from('title,text\na,"好的一行"\nb,"没有闭合的引号\nc,正文\n'), 'q.csv');
  assert.ok(r.errors.some((e) => e.code === 'BAD_CSV' && /引号/.test(e.message)), JSON.stringify(r.errors));
  assert.equal(r.docs[0]?.title, 'a');
});

test('a row is named by the row number Excel shows, also after a cell holding line breaks and a blank line', () => {
  const r = parseCsv(Buffer.from('标题,正文\n甲,"第一段\n第二段\n第三段"\n乙,正文乙\n\n丙,正文丙\n'), 'rows.csv');
  assert.deepEqual(r.docs.map((d) => [d.item, d.row, d.title]), [['rows.csv#2', 2, '甲'], ['rows.csv#3', 3, '乙'], ['rows.csv#5', 5, '丙']]);
});

test('a date given but not read leaves the row undated and says so for the import result', () => {
  const r = parseCsv(Buffer.from('标题,正文,发布日期\n甲,正文甲,2019-13-45\n乙,正文乙,2021-05-01\n丙,正文丙,\n'), 'rows.csv');
  assert.deepEqual(r.docs.map((d) => [d.title, d.source?.publishedAt ?? null, d.notes?.length ?? 0]), [['甲', null, 1], ['乙', '2021-05-01', 0], ['丙', null, 0]]);
  assert.match(r.docs[0].notes![0], /发布日期「2019-13-45」无法识别或晚于今天，未采用/);
});
