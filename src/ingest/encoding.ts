// Encoding detection for text the user did not label: BOM, strict UTF-8, UTF-16 without BOM, then the
// Chinese legacy encodings scored by how plausible the decoded text is. Binary input is refused early.
import iconv from 'iconv-lite';
import chardet from 'chardet';
import * as OpenCC from 'opencc-js';
import { ingestError } from './errors.js';

export interface DecodedText {
  text: string;
  /** utf-8 · utf-8-bom · utf-16le · utf-16be · gbk · gb18030 · big5 · windows-1252 … */
  encoding: string;
}

/** Magic numbers of formats that are never text. The value is a Chinese description for messages. */
const MAGIC: Array<[number[] | string, string, string]> = [
  ['%PDF-', 'pdf', 'PDF 文档'],
  [[0x50, 0x4b, 0x03, 0x04], 'zip', 'ZIP 压缩包'],
  [[0x50, 0x4b, 0x05, 0x06], 'zip', 'ZIP 压缩包'],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'ole', '旧版 Office 文档（.doc/.xls）'],
  [[0x89, 0x50, 0x4e, 0x47], 'png', 'PNG 图片'],
  [[0xff, 0xd8, 0xff], 'jpeg', 'JPEG 图片'],
  ['GIF8', 'gif', 'GIF 图片'],
  [[0x1f, 0x8b], 'gzip', 'gzip 压缩包'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], '7z', '7z 压缩包'],
  ['Rar!', 'rar', 'RAR 压缩包'],
  [[0x7f, 0x45, 0x4c, 0x46], 'elf', '可执行程序'],
  ['MZ', 'exe', 'Windows 可执行程序'],
  ['ID3', 'mp3', '音频文件'],
  ['{\\rtf', 'rtf', 'RTF 文档'],
];

/** Recognises a container/binary format by its first bytes: 'pdf', 'zip', 'png', 'exe' …; undefined for anything else. */
export function sniffMagic(bytes: Uint8Array): { type: string; label: string } | undefined {
  for (const [sig, type, label] of MAGIC) {
    const b = typeof sig === 'string' ? Buffer.from(sig, 'latin1') : sig;
    if (bytes.length < b.length) continue;
    let ok = true;
    for (let i = 0; i < b.length && ok; i++) ok = bytes[i] === b[i];
    // "MZ" also starts ordinary words; a real executable has NUL bytes right after its header.
    if (ok && type === 'exe' && !bytes.subarray(0, 256).includes(0)) ok = false;
    if (ok) return { type, label };
  }
  if (bytes.length > 12 && Buffer.from(bytes.subarray(4, 8)).toString('latin1') === 'ftyp') return { type: 'mp4', label: '视频文件' };
  if (bytes.length > 12 && Buffer.from(bytes.subarray(0, 4)).toString('latin1') === 'RIFF') return { type: 'riff', label: '音视频或图片文件' };
  return undefined;
}

const PROBE = 8192;

/** Which byte order a BOM-less UTF-16 text has, judged from NUL bytes at even/odd positions (ASCII-heavy text). */
function utf16ByNuls(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = head.length - (head.length % 2);
  if (n < 4) return undefined;
  let even = 0, odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) even++;
    if (head[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.2 && even < pairs * 0.02) return 'utf-16le';
  if (even > pairs * 0.2 && odd < pairs * 0.02) return 'utf-16be';
  return undefined;
}

/** True when the first 8 KB look binary: NUL bytes or many C0 control characters. */
function looksBinary(head: Uint8Array): boolean {
  let ctrl = 0;
  for (const b of head) {
    if (b === 0) return true;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) || b === 0x7f) ctrl++;
  }
  return ctrl > head.length * 0.05;
}

// Frequent characters of modern Chinese prose and of governance writing. Only a plausibility signal:
// text decoded with the wrong legacy encoding yields rare characters, so its share of these collapses.
const COMMON_SC =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质城族治识群众服务共享参与协商自愿监督创推动融合依托居村街道镇乡县市省委办厅局调查报告案例政策文件研究新闻网格化矛盾纠纷化解人才队伍保障民生养老医疗教育就业住房环境安全应急基层组织志愿者项目试点经验做法成效问题对策建议完善健全加强深化积极落实开展服务平台信息数据智慧治理体系能力现代化法治德治自治三治融合枫桥群防群治议事协商小区物业业主委员会党建引领共建共治共享';
let commonSet: Set<number> | undefined;
function common(): Set<number> {
  if (commonSet) return commonSet;
  const tw = OpenCC.Converter({ from: 'cn', to: 'tw' })(COMMON_SC);
  commonSet = new Set([...(COMMON_SC + tw + '，。、；：？！“”‘’（）《》【】—…·')].map((c) => c.codePointAt(0)!));
  return commonSet;
}

/** Plausibility of decoded text: common CJK and ordinary characters score, replacements and oddities cost. */
function score(text: string): { score: number; han: number; commonHan: number; bad: number } {
  const set = common();
  let s = 0, han = 0, commonHan = 0, bad = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) { s += c >= 0x20 || c === 0x0a || c === 0x0d || c === 0x09 ? 0.2 : -2; continue; }
    if (c === 0xfffd) { s -= 10; bad++; continue; }
    if (set.has(c)) { s += 3; commonHan++; han++; continue; }
    if (c >= 0x4e00 && c <= 0x9fff) { s += 0.3; han++; continue; }
    if ((c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff5e)) { s += 1; continue; }
    if (c >= 0xe000 && c <= 0xf8ff) { s -= 5; bad++; continue; } // private use: mis-decoded
    if (c >= 0x3400 && c <= 0x4dbf) { s -= 0.5; han++; continue; } // extension A: rare, often noise
    if (c >= 0x80 && c < 0xa0) { s -= 5; bad++; continue; }
    s -= 0.5;
  }
  return { score: s, han, commonHan, bad };
}

type Score = ReturnType<typeof score>;

function bestOf(sample: Uint8Array, encodings: string[]): { enc: string; s: Score } | undefined {
  let best: { enc: string; s: Score } | undefined;
  for (const enc of encodings) {
    const s = score(iconv.decode(Buffer.from(sample), enc));
    if (!best || s.score > best.s.score) best = { enc, s };
  }
  return best;
}

/** Reads as Chinese: some Han, almost no replacement/odd characters, and a fair share of common characters. */
function plausible(s: Score): boolean {
  return s.han > 0 && s.bad <= Math.max(1, (s.han + s.bad) * 0.02) && s.commonHan >= Math.max(1, s.han * 0.25);
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** GB18030 four-byte sequences (lead 0x81–0xFE, then a digit) mean the text is beyond GBK. */
function hasGb18030FourByte(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length - 3; i++) {
    const b = bytes[i];
    if (b < 0x81) continue;
    if (b <= 0xfe && bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39) return true;
    i++; // skip the trail byte of a two-byte character
  }
  return false;
}

/**
 * Detects the encoding of `bytes` and decodes them. Throws IngestError BINARY_FILE for binary content
 * (magic numbers, NULs, control characters) and ENCODING_UNKNOWN when no encoding gives plausible text.
 * The BOM is not part of the returned text.
 */
export function decodeText(bytes: Buffer, item?: string): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const head = bytes.subarray(0, PROBE);
  const magic = sniffMagic(head);
  if (magic) throw ingestError('BINARY_FILE', item, { kind: magic.label });
  const u16 = utf16ByNuls(head);
  if (u16) return { text: iconv.decode(bytes, u16), encoding: u16 };
  if (looksBinary(head)) {
    // Pure-Chinese UTF-16 has NULs and control bytes too (一 is 00 4E); accept it only if it reads well.
    const u = head.length % 2 === 0 ? bestOf(head, ['utf-16le', 'utf-16be']) : undefined;
    if (u && plausible(u.s) && u.s.han >= 4) return { text: iconv.decode(bytes, u.enc), encoding: u.enc };
    throw ingestError('BINARY_FILE', item);
  }
  if (isUtf8(bytes)) return { text: bytes.toString('utf8'), encoding: 'utf-8' };

  // Judge on a sample: decoding a few hundred KB is enough to tell encodings apart.
  const sample = bytes.subarray(0, 256 * 1024);
  const candidates = ['gb18030', 'big5'];
  if (sample.length % 2 === 0) candidates.push('utf-16le', 'utf-16be');
  const best = bestOf(sample, candidates);
  if (best && plausible(best.s)) {
    const enc = best.enc === 'gb18030' && !hasGb18030FourByte(bytes) ? 'gbk' : best.enc;
    return { text: iconv.decode(bytes, best.enc), encoding: enc };
  }
  // Western legacy text (Latin-1 and friends): no Han at all in the plausible reading.
  const guess = chardet.detect(sample);
  if (guess && /^(windows-125\d|ISO-8859-\d+)$/i.test(guess) && iconv.encodingExists(guess)) {
    const text = iconv.decode(bytes, guess);
    if (!/[\u0080-\u009f]/.test(text) && highBytesAreLetters(text)) return { text, encoding: guess.toLowerCase() };
  }
  throw ingestError('ENCODING_UNKNOWN', item);
}

/** Latin-1-style decodings of random bytes are full of symbols; real Western text has accented letters. */
function highBytesAreLetters(text: string): boolean {
  let hi = 0, letters = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) continue;
    hi++;
    if (/\p{L}/u.test(ch)) letters++;
  }
  return hi === 0 || letters / hi > 0.8;
}
