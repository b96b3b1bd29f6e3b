import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { AuthService } from '../src/auth/auth-service.js';
import { Library } from '../src/library/library.js';
import { artifacts, launch, openPage } from './browser.js';
import { startServer, type RunningServer } from './server.js';

describe('team mode in the browser', () => {
  let browser: Browser;
  let server: RunningServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'zhizhi-team-e2e-'));
  let docId = '';
  before(async () => {
    const store = new SqliteStore(join(dataDir, 'zhizhi.db'));
    await new AuthService(store).createUser({ username: 'admin', password: 'admin-pass-1', role: 'admin' });
    await new AuthService(store).createUser({ username: 'reader', password: 'reader-pass-1', role: 'viewer' });
    await new AuthService(store).createUser({ username: 'fieldwork', password: 'editor-pass-1', role: 'editor', groups: ['基层调研组'] });
    const lib = await Library.open(store);
    const added = await lib.addDocument({ title: '楼道议事会', text: '宝山区某街道推行楼道议事会，居民自定停车公约。', category: '实践案例' });
    if (added.status === 'imported') docId = added.document.id;
    await lib.close();
    server = await startServer({ ZHIZHI_DATA_DIR: dataDir, ZHIZHI_AUTH: 'required', ZHIZHI_INSECURE_COOKIES: '1', ZHIZHI_DEMO: '0' });
    browser = await launch();
  });
  after(async () => { await browser?.close(); await server?.stop(); });

  test('asks for sign-in, then lets an admin create an API token shown once and see it in the audit log', async (t) => {
    assert.equal((await fetch(`${server.url}/api/documents`)).status, 401, 'the API refuses anonymous requests');
    const { page, errors, context } = await openPage(browser, server.url);
    let failed = true;
    try {
      await page.goto('/settings');
      await page.getByText('登录治知').waitFor();
      await page.getByLabel('用户名').fill('admin');
      await page.getByLabel('密码').fill('wrong-password');
      await page.locator('button[type=submit]').click();
      await page.getByText('用户名或密码错误').waitFor();
      await page.getByLabel('密码').fill('admin-pass-1');
      await page.locator('button[type=submit]').click();
      await page.getByText('API 令牌').waitFor();
      await page.getByLabel('令牌名称').fill('每周导出脚本');
      await page.getByRole('button', { name: '创建令牌' }).click();
      const secret = (await page.locator('.ant-modal code').innerText()).trim();
      assert.match(secret, /^zt_/);
      await page.getByRole('button', { name: '我已保存' }).click();
      await page.getByRole('cell', { name: '每周导出脚本' }).waitFor();
      const api = await fetch(`${server.url}/api/documents`, { headers: { authorization: `Bearer ${secret}` } });
      assert.equal(api.status, 200, 'the new token opens the API to scripts');
      await page.reload();
      await page.getByRole('cell', { name: 'token.create' }).first().waitFor();
      const cookies = await context.cookies();
      const session = cookies.find((c) => c.name === 'zhizhi_session');
      assert.ok(session?.httpOnly, 'the session cookie is HttpOnly');
      assert.equal(session?.sameSite, 'Strict');
      const expected = errors.filter((e) => !/401|Unauthorized/.test(e));
      assert.deepEqual(expected.filter((e) => !/status of 401/.test(e)), [], 'no console errors beyond the refused sign-in');
      failed = false;
    } finally {
      await artifacts(page, `team-${t.name}`, failed);
      await context.close();
    }
  });

  test('shows a reader (读者) no controls that change the library: no 重新分析, 加入专题, 编辑信息, bulk actions or 导入', async (t) => {
    const { page, errors, context } = await openPage(browser, server.url);
    let failed = true;
    try {
      await page.goto(`/documents/${docId}`);
      await page.getByLabel('用户名').fill('reader');
      await page.getByLabel('密码').fill('reader-pass-1');
      await page.locator('button[type=submit]').click();
      await page.getByTestId('doc-text').waitFor();
      await page.getByText('相似与同案文献').waitFor();
      for (const name of ['重新分析', '加入专题']) assert.equal(await page.getByRole('button', { name }).count(), 0, name);
      assert.equal(await page.getByText('编辑信息（类别、来源、地区、标签、主题）').count(), 0);
      assert.equal(await page.getByRole('link', { name: '导入' }).count(), 0);
      await page.goto('/library');
      await page.getByText('楼道议事会').first().waitFor();
      assert.equal(await page.getByRole('button', { name: /删\s*除/ }).count(), 0);
      assert.equal(await page.locator('.ant-table-selection-column').count(), 0, 'no row selection');
      assert.deepEqual(errors.filter((e) => !/401|Unauthorized/.test(e)), []);
      failed = false;
    } finally {
      await artifacts(page, `team-${t.name}`, failed);
      await context.close();
    }
  });

  test('an editor in a group pastes a document for the group only, sees it marked as such, and opens it to the whole library', async (t) => {
    const { page, errors, context } = await openPage(browser, server.url);
    let failed = true;
    try {
      await page.goto('/import');
      await page.getByLabel('用户名').fill('fieldwork');
      await page.getByLabel('密码').fill('editor-pass-1');
      await page.locator('button[type=submit]').click();
      await page.getByLabel('导入到分组').click();
      await page.locator('.ant-select-item-option', { hasText: '仅「基层调研组」分组可见' }).click();
      await page.getByRole('tab', { name: '粘贴文本' }).click();
      await page.getByLabel('标题').fill('内部座谈纪要');
      await page.getByLabel('正文').fill('基层调研组在璟珑社区召开座谈会，居民反映楼道堆物和停车问题，社区承诺两周内答复。');
      await page.getByRole('button', { name: '保存并分析' }).click();
      await page.getByRole('link', { name: '内部座谈纪要' }).click();
      await page.getByTestId('doc-group').waitFor();
      assert.match(await page.getByTestId('doc-group').innerText(), /仅「基层调研组」分组可见/);
      const id = new URL(page.url()).pathname.split('/').pop()!;
      const asReader = async () => (await fetch(`${server.url}/api/documents/${id}`, { headers: { cookie: await readerCookie() } })).status;
      assert.equal(await asReader(), 404, 'outside the group it does not exist');
      // 编辑信息 → 可见范围 → 全库可见
      await page.getByText('编辑信息（类别、来源、地区、标签、主题）').click();
      await page.getByLabel('可见范围').click();
      await page.locator('.ant-select-item-option', { hasText: '全库可见' }).click();
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByTestId('doc-group').waitFor({ state: 'detached' });
      assert.equal(await asReader(), 200, 'now everyone sees it');
      assert.deepEqual(errors.filter((e) => !/401|Unauthorized/.test(e)), []);
      failed = false;
    } finally {
      await artifacts(page, `team-${t.name}`, failed);
      await context.close();
    }
  });

  /** A reader's session cookie, signed in through the API. */
  async function readerCookie(): Promise<string> {
    const r = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'reader', password: 'reader-pass-1' }) });
    return (r.headers.get('set-cookie') ?? '').split(';')[0];
  }
});
