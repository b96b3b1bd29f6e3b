// Analysis of long texts on a worker thread. Analysing and segmenting a million characters takes seconds
// (analysis ~3 s, the index's body tokens ~1.6 s on the development machine); on the main thread that
// stalled every other request of the server for as long. Shorter texts are analysed in place: handing a
// text, the theme model and the library's keyword statistics to a thread costs more than it saves.
import { Worker } from 'node:worker_threads';
import type { AnalysisResult } from '../domain/index.js';
import type { CorpusCounter } from '../text/keywords.js';
import type { ThemeClassifier } from '../text/themes/classify.js';
import type { AnalysisJob, AnalysisReply } from './analysis-worker.js';
import { loadedUserTerms } from './user-lexicon.js';

/** Texts longer than this many characters are analysed on the worker thread (default 100,000). */
export const OFF_THREAD_CHARS = 100_000;

/** An idle worker is stopped after this many ms (default 60 s): it holds its own copy of the segmenter's dictionary. */
export const IDLE_MS = 60_000;

/** One worker, started on first use and not keeping the process alive; jobs run one at a time in order. */
export class AnalysisThread {
  private worker?: Worker;
  private idle?: NodeJS.Timeout;
  private next = 1;
  /** Jobs out, with the worker that holds each (a worker that ends fails only its own). */
  private readonly waiting = new Map<number, { worker: Worker; resolve: (r: { result: AnalysisResult; body: string }) => void; reject: (e: Error) => void }>();
  private sentTerms = '';

  async analyze(text: string, title: string, themeModel: ThemeClassifier, corpus: CorpusCounter | undefined): Promise<{ result: AnalysisResult; body: string }> {
    clearTimeout(this.idle);
    const worker = this.start();
    const terms = loadedUserTerms();
    const termsKey = JSON.stringify(terms);
    const job: AnalysisJob = {
      id: this.next++, text, title, themeState: themeModel.toJSON(), ...(corpus ? { corpus: corpus.snapshot() } : {}),
      ...(termsKey !== this.sentTerms ? { userTerms: terms } : {}),
    };
    this.sentTerms = termsKey;
    return new Promise((resolve, reject) => {
      this.waiting.set(job.id, { worker, resolve, reject });
      // Held while a job is out: an awaited reply alone would not keep a CLI import's process alive.
      worker.ref();
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    clearTimeout(this.idle);
    const w = this.worker;
    this.worker = undefined;
    this.sentTerms = ''; // a new worker has seen no user terms
    if (w) await w.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // The project runs as TypeScript through tsx, whose loader each thread registers for itself (the boot file).
    const w = new Worker(new URL('./analysis-worker-boot.mjs', import.meta.url));
    w.unref();
    w.on('message', (m: AnalysisReply) => {
      const p = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (![...this.waiting.values()].some((x) => x.worker === w)) {
        w.unref();
        if (this.worker === w) this.idle = setTimeout(() => void this.close(), IDLE_MS).unref();
      }
      if (!p) return;
      if ('error' in m) p.reject(new Error(`分析线程出错 (analysis worker failed): ${m.error}`));
      else p.resolve({ result: m.result, body: m.body });
    });
    // A dead worker fails what it held; the next job starts a new one.
    const fail = (e: Error) => {
      if (this.worker === w) { this.worker = undefined; this.sentTerms = ''; }
      for (const [id, p] of this.waiting) if (p.worker === w) { this.waiting.delete(id); p.reject(e); }
    };
    w.on('error', fail);
    w.on('exit', (code) => { if (code !== 0) fail(new Error(`分析线程意外退出 (analysis worker exited with code ${code})`)); else if (this.worker === w) this.worker = undefined; });
    this.worker = w;
    return w;
  }
}
