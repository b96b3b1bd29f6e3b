// From a parsed query to concepts (what the user asks for) and their index terms, and to the store's
// TextMatch. A concept is one meaningful word or phrase; its evidence is the word token itself, its
// jieba sub-words and its character bigrams (so words the dictionary lacks are still found), plus
// lexicon synonyms and the formal terms for a lay word (lay-terms.tsv) at a lower weight.
import { normaliseForIndex } from '../text/normalise.js';
import { segment } from '../text/segment.js';
import { synonymsOf } from '../text/lexicon/lexicon.js';
import { formalTermsOf, layTermsIn } from './lay-terms.js';
import type { TextMatch } from '../store/store.js';
import { bigrams, cleanToken, hanRuns, wordTokens } from './tokens.js';
import { isFiller, isStopword } from './stopwords.js';
import type { ParsedQuery } from './query-parser.js';

/** Weights of a concept's evidence relative to the literal word (1). */
export const EVIDENCE_WEIGHTS = { subword: 1, bigram: 1, unigram: 0.6, synonym: 0.6 };
/** Above this many concepts a query is a natural-language question: OR retrieval with coverage. */
export const MAX_AND_CONCEPTS = 4;
/** Concepts kept from a long question (the most informative by IDF). */
export const MAX_CONCEPTS = 16;

export interface Evidence {
  term: string; weight: number; kind: 'word' | 'subword' | 'bigram' | 'unigram' | 'synonym';
  /** For synonym evidence: the synonym or formal term it stands for (接诉即办 → 12345市民服务热线), shown in explanations. */
  synonym?: string;
  /**
   * For a synonym of several words scored by its first (返还押金 by 返还): every content word of it, all of
   * which a document must hold for the evidence to count; 返还 alone is no sign of 返还押金.
   */
  together?: string[];
}

export interface Concept {
  /** The normalised text of the word or phrase. */
  text: string;
  /** Index token equal to the whole word, when segmentation keeps it whole ('' otherwise). */
  primary: string;
  /** Bigram chain of the Han text (exact substring test), empty for non-Han words. */
  chain: string[];
  evidence: Evidence[];
  synonyms: string[];
  phrase: boolean;
  /** From an OR clause: alternatives are folded into one concept. */
  alternatives: string[];
  /** Alternatives typed in quotes: matched as written, without synonyms. */
  exactAlternatives?: string[];
  /** Times the query names it (a question that says 保证人 twice is about 保证人): weight × (1 + ln n). */
  repeats: number;
}

export function normaliseQueryText(s: string): string {
  return normaliseForIndex(s);
}

function addEvidence(list: Evidence[], e: Evidence): void {
  const at = list.findIndex((x) => x.term === e.term);
  if (at < 0) list.push(e);
  // Replaced whole: a word taking a synonym's place keeps none of its synonym fields.
  else if (list[at].weight < e.weight) list[at] = e;
}

/** A synonym's evidence: its own index token when segmentation keeps it whole, else its first word (with all its words to hold). */
function addSynonymEvidence(list: Evidence[], synonym: string): void {
  const words = wordTokens(synonym).map((t) => t.text);
  const whole = words.includes(cleanToken(synonym));
  const term = whole ? cleanToken(synonym) : words[0];
  const content = expressionTokens(synonym);
  if (term) addEvidence(list, { term, weight: EVIDENCE_WEIGHTS.synonym, kind: 'synonym', synonym, ...(!whole && content.length > 1 ? { together: content } : {}) });
}

/** The index tokens of an expression a document must hold for it (no function words or punctuation), each once. */
function expressionTokens(s: string): string[] {
  return [...new Set(wordTokens(s).map((t) => t.text).filter((w) => !isStopword(w) && cleanToken(w)))];
}

/** One concept for a word or phrase (already normalised). */
export function conceptOf(text: string, phrase = false, withSynonyms = true): Concept {
  const words = wordTokens(text).map((t) => t.text);
  const primary = words.includes(cleanToken(text)) ? cleanToken(text) : '';
  const runs = hanRuns(text);
  const chain = runs.length === 1 && runs[0].text === text && text.length >= 2 ? bigrams(text) : [];
  const evidence: Evidence[] = [];
  if (primary) addEvidence(evidence, { term: primary, weight: 1, kind: 'word' });
  for (const w of words) if (w !== primary && !isStopword(w)) addEvidence(evidence, { term: w, weight: primary ? EVIDENCE_WEIGHTS.subword : 1, kind: 'subword' });
  for (const r of runs) if (r.text.length >= 2) for (const b of bigrams(r.text)) addEvidence(evidence, { term: b, weight: EVIDENCE_WEIGHTS.bigram, kind: 'bigram' });
  const synonyms = withSynonyms ? [...new Set([...synonymsOf(text), ...formalTermsOf(text)].map(normaliseQueryText))].filter((x) => x !== text) : [];
  for (const s of synonyms) addSynonymEvidence(evidence, s);
  return { text, primary, chain, evidence, synonyms, phrase, alternatives: [text], repeats: 1 };
}

/** A phrase's text: normalised, and spaces between Han characters dropped ("网格化 管理" = 网格化管理, typing noise). */
function phraseText(p: string): string {
  return normaliseQueryText(p).replace(/\s+/g, ' ').replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, '').trim();
}

/** Splits free text into content words (stopwords and punctuation dropped; in a question, fillers too). */
export function contentWords(text: string, question = false): string[] {
  const out: string[] = [];
  let glue = '';
  let last = -1;
  const flush = () => { if (glue) out.push(glue); glue = ''; };
  for (const t of segment(text)) {
    if (t.kind === 'punct') { flush(); continue; }
    const w = t.text.trim();
    if (!w || isStopword(w) || (question && isFiller(w)) || !cleanToken(w)) { flush(); continue; }
    // Adjacent single Han characters the dictionary could not join are one unknown word (璟珑).
    if (w.length === 1 && /\p{Script=Han}/u.test(w)) {
      if (glue && t.start !== last) flush();
      glue += w;
      last = t.end;
      continue;
    }
    flush();
    out.push(w);
  }
  flush();
  return out;
}

/**
 * A run of Han characters typed alone and at most this long is one term (default 4): 安全生产 and 脱贫攻坚
 * are found where they are written, not wherever 安全 and 生产 both occur, as they are inside OR; and a
 * search that finds nothing is not loosened to its parts (区块链 → 链).
 */
export const ONE_TERM_CHARS = 4;

/** A question or a sentence rather than keywords: retrieved with OR and ranked by coverage. */
const RE_QUESTION = /[？?]|吗|呢|怎么|如何|是否|能否|可否|哪些|什么|为什么|多少|请问|应该|可以/;

/**
 * `long`: many concepts, or a question (ranked by coverage, selected by IDF); `question`: written as a
 * question or sentence (retrieved with OR from the start; keywords, however many, first with AND).
 */
export interface QueryConcepts { concepts: Concept[]; excluded: string[]; long: boolean; question: boolean }

/** Concepts of a parsed query, in order, without duplicates. */
export function queryConcepts(q: ParsedQuery): QueryConcepts {
  const concepts: Concept[] = [];
  const seen = new Map<string, Concept>();
  const push = (c: Concept) => {
    const prev = seen.get(c.text);
    if (prev) prev.repeats++;
    else { seen.set(c.text, c); concepts.push(c); }
  };
  for (const p of q.phrases) {
    const t = phraseText(p);
    if (cleanToken(t)) push(conceptOf(t, true, false));
  }
  const quotedIn = (clause: number) => new Set(q.quotedAlternatives.filter((x) => x.clause === clause).map((x) => phraseText(x.text)));
  // A sentence is long in Han characters: a long run of code or symbols (<script>alert(1)</script>) is no question.
  const question = q.clauses.some((cl) => cl.some((t) => RE_QUESTION.test(t) || (t.match(/\p{Script=Han}/gu)?.length ?? 0) > 16));
  for (const [at, clause] of q.clauses.entries()) {
    if (clause.length > 1) {
      // A quoted alternative keeps its phrase form (spaces between Han characters dropped).
      const quoted = quotedIn(at);
      const typed = clause.map((a) => (quoted.has(phraseText(a)) ? { text: phraseText(a), exact: true } : { text: normaliseQueryText(a), exact: false }))
        .filter((a) => cleanToken(a.text));
      const alts = typed.map((a) => a.text);
      const exact = typed.filter((a) => a.exact).map((a) => a.text);
      if (!alts.length) continue;
      const cs = alts.map((a) => conceptOf(a, false, !exact.includes(a)));
      const merged: Concept = { ...cs[0], text: alts.join(' OR '), alternatives: alts, exactAlternatives: exact, evidence: [], synonyms: cs.flatMap((c) => c.synonyms) };
      for (const c of cs) for (const e of c.evidence) addEvidence(merged.evidence, e);
      push(merged);
      continue;
    }
    const text = normaliseQueryText(clause[0]);
    const words = contentWords(text, question);
    // A typed term the segmenter splits but the lexicon or the lay table knows whole (维修基金 → 专项维修资金)
    // is one concept: its text, or one of its synonyms, rather than each part anywhere in the document.
    const oneTerm = !question && [...text].length <= ONE_TERM_CHARS && /^\p{Script=Han}+$/u.test(text);
    // So is one with a general word in it (就业问题: 问题 alone is not searched for, 就业问题 is).
    const wholeTyped = oneTerm && words.length > 0 && (words.length > 1 || words[0] !== text);
    if (wholeTyped || (words.length > 1 && (synonymsOf(text).length || formalTermsOf(text).length))) { push(conceptOf(text)); continue; }
    const own = words.map((w) => conceptOf(w));
    own.forEach(push);
    attachClauseTerms(text, own);
  }
  const excluded = q.excluded.map((e) => normaliseQueryText(e).trim()).filter((e) => cleanToken(e));
  const long = concepts.length > MAX_AND_CONCEPTS || (question && concepts.length > 1);
  if (long) for (const clause of q.clauses) if (clause.length === 1) attachSpanningLayTerms(normaliseQueryText(clause[0]), concepts);
  return { concepts, excluded, long, question };
}

/**
 * Lay terms the segmenter split across words (高空抛物 → 高空/抛物, 楼上扔东西 → 楼上/扔/东西) still bring
 * their formal terms, as synonym evidence of the concept the lay term starts in. Questions only: in a
 * keyword query every concept is required, and a synonym on one part would not satisfy the others.
 */
function attachSpanningLayTerms(text: string, concepts: Concept[]): void {
  for (const { term, start } of layTermsIn(text)) {
    // Inside one word (赔偿 in 赔偿金) the word is what was asked; only lay terms across words are added.
    if (concepts.some((c) => c.text.includes(term))) continue;
    const owner = concepts.find((c) => { const at = text.indexOf(c.text); return at >= 0 && at <= start && start < at + c.text.length; });
    if (!owner) continue;
    for (const f of formalTermsOf(term).map(normaliseQueryText)) {
      addSynonymEvidence(owner.evidence, f);
      if (!owner.synonyms.includes(f)) owner.synonyms.push(f);
    }
  }
}

/**
 * Adds the clause's bigrams that cross word boundaries and its single characters to the concept they
 * start in, so a question is weighted like its full token stream (all words, bigrams, characters).
 */
function attachClauseTerms(text: string, concepts: Concept[]): void {
  if (!concepts.length) return;
  for (const run of hanRuns(text)) {
    const chars = [...run.text];
    const owner = (i: number) => concepts.find((c) => c.text.includes(chars[i])) ?? null;
    for (let i = 0; i < chars.length; i++) {
      const c = owner(i);
      if (!c) continue;
      if (i + 1 < chars.length && !isStopword(chars[i] + chars[i + 1]) && owner(i + 1)) {
        addEvidence(c.evidence, { term: chars[i] + chars[i + 1], weight: EVIDENCE_WEIGHTS.bigram, kind: 'bigram' });
      }
      if (!isStopword(chars[i])) addEvidence(c.evidence, { term: chars[i], weight: EVIDENCE_WEIGHTS.unigram, kind: 'unigram' });
    }
  }
}

/**
 * One required concept for the store: a document must hold one of `group` (a token, or tokens that must
 * all occur) or one of `chains` (bigram sequences that must occur consecutively, i.e. the text itself).
 */
interface Group { group: (string | string[])[]; chains: string[][] }

/** The ways a document may contain a concept (its text, its synonyms), for the store's match. */
function matchGroup(c: Concept): Group {
  if (c.alternatives.length > 1) return alternativesGroup(c);
  const own = ownAlternatives(c);
  return { group: [...own.group, ...synonymAlternatives(c.synonyms)], chains: own.chains };
}

/**
 * How a document contains a concept's own text: its bigram (two Han characters); its dictionary word or
 * its bigram chain, consecutive (the word where the segmenter split it: exactly the documents holding the
 * text, not those holding its bigrams apart, as 健全生产 and 社会安全 hold 安全生产's); its word; or all its
 * tokens (5G基站, COVID-19).
 */
function ownAlternatives(c: Concept): Group {
  if (c.chain.length === 1) return { group: [c.chain[0]], chains: [] };
  if (c.chain.length > 1) return { group: c.primary ? [c.primary] : [], chains: [c.chain] };
  if (c.primary) return { group: [c.primary], chains: [] };
  // Only numbers and lone letters between symbols (1=1, 3/4, x+y): they say something only in their order.
  const seq = wordTokens(c.text).map((t) => t.text);
  if (seq.length > 1 && seq.every((t) => /^([\d.%]+|[a-z])$/i.test(t))) return { group: [], chains: [seq] };
  const ts = [...new Set(c.evidence.filter((e) => e.kind === 'word' || e.kind === 'subword' || e.kind === 'bigram').map((e) => e.term))];
  return { group: !ts.length ? [] : ts.length === 1 ? [ts[0]] : [ts], chains: [] };
}

/** A quoted OR alternative of three or more Han characters, as its bigram chain (two are one bigram, exact anyway). */
function exactChain(c: Concept, a: string): string[] | null {
  if (!c.exactAlternatives?.includes(a)) return null;
  const runs = hanRuns(a);
  return runs.length === 1 && runs[0].text === a && a.length >= 3 ? bigrams(a) : null;
}

/** The phrase alternatives of an OR concept: its quoted Han alternatives of three or more characters. */
function exactPhrases(c: Concept): string[][] {
  if (c.alternatives.length < 2) return [];
  return c.alternatives.map((a) => exactChain(c, a)).filter((x): x is string[] => !!x);
}

/**
 * One OR group for `a OR b`: each alternative on its own, with its synonyms. One group of every
 * alternative's bigrams would let 小区 alone match 老旧小区 OR 物业.
 */
function alternativesGroup(c: Concept): Group {
  const out = new Map<string, string | string[]>();
  const chains = new Map<string, string[]>();
  for (const a of c.alternatives) {
    const ac = conceptOf(a, false, !c.exactAlternatives?.includes(a));
    const own = ownAlternatives(ac);
    for (const x of [...own.group, ...synonymAlternatives(ac.synonyms)]) out.set(typeof x === 'string' ? x : x.join(' '), x);
    for (const ch of own.chains) chains.set(ch.join(' '), ch);
  }
  return { group: [...out.values()], chains: [...chains.values()] };
}

/**
 * How a document may contain each synonym: its word, or all the content words of a longer expression
 * (自治、法治、德治相结合 needs 自治, 法治, 德治 and 相结合; matching its first word 自治 alone let every
 * document about 自治 match 三治融合).
 */
function synonymAlternatives(synonyms: string[]): (string | string[])[] {
  const out: (string | string[])[] = [];
  for (const s of synonyms) {
    const words = expressionTokens(s);
    if (words.includes(cleanToken(s))) out.push(cleanToken(s));
    else if (words.length === 1) out.push(words[0]);
    else if (words.length > 1) out.push(words);
  }
  return out;
}

/** Exact phrase constraints: each Han run of a phrase as its consecutive bigram chain. */
function phraseChains(c: Concept): { phrases: string[][]; all: string[][] } {
  const phrases: string[][] = [];
  const all: string[][] = [];
  for (const r of hanRuns(c.text)) {
    if (r.text.length >= 2) phrases.push(bigrams(r.text));
    else all.push([r.text]);
  }
  const rest = c.text.replace(/\p{Script=Han}+/gu, ' ');
  for (const w of wordTokens(rest)) all.push([w.text]);
  return { phrases, all };
}

/** The store match for AND retrieval (every concept required). */
export function andMatch(qc: QueryConcepts): TextMatch {
  const m: TextMatch = { all: [], any: [], none: [], phrases: [], phraseAlternatives: [] };
  const push = ({ group, chains }: Group) => {
    if (chains.length) m.phraseAlternatives![m.all.length] = chains;
    m.all.push(group);
  };
  for (const c of qc.concepts) {
    if (c.phrase) { const p = phraseChains(c); m.phrases.push(...p.phrases); m.all.push(...p.all); continue; }
    const phrases = exactPhrases(c);
    if (phrases.length) {
      // "议事协商" OR 接诉即办: the quoted side must occur as written (its bigram chain, consecutive).
      const rest = alternativesGroup({ ...c, alternatives: c.alternatives.filter((a) => !exactChain(c, a)) });
      push({ group: rest.group, chains: [...phrases, ...rest.chains] });
      continue;
    }
    push(matchGroup(c));
  }
  Object.assign(m, exclusions(qc.excluded));
  return m;
}

/**
 * The store match for OR retrieval (any evidence term), phrases still required. A single Han character
 * (a one-character word, a character of a word) is a match term only when `rareChar` says so: a common
 * one (家, 办) would make nearly every document a candidate and the first pass cost grow with the
 * library (170 ms at 100k documents); a rare one (鳄) may be all a question shares with its answer.
 */
export function orMatch(qc: QueryConcepts, rareChar: (term: string) => boolean = () => true): TextMatch {
  const m: TextMatch = { all: [], any: [], none: [], phrases: [] };
  const any = new Set<string>();
  for (const c of qc.concepts) {
    if (c.phrase) { const p = phraseChains(c); m.phrases.push(...p.phrases); m.all.push(...p.all); continue; }
    for (const e of c.evidence) {
      const oneHan = e.term.length === 1 && hanRuns(e.term).length === 1;
      if (oneHan ? rareChar(e.term) : e.kind !== 'subword') any.add(e.term);
    }
  }
  m.any = [...any];
  // The store only takes `any` when nothing is required; with a phrase, the free words rank only.
  Object.assign(m, exclusions(qc.excluded));
  return m;
}

/**
 * What the store excludes: a two-character Han word or a single non-Han token as a token, a longer Han
 * word as its bigram chain (consecutive, so exactly the documents containing the word).
 */
function exclusions(excluded: string[]): { none: string[]; nonePhrases: string[][] } {
  const none: string[] = [];
  const nonePhrases: string[][] = [];
  for (const e of excluded) {
    const x = exclusionOf(e);
    if (typeof x === 'string') none.push(x);
    else if (x) nonePhrases.push(x);
  }
  return { none, nonePhrases };
}

/** How the store excludes one word: a token, a token sequence, or null when it cannot (一 single Han character, 5G基站). */
function exclusionOf(e: string): string | string[] | null {
  const runs = hanRuns(e);
  if (runs.length === 1 && runs[0].text === e) return e.length === 2 ? e : e.length > 2 ? bigrams(e) : null;
  const words = runs.length || !cleanToken(e) ? [] : wordTokens(e);
  return words.length === 1 ? words[0].text : null;
}

/** Excluded words the store cannot apply (the user is told instead of getting them back silently). */
export function unappliedExclusions(excluded: string[]): string[] {
  return excluded.filter((e) => exclusionOf(e) === null);
}

/** Whether the token stream contains the bigram chain consecutively (an exact substring of a Han run). */
export function hasChain(tokens: string[], chain: string[]): boolean {
  if (!chain.length) return false;
  for (let i = 0; i + chain.length <= tokens.length; i++) {
    if (tokens[i] !== chain[0]) continue;
    let ok = true;
    for (let j = 1; j < chain.length; j++) if (tokens[i + j] !== chain[j]) { ok = false; break; }
    if (ok) return true;
  }
  return false;
}
