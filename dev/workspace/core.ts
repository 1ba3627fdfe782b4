// The heart of the in-memory Workspace: a fake clock, the signed-in user, a counter of every
// service call, a counter of the sheet rows read, and injection of Google's own errors at the
// Nth call of any method.
// Every fake service records its calls through `Workspace.call(service, method)`; the sheet
// reads (SpreadsheetApp, the advanced Sheets service) also record the rows they returned
// through `Workspace.readRows(service, rows)`.

/** Google's own error messages, as Apps Script throws them. */
export const GOOGLE_ERRORS = {
  transient: (service: string) => `Service unavailable: ${service}`,
  quota: (service: string) => `Service invoked too many times for one day: ${service}.`,
  calendarRate: () =>
    'You have been creating or deleting too many calendars or calendar events in a short time. Please try again later.',
  lockTimeout: () => 'Lock timeout: another process was holding the lock for too long.',
} as const;
/**
 * What an injected failure throws: one of Google's errors, or `deadline`: the execution runs out
 * of time at that call (the clock jumps past its deadline and Apps Script's timeout is thrown).
 */
export type InjectedErrorKind = keyof Omit<typeof GOOGLE_ERRORS, 'lockTimeout'> | 'deadline';

interface Injection {
  key: string;
  /** 1-based position of the call (counted from the moment of injection) that fails. */
  nth: number;
  seen: number;
  kind: InjectedErrorKind;
  /** Keep failing every call from the nth on (e.g. a daily quota), until cleared. */
  sticky: boolean;
}

/** The injection key that matches every call of every service. */
const ANY_CALL = '*';

/** The part of the core that is Workspace data (saved with the rest of the state). */
export interface CoreState {
  owner: string;
  nowMs: number;
}

/** Apps Script stops an execution that runs past its limit with this (uncatchable there). */
export const EXECUTION_TIMEOUT_MESSAGE = 'Exceeded maximum execution time';

export class Workspace {
  /** The user Session reports: set per call by whoever drives the bundle. */
  activeUser = '';
  /**
   * The user whose rights the code runs with when it differs from `activeUser` (a web app deployed
   * "execute as me"); null: the active user's own rights.
   */
  effectiveUserOverride: string | null = null;
  /**
   * The execution runs without the user's authorization (a simple trigger, AuthMode.LIMITED):
   * services that need a scope refuse, as Apps Script does ("You do not have permission to
   * call X").
   */
  restricted = false;
  /** Fake time past which every service call fails as an execution over its time limit. */
  deadlineMs: number | null = null;
  /**
   * The Error class of the realm running the script (set by the vm loader), so that the script's
   * `e instanceof Error` holds for the errors the fakes throw.
   */
  errorConstructor: ErrorConstructor = Error;
  /**
   * Fake time each call of a method takes, keyed `Service.method` (e.g. `Calendar.Events.insert`,
   * `SpreadsheetApp.Range.setValues`): the clock advances by it at every call. Default: none.
   */
  latency: Record<string, number> = {};
  /** Clock and owner live in a plain object, saved with the rest of the Workspace state. */
  readonly coreState: CoreState;
  private readonly counts = new Map<string, number>();
  /** Sheet rows returned by reads, by service (`SpreadsheetApp`, `Sheets`). */
  private readonly rows = new Map<string, number>();
  private injections: Injection[] = [];

  constructor(opts: { owner: string; nowMs?: number; state?: CoreState }) {
    this.coreState = opts.state ?? { owner: opts.owner, nowMs: opts.nowMs ?? Date.UTC(2026, 10, 2, 8, 0) };
    this.activeUser = this.coreState.owner;
  }

  /** The owner of the script and its files (setup runs as them). */
  get owner(): string {
    return this.coreState.owner;
  }

  /** Milliseconds since the epoch: the fake `Date.now()` of the bundle. */
  get nowMs(): number {
    return this.coreState.nowMs;
  }
  set nowMs(ms: number) {
    this.coreState.nowMs = ms;
  }

  /** The user whose permissions apply to what the code does (Session.getEffectiveUser). */
  effectiveUser(): string {
    return this.effectiveUserOverride ?? this.activeUser;
  }

  /**
   * Called by a fake before a method that needs authorization: in a restricted execution it
   * throws Google's message, e.g. "You do not have permission to call SpreadsheetApp.openById.
   * Required permissions: https://www.googleapis.com/auth/spreadsheets".
   */
  requireAuthorization(method: string, scope: string): void {
    if (this.restricted)
      throw this.error(`You do not have permission to call ${method}. Required permissions: ${scope}`);
  }

  /** An error as Apps Script services throw them: named `Exception`, in the script's realm. */
  error(message: string): Error {
    const e = new this.errorConstructor(message);
    e.name = 'Exception';
    return e;
  }

  /**
   * Records one call of `service`.`method` (method as `Class.method`, e.g. `Range.getValues`)
   * and throws the injected error if this is the call chosen to fail.
   */
  call(service: string, method: string): void {
    const key = `${service}.${method}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    const latency = this.latency[key];
    if (latency) this.nowMs += latency;
    if (this.deadlineMs !== null && this.nowMs > this.deadlineMs) throw this.error(EXECUTION_TIMEOUT_MESSAGE);
    for (const inj of this.injections) {
      if (inj.key !== key && inj.key !== `${service}.*` && inj.key !== ANY_CALL) continue;
      inj.seen++;
      if (inj.seen === inj.nth || (inj.sticky && inj.seen > inj.nth)) {
        if (!inj.sticky) this.injections = this.injections.filter((i) => i !== inj);
        if (inj.kind === 'deadline') {
          if (this.deadlineMs !== null) this.nowMs = Math.max(this.nowMs, this.deadlineMs + 1);
          throw this.error(EXECUTION_TIMEOUT_MESSAGE);
        }
        throw this.error(
          inj.kind === 'calendarRate' ? GOOGLE_ERRORS.calendarRate() : GOOGLE_ERRORS[inj.kind](service),
        );
      }
    }
  }

  /** Makes the nth next call of `service.method` (or `service.*`) throw Google's error. */
  failNth(
    service: string,
    method: string,
    nth: number,
    kind: InjectedErrorKind,
    opts: { sticky?: boolean } = {},
  ): void {
    this.injections.push({ key: `${service}.${method}`, nth, seen: 0, kind, sticky: opts.sticky ?? false });
  }

  /**
   * Makes the nth next service call, whatever its service and method, throw Google's error: the
   * fault injector walks every call position of an operation this way.
   */
  failNthCall(nth: number, kind: InjectedErrorKind): void {
    this.injections.push({ key: ANY_CALL, nth, seen: 0, kind, sticky: false });
  }

  clearFailures(): void {
    this.injections = [];
  }

  /** Calls so far: of one method, of a service (`method` omitted), or all. */
  callCount(service?: string, method?: string): number {
    let n = 0;
    for (const [key, count] of this.counts) {
      if (
        service === undefined ||
        (method === undefined ? key.startsWith(`${service}.`) : key === `${service}.${method}`)
      )
        n += count;
    }
    return n;
  }

  /** A copy of the per-method counters, e.g. `{"SpreadsheetApp.Range.getValues": 3}`. */
  callCounts(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort());
  }

  /**
   * Records that a read of `service` returned `rows` sheet rows: Range.getValues,
   * getDisplayValues and getFormulas count the rows of their range, getValue, getDisplayValue
   * and getFormula one row, Sheets.Spreadsheets.Values.batchGet the rows of every range it
   * returned (after the API's trimming of empty trailing rows).
   */
  readRows(service: string, rows: number): void {
    this.rows.set(service, (this.rows.get(service) ?? 0) + rows);
  }

  /** Sheet rows read since the last resetCounts(): through one service, or all. */
  rowsRead(service?: string): number {
    if (service !== undefined) return this.rows.get(service) ?? 0;
    let n = 0;
    for (const count of this.rows.values()) n += count;
    return n;
  }

  /** Clears the call counters and the rows read. */
  resetCounts(): void {
    this.counts.clear();
    this.rows.clear();
  }

  advance(ms: number): void {
    this.nowMs += ms;
  }
}
