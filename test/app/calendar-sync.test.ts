// The calendar job on in-memory ports: it converges to exactly one event per approved day
// whatever interrupts it (budget, quota, a crash between creating an event and recording it).
import {
  QuotaExceeded,
  syncCalendar,
  type CalendarEntry,
  type CalendarPort,
} from '../../src/app/calendar-sync';
import type { DayRecord, RegisterSnapshot } from '../../src/app/ports';
import { addDays, type IsoDate } from '../../src/domain/dates';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { ManualClock, memoryPorts } from '../../dev/memory-ports';

class MemoryCalendar implements CalendarPort {
  events = new Map<string, CalendarEntry>();
  calls = 0;
  private next = 1;
  /** Throws at the given call numbers (1-based): `quota` or a crash. */
  failAt = new Map<number, 'quota' | 'crash'>();

  private tick(): void {
    this.calls++;
    const failure = this.failAt.get(this.calls);
    if (failure === 'quota') throw new QuotaExceeded('Service invoked too many times for one day: calendar.');
    if (failure === 'crash') throw new Error('Exceeded maximum execution time');
  }
  listEntries(from: IsoDate, to: IsoDate): CalendarEntry[] {
    this.tick();
    return [...this.events.values()].filter((e) => e.date >= from && e.date <= to);
  }
  createEntry(entry: { dayId: string; date: IsoDate }): string {
    this.tick();
    const eventId = `ev${this.next++}`;
    this.events.set(eventId, { eventId, dayId: entry.dayId, date: entry.date });
    return eventId;
  }
  deleteEntry(eventId: string): void {
    this.tick();
    this.events.delete(eventId);
  }
}

function approvedDays(n: number): DayRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `r${i}#1`,
    requestId: `r${i}`,
    employee: `p${i % 7}@example.it`,
    date: addDays('2026-12-01' as IsoDate, i),
    location: 'home',
    note: '',
    status: 'approved' as const,
    violations: [],
    submittedAt: '2026-11-02T09:00',
    decidedBy: 'm@example.it',
    decidedAt: '2026-11-02T10:00',
    reason: '',
    calendarEventId: '',
  }));
}

function setupPorts(days: DayRecord[]) {
  const snapshot: RegisterSnapshot = {
    policy: { ...DEFAULT_POLICY },
    admins: [],
    employees: [],
    agreements: [],
    sites: [],
    holidays: [],
    delegations: [],
    days,
    problems: [],
  };
  const ports = memoryPorts(snapshot, new ManualClock({ date: '2026-11-02' as IsoDate, minutes: 600 }));
  const calendar = new MemoryCalendar();
  return { ports: { ...ports, calendar }, calendar, register: ports.register };
}

function expectExactlyOneEventPerApprovedDay(
  register: { days: readonly DayRecord[] },
  calendar: MemoryCalendar,
): void {
  const approved = register.days.filter((d) => d.status === 'approved');
  expect(calendar.events.size).toBe(approved.length);
  for (const day of approved) {
    const events = [...calendar.events.values()].filter((e) => e.dayId === day.id);
    expect(events).toHaveLength(1);
    expect(day.calendarEventId).toBe(events[0].eventId);
  }
}

const unlimited = { budgetMs: Infinity, elapsedMs: () => 0 };

test('creates one event per approved day and records its id', () => {
  const { ports, calendar, register } = setupPorts(approvedDays(5));
  const report = syncCalendar(ports, unlimited);
  expect(report).toMatchObject({ created: 5, remaining: 0, stoppedBy: 'done' });
  expectExactlyOneEventPerApprovedDay(register, calendar);
  // A second run has nothing to do and makes no calendar call.
  const calls = calendar.calls;
  expect(syncCalendar(ports, unlimited)).toMatchObject({ created: 0, deleted: 0, stoppedBy: 'done' });
  expect(calendar.calls).toBe(calls);
});

test('a failure injected at every call position of a 50-day job ends, after resumption, with exactly 50 events', () => {
  const total = 51; // one list + 50 creations
  for (let position = 1; position <= total; position++) {
    for (const kind of ['quota', 'crash'] as const) {
      const { ports, calendar, register } = setupPorts(approvedDays(50));
      calendar.failAt.set(position, kind);
      // flushEvery 7: a crash loses the ids not yet recorded, which the next run must adopt.
      const run = () => syncCalendar(ports, { ...unlimited, flushEvery: 7 });
      if (kind === 'crash') expect(run).toThrow('Exceeded maximum execution time');
      else expect(run().stoppedBy).toBe('quota');
      let guard = 0;
      while (syncCalendar(ports, { ...unlimited, flushEvery: 7 }).remaining > 0 && guard++ < 5);
      expectExactlyOneEventPerApprovedDay(register, calendar);
    }
  }
});

test('stops inside its time budget and the next run continues', () => {
  const { ports, calendar, register } = setupPorts(approvedDays(30));
  let elapsed = 0;
  const tick = () => (elapsed += 1000); // each check costs a second of "execution"
  const first = syncCalendar(ports, { budgetMs: 10_000, elapsedMs: tick });
  expect(first.stoppedBy).toBe('budget');
  expect(first.created).toBeGreaterThan(0);
  expect(first.remaining).toBe(30 - first.created);
  elapsed = 0;
  let runs = 1;
  while (syncCalendar(ports, { budgetMs: 10_000, elapsedMs: () => (elapsed += 1000) }).remaining > 0) {
    elapsed = 0;
    runs++;
  }
  expect(runs).toBeGreaterThan(1);
  expectExactlyOneEventPerApprovedDay(register, calendar);
});

test('deletes the event of a day no longer approved, duplicates and orphans', () => {
  const days = approvedDays(3);
  const { ports, calendar, register } = setupPorts(days);
  syncCalendar(ports, unlimited);
  // Cancel one day; add a duplicate event for another, and an orphan tagged with an unknown day.
  register.commit({ updateDays: [{ ...register.days[0], status: 'cancelled' }], audit: [] });
  calendar.events.set('dup', { eventId: 'dup', dayId: register.days[1].id, date: register.days[1].date });
  calendar.events.set('orphan', { eventId: 'orphan', dayId: 'nobody#1', date: register.days[1].date });
  const report = syncCalendar(ports, { ...unlimited, full: true });
  expect(report.deleted).toBe(3);
  expect(register.days[0].calendarEventId).toBe('');
  expectExactlyOneEventPerApprovedDay(register, calendar);
});

test('repairs an event deleted by hand (full reconciliation)', () => {
  const { ports, calendar, register } = setupPorts(approvedDays(2));
  syncCalendar(ports, unlimited);
  calendar.events.delete(register.days[0].calendarEventId);
  expect(syncCalendar(ports, { ...unlimited, full: true }).created).toBe(1);
  expectExactlyOneEventPerApprovedDay(register, calendar);
});
