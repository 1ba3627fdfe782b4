// Apps Script entry points, and nothing else: each is a one-line call into src/app or src/gas.
// esbuild.config.mjs turns every export of this file into a top-level function of dist/Code.js.
import type { DecisionInput } from './app/decisions';
import type { SidebarDto } from './app/sidebar';
import { handleFormSubmit, handleRegisterEdit } from './gas/intake';
import { runTimer } from './gas/jobs';
import { installMenu, setupWithProgress } from './gas/menu';
import { syncMyCalendarNow } from './gas/own-calendar';
import { checkRegister as checkRegisterNow, type SetupReport } from './gas/setup';
import {
  cancelFromSidebar,
  decideFromSidebar,
  loadSidebar,
  showSidebar,
  sidebarOutput,
  type ItemResultDto,
} from './gas/sidebar';
import { handlePost } from './gas/webapp';

/** Simple trigger: adds the Smart working menu to the register. */
export function onOpen(): void {
  installMenu();
}

/** Menu Smart working ▸ Configura (also callable as a function): creates or repairs everything. */
export function setup(): SetupReport {
  return setupWithProgress();
}

/** Menu Smart working ▸ Controlla il registro: lists broken rows and hand edits in Problemi. */
export function checkRegister(): number {
  return checkRegisterNow();
}

/** Installable trigger on the request Form. */
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

/** Menu Smart working ▸ Approvazioni. */
export function openSidebar(): void {
  showSidebar();
}

/** Web app (executes as the owner): the employee's page, the same UI as the sidebar. */
export function doGet(): GoogleAppsScript.HTML.HtmlOutput {
  return sidebarOutput();
}

/** Web app (executes as the owner): operations forwarded by sidebars running as managers. */
export function doPost(event: GoogleAppsScript.Events.DoPost): GoogleAppsScript.Content.TextOutput {
  return handlePost(event);
}

/** Sidebar: what the signed-in user may see. */
export function sidebarLoad(month?: string): SidebarDto {
  return loadSidebar(month);
}

/** Sidebar: approve or reject one or many pending days. */
export function sidebarDecide(items: DecisionInput[]): ItemResultDto[] {
  return decideFromSidebar(items);
}

/** Sidebar or page: cancel one pending or approved day. */
export function sidebarCancel(item: { employee: string; date: string; reason?: string }): ItemResultDto {
  return cancelFromSidebar(item);
}

/** Runs as the employee: shows their approved days as working location on their own calendar. */
export function syncMyCalendar(): { created: number; deleted: number } {
  return syncMyCalendarNow();
}
