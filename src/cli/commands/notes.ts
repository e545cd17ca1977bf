import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { exportNotes } from '../../core/notes/export.js';
import { ensureNote } from '../../core/notes/notes.js';
import { parseDay } from '../context.js';
import type { Run } from '../main.js';
import { c, err, out } from '../ui.js';
import { editorOf, isInteractive, openInEditor } from './_interactive.js';

/** `notes <day>` opens the day's notes in $EDITOR (created from a template); `notes export` writes the cheat sheet. */
export const run: Run = async (ctx, args, opts) => {
  const plan = (await ctx.plan());
  if (args[0] === 'export') {
    const { markdown, notes, days } = exportNotes(plan, ctx.home, ctx.now);
    if (opts.out === '-') {
      process.stdout.write(markdown);
      return;
    }
    const file = opts.out ? resolve(String(opts.out)) : join(ctx.home, 'notes', 'cheat-sheet.md');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, markdown);
    out(`Wrote ${c.bold(relative(process.cwd(), file) || file)}: your notes for ${notes} day${notes === 1 ? '' : 's'} and the key points of ${days}.`);
    return;
  }
  const day = parseDay(args[0]!);
  const note = ensureNote(plan, ctx.home, day);
  const editor = editorOf(ctx.env);
  if (editor && isInteractive()) {
    openInEditor(editor, note.path);
    out(`Saved ${relative(process.cwd(), note.path) || note.path}. \`nodeprep notes export\` gathers every day into one cheat sheet.`);
    return;
  }
  // No editor or no terminal: the path on the first line (for scripts), then the page.
  out(note.path);
  out();
  out(note.content.trimEnd());
  if (isInteractive()) err(c.dim(`\nSet $VISUAL or $EDITOR (e.g. export EDITOR=vim) and \`nodeprep notes ${day}\` opens it for you.`));
};
