import { readFileSync } from 'node:fs';
import { buildCorpusStats, extractKeywords, KEYWORD_PARAMS } from './src/text/keywords.js';
import { segment } from './src/text/segment.js';
const rows = readFileSync('/work/shared/eval/csl/keywords.jsonl','utf8').trim().split('\n').map(l=>JSON.parse(l));
const corpus = buildCorpusStats(rows.map((r:any) => `${r.title}。${r.text}`));
const toks = rows.map((r:any)=>segment(r.text));
const norm=(s:string)=>s.trim().toLowerCase();
function run(k:number){ let fe=0, fp=0;
  rows.forEach((r:any,i:number)=>{ const pred=extractKeywords(r.text,{title:r.title,topK:k,corpus,tokens:toks[i]}).map(x=>norm(x.term)); const gold=r.keywords.map(norm);
   const sc=(m:(a:string,b:string)=>boolean)=>{const p=pred.length?pred.filter(x=>gold.some((g:string)=>m(x,g))).length/pred.length:0; const rr=gold.filter((g:string)=>pred.some(x=>m(x,g))).length/gold.length; return p+rr?2*p*rr/(p+rr):0;};
   fe+=sc((a,b)=>a===b); fp+=sc((a,b)=>a.includes(b)||b.includes(a)); });
  return [fe/rows.length, fp/rows.length].map(x=>x.toFixed(3)).join(' ');
}
const grid: Record<string, any[]> = JSON.parse(process.argv[2] ?? '{}');
console.log('base', run(5));
for (const [k, vals] of Object.entries(grid)) { const orig=(KEYWORD_PARAMS as any)[k]; for (const v of vals) { (KEYWORD_PARAMS as any)[k]=v; console.log(k, v, run(5)); } (KEYWORD_PARAMS as any)[k]=orig; }
