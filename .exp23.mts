import { readFileSync } from 'node:fs';
import { segment } from './src/text/segment.js';
import { extractKeywords } from './src/text/keywords.js';
const docs = readFileSync('/work/shared/eval/govreports/corpus.jsonl','utf8').trim().split('\n').slice(0,20).map(l=>JSON.parse(l).text);
const tk = docs.map(d=>segment(d));
for (let r=0;r<8;r++) docs.forEach((d,i)=>extractKeywords(d,{tokens:tk[i]}));
