import { jiebaIdf, posOf } from './src/text/jieba-data.js';
import { segment } from './src/text/segment.js';
let t=Date.now(); jiebaIdf('x'); console.log('idf', Date.now()-t);
t=Date.now(); posOf('x'); console.log('pos', Date.now()-t);
t=Date.now(); segment('测试'); console.log('jieba', Date.now()-t);
