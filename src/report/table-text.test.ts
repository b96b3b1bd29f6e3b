import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tableToCsv, tableToMarkdown } from './table-text.js';

test('CSV keeps formula-like cells as text (= + @ and a minus before anything but a plain number)', () => {
  const csv = tableToCsv([['a'], ['=1+1'], ['-1+HYPERLINK("http://x")'], ['@SUM(A1)'], ['-5'], ['-3.2%'], ['-物业']]);
  assert.deepEqual(csv.replace(/^\ufeff/, '').trim().split('\r\n'), ['a', "'=1+1", `"'-1+HYPERLINK(""http://x"")"`, "'@SUM(A1)", '-5', '-3.2%', "'-物业"]);
});

test('Markdown cells show links, images, emphasis and HTML literally, and stay in their column', () => {
  const md = tableToMarkdown([['标题'], ['![x](http://x/a.png) [y](http://y) *强调* <b>粗</b> a|b']]);
  const row = md.trim().split('\n')[2];
  assert.equal(row, '| !\\[x\\](http://x/a.png) \\[y\\](http://y) \\*强调\\* &lt;b>粗&lt;/b> a\\|b |');
});
