import { addEntry, LEXICON_KINDS, type LexiconKind } from '../text/lexicon/lexicon.js';
import { addUserTerms, lexiconTerms } from '../text/segment.js';
import type { Store } from '../store/store.js';
import { LibraryError } from './errors.js';

/** Store setting holding the terms users added (segmentation loads them at start). */
export const USER_LEXICON_KEY = 'userLexicon';
export const USER_SOURCE = '用户词表';

export interface UserTerm { term: string; kind: LexiconKind; synonyms: string[] }

/** Loads user terms into this thread's segmenter and lexicon (the analysis worker thread calls it too). */
export function applyUserTerms(terms: UserTerm[]): void {
  addUserTerms(terms.map(({ term, kind }) => ({ term, kind })));
  for (const t of terms) if (t.synonyms.length) addEntry({ term: t.term, kind: t.kind, source: USER_SOURCE, synonyms: t.synonyms });
}

/** Loads the saved user terms into the running segmenter; returns how many. Call once at start-up. */
export async function loadUserLexicon(store: Store): Promise<number> {
  const terms = (await store.getSetting<UserTerm[]>(USER_LEXICON_KEY)) ?? [];
  if (terms.length) applyUserTerms(terms);
  return terms.length;
}

/**
 * Adds (or updates) a user term: saved in the store and loaded into segmentation at once. Documents
 * indexed earlier keep their old segmentation until they are re-analysed.
 */
export async function addUserLexiconTerm(store: Store, input: { term: string; kind?: string; synonyms?: string[] }): Promise<UserTerm> {
  const term = input.term.trim();
  if (!term || term.length > 50 || /\s/.test(term)) throw new LibraryError('BAD_REQUEST', '词条不能为空、不能含空白，且不超过 50 个字');
  const kind = (input.kind ?? 'mechanism') as LexiconKind;
  if (!LEXICON_KINDS.includes(kind)) throw new LibraryError('BAD_REQUEST', `词条类型应为 ${LEXICON_KINDS.join('、')} 之一`);
  const synonyms = [...new Set((input.synonyms ?? []).map((s) => s.trim()).filter((s) => s && s !== term && s.length <= 50))];
  const saved = (await store.getSetting<UserTerm[]>(USER_LEXICON_KEY)) ?? [];
  const entry: UserTerm = { term, kind, synonyms };
  const next = [...saved.filter((t) => t.term !== term), entry];
  await store.putSetting(USER_LEXICON_KEY, next);
  applyUserTerms([entry]);
  return entry;
}

/** Every lexicon entry, flagged when a user added it. */
export async function listLexicon(store: Store) {
  const user = new Set(((await store.getSetting<UserTerm[]>(USER_LEXICON_KEY)) ?? []).map((t) => t.term));
  return lexiconTerms().map((e) => ({ term: e.term, kind: e.kind, source: e.source, synonyms: e.synonyms, user: user.has(e.term) }));
}

/** The user terms loaded in this thread, to hand to another thread. */
export function loadedUserTerms(): UserTerm[] {
  return lexiconTerms().filter((e) => e.source === USER_SOURCE).map((e) => ({ term: e.term, kind: e.kind, synonyms: e.synonyms }));
}
