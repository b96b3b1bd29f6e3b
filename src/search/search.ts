// searchDocuments: the one search path the HTTP API, the CLI and the relevance benchmark share.
import type { FacetName } from '../domain/index.js';
import type { FacetCount, IndexFilters, IndexedDoc, Store, TextMatch } from '../store/store.js';
import { applicableValues, changesInNormalForm, contradictions, resolveFilters, respellValues, undatedCount, unknownFilterValues, type FilterParams, type SimilarValues } from './filters.js';
import { parseQuery } from './query-parser.js';
import { splitCompounds, splittable } from './compounds.js';
import { andMatch, MAX_CONCEPTS, ONE_TERM_CHARS, orMatch, queryConcepts, unappliedExclusions, type Concept, type QueryConcepts } from './query-terms.js';
import { DEFAULT_RANK, feedbackTerms, idf, rankCandidates, weightedTerms, type RankParams, type Scored } from './rank.js';
import { regionInfo } from './regions.js';
import { makeSnippet, matchRanges } from './snippet.js';
import { documentRegions, documentThemes } from './tokens.js';
import { loadJiebaTables } from '../text/jieba-data.js';

export interface SearchRequest extends FilterParams {
  q?: string;
  /** Default 'relevance' ('date' when the query has no words). */
  sort?: 'relevance' | 'date';
  /** Default 20, at most 200. */
  limit?: number;
  /** Default 0. */
  offset?: number;
}

export interface SearchHit {
  id: string; title: string; category: string; snippet: string; highlights: [number, number][]; score: number;
  publishedAt?: string; createdAt: string;
  /** Per query concept: the fields it was found in, its share of the score, and the forms found (its text, synonyms). */
  explanation: { term: string; fields: string[]; weight: number; matchedAs: string[] }[];
  regionNames: string[]; themes: string[];
  /** Other documents of its same-case cluster (reposts, rewrites) the user can see; absent when none. */
  sameCase?: number;
  /** The group it is restricted to (team mode); absent for a document the whole library sees. */
  groupId?: string;
}

export interface SearchResponse {
  total: number;
  hits: SearchHit[];
  facets: {
    category: FacetCount[]; theme: FacetCount[]; year: FacetCount[]; tag: FacetCount[];
    collection: { value: string; label: string; count: number }[];
    region: { code: string; name: string; level: string; parent: string | null; count: number }[];
  };
  query: { terms: string[]; phrases: string[]; excluded: string[]; filters: Record<string, unknown> };
  message?: string;
  /** Filter values the library does not hold, each with held values like it and how to apply them (see applicableValues). */
  similarValues?: SimilarValues[];
}

export interface SearchOptions {
  /**
   * Candidates re-ranked in TypeScript together, a block of the store's first-pass order (FTS5 bm25 with
   * the re-ranker's field weights / an IDF-weighted count of query terms on PostgreSQL): the first
   * page's hits come from the best `candidateLimit` (default CANDIDATES; all matches when fewer), deeper
   * pages from the following blocks of the same size, each re-ranked among itself. Reading and
   * re-ranking their token strings is most of a query's cost: ~0.1 ms per candidate at 100k documents.
   */
  candidateLimit?: number;
  /** Pseudo-relevance feedback for long questions (default false: it did not help on the statute set). */
  feedback?: boolean;
  /** Skip facet counting (default false; the relevance benchmark does not need them). */
  facets?: boolean;
  /** Notes that cost extra counts (documents a year range left out for having no year; default true). */
  notes?: boolean;
  rank?: RankParams;
}

/** A single character of a question is a match term only when at most this share of documents has it (default 0.05). */
export const RARE_CHAR_SHARE = 0.05;

/** The store's match when nothing is matched by text: it lists by filters. */
const NO_TEXT: TextMatch = { all: [], any: [], none: [], phrases: [] };

/** Default number of candidates re-ranked in TypeScript (see SearchOptions.candidateLimit). */
export const CANDIDATES = 100;

/** Feedback: documents read, terms added, and their total weight relative to the query (defaults). */
export const FEEDBACK = { docs: 8, terms: 10, weight: 0.4 };

/** Drops the least informative concepts of a long question, keeping query order. */
function selectConcepts(qc: QueryConcepts, df: Map<string, number>, n: number): QueryConcepts {
  if (qc.concepts.length <= MAX_CONCEPTS) return qc;
  const spec = (c: Concept) => Math.max(0, ...c.evidence.map((e) => idf(df.get(e.term) ?? 0, n) * (e.kind === 'bigram' ? 0.8 : 1)));
  const keep = new Set([...qc.concepts].sort((a, b) => spec(b) - spec(a)).slice(0, MAX_CONCEPTS));
  return { ...qc, concepts: qc.concepts.filter((c) => keep.has(c) || c.phrase) };
}

export async function searchDocuments(store: Store, req: SearchRequest, opts: SearchOptions = {}): Promise<SearchResponse> {
  const pq = parseQuery(req.q ?? '');
  const messages = [...pq.messages];
  const limit = Math.min(200, Math.max(0, Math.floor(Number(req.limit ?? 20)) || 0)) || (req.limit === 0 ? 0 : 20);
  const offset = Math.max(0, Math.floor(Number(req.offset ?? 0)) || 0);
  const filters = await resolveFilters(store, req, pq, messages);
  // Values in traditional characters or full width are read as the library holds them, wanted or excluded.
  messages.push(...await respellValues(store, filters, filters.visibleGroups, changesInNormalForm));
  // An excluded value the library does not hold as typed is looked up in every case: excluding nothing is silent.
  if (filters.exclude) messages.push(...await respellValues(store, filters.exclude, filters.visibleGroups, () => true));
  let qc = queryConcepts(pq);
  const stats = await store.corpusStats();
  const allTerms = [...new Set(qc.concepts.flatMap((c) => c.evidence.map((e) => e.term)))];
  const df = await store.docFrequencies(allTerms);
  qc = selectConcepts(qc, df, stats.docCount);
  const hasWords = qc.concepts.length > 0;
  // Only function words or symbols typed (我们, 的, ？): nothing to search for. With a filter the filtered
  // documents are listed; without one, listing the whole library would answer a question nobody asked.
  const onlyFunctionWords = !hasWords && pq.freeText;
  const filtered = Object.entries(filters).some(([k, v]) => k !== 'visibleGroups' && v != null);
  // Something was typed but nothing of it can select documents (NOT, --, -区, a year that cannot be read):
  // nothing is listed, as for function words, rather than the whole library.
  const unapplied = unappliedExclusions(qc.excluded);
  const excludes = qc.excluded.length > unapplied.length;
  const nothingUsable = (req.q ?? '').trim() !== '' && !hasWords && !filtered && !excludes;
  if (nothingUsable) filters.impossible = true;
  const rareChar = (t: string) => (df.get(t) ?? 0) <= RARE_CHAR_SHARE * stats.docCount;
  const sort = req.sort ?? (hasWords ? 'relevance' : 'date');
  // Pages past the first pool re-rank whole blocks of the store's order (ranks 100–199, 200–299 …), each
  // block among itself: a pool that grew with the offset re-ranked a different set for every page, so
  // deep pages repeated and skipped documents.
  const pool = Math.max(1, opts.candidateLimit ?? CANDIDATES);
  // A page reads the blocks it falls in only (the store skips the blocks before: their wide rows are not read).
  const blockStart = pool * Math.floor(offset / pool);
  const blockEnd = pool * Math.max(1, Math.ceil((offset + limit) / pool));
  const skip = sort === 'date' ? offset : blockStart;

  // Without words, the match carries the exclusions only (the store lists by filters).
  // A question is retrieved with OR and ranked by coverage; keywords, however many, need all of them first.
  const orFirst = qc.long && qc.question;
  let match: TextMatch | null = hasWords ? (orFirst ? orMatch(qc, rareChar) : andMatch(qc)) : (qc.excluded.length ? andMatch(qc) : null);
  let total = 0;
  let docs: IndexedDoc[] = [];
  // Facets are counted beside the match on PostgreSQL (two connections, so two cores; SQLite, synchronous,
  // counts them first), and once more when the retries below changed the match or the filters.
  // A count left behind (or one whose search failed first) must not end the process as an unhandled rejection.
  const countFacets = () => {
    const counted = opts.facets === false || filters.impossible ? Promise.resolve(emptyFacets()) : buildFacets(store, match, filters);
    counted.catch(() => undefined);
    return counted;
  };
  let facetsCounted = countFacets();
  const countedMatch = match;
  if (!filters.impossible) {
    const fetchN = sort === 'date' ? limit : blockEnd - blockStart;
    const storeSort = sort === 'date' ? 'date' : 'rank';
    const run = () => store.matchDocuments(match ?? NO_TEXT, filters, { limit: fetchN, skip, sort: storeSort });
    ({ total, docs } = await run());
    const respelled = total ? [] : await respellValues(store, filters, filters.visibleGroups, () => true);
    if (respelled.length) {
      messages.push(...respelled);
      ({ total, docs } = await run());
    }
    // A typed compound no document holds whole (接诉即办条例): documents holding all of its parts (接诉即办工作条例).
    const absent = hasWords && !orFirst && total === 0 ? await absentCompounds(store, qc, filters.visibleGroups) : new Set<Concept>();
    const split = absent.size ? splitCompounds(qc, absent) : null;
    if (split) {
      const partTerms = split.qc.concepts.flatMap((c) => c.evidence.map((e) => e.term)).filter((t) => !df.has(t));
      for (const [t, n] of await store.docFrequencies([...new Set(partTerms)])) df.set(t, n);
      const whole = { qc, match };
      qc = split.qc;
      match = andMatch(qc);
      ({ total, docs } = await run());
      if (total) messages.push(`没有文档包含完整的${split.split.map(([w]) => `“${w}”`).join('')}，以下结果同时包含${split.split.flatMap(([, parts]) => parts).map((p) => `“${p}”`).join('')}`);
      else ({ qc, match } = whole);
    }
    // Nothing holds every typed term: documents holding some of them, when two or more were typed (or a
    // phrase without spaces). One short term the segmenter split (区块链 → 区块 / 链) is not loosened into its
    // parts, and no single character stands in for a longer word (链 for 区块链, 紫 for 紫藤).
    // Nor does a bare number (19 of COVID-19, 2 of SARS-CoV-2) or a lone letter (x of src=x) stand in for what
    // it was typed with.
    const severalTyped = pq.clauses.length >= 2 || [...(pq.clauses[0]?.[0] ?? '')].length > ONE_TERM_CHARS;
    const partial = qc.concepts.filter((c) => c.phrase || !/^([\d.%]+|[a-z])$/i.test(c.text));
    if (hasWords && !orFirst && total === 0 && severalTyped && qc.concepts.filter((c) => !c.phrase).length >= 2 && partial.some((c) => !c.phrase)) {
      // Many keywords fall back as a question does (rare single characters count); a few, by the words only.
      match = orMatch({ ...qc, concepts: partial }, qc.long ? rareChar : (t) => partial.some((c) => c.text === t));
      ({ total, docs } = await run());
      if (total) messages.push('没有同时包含全部词语的文档，以下结果包含部分词语');
    }
    if (match !== countedMatch || respelled.length) facetsCounted = countFacets();
  }

  let ranked: Scored[];
  if (hasWords) {
    const terms = weightedTerms(qc.concepts);
    ranked = inBlocks(rankCandidates(docs, qc.concepts, terms, df, stats, opts.rank ?? DEFAULT_RANK), docs, pool);
    // Feedback reads the best documents: on the first block only.
    if (qc.long && (opts.feedback ?? false) && skip === 0 && ranked.length > FEEDBACK.docs) {
      const fb = feedbackTerms(ranked.slice(0, FEEDBACK.docs), new Set(terms.map((t) => t.term)), 60);
      const fdf = await store.docFrequencies(fb.map((x) => x.term));
      const weighted = fb.map((x) => ({ term: x.term, w: x.mass * idf(fdf.get(x.term) ?? 0, stats.docCount) }))
        .filter((x) => (fdf.get(x.term) ?? 0) > 1).sort((a, b) => b.w - a.w).slice(0, FEEDBACK.terms);
      const sum = weighted.reduce((a, x) => a + x.w, 0) || 1;
      const qsum = terms.reduce((a, t) => a + t.weight, 0);
      for (const x of weighted) { terms.push({ term: x.term, weight: FEEDBACK.weight * qsum * x.w / sum, concept: -1, kind: 'feedback' }); df.set(x.term, fdf.get(x.term) ?? 0); }
      ranked = inBlocks(rankCandidates(docs, qc.concepts, terms, df, stats, opts.rank ?? DEFAULT_RANK), docs, pool);
    }
    if (sort === 'date') {
      // The store's date order, ties included (its insertion order), so that pages neither repeat nor skip.
      const at = new Map(docs.map((d, i) => [d.id, i]));
      ranked.sort((a, b) => at.get(a.doc.id)! - at.get(b.doc.id)!);
    }
  } else {
    ranked = docs.map((doc) => ({ doc, score: 0, matched: [] }));
  }
  // (A page past the last match has nothing ranked: its offset says nothing about the total.)
  if (hasWords && sort === 'relevance' && ranked.length) total = Math.max(total, skip + ranked.length);
  // A question none of whose words any document holds may still share single characters with some (房 in
  // 住房, 退 in 退休): list them, but say how little they share.
  const words = qc.concepts.filter((c) => [...c.text].length > 1);
  const withScore = ranked.filter((s) => s.score > 0 || s.doc.bodyCut);
  // Judged on the first block, the best matches (a deep page's block says nothing about the whole list). A
  // long document read only in part (bodyCut) may hold a word past that part: when there are such, the
  // library is asked whether any document holds any of the words at all (one count).
  const whole = withScore.filter((s) => !s.doc.bodyCut);
  if (qc.long && skip === 0 && words.length && withScore.length && whole.every(sharesCharactersOnly)
    && (whole.length === withScore.length || (await store.matchDocuments(orMatch({ ...qc, concepts: words }, () => false), filters, { limit: 0 })).total === 0)) {
    messages.push(`没有文档包含提问中的词语（${words.slice(0, 4).map((c) => c.text).join('、')}），以下结果只有个别字相同，可能并不相关`);
  }

  const page = ranked.slice(offset - skip, offset - skip + limit);
  const hits = await buildHits(store, page, qc, filters.visibleGroups);
  const facets = await facetsCounted;
  // A general word typed alone (问题, 情况) is still found as a quoted phrase: say how.
  const typedWord = pq.clauses.flat().find((t) => /^\p{Script=Han}{2,8}$/u.test(t));
  if (onlyFunctionWords) messages.push(filtered || excludes ? '查询中没有可检索的词语，已按筛选条件列出文档'
    : `查询中只有常用虚词、泛用词或符号（如“我们”“的”“问题”），没有可检索的词语，请换用实词${typedWord ? `；确需查找可加引号，如 "${typedWord}"` : ''}`);
  else if (nothingUsable && !unapplied.length) messages.push('查询中没有可检索的词语或可用的筛选条件，请输入要找的词');
  const similarValues: SimilarValues[] = [];
  if (!total && !filters.impossible) messages.push(...await unknownFilterValues(store, filters, filters, '', similarValues));
  // Several values of one field are alternatives (主题:数字治理 主题:网格): a mistyped one hides among the others' results.
  if (total && !filters.impossible) {
    const several = Object.fromEntries((['category', 'theme', 'tag'] as const).flatMap((k) => ((filters[k]?.length ?? 0) > 1 ? [[k, filters[k]]] : [])));
    if (Object.keys(several).length) messages.push(...await unknownFilterValues(store, several, filters, '，该取值未起作用', similarValues));
  }
  // A year range leaves out what has no year: say how much (found something or not), since those documents
  // may well be what is sought. Two counts: on a first page only, and not for callers that show no notes.
  if (!filters.impossible && (filters.yearFrom != null || filters.yearTo != null) && offset === 0 && opts.notes !== false
    && !messages.some((m) => m.includes('没有发布日期'))) {
    const { impossible: _impossible, ...indexFilters } = filters;
    const undated = await undatedCount(store, match, indexFilters);
    if (undated) messages.push(`另有 ${undated} 篇符合其余条件的文档没有发布日期（标题中也没有年份），不计入年份筛选；可在文档页补上发布日期`);
  }
  if (filters.exclude) messages.push(...await unknownFilterValues(store, filters.exclude, filters, '，该排除条件未起作用', similarValues, true));
  const offered = applicableValues(similarValues, req);
  const clash = qc.concepts.filter((c) => qc.excluded.includes(c.text)).map((c) => c.text);
  if (!total && clash.length) messages.push(`同一个词既要求又排除（${clash.join('、')}），因此没有结果`);
  const both = contradictions(filters);
  if (both.length) messages.push(`同一条件既要求又排除（${both.join('、')}），因此没有结果`);
  if (unapplied.length) messages.push(`未能排除：${unapplied.map((e) => `-${e}`).join('、')}（排除词需是两个字以上的中文词或一个英文词、数字）`);
  return {
    total: filters.impossible ? 0 : total,
    hits,
    facets,
    query: {
      terms: qc.concepts.filter((c) => !c.phrase).map((c) => c.text),
      phrases: qc.concepts.filter((c) => c.phrase).map((c) => c.text),
      excluded: qc.excluded,
      filters: { ...filters, impossible: undefined },
    },
    ...(messages.length ? { message: messages.join('；') } : {}),
    ...(offered.length ? { similarValues: offered } : {}),
  };
}

/**
 * The compounds of a query (see splittable) that no document the user can see holds whole, whatever the
 * query's filters and exclusions: a compound only filtered out is not loosened to its parts.
 */
async function absentCompounds(store: Store, qc: QueryConcepts, visibleGroups?: string[] | null): Promise<Set<Concept>> {
  const absent = new Set<Concept>();
  for (const c of qc.concepts.filter(splittable)) {
    const alone = andMatch({ concepts: [c], excluded: [], long: false, question: false });
    if ((await store.matchDocuments(alone, visibleGroups ? { visibleGroups } : {}, { limit: 0 })).total === 0) absent.add(c);
  }
  return absent;
}

/**
 * A process's first search loads the segmenter's dictionary, jieba's tables (read when a query's words
 * are shown as matched parts) and the store's facet columns: ~1 s at 100k documents. A server calls this
 * right after it starts listening, so that no user's query pays for it.
 */
export async function warmSearch(store: Store): Promise<void> {
  loadJiebaTables();
  await searchDocuments(store, { q: '治理', limit: 1 });
}

/**
 * Re-ranked hits by block of `pool` in the store's order first, then by score (see candidateLimit above).
 * A document the ranker scored 0 (the store matched it on tokens the query's terms do not count) stays,
 * last in its block: every block keeps its size, so the pages after it stay aligned with the store's order.
 */
export function inBlocks(ranked: Scored[], docs: IndexedDoc[], pool: number): Scored[] {
  const scored = new Set(ranked.map((s) => s.doc.id));
  const all = [...ranked, ...docs.filter((d) => !scored.has(d.id)).map((doc): Scored => ({ doc, score: 0, matched: [] }))];
  if (docs.length <= pool) return all;
  const block = new Map(docs.map((d, i) => [d.id, Math.floor(i / pool)]));
  return all.map((s, i) => ({ s, i, b: block.get(s.doc.id)! })).sort((x, y) => x.b - y.b || x.i - y.i).map((x) => x.s);
}

/**
 * A hit that holds no word of the question, only single characters of its words (房 of 房东) and its
 * one-character words (退 of 不退: as weak a sign as a character, beside the question's longer words; the
 * caller asks only when it has some). A document whose body was read only in part (bodyCut) may hold
 * more past that part: never counted as such.
 */
function sharesCharactersOnly(s: Scored): boolean {
  if (s.doc.bodyCut || !s.matched.length) return false;
  return s.matched.every((m) => [...m.concept.text].length < 2 || m.forms.every((f) => [...f].length < 2));
}

/** The strings a snippet marks for the query's concepts (their alternatives and synonyms), with weights. */
function conceptNeedles(qc: QueryConcepts): { needles: string[]; weights: number[] } {
  const needles: string[] = [];
  const weights: number[] = [];
  for (const c of qc.concepts) {
    for (const a of [...c.alternatives, ...c.synonyms]) { needles.push(a); weights.push(a === c.text ? 1 : 0.8); }
  }
  return { needles, weights };
}

/**
 * Where a query's words stand in a document's text (what its search snippet marks, over the whole text),
 * for showing a document opened from a search: the words, and merged [start, end) ranges.
 */
export function queryMatches(text: string, q: string): { terms: string[]; ranges: [number, number][] } {
  const qc = queryConcepts(parseQuery(q));
  return { terms: qc.concepts.map((c) => c.text), ranges: matchRanges(text, conceptNeedles(qc).needles) };
}

/** What a hit shows of the latest analysis. */
const HIT_PARTS = ['regions', 'themes'] as const;

async function buildHits(store: Store, page: Scored[], qc: QueryConcepts, visibleGroups?: string[] | null): Promise<SearchHit[]> {
  const full = await store.getDocumentsWithLatest(page.map((s) => s.doc.id), HIT_PARTS);
  const clusters = await store.clusterSizes(full.flatMap((d) => (d?.clusterId ? [d.clusterId] : [])), visibleGroups);
  const clusterSize = (d: (typeof full)[number]) => (d?.clusterId ? clusters.get(d.clusterId) ?? 0 : 0);
  const { needles, weights } = conceptNeedles(qc);
  return page.map((s, i) => {
    const d = full[i];
    const text = d?.text ?? '';
    const latest = d?.latest;
    const snip = makeSnippet(text, needles, weights);
    // One name per place, by code, whether set on the document or found by the analysis (which writes the
    // full name, 上海市宝山区, where the code's is 宝山区).
    const regionNames = [...new Set((d ? documentRegions(d, latest) : []).map((c) => regionInfo(c)?.name ?? c))];
    return {
      id: s.doc.id, title: s.doc.title, category: s.doc.category, snippet: snip.text, highlights: snip.highlights,
      score: Math.round(s.score * 1000) / 1000,
      ...(d?.source.publishedAt ? { publishedAt: d.source.publishedAt } : {}),
      createdAt: d?.createdAt ?? '',
      explanation: s.matched.map((m) => ({ term: m.concept.text, fields: m.fields, weight: Math.round(m.weight * 1000) / 1000, matchedAs: m.forms })),
      regionNames,
      themes: d ? documentThemes(d, latest) : [],
      ...(clusterSize(d) > 1 ? { sameCase: clusterSize(d) - 1 } : {}),
      ...(d?.groupId ? { groupId: d.groupId } : {}),
    };
  });
}

function emptyFacets(): SearchResponse['facets'] {
  return { category: [], theme: [], year: [], tag: [], collection: [], region: [] };
}

const FACETS: (FacetName | 'collection')[] = ['category', 'theme', 'region', 'year', 'tag', 'collection'];

async function buildFacets(store: Store, match: TextMatch | null, filters: IndexFilters): Promise<SearchResponse['facets']> {
  const raw = await store.facetCounts(match, filters, FACETS, 100);
  const collections = raw.collection?.length ? await store.listCollections() : [];
  const label = new Map(collections.map((c) => [c.id, c.name]));
  return {
    category: raw.category ?? [],
    theme: raw.theme ?? [],
    year: [...(raw.year ?? [])].sort((a, b) => b.value.localeCompare(a.value)),
    tag: raw.tag ?? [],
    collection: (raw.collection ?? []).map((c) => ({ value: c.value, label: label.get(c.value) ?? c.value, count: c.count })),
    region: (raw.region ?? []).map((r) => {
      const info = regionInfo(r.value);
      return { code: r.value, name: info?.name ?? r.value, level: info?.level ?? 'unknown', parent: info?.parent ?? null, count: r.count };
    }),
  };
}
