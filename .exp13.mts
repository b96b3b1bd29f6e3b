import { readFileSync } from 'node:fs';
import { extractKeywords } from './src/text/keywords.js';
import { cleanText } from './src/text/normalise.js';
const seed=cleanText(readFileSync('/work/shared/seed/000_d980024bf8c34fc9.txt','utf8'));
console.log(extractKeywords(seed,{topK:15}).map(k=>k.term+':'+k.weight+':'+k.spans.length).join(' '));
