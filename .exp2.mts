import { cleanText, normaliseForIndex, toSimplified } from './src/text/normalise.js';
console.log(JSON.stringify(cleanText('\uFEFF社区 治理,吸引了\r\n以下: 1. **推动**:创建  a  b\u200b\n\n\n\n x 。 2. 年轻人?是的')));
console.log(normaliseForIndex('社區治理 ＡＢＣ１２３　臺灣後來 Hello 😀'), toSimplified('軟體社區治理'));
const big = '社區治理ABC，這是一個測試。'.repeat(100000);
let t=Date.now(); const r = normaliseForIndex(big); console.log(Date.now()-t, r.length===big.length);
t=Date.now(); normaliseForIndex(big); console.log(Date.now()-t);
