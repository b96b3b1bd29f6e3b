// Malformed and hostile inputs: each must end in its own IngestError code with a Chinese message — never
// a crash, a hang or an untyped exception.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { IngestError, type IngestErrorCode } from './errors.js';
import { parseBuffer, parsePath } from './parse.js';
import { makeDocx, makeZip } from './testing/zip.js';
import { makePdf } from './testing/pdf.js';
import { PARAGRAPH } from './testing/texts.js';

function random(n: number, seed = 42, lo = 0, span = 256): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = lo + ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % span);
  return b;
}
const goodDocx = makeDocx(['宝山区社区治理', '正文。']);
const goodPdf = makePdf({ pages: [['宝山区社区治理']] });
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), random(200)]);

/** [what, file name, bytes, expected code, options]. */
const CASES: Array<[string, string, Buffer, IngestErrorCode, { maxBytes?: number }?]> = [
  ['empty file', 'empty.txt', Buffer.alloc(0), 'EMPTY_FILE'],
  ['whitespace only', 'blank.txt', Buffer.from(' \n\t\r\n　 \n'), 'EMPTY_FILE'],
  ['random binary named .txt', 'random.txt', random(4096), 'BINARY_FILE'],
  ['PNG named .txt', 'photo.txt', PNG, 'BINARY_FILE'],
  ['binary named .md', 'notes.md', Buffer.concat([Buffer.from('# 标题\n'), Buffer.alloc(64), random(100)]), 'BINARY_FILE'],
  ['truncated .docx', 'cut.docx', goodDocx.subarray(0, goodDocx.length - 40), 'CORRUPT_DOCX'],
  ['zip that is not a docx', 'fake.docx', makeZip([{ name: 'data/readme.txt', data: '你好' }]), 'CORRUPT_DOCX'],
  ['plain text named .docx', 'text.docx', Buffer.from('这其实是一段文字'), 'CORRUPT_DOCX'],
  ['docx whose document.xml is invalid XML', 'badxml.docx', makeDocx([], { documentXml: '<?xml version="1.0"?><w:document><w:body><w:p><w:t>未闭合' }), 'CORRUPT_DOCX'],
  ['zip bomb disguised as .docx', 'bomb.docx', makeZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/document.xml', data: Buffer.alloc(2 << 20), declaredSize: 4_000_000_000 }]), 'ZIP_BOMB'],
  ['truncated .pdf', 'cut.pdf', goodPdf.subarray(0, goodPdf.length >> 1), 'CORRUPT_PDF'],
  ['garbage named .pdf', 'junk.pdf', random(3000, 9), 'CORRUPT_PDF'],
  ['encrypted PDF', 'locked.pdf', makePdf({ encrypt: true, font: 'helvetica', pages: [['secret']] }), 'ENCRYPTED_PDF'],
  ['PDF without a text layer (scan)', 'scan.pdf', makePdf({ noText: true, pages: [[], []] }), 'PDF_NO_TEXT'],
  ['scanned PDF whose text layer is page numbers only', 'scan-numbered.pdf', makePdf({ pages: [['- 1 -'], ['- 2 -'], ['- 3 -'], ['- 4 -']] }), 'PDF_NO_TEXT'],
  ['HTML nested 8,000 levels deep (Readability would run for minutes)', 'nested.html', Buffer.from('<div>'.repeat(8000) + '正文'.repeat(50) + '</div>'.repeat(8000)), 'BAD_HTML'],
  ['HTML with only scripts', 'scripts.html', Buffer.from('<html><head><script>alert("正文")</script></head><body><script>x()</script><noscript>请启用 JavaScript</noscript></body></html>'), 'BAD_HTML'],
  ['file over the size cap', 'big.txt', Buffer.from('正文'.repeat(600)), 'TOO_LARGE', { maxBytes: 1000 }],
  ['unsupported extension .exe', 'setup.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]), 'UNSUPPORTED_TYPE'],
  ['unsupported extension .xlsx', 'table.xlsx', makeZip([{ name: 'xl/workbook.xml', data: '<x/>' }]), 'UNSUPPORTED_TYPE'],
  ['old binary .doc', 'old.doc', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), random(500)]), 'UNSUPPORTED_TYPE'],
  ['a .zip archive', 'batch.zip', makeZip([{ name: 'a.txt', data: '正文' }]), 'UNSUPPORTED_TYPE'],
  ['file name that is only control characters', '\u0000\u0001\u202e', Buffer.from('正文'), 'BAD_FILENAME'],
  ['file name that is only a traversal', '../../', Buffer.from('正文'), 'BAD_FILENAME'],
  ['mixed-encoding garbage (GBK + UTF-8 in one file)', 'mixed.txt', Buffer.concat([iconv.encode(`${PARAGRAPH}\n`, 'gbk'), Buffer.from(`${PARAGRAPH}\n`)]), 'ENCODING_UNKNOWN'],
  ['high bytes that are no encoding', 'noise.txt', random(5000, 3, 0x80, 0x80), 'ENCODING_UNKNOWN'],
  ['whitespace-only JSONL', 'rows.jsonl', Buffer.from('\n\n  \n'), 'EMPTY_FILE'],
  ['CSV with a header only', 'head.csv', Buffer.from('title,text\n'), 'BAD_CSV'],
];

for (const [what, name, bytes, expected, opts] of CASES) {
  test(`${what} → ${expected}`, { timeout: 60_000 }, async () => {
    await assert.rejects(parseBuffer(name, bytes, opts), (e: unknown) => {
      assert.ok(e instanceof IngestError, `not an IngestError: ${String(e)}`);
      assert.equal(e.code, expected, e.message);
      assert.match(e.message, /[\u4e00-\u9fff]{4}/, 'message in Chinese');
      return true;
    });
  });
}

const rowCases: Array<[string, string, string, IngestErrorCode]> = [
  ['CSV with broken quoting', 'q.csv', 'title,text\na,"好的一行"\nb,"没有闭合的引号\nc,正文\n', 'BAD_CSV'],
  ['JSONL with invalid lines', 'r.jsonl', '{"text":"好的一行"}\n{"text": 未加引号}\n{"text":"又一行"}\n', 'BAD_JSONL_LINE'],
  ['JSONL rows missing text', 'm.jsonl', '{"text":"好的一行"}\n{"title":"只有标题"}\n', 'MISSING_TEXT_FIELD'],
];
for (const [what, name, body, expected] of rowCases) {
  test(`${what} → per-row ${expected}, good rows kept`, { timeout: 60_000 }, async () => {
    const r = await parseBuffer(name, Buffer.from(body));
    assert.ok(r.docs.length >= 1);
    assert.equal(r.docs[0].text, '好的一行');
    assert.ok(r.errors.length >= 1);
    for (const e of r.errors) {
      assert.equal(e.code, expected);
      assert.match(e.item ?? '', new RegExp(`^${name.replace('.', '\\.')}#\\d+$`));
    }
  });
}

test('UTF-16LE without BOM is decoded, not refused', { timeout: 60_000 }, async () => {
  const text = 'Neighbourhood council minutes, 2023.\nResidents discussed parking and waste sorting.';
  const r = await parseBuffer('minutes.txt', iconv.encode(text, 'utf-16le'));
  assert.equal(r.docs[0].encoding, 'utf-16le');
  assert.equal(r.docs[0].text, text);
});

test('hostile names are sanitised in item and original.name', { timeout: 60_000 }, async () => {
  const r = await parseBuffer('../../etc/\u202Etxt.exe\u0000.txt', Buffer.from('正文内容。'));
  assert.equal(r.docs[0].item, 'txt.exe.txt');
  assert.equal(r.docs[0].original?.name, 'txt.exe.txt');
  const long = await parseBuffer(`${'名'.repeat(500)}.txt`, Buffer.from('正文内容。'));
  assert.ok([...long.docs[0].item].length <= 120);
  const con = await parseBuffer('CON.txt', Buffer.from('正文内容。'));
  assert.equal(con.docs[0].item, '_CON.txt');
});

test('a 5 MB single-line text is parsed in reasonable time', { timeout: 60_000 }, async () => {
  const line = '社区治理'.repeat(437_000); // ≈ 5.2 MB of UTF-8 on one line
  const t0 = Date.now();
  const r = await parseBuffer('one-line.txt', Buffer.from(line));
  assert.equal(r.docs[0].text.length, line.length);
  assert.equal(r.docs[0].title, 'one-line');
  assert.ok(Date.now() - t0 < 10_000);
});

test('a page with more elements than Readability may score is still read, by block-text extraction', { timeout: 60_000 }, async () => {
  const para = '<p>社区议事会每月召开，居民代表讨论公共事务并形成决议。</p>';
  const html = '<html><body>' + ('<div><span>' + para + '</span></div>').repeat(8000) + '</body></html>';
  const { docs } = await parseBuffer('wide.html', Buffer.from(html));
  assert.ok(docs[0].text.includes('社区议事会'));
  assert.ok(docs[0].text.length > 100_000);
});

test('a .docx that is really a PDF is parsed as PDF; a .txt that is really a web page as HTML', { timeout: 60_000 }, async () => {
  const r = await parseBuffer('misnamed.docx', makePdf({ font: 'helvetica', pages: [['Actually a PDF']] }));
  assert.equal(r.docs[0].format, 'pdf');
  assert.equal(r.docs[0].text, 'Actually a PDF');
  const h = await parseBuffer('page.txt', Buffer.from('<!DOCTYPE html><html><body><nav>首页 登录</nav><p>社区议事会于周五召开。</p></body></html>'));
  assert.equal(h.docs[0].format, 'html');
  assert.equal(h.docs[0].text, '社区议事会于周五召开。');
});

test('a folder of good and bad files returns every good document and one error per bad file', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhizhi-ingest-'));
  try {
    const good: Array<[string, Buffer]> = [
      ['a.txt', Buffer.from('甲文档\n正文一。')], ['b.md', Buffer.from('# 乙文档\n正文二。')], ['c.docx', goodDocx],
      ['d.pdf', makePdf({ pages: [['丙文档']] })], ['e.html', Buffer.from('<p>丁文档正文。</p>')], ['f.txt', iconv.encode('戊文档\n社区治理。', 'gbk')],
    ];
    const bad = CASES.filter(([, n]) => !/^[\u0000-\u001f\u202e./]+$/.test(n)).filter(([, , , , o]) => !o);
    for (const [n, b] of good) writeFileSync(join(dir, n), b);
    bad.forEach(([, n, b], i) => writeFileSync(join(dir, `bad${String(i).padStart(2, '0')}-${n}`), b));
    const r = await parsePath(dir, { maxBytes: 10 * 1024 * 1024 });
    assert.deepEqual(r.docs.map((d) => d.item).sort(), good.map(([n]) => n).sort());
    assert.equal(r.errors.length, bad.length);
    assert.deepEqual(r.errors.map((e) => e.code), bad.map(([, , , c]) => c));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
