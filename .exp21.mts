import { readFileSync } from 'node:fs';
import { segment } from './src/text/segment.js';
import { extractKeywords } from './src/text/keywords.js';
const docs = readFileSync('/work/shared/eval/govreports/corpus.jsonl','utf8').trim().split('\n').slice(0,20).map(l=>JSON.parse(l).text);
const tk = docs.map(d=>segment(d));
extractKeywords(docs[0],{tokens:tk[0]});
for (let r=0;r<3;r++){ const t0=performance.now(); docs.forEach((d,i)=>extractKeywords(d,{tokens:tk[i]})); console.log('kw', performance.now()-t0); }
const t0=performance.now(); docs.forEach((d,i)=>segment(d)); console.log('seg', performance.now()-t0);
