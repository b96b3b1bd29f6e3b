import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { fetchUrl, isNonPublicAddress } from './url.js';
import { IngestError } from './errors.js';
import { ARTICLE_PAGE } from './testing/texts.js';
import { makePdf } from './testing/pdf.js';

let server: Server;
let base = '';
const isCode = (c: string) => (e: unknown) => e instanceof IngestError && e.code === c && /[\u4e00-\u9fff]/.test(e.message);

before(async () => {
  server = createServer((req, res) => {
    const u = req.url ?? '/';
    if (u === '/article') { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(ARTICLE_PAGE); return; }
    if (u === '/gbk') {
      res.writeHead(200, { 'content-type': 'text/html; charset=gbk' });
      res.end(iconv.encode('<html><head><title>通知</title></head><body><nav>首页</nav><p>社区议事会定于周五下午在居委会召开，请居民代表准时参加。</p></body></html>', 'gbk'));
      return;
    }
    if (u === '/slow') { res.writeHead(200, { 'content-type': 'text/html' }); res.write('<html>'); setTimeout(() => res.end('<p>迟到的正文</p></html>'), 3000); return; }
    if (u === '/huge') {
      res.writeHead(200, { 'content-type': 'text/html' }); // no content-length: the cap must hit while streaming
      let sent = 0;
      const push = () => { while (sent < 5_000_000 && res.write('<p>' + '大'.repeat(1000) + '</p>')) sent += 3007; if (sent < 5_000_000) res.once('drain', push); else res.end(); };
      push();
      return;
    }
    if (u === '/big-declared') { res.writeHead(200, { 'content-type': 'text/html', 'content-length': '999999999' }); res.end(); return; }
    if (u === '/redirect') { res.writeHead(302, { location: '/article' }); res.end(); return; }
    if (u === '/loop') { res.writeHead(302, { location: '/loop' }); res.end(); return; }
    if (u === '/to-file') { res.writeHead(302, { location: 'file:///etc/passwd' }); res.end(); return; }
    if (u === '/doc.pdf') { res.writeHead(200, { 'content-type': 'application/pdf' }); res.end(makePdf({ pages: [['网上的政策文件']] })); return; }
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<h1>Not Found</h1>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => { server.closeAllConnections(); server.close(); });

test('a normal page: main text without nav/footer, metadata, source.url, original kept', { timeout: 20_000 }, async () => {
  const d = await fetchUrl(`${base}/article`);
  assert.equal(d.format, 'url');
  assert.equal(d.title, '宝山区社区治理');
  assert.equal(d.source?.url, `${base}/article`);
  assert.equal(d.source?.publisher, '上海发布');
  assert.match(d.text, /人民信箱/);
  assert.doesNotMatch(d.text, /版权所有|登录/);
  assert.equal(d.original?.type, 'html');
  assert.ok(d.original?.name.endsWith('.html'));
});

test('redirects are followed and source.url is the final address', { timeout: 20_000 }, async () => {
  const d = await fetchUrl(`${base}/redirect`);
  assert.equal(d.source?.url, `${base}/article`);
});

test('a GBK page with charset=gbk is decoded', { timeout: 20_000 }, async () => {
  const d = await fetchUrl(`${base}/gbk`);
  assert.equal(d.text, '社区议事会定于周五下午在居委会召开，请居民代表准时参加。');
  assert.equal(d.encoding, 'gbk');
});

test('a PDF served as application/pdf is parsed as PDF', { timeout: 60_000 }, async () => {
  const d = await fetchUrl(`${base}/doc.pdf`);
  assert.equal(d.text, '网上的政策文件');
  assert.equal(d.original?.type, 'pdf');
});

test('slow response → URL_TIMEOUT with a short timeout', { timeout: 10_000 }, async () => {
  const t0 = Date.now();
  await assert.rejects(fetchUrl(`${base}/slow`, { timeoutMs: 300 }), isCode('URL_TIMEOUT'));
  assert.ok(Date.now() - t0 < 2000);
});

test('huge body → URL_TOO_LARGE while streaming, and from Content-Length', { timeout: 20_000 }, async () => {
  await assert.rejects(fetchUrl(`${base}/huge`, { maxBytes: 100_000 }), isCode('URL_TOO_LARGE'));
  await assert.rejects(fetchUrl(`${base}/big-declared`, { maxBytes: 100_000 }), isCode('URL_TOO_LARGE'));
});

test('404 → URL_HTTP_ERROR; redirect loop → URL_HTTP_ERROR; redirect to file: → URL_FORBIDDEN', { timeout: 20_000 }, async () => {
  await assert.rejects(fetchUrl(`${base}/missing`), (e: unknown) => isCode('URL_HTTP_ERROR')(e) && /404/.test((e as Error).message));
  await assert.rejects(fetchUrl(`${base}/loop`), isCode('URL_HTTP_ERROR'));
  await assert.rejects(fetchUrl(`${base}/to-file`), isCode('URL_FORBIDDEN'));
});

test('invalid addresses and non-http schemes are refused before any request', { timeout: 10_000 }, async () => {
  await assert.rejects(fetchUrl('not a url'), isCode('URL_INVALID'));
  await assert.rejects(fetchUrl(''), isCode('URL_INVALID'));
  for (const u of ['file:///etc/passwd', 'ftp://example.com/a', 'javascript:alert(1)', 'data:text/html,<p>x</p>']) {
    await assert.rejects(fetchUrl(u), isCode('URL_FORBIDDEN'), u);
  }
});

test('connection refused → URL_HTTP_ERROR', { timeout: 10_000 }, async () => {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  await assert.rejects(fetchUrl(`http://127.0.0.1:${port}/`), isCode('URL_HTTP_ERROR'));
});

test('classifies loopback, private, link-local, CGNAT, multicast and v4-mapped addresses as non-public, and public ones as public', () => {
  for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.5', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1']) {
    assert.equal(isNonPublicAddress(a), true, a);
  }
  for (const a of ['8.8.8.8', '202.108.22.5', '1.1.1.1', '2400:3200::1', '::ffff:8.8.8.8']) assert.equal(isNonPublicAddress(a), false, a);
});

test('with allowPrivate false, refuses loopback, private and metadata addresses (by IP or by name) with a Chinese error and never connects', async () => {
  let hits = 0;
  server.once('request', () => { hits++; });
  for (const u of [`${base}/article`, base.replace('127.0.0.1', 'localhost') + '/article', 'http://[::1]:9/x', 'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/']) {
    await assert.rejects(fetchUrl(u, { allowPrivate: false, timeoutMs: 2000 }), (e: unknown) => isCode('URL_FORBIDDEN')(e) && /内网或本机/.test((e as Error).message), u);
  }
  assert.equal(hits, 0);
  // the default (one researcher's own machine) still fetches intranet pages
  assert.match((await fetchUrl(`${base}/article`)).text, /\p{Script=Han}/u);
});
