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
  // 2: spaced repetition (cards, review_log, deck_days) and mock interviews (mock_sessions, mock_answers).
  `CREATE TABLE cards (
     id TEXT PRIMARY KEY,            -- the question id, e.g. d03-backpressure
     day INTEGER NOT NULL,
     ord INTEGER NOT NULL,           -- position in the day's questions.yaml: new cards come in this order
     prompt TEXT NOT NULL,           -- copied from the curriculum, refreshed when its file changes
     tags TEXT NOT NULL,             -- JSON array of topic tags
     retired INTEGER NOT NULL DEFAULT 0, -- 1 once the question left the curriculum
     leech INTEGER NOT NULL DEFAULT 0,   -- 1 once it lapsed 8 times
     added_at TEXT NOT NULL,
     due TEXT NOT NULL,              -- ISO; the FSRS fields below are ts-fsrs's Card
     stability REAL NOT NULL,
     difficulty REAL NOT NULL,
     elapsed_days INTEGER NOT NULL,
     scheduled_days INTEGER NOT NULL,
     learning_steps INTEGER NOT NULL,
     reps INTEGER NOT NULL,
     lapses INTEGER NOT NULL,
     state INTEGER NOT NULL,         -- 0 new, 1 learning, 2 review, 3 relearning
     last_review TEXT
   );
   CREATE INDEX cards_state_due ON cards (state, due);
   CREATE TABLE deck_days (
     day INTEGER PRIMARY KEY,
     signature TEXT NOT NULL,        -- size and mtime of questions.yaml when its cards were last synced
     requested INTEGER NOT NULL,     -- 1 when added early with review --add-day
     at TEXT NOT NULL
   );
   CREATE TABLE review_log (
     id INTEGER PRIMARY KEY,
     card_id TEXT NOT NULL REFERENCES cards (id),
     rating INTEGER NOT NULL,        -- 1 again, 2 hard, 3 good, 4 easy
     source TEXT NOT NULL,           -- review | quiz | grade
     at TEXT NOT NULL,
     prev_state INTEGER NOT NULL,    -- the card's state before: daily limits count new and review ratings
     prev TEXT NOT NULL,             -- JSON of the card's scheduling before the rating, for undo
     due TEXT NOT NULL,              -- the next due date this rating set
     coverage REAL,                  -- key-point coverage 0..1 when an answer was typed
     answer TEXT
   );
   CREATE INDEX review_log_at ON review_log (at);
   CREATE INDEX review_log_card ON review_log (card_id);
   CREATE TABLE mock_sessions (
     id TEXT PRIMARY KEY,
     day INTEGER NOT NULL,           -- the mock day: 7, 14, 21 or 29
     title TEXT NOT NULL,
     minutes INTEGER NOT NULL,       -- the time box
     plan TEXT NOT NULL,             -- JSON: the drawn questions, their follow-ups, the design round
     started_at TEXT NOT NULL,
     elapsed_ms INTEGER NOT NULL DEFAULT 0, -- time used, as of the last answer
     finished_at TEXT,
     report TEXT                     -- JSON, once finished
   );
   CREATE INDEX mock_sessions_day ON mock_sessions (day, started_at);
   CREATE TABLE mock_answers (
     session_id TEXT NOT NULL REFERENCES mock_sessions (id),
     part TEXT NOT NULL,             -- a question id, or <id>/f1 for its first follow-up
     question_id TEXT NOT NULL,
     tags TEXT NOT NULL,             -- JSON array, copied so weak areas need no curriculum parse
     answer TEXT NOT NULL,
     score REAL NOT NULL,            -- key-point coverage 0..1
     covered TEXT NOT NULL,          -- JSON
     missed TEXT NOT NULL,           -- JSON
     rubric TEXT,                    -- JSON {dimension: band}, the learner's self-assessment
     at TEXT NOT NULL,
     PRIMARY KEY (session_id, part)
   );`,
];
