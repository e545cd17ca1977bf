import { Marked } from 'marked';
import { markedTerminal } from 'marked-terminal';
import pc from 'picocolors';

/** Renders Markdown for the terminal: headings, lists, tables and highlighted code. */
export function renderMarkdown(markdown: string): string {
  const width = Math.min(process.stdout.columns || 100, 100);
  const marked = new Marked(
    markedTerminal(
      { width, reflowText: true, tab: 2, showSectionPrefix: false, emoji: false },
      { ignoreIllegals: true },
    ),
  );
  const text = marked.parse(markdown, { async: false });
  return pc.isColorSupported ? text : text.replace(/\x1b\[[0-9;]*m/g, '');
}
