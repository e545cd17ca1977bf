import type { Plan } from '../core/curriculum/load.js';
import type { ProgressStore } from '../core/progress/store.js';

/** What the server works with: injected, so tests pass a temp home and a fixed clock. */
export interface ServerDeps {
  plan: Plan;
  /** One store for the whole process. */
  store: ProgressStore;
  home: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** Aborted on shutdown: running verifies stop and kill their processes. */
  shutdown: AbortSignal;
  /** Unexpected errors (not NodeprepErrors), for the log. */
  onError: (err: unknown) => void;
  /** The built web app (`webDistDir(projectRoot)`): served at `/` when it holds index.html. */
  webDir?: string;
}
