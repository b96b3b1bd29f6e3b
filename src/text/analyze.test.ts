import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as OpenCC from 'opencc-js';
import { AnalysisResultSchema, type AnalysisResult, type Span } from '../domain/analysis.js';
import { analyze, ANALYZER_VERSION, MAX_SPANS_PER_ITEM, PRODUCER } from './analyze.js';
import { normaliseForIndex, toSimplified } from './normalise.js';
import { findTheme } from './themes/taxonomy.js';
import { readSeed } from './testing/seed.js';

const slice = (text: string, s: Span) => text.slice(s.start, s.end);
/** Characters of `mention` appear in order in `name` (上海宝山 supports 上海市宝山区). */
const supports = (mention: string, name: string) => {
  let i = 0;
  for (const c of name) if (c === mention[i]) i++;
  return i === mention.length;
};
const clean = (s: string) => normaliseForIndex(s).replace(/[、，,\s]/g, '');
/** Summary and highlight items may drop markdown emphasis (**…**) and an enumeration marker. */
const plain = (s: string) => s.replace(/\*+/g, '').trim();

/** Every span lies inside the text, and its text equals (or, for normalised names, supports) its item. */
function assertSpans(text: string, r: AnalysisResult): void {
  const all: Span[] = [];
  const exact = (items: { text: string; spans: Span[] }[]) => {
    for (const it of items) for (const s of it.spans) {
      all.push(s);
      assert.ok(plain(slice(text, s)).includes(plain(it.text)), `${slice(text, s)} / ${it.text}`);
    }
  };
  exact([r.oneLine, ...r.summary, ...r.highlights, ...r.themes.flatMap((t) => t.evidence)]);
  exact([...r.caseCard.问题与背景, ...r.caseCard.做法与机制, ...r.caseCard.成效, ...r.caseCard.数据, ...r.caseCard.经验启示]);
  for (const f of r.figures) for (const s of f.spans) {
    all.push(s);
    assert.equal(slice(text, s), f.text);
  }
  for (const e of [...r.mechanisms, ...r.organizations, ...r.groups]) for (const s of e.spans) {
    all.push(s);
    assert.equal(clean(slice(text, s)), e.name);
  }
  for (const g of r.regions) for (const s of g.spans) {
    all.push(s);
    assert.ok(supports(normaliseForIndex(slice(text, s)), g.name), `${slice(text, s)} / ${g.name}`);
  }
  for (const k of r.keywords) all.push(...k.spans);
  for (const t of r.themes) all.push(...t.spans);
  for (const s of all) assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, JSON.stringify(s));
}

test('version and producer are exported', () => {
  assert.match(ANALYZER_VERSION, /^\d+\.\d+\.\d+$/);
  assert.equal(PRODUCER, `offline@${ANALYZER_VERSION}`);
});

test('golden: the seed first analysis', () => {
  const { first, rest } = readSeed();
  const r = AnalysisResultSchema.parse(analyze(first));
  assertSpans(first, r);
  const region = r.regions[0];
  assert.deepEqual([region.name, region.code], ['上海市宝山区', '310113']);
  assert.deepEqual(region.path.map((p) => p.code), ['31', '310113']);
  const reg = r.figures.find((f) => f.value === 936000);
  assert.ok(reg && reg.unit === '人' && reg.subject.includes('居村民') && reg.subject.includes('实名注册'));
  assert.ok(r.figures.some((f) => f.value === 20 && f.valueMax === 35 && f.unit === '岁'));
  assert.ok(analyze(rest).figures.some((f) => f.value === 24 && f.unit === 'h'), '24小时 in analysis 2');
  const mech = r.mechanisms.map((m) => m.name);
  for (const n of ['人民信箱', '党建园地', '议事厅', '社区治理学院', '新达人库', '美好社区先锋行动']) assert.ok(mech.includes(n), n);
  const themes = r.themes.map((t) => t.name);
  for (const n of ['数字治理', '议事协商', '能力建设/人才培养', '社会组织参与', '居民自治']) {
    assert.ok(themes.includes(findTheme(n)!.name), n);
  }
  assert.ok(r.caseCard.地区.length && r.caseCard.数据.length && r.caseCard.做法与机制.length);
  assert.equal(r.minhash.length, 128);
});

const FRAGMENTS = [
  '上海市宝山区', '宝山', '地区', '双鸭山市', '浙江省诸暨市枫桥镇', '和平', '“人民信箱”', '“美好社区、先锋行动”', '《社区治理条例》',
  '93.6万', '居村民', '实现了', '实名注册', '20-35岁', '24小时', '35.6%', '三千件', '2024年10月', '社区治理学院', '议事厅',
  '社会组织', '志愿者', '网格员', '平台', '机制', '通过', '建立', '提升', '问题', '经验', '，', '。', '、', '\n', ' ', '1. ', '**',
  '社區治理', '臺灣', 'ＡＢＣ', '１２３', '😀',
];
const docArb = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })), { maxLength: 40 }).map((a) => a.join(''));

test('themes stay within half of the best theme\'s score, so passing mentions do not become themes', () => {
  const { first } = readSeed();
  const themes = analyze(first).themes;
  assert.ok(themes.length >= 5 && themes.length <= 9, themes.map((t) => `${t.name}:${t.score}`).join(', '));
  for (const t of themes) assert.ok(t.score >= themes[0].score / 2, t.name);
});

test('property: spans lie inside the text and round-trip to their items; the result validates', () => {
  fc.assert(
    fc.property(docArb, (text) => {
      const r = analyze(text);
      AnalysisResultSchema.parse(r);
      assertSpans(text, r);
    }),
    { numRuns: 150, seed: 42 },
  );
});

test('property: analysing twice gives the same result', () => {
  fc.assert(fc.property(docArb, (text) => assert.deepEqual(analyze(text), analyze(text))), { numRuns: 50, seed: 7 });
  const { whole } = readSeed();
  assert.deepEqual(analyze(whole), analyze(whole));
});

test('property: a traditional-Chinese version of the seed gives the same entities, figures and themes', () => {
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const { whole } = readSeed();
  const paragraphs = whole.split('\n').filter((p) => p.trim());
  const names = (r: AnalysisResult) => ({
    regions: r.regions.map((x) => `${x.code}:${x.mentions}`),
    mechanisms: r.mechanisms.map((x) => toSimplified(x.name)),
    organizations: r.organizations.map((x) => toSimplified(x.name)),
    groups: r.groups.map((x) => toSimplified(x.name)),
    figures: r.figures.map((x) => `${x.value}|${x.valueMax}|${x.unit}|${toSimplified(x.subject)}`),
    themes: r.themes.map((x) => x.name),
  });
  fc.assert(
    fc.property(fc.subarray(paragraphs, { minLength: 1 }), (ps) => {
      const simp = ps.join('\n');
      const trad = toTraditional(simp);
      assert.notEqual(trad, simp);
      const rt = analyze(trad);
      assertSpans(trad, rt);
      assert.deepEqual(names(rt), names(analyze(simp)));
    }),
    { numRuns: 8, seed: 3 },
  );
});

test('keeps at most MAX_SPANS_PER_ITEM positions per item of a long repetitive report, regions still counting every mention', () => {
  const text = '北京市朝阳区社区治理工作取得积极进展，居民满意度持续提升。'.repeat(300);
  const r = analyze(text);
  const counts: number[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { if (k === 'spans' && Array.isArray(x)) counts.push(x.length); else walk(x); }
  };
  walk(r);
  assert.ok(counts.length > 0 && Math.max(...counts) === MAX_SPANS_PER_ITEM, `span counts ${Math.max(...counts)}`);
  assert.ok(r.regions.some((g) => g.name.endsWith('朝阳区') && g.mentions === 300), 'mentions count all 300');
  assert.ok(JSON.stringify(r).length < 100_000, `analysis size ${JSON.stringify(r).length}`);
  AnalysisResultSchema.parse(r);
});
