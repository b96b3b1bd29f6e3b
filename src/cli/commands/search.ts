import type { Command } from 'commander';
import { searchRequestFrom } from '../../search/request.js';
import type { SearchRequest } from '../../search/search.js';
import { CliError, intOption, printJson, withLibrary } from '../context.js';

export interface SearchCliOptions {
  category?: string; theme?: string; region?: string; year?: string; tag?: string; collection?: string;
  limit: number; offset: number; sort?: 'relevance' | 'date'; json?: boolean; export?: string;
}

/**
 * Exactly the options GET /api/search (src/server/routes/search.ts) builds from its query string, with
 * the same defaults (relevance, 20, 0), so that `search --json` prints what the API returns.
 */
export function searchOptions(q: string, o: Partial<SearchCliOptions>): SearchRequest {
  return { ...searchRequestFrom({ ...o, q }), limit: o.limit ?? 20, offset: o.offset ?? 0, visibleGroups: undefined };
}

function plain(snippet: string, tty: boolean): string {
  // Snippets mark matches with <mark>…</mark>: bold on a terminal, 【…】 elsewhere.
  return snippet.replace(/<mark>(.*?)<\/mark>/g, tty ? '\x1b[1m$1\x1b[0m' : '【$1】').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
}

export function registerSearch(program: Command): void {
  program.command('search <query...>')
    // -物业 and -"老旧小区" are exclusions of the query language, not options.
    .allowUnknownOption()
    .description('全文检索：支持 "短语"、-排除词、OR、类别:/地区:/年份: 等筛选及 -类别: 排除筛选')
    .option('--category <name>', '只检索该类别')
    .option('--theme <name>', '只检索该主题')
    .option('--region <code>', '只检索该地区（GB/T 2260 代码，含下级）')
    .option('--year <y>', '年份，如 2024 或 2018-2024')
    .option('--tag <tag>', '只检索带该标签的文档')
    .option('--collection <id>', '只检索该专题')
    .option('--limit <n>', '条数（默认 20，最多 100）', intOption('--limit'), 20)
    .option('--offset <n>', '跳过前 n 条（默认 0）', intOption('--offset'), 0)
    .option('--sort <key>', '排序：relevance（默认）| date', 'relevance')
    .option('--json', '输出与 GET /api/search 相同的 JSON')
    .option('--export <format>', '把结果列表输出为 csv 或 md（与 GET /api/search/export 相同；条数由 --limit 定，导出时最多 1000，默认 200）')
    .action(async (words: string[], o: SearchCliOptions, cmd: Command) => {
      const unknown = words.find((w) => /^--[a-z]/i.test(w));
      if (unknown) throw new CliError(`未知选项 ${unknown.split('=')[0]}（检索词中的排除请写成 -词）`);
      const q = words.join(' ');
      await withLibrary(cmd, async (lib) => {
        if (o.sort !== 'relevance' && o.sort !== 'date') throw new CliError(`--sort 只能是 relevance 或 date，收到：${o.sort}`);
        if (o.export !== undefined) {
          if (o.export !== 'csv' && o.export !== 'md') throw new CliError(`--export 只能是 csv 或 md，收到：${o.export}`);
          if (o.json || cmd.getOptionValueSource('offset') !== 'default') throw new CliError('--export 导出从第 1 篇起的结果列表，不能与 --json 或 --offset 同用');
          const { exportSearchResults, MAX_EXPORT } = await import('../../library/search-export.js');
          const limit = cmd.getOptionValueSource('limit') === 'default' ? 200 : o.limit;
          if (limit < 1 || limit > MAX_EXPORT) throw new CliError(`导出时 --limit 需在 1–${MAX_EXPORT} 之间（与 API 相同）`);
          const { body, message } = await exportSearchResults(lib.store, searchOptions(q, o), o.export, limit);
          if (message) process.stderr.write(`提示：${message}\n`);
          process.stdout.write(body);
          return;
        }
        if (o.limit < 1 || o.limit > 100) throw new CliError('--limit 需在 1–100 之间（与 API 相同）');
        const { searchDocuments } = await import('../../search/search.js');
        const { INDEX_FORMAT, storedIndexFormat } = await import('../../library/reindex.js');
        if ((await storedIndexFormat(lib.store)) < INDEX_FORMAT) process.stderr.write('提示：索引由旧版本写入，个别字词可能检索不全；运行 `zhizhi reindex`（或启动 zhizhi serve）即可升级\n');
        // Facets are printed with --json only; without them a one-off search never reads the facet columns.
        const res = await searchDocuments(lib.store, searchOptions(q, o), o.json ? {} : { facets: false });
        if (o.json) return printJson(res);
        // Notes on the query (an unknown region, a filter value no document has, a cut query) go to stderr,
        // so that piping the hits stays clean.
        if (res.message) process.stderr.write(`提示：${res.message}\n`);
        if (!res.hits.length) {
          process.stdout.write(`没有找到与「${q}」相关的文档\n`);
          return;
        }
        const tty = !!process.stdout.isTTY;
        res.hits.forEach((h, i) => {
          process.stdout.write(`${o.offset + i + 1}. ${h.title}  （${h.score.toFixed(3)}）  ${h.id}\n   ${plain(h.snippet ?? '', tty)}\n`);
        });
        process.stdout.write(`—— 共 ${res.total} 篇\n`);
      });
    });
}
