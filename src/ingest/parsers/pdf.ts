// PDF text with pdfjs-dist (legacy build for Node). Chinese PDFs often use non-embedded fonts with CID
// encodings (UniGB-UCS2-H …): without cMapUrl pointing at pdfjs's cmaps folder their text comes out empty.
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { ingestError } from '../errors.js';
import { cleanText, titleOr, type Extracted } from './common.js';

const require = createRequire(import.meta.url);
const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));
const CMAP_URL = join(PDFJS_DIR, 'cmaps') + sep;
const FONT_URL = join(PDFJS_DIR, 'standard_fonts') + sep;

/** Pages read at most (default 2000); the rest of a longer PDF is ignored. */
export const PDF_MAX_PAGES = 2000;
/** Wall-clock budget for reading pages (default 120 s): a pathological PDF yields what was read by then. */
export const PDF_TIME_BUDGET_MS = 120_000;

/** Pages whose only text is the same short line are taken for a scan below this many characters per page (default 30). */
export const SCAN_MAX_CHARS_PER_PAGE = 30;

const wordChars = (text: string) => text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;

/**
 * A scan often keeps a line of text on each page (a page number, a stamped header), which would be stored
 * as a document nobody can search: two or more pages, little text, and once digits are set aside either no
 * page holds anything, or two or more hold the same line. Slides have different text on each page; a short
 * notice with a blank or numbered last page has text on one page only.
 */
function looksScanned(pages: string[]): boolean {
  if (pages.length < 2 || wordChars(pages.join('')) >= SCAN_MAX_CHARS_PER_PAGE * pages.length) return false;
  const lines = pages.map((p) => p.replace(/[\p{N}\p{P}\p{Z}\s]/gu, '')).filter(Boolean);
  return lines.length === 0 || (lines.length >= 2 && new Set(lines).size === 1);
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

interface Item { str: string; x: number; y: number; w: number; h: number; eol: boolean }

/** Text of a PDF, lines rebuilt from item positions. Throws ENCRYPTED_PDF, CORRUPT_PDF or PDF_NO_TEXT. */
export async function parsePdf(bytes: Buffer, name: string, maxPages = PDF_MAX_PAGES): Promise<Extracted> {
  const lib = await (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));
  const task = lib.getDocument({
    data: new Uint8Array(bytes), cMapUrl: CMAP_URL, cMapPacked: true, standardFontDataUrl: FONT_URL,
    disableFontFace: true, isEvalSupported: false, useSystemFonts: false, verbosity: 0, stopAtErrors: false,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    if ((e as Error)?.name === 'PasswordException') throw ingestError('ENCRYPTED_PDF', name);
    throw ingestError('CORRUPT_PDF', name);
  }
  try {
    const pages: string[] = [];
    const n = Math.min(doc.numPages, maxPages);
    const deadline = Date.now() + PDF_TIME_BUDGET_MS;
    for (let p = 1; p <= n && (p === 1 || Date.now() < deadline); p++) {
      let items: Item[];
      try {
        const page = await doc.getPage(p);
        const content = await page.getTextContent();
        items = content.items.flatMap((it) => ('str' in it ? [{
          str: it.str, x: it.transform[4], y: it.transform[5], w: it.width, h: Math.abs(it.transform[3]) || it.height || 10, eol: it.hasEOL,
        }] : []));
        page.cleanup();
      } catch {
        if (p === 1) throw ingestError('CORRUPT_PDF', name);
        continue; // one damaged page should not cost the rest of the document
      }
      pages.push(layoutPage(items));
    }
    const text = cleanText(pages.join('\n\n'));
    if (!text) throw ingestError('PDF_NO_TEXT', name);
    if (looksScanned(pages)) throw ingestError('PDF_NO_TEXT', name, { pages: pages.length, chars: wordChars(text) });
    let info: Record<string, unknown> = {};
    try { info = ((await doc.getMetadata()).info ?? {}) as Record<string, unknown>; } catch { /* metadata is optional */ }
    const metaTitle = typeof info.Title === 'string' ? cleanText(info.Title) : '';
    const source: Extracted['source'] = {};
    if (typeof info.Author === 'string' && info.Author.trim()) source.authors = info.Author.split(/[,，、;；]\s*/).map((s) => s.trim()).filter(Boolean);
    // info.CreationDate is when the file was made, not published: deliberately not stored.
    return { title: metaTitle && !/^(untitled|无标题|microsoft word)/i.test(metaTitle) ? metaTitle : titleOr(text, name), text, ...(Object.keys(source).length ? { source } : {}) };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** Groups items into lines by baseline, orders them, and joins lines into paragraphs. */
function layoutPage(items: Item[]): string {
  const visible = items.filter((i) => i.str !== '' || i.eol);
  const lines: Array<{ y: number; h: number; items: Item[] }> = [];
  for (const it of visible) {
    if (it.str === '') continue;
    const line = lines.find((l) => Math.abs(l.y - it.y) <= Math.max(2, Math.min(l.h, it.h) * 0.5));
    if (line) line.items.push(it); else lines.push({ y: it.y, h: it.h, items: [it] });
  }
  lines.sort((a, b) => b.y - a.y);
  const texts = lines.map((l) => {
    l.items.sort((a, b) => a.x - b.x);
    let s = '';
    let end = -Infinity;
    for (const it of l.items) {
      const gap = it.x - end;
      if (s && gap > it.h * 0.25 && !s.endsWith(' ') && !it.str.startsWith(' ')) s += ' ';
      s += it.str;
      end = it.x + it.w;
    }
    return { text: s.trim(), y: l.y, h: l.h, x: l.items[0]?.x ?? 0, right: end };
  }).filter((l) => l.text);
  if (!texts.length) return '';
  const left = Math.min(...texts.map((l) => l.x));
  const right = Math.max(...texts.map((l) => l.right));
  let out = texts[0].text;
  for (let i = 1; i < texts.length; i++) {
    const prev = texts[i - 1], cur = texts[i];
    const gap = prev.y - cur.y;
    // New paragraph: a wide vertical gap, an indented first line, or a previous line that stops short of
    // the right margin (headings, last lines) — lines inside a paragraph run to the margin.
    const para = gap > Math.max(prev.h, cur.h) * 1.8 || cur.x > left + cur.h * 1.5 || prev.right < right - prev.h * 2;
    if (para) out += '\n\n';
    else out += CJK.test(prev.text.slice(-1)) && CJK.test(cur.text[0]) ? '' : ' ';
    out += cur.text;
  }
  return out;
}
