// `npm run --silent faults [-- --json]`: fault injection through the REAL bundle (dist/Code.js in
// node:vm on the in-memory Workspace). For each operation, the service calls it makes are
// counted on a clean run; then, for every position N of those calls, the operation runs again
// from the same starting state with its Nth call failing with Google's own error ("Service
// unavailable: <service>", thrown before the call acts, as a Google outage does), the product
// recovers as it would in production (the person retries what failed in front of them; the
// owner's periodic job runs at its times), and what the Workspace holds at the end is compared
// with the clean run's:
//
// - days (the register and its yearly archives): employee, date, status, place, decision, reason;
// - change-log lines (register and archives): action, employee, date, statuses, author;
// - mail sent (MailApp): recipient, subject, body;
// - events of the team calendar: title and date.
//
// `lost` counts what the clean run has and the faulty one lacks; `duplicated` what the faulty one
// has more often; `unexpected` what only the faulty one has (a different outcome), `problems`
// the lines of the register check (Problemi) after recovery. One JSON object per operation with
// `--json`: {"operation","positions","lost","duplicated",...}. The operations:
//
// - submission: an employee's Form response (three dates, one a Saturday), the form-submit
//   trigger's execution; nobody retries, the periodic job recovers missed responses;
// - decision: a manager approves one day and rejects another with a reason from the web page;
// - cancellation: the employee cancels an approved day from the web page;
// - archive: the periodic job's first run of 2 November, whose daily work archives September;
// - mail: the owner's periodic job sending the outbox (decision, digest and receipt mail due).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseLocalDateTime } from '../../src/domain/dates';
import { HOME, type Agreement, type Employee, type Site } from '../../src/domain/model';
import type { IsoDate, WeekdayCode } from '../../src/domain/dates';
import { fromRomeLocal } from '../../src/domain/rome-time';
import { DAY_TAG } from '../../src/gas/calendar';
import { PROPERTY } from '../../src/gas/properties';
import { auditFromRows, daysFromRows, sitesFromRows } from '../../src/gas/rows';
import { SHEETS } from '../../src/gas/schema';
import { deployAsOwner, formAnswers, restoreWorkspace } from '../driver';
import { seedRegister, type RegisterSeed } from '../register-seed';
import { createWorkspace, type CreatedWorkspace } from '../workspace';
import { loadBundle, type LoadedBundle } from '../workspace/bundle';

export const OPERATIONS = ['submission', 'decision', 'cancellation', 'archive', 'mail'] as const;
export type OperationName = (typeof OPERATIONS)[number];

export interface FaultsRow {
  operation: OperationName;
  /** Service calls of the clean run: each is failed once. */
  positions: number;
  lost: number;
  duplicated: number;
  unexpected: number;
  /** Problemi lines of the register check after recovery, over every run. */
  problems: number;
  /** Runs whose operation failed in front of its user or job (the injected error reached it). */
  failedRuns: number;
}

export interface FaultsOptions {
  operations: readonly OperationName[];
  /** Only every `stride`-th position (1: all). For quick looks; the test and the tool use 1. */
  stride: number;
  codePath: string;
  build: boolean;
  /**
   * Whether the product recovers: people retry and the periodic job runs after the operation.
   * Off, the clean and the faulty runs both stop at the operation: what the product leaves to
   * its recovery shows as lost (the tool's own test that it can see a loss).
   */
  recover: boolean;
  /** Details of every run that lost, doubled or changed something (stderr). */
  log: (line: string) => void;
}

export const DEFAULT_FAULTS_OPTIONS: Readonly<FaultsOptions> = Object.freeze({
  operations: OPERATIONS,
  stride: 1,
  codePath: join(process.cwd(), 'dist/Code.js'),
  build: true,
  recover: true,
  log: () => undefined,
});

// ---- the organisation --------------------------------------------------------------------------

const DOMAIN = 'terredargine.example';
const OWNER = `hr@${DOMAIN}`;
const DIRECTOR = `dirigente@${DOMAIN}`;
const MANAGER = `mario.ferrari@${DOMAIN}`;
const ANNA = `anna.rossi@${DOMAIN}`;
const LUCA = `luca.bianchi@${DOMAIN}`;
const SOLIERA: Site = {
  id: 'soliera-municipio',
  name: 'Municipio di Soliera',
  comune: 'Soliera',
  capacity: 4,
};

function person(email: string, name: string, manager: string, sector = 'Servizi al personale'): Employee {
  return {
    email,
    name,
    organisation: "Unione Terre d'Argine",
    sector,
    seat: 'Carpi',
    manager,
    eligibility: 'eligible',
    workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] as WeekdayCode[],
    commuteKm: 12,
    priority: '',
    workingLocationOptIn: false,
  };
}

function agreementOf(email: string): Agreement {
  return {
    employee: email,
    from: '2026-01-01' as IsoDate,
    to: '2027-12-31' as IsoDate,
    signedByEmployee: '2025-12-15' as IsoDate,
    signedByManager: '2025-12-16' as IsoDate,
    contactWindows: [{ from: '09:00', to: '13:00' }],
    equipment: 'employer',
    safetyNoticeDate: '2025-12-15' as IsoDate,
  };
}

const SEED: RegisterSeed = (() => {
  const employees = [
    person(ANNA, 'Anna Rossi', MANAGER),
    person(LUCA, 'Luca Bianchi', MANAGER),
    person(MANAGER, 'Mario Ferrari', DIRECTOR, 'Direzione'),
  ];
  return {
    admins: [OWNER],
    employees,
    agreements: employees.map((e) => agreementOf(e.email)),
    sites: [SOLIERA],
  };
})();

// ---- the Workspace, driven as people and triggers drive it ---------------------------------------

function romeMs(local: string): number {
  const at = parseLocalDateTime(local);
  if (!at) throw new Error(`not a local time: ${local}`);
  return fromRomeLocal(at);
}

class World {
  constructor(
    readonly workspace: CreatedWorkspace,
    readonly bundle: LoadedBundle,
  ) {}

  static start(codePath: string, at: string): World {
    const workspace = createWorkspace({ owner: OWNER, nowMs: romeMs(at) });
    const world = new World(workspace, loadBundle(workspace, codePath));
    deployAsOwner(workspace);
    world.bundle.run(OWNER, 'setup');
    world.asOwner(() => seedRegister(world.globals.SpreadsheetApp.openById(world.ssId), SEED));
    world.bundle.run(OWNER, 'setup');
    return world;
  }

  get ws() {
    return this.workspace.ws;
  }
  get globals() {
    return this.workspace.globals;
  }
  get ssId(): string {
    return this.property(PROPERTY.spreadsheetId) as string;
  }
  property(key: string): string | null {
    return this.workspace.state.properties.script[key] ?? null;
  }
  asOwner<T>(fn: () => T): T {
    const ws = this.ws;
    const before = ws.activeUser;
    ws.activeUser = OWNER;
    try {
      return fn();
    } finally {
      ws.activeUser = before;
    }
  }
  save(): string {
    return JSON.stringify(this.workspace.state);
  }
  restore(saved: string): void {
    restoreWorkspace(this.workspace, saved);
  }
  /** Moves the clock forward to a Rome local time and runs the periodic job once, if it is due. */
  jobAt(local: string): void {
    const ms = romeMs(local);
    if (ms > this.ws.nowMs) this.ws.nowMs = ms;
    this.workspace.testing.runDueTimeTriggers();
  }
  /** The Form's answers for a request (outside the counted calls: the person's browser). */
  answers(dates: string[], note = '') {
    const sites = [SOLIERA];
    return this.asOwner(() => formAnswers(this.workspace, { dates, location: HOME, note, sites }));
  }
  submit(employee: string, prepared: ReturnType<World['answers']>): void {
    this.workspace.testing.forms.submit(prepared.formId, employee, prepared.answers);
  }
  /** A call of the web page (google.script.run): false when it failed or refused an item. */
  page(user: string, name: string, arg: unknown): boolean {
    try {
      const result = this.bundle.callFromClient(user, name, arg) as { ok: boolean }[] | { ok: boolean };
      return (Array.isArray(result) ? result : [result]).every((r) => r.ok);
    } catch {
      return false;
    }
  }
}

// ---- what the Workspace holds -------------------------------------------------------------------

type Facts = Map<string, number>;

function count(into: Facts, key: string): void {
  into.set(key, (into.get(key) ?? 0) + 1);
}

/** Days, change-log lines, mail sent and calendar events, as multisets of what people see. */
function factsOf(world: World): Facts {
  const facts: Facts = new Map();
  const sheets = world.workspace.testing.sheets;
  const archives = Object.values(
    JSON.parse(world.property('agora.archiveFiles') ?? '{}') as Record<string, string>,
  );
  const sites = sitesFromRows(sheets.sheetValues(world.ssId, SHEETS.sites.name)).sites;
  for (const id of [world.ssId, ...archives]) {
    for (const d of daysFromRows(sheets.sheetValues(id, SHEETS.days.name), sites).days)
      count(facts, `day ${d.employee} ${d.date} ${d.status} ${d.location} ${d.decidedBy} ${d.reason}`);
    for (const a of auditFromRows(sheets.sheetValues(id, SHEETS.audit.name)))
      count(facts, `line ${a.action} ${a.employee} ${a.date} ${a.from ?? ''}→${a.to ?? ''} ${a.by}`);
  }
  for (const m of world.workspace.state.mail.outbox)
    count(facts, `mail ${m.to} «${m.subject}» ${mailText(m.body)}`);
  for (const e of Object.values(world.workspace.state.calendar.events))
    if (e.status !== 'cancelled' && e.extendedProperties.private[DAY_TAG])
      count(facts, `event ${e.summary} ${e.startDate ?? ''}`);
  return facts;
}

/**
 * A mail's text without what a later, recovered run writes differently and rightly, both in HR's
 * daily mail: the time of day, and the change log's fingerprint (over lines written at that time).
 */
function mailText(body: string): string {
  return body.replace(/\b[0-9a-f]{64}\b/g, '<impronta>').replace(/\b\d{2}:\d{2}\b/g, '<ora>');
}

/** Lines of the register check, run as the owner. */
function problemsOf(world: World): string[] {
  world.bundle.run(OWNER, 'checkRegister');
  return world.workspace.testing.sheets
    .sheetValues(world.ssId, SHEETS.problems.name)
    .slice(1)
    .filter((r) => r.some((v) => v !== ''))
    .map((r) => r.join(' | '));
}

interface Comparison {
  lost: string[];
  duplicated: string[];
  unexpected: string[];
}

export function compare(expected: Facts, got: Facts): Comparison {
  const out: Comparison = { lost: [], duplicated: [], unexpected: [] };
  for (const [key, n] of expected) {
    const m = got.get(key) ?? 0;
    for (let i = m; i < n; i++) out.lost.push(key);
    for (let i = n; i < m; i++) out.duplicated.push(key);
  }
  for (const [key, m] of got) if (!expected.has(key)) for (let i = 0; i < m; i++) out.unexpected.push(key);
  return out;
}

// ---- the operations ------------------------------------------------------------------------------

interface Operation {
  name: OperationName;
  /** The Workspace just before the operation. */
  start: string;
  /** The operation: true if it went through in front of its user (or job). */
  act: (world: World) => boolean;
  /** What its user does when it did not: nothing for the triggers, the same again on the page. */
  retry: (world: World) => void;
  /** Rome local times at which the periodic job then runs. */
  jobs: readonly string[];
}

/** A trigger's execution went through if it did not fail. */
function executed(world: World, since: number): boolean {
  return world.workspace.state.script.executions
    .filter((e) => e.id > since)
    .every((e) => e.status === 'completed');
}

function lastExecutionId(world: World): number {
  const all = world.workspace.state.script.executions;
  return all.length ? all[all.length - 1].id : 0;
}

/**
 * The starting points, built once through the product: a September and October of requests and
 * decisions (mail delivered as it went), then 2 November.
 */
function buildOperations(world: World): Operation[] {
  const submitNow = (employee: string, dates: string[], note = '') =>
    world.submit(employee, world.answers(dates, note));
  const decide = (items: object[]) => world.page(MANAGER, 'pageDecide', items);

  // History: September and October.
  submitNow(ANNA, ['2026-09-14', '2026-09-15']);
  submitNow(LUCA, ['2026-09-16']);
  decide([
    { employee: ANNA, date: '2026-09-14', decision: 'approve' },
    { employee: ANNA, date: '2026-09-15', decision: 'reject', reason: 'Riunione di settore' },
    { employee: LUCA, date: '2026-09-16', decision: 'approve' },
  ]);
  world.workspace.testing.runTimeTriggersUntil(romeMs('2026-09-01T10:10'));
  world.jobAt('2026-10-01T09:00');
  submitNow(ANNA, ['2026-10-12']);
  submitNow(LUCA, ['2026-12-02']); // asked in October for December: stays live
  decide([{ employee: ANNA, date: '2026-10-12', decision: 'approve' }]);
  world.workspace.testing.runTimeTriggersUntil(romeMs('2026-10-01T10:10'));
  world.ws.nowMs = romeMs('2026-11-02T08:00');
  submitNow(ANNA, ['2026-11-16']); // asked before the job's first run of the day

  const operations: Operation[] = [];
  const add = (op: Omit<Operation, 'start'>) => {
    operations.push({ ...op, start: world.save() });
    // The clean run moves the world on to the next operation's start.
    if (!op.act(world)) throw new Error(`faults: the clean ${op.name} did not go through`);
    for (const t of op.jobs) world.jobAt(t);
  };

  // The archive is the periodic job's daily work: its first run of 2 November.
  world.ws.nowMs = romeMs('2026-11-02T08:05');
  add({
    name: 'archive',
    act: (w) => {
      const since = lastExecutionId(w);
      w.workspace.testing.runDueTimeTriggers();
      return executed(w, since);
    },
    retry: () => undefined,
    jobs: ['2026-11-02T08:10', '2026-11-02T08:15', '2026-11-02T09:05'],
  });

  world.ws.nowMs = romeMs('2026-11-02T09:20');
  const request = world.answers(['2026-11-16', '2026-11-17', '2026-11-21'], 'Da casa, come concordato');
  add({
    name: 'submission',
    act: (w) => {
      const since = lastExecutionId(w);
      w.submit(ANNA, request);
      return executed(w, since);
    },
    retry: () => undefined,
    jobs: ['2026-11-02T09:25', '2026-11-02T09:30', '2026-11-02T10:05', '2026-11-02T10:10'],
  });

  const decisions = [
    { employee: ANNA, date: '2026-11-16', decision: 'approve' },
    { employee: ANNA, date: '2026-11-17', decision: 'reject', reason: 'Scadenza del bilancio' },
  ];
  world.ws.nowMs = romeMs('2026-11-02T10:30');
  // The mail job's start: decisions made, their mail (and a digest part) waiting in the outbox.
  const beforeMail = world.save();
  add({
    name: 'decision',
    act: (w) => w.page(MANAGER, 'pageDecide', decisions),
    retry: (w) => void w.page(MANAGER, 'pageDecide', decisions),
    jobs: ['2026-11-02T10:35', '2026-11-02T10:40', '2026-11-02T11:05', '2026-11-02T11:10'],
  });

  world.ws.nowMs = romeMs('2026-11-02T11:30');
  const cancellation = { employee: ANNA, date: '2026-11-16', reason: 'Cambio di programma' };
  add({
    name: 'cancellation',
    act: (w) => w.page(ANNA, 'pageCancel', cancellation),
    retry: (w) => void w.page(ANNA, 'pageCancel', cancellation),
    jobs: ['2026-11-02T11:35', '2026-11-02T11:40', '2026-11-02T12:05', '2026-11-02T12:10'],
  });

  // The mail job: from before the decision, with a new request (receipt and digest part) and
  // the decision made, at 11:00 when the digest is due too.
  world.restore(beforeMail);
  submitNow(LUCA, ['2026-11-18'], 'Riunione online');
  world.page(MANAGER, 'pageDecide', decisions);
  world.ws.nowMs = romeMs('2026-11-02T11:01');
  add({
    name: 'mail',
    act: (w) => {
      const since = lastExecutionId(w);
      w.workspace.testing.runDueTimeTriggers();
      return executed(w, since);
    },
    retry: () => undefined,
    jobs: ['2026-11-02T11:06', '2026-11-02T11:11', '2026-11-02T12:06'],
  });
  return operations;
}

/** The clean run of an operation and its recovery: the facts to compare with, and its calls. */
function cleanRun(
  world: World,
  op: Operation,
  recover: boolean,
): { facts: Facts; positions: number; problems: string[] } {
  world.restore(op.start);
  world.ws.resetCounts();
  if (!op.act(world)) throw new Error(`faults: the clean ${op.name} did not go through`);
  const positions = world.ws.callCount();
  if (recover) for (const t of op.jobs) world.jobAt(t);
  return { facts: factsOf(world), positions, problems: problemsOf(world) };
}

function faultyRun(world: World, op: Operation, position: number, recover: boolean): { ok: boolean } {
  world.restore(op.start);
  world.ws.failNthCall(position, 'transient');
  const ok = op.act(world);
  world.ws.clearFailures();
  if (!recover) return { ok };
  if (!ok) op.retry(world);
  for (const t of op.jobs) world.jobAt(t);
  return { ok };
}

export function runFaults(options: Partial<FaultsOptions> = {}): FaultsRow[] {
  const o: FaultsOptions = { ...DEFAULT_FAULTS_OPTIONS, ...options };
  if (o.build) execFileSync('node', ['esbuild.config.mjs'], { stdio: 'ignore' });
  const world = World.start(o.codePath, '2026-09-01T09:00');
  const operations = buildOperations(world).filter((op) => o.operations.includes(op.name));
  const rows: FaultsRow[] = [];
  for (const op of OPERATIONS) {
    const operation = operations.find((x) => x.name === op);
    if (!operation) continue;
    const clean = cleanRun(world, operation, o.recover);
    if (o.recover && clean.problems.length)
      throw new Error(`faults: the clean ${op} leaves problems: ${clean.problems.join('; ')}`);
    const row: FaultsRow = {
      operation: op,
      positions: clean.positions,
      lost: 0,
      duplicated: 0,
      unexpected: 0,
      problems: 0,
      failedRuns: 0,
    };
    for (let position = 1; position <= clean.positions; position += o.stride) {
      const { ok } = faultyRun(world, operation, position, o.recover);
      if (!ok) row.failedRuns++;
      const diff = compare(clean.facts, factsOf(world));
      const problems = problemsOf(world);
      row.lost += diff.lost.length;
      row.duplicated += diff.duplicated.length;
      row.unexpected += diff.unexpected.length;
      row.problems += problems.length;
      if (diff.lost.length || diff.duplicated.length || diff.unexpected.length || problems.length)
        o.log(`${op} @${position}: ${JSON.stringify({ ...diff, problems })}`);
    }
    rows.push(row);
  }
  return rows;
}

export function main(argv: readonly string[]): number {
  const json = argv.includes('--json');
  if (argv.includes('--help')) {
    process.stdout.write(
      'npm run --silent faults [-- --json] [-- --only OPERATION] [-- --stride N]\n' +
        `Fails each service call of ${OPERATIONS.join(', ')} in turn, recovers, and counts what was lost or doubled.\n`,
    );
    return 0;
  }
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : null;
  if (only && !(OPERATIONS as readonly string[]).includes(only)) {
    process.stderr.write(`unknown operation ${only}: one of ${OPERATIONS.join(', ')}\n`);
    return 2;
  }
  const stride = argv.includes('--stride') ? Number(argv[argv.indexOf('--stride') + 1]) : 1;
  const rows = runFaults({
    operations: only ? [only as OperationName] : OPERATIONS,
    stride: Number.isInteger(stride) && stride > 0 ? stride : 1,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  for (const r of rows)
    process.stdout.write(
      json
        ? `${JSON.stringify(r)}\n`
        : `${r.operation.padEnd(13)} positions ${String(r.positions).padStart(4)}  lost ${r.lost}  duplicated ${r.duplicated}  unexpected ${r.unexpected}  problems ${r.problems}  (${r.failedRuns} runs failed in front of their user)\n`,
    );
  return rows.every((r) => !r.lost && !r.duplicated && !r.unexpected && !r.problems) ? 0 : 1;
}
