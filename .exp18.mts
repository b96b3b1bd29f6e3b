import { readFileSync } from 'node:fs';
import { minhashSignature, jaccardEstimate, termProfile, nearDuplicateScore } from './src/text/minhash.js';
import { cleanText } from './src/text/normalise.js';
const seed=cleanText(readFileSync('/work/shared/seed/000_d980024bf8c34fc9.txt','utf8'));
const lines=seed.split('\n').filter(l=>l.trim() && l!=='社会治理研究知识库' && !/^实践案例 \d{4}-/.test(l));
console.log(lines.length, lines.map(l=>l.length));
const docs=[...lines, readFileSync('src/text/fixtures/case-beijing.txt','utf8'), readFileSync('src/text/fixtures/case-zhejiang.txt','utf8'), readFileSync('src/text/fixtures/case-chengdu.txt','utf8')].map(text=>({text}));
for (let i=0;i<docs.length;i++) for (let j=i+1;j<docs.length;j++) {
  const ja=jaccardEstimate(minhashSignature(docs[i].text),minhashSignature(docs[j].text));
  console.log(i,j,'J',ja.toFixed(3),'score',nearDuplicateScore(docs[i],docs[j]).toFixed(3));
}
console.log([...termProfile(docs[0].text)].slice(0,15).map(([w,x])=>w+':'+x.toFixed(2)).join(' '));
