import { randomBytes } from 'node:crypto';
import { parseBuffer } from './src/ingest/parse.ts';
import { analyze } from './src/text/analyze.ts';
const kinds: [string, () => Buffer][] = [
  ['random.txt', () => randomBytes(20000)],
  ['noext', () => randomBytes(500)],
  ['broken.docx', () => Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(3000)])],
  ['png.txt', () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(4000)])],
  ['program.exe', () => Buffer.concat([Buffer.from('MZ'), randomBytes(2000)])],
];
for (let i = 0; i < 40; i++) for (const [n, f] of kinds) {
  const b = f(); const t = Date.now();
  process.stderr.write(`${n} ${i} start\n`);
  try { const r = await parseBuffer(n, b); for (const d of r.docs) analyze(d.text); } catch { /* expected */ }
  const ms = Date.now() - t; if (ms > 2000) { console.log('SLOW', n, ms, b.toString('base64').slice(0, 100)); }
}
console.log('done');
