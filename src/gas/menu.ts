// The "Smart working" menu of the register spreadsheet, and the setup run from it.
import { runSetup, type SetupReport } from './setup';

export function installMenu(): void {
  SpreadsheetApp.getUi()
    .createMenu('Smart working')
    .addItem('Approvazioni', 'openSidebar')
    .addSeparator()
    .addItem('Controlla il registro', 'checkRegister')
    .addItem('Configura', 'setup')
    .addToUi();
}

/** Setup with its progress shown as toasts in Sheets (and log lines when run locally). */
export function setupWithProgress(): SetupReport {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return runSetup((message) => {
    console.log(message);
    if (ss) ss.toast(message, 'Smart working', 5);
  });
}
