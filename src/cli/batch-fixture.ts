// A 2,000-row JSONL batch of distinct Chinese texts for the kill test (and anyone needing a realistic
// batch): each CSL journal abstract from ../shared/eval split into two halves, else synthetic paragraphs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './test-support.js';

export const CSL_KEYWORDS = join(ROOT, '..', 'shared', 'eval', 'csl', 'keywords.jsonl');

export interface BatchRow { title: string; text: string }

function halves(text: string): [string, string] {
  const sentences = text.split(/(?<=[。！？；]|(?<=\p{Script=Han})\.)/u).filter((s) => s.trim());
  if (sentences.length >= 2) {
    const mid = Math.ceil(sentences.length / 2);
    return [sentences.slice(0, mid).join(''), sentences.slice(mid).join('')];
  }
  const mid = Math.floor(text.length / 2);
  return [text.slice(0, mid), text.slice(mid)];
}

const PLACES = ['宝山区', '浦东新区', '海淀区', '朝阳区', '武侯区', '越秀区', '鼓楼区', '江汉区', '雨花区', '历下区'];
const ACTS = ['网格化管理', '接诉即办', '五社联动', '枫桥经验', '议事协商', '社区营造', '志愿服务', '物业治理', '矛盾调解', '数字治理'];

function synthetic(i: number): BatchRow {
  const p = PLACES[i % PLACES.length];
  const a = ACTS[Math.floor(i / PLACES.length) % ACTS.length];
  const n = 1000 + i;
  return {
    title: `${p}${a}实践第${n}号`,
    text: `${p}第${n}号社区推进${a}，组建${(i % 37) + 3}支居民自治队伍，覆盖${(i * 7) % 900 + 100}户家庭。` +
      `街道每月召开${(i % 5) + 1}次协商会议，收集诉求${(i * 13) % 400 + 20}件，办结率${80 + (i % 20)}%。编号${n}的经验表明，多元主体参与能提升基层治理效能。`,
  };
}

/** `count` rows with pairwise distinct texts. */
export function buildBatch(count = 2000): BatchRow[] {
  const rows: BatchRow[] = [];
  const seen = new Set<string>();
  const push = (r: BatchRow) => {
    const key = r.text.replace(/\s+/g, '');
    if (r.text.trim().length < 10 || seen.has(key) || rows.length >= count) return;
    seen.add(key);
    rows.push(r);
  };
  if (existsSync(CSL_KEYWORDS)) {
    for (const line of readFileSync(CSL_KEYWORDS, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const { title, text } = JSON.parse(line) as BatchRow;
      const [a, b] = halves(text);
      push({ title: `${title}（上）`, text: a });
      push({ title: `${title}（下）`, text: b });
    }
  }
  for (let i = 0; rows.length < count; i++) push(synthetic(i));
  return rows;
}
