// The one way the app talks to the server: the per-run token on every call, RFC 9457 problems as
// errors, and the verify stream read from a fetch body (EventSource cannot POST or send headers).
import type { Problem } from '../../src/shared/types';

const TOKEN_KEY = 'nodeprep.token';

/** Takes the token from `?token=` (then drops it from the address bar and history) or from this tab's storage. */
export function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
}

async function problemOf(res: Response): Promise<ApiError> {
  let problem: Problem = { type: 'about:blank', title: res.statusText || 'Error', status: res.status, detail: `The server answered ${res.status}.` };
  try {
    const body = (await res.json()) as Partial<Problem>;
    problem = { ...problem, ...body };
  } catch {
    // Not JSON: keep the generic problem.
  }
  if (res.status === 401) problem.detail = 'This page has no valid token: open the address that `nodeprep ui` printed for this run.';
  return new ApiError(problem);
}

function headers(json: boolean): HeadersInit {
  const h: Record<string, string> = { Accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) h.Authorization = `Bearer ${token}`;
  if (json) h['Content-Type'] = 'application/json';
  return h;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method: init.method ?? 'GET',
      headers: headers(init.body !== undefined),
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError({ type: 'about:blank', title: 'Offline', status: 0, detail: 'The nodeprep server is not answering: is `nodeprep ui` still running?' });
  }
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as T;
}

export const post = <T>(path: string, body: unknown = {}) => api<T>(path, { method: 'POST', body });
export const put = <T>(path: string, body: unknown) => api<T>(path, { method: 'PUT', body });

/** Reads a Server-Sent Events response: calls `onEvent` for each `event:`/`data:` block as it arrives. */
export async function stream(path: string, body: unknown, onEvent: (event: string, data: unknown) => void, signal?: AbortSignal): Promise<void> {
  const res = await fetch(`/api${path}`, { method: 'POST', headers: { ...headers(true), Accept: 'text/event-stream' }, body: JSON.stringify(body), signal });
  if (!res.ok || !res.body) throw await problemOf(res);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length) onEvent(event, JSON.parse(data.join('\n')));
    }
  }
}
