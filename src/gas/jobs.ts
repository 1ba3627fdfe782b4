// Background work: the calendar job (resumable, within a time budget) and the mail queue.
import { reconciliationRange, syncCalendar, syncOwnCalendar, type SyncReport } from '../app/calendar-sync';
import type { IsoDate } from '../domain/dates';
import { toRomeLocal } from '../domain/rome-time';
import { OwnWorkingLocation, SharedCalendar } from './calendar';
import { recoverMissedResponses } from './intake';
import { archiveClosedMonths, type ArchiveRun } from './archive';
import { queueDailyDigest } from './digest';
import { sendOutbox } from './mail';
import { requireOwner } from './owner';
import { PROPERTY } from './properties';
import { gasLock, gasPorts, registerSpreadsheet } from './runtime';
import { SheetsRegister } from './register';
import type { Ports } from '../app/ports';
import { cancelAfterWithdrawals } from '../app/decisions';
import { applyRetention } from './retention';
import { queueExpiryAlerts } from './agreements';

/** Well under Apps Script's 6 minutes per execution. */
export const TIMER_BUDGET_MS = 4 * 60_000;

/** Brings the shared calendar in line with the register, for at most `budgetMs`. */
export function runCalendarJob(budgetMs: number, full = false, ports: Ports = gasPorts()): SyncReport | null {
  const calendarId = PropertiesService.getScriptProperties().getProperty(PROPERTY.calendarId);
  if (!calendarId) return null;
  const started = Date.now();
  return syncCalendar(
    { ...ports, calendar: new SharedCalendar(calendarId) },
    { budgetMs, elapsedMs: () => Date.now() - started, full },
  );
}

/** Mail gets at most this much of a run: the calendar's work must not starve. */
export const MAIL_BUDGET_MS = 90_000;

/** Sends the outbox's due mail, holding the lock (see mail.ts). */
export function runMailJob(budgetMs = MAIL_BUDGET_MS) {
  return gasLock.withLock(() => sendOutbox(new SheetsRegister(registerSpreadsheet()), budgetMs));
}

/** The archive gets at most this much of a run (the first archive of a long history takes several). */
export const ARCHIVE_BUDGET_MS = 120_000;

/** Closed months to the yearly archive, holding the lock (see archive.ts). */
export function runArchiveJob(budgetMs = ARCHIVE_BUDGET_MS): ArchiveRun {
  return gasLock.withLock(() => archiveClosedMonths(new SheetsRegister(registerSpreadsheet()), budgetMs));
}

/** The owner's own run of the archive (a top-level function). */
export function archiveNow(): ArchiveRun {
  requireOwner('Archiviazione dei mesi chiusi');
  return runArchiveJob();
}

/**
 * Once a day: days after a withdrawal cancelled, agreements past their retention deleted, the
 * archive, then HR's daily digest with the change log's chain head. Done again
 * at the next run until the archive says it is done.
 */
function runDailyWork(): void {
  const props = PropertiesService.getScriptProperties();
  const today = toRomeLocal(Date.now()).date;
  if (props.getProperty(PROPERTY.lastDailyWork) === today) return;
  // Days a withdrawn agreement no longer covers, cancelled with a message (idempotent: a run
  // interrupted here finds fewer days next time).
  const owner = Session.getEffectiveUser().getEmail().toLowerCase();
  cancelAfterWithdrawals(gasPorts(), owner);
  // Agreements (and their notices) 5 years past their end are deleted, each with its line.
  gasLock.withLock(() => applyRetention(new SheetsRegister(registerSpreadsheet()), owner));
  // The person and their manager are told when an agreement enters its last 30 days (once a
  // day even when the daily work runs again: its own mark).
  const since = props.getProperty(PROPERTY.lastExpiryAlerts);
  if (since !== today)
    gasLock.withLock(() => {
      queueExpiryAlerts(new SheetsRegister(registerSpreadsheet()), since ? (since as IsoDate) : null);
      props.setProperty(PROPERTY.lastExpiryAlerts, today);
    });
  const run = runArchiveJob();
  gasLock.withLock(() => queueDailyDigest(new SheetsRegister(registerSpreadsheet()), run));
  if (run.done) props.setProperty(PROPERTY.lastDailyWork, today);
}

/** The periodic trigger: responses missed, daily work, mail, then calendar work (a full reconciliation once a day). */
export function runTimer(): void {
  requireOwner('Lavoro periodico');
  const started = Date.now();
  recoverMissedResponses();
  runDailyWork();
  runMailJob();
  const props = PropertiesService.getScriptProperties();
  const today = toRomeLocal(Date.now()).date;
  const full = props.getProperty(PROPERTY.lastFullCalendarSync) !== today;
  const report = runCalendarJob(TIMER_BUDGET_MS - (Date.now() - started), full);
  if (full && report && report.stoppedBy === 'done') props.setProperty(PROPERTY.lastFullCalendarSync, today);
}

/**
 * Runs as the employee (from their page, or their own trigger): their approved days appear as
 * working location on their own primary calendar. Only code running as them can do this.
 */
export function syncMyWorkingLocation(
  days: Parameters<typeof syncOwnCalendar>[0],
  siteName: (id: string) => string | null,
) {
  const today = toRomeLocal(Date.now()).date;
  return syncOwnCalendar(days, new OwnWorkingLocation(siteName), reconciliationRange(today));
}
