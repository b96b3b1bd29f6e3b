import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IngestError } from './errors.js';
import { defaultMaxBytes, parseBuffer, parsePastedText, parsePath, walkPaths } from './parse.js';

const isCode = (c: string) => (e: unknown) => e instanceof IngestError && e.code === c;

test('parseBuffer keeps the original bytes with sha256, size, type and encoding; category option applies', async () => {
  const bytes = Buffer.from('社区治理\n正文。');
  const r = await parseBuffer('a.txt', bytes, { category: '调研报告' });
  assert.equal(r.errors.length, 0);
  const d = r.docs[0];
  assert.equal(d.item, 'a.txt');
  assert.equal(d.format, 'txt');
  assert.equal(d.category, '调研报告');
  assert.deepEqual({ ...d.original, bytes: undefined }, {
    name: 'a.txt', bytes: undefined, type: 'txt', sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, encoding: 'utf-8',
  });
});

test('batch rows have no original and take the default category when they name none', async () => {
  const r = await parseBuffer('rows.jsonl', Buffer.from('{"text":"一","category":"政策文件"}\n{"text":"二"}\n'), { category: '其他' });
  assert.deepEqual(r.docs.map((d) => [d.category, d.original]), [['政策文件', undefined], ['其他', undefined]]);
});

test('ZHIZHI_MAX_FILE_MB sets the default cap', () => {
  const old = process.env.ZHIZHI_MAX_FILE_MB;
  try {
    delete process.env.ZHIZHI_MAX_FILE_MB;
    assert.equal(defaultMaxBytes(), 50 * 1024 * 1024);
    process.env.ZHIZHI_MAX_FILE_MB = '2';
    assert.equal(defaultMaxBytes(), 2 * 1024 * 1024);
  } finally {
    if (old === undefined) delete process.env.ZHIZHI_MAX_FILE_MB; else process.env.ZHIZHI_MAX_FILE_MB = old;
  }
});

test('parsePath: missing path → NOT_FOUND; oversized file refused from its size alone (sparse 3 GB file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhizhi-parse-'));
  try {
    await assert.rejects(parsePath(join(dir, 'nope.txt')), isCode('NOT_FOUND'));
    const big = join(dir, 'huge.txt');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 3 * 1024 ** 3); // reading this would take seconds and 3 GB of memory
    closeSync(fd);
    const t0 = Date.now();
    await assert.rejects(parsePath(big), (e: unknown) => isCode('TOO_LARGE')(e) && /3 GB|3072|MB/.test((e as Error).message));
    assert.ok(Date.now() - t0 < 1000);
    writeFileSync(join(dir, 'ok.md'), '# 标题\n正文。');
    const r = await parsePath(join(dir, 'ok.md'));
    assert.equal(r.docs[0].title, '标题');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('walkPaths: recursive, sorted, skips hidden files, node_modules, lock files and symlink loops', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhizhi-walk-'));
  try {
    mkdirSync(join(dir, 'b/sub'), { recursive: true });
    mkdirSync(join(dir, 'node_modules/x'), { recursive: true });
    mkdirSync(join(dir, '.git'));
    for (const f of ['z.txt', 'a.txt', 'b/sub/c.md', 'b/a.pdf', '.hidden.txt', '~$lock.docx', 'node_modules/x/i.txt', '.git/config']) writeFileSync(join(dir, f), 'x');
    symlinkSync(dir, join(dir, 'b/loop'));
    const got: string[] = [];
    for await (const f of walkPaths([dir, join(dir, '.hidden.txt')])) got.push(f.path.slice(dir.length + 1));
    assert.deepEqual(got, ['a.txt', 'b/a.pdf', 'b/sub/c.md', 'z.txt', '.hidden.txt']);
    await assert.rejects(async () => { for await (const _ of walkPaths([join(dir, 'missing')])) void _; }, isCode('NOT_FOUND'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('parsePastedText: cleaned text, title from option or first line, EMPTY_FILE for blank', () => {
  const d = parsePastedText('宝山区经验\r\n\r\n人民信箱 24小时 回应。');
  assert.equal(d.title, '宝山区经验');
  assert.equal(d.format, 'text');
  assert.equal(d.original, undefined);
  assert.equal(parsePastedText('正文。', { title: ' 自定义标题 ' }).title, '自定义标题');
  assert.throws(() => parsePastedText(' \n '), isCode('EMPTY_FILE'));
});

test('an upload cut at the cap (cap + 1 bytes) is too large without a made-up size; a whole oversized buffer names its size', async () => {
  const cut = await parseBuffer('big.txt', Buffer.alloc(1001, 0x41), { maxBytes: 1000 }).then(() => null, (e: Error) => e);
  assert.ok(cut && isCode('TOO_LARGE')(cut));
  assert.doesNotMatch(cut.message, /（/, `no size: ${cut.message}`);
  const whole = await parseBuffer('big.txt', Buffer.alloc(5000, 0x41), { maxBytes: 1000 }).then(() => null, (e: Error) => e);
  assert.match(whole?.message ?? '', /文件过大（/);
});
