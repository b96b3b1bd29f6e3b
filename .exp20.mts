import { readFileSync } from 'node:fs';
import { segment } from './src/text/segment.js';
import { extractKeywords } from './src/text/keywords.js';
const docs = readFileSync('/work/shared/eval/govreports/corpus.jsonl','utf8').trim().split('\n').slice(0,20).map(l=>JSON.parse(l).text);
const tk = docs.map(d=>segment(d));
extractKeywords(docs[0],{tokens:tk[0]});
const t0=performance.now();
for (let r=0;r<2;r++) docs.forEach((d,i)=>extractKeywords(d,{tokens:tk[i]}));
console.log(performance.now()-t0);
