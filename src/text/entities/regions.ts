// Region detection: full official names and short forms of places found in the text, short forms only
// where the context supports them, same-named places resolved by the other places the document
// mentions — or left ambiguous with `alternatives` — and rolled up to province.
import type { Region, Span } from '../../domain/analysis.js';
import { posOf } from '../jieba-data.js';
import { normaliseForIndex } from '../normalise.js';
import { segment, type Token } from '../segment.js';
import { fullName, gazetteer, isAncestor, pathOf, push, type Place } from './gazetteer.js';
import { Trie } from './trie.js';

interface Entry {
  places: Place[];
  short: boolean;
}

interface Mention {
  start: number;
  end: number;
  entry: Entry;
  /** Candidates left after filtering and, once resolved, the chosen place first. */
  places: Place[];
  resolved?: Place;
  alternatives: Place[];
  absorbedBy?: Mention;
}

let trie: Trie<Entry> | undefined;

function regionTrie(): Trie<Entry> {
  if (trie) return trie;
  const g = gazetteer();
  const t = new Trie<Entry>();
  for (const [name, places] of g.full) t.add(name, { places, short: false });
  for (const [name, places] of g.short) {
    const usable = g.stoplist.has(name) ? places.filter((p) => p.level === 'province') : places;
    if (usable.length) t.add(name, { places: usable, short: true });
  }
  trie = t;
  return t;
}

/** Words after a bare county name that show it is meant as a place (宝山地区, 宝山一带). */
const PLACE_CONTEXT_AFTER = /^(地区|区域|辖区|一带|境内|全区|全县|全市|本地|当地)/;

/** Development zones, farms and parks are listed at street level but their names are generic. */
const STREET_NEEDS_CONTEXT = /(开发区|园区|保税区|示范区|管理区|农场|林场|牧场|工业区|产业园|试验区|新区|新城|合作区|片区|管委会)$/;

/** Token boundaries of the text, when the caller passes its segmentation. */
interface Bounds {
  starts: Uint8Array;
  ends: Uint8Array;
}

function bounds(tokens: Token[], n: number): Bounds {
  const b = { starts: new Uint8Array(n + 1), ends: new Uint8Array(n + 1) };
  for (const t of tokens) {
    b.starts[t.start] = 1;
    b.ends[t.end] = 1;
  }
  return b;
}

/** A town name written alone must end a word too (文明村镇 is not 明村镇) and not be a common noun (小城镇). */
function plausibleStreet(m: Mention, name: string, b: (() => Bounds) | undefined): boolean {
  if (STREET_NEEDS_CONTEXT.test(name)) return false;
  const pos = posOf(name);
  if (pos && !/^ns/.test(pos)) return false;
  if (!b) return true;
  const { starts, ends } = b();
  return starts[m.start] === 1 && ends[m.end] === 1;
}

const related = (a: Place, b: Place): boolean => a === b || isAncestor(a, b) || isAncestor(b, a);
const siblings = (a: Place, b: Place): boolean => a !== b && a.parent !== undefined && a.parent === b.parent;

/** Places the document names, per distinct dictionary entry, weighted 1/(number of candidates). */
type Weights = Map<Entry, Map<Place, number>>;

function weigh(mentions: Mention[]): Weights {
  const w: Weights = new Map();
  for (const m of mentions) {
    let pm = w.get(m.entry);
    if (!pm) w.set(m.entry, (pm = new Map()));
    for (const p of m.places) pm.set(p, (pm.get(p) ?? 0) + 1 / m.places.length);
  }
  return w;
}

/** How much the document's other place names support `p`: ancestors, descendants, then siblings. */
function support(p: Place, own: Entry, weights: Weights): number {
  let s = 0;
  for (const [entry, places] of weights) {
    if (entry === own) continue;
    for (const [q, w] of places) {
      if (related(p, q)) s += w;
      else if (p.level !== 'province' && siblings(p, q)) s += 0.5 * w;
    }
  }
  return s;
}

/** What keep() knows of the whole document. */
interface DocPlaces {
  /** Places of every candidate mention, except county short forms (those need support themselves). */
  anchors: Set<Place>;
  /** Places whose full name the document writes. */
  fullPlaces: Set<Place>;
  /** The document names some province, city or district. */
  namesOthers: boolean;
  /** Places of the mentions ending at each offset (a parent written right before: 黑龙江富裕). */
  endingAt: Map<number, Place[]>;
  /** Places written in full below city level, by their name without its suffix (玉林 for 玉林街道). */
  byBase: Map<string, Place[]>;
}

/** The suffix of a district, town or street name (玉林街道 → 玉林). */
const LOWER_SUFFIX = /(街道|办事处|镇|乡|苏木|区|县|旗)$/;

/**
 * Whether a name below city level reads as an everyday word rather than a place: listed as such by jieba
 * (富裕, 会同, 三元, 街道, 解放区), a generic town or zone name (中心镇, 小城镇, 农场, 良种场, 经济技术开发区),
 * or a two-character full name whose first character is a function word (和县 in 教育和县乡财政).
 */
function everyday(name: string, m: Mention): boolean {
  if (m.entry.places.some((p) => p.level === 'province' || p.level === 'city')) return false;
  if (gazetteer().everyday.has(name)) return true;
  if (m.entry.short) return false;
  if ([...name].length === 2 && /^[cpurdu]/.test(posOf(name[0]) ?? '')) return true;
  if (!m.entry.places.every((p) => p.level === 'street')) return false;
  // A zone, farm or town whose name says only what it is (经济技术开发区, 畜禽良种场, 中心镇, 街道), not
  // which one (洋浦经济开发区, 枫桥镇).
  return onlyCommonWords(name.replace(STREET_NEEDS_CONTEXT, '').replace(/场$/, '').replace(LOWER_SUFFIX, ''));
}

/** Whether a text is empty or made of words jieba lists under a part of speech that is no name. */
function onlyCommonWords(s: string): boolean {
  return segment(s).every((t) => {
    const pos = posOf(t.text);
    return !!pos && !/^(ns|nr|nz|nt)/.test(pos);
  });
}

/**
 * Whether a mention stays. A unique town name without any of its parents, in a document that names some
 * province, city or district, is more likely a common word than a town far away.
 */
function keep(m: Mention, text: string, doc: DocPlaces, b: (() => Bounds) | undefined): boolean {
  const { places, short } = m.entry;
  const { anchors, fullPlaces, namesOthers } = doc;
  const hasAncestorMention = (p: Place): boolean => {
    for (let q = p.parent; q; q = q.parent) if (anchors.has(q)) return true;
    return false;
  };
  const name = text.slice(m.start, m.end);
  // An everyday word is a place right after its parent, or where the document writes its full name.
  if (everyday(name, m)) {
    const before = doc.endingAt.get(m.start) ?? [];
    m.places = places.filter((p) => before.some((q) => isAncestor(q, p)) || (short && fullPlaces.has(p)));
    return m.places.length > 0;
  }
  // A short form that is the name of a place written in full elsewhere (玉林 of 成都玉林街道) is that
  // place, not the namesake city (广西玉林市).
  if (short && (doc.byBase.get(name) ?? []).some((q) => !places.some((p) => related(p, q)))) return false;
  if (short) {
    if (places.some((p) => p.level === 'province' || p.level === 'city')) return true;
    if (PLACE_CONTEXT_AFTER.test(text.slice(m.end, m.end + 2))) return true;
    m.places = places.filter((p) => fullPlaces.has(p) || hasAncestorMention(p));
    return m.places.length > 0;
  }
  if (places.every((p) => p.level !== 'street')) return true;
  // Street / town names: when the document names an ancestor, or when unique and the document names no
  // other province, city or district (a Chongqing case's 小集镇 is no town in Hebei's 丰南区).
  const supported = places.filter((p) => hasAncestorMention(p));
  if (supported.length) {
    m.places = supported;
    return true;
  }
  return places.length === 1 && !namesOthers && plausibleStreet(m, text.slice(m.start, m.end), b);
}

function resolve(m: Mention, prev: Mention | undefined, weights: Weights, cache: Map<Place, number>): void {
  if (m.places.length === 1) {
    m.resolved = m.places[0];
    m.alternatives = [];
    return;
  }
  const adjacent = prev && prev.end === m.start ? prev.places : [];
  const scored = m.places.map((p) => {
    let s = cache.get(p);
    if (s === undefined) cache.set(p, (s = support(p, m.entry, weights)));
    // A parent written right before (双鸭山市宝山区) counts most.
    if (adjacent.some((q) => isAncestor(q, p))) s += 3;
    return { p, s };
  }).sort((a, b) => b.s - a.s);
  if (scored[0].s > 0 && scored[0].s > scored[1].s) {
    m.resolved = scored[0].p;
    m.alternatives = [];
    return;
  }
  // Undecided: report the highest-level, lowest-code candidate and list the others — never a silent guess.
  // Candidates the context supports less than others are no longer among them (江苏省鼓楼区: Nanjing's or
  // Xuzhou's, not Fuzhou's or Kaifeng's).
  if (scored[0].s > 0) m.places = scored.filter((x) => x.s === scored[0].s).map((x) => x.p);
  const order = ['province', 'city', 'district', 'street'];
  const byRank = [...m.places].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level) || a.code.localeCompare(b.code));
  m.resolved = byRank[0];
  m.alternatives = byRank.slice(1);
}

/**
 * Regions mentioned in `text`, one per distinct place, most relevant first (more mentions, then more
 * specific, then earlier). `norm` is `normaliseForIndex(text)` when the caller already has it; `tokens`
 * (segment(norm)), when given, let a town named without context be checked against word boundaries.
 */
export function extractRegions(text: string, norm: string = normaliseForIndex(text), tokens?: Token[]): Region[] {
  const t = regionTrie();
  let built: Bounds | undefined;
  const b = tokens ? () => (built ??= bounds(tokens, norm.length)) : undefined;
  // With the segmentation at hand, a name must start a word (沿海城市 holds no 海城市, 复合肥料 no 合肥), and
  // a short form must also end one (长春碱 is no 长春).
  const aligned = (x: { start: number; end: number; value: Entry }): boolean => {
    if (!b) return true;
    const { starts, ends } = b();
    return starts[x.start] === 1 && (!x.value.short || ends[x.end] === 1);
  };
  const raw: Mention[] = t.scan(norm).filter(aligned)
    .map((x) => ({ start: x.start, end: x.end, entry: x.value, places: x.value.places, alternatives: [] }));
  const fullPlaces = new Set<Place>();
  const anchors = new Set<Place>();
  for (const m of raw) {
    if (!m.entry.short) for (const p of m.entry.places) fullPlaces.add(p);
    for (const p of m.entry.places) if (!m.entry.short || p.level !== 'district') anchors.add(p);
  }
  const endingAt = new Map<number, Place[]>();
  const byBase = new Map<string, Place[]>();
  for (const m of raw) {
    for (const p of m.entry.places) push(endingAt, m.end, p);
    if (m.entry.short) continue;
    for (const p of m.entry.places) if (p.level === 'district' || p.level === 'street') push(byBase, p.name.replace(LOWER_SUFFIX, ''), p);
  }
  const doc: DocPlaces = { anchors, fullPlaces, namesOthers: [...anchors].some((a) => a.level !== 'street'), endingAt, byBase };
  const mentions = raw.filter((m) => keep(m, norm, doc, b));
  const weights = weigh(mentions);
  const caches = new Map<Entry, Map<Place, number>>();
  mentions.forEach((m, i) => {
    let cache = caches.get(m.entry);
    if (!cache) caches.set(m.entry, (cache = new Map()));
    resolve(m, mentions[i - 1], weights, cache);
  });
  // A parent written right before its child (上海市宝山区, 上海宝山) is one mention of the child.
  for (let i = 1; i < mentions.length; i++) {
    const a = mentions[i - 1];
    const b = mentions[i];
    if (a.end === b.start && isAncestor(a.resolved!, b.resolved!)) {
      a.absorbedBy = b;
      b.start = a.start;
    }
  }
  const byCode = new Map<string, { place: Place; alts: Map<string, Place>; spans: Span[] }>();
  for (const m of mentions) {
    if (m.absorbedBy) continue;
    const p = m.resolved!;
    let r = byCode.get(p.code);
    if (!r) byCode.set(p.code, (r = { place: p, alts: new Map(), spans: [] }));
    for (const a of m.alternatives) r.alts.set(a.code, a);
    r.spans.push({ start: m.start, end: m.end });
  }
  const depth = (p: Place): number => pathOf(p).length;
  return [...byCode.values()]
    .sort((a, b) => b.spans.length - a.spans.length || depth(b.place) - depth(a.place) || a.spans[0].start - b.spans[0].start)
    .map(({ place, alts, spans }) => ({
      name: fullName(place),
      code: place.code,
      level: place.level,
      path: pathOf(place).map((q) => ({ name: q.name, code: q.code })),
      alternatives: [...alts.values()].map((q) => ({ name: fullName(q), code: q.code })),
      mentions: spans.length,
      spans,
    }));
}
