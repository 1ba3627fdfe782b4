// The ports of the application layer: what use cases need from the world. Adapters in src/gas
// implement them on Apps Script services; dev/ implements them in memory for the pure path.
import type { IsoDate, LocalDateTime } from '../domain/dates';
import type { HolidayOverride } from '../domain/holidays';
import type { Agreement, DayStatus, Delegation, Employee, Site } from '../domain/model';
import type { Policy } from '../domain/policy';
import type { RuleId, Severity } from '../domain/rules';
import type { Notification } from './notifications';

/** A row of the register's days sheet: one requested date, with its whole current state. */
export interface DayRecord {
  /** Stable id: `<requestId>#<n>`. */
  id: string;
  /** The form response id (or another unique id of the request). */
  requestId: string;
  employee: string;
  /** As requested: a real date, or the text that was not one (refused with INVALID_DATE). */
  date: string;
  location: string;
  note: string;
  status: DayStatus;
  /** Rules broken at submission. */
  violations: { rule: RuleId; severity: Severity; message: string }[];
  submittedAt: string;
  decidedBy: string;
  decidedAt: string;
  reason: string;
  calendarEventId: string;
}

/** One line of the append-only change log. */
export interface AuditEntry {
  at: string;
  by: string;
  /**
   * `carry`: a live day fingerprinted again when the lines before it went to the archive.
   * `agreement`: a step of an individual agreement (dayId empty, its id in `detail`).
   */
  action:
    'submit' | 'refuse-request' | 'approve' | 'reject' | 'cancel' | 'preference' | 'carry' | 'agreement';
  dayId: string;
  employee: string;
  date: string;
  from: DayStatus | '';
  to: DayStatus | '';
  detail: string;
}

/** A broken row of a sheet HR edits by hand: listed in "Problemi", skipped by everything else. */
export interface RowProblem {
  sheet: string;
  row: number;
  reason: string;
}

/** What the register holds, read in one go at the start of an operation. */
export interface RegisterSnapshot {
  policy: Policy;
  admins: string[];
  employees: Employee[];
  agreements: Agreement[];
  sites: Site[];
  holidays: HolidayOverride[];
  delegations: Delegation[];
  days: DayRecord[];
  problems: RowProblem[];
  /** Agreements withdrawn (art. 19 c. 2 L. 81/2017): in force until the day before `effective`. */
  withdrawals?: { employee: string; effective: IsoDate }[];
}

/**
 * What one operation changes, written at once: the days, the change-log lines about them and
 * the mail announcing them either all land or none does (a failure in between can neither lose a
 * line or a mail nor leave a day without its line).
 */
export interface RegisterChange {
  /** New rows of the days sheet. */
  addDays?: DayRecord[];
  /** The new state of existing days (matched by id). */
  updateDays?: DayRecord[];
  /** Change-log lines; a line about a day of addDays/updateDays fingerprints that day's row. */
  audit: AuditEntry[];
  /** Mail announcing the change: kept in the outbox with it, sent by the periodic job. */
  mail?: Notification[];
  /** Whether the employee shows their approved days as working location (Dipendenti). */
  optIn?: { email: string; on: boolean };
}

export interface RegisterPort {
  load(): RegisterSnapshot;
  /** Writes one operation's change in one atomic write. */
  commit(change: RegisterChange): void;
  /**
   * Records calendar event ids ('' to clear) of days, touching nothing else of their rows:
   * the calendar job runs outside the lock and must not overwrite a concurrent decision.
   */
  setEventIds(entries: { dayId: string; eventId: string }[]): void;
  /** Whether a request that could not be recorded was already logged (and its sender told). */
  wasRefused(requestId: string): boolean;
}

export interface ClockPort {
  /** Now, in Europe/Rome local time. */
  now(): LocalDateTime;
}

export interface LockPort {
  /** Runs `fn` holding the script lock; throws a LockTimeout error when it cannot be had. */
  withLock<T>(fn: () => T): T;
}

export interface Ports {
  register: RegisterPort;
  clock: ClockPort;
  lock: LockPort;
}

export type { IsoDate };
