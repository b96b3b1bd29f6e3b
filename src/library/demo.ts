import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Analysis, DocumentInput } from '../domain/index.js';
import { randomBytes } from 'node:crypto';
import type { Library } from './library.js';

/** Setting written once the demo has been loaded, so that emptying the library never brings it back. */
export const DEMO_MARKER_KEY = 'demoLoaded';
export const DEMO_TAG = '演示';
export const SEED_TITLE = '上海宝山：“全人群”参与社区治理新途径';
export const SEED_PRODUCER = 'imported:seed';

const DEMO_JSONL = fileURLToPath(new URL('../demo/documents.jsonl', import.meta.url));
const DEFAULT_SEED = fileURLToPath(new URL('../../../shared/seed/000_d980024bf8c34fc9.txt', import.meta.url));

export interface DemoOptions {
  /** The seed entry (default ZHIZHI_SEED_PATH, else ../shared/seed/000_d980024bf8c34fc9.txt beside the project). */
  seedPath?: string;
  /** The demo documents (default src/demo/documents.jsonl). */
  demoPath?: string;
}

/**
 * Fills an empty library with the demo documents and the seed entry, once per data directory. Does
 * nothing when the library has documents, when the marker setting is present, or when ZHIZHI_DEMO=0 —
 * which is the default on PostgreSQL: a team's shared library starts empty (its first user should not
 * have to delete 48 made-up documents from everyone's searches); ZHIZHI_DEMO=1 loads it there too.
 * Missing files are skipped. Returns the number of documents added.
 */
export async function loadDemoIfEmpty(lib: Library, opts: DemoOptions = {}): Promise<number> {
  if ((process.env.ZHIZHI_DEMO ?? (lib.store.kind === 'postgres' ? '0' : '1')) === '0') return 0;
  const store = lib.store;
  if ((await store.countDocuments()) > 0 || (await store.getSetting(DEMO_MARKER_KEY)) !== undefined) return 0;
  let added = 0;
  const seedPath = opts.seedPath ?? process.env.ZHIZHI_SEED_PATH ?? DEFAULT_SEED;
  if (existsSync(seedPath)) added += await loadSeed(lib, readFileSync(seedPath, 'utf8'));
  const demoPath = opts.demoPath ?? DEMO_JSONL;
  if (existsSync(demoPath)) {
    for (const input of readDemoRows(readFileSync(demoPath, 'utf8'))) {
      const r = await lib.addDocument(input);
      if (r.status === 'imported') added++;
    }
  }
  await store.putSetting(DEMO_MARKER_KEY, { at: new Date().toISOString(), documents: added });
  return added;
}

function readDemoRows(jsonl: string): DocumentInput[] {
  return jsonl.split('\n').filter((l) => l.trim()).map((l) => {
    const r = JSON.parse(l) as DocumentInput;
    return { ...r, tags: [...new Set([...(r.tags ?? []), DEMO_TAG])] };
  });
}

export interface SeedEntry {
  /** 实践案例 */
  category: string;
  /** As written in the file: 2024-10-29 15:05:37.450468 (no zone). */
  timestamp: string;
  /** The three analyses in file order. */
  analyses: string[];
}

const META_LINE = /^(\S+)\s+(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)\s*$/;

/**
 * Splits the seed entry: a heading (社会治理研究知识库), the first analysis, a line `<category>
 * <timestamp>`, then the other analyses, one paragraph each. Blank lines carry no meaning.
 */
export function parseSeed(raw: string): SeedEntry {
  const lines = raw.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const metaAt = lines.findIndex((l) => META_LINE.test(l));
  if (metaAt < 0) throw new Error('种子文件缺少「类别 时间」一行');
  const [, category, timestamp] = META_LINE.exec(lines[metaAt])!;
  // The first line is the knowledge base's own heading, not an analysis.
  const analyses = [...lines.slice(1, metaAt), ...lines.slice(metaAt + 1)];
  return { category, timestamp, analyses };
}

/**
 * The seed's timestamp has no zone; the knowledge base it came from ran in China, so it is read as
 * Asia/Shanghai local time (UTC+8, no daylight saving) and stored in UTC with its microseconds:
 * 2024-10-29 15:05:37.450468 → 2024-10-29T07:05:37.450468Z.
 */
export function shanghaiToUtcIso(ts: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(ts.trim());
  if (!m) throw new Error(`无法识别的时间：${ts}`);
  const [, y, mo, d, h, mi, s, frac = ''] = m;
  const utc = new Date(Date.UTC(+y, +mo - 1, +d, +h - 8, +mi, +s));
  return `${utc.toISOString().slice(0, 19)}.${frac.padEnd(6, '0')}Z`;
}

/**
 * The seed is one document: the first analysis is its text (the news report itself is not in the
 * entry), and all three analyses are kept verbatim as imported analyses beside the offline one.
 */
async function loadSeed(lib: Library, raw: string): Promise<number> {
  const seed = parseSeed(raw);
  if (!seed.analyses.length) return 0;
  const createdAt = shanghaiToUtcIso(seed.timestamp);
  const r = await lib.addDocument({ title: SEED_TITLE, text: seed.analyses[0], category: seed.category, tags: [DEMO_TAG], createdAt, updatedAt: createdAt });
  if (r.status !== 'imported') return 0;
  for (const [i, text] of seed.analyses.entries()) {
    const a: Analysis = { id: randomBytes(8).toString('hex'), documentId: r.document.id, producer: SEED_PRODUCER, version: String(i + 1), createdAt, result: {}, text };
    await lib.store.addAnalysis(a);
  }
  return 1;
}
