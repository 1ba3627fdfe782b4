import type { Notification, NotifierPort } from '../src/app/notifications';
// In-memory ports for the pure path (`npm run scenario -- --domain`) and use-case tests: the
// same src/app code as production, over plain arrays instead of a spreadsheet.
import type { LocalDateTime } from '../src/domain/dates';
import type {
  AuditEntry,
  ClockPort,
  DayRecord,
  LockPort,
  Ports,
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
  appendDays(days: DayRecord[]): void {
    this.data.days.push(...days.map((d) => ({ ...d })));
  }
  updateDays(days: DayRecord[]): void {
    for (const day of days) {
      const i = this.data.days.findIndex((d) => d.id === day.id);
      if (i < 0) throw new Error(`unknown day ${day.id}`);
      this.data.days[i] = { ...day };
    }
  }
  appendAudit(entries: AuditEntry[]): void {
    this.audit.push(...entries);
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
  setWorkingLocationOptIn(email: string, on: boolean): void {
    const e = this.data.employees.find((x) => x.email === email);
    if (!e) throw new Error(`unknown employee ${email}`);
    e.workingLocationOptIn = on;
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

/** Records every notification with the time it may be delivered. */
export class MemoryNotifier implements NotifierPort {
  readonly sent: Notification[] = [];
  notify(notifications: Notification[]): void {
    this.sent.push(...notifications);
  }
}

export function memoryPorts(
  snapshot: RegisterSnapshot,
  clock: ManualClock,
): Ports & { register: MemoryRegister; notifier: MemoryNotifier } {
  return { register: new MemoryRegister(snapshot), clock, lock: noLock, notifier: new MemoryNotifier() };
}
