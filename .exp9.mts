import { readFileSync } from 'node:fs';
import { extractKeywords, KEYWORD_PARAMS } from './src/text/keywords.js';
import { segment } from './src/text/segment.js';
const rows = readFileSync('/work/shared/eval/csl/keywords.jsonl','utf8').trim().split('\n').map(l=>JSON.parse(l));
const r=rows[1]; console.log(segment(r.title).map(t=>t.text).join(' '));
console.log(segment(r.text).map(t=>t.text).join(' '));
KEYWORD_PARAMS.minCohesion=0.9;
console.log(extractKeywords(r.text,{title:r.title,topK:8}).map(k=>k.term+':'+k.weight));
