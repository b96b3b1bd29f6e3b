// Region names and codes (GB/T 2260) from the text engine's place tree, loaded lazily on first use:
// resolves 地区: filter values to codes and describes facet codes (name, level, parent).
import { placesByCode, shortForm } from '../text/entities/gazetteer.js';
import { normaliseForIndex } from '../text/normalise.js';

export interface RegionInfo { code: string; name: string; level: 'province' | 'city' | 'district' | 'street'; parent: string | null }

let byCode: Map<string, RegionInfo> | undefined;
let byName: Map<string, string[]> | undefined;

const SUFFIX = /(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|地区|新区|省|市|区|县|盟|旗)$/;

/**
 * Codes described from the text engine's place tree (streets and towns included, so a facet shows 虹桥街道
 * under 长宁区 instead of the bare code). Streets and towns are found by their full name only (枫桥镇,
 * 劲松街道): a bare 新华 or 城关 would name far too many places.
 */
function load(): void {
  if (byCode) return;
  byCode = new Map();
  byName = new Map();
  const add = (n: string, code: string) => {
    if (n.length < 2) return;
    const list = byName!.get(n) ?? [];
    if (!list.includes(code)) list.push(code);
    byName!.set(n, list);
  };
  const places = [...placesByCode().values()];
  for (const p of places) {
    byCode.set(p.code, { code: p.code, name: p.name, level: p.level, parent: p.parent?.code ?? null });
    for (const n of p.level === 'street' ? [p.name] : [p.name, p.name.replace(SUFFIX, '')]) add(n, p.code);
  }
  // Then the analysis's short forms (延边 for 延边朝鲜族自治州, 黔东南, 峨边), which the suffix rule does not
  // give, where no place is already called so: 恩施 stays 恩施市, 河南 the province, 宽城 the district.
  const taken = new Set(byName.keys());
  for (const p of places) {
    const short = p.level === 'street' ? undefined : shortForm(p);
    if (short && !taken.has(short)) add(short, p.code);
  }
}

export function regionInfo(code: string): RegionInfo | undefined {
  load();
  return byCode!.get(code);
}

/** The code itself and every ancestor, province first (310113 → 31, 310113). Unknown codes pass through. */
export function withAncestors(code: string): string[] {
  const out: string[] = [];
  let c: string | null | undefined = code;
  const seen = new Set<string>();
  while (c && !seen.has(c)) {
    seen.add(c);
    out.unshift(c);
    c = regionInfo(c)?.parent;
  }
  return out;
}

/** A place's full name with its parents (朝阳区 → 北京市朝阳区). */
export function regionPath(code: string): string {
  return withAncestors(code).map((c) => regionInfo(c)?.name ?? c).join('');
}

/**
 * Codes for a region name or code typed by a user (上海, 上海市, 宝山区, 310113). Empty when unknown.
 * A bare name shared by a province and a smaller place means the province (河北 is 河北省, not 天津市
 * 河北区); namesakes of the same rank are all kept (宝山: 上海市宝山区 and 双鸭山市宝山区), and `note`
 * says so in Chinese with how to name one (worded for an exclusion with `excluding`). A name in traditional
 * characters or full width (寶山, 臺灣) is read in index normal form when it names nothing as written.
 */
export function resolveRegionName(value: string, excluding = false): { codes: string[]; note?: string } {
  if (!resolveRegion(value).length && normaliseForIndex(value) !== value) value = normaliseForIndex(value);
  const found = resolveRegion(value);
  // 辽宁朝阳 names 朝阳市 and its 朝阳县: the city already holds the county.
  const codes = found.filter((c) => !withAncestors(c).slice(0, -1).some((a) => found.includes(a)));
  if (codes.length < 2) return { codes };
  const minus = excluding ? '-' : '';
  // A name shared by a province and smaller places means the province (河北 is 河北省, not 天津市河北区), one
  // shared by a city or district and towns means the former; cities and districts stay together (朝阳).
  const level = (c: string) => regionInfo(c)?.level ?? 'street';
  const kept = codes.some((c) => level(c) === 'province') ? codes.filter((c) => level(c) === 'province')
    : codes.some((c) => level(c) !== 'street') ? codes.filter((c) => level(c) !== 'street') : codes;
  if (kept.length < codes.length) {
    const others = codes.filter((c) => !kept.includes(c)).map(regionPath);
    return { codes: kept, note: `地区「${value}」按${listed(kept.map(regionPath))}${excluding ? '排除' : '筛选'}；如指${listed(others)}，请写出上级地区，如 ${minus}地区:${others[0]}` };
  }
  const names = codes.map(regionPath);
  return { codes, note: `地区「${value}」有${names.length > 6 ? '多' : names.length}处同名（${listed(names)}），已全部${excluding ? '排除' : '包含'}；如指其一，请写出上级地区，如 ${minus}地区:${names[0]}` };
}

/** Names for a note: all of a few, the first five of many (城关镇 names hundreds of towns). */
function listed(names: string[]): string {
  return names.length <= 6 ? names.join('、') : `${names.slice(0, 5).join('、')} 等 ${names.length} 处`;
}

/**
 * Full names a bare street or town name may stand for (劲松 → 劲松街道), for the message about an unknown
 * region: up to three, in code order. Streets are found by their full name only (see load()).
 */
export function streetNamesFor(value: string): string[] {
  load();
  const v = value.trim();
  if (v.length < 2 || v.length > 10) return [];
  return [...new Set(['街道', '镇', '乡', '地区办事处'].map((s) => v + s).filter((n) => byName!.get(n)?.some((c) => byCode!.get(c)?.level === 'street')))].slice(0, 3);
}

/** Longest region value looked up (省市区街道 names together stay well under it); longer input names no place. */
const MAX_REGION_CHARS = 40;

/** Codes for a region name or code, every namesake included (see resolveRegionName). */
export function resolveRegion(value: string): string[] {
  load();
  const v = value.trim();
  if (/^\d{2,12}$/.test(v)) {
    const code = v.replace(/(00)+$/, '');
    return [byCode!.has(code) ? code : v];
  }
  if (v.length > MAX_REGION_CHARS) return [];
  return resolveName(v, new Map());
}

/**
 * 上海宝山 / 上海市宝山区 / 吉林吉林: the most specific known name at the end, strictly inside the place the
 * rest names. Each suffix is resolved once (memo), so the cost grows with the square of the length, not
 * exponentially (a pasted address once took seconds and blocked the server).
 */
function resolveName(v: string, memo: Map<string, string[]>): string[] {
  const known = memo.get(v);
  if (known) return known;
  let out = byName!.get(v) ?? byName!.get(v.replace(SUFFIX, '')) ?? [];
  for (let i = 2; !out.length && i < v.length - 1; i++) {
    const tail = byName!.get(v.slice(i)) ?? byName!.get(v.slice(i).replace(SUFFIX, '')) ?? [];
    if (!tail.length) continue;
    const head = resolveName(v.slice(0, i), memo);
    out = tail.filter((c) => withAncestors(c).slice(0, -1).some((a) => head.includes(a)));
  }
  memo.set(v, [...out]);
  return [...out];
}
