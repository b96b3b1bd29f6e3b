import type { TextMatch } from './store.js';

/**
 * Builds an FTS5 MATCH expression from already-segmented terms. Every term is quoted (with inner quotes
 * doubled), so nothing a user typed can reach FTS5 as syntax. Returns null when nothing can match.
 */
export function ftsExpression(match: TextMatch): string | null {
  const alt = (a: string | string[]) => (typeof a === 'string' ? q(a) : `(${clean(a).map(q).join(' AND ')})`);
  const parts: string[] = [];
  for (const [i, group] of match.all.entries()) {
    const alts = [...cleanGroup(group).map(alt), ...phraseAlternativesOf(match, i).map((p) => q(p.join(' ')))];
    if (alts.length) parts.push(`(${alts.join(' OR ')})`);
  }
  for (const phrase of match.phrases) {
    const p = clean(phrase);
    if (p.length) parts.push(q(p.join(' ')));
  }
  if (!parts.length) {
    const any = clean(match.any);
    if (any.length) parts.push(`(${any.map(q).join(' OR ')})`);
  }
  if (!parts.length) return null;
  let expr = parts.join(' AND ');
  const none = noneExpression(match);
  if (none) expr = `(${expr}) NOT ${none}`;
  return expr;
}

/** The FTS5 expression of what a match excludes (terms and phrases), or null when it excludes nothing. */
export function noneExpression(match: TextMatch): string | null {
  const parts = [...clean(match.none).map(q), ...(match.nonePhrases ?? []).map(clean).filter((p) => p.length).map((p) => q(p.join(' ')))];
  return parts.length ? `(${parts.join(' OR ')})` : null;
}

/** Tokens without surrounding space, empty ones dropped. */
export const clean = (ts: string[]): string[] => ts.map((t) => t.trim()).filter((t) => t.length > 0);

/** An FTS5 string literal: quoted, inner quotes doubled, so a token is never syntax. */
export const ftsString = (t: string): string => `"${t.replace(/"/g, '""')}"`;
const q = ftsString;

/** A group's alternatives without empty tokens; an alternative left with no token is dropped. */
export function cleanGroup(group: (string | string[])[]): (string | string[])[] {
  const out: (string | string[])[] = [];
  for (const a of group) {
    const ts = clean(typeof a === 'string' ? [a] : a);
    if (ts.length) out.push(typeof a === 'string' || ts.length === 1 ? ts[0] : ts);
  }
  return out;
}

/** The phrase alternatives of group i of `all`, empty ones dropped. */
export function phraseAlternativesOf(match: TextMatch, i: number): string[][] {
  return (match.phraseAlternatives?.[i] ?? []).map(clean).filter((p) => p.length);
}

/** Every token a match names (for document frequencies and first-pass weights). */
export function matchTokens(match: TextMatch): string[] {
  const phraseAlts = (match.phraseAlternatives ?? []).flat(2);
  return [...new Set([...match.all.flat(2), ...phraseAlts, ...match.phrases.flat(), ...match.any].map((t) => t.trim()).filter(Boolean))];
}

/** True when a match has no positive part (only exclusions or nothing): the caller lists by filters. */
export function isEmptyMatch(match: TextMatch | null): boolean {
  if (!match) return true;
  return !match.all.some((g, i) => cleanGroup(g).length || phraseAlternativesOf(match, i).length) && !match.phrases.some((p) => p.length) && !match.any.length;
}
