import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeTestApp, type TestApp } from './testing.js';
import { contentDisposition, sanitiseFileName } from './http.js';

describe('server app', () => {
  let t: TestApp;
  before(async () => { t = await makeTestApp(); });
  after(async () => t.close());

  it('answers the health check', async () => {
    const r = await t.app.inject('/api/health');
    assert.equal(r.statusCode, 200);
    assert.deepEqual(r.json(), { status: 'ok' });
  });

  it('publishes an OpenAPI 3 document listing every API route, generated from the route schemas', async () => {
    const r = await t.app.inject('/api/docs/json');
    assert.equal(r.statusCode, 200);
    const doc = r.json();
    assert.match(doc.openapi, /^3\./);
    const paths = Object.keys(doc.paths);
    const expected: [string, string][] = [
      ['get', '/api/health'], ['get', '/api/documents'], ['post', '/api/documents'], ['get', '/api/documents/{id}'],
      ['patch', '/api/documents/{id}'], ['delete', '/api/documents/{id}'], ['post', '/api/documents/{id}/analyze'],
      ['get', '/api/documents/{id}/similar'], ['get', '/api/documents/{id}/matches'], ['get', '/api/documents/{id}/cluster'], ['get', '/api/documents/{id}/original'],
      ['post', '/api/documents/bulk'], ['post', '/api/import'], ['post', '/api/import/url'], ['get', '/api/jobs/{id}'],
      ['get', '/api/search'], ['get', '/api/search/export'], ['get', '/api/suggest'], ['get', '/api/collections'], ['post', '/api/collections'],
      ['get', '/api/collections/{id}'], ['patch', '/api/collections/{id}'], ['post', '/api/collections/{id}/items'],
      ['delete', '/api/collections/{id}'], ['get', '/api/compare'], ['get', '/api/compare/export'], ['get', '/api/stats'],
      ['get', '/api/settings'], ['put', '/api/settings/categories'], ['get', '/api/lexicon'], ['post', '/api/lexicon'],
      ['get', '/api/backup'], ['post', '/api/auth/login'],
    ];
    for (const [method, path] of expected) assert.ok(doc.paths[path]?.[method], `${method.toUpperCase()} ${path} is documented (have: ${paths.join(' ')})`);
    // generated from zod: the document schema carries the domain fields
    const created = doc.paths['/api/documents'].post.responses['201'].content['application/json'].schema;
    assert.ok(created.properties.analyses && created.properties.textHash);
    assert.ok(doc.paths['/api/import'].post.requestBody.content['multipart/form-data']);
  });

  it('serves the API documentation UI', async () => {
    const r = await t.app.inject('/api/docs');
    assert.ok([200, 302].includes(r.statusCode));
    let page = r;
    for (let i = 0; i < 3 && page.statusCode === 302; i++) {
      const loc = String(page.headers.location);
      page = await t.app.inject(loc.startsWith('/') ? loc : `/api/docs/${loc.replace(/^\.\//, '')}`);
    }
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /swagger/i);
  });

  it('answers unknown API routes with a JSON 404 {code, message}', async () => {
    for (const [method, url] of [['GET', '/api/nope'], ['POST', '/api/documents/x/nothing'], ['GET', '/api']] as const) {
      const r = await t.app.inject({ method, url });
      assert.equal(r.statusCode, 404, url);
      assert.match(String(r.headers['content-type']), /application\/json/);
      assert.equal(r.json().code, 'NOT_FOUND');
      assert.match(r.json().message, /接口不存在/);
    }
  });

  it('gives a 400 with a Chinese message for invalid parameters and bodies', async () => {
    const a = await t.app.inject('/api/documents?limit=abc');
    assert.equal(a.statusCode, 400);
    assert.equal(a.json().code, 'BAD_REQUEST');
    assert.match(a.json().message, /查询参数不合法.*limit/);
    const b = await t.app.inject({ method: 'POST', url: '/api/documents', payload: { title: 't' } });
    assert.equal(b.statusCode, 400);
    assert.match(b.json().message, /缺少必填字段 text/);
    const c = await t.app.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': 'application/json' }, payload: '{"text": ' });
    assert.equal(c.statusCode, 400);
    assert.match(c.json().message, /JSON/);
  });

  it('rejects mistyped JSON bodies naming the field, instead of coercing {"text": 123} into a document "123"', async () => {
    for (const [payload, field] of [[{ text: 123 }, 'text'], [{ text: '社区议事会每月召开一次。', title: 5 }, 'title'], [{ text: '社区议事会每月召开。', tags: '标签' }, 'tags']] as const) {
      const r = await t.app.inject({ method: 'POST', url: '/api/documents', payload });
      assert.equal(r.statusCode, 400, r.body);
      assert.match(r.json().message, new RegExp(`请求体不合法：字段 ${field} 类型应为`));
    }
    assert.equal((await t.app.inject('/api/documents')).json().total, 0, 'nothing was stored');
    // query strings are text and still coerced
    assert.equal((await t.app.inject('/api/documents?limit=2&offset=0')).statusCode, 200);
  });

  it('refuses to edit a document\'s text through PATCH instead of answering 200 and dropping it', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/documents', payload: { text: '社区议事会每月召开一次，居民轮流主持。', title: '议事会' } });
    const id = created.json().document?.id ?? created.json().id;
    const r = await t.app.inject({ method: 'PATCH', url: `/api/documents/${id}`, payload: { text: '改写后的正文。', title: '新标题' } });
    assert.equal(r.statusCode, 400, r.body);
    assert.equal(r.json().code, 'TEXT_NOT_EDITABLE');
    const after = (await t.app.inject(`/api/documents/${id}`)).json();
    assert.equal(after.title, '议事会', 'nothing was changed');
    assert.equal((await t.app.inject({ method: 'PATCH', url: `/api/documents/${id}`, payload: { title: '新标题' } })).statusCode, 200);
    await t.app.inject({ method: 'DELETE', url: `/api/documents/${id}` });
  });

  it('answers an undecodable URL and a non-multipart upload with JSON errors in Chinese', async () => {
    const a = await t.app.inject('/api/documents/%E4%ZZ');
    assert.equal(a.statusCode, 400);
    assert.equal(a.json().code, 'BAD_REQUEST');
    assert.match(a.json().message, /无法解码/);
    const b = await t.app.inject({ method: 'POST', url: '/api/import', payload: { files: [] } });
    assert.equal(b.statusCode, 415);
    assert.match(b.json().message, /multipart\/form-data/);
  });

  it('never leaks a stack trace: an internal error becomes a generic 500', async () => {
    const store = t.lib.store as unknown as { getJob: (id: string) => Promise<unknown> };
    const orig = store.getJob;
    store.getJob = async () => { throw new Error('secret detail at /srv/zhizhi/src/store/sqlite/sqlite-store.ts:42'); };
    try {
      const r = await t.app.inject('/api/jobs/abc');
      assert.equal(r.statusCode, 500);
      assert.deepEqual(r.json(), { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' });
      assert.doesNotMatch(r.body, /secret|sqlite-store|at /);
    } finally {
      store.getJob = orig;
    }
  });

  it('serves a Chinese "build the UI" page for non-API paths when web/dist is missing', async () => {
    for (const url of ['/', '/documents/abc']) {
      const r = await t.app.inject(url);
      assert.equal(r.statusCode, 200);
      assert.match(String(r.headers['content-type']), /text\/html/);
      assert.match(r.body, /npm run build:web/);
      assert.match(r.body, /尚未构建/);
    }
  });
});

describe('server app with a built web UI', () => {
  let t: TestApp;
  before(async () => {
    t = await makeTestApp();
    await t.app.close();
    const web = join(t.dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>治知</title><div id="root"></div>');
    writeFileSync(join(web, 'assets', 'app-1.js'), 'console.log(1)');
    const { buildApp } = await import('./app.js');
    t.app = await buildApp({ library: t.lib, teamMode: false, webDist: web, startWorker: false });
  });
  after(async () => t.close());

  it('serves files and falls back to index.html for client-side routes, but not for /api or missing assets', async () => {
    assert.match((await t.app.inject('/')).body, /id="root"/);
    assert.equal((await t.app.inject('/assets/app-1.js')).body, 'console.log(1)');
    const spa = await t.app.inject('/search?q=宝山');
    assert.equal(spa.statusCode, 200);
    assert.match(spa.body, /id="root"/);
    assert.equal((await t.app.inject('/assets/missing.js')).statusCode, 404);
    assert.equal((await t.app.inject('/api/missing')).json().code, 'NOT_FOUND');
  });
});

describe('content disposition', () => {
  it('keeps Chinese names exactly (RFC 5987) with an ASCII fallback and no path or header injection', () => {
    const h = contentDisposition('../../etc/宝山 "案例"\r\nX-Evil: 1.docx');
    assert.doesNotMatch(h, /[\r\n]/);
    assert.match(h, /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    const encoded = h.split("filename*=UTF-8''")[1];
    assert.equal(decodeURIComponent(encoded), '宝山 _案例___X-Evil_ 1.docx');
    assert.equal(sanitiseFileName('..'), 'download');
  });
});
