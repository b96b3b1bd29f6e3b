import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerWebUi } from './static.js';

describe('web UI files', () => {
  let app: FastifyInstance;
  let dir: string;
  const script = `console.log(${JSON.stringify('治知'.repeat(500))});`;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhizhi-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>治知</title><script src="/assets/app-3f9a.js"></script>');
    writeFileSync(join(dir, 'assets', 'app-3f9a.js'), script);
    writeFileSync(join(dir, 'assets', 'app-3f9a.js.br'), brotliCompressSync(script));
    app = Fastify();
    await registerWebUi(app, dir);
  });
  after(async () => { await app.close(); rmSync(dir, { recursive: true, force: true }); });

  it('sends a hashed script compressed to a browser that accepts brotli, and lets it keep the file for good', async () => {
    const r = await app.inject({ url: '/assets/app-3f9a.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(r.rawPayload).toString(), script);
    assert.match(String(r.headers['cache-control']), /max-age=31536000, immutable/);
    const plain = await app.inject({ url: '/assets/app-3f9a.js', headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, script, 'the file itself to a browser that does not');
  });

  it('has the page that names the current scripts asked for again every time, also as a client-side route', async () => {
    for (const url of ['/', '/search?q=%E7%A4%BE%E5%8C%BA']) {
      const r = await app.inject(url);
      assert.equal(r.statusCode, 200, url);
      assert.equal(r.headers['cache-control'], 'no-cache', url);
      assert.match(r.body, /app-3f9a\.js/);
    }
    assert.equal((await app.inject('/assets/gone-1234.js')).statusCode, 404);
  });
});
