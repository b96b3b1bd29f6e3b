import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { DEFAULT_CATEGORIES } from '../../domain/index.js';
import { segment } from '../../text/segment.js';
import { buildApp } from '../app.js';
import { caseText, makeTestApp, type TestApp } from '../testing.js';

describe('settings, lexicon, stats and backup API', () => {
  let t: TestApp;
  before(async () => {
    t = await makeTestApp({ startWorker: false });
    const docs = [
      { text: caseText(1), category: '实践案例', source: { publishedAt: '2021-05-01' } },
      { text: caseText(2, '浙江省杭州市'), category: '政策文件', source: { publishedAt: '2023-03-01' } },
      { text: caseText(3, '上海市徐汇区'), category: '实践案例', source: { publishedAt: '2023-07-01' } },
    ];
    for (const d of docs) assert.equal((await t.app.inject({ method: 'POST', url: '/api/documents', payload: d })).statusCode, 201);
  });
  after(async () => t.close());

  it('shows settings and replaces the category list', async () => {
    const s = (await t.app.inject('/api/settings')).json();
    assert.deepEqual(s.categories, [...DEFAULT_CATEGORIES]);
    assert.equal(s.themes.length, 23, 'the themes an edit may choose');
    assert.ok(s.themes.includes('议事协商'));
    assert.equal(s.store, 'sqlite');
    assert.equal(s.dataDir, t.dir);
    assert.equal(s.documentCount, 3);
    assert.match(s.version, /^\d+\.\d+\.\d+/);
    const put = await t.app.inject({ method: 'PUT', url: '/api/settings/categories', payload: { categories: ['案例', ' 政策 ', '案例'] } });
    assert.equal(put.statusCode, 200);
    assert.deepEqual(put.json().categories, ['案例', '政策']);
    assert.deepEqual((await t.app.inject('/api/settings')).json().categories, ['案例', '政策']);
    assert.equal((await t.app.inject({ method: 'PUT', url: '/api/settings/categories', payload: { categories: [] } })).statusCode, 400);
  });

  it('lists the lexicon and adds a user term that segmentation uses at once and after a restart', async () => {
    const lex = (await t.app.inject('/api/lexicon')).json();
    assert.ok(lex.items.some((e: { term: string; user: boolean }) => e.term === '枫桥经验' && !e.user));
    const term = '楼组微治理';
    assert.ok(segment(`推进${term}试点`).every((x) => x.text !== term), 'jieba splits the new term before it is added');
    const r = await t.app.inject({ method: 'POST', url: '/api/lexicon', payload: { term, kind: 'mechanism', synonyms: ['楼组自治'] } });
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().user, true);
    assert.ok(segment(`推进${term}试点`).some((x) => x.text === term));
    const after = (await t.app.inject('/api/lexicon')).json();
    assert.ok(after.items.some((e: { term: string; user: boolean; synonyms: string[] }) => e.term === term && e.user && e.synonyms.includes('楼组自治')));
    assert.deepEqual((await t.lib.store.getSetting<{ term: string }[]>('userLexicon'))?.map((x) => x.term), [term]);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/lexicon', payload: { term: '有 空格' } })).statusCode, 400);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/lexicon', payload: { term: 'x', kind: 'nonsense' } })).statusCode, 400);
  });

  it('computes the overview stats', async () => {
    const r = await t.app.inject('/api/stats');
    assert.equal(r.statusCode, 200, r.body);
    const s = r.json();
    assert.equal(s.total, 3);
    assert.deepEqual(s.byCategory.find((c: { value: string }) => c.value === '实践案例')?.count, 2);
    const sh = s.byProvince.find((p: { code: string }) => p.code === '31');
    assert.deepEqual(sh, { code: '31', name: '上海市', count: 2 });
    assert.ok(s.byProvince.some((p: { name: string }) => p.name === '浙江省'));
    assert.deepEqual(s.byYear.map((y: { value: string }) => y.value), ['2021', '2023']);
    assert.ok(s.themeTrend.every((x: { year: number; theme: string; count: number }) => [2021, 2023].includes(x.year) && x.theme && x.count > 0));
    assert.equal(s.recent.length, 3);
    assert.equal(s.recent[0].text, undefined);
  });

  it('streams a consistent SQLite backup that opens with every document', async () => {
    const r = await t.app.inject('/api/backup');
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-disposition']), /zhizhi-backup-\d{8}-\d{6}\.db/);
    const file = join(t.dir, 'copy.db');
    writeFileSync(file, r.rawPayload);
    const db = new Database(file, { readonly: true });
    try {
      assert.equal((db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n, 3);
      assert.equal((db.pragma('integrity_check') as { integrity_check: string }[])[0].integrity_check, 'ok');
    } finally {
      db.close();
    }
  });

  it('refuses the backup and the category change to non-admins in team mode', async () => {
    const team = await buildApp({ library: t.lib, teamMode: true, startWorker: false, webDist: join(t.dir, 'none') });
    try {
      const b = await team.inject('/api/backup');
      assert.equal(b.statusCode, 401);
      assert.match(b.json().message, /请先登录/);
      assert.equal((await team.inject('/api/health')).statusCode, 200);
      assert.equal((await team.inject('/api/docs/json')).statusCode, 401, 'the API description needs sign-in in team mode');
    } finally {
      await team.close();
    }
  });
});
