import { readFileSync } from 'node:fs';
import { buildCorpusStats, extractKeywords, KEYWORD_PARAMS } from './src/text/keywords.js';
import { segment } from './src/text/segment.js';
const rows = readFileSync('/work/shared/eval/csl/keywords.jsonl','utf8').trim().split('\n').map(l=>JSON.parse(l));
const corpus = buildCorpusStats(rows.map((r:any) => `${r.title}。${r.text}`));
const toks = rows.map((r:any)=>segment(r.text));
const norm=(s:string)=>s.trim().toLowerCase();
function run(k:number, lo=0, hi=rows.length){ let fe=0, fp=0;
  for (let i=lo;i<hi;i++){ const r=rows[i]; const pred=extractKeywords(r.text,{title:r.title,topK:k,corpus,tokens:toks[i]}).map(x=>norm(x.term)); const gold=r.keywords.map(norm);
   const sc=(m:(a:string,b:string)=>boolean)=>{const p=pred.length?pred.filter(x=>gold.some((g:string)=>m(x,g))).length/pred.length:0; const rr=gold.filter((g:string)=>pred.some(x=>m(x,g))).length/gold.length; return p+rr?2*p*rr/(p+rr):0;};
   fe+=sc((a,b)=>a===b); fp+=sc((a,b)=>a.includes(b)||b.includes(a)); }
  return [fe/(hi-lo), fp/(hi-lo)].map(x=>x.toFixed(3)).join(' ');
}
const configs: any[] = JSON.parse(process.argv[2] ?? '[{}]');
const base = {...KEYWORD_PARAMS};
for (const c of configs) { Object.assign(KEYWORD_PARAMS, base, c); console.log(JSON.stringify(c), run(5), '| halves', run(5,0,500), run(5,500,1000)); }
