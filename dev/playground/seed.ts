// Seeds a clean Workspace with the demo organisation, the way it would happen for real:
// HR runs Configura (setup), types the hand-kept sheets, runs Configura again (the Form picks
// up the shared sites); then, over the autumn, employees send the Form and their managers (or
// their delegates) decide from the sidebar as themselves, each at their own (fake) time: the
// sidebar forwards every decision to the owner's web app, as in Google. Everything goes
// through the bundle's top-level functions and the fake Google services: no second code path,
// and nobody decides in a manager's place.
import { addDays, weekday, type IsoDate } from '../../src/domain/dates';
import { fromRomeLocal } from '../../src/domain/rome-time';
import {
  DEMO_TODAY,
  DEMO_TODAY_MINUTES,
  demoEmployers,
  demoStaffRecord,
  HISTORY_FROM,
  HR_ACCOUNT,
  prng,
  type DemoOrganisation,
  type DemoRequest,
  type DemoStaffRecord,
} from './demo-org';
import type { WorkspaceHandle } from './workspace-handle';

export interface SeedSummary {
  organisations: number;
  employees: number;
  managers: number;
  admins: number;
  agreements: number;
  sites: number;
  requests: number;
  decisions: number;
  cancellations: number;
  /**
   * Decisions and cancellations the bundle did not carry out (the first few, with who tried):
   * nobody steps in for the manager, so those days simply stay as they were.
   */
  failures: string[];
  ms: number;
}

type Row = (string | number | Date)[];

/** What pageDecide and pageCancel answer for each day. */
interface ItemResult {
  employee: string;
  date: string;
  ok: boolean;
  code?: string;
  message?: string;
}

const MAX_FAILURES_KEPT = 5;

/** A Rome-local date (and minutes) as the instant the fake clock needs. */
export function romeMs(date: IsoDate, minutes = 0): number {
  return fromRomeLocal({ date, minutes });
}

const REJECT_REASONS = [
  'Presenza necessaria per lo sportello in quella data.',
  'Riunione di servizio in presenza.',
  'Copertura del servizio insufficiente: scegli un altro giorno.',
];

/** The staff-record columns of Dipendenti, as payroll's import fills them. */
function staffCells(r: DemoStaffRecord, day: (d: IsoDate | '') => Date | ''): Record<string, string | Date> {
  return {
    Cognome: r.surname,
    Nome: r.firstName,
    'Codice fiscale': r.taxCode,
    'Data di nascita': day(r.birthDate),
    'Comune di nascita (codice)': r.birthPlace,
    'Data di assunzione': day(r.employmentStart),
    'Tipo rapporto': r.employmentType,
    'PAT INAIL': r.inailPat,
    'Voce di tariffa INAIL': r.inailRate,
    Categoria: r.category,
    Contratto: r.contractType,
    Genere: r.gender,
  };
}

export function seedWorkspace(handle: WorkspaceHandle, org: DemoOrganisation, seed = 1): SeedSummary {
  const started = Date.now();
  const r = prng(seed);
  const { ws } = handle;

  // 1. HR runs Configura for the first time, at the start of September.
  ws.nowMs = romeMs(addDays(HISTORY_FROM, -6), 8 * 60 + 30);
  handle.run(HR_ACCOUNT, 'setup');

  // 2. HR types the hand-kept sheets (dates as dates, as in a date-formatted cell).
  handle.asUser(HR_ACCOUNT, () => {
    const ss = handle.spreadsheet();
    const day = (d: IsoDate | '') => (d ? new Date(romeMs(d)) : '');
    writeRows(
      ss,
      'Responsabili',
      org.managers.map((m) => ({
        Email: m.email,
        Nome: m.name,
        'Servizio personale': m.admin ? 'sì' : 'no',
        Delegato: m.delegate?.email ?? '',
        'Delega dal': m.delegate ? day(m.delegate.from) : '',
        'Delega al': m.delegate ? day(m.delegate.to) : '',
      })),
    );
    writeRows(
      ss,
      'Dipendenti',
      org.employees.map((e) => ({
        Email: e.email,
        'Nome e cognome': e.name,
        Ente: e.organisation,
        Settore: e.sector,
        'Sede di lavoro': e.seat,
        Responsabile: e.manager,
        Eleggibilità: e.eligibility,
        'Giorni lavorativi': e.workingDays,
        'Km casa-lavoro': e.commuteKm,
        'Categoria prioritaria': e.priority,
        'Mostra sede nel mio calendario': e.workingLocationOptIn ? 'sì' : 'no',
        // Birth dates reach back to the 1960s, when Italy kept no summer time: as noon, so that
        // the instant is that day whatever the zone rules of the year (Sheets keeps the date).
        ...staffCells(demoStaffRecord(e), (d) => (d ? new Date(romeMs(d, 12 * 60)) : '')),
      })),
    );
    writeRows(
      ss,
      'Enti',
      demoEmployers().map((o) => ({
        Ente: o.name,
        'Codice fiscale': o.taxCode,
        Denominazione: o.legalName,
        Settori: o.sectors.join('\n'),
      })),
    );
    writeRows(
      ss,
      'Accordi',
      org.agreements.map((a) => ({
        Dipendente: a.employee,
        Dal: day(a.from),
        Al: day(a.to),
        'Firma dipendente': day(a.signedByEmployee),
        'Firma responsabile': day(a.signedByManager),
        'Fasce di contattabilità': a.contactWindows,
        Strumentazione: a.equipment,
        'Informativa sicurezza': day(a.safetyNoticeDate),
      })),
    );
    writeRows(
      ss,
      'Sedi',
      org.sites.map((s) => ({ Codice: s.id, Nome: s.name, Comune: s.comune, Posti: s.capacity })),
    );
    writeRows(
      ss,
      'Festività',
      org.holidays.map((h) => ({ Data: day(h.date), Descrizione: h.name, Sede: h.seat, Azione: h.action })),
    );
  });

  // 3. Configura again: protections for the admins, the sites in the Form's «Luogo».
  ws.nowMs += 20 * 60_000;
  handle.run(HR_ACCOUNT, 'setup');

  // 4. The autumn: requests through the Form, decisions from the sidebar, a few cancellations.
  const managerOf = new Map(org.employees.map((e) => [e.email, e.manager]));
  const delegations = org.managers.filter((m) => m.delegate);
  const deciderFor = (employee: string, at: number): string => {
    const manager = managerOf.get(employee) ?? HR_ACCOUNT;
    const d = delegations.find((m) => m.email === manager)?.delegate;
    return d && romeMs(d.from) <= at && at < romeMs(addDays(d.to, 1)) ? d.email : manager;
  };
  type Event =
    | { at: number; kind: 'submit'; request: DemoRequest }
    | { at: number; kind: 'decide'; request: DemoRequest }
    | { at: number; kind: 'cancel'; request: DemoRequest; date: IsoDate };
  const events: Event[] = [];
  const end = romeMs(DEMO_TODAY, DEMO_TODAY_MINUTES);
  for (const request of org.requests) {
    const at = romeMs(request.at.date, request.at.minutes);
    events.push({ at, kind: 'submit', request });
    // The manager decides the next working morning or the one after (some stay pending today).
    let decideOn = addDays(request.at.date, r() < 0.7 ? 1 : 2);
    while (weekday(decideOn) > 5) decideOn = addDays(decideOn, 1);
    const decideAt = romeMs(decideOn, 9 * 60 + Math.round(r() * 150));
    // What was sent since Thursday is still waiting for the managers today.
    const recent = request.at.date >= addDays(DEMO_TODAY, -4);
    if (decideAt < end && !recent) events.push({ at: decideAt, kind: 'decide', request });
    if (r() < 0.06 && request.dates.length) {
      const date = request.dates[request.dates.length - 1];
      const cancelAt = romeMs(addDays(date, -1), 17 * 60 + 40);
      if (cancelAt > decideAt && cancelAt < end) events.push({ at: cancelAt, kind: 'cancel', request, date });
    }
  }
  events.sort((a, b) => a.at - b.at);

  let decisions = 0;
  let cancellations = 0;
  const failures: string[] = [];
  const failed = (what: string, message: string) => {
    if (failures.length < MAX_FAILURES_KEPT) failures.push(`${what}: ${message}`);
  };
  let timersDay = '';
  for (const event of events) {
    ws.nowMs = Math.max(ws.nowMs, event.at);
    // The periodic trigger (mail queued at night, calendar work left over): once a day is
    // enough here, missed runs coalesce as in Google.
    const day = new Date(ws.nowMs).toISOString().slice(0, 10);
    if (day !== timersDay) {
      handle.runDueTimers();
      timersDay = day;
    }
    const { request } = event;
    if (event.kind === 'submit') {
      handle.submitForm(request.employee, {
        dates: request.dates,
        location: request.location,
        note: request.note,
      });
    } else if (event.kind === 'decide') {
      // The manager (or their delegate that day) decides the request's days from the sidebar,
      // as themself: the sidebar forwards the decision to the owner's web app. The dates the
      // rules refused at submission never were pending: they answer INVALID_STATE, unchanged.
      const by = deciderFor(request.employee, event.at);
      const items = request.dates.map((date) =>
        r() < 0.05
          ? {
              employee: request.employee,
              date,
              decision: 'reject',
              reason: REJECT_REASONS[Math.floor(r() * 3)],
            }
          : { employee: request.employee, date, decision: 'approve' },
      );
      try {
        const results = handle.callFromClient(by, 'pageDecide', [items]) as ItemResult[];
        for (const res of results) {
          if (res.ok) decisions++;
          else if (res.code !== 'INVALID_STATE')
            failed(`pageDecide come ${by} (${res.employee} ${res.date})`, res.message ?? res.code ?? '?');
        }
      } catch (e) {
        failed(`pageDecide come ${by}`, (e as Error).message);
      }
    } else {
      // The employee cancels from their own page.
      const item = { employee: request.employee, date: event.date, reason: 'Cambio di programma' };
      try {
        const res = handle.callFromClient(request.employee, 'pageCancel', [item]) as ItemResult;
        if (res.ok) cancellations++;
        // A day refused at submission or rejected cannot be cancelled: nothing to do.
        else if (res.code !== 'INVALID_STATE')
          failed(`pageCancel come ${request.employee} (${event.date})`, res.message ?? res.code ?? '?');
      } catch (e) {
        failed(`pageCancel come ${request.employee}`, (e as Error).message);
      }
    }
  }

  // 5. Today.
  ws.nowMs = end;
  handle.runDueTimers();
  return {
    organisations: new Set(org.employees.map((e) => e.organisation)).size,
    employees: org.employees.length,
    managers: org.managers.filter((m) => !m.admin || m.email !== HR_ACCOUNT).length,
    admins: org.managers.filter((m) => m.admin).length,
    agreements: org.agreements.length,
    sites: org.sites.length,
    requests: org.requests.length,
    decisions,
    cancellations,
    failures,
    ms: Date.now() - started,
  };
}

/**
 * Appends rows under the sheet's own header, matching columns by header text as HR would fill
 * them in (a column HR added stays empty; a value without its column is not written).
 */
function writeRows(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheetName: string,
  records: Record<string, string | number | Date>[],
): void {
  if (!records.length) return;
  const sheet = ss.getSheetByName(sheetName);
  if (!sheet) throw new Error(`Il foglio «${sheetName}» non esiste: setup non è andato a buon fine.`);
  const header = sheet
    .getRange(1, 1, 1, sheet.getLastColumn())
    .getValues()[0]
    .map((h) => String(h));
  for (const key of Object.keys(records[0]))
    if (!header.includes(key)) throw new Error(`Nel foglio «${sheetName}» manca la colonna «${key}».`);
  const rows: Row[] = records.map((rec) => header.map((h) => rec[h] ?? ''));
  sheet.getRange(sheet.getLastRow() + 1, 1, rows.length, header.length).setValues(rows);
}
