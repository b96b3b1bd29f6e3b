// A search's result list as a table to take away: what a researcher cites a document by (title, date,
// publisher, issuer, 文号, link) beside what the search showed (places, themes, the passage).
import { titleYear } from '../domain/title-year.js';
import type { Document } from '../domain/index.js';
import { markdownText, tableToCsv, tableToMarkdown } from './table-text.js';

/** 2026-11-30 15:45（北京时间）: researchers read the time of an export where they are, not in UTC. */
export function beijingTime(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')}（北京时间）`;
}

/** What a table row shows of a search hit (search's SearchHit has these and more). */
export interface ResultHit { id: string; title: string; category: string; snippet: string; regionNames: string[]; themes: string[] }

export const RESULT_COLUMNS = ['序号', '标题', '类别', '发布日期', '作者', '发布机构', '发文机关', '文号', '地区', '主题', '原文链接', '摘录', '文档编号'] as const;

/** What the export says about the search it lists (the Markdown file's preface), with the search's notes. */
export interface ResultListHead { query: string; filters: string[]; sort: 'relevance' | 'date'; total: number; exportedAt: string; message?: string }

/**
 * The table's lines: the head, then a line per hit in the search's order (documents by id, for their
 * sources). When a group's documents are among them, a 可见范围 column says which, so that a member
 * passing the file on sees what is not for everyone.
 */
export function resultLines(hits: ResultHit[], docs: Map<string, Pick<Document, 'source' | 'groupId'>>): string[][] {
  const grouped = hits.some((h) => docs.get(h.id)?.groupId);
  return [[...RESULT_COLUMNS, ...(grouped ? ['可见范围'] : [])], ...hits.map((h, i) => {
    const d = docs.get(h.id);
    const s = d?.source;
    const year = titleYear(h.title);
    const date = s?.publishedAt ?? (year ? `${year}（据标题）` : '未注明');
    return [String(i + 1), h.title, h.category, date, (s?.authors ?? []).join('、'), s?.publisher ?? '', s?.issuer ?? '', s?.docNumber ?? '',
      h.regionNames.join('、'), h.themes.join('、'), s?.url ?? '', h.snippet, h.id, ...(grouped ? [d?.groupId ? `仅「${d.groupId}」分组可见` : '全库可见'] : [])];
  })];
}

export function resultListToCsv(lines: string[][]): string {
  return tableToCsv(lines);
}

export function resultListToMarkdown(lines: string[][], head: ResultListHead): string {
  const what = [head.query ? `检索式：${head.query}` : '', head.filters.length ? `筛选：${head.filters.join('；')}` : '',
    `排序：${head.sort === 'date' ? '日期' : '相关度'}`, `共 ${head.total} 篇，导出前 ${lines.length - 1} 篇`, `导出时间：${head.exportedAt}`].filter(Boolean);
  // The query is the user's text: no markup of it runs where the file is shown.
  const plain = (t: string) => markdownText(t.replace(/\s+/g, ' '));
  return `# 检索结果\n\n${what.map(plain).join(' · ')}\n\n${head.message ? `提示：${plain(head.message)}\n\n` : ''}${tableToMarkdown(lines)}`;
}
