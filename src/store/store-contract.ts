import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Analysis, Document, IndexEntry } from '../domain/index.js';
import { nowIso } from '../domain/index.js';
import { DuplicateTextError, RANK_BODY_CHARS, type IndexFilters, type Store } from './store.js';

/**
 * The contract every Store implementation passes. Call it from a *.test.ts beside the implementation
 * with a factory that opens a fresh, empty store.
 */
export function storeContract(name: string, open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    before(async () => ({ store, cleanup } = await open()));
    after(async () => { await store.close(); await cleanup(); });

    it('stores a document with original bytes and analyses and returns them unchanged', async () => {
      const d = makeDoc('上海宝山 全人群 参与 社区治理', { category: '实践案例', createdAt: '2024-10-29T15:05:37.450468Z' });
      const bytes = randomBytes(300);
      const a1 = makeAnalysis(d.id, '1', '2024-10-29T15:05:37.450468Z');
      const a2 = makeAnalysis(d.id, '2', '2024-10-29T15:05:38.000001Z');
      await store.createDocument(d, { originalBytes: bytes, analyses: [a1, a2], index: makeIndex(d, '上海 宝山 社区 治理') });
      const got = await store.getDocument(d.id);
      assert.ok(got);
      const { analyses, ...doc } = got;
      assert.deepEqual(doc, d);
      assert.equal(doc.createdAt, '2024-10-29T15:05:37.450468Z', 'timestamps keep microseconds');
      assert.deepEqual(analyses.map((a) => a.version), ['2', '1'], 'analyses newest first');
      assert.deepEqual(analyses[1], a1);
      const orig = await store.getOriginal(d.id);
      assert.ok(orig && orig.bytes.equals(bytes));
      assert.deepEqual(orig.file, d.original);
    });

    it('skips the first documents of its order when asked: each slice is that part of the whole order, by rank and by date, with the full total', async () => {
      const docs = Array.from({ length: 7 }, (_, i) => makeDoc(`跳过测试 第${i}篇`, { createdAt: `2024-0${i + 1}-01T00:00:00.000000Z` }));
      for (const [i, d] of docs.entries()) await store.createDocument(d, { index: makeIndex(d, `跳过测试 ${'跳过测试 '.repeat(i % 3)}第${i}篇`) });
      const m = { all: [['跳过测试']], any: [], none: [], phrases: [] };
      for (const sort of ['rank', 'date'] as const) {
        const whole = (await store.matchDocuments(m, {}, { limit: 7, sort })).docs.map((d) => d.id);
        for (const skip of [0, 2, 3, 6]) {
          const r = await store.matchDocuments(m, {}, { limit: 3, skip, sort });
          assert.deepEqual(r.docs.map((d) => d.id), whole.slice(skip, skip + 3), `${sort} skip ${skip}`);
          assert.equal(r.total, 7);
        }
        const past = await store.matchDocuments(m, {}, { limit: 3, skip: 20, sort });
        assert.deepEqual([past.total, past.docs.length], [7, 0], 'a page past the end still has the total');
      }
      for (const d of docs) await store.deleteDocument(d.id);
    });

    it('keeps which parts a user set by hand, through create, update, get and list', async () => {
      const d = makeDoc('用户设定 地区 主题 标记', { setByUser: ['regions'] });
      await store.createDocument(d, { index: makeIndex(d, '用户 设定') });
      assert.deepEqual((await store.getDocument(d.id))?.setByUser, ['regions']);
      const edited = { ...d, themes: [], setByUser: ['regions', 'themes'] as Document['setByUser'] };
      assert.ok(await store.updateDocument(edited, makeIndex(edited, '用户 设定')));
      assert.deepEqual((await store.getDocument(d.id))?.setByUser, ['regions', 'themes']);
      const listed = (await store.listDocuments({ limit: 500 })).items.find((x) => x.id === d.id);
      assert.deepEqual(listed?.setByUser, ['regions', 'themes']);
    });

    it('reads documents in the order asked with only the named parts of their latest analysis', async () => {
      const d1 = makeDoc('最新分析 部分读取 一');
      const d2 = makeDoc('最新分析 部分读取 二');
      const d3 = makeDoc('最新分析 没有分析 三');
      const old = { ...makeAnalysis(d1.id, '1', '2024-01-01T00:00:00.000000Z'), result: { themes: [{ name: '旧主题', score: 1, spans: [], evidence: [] }], regions: [] } };
      const latest = {
        ...makeAnalysis(d1.id, '2', '2024-02-01T00:00:00.000000Z'),
        result: { themes: [{ name: '数字治理', score: 0.8, spans: [], evidence: [] }], regions: [{ code: '310113', name: '宝山区', level: 'district' as const, path: [{ name: '上海市', code: '31' }, { name: '宝山区', code: '310113' }], alternatives: [], mentions: 2, spans: [{ start: 0, end: 3 }] }], keywords: [{ term: '社区', weight: 1, spans: [] }] },
      };
      await store.createDocument(d1, { analyses: [old, latest], index: makeIndex(d1, '最新 分析') });
      await store.createDocument(d2, { analyses: [{ ...makeAnalysis(d2.id, '1', '2024-03-01T00:00:00.000000Z'), result: { keywords: [] } }], index: makeIndex(d2, '最新 分析') });
      await store.createDocument(d3, { index: makeIndex(d3, '没有 分析') });
      const got = await store.getDocumentsWithLatest([d3.id, 'missing', d1.id, d2.id], ['themes', 'regions']);
      assert.deepEqual(got.map((d) => d?.id ?? null), [d3.id, null, d1.id, d2.id], 'order asked, null for a missing id');
      const { latest: parts, ...doc1 } = got[2]!;
      assert.deepEqual(doc1, d1, 'the document itself unchanged');
      assert.deepEqual(parts, { themes: latest.result.themes, regions: latest.result.regions }, 'only the named parts, of the newest analysis');
      assert.deepEqual(got[3]!.latest, {}, 'an analysis without those parts gives none');
      assert.equal(got[0]!.latest, undefined, 'a document without analysis has no latest parts');
      assert.deepEqual(await store.getDocumentsWithLatest([], ['themes']), []);
      // An offline analysis wins over a newer imported one, as in the index (the seed's model analyses are newer).
      const d4 = makeDoc('最新分析 离线优先 四');
      const offline = { ...makeAnalysis(d4.id, '1', '2024-01-01T00:00:00.000000Z'), producer: 'offline@0.2.0', result: { themes: latest.result.themes } };
      const imported = { ...makeAnalysis(d4.id, '2', '2024-05-01T00:00:00.000000Z'), result: { keywords: [] } };
      await store.createDocument(d4, { analyses: [offline, imported], index: makeIndex(d4, '离线 优先') });
      assert.deepEqual((await store.getDocumentsWithLatest([d4.id], ['themes']))[0]!.latest, { themes: latest.result.themes });
    });

    it('ranks first the documents holding the words in their title or keywords, whatever order they were added in (one word and two)', async () => {
      const [word, other] = ['首遍排序', '次词'];
      const filler = (n: number) => Array.from({ length: n }, (_, i) => `填充${i % 50}`).join(' ');
      const add = async (title: string, keywords: string, body: string) => {
        const d = makeDoc(`${title} 正文`, { title });
        await store.createDocument(d, { index: { ...makeIndex(d, body), keywords } });
        return d.id;
      };
      for (let i = 0; i < 40; i++) await add(`正文才有 ${i}`, '', `${word} ${other} ${filler(30)}`);
      const titled = [];
      for (let i = 0; i < 3; i++) titled.push(await add(`${word} ${other} 标题 ${i}`, '', `${filler(30)} ${word} ${other}`));
      titled.push(await add('关键词里有', `${word} ${other}`, `${filler(30)} ${word} ${other}`));
      for (const all of [[[word]], [[word], [other]]]) {
        const r = await store.matchDocuments({ all, any: [], none: [], phrases: [] }, {}, { limit: 4 });
        assert.equal(r.total, 44);
        assert.deepEqual(new Set(r.docs.map((d) => d.id)), new Set(titled), `${all.length} word(s): not the 40 added first`);
      }
    });

    it('refuses a second document with the same normalised text', async () => {
      const d = makeDoc('重复 正文 测试');
      await store.createDocument(d, { index: makeIndex(d, '重复 正文') });
      const copy = { ...makeDoc('重复 正文 测试'), textHash: d.textHash };
      await assert.rejects(store.createDocument(copy, { index: makeIndex(copy, '重复 正文') }), DuplicateTextError);
      assert.equal((await store.findByTextHash(d.textHash))?.id, d.id);
      assert.equal(await store.getDocument(copy.id), null, 'nothing of the refused document was written');
    });

    it('lists with total, paging, category filter and newest first', async () => {
      for (let i = 0; i < 5; i++) {
        const d = makeDoc(`分页 文档 ${i}`, { category: '政策文件' });
        await store.createDocument(d, { index: makeIndex(d, `分页 文档 编号${i}`) });
      }
      const page = await store.listDocuments({ category: '政策文件', limit: 2, offset: 1 });
      assert.equal(page.total, 5);
      assert.equal(page.items.length, 2);
      assert.equal(page.items[0].title, '分页 文档 3');
      assert.ok(page.items.every((d) => d.category === '政策文件'));
    });

    it('leaves out documents by excluded category, region, year, tag and collection, with a text match and without', async () => {
      const mk = async (text: string, category: string, region: string[], year: number | null, tag: string) => {
        const d = makeDoc(text, { category, tags: [tag] });
        await store.createDocument(d, { index: makeIndex(d, `排除筛选 ${text}`, { region, year }) });
        return d.id;
      };
      const sh = await mk('上海 案例', '实践案例', ['31', '310113'], 2021, '试点');
      const zj = await mk('浙江 政策', '政策文件', ['33', '330681'], 2019, '重点');
      const undated = await mk('无年份 报道', '新闻报道', [], null, '重点');
      const c = await store.createCollection({ id: `c-${randomBytes(4).toString('hex')}`, name: '排除专题', createdAt: nowIso(), items: [{ documentId: zj }] });
      const words = { all: [['排除筛选']], any: [], none: [], phrases: [] };
      const check = async (when: string) => {
        for (const match of [words, null]) {
          const ids = async (exclude: IndexFilters['exclude']) => {
            const r = await store.matchDocuments(match, { exclude }, { limit: 50 });
            const got = r.docs.map((d) => d.id).filter((id) => [sh, zj, undated].includes(id)).sort();
            if (match) assert.equal(r.total, got.length, `${when}: total counts what is left`);
            return got;
          };
          const label = `${when}, ${match ? 'text match' : 'listing'}`;
          assert.deepEqual(await ids({ category: ['政策文件'] }), [sh, undated].sort(), label);
          assert.deepEqual(await ids({ region: ['31'] }), [zj, undated].sort(), `${label}: a province leaves out its districts`);
          assert.deepEqual(await ids({ yearFrom: 2020, yearTo: 2024 }), [zj, undated].sort(), `${label}: a document with no year stays`);
          assert.deepEqual(await ids({ tag: ['重点'] }), [sh], label);
          assert.deepEqual(await ids({ collection: [c.id] }), [sh, undated].sort(), label);
          assert.deepEqual(await ids({ category: ['政策文件'], region: ['31'] }), [undated], `${label}: any excluded value leaves a document out`);
        }
        const both = await store.matchDocuments(words, { category: ['实践案例', '政策文件'], exclude: { region: ['33'] } }, { limit: 10 });
        assert.deepEqual(both.docs.map((d) => d.id), [sh], `${when}: a filter and an exclusion together`);
        const f = await store.facetCounts(words, { exclude: { category: ['政策文件'] } }, ['category']);
        assert.deepEqual(f.category.map((x) => x.value).sort(), ['实践案例', '新闻报道'].sort(), `${when}: facets count what is left`);
      };
      // Before any facet count SQLite tests filters as SQL sets (a one-off CLI search); once a facet count
      // has loaded its in-memory facet columns, from those. This test runs first so both paths are taken.
      await check('first queries');
      await check('after facet counts');
      await store.deleteCollection(c.id);
    });

    it('finds documents by terms, phrases and exclusions, and applies filters', async () => {
      const a = makeDoc('网格 员 走访', { category: '新闻报道' });
      const b = makeDoc('网格 化 管理', { category: '实践案例' });
      await store.createDocument(a, { index: makeIndex(a, '网格员 网格 格员 走访 入户', { region: ['31', '310113'], year: 2021 }) });
      await store.createDocument(b, { index: makeIndex(b, '网格 化 管理 网格化管理', { region: ['33', '330681'], year: 2019 }) });
      const ids = async (m: Parameters<Store['matchDocuments']>[0], f = {}) => (await store.matchDocuments(m, f, { limit: 10 })).docs.map((d) => d.id).sort();
      assert.deepEqual(await ids({ all: [['网格']], any: [], none: [], phrases: [] }), [a.id, b.id].sort());
      assert.deepEqual(await ids({ all: [['网格']], any: [], none: ['走访'], phrases: [] }), [b.id]);
      assert.deepEqual(await ids({ all: [], any: [], none: [], phrases: [['网格', '化', '管理']] }), [b.id]);
      assert.deepEqual(await ids({ all: [], any: [], none: [], phrases: [['管理', '网格']] }), []);
      assert.deepEqual(await ids({ all: [['网格']], any: [], none: [], phrases: [] }, { region: ['31'] }), [a.id], 'province code matches its districts');
      assert.deepEqual(await ids({ all: [['网格']], any: [], none: [], phrases: [] }, { yearFrom: 2020, yearTo: 2024 }), [a.id]);
      assert.deepEqual(await ids({ all: [['网格']], any: [], none: [], phrases: [] }, { category: ['实践案例'] }), [b.id]);
      assert.deepEqual(await ids({ all: [['"OR" NEAR(*']], any: [], none: [], phrases: [] }), [], 'syntax in terms is inert');
      const r = await store.matchDocuments({ all: [['网格']], any: [], none: [], phrases: [] }, {}, { limit: 1 });
      assert.equal(r.total, 2);
      assert.equal(r.docs.length, 1);
      const f = await store.facetCounts({ all: [['网格']], any: [], none: [], phrases: [] }, {}, ['region', 'year', 'category']);
      assert.deepEqual(f.region.find((x) => x.value === '31'), { value: '31', count: 1 });
      assert.equal(f.category.length, 2);
      const df = await store.docFrequencies(['网格', '走访', '不存在']);
      assert.equal(df.get('网格'), 2);
      assert.equal(df.get('走访'), 1);
      assert.equal(df.get('不存在'), 0);
      const stats = await store.corpusStats();
      assert.ok(stats.docCount >= 2 && stats.avgLength.body > 0);
    });

    it('updates and deletes a document together with its index entry', async () => {
      const d = makeDoc('更新 之前');
      await store.createDocument(d, { index: makeIndex(d, '旧词') });
      const updated = { ...d, title: '新标题', updatedAt: nowIso() };
      assert.ok(await store.updateDocument(updated, makeIndex(updated, '新词')));
      const m = (t: string) => store.matchDocuments({ all: [[t]], any: [], none: [], phrases: [] }, {}, { limit: 10 });
      assert.equal((await m('旧词')).total, 0);
      assert.equal((await m('新词')).docs[0]?.id, d.id);
      assert.equal((await store.getDocument(d.id))?.title, '新标题');
      assert.equal(await store.deleteDocument(d.id), true);
      assert.equal((await m('新词')).total, 0);
      assert.equal(await store.getDocument(d.id), null);
      assert.equal(await store.deleteDocument(d.id), false);
    });

    it('hands the ranker a body whole up to RANK_BODY_CHARS characters, whatever its byte length, and cuts longer ones at a token', async () => {
      // 100,000 three-byte characters: more bytes than the limit, fewer characters.
      const wide = makeDoc('宽字 正文');
      const wideBody = `${'治理 '.repeat(33_333)}止`;
      const long = makeDoc('超长 正文');
      const longBody = `${'议事 '.repeat(70_000)}尾`;
      await store.createDocument(wide, { index: makeIndex(wide, wideBody) });
      await store.createDocument(long, { index: makeIndex(long, longBody) });
      const [w, l] = await store.getIndexed([wide.id, long.id]);
      assert.equal(w.fields.body, wideBody);
      assert.equal(w.bodyCut, undefined);
      assert.equal(l.bodyCut, true);
      assert.ok(l.fields.body.length <= RANK_BODY_CHARS && longBody.startsWith(`${l.fields.body} `), 'cut at the last whole token');
      await store.deleteDocument(wide.id);
      await store.deleteDocument(long.id);
    });

    it('re-indexes a document (index entry and text hash) only while it is unchanged and not re-analysed since it was read', async () => {
      const d = makeDoc('重建 索引');
      await store.createDocument(d, { index: makeIndex(d, '旧格式'), analyses: [makeAnalysis(d.id, '1', d.createdAt)] });
      const m = (t: string) => store.matchDocuments({ all: [[t]], any: [], none: [], phrases: [] }, {}, { limit: 10 });
      assert.equal(await store.reindexDocument({ ...d, textHash: `${d.textHash}-v2` }, makeIndex(d, '新格式'), { analyses: 1 }), true);
      assert.equal((await m('旧格式')).total, 0);
      assert.equal((await m('新格式')).docs[0]?.id, d.id);
      assert.equal((await store.findByTextHash(`${d.textHash}-v2`))?.id, d.id);
      assert.equal((await store.getDocument(d.id))?.title, d.title, 'the document row is otherwise untouched');

      const edited = { ...d, title: '用户改过', updatedAt: new Date(Date.parse(d.updatedAt) + 1000).toISOString() };
      await store.updateDocument(edited, makeIndex(edited, '用户编辑'));
      assert.equal(await store.reindexDocument(d, makeIndex(d, '过时副本'), { analyses: 1 }), false, 'read before the edit: refused');
      assert.equal((await m('过时副本')).total, 0);
      assert.equal((await m('用户编辑')).docs[0]?.id, d.id);
      assert.equal((await store.getDocument(d.id))?.title, '用户改过');
      await store.addAnalysis(makeAnalysis(d.id, '2', nowIso()), makeIndex(edited, '重新分析'));
      assert.equal(await store.reindexDocument(edited, makeIndex(edited, '分析前副本'), { analyses: 1 }), false, 'read before a re-analysis: refused');
      assert.equal((await m('重新分析')).docs[0]?.id, d.id);
      assert.equal(await store.reindexDocument(edited, makeIndex(edited, '最新'), { analyses: 2 }), true);
      assert.equal(await store.reindexDocument(makeDoc('不存在'), makeIndex(d, '无'), { analyses: 0 }), false);
    });

    it('appends analyses without overwriting older ones', async () => {
      const d = makeDoc('再 分析');
      await store.createDocument(d, { analyses: [makeAnalysis(d.id, '1', nowIso())], index: makeIndex(d, '再 分析') });
      await store.addAnalysis(makeAnalysis(d.id, '2', nowIso()), makeIndex(d, '再 分析 新增词'));
      const got = await store.getDocument(d.id);
      assert.deepEqual(got?.analyses.map((a) => a.version), ['2', '1']);
      assert.equal((await store.matchDocuments({ all: [['新增词']], any: [], none: [], phrases: [] }, {}, { limit: 5 })).docs[0]?.id, d.id);
    });

    it('groups near-duplicates by shared LSH bands and lists a cluster', async () => {
      const a = makeDoc('转载 原文');
      const b = { ...makeDoc('转载 副本'), clusterId: a.id };
      await store.createDocument({ ...a, clusterId: a.id }, { index: makeIndex(a, '转载'), lshBands: ['b1:x', 'b2:y'] });
      await store.createDocument(b, { index: makeIndex(b, '转载'), lshBands: ['b2:y', 'b3:z'] });
      assert.deepEqual((await store.findByLshBands(['b2:y'])).sort(), [a.id, b.id].sort());
      assert.deepEqual(await store.findByLshBands(['nothing']), []);
      assert.deepEqual((await store.listCluster(a.id)).map((d) => d.id), [a.id, b.id]);
    });

    it('keeps collections ordered with notes, and filters search by collection', async () => {
      const x = makeDoc('专题 甲');
      const y = makeDoc('专题 乙');
      await store.createDocument(x, { index: makeIndex(x, '专题') });
      await store.createDocument(y, { index: makeIndex(y, '专题') });
      const c = await store.createCollection({ id: 'c1', name: '枫桥经验', createdAt: nowIso(), items: [{ documentId: y.id, note: '先读' }, { documentId: x.id }] });
      assert.deepEqual(c.items.map((i) => [i.documentId, i.position, i.note]), [[y.id, 0, '先读'], [x.id, 1, '']]);
      const u = await store.updateCollection('c1', { name: '枫桥经验研究', items: [{ documentId: x.id, note: '改' }] });
      assert.equal(u?.name, '枫桥经验研究');
      assert.deepEqual(u?.items.map((i) => i.documentId), [x.id]);
      const inC = await store.matchDocuments({ all: [['专题']], any: [], none: [], phrases: [] }, { collection: ['c1'] }, { limit: 10 });
      assert.deepEqual(inC.docs.map((d) => d.id), [x.id]);
      const facets = await store.facetCounts(null, {}, ['collection']);
      assert.deepEqual(facets.collection, [{ value: 'c1', count: 1 }]);
      assert.equal((await store.listCollections()).length, 1);
      assert.equal(await store.deleteCollection('c1'), true);
      assert.equal(await store.getCollection('c1'), null);
    });

    it('hides documents of other groups when visible groups are given', async () => {
      const pub = makeDoc('公开 文档');
      const priv = { ...makeDoc('内部 文档'), groupId: 'g-team' };
      await store.createDocument(pub, { index: makeIndex(pub, '可见性') });
      await store.createDocument(priv, { index: makeIndex(priv, '可见性') });
      const m = { all: [['可见性']], any: [], none: [], phrases: [] };
      assert.deepEqual((await store.matchDocuments(m, { visibleGroups: [] }, { limit: 10 })).docs.map((d) => d.id), [pub.id]);
      assert.equal((await store.matchDocuments(m, { visibleGroups: ['g-team'] }, { limit: 10 })).total, 2);
      const listed = await store.listDocuments({ visibleGroups: [], limit: 1000 });
      assert.ok(!listed.items.some((d) => d.id === priv.id));
    });

    it('persists jobs, job items and settings', async () => {
      const t = nowIso();
      const job = { id: 'job-1', kind: 'import' as const, state: 'running' as const, total: 3, done: 1, imported: 1, duplicates: 0, failed: 0, errors: [], results: [], createdAt: t, updatedAt: t };
      await store.createJob(job);
      await store.updateJob({ ...job, state: 'done', done: 3 });
      assert.equal((await store.getJob('job-1'))?.state, 'done');
      await store.recordJobItem('job-1', { item: 'a.txt', status: 'imported', documentId: 'x' });
      await store.putSetting('categories', ['实践案例', '其他']);
      assert.deepEqual(await store.getSetting('categories'), ['实践案例', '其他']);
      assert.equal(await store.getSetting('missing'), undefined);
    });

    it('queues jobs with their inputs: one claim per job, a lapsed lease is taken over and resumes after finished items', async () => {
      const t = nowIso();
      const job = (id: string) => ({ id, kind: 'import' as const, state: 'queued' as const, total: 0, done: 0, imported: 0, duplicates: 0, failed: 0, errors: [], results: [], createdAt: t, updatedAt: t });
      await store.enqueueJob(job('q-1'), [{ name: 'a.txt', bytes: Buffer.from('甲') }, { url: 'http://127.0.0.1/x' }], { category: '其他' });
      await store.enqueueJob(job('q-2'), [{ name: 'b.txt', bytes: Buffer.from('乙') }], {});
      const [c1, c2] = await Promise.all([store.claimJob('node-a', 60_000), store.claimJob('node-b', 60_000)]);
      assert.ok(c1 && c2, 'two workers claim two jobs at once');
      assert.notEqual(c1.job.id, c2.job.id);
      const first = c1.job.id === 'q-1' ? c1 : c2;
      assert.equal(first.job.state, 'running');
      assert.deepEqual(first.inputs, [{ name: 'a.txt', bytes: Buffer.from('甲') }, { url: 'http://127.0.0.1/x' }]);
      assert.deepEqual(first.options, { category: '其他' });
      assert.equal(await store.claimJob('node-c', 60_000), null, 'a leased job is not claimed again');
      await store.recordJobItem('q-1', { item: 'a.txt', status: 'imported', documentId: 'd' });
      await store.recordJobItem('q-1', { item: 'rows.csv#2', status: 'imported', documentId: 'e', title: '社区食堂', row: 2 });
      assert.equal(await store.heartbeatJob('q-1', first === c1 ? 'node-a' : 'node-b'), true);
      await new Promise((r) => setTimeout(r, 20));
      const again = await store.claimJob('node-c', 1);
      assert.ok(again, 'a job whose lease lapsed is claimed by another node');
      assert.ok(['q-1', 'q-2'].includes(again.job.id));
      const q1 = again.job.id === 'q-1' ? again : await store.claimJob('node-c', 1);
      assert.deepEqual(q1?.finishedItems, [{ item: 'a.txt', status: 'imported', documentId: 'd' },
        { item: 'rows.csv#2', status: 'imported', documentId: 'e', title: '社区食堂', row: 2 }], 'a batch row keeps its title and row for the resumed job\'s results');
      assert.equal(await store.heartbeatJob('q-1', 'node-a'), false, 'the old worker lost its lease');
    });

    it('keeps users, sessions and API tokens (by hash), counts login failures per window and appends audit entries', async () => {
      const t = nowIso();
      await store.createUser({ id: 'u1', username: 'alice', displayName: '爱丽丝', role: 'editor', groups: ['g1'], disabled: false, createdAt: t }, 'hash-1');
      await assert.rejects(store.createUser({ id: 'u2', username: 'alice', displayName: 'x', role: 'viewer', groups: [], disabled: false, createdAt: t }, 'h'), 'usernames are unique');
      assert.equal((await store.findUserByName('alice'))?.passwordHash, 'hash-1');
      assert.deepEqual((await store.updateUser('u1', { role: 'admin', groups: [] }, 'hash-2'))?.role, 'admin');
      assert.equal((await store.findUserByName('alice'))?.passwordHash, 'hash-2');
      assert.equal(await store.countUsers(), 1);
      await store.createSession({ idHash: 's-hash', userId: 'u1', csrfToken: 'csrf', expiresAt: t });
      assert.deepEqual(await store.getSession('s-hash'), { userId: 'u1', csrfToken: 'csrf', expiresAt: t });
      await store.deleteSession('s-hash');
      assert.equal(await store.getSession('s-hash'), null);
      await store.createApiToken({ id: 'tk1', userId: 'u1', name: '脚本', scope: 'read', createdAt: t, lastUsedAt: null, revokedAt: null }, 'tok-hash');
      assert.equal((await store.findApiToken('tok-hash'))?.scope, 'read');
      assert.equal(await store.revokeApiToken('tk1', 'someone-else', t), false, 'only the owner (or an admin) revokes');
      assert.equal(await store.revokeApiToken('tk1', 'u1', t), true);
      assert.equal((await store.listApiTokens('u1'))[0].revokedAt, t);
      assert.equal(await store.countLoginFailure('alice@127.0.0.1', 60_000), 1);
      assert.equal(await store.countLoginFailure('alice@127.0.0.1', 60_000), 2);
      assert.equal(await store.loginFailures('alice@127.0.0.1', 60_000), 2);
      await store.clearLoginFailures('alice@127.0.0.1');
      assert.equal(await store.loginFailures('alice@127.0.0.1', 60_000), 0);
      await store.appendAudit({ at: t, userId: 'u1', username: 'alice', action: 'document.update', targetType: 'document', targetId: 'd1', details: { title: { old: '甲', new: '乙' } } });
      await store.appendAudit({ at: t, userId: 'u1', username: 'alice', action: 'document.delete', targetType: 'document', targetId: 'd1', details: {} });
      const audit = await store.listAudit({ limit: 10 });
      assert.equal(audit.total, 2);
      assert.deepEqual(audit.items.map((a) => a.action), ['document.delete', 'document.update'], 'newest first');
      assert.deepEqual(audit.items[1].details, { title: { old: '甲', new: '乙' } });
    });

    it('iterates every document and passes its integrity check', async () => {
      let n = 0;
      const ids: string[] = [];
      for await (const d of store.iterateDocuments(3)) { assert.ok(Array.isArray(d.analyses)); n++; ids.push(d.id); }
      assert.equal(n, await store.countDocuments());
      const rest: string[] = [];
      for await (const d of store.iterateDocuments(3, ids[1])) rest.push(d.id);
      assert.deepEqual(rest, ids.slice(2), 'after a given document: those created after it');
      const all: string[] = [];
      for await (const d of store.iterateDocuments(3, 'no-such-document')) all.push(d.id);
      assert.deepEqual(all, ids, 'after an unknown document: all');
      assert.equal(await store.integrityCheck(), 'ok');
    });
  });
}

let seq = 0;
export function makeDoc(text: string, over: Partial<Document> = {}): Document {
  const t = over.createdAt ?? nowIso();
  const id = `doc-${++seq}-${randomBytes(4).toString('hex')}`;
  return {
    id, title: text.slice(0, 20), category: '其他', source: { authors: [], publisher: '测试' }, regions: [], tags: ['测试'], themes: [], setByUser: [],
    text, textHash: createHash('sha256').update(text + id).digest('hex'),
    original: { name: 'a.txt', sha256: 'x', type: 'txt', size: 300 }, clusterId: null, groupId: null,
    createdAt: t, updatedAt: t, ...over,
  };
}

export function makeAnalysis(documentId: string, version: string, createdAt: string): Analysis {
  return { id: `${documentId}-a${version}`, documentId, producer: 'imported:test', version, createdAt, result: { keywords: [{ term: '社区', weight: 1, spans: [] }] }, text: `分析 ${version}` };
}

export function makeIndex(d: Document, body: string, over: { region?: string[]; year?: number | null } = {}): IndexEntry {
  const year = over.year === undefined ? 2024 : over.year;
  return {
    title: d.title, keywords: '', entities: '', body, year, sortDate: d.createdAt,
    facets: { category: [d.category], theme: [], region: over.region ?? [], year: year == null ? [] : [String(year)], tag: d.tags },
  };
}
