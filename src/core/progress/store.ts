import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { NodeprepError } from '../errors.js';
import { migrations } from './migrations.js';

export interface VerifyRun {
  day: number;
  target: string;
  ok: boolean;
  passed: number;
  failed: number;
  failing: string[];
  durationMs: number;
  at: string;
}

const notADatabase = (file: string, cause: unknown) =>
  new NodeprepError('STORE', `${file} is not a SQLite database (${(cause as Error).message}). Move it aside and run the command again to start a fresh one.`, { cause });

/**
 * The learner's progress in one SQLite file (WAL, one transaction per write), so a process killed
 * mid-write loses nothing already committed. Every method takes `now` where time matters.
 */
export class ProgressStore {
  readonly db: Database.Database;

  private constructor(db: Database.Database) {
    this.db = db;
  }

  /** Opens (creating if needed) and migrates the database at `file`. */
  static open(file: string): ProgressStore {
    let db: Database.Database;
    try {
      if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
      db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
    } catch (cause) {
      if ((cause as { code?: string }).code === 'SQLITE_NOTADB') throw notADatabase(file, cause);
      throw new NodeprepError('STORE', `Cannot open the progress database ${file}: ${(cause as Error).message}. Check the file's permissions, or point NODEPREP_HOME at a writable folder.`, { cause });
    }
    const store = new ProgressStore(db);
    store.migrate();
    return store;
  }

  private migrate(): void {
    let version: number;
    try {
      version = this.db.pragma('user_version', { simple: true }) as number;
    } catch (cause) {
      throw notADatabase(this.db.name, cause);
    }
    if (version > migrations.length) {
      throw new NodeprepError('STORE', `The progress database was written by a newer nodeprep (schema ${version}): update nodeprep (git pull && npm install).`);
    }
    for (let v = version; v < migrations.length; v++) {
      this.db.transaction(() => {
        this.db.exec(migrations[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  close(): void {
    this.db.close();
  }

  getMeta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** The plan's start date as YYYY-MM-DD, if the learner set one. */
  startDate(): string | undefined {
    return this.getMeta('start_date');
  }

  setStartDate(date: string): void {
    this.setMeta('start_date', date);
  }

  recordVerify(run: VerifyRun): void {
    this.db
      .prepare('INSERT INTO verify_runs (day, target, ok, passed, failed, failing, duration_ms, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(run.day, run.target, run.ok ? 1 : 0, run.passed, run.failed, JSON.stringify(run.failing), run.durationMs, run.at);
  }

  verifyRuns(day?: number): VerifyRun[] {
    const rows = (day === undefined
      ? this.db.prepare('SELECT * FROM verify_runs ORDER BY id').all()
      : this.db.prepare('SELECT * FROM verify_runs WHERE day = ? ORDER BY id').all(day)) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      day: r.day as number,
      target: r.target as string,
      ok: r.ok === 1,
      passed: r.passed as number,
      failed: r.failed as number,
      failing: JSON.parse(r.failing as string) as string[],
      durationMs: r.duration_ms as number,
      at: r.at as string,
    }));
  }

  /** True once the learner's own copy of the day's lab has passed verify. */
  labPassed(day: number): boolean {
    return !!this.db.prepare("SELECT 1 FROM verify_runs WHERE day = ? AND target = 'workspace' AND ok = 1 LIMIT 1").get(day);
  }

  markDone(day: number, at: string): void {
    this.db.prepare('INSERT OR IGNORE INTO day_done (day, at) VALUES (?, ?)').run(day, at);
  }

  unmarkDone(day: number): void {
    this.db.prepare('DELETE FROM day_done WHERE day = ?').run(day);
  }

  doneDays(): Set<number> {
    const rows = this.db.prepare('SELECT day FROM day_done').all() as Array<{ day: number }>;
    return new Set(rows.map((r) => r.day));
  }

  hintRung(day: number): number {
    const row = this.db.prepare('SELECT rung FROM hints WHERE day = ?').get(day) as { rung: number } | undefined;
    return row?.rung ?? 0;
  }

  setHintRung(day: number, rung: number, at: string): void {
    this.db.prepare('INSERT INTO hints (day, rung, at) VALUES (?, ?, ?) ON CONFLICT(day) DO UPDATE SET rung = excluded.rung, at = excluded.at').run(day, rung, at);
  }

  gaveUp(day: number): boolean {
    return !!this.db.prepare('SELECT 1 FROM give_ups WHERE day = ?').get(day);
  }

  recordGiveUp(day: number, at: string): void {
    this.db.prepare('INSERT OR IGNORE INTO give_ups (day, at) VALUES (?, ?)').run(day, at);
  }
}
