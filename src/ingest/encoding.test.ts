import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { decodeText, sniffMagic } from './encoding.js';
import { IngestError } from './errors.js';
import { PARAGRAPH, SHORT } from './testing/texts.js';


test('UTF-8 without BOM is detected and decoded exactly (long and short)', () => {
  for (const t of [PARAGRAPH, SHORT]) assert.deepEqual(decodeText(Buffer.from(t)), { text: t, encoding: 'utf-8' });
});

test('UTF-8 BOM is recognised and not part of the text', () => {
  const b = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SHORT)]);
  assert.deepEqual(decodeText(b), { text: SHORT, encoding: 'utf-8-bom' });
});

test('UTF-16LE and UTF-16BE with BOM decode exactly', () => {
  for (const enc of ['utf-16le', 'utf-16be'] as const) {
    for (const t of [PARAGRAPH, SHORT]) {
      const b = iconv.encode(t, enc, { addBOM: true });
      assert.deepEqual(decodeText(b), { text: t, encoding: enc });
    }
  }
});

test('UTF-16LE/BE without BOM are recognised by their NUL pattern (mostly ASCII text)', () => {
  const t = 'Community governance report 2023 社区治理\nLine two of the report.';
  assert.deepEqual(decodeText(iconv.encode(t, 'utf-16le')), { text: t, encoding: 'utf-16le' });
  assert.deepEqual(decodeText(iconv.encode(t, 'utf-16be')), { text: t, encoding: 'utf-16be' });
});

test('UTF-16LE without BOM and without any ASCII (pure Chinese) is recognised by scoring', () => {
  const r = decodeText(iconv.encode(PARAGRAPH.replace(/[\d.]/g, '').replace(/[ -~]/g, ''), 'utf-16le'));
  assert.equal(r.encoding, 'utf-16le');
});

test('GBK is detected for a long paragraph and for a 10-character text', () => {
  for (const t of [PARAGRAPH, SHORT]) assert.deepEqual(decodeText(iconv.encode(t, 'gbk')), { text: t, encoding: 'gbk' });
});

test('GB18030 text with characters beyond GBK (four-byte sequences) is decoded as gb18030', () => {
  const t = `${PARAGRAPH}㐀𠀀`;
  assert.deepEqual(decodeText(iconv.encode(t, 'gb18030')), { text: t, encoding: 'gb18030' });
  const short = '社区𠀀治理';
  assert.deepEqual(decodeText(iconv.encode(short, 'gb18030')), { text: short, encoding: 'gb18030' });
});

test('Big5 traditional text is detected for a long paragraph and for a short one', () => {
  const trad = '寶山區堅持黨建引領基層治理，推動共建共治共享的社會治理格局不斷完善。各街道鎮依託社區治理學院，培訓居委會幹部和社區志願者，提升基層組織的協商議事能力。群眾來信在二十四小時內得到回應，居民滿意度持續提升。';
  const short = '社區治理創新實踐經驗';
  for (const t of [trad, short]) assert.deepEqual(decodeText(iconv.encode(t, 'big5')), { text: t, encoding: 'big5' });
});

test('binary input is refused with BINARY_FILE: NULs, control characters, magic numbers', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  const ctrl = Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)));
  const nul = Buffer.from('abc\u0000\u0000\u0000def\u0001xyz\u0000');
  for (const b of [png, ctrl, nul]) {
    assert.throws(() => decodeText(b), (e: unknown) => e instanceof IngestError && e.code === 'BINARY_FILE' && /二进制/.test(e.message));
  }
  assert.equal(sniffMagic(png)?.type, 'png');
  assert.equal(sniffMagic(Buffer.from('%PDF-1.4\n'))?.type, 'pdf');
  assert.equal(sniffMagic(Buffer.from('MZ is a word here')), undefined);
});

test('random high bytes that are no encoding give ENCODING_UNKNOWN', () => {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 128) + 128;
  const b = Buffer.from(Array.from({ length: 3001 }, rnd));
  assert.throws(() => decodeText(b), (e: unknown) => e instanceof IngestError && e.code === 'ENCODING_UNKNOWN');
});

test('Windows-1252 Western text is decoded, not refused', () => {
  const t = 'Café société à Zürich: la participation citoyenne et la gouvernance communautaire sont très développées. Bürgerbeteiligung für alle Menschen in der Gemeinde, naïve façade.';
  const r = decodeText(iconv.encode(t, 'windows-1252'));
  assert.equal(r.text, t);
});
