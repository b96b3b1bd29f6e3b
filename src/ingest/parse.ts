// Entry points of ingestion: bytes, files, folders and pasted text → ParsedDocuments. Pure parsing; the
// import pipeline (src/library) stores the results.
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { sniffMagic } from './encoding.js';
import { ingestError, IngestError } from './errors.js';
import { extensionOf, safeDisplayName } from './names.js';
import { cleanText, titleFromFirstLine, type Extracted } from './parsers/common.js';
import { parseCsv } from './parsers/csv.js';
import { parseDocx } from './parsers/docx.js';
import { parseHtml } from './parsers/html.js';
import { parseJsonl } from './parsers/jsonl.js';
import { parseMd } from './parsers/md.js';
import { parsePdf } from './parsers/pdf.js';
import { parseTxt } from './parsers/txt.js';
import type { DocFormat, ParseOptions, ParseOutcome, ParsedDocument } from './types.js';

export type { FieldMapping, ParseOptions, ParseOutcome, ParsedDocument } from './types.js';

/** Default size cap: ZHIZHI_MAX_FILE_MB (MiB) or 50 MiB. */
export function defaultMaxBytes(): number {
  const mb = Number(process.env.ZHIZHI_MAX_FILE_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : 50) * 1024 * 1024;
}

const BY_EXT: Record<string, DocFormat> = {
  txt: 'txt', text: 'txt', log: 'txt', md: 'md', markdown: 'md', mdown: 'md', html: 'html', htm: 'html', xhtml: 'html', shtml: 'html',
  docx: 'docx', pdf: 'pdf', csv: 'csv', tsv: 'csv', jsonl: 'jsonl', ndjson: 'jsonl', json: 'jsonl',
};

/** File extensions parseBuffer accepts. */
export const SUPPORTED_EXTENSIONS = Object.keys(BY_EXT);

/** Decides the parser from the extension and the first bytes (which win: a .docx that is really a PDF is a PDF). */
function formatOf(name: string, bytes: Buffer): DocFormat {
  const ext = extensionOf(name);
  const magic = sniffMagic(bytes.subarray(0, 1024));
  const byExt = BY_EXT[ext];
  if (magic?.type === 'pdf' || (!magic && bytes.subarray(0, 1024).includes('%PDF-') && (byExt === 'pdf' || byExt === 'docx'))) return 'pdf';
  if (magic?.type === 'zip') {
    if (byExt === 'docx' || (!ext)) return 'docx';
    if (!byExt) throw ingestError('UNSUPPORTED_TYPE', name, { ext: `.${ext}（压缩包，请解压后导入其中的文件）` });
    throw ingestError('BINARY_FILE', name, { kind: magic.label });
  }
  if (magic?.type === 'ole') throw ingestError('UNSUPPORTED_TYPE', name, { ext: '.doc/.xls（旧版 Office 格式，请另存为 .docx 或 .pdf）' });
  if (!byExt && ext) throw ingestError('UNSUPPORTED_TYPE', name, { ext: `.${ext}` });
  if (magic) throw ingestError('BINARY_FILE', name, { kind: magic.label });
  if (byExt === 'docx') throw ingestError('CORRUPT_DOCX', name, { reason: '文件内容不是 ZIP 格式' });
  if (byExt) {
    // A .txt that is really a web page reads better through the HTML parser.
    if (byExt === 'txt' && /^\s*<(!doctype html|html[\s>])/i.test(bytes.subarray(0, 512).toString('latin1'))) return 'html';
    return byExt;
  }
  return /^\s*<(!doctype html|html[\s>])/i.test(bytes.subarray(0, 512).toString('latin1')) ? 'html' : 'txt';
}

function sha256(b: Buffer | string): string {
  return createHash('sha256').update(b).digest('hex');
}

/**
 * Parses one file's bytes. Single documents: one doc, or a thrown IngestError. Batches (.csv/.tsv/.jsonl/
 * .json): one doc per good row plus one error per bad row. `name` is only displayed, never opened.
 */
export async function parseBuffer(name: string, bytes: Buffer, opts: ParseOptions = {}): Promise<ParseOutcome> {
  const item = safeDisplayName(name);
  if (!item) throw ingestError('BAD_FILENAME', String(name ?? '').slice(0, 80));
  const limit = opts.maxBytes ?? defaultMaxBytes();
  // An upload over the cap arrives cut to cap + 1 bytes (routes/import.ts): its real size is unknown here.
  if (bytes.length > limit) throw ingestError('TOO_LARGE', item, { size: bytes.length === limit + 1 ? undefined : bytes.length, limit });
  if (bytes.length === 0) throw ingestError('EMPTY_FILE', item);
  const format = formatOf(item, bytes);
  if (format === 'csv') return parseCsv(bytes, item, opts.mapping, opts.category);
  if (format === 'jsonl') return parseJsonl(bytes, item, opts.mapping, opts.category);
  let ex: Extracted;
  try {
    ex = format === 'pdf' ? await parsePdf(bytes, item)
      : format === 'docx' ? await parseDocx(bytes, item)
        : format === 'html' ? parseHtml(bytes, item)
          : format === 'md' ? parseMd(bytes, item)
            : parseTxt(bytes, item);
  } catch (e) {
    if (e instanceof IngestError) throw e;
    // A parser library failing on hostile input is still the file's fault, not a crash.
    throw ingestError(format === 'pdf' ? 'CORRUPT_PDF' : format === 'docx' ? 'CORRUPT_DOCX' : format === 'html' ? 'BAD_HTML' : 'ENCODING_UNKNOWN', item);
  }
  const doc: ParsedDocument = {
    item, title: ex.title, text: ex.text, format,
    original: { name: item, bytes, type: format, sha256: sha256(bytes), size: bytes.length, ...(ex.encoding ? { encoding: ex.encoding } : {}) },
  };
  if (ex.encoding) doc.encoding = ex.encoding;
  if (ex.source) doc.source = ex.source;
  if (opts.category) doc.category = opts.category;
  return { docs: [doc], errors: [] };
}

/**
 * Parses a file (its size checked before reading: TOO_LARGE) or every supported file of a folder. A missing
 * path throws NOT_FOUND. For a folder, each bad file becomes an error in the outcome and the rest go on.
 */
export async function parsePath(path: string, opts: ParseOptions = {}): Promise<ParseOutcome> {
  const st = await stat(path).catch(() => undefined);
  if (!st) throw ingestError('NOT_FOUND', safeDisplayName(basename(path)) || path);
  if (st.isDirectory()) {
    const out: ParseOutcome = { docs: [], errors: [] };
    for await (const f of walkPaths([path])) {
      try {
        const r = await parsePath(f.path, opts);
        out.docs.push(...r.docs);
        out.errors.push(...r.errors);
      } catch (e) {
        if (!(e instanceof IngestError)) throw e;
        out.errors.push(e);
      }
    }
    return out;
  }
  const name = basename(path);
  const limit = opts.maxBytes ?? defaultMaxBytes();
  if (st.size > limit) throw ingestError('TOO_LARGE', safeDisplayName(name) || 'file', { size: st.size, limit });
  const bytes = await readFile(path).catch(() => { throw ingestError('NOT_FOUND', safeDisplayName(name)); });
  return parseBuffer(name, bytes, opts);
}

const SKIP_DIRS = new Set(['node_modules', '__MACOSX', '$RECYCLE.BIN', 'System Volume Information']);

/**
 * Files to import under `paths`, in a stable order: folders recursively (hidden entries, node_modules,
 * Office lock files ~$… and symlink loops skipped), files as given. A missing path throws NOT_FOUND.
 */
export async function* walkPaths(paths: string[]): AsyncIterable<{ path: string; name: string }> {
  const seen = new Set<string>();
  for (const p of paths) {
    const abs = resolve(p);
    const st = await stat(abs).catch(() => undefined);
    if (!st) throw ingestError('NOT_FOUND', safeDisplayName(basename(p)) || p);
    if (st.isDirectory()) yield* walkDir(abs, seen);
    else yield { path: abs, name: basename(abs) };
  }
}

async function* walkDir(dir: string, seen: Set<string>): AsyncIterable<{ path: string; name: string }> {
  const real = await realpath(dir).catch(() => undefined);
  if (!real || seen.has(real)) return; // symlink loop or a folder already walked
  seen.add(real);
  const names = (await readdir(dir).catch(() => [] as string[])).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const n of names) {
    if (n.startsWith('.') || n.startsWith('~$') || SKIP_DIRS.has(n) || n === 'Thumbs.db' || n === 'desktop.ini') continue;
    const full = join(dir, n);
    const l = await lstat(full).catch(() => undefined);
    if (!l) continue;
    const st = l.isSymbolicLink() ? await stat(full).catch(() => undefined) : l;
    if (!st) continue; // dangling symlink
    if (st.isDirectory()) yield* walkDir(full, seen);
    else if (st.isFile()) yield { path: full, name: n };
  }
}

/** Pasted text as a document (format 'text', no original). Throws EMPTY_FILE for blank input. */
export function parsePastedText(text: string, opts: { title?: string; category?: string } = {}): ParsedDocument {
  const clean = cleanText(String(text ?? ''));
  if (!clean) throw new IngestError('EMPTY_FILE', '粘贴的内容为空，请粘贴正文后再提交', '粘贴文本');
  const first = clean.split('\n')[0];
  const title = opts.title?.trim() ? cleanText(opts.title) : titleFromFirstLine(clean) ?? ([...first].length > 30 ? `${[...first].slice(0, 30).join('')}…` : first);
  const doc: ParsedDocument = { item: title, title, text: clean, format: 'text' };
  if (opts.category) doc.category = opts.category;
  return doc;
}
