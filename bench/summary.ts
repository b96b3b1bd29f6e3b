// Summary benchmark: `npm run bench:summary -- <folder>` reads <folder>/summaries.jsonl ({id,text,reference})
// and scores our one-line summary and a lead-1 baseline (first sentence) with character ROUGE-1/2/L (F).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarise } from '../src/text/summary.js';
import { splitSentences } from '../src/text/sentences.js';

interface Row { id: string; text: string; reference: string }
const folder = process.argv[2] ?? '../shared/eval/csl';
const rows: Row[] = readFileSync(join(folder, 'summaries.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Row);

/** Characters compared: no whitespace or punctuation, lower-cased. */
const chars = (s: string) => [...s.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '')];

function ngramF(c: string[], r: string[], n: number): number {
  const grams = (a: string[]) => {
    const m = new Map<string, number>();
    for (let i = 0; i + n <= a.length; i++) {
      const g = a.slice(i, i + n).join('');
      m.set(g, (m.get(g) ?? 0) + 1);
    }
    return m;
  };
  const gc = grams(c);
  const gr = grams(r);
  let overlap = 0;
  for (const [g, x] of gc) overlap += Math.min(x, gr.get(g) ?? 0);
  const p = overlap / Math.max(1, c.length - n + 1);
  const rr = overlap / Math.max(1, r.length - n + 1);
  return p + rr ? (2 * p * rr) / (p + rr) : 0;
}

function lcsF(c: string[], r: string[]): number {
  if (!c.length || !r.length) return 0;
  let prev = new Array<number>(r.length + 1).fill(0);
  for (let i = 1; i <= c.length; i++) {
    const cur = new Array<number>(r.length + 1).fill(0);
    for (let j = 1; j <= r.length; j++) cur[j] = c[i - 1] === r[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    prev = cur;
  }
  const l = prev[r.length];
  const p = l / c.length;
  const rr = l / r.length;
  return p + rr ? (2 * p * rr) / (p + rr) : 0;
}

function evaluate(pick: (r: Row) => string): { r1: number; r2: number; rl: number } {
  const s = { r1: 0, r2: 0, rl: 0 };
  for (const row of rows) {
    const c = chars(pick(row));
    const r = chars(row.reference);
    s.r1 += ngramF(c, r, 1);
    s.r2 += ngramF(c, r, 2);
    s.rl += lcsF(c, r);
  }
  return { r1: s.r1 / rows.length, r2: s.r2 / rows.length, rl: s.rl / rows.length };
}

/** The first sentence cut, like our one-liner, to its leading clauses within 40 characters: shows how
 * much of our gain comes from length alone. */
function leadCut(text: string): string {
  const first = splitSentences(text)[0]?.text ?? '';
  let out = '';
  for (const clause of first.match(/[^，,；;：:]+[，,；;：:]?/gu) ?? []) {
    if (out && out.length + clause.length > 40) break;
    out += clause;
  }
  return out;
}

const t0 = Date.now();
const lead = evaluate((r) => splitSentences(r.text)[0]?.text ?? '');
const leadCutScores = evaluate((r) => leadCut(r.text));
const t1 = Date.now();
const ours = evaluate((r) => summarise(r.text).oneLine.text);
const t2 = Date.now();
const f = (x: number) => x.toFixed(3);
console.log(`summary benchmark — ${folder}/summaries.jsonl, ${rows.length} texts, character ROUGE F against the reference`);
console.log('                 ROUGE-1  ROUGE-2  ROUGE-L');
console.log(`lead-1 baseline  ${f(lead.r1)}    ${f(lead.r2)}    ${f(lead.rl)}   (${t1 - t0} ms)`);
console.log(`lead-1 cut ≤40   ${f(leadCutScores.r1)}    ${f(leadCutScores.r2)}    ${f(leadCutScores.rl)}`);
console.log(`ours (oneLine)   ${f(ours.r1)}    ${f(ours.r2)}    ${f(ours.rl)}   (${t2 - t1} ms)`);
console.log(`summary ROUGE-1=${f(ours.r1)} ROUGE-2=${f(ours.r2)} ROUGE-L=${f(ours.rl)}`);
