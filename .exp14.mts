import { splitSentences } from './src/text/sentences.js';
console.log(splitSentences('提出了基于平方和(SOS)方法的一种新的设计方法.仿真结果表明,用这种方法.增长3.5%.Test. 1. 第一').map(s=>s.text));
