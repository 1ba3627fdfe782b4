// Apps Script entry points, and nothing else: each is a one-line call into src/app or src/gas.
// esbuild.config.mjs turns every export of this file into a top-level function of dist/Code.js.
import type { DecisionInput } from './app/decisions';
import type { SidebarDto } from './app/sidebar';
import { handleFormSubmit } from './gas/intake';
import { flushMailQueue } from './gas/mail';
import { installMenu, setupWithProgress } from './gas/menu';
import type { SetupReport } from './gas/setup';
import {
  cancelFromSidebar,
  decideFromSidebar,
  loadSidebar,
  showSidebar,
  type ItemResultDto,
} from './gas/sidebar';

/** Simple trigger: adds the Smart working menu to the register. */
export function onOpen(): void {
  installMenu();
}

/** Menu Smart working ▸ Configura (also callable as a function): creates or repairs everything. */
export function setup(): SetupReport {
  return setupWithProgress();
}

/** Installable trigger on the request Form. */
export function onFormSubmit(event: GoogleAppsScript.Events.FormsOnFormSubmit): void {
  handleFormSubmit(event);
}

/** Periodic trigger: mail queued during the disconnection period. */
export function onTimer(): void {
  flushMailQueue();
}

/** Menu Smart working ▸ Approvazioni. */
export function openSidebar(): void {
  showSidebar();
}

/** Sidebar: what the signed-in user may see. */
export function sidebarLoad(month?: string): SidebarDto {
  return loadSidebar(month);
}

/** Sidebar: approve or reject one or many pending days. */
export function sidebarDecide(items: DecisionInput[]): ItemResultDto[] {
  return decideFromSidebar(items);
}

/** Sidebar (or a page): cancel one pending or approved day. */
export function sidebarCancel(item: { employee: string; date: string; reason?: string }): ItemResultDto {
  return cancelFromSidebar(item);
}
