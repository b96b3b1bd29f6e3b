import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { COMPARE_FIELDS } from '../../report/compare.js';
import { caseText, makeTestApp, type TestApp } from '../testing.js';

describe('compare API', () => {
  let t: TestApp;
  const ids: string[] = [];
  before(async () => {
    t = await makeTestApp({ startWorker: false });
    for (const place of ['上海市宝山区', '浙江省杭州市', '北京市朝阳区']) {
      ids.push((await t.app.inject({ method: 'POST', url: '/api/documents', payload: { text: caseText(ids.length + 1, place), title: `${place}案例` } })).json().id);
    }
  });
  after(async () => t.close());

  it('builds the comparison matrix as JSON', async () => {
    const r = await t.app.inject(`/api/compare?ids=${ids.join(',')}`);
    assert.equal(r.statusCode, 200, r.body);
    const c = r.json();
    assert.deepEqual(c.documents.map((d: { id: string }) => d.id), ids);
    assert.deepEqual(c.rows.map((x: { field: string }) => x.field), [...COMPARE_FIELDS]);
    for (const row of c.rows) assert.equal(row.cells.length, 3);
    const regions = c.rows.find((x: { field: string }) => x.field === '地区').cells;
    assert.ok(regions[0].some((i: { text: string; spans: unknown[] }) => /上海/.test(i.text) && i.spans.length > 0), JSON.stringify(regions[0]));
  });

  it('exports CSV with a BOM and Markdown as attachments', async () => {
    const csv = await t.app.inject(`/api/compare/export?ids=${ids.slice(0, 2).join(',')}&format=csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv; charset=utf-8/);
    assert.match(String(csv.headers['content-disposition']), /^attachment; .*filename\*=UTF-8''/);
    assert.ok(csv.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'UTF-8 BOM');
    assert.match(csv.body, /字段,上海市宝山区案例,浙江省杭州市案例\r\n/);
    const md = await t.app.inject(`/api/compare/export?ids=${ids.slice(0, 2).join(',')}&format=md`);
    assert.equal(md.statusCode, 200);
    assert.match(String(md.headers['content-type']), /text\/markdown/);
    assert.match(md.body, /^\| 字段 \| 上海市宝山区案例 \| 浙江省杭州市案例 \|\n\| --- \| --- \| --- \|\n/);
  });

  it('needs 2–5 existing documents', async () => {
    const one = await t.app.inject(`/api/compare?ids=${ids[0]}`);
    assert.equal(one.statusCode, 400);
    assert.match(one.json().message, /2–5/);
    const six = await t.app.inject(`/api/compare?ids=${[...ids, 'a', 'b', 'c'].join(',')}`);
    assert.equal(six.statusCode, 400);
    const missing = await t.app.inject(`/api/compare?ids=${ids[0]},nope`);
    assert.equal(missing.statusCode, 404);
    assert.equal((await t.app.inject('/api/compare')).statusCode, 400);
    assert.equal((await t.app.inject(`/api/compare/export?ids=${ids[0]},${ids[1]}&format=xls`)).statusCode, 400);
  });
});
