import { splitSentences } from './src/text/sentences.js';
import { cleanText } from './src/text/normalise.js';
import { readFileSync } from 'node:fs';
const seed=cleanText(readFileSync('/work/shared/seed/000_d980024bf8c34fc9.txt','utf8'));
for (const s of splitSentences(seed)) console.log(s.paragraph, s.marker ?? '', '|', s.text.slice(0,50), s.text.length);
for (const t of ['他说：“我们走吧。”然后离开了。增长3.5%，达93.6万人。', '主要做法：（一）加强领导。（二）完善机制。', '一是加强党建引领，二是推进网格化管理；三是完善议事协商。统一是关键。', '首先，要明确目标。其次，要落实责任。最后，要加强考核。', '工作有三点：一、提高认识；二、加强领导。','（括号里有句号。还有一句。）后面。']) console.log(splitSentences(t).map(s=>(s.marker??'')+'|'+s.text));
