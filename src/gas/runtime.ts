// Ports on Apps Script services: the clock, the lock and the register recorded by setup.
import { toRomeLocal } from '../domain/rome-time';
import type { ClockPort, LockPort, Ports } from '../app/ports';
import { PROPERTY } from './properties';
import { SheetsRegister } from './register';
import { RegisterError } from './rows';

export { currentUser } from './owner';

const LOCK_WAIT_MS = 30_000;

export const gasClock: ClockPort = { now: () => toRomeLocal(Date.now()) };

/** The script lock: every write to the register happens while holding it. */
export const gasLock: LockPort = {
  withLock<T>(fn: () => T): T {
    const lock = LockService.getScriptLock();
    lock.waitLock(LOCK_WAIT_MS); // throws "Lock timeout" when another execution keeps it
    try {
      return fn();
    } finally {
      lock.releaseLock();
    }
  },
};

/**
 * The register spreadsheet setup created (or adopted), a file of the owner's: the project is
 * standalone, there is no active spreadsheet. Only the owner and HR can open it.
 */
export function registerSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const id = PropertiesService.getScriptProperties().getProperty(PROPERTY.spreadsheetId);
  if (!id)
    throw new RegisterError(
      'Registro non configurato: il servizio personale deve eseguire la configurazione.',
    );
  return SpreadsheetApp.openById(id);
}

export function gasPorts(): Ports {
  return {
    register: new SheetsRegister(registerSpreadsheet()),
    clock: gasClock,
    lock: gasLock,
  };
}
