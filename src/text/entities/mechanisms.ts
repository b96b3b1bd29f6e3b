// Mechanisms, platforms, programmes and policies (quoted names, lexicon terms, suffix patterns such as
// …平台 / …机制 / …学院), organisations and actors, and population groups — each deduplicated with all
// its spans. Names come from the normalised text, so traditional and simplified input agree.
import type { Entity, Span } from '../../domain/analysis.js';
import { posOf } from '../jieba-data.js';
import { allSurfaceForms, derivedFromLexicon, type LexiconKind } from '../lexicon/lexicon.js';
import { normaliseForIndex } from '../normalise.js';
import type { Token } from '../segment.js';
import { STOPWORDS } from '../stopwords.js';
import { Trie } from './trie.js';

export interface EntityGroups {
  mechanisms: Entity[];
  organizations: Entity[];
  groups: Entity[];
}

type Bucket = keyof EntityGroups;

/** Organisations, actors and groups the lexicon lacks but governance texts name often. */
const EXTRA_TERMS: [string, LexiconKind][] = [
  ['职能部门', 'actor'], ['区级人大代表', 'actor'], ['居村主要负责人', 'actor'], ['社区规划师', 'actor'],
  ['亲子辅导员', 'actor'], ['活动志愿者', 'group'], ['党员干部', 'actor'], ['民政部门', 'actor'], ['基层政府', 'actor'],
  ['街道党工委', 'actor'], ['社区党委', 'actor'], ['物业企业', 'actor'], ['年轻人群', 'group'], ['年轻居民', 'group'],
  ['青少年', 'group'], ['外来人口', 'group'], ['低保户', 'group'], ['高龄老人', 'group'], ['失能老人', 'group'],
];
/** Lexicon actors too generic to list as an organisation of a document. */
const TOO_GENERIC = new Set([
  '社区', '小区', '城乡社区', '农村社区', '基层政权', '居民', '代表', '委员', '顾问', '村', '达人', '物业', '老人', '长者',
  '赋能', '调解', '信访', '督办', '互助', '网格', '试点', '低保', '稳评',
]);
const ORG_END = /(委员会|居委会|村委会|业委会|组织|部门|公司|企业|党委|党工委|党支部|党组织|政府|街道|办事处|街镇|乡镇|居村|单位|机构|协会|基金会|联合会|理事会|小组)$/;
const PLATFORM_END = /(平台|信箱|园地|热线|小程序|APP|app|系统|公众号|码|板块|厅|网|通|办)$/;
const PROGRAMME_END = /(项目|行动|工程|计划|活动)$/;
/** Endings that make a quoted phrase a name of a mechanism/platform/programme. */
const NAME_END = /(平台|信箱|园地|热线|小程序|系统|公众号|板块|厅|机制|中心|学院|行动|工程|库|项目|站|室|计划|模式|制度|体系|工作法|议事会|之家|驿站|联盟|品牌|课堂|基金|服务队|网格|大讲堂|书院|超市|食堂)$/;
/** What follows a quoted name and shows it is one (“人民信箱”机制, “党建园地”等功能板块). */
const NAME_AFTER = /^(?:的|等)?(?:功能|板块|机制|平台|项目|活动|品牌|行动|工程|模式|栏目|载体|系统|计划|热线|小程序|阵地|工作法|制度|服务)/;
const NAME_BEFORE = /(实施|开展|推行|推出|启动|打造|设立|创建|建立|搭建|依托|运用|上线|开通|推广|比如|例如|包括|如)$/;
const POLICY_END = /(意见|通知|条例|办法|规定|法|纲要|规划|方案|决定|决议|细则|准则|指引|指南|标准|章程|公约|计划|制度|措施|清单|报告|批复|要点)$/;
/** Suffixes of unquoted names; the left boundary is found on segmentation tokens. */
const SUFFIX = /(平台|机制|中心|学院|行动|工程|模式|制度|体系|项目|热线|小程序)$/;
const GENERIC_NAME = new Set([
  '治理体系', '工作机制', '管理体系', '服务体系', '体制机制', '长效机制', '工作体系', '组织体系', '决策机制', '运行机制',
  '保障机制', '协调机制', '治理模式', '发展模式', '工作模式', '管理模式', '服务平台', '工作平台', '管理制度', '工作制度',
  '服务中心', '活动中心', '经验模式', '创新模式', '建设项目', '重点项目', '民生项目', '新机制', '新模式', '新平台', '这一机制', '该平台',
]);
/** Single characters allowed at the left edge of a name (新达人库, 微平台). */
const SINGLE_OK = new Set(['新', '微', '云', '总', '好', '全']);
/** jieba tags that end a name (prepositions, conjunctions, particles, pronouns, numerals …); verbs are
 * not among them — 积分兑换机制 — so clause verbs are listed instead. */
const BREAK_POS = /^(p|c|u|r|m|q|f|t|ul|uj|uz|ug|ud|y|e|o|zg)$/;
const BREAK_VERBS = new Set(`成立 建立 打造 构建 搭建 推进 推动 提供 设立 完善 健全 形成 创新 加强 实施 开展 依托 利用 作为 成为 反对 违反 个别 使 由于 关于 各项 一切 所有 其他 其它 上述 这种 相关 表明 结果
包括 引入 强化 优化 提升 探索 推行 落实 实现 启动 推出 创建 建成 上线 开通 运用 发挥 参与 组建 打通 用好 建好 借助 联手 通过
依靠 创设 出台 制定 印发 发布 建设 设置 组织 举办 培育 发展 深化 拓展 拓宽 构筑 完成 采取 采用 有效 积极 全面 重点 主要 多元化`.split(/\s+/));

/** The lexicon's surface forms as a trie, rebuilt once user terms were added. */
const terms = derivedFromLexicon(() => {
  const t = new Trie<LexiconKind>();
  for (const [term, kind] of allSurfaceForms()) {
    if (kind === 'theme' || TOO_GENERIC.has(term) || term.length < 2) continue;
    t.add(normaliseForIndex(term), kind);
  }
  for (const [term, kind] of EXTRA_TERMS) t.add(term, kind);
  return t;
});

function bucketOf(kind: LexiconKind | 'programme'): Bucket {
  return kind === 'actor' ? 'organizations' : kind === 'group' ? 'groups' : 'mechanisms';
}

function entityKind(name: string, kind: LexiconKind | undefined): string {
  if (kind === 'actor') return ORG_END.test(name) ? 'organization' : 'actor';
  if (kind === 'group' || kind === 'policy') return kind;
  if (PLATFORM_END.test(name) || kind === 'platform') return 'platform';
  if (PROGRAMME_END.test(name)) return 'programme';
  return 'mechanism';
}

/** Lower sorts first: named (quoted, platform, suffix) before practices the lexicon merely knows. */
type Priority = 0 | 1 | 2;

class Collector {
  readonly items = new Map<string, { e: Entity; bucket: Bucket; prio: Priority }>();
  readonly covered: Span[] = [];
  add(bucket: Bucket, rawName: string, kind: string, span: Span, prio: Priority = 0): void {
    // 美好社区、先锋行动 is one programme: list punctuation inside a name is dropped.
    const name = rawName.replace(/[、，,\s]/g, '');
    let it = this.items.get(name);
    if (!it) this.items.set(name, (it = { e: { name, kind, spans: [] }, bucket, prio }));
    it.prio = Math.min(it.prio, prio) as Priority;
    if (!it.e.spans.some((s) => s.start === span.start)) it.e.spans.push(span);
    this.covered.push(span);
  }
  private reach?: Int32Array;
  /** Whether [s, e) lies inside a span collected so far (before the first call). O(1) after one O(n) pass. */
  isCovered(s: number, e: number, textLength: number): boolean {
    if (!this.reach) {
      // reach[i] = the furthest end of any span starting at or before i.
      const r = new Int32Array(textLength + 1);
      for (const c of this.covered) if (c.end > r[c.start]) r[c.start] = c.end;
      for (let i = 1; i <= textLength; i++) if (r[i - 1] > r[i]) r[i] = r[i - 1];
      this.reach = r;
    }
    return this.reach[s] >= e;
  }
}

const QUOTE_RE = /[“「『‘"]([^“”「」『』‘’"\n。！？；;]{2,24})[”」』’"]|《([^《》\n]{2,40})》/g;

function quoted(norm: string, c: Collector): void {
  const found: { s: number; e: number; inner: string; policy: boolean }[] = [];
  QUOTE_RE.lastIndex = 0;
  for (let m = QUOTE_RE.exec(norm); m; m = QUOTE_RE.exec(norm)) {
    found.push({ s: m.index, e: m.index + m[0].length, inner: m[1] ?? m[2], policy: m[2] !== undefined });
  }
  // Quotes separated only by 、/和/与 form one list and share the words around the list.
  let i = 0;
  while (i < found.length) {
    let j = i;
    while (j + 1 < found.length && /^[、和与及,，]{0,2}$/.test(norm.slice(found[j].e, found[j + 1].s))) j++;
    const before = norm.slice(Math.max(0, found[i].s - 3), found[i].s);
    const after = norm.slice(found[j].e, found[j].e + 8);
    const listOk = NAME_AFTER.test(after) || NAME_BEFORE.test(before);
    for (let k = i; k <= j; k++) {
      const q = found[k];
      const name = q.inner.replace(/[、，,\s]/g, '');
      if (/[-—~…]/.test(name) || name.length < 2) continue;
      const span = { start: q.s + 1, end: q.e - 1 };
      if (q.policy) {
        // 《人民日报》 is a newspaper, not a policy: only titles shaped like policy documents count.
        if (POLICY_END.test(name)) c.add('mechanisms', name, 'policy', span);
        continue;
      }
      const lex = terms().get(name);
      if (lex) c.add(bucketOf(lex), name, entityKind(name, lex), span);
      else if (NAME_END.test(name) || listOk) c.add('mechanisms', name, entityKind(name, undefined), span);
    }
    i = j + 1;
  }
}

function lexicon(norm: string, c: Collector): void {
  for (const m of terms().scan(norm)) {
    const name = norm.slice(m.start, m.end);
    const kind = entityKind(name, m.value);
    c.add(bucketOf(m.value), name, kind, { start: m.start, end: m.end }, kind === 'mechanism' ? 2 : 0);
  }
}

function leftOk(tok: Token, norm: string): boolean {
  if (tok.kind !== 'word' && tok.kind !== 'lexicon') return false;
  const w = norm.slice(tok.start, tok.end);
  if (!/^[\u4e00-\u9fff]+$/.test(w) || STOPWORDS.has(w) || BREAK_VERBS.has(w)) return false;
  if (w.length === 1) return SINGLE_OK.has(w);
  const pos = posOf(w);
  return !pos || !BREAK_POS.test(pos);
}

/** Enumeration words and function words glued to a pattern name (一是制度建设机制, 由治知项目) are not part of it. */
const BAD_START = /^([一二三四五六七八九十]是|[由在对将把从向及并和与为是其该此这那])/;

/**
 * Drops a name whose every mention lies inside a mention of a longer name (闭环管理 only ever inside
 * 闭环管理机制): the longer one is what the text names. Independent mentions keep both.
 */
function dropNested(list: Entity[]): Entity[] {
  return list.filter((a) => !list.some((b) => b !== a && b.name.length > a.name.length && b.name.includes(a.name)
    && a.spans.every((s) => b.spans.some((t) => t.start <= s.start && s.end <= t.end))));
}

/** Last characters of SUFFIX: a char-code test before any string is made. */
const SUFFIX_LAST = new Set([...'台制心院动程式度系目线序'].map((ch) => ch.charCodeAt(0)));

function suffixNames(norm: string, tokens: Token[], c: Collector): void {
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (!SUFFIX_LAST.has(norm.charCodeAt(tok.end - 1))) continue;
    const w = norm.slice(tok.start, tok.end);
    if (!SUFFIX.test(w) || tok.kind === 'figure' || tok.kind === 'punct') continue;
    let j = i;
    // A verb may sit right before the suffix (积分兑换机制), not further left (分析影响水运工程项目).
    while (j > 0 && i - j < 3 && tokens[j - 1].end === tokens[j].start && leftOk(tokens[j - 1], norm)) {
      if (j < i && tokens[j - 1].kind !== 'lexicon' && posOf(norm.slice(tokens[j - 1].start, tokens[j - 1].end)) === 'v') break;
      j--;
    }
    // A leading verb (确保决策机制) belongs to the clause, not the name.
    while (j < i && tokens[j].kind !== 'lexicon' && posOf(norm.slice(tokens[j].start, tokens[j].end)) === 'v') j++;
    const start = tokens[j].start;
    const name = norm.slice(start, tok.end);
    if (name.length < 4 || GENERIC_NAME.has(name) || BAD_START.test(name) || c.isCovered(start, tok.end, norm.length)) continue;
    if (j === i && tok.kind !== 'lexicon' && w.length <= 4) continue;
    c.add('mechanisms', name, entityKind(name, undefined), { start, end: tok.end }, 1);
  }
}

/**
 * Entities of a text. `tokens` are segment(text) tokens (reused, never recomputed here); `norm` is
 * normaliseForIndex(text). Order: most mentioned first, then first mention.
 */
export function extractEntities(text: string, tokens: Token[], norm: string = normaliseForIndex(text)): EntityGroups {
  const c = new Collector();
  quoted(norm, c);
  lexicon(norm, c);
  suffixNames(norm, tokens, c);
  const out: EntityGroups = { mechanisms: [], organizations: [], groups: [] };
  const prio = new Map<Entity, number>();
  for (const { e, bucket, prio: p } of c.items.values()) {
    e.spans.sort((a, b) => a.start - b.start);
    out[bucket].push(e);
    prio.set(e, p);
  }
  out.mechanisms = dropNested(out.mechanisms);
  for (const list of Object.values(out)) {
    list.sort((a: Entity, b: Entity) => prio.get(a)! - prio.get(b)! || b.spans.length - a.spans.length || a.spans[0].start - b.spans[0].start);
  }
  return out;
}
