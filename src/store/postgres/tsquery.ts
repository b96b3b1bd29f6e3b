import { clean, cleanGroup, phraseAlternativesOf } from '../fts-query.js';
import type { TextMatch } from '../store.js';

/** A tsquery literal lexeme: quoted, with quotes doubled and backslashes escaped, so input is never syntax. */
export function lexeme(t: string): string {
  return `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}


/**
 * The tsquery for a match. Phrases become an AND of their tokens here; their adjacency is checked
 * in SQL on the token strings (see phraseSql), because tsvector positions stop at 16,383 and long
 * documents would otherwise miss phrases near their end.
 */
export function tsqueryFor(match: TextMatch): string | null {
  const parts: string[] = [];
  for (const [i, g] of match.all.entries()) {
    // A phrase alternative is the AND of its tokens here; postgres-search.ts checks its adjacency in the token strings.
    const c = [...cleanGroup(g), ...phraseAlternativesOf(match, i)];
    if (c.length) parts.push(`(${c.map((a) => (typeof a === 'string' ? lexeme(a) : `(${a.map(lexeme).join(' & ')})`)).join(' | ')})`);
  }
  for (const p of match.phrases) {
    const c = clean(p);
    if (c.length) parts.push(`(${c.map(lexeme).join(' & ')})`);
  }
  if (!parts.length) {
    const any = clean(match.any);
    if (any.length) parts.push(`(${any.map(lexeme).join(' | ')})`);
  }
  if (!parts.length) return null;
  let q = parts.join(' & ');
  const none = clean(match.none);
  if (none.length) q = `(${q}) & !(${none.map(lexeme).join(' | ')})`;
  return q;
}

export function noneQuery(match: TextMatch): string | null {
  const none = clean(match.none);
  return none.length ? none.map(lexeme).join(' | ') : null;
}

/** Space-padded token sequences for the phrase check on the stored token strings. */
export function phrasePatterns(phrases: string[][]): string[] {
  return phrases.map(clean).filter((p) => p.length).map((p) => ` ${p.join(' ')} `);
}
