import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { caseText, injectJob, makeTestApp, multipart, waitForJob, type TestApp } from '../testing.js';

describe('import API', () => {
  let t: TestApp;
  before(async () => { t = await makeTestApp(); });
  after(async () => t.close());

  const upload = (files: { name: string; bytes: Buffer | string }[], fields: Record<string, string> = {}) => {
    const m = multipart(files, fields);
    return t.app.inject({ method: 'POST', url: '/api/import', payload: m.payload, headers: m.headers });
  };

  it('queues an upload (202), imports good files and explains bad ones in Chinese', async () => {
    const files = [
      { name: '宝山案例.txt', bytes: caseText(1) },
      { name: 'gbk.txt', bytes: iconv.encode(caseText(2, '浙江省杭州市'), 'gbk') },
      { name: 'notes.md', bytes: `# 枫桥经验的新实践\n\n${caseText(3, '浙江省诸暨市')}` },
      { name: 'page.html', bytes: `<!doctype html><html><head><meta charset="utf-8"><title>接诉即办</title></head><body><nav>首页</nav><article><h1>北京接诉即办</h1><p>${caseText(4, '北京市东城区')}</p><p>${caseText(5, '北京市东城区')}</p></article></body></html>` },
      { name: 'empty.txt', bytes: Buffer.alloc(0) },
      { name: 'binary.txt', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...Array(200).fill(0)]) },
    ];
    const r = await upload(files, { category: '实践案例' });
    assert.equal(r.statusCode, 202, r.body);
    const queued = r.json();
    assert.ok(['queued', 'running', 'done'].includes(queued.state));
    assert.equal(queued.kind, 'import');
    const job = await waitForJob(injectJob(t.app), queued.id);
    assert.equal(job.state, 'done');
    assert.equal(job.total, 6);
    assert.equal(job.done, 6);
    assert.equal(job.imported, 4, JSON.stringify(job.errors));
    assert.equal(job.failed, 2);
    const byItem = new Map(job.errors.map((e) => [e.item, e]));
    assert.equal(byItem.get('empty.txt')?.code, 'EMPTY_FILE');
    assert.equal(byItem.get('binary.txt')?.code, 'BINARY_FILE');
    for (const e of job.errors) assert.match(e.message, /[\u4e00-\u9fff]/, 'errors are explained in Chinese');

    assert.equal(job.results.find((x) => x.item === 'page.html')?.title, '接诉即办', 'a result names the document\'s title beside the file');
    const gbk = job.results.find((x) => x.item === 'gbk.txt')!;
    const doc = (await t.app.inject(`/api/documents/${gbk.documentId}`)).json();
    assert.match(doc.text, /浙江省杭州市/, 'GBK decoded');
    assert.equal(doc.category, '实践案例');

    // the original bytes come back with the exact Chinese file name
    const txt = job.results.find((x) => x.item === '宝山案例.txt')!;
    const o = await t.app.inject(`/api/documents/${txt.documentId}/original`);
    assert.equal(o.statusCode, 200);
    assert.equal(o.rawPayload.toString('utf8'), caseText(1));
    assert.match(String(o.headers['content-disposition']), /filename\*=UTF-8''%E5%AE%9D%E5%B1%B1%E6%A1%88%E4%BE%8B\.txt/);
  });

  it('imports a batch row whose date cannot be read, undated, and says so in its result', async () => {
    const r = await upload([{ name: 'dates.csv', bytes: `标题,正文,发布日期\n日期待补的案例,"${caseText(7).replace(/"/g, '""')}",2019-13-45\n` }]);
    const job = await waitForJob(injectJob(t.app), r.json().id);
    assert.equal(job.imported, 1, JSON.stringify(job.errors));
    assert.equal(job.results[0].row, 2);
    assert.match(job.results[0].message ?? '', /发布日期「2019-13-45」无法识别/);
    const doc = (await t.app.inject(`/api/documents/${job.results[0].documentId}`)).json();
    assert.equal(doc.source.publishedAt, undefined);
  });

  it('counts a second upload of the same files as duplicates', async () => {
    const r = await upload([{ name: 'again.txt', bytes: caseText(1) }]);
    const job = await waitForJob(injectJob(t.app), r.json().id);
    assert.equal(job.duplicates, 1);
    assert.equal(job.results[0].status, 'duplicate');
    assert.match(job.results[0].message ?? '', /已跳过/);
  });

  it('reports progress while a job runs', async () => {
    const files = Array.from({ length: 12 }, (_, i) => ({ name: `p${i}.txt`, bytes: caseText(100 + i, '四川省成都市') }));
    const r = await upload(files);
    const seen = new Set<number>();
    let job = r.json();
    while (job.state !== 'done' && job.state !== 'failed') {
      seen.add(job.done);
      await new Promise((res) => setTimeout(res, 20));
      job = (await t.app.inject(`/api/jobs/${job.id}`)).json();
    }
    assert.equal(job.imported, 12);
    assert.equal(job.total, 12);
    assert.ok([...seen].some((n) => n > 0 && n < 12) || seen.size >= 1, 'progress is readable before the end');
  });

  it('refuses requests without files, bad mappings and non-multipart bodies with 4xx JSON', async () => {
    const none = await upload([], { category: 'x' });
    assert.equal(none.statusCode, 400);
    assert.match(none.json().message, /没有收到文件/);
    const badMap = await upload([{ name: 'a.csv', bytes: 'a,b\n1,2\n' }], { mapping: '{oops' });
    assert.equal(badMap.statusCode, 400);
    assert.match(badMap.json().message, /mapping/);
    const json = await t.app.inject({ method: 'POST', url: '/api/import', payload: { files: [] } });
    assert.equal(json.statusCode, 415);
    assert.ok(json.json().code && json.json().message);
    const unknownJob = await t.app.inject('/api/jobs/nope');
    assert.equal(unknownJob.statusCode, 404);
  });

  it('queues a URL import and refuses non-http addresses', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/import/url', payload: { url: 'file:///etc/passwd' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /http/);
    const garbage = await t.app.inject({ method: 'POST', url: '/api/import/url', payload: { url: 'not a url' } });
    assert.equal(garbage.statusCode, 400);
    // an unreachable local port: the job fails the item with a Chinese message, the server stays up
    const r = await t.app.inject({ method: 'POST', url: '/api/import/url', payload: { url: 'http://127.0.0.1:9/none' } });
    assert.equal(r.statusCode, 202);
    const job = await waitForJob(injectJob(t.app), r.json().id);
    assert.equal(job.failed, 1);
    assert.match(job.errors[0].message, /[\u4e00-\u9fff]/);
  });
});

describe('import API size cap', () => {
  let t: TestApp;
  before(async () => {
    process.env.ZHIZHI_MAX_FILE_MB = '1';
    t = await makeTestApp();
    delete process.env.ZHIZHI_MAX_FILE_MB;
  });
  after(async () => t.close());

  it('fails only the file over ZHIZHI_MAX_FILE_MB and imports the rest of the batch', async () => {
    const big = Buffer.from(caseText(7).repeat(Math.ceil(1.5 * 1024 * 1024 / Buffer.byteLength(caseText(7)))));
    const m = multipart([{ name: 'big.txt', bytes: big }, { name: 'small.txt', bytes: caseText(8) }]);
    const r = await t.app.inject({ method: 'POST', url: '/api/import', payload: m.payload, headers: m.headers });
    assert.equal(r.statusCode, 202, r.body);
    const job = await waitForJob(injectJob(t.app), r.json().id);
    assert.equal(job.imported, 1);
    assert.equal(job.failed, 1);
    assert.equal(job.errors[0].item, 'big.txt');
    assert.equal(job.errors[0].code, 'TOO_LARGE');
    assert.match(job.errors[0].message, /过大/);
  });
});
