import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempHome } from './_cli.js';
import { hasPty, pty } from './_pty.js';

describe('nodeprep notes', () => {
  it('without a terminal, creates the day’s notes from its template and prints the path, then the page', async () => {
    const home = tempHome();
    const r = await cli(['notes', '3'], { home, env: { EDITOR: 'vi' } });
    expect(r.code, r.stderr).toBe(0);
    const [path, blank, title] = r.stdout.split('\n');
    expect(path).toBe(join(home, 'notes', 'day03.md'));
    expect(blank).toBe('');
    expect(title).toBe('# Day 3 notes: Streams and Buffers');
    expect(readFileSync(path!, 'utf8').trimEnd()).toBe(r.stdout.split('\n').slice(2).join('\n').trimEnd());
    writeFileSync(path!, '# Day 3 notes\n\n## Mental model\n\nMine.\n');
    expect((await cli(['notes', '3'], { home })).stdout).toMatch(/Mine\./);
  });

  it('uses the generic template for a day outside the mini-notes', async () => {
    const r = await cli(['notes', '12'], { home: tempHome() });
    expect(r.stdout).toMatch(/^# Day 12 notes: /m);
    expect(r.stdout).toMatch(/^## The question I fumbled$/m);
  });

  it('exports one cheat sheet with the notes and every day’s key points', async () => {
    const home = tempHome();
    const path = (await cli(['notes', '3'], { home })).stdout.split('\n')[0]!;
    writeFileSync(path, readFileSync(path, 'utf8').replace('## Mental model\n', '## Mental model\n\nwrite() false means wait for drain.\n'));
    const r = await cli(['notes', 'export', '--out', 'sheet.md'], { home });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Wrote sheet\.md: your notes for 1 day and the key points of \d+/);
    const sheet = readFileSync(join(home, 'sheet.md'), 'utf8');
    expect(sheet).toMatch(/## Day 3: Streams & Buffers\n\n### My notes\n\n#### Mental model\n\nwrite\(\) false means wait for drain\./);
    expect(sheet).toMatch(/### Key points\n\n\*\*How does backpressure work in Node\.js streams\?\*\*/);
    expect((await cli(['notes', 'export', '--out', '-'], { home })).stdout).toBe(sheet);
  });

  it('refuses a day that is not in the plan in one line', async () => {
    const r = await cli(['notes', 'tomorrow'], { home: tempHome() });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^nodeprep: "tomorrow" is not a day of the plan: pick a day from 1 to 30\.$/);
  });

  it.skipIf(!hasPty)('in a terminal, opens the notes in $VISUAL and keeps what the editor wrote', async () => {
    const home = tempHome();
    const editor = join(home, 'editor.mjs');
    writeFileSync(editor, "import { appendFileSync } from 'node:fs';\nappendFileSync(process.argv[2], '\\nWritten in the editor.\\n');\n");
    const t = pty(['notes', '5'], { home, env: { VISUAL: `${process.execPath} ${editor}`, EDITOR: '' } });
    expect(await t.exited).toBe(0);
    expect(t.output()).toMatch(/Saved .*day05\.md/);
    expect(readFileSync(join(home, 'notes', 'day05.md'), 'utf8')).toMatch(/^# Day 5 notes: [\s\S]*Written in the editor\.\n$/);
  });
});
