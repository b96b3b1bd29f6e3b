import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { parseHtml } from './html.js';
import { IngestError } from '../errors.js';
import { ARTICLE_PAGE } from '../testing/texts.js';

test('main text without nav/footer boilerplate, paragraphs kept, metadata into source', () => {
  const r = parseHtml(Buffer.from(ARTICLE_PAGE), 'page.html');
  assert.equal(r.title, '宝山区社区治理');
  assert.deepEqual(r.source, { publisher: '上海发布', authors: ['张三'], publishedAt: '2023-05-06' });
  const paras = r.text.split('\n\n');
  assert.ok(paras.length >= 3, r.text);
  assert.match(r.text, /93\.6万/);
  for (const junk of ['首页', '登录', '版权所有', '网站导航', 'color:red', 'hacked']) assert.ok(!r.text.includes(junk), junk);
});

test('a <title> with a site suffix but no og:site_name gives the page heading as title', () => {
  const page = '<!doctype html><html><head><meta charset="utf-8"><title>南京市鼓楼区：“红色物业”破解小区治理难题 - 示例网站</title></head>'
    + '<body><nav>首页 | 新闻</nav><article><h1>南京市鼓楼区：“红色物业”破解小区治理难题</h1>'
    + '<p>2023年，鼓楼区在45个老旧小区推行“红色物业”，由社区党组织牵头成立业委会，物业费收缴率从62%提高到91%。</p>'
    + '<p>街道建立“党建联席会议”机制，社区、业委会、物业企业每月协商一次，居民满意度明显提升。</p></article></body></html>';
  assert.equal(parseHtml(Buffer.from(page), 'case.html').title, '南京市鼓楼区：“红色物业”破解小区治理难题');
});

test('a title that is not the heading plus a suffix is kept as it is', () => {
  const page = '<html><head><title>社区治理 - 年度报告</title></head><body><h1>目录</h1><p>社区议事会于周五召开，讨论加装电梯事宜，居民代表二十人参加。</p></body></html>';
  assert.equal(parseHtml(Buffer.from(page), 'r.html').title, '社区治理 - 年度报告');
});

test('scripts are never executed', () => {
  parseHtml(Buffer.from(ARTICLE_PAGE), 'page.html');
  assert.equal((globalThis as Record<string, unknown>).__pwned, undefined);
});

test('a short fragment falls back to the body text', () => {
  const r = parseHtml(Buffer.from('<p>社区议事会于周五召开。</p>'), '通知.html');
  assert.equal(r.text, '社区议事会于周五召开。');
  assert.equal(r.title, '通知');
});

test('a GBK page with <meta charset=gbk> is decoded by its declaration', () => {
  const html = ARTICLE_PAGE.replace('charset="utf-8"', 'charset="gbk"').replace(' © ', ' ');
  const r = parseHtml(iconv.encode(html, 'gbk'), 'gbk.html');
  assert.equal(r.encoding, 'gbk');
  assert.match(r.text, /人民信箱/);
});

test('a page with only scripts gives BAD_HTML', () => {
  assert.throws(() => parseHtml(Buffer.from('<html><head><script>var a = "正文";</script></head><body><script>b()</script></body></html>'), 's.html'),
    (e: unknown) => e instanceof IngestError && e.code === 'BAD_HTML' && /正文/.test(e.message));
});
