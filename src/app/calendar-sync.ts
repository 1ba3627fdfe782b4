// Keeps the shared "Smart working" calendar equal to the register: one all-day event per
// approved day, none for any other status. It is a reconciliation, so it is naturally
// resumable: each run recomputes what is left, adopts events created by an interrupted run
// (found by their day tag) instead of duplicating them, and records event ids as it goes.
import { liveFrom } from '../domain/archive';
import { addDays, parseIsoDate, type IsoDate } from '../domain/dates';
import { HOME } from '../domain/model';
import type { DayRecord, Ports } from './ports';

/** An event of the shared calendar that Agorà created, tagged with its day id. */
export interface CalendarEntry {
  eventId: string;
  dayId: string;
  date: string;
}

export interface CalendarPort {
  /** Tagged events whose date lies in [from, to]. */
  listEntries(from: IsoDate, to: IsoDate): CalendarEntry[];
  createEntry(entry: {
    dayId: string;
    date: IsoDate;
    title: string;
    description: string;
    location: string;
  }): string;
  deleteEntry(eventId: string): void;
}

/** A quota (daily or burst) stops the job cleanly; the next run resumes. */
export class QuotaExceeded extends Error {}

export interface SyncOptions {
  /** Stop starting new calendar calls after this many ms of this execution. */
  budgetMs: number;
  /** Milliseconds since the execution started (the adapter's clock). */
  elapsedMs: () => number;
  /** Also compare every approved day of the range with the calendar (drift repair). */
  full?: boolean;
  /** Record event ids in the register every this many changes. */
  flushEvery?: number;
}

export interface SyncReport {
  created: number;
  deleted: number;
  adopted: number;
  /** Work left for the next run. */
  remaining: number;
  stoppedBy: 'done' | 'budget' | 'quota';
}

export function eventTitle(name: string, location: string, siteName: string): string {
  return `${name} — smart working (${location === HOME ? 'casa' : siteName})`;
}

export function syncCalendar(ports: Ports & { calendar: CalendarPort }, opts: SyncOptions): SyncReport {
  const snapshot = ports.register.load();
  const names = new Map(snapshot.employees.map((e) => [e.email, e.name]));
  const sites = new Map(snapshot.sites.map((s) => [s.id, s.name]));
  const days = snapshot.days.filter((d) => parseIsoDate(d.date) !== null);
  const needsWork = (d: DayRecord) => (d.status === 'approved') !== (d.calendarEventId !== '');
  const scope = opts.full
    ? days.filter((d) => d.status === 'approved' || d.calendarEventId)
    : days.filter(needsWork);
  const report: SyncReport = { created: 0, deleted: 0, adopted: 0, remaining: 0, stoppedBy: 'done' };
  if (!scope.length) return report;

  const dates = scope.map((d) => d.date as IsoDate).sort();
  let entries: CalendarEntry[];
  try {
    entries = ports.calendar.listEntries(dates[0], dates[dates.length - 1]);
  } catch (e) {
    if (e instanceof QuotaExceeded) return { ...report, remaining: scope.length, stoppedBy: 'quota' };
    throw e;
  }
  const byDay = new Map<string, CalendarEntry[]>();
  for (const e of entries) byDay.set(e.dayId, [...(byDay.get(e.dayId) ?? []), e]);
  const dayById = new Map(days.map((d) => [d.id, d]));

  const pendingIds: { dayId: string; eventId: string }[] = [];
  const flush = () => {
    if (!pendingIds.length) return;
    const batch = pendingIds.splice(0, pendingIds.length);
    ports.lock.withLock(() => ports.register.setEventIds(batch));
  };
  const record = (dayId: string, eventId: string) => {
    pendingIds.push({ dayId, eventId });
    if (pendingIds.length >= (opts.flushEvery ?? 50)) flush();
  };

  // The work, as a list of steps; each step makes at most one calendar call.
  type Step = () => void;
  const steps: Step[] = [];
  for (const day of scope) {
    const found = byDay.get(day.id) ?? [];
    if (day.status === 'approved') {
      const keep = found.find((e) => e.eventId === day.calendarEventId) ?? found[0];
      for (const extra of found.filter((e) => e !== keep))
        steps.push(() => (ports.calendar.deleteEntry(extra.eventId), report.deleted++));
      if (keep) {
        if (keep.eventId !== day.calendarEventId)
          steps.push(() => (record(day.id, keep.eventId), report.adopted++));
      } else {
        const name = names.get(day.employee) ?? day.employee;
        steps.push(() => {
          const eventId = ports.calendar.createEntry({
            dayId: day.id,
            date: day.date as IsoDate,
            title: eventTitle(name, day.location, sites.get(day.location) ?? day.location),
            description: 'Giornata di lavoro agile approvata (Agorà).',
            location: day.location,
          });
          report.created++;
          record(day.id, eventId);
        });
      }
    } else {
      for (const e of found) steps.push(() => (ports.calendar.deleteEntry(e.eventId), report.deleted++));
      if (day.calendarEventId) steps.push(() => record(day.id, ''));
    }
  }
  // Tagged events of days the register does not know (or no longer has): orphans.
  for (const [dayId, list] of byDay) {
    if (!dayById.has(dayId))
      for (const e of list) steps.push(() => (ports.calendar.deleteEntry(e.eventId), report.deleted++));
  }

  let i = 0;
  try {
    for (; i < steps.length; i++) {
      if (opts.elapsedMs() >= opts.budgetMs) {
        report.stoppedBy = 'budget';
        break;
      }
      steps[i]();
    }
  } catch (e) {
    if (!(e instanceof QuotaExceeded)) {
      flush();
      throw e;
    }
    report.stoppedBy = 'quota';
  }
  flush();
  report.remaining = steps.length - i;
  return report;
}

/**
 * The range a full reconciliation looks at: from the first day the live register keeps (older
 * days are in the yearly archive, their events left as they are) to a year ahead.
 */
export function reconciliationRange(today: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: liveFrom(today), to: addDays(today, 366) };
}

/**
 * The employee's own primary calendar: a working-location event for each of their approved
 * days in [from, to], none for other days. Event ids are not recorded in the register (the
 * events are the employee's own); the day tag finds them again.
 */
export function syncOwnCalendar(
  days: readonly DayRecord[],
  calendar: CalendarPort,
  range: { from: IsoDate; to: IsoDate },
): { created: number; deleted: number } {
  const inRange = days.filter((d) => parseIsoDate(d.date) && d.date >= range.from && d.date <= range.to);
  const approved = new Map(inRange.filter((d) => d.status === 'approved').map((d) => [d.id, d]));
  const entries = calendar.listEntries(range.from, range.to);
  let created = 0;
  let deleted = 0;
  const seen = new Set<string>();
  for (const e of entries) {
    if (approved.has(e.dayId) && !seen.has(e.dayId)) seen.add(e.dayId);
    else {
      calendar.deleteEntry(e.eventId);
      deleted++;
    }
  }
  for (const day of approved.values()) {
    if (seen.has(day.id)) continue;
    calendar.createEntry({
      dayId: day.id,
      date: day.date as IsoDate,
      title: '',
      description: '',
      location: day.location,
    });
    created++;
  }
  return { created, deleted };
}
