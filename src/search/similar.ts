// "Similar documents": the key terms of a document (top tf-idf tokens of its index entry) retrieve
// candidates; shared themes, regions and entities add to the score and give the reasons shown.
import type { Store } from '../store/store.js';
import { conceptOf } from './query-terms.js';
import { DEFAULT_RANK, idf, rankCandidates, weightedTerms } from './rank.js';
import { regionInfo, withAncestors } from './regions.js';
import { isStopword } from './stopwords.js';
import { cleanToken, documentRegions, documentThemes } from './tokens.js';
import { normaliseForIndex } from '../text/normalise.js';
import { segment, segmentForSearch } from '../text/segment.js';
import { readsAsWord } from './words.js';
import { latestOffline } from '../domain/latest-analysis.js';
import { jiebaIdf, posOf } from '../text/jieba-data.js';

export interface SimilarItem { id: string; title: string; category: string; score: number; reasons: string[] }

/** How much of a document's text is segmented to tell its words from parts of longer ones (default 20,000 characters). */
const OWN_WORDS_CHARS = 20_000;

/**
 * The words of a text as the segmenter reads it, with the parts of its lexicon terms (加装 and 电梯 of
 * 加装电梯), but not the pieces inside its ordinary words (都市 of 成都市, 油机 of 柴油机).
 */
function textWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const t of segment(normaliseForIndex(text))) {
    out.add(cleanToken(t.text));
    if (t.kind === 'lexicon') for (const p of tilingParts(t.text)) out.add(cleanToken(p));
  }
  return out;
}

/**
 * The parts of a term that, side by side with other parts, make up the whole of it (村民 / 委员会 / 组织法
 * of 村民委员会组织法, 加装 / 电梯 of 加装电梯): a part straddling two of them (民委, 织法; 网通 of 一网通办,
 * 党组 of 党组织) is a dictionary word by accident, not something the two texts are about.
 */
function tilingParts(term: string): string[] {
  const n = term.length;
  const parts = segmentForSearch(term).filter((p) => p.end - p.start < n);
  // fromStart[i]: [0, i) is covered by parts end to end; toEnd[i]: [i, n) is.
  const fromStart = new Array<boolean>(n + 1).fill(false);
  const toEnd = new Array<boolean>(n + 1).fill(false);
  fromStart[0] = true;
  toEnd[n] = true;
  for (let i = 0; i < n; i++) if (fromStart[i]) for (const p of parts) if (p.start === i) fromStart[p.end] = true;
  for (let i = n; i > 0; i--) if (toEnd[i]) for (const p of parts) if (p.end === i) toEnd[p.start] = true;
  return parts.filter((p) => fromStart[p.start] && toEnd[p.end]).map((p) => p.text);
}

/**
 * Whether a shared key term says what two texts have in common to a reader: not a numeral or year
 * (一九五二年), nor an everyday verb, adverb or adjective (加大, 积极) — they score, but as the reason shown
 * ("共同关键词：加大、力度") they say nothing. Everyday: jieba's IDF below 7 (治理 6.7, 加大 5.9; 调解 8.2 stays).
 */
function namesATopic(word: string): boolean {
  if (/^[\d零〇一二三四五六七八九十百千万两]+(?:年|年代)?$/.test(word)) return false;
  const pos = posOf(word);
  if (pos && /^(m|d|ad|a|c|p|u|r|q)$/.test(pos)) return false;
  return !(pos === 'v' && jiebaIdf(word) < 7);
}

/** Key terms taken from a document (default 12) and candidates re-scored with metadata (default 60). */
export const SIMILAR = { keyTerms: 12, candidates: 60 };

type Fields = { title: string; keywords: string; entities: string; body: string };

/**
 * The most distinctive tokens of a document (multi-character words, by tf × idf). `others` are documents
 * to discount (its reposts): a term only they share with it says nothing about other documents, and
 * would otherwise win on idf and leave no candidate outside the cluster.
 */
export async function keyTerms(store: Store, fields: Fields, count = SIMILAR.keyTerms, others: Fields[] = []): Promise<{ term: string; weight: number }[]> {
  const tf = new Map<string, number>();
  const add = (s: string, w: number) => { for (const t of s.split(' ')) if (t.length >= 2 && !/^[\d.%-]+$/.test(t) && !isStopword(t)) tf.set(t, (tf.get(t) ?? 0) + w); };
  add(fields.body, 1); add(fields.title, 3); add(fields.keywords, 3); add(fields.entities, 2);
  const top = [...tf].sort((a, b) => b[1] - a[1]).slice(0, 200).map(([t]) => t);
  const raw = await store.docFrequencies(top);
  const otherTokens = others.map((f) => new Set([f.title, f.keywords, f.entities, f.body].join(' ').split(' ')));
  const df = new Map(top.map((t) => [t, (raw.get(t) ?? 0) - otherTokens.filter((s) => s.has(t)).length]));
  const n = (await store.corpusStats()).docCount - others.length;
  return top.map((t) => ({ term: t, weight: Math.log(1 + tf.get(t)!) * idf(df.get(t) ?? 0, n) }))
    .filter((x) => (df.get(x.term) ?? 0) > 1)
    .sort((a, b) => b.weight - a.weight).slice(0, count);
}

/** Documents similar to `id`, excluding itself and its near-duplicate cluster. Empty when unknown. */
export async function similarDocuments(store: Store, id: string, limit = 10, opts: { visibleGroups?: string[] } = {}): Promise<SimilarItem[]> {
  const [self] = await store.getIndexed([id]);
  const doc = await store.getDocument(id);
  if (!self || !doc) return [];
  const exclude = new Set([id]);
  if (doc.clusterId) for (const d of await store.listCluster(doc.clusterId)) exclude.add(d.id);
  const reposts = exclude.size > 1 ? await store.getIndexed([...exclude].filter((x) => x !== id)) : [];
  const keys = await keyTerms(store, self.fields, SIMILAR.keyTerms, reposts.map((r) => r.fields));
  if (!keys.length) return [];
  const concepts = keys.map((k) => conceptOf(k.term, false, false));
  const { docs } = await store.matchDocuments({ all: [], any: keys.map((k) => k.term), none: [], phrases: [] }, { visibleGroups: opts.visibleGroups }, { limit: 300 });
  const terms = weightedTerms(concepts).filter((t) => t.kind === 'word');
  terms.forEach((t) => { t.weight = keys[t.concept].weight; });
  const df = await store.docFrequencies(terms.map((t) => t.term));
  const ranked = rankCandidates(docs.filter((d) => !exclude.has(d.id)), concepts, terms, df, await store.corpusStats(), { ...DEFAULT_RANK, proximity: 0 })
    .slice(0, SIMILAR.candidates);
  if (!ranked.length) return [];
  const latest = latestOffline(doc.analyses);
  const myThemes = new Set(documentThemes(doc, latest));
  const myRegions = new Set(documentRegions(doc, latest).flatMap(withAncestors));
  const myEntities = new Set([...(latest?.mechanisms ?? []), ...(latest?.organizations ?? [])].map((e) => e.name));
  const maxText = ranked[0].score || 1;
  const full = await store.getDocumentsWithLatest(ranked.map((r) => r.doc.id), ['themes', 'regions', 'mechanisms', 'organizations'] as const);
  const scored = ranked.map((r, i) => {
    const d = full[i];
    const res = d?.latest;
    const reasons: string[] = [];
    let bonus = 0;
    const themes = d ? documentThemes(d, res).filter((t) => myThemes.has(t)) : [];
    if (themes.length) { reasons.push(`相同主题：${themes.join('、')}`); bonus += 0.15 * Math.min(2, themes.length); }
    const regions = d ? documentRegions(d, res).filter((c) => myRegions.has(c)) : [];
    if (regions.length) { reasons.push(`同一地区：${regions.map((c) => regionInfo(c)?.name ?? c).join('、')}`); bonus += 0.1; }
    const entities = [...new Set([...(res?.mechanisms ?? []), ...(res?.organizations ?? [])].map((e) => e.name))].filter((n) => myEntities.has(n));
    if (entities.length) { reasons.push(`共同机制或主体：${entities.slice(0, 3).join('、')}`); bonus += 0.1 * Math.min(2, entities.length); }
    if (d && d.category === doc.category) bonus += 0.02;
    return { item: { id: r.doc.id, title: r.doc.title, category: r.doc.category, score: Math.round((r.score / maxText + bonus) * 1000) / 1000, reasons }, r, d };
  }).sort((a, b) => b.item.score - a.item.score).slice(0, limit);
  // Shared key terms are named only when they are words of both texts: a key term may be a bigram of the
  // index (诉即, 区改) or a word inside a longer one (都市 of 成都市, 油机 of 柴油机). Segmented for the
  // documents listed only.
  const mine = textWords(`${doc.title}\n${doc.text.slice(0, OWN_WORDS_CHARS)}`);
  return scored.map(({ item, r, d }): SimilarItem => {
    const theirs = d ? textWords(`${d.title}\n${d.text.slice(0, OWN_WORDS_CHARS)}`) : new Set<string>();
    const shared = r.matched.filter((m) => m.weight > 0 && m.concept.primary === m.concept.text && readsAsWord(m.concept.text) && namesATopic(m.concept.text) && mine.has(m.concept.text) && theirs.has(m.concept.text))
      .sort((a, b) => b.weight - a.weight).map((m) => m.concept.text)
      // 枫桥 beside 枫桥经验 says the same overlap twice: only the longer is named.
      .filter((t, _i, all) => !all.some((o) => o !== t && o.includes(t))).slice(0, 5);
    return shared.length ? { ...item, reasons: [`共同关键词：${shared.join('、')}`, ...item.reasons] } : item;
  });
}
