// HTML to main text with @mozilla/readability over linkedom. linkedom builds a DOM without running
// scripts or loading resources, so hostile pages cannot execute anything here.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import iconv from 'iconv-lite';
import { decodeText } from '../encoding.js';
import { ingestError } from '../errors.js';
import { cleanText, normaliseDate, titleFromFirstLine, type Extracted } from './common.js';
import { stemOf } from '../names.js';

const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'blockquote', 'pre', 'ul', 'ol', 'li',
  'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'figcaption', 'address', 'hr', 'form', 'fieldset']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'head', 'button', 'select', 'input', 'textarea']);
const BOILERPLATE = new Set(['nav', 'footer', 'header', 'aside', 'menu']);

/**
 * Limits on the page's DOM. Real pages nest a few dozen levels; a page nested thousands deep is built to
 * hurt (Readability's cleanup is quadratic or worse in depth and ran for minutes on one). Pages with more
 * elements than Readability is allowed to score are still read, by the plain block-text extraction.
 */
export const HTML_LIMITS = { maxDepth: 200, readabilityMaxElements: 20_000 };

/** Element count and deepest nesting of a DOM, walked without recursion. */
function domShape(root: any): { elements: number; depth: number } {
  let elements = 0;
  let depth = 0;
  const stack: [any, number][] = [[root, 0]];
  while (stack.length) {
    const [node, d] = stack.pop()!;
    if (node.nodeType === 1) { elements++; if (d > depth) depth = d; }
    for (const child of node.children ?? []) stack.push([child, d + 1]);
  }
  return { elements, depth };
}

/** Decodes HTML bytes: a declared charset (header or <meta>) wins unless the bytes are valid UTF-8. */
export function decodeHtml(bytes: Buffer, name: string, declared?: string): { html: string; encoding: string } {
  const head = bytes.subarray(0, 4096).toString('latin1');
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1];
  const charset = (declared || meta)?.toLowerCase();
  if (charset && !/^utf-?8$/.test(charset) && iconv.encodingExists(charset) && !isUtf8(bytes)) {
    const enc = /^(gb2312|gbk|x-gbk|gb18030)$/.test(charset) ? 'gb18030' : charset;
    return { html: iconv.decode(bytes, enc), encoding: charset };
  }
  const d = decodeText(bytes, name);
  return { html: d.text, encoding: d.encoding };
}

function isUtf8(b: Buffer): boolean {
  try { new TextDecoder('utf-8', { fatal: true }).decode(b); return true; } catch { return false; }
}

/** Main text of a web page, with title and source metadata (author, date, site name). */
export function parseHtml(bytes: Buffer, name: string, declaredCharset?: string): Extracted {
  const { html, encoding } = decodeHtml(bytes, name, declaredCharset);
  return { ...htmlToDocument(html, name), encoding };
}

export function htmlToDocument(html: string, name: string): Extracted {
  if (!html.trim()) throw ingestError('EMPTY_FILE', name, { whitespace: true });
  // linkedom makes the first element of a fragment the root; give fragments a proper document.
  if (!/<html[\s>]/i.test(html.slice(0, 2048))) html = `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(html) as any;
  const shape = domShape(document.documentElement);
  if (shape.depth > HTML_LIMITS.maxDepth) throw ingestError('BAD_HTML', name, { reason: `元素嵌套超过 ${HTML_LIMITS.maxDepth} 层（${shape.depth} 层）` });
  const metaOf = (...keys: string[]): string | undefined => {
    for (const k of keys) {
      const el = document.querySelector(`meta[name="${k}" i], meta[property="${k}" i], meta[itemprop="${k}" i]`);
      const v = el?.getAttribute('content')?.trim();
      if (v) return v;
    }
    return undefined;
  };
  const source: Extracted['source'] = {};
  const siteName = metaOf('og:site_name', 'SiteName', 'application-name');
  const author = metaOf('author', 'article:author', 'Author', 'ContentSource');
  const date = normaliseDate(metaOf('article:published_time', 'PubDate', 'publishdate', 'pubdate', 'date', 'dc.date', 'datePublished', 'firstpublishedtime'));
  const docTitle = metaOf('og:title', 'ArticleTitle') ?? document.querySelector('title')?.textContent?.trim();

  let article: { title?: string | null; content?: any; byline?: string | null; siteName?: string | null; publishedTime?: string | null } | null;
  try {
    if (shape.elements > HTML_LIMITS.readabilityMaxElements) throw new Error('too many elements for Readability');
    // Readability mutates the DOM; give it its own copy so the fallback below still sees everything.
    const { document: copy } = parseHTML(html) as any;
    // Semantic boilerplate goes first: on short pages Readability keeps a <nav> beside the one paragraph.
    for (const el of [...copy.querySelectorAll('nav, footer, aside, menu, header')]) {
      if (el.localName === 'header' && el.closest('article, main')) continue;
      el.remove();
    }
    article = new Readability(copy, { serializer: (n: any) => n, charThreshold: 100 }).parse();
  } catch {
    article = null;
  }
  let text = article?.content ? cleanText(blockText(article.content)) : '';
  if ([...text].length < 20) {
    // Short pages (a notice, a stub) defeat Readability's scoring: take the body minus boilerplate.
    const fallback = cleanText(blockText(document.documentElement, true));
    if (fallback) text = fallback;
  }
  if (!text) throw ingestError('BAD_HTML', name);
  if (siteName ?? article?.siteName) source.publisher = (siteName ?? article?.siteName)!.trim();
  const by = author ?? article?.byline ?? undefined;
  if (by) source.authors = by.replace(/^(作者|文|记者)[:：\s]*/, '').split(/[,，、;；]\s*|\s{2,}/).map((s) => s.trim()).filter(Boolean);
  const published = date ?? normaliseDate(article?.publishedTime);
  if (published) source.publishedAt = published;
  const title = cleanText(article?.title || docTitle || '') || titleFromFirstLine(text) || stemOf(name);
  return { title: headingTitle(document, stripSiteName(title, source.publisher)), text, ...(Object.keys(source).length ? { source } : {}) };
}

/**
 * "南京市鼓楼区：红色物业 - 示例网站" → "南京市鼓楼区：红色物业" when the page's only <h1> is the part before the
 * separator: most sites declare no og:site_name, and Readability's own suffix trimming counts
 * space-separated words, which never works for Chinese titles.
 */
function headingTitle(document: any, title: string): string {
  const h1s = [...document.querySelectorAll('h1')];
  if (h1s.length !== 1) return title;
  const h = cleanText(String(h1s[0].textContent ?? ''));
  return h && title.startsWith(h) && /^\s*[-|_—–]/.test(title.slice(h.length)) ? h : title;
}

/** "宝山区社区治理 - 上海发布" → "宝山区社区治理" when the suffix is the site's name. */
function stripSiteName(title: string, site?: string): string {
  if (!site) return title;
  const parts = title.split(/\s+[-|_—–]\s+|_|\|/);
  if (parts.length > 1 && parts[parts.length - 1].trim() === site) return parts.slice(0, -1).join(' - ').trim() || title;
  return title;
}

/** Text of a DOM subtree with block elements on their own lines and <br> as line breaks. */
function blockText(root: any, dropBoilerplate = false): string {
  const parts: string[] = [];
  const walk = (node: any): void => {
    if (node.nodeType === 3) { parts.push(String(node.textContent ?? '').replace(/\s+/g, ' ')); return; }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = String(node.localName ?? node.tagName ?? '').toLowerCase();
    if (SKIP.has(tag)) return;
    if (dropBoilerplate && BOILERPLATE.has(tag)) return;
    if (tag === 'br') { parts.push('\n'); return; }
    const block = BLOCK.has(tag);
    if (block) parts.push('\n\n');
    for (const child of node.childNodes ?? []) walk(child);
    if (tag === 'td' || tag === 'th') parts.push(' ');
    if (block) parts.push('\n\n');
  };
  walk(root);
  return parts.join('').replace(/[ \t]*\n[ \t]*/g, '\n').replace(/\n{3,}/g, '\n\n');
}
