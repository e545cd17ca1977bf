import { createElement } from 'react';
import { Markdown } from './Markdown';

/** A question's first line (what a summary shows) and the rest (code, details), split at the first code fence or blank line. */
export function splitPrompt(prompt: string): [head: string, rest: string] {
  const cut = prompt.search(/```|\n\s*\n/);
  return cut < 0 ? [prompt.trim(), ''] : [prompt.slice(0, cut).trim(), prompt.slice(cut).trim()];
}

/** A prompt as a heading, with any code or detail under it rendered as Markdown. */
export function Prompt({ text, level = 3, id }: { text: string; level?: 2 | 3; id?: string }) {
  const [head, rest] = splitPrompt(text);
  return (
    <>
      {createElement(`h${level}`, { id }, head)}
      {rest && <Markdown source={rest} />}
    </>
  );
}
