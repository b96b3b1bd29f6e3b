import type Database from 'better-sqlite3';

/**
 * Prepared statements by SQL text, each prepared on first use (preparing cost ~0.5 ms of each search when
 * done per call). Bounded, since SQL with filters varies: past `max` (default 256) all are dropped.
 */
export class Statements {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database, private readonly max = 256) {}

  get(text: string): Database.Statement {
    let s = this.cache.get(text);
    if (!s) {
      if (this.cache.size >= this.max) this.cache.clear();
      s = this.db.prepare(text);
      this.cache.set(text, s);
    }
    return s;
  }
}
