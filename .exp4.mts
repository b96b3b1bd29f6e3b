import { getJieba, segment } from './src/text/segment.js';
import { readFileSync } from 'node:fs';
const big=readFileSync('/work/shared/eval/govreports/corpus.jsonl','utf8').slice(0,1000000);
const j=getJieba();
let t=Date.now(); j.cut(big,true); console.log('raw jieba hmm',Date.now()-t);
t=Date.now(); j.cut(big,false); console.log('raw jieba nohmm',Date.now()-t);
t=Date.now(); segment(big); console.log('segment',Date.now()-t);
t=Date.now(); j.cutForSearch(big,true); console.log('raw search',Date.now()-t);
