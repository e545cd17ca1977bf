// Markdown to HTML for lessons, answers and notes. Raw HTML in the source is shown as text (notes
// are the learner's own input), links are limited to safe schemes, and code is highlighted.
import { Marked, type Tokens } from 'marked';
import { escapeHtml } from './escape';
import { highlight } from './highlight';

const SAFE_HREF = /^(https?:|mailto:|#|\/(?!\/))/i;
/** Box-drawing and arrow characters: a `text` block made of them is a diagram, drawn in a figure. */
const DIAGRAM = /[─│┌┐└┘├┤┬┴┼═║╔╗╚╝▶◀▲▼→←↑↓]/;

const marked = new Marked({
  gfm: true,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      return token.text.trimStart().startsWith('<!--') ? '' : escapeHtml(token.text);
    },
    link(this: { parser: { parseInline(t: Tokens.Generic[]): string } }, token: Tokens.Link) {
      const text = this.parser.parseInline(token.tokens);
      if (!SAFE_HREF.test(token.href)) return text;
      const external = /^https?:/i.test(token.href);
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<a href="${escapeHtml(token.href)}"${title}${external ? ' target="_blank" rel="noopener noreferrer"' : ''}>${text}</a>`;
    },
    // The page has its own h1: Markdown headings start one level down.
    heading(this: { parser: { parseInline(t: Tokens.Generic[]): string } }, token: Tokens.Heading) {
      const level = Math.min(token.depth + 1, 6);
      return `<h${level}>${this.parser.parseInline(token.tokens)}</h${level}>\n`;
    },
    image(token: Tokens.Image) {
      return escapeHtml(token.text);
    },
    code(token: Tokens.Code) {
      const lang = (token.lang ?? '').trim().split(/\s+/)[0] ?? '';
      if ((lang === 'text' || lang === '') && DIAGRAM.test(token.text)) {
        return `<figure class="diagram"><pre tabindex="0">${escapeHtml(token.text)}</pre></figure>`;
      }
      const html = highlight(token.text, lang);
      return `<pre tabindex="0"><code class="hljs${lang ? ` language-${escapeHtml(lang)}` : ''}">${html}</code></pre>`;
    },
  },
});

export function markdownToHtml(source: string): string {
  return marked.parse(source, { async: false });
}
