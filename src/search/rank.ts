// Ranking in TypeScript over store-neutral inputs (candidate token streams, document frequencies,
// corpus stats), so SQLite and PostgreSQL give the same order: BM25F over title/keywords/entities/body,
// query terms weighted by IDF, a coverage boost for documents holding more of the query's concepts, a
// proximity boost for concepts close together in the body, and optional pseudo-relevance feedback.
import type { CorpusStats, IndexedDoc } from '../store/store.js';
import type { Concept, Evidence } from './query-terms.js';
import { forEachToken, hasChainText, hasToken, tokenCount } from './token-text.js';
import { bigrams, cleanToken } from './tokens.js';
import { readsAsWord } from './words.js';
import { idf } from '../store/first-pass.js';

/** BM25's IDF, shared with the stores' first pass. */
export { idf };

export const FIELDS = ['title', 'keywords', 'entities', 'body'] as const;
export type Field = (typeof FIELDS)[number];

export interface RankParams {
  /** BM25 saturation (default 1.2). */
  k1: number;
  /** Length normalisation per field (default title 0.5, body 0.9, others 0.75). */
  b: Record<Field, number>;
  /** Field weights (default title 1, keywords 1.5, entities 1.5, body 1). */
  weight: Record<Field, number>;
  /** Multiplier strength of concept coverage (default 1): score × (1 + coverage·c²). */
  coverage: number;
  /**
   * Boost of a document whose title holds every weighted concept of the query whole (default 1: score ×
   * 2), so that the document titled with what was typed (2008年国务院政府工作报告) comes before others that
   * mention each word in a long body: the exact title of each of 53 government reports found its report
   * first 22 times without it, 53 with it. A title holding only some of them gets nothing beyond BM25F's
   * title field (a share of it cost statute retrieval nDCG; the whole title did not).
   */
  titleMatch: number;
  /** Proximity boost strength (default 0.05). */
  proximity: number;
}

export const DEFAULT_RANK: RankParams = {
  k1: 1.2,
  b: { title: 0.5, keywords: 0.75, entities: 0.75, body: 0.9 },
  weight: { title: 1, keywords: 1.5, entities: 1.5, body: 1 },
  coverage: 1,
  titleMatch: 1,
  proximity: 0.05,
};

export interface Scored {
  doc: IndexedDoc;
  score: number;
  /**
   * Concepts found, with the fields they were found in, their share of the score, and the forms found:
   * the concept's own text when it occurs whole, each synonym or formal term that occurs, and, when
   * neither does, the parts that do (网格 for 网格员).
   */
  matched: { concept: Concept; fields: Field[]; weight: number; forms: string[] }[];
}


/** A query term with its weight (evidence weight × concept weight) and the concept it belongs to. */
export interface WeightedTerm { term: string; weight: number; concept: number; kind: Evidence['kind'] | 'feedback'; synonym?: string; together?: string[] }

export function weightedTerms(concepts: Concept[]): WeightedTerm[] {
  const out: WeightedTerm[] = [];
  concepts.forEach((c, i) => {
    const qtf = 1 + Math.log(c.repeats ?? 1);
    for (const e of c.evidence) out.push({ term: e.term, weight: e.weight * qtf, concept: i, kind: e.kind, ...(e.synonym ? { synonym: e.synonym } : {}), ...(e.together ? { together: e.together } : {}) });
  });
  return out;
}

/** Scores candidates. `df` must hold the document frequency of every term. */
export function rankCandidates(docs: IndexedDoc[], concepts: Concept[], terms: WeightedTerm[], df: Map<string, number>, stats: CorpusStats, p: RankParams = DEFAULT_RANK): Scored[] {
  const n = Math.max(stats.docCount, 1);
  const termIdx = new Map<string, number[]>();
  terms.forEach((t, i) => { const l = termIdx.get(t.term) ?? []; l.push(i); termIdx.set(t.term, l); });
  const termIdf = terms.map((t) => idf(df.get(t.term) ?? 0, n));
  // Concept weight: its most specific evidence (rare words matter more than common ones).
  const conceptIdf = concepts.map((c, i) => {
    let best = 0;
    terms.forEach((t, j) => { if (t.concept === i && t.kind !== 'feedback') best = Math.max(best, termIdf[j] * (t.kind === 'bigram' ? 0.8 : 1)); });
    return best;
  });
  // A lone character in a multi-word query (做, 办) says little about what is wanted: no coverage weight.
  if (concepts.some((c) => [...c.text].length > 1)) concepts.forEach((c, i) => { if ([...c.text].length === 1) conceptIdf[i] = 0; });
  const conceptIdfSum = conceptIdf.reduce((a, b) => a + b, 0) || 1;
  const out: Scored[] = [];
  const tf = new Float64Array(terms.length * FIELDS.length);
  const distinct = [...termIdx.keys()];
  const length: Record<Field, number> = { title: 0, keywords: 0, entities: 0, body: 0 };
  const partial = terms.flatMap((t, i) => (t.together ? [i] : []));
  for (const doc of docs) {
    tf.fill(0);
    // A synonym of several words scored by its first is found only where the document holds all of them.
    const off = new Set(partial.filter((i) => !terms[i].together!.every((w) => FIELDS.some((f) => hasToken(doc.fields[f], w)))));
    // Body occurrences as [character offset, term index], turned into token positions only when two
    // concepts occur in the body (all proximity needs).
    const bodyHits: [number, number][] = [];
    FIELDS.forEach((f, fi) => {
      const s = doc.fields[f];
      // A body read in part is scored as the part read: its term counts and its length agree.
      length[f] = tokenCount(s);
      for (let d = 0; d < distinct.length; d++) {
        const ids = termIdx.get(distinct[d])!;
        forEachToken(s, distinct[d], (offset) => {
          for (const id of ids) {
            tf[id * FIELDS.length + fi]++;
            if (f === 'body' && terms[id].kind !== 'feedback') bodyHits.push([offset, id]);
          }
        });
      }
    });
    const bodyPositions: number[][] = concepts.map(() => []);
    if (p.proximity > 0 && new Set(bodyHits.map(([, id]) => terms[id].concept)).size > 1) {
      // Positions in tokens, estimated from character offsets and the body's mean token width: counting
      // the spaces before each hit scanned every candidate's whole body (10 ms per query at 100k documents).
      const width = doc.fields.body.length / Math.max(1, length.body);
      for (const [offset, id] of bodyHits) bodyPositions[terms[id].concept].push(offset / width);
    }
    let score = 0;
    const conceptScore = new Float64Array(concepts.length);
    const conceptFields: Set<Field>[] = concepts.map(() => new Set());
    // Fields holding the concept itself (its word, a synonym, a one-bigram word), which the explanation
    // names; parts found elsewhere (社区 of 社区治理 in a title) score but are not named there.
    const wholeFields: Set<Field>[] = concepts.map(() => new Set());
    const synonymsFound: Set<string>[] = concepts.map(() => new Set());
    const partsFound: Set<string>[] = concepts.map(() => new Set());
    // Where each form was found (a synonym by its name, a part by its token), so that the explanation names
    // only fields holding what it names: 服务 found in a body and 务 in a title is no 服务 in the title.
    const formFields: Map<string, Set<Field>>[] = concepts.map(() => new Map());
    const literalFields: Set<Field>[] = concepts.map(() => new Set());
    terms.forEach((t, i) => {
      let tfn = 0;
      FIELDS.forEach((f, fi) => {
        const v = tf[i * FIELDS.length + fi];
        if (!v) return;
        const avg = stats.avgLength[f] || 1;
        tfn += p.weight[f] * v / (1 - p.b[f] + p.b[f] * length[f] / avg);
        if (t.kind === 'feedback' || off.has(i)) return;
        conceptFields[t.concept].add(f);
        if (t.kind === 'word' || t.kind === 'synonym' || isWholeBigram(t, concepts[t.concept])) wholeFields[t.concept].add(f);
        if (t.kind === 'word' || isWholeBigram(t, concepts[t.concept])) literalFields[t.concept].add(f);
        const form = t.kind === 'synonym' ? t.synonym ?? t.term : t.term;
        const at = formFields[t.concept].get(form) ?? new Set<Field>();
        formFields[t.concept].set(form, at.add(f));
      });
      // Part of a synonym (返还 of 返还押金) scores, but is no sign the concept is there, nor named as found.
      const partOfSynonym = off.has(i);
      if (tfn && t.kind === 'synonym' && !partOfSynonym) synonymsFound[t.concept].add(t.synonym ?? t.term);
      else if (tfn && t.kind !== 'feedback' && !partOfSynonym) partsFound[t.concept].add(t.term);
      if (!tfn) return;
      const s = t.weight * termIdf[i] * tfn / (p.k1 + tfn);
      score += s;
      if (t.kind !== 'feedback' && !partOfSynonym) conceptScore[t.concept] += s;
    });
    // A long body is read only in part (RANK_BODY_CHARS): the store matched it, so it stays, last.
    if (score <= 0 && !doc.bodyCut) continue;
    // A concept is present when its word, a synonym, or its whole bigram chain is found.
    let covered = 0;
    const literal: boolean[] = concepts.map(() => false);
    const present: boolean[] = concepts.map((c, i) => {
      if (!conceptFields[i].size) return false;
      const found = (kinds: (t: WeightedTerm) => boolean) => terms.some((t, j) => t.concept === i && kinds(t) && FIELDS.some((_, fi) => tf[j * FIELDS.length + fi] > 0));
      const chainFields = c.chain.length > 1 ? FIELDS.filter((f) => hasChainText(doc.fields[f], c.chain)) : [];
      for (const f of chainFields) { wholeFields[i].add(f); literalFields[i].add(f); }
      literal[i] = found((t) => t.kind === 'word' || isWholeBigram(t, c))
        || chainFields.length > 0
        || (!c.primary && !c.chain.length && partsFound[i].size > 0);
      const ok = literal[i] || synonymsFound[i].size > 0 || (!c.primary && !c.chain.length && conceptScore[i] > 0);
      if (ok) covered += conceptIdf[i];
      return ok;
    });
    const coverage = covered / conceptIdfSum;
    score *= 1 + p.coverage * coverage * coverage;
    if (concepts.every((_, i) => conceptIdf[i] === 0 || (present[i] && wholeFields[i].has('title')))) score *= 1 + p.titleMatch;
    if (p.proximity > 0) score *= 1 + p.proximity * proximity(bodyPositions.filter((_, i) => present[i]));
    out.push({
      doc, score,
      matched: concepts.map((concept, i) => {
        const forms = formsFound(concept, literal[i], synonymsFound[i], partsFound[i]);
        const named = fieldsOfForms(concept, forms, literal[i], literalFields[i], formFields[i]);
        return { concept, fields: named.length ? named : [...(wholeFields[i].size ? wholeFields[i] : conceptFields[i])], weight: conceptScore[i], forms };
      })
        .filter((m, i) => present[i] || m.weight > 0),
    });
  }
  out.sort((a, b) => b.score - a.score || a.doc.id.localeCompare(b.doc.id));
  return out;
}

/**
 * A bigram that is the concept itself: an unknown two-character word (璟珑). The bigrams a query makes
 * across its words' boundaries (年国 of 2008年国务院, 府工 of 政府工作) are evidence of the typed string,
 * not of the concept they are filed under: taking them for it made 2008年 "found in the title" of every
 * 20xx年国务院… report.
 */
function isWholeBigram(t: WeightedTerm, c: Concept): boolean {
  return t.kind === 'bigram' && c.chain.length === 1 && t.term === c.chain[0];
}

/** The fields holding the forms an explanation names: the concept's own text where it stands whole, else each form's. */
function fieldsOfForms(c: Concept, forms: string[], literal: boolean, literalFields: Set<Field>, formFields: Map<string, Set<Field>>): Field[] {
  const out = new Set<Field>();
  for (const form of forms) {
    const own = literal && form === c.text ? literalFields : formFields.get(form) ?? formFields.get(cleanToken(form));
    // An OR alternative found through its bigrams (议事协商 as 议事 事协 协商).
    for (const f of own ?? bigrams(form).flatMap((b) => [...(formFields.get(b) ?? [])])) out.add(f);
  }
  return FIELDS.filter((f) => out.has(f));
}

/** What the explanation names: the concept's text when found whole, then its synonyms found; else the parts found. */
function formsFound(c: Concept, literal: boolean, synonyms: Set<string>, parts: Set<string>): string[] {
  // A synonym listed with and without punctuation (自治、法治、德治相结合) is named once.
  const distinct = new Map([...synonyms].map((f) => [f.replace(/[^\p{L}\p{N}]/gu, ''), f]));
  distinct.delete(c.text.replace(/[^\p{L}\p{N}]/gu, ''));
  if (c.alternatives.length > 1) {
    // An OR concept names the alternatives found (12345 for 接诉即办 OR 12345), not its whole text.
    const found = c.alternatives.filter((a) => parts.has(cleanToken(a)) || (bigrams(a).length > 1 && bigrams(a).every((b) => parts.has(b))));
    if (found.length) return [...found, ...distinct.values()];
  }
  if (literal) return [c.text, ...distinct.values()];
  if (distinct.size) return [...distinct.values()];
  // Parts: words, then bigrams, then single characters (负责 found as 负 only when nothing longer is); a
  // bigram that is no word (区治 of 社区治理) is named only when no word was found.
  const longer = [...parts].filter((t) => [...t].length > 1);
  const words = longer.filter(readsAsWord);
  return words.length ? words : longer.length ? longer : [...parts];
}

/** 0..1: how tightly the matched concepts cluster in the body (1 = all within a short window). */
export function proximity(positions: number[][]): number {
  const lists = positions.filter((l) => l.length);
  if (lists.length < 2) return 0;
  const events: [number, number][] = [];
  lists.forEach((l, i) => { for (const p of l) events.push([p, i]); });
  events.sort((a, b) => a[0] - b[0]);
  const count = new Array<number>(lists.length).fill(0);
  let have = 0;
  let best = Infinity;
  let lo = 0;
  for (let hi = 0; hi < events.length; hi++) {
    if (count[events[hi][1]]++ === 0) have++;
    while (have === lists.length) {
      best = Math.min(best, events[hi][0] - events[lo][0]);
      if (--count[events[lo][1]] === 0) have--;
      lo++;
    }
  }
  // Each concept spans a few tokens (word, sub-words, bigrams); a window of ~3 tokens per concept is tight.
  return Math.min(1, (3 * lists.length) / (best + 1));
}

/** RM3-style feedback candidates: tokens of the top documents weighted by their share of each document
 * and the document's score. The caller weights them by IDF and keeps the best. */
export function feedbackTerms(top: Scored[], queryTerms: Set<string>, count: number): { term: string; mass: number }[] {
  const acc = new Map<string, number>();
  const norm = top.reduce((a, s) => a + s.score, 0) || 1;
  for (const s of top) {
    const toks = [s.doc.fields.title, s.doc.fields.keywords, s.doc.fields.body].join(' ').split(' ').filter(Boolean);
    const tf = new Map<string, number>();
    for (const t of toks) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, c] of tf) {
      if (queryTerms.has(t) || t.length < 2 || /^[\d.%]+$/.test(t)) continue;
      acc.set(t, (acc.get(t) ?? 0) + (c / toks.length) * (s.score / norm));
    }
  }
  return [...acc].map(([term, mass]) => ({ term, mass })).sort((a, b) => b.mass - a.mass).slice(0, count);
}
