// The governance lexicon (governance.tsv beside this file): terms jieba should keep whole, their kind,
// where they come from, and synonyms for query expansion.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const LEXICON_KINDS = ['mechanism', 'policy', 'actor', 'theme', 'platform', 'group'] as const;
export type LexiconKind = (typeof LEXICON_KINDS)[number];

export interface LexiconEntry {
  term: string;
  kind: LexiconKind;
  /** Where the term comes from: a central document's name, 通用术语, or a local practice such as 浙江诸暨. */
  source: string;
  synonyms: string[];
}

const TSV_URL = new URL('./governance.tsv', import.meta.url);

let entries: Map<string, LexiconEntry> | undefined;
/** Symmetric synonym graph: term → every term listed with it (both directions). */
let synonymGraph: Map<string, Set<string>> | undefined;

/** Parses lexicon TSV text. Lines starting with # and blank lines are skipped; bad kinds throw. */
export function parseLexicon(tsv: string): LexiconEntry[] {
  const out: LexiconEntry[] = [];
  for (const [i, line] of tsv.split('\n').entries()) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [term, kind, source = '', syn = ''] = line.split('\t').map((c) => c.trim());
    if (!term || !(LEXICON_KINDS as readonly string[]).includes(kind)) {
      throw new Error(`词表第 ${i + 1} 行格式错误 (bad lexicon line ${i + 1}): ${line}`);
    }
    out.push({ term, kind: kind as LexiconKind, source, synonyms: syn ? syn.split('|').filter(Boolean) : [] });
  }
  return out;
}

function ensureLoaded(): Map<string, LexiconEntry> {
  if (!entries) {
    entries = new Map();
    synonymGraph = new Map();
    for (const e of parseLexicon(readFileSync(fileURLToPath(TSV_URL), 'utf8'))) addEntry(e);
  }
  return entries;
}

function link(a: string, b: string): void {
  if (a === b) return;
  const g = synonymGraph!;
  if (!g.has(a)) g.set(a, new Set());
  if (!g.has(b)) g.set(b, new Set());
  g.get(a)!.add(b);
  g.get(b)!.add(a);
}

let version = 0;

/**
 * A value built from the lexicon (the entity trie, the set of surface forms), kept until an entry is added
 * (a user term) and then built again on next use.
 */
export function derivedFromLexicon<T>(build: () => T): () => T {
  let value: T | undefined;
  let builtAt = -1;
  return () => {
    if (value === undefined || builtAt !== version) {
      value = build();
      builtAt = version; // after build: the first build loads the lexicon, which counts as additions
    }
    return value;
  };
}

/** Adds (or merges into) an entry; returns the stored entry. */
export function addEntry(e: LexiconEntry): LexiconEntry {
  const map = entries ?? ensureLoaded();
  version++;
  const prev = map.get(e.term);
  const merged = prev
    ? { ...prev, synonyms: [...new Set([...prev.synonyms, ...e.synonyms])] }
    : { ...e, synonyms: [...e.synonyms] };
  map.set(e.term, merged);
  for (const s of e.synonyms) link(e.term, s);
  return merged;
}

/** All lexicon entries (built-in plus user terms), in file order. */
export function allEntries(): LexiconEntry[] {
  return [...ensureLoaded().values()];
}

/** The entry for a term, if it is a lexicon head term. */
export function lookupTerm(term: string): LexiconEntry | undefined {
  return ensureLoaded().get(term);
}

/**
 * Synonyms of a term, symmetric: if B is listed as a synonym of A, A is a synonym of B. Only direct
 * links (no transitive closure), so expansion stays precise. Empty when the term is unknown.
 */
export function synonymsOf(term: string): string[] {
  ensureLoaded();
  return [...(synonymGraph!.get(term) ?? [])];
}

/** Every surface form the lexicon knows: head terms and synonyms. */
export function allSurfaceForms(): Map<string, LexiconKind> {
  const out = new Map<string, LexiconKind>();
  for (const e of ensureLoaded().values()) {
    out.set(e.term, e.kind);
    for (const s of e.synonyms) if (!out.has(s)) out.set(s, e.kind);
  }
  return out;
}
