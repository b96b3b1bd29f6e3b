import { themesSetByUser, type AnalysisResult, type DocumentWithAnalyses, type SentenceItem, type Span } from '../domain/index.js';
import { fullName, placesByCode } from '../text/entities/gazetteer.js';
import { tableToCsv, tableToMarkdown } from './table-text.js';

/** Rows of a comparison table, in display order. */
export const COMPARE_FIELDS = ['来源', '地区', '主题', '机制', '主体', '数据', '做法', '成效', '经验启示'] as const;
export type CompareField = (typeof COMPARE_FIELDS)[number];

export const MIN_COMPARE = 2;
export const MAX_COMPARE = 5;

/** One entry of a cell, with its spans into the document's text (so the UI can jump to the sentence). */
export interface CellItem { text: string; spans: Span[] }
export interface ComparisonRow { field: CompareField; cells: CellItem[][] }
export interface Comparison { documents: { id: string; title: string }[]; rows: ComparisonRow[] }

/** A Chinese message when the id list cannot be compared (count or repeats), else null. */
export function compareIdsProblem(ids: string[]): string | null {
  if (new Set(ids).size !== ids.length) return '对比的文档不能重复';
  if (ids.length < MIN_COMPARE || ids.length > MAX_COMPARE) return `请选择 ${MIN_COMPARE}–${MAX_COMPARE} 篇文档进行对比（收到 ${ids.length} 篇）`;
  return null;
}

/** The newest analysis of the offline engine (analyses come newest first). */
function latestOfflineResult(d: DocumentWithAnalyses): Partial<AnalysisResult> {
  return d.analyses.find((a) => a.producer.startsWith('offline@'))?.result ?? {};
}

/** Entries with the same text appear once, their spans merged. */
function dedupe(items: CellItem[]): CellItem[] {
  const byText = new Map<string, CellItem>();
  for (const it of items) {
    const text = it.text.trim();
    if (!text) continue;
    const prev = byText.get(text);
    if (prev) prev.spans.push(...it.spans);
    else byText.set(text, { text, spans: [...it.spans] });
  }
  return [...byText.values()];
}

/** A place's full name with its parents (310113 → 上海市宝山区); an unknown code as it is. */
function placeName(code: string): string {
  const p = placesByCode().get(code);
  return p ? fullName(p) : code;
}

/**
 * The places of a document: the user's when set by hand; otherwise the analysis's, with their evidence,
 * a place it could not tell from its namesakes shown with all of them, then places stored without one.
 */
function regionCells(d: DocumentWithAnalyses, r: Partial<AnalysisResult>): CellItem[] {
  if (d.setByUser.includes('regions')) return d.regions.map((c) => ({ text: placeName(c), spans: [] }));
  const found = (r.regions ?? []).map((g) => {
    const name = g.path?.length ? g.path.map((p) => p.name).join('') : g.name;
    const text = g.alternatives?.length ? `${g.path?.at(-1)?.name ?? g.name}（未能确定是 ${[name, ...g.alternatives.map((a) => a.name)].join('、')} 中的哪一个）` : name;
    return { text, spans: g.spans };
  });
  const analysed = new Set((r.regions ?? []).map((g) => g.code));
  return [...found, ...d.regions.filter((c) => !analysed.has(c)).map((c) => ({ text: placeName(c), spans: [] }))];
}

/** What a reader cites a case by: its category, date (or that it has none), publisher, issuer and 文号. */
function sourceCells(d: DocumentWithAnalyses): CellItem[] {
  const s = d.source ?? { authors: [] };
  return [
    `类别：${d.category}`,
    s.publishedAt ? `发布：${s.publishedAt}` : '未注明发布日期',
    s.publisher && `来源：${s.publisher}`,
    s.issuer && `发文机关：${s.issuer}`,
    s.docNumber && `文号：${s.docNumber}`,
    s.authors?.length ? `作者：${s.authors.join('、')}` : '',
  ].filter((t): t is string => !!t).map((text) => ({ text, spans: [] }));
}

const sentences = (xs: SentenceItem[] | undefined): CellItem[] => (xs ?? []).map((s) => ({ text: s.text, spans: s.spans }));

function cellsOf(d: DocumentWithAnalyses): Record<CompareField, CellItem[]> {
  const r = latestOfflineResult(d);
  const detected = new Map((r.themes ?? []).map((t) => [t.name, t.spans]));
  // Themes a user confirmed or corrected win over the classifier's.
  const themes = themesSetByUser(d) ? d.themes.map((name) => ({ text: name, spans: detected.get(name) ?? [] })) : (r.themes ?? []).map((t) => ({ text: t.name, spans: t.spans }));
  return {
    来源: sourceCells(d),
    地区: regionCells(d, r),
    主题: themes,
    机制: (r.mechanisms ?? []).map((e) => ({ text: e.name, spans: e.spans })),
    主体: (r.organizations ?? []).map((e) => ({ text: e.name, spans: e.spans })),
    数据: (r.figures ?? []).map((f) => ({ text: f.subject ? `${f.subject}：${f.text}` : f.text, spans: f.spans })),
    做法: sentences(r.caseCard?.做法与机制),
    成效: sentences(r.caseCard?.成效),
    经验启示: sentences(r.caseCard?.经验启示),
  };
}

/** A comparison matrix of the documents' latest offline analyses: one row per field, one cell per document. */
export function buildComparison(docs: DocumentWithAnalyses[]): Comparison {
  const perDoc = docs.map(cellsOf);
  return {
    documents: docs.map((d) => ({ id: d.id, title: d.title })),
    rows: COMPARE_FIELDS.map((field) => ({ field, cells: perDoc.map((c) => dedupe(c[field])) })),
  };
}

const joinCell = (items: CellItem[]) => items.map((i) => i.text).join('；');

/** RFC 4180 CSV (CRLF line ends) with a UTF-8 BOM so that Excel reads the Chinese correctly; items joined with ；. */
export function comparisonToCsv(c: Comparison): string {
  return tableToCsv(comparisonLines(c));
}

/** A GitHub-flavoured Markdown table (| escaped, < as &lt; so no HTML runs, line breaks as <br>). */
export function comparisonToMarkdown(c: Comparison): string {
  return tableToMarkdown(comparisonLines(c));
}

/** The table's lines: a head of the cases' titles, then one line per field, a cell's items joined with ；. */
function comparisonLines(c: Comparison): string[][] {
  return [['字段', ...c.documents.map((d) => d.title)], ...c.rows.map((r) => [r.field, ...r.cells.map(joinCell)])];
}
