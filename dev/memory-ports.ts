// In-memory ports for the pure path (`npm run scenario -- --domain`) and use-case tests: the
// same src/app code as production, over plain arrays instead of a spreadsheet.
import type { LocalDateTime } from '../src/domain/dates';
import type { Notification } from '../src/app/notifications';
import type {
  AuditEntry,
  ClockPort,
  DayRecord,
  LockPort,
  Ports,
  RegisterChange,
  RegisterPort,
  RegisterSnapshot,
} from '../src/app/ports';

export class MemoryRegister implements RegisterPort {
  readonly audit: AuditEntry[] = [];
  constructor(private readonly data: RegisterSnapshot) {}

  load(): RegisterSnapshot {
    // A copy, as a read from a sheet would be: use cases never alias the stored rows.
    return { ...this.data, days: this.data.days.map((d) => ({ ...d })) };
  }
  /** The mail each commit queued, in order (what the outbox sheet holds in production). */
  readonly outbox: Notification[] = [];

  commit(change: RegisterChange): void {
    // Checked first and applied whole, as the spreadsheet's atomic batch is.
    const index = (day: DayRecord) => {
      const i = this.data.days.findIndex((d) => d.id === day.id);
      if (i < 0) throw new Error(`unknown day ${day.id}`);
      return i;
    };
    const updates = (change.updateDays ?? []).map((d) => [index(d), d] as const);
    const employee = change.optIn && this.data.employees.find((e) => e.email === change.optIn?.email);
    if (change.optIn && !employee) throw new Error(`unknown employee ${change.optIn.email}`);
    this.data.days.push(...(change.addDays ?? []).map((d) => ({ ...d })));
    for (const [i, d] of updates) this.data.days[i] = { ...d };
    this.audit.push(...change.audit.map((a) => ({ ...a })));
    this.outbox.push(...(change.mail ?? []));
    if (employee && change.optIn) employee.workingLocationOptIn = change.optIn.on;
  }
  wasRefused(requestId: string): boolean {
    return this.audit.some((a) => a.action === 'refuse-request' && a.dayId === requestId);
  }
  setEventIds(entries: { dayId: string; eventId: string }[]): void {
    for (const { dayId, eventId } of entries) {
      const day = this.data.days.find((d) => d.id === dayId);
      if (day) day.calendarEventId = eventId;
    }
  }
  loadAudit(): AuditEntry[] {
    return this.audit.map((a) => ({ ...a }));
  }
  get days(): readonly DayRecord[] {
    return this.data.days;
  }
}

export class ManualClock implements ClockPort {
  constructor(public current: LocalDateTime) {}
  now(): LocalDateTime {
    return this.current;
  }
}

export const noLock: LockPort = { withLock: (fn) => fn() };

export function memoryPorts(
  snapshot: RegisterSnapshot,
  clock: ManualClock,
): Ports & { register: MemoryRegister } {
  return { register: new MemoryRegister(snapshot), clock, lock: noLock };
}
