// The years suite of `npm run bench` (`--only years`): what the product's everyday operations
// read and cost as the register ages, through the REAL bundle (dist/Code.js in node:vm on the
// in-memory Workspace), for 1, 5 and 10 years of history and for an organisation's staff count.
//
// Target (issue «A register that stays fast for years»): for each operation and staff count, the
// rows read and the milliseconds at the most years stay within `flatFactor` (2×) of those at the
// fewest. Checked here and printed as `check` rows (`flat`), never asserted by a timed test.
//
// Fixture, per staff count and years (buildYearsFixture): setup as the owner, the hand-kept
// sheets as HR types them (dev/register-seed.ts, the organisation of dev/bench/org.ts scaled to
// the staff count), setup again; then the history of `years × 12` months, the last one the month
// after today's (requests are made a few weeks ahead), `staff × daysPerMonth` requested days in
// each month (dev/bench/org.ts generateHistory over that month, mixed statuses; no day left
// waiting before the live window of src/domain/archive.ts), each day with
// its change-log lines (dev/bench/register.ts historyRows: submitted 2–21 days before, decided
// the next day). Rows are in submission order within a month and the change log is in time order.
// The history is written STRAIGHT INTO THE FAKE'S STATE, one month at a time, each cell as
// Range.setValues would store it (interpretInput), without service calls: fast, and past Google's
// limit of 10 million cells per spreadsheet (rows × columns of every sheet; the fake's MAX_CELLS),
// which SpreadsheetApp enforces when a sheet grows. With setup's 26 columns per sheet, today's
// register passes that limit between 1 and 5 years at 470 staff (the fixture row reports `cells`
// and `overCellLimit`): such a register could not exist in Google Sheets. Number formats are not copied onto the history rows (only
// getDisplayValues would see them; the product reads values). 1,000 blank rows are left below
// Giornate and Registro modifiche (the product writes there without growing the sheets).
// Approved days from today on have their event in the shared calendar (Calendar.Events.insert,
// tagged with the day id); older approved days have an event id only. The periodic job has just
// run (last response check: now; today's full calendar reconciliation: done).
//
// ARCHIVE HOOK: when the bundle has a top-level `archiveClosedMonths` (the yearly archive being
// built), the fixture runs it as the owner, as the periodic job would, before measuring: again
// while it answers `{ done: false }` or `{ remaining: n > 0 }`, at most 100 times. The fixture row
// says whether it ran (`archived`) and how many times (`archiveRuns`).
//
// Operations, in this order on the same register (each sees the changes of the previous ones):
// - submission: an employee sends the Form with 3 dates (the installed form-submit trigger);
// - pending-list: pageOverview from the web page as the employee's manager;
// - approval: pageDecide of one of those days as that manager (with its calendar event);
// - timer: the periodic trigger (onTimer) 5 minutes later.
// `rowsRead`: sheet rows the operation read (Workspace.rowsRead: every Range.getValues,
// getDisplayValues, getFormulas and every range of Sheets.Spreadsheets.Values.batchGet counts the
// rows it returned); `calls`: SpreadsheetApp round trips (as the register suite counts them);
// `ms`: the operation's wall time in Node (after a garbage collection), indicative only.
//
// Sizes: by default 470 staff at 1, 5 and 10 years; `--full` adds 5,000 staff, whose 10-year
// register has ~4.8 million days and ~8.7 million change-log lines. Measured on a 2-core machine
// (December 2026): building the fixtures takes most of the time, because the product's archive
// moves the closed years one step at a time (the 5-year fixture ~10 minutes, the 10-year one ~40
// minutes and ~5 GB, the archives being held in memory by the emulation). Rows read per operation
// at 470 staff, 1 / 5 / 10 years: submission 12,244 / 12,244 / 12,244; pending list 12,247 /
// 12,247 / 12,247; approval 34,812 / 34,813 / 34,813; periodic job 54,223 / 59,465 / 78,184 (the
// 10-year run with the later daily work of the staff records and notices). Before the archive,
// every operation read the whole register (a submission 452k rows at 10 years). The suite says
// before starting when the heap is too small (heapTooSmall) and how to give it
// (`NODE_OPTIONS=--max-old-space-size=N npm run bench -- --only years --full`).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import { liveFrom } from '../../src/domain/archive';
import { addDays, daysInMonth, makeDate, type IsoDate } from '../../src/domain/dates';
import { STATUS_LABELS } from '../../src/domain/labels';
import { HOME, type DayFacts } from '../../src/domain/model';
import { fromRomeLocal } from '../../src/domain/rome-time';
import type { Overview } from '../../src/app/overview';
import type { Cell } from '../../src/gas/cells';
import { PROPERTY } from '../../src/gas/properties';
import { columnsOf } from '../../src/gas/register';
import { normaliseHeader, SHEETS, type SheetKey } from '../../src/gas/schema';
import { asUser, installProduct, registerOf, submitForm } from '../driver';
import { seedRegister } from '../register-seed';
import type { CreatedWorkspace } from '../workspace';
import { functionNames, type LoadedBundle } from '../workspace/bundle';
import type { Workspace } from '../workspace/core';
import {
  interpretInput,
  MAX_CELLS,
  type Grid,
  type SheetData,
  type StoredValue,
} from '../workspace/spreadsheet';
import type { BenchOptions, BenchRow } from './main';
import { generateHistory, generateOrganisation, type Organisation } from './org';
import {
  attachCalendarEvents,
  BENCH_OWNER,
  buildBundle,
  collectGarbage,
  historyRows,
  installCalendarLatency,
  planOperations,
  sheetsCount,
  type HistoryRow,
} from './register';

export interface YearsBenchOptions {
  /** Staff counts (the organisation of dev/bench/org.ts scaled). */
  staff: readonly number[];
  /** Years of history in the register (12 months each). */
  years: readonly number[];
  /** Requested days per person and month (the policy's monthly cap is 8). */
  daysPerMonth: number;
  seed: number;
  /** "Today" of the operations (Europe/Rome), at `nowMinutes` after midnight. */
  today: IsoDate;
  nowMinutes: number;
  /** Dates of the Form submission. */
  submitDates: number;
  /** Fake milliseconds each Calendar call takes (the register suite's latency model). */
  calendarCallMs: number;
  /** Blank rows left below the data of Giornate and Registro modifiche. */
  spareRows: number;
  /** The target: rows read and ms at the most years ≤ this × those at the fewest. */
  flatFactor: number;
  /** A first, discarded run on a one-month register, so that the JIT warms up outside the timings. */
  warmUp: boolean;
  /** dist/Code.js; built first when `build`. */
  codePath: string;
  build: boolean;
  log: (line: string) => void;
}

export const DEFAULT_YEARS_OPTIONS: Readonly<YearsBenchOptions> = Object.freeze({
  staff: [470],
  years: [1, 5, 10],
  daysPerMonth: 8,
  seed: 20260105,
  today: '2025-12-15' as IsoDate,
  nowMinutes: 9 * 60,
  submitDates: 3,
  calendarCallMs: 250,
  spareRows: 1_000,
  flatFactor: 2,
  warmUp: true,
  codePath: join(process.cwd(), 'dist/Code.js'),
  build: true,
  log: () => undefined,
});

/** `--full`: 5,000 staff too (needs a large heap, see the top of this file). */
export const FULL_STAFF: readonly number[] = [470, 5_000];

/**
 * Heap this suite wants per day row of its largest register. Measured at 470 staff × 10 years
 * (451,200 days, 776,573 change-log lines): the fixture's state takes ~850 B per day row, and
 * today's operations, which read the whole register (days and change log) and parse it, peak at
 * ~6 kB per day row of process memory. Once an archive job keeps the register small, the state
 * is most of it.
 */
const HEAP_BYTES_PER_DAY_ROW = 5_000;
const HEAP_BYTES_PER_DAY_ROW_ARCHIVED = 1_500;

/** The suite as main.ts runs it: the default sizes, or with `--full` 5,000 staff too. */
export function yearsSuite(opts: BenchOptions): BenchRow[] {
  const o: YearsBenchOptions = {
    ...DEFAULT_YEARS_OPTIONS,
    ...(opts.full ? { staff: FULL_STAFF } : {}),
    log: opts.log,
  };
  if (o.build) {
    o.log('years: building dist/Code.js…');
    buildBundle();
  }
  const archive = functionNames(readFileSync(o.codePath, 'utf8')).includes(ARCHIVE_FUNCTION);
  const tooSmall = heapTooSmall(o, getHeapStatistics().heap_size_limit, opts.full ?? false, archive);
  if (tooSmall) throw new Error(tooSmall);
  return runYearsBench({ ...o, build: false });
}

/**
 * Why a heap of `limit` bytes is too small for the largest register of `o` (with or without the
 * product's archive job); null if it is not.
 */
export function heapTooSmall(
  o: YearsBenchOptions,
  limit: number,
  full: boolean,
  archive: boolean,
): string | null {
  const largest = Math.max(...o.staff) * o.daysPerMonth * 12 * Math.max(...o.years);
  const wanted = largest * (archive ? HEAP_BYTES_PER_DAY_ROW_ARCHIVED : HEAP_BYTES_PER_DAY_ROW);
  if (limit >= wanted) return null;
  return (
    `the largest register (${largest.toLocaleString('en-US')} days) needs a heap of about ${Math.ceil(wanted / 1e9)} GB, ` +
    `this one has ${(limit / 1e9).toFixed(1)} GB: run NODE_OPTIONS=--max-old-space-size=${Math.ceil(wanted / 2 ** 20)} npm run bench -- --only years${full ? ' --full' : ''}`
  );
}

// ---------------------------------------------------------------------------------------------
// Fixture

export interface YearsPlan {
  /** Manager of the submitting employee: loads the pending list, approves one day. */
  manager: string;
  employee: string;
  /** The Form's dates: each passes the rules (pending), and each can be approved. */
  submitDates: IsoDate[];
}

export interface YearsFixture {
  staff: number;
  years: number;
  workspace: CreatedWorkspace;
  bundle: LoadedBundle;
  org: Organisation;
  plan: YearsPlan;
  today: IsoDate;
  /** Day rows written to Giornate and lines to Registro modifiche. */
  dayRows: number;
  auditRows: number;
  /** Events in the shared calendar (approved days from today on). */
  events: number;
  /** Cells of the register (rows × columns of every sheet, as Google counts them), after the archive. */
  cells: number;
  /** Whether the product's archive job ran (the bundle has `archiveClosedMonths`), and how often. */
  archived: boolean;
  archiveRuns: number;
  ms: number;
}

/** The top-level function of the bundle the fixture runs, when it exists, before measuring. */
export const ARCHIVE_FUNCTION = 'archiveClosedMonths';
const MAX_ARCHIVE_RUNS = 100;

/** An archive run that says there is more to do: `{ done: false }` or `{ remaining: n > 0 }`. */
export function archiveUnfinished(result: unknown): boolean {
  if (typeof result !== 'object' || result === null) return false;
  const r = result as { done?: unknown; remaining?: unknown };
  return r.done === false || (typeof r.remaining === 'number' && r.remaining > 0);
}

/** The months of the history: `count` months ending with the month after `today`'s. */
export function historyMonths(today: IsoDate, count: number): { from: IsoDate; days: number }[] {
  const [y, m] = today.split('-').map(Number);
  const last = y * 12 + (m - 1) + 1;
  const out: { from: IsoDate; days: number }[] = [];
  for (let k = last - count + 1; k <= last; k++) {
    const year = Math.floor(k / 12);
    const month = (k % 12) + 1;
    out.push({ from: makeDate(year, month, 1), days: daysInMonth(year, month) });
  }
  return out;
}

function sheetData(workspace: CreatedWorkspace, key: SheetKey): SheetData {
  const id = workspace.state.properties.script[PROPERTY.spreadsheetId];
  const sheet = id ? workspace.testing.sheets.file(id).sheets.find((s) => s.name === SHEETS[key].name) : null;
  if (!sheet) throw new Error(`years bench: no sheet ${SHEETS[key].name}`);
  return sheet;
}

/**
 * Appends rows (objects keyed by column key) to a sheet's state, each cell stored as setValues
 * stores what a script writes (the column's number format of row 2 applies), with no service call.
 */
class StateWriter {
  readonly sheet: SheetData;
  private readonly layout: { key: string; index: number; format: string | null }[];
  private readonly width: number;
  private readonly timeZone: string;
  rows = 0;

  constructor(workspace: CreatedWorkspace, key: SheetKey) {
    this.sheet = sheetData(workspace, key);
    const id = workspace.state.properties.script[PROPERTY.spreadsheetId];
    this.timeZone = workspace.testing.sheets.file(id).timeZone;
    const header = (this.sheet.values[0] ?? []).map((v) => normaliseHeader(String(v ?? '')));
    this.width = header.length;
    this.layout = SHEETS[key].columns
      .map((c) => ({
        key: c.key as string,
        index: header.indexOf(normaliseHeader(c.header)),
        format: null as string | null,
      }))
      .filter((c) => c.index >= 0);
    for (const c of this.layout) c.format = this.sheet.numberFormats[1]?.[c.index] ?? null;
    const used = this.sheet.values.slice(1).some((r) => r && r.some((v) => v !== null));
    if (used) throw new Error(`years bench: ${this.sheet.name} already has data`);
    this.sheet.values.length = 1;
    this.sheet.formulas.length = Math.min(this.sheet.formulas.length, 1);
  }

  append(records: readonly Record<string, Cell>[]): void {
    for (const record of records) {
      const row: StoredValue[] = new Array<StoredValue>(this.width).fill(null);
      for (const c of this.layout) {
        const input = record[c.key];
        if (input === undefined) continue;
        const stored = interpretInput(input, c.format, this.timeZone);
        if (stored.formula !== null) throw new Error(`years bench: a formula in ${this.sheet.name}`);
        row[c.index] = stored.value;
      }
      this.sheet.values.push(row);
      this.rows++;
    }
  }

  /** Room for `spare` blank rows below the data, formatted as the sheet's first data row. */
  finish(spare: number): void {
    const wanted = 1 + this.rows + spare;
    if (this.sheet.maxRows >= wanted) return;
    const from = this.sheet.maxRows;
    this.sheet.maxRows = wanted;
    for (const grid of [
      this.sheet.numberFormats,
      this.sheet.fontWeights,
      this.sheet.backgrounds,
      this.sheet.validations,
    ] as Grid<unknown>[]) {
      const model = grid[1];
      if (!model) continue;
      for (let r = Math.max(from, 1 + this.rows); r < wanted; r++) {
        while (grid.length < r) grid.push(null);
        grid[r] = [...model];
      }
    }
  }
}

/** The change log in time order, written as soon as no later month can add an earlier line. */
class AuditStream {
  private buffer: { at: string; cells: Record<string, Cell> }[] = [];

  constructor(private readonly writer: StateWriter) {}

  add(lines: readonly { at: string; cells: Record<string, Cell> }[]): void {
    this.buffer.push(...lines);
  }

  /** Writes every line before `bound` (`YYYY-MM-DD`), in time order. */
  flushBefore(bound: string): void {
    this.buffer.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    let n = 0;
    while (n < this.buffer.length && this.buffer[n].at < bound) n++;
    this.writer.append(this.buffer.slice(0, n).map((l) => l.cells));
    this.buffer = this.buffer.slice(n);
  }
}

function asOwner<T>(workspace: CreatedWorkspace, fn: () => T): T {
  return asUser(workspace, workspace.ws.owner, fn);
}

/** Cells of a workbook as Google counts them against its limit: every sheet's rows × columns. */
function workbookCells(workspace: CreatedWorkspace): number {
  const id = workspace.state.properties.script[PROPERTY.spreadsheetId];
  return workspace.testing.sheets.file(id).sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
}

export type YearsFixtureOptions = Pick<
  YearsBenchOptions,
  'daysPerMonth' | 'seed' | 'today' | 'nowMinutes' | 'submitDates' | 'spareRows' | 'codePath'
>;

/** A register of `staff` people with `years` of history (a fraction of a year: fewer months). */
export function buildYearsFixture(staff: number, years: number, o: YearsFixtureOptions): YearsFixture {
  const started = performance.now();
  const org = generateOrganisation(o.seed, staff);
  const today = o.today;
  const { workspace, bundle } = installProduct({
    codePath: o.codePath,
    owner: BENCH_OWNER,
    nowMs: fromRomeLocal({ date: today, minutes: o.nowMinutes }),
  });
  const owner = BENCH_OWNER;
  bundle.run(owner, 'setup');
  asOwner(workspace, () => {
    // Room for the people of a large organisation, as HR would add rows (a new sheet has 1,000).
    for (const key of ['people', 'employees', 'agreements'] as const) {
      const sheet = registerOf(workspace).getSheetByName(SHEETS[key].name);
      const max = sheet?.getMaxRows() ?? 0;
      if (sheet && max < staff + 100) sheet.insertRowsAfter(max, staff + 100 - max);
    }
  });
  asOwner(workspace, () =>
    seedRegister(registerOf(workspace), {
      admins: [owner],
      employees: org.employees,
      agreements: org.employees.flatMap((e) => org.agreementsOf.get(e.email) ?? []),
      sites: [...org.sites.values()],
      names: { [owner]: 'Ufficio personale' },
    }),
  );
  bundle.run(owner, 'setup'); // the Form picks up the sites, the protections the HR editors

  const calendarId = workspace.state.properties.script[PROPERTY.calendarId];
  const days = new StateWriter(workspace, 'days');
  const auditWriter = new StateWriter(workspace, 'audit');
  const audit = new AuditStream(auditWriter);
  // Days near the operations' dates, for choosing dates that pass the rules.
  const recent: DayFacts[] = [];
  const recentFrom = addDays(today, -62);
  const live = liveFrom(today);
  const months = historyMonths(today, Math.max(1, Math.round(years * 12)));
  const perMonth = staff * o.daysPerMonth;
  let approved = 0;
  let events = 0;
  months.forEach((period, k) => {
    // Months before the live window (the closed months the archive may move) were decided long
    // ago: their waiting days had their answer, approved or rejected in turn. A day still waiting
    // in a closed month holds its month in the register, as it should (the check lists it).
    const settled = period.from < live;
    const facts = generateHistory(org, perMonth, o.seed + 1 + k, period).map((d, i): DayFacts =>
      settled && d.status === 'pending' ? { ...d, status: i % 3 ? 'approved' : 'rejected' } : d,
    );
    for (const d of facts) if (d.date >= recentFrom) recent.push(d);
    const rows: HistoryRow[] = historyRows(org, facts, today, o.seed + 100_000 + k, k * perMonth);
    rows.sort((a, b) => (a.audit[0].at < b.audit[0].at ? -1 : a.audit[0].at > b.audit[0].at ? 1 : 0));
    asOwner(workspace, () => {
      const made = attachCalendarEvents(workspace, org, rows, today, calendarId, approved);
      approved = made.approved;
      events += made.events;
    });
    days.append(rows.map((r) => r.day));
    for (const r of rows) audit.add(r.audit);
    // A later month's lines are at least 22 days before its first day, and none after today.
    const next = months[k + 1];
    const bound = next ? addDays(next.from, -22) : '9999';
    const yesterday = addDays(today, -1);
    audit.flushBefore(bound < yesterday ? bound : yesterday);
  });
  audit.flushBefore('9999');
  days.finish(o.spareRows);
  auditWriter.finish(o.spareRows);
  workspace.state.properties.script[PROPERTY.lastFullCalendarSync] = today;
  workspace.state.properties.script[PROPERTY.lastResponseCheck] = String(workspace.ws.nowMs);

  // Who submits and decides: people of the owner's domain (the Form and the web app are the
  // domain's), with a manager there too.
  const domain = owner.slice(owner.indexOf('@'));
  const inDomain = org.employees.filter((e) => e.email.endsWith(domain) && e.manager.endsWith(domain));
  const chosen = planOperations({ ...org, employees: inDomain }, recent, today, {
    bulkDays: 0,
    submitDates: o.submitDates,
  });
  const plan: YearsPlan = {
    manager: chosen.manager,
    employee: chosen.employee,
    submitDates: chosen.submitDates,
  };

  // The hook for the yearly archive: run as the periodic job would, before anything is measured.
  let archiveRuns = 0;
  if (bundle.functionNames.includes(ARCHIVE_FUNCTION)) {
    let result: unknown;
    do {
      if (archiveRuns >= MAX_ARCHIVE_RUNS)
        throw new Error(`years bench: ${ARCHIVE_FUNCTION} unfinished after ${MAX_ARCHIVE_RUNS} runs`);
      result = bundle.run(owner, ARCHIVE_FUNCTION);
      archiveRuns++;
    } while (archiveUnfinished(result));
  }

  return {
    staff,
    years,
    workspace,
    bundle,
    org,
    plan,
    today,
    dayRows: days.rows,
    auditRows: auditWriter.rows,
    events,
    cells: workbookCells(workspace),
    archived: archiveRuns > 0,
    archiveRuns,
    ms: performance.now() - started,
  };
}

// ---------------------------------------------------------------------------------------------
// The operations, through the bundle

export type YearsOperation = 'submission' | 'pending-list' | 'approval' | 'timer';
export const YEARS_OPERATIONS: readonly YearsOperation[] = [
  'submission',
  'pending-list',
  'approval',
  'timer',
];

export interface YearsMeasure {
  operation: YearsOperation;
  rowsRead: number;
  /** SpreadsheetApp round trips (and advanced Sheets service calls). */
  calls: number;
  ms: number;
}

function measure<T>(ws: Workspace, operation: YearsOperation, fn: () => T): { value: T; m: YearsMeasure } {
  collectGarbage();
  ws.resetCounts();
  const start = performance.now();
  const value = fn();
  const ms = performance.now() - start;
  return { value, m: { operation, rowsRead: ws.rowsRead(), calls: sheetsCount(ws).roundTrips, ms } };
}

/** Status labels of the days of one request, from the bottom of Giornate (no service call). */
function statusesOfRequest(workspace: CreatedWorkspace, requestId: string): string[] {
  const sheet = sheetData(workspace, 'days');
  const col = columnsOf(
    'days',
    (sheet.values[0] ?? []).map((v) => String(v ?? '')),
  );
  const out: string[] = [];
  for (let r = sheet.values.length - 1; r >= Math.max(1, sheet.values.length - 1_000); r--) {
    const row = sheet.values[r];
    if (row && row[col.requestId] === requestId) out.push(String(row[col.status]));
  }
  return out;
}

interface ItemResult {
  ok: boolean;
  message?: string;
}

/** The four operations on the fixture's register, each checked, in order. */
export function runYearsOperations(f: YearsFixture, calendarCallMs: number): YearsMeasure[] {
  const { workspace, bundle, plan } = f;
  const ws = workspace.ws;
  installCalendarLatency(ws, calendarCallMs);
  const out: YearsMeasure[] = [];

  const submitted = measure(ws, 'submission', () =>
    submitForm(workspace, plan.employee, {
      dates: plan.submitDates,
      location: HOME,
      sites: [...f.org.sites.values()],
    }),
  );
  const failed = submitted.value.executions.find((e) => e.status !== 'completed');
  if (failed || !submitted.value.executions.length)
    throw new Error(`years bench: the form-submit trigger failed: ${failed?.error ?? 'it did not run'}`);
  const statuses = statusesOfRequest(workspace, submitted.value.responseId);
  if (statuses.length !== plan.submitDates.length || statuses.some((s) => s !== STATUS_LABELS.pending))
    throw new Error(`years bench: the submission recorded ${statuses.join(', ') || 'nothing'}`);
  out.push(submitted.m);

  const listed = measure(
    ws,
    'pending-list',
    () => bundle.callFromClient(plan.manager, 'pageOverview', {}) as Overview | null,
  );
  if (!listed.value?.pending.persons.some((p) => p.email === plan.employee))
    throw new Error('years bench: the pending list lacks the employee who just asked');
  out.push(listed.m);

  const approved = measure(
    ws,
    'approval',
    () =>
      bundle.callFromClient(plan.manager, 'pageDecide', [
        { employee: plan.employee, date: plan.submitDates[0], decision: 'approve' },
      ]) as ItemResult[],
  );
  if (!approved.value[0]?.ok)
    throw new Error(`years bench: approval refused: ${approved.value[0]?.message ?? 'no result'}`);
  out.push(approved.m);

  const timer = measure(ws, 'timer', () => workspace.testing.runTimeTriggersUntil(ws.nowMs + 5 * 60_000));
  const runs = timer.value;
  if (!runs.length || runs.some((r) => r.functionName !== 'onTimer' || r.status !== 'completed'))
    throw new Error(
      `years bench: the periodic trigger: ${runs.map((r) => `${r.functionName} ${r.status} ${r.error ?? ''}`).join('; ') || 'did not run'}`,
    );
  out.push(timer.m);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The suite

const round = (x: number, digits: number) => Number(x.toFixed(digits));

export function runYearsBench(o: YearsBenchOptions): BenchRow[] {
  if (o.build) {
    o.log('years: building dist/Code.js…');
    buildBundle();
  }
  if (o.warmUp && o.staff.length) {
    o.log('years: warm-up on a one-month register (not reported)…');
    runYearsOperations(buildYearsFixture(Math.min(...o.staff), 1 / 12, o), o.calendarCallMs);
  }
  const rows: BenchRow[] = [];
  for (const staff of o.staff) {
    const measured: BenchRow[] = [];
    for (const years of o.years) {
      o.log(`years: ${staff} staff, ${years} years: building the register…`);
      const f = buildYearsFixture(staff, years, o);
      o.log(
        `years: ${staff} staff, ${years} years: ${f.dayRows} days, ${f.auditRows} change-log lines, ${f.events} calendar events, built in ${(f.ms / 1000).toFixed(1)} s${f.archived ? `, archived (${f.archiveRuns} runs)` : ''}; measuring…`,
      );
      const fixture: BenchRow = {
        suite: 'years',
        operation: 'fixture',
        rows: f.dayRows,
        staff,
        years,
        auditRows: f.auditRows,
        events: f.events,
        cells: f.cells,
        overCellLimit: f.cells > MAX_CELLS,
        archived: f.archived,
        archiveRuns: f.archiveRuns,
        buildMs: Math.round(f.ms),
      };
      const results = runYearsOperations(f, o.calendarCallMs);
      const before = measured.length;
      for (const r of results)
        measured.push({
          suite: 'years',
          operation: r.operation,
          rows: f.dayRows,
          staff,
          years,
          rowsRead: r.rowsRead,
          ms: round(r.ms, 1),
          calls: r.calls,
        });
      rows.push(fixture, ...measured.slice(before));
    }
    rows.push(...flatChecks(measured, staff, o));
  }
  return rows;
}

/** Per operation: rows read and ms at the most years within `flatFactor` of the fewest. */
export function flatChecks(measured: readonly BenchRow[], staff: number, o: YearsBenchOptions): BenchRow[] {
  if (o.years.length < 2) return [];
  const fewest = Math.min(...o.years);
  const most = Math.max(...o.years);
  return YEARS_OPERATIONS.flatMap((operation) => {
    const at = (years: number) => measured.find((r) => r.operation === operation && r.years === years);
    const a = at(fewest);
    const b = at(most);
    if (!a || !b) return [];
    const ratio = (x: number, y: number) => round(y / Math.max(x, 1e-9), 2);
    const rowsReadRatio = ratio(Number(a.rowsRead), Number(b.rowsRead));
    const msRatio = ratio(Number(a.ms), Number(b.ms));
    const flat = rowsReadRatio <= o.flatFactor && msRatio <= o.flatFactor;
    return [
      {
        suite: 'years',
        operation: 'check',
        rows: b.rows,
        staff,
        check: `${operation}: rows read and ms from ${fewest} to ${most} years`,
        subject: operation,
        target: `≤ ${o.flatFactor}× at ${most} years what it is at ${fewest}`,
        measured: `rows read ${a.rowsRead} → ${b.rowsRead}, ms ${a.ms} → ${b.ms}`,
        rowsReadRatio,
        msRatio,
        flat,
        ok: flat,
      },
    ];
  });
}
