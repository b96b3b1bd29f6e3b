import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { AuthService } from '../auth/auth-service.js';
import { authPlugin } from '../auth/fastify-auth.js';
import { isTeamMode } from '../auth/mode.js';
import { authRoutes } from '../auth/routes.js';
import { envNumber, ImportWorker } from '../library/import-worker.js';
import { Library } from '../library/library.js';
import { INDEX_FORMAT, reindexIfStale } from '../library/reindex.js';
import { loadUserLexicon } from '../library/user-lexicon.js';
import { warmSearch } from '../search/search.js';
import { invalidateSuggestions } from '../search/suggest.js';
import { dataDirFromEnv, openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import type { ServerContext } from './context.js';
import { clientErrorHandler, frameworkErrors, installErrorHandlers } from './errors.js';
import { installInputChecks, installValidators } from './validation.js';
import { registerWebUi } from './static.js';
import { backupRoutes } from './routes/backup.js';
import { bulkRoutes } from './routes/bulk.js';
import { collectionRoutes } from './routes/collections.js';
import { compareRoutes } from './routes/compare.js';
import { documentRoutes } from './routes/documents.js';
import { healthRoutes } from './routes/health.js';
import { importRoutes } from './routes/import.js';
import { jobRoutes } from './routes/jobs.js';
import { searchRoutes } from './routes/search.js';
import { settingsRoutes } from './routes/settings.js';
import { statsRoutes } from './routes/stats.js';

const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
const MB = 1024 * 1024;

export interface BuildAppOptions {
  library: Library;
  /** Shown on the settings page (default: the store's location). */
  dataDir?: string;
  /** Fastify's logger (default false; startServer turns it on). */
  logger?: boolean;
  /** Built web UI to serve (default web/dist of this project); without index.html a "run npm run build:web" page is served. */
  webDist?: string;
  /** Require sign-in (default: isTeamMode() from the environment). */
  teamMode?: boolean;
  /** Secure session cookies (default: in team mode, unless ZHIZHI_INSECURE_COOKIES=1). */
  secureCookies?: boolean;
  /** Run queued import jobs in this process (default true; the worker stops when the app closes). */
  startWorker?: boolean;
  /** How long closing waits for a running import job to finish, in ms (default 5000). */
  shutdownGraceMs?: number;
}


/**
 * The HTTP API (JSON under /api, OpenAPI at /api/docs) and the web UI, over one Library. The caller
 * owns the library and closes it after the app.
 */
/**
 * Request line and headers, in bytes (default 256 KiB; Node's own is 16 KiB): a resident's complaint pasted
 * into the search box travels in the URL, ~9 bytes per Chinese character once encoded, so the 20,000
 * characters the search route accepts need ~180 KiB (64 KiB stopped a 7,000-character complaint with a 431);
 * the query parser keeps the first MAX_QUERY_CHARS and says so.
 */
export const MAX_HEADER_BYTES = 256 * 1024;

export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const { library } = opts;
  const teamMode = opts.teamMode ?? isTeamMode();
  const app = Fastify({ logger: opts.logger ?? false, logController: new LogController({ disableRequestLogging: true }), bodyLimit: 20 * MB, http: { maxHeaderSize: MAX_HEADER_BYTES }, routerOptions: { maxParamLength: 300 }, frameworkErrors, clientErrorHandler });
  // Responses are plain JSON: the route schemas document them without dropping fields the schema does not list.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  installErrorHandlers(app);
  installValidators(app);

  await loadUserLexicon(library.store);
  // A shared server must not fetch internal addresses for its users unless the operator allows it.
  const worker = new ImportWorker(library, { allowPrivateUrls: !teamMode || process.env.ZHIZHI_URL_ALLOW_PRIVATE === '1' });
  if (opts.startWorker !== false) worker.start();
  // A big import must not hold up shutdown: after the grace period the job is left to its lease and
  // resumes, after the items already finished, when the server next starts.
  app.addHook('onClose', async () => {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([worker.stop(), new Promise((r) => { timer = setTimeout(r, opts.shutdownGraceMs ?? 5000); })]);
    clearTimeout(timer);
  });

  installInputChecks(app);

  // Type-ahead vocabularies are cached per store; a write through the API refreshes them.
  app.addHook('onResponse', async (req, reply) => {
    if (req.method !== 'GET' && reply.statusCode < 400 && req.url.startsWith('/api/documents')) invalidateSuggestions(library.store);
  });

  const ctx: ServerContext = {
    library, worker, dataDir: opts.dataDir, version: VERSION,
    maxFileBytes: envNumber('ZHIZHI_MAX_FILE_MB', 50) * MB,
    maxFiles: 500,
    maxUploadBytes: envNumber('ZHIZHI_MAX_UPLOAD_MB', 2048) * MB,
  };

  await app.register(swagger, {
    openapi: {
      info: { title: '治知 Zhizhi API', description: '社会治理研究知识库 HTTP 接口。错误统一为 {code, message}。', version: VERSION },
      components: teamMode ? { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'zhizhi_session' } } } : {},
    },
  });
  // In team mode the API description is behind sign-in like every other route but health and login
  // (a signed-in browser opens it with its session cookie).
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  // A file over the cap arrives truncated to cap+1 bytes, so the job reports it as one failed item.
  await app.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: ctx.maxFileBytes + 1, files: ctx.maxFiles, fields: 20, fieldSize: MB, parts: ctx.maxFiles + 20 } });

  const auth = new AuthService(library.store);
  const secureCookies = opts.secureCookies ?? (teamMode && process.env.ZHIZHI_INSECURE_COOKIES !== '1');
  await app.register(authPlugin, { auth, teamMode, secureCookies });
  await app.register(authRoutes, { auth, store: library.store, teamMode, secureCookies });

  for (const routes of [healthRoutes, documentRoutes, bulkRoutes, importRoutes, jobRoutes, searchRoutes, collectionRoutes, compareRoutes, statsRoutes, settingsRoutes, backupRoutes]) {
    await app.register(routes, ctx);
  }
  await registerWebUi(app, opts.webDist ?? DEFAULT_WEB_DIST);
  return app;
}

export interface StartOptions {
  /** Default HOST or 127.0.0.1. Any other address than loopback turns on team mode (sign-in). */
  host?: string;
  /** Default PORT or 3000; 0 picks a free port. */
  port?: number;
  /** Default ZHIZHI_DATA_DIR or ./data. */
  dataDir?: string;
  /** postgres://… (default ZHIZHI_DATABASE_URL). */
  databaseUrl?: string;
  /** Default true. */
  logger?: boolean;
  /** Close cleanly on SIGINT/SIGTERM and exit (default true). */
  handleSignals?: boolean;
  /** Run one search right after listening, so no user waits for the first one's loading (default true). */
  warmSearch?: boolean;
}

/** Loads the demo library into an empty data directory; tolerates the demo module being absent. */
async function loadDemo(library: Library, log: FastifyInstance['log']): Promise<void> {
  try {
    const modulePath = '../library/demo.js';
    const mod = (await import(modulePath)) as { loadDemoIfEmpty?: (lib: Library) => Promise<number> };
    const n = (await mod.loadDemoIfEmpty?.(library)) ?? 0;
    if (n) log.info(`已载入演示知识库：${n} 篇文档`);
  } catch (e) {
    log.warn({ err: e }, '演示知识库载入失败（不影响使用）');
  }
}

/**
 * Brings an index written by an older release up to date while the server already answers (searches
 * meanwhile differ only in the characters the upgrade concerns); stops at close and resumes next start.
 */
async function upgradeIndex(store: Store, app: FastifyInstance, stopping: () => boolean): Promise<void> {
  try {
    const r = await reindexIfStale(store, {
      shouldStop: stopping,
      onProgress: (p) => { if (p.done % 10_000 === 0 || p.done === p.total) app.log.info(`索引格式升级：${p.done}/${p.total}`); },
    });
    for (const f of r.failed.slice(0, 20)) app.log.warn(`索引格式升级：文档 ${f.id} 失败：${f.message}`);
    if (r.ran && !r.stopped) app.log.info(`索引格式已升级到第 ${INDEX_FORMAT} 版：重建 ${r.rewritten} 篇${r.failed.length ? `，${r.failed.length} 篇失败（下次启动重试）` : ''}`);
  } catch (e) {
    app.log.warn({ err: e }, '索引格式升级失败（下次启动重试；搜索仍可用）');
  }
}

/** Minutes between two runs of the search index upkeep (default 10; a run with nothing added or deleted since the last one ends at once). */
const UPKEEP_MINUTES = 10;

/** Index upkeep of the embedded store (Store.refreshSearchLists), yielding to requests between its steps. */
async function searchUpkeep(store: Store, app: FastifyInstance, stopping: () => boolean): Promise<void> {
  if (!store.refreshSearchLists || stopping()) return;
  try {
    const t = performance.now();
    const built = await store.refreshSearchLists({ pause: () => new Promise<void>((r) => setImmediate(r)), shouldStop: stopping });
    if (built) app.log.info(`检索索引维护：建立或更新了 ${built} 项常用词排序列表与倒排（${Math.round(performance.now() - t)} ms）`);
  } catch (e) {
    app.log.warn({ err: e }, '检索索引维护失败（稍后重试；搜索仍可用，只是常用词较慢）');
  }
}

/** `zhizhi serve`: opens the store and the library, starts the import worker and listens. */
export async function startServer(opts: StartOptions = {}): Promise<{ app: FastifyInstance; url: string; close: () => Promise<void>; warmed: Promise<number>; upgraded: Promise<unknown> }> {
  const host = opts.host ?? (process.env.HOST || '127.0.0.1');
  const port = opts.port ?? Number(process.env.PORT || 3000);
  const dataDir = opts.dataDir ?? dataDirFromEnv();
  const store = await openStore({ dataDir, databaseUrl: opts.databaseUrl });
  const library = await Library.open(store);
  const teamMode = isTeamMode(process.env, host);
  const app = await buildApp({ library, dataDir: store.kind === 'sqlite' ? dataDir : undefined, logger: opts.logger ?? true, teamMode });
  await loadDemo(library, app.log);
  if (teamMode && (await store.countUsers()) === 0) app.log.warn('团队模式下还没有任何用户：请先运行 `npx zhizhi user add --admin 账号` 创建管理员');

  let closing: Promise<void> | null = null;
  let warmed: Promise<number> = Promise.resolve(-1);
  let upgraded: Promise<unknown> = Promise.resolve();
  let upkeep: Promise<unknown> = Promise.resolve();
  let upkeepTimer: NodeJS.Timeout | null = null;
  const close = () => (closing ??= (async () => {
    await app.close();
    await warmed;
    await upgraded;
    if (upkeepTimer) clearTimeout(upkeepTimer);
    await upkeep;
    await store.close();
  })());
  try {
    await app.listen({ host, port });
  } catch (e) {
    await close();
    throw e;
  }
  const addr = app.server.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  // The first search's loading (see warmSearch) is paid now, before anyone asks.
  if (opts.warmSearch !== false) warmed = new Promise((resolve) => setImmediate(() => {
    if (closing) return resolve(-1);
    const t = performance.now();
    warmSearch(store).then(() => {
      const ms = Math.round(performance.now() - t);
      app.log.info(`搜索已预热：${ms} ms`);
      resolve(ms);
    }, (e: unknown) => { app.log.warn({ err: e }, '搜索预热失败（不影响使用）'); resolve(-1); });
  }));
  upgraded = warmed.then(() => upgradeIndex(store, app, () => closing !== null));
  const runUpkeep = () => {
    upkeep = searchUpkeep(store, app, () => closing !== null).finally(() => {
      if (!closing) upkeepTimer = setTimeout(runUpkeep, UPKEEP_MINUTES * 60_000).unref();
    });
  };
  void upgraded.then(runUpkeep);

  if (opts.handleSignals !== false) {
    const onSignal = (sig: NodeJS.Signals) => {
      app.log.info(`收到 ${sig}，正在关闭…`);
      close().then(() => process.exit(0), (e) => { app.log.error(e); process.exit(1); });
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return { app, url, close, warmed, upgraded };
}
