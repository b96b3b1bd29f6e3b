import { readFileSync } from 'node:fs';
import { buildCorpusStats, extractKeywords } from './src/text/keywords.js';
const rows = readFileSync('/work/shared/eval/csl/keywords.jsonl','utf8').trim().split('\n').map(l=>JSON.parse(l));
const corpus = buildCorpusStats(rows.map((r:any) => `${r.title}。${r.text}`));
const part=(a:string,b:string)=>a.includes(b)||b.includes(a);
const fails:string[]=[]; const wins:string[]=[];
for (const r of rows.slice(100,400)) {
  const o = extractKeywords(r.text,{title:r.title,topK:5,corpus});
  for (const k of o) { if (k.term.length>=4) { const ok = r.keywords.some((g:string)=>part(k.term,g)); const inT = r.title.includes(k.term); (ok?wins:fails).push(k.term+(inT?'(T)':'')+k.spans.length); } }
}
console.log('FAIL', fails.slice(0,120).join(' '));
console.log('WIN', wins.slice(0,80).join(' '));
