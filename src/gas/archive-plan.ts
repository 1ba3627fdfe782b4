// What the next step of the yearly archive moves out of the live register (pure: sheet values
// in, a plan out; archive.ts does the reading, the copying and the removal).
//
// A step archives the closed months of one year: the oldest year with days before the first
// day the live register keeps (domain/archive.ts). It moves
// - the days of those months (a refused date that was not a date goes by when it was asked);
// - the change log's lines written before the end of those months, a prefix of the log, so the
//   live log stays one chain that starts where the archived one ends;
// - the mail sent before then.
// A live day whose last line is in that prefix gets a carry line («riporto»), chained to the
// head like any line, that fingerprints it again: every live day keeps a live line saying what
// it holds. Months with days still waiting for a decision are not archived (nor any after them):
// their days could still change.
import type { AuditEntry, DayRecord } from '../app/ports';
import { addDays, makeDate, parseIsoDate, type IsoDate } from '../domain/dates';
import { chainFromRows, daysFromRows, outboxFromRows, type SheetValues } from './rows';
import type { Site } from '../domain/model';

export interface ArchivePlan {
  year: number;
  /** The archived months: [from, to] (calendar dates). */
  from: IsoDate;
  to: IsoDate;
  /** Sheet rows (1-based) of the days to move, ascending. */
  dayRows: number[];
  /** How many lines of the change log, from its first, to move. */
  lines: number;
  /** Sheet rows of the sent mail to move, ascending. */
  mailRows: number[];
  /** Live days whose last line moves with the prefix: each gets a carry line. */
  carry: DayRecord[];
  /** The «Impronta» of the last line moved: where the live chain will start. */
  lastHash: string;
}

export type ArchiveNext =
  | { kind: 'none' }
  | { kind: 'blocked'; month: string; pending: number }
  | { kind: 'step'; plan: ArchivePlan };

/** The date a day belongs to for the archive: its date, or when it was asked if it has none. */
export function archiveDate(d: Pick<DayRecord, 'date' | 'submittedAt'>): IsoDate | null {
  return parseIsoDate(d.date) ?? parseIsoDate(d.submittedAt.slice(0, 10));
}

export function planArchive(
  values: { days: SheetValues; audit: SheetValues; outbox: SheetValues },
  sites: readonly Site[],
  liveFrom: IsoDate,
): ArchiveNext {
  const { days, rowOf } = daysFromRows(values.days, sites);
  const dated = days
    .map((d) => ({ d, at: archiveDate(d) }))
    .filter((x): x is { d: DayRecord; at: IsoDate } => x.at !== null);
  const old = dated.filter((x) => x.at < liveFrom);
  if (!old.length) return { kind: 'none' };
  // A loop, not Math.min(...): a spread of years of days overflows the call stack.
  const year = old.reduce((y, x) => Math.min(y, Number(x.at.slice(0, 4))), Infinity);
  const yearEnd = makeDate(year, 12, 31);
  let to = addDays(liveFrom, -1) < yearEnd ? addDays(liveFrom, -1) : yearEnd;
  const from = makeDate(year, 1, 1);
  // Stop before the first month with a day still waiting.
  const waiting = dated
    .filter((x) => x.d.status === 'pending' && x.at >= from && x.at <= to)
    .map((x) => x.at)
    .sort();
  if (waiting.length) {
    const firstWaiting = waiting[0];
    const monthStart = makeDate(Number(firstWaiting.slice(0, 4)), Number(firstWaiting.slice(5, 7)), 1);
    to = addDays(monthStart, -1);
  }
  const moving = dated.filter((x) => x.at >= from && x.at <= to).map((x) => x.d);
  if (!moving.length) {
    // Only days of the waiting month and after: nothing can go yet.
    const month = waiting[0].slice(0, 7);
    return { kind: 'blocked', month, pending: waiting.filter((w) => w.slice(0, 7) === month).length };
  }
  const movingIds = new Set(moving.map((d) => d.id));
  const dayRows = moving.map((d) => rowOf.get(d.id) ?? 0).sort((a, b) => a - b);

  // The change log's prefix: every line written before the day after `to`.
  const chain = chainFromRows(values.audit);
  const cutoff = `${addDays(to, 1)}T00:00`;
  let lines = 0;
  while (lines < chain.length && chain[lines].entry.at < cutoff) lines++;
  const lastLine = new Map<string, number>();
  chain.forEach((l, i) => {
    if (l.entry.dayId) lastLine.set(l.entry.dayId, i);
  });
  const carry = days.filter((d) => {
    if (movingIds.has(d.id)) return false;
    const last = lastLine.get(d.id);
    return last !== undefined && last < lines;
  });

  const mailRows = outboxFromRows(values.outbox)
    .rows.filter((r) => r.status === 'sent' && r.createdAt < cutoff)
    .map((r) => r.row);
  return {
    kind: 'step',
    plan: {
      year,
      from,
      to,
      dayRows,
      lines,
      mailRows,
      carry,
      lastHash: lines ? chain[lines - 1].hash : '',
    },
  };
}

/** The carry line of a live day whose last line was archived. */
export function carryLine(day: DayRecord, at: string, by: string, to: IsoDate): AuditEntry {
  return {
    at,
    by,
    action: 'carry',
    dayId: day.id,
    employee: day.employee,
    date: day.date,
    from: day.status,
    to: day.status,
    detail: `Registro modifiche archiviato fino al ${to}: la giornata è riportata com'è.`,
  };
}
