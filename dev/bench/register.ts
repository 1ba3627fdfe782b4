// The register suite of `npm run bench`: what the product's register operations cost in Sheets
// calls and milliseconds against registers of growing size, through the REAL bundle
// (dist/Code.js in node:vm on the in-memory Workspace), beside a naive per-row baseline run in
// the same process on an identical copy of the same fake spreadsheet.
//
// Fixture, per size (1k, 10k, 100k day rows in Giornate), built as production would have it:
// setup as the owner, the hand-kept sheets as HR types them (dev/register-seed.ts: the 470
// people of dev/bench/org.ts, each with a signed agreement, and the shared sites), setup again;
// then the history written straight into the sheets through the fake SpreadsheetApp, as data
// that already exists (one setValues per sheet, not through the product):
// - Giornate: `rows` days over a period that grows with the size (at least a year; about 100
//   days per calendar day at 100k, 2.7 years, so the random history does not use up everyone's
//   caps), ending 120 days after "today", with mixed statuses (dev/bench/org.ts generateHistory),
//   plus the 500 pending days of the bulk approval, chosen with the real rules so that each of
//   them can be approved (they are part of the `rows`);
// - Registro modifiche: for every day the line its submission wrote and, for decided days, the
//   line of the decision, so the change log agrees with the days (findHandEdits finds nothing);
// - «Evento calendario»: an event id for every approved day. The events themselves exist in the
//   shared calendar (tagged with their day id, as the calendar job makes them) for the approved
//   days from today on. Older ones are left out of the fake calendar: every listing the measured
//   operations make starts at a date ≥ today + 7 (the dates they decide), so no call and no
//   result changes, while the fake's Events.list costs O(all events) per call and would only
//   slow the bench. Today's full reconciliation has already run (agora.lastFullCalendarSync =
//   today), so onTimer does the incremental calendar work that follows a decision;
// - 1,000 blank rows below the data of Giornate and Registro modifiche, as HR would have added
//   (the «no blank row left» check runs one submission on a register whose Giornate is exactly
//   full: Sheets refuses a range past a sheet's last row, so the product must grow the sheet).
//
// Operations, in this order on the same register (each sees the changes of the previous ones):
// - submission: an employee of manager A sends the Form with 3 dates (the installed form-submit
//   trigger runs the intake);
// - pending list: pageOverview called from the web page as A (run in the owner's web app);
// - approval: pageDecide of one of those days as A, with the calendar work the decision runs
//   in its own execution;
// - bulk approval: pageDecide of 500 pending days as manager M (the largest team), then the
//   periodic trigger (onTimer, every 5 minutes) until every one of them has its calendar event.
//
// Counted: SpreadsheetApp calls and advanced Sheets service calls
// from ws.callCounts(), reset right before each operation. `calls` are the ROUND TRIPS: calls
// that read or write cell data or read or change sheet dimensions, exactly the methods of
// ROUND_TRIP_METHODS below; `allCalls` are all SpreadsheetApp calls (getActiveSpreadsheet,
// getSheetByName, getRange... too). `calendarCalls` are the Calendar calls, apart. `ms` is the wall-clock time of
// the operation in this process (the bundle in node:vm, the fakes), measured once after a
// garbage collection: indicative, not Apps Script's time, which is dominated by the calls.
//
// Latency model: the Workspace has none (its clock moves only when told), so this suite wraps
// `ws.call` to advance the fake clock by `calendarCallMs` for every Calendar / CalendarApp call.
// The product's calendar budgets read that clock (Date.now() in the bundle), so the decision's
// 20-s calendar budget and onTimer's 4-min budget run out as they would against Google; without
// it every event would be made inside the decision's execution. Sheets calls cost no fake time.
//
// Naive baseline (the NAIVE BASELINE section below: bench code, never product code): the same
// use cases (src/app: receiveFormResponse, overview, decideDays, syncCalendar) on a register
// port that reads every sheet one row at a time (getRange(r, 1, 1, width).getValues() per row)
// and writes one row or cell at a time (appendRow per new day and per change-log line, one
// setValues per changed day, a scan of the ID column with getValue per row and a setValue per
// calendar event id). Both sides make the same decisions with the same rules; only the register
// I/O differs. The naive side leaves out what is not register I/O: reading the Form response,
// the web-app hop, the lock and mail (a no-op notifier). Above `naiveMaxRows` the baseline is
// not run: its calls and ms are extrapolated linearly from the two largest sizes where it ran
// (its calls are affine in the number of rows), as the output states.
//
// `nativeMs`: the same direct run with the product's own adapter (src/gas/register.ts
// SheetsRegister) instead of the naive one. The bundle runs in node:vm, where every global
// lookup (Math, Date, Object...) goes through the context's interceptors and costs several times
// more than in Node; `nativeMs` beside `baselineMs` compares the two register adapters under the
// same conditions. The registers the three runs leave (status and calendar event of every day)
// are compared; any difference aborts the bench.
import { CALENDAR_BUDGET_AFTER_DECISION_MS as DECISION_CALENDAR_BUDGET_MS } from '../../src/gas/webapp';
import { TIMER_BUDGET_MS } from '../../src/gas/jobs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { addDays, formatLocalDateTime, type IsoDate } from '../../src/domain/dates';
import { HistoryIndex, teamKey } from '../../src/domain/history';
import { STATUS_LABELS } from '../../src/domain/labels';
import { HOME, type DayFacts, type DayStatus, type Employee } from '../../src/domain/model';
import { fromRomeLocal, toRomeLocal } from '../../src/domain/rome-time';
import { evaluateDate, type RuleContext } from '../../src/domain/rules';
import { eventTitle, syncCalendar, type CalendarPort, type SyncReport } from '../../src/app/calendar-sync';
import { decideDays, type DecisionInput } from '../../src/app/decisions';
import type { AuditEntry, DayRecord, Ports, RegisterChange, RegisterPort } from '../../src/app/ports';
import { findHandEdits } from '../../src/app/reconcile';
import { receiveFormResponse } from '../../src/app/requests';
import { overview, type Overview } from '../../src/app/overview';
import { DAY_TAG, SharedCalendar } from '../../src/gas/calendar';
import { dateTimeToCell, dateToCell, userTextToCell, type Cell } from '../../src/gas/cells';
import { HOME_CHOICE } from '../../src/gas/form';
import { PROPERTY } from '../../src/gas/properties';
import { columnsOf, formatViolations, SheetsRegister } from '../../src/gas/register';
import {
  ACTION_LABELS,
  auditCells,
  dayCells,
  formatRuleCodes,
  placeName,
  placeNames,
  type PlaceNames,
} from '../../src/gas/rows';
import { SHEETS, type SheetKey } from '../../src/gas/schema';
import { appendRows, seedRegister } from '../register-seed';
import { asUser, installProduct, registerOf } from '../driver';
import { createWorkspace, type CreatedWorkspace } from '../workspace';
import type { LoadedBundle } from '../workspace/bundle';
import type { Workspace } from '../workspace/core';
import type { BenchOptions, BenchRow } from './main';
import { generateHistory, generateOrganisation, Rng, type Organisation, type Period } from './org';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * The SpreadsheetApp methods counted as round trips (`calls`): they read or write cell data, or
 * read or change a sheet's dimensions. Every other SpreadsheetApp call (getActiveSpreadsheet,
 * getSheetByName, getRange, getId, ...) is counted in `allCalls` only. Every call of the
 * advanced Sheets service (`Sheets.*`, counted as the Workspace counts the advanced Calendar
 * service) is a round trip too: the product reads with batchGet and writes with batchUpdate.
 */
export const ROUND_TRIP_METHODS: readonly string[] = [
  'Range.getValues',
  'Range.getValue',
  'Range.getDisplayValues',
  'Range.getDisplayValue',
  'Range.getFormulas',
  'Range.getFormula',
  'Range.setValues',
  'Range.setValue',
  'Range.setFormulas',
  'Range.setFormula',
  'Range.clearContent',
  'Range.clear',
  'Sheet.getDataRange',
  'Sheet.getLastRow',
  'Sheet.getLastColumn',
  'Sheet.getMaxRows',
  'Sheet.getMaxColumns',
  'Sheet.appendRow',
  'Sheet.insertRowsAfter',
  'Sheet.insertRowAfter',
  'Sheet.insertRowsBefore',
  'Sheet.insertRowBefore',
];
const ROUND_TRIP_KEYS = new Set(ROUND_TRIP_METHODS.map((m) => `SpreadsheetApp.${m}`));

export interface RegisterBenchOptions {
  /** Day rows in Giornate. */
  sizes: readonly number[];
  seed: number;
  /** "Today" of the operations (Europe/Rome), at `nowMinutes` after midnight. */
  today: IsoDate;
  nowMinutes: number;
  /** Days approved at once by the bulk approval (pageDecide takes at most 500). */
  bulkDays: number;
  /** Dates of the Form submission. */
  submitDates: number;
  /** Fake milliseconds each Calendar call takes (the bench's latency model). */
  calendarCallMs: number;
  /** Blank rows left below the data of Giornate and Registro modifiche. */
  spareRows: number;
  /** The naive baseline runs up to this size; above, it is extrapolated from the two largest runs. */
  naiveMaxRows: number;
  /** Budget printed as checks: round trips per operation (submission, pending list, approval). */
  maxRoundTrips: number;
  /** A first, discarded run at `warmUpRows` rows, so that the JIT warms up outside the timings. */
  warmUpRows: number;
  /** Also check a submission when Giornate has no blank row left (at the smallest size). */
  fullSheetCheck: boolean;
  /** dist/Code.js; built first when `build`. */
  codePath: string;
  build: boolean;
  log: (line: string) => void;
}

export const DEFAULT_REGISTER_OPTIONS: Readonly<RegisterBenchOptions> = Object.freeze({
  sizes: [1_000, 10_000, 100_000],
  seed: 20260105,
  today: '2025-12-15' as IsoDate,
  nowMinutes: 9 * 60,
  bulkDays: 500,
  submitDates: 3,
  calendarCallMs: 250,
  spareRows: 1_000,
  naiveMaxRows: 10_000,
  maxRoundTrips: 10,
  warmUpRows: 800,
  fullSheetCheck: true,
  codePath: join(process.cwd(), 'dist/Code.js'),
  build: true,
  log: () => undefined,
});

/** The suite as main.ts runs it: the default sizes. */
export function registerSuite(opts: BenchOptions): BenchRow[] {
  return runRegisterBench({ ...DEFAULT_REGISTER_OPTIONS, log: opts.log });
}

// ---------------------------------------------------------------------------------------------
// Counting and timing

export interface SheetsCount {
  /** Round trips (ROUND_TRIP_METHODS). */
  roundTrips: number;
  /** Every SpreadsheetApp call. */
  all: number;
  /** Calendar (advanced service) and CalendarApp calls. */
  calendar: number;
  /** Round trips by method, e.g. `{"Sheet.getDataRange": 7}`. */
  byMethod: Record<string, number>;
}

export const NO_CALLS: Readonly<SheetsCount> = Object.freeze({
  roundTrips: 0,
  all: 0,
  calendar: 0,
  byMethod: {},
});

/** The calls counted by `ws` since its last resetCounts(). */
export function sheetsCount(ws: Workspace): SheetsCount {
  const out: SheetsCount = { roundTrips: 0, all: 0, calendar: 0, byMethod: {} };
  for (const [key, n] of Object.entries(ws.callCounts())) {
    if (key.startsWith('Calendar.') || key.startsWith('CalendarApp.')) out.calendar += n;
    // The advanced Sheets service (Sheets API v4): one HTTP request,
    // so one round trip, per call.
    const api = key.startsWith('Sheets.');
    if (!api && !key.startsWith('SpreadsheetApp.')) continue;
    out.all += n;
    if (api || ROUND_TRIP_KEYS.has(key)) {
      out.roundTrips += n;
      const method = api ? key : key.slice('SpreadsheetApp.'.length);
      out.byMethod[method] = (out.byMethod[method] ?? 0) + n;
    }
  }
  return out;
}

function addCounts(a: SheetsCount, b: SheetsCount): SheetsCount {
  const byMethod = { ...a.byMethod };
  for (const [k, n] of Object.entries(b.byMethod)) byMethod[k] = (byMethod[k] ?? 0) + n;
  return {
    roundTrips: a.roundTrips + b.roundTrips,
    all: a.all + b.all,
    calendar: a.calendar + b.calendar,
    byMethod,
  };
}

/** `getValues 9, getDataRange 8, ...`: the round trips of one measurement, most frequent first. */
export function describeRoundTrips(c: SheetsCount): string {
  return Object.entries(c.byMethod)
    .map(([key, n]) => [key.startsWith('Sheets.') ? key : key.split('.')[1], n] as const)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([method, n]) => `${method} ${n}`)
    .join(', ');
}

/** A full garbage collection, so that one operation does not pay for the garbage of another. */
export const collectGarbage: () => void = (() => {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc === 'function') return () => (gc as () => void)();
  } catch {
    // No gc to call: timings are only noisier.
  }
  return () => undefined;
})();

interface Measured<T> {
  value: T;
  ms: number;
  count: SheetsCount;
}

function measure<T>(ws: Workspace, fn: () => T): Measured<T> {
  collectGarbage();
  ws.resetCounts();
  const start = performance.now();
  const value = fn();
  const ms = performance.now() - start;
  return { value, ms, count: sheetsCount(ws) };
}

/**
 * The bench's latency model (the Workspace has none): every Calendar / CalendarApp call moves
 * the fake clock on by `ms`, which is what the product's calendar time budgets read.
 */
export function installCalendarLatency(ws: Workspace, ms: number): void {
  const call = ws.call.bind(ws);
  ws.call = (service: string, method: string) => {
    call(service, method);
    if (ms > 0 && (service === 'Calendar' || service === 'CalendarApp')) ws.advance(ms);
  };
}

// ---------------------------------------------------------------------------------------------
// Fixture

export const BENCH_OWNER = 'ufficio.personale@unione.terredargine.example';

/** Who does what in the measured operations; every date chosen with the real rules. */
export interface RegisterPlan {
  /** Manager of the submitting employee: loads the pending list, approves one day. */
  manager: string;
  employee: string;
  /** The Form's dates: each passes the rules (pending), and each can be approved. */
  submitDates: IsoDate[];
  /** Manager of the largest team, who approves `bulk` at once. */
  bulkManager: string;
  bulk: { employee: string; date: IsoDate }[];
}

export interface RegisterFixture {
  size: number;
  workspace: CreatedWorkspace;
  bundle: LoadedBundle;
  org: Organisation;
  plan: RegisterPlan;
  formId: string;
  calendarId: string;
  today: IsoDate;
  /** Approved days with a recorded event id; of them, with an event in the fake calendar. */
  approved: number;
  events: number;
  /** Lines written to Registro modifiche. */
  auditRows: number;
  ms: number;
}

/** Reads or writes the Workspace as the owner would, outside any execution of the script. */
function asOwner<T>(workspace: CreatedWorkspace, fn: () => T): T {
  return asUser(workspace, workspace.ws.owner, fn);
}

function spreadsheetOf(workspace: CreatedWorkspace): Spreadsheet {
  return registerOf(workspace);
}

function scriptProperty(workspace: CreatedWorkspace, key: string): string {
  return asOwner(
    workspace,
    () => workspace.globals.PropertiesService.getScriptProperties().getProperty(key) ?? '',
  );
}

/** The history period for a size: at least a year, about 100 days per calendar day, ending 120 days after today. */
export function historyPeriod(rows: number, today: IsoDate): Period {
  const days = Math.max(365, Math.round(rows / 100));
  return { from: addDays(today, 120 - days), days };
}

function ruleContext(
  org: Organisation,
  employee: Employee,
  history: HistoryIndex,
  today: IsoDate,
): RuleContext {
  return {
    policy: org.policy,
    holidays: org.holidays,
    employee,
    agreements: org.agreementsOf.get(employee.email) ?? [],
    sites: org.sites,
    teamSize: org.teamSizes.get(teamKey(employee)) ?? 1,
    history,
    today,
  };
}

/**
 * Dates for `people` in [from, to], one date for each person in turn, that break no block rule
 * against `history`, to which each chosen date is added as pending: so every one of them can be
 * requested, and approved, whatever else of them is approved.
 */
function chooseDates(
  org: Organisation,
  history: HistoryIndex,
  people: readonly Employee[],
  range: { from: IsoDate; to: IsoDate },
  count: number,
  today: IsoDate,
): { employee: string; date: IsoDate }[] {
  const out: { employee: string; date: IsoDate }[] = [];
  for (let date = range.from; date <= range.to && out.length < count; date = addDays(date, 1)) {
    for (const person of people) {
      if (out.length >= count) break;
      const results = evaluateDate(ruleContext(org, person, history, today), date, HOME, {
        checkPast: true,
      });
      if (results.some((r) => r.severity === 'block')) continue;
      history.add({ employee: person.email, date, location: HOME, status: 'pending' });
      out.push({ employee: person.email, date });
    }
  }
  return out;
}

/** The largest team for the bulk approval, a typical one (closest to 12 people) for the rest. */
export function planOperations(
  org: Organisation,
  history: readonly DayFacts[],
  today: IsoDate,
  o: Pick<RegisterBenchOptions, 'bulkDays' | 'submitDates'>,
): RegisterPlan {
  const index = HistoryIndex.build(history, org.teamOf);
  const teams = new Map<string, Employee[]>();
  for (const e of org.employees) teams.set(e.manager, [...(teams.get(e.manager) ?? []), e]);
  const ranked = [...teams]
    .map(([manager, people]) => ({ manager, people: people.filter((e) => e.eligibility !== 'not-eligible') }))
    .sort((a, b) => b.people.length - a.people.length || (a.manager < b.manager ? -1 : 1));
  const bulkTeam = ranked[0];
  const typical = ranked
    .filter((t) => t.manager !== bulkTeam.manager && t.people.length > 0)
    .sort(
      (a, b) =>
        Math.abs(a.people.length - 12) - Math.abs(b.people.length - 12) || (a.manager < b.manager ? -1 : 1),
    )[0];

  const bulk = chooseDates(
    org,
    index,
    bulkTeam.people,
    { from: addDays(today, 7), to: addDays(today, 240) },
    o.bulkDays,
    today,
  );
  if (bulk.length < o.bulkDays)
    throw new Error(`register bench: only ${bulk.length} approvable days for the bulk approval`);
  for (const employee of typical.people) {
    const range = { from: addDays(today, 14), to: addDays(today, 90) };
    const picked = chooseDates(org, index, [employee], range, o.submitDates, today);
    if (picked.length === o.submitDates)
      return {
        manager: typical.manager,
        employee: employee.email,
        submitDates: picked.map((p) => p.date),
        bulkManager: bulkTeam.manager,
        bulk,
      };
    for (const p of picked) index.remove({ ...p, location: HOME, status: 'pending' });
  }
  throw new Error('register bench: nobody of the typical team can request the submission dates');
}

/** One row of Giornate and its change-log lines, as the product would have written them. */
export interface HistoryRow {
  id: string;
  employee: string;
  date: IsoDate;
  location: string;
  status: DayStatus;
  day: Record<string, Cell>;
  audit: { at: string; cells: Record<string, Cell> }[];
}

const REFUSED_BY: DayRecord['violations'] = [
  { rule: 'MONTHLY_CAP', severity: 'block', message: 'Limite mensile superato: 9 giorni su 8.' },
];
const REFUSAL = formatViolations(REFUSED_BY);
const REFUSAL_CODES = formatRuleCodes(REFUSED_BY);

/**
 * The calendar side of approved history days: from today on, an event in the shared calendar
 * (tagged with the day id, as the calendar job makes them); before, an event id only. `approved`
 * numbers the earlier ones (unique across calls). Call as the owner.
 */
export function attachCalendarEvents(
  workspace: CreatedWorkspace,
  org: Organisation,
  rows: readonly HistoryRow[],
  today: IsoDate,
  calendarId: string,
  approved: number,
): { approved: number; events: number } {
  const Events = workspace.globals.Calendar.Events;
  const siteNames = new Map([...org.sites.values()].map((s) => [s.id, s.name]));
  let events = 0;
  for (const r of rows) {
    if (r.status !== 'approved') continue;
    approved++;
    if (r.date < today) {
      r.day.calendarEventId = `evpast${String(approved).padStart(20, '0')}`;
      continue;
    }
    const created = Events.insert(
      {
        summary: eventTitle(
          org.byEmail.get(r.employee)?.name ?? r.employee,
          r.location,
          siteNames.get(r.location) ?? r.location,
        ),
        description: 'Giornata di lavoro agile approvata (Agorà).',
        start: { date: r.date },
        end: { date: addDays(r.date, 1) },
        transparency: 'transparent',
        extendedProperties: { private: { [DAY_TAG]: r.id } },
      },
      calendarId,
    );
    r.day.calendarEventId = created.id as string;
    events++;
  }
  return { approved, events };
}

/** The rows of `days`, numbered from `firstIndex` + 1 (request ids h000001, h000002...). */
export function historyRows(
  org: Organisation,
  days: readonly DayFacts[],
  today: IsoDate,
  seed: number,
  firstIndex = 0,
): HistoryRow[] {
  const rng = new Rng(seed);
  const earlier = (a: IsoDate, b: IsoDate) => (a < b ? a : b);
  const places = placeNames([...org.sites.values()]);
  return days.map((d, i) => {
    const requestId = `h${String(firstIndex + i + 1).padStart(6, '0')}`;
    const id = `${requestId}#1`;
    const date = d.date as IsoDate;
    const manager = org.byEmail.get(d.employee)?.manager ?? '';
    // Submitted 2–21 days before the date, decided the next day; all before today, and every
    // decision after its submission (the change log is in time order).
    const submittedOn = earlier(addDays(date, -(2 + rng.int(20))), addDays(today, -1));
    const submittedMinutes = 8 * 60 + rng.int(8 * 60);
    const submittedAt = formatLocalDateTime({ date: submittedOn, minutes: submittedMinutes });
    const decidedOn = earlier(addDays(submittedOn, 1), addDays(today, -1));
    const decidedMinutes =
      decidedOn === submittedOn ? submittedMinutes + 30 + rng.int(6 * 60) : 8 * 60 + rng.int(9 * 60);
    const decidedAt = formatLocalDateTime({ date: decidedOn, minutes: decidedMinutes });
    const decided = d.status === 'approved' || d.status === 'rejected' || d.status === 'cancelled';
    const decidedBy = d.status === 'cancelled' ? d.employee : manager;
    const reason = d.status === 'rejected' ? 'Presenza necessaria per lo sportello.' : '';
    const line = (atText: string, cells: Record<string, Cell>) => ({
      at: atText,
      cells: {
        at: dateTimeToCell(atText),
        dayId: id,
        employee: d.employee,
        date: dateToCell(date),
        ...cells,
      },
    });
    const audit = [
      line(submittedAt, {
        by: d.employee,
        action: ACTION_LABELS.submit,
        actionCode: 'submit',
        from: '',
        to: STATUS_LABELS[d.status === 'refused' ? 'refused' : 'pending'],
        detail: d.status === 'refused' ? 'MONTHLY_CAP' : '',
      }),
    ];
    if (decided)
      audit.push(
        line(decidedAt, {
          by: decidedBy,
          ...action(d.status === 'approved' ? 'approve' : d.status === 'rejected' ? 'reject' : 'cancel'),
          from: STATUS_LABELS.pending,
          to: STATUS_LABELS[d.status],
          detail: userTextToCell(reason),
        }),
      );
    return {
      id,
      employee: d.employee,
      date,
      location: d.location,
      status: d.status,
      audit,
      day: {
        id,
        requestId,
        employee: d.employee,
        date: dateToCell(date),
        location: placeName(d.location, places),
        locationCode: d.location,
        note: '',
        status: STATUS_LABELS[d.status],
        violations: d.status === 'refused' ? REFUSAL : '',
        ruleCodes: d.status === 'refused' ? REFUSAL_CODES : '',
        submittedAt: dateTimeToCell(submittedAt),
        decidedBy: decided ? decidedBy : '',
        decidedAt: decided ? dateTimeToCell(decidedAt) : '',
        reason: userTextToCell(reason),
        calendarEventId: '',
      },
    };
  });
}

/** Grows `sheet` (as HR would) so that `dataRows` rows plus `spare` blank rows fit. */
function makeRoom(sheet: Sheet, dataRows: number, spare: number): void {
  const wanted = dataRows + spare;
  const max = sheet.getMaxRows();
  if (wanted > max) sheet.insertRowsAfter(max, wanted - max);
}

export type FixtureOptions = Pick<
  RegisterBenchOptions,
  'seed' | 'today' | 'nowMinutes' | 'bulkDays' | 'submitDates' | 'spareRows' | 'codePath'
>;

export function buildRegisterFixture(size: number, o: FixtureOptions): RegisterFixture {
  const started = performance.now();
  const org = generateOrganisation(o.seed);
  const today = o.today;
  const { workspace, bundle } = installProduct({
    codePath: o.codePath,
    owner: BENCH_OWNER,
    nowMs: fromRomeLocal({ date: today, minutes: o.nowMinutes }),
  });
  const owner = BENCH_OWNER;

  bundle.run(owner, 'setup');
  const ss = spreadsheetOf(workspace);
  asOwner(workspace, () =>
    seedRegister(ss, {
      admins: [owner],
      employees: org.employees,
      agreements: org.employees.flatMap((e) => org.agreementsOf.get(e.email) ?? []),
      sites: [...org.sites.values()],
      names: { [owner]: 'Ufficio personale' },
    }),
  );
  bundle.run(owner, 'setup'); // the Form picks up the sites, the protections the HR editors

  // The history: random days, then the bulk approval's pending days (all part of `size`).
  const random = generateHistory(org, Math.max(0, size - o.bulkDays), o.seed + 1, historyPeriod(size, today));
  const plan = planOperations(org, random, today, o);
  const rows = historyRows(
    org,
    [...random, ...plan.bulk.map((b) => ({ ...b, location: HOME, status: 'pending' as const }))],
    today,
    o.seed + 2,
  );

  const calendarId = scriptProperty(workspace, PROPERTY.calendarId);
  let approved = 0;
  let events = 0;
  asOwner(workspace, () => {
    ({ approved, events } = attachCalendarEvents(workspace, org, rows, today, calendarId as string, 0));
    makeRoom(ss.getSheetByName(SHEETS.days.name) as Sheet, 1 + rows.length, o.spareRows);
    appendRows(
      ss,
      'days',
      rows.map((r) => r.day),
    );
    const audit = rows
      .flatMap((r) => r.audit)
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .map((a) => a.cells);
    makeRoom(ss.getSheetByName(SHEETS.audit.name) as Sheet, 1 + audit.length, o.spareRows);
    appendRows(ss, 'audit', audit);
    workspace.globals.PropertiesService.getScriptProperties().setProperty(
      PROPERTY.lastFullCalendarSync,
      today,
    );
  });
  return {
    size,
    workspace,
    bundle,
    org,
    plan,
    formId: scriptProperty(workspace, PROPERTY.formId),
    calendarId,
    today,
    approved,
    events,
    auditRows: rows.reduce((n, r) => n + r.audit.length, 0),
    ms: performance.now() - started,
  };
}

/** What the register itself finds wrong with its data (broken rows, hand edits): none expected. */
export function fixtureProblems(workspace: CreatedWorkspace): string[] {
  return asOwner(workspace, () => {
    const register = new SheetsRegister(spreadsheetOf(workspace));
    const snapshot = register.load();
    return [
      ...snapshot.problems,
      ...findHandEdits(snapshot.days, register.loadAudit(), SHEETS.days.name, (id) => register.rowOf(id)),
    ].map((p) => `${p.sheet} ${p.row}: ${p.reason}`);
  });
}

/** A day of Giornate as stored, read straight from the fake's state (no service call). */
export interface StoredDay {
  id: string;
  requestId: string;
  employee: string;
  /** Epoch ms of the date cell (null when the cell holds no date). */
  dateMs: number | null;
  /** The Italian label, as in the sheet. */
  status: string;
  calendarEventId: string;
}

/** The days of the register's Giornate, or of another spreadsheet's (a yearly archive). */
export function storedDays(
  workspace: CreatedWorkspace,
  id = workspace.state.properties.script[PROPERTY.spreadsheetId],
): StoredDay[] {
  const sheet = id ? workspace.testing.sheets.file(id).sheets.find((s) => s.name === SHEETS.days.name) : null;
  if (!sheet) throw new Error('register bench: no Giornate sheet');
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  const col = columnsOf('days', (sheet.values[0] ?? []).map(text));
  const out: StoredDay[] = [];
  for (let r = 1; r < sheet.values.length; r++) {
    const row = sheet.values[r];
    if (!row || row.every((v) => v === null)) continue;
    const date = row[col.date];
    out.push({
      id: text(row[col.id]),
      requestId: text(row[col.requestId]),
      employee: text(row[col.employee]),
      dateMs: date && typeof date === 'object' ? date.date : null,
      status: text(row[col.status]),
      calendarEventId: col.calendarEventId >= 0 ? text(row[col.calendarEventId]) : '',
    });
  }
  return out;
}

/** Every listed day approved, with its event id recorded and that event live in the calendar. */
export function allApprovedWithEvents(workspace: CreatedWorkspace, ids: ReadonlySet<string>): boolean {
  const events = workspace.state.calendar.events;
  let found = 0;
  for (const d of storedDays(workspace)) {
    if (!ids.has(d.id)) continue;
    const event = events[d.calendarEventId];
    if (d.status !== STATUS_LABELS.approved || !event || event.status !== 'confirmed') return false;
    if (event.extendedProperties.private[DAY_TAG] !== d.id) return false;
    found++;
  }
  return found === ids.size;
}

const dateMs = (date: IsoDate) => dateToCell(date).getTime();

// ---------------------------------------------------------------------------------------------
// The product's operations, through the bundle

interface ItemResult {
  employee: string;
  date: string;
  ok: boolean;
  code?: string;
  message?: string;
}

function formItems(workspace: CreatedWorkspace, formId: string): { dates: string[]; location: string } {
  return asOwner(workspace, () => {
    const { FormApp } = workspace.globals;
    const form = FormApp.openById(formId);
    const dates = form
      .getItems(FormApp.ItemType.DATE as unknown as GoogleAppsScript.Forms.ItemType)
      .map((i) => String(i.getId()));
    const location = form.getItems().find((i) => /luogo/i.test(i.getTitle()));
    if (!location) throw new Error('register bench: the Form has no «Luogo» question');
    return { dates, location: String(location.getId()) };
  });
}

/** The employee sends the Form with the plan's dates; the installed trigger runs. */
function submitForm(f: RegisterFixture) {
  const items = formItems(f.workspace, f.formId);
  const answers: Record<string, string> = { [items.location]: HOME_CHOICE };
  f.plan.submitDates.forEach((d, i) => (answers[items.dates[i]] = d));
  return f.workspace.testing.forms.submit(f.formId, f.plan.employee, answers);
}

/** Executions of the periodic trigger until some work was done, and their totals. */
export interface TimerRuns {
  executions: number;
  count: SheetsCount;
  ms: number;
}

/** Moves the clock 5 minutes at a time, running the clock triggers, until `done()`. */
function runTimersUntil(workspace: CreatedWorkspace, done: () => boolean, maxRounds = 50): TimerRuns {
  let executions = 0;
  let count: SheetsCount = NO_CALLS;
  let ms = 0;
  for (let round = 0; round < maxRounds && !done(); round++) {
    const run = measure(workspace.ws, () =>
      workspace.testing.runTimeTriggersUntil(workspace.ws.nowMs + 5 * 60_000),
    );
    const timers = run.value.filter((r) => r.functionName === 'onTimer');
    const failed = timers.find((r) => r.status !== 'completed');
    if (failed) throw new Error(`register bench: onTimer ${failed.status}: ${failed.error}`);
    executions += timers.length;
    count = addCounts(count, run.count);
    ms += run.ms;
  }
  if (!done()) throw new Error(`register bench: calendar work unfinished after ${maxRounds} timer rounds`);
  return { executions, count, ms };
}

export type OperationName = 'submission' | 'pending-list' | 'approval' | 'bulk-approval';

export interface OperationResult {
  operation: OperationName;
  ms: number;
  count: SheetsCount;
  /** Executions until every approved day has its calendar event (approval, bulk approval). */
  executions?: number;
  /** The onTimer runs that followed (bulk approval). */
  timers?: TimerRuns;
  /** Days in the manager's pending list (pending list). */
  pending?: number;
}

export interface ProductRun {
  operations: OperationResult[];
  /** The Form response id of the submission (the naive side records the same request). */
  requestId: string;
}

export function runProductOperations(f: RegisterFixture, calendarCallMs: number): ProductRun {
  const { workspace, bundle, plan } = f;
  const ws = workspace.ws;
  installCalendarLatency(ws, calendarCallMs);
  const operations: OperationResult[] = [];

  // Submission: the employee sends the Form; the installed trigger runs the intake.
  const submitted = measure(ws, () => submitForm(f));
  const failed = submitted.value.executions.find((e) => e.status !== 'completed');
  if (failed || submitted.value.executions.length === 0)
    throw new Error(`register bench: the form-submit trigger failed: ${failed?.error ?? 'it did not run'}`);
  const requestId = submitted.value.responseId;
  const recorded = storedDays(workspace).filter((d) => d.requestId === requestId);
  if (recorded.length !== plan.submitDates.length || recorded.some((d) => d.status !== STATUS_LABELS.pending))
    throw new Error(
      `register bench: the submission recorded ${recorded.map((d) => d.status).join(', ') || 'nothing'}`,
    );
  operations.push({ operation: 'submission', ms: submitted.ms, count: submitted.count });

  // Pending list: the manager opens the web page (its first page of people waiting).
  const loaded = measure(
    ws,
    () => bundle.callFromClient(plan.manager, 'pageOverview', {}) as Overview | null,
  );
  const pending = loaded.value?.pending;
  // The employee is listed among the people waiting; their days, if on this page, are all there.
  const group = pending?.groups.find((g) => g.email === plan.employee);
  const listed = new Set(group?.weeks.flatMap((w) => w.days.map((d) => d.date)) ?? []);
  if (
    !pending?.persons.some((p) => p.email === plan.employee) ||
    (group && !plan.submitDates.every((d) => listed.has(d)))
  )
    throw new Error('register bench: the pending list lacks the days just submitted');
  operations.push({ operation: 'pending-list', ms: loaded.ms, count: loaded.count, pending: pending.days });

  // Approval: one of those days, with the calendar work the decision does in its execution.
  const first = recorded.find((d) => d.dateMs === dateMs(plan.submitDates[0])) as StoredDay;
  const approved = measure(
    ws,
    () =>
      bundle.callFromClient(plan.manager, 'pageDecide', [
        { employee: plan.employee, date: plan.submitDates[0], decision: 'approve' },
      ]) as ItemResult[],
  );
  if (!approved.value[0]?.ok)
    throw new Error(`register bench: approval refused: ${approved.value[0]?.message ?? 'no result'}`);
  const firstOnly = new Set([first.id]);
  const after = allApprovedWithEvents(workspace, firstOnly)
    ? 0
    : runTimersUntil(workspace, () => allApprovedWithEvents(workspace, firstOnly)).executions;
  operations.push({ operation: 'approval', ms: approved.ms, count: approved.count, executions: 1 + after });

  // Bulk approval: every day at once, then onTimer until each one has its calendar event.
  const pendingIds = new Map(
    storedDays(workspace)
      .filter((d) => d.status === STATUS_LABELS.pending)
      .map((d) => [`${d.employee}|${d.dateMs}`, d.id]),
  );
  const bulkIds = new Set(plan.bulk.map((b) => pendingIds.get(`${b.employee}|${dateMs(b.date)}`) ?? ''));
  const decisions: DecisionInput[] = plan.bulk.map((b) => ({ ...b, decision: 'approve' }));
  const bulk = measure(
    ws,
    () => bundle.callFromClient(plan.bulkManager, 'pageDecide', decisions) as ItemResult[],
  );
  const refused = bulk.value.filter((r) => !r.ok);
  if (bulk.value.length !== decisions.length || refused.length)
    throw new Error(
      `register bench: bulk approval refused ${refused.length} of ${decisions.length}: ${refused[0]?.message ?? ''}`,
    );
  const timers = runTimersUntil(workspace, () => allApprovedWithEvents(workspace, bulkIds));
  operations.push({
    operation: 'bulk-approval',
    ms: bulk.ms,
    count: bulk.count,
    executions: 1 + timers.executions,
    timers,
  });
  return { operations, requestId };
}

// ---------------------------------------------------------------------------------------------
// NAIVE BASELINE — bench code, never product code. An honest per-row implementation of the
// register port: every sheet read one row at a time, every change written one row (or cell) at a
// time. The use cases and rules are the product's own (src/app, src/domain), so the naive
// operations decide exactly what the product decides; only the register I/O differs.

/** Reads a whole sheet the naive way: its size once, then one getValues per row. */
function readRowByRow(sheet: Sheet): Cell[][] {
  const last = Math.max(sheet.getLastRow(), 1);
  const width = Math.max(sheet.getLastColumn(), 1);
  const rows: Cell[][] = [];
  for (let r = 1; r <= last; r++) rows.push(sheet.getRange(r, 1, 1, width).getValues()[0] as Cell[]);
  return rows;
}

/**
 * A stand-in for the spreadsheet whose sheets answer getDataRange().getValues() by reading row
 * by row: SheetsRegister parses what it reads exactly as in the product, so the naive snapshot
 * is the product's. The rows read are kept for the naive writes.
 */
class RowByRowSpreadsheet {
  readonly read = new Map<string, Cell[][]>();

  constructor(private readonly ss: Spreadsheet) {}

  asSpreadsheet(): Spreadsheet {
    const reader = {
      getSheetByName: (name: string) => {
        const sheet = this.ss.getSheetByName(name);
        if (!sheet) return null;
        return {
          getDataRange: () => ({
            getValues: () => {
              const rows = readRowByRow(sheet);
              this.read.set(name, rows);
              return rows;
            },
          }),
        };
      },
    };
    return reader as unknown as Spreadsheet;
  }
}

/** «Azione» in Italian and «Codice azione» of a change-log line. */
function action(code: AuditEntry['action']): Record<string, Cell> {
  return { action: ACTION_LABELS[code], actionCode: code };
}

// The naive writes lay out the same cells as the product (src/gas/rows.ts dayCells, auditCells).

/** `cells` (by column key) laid out along `header`, over `row` when given (HR's cells kept). */
function rowAlong(key: SheetKey, header: readonly Cell[], cells: Record<string, Cell>, row?: Cell[]): Cell[] {
  const out = row ? row.slice() : new Array<Cell>(header.length).fill('');
  for (const [k, i] of Object.entries(columnsOf(key, header)))
    if (i >= 0 && cells[k] !== undefined) out[i] = cells[k];
  return out;
}

/**
 * Runs `fn` without the advanced Sheets service, so that SheetsRegister parses what the naive
 * reader reads row by row through SpreadsheetApp instead of asking the Sheets API for it.
 */
function withoutSheetsApi<T>(fn: () => T): T {
  const g = globalThis as Record<string, unknown>;
  const saved = Object.getOwnPropertyDescriptor(g, 'Sheets');
  delete g.Sheets;
  try {
    return fn();
  } finally {
    if (saved) Object.defineProperty(g, 'Sheets', saved);
  }
}

export class NaiveRegister implements RegisterPort {
  private readonly reader: RowByRowSpreadsheet;
  private readonly parsed: SheetsRegister;
  /** The site names of the last load, for «Luogo». */
  private places: PlaceNames = new Map();

  constructor(private readonly ss: Spreadsheet) {
    this.reader = new RowByRowSpreadsheet(ss);
    this.parsed = new SheetsRegister(this.reader.asSpreadsheet());
  }

  load() {
    const snapshot = withoutSheetsApi(() => this.parsed.load());
    this.places = placeNames(snapshot.sites);
    return snapshot;
  }

  loadAudit(): AuditEntry[] {
    return withoutSheetsApi(() => this.parsed.loadAudit());
  }

  /** The naive writes, one after the other (no outbox: the baseline mails nobody). */
  commit(change: RegisterChange): void {
    this.appendDays(change.addDays ?? []);
    this.updateDays(change.updateDays ?? []);
    this.appendAudit(change.audit);
    if (change.optIn) new SheetsRegister(this.ss).commit({ audit: [], optIn: change.optIn });
  }

  /** A scan of the whole change log. */
  wasRefused(requestId: string): boolean {
    return this.loadAudit().some((a) => a.action === 'refuse-request' && a.dayId === requestId);
  }

  private sheet(key: SheetKey): Sheet {
    const sheet = this.ss.getSheetByName(SHEETS[key].name);
    if (!sheet) throw new Error(`naive: no sheet ${SHEETS[key].name}`);
    return sheet;
  }

  /** One appendRow per new day. */
  appendDays(days: DayRecord[]): void {
    const sheet = this.sheet('days');
    const header = this.reader.read.get(SHEETS.days.name)?.[0] ?? [];
    for (const d of days) sheet.appendRow(rowAlong('days', header, dayCells(d, this.places)));
  }

  /** One setValues per changed day, over its whole row as read. */
  updateDays(days: DayRecord[]): void {
    const sheet = this.sheet('days');
    const rows = this.reader.read.get(SHEETS.days.name) ?? [];
    for (const d of days) {
      const r = this.parsed.rowOf(d.id);
      if (!r) throw new Error(`naive: day ${d.id} not found`);
      rows[r - 1] = rowAlong('days', rows[0], dayCells(d, this.places), rows[r - 1]);
      sheet.getRange(r, 1, 1, rows[r - 1].length).setValues([rows[r - 1]]);
    }
  }

  /** The header once, then one appendRow per line. */
  appendAudit(entries: AuditEntry[]): void {
    if (!entries.length) return;
    const sheet = this.sheet('audit');
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as Cell[];
    for (const e of entries) sheet.appendRow(rowAlong('audit', header, auditCells(e)));
  }

  /** A fresh scan of the ID column, one getValue per row, and one setValue per event id. */
  setEventIds(entries: { dayId: string; eventId: string }[]): void {
    if (!entries.length) return;
    const sheet = this.sheet('days');
    const col = columnsOf('days', sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]);
    const wanted = new Map(entries.map((e) => [e.dayId, e.eventId]));
    const last = sheet.getLastRow();
    for (let r = 2; r <= last && wanted.size; r++) {
      const id = String(sheet.getRange(r, col.id + 1).getValue());
      const eventId = wanted.get(id);
      if (eventId === undefined) continue;
      sheet.getRange(r, col.calendarEventId + 1).setValue(eventId);
      wanted.delete(id);
    }
  }
}

// END OF THE NAIVE BASELINE.

// ---------------------------------------------------------------------------------------------
// The same operations run directly in Node (no bundle, no vm): the use cases of src/app on a
// register port, with the same callers, budgets and latency model. With NaiveRegister this is the
// naive baseline; with the product's own SheetsRegister it gives the product's time outside
// node:vm (`nativeMs`), where every global lookup (Math, Date, Object...) of the bundle is slow.

export type RegisterFactory = (ss: Spreadsheet) => RegisterPort;

function directPorts(
  workspace: CreatedWorkspace,
  register: RegisterFactory,
): Ports & { calendar: CalendarPort } {
  const ws = workspace.ws;
  return {
    register: register(spreadsheetOf(workspace)),
    clock: { now: () => toRomeLocal(ws.nowMs) },
    lock: { withLock: (fn) => fn() },
    calendar: new SharedCalendar(
      scriptProperty(workspace, PROPERTY.calendarId),
      () =>
        workspace.globals.Calendar.Events as unknown as GoogleAppsScript.Calendar.Collection.EventsCollection,
    ),
  };
}

/** The calendar work of one execution: fresh ports, the product's sync, a time budget. */
function directCalendarRun(
  workspace: CreatedWorkspace,
  register: RegisterFactory,
  budgetMs: number,
): SyncReport {
  const started = workspace.ws.nowMs;
  return syncCalendar(directPorts(workspace, register), {
    budgetMs,
    elapsedMs: () => workspace.ws.nowMs - started,
  });
}

/**
 * The operations on a copy of the fixture's register, for the same callers and in the same order
 * as runProductOperations. The code runs with the owner's authority, as the product's trigger and
 * web app do. Each operation gets fresh ports, as each execution does.
 */
export function runDirectOperations(
  plan: RegisterPlan,
  workspace: CreatedWorkspace,
  requestId: string,
  calendarCallMs: number,
  register: RegisterFactory,
): OperationResult[] {
  const ws = workspace.ws;
  installCalendarLatency(ws, calendarCallMs);
  // The adapters use Apps Script's globals (PropertiesService for the change log's chain head,
  // the advanced Sheets service for atomic writes, Utilities for digests): this copy's, while
  // the operations run.
  const owner = <T>(fn: () => T) => withGlobals(workspace, () => asOwner(workspace, fn));
  const ports = () => directPorts(workspace, register);
  const out: OperationResult[] = [];

  const submitted = measure(ws, () =>
    owner(() =>
      receiveFormResponse(ports(), {
        requestId,
        employee: plan.employee,
        dates: plan.submitDates,
        location: HOME,
        note: '',
      }),
    ),
  );
  if (!submitted.value.ok) throw new Error(`direct submission failed: ${submitted.value.message}`);
  out.push({ operation: 'submission', ms: submitted.ms, count: submitted.count });

  const listed = measure(ws, () => owner(() => overview(ports(), plan.manager)));
  out.push({
    operation: 'pending-list',
    ms: listed.ms,
    count: listed.count,
    pending: listed.value.pending.days,
  });

  const approved = measure(ws, () =>
    owner(() => {
      const [outcome] = decideDays(ports(), plan.manager, [
        { employee: plan.employee, date: plan.submitDates[0], decision: 'approve' },
      ]);
      if (!outcome.ok) throw new Error(`direct approval failed: ${outcome.message}`);
      return directCalendarRun(workspace, register, DECISION_CALENDAR_BUDGET_MS);
    }),
  );
  out.push({ operation: 'approval', ms: approved.ms, count: approved.count, executions: 1 });

  const decisions: DecisionInput[] = plan.bulk.map((b) => ({ ...b, decision: 'approve' }));
  const bulk = measure(ws, () =>
    owner(() => {
      const refused = decideDays(ports(), plan.bulkManager, decisions).filter((x) => !x.ok);
      if (refused.length) throw new Error(`direct bulk approval refused ${refused.length} days`);
      return directCalendarRun(workspace, register, DECISION_CALENDAR_BUDGET_MS);
    }),
  );
  let report = bulk.value;
  const timers: TimerRuns = { executions: 0, count: NO_CALLS, ms: 0 };
  while (report.stoppedBy !== 'done' || report.remaining > 0) {
    if (timers.executions >= 50) throw new Error('direct calendar work unfinished after 50 runs');
    ws.advance(5 * 60_000);
    const run = measure(ws, () => owner(() => directCalendarRun(workspace, register, TIMER_BUDGET_MS)));
    report = run.value;
    timers.executions++;
    timers.count = addCounts(timers.count, run.count);
    timers.ms += run.ms;
  }
  out.push({
    operation: 'bulk-approval',
    ms: bulk.ms,
    count: bulk.count,
    executions: 1 + timers.executions,
    timers,
  });
  return out;
}

/** Runs `fn` with the workspace's Apps Script globals installed on Node's global object. */
function withGlobals<T>(workspace: CreatedWorkspace, fn: () => T): T {
  const g = globalThis as Record<string, unknown>;
  const names = Object.keys(workspace.globals);
  const saved = names.map((n) => [n, Object.getOwnPropertyDescriptor(g, n)] as const);
  for (const n of names) g[n] = (workspace.globals as Record<string, unknown>)[n];
  try {
    return fn();
  } finally {
    for (const [n, d] of saved) {
      if (d) Object.defineProperty(g, n, d);
      else delete g[n];
    }
  }
}

export const naiveRegister: RegisterFactory = (ss) => new NaiveRegister(ss);
export const productRegister: RegisterFactory = (ss) => new SheetsRegister(ss);

// ---------------------------------------------------------------------------------------------
// The suite

/** Status and calendar event (present or not) of every day, by id: what both sides must agree on. */
export function registerOutcomes(workspace: CreatedWorkspace): Map<string, string> {
  return new Map(storedDays(workspace).map((d) => [d.id, `${d.status}|${d.calendarEventId !== ''}`]));
}

/** The first day whose status or calendar event differs between two registers, or null. */
export function firstRegisterDifference(a: Map<string, string>, b: Map<string, string>): string | null {
  if (a.size !== b.size) return `${a.size} days vs ${b.size} days`;
  for (const [id, value] of a) if (b.get(id) !== value) return `${id}: ${value} vs ${b.get(id) ?? 'missing'}`;
  return null;
}

export function buildBundle(): void {
  execFileSync('node', ['esbuild.config.mjs'], { cwd: process.cwd(), stdio: 'pipe' });
}

/** What one size gives: the product's operations, natively too, and the naive ones (when run). */
interface SizeRun {
  size: number;
  product: OperationResult[];
  native: OperationResult[];
  naive: OperationResult[] | null;
}

function runSize(size: number, o: RegisterBenchOptions, withNaive: boolean): SizeRun {
  let f: RegisterFixture | null = buildRegisterFixture(size, o);
  o.log(
    `register: ${size} day rows, ${f.auditRows} change-log lines, ${f.events} calendar events, built in ${(f.ms / 1000).toFixed(1)} s`,
  );
  const { plan } = f;
  // The direct runs start from identical copies of the register as it is now.
  const saved = structuredClone(f.workspace.state);
  o.log(`register: ${size} rows: the product's operations through the bundle…`);
  const product = runProductOperations(f, o.calendarCallMs);
  const productOutcomes = registerOutcomes(f.workspace);
  f = null; // let the collector have it before the next copies
  const compare = (side: string, workspace: CreatedWorkspace) => {
    const difference = firstRegisterDifference(productOutcomes, registerOutcomes(workspace));
    if (difference !== null)
      throw new Error(
        `register bench aborted: ${side} differs from the product at ${size} rows: ${difference}`,
      );
  };
  o.log(`register: ${size} rows: the product's use cases and adapter in Node…`);
  const nativeCopy = createWorkspace({ state: withNaive ? structuredClone(saved) : saved });
  const native = runDirectOperations(plan, nativeCopy, product.requestId, o.calendarCallMs, productRegister);
  compare('the native run', nativeCopy);
  if (!withNaive) return { size, product: product.operations, native, naive: null };
  o.log(`register: ${size} rows: the naive baseline…`);
  const naiveCopy = createWorkspace({ state: saved });
  const naive = runDirectOperations(plan, naiveCopy, product.requestId, o.calendarCallMs, naiveRegister);
  compare('the naive baseline', naiveCopy);
  return { size, product: product.operations, native, naive };
}

/** A naive result at `size` on the line through two measured ones (calls are affine in the rows). */
function extrapolate(a: SizeRun, b: SizeRun, size: number, i: number): OperationResult {
  const x = (a.naive as OperationResult[])[i];
  const y = (b.naive as OperationResult[])[i];
  const t = (size - a.size) / (b.size - a.size);
  const line = (u: number, v: number) => u + (v - u) * t;
  const calls = (u: SheetsCount, v: SheetsCount): SheetsCount => ({
    roundTrips: Math.round(line(u.roundTrips, v.roundTrips)),
    all: Math.round(line(u.all, v.all)),
    calendar: Math.round(line(u.calendar, v.calendar)),
    byMethod: {},
  });
  return {
    operation: y.operation,
    ms: line(x.ms, y.ms),
    count: calls(x.count, y.count),
    ...(y.executions !== undefined ? { executions: y.executions } : {}),
    ...(x.timers && y.timers
      ? {
          timers: {
            executions: y.timers.executions,
            count: calls(x.timers.count, y.timers.count),
            ms: line(x.timers.ms, y.timers.ms),
          },
        }
      : {}),
  };
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

export function runRegisterBench(o: RegisterBenchOptions): BenchRow[] {
  if (o.build) {
    o.log('register: building dist/Code.js…');
    buildBundle();
  }
  if (o.warmUpRows > 0) {
    o.log(`register: warm-up at ${o.warmUpRows} rows (not reported)…`);
    runSize(o.warmUpRows, { ...o, log: () => undefined }, true);
  }
  const runs: SizeRun[] = [];
  for (const size of o.sizes) runs.push(runSize(size, o, size <= o.naiveMaxRows));

  const rows: BenchRow[] = [];
  for (const run of runs) {
    const measured = runs.filter((r) => r.naive !== null);
    const [a, b] = measured.slice(-2);
    const extrapolated = run.naive === null;
    if (extrapolated && !b) throw new Error('register bench: the naive baseline needs two measured sizes');
    run.product.forEach((p, i) => {
      const n = run.naive ? run.naive[i] : extrapolate(a, b, run.size, i);
      const row: BenchRow = {
        suite: 'register',
        operation: p.operation,
        rows: run.size,
        calls: p.count.roundTrips,
        allCalls: p.count.all,
        ms: round(p.ms, 1),
        nativeMs: round(run.native[i].ms, 1),
        baselineCalls: n.count.roundTrips,
        baselineAllCalls: n.count.all,
        baselineMs: round(n.ms, 1),
        calendarCalls: p.count.calendar,
      };
      if (p.pending !== undefined) row.pending = p.pending;
      if (p.executions !== undefined) row.executions = p.executions;
      if (p.timers) {
        row.timerCalls = p.timers.count.roundTrips;
        row.timerMs = round(p.timers.ms, 1);
        row.timerCalendarCalls = p.timers.count.calendar;
        row.baselineTimerCalls = n.timers?.count.roundTrips ?? 0;
      }
      row.baselineExtrapolated = extrapolated;
      // Every run at this size left the same register (runSize aborts otherwise).
      row.identical = true;
      const trips = `round trips: ${describeRoundTrips(p.count)}${p.timers ? `; onTimer: ${describeRoundTrips(p.timers.count)}` : ''}`;
      row.note = extrapolated
        ? `${trips}. Naive baseline not run at ${run.size} rows: extrapolated linearly from ${a.size} and ${b.size} rows`
        : trips;
      rows.push(row);
    });
  }
  if (o.fullSheetCheck && o.sizes.length) rows.push(fullSheetCheck(Math.min(...o.sizes), o));
  rows.push(...registerChecks(rows, o));
  return rows;
}

/** Rows of a new sheet in Google Sheets (and in the Workspace fake). */
const NEW_SHEET_ROWS = 1_000;

/**
 * A submission when Giornate has no blank row left below its data: at least a new sheet's
 * worth of rows (the fake cannot delete rows), exactly filling the sheet.
 */
function fullSheetCheck(smallest: number, o: RegisterBenchOptions): BenchRow {
  const size = Math.max(smallest, NEW_SHEET_ROWS - 1);
  o.log(`register: ${size} rows: a submission with no blank row left in Giornate…`);
  const f = buildRegisterFixture(size, { ...o, spareRows: 0 });
  const id = f.workspace.state.properties.script[PROPERTY.spreadsheetId];
  const days = f.workspace.testing.sheets.file(id).sheets.find((s) => s.name === SHEETS.days.name);
  if (days?.maxRows !== size + 1)
    throw new Error(`register bench: Giornate is not full (${days?.maxRows} rows)`);
  const { executions, responseId } = submitForm(f);
  const recorded = storedDays(f.workspace).filter((d) => d.requestId === responseId).length;
  const error = executions.find((e) => e.status !== 'completed')?.error ?? '';
  return {
    suite: 'register',
    operation: 'check',
    rows: size,
    check: 'submission when Giornate has no blank row left',
    target: `${f.plan.submitDates.length} days recorded`,
    measured: recorded,
    ok: recorded === f.plan.submitDates.length,
    ...(error ? { note: `the form-submit trigger failed: «${error}»` } : {}),
  };
}

const BUDGETED: readonly string[] = ['submission', 'pending-list', 'approval'];

/** The budgets of ENGINEERING.md, as rows: measured against expected, never asserted. */
function registerChecks(rows: readonly BenchRow[], o: RegisterBenchOptions): BenchRow[] {
  const checks: BenchRow[] = [];
  for (const operation of [...BUDGETED, 'bulk-approval']) {
    const measured = rows.filter((r) => r.operation === operation);
    if (!measured.length) continue;
    const calls = measured.map((r) => Number(r.calls));
    const largest = measured[measured.length - 1].rows;
    checks.push({
      suite: 'register',
      operation: 'check',
      rows: largest,
      check: `${operation}: round trips at ${measured.map((r) => r.rows).join(' / ')} rows`,
      target: 'the same at every size',
      measured: calls.join(' / '),
      ok: calls.every((c) => c === calls[0]),
    });
    if (BUDGETED.includes(operation))
      checks.push({
        suite: 'register',
        operation: 'check',
        rows: largest,
        check: `${operation}: round trips per operation`,
        target: `≤ ${o.maxRoundTrips}`,
        measured: Math.max(...calls),
        ok: Math.max(...calls) <= o.maxRoundTrips,
      });
  }
  if (checks.length)
    checks[checks.length - 1].note =
      `round trips = SpreadsheetApp calls of ${ROUND_TRIP_METHODS.join(', ')} (and any call of the advanced Sheets service). Latency model: each Calendar call advances the fake clock by ${o.calendarCallMs} ms`;
  return checks;
}
