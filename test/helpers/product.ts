// The product as HR, managers and employees meet it: the built bundle (esbuild.config.mjs) in
// node:vm on the in-memory Workspace, driven the way dev/scenario/bundle-runner.ts drives it:
// setup as the owner, hand-kept sheets typed by HR, Form responses firing the real trigger,
// sidebar calls forwarded to the owner's web app, clock triggers run as time passes.
import { bundlePath, ROOT } from './bundle';
import { appendRows, seedRegister, type RegisterSeed } from '../../dev/register-seed';
import { createWorkspace, type CreatedWorkspace, type WorkspaceState } from '../../dev/workspace';
import { loadBundle, type LoadedBundle } from '../../dev/workspace/bundle';
import { asUser, deployAsOwner, outboxOf, registerOf, restoreWorkspace, submitForm } from '../../dev/driver';
import type { SentMail } from '../../dev/workspace/mail';
import type { ExecutionRecord } from '../../dev/workspace/script';
import { gridsOf, type SheetData } from '../../dev/workspace/spreadsheet';
import type { AuditEntry, DayRecord, RegisterSnapshot } from '../../src/app/ports';
import { parseLocalDateTime, type IsoDate, type WeekdayCode } from '../../src/domain/dates';
import { HOME, type Agreement, type Employee, type Site } from '../../src/domain/model';
import { fromRomeLocal, toRomeLocal } from '../../src/domain/rome-time';
import { DAY_TAG } from '../../src/gas/calendar';
import type { Cell } from '../../src/gas/cells';
import { PROPERTY } from '../../src/gas/properties';
import { SheetsRegister } from '../../src/gas/register';
import type { OutboxRow } from '../../src/gas/rows';
import { SHEETS } from '../../src/gas/schema';
import type { SetupReport } from '../../src/gas/setup';
import type { ItemResultDto } from '../../src/gas/webapp';

export { bundlePath, ROOT };

// ---- the organisation ------------------------------------------------------------------------

export const DOMAIN = 'terredargine.example';
/** HR: runs setup (owns the register and the script), listed as an admin. */
export const OWNER = `hr@${DOMAIN}`;
export const DIRECTOR = `dirigente@${DOMAIN}`;
/** Manager of Anna and Luca; an employee himself, whose manager is the director. */
export const MANAGER = `mario.ferrari@${DOMAIN}`;
export const ANNA = `anna.rossi@${DOMAIN}`;
export const LUCA = `luca.bianchi@${DOMAIN}`;

export const SOLIERA: Site = {
  id: 'soliera-municipio',
  name: 'Municipio di Soliera',
  comune: 'Soliera',
  capacity: 4,
};

export function employee(
  email: string,
  name: string,
  manager: string,
  more: Partial<Employee> = {},
): Employee {
  return {
    email,
    name,
    organisation: "Unione Terre d'Argine",
    sector: 'Servizi al personale',
    seat: 'Carpi',
    manager,
    eligibility: 'eligible',
    workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] as WeekdayCode[],
    commuteKm: 12,
    priority: '',
    workingLocationOptIn: false,
    ...more,
  };
}

export function agreement(email: string, more: Partial<Agreement> = {}): Agreement {
  return {
    employee: email,
    from: '2026-01-01' as IsoDate,
    to: '2026-12-31' as IsoDate,
    signedByEmployee: '2025-12-15' as IsoDate,
    signedByManager: '2025-12-16' as IsoDate,
    contactWindows: [{ from: '09:00', to: '13:00' }],
    equipment: 'employer',
    safetyNoticeDate: '2025-12-15' as IsoDate,
    ...more,
  };
}

/** Anna and Luca (Mario's people), Mario (the director's), one shared site, HR as admin. */
export function smallOrg(): RegisterSeed {
  const employees = [
    employee(ANNA, 'Anna Rossi', MANAGER),
    employee(LUCA, 'Luca Bianchi', MANAGER),
    employee(MANAGER, 'Mario Ferrari', DIRECTOR, { sector: 'Direzione' }),
  ];
  return {
    admins: [OWNER],
    employees,
    agreements: employees.map((e) => agreement(e.email)),
    sites: [SOLIERA],
  };
}

/** `n` people of one manager, `person007@…`, each with an agreement for 2026. */
export function crowd(n: number, manager = MANAGER): RegisterSeed {
  const employees = Array.from({ length: n }, (_, i) =>
    employee(`person${String(i).padStart(3, '0')}@${DOMAIN}`, `Persona ${i}`, manager, {
      sector: `Settore ${i % 10}`,
    }),
  );
  return { admins: [OWNER], employees, agreements: employees.map((e) => agreement(e.email)), sites: [] };
}

/** Epoch ms of a Europe/Rome local time `YYYY-MM-DDTHH:mm`. */
export function romeMs(local: string): number {
  const at = parseLocalDateTime(local);
  if (!at) throw new Error(`not a local time: ${local}`);
  return fromRomeLocal(at);
}

/** Europe/Rome local time `YYYY-MM-DDTHH:mm` of epoch ms. */
export function romeLocal(ms: number): string {
  const { date, minutes } = toRomeLocal(ms);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${date}T${hh}:${mm}`;
}

// ---- the product -----------------------------------------------------------------------------

export interface CalendarEvent {
  id: string;
  dayId: string;
  date: string;
  summary: string;
}

export class Product {
  readonly bundle: LoadedBundle;

  constructor(
    readonly workspace: CreatedWorkspace,
    codePath = bundlePath(),
  ) {
    this.bundle = loadBundle(workspace, codePath);
  }

  /**
   * A fresh Workspace at `at` (Rome time): the project deployed by the owner, setup, HR's sheets
   * typed from `seed`, setup again.
   */
  static start(opts: { at?: string; seed?: RegisterSeed | null } = {}): Product {
    const workspace = createWorkspace({ owner: OWNER, nowMs: romeMs(opts.at ?? '2026-11-02T08:00') });
    const product = new Product(workspace);
    deployAsOwner(workspace);
    product.setup();
    const seed = opts.seed === undefined ? smallOrg() : opts.seed;
    if (seed) {
      product.asOwner(() => seedRegister(product.spreadsheet(), seed));
      product.setup(); // the Form picks up the sites, the protections the HR editors
    }
    return product;
  }

  /** The same Workspace, continued from a copy of a saved state (each copy is independent). */
  static fromState(saved: string): Product {
    return new Product(createWorkspace({ state: JSON.parse(saved) as WorkspaceState }));
  }

  /**
   * Puts this Workspace back to a saved state, in place: the same as `fromState(saved)` without
   * loading the bundle again (many short cases from one starting point). The fakes keep
   * references to the state's sections only, so each section's content is replaced; injected
   * failures, latencies, call counts, trigger errors and logs are cleared.
   */
  restore(saved: string): void {
    restoreWorkspace(this.workspace, saved);
  }

  get ws() {
    return this.workspace.ws;
  }
  get globals() {
    return this.workspace.globals;
  }
  get state(): WorkspaceState {
    return this.workspace.state;
  }
  get testing() {
    return this.workspace.testing;
  }
  get ssId(): string {
    return this.property(PROPERTY.spreadsheetId) as string;
  }

  save(): string {
    return JSON.stringify(this.state);
  }

  /** Reads or writes the Workspace as the owner would, outside any execution of the script. */
  asOwner<T>(fn: () => T): T {
    return this.as(this.ws.owner, fn);
  }

  /** Calls the services as `user` would (their rights apply), outside any execution of the script. */
  as<T>(user: string, fn: () => T): T {
    return asUser(this.workspace, user, fn);
  }

  /** The register, opened as the owner. */
  spreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return registerOf(this.workspace);
  }

  property(key: string): string | null {
    return this.state.properties.script[key] ?? null;
  }
  get formId(): string {
    return this.property(PROPERTY.formId) as string;
  }
  get calendarId(): string {
    return this.property(PROPERTY.calendarId) as string;
  }

  /** Moves the clock to a Rome local time (never backwards). */
  at(local: string): void {
    const ms = romeMs(local);
    if (ms < this.ws.nowMs) throw new Error(`the clock is already past ${local}`);
    this.ws.nowMs = ms;
  }

  // ---- what people do ---------------------------------------------------------------------

  setup(): SetupReport {
    return this.bundle.run(OWNER, 'setup') as SetupReport;
  }

  /** HR adds rows to a hand-kept sheet (by column key), as the seed does. */
  appendRows(key: keyof typeof SHEETS, rows: Record<string, Cell>[]): void {
    this.asOwner(() => appendRows(this.spreadsheet(), key, rows));
  }

  /** `user` types into one cell of the register (protections and dropdowns apply). */
  userEdit(user: string, sheet: string, a1: string, input: string | number | boolean | Date): void {
    this.testing.sheets.userEdit(user, this.ssId, sheet, a1, input);
  }

  /**
   * `employee` fills the Form in (one date per date question, adding questions as HR would
   * when there are more dates) and submits it: the installed trigger runs the intake.
   */
  submit(
    employee: string,
    dates: string[],
    location = HOME,
    note = '',
  ): { responseId: string; executions: ExecutionRecord[] } {
    const sites = this.asOwner(() => new SheetsRegister(this.spreadsheet()).loadSites());
    return submitForm(this.workspace, employee, { dates, location, note, sites });
  }

  /** Delivers the form-submit event of a stored response once more (Apps Script may do so). */
  redeliver(responseId: string): void {
    const form = this.asOwner(() => this.globals.FormApp.openById(this.formId));
    const response = this.asOwner(() => form.getResponse(responseId));
    this.workspace.runtime.fire(
      'ON_FORM_SUBMIT',
      this.formId,
      (t) => ({ authMode: 'FULL', response, source: form, triggerUid: t.uid }),
      { hasUi: false },
    );
  }

  /** The sidebar's Approve/Reject, as `by` signed in. */
  decide(
    by: string,
    items: { employee: string; date: string; decision: 'approve' | 'reject'; reason?: string }[],
  ): ItemResultDto[] {
    return this.bundle.callFromClient(by, 'pageDecide', items) as ItemResultDto[];
  }

  approve(by: string, days: { employee: string; date: string }[]): ItemResultDto[] {
    return this.decide(
      by,
      days.map((d) => ({ employee: d.employee, date: d.date, decision: 'approve' as const })),
    );
  }

  /** The sidebar's (or the employee's page's) Cancel, as `by` signed in. */
  cancel(by: string, item: { employee: string; date: string; reason?: string }): ItemResultDto {
    return this.bundle.callFromClient(by, 'pageCancel', item) as ItemResultDto;
  }

  /** Runs the clock triggers whose time has come. */
  runTimers(): ExecutionRecord[] {
    return this.testing.runDueTimeTriggers();
  }

  /**
   * The owner's periodic job sends the outbox: walks the clock to its next run (every 5 minutes)
   * and runs it, with the clock triggers due on the way.
   */
  deliverMail(): ExecutionRecord[] {
    return this.testing.runTimeTriggersUntil(this.ws.nowMs + 5 * 60_000);
  }

  /** The outbox («Posta in uscita») as it is. */
  outbox(): OutboxRow[] {
    return outboxOf(this.workspace);
  }

  /** Walks the clock to a Rome local time, running every clock trigger on the way. */
  runTimersUntil(local: string): ExecutionRecord[] {
    return this.testing.runTimeTriggersUntil(romeMs(local));
  }

  // ---- what there is to see ---------------------------------------------------------------

  register(): RegisterSnapshot {
    return this.asOwner(() => new SheetsRegister(this.spreadsheet()).load());
  }
  days(): DayRecord[] {
    return this.register().days;
  }
  day(employee: string, date: string): DayRecord {
    const found = this.days().filter((d) => d.employee === employee && d.date === date);
    if (found.length !== 1) throw new Error(`${found.length} days of ${employee} on ${date}`);
    return found[0];
  }
  audit(): AuditEntry[] {
    return this.asOwner(() => new SheetsRegister(this.spreadsheet()).loadAudit());
  }

  /** A sheet's stored data (values, formulas, formats, validations) in the Workspace state. */
  sheetData(name: string): SheetData {
    const sheet = this.state.spreadsheet.files[this.ssId].sheets.find((s) => s.name === name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    return sheet;
  }
  /** A sheet's values as getValues gives them, trimmed to the used area. */
  values(name: string): Cell[][] {
    return this.testing.sheets.sheetValues(this.ssId, name);
  }
  /** Column index (0-based) of a header in a sheet's first row. */
  column(name: string, header: string): number {
    const i = this.values(name)[0].indexOf(header);
    if (i < 0) throw new Error(`no column ${header} in ${name}`);
    return i;
  }
  /** The Problemi sheet's rows: sheet, row, reason. */
  problems(): { sheet: string; row: number; reason: string }[] {
    return this.values(SHEETS.problems.name)
      .slice(1)
      .filter((r) => r.some((v) => v !== ''))
      .map((r) => ({ sheet: String(r[0]), row: Number(r[1]), reason: String(r[2]) }));
  }

  /** The live events of the shared calendar. */
  events(calendarId = this.calendarId): CalendarEvent[] {
    return Object.values(this.state.calendar.events)
      .filter((e) => e.calendarId === calendarId && e.status !== 'cancelled')
      .map((e) => ({
        id: e.id,
        dayId: e.extendedProperties.private[DAY_TAG] ?? '',
        date: e.startDate ?? '',
        summary: e.summary,
      }));
  }

  mails(to?: string): SentMail[] {
    return this.state.mail.outbox.filter((m) => to === undefined || m.to === to);
  }

  executions(): ExecutionRecord[] {
    return this.state.script.executions;
  }
}

// ---- HR at the spreadsheet -------------------------------------------------------------------

/**
 * HR rearranges a sheet's columns as Sheets does when columns are dragged or inserted: each
 * column keeps its values, formats and dropdowns. `order` lists, left to right, the headers of
 * the existing columns and (new) headers of empty columns to insert.
 */
export function rearrangeColumns(p: Product, sheetName: string, order: string[]): void {
  const sheet = p.sheetData(sheetName);
  const header = p.values(sheetName)[0].map(String);
  const width = header.length;
  const source = order.map((h) => header.indexOf(h)); // -1: a new column
  const missing = header.filter((h) => !order.includes(h));
  if (missing.length) throw new Error(`the new order leaves out ${missing.join(', ')}`);
  const grids = gridsOf(sheet) as (unknown[] | null)[][];
  for (const grid of grids) {
    grid.forEach((row, r) => {
      if (!row) return;
      const moved = source.map((c, i) => {
        if (c >= 0) return row[c] ?? null;
        // A new column: its header typed in the first row, bold like the others; empty below.
        if (r !== 0) return null;
        if (grid === sheet.values) return order[i];
        if (grid === sheet.fontWeights) return row[0] ?? null;
        return null;
      });
      grid[r] = [...moved, ...row.slice(width)];
    });
  }
  sheet.maxColumns = Math.max(sheet.maxColumns, order.length);
}

/**
 * HR deletes whole columns of a sheet, by header, as Sheets does (Delete column): their values,
 * formats and dropdowns go, the columns on their right move left.
 */
export function deleteColumns(p: Product, sheetName: string, headers: string[]): void {
  const sheet = p.sheetData(sheetName);
  const header = p.values(sheetName)[0].map(String);
  const gone = new Set(
    headers.map((h) => {
      const i = header.indexOf(h);
      if (i < 0) throw new Error(`no column ${h} in ${sheetName}`);
      return i;
    }),
  );
  const grids = gridsOf(sheet) as (unknown[] | null)[][];
  for (const grid of grids)
    grid.forEach((row, r) => {
      if (row) grid[r] = row.filter((_, c) => !gone.has(c));
    });
  sheet.maxColumns -= gone.size;
}

/** The A1 address of a cell given its sheet row and column header. */
export function cellOf(p: Product, sheetName: string, row: number, header: string): string {
  const column = p.column(sheetName, header) + 1;
  let letters = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26))
    letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/** The sheet row of a Configurazione parameter, found by its code («Codice»). */
export function configRowOf(p: Product, code: string): number {
  const name = SHEETS.config.name;
  const i = p.values(name).findIndex((r) => r[p.column(name, 'Codice')] === code);
  if (i < 1) throw new Error(`no parameter ${code} in ${name}`);
  return i + 1;
}

/** `user` types a row by hand, cell by cell (by header), at sheet row `row`. */
export function typeRow(
  p: Product,
  user: string,
  sheetName: string,
  row: number,
  cells: Record<string, string | number>,
): void {
  for (const [header, input] of Object.entries(cells))
    p.userEdit(user, sheetName, cellOf(p, sheetName, row, header), input);
}
