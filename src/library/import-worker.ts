import { hostname } from 'node:os';
import type { Job } from '../domain/index.js';
import type { JobInput, JobOptions } from '../store/store.js';
import { LeaseLostError, newJob, runImport, type ImportSource } from './import-job.js';
import type { Library } from './library.js';
import { newId } from './library.js';

export interface ImportWorkerOptions {
  /** Identifies this process in job leases (default host:pid:random). */
  workerId?: string;
  /** How often an idle worker looks for queued jobs, in ms (default 500). */
  pollMs?: number;
  /** A running job whose lease is older than this is taken over, in ms (default ZHIZHI_JOB_STALE_MS or 30000). */
  staleMs?: number;
  /** How often the lease is renewed while working, in ms (default ZHIZHI_JOB_HEARTBEAT_MS or 5000). */
  heartbeatMs?: number;
  /** Whether URL imports may fetch addresses inside this network (default true; a team server passes false). */
  allowPrivateUrls?: boolean;
}

/** A positive number from the environment, else the fallback (shared with the server's settings). */
export function envNumber(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/**
 * Queues import jobs in the store and runs them. Inputs live in the database, so with PostgreSQL any
 * app node may run a job, and a job whose node died is resumed by another after its lease lapses.
 */
export class ImportWorker {
  readonly workerId: string;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  private readonly opts: Required<Omit<ImportWorkerOptions, 'workerId'>>;

  constructor(private readonly lib: Library, opts: ImportWorkerOptions = {}) {
    this.workerId = opts.workerId ?? `${hostname()}:${process.pid}:${newId().slice(0, 6)}`;
    this.opts = {
      pollMs: opts.pollMs ?? 500,
      staleMs: opts.staleMs ?? envNumber('ZHIZHI_JOB_STALE_MS', 30_000),
      heartbeatMs: opts.heartbeatMs ?? envNumber('ZHIZHI_JOB_HEARTBEAT_MS', 5000),
      allowPrivateUrls: opts.allowPrivateUrls ?? true,
    };
  }

  /** Stores the job with its inputs and wakes the worker; returns the queued job at once. */
  async enqueue(inputs: JobInput[], options: JobOptions = {}): Promise<Job> {
    const job = newJob(inputs.length);
    await this.lib.store.enqueueJob(job, uniqueNames(inputs), options);
    this.kick();
    return { ...job, state: 'queued' };
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private kick(): void {
    if (this.stopped || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.running = this.drain().finally(() => {
      this.running = null;
      if (!this.stopped) this.timer = setTimeout(() => this.kick(), this.opts.pollMs);
    });
  }

  private async drain(): Promise<void> {
    while (!this.stopped && (await this.runOnce())) { /* next job */ }
  }

  /** Claims and runs one job; false when none was waiting. */
  async runOnce(): Promise<boolean> {
    const claimed = await this.lib.store.claimJob(this.workerId, this.opts.staleMs).catch(() => null);
    if (!claimed) return false;
    const { job, inputs, options, finishedItems } = claimed;
    let lastBeat = Date.now();
    const sources: ImportSource[] = inputs.map((i) => ('url' in i ? { kind: 'url', url: i.url } : { kind: 'buffer', name: i.name, bytes: i.bytes }));
    try {
      await runImport(this.lib, sources, {
        category: options.category, mapping: options.mapping, maxBytes: options.maxBytes, groupId: options.groupId, allowPrivateUrls: this.opts.allowPrivateUrls, finished: finishedItems,
        afterItem: async () => {
          if (Date.now() - lastBeat < this.opts.heartbeatMs) return;
          lastBeat = Date.now();
          if (!(await this.lib.store.heartbeatJob(job.id, this.workerId))) throw new LeaseLostError();
        },
      }, job);
    } catch (e) {
      if (!(e instanceof LeaseLostError)) {
        job.state = 'failed';
        job.errors.push({ item: '(任务)', code: 'JOB_FAILED', message: `导入任务异常中止：${(e as Error).message}` });
        await this.lib.store.updateJob(job).catch(() => {});
      }
    }
    return true;
  }
}

/** Job items are keyed by name: two uploads called 报告.txt become 报告.txt and 报告 (2).txt. */
function uniqueNames(inputs: JobInput[]): JobInput[] {
  const seen = new Map<string, number>();
  return inputs.map((i) => {
    if (!('name' in i)) return i;
    const n = (seen.get(i.name) ?? 0) + 1;
    seen.set(i.name, n);
    if (n === 1) return i;
    const dot = i.name.lastIndexOf('.');
    const name = dot > 0 ? `${i.name.slice(0, dot)} (${n})${i.name.slice(dot)}` : `${i.name} (${n})`;
    return { ...i, name };
  });
}
