// Keyword extraction benchmark: `npm run bench:keywords -- <folder>` reads <folder>/keywords.jsonl
// ({id,title,text,keywords}) and compares plain jieba TF-IDF with ours (P/R/F1 @5 and @10, exact and partial).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';
import { buildCorpusStats, extractKeywords } from '../src/text/keywords.js';
import { segment } from '../src/text/segment.js';

interface Row { id: string; title: string; text: string; keywords: string[] }

const folder = process.argv[2] ?? '../shared/eval/csl';
const rows: Row[] = readFileSync(join(folder, 'keywords.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Row);

const norm = (s: string) => s.trim().toLowerCase();
type Scores = { p: number; r: number; f: number };
function score(pred: string[], gold: string[], match: (a: string, b: string) => boolean): Scores {
  const p = pred.length ? pred.filter((x) => gold.some((g) => match(x, g))).length / pred.length : 0;
  const r = gold.length ? gold.filter((g) => pred.some((x) => match(x, g))).length / gold.length : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}
const exact = (a: string, b: string) => norm(a) === norm(b);
const partial = (a: string, b: string) => norm(a).includes(norm(b)) || norm(b).includes(norm(a));

function evaluate(name: string, predict: (r: Row, k: number) => string[]): Record<string, Scores> {
  const acc: Record<string, Scores> = {};
  for (const k of [5, 10]) {
    for (const [mname, m] of [['exact', exact], ['partial', partial]] as const) {
      const key = `${mname}@${k}`;
      const sum = { p: 0, r: 0, f: 0 };
      for (const r of rows) {
        const s = score(predict(r, k), r.keywords, m);
        sum.p += s.p; sum.r += s.r; sum.f += s.f;
      }
      acc[key] = { p: sum.p / rows.length, r: sum.r / rows.length, f: sum.f / rows.length };
    }
  }
  void name;
  return acc;
}

const t0 = Date.now();
const jieba = Jieba.withDict(dict);
const tfidf = TfIdf.withDict(idf);
const baseline = evaluate('baseline', (r, k) => tfidf.extractKeywords(jieba, `${r.title}。${r.text}`, k).map((x) => x.keyword));
const t1 = Date.now();
const corpus = buildCorpusStats(rows.map((r) => `${r.title}。${r.text}`));
const tokenCache = new Map<string, ReturnType<typeof segment>>();
const ours = evaluate('ours', (r, k) => {
  let tokens = tokenCache.get(r.id);
  if (!tokens) tokenCache.set(r.id, (tokens = segment(r.text)));
  return extractKeywords(r.text, { title: r.title, topK: k, corpus, tokens }).map((x) => x.term);
});
const t2 = Date.now();
const oursNoLib = evaluate('ours-no-library', (r, k) =>
  extractKeywords(r.text, { title: r.title, topK: k, tokens: tokenCache.get(r.id) }).map((x) => x.term),
);

const f = (x: number) => x.toFixed(3);
console.log(`keywords benchmark — ${folder}/keywords.jsonl, ${rows.length} documents (macro-averaged P/R/F1)`);
console.log('metric        baseline (P / R / F1)      ours (P / R / F1)');
for (const key of Object.keys(ours)) {
  const b = baseline[key];
  const o = ours[key];
  console.log(`${key.padEnd(12)}  ${f(b.p)} / ${f(b.r)} / ${f(b.f)}      ${f(o.p)} / ${f(o.r)} / ${f(o.f)}`);
}
console.log(`ours without library statistics (jieba IDF only): F1@5 exact ${f(oursNoLib['exact@5'].f)}, partial ${f(oursNoLib['partial@5'].f)}; F1@10 exact ${f(oursNoLib['exact@10'].f)}`);
console.log(`baseline = jieba TfIdf over title+。+text; ours = extractKeywords with title and library statistics of this folder`);
console.log(`time: baseline ${t1 - t0} ms, ours ${t2 - t1} ms (incl. corpus statistics)`);
console.log(`keywords F1@5(exact)=${f(ours['exact@5'].f)} F1@5(partial)=${f(ours['partial@5'].f)} F1@10(exact)=${f(ours['exact@10'].f)}`);
