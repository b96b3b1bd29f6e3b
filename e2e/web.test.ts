// Browser suite: the real server (e2e/server.ts) + Debian's Chromium via playwright-core.
// Every test saves test-artifacts/<name>.png (and <name>.html on failure) and fails on any console error.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import type { Browser, Locator, Page } from 'playwright-core';
import { artifacts, launch, openPage } from './browser.js';
import { startServer, type RunningServer } from './server.js';
import { docx } from './docx.js';

// Callbacks passed to page.evaluate run in the page; the root tsconfig has no DOM types, hence `globalThis as any`.
let server: RunningServer;
let browser: Browser;
const RUN = Date.now().toString(36).slice(-5);
const imported: Record<string, string> = {};

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const r = await fetch(`${server.url}/api${path}`, init);
  assert.ok(r.ok, `${init?.method ?? 'GET'} ${path} → ${r.status} ${await r.clone().text()}`);
  return (await r.json()) as T;
}

/** Opens a page, runs `fn`, saves artifacts and asserts that no page logged a console error. */
async function withPage(name: string, fn: (page: Page) => Promise<void>, viewport?: { width: number; height: number }, allow?: RegExp): Promise<void> {
  const s = await openPage(browser, server.url, viewport);
  let failed = true;
  try {
    await fn(s.page);
    failed = false;
  } finally {
    await artifacts(s.page, name, failed);
    await s.context.close();
  }
  assert.deepEqual(s.errors.filter((e) => !allow?.test(e)), [], `console errors on ${name}`);
}

/**
 * Types into a search box and waits for the suggestions of the whole text: those of a shorter prefix may
 * arrive first and be replaced under the pointer (a click on them is lost).
 */
async function typeForSuggestions(page: Page, box: Locator, text: string): Promise<void> {
  const done = page.waitForResponse((r) => r.url().includes('/api/suggest') && new URL(r.url()).searchParams.get('q') === text);
  await box.pressSequentially(text);
  await done;
}

async function highlightedMatchesSpan(page: Page, docId: string): Promise<void> {
  const mark = page.getByTestId('active-span');
  await mark.waitFor({ state: 'visible', timeout: 10_000 });
  const start = Number(await mark.getAttribute('data-start'));
  const end = Number(await mark.getAttribute('data-end'));
  const doc = await api<{ text: string }>(`/documents/${docId}`);
  assert.ok(end > start, 'highlight has a non-empty span');
  assert.equal(await mark.textContent(), doc.text.slice(start, end), 'highlighted text equals the span text');
}

describe('web UI', { timeout: 300_000 }, () => {
  before(async () => {
    server = await startServer();
    browser = await launch();
    // `serve` may load the demo in the background: wait until two practice cases are there.
    for (let i = 0; i < 120; i++) {
      const r = await api<{ total: number }>(`/documents?category=${encodeURIComponent('实践案例')}&limit=2`);
      if (r.total >= 2) break;
      await new Promise((res) => setTimeout(res, 500));
    }
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('imports a .docx and a GBK .txt through the Import page and the progress bar finishes', async () => {
    await withPage('import', async (page) => {
      await page.goto('/import');
      await page.getByLabel('导入类别').click();
      await page.locator('.ant-select-item-option[title="调研报告"]').click();
      const docxBytes = docx([`睦邻客厅${RUN}：临江街道社区议事实践`, `临江街道建成睦邻客厅${RUN}共12个，服务居民3.5万人次。`, '居民诉求24小时内响应，满意度达到96%。']);
      const gbkBytes = iconv.encode(`临江街道网格化管理调研${RUN}\n全街道划分网格86个，配备专职网格员172名。\n共化解矛盾纠纷1260件，化解率达到98.5%。\n`, 'gbk');
      await page.locator('.ant-upload input[type=file]').setInputFiles([
        { name: `linjiang-${RUN}.docx`, mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docxBytes },
        { name: `wangge-${RUN}.txt`, mimeType: 'text/plain', buffer: gbkBytes },
      ]);
      const card = page.locator('[data-testid=job-card][data-state=done]');
      await card.waitFor({ timeout: 60_000 });
      assert.match(await page.getByTestId('job-summary').textContent() ?? '', /导入 2 篇/);
      assert.equal(await page.locator('[role=progressbar]').first().getAttribute('aria-valuenow'), '100');
      for (const a of await page.getByTestId('imported-link').all()) {
        imported[(await a.textContent())!] = (await a.getAttribute('href'))!.split('/').pop()!;
      }
      assert.ok(imported[`linjiang-${RUN}.docx`] && imported[`wangge-${RUN}.txt`], `both files imported: ${JSON.stringify(imported)}`);
      const gbk = await api<{ text: string; category: string }>(`/documents/${imported[`wangge-${RUN}.txt`]}`);
      assert.match(gbk.text, /专职网格员172名/, 'GBK text decoded');
      assert.equal(gbk.category, '调研报告');
    });
  });

  test('imports a CSV batch with a field mapping; per-row errors and duplicates are listed', async () => {
    await withPage('import-batch', async (page) => {
      await page.goto('/import');
      await page.getByRole('tab', { name: /批量/ }).click();
      const good = `社区食堂${RUN}开业一年，累计服务老年人1.2万人次，满意度达到97%。`;
      const csv = `标题,正文,发布日期\n社区食堂${RUN},${good},2024-05-01\n空行${RUN},,2024-05-02\n重复${RUN},${good},2024-05-03\n`;
      await page.locator('input[type=file][accept=".jsonl,.csv,.ndjson"]').setInputFiles({ name: `batch-${RUN}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await page.getByRole('button', { name: /开始批量导入/ }).click();
      await page.locator('[data-testid=job-card][data-state=done]').waitFor({ timeout: 60_000 });
      const summary = (await page.getByTestId('job-summary').textContent()) ?? '';
      assert.match(summary, /导入 1 篇/);
      assert.match(summary, /重复 1 篇/);
      assert.match(summary, /失败 1 篇/);
      await page.getByTestId('duplicate-link').first().waitFor();
      assert.equal(await page.getByTestId('imported-link').textContent(), `社区食堂${RUN}（第 2 行）`, 'an imported row is named by its title and row');
      const errs = (await page.locator('[data-testid=job-card] .ant-alert-error').textContent()) ?? '';
      assert.match(errs, /[\u4e00-\u9fff]/, `row error in Chinese: ${errs}`);
    });
  });

  test('pasting an exact duplicate shows a link to the existing document', async () => {
    const text = `楼道议事${RUN}：居民自主商定加装电梯方案，惠及住户48户。`;
    const first = await api<{ id: string }>('/documents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text, category: '实践案例' }) });
    // The browser logs the expected 409 response itself; only that line is tolerated.
    await withPage('import-paste-duplicate', async (page) => {
      await page.goto('/import');
      await page.getByRole('tab', { name: '粘贴文本' }).click();
      await page.getByLabel('正文').fill(text);
      await page.getByRole('button', { name: /保存并分析/ }).click();
      const dup = page.getByTestId('paste-duplicate');
      await dup.waitFor();
      assert.equal(await dup.getByRole('link', { name: '查看已有文献' }).getAttribute('href'), `/documents/${first.id}`);
    }, undefined, /status of 409/);
  });

  test('finds the imported document by search with a category filter', async () => {
    const id = imported[`linjiang-${RUN}.docx`];
    assert.ok(id, 'import test ran first');
    await withPage('search', async (page) => {
      await page.goto('/search');
      // Enter searches what was typed, even while suggestions (睦邻客厅…) are open.
      await typeForSuggestions(page, page.getByLabel('检索词'), '睦邻');
      await page.locator('.ant-select-item-option', { hasText: '睦邻客厅' }).first().waitFor({ timeout: 10_000 });
      await page.getByLabel('检索词').press('Enter');
      await page.waitForURL((u) => new URL(u).searchParams.get('q') === '睦邻');
      // A suggestion completes the last word and keeps the words before it. (The box takes the query of the
      // URL once its results arrive: wait for them before typing anew.)
      await page.getByTestId('search-results').waitFor();
      await page.getByLabel('检索词').fill('');
      await typeForSuggestions(page, page.getByLabel('检索词'), '议事 睦邻');
      await page.locator('.ant-select-item-option', { hasText: '睦邻客厅' }).first().click();
      await page.waitForURL((u) => (new URL(u).searchParams.get('q') ?? '').startsWith('议事 睦邻客厅'));
      await page.getByLabel('检索词').fill(`睦邻客厅${RUN}`);
      await page.getByLabel('检索词').press('Enter');
      await page.getByTestId('search-results').waitFor();
      const facet = page.locator('.zz-facet', { has: page.locator('h4', { hasText: '类别' }) }).locator('button', { hasText: '调研报告' });
      await facet.click();
      await page.waitForURL(/category=%E8%B0%83%E7%A0%94%E6%8A%A5%E5%91%8A|category=调研报告/);
      await page.locator('.ant-tag', { hasText: '类别：调研报告' }).waitFor();
      await page.locator(`[data-testid=search-results] a[href^="/documents/${id}?"]`).waitFor({ timeout: 10_000 });
      assert.ok(await page.locator('[data-testid=search-results] mark').count() > 0, 'snippet has highlighted terms');
      await page.locator('[data-testid=search-results] .ant-tag', { hasText: '匹配说明' }).first().hover();
      await page.locator('.ant-tooltip', { hasText: '为什么匹配' }).waitFor({ timeout: 5_000 });
      // The result list, as filtered, is exported as a CSV file Excel opens.
      await page.getByRole('button', { name: /导出/ }).hover();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /CSV/ }).click()]);
      assert.match(download.suggestedFilename(), /^检索结果-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = readFileSync(await download.path(), 'utf8');
      assert.ok(csv.startsWith('\ufeff序号,标题,类别,发布日期'), csv.slice(0, 80));
      assert.ok(csv.includes(id) && csv.includes('调研报告'), 'the document found, with its category');
      // The demo's three reports of Beijing's 接诉即办 law are one same-case cluster.
      await page.goto(`/search?q=${encodeURIComponent('接诉即办立法')}`);
      await page.locator('[data-testid=search-results] .ant-tag', { hasText: '同案另有 2 篇' }).first().waitFor({ timeout: 10_000 });
    });
  });

  test('the match explanation names the synonym found; -类别: in the search box and the − beside a facet value leave that category out', async () => {
    await withPage('synonym-explain', async (page) => {
      // The demo loads in the background: wait for the case that says 社区协商 but never 议事协商.
      const q = '议事协商';
      for (let i = 0; i < 120; i++) {
        const r = await api<{ hits: { title: string }[] }>(`/search?q=${encodeURIComponent(q)}&limit=50`);
        if (r.hits.some((h) => h.title.includes('沈阳模式'))) break;
        await new Promise((res) => setTimeout(res, 500));
      }
      await page.goto(`/search?q=${encodeURIComponent(q)}`);
      const hit = page.locator('[data-testid=search-results] article', { hasText: '沈阳模式' });
      await hit.locator('.ant-tag', { hasText: '匹配说明' }).hover();
      await page.locator('.ant-tooltip', { hasText: /「议事协商」以「[^」]+」/ }).waitFor({ timeout: 5_000 });
      const category = page.locator('.zz-facet', { has: page.locator('h4', { hasText: '类别' }) });
      await category.locator('button', { hasText: '政策文件' }).waitFor();
      await page.goto(`/search?q=${encodeURIComponent(`${q} -类别:政策文件`)}`);
      await page.getByTestId('search-results').waitFor();
      await category.locator('button', { hasText: '实践案例' }).waitFor();
      assert.equal(await category.locator('button', { hasText: '政策文件' }).count(), 0, 'the excluded category is gone from the facet');
      // The − beside a facet value writes the exclusion into the query.
      await page.getByRole('button', { name: '排除类别「实践案例」' }).click();
      await page.waitForURL((u) => new URL(u).searchParams.get('q') === `${q} -类别:政策文件 -类别:实践案例`);
      // The facets of the previous query stay on screen until the new ones arrive: wait for the value to go.
      await category.locator('button', { hasText: '实践案例' }).waitFor({ state: 'detached', timeout: 10_000 });
      await category.locator('button', { hasText: '研究文献' }).waitFor();
    });
  });

  test('a filter value the library does not hold offers the held values like it, and one click searches with it', async () => {
    await withPage('similar-values', async (page) => {
      await page.goto(`/search?q=${encodeURIComponent('议事协商 分类:政策')}`);
      await page.getByText('知识库中没有类别为「政策」的文档').waitFor();
      await page.getByRole('button', { name: '改用 类别:政策文件' }).click();
      // The typed filter is rewritten in place, under the name the user typed it with.
      await page.waitForURL((u) => new URL(u).searchParams.get('q') === '议事协商 分类:政策文件');
      await page.getByTestId('search-results').locator('article').first().waitFor();
      // An exclusion stays an exclusion, whatever quotes it was typed in.
      await page.goto(`/search?q=${encodeURIComponent('议事协商 -分类:「政策」')}`);
      await page.getByRole('button', { name: '改用 -类别:政策文件' }).click();
      await page.waitForURL((u) => new URL(u).searchParams.get('q') === '议事协商 -分类:"政策文件"');
      // A value chosen in the facets (a URL parameter) is replaced there.
      await page.goto(`/search?q=${encodeURIComponent('议事协商')}&category=${encodeURIComponent('政策')}`);
      await page.getByRole('button', { name: '改用 类别:政策文件' }).click();
      await page.waitForURL((u) => new URL(u).searchParams.get('category') === '政策文件');
      await page.getByTestId('search-results').locator('article').first().waitFor();
    });
  });

  test('the region facet drills down from a province to its districts and back up', async () => {
    await withPage('region-drill', async (page) => {
      await page.goto(`/search?q=${encodeURIComponent('社区治理')}`);
      const region = page.locator('.zz-facet', { has: page.locator('h4', { hasText: '地区' }) });
      await region.locator('button', { hasText: '上海市' }).click();
      await page.waitForURL((u) => new URL(u).searchParams.get('region') === '31');
      await region.locator('button', { hasText: '宝山区' }).click();
      await page.waitForURL((u) => new URL(u).searchParams.get('region') === '310113');
      // Excluding the province of the chosen district would contradict the choice: not offered.
      await region.locator('button', { hasText: '宝山区' }).waitFor();
      assert.equal(await page.getByRole('button', { name: '排除地区「上海市」' }).count(), 0);
      await region.locator('button', { hasText: '上海市' }).click();
      await page.waitForURL((u) => new URL(u).searchParams.get('region') === '31');
      // Excluding a district writes its unambiguous name into the query, not its code (宝山区 is also in 双鸭山市).
      await page.getByRole('button', { name: '排除地区「宝山区」' }).click();
      await page.waitForURL((u) => new URL(u).searchParams.get('q') === '社区治理 -地区:上海市宝山区');
      await region.locator('button', { hasText: '宝山区' }).waitFor({ state: 'detached', timeout: 10_000 });
    });
  });

  test('the header search box completes the word being typed, as the search page does, and a suggestion opens its search', async () => {
    await withPage('header-suggest', async (page) => {
      await page.goto('/');
      const box = page.getByLabel('全文检索');
      await typeForSuggestions(page, box, '议事 睦邻');
      await page.locator('.ant-select-item-option', { hasText: '睦邻客厅' }).first().click();
      await page.waitForURL((u) => new URL(u).pathname === '/search' && (new URL(u).searchParams.get('q') ?? '').startsWith('议事 睦邻客厅'));
      await page.getByTestId('search-results').waitFor();
      // Enter takes what was typed, even while suggestions are open.
      await box.fill('');
      await typeForSuggestions(page, box, '睦邻');
      await page.locator('.ant-select-item-option', { hasText: '睦邻客厅' }).first().waitFor({ timeout: 10_000 });
      await box.press('Enter');
      await page.waitForURL((u) => new URL(u).searchParams.get('q') === '睦邻');
      await page.locator('.ant-select-item-option', { hasText: '睦邻客厅' }).first().waitFor({ state: 'hidden', timeout: 5_000 });
      // Moving onto a suggestion and pressing Enter searches the suggestion only (one entry in the history).
      await page.getByTestId('search-results').waitFor();
      const entries = await page.evaluate(() => (globalThis as any).history.length as number);
      await box.fill('');
      await typeForSuggestions(page, box, '睦邻');
      await page.locator('.ant-select-item-option', { hasText: '睦邻客厅' }).first().waitFor({ timeout: 10_000 });
      const texts = await page.locator('.ant-select-item-option').allTextContents();
      const at = texts.findIndex((t) => t.startsWith('睦邻客厅'));
      for (let i = 0; i <= at; i++) await box.press('ArrowDown');
      await box.press('Enter');
      await page.waitForURL((u) => (new URL(u).searchParams.get('q') ?? '').startsWith('睦邻客厅'));
      await page.getByTestId('search-results').waitFor();
      assert.equal(await page.evaluate(() => (globalThis as any).history.length as number), entries + 1, 'one search, not the typed text and then the suggestion');
      // ArrowUp from the box moves onto the last suggestion, and on round from there to the first.
      await box.fill('');
      await typeForSuggestions(page, box, '睦邻');
      await page.locator('.ant-select-item-option', { hasText: '睦邻客厅' }).first().waitFor({ timeout: 10_000 });
      const listed = page.locator('.ant-select-item-option:not(.zz-list-end)');
      const last = (await listed.allTextContents()).length - 1;
      await box.press('ArrowUp');
      await page.locator('.ant-select-item-option-active').waitFor();
      assert.equal(await listed.nth(last).evaluate((el) => el.classList.contains('ant-select-item-option-active')), true, 'ArrowUp: the last suggestion');
      await box.press('ArrowDown');
      assert.equal(await listed.nth(0).evaluate((el) => el.classList.contains('ant-select-item-option-active')), true, 'ArrowDown past the last: the first');
      await box.press('ArrowUp');
      await box.press('ArrowUp');
      assert.equal(await listed.nth(last - 1).evaluate((el) => el.classList.contains('ant-select-item-option-active')), true, 'ArrowUp twice from the first: one before the last');
      await box.press('Escape');
      // A suggestion the pointer only passed over is not what Enter searches.
      await box.fill('');
      await typeForSuggestions(page, box, '网格');
      const third = page.locator('.ant-select-item-option').nth(2);
      await third.waitFor({ timeout: 10_000 });
      await third.hover();
      await page.mouse.move(5, 600);
      await box.press('Enter');
      await page.waitForURL((u) => new URL(u).searchParams.get('q') === '网格');
      // The button beside the box searches what was typed.
      await box.fill('网格 社区');
      await page.getByRole('button', { name: '搜索', exact: true }).click();
      await page.waitForURL((u) => new URL(u).searchParams.get('q') === '网格 社区');
      assert.equal(await box.inputValue(), '', 'the header box is emptied: the search page shows the query');
      await page.getByTestId('search-results').waitFor();
      // No suggestions left open over the results (the list fades out: wait for it to go).
      await page.locator('.ant-select-item-option', { hasText: '网格化管理' }).first().waitFor({ state: 'hidden', timeout: 5_000 });
      // A page number no list has (an edited link) shows the first page, not an error.
      await page.goto(`/search?q=${encodeURIComponent('网格')}&page=-1`);
      await page.getByTestId('search-results').waitFor();
    });
  });

  test('a document opened from a search marks the search\'s words, steps through them, and leads back to the same results', async () => {
    await withPage('search-to-document', async (page) => {
      // A long list (社区 in 实践案例: a full page), so that the results page can be left scrolled.
      await page.goto(`/search?q=${encodeURIComponent('社区')}&category=${encodeURIComponent('实践案例')}`);
      await page.getByTestId('search-results').waitFor();
      await page.locator('.zz-hit h3 a').first().click();
      await page.waitForURL((u) => new URL(u).pathname.startsWith('/documents/'));
      const bar = page.getByTestId('find-bar');
      await bar.waitFor({ timeout: 10_000 });
      const marks = page.getByTestId('doc-text').locator('mark.zz-mark');
      assert.ok(await marks.count() > 0);
      assert.ok((await marks.allInnerTexts()).includes('社区'), 'the word itself is marked (its synonyms too)');
      assert.match(await bar.innerText(), /检索“社区”：正文中标出 \d+ 处/);
      assert.equal(await page.locator('.ant-menu-item-selected').innerText(), '检索', 'the sidebar still says where the reader came from');
      const current = page.getByTestId('doc-text').locator('mark.zz-mark-current');
      await current.first().waitFor();
      assert.equal(await current.first().getAttribute('data-mark'), '0', 'the first place is the current one');
      if (await marks.count() > 1) {
        const windowAt = await page.evaluate(() => (globalThis as any).scrollY as number);
        await bar.getByRole('button', { name: '下一处' }).click();
        await bar.getByText('（第 2 处）').waitFor();
        assert.equal(await current.first().getAttribute('data-mark'), '1', 'the current place stands out from the others');
        assert.equal(await page.evaluate(() => (globalThis as any).scrollY as number), windowAt, 'the text scrolls, not the page: the bar stays in view');
      }
      // Marking a sentence from the analysis redraws the text: the current place still stands out.
      const item = page.locator('.zz-clickable').first();
      if (await item.count()) {
        await item.click();
        await page.getByTestId('active-span').waitFor();
        assert.equal(await current.count() > 0, true, 'a current place after an analysis item was clicked');
      }
      await bar.getByRole('link', { name: '← 返回检索结果' }).click();
      await page.waitForURL((u) => new URL(u).pathname === '/search' && new URL(u).searchParams.get('category') === '实践案例' && new URL(u).searchParams.get('q') === '社区');
      await page.getByTestId('search-results').waitFor();
    });
  });

  test('the next page of results starts at its top, not where the last page was left', async () => {
    await withPage('paging-scroll', async (page) => {
      await page.goto(`/search?q=${encodeURIComponent('社区')}&sort=date`);
      await page.getByTestId('search-results').waitFor();
      const next = page.locator('.ant-pagination-item-2');
      await next.scrollIntoViewIfNeeded();
      assert.ok(await page.evaluate(() => (globalThis as any).scrollY as number) > 300, 'the pager is below the first screen');
      await next.click();
      await page.waitForURL((u) => new URL(u).searchParams.get('page') === '2');
      await page.getByTestId('search-results').waitFor();
      assert.equal(await page.evaluate(() => (globalThis as any).scrollY as number), 0);
    });
  });

  test('a facet with more values than it lists offers 更多 to list them all, and 收起 to list the first again', async () => {
    const word = `分面${RUN}`;
    for (let i = 1; i <= 15; i++) {
      await api('/documents', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: `${word} 第${i}篇：社区议事会第${i}次会议讨论了小区停车与加装电梯。`, category: '其他', tags: [`标签${RUN}${i}`] }),
      });
    }
    await withPage('facet-more', async (page) => {
      await page.goto(`/search?q=${encodeURIComponent(word)}`);
      const tag = page.locator('.zz-facet', { has: page.locator('h4', { hasText: '标签' }) });
      const more = tag.getByRole('button', { name: /^更多标签（还有 \d+ 项）$/ });
      await more.waitFor({ timeout: 10_000 });
      const mine = tag.locator('.zz-facet-item', { hasText: `标签${RUN}` });
      assert.equal(await tag.locator('.zz-facet-item').count(), 12, 'the first twelve values');
      await more.click();
      await tag.getByRole('button', { name: '收起标签' }).waitFor();
      assert.equal(await mine.count(), 15, 'every tag of the fifteen documents');
      await tag.getByRole('button', { name: '收起标签' }).click();
      await more.waitFor();
      assert.equal(await tag.locator('.zz-facet-item').count(), 12);
    });
  });

  test('document page: clicking a figure in 数据 highlights its source sentence', async () => {
    const id = imported[`wangge-${RUN}.txt`];
    assert.ok(id, 'import test ran first');
    await withPage('document-figure', async (page) => {
      await page.goto(`/documents/${id}`);
      await page.getByTestId('doc-text').waitFor();
      await page.getByRole('tab', { name: '数据' }).click();
      const fig = page.getByTestId('figure-item').first();
      await fig.waitFor({ timeout: 10_000 });
      const [s, e] = (await fig.getAttribute('data-span'))!.split('-').map(Number);
      await fig.click();
      await highlightedMatchesSpan(page, id);
      const mark = page.getByTestId('active-span');
      assert.equal(Number(await mark.getAttribute('data-start')), s);
      assert.equal(Number(await mark.getAttribute('data-end')), e);
      assert.match(page.url(), new RegExp(`#span=${s}-${e}$`));
      // Similar documents (an open panel beside the analysis) each say why they are listed, in words.
      const reasons = page.getByTestId('similar-reasons');
      await reasons.first().waitFor({ timeout: 10_000 });
      const texts = await reasons.allInnerTexts();
      assert.ok(texts.every((t) => /^(共同关键词|相同主题|同一地区|共同机制或主体|用词相近)/.test(t.trim())), texts.join(' | '));
      assert.equal(await page.getByTestId('similar-list').getByText(/相关度 \d+%/).count(), 0, 'no percentage that reads as "identical"');
    });
  });

  test('document page: a user replaces the place the analysis found, and 地区 filters follow the edit', async () => {
    const word = `议事角${RUN}`;
    const doc = await api<{ id: string }>('/documents', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: `楼道${word}`, text: `上海市宝山区某街道建成楼道${word}，居民自定停车公约，矛盾纠纷就地化解。`, category: '实践案例' }),
    });
    const found = async (q: string) => (await api<{ hits: { id: string }[] }>(`/search?q=${encodeURIComponent(q)}`)).hits.some((h) => h.id === doc.id);
    assert.ok(await found(`${word} 地区:上海`), 'the analysis files it under 上海');
    await withPage('document-regions', async (page) => {
      await page.goto(`/documents/${doc.id}`);
      await page.getByText('编辑信息（类别、来源、地区、标签、主题）').click();
      const field = page.locator('.ant-form-item', { has: page.getByText('地区（按地区筛选时以此为准）') });
      const tag = field.locator('.ant-select-selection-item', { hasText: '上海市宝山区' });
      await tag.waitFor();
      await tag.locator('.ant-select-selection-item-remove').click();
      await field.locator('input').pressSequentially('浙江省绍兴市诸暨市');
      await field.locator('input').press('Enter');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('已保存').waitFor();
      await field.locator('.ant-select-selection-item', { hasText: '浙江省绍兴市诸暨市' }).waitFor();
      assert.equal(await field.locator('.ant-select-selection-item', { hasText: '上海市宝山区' }).count(), 0);
    });
    assert.ok(!(await found(`${word} 地区:上海`)), 'no longer under 上海');
    assert.ok(await found(`${word} 地区:绍兴`), 'under the place the user gave');
    await withPage('document-regions-reset', async (page) => {
      await page.goto(`/documents/${doc.id}`);
      await page.getByText('编辑信息（类别、来源、地区、标签、主题）').click();
      await page.getByRole('button', { name: '恢复为自动识别的地区' }).click();
      await page.getByText('已恢复为自动识别的地区').waitFor();
      const field = page.locator('.ant-form-item', { has: page.getByText('地区（按地区筛选时以此为准）') });
      await field.locator('.ant-select-selection-item', { hasText: '上海市宝山区' }).waitFor();
    });
    assert.ok(await found(`${word} 地区:上海`), 'back under the place the analysis found');
  });

  test('adds the document to a new collection and keeps a note', async () => {
    const id = imported[`wangge-${RUN}.txt`];
    const name = `网格化专题${RUN}`;
    await withPage('collection', async (page) => {
      await page.goto(`/documents/${id}`);
      await page.getByRole('button', { name: /加入专题/ }).click();
      await page.getByLabel('新专题名称').fill(name);
      await page.locator('.ant-modal').getByRole('button', { name: /确\s*定/ }).click();
      await page.getByText(`已加入专题「${name}」`).waitFor();
      await page.goto('/collections');
      await page.getByRole('link', { name }).click();
      const item = page.getByTestId('collection-item');
      await item.waitFor();
      assert.equal(await item.count(), 1);
      await item.locator('textarea').fill('可借鉴：网格员配比');
      await page.getByRole('button', { name: /保存顺序和笔记/ }).click();
      await page.getByText('已保存顺序和笔记').waitFor();
      await page.reload();
      await page.getByTestId('collection-item').locator('textarea').waitFor();
      assert.equal(await page.getByTestId('collection-item').locator('textarea').inputValue(), '可借鉴：网格员配比');
    });
  });

  test('the case picker lists the cases a typed word finds, and names a case chosen elsewhere by its title', async () => {
    const all = await api<{ items: { id: string; title: string }[] }>(`/documents?category=${encodeURIComponent('实践案例')}&limit=100`);
    const target = all.items.find((c) => c.title.includes('枫桥'));
    const other = all.items.find((c) => !c.title.includes('枫桥'));
    assert.ok(target && other, 'the demo has a 枫桥 case and another one');
    const news = await api<{ hits: { id: string; title: string }[] }>(`/search?q=${encodeURIComponent('接诉即办')}&category=${encodeURIComponent('新闻报道')}`);
    assert.ok(news.hits.length, 'the demo has a news item on 接诉即办');
    await withPage('compare-picker', async (page) => {
      await page.goto(`/compare?ids=${news.hits[0].id}`);
      const picker = page.getByLabel('选择要对比的案例');
      await page.locator('.ant-select-selection-item', { hasText: news.hits[0].title.slice(0, 8) }).waitFor({ timeout: 10_000 });
      await picker.pressSequentially('枫桥');
      const options = page.locator('.ant-select-item-option');
      await options.filter({ hasText: target!.title.slice(0, 8) }).first().waitFor({ timeout: 10_000 });
      await page.waitForTimeout(300);
      assert.equal(await options.filter({ hasText: other!.title.slice(0, 8) }).count(), 0, 'the list is narrowed to what the word finds');
    });
  });

  test('compares two demo cases and a cell links to its highlighted source span', async () => {
    const cases = await api<{ items: { id: string; title: string }[] }>(`/documents?category=${encodeURIComponent('实践案例')}&limit=2`);
    assert.equal(cases.items.length, 2, 'demo has two practice cases');
    await withPage('compare', async (page) => {
      await page.goto(`/compare?ids=${cases.items.map((c) => c.id).join(',')}`);
      await page.locator('.zz-compare table').waitFor({ timeout: 20_000 });
      for (const c of cases.items) await page.locator('.zz-compare thead a', { hasText: c.title }).first().waitFor();
      assert.ok(await page.locator('.zz-compare tbody tr').count() >= 5, 'one row per field');
      // The first row says what each case is and when it was published, as a citation needs.
      await page.locator('.zz-compare tbody tr[data-row-key="来源"]').getByText('类别：实践案例').first().waitFor();
      assert.ok(await page.getByRole('link', { name: /导出 CSV/ }).getAttribute('href'));
      await artifacts(page, 'compare-table', false);
      const link = page.getByTestId('compare-link').first();
      const href = (await link.getAttribute('href'))!;
      await link.click();
      await page.waitForURL(/\/documents\/.+#span=\d+-\d+/);
      await highlightedMatchesSpan(page, href.split('/').pop()!.split('#')[0]);
    });
  });

  test('overview: clicking a province on the map opens the library filtered by that region', async () => {
    const stats = await api<{ byProvince: { code: string; name: string; count: number }[] }>('/stats');
    const prov = [...stats.byProvince].sort((a, b) => b.count - a.count)[0];
    assert.ok(prov && prov.count > 0, 'the demo has a province');
    await withPage('overview-map', async (page) => {
      await page.goto('/');
      // ECharts draws on a canvas: the page exposes window.__zhizhiMap.pixelOf(code) (chart.convertToPixel of the
      // province centre), and we click the canvas there like a person would.
      await page.waitForFunction(() => !!(globalThis as any).__zhizhiMap);
      // On a loaded machine the map may still be laying out when first clicked (its opening animation):
      // like a person, click the province again if nothing happened.
      for (let attempt = 1; ; attempt++) {
        await page.waitForTimeout(300 * attempt);
        const px = (await page.evaluate((code) => (globalThis as any).__zhizhiMap.pixelOf(code), prov.code)) as [number, number] | null;
        assert.ok(px, `pixel of ${prov.name}`);
        const box = (await page.locator('.zz-chart[aria-label^="各省文献数量地图"]').boundingBox())!;
        await page.mouse.click(box.x + px![0], box.y + px![1]);
        try {
          await page.waitForURL(new RegExp(`/library\\?region=${prov.code}`), { timeout: 8000 });
          break;
        } catch (e) {
          if (attempt >= 3) throw e;
        }
      }
      await page.locator('.ant-table-row').first().waitFor();
    });
  });

  test('XSS: markup in a document is shown as text and never runs', async () => {
    const evil = `<script>window.__xss=1</script>`;
    const img = `<img src=x onerror="window.__xss=1">`;
    const link = `<a href="javascript:window.__xss=1">点我</a>`;
    const r = await fetch(`${server.url}/api/documents`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: `脚本注入测试${RUN} ${img}`, category: '其他', source: { url: 'javascript:window.__xss=1' },
        text: `社区安全测试${RUN}。${evil}\n居民反映问题${img}。\n链接${link}。\n共有3名网格员。` }),
    });
    assert.equal(r.status, 201, await r.clone().text());
    const doc = (await r.json()) as { id: string };
    await withPage('xss', async (page) => {
      await page.goto(`/documents/${doc.id}`);
      await page.getByTestId('doc-text').waitFor();
      const shown = (await page.getByTestId('doc-text').textContent()) ?? '';
      assert.ok(shown.includes(evil) && shown.includes(img) && shown.includes(link), 'markup is displayed literally');
      assert.equal(await page.locator('#root script, #root img[src="x"], a[href^="javascript:"]').count(), 0);
      await page.goto(`/search?q=${encodeURIComponent(`社区安全测试${RUN}`)}`);
      await page.getByTestId('search-results').waitFor();
      await page.goto('/');
      await page.locator('.ant-table-row').first().waitFor();
      await page.goto('/library');
      await page.locator('.ant-table-row').first().waitFor();
      assert.equal(await page.evaluate(() => (globalThis as any).__xss), undefined);
    });
  });

  test('390 px phone: menu in a drawer, no horizontal scrolling', async () => {
    await withPage('mobile-390', async (page) => {
      const noOverflow = async (where: string) => {
        const [sw, w] = (await page.evaluate(() => [(globalThis as any).document.documentElement.scrollWidth, (globalThis as any).innerWidth])) as number[];
        assert.ok(sw <= w + 1, `${where}: page is ${sw}px wide in a ${w}px viewport`);
      };
      await page.goto('/');
      await page.locator('.ant-statistic').first().waitFor();
      await noOverflow('overview');
      await page.getByRole('button', { name: '打开菜单' }).click();
      await page.locator('.zz-drawer').getByRole('link', { name: '文献库' }).click();
      await page.waitForURL(/\/library$/);
      await page.locator('.ant-table-row').first().waitFor();
      await noOverflow('library');
      const id = imported[`wangge-${RUN}.txt`] ?? (await api<{ items: { id: string }[] }>('/documents?limit=1')).items[0].id;
      await page.goto(`/documents/${id}`);
      await page.getByTestId('doc-text').waitFor();
      await noOverflow('document');
    }, { width: 390, height: 844 });
  });
});
