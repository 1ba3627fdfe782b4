// Apps Script entry points, and nothing else: each is a one-line call into src/app or src/gas.
// esbuild.config.mjs turns every export of this file into a top-level function of dist/Code.js.
import { handleFormSubmit } from './gas/intake';
import { installMenu, setupWithProgress } from './gas/menu';
import type { SetupReport } from './gas/setup';

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
