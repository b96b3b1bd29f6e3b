// Compounds typed as one word that no document holds whole (接诉即办条例): their parts, the known words
// they are made of, searched together instead (接诉即办 + 条例 finds 接诉即办工作条例).
import { posOf } from '../text/jieba-data.js';
import { conceptOf, MAX_CONCEPTS, ONE_TERM_CHARS, type Concept, type QueryConcepts } from './query-terms.js';

/**
 * The known words a compound typed as one word is made of, fewest first (接诉即办条例 → 接诉即办 + 条例,
 * 社区网格员队伍建设 → 社区 + 网格员 + 队伍 + 建设): [] when it cannot be cut entirely into words of two
 * characters or more (区块链条 ≠ 区块链 + 条), or when it is no Han text longer than ONE_TERM_CHARS
 * (a short word typed alone matches only as written) or longer than 16 characters.
 */
export function compoundParts(text: string): string[] {
  const chars = [...text];
  const n = chars.length;
  if (n <= ONE_TERM_CHARS || n > 16 || !/^\p{Script=Han}+$/u.test(text)) return [];
  // best[i]: the fewest known words covering chars[0..i), with where the last one starts.
  const best: { parts: number; from: number }[] = [{ parts: 0, from: -1 }];
  for (let i = 1; i <= n; i++) {
    best[i] = { parts: Infinity, from: -1 };
    for (let j = Math.max(0, i - 8); j <= i - 2; j++) {
      if (best[j].parts === Infinity || (j === 0 && i === n)) continue;
      if (posOf(chars.slice(j, i).join('')) !== undefined && best[j].parts + 1 < best[i].parts) best[i] = { parts: best[j].parts + 1, from: j };
    }
  }
  if (best[n].parts === Infinity) return [];
  const parts: string[] = [];
  for (let i = n; i > 0; i = best[i].from) parts.unshift(chars.slice(best[i].from, i).join(''));
  return parts;
}

/**
 * The query with the given compounds replaced by their parts as separate words (see compoundParts);
 * null when none of them splits or the query would then hold more than MAX_CONCEPTS words. Used for
 * compounds no document holds whole: 接诉即办条例 then finds 接诉即办工作条例.
 */
export function splitCompounds(qc: QueryConcepts, absent: Set<Concept>): { qc: QueryConcepts; split: [string, string[]][] } | null {
  const split: [string, string[]][] = [];
  const concepts = qc.concepts.flatMap((c) => {
    const parts = absent.has(c) ? compoundParts(c.text) : [];
    if (!parts.length) return [c];
    split.push([c.text, parts]);
    return parts.map((p) => conceptOf(p));
  });
  return split.length && concepts.length <= MAX_CONCEPTS ? { qc: { ...qc, concepts }, split } : null;
}

/** Whether a concept could be split by splitCompounds (the caller then checks that no document holds it whole). */
export function splittable(c: Concept): boolean {
  return !c.phrase && c.alternatives.length === 1 && compoundParts(c.text).length > 0;
}
