// ScriptApp and LockService of the in-memory Workspace, and the runtime that runs the script's
// functions as Apps Script does: one execution at a time, each with its user, its time limit
// (6 minutes; 30 seconds for simple triggers) and its locks, released when it ends.
//
// Triggers. Installable triggers live in the state; an event (a form submitted, a cell edited, a
// clock trigger's time come) runs each matching trigger's handler as a new execution, as the
// trigger's owner. Apps Script runs triggers asynchronously: an event raised while a script is
// running waits until that execution has ended, and a handler's failure never reaches whoever
// raised the event (it is recorded in `state.executions` and kept in `runtime.triggerErrors`).
// Handlers are found by name through `runtime.resolveFunction`, which the vm loader (bundle.ts)
// points at the bundle's top-level functions; tests of the fakes alone can set it to a map.
//
// Clock triggers fire only when a test says time has come: `runDueTimeTriggers()` runs each due
// trigger once (missed runs coalesce), `runTimeTriggersUntil(ms)` walks the fake clock through
// every occurrence in order. Daily triggers fire at the hour asked (`atHour`, `nearMinute`), not
// at a random minute of that hour as Google does.
import { EXECUTION_TIMEOUT_MESSAGE, GOOGLE_ERRORS, type Workspace } from './core';
import { addDays, zonedParts, zonedToEpoch } from './utilities';

export const MAX_TRIGGERS_PER_USER = 20;
export const TOO_MANY_TRIGGERS_MESSAGE =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
export const MAX_EXECUTION_MS = 6 * 60 * 1000;
export const SIMPLE_TRIGGER_MAX_MS = 30 * 1000;
/** Only the most recent executions are kept in the state, so a long session stays small. */
export const EXECUTION_LOG_SIZE = 500;

export const AuthMode = {
  NONE: 'NONE',
  CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
  LIMITED: 'LIMITED',
  FULL: 'FULL',
} as const;
export const EventType = {
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
} as const;
export const TriggerSource = {
  SPREADSHEETS: 'SPREADSHEETS',
  CLOCK: 'CLOCK',
  FORMS: 'FORMS',
  DOCUMENTS: 'DOCUMENTS',
  CALENDAR: 'CALENDAR',
} as const;
export const WeekDay = {
  SUNDAY: 'SUNDAY',
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
} as const;
const WEEKDAY_NAMES = Object.keys(WeekDay);

export type TriggerEventType = keyof typeof EventType;
export type TriggerSourceName = keyof typeof TriggerSource;
/**
 * How an execution started, which decides whose it is (see `ExecuteOptions`):
 * - `editor`: a person ran a function from the script editor (only editors of the project can);
 * - `webapp`: a request to a web app deployment (doGet/doPost) or `google.script.run` from its page;
 * - `addon`: a Workspace add-on homepage, card action or universal action, as the user;
 * - `trigger`: an installable trigger, as the user who created it;
 * - `simple-trigger`: onOpen/onEdit, without the user's authorization (AuthMode.LIMITED).
 */
export type ExecutionKind = 'editor' | 'webapp' | 'addon' | 'trigger' | 'simple-trigger';

export interface ClockSchedule {
  kind: 'once' | 'minutes' | 'hours' | 'days' | 'weeks' | 'month-day';
  every: number;
  hour: number | null;
  minute: number | null;
  /** 0 = Sunday .. 6 = Saturday */
  weekDay: number | null;
  monthDay: number | null;
  timeZone: string;
  /** When it fires next; null: a one-off trigger that has fired (it stays listed until deleted). */
  nextRunMs: number | null;
}

export interface TriggerData {
  uid: string;
  handler: string;
  eventType: TriggerEventType;
  source: TriggerSourceName;
  /** Form id, spreadsheet id or calendar owner; null for clock triggers. */
  sourceId: string | null;
  /** The user who created it: its handler runs as them. */
  owner: string;
  createdMs: number;
  clock: ClockSchedule | null;
}

export interface ExecutionRecord {
  id: number;
  functionName: string;
  kind: ExecutionKind;
  user: string;
  triggerUid: string;
  startedMs: number;
  endedMs: number | null;
  status: 'running' | 'completed' | 'failed' | 'timed-out';
  error: string;
}

export interface LockData {
  /** The execution holding it, or 'other': another execution simulated by a test. */
  holder: number | 'other';
  /** For 'other': when it lets go (null: never). */
  untilMs: number | null;
}

/** Who can reach a web app deployment ("Who has access" in the deployment dialog). */
export type WebAppAccess = 'MYSELF' | 'DOMAIN' | 'ANYONE' | 'ANYONE_ANONYMOUS';

/** A versioned deployment of the project (Deploy ▸ Manage deployments, or `clasp deploy`). */
export interface DeploymentData {
  id: string;
  description: string;
  /** The web app it serves, if any: "Execute as" and "Who has access". */
  webApp: { executeAs: 'USER_DEPLOYING' | 'USER_ACCESSING'; access: WebAppAccess } | null;
  /** Serves the Google Workspace add-on (installed for the deployer's domain). */
  addOn: boolean;
  /** Who made it: a web app executing as USER_DEPLOYING runs with their rights. */
  deployer: string;
}

export interface ScriptState {
  scriptId: string;
  /** The head deployment (latest saved code): its web app URL ends in /dev. */
  headDeploymentId: string;
  deployments: DeploymentData[];
  /** The OAuth scopes of the manifest: what a token of this script carries. */
  oauthScopes: string[];
  timeZone: string;
  /** The document the script is bound to (the register spreadsheet); null: a standalone script. */
  containerId: string | null;
  triggers: TriggerData[];
  nextTriggerSeq: number;
  executions: ExecutionRecord[];
  nextExecutionId: number;
  locks: Record<string, LockData>;
}

export function emptyScriptState(): ScriptState {
  return {
    scriptId: '1AgoraScriptId0000000000000000000000000000000000000000000',
    headDeploymentId: 'AKfycbAgoraHeadDeployment0000000000000000',
    deployments: [],
    oauthScopes: [],
    timeZone: 'Europe/Rome',
    containerId: null,
    triggers: [],
    nextTriggerSeq: 1,
    executions: [],
    nextExecutionId: 1,
    locks: {},
  };
}

export type ScriptFunction = (...args: unknown[]) => unknown;

interface ExecutionFrame {
  id: number;
  hasUi: boolean;
  kind: ExecutionKind;
  deploymentId: string | null;
}

export interface ExecuteOptions {
  functionName: string;
  kind: ExecutionKind;
  /** The active user (Session.getActiveUser): '' where Google does not reveal it. */
  user: string;
  /** Whose rights the code runs with, when not the user's (a web app executing as its owner). */
  effectiveUser?: string | null;
  /** The deployment serving a web app request. */
  deploymentId?: string | null;
  /** Whether SpreadsheetApp.getUi() works (not in form-submit or clock triggers). */
  hasUi: boolean;
  limitMs?: number;
  triggerUid?: string;
}

function errorMessage(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}

export class ScriptRuntime {
  /** Finds a top-level function of the script by name (set by the vm loader). */
  resolveFunction: (name: string) => ScriptFunction | undefined = () => undefined;
  /** Whether the script defines a top-level function `name` (without preparing a run of it). */
  hasFunction: (name: string) => boolean = (name) => this.resolveFunction(name) !== undefined;
  /**
   * A user's Drive access level to the script project (ACCESS_LEVEL of drive.ts): the project
   * file's sharing for a standalone script, the container's for a bound one (set by index.ts).
   */
  projectAccess: (user: string) => number = (user) => (user === this.ws.owner ? 4 : 0);
  /** The errors trigger handlers threw, for tests (the state keeps only their messages). */
  readonly triggerErrors: { executionId: number; handler: string; error: unknown }[] = [];
  private readonly stack: ExecutionFrame[] = [];
  private readonly pending: (() => void)[] = [];

  constructor(
    readonly ws: Workspace,
    readonly state: ScriptState,
  ) {}

  /** The running execution's id; 0 when a test calls the fakes directly. */
  executionId(): number {
    return this.stack.length > 0 ? this.stack[this.stack.length - 1].id : 0;
  }

  /** A test calling the fakes directly acts as a user in the editor: the UI is there. */
  hasUi(): boolean {
    return this.stack.length > 0 ? this.stack[this.stack.length - 1].hasUi : true;
  }

  /** How the running execution started (null when a test calls the fakes directly). */
  currentKind(): ExecutionKind | null {
    return this.stack.length > 0 ? this.stack[this.stack.length - 1].kind : null;
  }

  /** The web app deployment serving the running execution, if it is a web app request. */
  servingDeployment(): DeploymentData | null {
    const frame = this.stack[this.stack.length - 1];
    if (!frame || frame.kind !== 'webapp' || !frame.deploymentId) return null;
    return this.state.deployments.find((d) => d.id === frame.deploymentId) ?? null;
  }

  isRunning(): boolean {
    return this.stack.length > 0;
  }

  /** Runs `body` as one execution of the script; its locks are released when it ends. */
  execute<T>(opts: ExecuteOptions, body: () => T): T {
    const ws = this.ws;
    const id = this.state.nextExecutionId++;
    const record: ExecutionRecord = {
      id,
      functionName: opts.functionName,
      kind: opts.kind,
      user: opts.user,
      triggerUid: opts.triggerUid ?? '',
      startedMs: ws.nowMs,
      endedMs: null,
      status: 'running',
      error: '',
    };
    this.state.executions.push(record);
    if (this.state.executions.length > EXECUTION_LOG_SIZE)
      this.state.executions.splice(0, this.state.executions.length - EXECUTION_LOG_SIZE);
    const saved = {
      user: ws.activeUser,
      effective: ws.effectiveUserOverride,
      deadline: ws.deadlineMs,
      errorConstructor: ws.errorConstructor,
      restricted: ws.restricted,
    };
    const deadline = ws.nowMs + (opts.limitMs ?? MAX_EXECUTION_MS);
    ws.activeUser = opts.user;
    ws.effectiveUserOverride = opts.effectiveUser ?? null;
    ws.deadlineMs = deadline;
    ws.restricted = opts.kind === 'simple-trigger';
    this.stack.push({ id, hasUi: opts.hasUi, kind: opts.kind, deploymentId: opts.deploymentId ?? null });
    try {
      const result = body();
      // Google would have stopped it at the deadline, whatever it did after.
      if (ws.nowMs > deadline) throw ws.error(EXECUTION_TIMEOUT_MESSAGE);
      record.status = 'completed';
      return result;
    } catch (e) {
      record.status = ws.nowMs > deadline ? 'timed-out' : 'failed';
      record.error = errorMessage(e);
      throw e;
    } finally {
      record.endedMs = ws.nowMs;
      for (const [key, lock] of Object.entries(this.state.locks))
        if (lock.holder === id) delete this.state.locks[key];
      this.stack.pop();
      ws.activeUser = saved.user;
      ws.effectiveUserOverride = saved.effective;
      ws.deadlineMs = saved.deadline;
      ws.errorConstructor = saved.errorConstructor;
      ws.restricted = saved.restricted;
      if (this.stack.length === 0) this.drain();
    }
  }

  private drain(): void {
    while (this.pending.length > 0) this.pending.shift()?.();
  }

  /** Runs now, or once the running execution has ended (Apps Script triggers are asynchronous). */
  private schedule(run: () => void): void {
    if (this.stack.length > 0) this.pending.push(run);
    else run();
  }

  /**
   * Raises an event: every installable trigger of that type on that source runs its handler with
   * the event `makeEvent` builds for it.
   */
  fire(
    eventType: TriggerEventType,
    sourceId: string,
    makeEvent: (trigger: TriggerData) => Record<string, unknown>,
    opts: { hasUi: boolean },
  ): void {
    for (const trigger of this.state.triggers.filter(
      (t) => t.eventType === eventType && t.sourceId === sourceId,
    )) {
      const event = makeEvent(trigger);
      this.schedule(() => {
        // A trigger deleted in the meantime does not run.
        if (this.state.triggers.includes(trigger)) this.runTrigger(trigger, event, opts.hasUi);
      });
    }
  }

  private runTrigger(trigger: TriggerData, event: unknown, hasUi: boolean): ExecutionRecord {
    const opts: ExecuteOptions = {
      functionName: trigger.handler,
      kind: 'trigger',
      user: trigger.owner,
      hasUi,
      triggerUid: trigger.uid,
    };
    return this.runCatching(opts, trigger.handler, event);
  }

  private runCatching(opts: ExecuteOptions, handler: string, event: unknown): ExecutionRecord {
    const id = this.state.nextExecutionId;
    try {
      this.execute(opts, () => {
        const fn = this.resolveFunction(handler);
        if (!fn) throw this.ws.error(`Script function not found: ${handler}`);
        return fn(event);
      });
    } catch (error) {
      this.triggerErrors.push({ executionId: id, handler, error });
    }
    return this.state.executions.find((e) => e.id === id) as ExecutionRecord;
  }

  /**
   * Runs a simple trigger (`onOpen`, `onEdit`, `onInstall`) if the script defines it: as the user
   * who caused it, within 30 seconds; its failure is recorded, not thrown.
   */
  runSimpleTrigger(name: string, user: string, event: Record<string, unknown>): void {
    this.schedule(() => {
      if (!this.hasFunction(name)) return;
      // "the user's email address is not available in ... a simple onOpen(e) or onEdit(e)
      // trigger ... these restrictions generally do not apply if the developer ... belongs to
      // the same Google Workspace domain as the user" (Session.getActiveUser reference).
      const active = sameDomain(user, this.ws.owner) ? user : '';
      // Its rights are those of the user at the keyboard: "Simple triggers execute under the
      // identity of the active user ... The onEdit function can write to any cell" and "They can
      // modify the file they are bound to, but cannot access other files because that would
      // require authorization" (Simple triggers, Restrictions): `restricted` refuses the rest,
      // and Session.getEffectiveUser shows no more than getActiveUser (utilities.ts).
      this.runCatching(
        {
          functionName: name,
          kind: 'simple-trigger',
          user: active,
          effectiveUser: user,
          hasUi: true,
          limitMs: SIMPLE_TRIGGER_MAX_MS,
        },
        name,
        { authMode: AuthMode.LIMITED, ...event },
      );
    });
  }

  // -------------------------------------------------------------------------------------------
  // Clock triggers

  private clockEvent(trigger: TriggerData, atMs: number): Record<string, unknown> {
    const d = new Date(atMs);
    const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1);
    return {
      authMode: AuthMode.FULL,
      triggerUid: trigger.uid,
      'day-of-month': d.getUTCDate(),
      'day-of-week': d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      month: d.getUTCMonth() + 1,
      second: d.getUTCSeconds(),
      timezone: 'UTC',
      'week-of-year': Math.floor((atMs - jan1) / (7 * 86400000)) + 1,
      year: d.getUTCFullYear(),
    };
  }

  private dueClockTriggers(untilMs: number): TriggerData[] {
    return this.state.triggers
      .filter((t) => t.clock !== null && t.clock.nextRunMs !== null && t.clock.nextRunMs <= untilMs)
      .sort((a, b) => (a.clock?.nextRunMs ?? 0) - (b.clock?.nextRunMs ?? 0));
  }

  /** Runs every clock trigger whose time has come, once each (missed runs coalesce, as in Google). */
  runDueTimeTriggers(): ExecutionRecord[] {
    const now = this.ws.nowMs;
    const records: ExecutionRecord[] = [];
    for (const trigger of this.dueClockTriggers(now)) {
      const clock = trigger.clock as ClockSchedule;
      let next = nextOccurrence(clock, clock.nextRunMs as number);
      while (next !== null && next <= now) next = nextOccurrence(clock, next);
      clock.nextRunMs = next;
      records.push(this.runTrigger(trigger, this.clockEvent(trigger, now), false));
    }
    return records;
  }

  /** Moves the fake clock to `targetMs`, running each clock trigger occurrence on the way, in order. */
  runTimeTriggersUntil(targetMs: number): ExecutionRecord[] {
    const records: ExecutionRecord[] = [];
    for (let guard = 0; guard < 100000; guard++) {
      const [trigger] = this.dueClockTriggers(targetMs);
      if (!trigger) break;
      const clock = trigger.clock as ClockSchedule;
      const at = clock.nextRunMs as number;
      if (at > this.ws.nowMs) this.ws.nowMs = at;
      clock.nextRunMs = nextOccurrence(clock, at);
      records.push(this.runTrigger(trigger, this.clockEvent(trigger, this.ws.nowMs), false));
    }
    if (targetMs > this.ws.nowMs) this.ws.nowMs = targetMs;
    return records;
  }
}

/** The occurrence of a clock schedule after the one at `prevMs`. */
export function nextOccurrence(c: ClockSchedule, prevMs: number): number | null {
  switch (c.kind) {
    case 'once':
      return null;
    case 'minutes':
      return prevMs + c.every * 60000;
    case 'hours':
      return prevMs + c.every * 3600000;
    case 'days':
    case 'weeks':
    case 'month-day': {
      const p = zonedParts(prevMs, c.timeZone);
      let date = { year: p.year, month: p.month, day: p.day };
      if (c.kind === 'month-day') {
        const m = new Date(Date.UTC(p.year, p.month, 1));
        date = { year: m.getUTCFullYear(), month: m.getUTCMonth() + 1, day: c.monthDay ?? p.day };
      } else date = addDays(date, c.kind === 'days' ? c.every : 7 * c.every);
      return zonedToEpoch({ ...date, hour: c.hour ?? p.hour, minute: c.minute ?? p.minute }, c.timeZone);
    }
  }
}

/** The first occurrence of a clock schedule created at `createdMs`. */
function firstOccurrence(c: ClockSchedule, createdMs: number, atMs: number | null): number {
  if (c.kind === 'once') return atMs as number;
  if (c.kind === 'minutes' || c.kind === 'hours') return nextOccurrence(c, createdMs) as number;
  const p = zonedParts(createdMs, c.timeZone);
  if (c.hour === null) return nextOccurrence(c, createdMs) as number;
  const at = (date: { year: number; month: number; day: number }) =>
    zonedToEpoch({ ...date, hour: c.hour ?? 0, minute: c.minute ?? 0 }, c.timeZone);
  let date = { year: p.year, month: p.month, day: p.day };
  if (c.kind === 'month-day') date.day = c.monthDay ?? p.day;
  for (let i = 0; i < 400; i++) {
    const candidate = at(date);
    const weekdayOk =
      c.kind !== 'weeks' || c.weekDay === null || zonedParts(candidate, c.timeZone).weekday === c.weekDay;
    if (candidate > createdMs && weekdayOk && (c.kind !== 'month-day' || date.day === c.monthDay))
      return candidate;
    if (c.kind === 'month-day') {
      const m = new Date(Date.UTC(date.year, date.month, 1));
      date = { year: m.getUTCFullYear(), month: m.getUTCMonth() + 1, day: c.monthDay ?? 1 };
    } else date = addDays(date, 1);
  }
  throw new Error('no occurrence found for clock trigger');
}

/** Whether two addresses belong to the same domain. */
export function sameDomain(a: string, b: string): boolean {
  const domain = (e: string) => e.slice(e.indexOf('@') + 1).toLowerCase();
  return a.includes('@') && b.includes('@') && domain(a) === domain(b);
}

/** The `/exec` URL of a deployment, the `/dev` URL of the head deployment. */
export function execUrl(deploymentId: string): string {
  return `https://script.google.com/macros/s/${deploymentId}/exec`;
}
export function devUrl(state: ScriptState): string {
  return `https://script.google.com/macros/s/${state.headDeploymentId}/dev`;
}

/** The bearer token of a user: in the fake it carries the user and the script's scopes. */
export function tokenFor(user: string, scopes: readonly string[]): string {
  return `ya29.fake-token.${Buffer.from(JSON.stringify({ u: user, s: scopes })).toString('base64url')}`;
}
/** The user and scopes of a fake token in an Authorization header, or null. */
export function readToken(authorization: string | undefined): { user: string; scopes: string[] } | null {
  const m = /^Bearer ya29\.fake-token\.([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!m) return null;
  try {
    const t = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')) as { u?: unknown; s?: unknown };
    if (typeof t.u !== 'string' || !Array.isArray(t.s)) return null;
    return { user: t.u, scopes: t.s.map(String) };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// ScriptApp

type TriggerType = GoogleAppsScript.Script.Trigger;

export class FakeTrigger implements Pick<
  TriggerType,
  'getHandlerFunction' | 'getUniqueId' | 'getEventType' | 'getTriggerSource' | 'getTriggerSourceId'
> {
  constructor(
    private readonly ws: Workspace,
    readonly data: TriggerData,
  ) {}
  getHandlerFunction(): string {
    this.ws.call('ScriptApp', 'Trigger.getHandlerFunction');
    return this.data.handler;
  }
  getUniqueId(): string {
    this.ws.call('ScriptApp', 'Trigger.getUniqueId');
    return this.data.uid;
  }
  getEventType(): GoogleAppsScript.Script.EventType {
    this.ws.call('ScriptApp', 'Trigger.getEventType');
    return this.data.eventType as unknown as GoogleAppsScript.Script.EventType;
  }
  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    this.ws.call('ScriptApp', 'Trigger.getTriggerSource');
    return this.data.source as unknown as GoogleAppsScript.Script.TriggerSource;
  }
  getTriggerSourceId(): string {
    this.ws.call('ScriptApp', 'Trigger.getTriggerSourceId');
    return this.data.sourceId as string;
  }
}

/** The id of a Form/Spreadsheet fake, or the key given as a string. */
function sourceKey(source: unknown): string {
  if (typeof source === 'string') return source;
  if (source && typeof (source as { getId?: unknown }).getId === 'function')
    return String((source as { getId: () => unknown }).getId());
  throw new TypeError('Expected a document, a form or its id');
}

const VALID_MINUTES = [1, 5, 10, 15, 30];
const VALID_HOURS = [1, 2, 4, 6, 8, 12];

export function createScriptApp(ws: Workspace, runtime: ScriptRuntime) {
  const state = runtime.state;

  const addTrigger = (
    data: Omit<TriggerData, 'uid' | 'owner' | 'createdMs'>,
  ): GoogleAppsScript.Script.Trigger => {
    const owner = ws.effectiveUser();
    if (state.triggers.filter((t) => t.owner === owner).length >= MAX_TRIGGERS_PER_USER)
      throw ws.error(TOO_MANY_TRIGGERS_MESSAGE);
    const trigger: TriggerData = {
      ...data,
      uid: String(8000000000000000000n + BigInt(state.nextTriggerSeq++)),
      owner,
      createdMs: ws.nowMs,
    };
    state.triggers.push(trigger);
    return new FakeTrigger(ws, trigger) as unknown as TriggerType;
  };

  const eventBuilder = (
    handler: string,
    source: TriggerSourceName,
    sourceId: string,
    allowed: TriggerEventType[],
    builderName: string,
  ) => {
    let eventType: TriggerEventType | null = null;
    const builder: Record<string, () => unknown> = {
      create: () => {
        ws.call('ScriptApp', `${builderName}.create`);
        if (eventType === null) throw ws.error('Missing the trigger event type (e.g. onFormSubmit()).');
        return addTrigger({ handler, eventType, source, sourceId, clock: null });
      },
    };
    const methods: Record<TriggerEventType, string> = {
      ON_OPEN: 'onOpen',
      ON_EDIT: 'onEdit',
      ON_CHANGE: 'onChange',
      ON_FORM_SUBMIT: 'onFormSubmit',
      ON_EVENT_UPDATED: 'onEventUpdated',
      CLOCK: 'timeBased',
    };
    for (const type of allowed) {
      builder[methods[type]] = () => {
        ws.call('ScriptApp', `${builderName}.${methods[type]}`);
        eventType = type;
        return builder;
      };
    }
    return builder;
  };

  const clockBuilder = (handler: string) => {
    const c: ClockSchedule = {
      kind: 'once',
      every: 0,
      hour: null,
      minute: null,
      weekDay: null,
      monthDay: null,
      timeZone: state.timeZone,
      nextRunMs: null,
    };
    let onceAt: number | null = null;
    let scheduled = false;
    const setKind = (kind: ClockSchedule['kind'], every: number) => {
      c.kind = kind;
      c.every = every;
      scheduled = true;
    };
    const b = {
      after(durationMilliseconds: number) {
        ws.call('ScriptApp', 'ClockTriggerBuilder.after');
        setKind('once', 0);
        onceAt = ws.nowMs + Math.max(0, durationMilliseconds);
        return b;
      },
      at(date: Date) {
        ws.call('ScriptApp', 'ClockTriggerBuilder.at');
        setKind('once', 0);
        onceAt = date.getTime();
        return b;
      },
      atDate(year: number, month: number, day: number) {
        ws.call('ScriptApp', 'ClockTriggerBuilder.atDate');
        setKind('once', 0);
        onceAt = zonedToEpoch({ year, month, day }, c.timeZone);
        return b;
      },
      everyMinutes(n: number) {
        ws.call('ScriptApp', 'ClockTriggerBuilder.everyMinutes');
        if (!VALID_MINUTES.includes(n))
          throw ws.error('Invalid argument: minutes. Valid values are 1, 5, 10, 15, 30.');
        setKind('minutes', n);
        return b;
      },
      everyHours(n: number) {
        ws.call('ScriptApp', 'ClockTriggerBuilder.everyHours');
        if (!VALID_HOURS.includes(n))
          throw ws.error('Invalid argument: hours. Valid values are 1, 2, 4, 6, 8, 12.');
        setKind('hours', n);
        return b;
      },
      everyDays(n: number) {
        ws.call('ScriptApp', 'ClockTriggerBuilder.everyDays');
        if (!(n >= 1)) throw ws.error('Invalid argument: days');
        setKind('days', Math.floor(n));
        return b;
      },
      everyWeeks(n: number) {
        ws.call('ScriptApp', 'ClockTriggerBuilder.everyWeeks');
        if (!(n >= 1)) throw ws.error('Invalid argument: weeks');
        setKind('weeks', Math.floor(n));
        return b;
      },
      onWeekDay(day: unknown) {
        ws.call('ScriptApp', 'ClockTriggerBuilder.onWeekDay');
        const i = WEEKDAY_NAMES.indexOf(String(day));
        if (i < 0) throw ws.error('Invalid argument: day');
        c.weekDay = i;
        if (c.kind !== 'weeks') setKind('weeks', 1);
        return b;
      },
      onMonthDay(day: number) {
        ws.call('ScriptApp', 'ClockTriggerBuilder.onMonthDay');
        if (!(day >= 1 && day <= 31)) throw ws.error('Invalid argument: day');
        setKind('month-day', 1);
        c.monthDay = day;
        return b;
      },
      atHour(hour: number) {
        ws.call('ScriptApp', 'ClockTriggerBuilder.atHour');
        if (!(hour >= 0 && hour <= 23)) throw ws.error('Invalid argument: hour');
        c.hour = hour;
        c.minute ??= 0;
        return b;
      },
      nearMinute(minute: number) {
        ws.call('ScriptApp', 'ClockTriggerBuilder.nearMinute');
        if (!(minute >= 0 && minute <= 59)) throw ws.error('Invalid argument: minute');
        c.minute = minute;
        return b;
      },
      inTimezone(timezone: string) {
        ws.call('ScriptApp', 'ClockTriggerBuilder.inTimezone');
        c.timeZone = timezone;
        return b;
      },
      create() {
        ws.call('ScriptApp', 'ClockTriggerBuilder.create');
        if (!scheduled) throw ws.error('The clock trigger has no schedule (e.g. everyHours(1)).');
        if (c.hour !== null && !['days', 'weeks', 'month-day'].includes(c.kind))
          throw ws.error('atHour() needs everyDays(), everyWeeks() or onMonthDay().');
        c.nextRunMs = firstOccurrence(c, ws.nowMs, onceAt);
        return addTrigger({ handler, eventType: 'CLOCK', source: 'CLOCK', sourceId: null, clock: { ...c } });
      },
    };
    return b;
  };

  const ScriptApp = {
    AuthMode,
    EventType,
    TriggerSource,
    WeekDay,
    AuthorizationStatus: { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' },
    InstallationSource: {
      APPS_MARKETPLACE_DOMAIN_ADD_ON: 'APPS_MARKETPLACE_DOMAIN_ADD_ON',
      NONE: 'NONE',
      WEB_STORE_ADD_ON: 'WEB_STORE_ADD_ON',
    },
    newTrigger(functionName: string) {
      ws.call('ScriptApp', 'ScriptApp.newTrigger');
      ws.requireAuthorization('ScriptApp.newTrigger', 'https://www.googleapis.com/auth/script.scriptapp');
      const handler = String(functionName);
      return {
        forForm(form: unknown): GoogleAppsScript.Script.FormTriggerBuilder {
          ws.call('ScriptApp', 'TriggerBuilder.forForm');
          const builder = eventBuilder(
            handler,
            'FORMS',
            sourceKey(form),
            ['ON_FORM_SUBMIT', 'ON_OPEN'],
            'FormTriggerBuilder',
          );
          return builder as unknown as GoogleAppsScript.Script.FormTriggerBuilder;
        },
        forSpreadsheet(spreadsheet: unknown): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
          ws.call('ScriptApp', 'TriggerBuilder.forSpreadsheet');
          const events: TriggerEventType[] = ['ON_OPEN', 'ON_EDIT', 'ON_CHANGE', 'ON_FORM_SUBMIT'];
          const builder = eventBuilder(
            handler,
            'SPREADSHEETS',
            sourceKey(spreadsheet),
            events,
            'SpreadsheetTriggerBuilder',
          );
          return builder as unknown as GoogleAppsScript.Script.SpreadsheetTriggerBuilder;
        },
        forUserCalendar(emailId: string): GoogleAppsScript.Script.CalendarTriggerBuilder {
          ws.call('ScriptApp', 'TriggerBuilder.forUserCalendar');
          const builder = eventBuilder(
            handler,
            'CALENDAR',
            String(emailId),
            ['ON_EVENT_UPDATED'],
            'CalendarTriggerBuilder',
          );
          return builder as unknown as GoogleAppsScript.Script.CalendarTriggerBuilder;
        },
        timeBased(): GoogleAppsScript.Script.ClockTriggerBuilder {
          ws.call('ScriptApp', 'TriggerBuilder.timeBased');
          return clockBuilder(handler) as unknown as GoogleAppsScript.Script.ClockTriggerBuilder;
        },
      };
    },
    /** The current user's triggers of this script. */
    getProjectTriggers(): TriggerType[] {
      ws.call('ScriptApp', 'ScriptApp.getProjectTriggers');
      const user = ws.effectiveUser();
      return state.triggers
        .filter((t) => t.owner === user)
        .map((t) => new FakeTrigger(ws, t) as unknown as TriggerType);
    },
    /** The current user's triggers of this script on one document or form. */
    getUserTriggers(document: unknown): TriggerType[] {
      ws.call('ScriptApp', 'ScriptApp.getUserTriggers');
      const user = ws.effectiveUser();
      const id = sourceKey(document);
      return state.triggers
        .filter((t) => t.owner === user && t.sourceId === id)
        .map((t) => new FakeTrigger(ws, t) as unknown as TriggerType);
    },
    deleteTrigger(trigger: TriggerType): void {
      ws.call('ScriptApp', 'ScriptApp.deleteTrigger');
      const uid = trigger instanceof FakeTrigger ? trigger.data.uid : String(trigger.getUniqueId());
      const i = state.triggers.findIndex((t) => t.uid === uid);
      if (i >= 0) state.triggers.splice(i, 1);
    },
    getService() {
      ws.call('ScriptApp', 'ScriptApp.getService');
      return {
        // "getUrl(): Returns the URL of the web app, if it has been deployed". Only a web app
        // request knows which deployment serves it; elsewhere the URL given is the head
        // deployment's /dev one, which only the script's editors can open.
        getUrl: () => {
          ws.call('ScriptApp', 'Service.getUrl');
          const serving = runtime.servingDeployment();
          if (serving) return execUrl(serving.id);
          return state.deployments.some((d) => d.webApp) ? devUrl(state) : null;
        },
        isEnabled: () => {
          ws.call('ScriptApp', 'Service.isEnabled');
          return true;
        },
      };
    },
    getScriptId(): string {
      ws.call('ScriptApp', 'ScriptApp.getScriptId');
      return state.scriptId;
    },
    getOAuthToken(): string {
      ws.call('ScriptApp', 'ScriptApp.getOAuthToken');
      // "Gets the OAuth 2.0 access token for the effective user": with the manifest's scopes.
      return tokenFor(ws.effectiveUser(), state.oauthScopes);
    },
    getAuthorizationInfo(_authMode: unknown) {
      ws.call('ScriptApp', 'ScriptApp.getAuthorizationInfo');
      return {
        getAuthorizationStatus: () => 'NOT_REQUIRED',
        getAuthorizationUrl: () => null,
      };
    },
    getInstallationSource(): string {
      ws.call('ScriptApp', 'ScriptApp.getInstallationSource');
      return 'NONE';
    },
    invalidateAuth(): void {
      ws.call('ScriptApp', 'ScriptApp.invalidateAuth');
    },
    requireScopes(_authMode: unknown, _scopes: string[]): void {
      ws.call('ScriptApp', 'ScriptApp.requireScopes');
    },
    requireAllScopes(_authMode: unknown): void {
      ws.call('ScriptApp', 'ScriptApp.requireAllScopes');
    },
  };
  return ScriptApp;
}

// ---------------------------------------------------------------------------------------------
// LockService

export type LockScope = 'script' | { document: string } | { user: string };

export function lockKey(scope: LockScope): string {
  if (scope === 'script') return 'script';
  return 'document' in scope ? `document:${scope.document}` : `user:${scope.user}`;
}

class FakeLock implements Pick<
  GoogleAppsScript.Lock.Lock,
  'tryLock' | 'waitLock' | 'releaseLock' | 'hasLock'
> {
  constructor(
    private readonly runtime: ScriptRuntime,
    private readonly key: string,
  ) {}

  private get ws(): Workspace {
    return this.runtime.ws;
  }

  /** Takes the lock, waiting on the fake clock up to `timeoutMs` for another holder to let go. */
  private acquire(timeoutMs: number): boolean {
    const locks = this.runtime.state.locks;
    const me = this.runtime.executionId();
    const lock = locks[this.key];
    const now = this.ws.nowMs;
    const free =
      !lock ||
      lock.holder === me ||
      (lock.holder === 'other' && lock.untilMs !== null && lock.untilMs <= now);
    if (free) {
      locks[this.key] = { holder: me, untilMs: null };
      return true;
    }
    const wait = lock.holder === 'other' && lock.untilMs !== null ? lock.untilMs - now : Infinity;
    if (wait <= timeoutMs) {
      this.ws.advance(wait);
      locks[this.key] = { holder: me, untilMs: null };
      return true;
    }
    this.ws.advance(Math.max(0, timeoutMs));
    return false;
  }

  tryLock(timeoutInMillis: number): boolean {
    this.ws.call('LockService', 'Lock.tryLock');
    return this.acquire(timeoutInMillis);
  }
  waitLock(timeoutInMillis: number): void {
    this.ws.call('LockService', 'Lock.waitLock');
    if (!this.acquire(timeoutInMillis)) throw this.ws.error(GOOGLE_ERRORS.lockTimeout());
  }
  releaseLock(): void {
    this.ws.call('LockService', 'Lock.releaseLock');
    const lock = this.runtime.state.locks[this.key];
    if (lock && lock.holder === this.runtime.executionId()) delete this.runtime.state.locks[this.key];
  }
  hasLock(): boolean {
    this.ws.call('LockService', 'Lock.hasLock');
    const lock = this.runtime.state.locks[this.key];
    return lock !== undefined && lock.holder === this.runtime.executionId();
  }
}

export function createLockService(ws: Workspace, runtime: ScriptRuntime) {
  const LockService = {
    getScriptLock(): GoogleAppsScript.Lock.Lock {
      ws.call('LockService', 'LockService.getScriptLock');
      return new FakeLock(runtime, lockKey('script')) as unknown as GoogleAppsScript.Lock.Lock;
    },
    /** Null in a script bound to no document, as in Google. */
    getDocumentLock(): GoogleAppsScript.Lock.Lock | null {
      ws.call('LockService', 'LockService.getDocumentLock');
      const doc = runtime.state.containerId;
      return doc === null
        ? null
        : (new FakeLock(runtime, lockKey({ document: doc })) as unknown as GoogleAppsScript.Lock.Lock);
    },
    getUserLock(): GoogleAppsScript.Lock.Lock {
      ws.call('LockService', 'LockService.getUserLock');
      return new FakeLock(runtime, lockKey({ user: ws.activeUser })) as unknown as GoogleAppsScript.Lock.Lock;
    },
  };
  return LockService;
}

/** Test helper: another execution holds the lock until fake time `untilMs` (null: for ever). */
export function holdLockElsewhere(runtime: ScriptRuntime, scope: LockScope, untilMs: number | null): void {
  runtime.state.locks[lockKey(scope)] = { holder: 'other', untilMs };
}
