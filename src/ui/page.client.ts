// The managers' sidebar in the browser. All user text goes into the page as textContent,
// never as HTML.
import type { SidebarDto } from '../app/sidebar';
import { MONTH_NAMES_IT } from '../domain/dates';
import { callServer } from './rpc';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function el(tag: string, attrs: Record<string, string> = {}, text?: string): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function status(message: string, error = false): void {
  const s = $('status');
  s.textContent = message;
  s.className = error ? 'error' : '';
}

let data: SidebarDto | null = null;

const WEEKDAYS = ['dom', 'lun', 'mar', 'mer', 'gio', 'ven', 'sab'];

function renderPending(dto: SidebarDto): void {
  const list = $('pending-list');
  list.replaceChildren();
  $('actions').hidden = !dto.pending.length;
  if (!dto.pending.length) {
    list.append(el('p', {}, 'Nessuna giornata in attesa.'));
    return;
  }
  for (const person of dto.pending) {
    const box = el('div', { class: 'person' });
    box.append(el('h2', {}, `${person.name} — ${person.sector}`));
    for (const week of person.weeks) {
      box.append(el('div', { class: 'week' }, `Settimana ${week.week.slice(6)}`));
      for (const day of week.days) {
        const id = `d-${day.employee}-${day.date}`.replace(/[^a-zA-Z0-9-]/g, '_');
        const row = el('div', { class: 'day' });
        const box2 = el('input', {
          type: 'checkbox',
          id,
          'data-employee': day.employee,
          'data-date': day.date,
        });
        row.append(box2, el('label', { for: id }, `${day.dateLabel} — ${day.locationLabel}`));
        const site = day.site ? ` · sede ${day.site.used}/${day.site.limit}` : '';
        row.append(
          el(
            'div',
            { class: 'meta' },
            `settimana ${day.week.used}/${day.week.limit} · mese ${day.month.used}/${day.month.limit}${site}`,
          ),
        );
        if (day.note) {
          const note = el('div', { class: 'note' }, 'Nota: ');
          note.append(el('span', { class: 'note-text' }, day.note));
          row.append(note);
        }
        for (const w of day.warnings) row.append(el('div', { class: 'warn' }, `⚠ ${w.message}`));
        for (const b of day.blocks) row.append(el('div', { class: 'block' }, `✖ ${b.message}`));
        box.append(row);
      }
    }
    list.append(box);
  }
}

function renderTeam(dto: SidebarDto): void {
  const list = $('team-list');
  list.replaceChildren();
  ($('month') as HTMLInputElement).value = dto.team.month;
  if (!dto.team.days.length) {
    list.append(el('p', {}, 'Nessuno in lavoro agile questo mese.'));
    return;
  }
  const table = el('table');
  const [year, month] = dto.team.month.split('-').map(Number);
  table.append(el('caption', {}, `Squadra, ${MONTH_NAMES_IT[month - 1] ?? dto.team.month} ${year}`));
  for (const day of dto.team.days) {
    const tr = el('tr');
    const [y, m, d] = day.date.split('-').map(Number);
    const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
    tr.append(el('th', { scope: 'row' }, `${weekday} ${d}`));
    tr.append(el('td', {}, day.people.map((p) => `${p.name} (${p.location}, ${p.status})`).join('; ')));
    table.append(tr);
  }
  list.append(table);
}

function renderOwn(dto: SidebarDto): void {
  const list = $('own-list');
  list.replaceChildren();
  if (dto.own.quota) {
    const q = dto.own.quota;
    list.append(
      el(
        'p',
        {},
        `Questo mese: ${q.used} ${q.used === 1 ? 'giorno' : 'giorni'} su ${q.limit} (giorni lavorativi: ${q.workingDays}).`,
      ),
    );
  }
  if (!dto.own.days.length) list.append(el('p', {}, 'Non hai ancora giornate di lavoro agile.'));
  for (const day of dto.own.days) {
    const row = el('div', { class: 'own-day' });
    row.append(el('span', {}, `${day.dateLabel} — ${day.location}: ${day.statusLabel}`));
    if (day.cancellable) {
      const button = el(
        'button',
        { type: 'button', 'aria-label': `Annulla la giornata di ${day.dateLabel}` },
        'Annulla',
      );
      button.addEventListener('click', () => void cancel(dto.user, day.date));
      row.append(button);
    }
    list.append(row);
  }
}

async function load(month?: string): Promise<void> {
  try {
    data = await callServer('pageLoad', month);
    renderPending(data);
    renderTeam(data);
    renderOwn(data);
  } catch (e) {
    status(`Errore: ${(e as Error).message}`, true);
  }
}

function selected(): { employee: string; date: string }[] {
  return [...document.querySelectorAll<HTMLInputElement>('#pending-list input[type=checkbox]:checked')].map(
    (b) => ({
      employee: b.dataset.employee ?? '',
      date: b.dataset.date ?? '',
    }),
  );
}

async function decide(decision: 'approve' | 'reject'): Promise<void> {
  const items = selected();
  if (!items.length) return status('Seleziona almeno una giornata.', true);
  const reason = ($('reason') as HTMLTextAreaElement).value.trim();
  if (decision === 'reject' && !reason) {
    // The message is at the top; the field to fill in is by the button: go there.
    const field = $('reason');
    field.setAttribute('aria-invalid', 'true');
    field.focus();
    return status('Per rifiutare scrivi una motivazione.', true);
  }
  status('Salvataggio…');
  try {
    const results = await callServer(
      'pageDecide',
      items.map((i) => ({ ...i, decision, reason })),
    );
    const failed = results.filter((r) => !r.ok);
    const done = results.length - failed.length;
    const word = decision === 'approve' ? 'approvat' : 'rifiutat';
    status(
      failed.length
        ? `${done} registrate; ${failed.length} non possibili: ${failed.map((f) => `${f.date}: ${f.message}`).join(' ')}`
        : `${done} ${word}${done === 1 ? 'a' : 'e'}.`,
      failed.length > 0,
    );
    ($('reason') as HTMLTextAreaElement).value = '';
    await load(data?.team.month);
  } catch (e) {
    status(`Errore: ${(e as Error).message}`, true);
  }
}

async function cancel(employee: string, date: string): Promise<void> {
  try {
    const r = await callServer('pageCancel', { employee, date });
    status(r.ok ? `Giornata del ${date} annullata.` : (r.message ?? 'Non annullata.'), !r.ok);
    await load(data?.team.month);
  } catch (e) {
    status(`Errore: ${(e as Error).message}`, true);
  }
}

function selectTab(tab: HTMLElement): void {
  for (const t of document.querySelectorAll<HTMLElement>('[role=tab]')) {
    const on = t === tab;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute('aria-controls') ?? '').hidden = !on;
  }
  tab.focus();
}

for (const tab of document.querySelectorAll<HTMLElement>('[role=tab]')) {
  tab.addEventListener('click', () => selectTab(tab));
  tab.addEventListener('keydown', (event) => {
    const tabs = [...document.querySelectorAll<HTMLElement>('[role=tab]')];
    const i = tabs.indexOf(tab);
    const next =
      event.key === 'ArrowRight'
        ? tabs[(i + 1) % tabs.length]
        : event.key === 'ArrowLeft'
          ? tabs[(i + tabs.length - 1) % tabs.length]
          : event.key === 'Home'
            ? tabs[0]
            : event.key === 'End'
              ? tabs[tabs.length - 1]
              : null;
    if (next) {
      event.preventDefault();
      selectTab(next);
    }
  });
}
$('approve').addEventListener('click', () => void decide('approve'));
$('reject').addEventListener('click', () => void decide('reject'));
$('reason').addEventListener('input', () => $('reason').removeAttribute('aria-invalid'));
$('month').addEventListener('change', () => void load(($('month') as HTMLInputElement).value));
void load();
