// API access for the console. local mode: the sign-in form (login.html) set an HttpOnly session
// cookie that the browser sends with every same-origin request; a 401 means the session ended, so
// the page goes back to the form. oidc mode: the console's session (authorization code flow) hands
// the page its access token at /console/token, sent as a bearer token; a 401 fetches a fresh one once.
// Every request carries X-Requested-By (the server refuses state-changing requests without it or a
// JSON/CSV body: cross-site request forgery), which also keeps the browser's Basic prompt away.

const mode = document.querySelector('meta[name="hotfire-auth-mode"]')?.content || 'local';
const MARK = { 'X-Requested-By': 'hotfire-console' };
let token = null;

async function authHeaders(fresh) {
  if (mode !== 'oidc') return MARK;
  if (!token || fresh) {
    const r = await fetch('/console/token', { credentials: 'same-origin', headers: { 'X-Requested-With': 'JavaScript' } });
    if (!r.ok) {
      location.href = '/console';
      throw new Error('session expired: signing in again');
    }
    token = (await r.json()).accessToken;
  }
  return Object.assign({ Authorization: 'Bearer ' + token }, MARK);
}

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
    this.status = status;
    this.problem = problem;
  }
}

/** fetch with auth; {json} sends a JSON body; answers parsed JSON (or text), throws ApiError with the problem's detail. */
export async function api(path, opts = {}, retried = false) {
  const headers = Object.assign({ Accept: 'application/json' }, await authHeaders(false), opts.headers || {});
  const init = { method: opts.method || 'GET', headers, credentials: 'same-origin', signal: opts.signal };
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(opts.json);
  } else if (opts.body !== undefined) {
    init.body = opts.body;
  }
  const r = await fetch(path, init);
  if (r.status === 401 && mode === 'oidc' && !retried) {
    await authHeaders(true);
    return api(path, opts, true);
  }
  if (r.status === 401 && mode !== 'oidc') signIn();
  const type = r.headers.get('content-type') || '';
  const body = type.includes('json') ? await r.json().catch(() => null) : await r.text();
  if (!r.ok) throw new ApiError(r.status, typeof body === 'object' ? body : { detail: body });
  return body;
}

/**
 * Reads a server-sent-event stream with fetch (EventSource cannot send an Authorization header).
 * Calls onEvent(name, data) per event; resolves when the stream ends; abort with signal.
 */
export async function stream(path, onEvent, signal) {
  const r = await fetch(path, { headers: Object.assign({ Accept: 'text/event-stream' }, await authHeaders(false)), credentials: 'same-origin', signal });
  if (r.status === 401 && mode !== 'oidc') signIn();
  if (!r.ok) throw new ApiError(r.status, null);
  const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += value.replace(/\r\n?/g, '\n');
    let i;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const chunk = buf.slice(0, i);
      buf = buf.slice(i + 2);
      let name = 'message';
      let data = '';
      for (const line of chunk.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data += line.slice(5).replace(/^ /, '');
      }
      if (data) onEvent(name, JSON.parse(data));
    }
  }
}

/** local mode: the session ended; back to the sign-in form, which returns here afterwards. */
function signIn() {
  location.href = '/console/login.html?expired';
}

/** local mode: ends the session (POST /console/logout expires the cookie) and shows the sign-in form. */
export async function signOut() {
  await fetch('/console/logout', { method: 'POST', headers: MARK, credentials: 'same-origin' });
  location.href = '/console/login.html?signed-out';
}

export const authMode = mode;
