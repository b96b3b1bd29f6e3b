import { readFileSync } from 'node:fs';
import { segment } from './src/text/segment.js';
import { splitSentences } from './src/text/sentences.js';
import { extractKeywords } from './src/text/keywords.js';
import { summarise } from './src/text/summary.js';
import { extractHighlights } from './src/text/highlights.js';
import { minhashSignature, termProfile } from './src/text/minhash.js';
import { cleanText, normaliseForIndex } from './src/text/normalise.js';
const docs = readFileSync('/work/shared/eval/govreports/corpus.jsonl','utf8').trim().split('\n').slice(0,20).map(l=>cleanText(JSON.parse(l).text));
const total = docs.reduce((s,d)=>s+d.length,0);
// warm up
{ const d=docs[0].slice(0,2000); const t=segment(d); extractKeywords(d,{tokens:t}); summarise(d,{tokens:t}); minhashSignature(d,t); normaliseForIndex(d);}
let i=0;
const time = (name:string, f:(d:string)=>void) => { const saved=i; for (const d of docs) f(d); i=saved; const t0=performance.now(); for (const d of docs) f(d); const ms=performance.now()-t0; console.log(name.padEnd(22), ms.toFixed(0),'ms', (total/ms*1000/1e6).toFixed(2),'M chars/s'); return ms; };
console.log('chars', total);
const seg = time('segment', d=>{segment(d);});
const parts: Record<string,number> = {};
const tk = docs.map(d=>segment(d)); const ss = docs.map(d=>splitSentences(d));
i=0; parts.sentences = time('splitSentences', d=>{splitSentences(d);});
i=0; parts.keywords = time('keywords(tokens)', d=>{extractKeywords(d,{tokens:tk[i++]});});
i=0; parts.summary = time('summary(tokens,sent)', d=>{summarise(d,{tokens:tk[i], sentenceList:ss[i]}); i++;});
i=0; parts.highlights = time('highlights', d=>{extractHighlights(d, ss[i], {tokens:tk[i]}); i++;});
i=0; parts.minhash = time('minhash(tokens)', d=>{minhashSignature(d, tk[i++]);});
i=0; parts.profile = time('termProfile(tokens)', d=>{termProfile(d, tk[i++]);});
parts.normalise = time('normaliseForIndex', d=>{normaliseForIndex(d);});
const sum = Object.values(parts).reduce((a,b)=>a+b,0);
console.log('segment-only', seg.toFixed(0), 'all mine incl. segment', (seg+sum).toFixed(0), 'ratio speed', (seg/(seg+sum)).toFixed(2));
