// Apps Script entry points, and nothing else: each is a one-line call into src/app or src/gas.
// esbuild.config.mjs turns every export of this file into a top-level function of dist/Code.js.
//
// Every top-level function can be called by anyone who can run the project's code: from the web
// app page (google.script.run, as the owner with the visitor as active user) and from the add-on
// (as the user). The privileged ones (setup, checkRegister, onTimer, the trigger handlers,
// handOverOwnership) refuse unless the owner runs them for themself (src/gas/owner.ts); the
// others act for the verified caller and authorize them in src/app.
import { createStaffSurveyNow, surveyRedemptionNow } from './gas/survey';
import type { RedemptionRow } from './domain/survey';
import { exportReportsNow, halfYearReportNow, type ReportExport } from './gas/reports';
import type { DecisionInput } from './app/decisions';
import type { Overview, OverviewQuery, SelectedDays } from './app/overview';
import type { AppRequestInput } from './app/requests';
import {
  calendarEvent,
  cardAction,
  gmailMessage,
  homepage,
  universalAction,
  workingLocationTimer,
  type AddOnEvent,
} from './gas/addon';
import { handOverOwnership as handOver } from './gas/handover';
import { handleFormSubmit, handleRegisterEdit } from './gas/intake';
import { archiveNow, runTimer } from './gas/jobs';
import type { ArchiveRun } from './gas/archive';
import { syncMyCalendarNow } from './gas/own-calendar';
import {
  cancelFromPage,
  daysForPage,
  decideFromPage,
  overviewForPage,
  pageOutput,
  requestFromPage,
  type ItemResultDto,
  type RequestResultDto,
} from './gas/page';
import { importStaffNow, type StaffImportResult } from './gas/staff-import';
import { syncDriveFoldersNow, type FolderSync } from './gas/drive-folders';
import { exportMinistryNow, type MinistryExport } from './gas/ministry-export';
import { checkRegister as checkRegisterNow, runSetup, type SetupReport } from './gas/setup';
import { handlePost } from './gas/webapp';

/** Run by the owner in the editor: creates or repairs everything (idempotent). */
export function setup(): SetupReport {
  return runSetup((message) => console.log(message));
}

/** Run by the owner: lists broken rows, hand edits and safety drift in Problemi. */
export function checkRegister(): number {
  return checkRegisterNow();
}

/** Run by the owner: hands Agorà over to another HR administrator (see src/gas/handover.ts). */
export function handOverOwnership(newOwner?: string): string {
  return handOver(newOwner);
}

/** Installable trigger on the request Form (the owner's). */
export function onFormSubmit(event: GoogleAppsScript.Events.FormsOnFormSubmit): void {
  handleFormSubmit(event);
}

/** Installable edit trigger of the register: sites edited by HR update the Form's choices. */
export function onRegisterEdit(event: GoogleAppsScript.Events.SheetsOnEdit): void {
  handleRegisterEdit(event);
}

/** Periodic trigger: queued mail, calendar work left by earlier executions, daily reconciliation. */
export function onTimer(): void {
  runTimer();
}

/** Run by the owner (the periodic trigger runs it daily): closed months to the yearly archive. */
export function archiveClosedMonths(): ArchiveRun {
  return archiveNow();
}

/** Run by the owner: the batch of notices to the Ministry of Labour (Sheet and CSV in Agorà's folder). */
export function exportMinistryNotices(): MinistryExport {
  return exportMinistryNow();
}

/** Run by the owner: each person's folder in Agorà's Drive folder, named, placed and shared by convention. */
export function syncDriveFolders(): FolderSync {
  return syncDriveFoldersNow();
}

/** Run by the owner: the payroll CSV into Dipendenti; `apply` false shows what would change. */
export function importStaffCsv(csv: string, apply: boolean): StaffImportResult {
  return importStaffNow(csv, apply);
}

/**
 * Run by the owner: a month's exports into Agorà's folder (giornate.csv, giornate.ics,
 * report-YYYY-MM.csv) and the «Report» sheet with its charts; `month` as YYYY-MM, last month when
 * omitted.
 */
export function exportReports(month?: string): ReportExport {
  return exportReportsNow(month);
}

/** Run by the owner: the half-yearly report (YYYY-H1 or YYYY-H2) as a Doc and its PDF in Agorà's folder. */
export function halfYearReport(half?: string): { docId: string; pdfId: string } {
  return halfYearReportNow(half);
}

/** Run by the owner: the staff survey's Form in Agorà's folder (made once; its address returned). */
export function createStaffSurvey(): { formId: string; url: string; created: boolean } {
  return createStaffSurveyNow();
}

/** Run by the owner: the survey's redemption table by structure (also in «Agorà — Report»). */
export function staffSurveyRedemption(): { rows: RedemptionRow[]; total: RedemptionRow } {
  return surveyRedemptionNow();
}

/** Web app (executes as the owner): the full-page web view (`?giorni=` opens a mail's days). */
export function doGet(
  event?: GoogleAppsScript.Events.DoGet,
): GoogleAppsScript.HTML.HtmlOutput | GoogleAppsScript.Content.TextOutput {
  return pageOutput(event?.parameter ?? {});
}

/** Web app (executes as the owner): operations requested by the add-on with the user's token. */
export function doPost(event: GoogleAppsScript.Events.DoPost): GoogleAppsScript.Content.TextOutput {
  return handlePost(event);
}

/** Web page: what the signed-in user may see, filtered and paged. */
export function pageOverview(query?: OverviewQuery): Overview {
  return overviewForPage(query ?? {});
}

/** Web page: the days a mail's link points at (`?giorni=<ids>`), as the caller may see them. */
export function pageDays(ids: string[]): SelectedDays {
  return daysForPage(ids);
}

/** Web page: request smart days (the same use case as the Form). */
export function pageRequest(request: AppRequestInput): RequestResultDto {
  return requestFromPage(request);
}

/** Web page: approve or reject one or many pending days. */
export function pageDecide(items: DecisionInput[]): ItemResultDto[] {
  return decideFromPage(items);
}

/** Web page: cancel one pending or approved day. */
export function pageCancel(item: { employee: string; date: string; reason?: string }): ItemResultDto {
  return cancelFromPage(item);
}

/** Add-on (as the employee): shows their approved days as working location on their own calendar. */
export function syncMyCalendar(): { created: number; deleted: number } {
  return syncMyCalendarNow();
}

/** Add-on homepage in Sheets, Gmail and Calendar. */
export function onHomepage(): GoogleAppsScript.Card_Service.Card {
  return homepage();
}

/** Add-on, Gmail: an open Agorà mail shows the days it is about. */
export function onGmailMessage(event: AddOnEvent): GoogleAppsScript.Card_Service.Card {
  return gmailMessage(event);
}

/** Add-on, Calendar: an open smart-working event shows its day. */
export function onCalendarEvent(event: AddOnEvent): GoogleAppsScript.Card_Service.Card {
  return calendarEvent(event);
}

/** Add-on universal action "Le mie giornate". */
export function onMyDaysAction(): GoogleAppsScript.Card_Service.UniversalActionResponse {
  return universalAction('month');
}

/** Add-on universal action "Da approvare". */
export function onToApproveAction(): GoogleAppsScript.Card_Service.UniversalActionResponse {
  return universalAction('pending');
}

/** Add-on universal action "Guida". */
export function onGuideAction(): GoogleAppsScript.Card_Service.UniversalActionResponse {
  return universalAction('guide');
}

/** Add-on: every card action (its `azione` parameter says which). */
export function onCardAction(event: AddOnEvent): GoogleAppsScript.Card_Service.ActionResponse {
  return cardAction(event);
}

/** Add-on's hourly trigger, as the employee who opted in: their working location stays in sync. */
export function onWorkingLocationTimer(): void {
  workingLocationTimer();
}
