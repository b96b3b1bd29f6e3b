import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSeed } from '../testing/seed.js';
import { addUserTerms, segment } from '../segment.js';
import { extractEntities } from './mechanisms.js';

const run = (text: string) => extractEntities(text, segment(text));

test('the seed: quoted platforms, 社区治理学院, 新达人库 and 美好社区先锋行动 are mechanisms with spans', () => {
  const { first } = readSeed();
  const { mechanisms } = run(first);
  const names = mechanisms.map((m) => m.name);
  for (const n of ['人民信箱', '党建园地', '议事厅', '社区治理学院', '新达人库', '美好社区先锋行动']) assert.ok(names.includes(n), n);
  const prog = mechanisms.find((m) => m.name === '美好社区先锋行动')!;
  assert.equal(prog.kind, 'programme');
  assert.deepEqual(prog.spans.map((s) => first.slice(s.start, s.end)), ['美好社区、先锋行动']);
  const box = mechanisms.find((m) => m.name === '人民信箱')!;
  assert.equal(box.kind, 'platform');
  assert.ok(box.spans.length >= 2);
  for (const m of mechanisms) {
    for (const s of m.spans) assert.equal(first.slice(s.start, s.end).replace(/[、，,]/g, ''), m.name);
  }
  assert.ok(!names.some((n) => n.includes('成立了')), 'no whole clauses');
  assert.ok(!names.includes('回到社区') && !names.includes('全人群'), 'a quoted phrase is not a name by itself');
});

test('organisations, actors and groups of the seed', () => {
  const { first } = readSeed();
  const { organizations, groups } = run(first);
  const orgs = new Map(organizations.map((o) => [o.name, o.kind]));
  assert.equal(orgs.get('社会组织'), 'organization');
  assert.equal(orgs.get('职能部门'), 'organization');
  assert.equal(orgs.get('区人大代表'), 'actor');
  assert.equal(orgs.get('基层干部'), 'actor');
  const g = groups.map((x) => x.name);
  for (const n of ['新村民', '年轻人群', '居村民']) assert.ok(g.includes(n), n);
});

test('suffix names take a noun-phrase left boundary, not a clause', () => {
  const text = '宝山地区成立了中国首个实体化运作的社区服务学院，并打造了邻里互助平台和积分兑换机制。';
  const names = run(text).mechanisms.map((m) => m.name);
  assert.ok(names.includes('社区服务学院'), names.join());
  assert.ok(names.includes('邻里互助平台'), names.join());
  assert.ok(names.includes('积分兑换机制'), names.join());
  assert.ok(!names.some((n) => n.startsWith('宝山') || n.includes('的')), names.join());
});

test('《…》 titles are policies', () => {
  const [p] = run('根据《关于加强基层治理体系和治理能力现代化建设的意见》要求。').mechanisms.filter((m) => m.kind === 'policy');
  assert.equal(p.name, '关于加强基层治理体系和治理能力现代化建设的意见');
});

test('pattern names do not start with enumeration or function words, and a name met only inside a longer one is dropped', () => {
  const text = '一是制度保障机制不断完善。由治知项目组整理。街道建立闭环管理机制，闭环管理机制运行良好。';
  const names = extractEntities(text, segment(text)).mechanisms.map((m) => m.name);
  assert.ok(!names.some((n) => /^(一是|由)/.test(n)), names.join(','));
  assert.ok(names.includes('闭环管理机制'), names.join(','));
  assert.ok(!names.includes('闭环管理'), names.join(','));
});

test('a term a user adds after the first extraction is found from then on (the lexicon trie is rebuilt)', () => {
  const text = '街道开设璟珑睦邻站，居民就近议事。';
  const names = () => extractEntities(text, segment(text)).mechanisms.map((m) => m.name);
  assert.ok(!names().includes('璟珑睦邻站'));
  addUserTerms([{ term: '璟珑睦邻站', kind: 'mechanism' }]);
  assert.ok(names().includes('璟珑睦邻站'), names().join('、'));
});
