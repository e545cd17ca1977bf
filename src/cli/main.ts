import { Command, CommanderError, Option } from 'commander';
import { isNodeprepError } from '../core/errors.js';
import { createContext, type Context } from './context.js';
import { c, err } from './ui.js';

const VERSION = '0.1.0';

/** A command module: one file under commands/, loaded only when its command runs. */
export type Run = (ctx: Context, args: string[], opts: Record<string, unknown>) => Promise<number | void>;

interface Spec {
  name: string;
  args?: string;
  summary: string;
  options?: Array<[flags: string, description: string] | Option>;
  file: string;
}

const TARGET = new Option('--target <target>', 'what to verify: workspace, solution, starter or mutant:NAME').default('workspace');

/** Every command, as data. */
const commands: Spec[] = [
  { name: 'today', summary: "today's plan day, what is done and what to do next", file: 'today' },
  { name: 'start', summary: 'set the day the 30-day plan starts (default: today)', options: [['--date <YYYY-MM-DD>', 'the start date']], file: 'start' },
  { name: 'plan', summary: 'the 30 days by week, with status', options: [['--json', 'machine-readable output']], file: 'plan' },
  { name: 'day', args: '<day>', summary: "a day's lesson, rendered for the terminal", file: 'day' },
  { name: 'questions', args: '<day>', summary: "a day's interview questions with model answers", options: [['--json', 'the question records'], ['--short', 'short answers only']], file: 'questions' },
  { name: 'drill', args: '<day>', summary: 'predict-the-output drills, checked by running them on your Node', options: [['--id <id>', 'one drill only']], file: 'drill' },
  { name: 'lab', args: '<day>', summary: "copy the day's lab into your workspace and show the task", file: 'lab' },
  { name: 'verify', args: '<day>', summary: 'run the lab checks against your code', options: [TARGET, ['--json', 'machine-readable result']], file: 'verify' },
  { name: 'watch', args: '<day>', summary: 're-run the checks each time you save', options: [['--poll', 'poll for changes (for network or container file systems)']], file: 'watch' },
  { name: 'hint', args: '<day>', summary: "the next rung of the lab's hint ladder", options: [['--all', 'show every rung you have unlocked']], file: 'hint' },
  { name: 'solution', args: '<day>', summary: 'the reference solution, as a diff against your copy (after a pass)', options: [['--give-up', 'show it before you pass'], ['--full', 'print the files instead of a diff']], file: 'solution' },
  { name: 'reset', args: '<day>', summary: 'start the lab over (your copy is kept in backups/)', options: [['-y, --yes', 'do not ask']], file: 'reset' },
  { name: 'done', args: '<day>', summary: 'mark a day done (or not, with --undo)', options: [['--undo', 'mark it not done']], file: 'done' },
  { name: 'quiz', args: '[day|ids...]', summary: "answer a day's questions (or chosen ids), see which key points you covered, rate yourself", options: [['--week <week>', "every question of a week's days"], ['--editor', 'write each answer in $VISUAL / $EDITOR']], file: 'quiz' },
  { name: 'review', summary: 'spaced repetition (FSRS): the cards due today, within your daily limits', options: [['--json', 'the due cards, for scripts'], ['--add-day <day>', "put a day's cards in the deck before the plan reaches it"], ['--set-limits <limits>', 'daily limits, e.g. new=10,reviews=100'], ['--undo', 'take back the last rating'], ['--editor', 'write each answer in $VISUAL / $EDITOR']], file: 'review' },
  { name: 'grade', args: '<id> <rating>', summary: 'rate a question (again, hard, good or easy) and print when its card comes back', options: [['--file <answer>', 'also score this answer against the key points (- reads stdin)'], ['--json', 'machine-readable result']], file: 'grade' },
  { name: 'mock', args: '[action] [args...]', summary: 'timed mock interview: mock --week N or --final; for scripts: start, answer, finish, history', options: [['--week <week>', 'the mock at the end of week 1, 2 or 3'], ['--final', 'the final mock (day 29), with a system-design round'], ['--questions <n>', 'a short practice mock: ask n questions (1-12) instead of the usual count'], ['--file <answer>', 'mock answer: the answer file (- reads stdin)'], ['--rubric <bands>', 'mock answer: your self-assessment, e.g. leaning-hire or runtime-depth=strong-hire,communication=leaning-hire'], ['--editor', 'write each answer in $VISUAL / $EDITOR'], ['--json', 'machine-readable output']], file: 'mock' },
  { name: 'notes', args: '<day|export>', summary: "open a day's notes in $EDITOR (from a template); export writes one cheat sheet", options: [['--out <file>', 'export: where to write it (- for stdout; default notes/cheat-sheet.md)']], file: 'notes' },
  { name: 'progress', summary: 'your streak, reviews coming due, retention, weakest topics and every lab', options: [['--json', 'the full record, as the web app gets it']], file: 'progress' },
  { name: 'weak', summary: 'your weakest topics from all the evidence, and what to do next for each', options: [['--json', 'machine-readable ranking']], file: 'weak' },
  { name: 'ui', summary: 'the trainer in your browser: a local server on 127.0.0.1 with a per-run token', options: [['--port <port>', 'the port (default 4730; 0 picks a free one)'], ['--no-open', 'print the address without opening a browser']], file: 'ui' },
  { name: 'check', summary: 'prove every lab and drill: solution passes, starter and mutants fail', options: [['--day <day>', 'one day only'], ['--json', 'machine-readable report']], file: 'check' },
  { name: 'doctor', summary: 'Node version, workspace and services', file: 'doctor' },
];

function build(ctx: () => Context, setCode: (code: number) => void): Command {
  const program = new Command('nodeprep')
    .description('A hands-on trainer for the 30-day senior Node.js interview plan.')
    .version(VERSION)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`${c.red('nodeprep:')} ${text.replace(/^error: /, '').trim()}\n`) });
  for (const spec of commands) {
    const cmd = program.command(spec.args ? `${spec.name} ${spec.args}` : spec.name).description(spec.summary).exitOverride();
    for (const o of spec.options ?? []) {
      if (o instanceof Option) cmd.addOption(o);
      else cmd.option(o[0], o[1]);
    }
    cmd.action(async (...params: unknown[]) => {
      const command = params.at(-1) as Command;
      // A computed specifier: the bundler keeps it a runtime import of the command's own chunk.
      const specifier = `./commands/${spec.file}.js`;
      const mod = (await import(specifier)) as { run: Run };
      const code = await mod.run(ctx(), command.args, command.opts());
      setCode(code ?? 0);
    });
  }
  return program;
}

async function main(argv: string[]): Promise<number> {
  let ctx: Context | undefined;
  let code = 0;
  const program = build(() => (ctx ??= createContext()), (n) => (code = n));
  const args = argv.slice(2);
  try {
    await program.parseAsync(args.length ? argv : [...argv, 'today']);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1; // commander has printed its one line
    if (isNodeprepError(e)) {
      err(`${c.red('nodeprep:')} ${e.message}`);
      return 1;
    }
    err(`${c.red('nodeprep: unexpected error:')} ${(e as Error).message ?? String(e)}`);
    err(process.env.NODEPREP_DEBUG ? String((e as Error).stack) : 'This is a bug in nodeprep: run again with NODEPREP_DEBUG=1 and report what it prints.');
    return 2;
  } finally {
    ctx?.close();
  }
}

// `nodeprep plan | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = await main(process.argv);
