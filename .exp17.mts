import { idf } from '@node-rs/jieba/dict.js';
let t=Date.now(); const s=Buffer.from(idf).toString('utf8'); console.log('tostring', Date.now()-t, s.length);
t=Date.now(); const lines=s.split('\n'); console.log('split', Date.now()-t, lines.length);
t=Date.now(); const m=new Map<string,number>(); for (const l of lines){ const i=l.indexOf(' '); if(i>0) m.set(l.slice(0,i), +l.slice(i+1)); } console.log('map', Date.now()-t);
t=Date.now(); const o:Record<string,number>=Object.create(null); for (const l of lines){ const i=l.indexOf(' '); if(i>0) o[l.slice(0,i)]= +l.slice(i+1); } console.log('obj', Date.now()-t);
