/**
 * Batch progress on stderr. On a terminal: one redrawn bar (done/total, rate, ETA). Otherwise (logs,
 * pipes, CI): one plain line every `every` items and at the end, e.g.
 * `进度 300/2000 · 15.2 篇/秒 · 剩余约 01:52`. Tests parse that line; keep its shape.
 */
export class Progress {
  private readonly start = Date.now();
  private lastDraw = 0;
  private lastLine = -1;
  private readonly tty: boolean;

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    /** Items between plain lines when not a terminal (default ZHIZHI_PROGRESS_EVERY or 100). */
    private readonly every = Number(process.env.ZHIZHI_PROGRESS_EVERY) || 100,
  ) {
    this.tty = !!out.isTTY;
  }

  update(done: number, total: number): void {
    if (this.tty) {
      if (Date.now() - this.lastDraw < 100 && done < total) return;
      this.lastDraw = Date.now();
      this.out.write(`\r\x1b[2K${this.bar(done, total)}`);
    } else if (done !== this.lastLine && (done % this.every === 0 || (total > 0 && done === total))) {
      this.lastLine = done;
      this.out.write(`${this.line(done, total)}\n`);
    }
  }

  finish(): void {
    if (this.tty && this.lastDraw) this.out.write('\n');
  }

  private stats(done: number, total: number): { rate: number; eta: string } {
    const secs = (Date.now() - this.start) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    const left = rate > 0 && total > done ? (total - done) / rate : 0;
    return { rate, eta: clock(left) };
  }

  private line(done: number, total: number): string {
    const { rate, eta } = this.stats(done, total);
    return `进度 ${done}/${total} · ${rate.toFixed(1)} 篇/秒 · 剩余约 ${eta}`;
  }

  private bar(done: number, total: number): string {
    const width = 24;
    const frac = total > 0 ? Math.min(done / total, 1) : 0;
    const fill = Math.round(frac * width);
    const { rate, eta } = this.stats(done, total);
    return `导入中 [${'█'.repeat(fill)}${'░'.repeat(width - fill)}] ${done}/${total} ${(frac * 100).toFixed(0)}% · ${rate.toFixed(1)} 篇/秒 · 剩余 ${eta}`;
  }
}

function clock(secs: number): string {
  const s = Math.round(secs);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
