// .docx via mammoth, after checking the zip's central directory ourselves: mammoth (jszip) would inflate
// whatever the archive claims, so a zip bomb must be stopped before it gets there.
import yauzl from 'yauzl';
import mammoth from 'mammoth';
import { ingestError, IngestError } from '../errors.js';
import { cleanText, titleOr, type Extracted } from './common.js';

/** Caps on what a .docx may inflate to. Defaults: 200 MB in all, 100:1 for entries over 10 MB, 10 000 entries. */
export const DOCX_LIMITS = { maxTotal: 200 * 1024 * 1024, maxRatio: 100, ratioFloor: 10 * 1024 * 1024, maxEntries: 10_000 };

interface ZipInfo { names: Set<string>; core?: string }

function openZip(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => (err ? reject(err) : resolve(zip!)));
  });
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error('no stream'));
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

/**
 * Walks the central directory: refuses archives that inflate past DOCX_LIMITS (ZIP_BOMB), and inflates the
 * XML parts mammoth will read — yauzl checks each against its declared size, so a lying header fails here.
 */
async function inspectZip(bytes: Buffer, name: string): Promise<ZipInfo> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(bytes);
  } catch {
    throw ingestError('CORRUPT_DOCX', name, { reason: '不是有效的 ZIP 结构，文件可能不完整' });
  }
  const info: ZipInfo = { names: new Set() };
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (e: yauzl.Entry) => {
        total += e.uncompressedSize;
        const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
        if (info.names.size >= DOCX_LIMITS.maxEntries || total > DOCX_LIMITS.maxTotal
          || (e.uncompressedSize > DOCX_LIMITS.ratioFloor && ratio > DOCX_LIMITS.maxRatio)) {
          return reject(ingestError('ZIP_BOMB', name));
        }
        info.names.add(e.fileName);
        if (!/\.(xml|rels)$/i.test(e.fileName)) return zip.readEntry();
        readEntry(zip, e).then((buf) => {
          if (e.fileName === 'docProps/core.xml') info.core = buf.toString('utf8');
          zip.readEntry();
        }, reject);
      });
      zip.readEntry();
    });
  } catch (err) {
    if (err instanceof IngestError) throw err;
    // yauzl stops a stream that inflates past its declared size: a disguised bomb.
    if (/too many bytes/i.test(String((err as Error)?.message))) throw ingestError('ZIP_BOMB', name);
    throw ingestError('CORRUPT_DOCX', name, { reason: '压缩内容已损坏' });
  } finally {
    zip.close();
  }
  if (!info.names.has('word/document.xml')) throw ingestError('CORRUPT_DOCX', name, { reason: '缺少 word/document.xml，这不是 Word 文档' });
  return info;
}

/** Default user names Office and WPS write into dc:creator. */
const JUNK_AUTHOR = /^(administrator|admin|user|owner|microsoft.*|windows.*|微软用户|用户|作者|unknown|lenovo|dell|hp)$/i;

function xmlText(s: string): string {
  return s.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d))).replace(/&amp;/g, '&').trim();
}

function coreField(core: string | undefined, tag: string): string | undefined {
  const m = core ? new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(core) : null;
  const v = m ? xmlText(m[1]) : '';
  return v || undefined;
}

/** Text of a .docx; title from docProps/core.xml dc:title, else a heading-like first line, else the file name. */
export async function parseDocx(bytes: Buffer, name: string): Promise<Extracted> {
  const info = await inspectZip(bytes, name);
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch {
    throw ingestError('CORRUPT_DOCX', name, { reason: '文档内容（XML）无法解析' });
  }
  const text = cleanText(raw, { cjkSpaces: 'words' });
  if (!text) throw ingestError('EMPTY_FILE', name, { whitespace: true });
  const source: Extracted['source'] = {};
  // dcterms:created is when the file (often its template) was made, not publication: not used.
  const creator = coreField(info.core, 'dc:creator');
  if (creator && !JUNK_AUTHOR.test(creator)) source.authors = creator.split(/[,，、;；]\s*/).filter(Boolean);
  const title = coreField(info.core, 'dc:title') ?? titleOr(text, name);
  return { title, text, ...(Object.keys(source).length ? { source } : {}) };
}
