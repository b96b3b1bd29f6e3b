// Lay terms → the formal terms statutes, policies and official replies use (lay-terms.tsv beside this
// file). Residents ask about 房东 and 工资; the documents say 出租人 and 劳动报酬. One direction only,
// used for query expansion at the synonym weight; segmentation and the index do not change.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normaliseForIndex } from '../text/normalise.js';

let table: Map<string, string[]> | undefined;

/** Parses the TSV text: `lay<TAB>formal|formal…`; # comments and blank lines skipped; bad lines throw. */
export function parseLayTerms(tsv: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [i, line] of tsv.split('\n').entries()) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [lay, formal = ''] = line.split('\t').map((c) => c.trim());
    const terms = formal.split('|').map((t) => t.trim()).filter((t) => t && t !== lay);
    if (!lay || (!terms.length && !formal.includes(lay))) throw new Error(`通俗用语表第 ${i + 1} 行格式错误 (bad lay-terms line ${i + 1}): ${line}`);
    const key = normaliseForIndex(lay);
    out.set(key, [...new Set([...(out.get(key) ?? []), ...terms.map(normaliseForIndex)])]);
  }
  return out;
}

function layTable(): Map<string, string[]> {
  return (table ??= parseLayTerms(readFileSync(fileURLToPath(new URL('./lay-terms.tsv', import.meta.url)), 'utf8')));
}

/** The formal terms for a lay term (already normalised for the index); empty when it has none. */
export function formalTermsOf(term: string): string[] {
  return layTable().get(term) ?? [];
}

let longestKey = 0;

/**
 * Lay terms of two or more characters occurring in a normalised text, longest first at each position
 * and not overlapping, with their start offsets.
 */
export function layTermsIn(text: string): { term: string; start: number }[] {
  const t = layTable();
  longestKey ||= Math.max(...[...t.keys()].map((k) => k.length));
  const out: { term: string; start: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    for (let len = Math.min(longestKey, text.length - i); len >= 2; len--) {
      const k = text.slice(i, i + len);
      if (t.has(k)) { out.push({ term: k, start: i }); i += len - 1; break; }
    }
  }
  return out;
}
