import { readFileSync } from 'node:fs';
import { buildCorpusStats, extractKeywords } from './src/text/keywords.js';
const rows = readFileSync('/work/shared/eval/csl/keywords.jsonl','utf8').trim().split('\n').map(l=>JSON.parse(l));
const corpus = buildCorpusStats(rows.map((r:any) => `${r.title}。${r.text}`));
for (const r of rows.slice(0,25)) {
  console.log('T:', r.title, '\n  G:', r.keywords.join(' / '), '\n  O:', extractKeywords(r.text,{title:r.title,topK:5,corpus}).map(k=>k.term).join(' / '));
}
