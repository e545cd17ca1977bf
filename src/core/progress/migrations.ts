/**
 * Schema migrations, applied in order inside one transaction each; PRAGMA user_version records how
 * many have run. Append only: never edit a migration that has shipped.
 */
export const migrations: readonly string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE verify_runs (
     id INTEGER PRIMARY KEY,
     day INTEGER NOT NULL,
     target TEXT NOT NULL,
     ok INTEGER NOT NULL,
     passed INTEGER NOT NULL,
     failed INTEGER NOT NULL,
     failing TEXT NOT NULL,          -- JSON array of failing check names
     duration_ms INTEGER NOT NULL,
     at TEXT NOT NULL                -- ISO timestamp
   );
   CREATE INDEX verify_runs_day ON verify_runs (day, target, at);
   CREATE TABLE day_done (day INTEGER PRIMARY KEY, at TEXT NOT NULL);
   CREATE TABLE hints (day INTEGER PRIMARY KEY, rung INTEGER NOT NULL, at TEXT NOT NULL);
   CREATE TABLE give_ups (day INTEGER PRIMARY KEY, at TEXT NOT NULL);`,
];
