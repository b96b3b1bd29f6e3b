import { readFileSync } from 'node:fs';
import { summarise, SUMMARY_WEIGHTS } from './src/text/summary.js';
import { splitSentences } from './src/text/sentences.js';
import { segment } from './src/text/segment.js';
const rows = readFileSync('/work/shared/eval/csl/summaries.jsonl','utf8').trim().split('\n').map(l=>JSON.parse(l)).slice(0,600);
const chars = (s: string) => [...s.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '')];
function r1(c:string[], r:string[]){ const m=new Map<string,number>(); for(const x of r) m.set(x,(m.get(x)??0)+1); let o=0; for(const x of c){const k=m.get(x)??0; if(k>0){o++; m.set(x,k-1);} } const p=o/Math.max(1,c.length), rr=o/Math.max(1,r.length); return p+rr?2*p*rr/(p+rr):0; }
const toks = rows.map((r:any)=>segment(r.text)); const sents = rows.map((r:any)=>splitSentences(r.text));
const base={...SUMMARY_WEIGHTS};
let t=Date.now();
for (const c of JSON.parse(process.argv[2])) { Object.assign(SUMMARY_WEIGHTS, base, c); let s=0; rows.forEach((r:any,i:number)=>{ s+=r1(chars(summarise(r.text,{tokens:toks[i], sentenceList:sents[i]}).oneLine.text), chars(r.reference)); }); console.log(JSON.stringify(c), (s/rows.length).toFixed(3), Date.now()-t); t=Date.now(); }
let s=0; rows.forEach((r:any,i:number)=>{ s+=r1(chars(sents[i][0]?.text??''), chars(r.reference)); }); console.log('lead', (s/rows.length).toFixed(3));
