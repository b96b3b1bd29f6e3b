import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Document } from '../domain/index.js';
import { buildIndexEntry, documentSortDate, documentYear, indexTokens } from './tokens.js';
import { regionInfo, resolveRegion, withAncestors } from './regions.js';

describe('indexTokens', () => {
  it('keeps words, a consecutive bigram chain per Han run, single characters and whole figures', () => {
    const t = indexTokens('上海宝山93.6万居民');
    assert.ok(t.includes('宝山') && t.includes('93.6万'));
    const chain = ['上海', '海宝', '宝山'];
    const at = t.indexOf('海宝');
    assert.deepEqual(t.slice(at - 1, at + 2), chain, 'bigrams of a run are consecutive');
    assert.ok(indexTokens('璟珑').includes('璟珑'), 'unknown words are indexed as bigrams');
    assert.deepEqual(['推进5G基站', '4K超高清', '3D打印'].map((s) => indexTokens(s).find((t) => /\d/.test(t))), ['5g', '4k', '3d'], 'a number with letters after it is one token');
    assert.ok(indexTokens('投资100亿元GDP').includes('100亿元'), 'a figure with its unit stays a figure before letters');
    for (const [text, parts] of [['通过12345APP反映', ['12345app', '12345', 'app']], ['新建500kV变电站', ['500kv', '500', 'kv']]] as const) {
      assert.deepEqual(indexTokens(text).filter((t) => /[\da-z]/.test(t)), parts, `${text}: also found by its number and its letters`);
    }
  });

  it('normalises traditional characters, full width and case, and keeps only FTS token characters', () => {
    assert.deepEqual(indexTokens('網格'), indexTokens('网格'));
    assert.ok(indexTokens('ＡＢＣ').includes('abc'));
    for (const tok of indexTokens('“社区”（治理）、COVID-19！ a+b #5 ~^ 12345市民服务热线')) assert.match(tok, /^[\p{L}\p{N}.\-%+#_]+$/u);
    assert.ok(indexTokens('12345市民服务热线').includes('12345'));
  });
});

describe('buildIndexEntry', () => {
  it('fills fields and facets: region ancestors, analysis themes above the threshold, year from publication', () => {
    const d: Document = {
      id: 'x', title: '宝山社区', category: '实践案例', source: { authors: [], publishedAt: '2021-05' }, regions: [], tags: ['a'], themes: [], setByUser: [],
      text: '全人群参与', textHash: 'h', original: null, clusterId: null, groupId: null, createdAt: '2024-01-01T00:00:00.000000Z', updatedAt: '2024-01-01T00:00:00.000000Z',
    };
    const e = buildIndexEntry(d, {
      keywords: [{ term: '社区治理', weight: 1, spans: [] }],
      themes: [{ name: '基层治理', score: 0.8, evidence: [], spans: [] }, { name: '数字治理', score: 0.1, evidence: [], spans: [] }],
      regions: [{ name: '上海市宝山区', code: '310113', level: 'district', path: [{ name: '上海市', code: '31' }, { name: '宝山区', code: '310113' }], alternatives: [], mentions: 1, spans: [] }],
      mechanisms: [{ name: '人民信箱', kind: 'mechanism', spans: [] }],
    });
    assert.deepEqual(e.facets.region.sort(), ['31', '310113']);
    assert.deepEqual(e.facets.theme, ['基层治理']);
    assert.equal(e.year, 2021);
    assert.deepEqual(e.facets.year, ['2021']);
    assert.ok(e.keywords.split(' ').includes('社区治理'));
    assert.ok(e.entities.split(' ').includes('人民信箱'));
    assert.deepEqual(buildIndexEntry({ ...d, themes: ['用户主题'] }).facets.theme, ['用户主题'], 'user themes win');
  });

  it('files a national document (国务院…, an issuer of the whole country) only under places its title names, not under every place it mentions', () => {
    const place = (name: string, code: string) => ({ name, code, level: 'province' as const, path: [{ name, code }], alternatives: [], mentions: 3, spans: [] });
    const found = { regions: [place('香港特别行政区', '81'), place('澳门特别行政区', '82'), place('浙江省', '33')] };
    const doc = (title: string, issuer?: string): Document => ({
      id: 'n', title, category: '政策文件', source: { authors: [], ...(issuer ? { issuer } : {}) }, regions: [], tags: [], themes: [], setByUser: [],
      text: '……', textHash: 'h', original: null, clusterId: null, groupId: null, createdAt: '2024-01-01T00:00:00.000000Z', updatedAt: '2024-01-01T00:00:00.000000Z',
    });
    assert.deepEqual(buildIndexEntry(doc('2022年国务院政府工作报告'), found).facets.region, []);
    assert.deepEqual(buildIndexEntry(doc('《中共中央 国务院关于加强基层治理体系和治理能力现代化建设的意见》要点'), found).facets.region, []);
    assert.deepEqual(buildIndexEntry(doc('关于加强乡村治理的指导意见', '中共中央办公厅 国务院办公厅'), found).facets.region, [], 'by its issuer');
    assert.deepEqual(buildIndexEntry(doc('国务院关于支持浙江高质量发展建设共同富裕示范区的意见'), found).facets.region, ['33'], 'the place its title names');
    assert.deepEqual(buildIndexEntry(doc('桐乡市“三治融合”的经验'), found).facets.region.sort(), ['33', '81', '82'], 'a local document keeps every place it mentions');
    assert.deepEqual(buildIndexEntry(doc('中央大街商圈的联合治理'), found).facets.region.sort(), ['33', '81', '82'], '中央 of a street is no organ');
    assert.deepEqual(buildIndexEntry(doc('国家级新区的社区治理'), found).facets.region.sort(), ['33', '81', '82']);
    assert.deepEqual(buildIndexEntry(doc('全国首个社区议事厅'), found).facets.region.sort(), ['33', '81', '82'], 'a local first (全国首个) is not national');
    assert.deepEqual(buildIndexEntry({ ...doc('2022年国务院政府工作报告'), regions: ['81'] }, found).facets.region, ['81'], 'places given with the document stay');
  });

  it('files a place the analysis left undecided only under what all its namesakes share, never under the first one', () => {
    const d: Document = {
      id: 'y', title: '街道', category: '实践案例', source: { authors: [] }, regions: [], tags: [], themes: [], setByUser: [],
      text: '朝阳区 鼓楼区', textHash: 'h', original: null, clusterId: null, groupId: null, createdAt: '2024-01-01T00:00:00.000000Z', updatedAt: '2024-01-01T00:00:00.000000Z',
    };
    const undecided = (name: string, codes: string[]) => ({
      name, code: codes[0], level: 'district' as const, path: withAncestors(codes[0]).map((c) => ({ name: regionInfo(c)!.name, code: c })),
      alternatives: codes.slice(1).map((c) => ({ name, code: c })), mentions: 1, spans: [],
    });
    // 朝阳区: Beijing's (110105) or Changchun's (220104): nothing in common. 鼓楼区 of Nanjing or Xuzhou: both in 江苏 (32).
    const e = buildIndexEntry(d, { regions: [undecided('朝阳区', ['110105', '220104']), undecided('鼓楼区', ['320106', '320302'])] });
    assert.deepEqual(e.facets.region, ['32']);
  });

  it('files a document under exactly the places and themes a user set by hand, even none, whatever the analysis found', () => {
    const d: Document = {
      id: 'z', title: '宝山', category: '实践案例', source: { authors: [] }, regions: ['330681'], tags: [], themes: [], setByUser: [],
      text: '宝山', textHash: 'h', original: null, clusterId: null, groupId: null, createdAt: '2024-01-01T00:00:00.000000Z', updatedAt: '2024-01-01T00:00:00.000000Z',
    };
    const analysis = {
      themes: [{ name: '基层治理', score: 0.8, evidence: [], spans: [] }],
      regions: [{ name: '上海市宝山区', code: '310113', level: 'district' as const, path: [{ name: '上海市', code: '31' }, { name: '宝山区', code: '310113' }], alternatives: [], mentions: 1, spans: [] }],
    };
    assert.deepEqual(buildIndexEntry(d, analysis).facets.region.sort(), ['31', '310113', '33', '3306', '330681'], 'untouched: stored and detected places');
    const byUser = buildIndexEntry({ ...d, setByUser: ['regions', 'themes'] }, analysis);
    assert.deepEqual(byUser.facets.region.sort(), ['33', '3306', '330681']);
    assert.deepEqual(byUser.facets.theme, []);
    assert.deepEqual(buildIndexEntry({ ...d, regions: [], setByUser: ['regions'] }, analysis).facets.region, []);
  });

  it('resolves region names and codes with ancestors', () => {
    assert.deepEqual(resolveRegion('上海'), ['31']);
    assert.deepEqual(resolveRegion('上海市宝山区'), ['310113']);
    assert.deepEqual(withAncestors('330106'), ['33', '3301', '330106']);
  });

  it('reads the publication date that 按日期 sorts by and the 年份 facet files under; an undated document has neither', () => {
    const at = (publishedAt?: string) => documentSortDate({ source: { authors: [], ...(publishedAt ? { publishedAt } : {}) } });
    assert.equal(at('2021年5月1日'), '2021-05-01');
    assert.equal(at('2021/5/1'), '2021-05-01');
    assert.equal(at('2024-02-29'), '2024-02-29');
    assert.equal(at('2024'), '2024');
    assert.equal(at('2019年3月'), '2019-03');
    assert.equal(at('20210501'), '2021-05-01');
    assert.equal(at(), '', 'not the day it was imported');
    assert.equal(at('不详'), '');
    assert.ok(at() < at('1954'), 'sorts after every date when newest come first');
    assert.equal(documentYear({ source: { authors: [], publishedAt: '2019年3月' } }), 2019);
    assert.equal(documentYear({ source: { authors: [] } }), null);
    // Undated, the one year its title states: after that year's dated documents, before the undated.
    const report = { title: '2008年国务院政府工作报告', source: { authors: [] } };
    assert.equal(documentYear(report), 2008);
    assert.equal(documentSortDate(report), '2008');
    assert.ok(documentSortDate(report) < '2008-03-05' && documentSortDate(report) > at(), 'ordered among dates');
    assert.equal(documentYear({ title: '2008年国务院政府工作报告', source: { authors: [], publishedAt: '2008-03-05' } }), 2008, 'a date wins');
    assert.equal(documentYear({ title: '2019年回顾', source: { authors: [], publishedAt: '2020-01-10' } }), 2020, 'over the title\'s year');
    assert.equal(documentYear({ title: '大事记（1980—2023）', source: { authors: [] } }), null);
  });

  it('describes a street or town and rolls it up to its district, city and province', () => {
    assert.deepEqual(regionInfo('310105009'), { code: '310105009', name: '虹桥街道', level: 'street', parent: '310105' });
    assert.deepEqual(withAncestors('310105009'), ['31', '310105', '310105009'], 'a municipality has no city level');
    assert.deepEqual(withAncestors('330106002'), ['33', '3301', '330106', '330106002']);
    assert.deepEqual(resolveRegion('310105009'), ['310105009']);
  });
});
