import { useMemo } from 'react';
import { markdownToHtml } from './markdown';

/** Rendered Markdown; the HTML comes from markdownToHtml, which escapes any raw HTML in the source. */
export function Markdown({ source, className = 'prose' }: { source: string; className?: string }) {
  const html = useMemo(() => markdownToHtml(source), [source]);
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
