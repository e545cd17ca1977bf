import { Marked, type Tokens } from 'marked';
import { markedTerminal } from 'marked-terminal';
import pc from 'picocolors';

/** Wraps plain text to `width` columns, continuing lines with `indent`. */
function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** Renders Markdown for the terminal: headings, lists, highlighted code; tables become wrapped records. */
export function renderMarkdown(markdown: string): string {
  const width = Math.min(process.stdout.columns || 100, 100);
  const marked = new Marked(
    markedTerminal({ width, reflowText: true, tab: 2, showSectionPrefix: false, emoji: false }, { ignoreIllegals: true }),
  );
  // Wide tables do not fit a terminal: print each row as "Column: value" lines instead.
  marked.use({
    renderer: {
      table(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Table) {
        const head = token.header.map((h) => this.parser.parseInline(h.tokens));
        const rows = token.rows.map((row) =>
          row.map((cell, i) => wrap(`${pc.bold(`${head[i]}:`)} ${this.parser.parseInline(cell.tokens)}`, width - 4, '    ')).map((l, i) => (i === 0 ? `  • ${l}` : `    ${l}`)).join('\n'),
        );
        return `${rows.join('\n\n')}\n\n`;
      },
    },
  });
  const text = marked.parse(markdown, { async: false });
  return pc.isColorSupported ? text : text.replace(/\x1b\[[0-9;]*m/g, '');
}
