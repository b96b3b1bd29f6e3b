import assert from 'node:assert/strict';
import { buildIndexEntry, documentThemes } from '../search/tokens.js';
import { DEFAULT_CATEGORIES } from '../domain/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { analyze } from '../text/analyze.js';
import { searchDocuments } from '../search/search.js';
import { guessTitle, Library, LIBRARY_CORPUS } from './library.js';
import { toDetail, toSummary } from './summary.js';

const CASE = '浙江省诸暨市枫桥镇坚持发动和依靠群众，建立村级调解委员会和“老杨调解中心”，推行“小事不出村、大事不出镇、矛盾不上交”。2023年全镇化解矛盾纠纷1200余件，调解成功率达到98%。经验启示：基层治理要把矛盾化解在萌芽状态。';

describe('Library use cases on a real SQLite store', () => {
  let dir: string;
  let lib: Library;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhizhi-lib-'));
    lib = await Library.open(new SqliteStore(join(dir, 'z.db')));
  });
  after(async () => { await lib.close(); rmSync(dir, { recursive: true, force: true }); });

  it('adds a document with its first offline analysis and index entry, and refuses the same text again with a pointer', async () => {
    const r = await lib.addDocument({ title: '枫桥经验', text: CASE, category: '实践案例' });
    assert.equal(r.status, 'imported');
    if (r.status !== 'imported') return;
    assert.equal(r.document.analyses.length, 1);
    assert.match(r.document.analyses[0].producer, /^offline@/);
    assert.deepEqual(r.document.regions, [], 'no places were given with it');
    const filed = toDetail(r.document).filedRegions.map((x) => x.code);
    assert.ok(filed.some((c) => c.startsWith('330681')), `filed under the analysis's place, inside 诸暨市: ${filed}`);
    const again = await lib.addDocument({ text: `  ${CASE.replace(/，/g, ',')}\n` });
    assert.equal(again.status, 'duplicate', 'same text after normalisation is a duplicate');
    if (again.status === 'duplicate') assert.equal(again.existing.id, r.document.id);
  });

  it('stores pasted text with the spaces between the words of a name list kept, so 张三李四 is no phrase of it', async () => {
    const r = await lib.addDocument({ text: '楼道自治调研\n作者：张三 李四\n楼道自治是上海社区的做法，居民 自己商量停车问题。' });
    assert.ok(r.status === 'imported');
    assert.equal(r.document.text, '楼道自治调研\n作者：张三 李四\n楼道自治是上海社区的做法，居民自己商量停车问题。');
    assert.ok(!(await searchDocuments(lib.store, { q: '"张三李四"' })).hits.some((h) => h.id === r.document.id));
  });

  it('refuses empty text and unknown categories with Chinese messages, on create and on edit', async () => {
    await assert.rejects(lib.addDocument({ text: ' \n ' }), /正文为空/);
    await assert.rejects(lib.addDocument({ text: '某社区开展议事协商。', category: '不存在的类别' }), /不在类别列表中/);
    const { items } = await lib.listDocuments({ limit: 1 });
    await assert.rejects(lib.updateDocument(items[0].id, { category: '不存在的类别' }), /不在类别列表中/);
    await lib.setCategories(['实践案例', '其他', '内部简报']);
    assert.equal((await lib.updateDocument(items[0].id, { category: '内部简报' })).category, '内部简报');
  });

  it('fills the publication date, 文号 and issuer a policy text states, so 年份: finds it by publication year; a given date wins', async () => {
    const policy = ['某市关于深化网格化服务管理的实施意见', '某政办发〔2021〕7号', '各区人民政府：', '为推进网格化服务管理，2018年以来……现提出如下意见。', '某市人民政府办公厅', '2021年6月30日'].join('\n');
    const r = await lib.addDocument({ text: policy, category: '其他' });
    assert.equal(r.status, 'imported');
    if (r.status !== 'imported') return;
    assert.deepEqual([r.document.source.publishedAt, r.document.source.docNumber, r.document.source.issuer], ['2021-06-30', '某政办发〔2021〕7号', '某市人民政府办公厅']);
    assert.equal(r.document.category, '其他', 'a category given is kept');
    const hits = await searchDocuments(lib.store, { q: '网格化 年份:2021' });
    assert.ok(hits.hits.some((h) => h.id === r.document.id), 'found by its publication year, not the year it was added');
    const given = await lib.addDocument({ text: policy.replace('7号', '8号'), source: { authors: [], publishedAt: '2022-01-01' } });
    assert.equal(given.status === 'imported' && given.document.source.publishedAt, '2022-01-01');
    assert.equal(given.status === 'imported' && given.document.category, '其他', '政策文件 is not in this library\'s category list (set above)');
    await lib.setCategories([...DEFAULT_CATEGORIES]);
    const guessed = await lib.addDocument({ text: policy.replace('7号', '9号') });
    assert.equal(guessed.status === 'imported' && guessed.document.category, '政策文件', 'without a category, a text with a 文号 is a 政策文件');
    const plain = await lib.addDocument({ text: '某社区召开居民议事会，讨论加装电梯的费用分摊。' });
    assert.equal(plain.status === 'imported' && plain.document.category, '其他');
  });

  it('stores a given publication date in one form and refuses an impossible or future one; refuses unknown themes', async () => {
    const cn = await lib.addDocument({ text: '某街道成立居民议事会，讨论停车难问题。', source: { authors: [], publishedAt: '二〇二一年五月一日' } });
    assert.equal(cn.status === 'imported' && cn.document.source.publishedAt, '2021-05-01');
    for (const bad of ['去年', '2099-13-45', '2099-01-01']) {
      await assert.rejects(lib.addDocument({ text: `某社区议事协商${bad}。`, source: { authors: [], publishedAt: bad } }), /发布日期无法识别或晚于今天/);
    }
    if (cn.status !== 'imported') return;
    await assert.rejects(lib.updateDocument(cn.document.id, { source: { authors: [], publishedAt: '下个月' } }), /发布日期无法识别/);
    await assert.rejects(lib.updateDocument(cn.document.id, { themes: ['不存在的主题'] }), /主题「不存在的主题」不在主题列表中/);
    const themed = await lib.updateDocument(cn.document.id, { themes: ['议事协商', '乡村治理'] });
    assert.deepEqual(themed.themes, ['议事协商', '乡村治理']);
    // A theme and a date stored by an older version do not block an edit that leaves them as they are.
    const legacy = { ...themed, themes: ['基层治理'], source: { ...themed.source, publishedAt: '2099-01-01' } };
    await lib.store.updateDocument(legacy, buildIndexEntry(legacy));
    const edited = await lib.updateDocument(cn.document.id, { title: '新标题', themes: ['基层治理', '议事协商'], source: { authors: [], publishedAt: '2099-01-01' } });
    assert.deepEqual([edited.title, edited.themes], ['新标题', ['基层治理', '议事协商']]);
  });

  it('stores regions as codes: an edit resolves a name to its code and refuses an unknown name or a name several places share', async () => {
    const d = await lib.addDocument({ text: '某街道推行楼道议事，居民自定停车公约。', regions: ['上海市宝山区', '火星'] });
    assert.ok(d.status === 'imported');
    assert.deepEqual(d.document.regions, ['310113', '火星'], 'a batch keeps what it cannot resolve, so nothing is lost');
    const edited = await lib.updateDocument(d.document.id, { regions: ['上海市宝山区', '浙江省绍兴市诸暨市枫桥镇', '44'] });
    assert.deepEqual(edited.regions, ['310113', '330681109', '44']);
    await assert.rejects(lib.updateDocument(d.document.id, { regions: ['火星'] }), /未识别的地区「火星」/);
    await assert.rejects(lib.updateDocument(d.document.id, { regions: ['999999'] }), /未识别的地区代码「999999」/);
    assert.deepEqual((await lib.updateDocument(d.document.id, { regions: ['上海市寶山區', '臺灣'] })).regions, ['310113', '71'], 'names in traditional characters');
    await assert.rejects(lib.updateDocument(d.document.id, { regions: ['宝山区'] }), /地区「宝山区」有 2 处同名（黑龙江省双鸭山市宝山区、上海市宝山区），请写出上级地区/);
    // A value stored earlier is not checked again when the edit keeps it.
    const legacy = { ...edited, regions: ['火星'] };
    await lib.store.updateDocument(legacy, buildIndexEntry(legacy));
    assert.deepEqual((await lib.updateDocument(d.document.id, { regions: ['火星', '31'] })).regions, ['火星', '31']);
  });

  it('an edit that clears regions or themes removes what the analysis found from filters, facets, hits and the list, also after re-analysis', async () => {
    const r = await lib.addDocument({ text: '上海市宝山区推行“社区通”线上议事平台，居民在网上提出议题、协商表决，社区治理走向数字化。', category: '实践案例' });
    assert.ok(r.status === 'imported');
    const id = r.document.id;
    const found = async (q: string) => (await searchDocuments(lib.store, { q })).hits.some((h) => h.id === id);
    assert.ok(await found('社区通 地区:上海'), 'the analysis files it under 上海');
    const detected = (await searchDocuments(lib.store, { q: '社区通' })).hits.find((h) => h.id === id)!.themes;
    assert.ok(detected.length, 'the analysis gives it themes');

    const cleared = await lib.updateDocument(id, { regions: [], themes: [] });
    assert.deepEqual(cleared.setByUser.sort(), ['regions', 'themes']);
    assert.ok(!(await found('社区通 地区:上海')), 'no longer under 上海');
    assert.ok(!(await found(`社区通 主题:${detected[0]}`)), 'no longer under its detected theme');
    const res = await searchDocuments(lib.store, { q: '社区通' });
    const hit = res.hits.find((h) => h.id === id)!;
    assert.deepEqual([hit.regionNames, hit.themes], [[], []]);
    assert.ok(!res.facets.region.some((f) => f.code === '31'), 'nor in the 地区 facet');
    assert.deepEqual(toSummary((await lib.getDocument(id))!).regionNames, [], 'nor named in the document list');

    await lib.reanalyze(id);
    assert.ok(!(await found('社区通 地区:上海')), 'a new analysis does not bring the place back');
    await lib.updateDocument(id, { regions: ['浙江省绍兴市诸暨市'] });
    assert.ok(await found('社区通 地区:浙江') && !(await found('社区通 地区:上海')), 'filed under the place the user gave only');
    const back = await lib.updateDocument(id, { regions: null, themes: null });
    assert.deepEqual(back.setByUser, [], 'null hands regions and themes back to the analysis');
    assert.ok(await found('社区通 地区:上海') && !(await found('社区通 地区:浙江')));
    // The classifier learned from the cleared themes, so the analysis's themes may have changed since.
    const latest = (await lib.getDocument(id))!.analyses[0].result;
    const hitThemes = (await searchDocuments(lib.store, { q: '社区通' })).hits.find((h) => h.id === id)!.themes;
    assert.deepEqual(hitThemes, documentThemes({ themes: [] }, latest), 'themes are the analysis\'s again');
  });

  it('a re-analysis drops stored places that only copied an older analysis, fills the date the text states, and keeps places given or set by hand', async () => {
    const text = '2002年政府工作报告——2002年3月5日在第九届全国人民代表大会第五次会议上。各位代表：建设新农村的富裕繁荣，黑龙江农业发展。';
    const r = await lib.addDocument({ text, category: '政策文件' });
    assert.ok(r.status === 'imported');
    const id = r.document.id;
    // As versions before 0.2.0 stored it: the first places of an analysis that took 富裕 for 富裕县, and no date.
    const old = (await lib.getDocument(id))!;
    const { analyses: _a, ...row } = old;
    const legacy = { ...row, regions: ['23', '230227'], source: { authors: [] } };
    const oldAnalysis = { ...old.analyses[0], id: `${id}-old`, createdAt: '2020-01-01T00:00:00.000000Z', result: { ...old.analyses[0].result,
      regions: [{ name: '黑龙江省', code: '23', level: 'province' as const, path: [{ name: '黑龙江省', code: '23' }], alternatives: [], mentions: 1, spans: [] },
        { name: '黑龙江省齐齐哈尔市富裕县', code: '230227', level: 'district' as const, path: [], alternatives: [], mentions: 1, spans: [] }] } };
    // Re-analysed once since (the copy no longer equals the latest analysis's places).
    const since = { ...oldAnalysis, id: `${id}-since`, createdAt: '2021-01-01T00:00:00.000000Z', result: { ...oldAnalysis.result, regions: oldAnalysis.result.regions.slice(0, 1) } };
    await lib.store.deleteDocument(id);
    await lib.store.createDocument(legacy, { analyses: [oldAnalysis, since], index: buildIndexEntry(legacy, oldAnalysis.result) });
    assert.ok((await searchDocuments(lib.store, { q: '地区:富裕县' })).hits.some((h) => h.id === id), 'filed under 富裕县 before');
    await lib.reanalyze(id);
    const after = (await lib.getDocument(id))!;
    assert.deepEqual(after.regions, [], 'the copy of the old analysis is gone');
    assert.equal(after.source.publishedAt, '2002-03-05');
    assert.ok(!(await searchDocuments(lib.store, { q: '地区:富裕县' })).hits.some((h) => h.id === id), 'no longer under 富裕县');
    assert.ok((await searchDocuments(lib.store, { q: '地区:黑龙江 年份:2002' })).hits.some((h) => h.id === id), 'under 黑龙江, by its 2002 date');
    const given = await lib.addDocument({ text: '上海市宝山区推行社区通议事，居民协商表决。', regions: ['浙江省绍兴市诸暨市'] });
    assert.ok(given.status === 'imported');
    await lib.reanalyze(given.document.id);
    assert.deepEqual((await lib.getDocument(given.document.id))!.regions, ['330681'], 'places given at import stay');
    // A date the user removed on purpose is not filled from the text again.
    await lib.updateDocument(id, { source: { publishedAt: '' } });
    await lib.reanalyze(id);
    assert.equal((await lib.getDocument(id))!.source.publishedAt || undefined, undefined);
  });

  it('a re-analysis running while the regions are edited does not bring the old places back into the index', async () => {
    const r = await lib.addDocument({ text: `上海市宝山区推行楼组议事会，${'居民就停车、加装电梯等事项协商表决。'.repeat(20)}`, category: '实践案例' });
    assert.ok(r.status === 'imported');
    const id = r.document.id;
    const running = lib.reanalyze(id);
    await lib.updateDocument(id, { regions: [] });
    await running;
    const hits = (await searchDocuments(lib.store, { q: '楼组议事会 地区:上海' })).hits.map((h) => h.id);
    assert.ok(!hits.includes(id), 'the edit saved during the analysis holds');
  });

  it('analyses a renamed document again, so words of its old title no longer find it', async () => {
    const r = await lib.addDocument({ title: '璟珑典范纪念文集', text: '某街道成立居民议事会，每月讨论停车与加装电梯问题，居民参与度明显提高。' });
    assert.ok(r.status === 'imported');
    const find = async (q: string) => (await searchDocuments(lib.store, { q })).hits.some((h) => h.id === r.document.id);
    assert.ok(await find('璟珑典范'), 'found by its title at first');
    await lib.updateDocument(r.document.id, { title: '居民议事会停车议题记录' });
    const d = await lib.getDocument(r.document.id);
    assert.equal(d?.analyses.length, 2, 'a new analysis version, the old one kept');
    assert.ok(!(d?.analyses[0].result.keywords ?? []).some((k) => k.term.includes('璟珑')), JSON.stringify(d?.analyses[0].result.keywords?.map((k) => k.term)));
    assert.equal(await find('璟珑典范'), false);
    assert.ok(await find('停车议题'));
  });

  it('re-analysis appends a new analysis and keeps the older ones', async () => {
    const { items } = await lib.listDocuments({ limit: 1 });
    const before = (await lib.getDocument(items[0].id))!.analyses.length;
    await lib.reanalyze(items[0].id);
    const d = await lib.getDocument(items[0].id);
    assert.equal(d?.analyses.length, before + 1);
    assert.notEqual(d?.analyses[0].id, d?.analyses[1].id);
  });

  it('groups a repost of the same report into the first document’s cluster', async () => {
    const base = '北京市以12345市民服务热线为主渠道推进接诉即办，建立“每月一题”机制，对群众反映集中的高频难点问题开展专项治理。2023年全年受理群众诉求超过两千万件，诉求解决率和满意率持续提升。各区街道把热线数据作为发现问题、改进工作的重要依据，推动治理重心下移。';
    const a = await lib.addDocument({ title: '接诉即办', text: base, category: '实践案例' });
    const b = await lib.addDocument({ title: '转载：接诉即办', text: `（转载）${base}本文转自示例网站。`, category: '实践案例' });
    assert.ok(a.status === 'imported' && b.status === 'imported');
    if (a.status !== 'imported' || b.status !== 'imported') return;
    assert.equal(b.document.clusterId, a.document.clusterId);
    assert.deepEqual((await lib.cluster(a.document.id)).map((d) => d.id), [b.document.id]);
  });
});

describe('keyword statistics of the library', () => {
  it('once the library has enough documents, a word common across it ranks below the document\'s own subject', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhizhi-corpus-'));
    const store = new SqliteStore(join(dir, 'z.db'));
    try {
      const lib = await Library.open(store);
      const topics = ['垃圾分类', '加装电梯', '停车难', '养老服务', '物业纠纷', '社区食堂', '托育服务', '老旧小区', '消防安全', '邻里互助'];
      for (let i = 0; i < LIBRARY_CORPUS.minDocs + 10; i++) {
        await lib.addDocument({ text: `网格治理工作站第${i}期简报：本期围绕${topics[i % 10]}开展走访，网格治理工作站收集意见${i + 3}条，居民反映${topics[(i + 3) % 10]}问题。` });
      }
      const text = '网格治理工作站本期聚焦积分超市建设。积分超市由居民志愿服务积分兑换日用品，网格治理工作站负责登记。积分超市运行三个月，兑换两百余次。';
      const plain = analyze(text).keywords.map((k) => k.term);
      const r = await lib.addDocument({ text });
      assert.equal(r.status, 'imported');
      const inLibrary = r.status === 'imported' ? r.document.analyses[0].result.keywords?.map((k) => k.term) ?? [] : [];
      assert.equal(plain[0], '网格治理', 'without library statistics the common word leads');
      assert.equal(inLibrary[0], '积分超市', inLibrary.join(','));
      assert.ok(inLibrary.indexOf('网格治理') > plain.indexOf('网格治理'));
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('guessTitle', () => {
  it('skips what precedes a title by convention: the red header and 文号 of an official document, a date line, a dateline', () => {
    assert.equal(guessTitle('北京市人民政府办公厅文件\n京政办发〔2021〕7号\n北京市人民政府办公厅关于加强社区治理的通知\n各区人民政府：\n……'), '北京市人民政府办公厅关于加强社区治理的通知');
    assert.equal(guessTitle('国办发〔2021〕12号\n国务院办公厅关于加强基层治理的意见\n正文'), '国务院办公厅关于加强基层治理的意见');
    assert.equal(guessTitle('发布日期：2020-03-12\n某区推进老旧小区改造\n正文'), '某区推进老旧小区改造');
    assert.equal(guessTitle('000123\n机密★1年\n特急\n某市人民政府文件\n某政发〔2020〕3号\n某市关于网格化管理的实施意见\n正文'), '某市关于网格化管理的实施意见');
  });

  it('keeps a first line that only looks like a header when nothing official follows it', () => {
    assert.equal(guessTitle('社区治理相关政策文件\n本文汇总了近年的政策。'), '社区治理相关政策文件');
    assert.equal(guessTitle('国办发〔2021〕12号'), '国办发〔2021〕12号', 'a text of one line is its own title');
  });
});
