// The web app's page in the browser: days to decide (filtered, paged, selected across refreshes),
// the team's month with the daily headcount against the share, one's own month with reasons and
// what is left, a request form, and the days a mail's link points at (`?giorni=`).
//
// Every text is Italian and comes ready from the read model (src/app/overview.ts) or from the
// domain's own formatters; user text (notes, reasons) only ever goes in as textContent.
// Feedback goes where the action was (the row, the form, the decision bar) and into the status
// line of the bar at the bottom of the window, which stays in view and is read by screen readers.
import type {
  DayItem,
  Overview,
  OverviewQuery,
  PendingItem,
  PendingPage,
  SelectedDays,
  TeamBlock,
  TeamGrid,
} from '../app/overview';
import { formatDayIt, formatMonthIt, parseIsoDate, type MonthKey } from '../domain/dates';
import { countIt, STATUS_HELP, STATUS_LABELS } from '../domain/labels';
import type { DayStatus } from '../domain/model';
import type { ItemResultDto, RequestResultDto } from '../gas/webapp';
import { callServer } from './rpc';

const PAGE_SIZE = 10;
const MAX_DATES = 31;
const HOME = 'home';

// ---- small helpers ----------------------------------------------------------------------------

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

type Child = Node | string | null | undefined | false;

/** An element with attributes and children; strings become text nodes, never markup. */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) node.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

/** A button; `act` buttons save something and are disabled while a save runs. */
function button(
  text: string,
  onClick: () => void,
  opts: { cls?: string; label?: string; focusKey?: string; act?: boolean; disabled?: boolean } = {},
): HTMLButtonElement {
  const b = el('button', {
    type: 'button',
    class: [opts.cls, opts.act ? 'act' : ''].filter(Boolean).join(' ') || undefined,
    'aria-label': opts.label,
    'data-focus-key': opts.focusKey,
  });
  b.textContent = text;
  b.disabled = !!opts.disabled || (!!opts.act && busy);
  b.addEventListener('click', onClick);
  return b;
}

/** The children that are there (a note only when written...). */
const present = (children: Child[]): (Node | string)[] =>
  children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false);

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const keyOf = (d: { employee: string; date: string }) => `${d.employee}|${d.date}`;
const idOf = (prefix: string, key: string) => `${prefix}-${key.replace(/[^a-zA-Z0-9]/g, '_')}`;

/** "in attesa", "approvate": a status label agreeing with a count of days. */
function statusWord(status: DayStatus, n: number): string {
  const label = STATUS_LABELS[status];
  return n === 1 || status === 'pending' ? label : label.replace(/a$/, 'e');
}

/** "1 giornata approvata", "3 giornate in attesa". */
function daysWith(status: DayStatus, n: number): string {
  return `${countIt(n, 'giornata', 'giornate')} ${statusWord(status, n)}`;
}

/** A date as the read model writes it ("lun 16 nov 2026"); anything else quoted. */
function dateLabel(text: string): string {
  const date = parseIsoDate(text);
  return date ? formatDayIt(date) : `«${text}»`;
}

function shiftMonth(month: string, delta: number): MonthKey {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}` as MonthKey;
}

const monthLabel = (month: string) => formatMonthIt(month as MonthKey);

function newToken(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c) c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function readParams(): { days: string[] } {
  try {
    const raw = JSON.parse(document.getElementById('agora-params')?.textContent ?? '{}') as {
      days?: unknown;
    };
    return { days: Array.isArray(raw.days) ? raw.days.map(String).filter(Boolean) : [] };
  } catch {
    return { days: [] };
  }
}

// ---- state ------------------------------------------------------------------------------------

const params = readParams();
const query = { month: '', teamMonth: '', person: '', sector: '', page: 1 };
let data: Overview | null = null;
let mail: SelectedDays | null = null;
/** Days ticked, by employee|date: kept across refreshes while they are still pending and shown. */
const selected = new Set<string>();
/** Check boxes that tick several days at once (page, person, week, the mail's days). */
const groups = new Map<string, string[]>();
/** What the last action did to each day, shown on its row until the next action. */
const rowNotes = new Map<string, { text: string; kind: 'ok' | 'error' }>();
/** Names and dates of the days shown, for messages about them. */
const known = new Map<string, { name: string; dateLabel: string }>();
/** The day whose cancellation waits for a confirmation: `scope:key`. */
let confirming = '';
let busy = false;
let teamFilter: string | null = null;
/** The team's grid was drawn and not yet scrolled to today. */
let gridToScroll = false;
let requestToken = newToken();
let loads = 0;
let firstRender = true;

// ---- feedback ---------------------------------------------------------------------------------

type Kind = 'ok' | 'error' | 'info';

/** The status line at the bottom of the window (aria-live): always in view. */
function say(text: string, kind: Kind, details: string[] = []): void {
  const s = $('status');
  s.className = kind;
  s.replaceChildren(el('p', {}, text));
  if (details.length) s.append(el('ul', {}, ...details.map((d) => el('li', {}, d))));
  dockLook();
}

/** The bar at the bottom shows only when it has something: the decision or a message. */
function dockLook(): void {
  $('dock').classList.toggle('empty', $('decide').hidden && !$('status').textContent);
}

function errorText(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  // The browser's own words for a lost connection are English: say it in Italian.
  if (!message || /failed to fetch|network|connection|HTTP 0|load failed/i.test(message))
    return 'il collegamento con il server si è interrotto';
  return message;
}

let focusBeforeBusy: HTMLElement | null = null;

/** While saving, every button that saves is disabled (a second Enter does nothing). */
function setBusy(on: boolean): void {
  busy = on;
  document.body.setAttribute('aria-busy', String(on));
  if (on) focusBeforeBusy = document.activeElement as HTMLElement | null;
  for (const b of document.querySelectorAll<HTMLButtonElement>('button.act')) b.disabled = on;
  if (!on) {
    const target = focusBeforeBusy;
    focusBeforeBusy = null;
    const active = document.activeElement;
    if (target && target.isConnected && (!active || active === document.body)) target.focus();
  }
}

// ---- loading ----------------------------------------------------------------------------------

async function refresh(): Promise<void> {
  const mine = ++loads;
  document.body.dataset.state = 'loading';
  const q: OverviewQuery = {
    month: query.month || undefined,
    teamRange: 'month',
    teamDate: query.teamMonth ? `${query.teamMonth}-01` : undefined,
    person: query.person,
    sector: query.sector,
    page: query.page,
    pageSize: PAGE_SIZE,
  };
  try {
    const [overview, days] = await Promise.all([
      callServer('pageOverview', q),
      params.days.length ? callServer('pageDays', params.days) : Promise.resolve(null),
    ]);
    if (mine !== loads) return; // a later load is on its way
    data = overview;
    mail = days;
    query.person = overview.pending.filter.person;
    query.sector = overview.pending.filter.sector;
    query.page = overview.pending.page;
    render();
    document.body.dataset.state = 'ready';
  } catch (e) {
    if (mine !== loads) return;
    document.body.dataset.state = 'error';
    for (const id of ['pending-list', 'team-list', 'own-list'])
      if ($(id).textContent === 'Caricamento…') $(id).textContent = 'Dati non disponibili.';
    say(`Non è stato possibile caricare i dati: ${errorText(e)}`, 'error');
  }
}

/** Redraws everything, keeping the focus on the same control when it is still there. */
function render(): void {
  if (!data) return;
  const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.focusKey;
  known.clear();
  groups.clear();
  renderWho(data);
  renderTabs(data);
  renderMail();
  renderPending(data.pending);
  renderTeam(data.team);
  renderOwn(data);
  pruneSelection();
  syncSelection();
  updateDock();
  restoreFocus(focusKey);
  if (firstRender) {
    firstRender = false;
    if (params.days.length) $('mail-title').focus();
  }
}

function restoreFocus(focusKey: string | undefined): void {
  if (!focusKey) return;
  const active = document.activeElement as HTMLElement | null;
  if (active && active !== document.body && active.isConnected && active.dataset.focusKey === focusKey)
    return;
  const target = document.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusKey)}"]`);
  if (target && !(target as HTMLButtonElement).disabled) target.focus();
  else if (!active || active === document.body || !active.isConnected) currentPanel()?.focus();
}

function renderWho(o: Overview): void {
  const role = o.isAdmin ? 'servizio personale' : o.isManager ? 'responsabile' : 'dipendente';
  const who = $('who');
  // Who is not in the staff list has no name in the register: their role says enough.
  const name = o.name === o.user ? '' : `${o.name} · `;
  who.replaceChildren(`${name}${role} · oggi ${o.todayLabel}`);
  if (o.admin && o.admin.problems > 0)
    who.append(
      el('br'),
      `Il registro ha ${countIt(o.admin.problems, 'problema', 'problemi')} da controllare (foglio Problemi).`,
    );
}

// ---- tabs -------------------------------------------------------------------------------------

const tabs = () => [...document.querySelectorAll<HTMLElement>('[role=tab]')].filter((t) => !t.hidden);
const currentTab = () => tabs().find((t) => t.getAttribute('aria-selected') === 'true') ?? null;
const currentPanel = () => {
  const tab = currentTab();
  return tab ? $(tab.getAttribute('aria-controls') ?? '') : null;
};

function selectTab(tab: HTMLElement, focus = true): void {
  for (const t of document.querySelectorAll<HTMLElement>('[role=tab]')) {
    const on = t === tab;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute('aria-controls') ?? '').hidden = !on;
  }
  if (focus) tab.focus();
  if (gridToScroll) scrollToToday();
  updateDock();
}

function renderTabs(o: Overview): void {
  // Who decides for nobody has nothing to approve: the tab is not there.
  const pendingTab = $('tab-pending');
  pendingTab.hidden = !(o.isManager || o.isAdmin || o.pending.days > 0);
  if (pendingTab.hidden && pendingTab.getAttribute('aria-selected') === 'true')
    selectTab($('tab-own'), false);
}

for (const tab of document.querySelectorAll<HTMLElement>('[role=tab]')) {
  tab.addEventListener('click', () => selectTab(tab));
  tab.addEventListener('keydown', (event) => {
    const list = tabs();
    const i = list.indexOf(tab);
    const next =
      event.key === 'ArrowRight'
        ? list[(i + 1) % list.length]
        : event.key === 'ArrowLeft'
          ? list[(i + list.length - 1) % list.length]
          : event.key === 'Home'
            ? list[0]
            : event.key === 'End'
              ? list[list.length - 1]
              : null;
    if (next) {
      event.preventDefault();
      selectTab(next);
    }
  });
}

// ---- selection --------------------------------------------------------------------------------

/** Keys of the days that can be ticked now (pending, shown, the caller's to decide). */
function decidable(): Set<string> {
  return new Set(
    [...document.querySelectorAll<HTMLInputElement>('input[data-key]')].map((b) => b.dataset.key ?? ''),
  );
}

function pruneSelection(): void {
  const open = decidable();
  for (const k of [...selected]) if (!open.has(k)) selected.delete(k);
}

/** Check boxes reflect `selected`; group boxes are ticked, empty or mixed; the count is live. */
function syncSelection(): void {
  for (const b of document.querySelectorAll<HTMLInputElement>('input[data-key]'))
    b.checked = selected.has(b.dataset.key ?? '');
  for (const b of document.querySelectorAll<HTMLInputElement>('input[data-group]')) {
    const keys = groups.get(b.dataset.group ?? '') ?? [];
    const ticked = keys.filter((k) => selected.has(k)).length;
    b.checked = keys.length > 0 && ticked === keys.length;
    b.indeterminate = ticked > 0 && ticked < keys.length;
  }
  const n = selected.size;
  const text =
    n === 0
      ? 'Nessuna giornata selezionata'
      : n === 1
        ? '1 giornata selezionata'
        : `${n} giornate selezionate`;
  const count = $('selection-count');
  if (count.textContent !== text) count.textContent = text;
}

function dayCheckbox(item: DayItem, prefix: string, label: Child[]): HTMLElement {
  const key = keyOf(item);
  const id = idOf(prefix, key);
  const box = el('input', {
    type: 'checkbox',
    id,
    'data-key': key,
    'data-employee': item.employee,
    'data-date': item.date,
    'data-focus-key': `${prefix}:box:${key}`,
  });
  box.checked = selected.has(key);
  box.addEventListener('change', () => {
    if (box.checked) selected.add(key);
    else selected.delete(key);
    syncSelection();
  });
  return el('div', { class: 'check' }, box, el('label', { for: id }, ...label));
}

/** A box that ticks or clears `keys` together. */
function groupCheckbox(
  group: string,
  keys: string[],
  text: Child[],
  ariaLabel?: string,
  cls = '',
): HTMLElement {
  groups.set(group, keys);
  const id = idOf('g', group);
  const box = el('input', {
    type: 'checkbox',
    id,
    'data-group': group,
    'aria-label': ariaLabel,
    'data-focus-key': `group:${group}`,
  });
  box.addEventListener('change', () => {
    const all = keys.every((k) => selected.has(k));
    for (const k of keys) {
      if (all) selected.delete(k);
      else selected.add(k);
    }
    syncSelection();
  });
  return el('div', { class: `check ${cls}`.trim() }, box, el('label', { for: id }, ...text));
}

function updateDock(): void {
  const pendingShown =
    !$('panel-pending').hidden && !!document.querySelector('#pending-list input[data-key]');
  const mailShown = !$('mail-days').hidden && !!document.querySelector('#mail-list input[data-key]');
  $('decide').hidden = !(pendingShown || mailShown);
  dockLook();
}

// ---- one day ----------------------------------------------------------------------------------

function badge(item: { status: DayStatus; statusLabel: string }): HTMLElement {
  return el('span', { class: `badge st-${item.status}` }, item.statusLabel);
}

function feedback(key: string, plain = false): HTMLElement | null {
  const note = rowNotes.get(key);
  return note ? el('span', { class: `feedback ${note.kind}${plain ? ' plain' : ''}` }, note.text) : null;
}

function counters(d: PendingItem): HTMLElement {
  const line = el('div', { class: 'line' });
  const part = (text: string, over: boolean) => el('span', { class: over ? 'block' : undefined }, text);
  line.append(
    part(`nella settimana ${d.week.used} su ${d.week.limit}`, d.week.used > d.week.limit),
    ' · ',
    part(`nel mese ${d.month.used} su ${d.month.limit}`, d.month.used > d.month.limit),
  );
  if (d.site)
    line.append(
      ' · ',
      part(
        `in sede ${d.site.used} su ${countIt(d.site.limit, 'posto', 'posti')}`,
        d.site.used > d.site.limit,
      ),
    );
  return line;
}

/** What the manager needs to decide: counters, note, warnings, blocks. */
function pendingDetails(d: PendingItem): (Node | string)[] {
  return present([
    counters(d),
    d.note && el('div', { class: 'line' }, 'Nota: ', el('span', { class: 'note-text' }, d.note)),
    ...d.warnings.map((w) =>
      el('div', { class: 'line warn' }, '⚠ ', el('span', { class: 'warn-text', title: w.label }, w.message)),
    ),
    ...d.blocks.map((b) =>
      el(
        'div',
        { class: 'line block' },
        '✖ Non approvabile ora: ',
        el('span', { class: 'block-text', title: b.label }, b.message),
      ),
    ),
  ]);
}

/** Status explained, and why it was refused or rejected. */
function statusDetails(d: DayItem): (Node | string)[] {
  return present([
    el('div', { class: 'line plain muted' }, capitalize(d.statusHelp), '.'),
    d.reason &&
      el(
        'div',
        { class: `line plain reason ${d.status === 'refused' || d.status === 'rejected' ? 'block' : ''}` },
        d.status === 'rejected' ? 'Motivazione del responsabile: ' : 'Motivo: ',
        el('span', { class: 'reason-text' }, d.reason),
      ),
  ]);
}

/** "Annulla la giornata", then a confirmation in place. */
function cancelControls(item: DayItem, scope: 'own' | 'mail', own: boolean): HTMLElement {
  const key = keyOf(item);
  const whose = own ? '' : ` di ${item.name}`;
  const wrap = el('div', { class: 'line plain' });
  if (confirming === `${scope}:${key}`) {
    const question = `Annullare la giornata${whose} di ${item.dateLabel}? Non conterà più nei limiti e sparirà dal calendario.`;
    const back = () => {
      confirming = '';
      rerender(scope);
      document
        .querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(`${scope}:cancel:${key}`)}"]`)
        ?.focus();
    };
    const box = el(
      'div',
      { class: 'confirm', role: 'group', 'aria-label': 'Conferma dell’annullamento' },
      el('p', {}, question),
      button('Sì, annulla la giornata', () => void cancel(item, scope), {
        cls: 'danger small',
        act: true,
        focusKey: `${scope}:yes:${key}`,
      }),
      ' ',
      button('No, tienila', back, { cls: 'small', focusKey: `${scope}:no:${key}` }),
    );
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') back();
    });
    wrap.append(box);
  } else {
    wrap.append(
      button(
        'Annulla la giornata',
        () => {
          confirming = `${scope}:${key}`;
          rerender(scope);
          document
            .querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(`${scope}:yes:${key}`)}"]`)
            ?.focus();
        },
        {
          cls: 'small',
          act: true,
          label: `Annulla la giornata${whose} di ${item.dateLabel}`,
          focusKey: `${scope}:cancel:${key}`,
        },
      ),
    );
  }
  return wrap;
}

function rerender(scope: 'own' | 'mail'): void {
  if (!data) return;
  if (scope === 'own') renderOwnList(data);
  else renderMail();
  syncSelection();
}

// ---- the mail's days --------------------------------------------------------------------------

function renderMail(): void {
  const section = $('mail-days');
  section.hidden = params.days.length === 0;
  if (section.hidden) return;
  const list = $('mail-list');
  list.replaceChildren();
  if (!mail) {
    list.append(el('p', {}, 'Caricamento…'));
    return;
  }
  const toDecide = mail.days.filter((d) => d.canDecide);
  const summary = [countIt(mail.days.length, 'giornata', 'giornate', 'Nessuna giornata')];
  if (toDecide.length) summary.push(`${toDecide.length} da decidere`);
  list.append(el('p', {}, `${summary.join(', ')}.`));
  if (toDecide.length > 1)
    list.append(
      groupCheckbox(
        'mail',
        toDecide.map(keyOf),
        ['Seleziona tutte le giornate della mail da decidere'],
        undefined,
        'select-all',
      ),
    );
  for (const d of mail.days) {
    const key = keyOf(d);
    known.set(key, { name: d.name, dateLabel: d.dateLabel });
    const title: Child[] = [
      el('span', { class: 'title' }, `${d.name}, ${d.dateLabel} — ${d.locationLabel}`),
      ' ',
      badge(d),
    ];
    const row = el('div', {
      class: 'day',
      'data-row-key': key,
      tabindex: '-1',
      'data-focus-key': `mail:row:${key}`,
    });
    row.append(d.canDecide ? dayCheckbox(d, 'm', title) : el('div', { class: 'line plain' }, ...title));
    // A day to decide shows what the decision needs; the others what their status means.
    if (!d.canDecide) row.append(...statusDetails(d));
    if (d.pending) row.append(...pendingDetails(d.pending));
    else if (d.note)
      row.append(el('div', { class: 'line plain' }, 'Nota: ', el('span', { class: 'note-text' }, d.note)));
    if (d.canCancel && !d.canDecide) row.append(cancelControls(d, 'mail', d.employee === data?.user));
    row.append(feedback(key, !d.canDecide) ?? '');
    list.append(row);
  }
  if (mail.hidden)
    list.append(
      el(
        'p',
        { class: 'muted' },
        mail.hidden === 1
          ? 'Una giornata della mail non è più nel registro o non è tra quelle che puoi vedere.'
          : `${mail.hidden} giornate della mail non sono più nel registro o non sono tra quelle che puoi vedere.`,
      ),
    );
}

// ---- days to decide ---------------------------------------------------------------------------

function renderPending(p: PendingPage): void {
  const list = $('pending-list');
  list.replaceChildren();
  const filtered = !!(p.filter.person || p.filter.sector);
  const summary = p.days
    ? `${countIt(p.days, 'giornata in attesa', 'giornate in attesa')} di ${countIt(p.people, 'persona', 'persone')}` +
      (filtered ? ' (con il filtro scelto)' : '') +
      (p.pages > 1 ? ` · pagina ${p.page} di ${p.pages}` : '') +
      '.'
    : filtered
      ? 'Nessuna giornata in attesa con il filtro scelto.'
      : 'Nessuna giornata in attesa.';
  list.append(el('p', { id: 'pending-summary', tabindex: '-1' }, summary));
  if (p.persons.length > 1 || p.sectors.length > 1 || filtered) list.append(filters(p));
  if (!p.groups.length) return;

  const all = p.groups.flatMap((g) => g.weeks.flatMap((w) => w.days.map(keyOf)));
  if (all.length > 1)
    list.append(
      groupCheckbox(
        'page',
        all,
        [
          p.pages > 1
            ? `Seleziona tutte le giornate di questa pagina (${all.length})`
            : `Seleziona tutte le giornate (${all.length})`,
        ],
        undefined,
        'select-all',
      ),
    );
  for (const g of p.groups) {
    const box = el('div', { class: 'box group' });
    const keys = g.weeks.flatMap((w) => w.days.map(keyOf));
    box.append(el('h3', {}, g.name), el('p', { class: 'muted' }, `${g.sector} — ${g.organisation}`));
    if (keys.length > 1)
      box.append(
        groupCheckbox(
          `person:${g.email}`,
          keys,
          [`Tutte le giornate di ${g.name} (${keys.length})`],
          undefined,
          'select-all',
        ),
      );
    for (const w of g.weeks) {
      const weekKeys = w.days.map(keyOf);
      const label = capitalize(w.label);
      if (weekKeys.length > 1 && g.weeks.length > 1)
        box.append(
          groupCheckbox(
            `week:${g.email}:${w.key}`,
            weekKeys,
            [label],
            `Seleziona la ${w.label} di ${g.name}`,
            'week',
          ),
        );
      else box.append(el('p', { class: 'week' }, label));
      for (const d of w.days) {
        const key = keyOf(d);
        known.set(key, { name: d.name, dateLabel: d.dateLabel });
        const row = el('div', { class: 'day', 'data-row-key': key });
        row.append(
          dayCheckbox(d, 'p', [
            el('span', { class: 'sr-only' }, `${d.name}, `),
            el('span', { class: 'title' }, `${d.dateLabel} — ${d.locationLabel}`),
          ]),
          ...pendingDetails(d),
        );
        row.append(feedback(key) ?? '');
        box.append(row);
      }
    }
    list.append(box);
  }
  if (p.pages > 1) {
    const go = (page: number) => () => {
      query.page = page;
      void refresh();
    };
    list.append(
      el(
        'nav',
        { class: 'nav', 'aria-label': 'Pagine delle giornate da approvare' },
        button('‹ Pagina precedente', go(p.page - 1), { disabled: p.page <= 1, focusKey: 'page:prev' }),
        el('span', { class: 'current' }, `Pagina ${p.page} di ${p.pages}`),
        button('Pagina successiva ›', go(p.page + 1), { disabled: p.page >= p.pages, focusKey: 'page:next' }),
      ),
    );
  }
}

function filters(p: PendingPage): HTMLElement {
  const person = el('select', { id: 'filter-person', 'data-focus-key': 'filter:person' });
  person.append(el('option', { value: '' }, 'Tutte le persone'));
  for (const x of p.persons) person.append(el('option', { value: x.email }, x.name));
  person.value = p.filter.person;
  const sector = el('select', { id: 'filter-sector', 'data-focus-key': 'filter:sector' });
  sector.append(el('option', { value: '' }, 'Tutti i settori'));
  for (const s of p.sectors) sector.append(el('option', { value: s }, s));
  sector.value = p.filter.sector;
  const apply = () => {
    query.person = person.value;
    query.sector = sector.value;
    query.page = 1;
    void refresh();
  };
  person.addEventListener('change', apply);
  sector.addEventListener('change', apply);
  return el(
    'div',
    { class: 'box', role: 'group', 'aria-label': 'Filtro' },
    el('div', { class: 'field' }, el('label', { for: 'filter-person' }, 'Persona'), person),
    el('div', { class: 'field' }, el('label', { for: 'filter-sector' }, 'Settore'), sector),
  );
}

async function decide(decision: 'approve' | 'reject'): Promise<void> {
  if (busy) return;
  const keys = [...selected];
  if (!keys.length) return say('Seleziona almeno una giornata.', 'error');
  const field = $<HTMLTextAreaElement>('reason');
  const reason = field.value.trim();
  if (decision === 'approve') field.removeAttribute('aria-invalid');
  if (decision === 'reject' && !reason) {
    field.setAttribute('aria-invalid', 'true');
    field.focus();
    return say('Per rifiutare scrivi una motivazione.', 'error');
  }
  const [one, many] = decision === 'approve' ? ['approvata', 'approvate'] : ['rifiutata', 'rifiutate'];
  setBusy(true);
  rowNotes.clear();
  say(`Salvataggio di ${countIt(keys.length, 'giornata', 'giornate')} in corso…`, 'info');
  try {
    const items = keys.map((k) => {
      const [employee, date] = k.split('|');
      return { employee, date, decision, reason };
    });
    const results: ItemResultDto[] = await callServer('pageDecide', items);
    const done: string[] = [];
    const already: string[] = [];
    const failed: string[] = [];
    for (const r of results) {
      const key = keyOf(r);
      const what = known.get(key);
      const name = what ? `${what.name}, ${what.dateLabel}` : 'Giornata';
      if (r.ok && r.already) {
        already.push(key);
        rowNotes.set(key, { text: `Era già ${one}: nessun cambiamento.`, kind: 'ok' });
      } else if (r.ok) {
        done.push(key);
        rowNotes.set(key, { text: `${capitalize(one)} ora.`, kind: 'ok' });
      } else {
        failed.push(`${name}: ${r.message ?? 'non riuscito.'}`);
        rowNotes.set(key, { text: `Non ${one}: ${r.message ?? ''}`.trim(), kind: 'error' });
      }
      if (r.ok) selected.delete(key);
    }
    const parts: string[] = [];
    if (done.length) parts.push(`${countIt(done.length, `giornata ${one}`, `giornate ${many}`)}.`);
    if (already.length)
      parts.push(
        already.length === 1
          ? `1 giornata era già ${one}: nessun cambiamento.`
          : `${already.length} giornate erano già ${many}: nessun cambiamento.`,
      );
    if (failed.length)
      parts.push(`${countIt(failed.length, `giornata non ${one}`, `giornate non ${many}`)}:`);
    say(parts.join(' '), failed.length ? 'error' : 'ok', failed);
    if (decision === 'reject' && !failed.length) field.value = '';
    await refresh();
  } catch (e) {
    say(
      `Salvataggio non riuscito: ${errorText(e)}. Riprova: ciò che era già registrato non cambia.`,
      'error',
    );
  } finally {
    setBusy(false);
  }
}

// ---- the team ---------------------------------------------------------------------------------

const MARKS: Record<string, string> = {
  'approved-home': '●',
  'pending-home': '○',
  'approved-site': '■',
  'pending-site': '□',
};

function renderTeam(t: TeamGrid): void {
  const list = $('team-list');
  list.replaceChildren();
  const month = t.from.slice(0, 7);
  const prev = shiftMonth(month, -1);
  const next = shiftMonth(month, 1);
  const go = (m: string) => () => {
    query.teamMonth = m;
    void refresh();
  };
  list.append(
    el('h2', { class: 'nav-title', id: 'team-month' }, capitalize(t.label)),
    el(
      'nav',
      { class: 'nav', 'aria-label': 'Mese della squadra' },
      button(`‹ ${monthLabel(prev)}`, go(prev), {
        label: `Mese precedente: ${monthLabel(prev)}`,
        focusKey: 'team:prev',
      }),
      button(`${monthLabel(next)} ›`, go(next), {
        label: `Mese successivo: ${monthLabel(next)}`,
        focusKey: 'team:next',
      }),
    ),
  );
  const share = `${Math.round(t.share * 100)} %`;
  if (!t.teams.length) {
    list.append(el('p', {}, 'Nessuna squadra da mostrare.'));
    return;
  }
  list.append(
    el(
      'p',
      { class: 'muted' },
      `Chi è in lavoro agile ogni giorno (approvate e in attesa) e quante persone per squadra, al massimo il ${share} della squadra.`,
    ),
    el(
      'p',
      { class: 'muted legend' },
      '● casa, approvata · ○ casa, in attesa · ■ sede condivisa, approvata · □ sede condivisa, in attesa. ' +
        'Ultima riga: persone in lavoro agile quel giorno; «!» oltre il limite.',
    ),
  );
  let shown = t.teams;
  if (t.teams.length > 1) {
    if (teamFilter === null || (teamFilter && !t.teams.some((b) => b.key === teamFilter)))
      teamFilter = t.teams.length > 3 ? t.teams[0].key : '';
    const select = el('select', { id: 'team-filter', 'data-focus-key': 'team:filter' });
    select.append(el('option', { value: '' }, `Tutte le squadre (${t.teams.length})`));
    for (const b of t.teams) select.append(el('option', { value: b.key }, b.label));
    select.value = teamFilter;
    select.addEventListener('change', () => {
      teamFilter = select.value;
      if (data) renderTeam(data.team);
      $('team-filter').focus();
    });
    list.append(el('div', { class: 'field' }, el('label', { for: 'team-filter' }, 'Squadra'), select));
    shown = teamFilter ? t.teams.filter((b) => b.key === teamFilter) : t.teams;
  }
  for (const block of shown) list.append(teamBlock(block, t, share));
  gridToScroll = true;
  scrollToToday();
}

/** A narrow window shows a few days of the month: start from today's, when it is there. */
function scrollToToday(): void {
  // Hidden, the grid has no layout: done when the team's tab is shown.
  if ($('panel-team').hidden) return;
  gridToScroll = false;
  for (const wrap of document.querySelectorAll<HTMLElement>('#team-list .grid-wrap')) {
    const today = wrap.querySelector<HTMLElement>('thead th.today');
    const name = wrap.querySelector<HTMLElement>('thead th.name');
    if (today && name) wrap.scrollLeft = Math.max(0, today.offsetLeft - name.offsetWidth - 2);
  }
}

function teamBlock(block: TeamBlock, t: TeamGrid, share: string): HTMLElement {
  const limit = block.days[0]?.limit ?? 0;
  const wrap = el('section', { class: 'team', 'aria-label': block.label });
  wrap.append(
    el('h3', {}, block.label),
    el(
      'p',
      { class: 'muted' },
      `${countIt(block.size, 'persona', 'persone')} · al massimo ${countIt(limit, 'persona', 'persone')} al giorno in lavoro agile (${share}).`,
    ),
  );
  const over = block.days.filter((d) => d.over && d.working);
  wrap.append(
    el(
      'p',
      { class: over.length ? 'block over-days' : 'muted over-days' },
      over.length
        ? `Oltre il limite: ${over.map((d) => `${d.label} (${d.count} su ${d.limit})`).join(', ')}.`
        : 'Nessun giorno oltre il limite.',
    ),
  );
  const today = data?.today ?? '';
  const table = el('table', { class: 'grid' });
  table.append(el('caption', { class: 'sr-only' }, `${block.label}, ${t.label}`));
  const head = el('tr', {}, el('th', { scope: 'col', class: 'name' }, 'Persona'));
  for (const d of block.days) {
    const [weekday, day] = d.label.split(' ');
    const cls = [d.working ? '' : 'off', d.date === today ? 'today' : ''].filter(Boolean).join(' ');
    head.append(
      el(
        'th',
        { scope: 'col', class: cls || undefined, title: d.label, abbr: d.label },
        el('span', {}, weekday),
        el('br'),
        el('span', {}, day),
      ),
    );
  }
  table.append(el('thead', {}, head));
  const body = el('tbody');
  for (const p of block.people) {
    const tr = el('tr', {}, el('th', { scope: 'row', class: 'name' }, p.name));
    for (const d of block.days) {
      const cell = p.cells[d.date];
      const cls = [d.working ? '' : 'off', d.date === today ? 'today' : ''];
      if (!cell) {
        tr.append(el('td', { class: cls.filter(Boolean).join(' ') || undefined }));
        continue;
      }
      const kind = `${cell.status}-${cell.location === 'casa' ? 'home' : 'site'}`;
      cls.push(`mark-${cell.status}`);
      tr.append(
        el(
          'td',
          {
            class: cls.filter(Boolean).join(' '),
            title: `${p.name}, ${d.label}: ${cell.label}, ${cell.location}`,
          },
          el('span', { 'aria-hidden': 'true' }, MARKS[kind] ?? '•'),
          el('span', { class: 'sr-only' }, `${cell.label}, ${cell.location}`),
        ),
      );
    }
    body.append(tr);
  }
  table.append(body);
  const total = el('tr', {}, el('th', { scope: 'row', class: 'name' }, `In lavoro agile (massimo ${limit})`));
  for (const d of block.days) {
    const cls = ['count', d.working ? '' : 'off', d.over ? 'over' : '', d.date === today ? 'today' : ''];
    total.append(
      el(
        'td',
        {
          class: cls.filter(Boolean).join(' '),
          title: `${d.label}: ${countIt(d.count, 'persona', 'persone')} su un massimo di ${d.limit}`,
        },
        el('span', { 'aria-hidden': 'true' }, d.working || d.count ? `${d.count}${d.over ? '!' : ''}` : '–'),
        el('span', { class: 'sr-only' }, `${d.count} su ${d.limit}${d.over ? ', oltre il limite' : ''}`),
      ),
    );
  }
  table.append(el('tfoot', {}, total));
  wrap.append(
    el(
      'div',
      {
        class: 'grid-wrap',
        role: 'region',
        tabindex: '0',
        'aria-label': `Griglia: ${block.label}, ${t.label}`,
      },
      table,
    ),
  );
  return wrap;
}

// ---- one's own days ---------------------------------------------------------------------------

function renderOwn(o: Overview): void {
  const summary = $('own-summary');
  summary.replaceChildren();
  const form = $('request');
  form.hidden = !o.me;
  if (!o.me) {
    summary.append(
      el('p', {}, 'Non risulti tra i dipendenti registrati in Agorà: qui non ci sono giornate tue.'),
    );
    $('own-list').replaceChildren();
    return;
  }
  const left = (used: number, limit: number) => {
    const n = Math.max(0, limit - used);
    return n === 0 ? 'nessuna rimasta' : n === 1 ? 'ne resta 1' : `ne restano ${n}`;
  };
  const { week, month } = o.me;
  summary.append(
    el('h2', {}, 'Quante giornate ti restano'),
    el(
      'ul',
      { class: 'counters' },
      el(
        'li',
        {},
        el('strong', {}, capitalize(week.label)),
        `: ${countIt(week.used, 'giornata usata', 'giornate usate')} su ${week.limit}, ${left(week.used, week.limit)}.`,
      ),
      el(
        'li',
        {},
        el('strong', {}, capitalize(month.label)),
        `: ${countIt(month.used, 'giornata usata', 'giornate usate')} su ${month.limit}, ${left(month.used, month.limit)} ` +
          `(${countIt(month.workingDays, 'giorno lavorativo', 'giorni lavorativi')}).`,
      ),
    ),
    el('p', { class: 'muted' }, 'Contano le giornate in attesa e quelle approvate.'),
  );
  renderLocations(o);
  for (const input of dateInputs()) input.min = o.today;
  renderOwnList(o);
}

function renderOwnList(o: Overview): void {
  const list = $('own-list');
  list.replaceChildren();
  const me = o.me;
  if (!me) return;
  const prev = shiftMonth(me.monthShown, -1);
  const next = shiftMonth(me.monthShown, 1);
  const go = (m: string) => () => {
    query.month = m;
    void refresh();
  };
  list.append(
    el('h2', { class: 'nav-title', id: 'own-month' }, `Le tue giornate: ${me.monthLabel}`),
    el(
      'nav',
      { class: 'nav', 'aria-label': 'Mese delle tue giornate' },
      button(`‹ ${monthLabel(prev)}`, go(prev), {
        label: `Mese precedente: ${monthLabel(prev)}`,
        focusKey: 'own:prev',
      }),
      button(`${monthLabel(next)} ›`, go(next), {
        label: `Mese successivo: ${monthLabel(next)}`,
        focusKey: 'own:next',
      }),
    ),
  );
  if (!me.days.length) {
    list.append(el('p', {}, `Nessuna giornata di lavoro agile a ${me.monthLabel}.`));
    return;
  }
  for (const d of me.days) {
    const key = keyOf(d);
    known.set(key, { name: d.name, dateLabel: d.dateLabel });
    const row = el('div', {
      class: 'day own-day',
      'data-row-key': key,
      tabindex: '-1',
      'data-focus-key': `own:row:${key}`,
    });
    row.append(
      el(
        'div',
        { class: 'line plain' },
        el('span', { class: 'title' }, `${d.dateLabel} — ${d.locationLabel}`),
        ' ',
        badge(d),
      ),
      ...statusDetails(d),
      ...present([
        d.note && el('div', { class: 'line plain' }, 'Nota: ', el('span', { class: 'note-text' }, d.note)),
      ]),
    );
    if (d.cancellable) row.append(cancelControls(d, 'own', true));
    row.append(feedback(key, true) ?? '');
    list.append(row);
  }
}

async function cancel(item: DayItem, scope: 'own' | 'mail'): Promise<void> {
  if (busy) return;
  const key = keyOf(item);
  const whose = item.employee === data?.user ? '' : ` di ${item.name}`;
  setBusy(true);
  rowNotes.clear();
  say('Annullamento in corso…', 'info');
  try {
    const r = await callServer('pageCancel', { employee: item.employee, date: item.date });
    if (r.ok) {
      rowNotes.set(key, {
        text: r.already ? 'Era già annullata: nessun cambiamento.' : 'Annullata ora.',
        kind: 'ok',
      });
      say(
        r.already
          ? `La giornata${whose} di ${item.dateLabel} era già annullata: nessun cambiamento.`
          : `Giornata${whose} di ${item.dateLabel} annullata.`,
        'ok',
      );
    } else {
      rowNotes.set(key, { text: `Non annullata: ${r.message ?? ''}`.trim(), kind: 'error' });
      say(
        `La giornata${whose} di ${item.dateLabel} non è stata annullata: ${r.message ?? ''}`.trim(),
        'error',
      );
    }
    confirming = '';
    await refresh();
    document.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(`${scope}:row:${key}`)}"]`)?.focus();
  } catch (e) {
    say(`Annullamento non riuscito: ${errorText(e)}. Riprova.`, 'error');
  } finally {
    setBusy(false);
  }
}

// ---- the request form -------------------------------------------------------------------------

let dateSeq = 0;

function renderLocations(o: Overview): void {
  const select = $<HTMLSelectElement>('request-location');
  const value = select.value || HOME;
  select.replaceChildren(el('option', { value: HOME }, 'Casa'));
  for (const s of o.sites) {
    const name = s.name.includes(s.comune) ? s.name : `${s.name} — ${s.comune}`;
    select.append(el('option', { value: s.id }, `Sede condivisa: ${name}`));
  }
  select.value = [...select.options].some((x) => x.value === value) ? value : HOME;
}

function dateInputs(): HTMLInputElement[] {
  return [...document.querySelectorAll<HTMLInputElement>('#request-dates input[type=date]')];
}

function addDateRow(focus: boolean): void {
  const rows = $('request-dates');
  if (dateInputs().length >= MAX_DATES) {
    $('request-feedback').textContent = `Al massimo ${MAX_DATES} date per richiesta.`;
    return;
  }
  const id = `request-date-${++dateSeq}`;
  const input = el('input', { type: 'date', id, required: '' });
  if (data) input.min = data.today;
  input.addEventListener('input', () => input.removeAttribute('aria-invalid'));
  const row = el('div', { class: 'date-row' }, el('label', { for: id }), input);
  const remove = button(
    'Togli',
    () => {
      row.remove();
      numberDates();
      dateInputs()[0]?.focus();
    },
    { cls: 'small' },
  );
  row.append(remove);
  rows.append(row);
  numberDates();
  if (focus) input.focus();
}

/** "Data 1", "Data 2"...; a single date cannot be taken away. */
function numberDates(): void {
  const rows = [...document.querySelectorAll<HTMLElement>('#request-dates .date-row')];
  rows.forEach((row, i) => {
    const label = row.querySelector('label');
    if (label) label.textContent = rows.length === 1 ? 'Data' : `Data ${i + 1}`;
    const remove = row.querySelector('button');
    if (remove) {
      remove.hidden = rows.length === 1;
      remove.setAttribute('aria-label', `Togli la data ${i + 1}`);
    }
  });
}

function resetRequestForm(): void {
  $('request-dates').replaceChildren();
  addDateRow(false);
  $<HTMLTextAreaElement>('request-note').value = '';
  requestToken = newToken();
}

async function sendRequest(): Promise<void> {
  if (busy) return;
  const feedbackLine = $('request-feedback');
  const inputs = dateInputs();
  const dates = inputs.map((i) => i.value.trim()).filter(Boolean);
  if (!dates.length) {
    inputs[0]?.setAttribute('aria-invalid', 'true');
    inputs[0]?.focus();
    feedbackLine.className = 'feedback plain error';
    feedbackLine.textContent = 'Indica almeno una data.';
    return say('Indica almeno una data.', 'error');
  }
  const location = $<HTMLSelectElement>('request-location').value;
  const note = $<HTMLTextAreaElement>('request-note').value;
  setBusy(true);
  rowNotes.clear();
  feedbackLine.className = 'feedback plain';
  feedbackLine.textContent = 'Invio in corso…';
  say(`Invio della richiesta (${countIt(dates.length, 'data', 'date')}) in corso…`, 'info');
  try {
    const r: RequestResultDto = await callServer('pageRequest', {
      dates,
      location,
      note,
      token: requestToken,
    });
    if (!r.ok) {
      feedbackLine.className = 'feedback plain error';
      feedbackLine.textContent = `Richiesta non registrata: ${r.message ?? ''}`.trim();
      say(feedbackLine.textContent, 'error');
      return;
    }
    showRequestResult(r);
    resetRequestForm();
    await refresh();
    $('request-result-title').focus();
  } catch (e) {
    // The token stays: sending again is the same request, recorded at most once.
    feedbackLine.className = 'feedback plain error';
    feedbackLine.textContent = `Invio non riuscito: ${errorText(e)}. Puoi inviarla di nuovo: non verrà registrata due volte.`;
    say(feedbackLine.textContent, 'error');
  } finally {
    setBusy(false);
  }
}

function showRequestResult(r: RequestResultDto): void {
  const byStatus = new Map<DayStatus, number>();
  for (const d of r.days) byStatus.set(d.status, (byStatus.get(d.status) ?? 0) + 1);
  const parts = [...byStatus].map(([status, n]) => daysWith(status, n));
  const headline = r.duplicate
    ? `Questa richiesta era già stata registrata: ${parts.join(', ')}.`
    : `Richiesta registrata: ${parts.join(', ')}.`;
  const refused = byStatus.get('refused') ?? 0;
  const feedbackLine = $('request-feedback');
  feedbackLine.className = `feedback plain ${refused ? 'error' : 'ok'}`;
  feedbackLine.textContent = headline;
  say(headline, refused ? 'error' : 'ok');
  const list = el('ul', { class: 'result' });
  for (const d of r.days) {
    const status = d.status;
    list.append(
      el(
        'li',
        { class: 'result-day' },
        el('span', { class: 'title' }, dateLabel(d.date)),
        ' ',
        el('span', { class: `badge st-${status}` }, STATUS_LABELS[status]),
        el('div', { class: 'muted' }, `${capitalize(STATUS_HELP[status])}.`),
        ...d.messages.map((m) =>
          el(
            'div',
            { class: `result-message ${status === 'refused' ? 'block' : 'warn'}` },
            status === 'refused' ? '✖ ' : '⚠ ',
            m,
          ),
        ),
      ),
    );
  }
  $('request-result').replaceChildren(
    el('h3', { id: 'request-result-title', tabindex: '-1' }, 'Esito della richiesta'),
    list,
  );
}

// ---- start ------------------------------------------------------------------------------------

$('approve').addEventListener('click', () => void decide('approve'));
$('reject').addEventListener('click', () => void decide('reject'));
$('reason').addEventListener('input', () => $('reason').removeAttribute('aria-invalid'));
$('approve').classList.add('act');
$('reject').classList.add('act');
$('request-send').classList.add('act');
$('add-date').addEventListener('click', () => addDateRow(true));
$('request').addEventListener('submit', (event) => {
  event.preventDefault();
  void sendRequest();
});
resetRequestForm();
void refresh();
