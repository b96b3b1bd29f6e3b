import type { TextMatch } from './store.js';

/**
 * Builds an FTS5 MATCH expression from already-segmented terms. Every term is quoted (with inner quotes
 * doubled), so nothing a user typed can reach FTS5 as syntax. Returns null when nothing can match.
 */
export function ftsExpression(match: TextMatch): string | null {
  const q = (t: string) => `"${t.replace(/"/g, '""')}"`;
  const clean = (ts: string[]) => ts.map((t) => t.trim()).filter((t) => t.length > 0);
  const parts: string[] = [];
  for (const group of match.all) {
    const g = clean(group);
    if (g.length) parts.push(`(${g.map(q).join(' OR ')})`);
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
  const none = clean(match.none);
  if (none.length) expr = `(${expr}) NOT (${none.map(q).join(' OR ')})`;
  return expr;
}

/** True when a match has no positive part (only exclusions or nothing): the caller lists by filters. */
export function isEmptyMatch(match: TextMatch | null): boolean {
  if (!match) return true;
  return !match.all.some((g) => g.length) && !match.phrases.some((p) => p.length) && !match.any.length;
}
