import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { caseText, makeTestApp, type TestApp } from '../testing.js';

describe('collections API', () => {
  let t: TestApp;
  const ids: string[] = [];
  before(async () => {
    t = await makeTestApp({ startWorker: false });
    for (let i = 1; i <= 3; i++) ids.push((await t.app.inject({ method: 'POST', url: '/api/documents', payload: { text: caseText(i) } })).json().id);
  });
  after(async () => t.close());

  it('creates, reads, lists, patches, appends and deletes a collection', async () => {
    const c = await t.app.inject({ method: 'POST', url: '/api/collections', payload: { name: '  社区治理案例  ', description: '宝山', items: [{ documentId: ids[0], note: '重点' }] } });
    assert.equal(c.statusCode, 201, c.body);
    const col = c.json();
    assert.equal(col.name, '社区治理案例');
    assert.deepEqual(col.items.map((i: { documentId: string; note: string }) => [i.documentId, i.note]), [[ids[0], '重点']]);
    assert.ok(col.items[0].title && col.items[0].category, 'items carry title and category');

    const list = (await t.app.inject('/api/collections')).json();
    assert.deepEqual(list.items.map((x: { id: string; count: number }) => [x.id, x.count]), [[col.id, 1]]);

    const add = await t.app.inject({ method: 'POST', url: `/api/collections/${col.id}/items`, payload: { documentId: ids[1], note: '对照' } });
    assert.equal(add.statusCode, 200);
    assert.deepEqual(add.json().items.map((i: { documentId: string }) => i.documentId), [ids[0], ids[1]]);

    const p = await t.app.inject({ method: 'PATCH', url: `/api/collections/${col.id}`, payload: { name: '改名', items: [{ documentId: ids[2] }, { documentId: ids[0], note: 'n' }] } });
    assert.equal(p.statusCode, 200, p.body);
    assert.equal(p.json().name, '改名');
    assert.deepEqual(p.json().items.map((i: { documentId: string; position: number }) => [i.documentId, i.position]), [[ids[2], 0], [ids[0], 1]]);

    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/collections/${col.id}` })).statusCode, 204);
    assert.equal((await t.app.inject(`/api/collections/${col.id}`)).statusCode, 404);
    assert.equal((await t.app.inject(`/api/documents/${ids[0]}`)).statusCode, 200, 'documents stay');
  });

  it('rejects empty names, unknown documents and unknown collections', async () => {
    const empty = await t.app.inject({ method: 'POST', url: '/api/collections', payload: { name: '   ' } });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.json().message, /不能为空/);
    const unknownDoc = await t.app.inject({ method: 'POST', url: '/api/collections', payload: { name: 'x', items: [{ documentId: 'nope' }] } });
    assert.equal(unknownDoc.statusCode, 404);
    const unknown = await t.app.inject({ method: 'PATCH', url: '/api/collections/nope', payload: { name: 'y' } });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().code, 'NOT_FOUND');
    const c = (await t.app.inject({ method: 'POST', url: '/api/collections', payload: { name: 'z' } })).json();
    const badItem = await t.app.inject({ method: 'POST', url: `/api/collections/${c.id}/items`, payload: { documentId: 'nope' } });
    assert.equal(badItem.statusCode, 404);
  });
});
