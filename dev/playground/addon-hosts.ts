// The add-on's three hosts in the playground: Gmail (/gmail: the acting user's mailbox, an open
// message runs the contextual trigger), Calendar (/calendar: the team calendar «Smart working»
// as the user reads it, an opened event runs the eventOpenTrigger) and Sheets (/fogli: a blank
// spreadsheet), each with the add-on's side panel (addon-panel.ts) on the right. Clicks in the
// panel post to /addon/azione.
import type { IncomingMessage } from 'node:http';
import {
  addDays,
  dateParts,
  formatDateIt,
  MONTH_NAMES_IT,
  parseIsoDate,
  startOfWeek,
  weekday,
  type IsoDate,
} from '../../src/domain/dates';
import { fromRomeLocal, toRomeLocal } from '../../src/domain/rome-time';
import { messageAccessToken } from '../workspace/gmail';
import type { SentMail } from '../workspace/mail';
import { safeUrl } from './addon-card';
import type { HostApp, HostContext } from './addon-event';
import { AddOnPanels, localLink, type AddOnManifest, type PanelPlace } from './addon-panel';
import { ADDON_SCRIPT, ADDON_STYLE } from './addon-style';
import type { Backend, CalendarApiEvent } from './backend';
import { html, type SafeHtml } from './html';
import type { PageKey } from './pages';

export interface AddOnRoute {
  method: string;
  url: URL;
  user: string;
  req: IncomingMessage;
  /** Sends a playground page (full width). */
  page(title: string, active: PageKey, body: SafeHtml, status?: number): void;
  readForm(): Promise<URLSearchParams>;
  redirect(location: string): void;
  json(status: number, value: unknown): void;
}

const panelsByBackend = new WeakMap<Backend, AddOnPanels>();

/** The side panels of a playground (one per backend: the server's memory). */
export function addOnPanels(backend: Backend): AddOnPanels {
  let panels = panelsByBackend.get(backend);
  if (!panels) {
    panels = new AddOnPanels(backend);
    panelsByBackend.set(backend, panels);
  }
  return panels;
}

const HOST_PATHS: Record<HostApp, string> = { GMAIL: '/gmail', CALENDAR: '/calendar', SHEETS: '/fogli' };

/** Serves the hosts' pages and the panel's clicks; false when the request is for another page. */
export async function handleAddOnRoute(backend: Backend, r: AddOnRoute): Promise<boolean> {
  const path = r.url.pathname;
  if (r.method === 'GET' && path === '/gmail') return (gmailPage(backend, r), true);
  if (r.method === 'GET' && path === '/calendar') return (calendarPage(backend, r), true);
  if (r.method === 'GET' && path === '/fogli') return (sheetsPage(backend, r), true);
  if (r.method === 'POST' && path === '/addon/azione') return (await panelAction(backend, r), true);
  return false;
}

// ---- contexts -------------------------------------------------------------------------------

/** The open message, if it is in the user's mailbox: Gmail gives the add-on a token for it. */
function gmailContext(
  backend: Backend,
  user: string,
  messageId: string | null,
): { mail: SentMail; context: HostContext } | null {
  if (!messageId) return null;
  const mail = backend.mailbox(user).find((m) => m.id === messageId);
  if (!mail) return null;
  return {
    mail,
    context: { host: 'GMAIL', messageId: mail.id, accessToken: messageAccessToken(user, mail.id) },
  };
}

/** The opened event, as the user can read it. */
function calendarContext(
  backend: Backend,
  user: string,
  calendarId: string | null,
  eventId: string | null,
): { event: CalendarApiEvent; context: HostContext } | null {
  if (!calendarId || !eventId) return null;
  let event: CalendarApiEvent;
  try {
    event = backend.calendarEventAs(user, calendarId, eventId);
  } catch {
    return null;
  }
  if (event.status === 'cancelled') return null;
  return {
    event,
    context: {
      host: 'CALENDAR',
      calendarId,
      eventId,
      organizer: event.organizer?.email ?? calendarId,
      attendees: (event.attendees ?? []).map((a) => a.email ?? '').filter(Boolean),
    },
  };
}

/** A page of a host to come back to after a click (never another site, never a re-open). */
function returnPath(url: URL): string {
  const back = new URL(url.toString());
  back.searchParams.delete('apri');
  return back.pathname + back.search;
}

// ---- the panel ------------------------------------------------------------------------------

function panel(backend: Backend, place: PanelPlace, back: string, reload: boolean): SafeHtml {
  const panels = addOnPanels(backend);
  const m = panels.manifest();
  panels.open(place, reload);
  const flash = panels.takeFlash(place);
  const view = panels.view(place, back);
  const style = m.primaryColor ? `--primary:${m.primaryColor};--on-primary:#fff;` : '';
  const buttons = m.buttonColor ? `--btn:${m.buttonColor};--btn-text:${m.buttonColor};` : '';
  return html`<aside
    class="addon-panel"
    aria-label="${m.name} (componente aggiuntivo)"
    style="${style}${buttons}"
  >
    <div class="addon-progress" hidden><span></span></div>
    <div class="addon-toast" role="status" aria-live="polite">
      ${
        flash
          ? html`<div class="toast-box">
              <span>${flash.toast ?? 'Collegamento pronto.'}</span>
              ${flash.link ? html`<a href="${flash.link}" target="_blank" rel="noopener noreferrer">Apri</a>` : ''}
            </div>`
          : ''
      }
    </div>
    <div class="addon-slot">${view}</div>
  </aside>`;
}

function rail(m: AddOnManifest): SafeHtml {
  const initial = [...m.name][0] ?? '•';
  return html`<div class="rail" aria-hidden="true">
    <span class="rail-icon on" title="${m.name}"
      ><span class="tb-initial">${initial}</span
      >${m.logoUrl ? html`<img src="${m.logoUrl}" alt="" />` : ''}</span
    >
    <hr />
    <span class="rail-icon" title="Installa componenti aggiuntivi">+</span>
  </div>`;
}

function hostFrame(backend: Backend, cls: string, main: SafeHtml, side: SafeHtml): SafeHtml {
  const m = addOnPanels(backend).manifest();
  return html`<style>
      ${ADDON_STYLE}
    </style>
    <div class="host ${cls}">
      <div class="host-main">${main}</div>
      ${side}${rail(m)}
    </div>
    ${ADDON_SCRIPT}`;
}

/** A click in the panel: JSON for the page's script, else back to the host page. */
async function panelAction(backend: Backend, r: AddOnRoute): Promise<void> {
  const fields = await r.readForm();
  const host = (['GMAIL', 'CALENDAR', 'SHEETS'] as const).find((h) => h === fields.get('host')) ?? 'SHEETS';
  const ctx = fields.get('ctx') ?? '';
  let context: HostContext = null;
  if (host === 'GMAIL' && ctx.startsWith('msg:'))
    context = gmailContext(backend, r.user, ctx.slice(4))?.context ?? null;
  if (host === 'CALENDAR' && ctx.startsWith('event:')) {
    const at = ctx.lastIndexOf('/');
    if (at > 6)
      context = calendarContext(backend, r.user, ctx.slice(6, at), ctx.slice(at + 1))?.context ?? null;
  }
  const place: PanelPlace = { user: r.user, host, context };
  const asked = fields.get('torna') ?? '';
  const back =
    asked.startsWith(`${HOST_PATHS[host]}?`) || asked === HOST_PATHS[host] ? asked : HOST_PATHS[host];
  const panels = addOnPanels(backend);
  const result = panels.act(place, (name) => fields.getAll(name));
  if (r.req.headers['x-agora-panel'] === '1') {
    panels.clearFlash(place);
    r.json(200, {
      view: result.changed ? panels.view(place, back).text : null,
      toast: result.toast,
      link: result.link,
    });
    return;
  }
  r.redirect(back);
}

// ---- Gmail ----------------------------------------------------------------------------------

const MONTHS_SHORT = ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'];
const PAGE_SIZE = 50;

function when(ms: number, nowMs: number): string {
  const at = toRomeLocal(ms);
  const today = toRomeLocal(nowMs).date;
  const hhmm = `${String(Math.floor(at.minutes / 60)).padStart(2, '0')}:${String(at.minutes % 60).padStart(2, '0')}`;
  if (at.date === today) return hhmm;
  const { year, month, day } = dateParts(at.date);
  return year === dateParts(today).year ? `${day} ${MONTHS_SHORT[month - 1]}` : `${day}/${month}/${year}`;
}

function fullWhen(ms: number): string {
  const at = toRomeLocal(ms);
  return `${formatDateIt(at.date)}, ${String(Math.floor(at.minutes / 60)).padStart(2, '0')}:${String(at.minutes % 60).padStart(2, '0')}`;
}

/** A plain-text body: escaped, its https links clickable (the web app's links open in the playground). */
export function linkify(text: string): SafeHtml {
  const parts: SafeHtml[] = [];
  let last = 0;
  const LINK = /https:\/\/[^\s<>"']+/g;
  for (let m = LINK.exec(text); m; m = LINK.exec(text)) {
    const url = m[0].replace(/[.,;:!?)\]»]+$/, '');
    parts.push(html`${text.slice(last, m.index)}`);
    const href = safeUrl(url);
    const local = href ? localLink(href) : null;
    parts.push(
      href && local
        ? html`<a
            href="${local}"
            target="_blank"
            rel="noopener noreferrer"
            title="${local === href ? href : `Nel playground: ${local}`}"
            >${url}</a
          >`
        : html`${url}`,
    );
    last = m.index + url.length;
    LINK.lastIndex = last;
  }
  parts.push(html`${text.slice(last)}`);
  return html`${parts}`;
}

function gmailPage(backend: Backend, r: AddOnRoute): void {
  const open = gmailContext(backend, r.user, r.url.searchParams.get('messaggio'));
  const place: PanelPlace = { user: r.user, host: 'GMAIL', context: open?.context ?? null };
  const asked = r.url.searchParams.get('messaggio');
  const now = backend.nowMs();
  let main: SafeHtml;
  if (open) {
    const m = open.mail;
    main = html`<div class="app-bar">
        <span class="app-name"><span class="app-mark" style="background:#c5221f">M</span>Gmail</span>
        <span class="app-nav"><a href="/gmail">← Posta in arrivo</a></span>
        <span class="app-user">${r.user}</span>
      </div>
      <div class="host-content" tabindex="-1">
        <article class="mail-view">
          <h1 class="mail-subject">${m.subject}</h1>
          <div class="mail-meta">
            <span><strong>${m.name ?? m.from}</strong> &lt;${m.from}&gt;</span>
            <span>a ${[m.to, m.cc].filter(Boolean).join(', ')}</span>
            <span>${fullWhen(m.sentAtMs)}</span>
          </div>
          <div class="mail-body">${linkify(m.body)}</div>
        </article>
      </div>`;
  } else {
    const all = backend.mailbox(r.user);
    const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
    const pageNo = Math.min(Math.max(Number(r.url.searchParams.get('pagina')) || 1, 1), pages);
    const shown = all.slice((pageNo - 1) * PAGE_SIZE, pageNo * PAGE_SIZE);
    const nav = (n: number, label: string) =>
      n >= 1 && n <= pages && n !== pageNo ? html`<a href="/gmail?pagina=${n}">${label}</a>` : '';
    main = html`<div class="app-bar">
        <span class="app-name"><span class="app-mark" style="background:#c5221f">M</span>Gmail</span>
        <span class="app-title">Posta in arrivo</span>
        <span class="app-user">${r.user}</span>
      </div>
      <div class="host-content">
        ${asked ? html`<div class="host-note error">Il messaggio ${asked} non è nella posta di ${r.user}.</div>` : ''}
        ${
          all.length
            ? html`<div class="mail-pages">
                  ${(pageNo - 1) * PAGE_SIZE + 1}–${(pageNo - 1) * PAGE_SIZE + shown.length} di ${all.length}
                  ${nav(pageNo - 1, '‹ più recenti')} ${nav(pageNo + 1, 'meno recenti ›')}
                </div>
                <ul class="mail-list">
                  ${shown.map(
                    (m) =>
                      html`<li>
                        <a class="mail-row" href="/gmail?messaggio=${encodeURIComponent(m.id)}&amp;apri=1">
                          <span class="from">${m.from === r.user ? `a: ${m.to}` : (m.name ?? m.from)}</span>
                          <span class="line"
                            ><span class="subject">${m.subject}</span>
                            <span class="snippet">— ${m.body.replace(/\s+/g, ' ').slice(0, 120)}</span></span
                          >
                          <time>${when(m.sentAtMs, now)}</time>
                        </a>
                      </li>`,
                  )}
                </ul>`
            : html`<div class="host-note">
                La posta di ${r.user} è vuota: le email che Agorà invia arrivano qui.
              </div>`
        }
      </div>`;
  }
  const back = returnPath(r.url);
  const body = hostFrame(
    backend,
    'gmail',
    main,
    panel(backend, place, back, r.url.searchParams.get('apri') === '1'),
  );
  r.page(open ? `${open.mail.subject} — Gmail` : 'Gmail', 'gmail', body);
}

// ---- Calendar -------------------------------------------------------------------------------

interface EventView {
  id: string;
  title: string;
  first: IsoDate;
  last: IsoDate;
  time: string;
  location: string;
  description: string;
}

function eventView(e: CalendarApiEvent): EventView | null {
  if (!e.id) return null;
  let first: IsoDate | null;
  let last: IsoDate | null;
  let time = '';
  if (e.start?.date) {
    first = parseIsoDate(e.start.date);
    const end = parseIsoDate(e.end?.date);
    last = first && end && end > first ? addDays(end, -1) : first;
  } else {
    const start = Date.parse(e.start?.dateTime ?? '');
    const end = Date.parse(e.end?.dateTime ?? '');
    if (!Number.isFinite(start)) return null;
    const at = toRomeLocal(start);
    first = at.date;
    last = toRomeLocal(Math.max((Number.isFinite(end) ? end : start) - 1, start)).date;
    time = `${String(Math.floor(at.minutes / 60)).padStart(2, '0')}:${String(at.minutes % 60).padStart(2, '0')}`;
  }
  if (!first || !last) return null;
  return {
    id: e.id,
    title: e.summary || '(senza titolo)',
    first,
    last,
    time,
    location: e.location ?? '',
    description: e.description ?? '',
  };
}

function calendarPage(backend: Backend, r: AddOnRoute): void {
  const today = toRomeLocal(backend.nowMs()).date;
  const asked = r.url.searchParams.get('mese') ?? '';
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? asked : today.slice(0, 7);
  const first = parseIsoDate(`${month}-01`) as IsoDate;
  const gridStart = startOfWeek(first);
  const nextMonth = addDays(first, 40).slice(0, 7);
  const lastOfMonth = addDays(parseIsoDate(`${nextMonth}-01`) as IsoDate, -1);
  const weeks = Math.ceil((Number(lastOfMonth.slice(8)) + weekday(first) - 1) / 7);
  const gridEnd = addDays(gridStart, weeks * 7);
  const calendarId = backend.teamCalendarId();
  let events: EventView[] = [];
  let problem: string | null = null;
  if (!calendarId) problem = 'Il calendario «Smart working» non esiste ancora: esegui Configura.';
  else {
    try {
      events = backend
        .calendarEventsAs(
          r.user,
          calendarId,
          fromRomeLocal({ date: gridStart, minutes: 0 }),
          fromRomeLocal({ date: gridEnd, minutes: 0 }),
        )
        .map(eventView)
        .filter((e): e is EventView => e !== null);
    } catch (e) {
      problem = `${r.user} non può leggere il calendario «Smart working»: ${(e as Error).message}`;
    }
  }
  const open = calendarContext(backend, r.user, calendarId, r.url.searchParams.get('evento'));
  const openView = open ? eventView(open.event) : null;
  const day = parseIsoDate(r.url.searchParams.get('giorno'));
  const place: PanelPlace = { user: r.user, host: 'CALENDAR', context: open?.context ?? null };
  const { year, month: mm } = dateParts(first);
  const prev = addDays(first, -1).slice(0, 7);
  const link = (params: Record<string, string>) =>
    `/calendar?${new URLSearchParams({ mese: month, ...params }).toString()}`;
  const cells: SafeHtml[] = [];
  for (let d = gridStart; d < gridEnd; d = addDays(d, 1)) {
    const todays = events.filter((e) => e.first <= d && d <= e.last);
    const shown = todays.slice(0, 3);
    cells.push(
      html`<div class="day ${d.slice(0, 7) !== month ? 'other' : ''} ${d === today ? 'today' : ''}">
        <span class="n">${Number(d.slice(8))}</span>
        ${shown.map(
          (e) =>
            html`<a
              class="chip ${e.time ? 'timed' : ''} ${openView?.id === e.id ? 'on' : ''}"
              href="${link({ evento: e.id, apri: '1' })}"
              title="${e.title}"
              >${e.time ? `${e.time} ` : ''}${e.title}</a
            >`,
        )}
        ${
          todays.length > shown.length
            ? html`<a class="more" href="${link({ giorno: d })}">altri ${todays.length - shown.length}</a>`
            : ''
        }
      </div>`,
    );
  }
  const dayEvents = day ? events.filter((e) => e.first <= day && day <= e.last) : [];
  const main = html`<div class="app-bar">
      <span class="app-name"><span class="app-mark" style="background:#1a73e8">31</span>Calendar</span>
      <span class="app-nav">
        <a href="/calendar?mese=${today.slice(0, 7)}">Oggi</a>
        <a href="/calendar?mese=${prev}" aria-label="Mese precedente">‹</a>
        <a href="/calendar?mese=${nextMonth}" aria-label="Mese successivo">›</a>
      </span>
      <span class="app-title">${MONTH_NAMES_IT[mm - 1]} ${year}</span>
      <span class="app-user">${r.user}</span>
    </div>
    <div class="host-content">
      ${problem ? html`<div class="host-note error">${problem}</div>` : ''}
      ${
        r.url.searchParams.get('evento') && !open
          ? html`<div class="host-note error">Evento non trovato, o non visibile a ${r.user}.</div>`
          : ''
      }
      ${
        openView
          ? html`<div class="event-card">
              <h2>${openView.title}</h2>
              <div class="meta">
                ${
                  openView.first === openView.last
                    ? formatDateIt(openView.first)
                    : `${formatDateIt(openView.first)} – ${formatDateIt(openView.last)}`
                }${openView.time ? `, ${openView.time}` : ''}
                ${openView.location ? html` · ${openView.location}` : ''} · calendario «Smart working»
              </div>
              ${openView.description ? html`<div class="desc">${openView.description}</div>` : ''}
              <p><a href="${link({})}">Chiudi l’evento</a></p>
            </div>`
          : ''
      }
      ${
        day
          ? html`<div class="day-list">
              <strong>${formatDateIt(day)}</strong>: ${dayEvents.length} eventi ·
              <a href="${link({})}">chiudi</a>
              <ul>
                ${dayEvents.map(
                  (e) =>
                    html`<li><a href="${link({ evento: e.id, apri: '1', giorno: day })}">${e.title}</a></li>`,
                )}
              </ul>
            </div>`
          : ''
      }
      <div class="cal">
        ${['lun', 'mar', 'mer', 'gio', 'ven', 'sab', 'dom'].map((d) => html`<div class="dow">${d}</div>`)}${cells}
      </div>
    </div>`;
  const body = hostFrame(
    backend,
    'calendar',
    main,
    panel(backend, place, returnPath(r.url), r.url.searchParams.get('apri') === '1'),
  );
  r.page(openView ? `${openView.title} — Calendar` : 'Calendar', 'calendar', body);
}

// ---- Sheets ---------------------------------------------------------------------------------

function sheetsPage(backend: Backend, r: AddOnRoute): void {
  const columns = 'ABCDEFGHIJKLMN'.split('');
  const rows = Array.from({ length: 40 }, (_, i) => i + 1);
  const main = html`<div class="app-bar sheets-bar">
      <span class="app-name"
        ><span class="app-mark" style="background:#188038">▦</span>Foglio senza titolo</span
      >
      <span class="app-user">${r.user}</span>
      <div class="sheets-menu" aria-hidden="true">
        ${[
          'File',
          'Modifica',
          'Visualizza',
          'Inserisci',
          'Formato',
          'Dati',
          'Strumenti',
          'Estensioni',
          'Guida',
        ].map((m) => html`<span>${m}</span>`)}
      </div>
    </div>
    <div class="formula" aria-hidden="true"><span class="ref">A1</span><span>fx</span></div>
    <div class="sheet-wrap">
      <table class="sheet" aria-label="Foglio1 (vuoto)">
        <thead>
          <tr>
            <th class="row"></th>
            ${columns.map((c) => html`<th>${c}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (n) =>
              html`<tr>
                <th class="row">${n}</th>
                ${columns.map((c) => html`<td class="${n === 1 && c === 'A' ? 'sel' : ''}"></td>`)}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <div class="sheet-tabs"><span>Foglio1</span></div>`;
  const place: PanelPlace = { user: r.user, host: 'SHEETS', context: null };
  const body = hostFrame(
    backend,
    'sheets',
    main,
    panel(backend, place, returnPath(r.url), r.url.searchParams.get('apri') === '1'),
  );
  r.page('Foglio senza titolo — Fogli', 'fogli', body);
}
