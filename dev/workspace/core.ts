// The heart of the in-memory Workspace: a fake clock, the signed-in user, a counter of every
// service call, and injection of Google's own errors at the Nth call of any method.
// Every fake service records its calls through `Workspace.call(service, method)`.

/** Google's own error messages, as Apps Script throws them. */
export const GOOGLE_ERRORS = {
  transient: (service: string) => `Service unavailable: ${service}`,
  quota: (service: string) => `Service invoked too many times for one day: ${service}.`,
  calendarRate: () =>
    'You have been creating or deleting too many calendars or calendar events in a short time. Please try again later.',
  lockTimeout: () => 'Lock timeout: another process was holding the lock for too long.',
} as const;
export type InjectedErrorKind = keyof Omit<typeof GOOGLE_ERRORS, 'lockTimeout'>;

interface Injection {
  key: string;
  /** 1-based position of the call (counted from the moment of injection) that fails. */
  nth: number;
  seen: number;
  kind: InjectedErrorKind;
  /** Keep failing every call from the nth on (e.g. a daily quota), until cleared. */
  sticky: boolean;
}

export class Workspace {
  /** Milliseconds since the epoch: the fake `Date.now()` of the bundle. */
  nowMs: number;
  /** The user Session reports: set per call by whoever drives the bundle. */
  activeUser = '';
  /** The owner of the script and its files (setup runs as them). */
  readonly owner: string;
  private readonly counts = new Map<string, number>();
  private injections: Injection[] = [];

  constructor(opts: { owner: string; nowMs?: number }) {
    this.owner = opts.owner;
    this.nowMs = opts.nowMs ?? Date.UTC(2026, 10, 2, 8, 0);
    this.activeUser = opts.owner;
  }

  /**
   * Records one call of `service`.`method` (method as `Class.method`, e.g. `Range.getValues`)
   * and throws the injected error if this is the call chosen to fail.
   */
  call(service: string, method: string): void {
    const key = `${service}.${method}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    for (const inj of this.injections) {
      if (inj.key !== key && inj.key !== `${service}.*`) continue;
      inj.seen++;
      if (inj.seen === inj.nth || (inj.sticky && inj.seen > inj.nth)) {
        if (!inj.sticky) this.injections = this.injections.filter((i) => i !== inj);
        throw new Error(
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

  resetCounts(): void {
    this.counts.clear();
  }

  advance(ms: number): void {
    this.nowMs += ms;
  }
}
