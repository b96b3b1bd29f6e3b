/**
 * An in-memory stand-in for the HTTP API (/work/notes/api.md), for developing the web UI and checking the
 * browser tests before the real server runs: `npx tsx e2e/mock-api.ts [port]` (default 3000; `npm run
 * dev:web` proxies /api to it). It serves web/dist too. Its "analysis" is a toy (sentences, figures by
 * regex); it is NOT the product and the e2e suite uses it only with E2E_SERVER=mock.
 */
import Fastify from 'fastify';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import iconv from 'iconv-lite';
import mammoth from 'mammoth';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DocumentWithAnalyses, Analysis, Job, Figure } from '../src/domain/index.js';

const CATS = ['实践案例', '政策文件', '新闻报道', '研究文献', '调研报告', '数据资料', '其他'];
const PROV: [string, string, string][] = [['上海', '31', '上海市'], ['浙江', '33', '浙江省'], ['北京', '11', '北京市'], ['广东', '44', '广东省'], ['四川', '51', '四川省']];
const THEMES = ['基层治理', '数字治理', '协商民主', '社区服务', '平安建设'];
const now = () => new Date().toISOString().replace('Z', '000Z');

function sentences(text: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /[。！？]+|\n+/g;
  let s = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) { out.push([s, m.index + m[0].length]); s = m.index + m[0].length; }
  if (s < text.length) out.push([s, text.length]);
  return out.filter(([a, b]) => text.slice(a, b).trim());
}

function analyse(docId: string, text: string): Analysis {
  const sents = sentences(text);
  const item = ([a, b]: [number, number]) => ({ text: text.slice(a, b).trim(), spans: [{ start: a, end: b }] });
  const figures: Figure[] = [];
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(万)?(人次|人|件|个|小时|%)/g)) {
    const v = Number(m[1]) * (m[2] ? 10000 : 1);
    figures.push({ text: m[0], value: v, unit: m[3] === '小时' ? 'h' : m[3], subject: text.slice(Math.max(0, m.index! - 8), m.index!).replace(/[，。\s]/g, ''), spans: [{ start: m.index!, end: m.index! + m[0].length }] });
  }
  const regions = PROV.filter(([n]) => text.includes(n)).map(([n, code, full]) => {
    const i = text.indexOf(n);
    return { name: full, code, level: 'province' as const, path: [{ name: full, code }], alternatives: [], mentions: text.split(n).length - 1, spans: [{ start: i, end: i + n.length }] };
  });
  const themes = THEMES.filter((t) => text.includes(t.slice(0, 2))).map((name) => ({ name, score: 0.8, evidence: sents.filter(([a, b]) => text.slice(a, b).includes(name.slice(0, 2))).slice(0, 2).map(item), spans: [] }));
  const mech = ['人民信箱', '议事厅', '社区治理学院', '网格化管理', '接诉即办'].filter((m) => text.includes(m)).map((name) => ({ name, kind: 'mechanism', spans: [{ start: text.indexOf(name), end: text.indexOf(name) + name.length }] }));
  const top = sents.slice(0, 3).map(item);
  return {
    id: randomUUID(), documentId: docId, producer: 'mock', version: '0.0.0', createdAt: now(),
    result: {
      oneLine: top[0] ?? { text: '', spans: [] }, summary: top, highlights: sents.slice(1, 4).map(item),
      keywords: mech.map((m) => ({ term: m.name, weight: 0.5, spans: m.spans })), themes, regions, mechanisms: mech, organizations: [], groups: [], figures,
      caseCard: { 地区: regions.map((r) => ({ text: r.name, spans: r.spans })), 主体: [], 问题与背景: top.slice(0, 1), 做法与机制: mech.map((m) => ({ text: m.name, spans: m.spans })), 成效: figures.slice(0, 2).map((f) => ({ text: f.text, spans: f.spans })), 数据: [], 经验启示: top.slice(2, 3) },
    },
  };
}

const docs = new Map<string, DocumentWithAnalyses>();
const jobs = new Map<string, Job>();
const collections = new Map<string, { id: string; name: string; description: string; items: { documentId: string; position: number; note: string }[]; createdAt: string; updatedAt: string }>();
const lexicon = [{ term: '枫桥经验', kind: 'mechanism', source: 'builtin', synonyms: [], user: false }];
let categories = [...CATS];

function add(input: { text: string; title?: string; category?: string; publishedAt?: string }, original?: { name: string; size: number }): { doc?: DocumentWithAnalyses; dup?: string } {
  const text = input.text.replace(/\r\n/g, '\n').trim();
  const hash = createHash('sha256').update(text).digest('hex');
  const dup = [...docs.values()].find((d) => d.textHash === hash);
  if (dup) return { dup: dup.id };
  const id = randomUUID().slice(0, 8);
  const t = now();
  const doc: DocumentWithAnalyses = {
    id, title: input.title || text.split('\n')[0].slice(0, 40), category: input.category || '其他', source: { authors: [], publishedAt: input.publishedAt }, regions: [], tags: [], themes: [], text, textHash: hash,
    original: original ? { name: original.name, sha256: hash, type: 'txt', size: original.size } : null, clusterId: null, groupId: null, createdAt: t, updatedAt: t, analyses: [],
  };
  doc.analyses = [analyse(id, text)];
  docs.set(id, doc);
  return { doc };
}

const summary = (d: DocumentWithAnalyses) => {
  const { text: _t, analyses, ...rest } = d;
  const r = analyses[0]?.result ?? {};
  return { ...rest, oneLine: r.oneLine?.text, themesDetected: (r.themes ?? []).map((t) => t.name), regionNames: (r.regions ?? []).map((x) => x.name) };
};
const yearOf = (d: DocumentWithAnalyses) => (d.source.publishedAt ?? d.createdAt).slice(0, 4);
const count = (vals: string[]) => [...vals.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>())].map(([value, c]) => ({ value, count: c }));

export function seedMock(): void {
  add({ title: '上海宝山：社区治理“人民信箱”让居民诉求有人应', category: '实践案例', publishedAt: '2024-10-29', text: '上海市宝山区推出“社区治理人民信箱”。\n截至目前，已有93.6万居村民实名注册，累计受理诉求2.1万件。\n各街镇建立议事厅，居民诉求24小时内响应。\n宝山区还成立社区治理学院，培训基层干部3000人次，推动基层治理共建共治共享。' });
  add({ title: '浙江诸暨：新时代“枫桥经验”的数字治理实践', category: '实践案例', publishedAt: '2023-06-01', text: '浙江省诸暨市坚持和发展新时代枫桥经验。\n全市建成网格化管理体系，划分网格1200个，专职网格员1500人。\n矛盾纠纷就地化解率达到98%。\n数字治理平台实现一网统管。' });
  add({ title: '北京市接诉即办工作条例解读', category: '政策文件', publishedAt: '2021-09-24', text: '北京市接诉即办机制以12345热线为总客服。\n2023年共受理诉求2100万件，解决率达到95%。\n条例明确了基层治理中各部门的职责。' });
  add({ title: '广东社区协商民主调研报告', category: '调研报告', publishedAt: '2022-03-15', text: '调研组走访广东省12个社区。\n协商民主议事厅覆盖率达到80%。\n居民参与社区服务的积极性明显提高。' });
}

async function importBuffer(job: Job, name: string, bytes: Buffer, category?: string): Promise<void> {
  let text: string;
  try {
    if (/\.docx$/i.test(name)) text = (await mammoth.extractRawText({ buffer: bytes })).value;
    else { try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { text = iconv.decode(bytes, 'gbk'); } }
    if (!text.trim()) throw new Error('EMPTY');
    const r = add({ text, title: name.replace(/\.[^.]+$/, ''), category }, { name, size: bytes.length });
    if (r.dup) { job.duplicates++; job.results.push({ item: name, status: 'duplicate', documentId: r.dup }); } else { job.imported++; job.results.push({ item: name, status: 'imported', documentId: r.doc!.id }); }
  } catch (e) {
    job.failed++;
    job.errors.push({ item: name, code: 'PARSE_FAILED', message: `无法读取这个文件（${(e as Error).message}）` });
    job.results.push({ item: name, status: 'failed' });
  }
  job.done++;
}

export async function startMock(port = 0): Promise<{ url: string; close: () => Promise<void> }> {
  const app = Fastify();
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024 } });
  const dist = fileURLToPath(new URL('../web/dist/', import.meta.url));
  if (existsSync(dist)) {
    await app.register(fastifyStatic, { root: dist, wildcard: false });
    app.setNotFoundHandler((req, reply) => (req.url.startsWith('/api') ? reply.code(404).send({ code: 'NOT_FOUND', message: '接口不存在' }) : reply.sendFile('index.html')));
  }
  const need = (id: string) => { const d = docs.get(id); if (!d) throw Object.assign(new Error('文档不存在'), { statusCode: 404, code: 'NOT_FOUND' }); return d; };
  app.setErrorHandler((e: any, _r, reply) => reply.code(e.statusCode ?? 500).send({ code: e.code ?? 'ERROR', message: e.message }));
  app.get('/api/health', async () => ({ status: 'ok' }));
  app.get('/api/auth/me', async () => ({ teamMode: false, user: null, csrfToken: null, roleLabel: null }));
  app.get('/api/documents', async (req) => {
    const q = req.query as Record<string, string>;
    const list = [...docs.values()].filter((d) => !q.category || d.category === q.category).reverse();
    return { total: list.length, items: list.slice(Number(q.offset ?? 0), Number(q.offset ?? 0) + Number(q.limit ?? 20)).map(summary) };
  });
  app.post('/api/documents', async (req, reply) => {
    const r = add(req.body as { text: string });
    if (r.dup) return reply.code(409).send({ code: 'DUPLICATE', message: '这篇文献已在库中', existingId: r.dup });
    return reply.code(201).send(r.doc);
  });
  app.get('/api/documents/:id', async (req) => need((req.params as { id: string }).id));
  app.patch('/api/documents/:id', async (req) => { const d = need((req.params as { id: string }).id); Object.assign(d, req.body, { updatedAt: now() }); return d; });
  app.post('/api/documents/:id/analyze', async (req, reply) => { const d = need((req.params as { id: string }).id); const a = analyse(d.id, d.text); d.analyses.unshift(a); return reply.code(201).send(a); });
  app.get('/api/documents/:id/similar', async (req) => ({ items: [...docs.values()].filter((d) => d.id !== (req.params as { id: string }).id).slice(0, 3).map((d) => ({ id: d.id, title: d.title, category: d.category, score: 0.42, reasons: ['同为基层治理主题'] })) }));
  app.get('/api/documents/:id/cluster', async (req) => { const d = need((req.params as { id: string }).id); return { clusterId: d.id, items: [{ id: d.id, title: d.title, source: d.source, createdAt: d.createdAt }] }; });
  app.post('/api/documents/bulk', async (req) => {
    const b = req.body as { ids: string[]; action: string; category?: string; collectionId?: string };
    for (const id of b.ids) {
      if (b.action === 'delete') docs.delete(id);
      if (b.action === 'setCategory') need(id).category = b.category!;
      if (b.action === 'addToCollection') { const c = collections.get(b.collectionId!)!; c.items.push({ documentId: id, position: c.items.length, note: '' }); }
    }
    return { ok: b.ids.length, failed: [] };
  });
  app.post('/api/import', async (req, reply) => {
    const job: Job = { id: randomUUID(), kind: 'import', state: 'running', total: 0, done: 0, imported: 0, duplicates: 0, failed: 0, errors: [], results: [], createdAt: now(), updatedAt: now() };
    const files: { name: string; bytes: Buffer }[] = [];
    let category: string | undefined;
    for await (const part of req.parts()) {
      if (part.type === 'file') files.push({ name: part.filename, bytes: await part.toBuffer() });
      else if (part.fieldname === 'category') category = String(part.value);
    }
    job.total = files.length;
    jobs.set(job.id, job);
    void (async () => { for (const f of files) { await new Promise((r) => setTimeout(r, 300)); await importBuffer(job, f.name, f.bytes, category); } job.state = 'done'; })();
    return reply.code(202).send(job);
  });
  app.get('/api/jobs/:id', async (req) => jobs.get((req.params as { id: string }).id) ?? Promise.reject(Object.assign(new Error('任务不存在'), { statusCode: 404 })));
  app.get('/api/search', async (req) => {
    const q = req.query as Record<string, string>;
    const term = (q.q ?? '').replace(/\S+:\S+/g, '').trim();
    let list = [...docs.values()].filter((d) => (!term || d.text.includes(term) || d.title.includes(term)) && (!q.category || d.category === q.category)
      && (!q.region || (d.analyses[0].result.regions ?? []).some((r) => r.code === q.region)) && (!q.year || yearOf(d) === q.year)
      && (!q.theme || (d.analyses[0].result.themes ?? []).some((t) => t.name === q.theme)));
    list = list.reverse();
    const hits = list.slice(Number(q.offset ?? 0), Number(q.offset ?? 0) + Number(q.limit ?? 20)).map((d) => {
      const i = term ? d.text.indexOf(term) : -1;
      const start = Math.max(0, i - 20);
      const snippet = d.text.slice(start, start + 90);
      const r = d.analyses[0].result;
      return { id: d.id, title: d.title, category: d.category, snippet, highlights: i >= 0 ? [[i - start, i - start + term.length]] : [], score: 1, publishedAt: d.source.publishedAt, createdAt: d.createdAt,
        explanation: term ? [{ term, fields: ['正文'], weight: 1 }] : [], regionNames: (r.regions ?? []).map((x) => x.name), themes: (r.themes ?? []).map((t) => t.name) };
    });
    const regions = list.flatMap((d) => d.analyses[0].result.regions ?? []);
    return { total: list.length, hits, query: { terms: term ? [term] : [], phrases: [], excluded: [], filters: {} },
      facets: { category: count(list.map((d) => d.category)), theme: count(list.flatMap((d) => (d.analyses[0].result.themes ?? []).map((t) => t.name))), year: count(list.map(yearOf)), tag: [], collection: [],
        region: count(regions.map((r) => r.code)).map(({ value, count: c }) => ({ code: value, name: regions.find((r) => r.code === value)!.name, level: 'province', parent: null, count: c })) } };
  });
  app.get('/api/suggest', async (req) => ({ items: [...docs.values()].filter((d) => d.title.includes((req.query as { q: string }).q)).slice(0, 5).map((d) => ({ text: d.title, kind: 'title', id: d.id })) }));
  app.get('/api/collections', async () => ({ items: [...collections.values()].map((c) => ({ id: c.id, name: c.name, description: c.description, count: c.items.length, updatedAt: c.updatedAt })) }));
  app.post('/api/collections', async (req, reply) => {
    const b = req.body as { name: string; description?: string };
    const c = { id: randomUUID().slice(0, 8), name: b.name, description: b.description ?? '', items: [], createdAt: now(), updatedAt: now() };
    collections.set(c.id, c);
    return reply.code(201).send(c);
  });
  const full = (id: string) => { const c = collections.get(id)!; return { ...c, items: c.items.map((i) => ({ ...i, title: docs.get(i.documentId)?.title, category: docs.get(i.documentId)?.category })) }; };
  app.get('/api/collections/:id', async (req) => full((req.params as { id: string }).id));
  app.patch('/api/collections/:id', async (req) => {
    const c = collections.get((req.params as { id: string }).id)!;
    const b = req.body as { items?: { documentId: string; note?: string }[] };
    if (b.items) c.items = b.items.map((i, k) => ({ documentId: i.documentId, note: i.note ?? '', position: k }));
    return full(c.id);
  });
  app.post('/api/collections/:id/items', async (req) => { const c = collections.get((req.params as { id: string }).id)!; c.items.push({ documentId: (req.body as { documentId: string }).documentId, position: c.items.length, note: '' }); return full(c.id); });
  app.delete('/api/collections/:id', async (req, reply) => { collections.delete((req.params as { id: string }).id); return reply.code(204).send(); });
  app.get('/api/compare', async (req) => {
    const ids = (req.query as { ids: string }).ids.split(',');
    const ds = ids.map(need);
    const pick = (d: DocumentWithAnalyses, f: string) => {
      const r = d.analyses[0].result;
      if (f === '地区') return (r.regions ?? []).map((x) => ({ text: x.name, spans: x.spans }));
      if (f === '机制') return (r.mechanisms ?? []).map((x) => ({ text: x.name, spans: x.spans }));
      if (f === '数据') return (r.figures ?? []).map((x) => ({ text: `${x.subject} ${x.text}`, spans: x.spans }));
      if (f === '主题') return (r.themes ?? []).map((x) => ({ text: x.name, spans: x.evidence[0]?.spans ?? [] }));
      return (r.summary ?? []).slice(0, 1);
    };
    return { documents: ds.map((d) => ({ id: d.id, title: d.title })), rows: ['地区', '主题', '机制', '主体', '数据', '做法', '成效', '经验启示'].map((field) => ({ field, cells: ds.map((d) => pick(d, field)) })) };
  });
  app.get('/api/stats', async () => {
    const all = [...docs.values()];
    const regions = all.flatMap((d) => d.analyses[0].result.regions ?? []);
    return {
      total: all.length, byCategory: count(all.map((d) => d.category)), byTheme: count(all.flatMap((d) => (d.analyses[0].result.themes ?? []).map((t) => t.name))),
      byProvince: count(regions.map((r) => r.code)).map(({ value, count: c }) => ({ code: value, name: regions.find((r) => r.code === value)!.name, count: c })),
      byYear: count(all.map(yearOf)), themeTrend: all.flatMap((d) => (d.analyses[0].result.themes ?? []).map((t) => ({ year: yearOf(d), theme: t.name, count: 1 }))),
      recent: all.slice(-5).reverse().map(summary),
    };
  });
  app.get('/api/settings', async () => ({ categories, dataDir: '/tmp/mock', store: 'sqlite', version: 'mock', documentCount: docs.size }));
  app.put('/api/settings/categories', async (req) => { categories = (req.body as { categories: string[] }).categories; return { categories }; });
  app.get('/api/lexicon', async () => ({ items: lexicon }));
  app.post('/api/lexicon', async (req, reply) => { const b = req.body as { term: string; kind: string }; lexicon.push({ term: b.term, kind: b.kind, source: 'user', synonyms: [], user: true }); return reply.code(201).send(lexicon.at(-1)); });
  const addr = await app.listen({ port, host: '127.0.0.1' });
  return { url: addr, close: () => app.close() };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  seedMock();
  const s = await startMock(Number(process.argv[2] ?? 3000));
  console.log(`mock API on ${s.url}`);
}
