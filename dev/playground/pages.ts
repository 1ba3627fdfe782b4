// The playground's pages, as pure functions of plain data: the server reads the in-memory
// Workspace (through the same Apps Script services the bundle uses) and hands the values here.
// Every value shown passes through the `html` template, which escapes it.
import {
  addDays,
  dateParts,
  formatDateIt,
  MONTH_NAMES_IT,
  parseIsoDate,
  startOfWeek,
  type IsoDate,
} from '../../src/domain/dates';
import { STATUS_LABELS } from '../../src/domain/labels';
import { html, raw, STYLE, type SafeHtml } from './html';

export type PageKey =
  'modulo' | 'registro' | 'calendario' | 'posta' | 'approvazioni' | 'gmail' | 'calendar' | 'fogli';

const NAV: { key: PageKey; path: string; label: string; hint?: string }[] = [
  { key: 'modulo', path: '/modulo', label: 'Modulo' },
  { key: 'registro', path: '/registro', label: 'Registro' },
  { key: 'calendario', path: '/calendario', label: 'Calendario' },
  { key: 'posta', path: '/posta', label: 'Posta' },
  { key: 'approvazioni', path: '/approvazioni', label: 'Pagina web' },
  { key: 'gmail', path: '/gmail', label: 'Gmail', hint: 'Il componente aggiuntivo in Gmail' },
  {
    key: 'calendar',
    path: '/calendar',
    label: 'Google Calendar',
    hint: 'Il componente aggiuntivo in Calendar',
  },
  { key: 'fogli', path: '/fogli', label: 'Fogli', hint: 'Il componente aggiuntivo in Fogli Google' },
];

export interface PersonOption {
  email: string;
  label: string;
}

export interface LayoutInput {
  title: string;
  active: PageKey | null;
  user: string;
  /** Groups of people to act as: Servizio personale, Responsabili, Dipendenti. */
  people: { group: string; options: PersonOption[] }[];
  /** The fake clock, Rome local time. */
  now: { date: IsoDate; time: string };
  /** Where the act-as and clock forms come back to. */
  path: string;
  wide?: boolean;
}

export function layout(input: LayoutInput, body: SafeHtml): SafeHtml {
  const known = input.people.some((g) => g.options.some((o) => o.email === input.user));
  return html`<!doctype html>
    <html lang="it">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${input.title} · Agorà playground</title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">Agorà</a>
          <nav>
            ${NAV.map(
              (n) =>
                html`<a href="${n.path}" class="${n.key === input.active ? 'on' : ''}" title="${n.hint ?? ''}"
                  >${n.label}</a
                >`,
            )}
          </nav>
          <span class="spacer"></span>
          <form method="post" action="/come" id="act-as">
            <input type="hidden" name="torna" value="${input.path}" />
            <label for="utente">Agisci come</label>
            <select id="utente" name="utente" onchange="this.form.submit()">
              ${known ? '' : html`<option value="${input.user}" selected>${input.user}</option>`}
              ${input.people.map(
                (g) =>
                  html`<optgroup label="${g.group}">
                    ${g.options.map(
                      (o) =>
                        html`<option value="${o.email}" ${o.email === input.user ? raw('selected') : ''}>
                          ${o.label}
                        </option>`,
                    )}
                  </optgroup>`,
              )}
            </select>
            <noscript><button class="small">Cambia</button></noscript>
          </form>
          <form method="post" action="/orologio" class="clock">
            <input type="hidden" name="torna" value="${input.path}" />
            <label>Oggi</label>
            <strong title="Orologio simulato (Europe/Rome)"
              >${formatDateIt(input.now.date)}, ${input.now.time}</strong
            >
            <button class="small secondary" name="passo" value="ora">+1 h</button>
            <button class="small secondary" name="passo" value="giorno">+1 g</button>
            <button class="small secondary" name="passo" value="settimana">+7 g</button>
            <input
              type="datetime-local"
              name="a"
              aria-label="Vai a data e ora"
              value="${input.now.date}T${input.now.time}"
            />
            <button class="small" name="passo" value="vai">Vai</button>
          </form>
        </header>
        <main class="${input.wide ? 'wide' : ''}">${body}</main>
      </body>
    </html>`;
}

export function notice(kind: 'ok' | 'error' | 'info', message: string | SafeHtml): SafeHtml {
  return html`<div class="notice ${kind}">${message}</div>`;
}

// ---- Modulo ---------------------------------------------------------------------------------

export interface FormItemView {
  /** The field name in the page's form (`item-<id>`). */
  field: string;
  type: string;
  title: string;
  helpText: string;
  required: boolean;
  choices: string[];
}

export interface FormView {
  title: string;
  description: string;
  collectsEmail: boolean;
  accepting: boolean;
  items: FormItemView[];
}

export interface ResultDayView {
  date: string;
  location: string;
  status: string;
  /** Lines of the register's «Regole» column: rule · severity · message. */
  rules: string[];
}

export function formPage(
  form: FormView,
  user: string,
  today: IsoDate,
  result: { responseId: string; days: ResultDayView[] } | null,
  error: string | null,
): SafeHtml {
  return html` <h1>Modulo di richiesta</h1>
    <p class="muted">
      Il modulo è letto dal Google Form creato da <em>Configura</em> (con le modifiche del servizio
      personale); l’invio crea una vera risposta e fa scattare l’attivatore del bundle.
    </p>
    ${error ? notice('error', error) : ''} ${result ? resultCard(result) : ''}
    <form method="post" action="/modulo">
      <div class="card form-card">
        <div class="band"></div>
        <h1>${form.title}</h1>
        <p>${form.description}</p>
        ${form.collectsEmail ? html`<p class="muted">Risponderai come <strong>${user}</strong> (email verificata).</p>` : ''}
        ${form.accepting ? '' : notice('error', 'Il modulo non accetta più risposte.')}
      </div>
      ${form.items.map((item) => formItem(item, today))}
      <div class="question"><button ${form.accepting ? '' : raw('disabled')}>Invia</button></div>
    </form>`;
}

function formItem(item: FormItemView, today: IsoDate): SafeHtml {
  const star = item.required ? html` <span class="required" title="obbligatoria">*</span>` : '';
  const id = item.field;
  const required = item.required ? raw('required') : '';
  const label = html`<label class="title" for="${id}">${item.title}${star}</label>${
      item.helpText ? html`<div class="help">${item.helpText}</div>` : ''
    }`;
  switch (item.type) {
    case 'DATE':
      return html`<div class="question">
        ${label}<input type="date" id="${id}" name="${id}" min="${today}" ${required} />
      </div>`;
    case 'LIST':
      return html`<div class="question">
        ${label}<select id="${id}" name="${id}" ${required}>
          <option value="">Scegli</option>
          ${item.choices.map((c) => html`<option value="${c}">${c}</option>`)}
        </select>
      </div>`;
    case 'MULTIPLE_CHOICE':
      return html`<div class="question">
        ${label}${item.choices.map(
          (c, i) =>
            html`<div>
              <label><input type="radio" name="${id}" value="${c}" ${i === 0 ? required : ''} /> ${c}</label>
            </div>`,
        )}
      </div>`;
    case 'CHECKBOX':
      return html`<div class="question">
        ${label}${item.choices.map(
          (c) =>
            html`<div>
              <label><input type="checkbox" name="${id}" value="${c}" /> ${c}</label>
            </div>`,
        )}
      </div>`;
    case 'PARAGRAPH_TEXT':
      return html`<div class="question">
        ${label}<textarea id="${id}" name="${id}" maxlength="1000" ${required}></textarea>
      </div>`;
    case 'TEXT':
      return html`<div class="question">
        ${label}<input type="text" id="${id}" name="${id}" ${required} />
      </div>`;
    case 'SECTION_HEADER':
      return html`<div class="question">
        <strong>${item.title}</strong>
        <div class="help">${item.helpText}</div>
      </div>`;
    default:
      return html`<div class="question">
        ${label}
        <p class="muted">Domanda di tipo ${item.type}: non mostrata dal playground.</p>
      </div>`;
  }
}

function resultCard(result: { responseId: string; days: ResultDayView[] }): SafeHtml {
  if (!result.days.length)
    return notice(
      'error',
      html`La risposta <code>${result.responseId}</code> è stata inviata, ma il registro non ne contiene le
        giornate (vedi <a href="/registro?foglio=Problemi">Problemi</a> e i log).`,
    );
  return html`<div class="card">
    <h2 style="margin-top:0">Esito della richiesta</h2>
    <p class="muted">
      Letto dal foglio «Giornate» del registro (risposta <code>${result.responseId}</code>).
    </p>
    <table class="data">
      <thead>
        <tr>
          <th>Data</th>
          <th>Luogo</th>
          <th>Stato</th>
          <th>Regole</th>
        </tr>
      </thead>
      <tbody>
        ${result.days.map(
          (d) =>
            html`<tr>
              <td>${d.date}</td>
              <td>${d.location}</td>
              <td>${statusPill(d.status)}</td>
              <td>${rulesList(d.rules)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

const STATUS_CLASS = new Map(Object.entries(STATUS_LABELS).map(([k, v]) => [v, k]));

export function statusPill(label: string): SafeHtml {
  const cls = STATUS_CLASS.get(label.trim().toLowerCase());
  return cls ? html`<span class="pill ${cls}">${label}</span>` : html`${label}`;
}

function rulesList(lines: string[]): SafeHtml {
  if (!lines.length) return html`<span class="muted">nessuna</span>`;
  return html`<ul class="violations">
    ${lines.map((line) => {
      const [rule, severity, ...message] = line.split(' · ');
      const cls = severity === 'blocco' ? 'block' : severity === 'avviso' ? 'warn' : '';
      return html`<li class="${cls}" title="${rule}">
        ${message.length ? message.join(' · ') : line}${
          severity ? html` <span class="muted">(${severity})</span>` : ''
        }
      </li>`;
    })}
  </ul>`;
}

// ---- Registro -------------------------------------------------------------------------------

export interface SheetView {
  name: string;
  /** Display values, header first. */
  rows: string[][];
}

export function registerPage(
  sheets: SheetView[],
  selected: string,
  query: string,
  actAsColumn: (sheet: string, header: string) => boolean,
): SafeHtml {
  const sheet = sheets.find((s) => s.name === selected) ?? sheets[0];
  if (!sheet)
    return html`<h1>Registro</h1>
      ${notice('info', 'Il registro non ha ancora fogli: esegui Configura.')}`;
  const [header = [], ...data] = sheet.rows;
  const q = query.trim().toLowerCase();
  const rows = q ? data.filter((r) => r.some((c) => c.toLowerCase().includes(q))) : data;
  const linkCols = new Set(header.map((h, i) => (actAsColumn(sheet.name, h) ? i : -1)).filter((i) => i >= 0));
  const statusCol = sheet.name === 'Giornate' ? header.indexOf('Stato') : -1;
  const rulesCol = sheet.name === 'Giornate' ? header.indexOf('Regole') : -1;
  return html` <h1>Registro</h1>
    <div class="tabs">
      ${sheets.map(
        (s) =>
          html`<a href="/registro?foglio=${encodeURIComponent(s.name)}" class="${s === sheet ? 'on' : ''}"
            >${s.name}<span class="count">${Math.max(s.rows.length - 1, 0)}</span></a
          >`,
      )}
    </div>
    <form method="get" action="/registro" style="margin-bottom:10px">
      <input type="hidden" name="foglio" value="${sheet.name}" />
      <input type="text" name="q" value="${query}" placeholder="Filtra le righe…" size="32" />
      <button class="small">Filtra</button>
      ${q ? html`<a href="/registro?foglio=${encodeURIComponent(sheet.name)}">tutte</a>` : ''}
      <span class="muted">${rows.length} righe${q ? html` su ${data.length}` : ''}</span>
    </form>
    <div class="scroll">
      <table class="data">
        <thead>
          <tr>
            <th>#</th>
            ${header.map((h) => html`<th>${h}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) =>
              html`<tr>
                <td class="muted">${data.indexOf(r) + 2}</td>
                ${r.map((c, i) =>
                  linkCols.has(i) && c.includes('@')
                    ? html`<td>
                        ${c}
                        <a
                          href="/come?utente=${encodeURIComponent(c)}&amp;torna=${encodeURIComponent(
                            `/registro?foglio=${sheet.name}`,
                          )}"
                          title="Agisci come ${c}"
                          >↪</a
                        >
                      </td>`
                    : i === statusCol
                      ? html`<td>${statusPill(c)}</td>`
                      : i === rulesCol && c
                        ? html`<td class="rules">${rulesList(c.split('\n').filter(Boolean))}</td>`
                        : html`<td class="${c.includes('\n') ? 'pre' : ''}">${c}</td>`,
                )}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

// ---- Calendario -----------------------------------------------------------------------------

export interface CalendarEventView {
  /** First day (all-day events) or the day of the start. */
  date: IsoDate;
  /** Last day, inclusive. */
  lastDate: IsoDate;
  title: string;
  description: string;
  location: string;
  time: string;
}

/** What «Mostra nel mio calendario» did. */
export type CalendarMessage = { ok: true; created: number; deleted: number } | { ok: false; error: string };

function syncMessage(m: CalendarMessage): string {
  if (!m.ok) return m.error;
  if (!m.created && !m.deleted) return 'Il calendario era già aggiornato.';
  const added = m.created === 1 ? '1 giornata aggiunta' : `${m.created} giornate aggiunte`;
  const removed = m.deleted === 1 ? '1 tolta' : `${m.deleted} tolte`;
  return `Calendario aggiornato: ${added}, ${removed}.`;
}

export function calendarPage(
  calendarName: string | null,
  month: string,
  today: IsoDate,
  events: CalendarEventView[],
  view: 'mese' | 'elenco',
  own: { user: string; shown: boolean; canSync?: boolean; message?: CalendarMessage | null },
): SafeHtml {
  const mine = own.shown ? '&di=mio' : '';
  const which = html`<p class="muted">
    Calendario:
    ${
      own.shown
        ? html`<a href="/calendario?mese=${month}&amp;vista=${view}">condiviso «Smart working»</a> ·
            <strong>il calendario di ${own.user}</strong> (solo gli eventi «luogo di lavoro»)`
        : html`<strong>condiviso «Smart working»</strong> ·
            <a href="/calendario?mese=${month}&amp;vista=${view}&amp;di=mio">il calendario di ${own.user}</a>
            (luogo di lavoro)`
    }
  </p>`;
  const message = own.message ? notice(own.message.ok ? 'ok' : 'error', syncMessage(own.message)) : '';
  const sync =
    own.shown && own.canSync
      ? html`<form method="post" action="/calendario/mio" class="sync">
          <input type="hidden" name="mese" value="${month}" />
          <input type="hidden" name="vista" value="${view}" />
          <button>Mostra nel mio calendario</button>
          <span class="muted"
            >Esegue <code>syncMyCalendar()</code> del bundle come ${own.user}: le giornate approvate diventano
            eventi «luogo di lavoro» (casa o sede condivisa) nel suo calendario principale.</span
          >
        </form>`
      : '';
  const first = parseIsoDate(`${month}-01`) as IsoDate;
  const { year, month: m } = dateParts(first);
  const prev = addDays(first, -1).slice(0, 7);
  const next = addDays(first, 40).slice(0, 7);
  const title = `${MONTH_NAMES_IT[m - 1]} ${year}`;
  const nav = html`<p>
    <a class="button secondary" href="/calendario?mese=${prev}&amp;vista=${view}${mine}">‹ ${prev}</a>
    <a class="button secondary" href="/calendario?mese=${today.slice(0, 7)}&amp;vista=${view}${mine}">oggi</a>
    <a class="button secondary" href="/calendario?mese=${next}&amp;vista=${view}${mine}">${next} ›</a>
    &nbsp; Vista: <a href="/calendario?mese=${month}&amp;vista=mese${mine}">mese</a> ·
    <a href="/calendario?mese=${month}&amp;vista=elenco${mine}">elenco</a>
    <span class="muted">&nbsp; ${events.length} eventi nel mese</span>
  </p>`;
  if (!calendarName)
    return html`<h1>Calendario</h1>
      ${which}${message}${sync}
      ${notice(
        'info',
        own.shown
          ? 'Questa persona non ha ancora un calendario personale nel Workspace.'
          : 'Il calendario condiviso non esiste ancora: esegui Configura.',
      )}`;
  const head = html`<h1>Calendario «${calendarName}» — ${title}</h1>
    ${which}${message}${sync}${nav}`;
  if (view === 'elenco') {
    return html`${head}${
      events.length
        ? html`<table class="data">
            <thead>
              <tr>
                <th>Giorno</th>
                <th>Evento</th>
                <th>Luogo</th>
                <th>Descrizione</th>
              </tr>
            </thead>
            <tbody>
              ${events.map(
                (e) =>
                  html`<tr>
                    <td>
                      ${formatDateIt(e.date)}${e.lastDate !== e.date ? html` → ${formatDateIt(e.lastDate)}` : ''}${
                        e.time ? html` ${e.time}` : ''
                      }
                    </td>
                    <td>${e.title}</td>
                    <td>${e.location}</td>
                    <td class="pre">${e.description}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : notice('info', 'Nessun evento in questo mese.')
    }`;
  }
  const start = startOfWeek(first);
  const cells: SafeHtml[] = [];
  for (let d = start, i = 0; i < 42; i++, d = addDays(d, 1)) {
    if (i === 35 && d.slice(0, 7) !== month) break;
    const todays = events.filter((e) => e.date <= d && d <= e.lastDate);
    const shown = todays.slice(0, 4);
    cells.push(
      html`<div class="day ${d.slice(0, 7) !== month ? 'other' : ''} ${d === today ? 'today' : ''}">
        <span class="n">${Number(d.slice(8, 10))}</span>
        ${shown.map(
          (e) =>
            html`<div
              class="ev"
              title="${e.title}
${e.location}
${e.description}"
            >
              ${e.title}
            </div>`,
        )}
        ${todays.length > shown.length ? html`<div class="more">+${todays.length - shown.length} altri</div>` : ''}
      </div>`,
    );
  }
  const dows = ['lun', 'mar', 'mer', 'gio', 'ven', 'sab', 'dom'];
  return html`${head}
    <div class="month">${dows.map((d) => html`<div class="dow">${d}</div>`)}${cells}</div>
    <p class="muted">
      Giorni con più di quattro eventi: vedi la vista
      <a href="/calendario?mese=${month}&amp;vista=elenco${mine}">elenco</a>.
    </p>`;
}

// ---- Posta ----------------------------------------------------------------------------------

export interface MailView {
  when: string;
  from: string;
  to: string;
  subject: string;
  body: string;
  html: string;
}

export function mailPage(
  sent: MailView[],
  queued: { sendAt: string; to: string; subject: string; body: string }[],
  user: string,
  onlyMine: boolean,
): SafeHtml {
  const toggle = onlyMine
    ? html`<a href="/posta?tutte=1">mostra la posta di tutti</a>`
    : html`<a href="/posta">mostra solo la posta di ${user}</a>`;
  return html` <h1>Posta</h1>
    <p class="muted">
      Le email inviate dal bundle con MailApp (la più recente prima), e quelle in coda per la fascia di
      disconnessione (inviate dall’attivatore periodico quando l’orologio avanza). ${toggle}
    </p>
    <h2>In coda (${queued.length})</h2>
    ${
      queued.length
        ? queued.map(
            (m) =>
              html`<details class="mail">
                <summary>
                  <strong>${m.subject}</strong><span>a ${m.to}</span>
                  <span class="muted">invio alle ${m.sendAt.replace('T', ' ')}</span>
                </summary>
                <div class="body">${m.body}</div>
              </details>`,
          )
        : html`<p class="muted">Nessuna email in coda.</p>`
    }
    <h2>Inviate (${sent.length})</h2>
    ${
      sent.length
        ? sent.map(
            (m) =>
              html`<details class="mail">
                <summary>
                  <strong>${m.subject}</strong><span>a ${m.to}</span>
                  <span class="muted">da ${m.from} · ${m.when}</span>
                </summary>
                <div class="body">${m.body}</div>
                ${m.html ? html`<iframe sandbox="" srcdoc="${m.html}" title="Versione HTML"></iframe>` : ''}
              </details>`,
          )
        : html`<p class="muted">Nessuna email inviata.</p>`
    }`;
}

// ---- Approvazioni ---------------------------------------------------------------------------

export function approvalsPage(hasPage: boolean, user: string): SafeHtml {
  if (!hasPage)
    return html`<h1>Agorà</h1>
      ${notice('info', 'Il bundle non ha ancora la funzione doGet: la pagina di Agorà arriverà qui.')}`;
  return html` <h1>Agorà</h1>
    <div class="grid2">
      <iframe class="sidebar-frame" src="/html/doGet" title="Agorà — lavoro agile"></iframe>
      <div class="card">
        <p>
          A sinistra la pagina web di Agorà come la vede <strong>${user}</strong>: è l’HTML restituito da
          <code>doGet()</code> dell’applicazione web (eseguita come il titolare, il servizio personale), e
          ogni sua chiamata <code>google.script.run</code> esegue nell’applicazione web la funzione del bundle
          con lo stesso nome, per questo utente.
        </p>
        <p class="muted">
          Cambia utente in alto per vedere la pagina di un responsabile, del servizio personale o di un
          dipendente.
        </p>
        <p><a href="/html/doGet" target="_blank">Apri la pagina a tutta finestra</a></p>
      </div>
    </div>`;
}

export function errorPage(status: number, message: string): SafeHtml {
  return html`<h1>Errore ${status}</h1>
    ${notice('error', message)}
    <p><a href="/">Torna all’inizio</a></p>`;
}
