import { createHash, randomBytes } from 'node:crypto';
import type {
  Analysis, AnalysisResult, Document, DocumentInput, DocumentPatch, DocumentWithAnalyses,
} from '../domain/index.js';
import { DEFAULT_CATEGORIES, nowIso } from '../domain/index.js';
import { analyze, PRODUCER, ANALYZER_VERSION } from '../text/analyze.js';
import { CorpusCounter, type CorpusStats } from '../text/keywords.js';
import { cleanText } from '../text/normalise.js';
import { isSameCase, lshBands } from '../text/minhash.js';
import { headerLinesBeforeTitle, metadataFromText } from '../text/metadata.js';
import { normaliseDate } from '../text/dates.js';
import { findTheme, THEME_NAMES } from '../text/themes/taxonomy.js';
import { ThemeClassifier, type ThemeModelState } from '../text/themes/classify.js';
import { buildIndexEntry } from '../search/tokens.js';
import { regionInfo, regionPath, resolveRegionName } from '../search/regions.js';
import { DuplicateTextError, type ListOptions, type Store } from '../store/store.js';
import { LibraryError } from './errors.js';
import { latestOffline } from '../domain/latest-analysis.js';
import { stampIndexFormatIfEmpty } from './reindex.js';
import { AnalysisThread, OFF_THREAD_CHARS } from './analysis-thread.js';
import { textHash } from './text-hash.js';

export interface OriginalInput { name: string; bytes: Buffer; type: string; encoding?: string }

export type AddResult =
  | { status: 'imported'; document: DocumentWithAnalyses }
  | { status: 'duplicate'; existing: Document };

const THEME_MODEL_KEY = 'themeModel';

/**
 * Keyword statistics of the user's own library: document frequencies of candidate terms over the most
 * recent `sample` documents (default 2000, each read up to `maxChars`, default 20000), kept in memory and
 * grown as documents arrive. Below `minDocs` (default 50) the library is too small to say what is
 * common, and jieba's general-language IDF is used alone. With several app nodes each counts its own.
 */
export const LIBRARY_CORPUS = { sample: 2000, maxChars: 20_000, minDocs: 50 };
const CATEGORIES_KEY = 'categories';

/**
 * The library: every use case the CLI and the HTTP server offer, over one Store. It owns the
 * pipeline clean → dedupe → analyse → cluster → index → store; entry points stay thin.
 */
export class Library {
  private themeModel: ThemeClassifier;
  private corpus?: Promise<CorpusCounter>;
  private thread?: AnalysisThread;

  private constructor(readonly store: Store, themeState: ThemeModelState | undefined, private readonly offThreadChars: number) {
    this.themeModel = new ThemeClassifier(themeState);
  }

  /** `offThreadChars`: texts longer than this are analysed on a worker thread (default OFF_THREAD_CHARS). */
  static async open(store: Store, opts: { offThreadChars?: number } = {}): Promise<Library> {
    await stampIndexFormatIfEmpty(store);
    return new Library(store, await store.getSetting<ThemeModelState>(THEME_MODEL_KEY), opts.offThreadChars ?? OFF_THREAD_CHARS);
  }

  async close(): Promise<void> {
    await this.thread?.close();
    await this.store.close();
  }

  // ---------- settings

  async categories(): Promise<string[]> {
    return (await this.store.getSetting<string[]>(CATEGORIES_KEY)) ?? [...DEFAULT_CATEGORIES];
  }

  async setCategories(list: string[]): Promise<string[]> {
    const clean = [...new Set(list.map((c) => c.trim()).filter(Boolean))];
    if (!clean.length) throw new LibraryError('BAD_REQUEST', '类别列表不能为空');
    await this.store.putSetting(CATEGORIES_KEY, clean);
    return clean;
  }

  /** Refuses a category that is not in the configured list, so facets never show a typo as a category. */
  private async checkCategory(category: string | undefined): Promise<void> {
    if (category === undefined) return;
    const list = await this.categories();
    if (!list.includes(category.trim())) {
      throw new LibraryError('BAD_REQUEST', `类别「${category}」不在类别列表中（${list.join('、')}）：请改用列表中的类别，或先在设置中添加`);
    }
  }

  /** A document added without a category: one with a 文号 is an official document (政策文件, when listed). */
  private async guessCategory(source: Document['source']): Promise<string> {
    return source.docNumber && (await this.categories()).includes('政策文件') ? '政策文件' : '其他';
  }

  /** The publication date as stored (2021年5月1日 → 2021-05-01); a date that is impossible or in the future is refused. */
  private checkedSource<S extends Partial<Document['source']>>(source: S): S {
    const v = source.publishedAt;
    if (v === undefined || v === null) return source;
    if (String(v).trim() === '') return { ...source, publishedAt: undefined };
    const date = normaliseDate(v);
    if (!date) throw new LibraryError('BAD_REQUEST', `发布日期无法识别或晚于今天：${String(v).slice(0, 40)}（示例：2021-05-01、2021年5月1日、二〇二一年五月一日、2021）`);
    return { ...source, publishedAt: date };
  }

  /** A theme's name in the taxonomy (an alias gives its theme); refused otherwise, so the 主题 facet never shows a typo. */
  private checkedTheme(theme: string): string {
    const def = findTheme(theme.trim());
    if (!def) throw new LibraryError('BAD_REQUEST', `主题「${theme}」不在主题列表中（${THEME_NAMES.join('、')}）`);
    return def.name;
  }

  /**
   * Region codes for regions a user gives: codes are kept, names resolved (上海市宝山区 → 310113, 河北 → 13,
   * the province). `strict` (an edit) refuses an unknown name or one shared by several places, since a region stored
   * as written is found by no region filter; otherwise (batches, transfers) such a value is kept as written,
   * so that nothing is lost. Values in `keep` (already stored) are not checked again.
   */
  private regionCodes(values: string[], strict: boolean, keep: string[] = []): string[] {
    return [...new Set(values.map((v) => v.trim()).filter(Boolean).map((v) => {
      if (keep.includes(v) || regionInfo(v)) return v;
      // A code the gazetteer does not know is no place to file under.
      if (strict && /^\d+$/.test(v)) throw new LibraryError('BAD_REQUEST', `未识别的地区代码「${v.slice(0, 20)}」：请写 GB/T 2260 行政区划代码（如 310113）或地名`);
      const { codes } = resolveRegionName(v);
      if (codes.length === 1) return codes[0];
      if (!strict) return v;
      if (!codes.length) throw new LibraryError('BAD_REQUEST', `未识别的地区「${v}」：请写省、市、区县或街道乡镇的名称（如 上海市宝山区、枫桥镇）或行政区划代码`);
      throw new LibraryError('BAD_REQUEST', `地区「${v}」有 ${codes.length} 处同名（${codes.slice(0, 5).map(regionPath).join('、')}${codes.length > 5 ? ' 等' : ''}），请写出上级地区，如 ${regionPath(codes[0])}`);
    }))];
  }

  // ---------- documents

  async addDocument(input: DocumentInput, original?: OriginalInput): Promise<AddResult> {
    // Typed or pasted text, or text from a file parser (which already joined what its format's layout split).
    const text = cleanText(input.text ?? '', { cjkSpaces: 'words' });
    if (!text) throw new LibraryError('EMPTY_TEXT', '正文为空：请粘贴或上传含有文字的内容');
    await this.checkCategory(input.category?.trim() || undefined);
    const hash = textHash(text);
    const existing = await this.store.findByTextHash(hash);
    if (existing) return { status: 'duplicate', existing };

    const title = (input.title?.trim() || guessTitle(text)).slice(0, 500);
    const counter = await this.corpusCounter();
    // Counted before analysis, as in the keyword benchmark: a document is part of its own library.
    counter.add(text.slice(0, LIBRARY_CORPUS.maxChars));
    const { result, body } = await this.analyzed(text, title, counter);
    const id = newId();
    const createdAt = input.createdAt ?? nowIso();
    const bands = lshBands(result.minhash ?? []);
    const clusterId = (await this.findSameCase(text, bands)) ?? id;
    const source = withTextMetadata({ authors: [], ...this.checkedSource(input.source ?? {}) }, text);
    const doc: Document = {
      id,
      title,
      category: input.category?.trim() || (await this.guessCategory(source)),
      source,
      // The places given with it; those its analysis finds are added when it is indexed (documentRegions), so a
      // new analysis replaces them.
      regions: input.regions ? this.regionCodes(input.regions, false) : [],
      tags: [...new Set((input.tags ?? []).map((t) => t.trim()).filter(Boolean))],
      themes: [],
      setByUser: [],
      text,
      textHash: hash,
      original: original ? { name: original.name, sha256: sha256(original.bytes), type: original.type, size: original.bytes.length, ...(original.encoding ? { encoding: original.encoding } : {}) } : null,
      clusterId,
      groupId: input.groupId ?? null,
      createdAt,
      updatedAt: input.updatedAt ?? createdAt,
    };
    const analysis = this.analysisRecord(id, result, createdAt);
    try {
      await this.store.createDocument(doc, { originalBytes: original?.bytes, analyses: [analysis], index: buildIndexEntry(doc, result, body), lshBands: bands });
    } catch (e) {
      if (e instanceof DuplicateTextError) {
        const other = await this.store.findByTextHash(hash);
        if (other) return { status: 'duplicate', existing: other };
      }
      throw e;
    }
    return { status: 'imported', document: { ...doc, analyses: [analysis] } };
  }

  /** Analysis and the index's body tokens: on the worker thread for a long text (see analysis-thread.ts), else here. */
  private async analyzed(text: string, title: string, counter: CorpusCounter): Promise<{ result: AnalysisResult; body?: string }> {
    if (text.length <= this.offThreadChars) return { result: analyze(text, { title, themeModel: this.themeModel, corpus: usable(counter) }) };
    return (this.thread ??= new AnalysisThread()).analyze(text, title, this.themeModel, usable(counter) ? counter : undefined);
  }

  /** The library's keyword statistics, read from the store once per process (see LIBRARY_CORPUS). */
  private corpusCounter(): Promise<CorpusCounter> {
    this.corpus ??= (async () => {
      const counter = new CorpusCounter();
      for (let offset = 0; offset < LIBRARY_CORPUS.sample; offset += 500) {
        const page = await this.store.listDocuments({ limit: Math.min(500, LIBRARY_CORPUS.sample - offset), offset, sort: 'created' });
        for (const d of page.items) counter.add(d.text.slice(0, LIBRARY_CORPUS.maxChars));
        if (page.items.length < 500) break;
      }
      return counter;
    })();
    // A failed read is tried again on the next call rather than remembered.
    this.corpus.catch(() => { this.corpus = undefined; });
    return this.corpus;
  }

  private analysisRecord(documentId: string, result: AnalysisResult, createdAt = nowIso()): Analysis {
    return { id: newId(), documentId, producer: PRODUCER, version: ANALYZER_VERSION, createdAt, result };
  }

  /** The cluster of an earlier document telling the same case, if any (reposts, rewrites of one report). */
  private async findSameCase(text: string, bands: string[]): Promise<string | null> {
    const ids = await this.store.findByLshBands(bands, 20);
    if (!ids.length) return null;
    for (const other of await this.store.getDocuments(ids)) {
      if (isSameCase({ text }, { text: other.text })) return other.clusterId ?? other.id;
    }
    return null;
  }

  getDocument(id: string): Promise<DocumentWithAnalyses | null> {
    return this.store.getDocument(id);
  }

  async mustGetDocument(id: string): Promise<DocumentWithAnalyses> {
    const d = await this.store.getDocument(id);
    if (!d) throw new LibraryError('NOT_FOUND', `文档不存在：${id}`);
    return d;
  }

  listDocuments(opts: ListOptions = {}) {
    return this.store.listDocuments(opts);
  }

  /** Applies a user's edit. A change of themes is a correction the theme classifier learns from. */
  async updateDocument(id: string, patch: DocumentPatch): Promise<Document> {
    const cur = await this.mustGetDocument(id);
    await this.checkCategory(patch.category);
    // Only what the edit changes is checked: a date or theme stored by an older version does not block editing the title.
    const sameDate = patch.source?.publishedAt === cur.source.publishedAt;
    patch = {
      ...patch,
      ...(patch.source && !sameDate ? { source: this.checkedSource(patch.source) } : {}),
      ...(patch.themes ? { themes: patch.themes.map((t) => (cur.themes.includes(t) ? t : this.checkedTheme(t))) } : {}),
      ...(patch.regions ? { regions: this.regionCodes(patch.regions, true, cur.regions) } : {}),
    };
    const { analyses, ...doc } = cur;
    const latest = latestOffline(analyses);
    const next: Document = {
      ...doc,
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.category !== undefined ? { category: patch.category } : {}),
      ...(patch.source !== undefined ? { source: { ...doc.source, ...patch.source, authors: patch.source.authors ?? doc.source.authors } } : {}),
      ...(patch.regions !== undefined ? { regions: patch.regions ?? [] } : {}),
      ...(patch.tags !== undefined ? { tags: [...new Set(patch.tags.map((t) => t.trim()).filter(Boolean))] } : {}),
      ...(patch.themes !== undefined ? { themes: [...new Set(patch.themes ?? [])] } : {}),
      ...(patch.groupId !== undefined ? { groupId: patch.groupId } : {}),
      // Regions or themes a user gave replace the analysis's from now on, also when the list is empty; null
      // hands them back to the analysis.
      // A source a user edited (a date removed on purpose too) is not filled from the text again.
      setByUser: [...new Set([...doc.setByUser, ...(['regions', 'themes', 'source'] as const).filter((k) => patch[k] != null)])]
        .filter((k) => k === 'source' || patch[k] !== null),
      updatedAt: nowIso(),
    };
    if (patch.themes != null) {
      this.themeModel.learn(doc.text, next.themes);
      await this.store.putSetting(THEME_MODEL_KEY, this.themeModel.toJSON());
    }
    const saved = await this.store.updateDocument(next, buildIndexEntry(next, latest));
    if (!saved) throw new LibraryError('NOT_FOUND', `文档不存在：${id}`);
    // The title weighs in the analysis (keywords taken from it, the one-line summary): a new title is analysed
    // again, as a new version, so words of the old title no longer find the document.
    if (patch.title !== undefined && patch.title !== cur.title) {
      const { result, body } = await this.analyzed(saved.text, saved.title, await this.corpusCounter());
      await this.store.addAnalysis(this.analysisRecord(id, result), buildIndexEntry(await this.currentRow(id), result, body));
    }
    return saved;
  }

  async deleteDocument(id: string): Promise<void> {
    if (!(await this.store.deleteDocument(id))) throw new LibraryError('NOT_FOUND', `文档不存在：${id}`);
  }

  /** Runs the offline analysis again and stores it as a new analysis; older ones stay. */
  async reanalyze(id: string): Promise<Analysis> {
    const cur = await this.mustGetDocument(id);
    const { result, body } = await this.analyzed(cur.text, cur.title, await this.corpusCounter());
    const analysis = this.analysisRecord(id, result);
    const { analyses, ...row } = await this.mustGetDocument(id);
    const doc = refreshedByAnalysis(row, analyses);
    if (doc !== row) await this.store.updateDocument(doc, buildIndexEntry(doc, latestOffline(analyses)));
    await this.store.addAnalysis(analysis, buildIndexEntry(doc, result, body));
    return analysis;
  }

  /**
   * The document as stored now, without its analyses: an analysis takes seconds, and an edit saved
   * meanwhile (regions, themes, tags) must not be overwritten in the index by the row read before it.
   */
  private async currentRow(id: string): Promise<Document> {
    const { analyses: _a, ...doc } = await this.mustGetDocument(id);
    return doc;
  }

  /** Other documents of the same case (reposts), oldest first, without the document itself. */
  async cluster(id: string): Promise<Document[]> {
    const d = await this.mustGetDocument(id);
    if (!d.clusterId) return [];
    return (await this.store.listCluster(d.clusterId)).filter((x) => x.id !== id);
  }
}

/** The source as given, with the publication date and 文号 the text states where the source has none. */
function withTextMetadata(source: Document['source'], text: string): Document['source'] {
  if (source.publishedAt && source.docNumber && source.issuer) return source;
  const found = metadataFromText(text);
  return {
    ...source,
    ...(!source.publishedAt && found.publishedAt ? { publishedAt: found.publishedAt } : {}),
    ...(!source.docNumber && found.docNumber ? { docNumber: found.docNumber } : {}),
    ...(!source.issuer && found.issuer ? { issuer: found.issuer } : {}),
  };
}

/**
 * A document row brought up to what this version derives from its text, for a re-analysis: the publication
 * date, 文号 and issuer the text states where the source has none and no user edited the source; and no
 * stored places that are only a copy of an earlier analysis's (versions before 0.2.0 stored the first five
 * places of the analysis made at import: kept in the row, they outlived it). Places a user set or an import
 * gave are no such copy and stay. The same object when nothing changes.
 */
function refreshedByAnalysis(row: Document, analyses: Analysis[]): Document {
  const source = row.setByUser.includes('source') ? row.source : withTextMetadata(row.source, row.text);
  const copyOf = (a: Analysis) => (a.result.regions ?? []).filter((r) => !r.alternatives?.length).slice(0, 5).map((r) => r.code);
  const stale = !row.setByUser.includes('regions') && row.regions.length > 0
    && analyses.some((a) => { const c = copyOf(a); return c.length === row.regions.length && row.regions.every((x) => c.includes(x)); });
  if (!stale && JSON.stringify(source) === JSON.stringify(row.source)) return row;
  return { ...row, source, ...(stale ? { regions: [] } : {}), updatedAt: nowIso() };
}

export function newId(): string {
  return randomBytes(8).toString('hex');
}

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

/** First line when it reads like a heading, else the opening of the text. */
export function guessTitle(text: string): string {
  // An official document opens with its red header and 文号, a news page with its dateline: the title follows.
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 16);
  const first = lines[headerLinesBeforeTitle(lines)] ?? '';
  if (first.length <= 60 && !/[。！？.!?]$/.test(first)) return first.replace(/^#+\s*/, '');
  const cut = first.search(/[。！？!?]/);
  const head = cut > 0 && cut <= 60 ? first.slice(0, cut) : first.slice(0, 40);
  return head + (head.length < first.length && cut <= 0 ? '…' : '');
}

/** The statistics once the library is big enough to tell common words from rare ones. */
function usable(c: CorpusCounter): CorpusStats | undefined {
  return c.docCount >= LIBRARY_CORPUS.minDocs ? c : undefined;
}
