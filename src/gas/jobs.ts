// Background work: the calendar job (resumable, within a time budget) and the mail queue.
import { reconciliationRange, syncCalendar, syncOwnCalendar, type SyncReport } from '../app/calendar-sync';
import { toRomeLocal } from '../domain/rome-time';
import { OwnWorkingLocation, SharedCalendar } from './calendar';
import { recoverMissedResponses } from './intake';
import { sendOutbox } from './mail';
import { requireOwner } from './owner';
import { PROPERTY } from './properties';
import { gasLock, gasPorts, registerSpreadsheet } from './runtime';
import { SheetsRegister } from './register';
import type { Ports } from '../app/ports';

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

/** The periodic trigger: responses missed, mail, then calendar work (a full reconciliation once a day). */
export function runTimer(): void {
  requireOwner('Lavoro periodico');
  const started = Date.now();
  recoverMissedResponses();
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
