import { useEffect, useState } from 'react';
import type { NoteResponse, NotesExportResponse } from '../../../src/shared/types';
import { api, put } from '../api';
import { Markdown } from '../components/Markdown';
import { ErrorNote, Loading, Page } from '../components/ui';
import { navigate } from '../router';
import { useApi } from '../use-api';

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Editor({ day }: { day: number }) {
  const note = useApi<NoteResponse>(`/notes/${day}`);
  const [text, setText] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const [error, setError] = useState<Error>();
  const [status, setStatus] = useState<string>();
  useEffect(() => {
    if (note.data) {
      setText(note.data.text);
      setSaved(note.data.saved ? note.data.text : undefined);
    }
  }, [note.data]);
  const dirty = text !== undefined && text !== saved;
  useEffect(() => {
    // Losing typed notes to a closed tab is the one thing a notes editor must not do.
    const warn = (e: BeforeUnloadEvent) => {
      if (dirty) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  const save = async () => {
    if (text === undefined) return;
    setError(undefined);
    try {
      const r = await put<NoteResponse>(`/notes/${day}`, { text });
      setSaved(r.text);
      setStatus(`Saved at ${new Date().toLocaleTimeString()}.`);
    } catch (e) {
      setError(e as Error);
    }
  };
  if (note.error) return <ErrorNote error={note.error} onRetry={note.reload} />;
  if (text === undefined) return <Loading what="Loading the note" />;
  return (
    <div
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key === 's') {
          e.preventDefault();
          void save();
        }
      }}
    >
      <div className="button-row">
        <button type="button" className="primary" onClick={save} disabled={!dirty} aria-keyshortcuts="Control+S">
          Save
        </button>
        <span className="muted" role="status">
          {dirty ? 'Unsaved changes' : (status ?? (note.data?.saved ? 'Saved' : 'From the template: not saved yet'))}
        </span>
      </div>
      {error && <ErrorNote error={error} />}
      <div className="editor">
        <div>
          <label htmlFor="note-text">Markdown</label>
          <textarea id="note-text" value={text} onChange={(e) => setText(e.target.value)} spellCheck />
        </div>
        <div>
          <h2 className="label-like">Preview</h2>
          <div className="preview">
            <Markdown source={text} />
          </div>
        </div>
      </div>
    </div>
  );
}

export default function NotesPage({ day }: { day?: number }) {
  const [exported, setExported] = useState<string>();
  const [error, setError] = useState<Error>();
  const exportAll = async () => {
    setError(undefined);
    try {
      const r = await api<NotesExportResponse>('/notes/export');
      download('nodeprep-cheat-sheet.md', r.markdown);
      setExported(`Exported ${r.notes} note(s) from ${r.days} day(s) as nodeprep-cheat-sheet.md.`);
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <Page title={day ? `Notes: day ${day}` : 'Notes'} lead="One page per day, in Markdown, saved in your workspace's notes/ folder. Export joins them into one cheat sheet.">
      <div className="inline-form">
        <label htmlFor="note-day">Day</label>
        <select id="note-day" value={day ?? ''} onChange={(e) => navigate(e.target.value ? `/notes/${e.target.value}` : '/notes')}>
          <option value="">Choose a day</option>
          {Array.from({ length: 30 }, (_, i) => (
            <option key={i + 1} value={i + 1}>
              Day {i + 1}
            </option>
          ))}
        </select>
        <button type="button" onClick={exportAll}>
          Export the cheat sheet
        </button>
      </div>
      {exported && <p role="status">{exported}</p>}
      {error && <ErrorNote error={error} />}
      {day ? <Editor day={day} /> : <p>Choose a day to write its notes.</p>}
    </Page>
  );
}
