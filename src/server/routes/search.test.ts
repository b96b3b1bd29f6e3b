import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { caseText, makeTestApp, type TestApp } from '../testing.js';

describe('search API', () => {
  let t: TestApp;
  before(async () => {
    t = await makeTestApp({ startWorker: false });
    const docs = [
      { text: caseText(1), category: '实践案例', source: { publishedAt: '2021-05-01' } },
      { text: caseText(2, '北京市东城区') + '接诉即办改革让群众诉求“闪应”。', category: '新闻报道', source: { publishedAt: '2023-03-01' } },
      { text: '浙江省诸暨市坚持和发展新时代“枫桥经验”，矛盾不上交，平安不出事，服务不缺位。调解组织化解纠纷1200件。', category: '政策文件' },
    ];
    for (const d of docs) assert.equal((await t.app.inject({ method: 'POST', url: '/api/documents', payload: d })).statusCode, 201);
  });
  after(async () => t.close());

  it('returns {total, hits:[{id,title,snippet,score}], facets}', async () => {
    const r = await t.app.inject(`/api/search?q=${encodeURIComponent('社区治理')}`);
    assert.equal(r.statusCode, 200, r.body);
    const b = r.json();
    assert.ok(b.total >= 1);
    const h = b.hits[0];
    assert.ok(h.id && h.title && typeof h.snippet === 'string' && typeof h.score === 'number');
    assert.ok(Array.isArray(h.highlights));
    for (const f of ['category', 'theme', 'year', 'tag', 'collection', 'region']) assert.ok(Array.isArray(b.facets[f]), `facet ${f}`);
    assert.ok(Array.isArray(b.query.terms));
  });

  it('filters by category through the query string and the query language', async () => {
    const a = (await t.app.inject(`/api/search?q=&category=${encodeURIComponent('政策文件')}`)).json();
    assert.equal(a.total, 1);
    const b = (await t.app.inject(`/api/search?q=${encodeURIComponent('类别:新闻报道')}`)).json();
    assert.equal(b.total, 1);
    assert.match(b.hits[0].title, /东城/);
  });

  it('exports the result list as CSV and Markdown, in the search\'s order, with what a document is cited by', async () => {
    const formula = { text: '=HYPERLINK("http://x") 社区议事厅每月开放一次，居民自治。', title: '=社区议事厅', category: '实践案例', source: { publisher: '某区融媒体中心', docNumber: '某办发〔2024〕3号', url: 'https://example.org/a' } };
    const made = await t.app.inject({ method: 'POST', url: '/api/documents', payload: formula });
    assert.equal(made.statusCode, 201, made.body);
    try {
      const q = encodeURIComponent('社区 OR 枫桥经验');
      const shown = (await t.app.inject(`/api/search?q=${q}&limit=50`)).json();
      const csv = await t.app.inject(`/api/search/export?q=${q}`);
      assert.equal(csv.statusCode, 200, csv.body);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      assert.match(String(csv.headers['content-disposition']), /filename\*=UTF-8''%E6%A3%80%E7%B4%A2%E7%BB%93%E6%9E%9C-\d{4}-\d{2}-\d{2}\.csv/, '检索结果-<day>.csv');
      const lines = csv.body.replace(/^\ufeff/, '').trim().split('\r\n');
      assert.equal(lines[0], '序号,标题,类别,发布日期,作者,发布机构,发文机关,文号,地区,主题,原文链接,摘录,文档编号');
      assert.equal(lines.length - 1, shown.total);
      assert.deepEqual(lines.slice(1).map((l) => l.split(',').at(-1)), shown.hits.map((h: { id: string }) => h.id), 'the order of the search page');
      const row = lines.find((l) => l.includes('某办发〔2024〕3号'))!;
      assert.ok(row.includes(",'=社区议事厅,"), `a formula-like title stays text: ${row}`);
      assert.ok(row.includes('某区融媒体中心') && row.includes('https://example.org/a') && row.includes('未注明'), row);
      assert.ok(lines.some((l) => l.includes('2021-05-01')));
      const md = await t.app.inject(`/api/search/export?q=${q}&format=md&limit=1&sort=date`);
      assert.equal(md.statusCode, 200);
      assert.match(md.body, /^# 检索结果\n\n检索式：社区 OR 枫桥经验 · 排序：日期 · 共 \d+ 篇，导出前 1 篇/);
      assert.equal(md.body.trim().split('\n').filter((l) => l.startsWith('| ')).length, 3, 'head, rule and one row');
      assert.equal((await t.app.inject('/api/search/export?limit=5000')).statusCode, 400, 'at most 1,000');
      const partial = await t.app.inject(`/api/search/export?q=${encodeURIComponent('枫桥经验 宇航员')}&format=md`);
      assert.match(partial.body, /\n\n提示：没有同时包含全部词语的文档，以下结果包含部分词语/, 'the page\'s note travels with the file');
      assert.doesNotMatch((await t.app.inject('/api/search/export?year=abc&format=md')).body, /筛选：年份/, 'a year that filtered nothing is not named as a filter');
      const filtered = await t.app.inject(`/api/search/export?category=${encodeURIComponent('政策文件')}&format=md`);
      assert.match(filtered.body, /筛选：类别:政策文件/);
      assert.equal(filtered.body.trim().split('\n').filter((l) => l.startsWith('| ')).length, 3);
    } finally {
      await t.app.inject({ method: 'DELETE', url: `/api/documents/${made.json().id}` });
    }
  });

  it('never answers a hostile query with a 500', async () => {
    const hostile = [
      '"', '"""', "'; DROP TABLE documents; --", '宝山 OR OR OR', '-', '--', '-"', 'NEAR(a b)', 'title:* AND', '(((', ')))',
      '*', '^', '年份:abcd', '年份:9999-0', '地区:', '类别:"', '\u0000\u0001\u0007', '宝\u0000山', '%', '\\',
      'a'.repeat(10_000), '宝山'.repeat(5_000), 'x '.repeat(3000), '<script>alert(1)</script>',
    ];
    for (const q of hostile) {
      const r = await t.app.inject(`/api/search?q=${encodeURIComponent(q)}`);
      assert.ok(r.statusCode < 500, `q=${JSON.stringify(q.slice(0, 40))} gave ${r.statusCode}: ${r.body.slice(0, 200)}`);
      if (r.statusCode === 200) assert.ok(Array.isArray(r.json().hits));
      else assert.equal(r.json().code, 'BAD_REQUEST');
    }
    for (const qs of ['limit=-1', 'limit=99999', 'offset=-5', 'sort=evil', 'year=20x', 'q[]=a&q[]=b', 'region=%00', 'q=%ED%A0%80', 'q=%E5%AE', 'q=%%%', 'q=a&q=b']) {
      const r = await t.app.inject(`/api/search?${qs}`);
      assert.ok(r.statusCode < 500, `${qs} gave ${r.statusCode}`);
    }
  });

  it('answers a stray % or percent-escapes that are no UTF-8 with a 400 BAD_URL instead of searching their leftovers', async () => {
    for (const qs of ['q=%E7%A4%BE%E5%8C%BA%', 'q=%FF%FE', 'q=%E5%AE', 'q=%%%', 'category=%ZZ']) {
      const r = await t.app.inject(`/api/search?${qs}`);
      assert.equal(r.statusCode, 400, `${qs}: ${r.body}`);
      assert.equal(r.json().code, 'BAD_URL');
      assert.match(r.json().message, /转义不完整/);
    }
    assert.equal((await t.app.inject('/api/search?q=%E7%A4%BE%E5%8C%BA+100%25')).statusCode, 200, 'complete escapes, + and %25 are fine');
    const nul = (await t.app.inject('/api/search?q=%00')).json();
    const ctrl = (await t.app.inject('/api/search?q=%01')).json();
    assert.deepEqual([nul.total, ctrl.total], [0, 0], 'a NUL typed alone lists nothing, as another control character');
    assert.match(nul.message, /只有常用虚词、泛用词或符号/);
  });

  it('answers q[]=… (an array-style parameter) with a 400 that names the right form, not with the whole library', async () => {
    const r = await t.app.inject(`/api/search?${encodeURIComponent('q[]')}=${encodeURIComponent('改革')}`);
    assert.equal(r.statusCode, 400, r.body);
    assert.match(r.json().message, /请写 q=/);
  });

  it('suggests completions', async () => {
    const r = await t.app.inject(`/api/suggest?q=${encodeURIComponent('枫桥')}`);
    assert.equal(r.statusCode, 200, r.body);
    assert.ok(Array.isArray(r.json().items));
    assert.deepEqual((await t.app.inject('/api/suggest?q=')).json(), { items: [] });
  });

  it('suggests for the last word of a long pasted question (it answered 400 past 200 characters)', async () => {
    const complaint = `${'我家楼下的餐馆每天晚上营业到凌晨，油烟和噪音让人无法入睡，多次向社区反映都没有结果。'.repeat(6)} 地区:浙`;
    assert.ok(complaint.length > 200);
    const r = await t.app.inject(`/api/suggest?q=${encodeURIComponent(complaint)}`);
    assert.equal(r.statusCode, 200, r.body);
    const items = r.json().items as { query: string }[];
    assert.ok(items.length > 0, 'places are suggested after 地区:');
    assert.ok(items.every((i) => i.query.startsWith(complaint.slice(0, -1))), 'each suggestion keeps the whole question');
  });
});
