import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';
import { readFileSync } from 'node:fs';
const j = Jieba.withDict(dict); const tf = TfIdf.withDict(idf);
const rows = readFileSync('/work/shared/eval/csl/keywords.jsonl','utf8').trim().split('\n').map(l=>JSON.parse(l));
for (const k of [5,10]) {
let sp=0,sr=0,sf=0, tp=0, np=0, ng=0, pp=0,pr=0,pf=0;
for (const r of rows) {
  const pred = tf.extractKeywords(j, r.title+'。'+r.text, k).map(x=>x.keyword);
  const gold: string[] = r.keywords;
  const pm = pred.filter(p=>gold.includes(p)).length, gm = gold.filter(g=>pred.includes(g)).length;
  const P = pred.length? pm/pred.length:0, R = gm/gold.length, F = P+R? 2*P*R/(P+R):0;
  sp+=P; sr+=R; sf+=F; tp+=pm; np+=pred.length; ng+=gold.length;
  const part=(a:string,b:string)=>a.includes(b)||b.includes(a);
  const ppm = pred.filter(p=>gold.some(g=>part(p,g))).length, pgm = gold.filter(g=>pred.some(p=>part(p,g))).length;
  const P2 = pred.length? ppm/pred.length:0, R2 = pgm/gold.length; pp+=P2; pr+=R2; pf+= P2+R2? 2*P2*R2/(P2+R2):0;
}
const n=rows.length; const mp=sp/n, mr=sr/n;
console.log(k, 'macroF1', (sf/n).toFixed(3), 'F1ofMeans', (2*mp*mr/(mp+mr)).toFixed(3), 'micro', (2*(tp/np)*(tp/ng)/((tp/np)+(tp/ng))).toFixed(3), 'partial macro', (pf/n).toFixed(3), 'partial F1ofMeans', (2*(pp/n)*(pr/n)/((pp/n)+(pr/n))).toFixed(3));
}
