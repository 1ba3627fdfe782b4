// The ports of the application layer: what use cases need from the world. Adapters in src/gas
// implement them on Apps Script services; dev/ implements them in memory for the pure path.
import type { IsoDate, LocalDateTime } from '../domain/dates';
import type { HolidayOverride } from '../domain/holidays';
import type { Agreement, DayStatus, Delegation, Employee, Site } from '../domain/model';
import type { Policy } from '../domain/policy';
import type { RuleId, Severity } from '../domain/rules';
import type { NotifierPort } from './notifications';

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
  action: 'submit' | 'refuse-request' | 'approve' | 'reject' | 'cancel' | 'preference';
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
}

export interface RegisterPort {
  load(): RegisterSnapshot;
  /** Appends new days (one batched write). */
  appendDays(days: DayRecord[]): void;
  /** Writes the new state of existing days (matched by id). */
  updateDays(days: DayRecord[]): void;
  appendAudit(entries: AuditEntry[]): void;
  /**
   * Records calendar event ids ('' to clear) of days, touching nothing else of their rows:
   * the calendar job runs outside the lock and must not overwrite a concurrent decision.
   */
  setEventIds(entries: { dayId: string; eventId: string }[]): void;
  /** The change log, oldest first (for reconciliation). */
  loadAudit(): AuditEntry[];
  /** Records whether the employee shows their approved days as working location (Dipendenti). */
  setWorkingLocationOptIn(email: string, on: boolean): void;
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
  notifier: NotifierPort;
}

export type { IsoDate };
