// The playground's HTTP server (node:http only). Every page reads the in-memory Workspace and
// every action runs a top-level function of dist/Code.js, through the Backend (backend.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatMinutes, parseLocalDateTime, type IsoDate } from '../../src/domain/dates';
import { fromRomeLocal, toRomeLocal } from '../../src/domain/rome-time';
import { handleAddOnRoute } from './addon-hosts';
import { openBackend, type Backend, type BackendOptions } from './backend';
import { html, type SafeHtml } from './html';
import {
  approvalsPage,
  calendarPage,
  errorPage,
  formPage,
  layout,
  mailPage,
  registerPage,
  type CalendarMessage,
  type PageKey,
} from './pages';

export const USER_COOKIE = 'agora_utente';
const MAX_BODY_BYTES = 1024 * 1024;

export interface PlaygroundOptions extends BackendOptions {
  port: number;
  /** Default 127.0.0.1: the playground is for this machine only. */
  host?: string;
}

export interface Playground {
  port: number;
  url: string;
  backend: Backend;
  close(): Promise<void>;
}

/** Loads (or seeds) the Workspace and serves the playground; `port: 0` picks a free port. */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const backend = await openBackend(options);
  const server = createServer((req, res) => {
    handle(backend, req, res).catch((e: unknown) => {
      options.log?.(`errore: ${(e as Error).stack ?? String(e)}`);
      if (!res.headersSent)
        sendPage(res, 500, backend, req, 'Errore', null, errorPage(500, (e as Error).message));
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://localhost:${port}`,
    backend,
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((e) => (e ? reject(e) : resolve()));
    server.closeAllConnections();
  });
}

// ---- request handling -----------------------------------------------------------------------

interface Request {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  user: string;
}

async function handle(backend: Backend, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const user = currentUser(backend, req);
  const r: Request = { req, res, url, user };
  const method = req.method ?? 'GET';
  if (method === 'POST' && !sameOrigin(req)) {
    sendText(res, 403, 'Richiesta da un’altra origine: rifiutata.');
    return;
  }
  const path = url.pathname;
  if (method === 'GET' && path === '/') return redirect(res, '/modulo');
  if (method === 'GET' && path === '/favicon.ico') return sendText(res, 404, '');
  if (method === 'GET' && path === '/modulo') return showForm(backend, r, null);
  if (method === 'POST' && path === '/modulo') return submitForm(backend, r);
  if (method === 'GET' && path === '/registro') return showRegister(backend, r);
  if (method === 'GET' && path === '/calendario') return showCalendar(backend, r);
  if (method === 'POST' && path === '/calendario/mio') return syncOwnCalendar(backend, r);
  if (method === 'GET' && path === '/calendario/mio') return redirect(r.res, '/calendario?di=mio');
  if (method === 'GET' && path === '/posta') return showMail(backend, r);
  if (method === 'GET' && path === '/documento') return showDriveFile(backend, r);
  if (method === 'GET' && path === '/approvazioni')
    return page(backend, r, 'Pagina web', 'approvazioni', approvalsPage(backend.hasFunction('doGet'), user));
  if ((method === 'GET' || method === 'POST') && path === '/come') return actAs(backend, r);
  if (method === 'POST' && path === '/orologio') return moveClock(backend, r);
  if (method === 'GET' && path.startsWith('/html/')) return showHtmlOutput(backend, r, path.slice(6));
  if (method === 'POST' && path.startsWith('/rpc/')) return rpc(backend, r, path.slice(5));
  // The add-on's hosts (Gmail, Calendar, Sheets) and its side panel: dev/playground/addon-*.ts.
  const addOn = await handleAddOnRoute(backend, {
    method,
    url,
    user,
    req,
    page: (title, active, body, status = 200) =>
      sendPage(res, status, backend, req, title, active, body, true),
    readForm: () => readForm(req),
    redirect: (location) => redirect(res, location),
    json: (status, value) => sendJson(res, status, value),
  });
  if (addOn) return;
  page(backend, r, 'Pagina non trovata', null, errorPage(404, `Nessuna pagina ${path}.`), 404);
}

/** Forms of this page only: a page of another site cannot make the playground act. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return origin !== 'null';
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function currentUser(backend: Backend, req: IncomingMessage): string {
  const cookie = parseCookies(req.headers.cookie ?? '')[USER_COOKIE];
  const email = cookie ? cookie.trim().toLowerCase() : '';
  return /^[^\s@<>"]+@[^\s@<>"]+$/.test(email) ? email : backend.defaultUser();
}

export function parseCookies(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    try {
      out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // a malformed cookie is ignored
    }
  }
  return out;
}

/** A local path to go back to (never another site). */
function backTo(value: string | undefined, fallback: string): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\')
    ? value
    : fallback;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('Richiesta troppo grande.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readBody(req));
}

// ---- responses ------------------------------------------------------------------------------

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value));
}

function redirect(res: ServerResponse, location: string, headers: Record<string, string> = {}): void {
  res.writeHead(303, { ...COMMON_HEADERS, ...headers, Location: location });
  res.end();
}

function nowView(backend: Backend): { date: IsoDate; time: string } {
  const at = toRomeLocal(backend.nowMs());
  return { date: at.date, time: formatMinutes(at.minutes) };
}

function sendPage(
  res: ServerResponse,
  status: number,
  backend: Backend,
  req: IncomingMessage,
  title: string,
  active: PageKey | null,
  body: SafeHtml,
  wide = false,
): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const doc = layout(
    {
      title,
      active,
      user: currentUser(backend, req),
      people: backend.people(),
      now: nowView(backend),
      path: req.method === 'GET' ? url.pathname + url.search : url.pathname,
      wide,
    },
    body,
  );
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/html; charset=utf-8' });
  res.end(doc.text);
}

function page(
  backend: Backend,
  r: Request,
  title: string,
  active: PageKey | null,
  body: SafeHtml,
  status = 200,
) {
  sendPage(r.res, status, backend, r.req, title, active, body, active === 'registro');
}

// ---- pages ----------------------------------------------------------------------------------

function showForm(backend: Backend, r: Request, error: string | null, status = 200): void {
  const responseId = r.url.searchParams.get('risposta');
  const result = responseId ? { responseId, days: backend.responseDays(responseId) } : null;
  const form = backend.form();
  const body = form
    ? formPage(form, r.user, nowView(backend).date, result, error)
    : errorPage(503, 'Il modulo non esiste ancora: esegui Configura (setup) come servizio personale.');
  page(backend, r, 'Modulo', 'modulo', body, status);
}

async function submitForm(backend: Backend, r: Request): Promise<void> {
  const fields = await readForm(r.req);
  try {
    const responseId = backend.submitForm(r.user, (name) => fields.getAll(name));
    redirect(r.res, `/modulo?risposta=${encodeURIComponent(responseId)}`);
  } catch (e) {
    showForm(backend, r, (e as Error).message, 400);
  }
}

function showRegister(backend: Backend, r: Request): void {
  const sheets = backend.sheets();
  const selected = r.url.searchParams.get('foglio') ?? 'Giornate';
  const body = registerPage(
    sheets,
    selected,
    r.url.searchParams.get('q') ?? '',
    (sheet, header) => (sheet === 'Dipendenti' || sheet === 'Responsabili') && header === 'Email',
  );
  page(backend, r, 'Registro', 'registro', body);
}

function showCalendar(backend: Backend, r: Request, message: CalendarMessage | null = null): void {
  const today = nowView(backend).date;
  const asked = r.url.searchParams.get('mese') ?? '';
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? asked : today.slice(0, 7);
  const view = r.url.searchParams.get('vista') === 'elenco' ? 'elenco' : 'mese';
  const own = r.url.searchParams.get('di') === 'mio';
  const calendar = backend.calendar(month, own ? r.user : undefined);
  const synced = /^(\d+)-(\d+)$/.exec(r.url.searchParams.get('aggiornato') ?? '');
  page(
    backend,
    r,
    'Calendario',
    'calendario',
    calendarPage(calendar?.name ?? null, month, today, calendar?.events ?? [], view, {
      user: r.user,
      shown: own,
      canSync: own && backend.hasFunction('syncMyCalendar'),
      message:
        message ??
        (own && synced ? { ok: true, created: Number(synced[1]), deleted: Number(synced[2]) } : null),
    }),
  );
}

/**
 * «Mostra nel mio calendario»: the bundle's syncMyCalendar as the acting employee (only code
 * running as them can write working locations on their own calendar), then their calendar.
 */
async function syncOwnCalendar(backend: Backend, r: Request): Promise<void> {
  const fields = await readForm(r.req);
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(fields.get('mese') ?? '')
    ? (fields.get('mese') as string)
    : '';
  const view = fields.get('vista') === 'elenco' ? 'elenco' : 'mese';
  const back = `/calendario?di=mio&vista=${view}${month ? `&mese=${month}` : ''}`;
  if (!backend.hasFunction('syncMyCalendar')) {
    r.url = new URL(back, 'http://localhost');
    return showCalendar(backend, r, { ok: false, error: 'Il bundle non ha la funzione syncMyCalendar.' });
  }
  let result: { created?: unknown; deleted?: unknown };
  try {
    result = (backend.runAddOn(r.user, 'syncMyCalendar') ?? {}) as typeof result;
  } catch (e) {
    r.url = new URL(back, 'http://localhost');
    return showCalendar(backend, r, { ok: false, error: (e as Error).message });
  }
  const count = (n: unknown) => (typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 0);
  redirect(r.res, `${back}&aggiornato=${count(result.created)}-${count(result.deleted)}`);
}

/** A document or file of Drive as the signed-in person may open it (Docs' reading view). */
function showDriveFile(backend: Backend, r: Request): void {
  const file = backend.driveFile(r.user, r.url.searchParams.get('id') ?? '');
  if (!file) {
    page(
      backend,
      r,
      'File non disponibile',
      null,
      errorPage(404, 'Il file non esiste o non hai l’accesso: chiedilo a chi lo possiede.'),
      404,
    );
    return;
  }
  const body = file.paragraphs
    ? file.paragraphs.map((p) =>
        p.heading === 'HEADING1' || p.heading === 'TITLE'
          ? html`<h2>${p.text}</h2>`
          : p.heading === 'HEADING2' || p.heading === 'SUBTITLE'
            ? html`<h3>${p.text}</h3>`
            : p.image
              ? html`<img
                  alt="Grafico"
                  src="data:${p.image.contentType};base64,${p.image.base64}"
                  style="max-width:100%"
                />`
              : p.table
                ? html`<table class="doc-table">
                    ${p.table.map(
                      (r) =>
                        html`<tr>
                          ${r.map((c) => html`<td>${c}</td>`)}
                        </tr>`,
                    )}
                  </table>`
                : p.text
                  ? html`<p>${p.text}</p>`
                  : html``,
      )
    : html`<pre>${file.text}</pre>`;
  page(
    backend,
    r,
    file.name,
    null,
    html`<article class="document">
      <h1>${file.name}</h1>
      ${body}
    </article>`,
  );
}

function showMail(backend: Backend, r: Request): void {
  const all = r.url.searchParams.get('tutte') === '1';
  const mine = (to: string) =>
    to
      .toLowerCase()
      .split(',')
      .some((a) => a.trim() === r.user);
  const { sent, queued } = backend.mail();
  page(
    backend,
    r,
    'Posta',
    'posta',
    mailPage(
      all ? sent : sent.filter((m) => mine(m.to) || m.from === r.user),
      all ? queued : queued.filter((m) => mine(m.to)),
      r.user,
      !all,
    ),
  );
}

async function actAs(backend: Backend, r: Request): Promise<void> {
  const params = r.req.method === 'POST' ? await readForm(r.req) : r.url.searchParams;
  const email = (params.get('utente') ?? '').trim().toLowerCase();
  const back = backTo(params.get('torna') ?? undefined, '/modulo');
  if (!/^[^\s@<>"]+@[^\s@<>"]+$/.test(email)) return redirect(r.res, back);
  redirect(r.res, back, {
    'Set-Cookie': `${USER_COOKIE}=${encodeURIComponent(email)}; Path=/; SameSite=Lax; HttpOnly; Max-Age=31536000`,
  });
}

async function moveClock(backend: Backend, r: Request): Promise<void> {
  const fields = await readForm(r.req);
  const back = backTo(fields.get('torna') ?? undefined, '/modulo');
  const now = backend.nowMs();
  const step = fields.get('passo');
  const HOUR = 3600_000;
  let target = now;
  if (step === 'ora') target = now + HOUR;
  else if (step === 'giorno') target = now + 24 * HOUR;
  else if (step === 'settimana') target = now + 7 * 24 * HOUR;
  else if (step === 'vai') {
    const at = parseLocalDateTime((fields.get('a') ?? '').slice(0, 16));
    if (at) target = fromRomeLocal(at);
  }
  if (target !== now) backend.setNow(target);
  redirect(r.res, back);
}

/** An HtmlService page of the bundle (the web app's doGet page), with google.script.run. */
function showHtmlOutput(backend: Backend, r: Request, name: string): void {
  if (!backend.hasFunction(name)) {
    page(
      backend,
      r,
      'Funzione sconosciuta',
      null,
      errorPage(404, `Il bundle non ha la funzione ${name}.`),
      404,
    );
    return;
  }
  const asked = Object.fromEntries(r.url.searchParams);
  if (name === 'doGet' && (asked.ics !== undefined || asked.csv !== undefined)) {
    // A download (ContentService): the file, or the sentence saying why not.
    try {
      const file = backend.webFile(r.user, asked);
      if (file) {
        r.res.writeHead(200, {
          ...COMMON_HEADERS,
          'Content-Type': `${file.fileName ? file.mimeType : 'text/plain'}; charset=utf-8`,
          ...(file.fileName ? { 'Content-Disposition': `attachment; filename="${file.fileName}"` } : {}),
        });
        r.res.end(file.content);
        return;
      }
    } catch (e) {
      page(backend, r, 'Errore', null, errorPage(500, `${name}: ${(e as Error).message}`), 500);
      return;
    }
  }
  let content: string | null;
  try {
    // The web app's page takes `?giorni=` (a mail's link): doGet gets it as `e.parameter`.
    const parameter = asked;
    content = backend.htmlOutput(r.user, name, parameter);
  } catch (e) {
    page(backend, r, 'Errore', null, errorPage(500, `${name}: ${(e as Error).message}`), 500);
    return;
  }
  if (content === null) {
    page(
      backend,
      r,
      'Nessuna pagina',
      null,
      errorPage(404, `${name} non ha mostrato né restituito HTML.`),
      404,
    );
    return;
  }
  r.res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'text/html; charset=utf-8' });
  r.res.end(injectScriptRun(content));
}

/** `POST /rpc/<fn>` with a JSON array of arguments → `{result}` or `{error}`. */
async function rpc(backend: Backend, r: Request, name: string): Promise<void> {
  if (!backend.hasFunction(name) || name.endsWith('_')) {
    sendJson(r.res, 404, { error: `Funzione sconosciuta: ${name}` });
    return;
  }
  let args: unknown;
  try {
    const text = await readBody(r.req);
    args = text.trim() ? JSON.parse(text) : [];
  } catch (e) {
    sendJson(r.res, 400, { error: `Argomenti non leggibili: ${(e as Error).message}` });
    return;
  }
  if (!Array.isArray(args)) {
    sendJson(r.res, 400, { error: 'Gli argomenti devono essere un array JSON.' });
    return;
  }
  try {
    const result = backend.run(r.user, name, args);
    sendJson(r.res, 200, { result: result === undefined ? null : result });
  } catch (e) {
    sendJson(r.res, 200, { error: (e as Error)?.message ?? String(e) });
  }
}

/**
 * The client side of `google.script.run` and `google.script.host`, as Apps Script injects it
 * in an HtmlService page: each call POSTs its arguments to /rpc/<name>, and the success or
 * failure handler gets the result (or an Error) with the user object.
 */
export const SCRIPT_RUN_SHIM = `<script>
(function () {
  function runner(success, failure, userObject) {
    var target = {
      withSuccessHandler: function (f) { return runner(f, failure, userObject); },
      withFailureHandler: function (f) { return runner(success, f, userObject); },
      withUserObject: function (o) { return runner(success, failure, o); }
    };
    return new Proxy(target, {
      get: function (t, name) {
        if (name in t) return t[name];
        if (typeof name !== 'string') return undefined;
        return function () {
          var args = Array.prototype.slice.call(arguments);
          fetch('/rpc/' + encodeURIComponent(name), {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            credentials: 'same-origin',
            body: JSON.stringify(args)
          })
            .then(function (r) { return r.json(); })
            .then(function (reply) {
              if (reply && 'error' in reply) {
                var e = new Error(reply.error);
                if (failure) failure(e, userObject); else console.error(e);
              } else if (success) success(reply ? reply.result : null, userObject);
            })
            .catch(function (e) { if (failure) failure(e, userObject); else console.error(e); });
        };
      }
    });
  }
  window.google = window.google || {};
  window.google.script = {
    run: runner(null, null, undefined),
    host: {
      close: function () { if (window.top !== window) window.top.location.href = '/registro'; else window.location.href = '/registro'; },
      setHeight: function () {}, setWidth: function () {},
      editor: { focus: function () {} },
      origin: window.location.origin
    },
    url: { getLocation: function (cb) { cb({ hash: '', parameter: {}, parameters: {} }); } }
  };
})();
</script>`;

export function injectScriptRun(content: string): string {
  const head = /<head[^>]*>/i.exec(content);
  if (head)
    return (
      content.slice(0, head.index + head[0].length) +
      SCRIPT_RUN_SHIM +
      content.slice(head.index + head[0].length)
    );
  return SCRIPT_RUN_SHIM + content;
}
