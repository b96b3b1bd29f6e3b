// Index and query tokens: jieba search-mode words plus CJK character bigrams, over normalised text.
// Every token consists only of characters the FTS tokenizer keeps, so the store indexes exactly what
// the ranker counts (SQLite FTS5 unicode61 with tokenchars '.-%+#_', PostgreSQL 'simple' tsvector).
import { titleYear } from '../domain/title-year.js';
import { normaliseDate } from '../text/dates.js';
import { normaliseForIndex } from '../text/normalise.js';
import { segmentForSearch, type Token } from '../text/segment.js';
import { themesSetByUser, type AnalysisResult, type Document, type IndexEntry } from '../domain/index.js';
import { withAncestors } from './regions.js';
import { extractRegions } from '../text/entities/regions.js';

const RE_HAN = /\p{Script=Han}/u;
const RE_HAN_RUN = /\p{Script=Han}+/gu;
/** Characters outside what the FTS tokenizer keeps inside a token. */
const RE_STRIP = /[^\p{L}\p{N}.\-%+#_]+/gu;

export function isHan(ch: string): boolean {
  return RE_HAN.test(ch);
}

/** Cleans one token to the characters the FTS tokenizer keeps; '' when nothing is left. */
export function cleanToken(t: string): string {
  const s = t.replace(RE_STRIP, '');
  // A token of only separators ('.', '-', …) carries no meaning and FTS would keep it as a token.
  return /[\p{L}\p{N}]/u.test(s) ? s : '';
}

/** Character bigrams of one run of Han characters (a single character yields itself). */
export function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars.length ? [chars[0]] : [];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** The Han runs of an (already normalised) text, with offsets. */
export function hanRuns(text: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  RE_HAN_RUN.lastIndex = 0;
  for (let m = RE_HAN_RUN.exec(text); m; m = RE_HAN_RUN.exec(text)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** Word tokens (jieba search mode, no punctuation) of normalised text, cleaned for the index. */
export function wordTokens(norm: string): Token[] {
  const out: Token[] = [];
  for (const t of segmentForSearch(norm)) {
    if (t.kind === 'punct') continue;
    const text = cleanToken(t.text);
    if (text) out.push({ ...t, text });
  }
  return out;
}

/**
 * Tokens for indexing, in text order. The bigrams of each Han run follow that run's words as one
 * consecutive chain, so a consecutive bigram sequence in the stream is an exact substring of the
 * text: phrase search and unknown words (三码, 璟珑) work through them on every store. The run's single
 * characters follow the chain.
 */
export function indexTokens(text: string): string[] {
  const norm = normaliseForIndex(text);
  const words = wordTokens(norm);
  const runs = hanRuns(norm);
  const out: string[] = [];
  let ri = 0;
  const flushRunsBefore = (pos: number) => {
    while (ri < runs.length && runs[ri].end <= pos) {
      // Bigrams first (a consecutive chain), then single characters: layperson wording shares
      // morphemes (租, 债, 赔) with the documents' terms more often than whole words.
      // Loops, not push(...spread): a Han run of 100k+ characters would overflow the call stack.
      if (runs[ri].text.length >= 2) for (const g of bigrams(runs[ri].text)) out.push(g);
      for (const ch of runs[ri].text) out.push(ch);
      ri++;
    }
  };
  for (const w of words) {
    flushRunsBefore(w.start);
    out.push(w.text);
    // A term glued to a number (12345市民服务热线) is also found by the number alone.
    if (/\d/.test(w.text) && RE_HAN.test(w.text)) for (const m of w.text.match(/\d[\d.%]*/g) ?? []) out.push(m);
    // A number with letters after it (12345app, 500kv) is one token, also found by its number and its letters.
    const glued = /^(\d+(?:\.\d+)?)([a-z][a-z\d]*)$/.exec(w.text);
    if (glued) out.push(glued[1], glued[2]);
  }
  flushRunsBefore(Number.MAX_SAFE_INTEGER);
  return out;
}

/** indexTokens joined for an IndexEntry field. */
export function indexField(text: string): string {
  return indexTokens(text).join(' ');
}

/** Analysis themes at or above this score become theme facet values (when no user themes are set). */
export const THEME_SCORE_THRESHOLD = 0.3;

/** Year of a document's publication; null when its date is not known. */
export function documentYear(doc: Pick<Document, 'source'> & { title?: string }): number | null {
  // The year of the date 按日期 sorts by, so the 年份 facet and the date order never disagree.
  const m = /^(\d{4})/.exec(documentSortDate(doc));
  return m ? Number(m[1]) : null;
}

/**
 * The date 按日期 sorts by (IndexEntry.sortDate): the publication date, 2021年5月1日 and 2021/5/1 read as
 * 2021-05-01; without one, the year the title states (2008年国务院政府工作报告 → 2008, after that year's
 * dated documents); '' when neither is known, which sorts after every date (the stores break ties by the
 * order documents were added, newest first). The day a document was imported is not its date: filing
 * 400 undated abstracts under the import year put them first by date and made up a 年份 for each.
 */
export function documentSortDate(doc: Pick<Document, 'source'> & { title?: string }): string {
  return normaliseDate(doc.source?.publishedAt) ?? String(titleYear(doc.title) ?? '');
}

/** The themes a document is filed under: the user's when set (even none), else the analysis's confident ones. */
export function documentThemes(doc: Pick<Document, 'themes'> & Partial<Pick<Document, 'setByUser'>>, analysis?: Partial<AnalysisResult>): string[] {
  if (themesSetByUser(doc)) return [...doc.themes];
  return (analysis?.themes ?? []).filter((t) => t.score >= THEME_SCORE_THRESHOLD).map((t) => t.name);
}

/**
 * The places a document is about, most specific codes: the user's when set by hand (even none), else
 * the stored ones and those the analysis resolved. A place the analysis could not tell from its
 * namesakes is not one of them (see regionFacetCodes).
 */
export function documentRegions(doc: RegionsOf, analysis?: Partial<AnalysisResult>): string[] {
  if (doc.setByUser?.includes('regions')) return [...doc.regions];
  const found = (analysis?.regions ?? []).filter((r) => !r.alternatives?.length).map((r) => r.code);
  return [...new Set([...doc.regions, ...(isNational(doc) ? aboutInTitle(doc.title!, found) : found)])];
}

type RegionsOf = Pick<Document, 'regions'> & Partial<Pick<Document, 'setByUser' | 'title' | 'source'>>;

/**
 * Titles and issuers of the whole country's organs (2022年国务院政府工作报告, 《中共中央 国务院关于…》,
 * 全国…, 国家…). A national document names places as examples and in set passages (香港、澳门 in every
 * government work report): filing it under each of them put 39 of 53 reports under 香港 and made 港澳台 the
 * first values of the region facet. It is filed under a place its title names (国务院关于支持浙江…).
 */
const RE_NATIONAL = /^[《〈“"]?(?:\d{4}年(?:度)?)?(?:国务院|中共中央|全国人民代表大会|全国人大|全国政协|中华人民共和国|中央(?:办公厅|委员会|社会工作部|组织部|宣传部|政法委|网信办|机构编制委员会|全面深化改革委员会)|国家(?!级)|全国(?!首|第一))/;

function isNational(doc: RegionsOf): boolean {
  return RE_NATIONAL.test(normaliseForIndex(doc.title ?? '').trim()) || RE_NATIONAL.test(normaliseForIndex(doc.source?.issuer ?? '').trim());
}

/** Of `codes`, those a place named in the title contains or lies in. */
function aboutInTitle(title: string, codes: string[]): string[] {
  const named = titleRegions(title);
  if (!named.length) return [];
  return codes.filter((c) => named.some((t) => withAncestors(c).includes(t) || withAncestors(t).includes(c)));
}

const titleRegionCache = new Map<string, string[]>();
function titleRegions(title: string): string[] {
  let codes = titleRegionCache.get(title);
  if (!codes) {
    if (titleRegionCache.size >= 2000) titleRegionCache.clear();
    codes = extractRegions(title).filter((r) => !r.alternatives?.length).map((r) => r.code);
    titleRegionCache.set(title, codes);
  }
  return codes;
}

/**
 * The 地区 facet values of a document: its places with their ancestors (地区:上海市 finds 宝山区). Of a
 * place the analysis left undecided (朝阳区: Beijing's or Changchun's) only what every candidate shares is
 * filed (a town's county when its namesakes lie in the same county), never the first candidate alone.
 */
export function regionFacetCodes(doc: RegionsOf, analysis?: Partial<AnalysisResult>): string[] {
  const codes = new Set(documentRegions(doc, analysis).flatMap(withAncestors));
  const undecided = doc.setByUser?.includes('regions') || isNational(doc) ? [] : (analysis?.regions ?? []).filter((r) => r.alternatives?.length);
  for (const r of undecided) {
    const [first, ...rest] = [r.code, ...r.alternatives.map((a) => a.code)].map(withAncestors);
    for (const a of first.filter((c) => rest.every((l) => l.includes(c)))) codes.add(a);
  }
  return [...codes];
}

/** What the store indexes for a document: token streams per field and facet values. */
/** `body`: indexField(doc.text) when already computed (the analysis thread does it for long texts). */
export function buildIndexEntry(doc: Document, analysis?: Partial<AnalysisResult>, body?: string): IndexEntry {
  const keywords = (analysis?.keywords ?? []).map((k) => k.term);
  const entityNames = [
    ...(analysis?.regions ?? []).map((r) => r.name),
    ...(analysis?.mechanisms ?? []).map((m) => m.name),
    ...(analysis?.organizations ?? []).map((o) => o.name),
  ];
  const year = documentYear(doc);
  return {
    title: indexField(doc.title),
    keywords: keywords.map(indexField).filter(Boolean).join(' '),
    entities: [...new Set(entityNames)].map(indexField).filter(Boolean).join(' '),
    body: body ?? indexField(doc.text),
    year,
    sortDate: documentSortDate(doc),
    facets: {
      category: doc.category ? [doc.category] : [],
      theme: documentThemes(doc, analysis),
      region: regionFacetCodes(doc, analysis),
      year: year != null ? [String(year)] : [],
      tag: [...new Set(doc.tags)],
    },
  };
}
