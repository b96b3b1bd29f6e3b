import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { caseText, makeTestApp, type TestApp } from '../testing.js';

describe('documents API', () => {
  let t: TestApp;
  const create = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/documents', payload });
  before(async () => { t = await makeTestApp({ startWorker: false }); });
  after(async () => t.close());

  it('creates a document (201) and reads it back with its analyses', async () => {
    const r = await create({ text: caseText(1), category: '实践案例', tags: ['社区'], source: { publisher: '人民网', publishedAt: '2024-10-29' } });
    assert.equal(r.statusCode, 201, r.body);
    const d = r.json();
    assert.equal(d.category, '实践案例');
    assert.match(d.title, /全人群/);
    assert.equal(d.analyses.length, 1);
    assert.match(d.analyses[0].producer, /^offline@/);
    const g = await t.app.inject(`/api/documents/${d.id}`);
    assert.equal(g.statusCode, 200);
    assert.equal(g.json().id, d.id);
    assert.equal(g.json().text, d.text);
    assert.ok(Array.isArray(g.json().analyses[0].result.keywords));
  });

  it('says where a search\'s words stand in a document (GET /documents/:id/matches), in traditional writing too', async () => {
    const d = (await create({ text: '本街道推行網格員走訪制度。网格员每周走访独居老人，社区议事会讨论加装电梯。', category: '实践案例' })).json();
    const r = await t.app.inject(`/api/documents/${d.id}/matches?q=${encodeURIComponent('网格员 加装电梯 -物业')}`);
    assert.equal(r.statusCode, 200, r.body);
    const { terms, ranges } = r.json() as { terms: string[]; ranges: [number, number][] };
    assert.deepEqual(terms, ['网格员', '加装电梯']);
    assert.deepEqual(ranges.map(([s, e]) => d.text.slice(s, e)), ['網格員', '网格员', '加装电梯'], 'original text at each range, in order');
    assert.equal((await t.app.inject(`/api/documents/${d.id}/matches`)).statusCode, 400, 'q is required');
    assert.equal((await t.app.inject(`/api/documents/no-such-document/matches?q=a`)).statusCode, 404);
  });

  it('takes source fields written at the top level (publishedAt beside the text) as the source\'s, on create and on edit, instead of dropping them', async () => {
    const r = await create({ text: caseText(7), publishedAt: '2021-05-01', publisher: '人民网', source: { url: 'https://example.org/a', publisher: '新华网' } });
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual(r.json().source, { authors: [], url: 'https://example.org/a', publisher: '新华网', publishedAt: '2021-05-01' }, 'a value given in source wins');
    assert.equal((await create({ text: caseText(8), publishedAt: 2021 })).statusCode, 400, 'and is validated as the source\'s');
    const edited = await t.app.inject({ method: 'PATCH', url: `/api/documents/${r.json().id}`, payload: { publishedAt: '2023-06-15' } });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.deepEqual(edited.json().source, { authors: [], url: 'https://example.org/a', publisher: '新华网', publishedAt: '2023-06-15' }, 'an edit too, the rest of the source kept');
    const unchanged = await t.app.inject({ method: 'PATCH', url: `/api/documents/${r.json().id}`, payload: { publishedAt: null, tags: ['复核'] } });
    assert.equal(unchanged.statusCode, 200, unchanged.body);
    assert.equal(unchanged.json().source.publishedAt, '2023-06-15', 'a top-level null changes no source');
    const none = await create({ text: caseText(9), publishedAt: null });
    assert.equal(none.statusCode, 201, 'null is none, as before');
    assert.equal(none.json().source.publishedAt, undefined);
  });

  it('refuses an exact duplicate with 409 and the existing id', async () => {
    const first = (await create({ text: caseText(2) })).json();
    const r = await create({ text: `  ${caseText(2)}\n`, title: '另一个标题' });
    assert.equal(r.statusCode, 409);
    assert.equal(r.json().code, 'DUPLICATE');
    assert.equal(r.json().existingId, first.id);
    assert.match(r.json().message, /已存在/);
  });

  it('rejects empty text with a Chinese message', async () => {
    const r = await create({ text: '   \n ' });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().code, 'EMPTY_TEXT');
    assert.match(r.json().message, /正文为空/);
  });

  it('lists documents as summaries with total, category filter, limit and offset', async () => {
    for (let i = 10; i < 14; i++) assert.equal((await create({ text: caseText(i), category: i % 2 ? '政策文件' : '新闻报道' })).statusCode, 201);
    const all = (await t.app.inject('/api/documents?limit=100')).json();
    assert.equal(all.total, all.items.length);
    assert.ok(all.total >= 6);
    assert.equal(all.items[0].text, undefined, 'summaries carry no text');
    assert.ok(typeof all.items[0].oneLine === 'string' && Array.isArray(all.items[0].themesDetected) && Array.isArray(all.items[0].regionNames));
    const pol = (await t.app.inject('/api/documents?category=政策文件&limit=1')).json();
    assert.equal(pol.total, 2);
    assert.equal(pol.items.length, 1);
    const second = (await t.app.inject('/api/documents?category=政策文件&limit=1&offset=1')).json();
    assert.notEqual(second.items[0].id, pol.items[0].id);
    const byTitle = (await t.app.inject('/api/documents?sort=title&limit=100')).json();
    const titles = byTitle.items.map((d: { title: string }) => d.title);
    assert.deepEqual(titles, [...titles].sort());
  });

  it('patches title, tags and themes; the user themes are kept', async () => {
    const d = (await create({ text: caseText(20) })).json();
    const r = await t.app.inject({ method: 'PATCH', url: `/api/documents/${d.id}`, payload: { title: '新标题', themes: ['居民自治', '数字治理'], tags: ['a', 'a', 'b'] } });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().title, '新标题');
    assert.deepEqual(r.json().themes, ['居民自治', '数字治理']);
    assert.deepEqual(r.json().tags, ['a', 'b']);
    assert.equal((await t.app.inject(`/api/documents/${d.id}`)).json().title, '新标题');
    const bad = await t.app.inject({ method: 'PATCH', url: `/api/documents/${d.id}`, payload: { title: '' } });
    assert.equal(bad.statusCode, 400);
    const typo = await t.app.inject({ method: 'PATCH', url: `/api/documents/${d.id}`, payload: { themes: ['不存在的主题'] } });
    assert.equal(typo.statusCode, 400);
    assert.match(typo.json().message, /不在主题列表中/);
    const date = await t.app.inject({ method: 'PATCH', url: `/api/documents/${d.id}`, payload: { source: { publishedAt: '去年' } } });
    assert.equal(date.statusCode, 400);
    assert.match(date.json().message, /发布日期无法识别或晚于今天/);
    const mars = await t.app.inject({ method: 'PATCH', url: `/api/documents/${d.id}`, payload: { regions: ['火星'] } });
    assert.equal(mars.statusCode, 400);
    assert.match(mars.json().message, /未识别的地区「火星」/);
    const named = await t.app.inject({ method: 'PATCH', url: `/api/documents/${d.id}`, payload: { regions: ['上海市宝山区'] } });
    assert.deepEqual(named.json().regions, ['310113']);
    const found = await t.app.inject(`/api/search?q=${encodeURIComponent('地区:宝山')}&limit=50`);
    assert.ok(found.json().hits.some((h: { id: string }) => h.id === d.id), 'the edited document is found by its region');
  });

  it('says which places a document is filed under (filedRegions), follows a hand edit, even to none, and null hands it back', async () => {
    const d = (await create({ text: '上海市宝山区推行“社区通”线上议事，居民协商表决停车难题。', category: '实践案例' })).json();
    const filed = async () => (await t.app.inject(`/api/documents/${d.id}`)).json().filedRegions;
    assert.deepEqual(await filed(), [{ code: '310113', name: '上海市宝山区' }]);
    const patch = (regions: unknown) => t.app.inject({ method: 'PATCH', url: `/api/documents/${d.id}`, payload: { regions } });
    const edited = await patch(['浙江省绍兴市诸暨市']);
    assert.equal(edited.statusCode, 200, edited.body);
    assert.deepEqual(edited.json().setByUser, ['regions']);
    assert.deepEqual(await filed(), [{ code: '330681', name: '浙江省绍兴市诸暨市' }]);
    await patch([]);
    assert.deepEqual(await filed(), []);
    const back = await patch(null);
    assert.deepEqual(back.json().setByUser, []);
    assert.deepEqual(await filed(), [{ code: '310113', name: '上海市宝山区' }]);
  });

  it('re-analyses into a new analysis and keeps the old one', async () => {
    const d = (await create({ text: caseText(21) })).json();
    const r = await t.app.inject({ method: 'POST', url: `/api/documents/${d.id}/analyze` });
    assert.equal(r.statusCode, 201);
    const full = (await t.app.inject(`/api/documents/${d.id}`)).json();
    assert.equal(full.analyses.length, 2);
    assert.equal(full.analyses[0].id, r.json().id, 'newest first');
  });

  it('deletes (204) and then answers 404 in the JSON error shape', async () => {
    const d = (await create({ text: caseText(22) })).json();
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/documents/${d.id}` })).statusCode, 204);
    const g = await t.app.inject(`/api/documents/${d.id}`);
    assert.equal(g.statusCode, 404);
    assert.equal(g.json().code, 'NOT_FOUND');
    assert.match(g.json().message, /文档不存在/);
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/documents/${d.id}` })).statusCode, 404);
  });

  it('says in Chinese that a pasted document has no original file', async () => {
    const a = (await create({ text: caseText(31) })).json();
    const r = await t.app.inject(`/api/documents/${a.id}/original`);
    assert.equal(r.statusCode, 404);
    assert.match(r.json().message, /原始文件/);
  });

  it('runs bulk actions per id and reports the failures', async () => {
    const ids = [];
    for (let i = 40; i < 43; i++) ids.push((await create({ text: caseText(i) })).json().id);
    const setCat = await t.app.inject({ method: 'POST', url: '/api/documents/bulk', payload: { ids: [...ids, 'missing'], action: 'setCategory', category: '调研报告' } });
    assert.equal(setCat.statusCode, 200, setCat.body);
    assert.equal(setCat.json().ok, 3);
    assert.deepEqual(setCat.json().failed.map((f: { id: string }) => f.id), ['missing']);
    assert.match(setCat.json().failed[0].message, /文档不存在/);
    assert.equal((await t.app.inject(`/api/documents/${ids[0]}`)).json().category, '调研报告');

    const col = (await t.app.inject({ method: 'POST', url: '/api/collections', payload: { name: '批量专题' } })).json();
    const add = await t.app.inject({ method: 'POST', url: '/api/documents/bulk', payload: { ids, action: 'addToCollection', collectionId: col.id } });
    assert.equal(add.json().ok, 3);
    assert.equal((await t.app.inject(`/api/collections/${col.id}`)).json().items.length, 3);

    const re = await t.app.inject({ method: 'POST', url: '/api/documents/bulk', payload: { ids: [ids[0]], action: 'reanalyze' } });
    assert.equal(re.json().ok, 1);
    const del = await t.app.inject({ method: 'POST', url: '/api/documents/bulk', payload: { ids, action: 'delete' } });
    assert.equal(del.json().ok, 3);
    assert.equal((await t.app.inject(`/api/documents/${ids[1]}`)).statusCode, 404);

    const noCat = await t.app.inject({ method: 'POST', url: '/api/documents/bulk', payload: { ids, action: 'setCategory' } });
    assert.equal(noCat.statusCode, 400);
    const badAction = await t.app.inject({ method: 'POST', url: '/api/documents/bulk', payload: { ids, action: 'explode' } });
    assert.equal(badAction.statusCode, 400);
  });
});

describe('similar documents API', () => {
  let t: TestApp;
  const create = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/documents', payload });
  before(async () => { t = await makeTestApp({ startWorker: false }); });
  after(async () => t.close());

  it('lists similar documents and the same-case cluster', async () => {
    const a = (await create({ text: caseText(30) })).json();
    // a different report on the same subject: similar, but not a repost of the same case
    const other = (await create({ text: '徐汇区推行社区议事厅和人民信箱，引导居民参与社区治理。网格员收集居民诉求，街道建立快速响应机制，居民满意度提高。社区治理学院培训骨干。' })).json();
    const sim = await t.app.inject(`/api/documents/${a.id}/similar?limit=3`);
    assert.equal(sim.statusCode, 200, sim.body);
    const items = sim.json().items;
    assert.ok(items.length > 0 && items.length <= 3, JSON.stringify({ items, a: a.clusterId, o: other.clusterId, oid: other.id }));
    assert.ok(items.every((x: { id: string; title: string; score: number }) => x.id !== a.id && x.title && typeof x.score === 'number'));
    assert.ok(items.some((x: { id: string; reasons: string[] }) => x.id === other.id && x.reasons.length > 0), JSON.stringify(items));
    const repost = (await create({ text: caseText(30).replace('推进', '积极推进') })).json();
    const cl = await t.app.inject(`/api/documents/${a.id}/cluster`);
    assert.equal(cl.statusCode, 200);
    assert.equal(cl.json().clusterId, a.clusterId);
    assert.deepEqual(cl.json().items.map((x: { id: string }) => x.id), repost.clusterId === a.clusterId ? [repost.id] : []);
  });

});
