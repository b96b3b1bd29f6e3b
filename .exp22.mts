import { readFileSync } from 'node:fs';
import { segment } from './src/text/segment.js';
import { splitSentences } from './src/text/sentences.js';
import { extractKeywords } from './src/text/keywords.js';
import { summarise } from './src/text/summary.js';
import { extractHighlights } from './src/text/highlights.js';
import { minhashSignature, termProfile } from './src/text/minhash.js';
const docs = readFileSync('/work/shared/eval/govreports/corpus.jsonl','utf8').trim().split('\n').slice(0,20).map(l=>JSON.parse(l).text);
const stages: Record<string,(d:string,t:any,s:any)=>void> = {
  segment:(d)=>{segment(d);}, sentences:(d)=>{splitSentences(d);}, keywords:(d,t)=>{extractKeywords(d,{tokens:t});},
  summary:(d,t,s)=>{summarise(d,{tokens:t,sentenceList:s});}, highlights:(d,t,s)=>{extractHighlights(d,s,{tokens:t});},
  minhash:(d,t)=>{minhashSignature(d,t);}, profile:(d,t)=>{termProfile(d,t);} };
const tk=docs.map(d=>segment(d)), ss=docs.map(d=>splitSentences(d));
const best: Record<string,number> = {};
for (let r=0;r<4;r++) for (const [k,f] of Object.entries(stages)) { const t0=performance.now(); docs.forEach((d,i)=>f(d,tk[i],ss[i])); const ms=performance.now()-t0; if (r>0) best[k]=Math.min(best[k]??Infinity, ms); }
console.log(Object.entries(best).map(([k,v])=>k+' '+v.toFixed(0)).join(' | '));
const rest = Object.entries(best).filter(([k])=>k!=='segment').reduce((s,[,v])=>s+v,0);
console.log('ratio segment/(segment+rest)', (best.segment/(best.segment+rest)).toFixed(2));
