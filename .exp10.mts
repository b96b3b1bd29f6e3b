import { readFileSync } from 'node:fs';
import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';
import { buildCorpusStats, extractKeywords, KEYWORD_PARAMS } from './src/text/keywords.js';
import { posOf } from './src/text/jieba-data.js';
KEYWORD_PARAMS.libraryIdfWeight=1;
const j = Jieba.withDict(dict); const tf = TfIdf.withDict(idf);
const rows = readFileSync('/work/shared/eval/csl/keywords.jsonl','utf8').trim().split('\n').map(l=>JSON.parse(l));
const corpus = buildCorpusStats(rows.map((r:any) => `${r.title}。${r.text}`));
const part=(a:string,b:string)=>a.includes(b)||b.includes(a);
const failO=new Map<string,number>(), winB=new Map<string,number>();
let lenO=0, lenB=0, nO=0;
for (const r of rows.slice(0,1000)) {
  const o = extractKeywords(r.text,{title:r.title,topK:5,corpus}).map(k=>k.term);
  const b = tf.extractKeywords(j, r.title+'。'+r.text, 5).map(x=>x.keyword);
  for (const x of o) { lenO+=x.length; nO++; if (!r.keywords.some((g:string)=>part(x,g))) { const key = x.length+':'+(posOf(x)??'?'); failO.set(key,(failO.get(key)??0)+1);} }
  for (const x of b) { lenB+=x.length; if (r.keywords.some((g:string)=>part(x,g)) && !o.includes(x)) { const key = x.length+':'+(posOf(x)??'?'); winB.set(key,(winB.get(key)??0)+1);} }
}
console.log('avg len ours', lenO/nO, 'base', lenB/nO);
console.log('ours fail', [...failO].sort((a,b)=>b[1]-a[1]).slice(0,25));
console.log('base win not ours', [...winB].sort((a,b)=>b[1]-a[1]).slice(0,25));
