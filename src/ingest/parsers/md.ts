import { decodeText } from '../encoding.js';
import { ingestError } from '../errors.js';
import { cleanText, normaliseDate, titleOr, type Extracted } from './common.js';

/** Markdown to plain text: syntax stripped, paragraphs kept. Title: front matter title, first `# ` heading, else as .txt. */
export function parseMd(bytes: Buffer, name: string): Extracted {
  const { text: raw, encoding } = decodeText(bytes, name);
  const { body, meta } = frontMatter(raw.replace(/\r\n?/g, '\n'));
  const h1 = /^ {0,3}#\s+(.+?)\s*#*\s*$/m.exec(body);
  const text = cleanText(markdownToText(body), { cjkSpaces: 'words' });
  if (!text) throw ingestError('EMPTY_FILE', name, { whitespace: true });
  const title = meta.title || (h1 ? cleanText(inline(h1[1])) : undefined) || titleOr(text, name);
  const source: Extracted['source'] = {};
  if (meta.author) source.authors = meta.author.split(/[,，、;；]\s*/).filter(Boolean);
  const date = normaliseDate(meta.date);
  if (date) source.publishedAt = date;
  if (meta.source) source.publisher = meta.source;
  if (meta.url) source.url = meta.url;
  return { title, text, encoding, ...(Object.keys(source).length ? { source } : {}) };
}

/** YAML front matter, flat `key: value` lines only (enough for title/date/author). */
function frontMatter(s: string): { body: string; meta: Record<string, string> } {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(s);
  if (!m) return { body: s, meta: {} };
  const meta: Record<string, string> = {};
  for (const line of m[1].split('\n')) {
    const kv = /^([A-Za-z_]+)\s*:\s*(.*)$/.exec(line);
    if (kv) meta[kv[1].toLowerCase()] = kv[2].replace(/^["']|["']$/g, '').trim();
  }
  return { body: s.slice(m[0].length), meta };
}

function inline(s: string): string {
  return s
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1$2')
    .replace(/~~(.+?)~~/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1');
}

function markdownToText(md: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of md.split('\n')) {
    const f = /^ {0,3}(```|~~~)/.exec(line);
    if (f) { fence = fence ? undefined : f[1]; continue; }
    if (fence) { out.push(line); continue; }
    if (/^ {0,3}\[[^\]]+\]:\s*\S+/.test(line)) continue; // link reference definition
    if (/^ {0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) { out.push(''); continue; } // horizontal rule
    if (/^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(line)) continue; // table separator
    if (/^ {0,3}(=+|-+)\s*$/.test(line)) continue; // setext underline
    let l = line
      .replace(/^ {0,3}#{1,6}\s+/, '').replace(/\s+#+\s*$/, '')
      .replace(/^\s*(>\s?)+/, '')
      .replace(/^\s*([-*+]|\d+[.)])\s+(\[[ xX]\]\s+)?/, '');
    if (/^\s*\|.*\|\s*$/.test(l)) l = l.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim()).join('\t');
    out.push(inline(l));
  }
  return out.join('\n').replace(/<!--[\s\S]*?-->/g, '');
}
