// Ports on Apps Script services: the clock, the lock and the register of this script.
import { toRomeLocal } from '../domain/rome-time';
import type { ClockPort, LockPort, Ports } from '../app/ports';
import { gasNotifier } from './mail';
import { PROPERTY } from './properties';
import { RegisterError, SheetsRegister } from './register';

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

/** The register spreadsheet: the container, or (in triggers without one) the one setup recorded. */
export function registerSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const active = SpreadsheetApp.getActiveSpreadsheet();
  if (active) {
    const props = PropertiesService.getScriptProperties();
    if (props.getProperty(PROPERTY.spreadsheetId) !== active.getId())
      props.setProperty(PROPERTY.spreadsheetId, active.getId());
    return active;
  }
  const id = PropertiesService.getScriptProperties().getProperty(PROPERTY.spreadsheetId);
  if (!id)
    throw new RegisterError('Registro non configurato: apri il foglio e usa Smart working ▸ Configura.');
  return SpreadsheetApp.openById(id);
}

export function gasPorts(): Ports {
  return {
    register: new SheetsRegister(registerSpreadsheet()),
    clock: gasClock,
    lock: gasLock,
    notifier: gasNotifier,
  };
}

/** The verified email of the user running this execution (never a value from a client). */
export function currentUser(): string {
  return Session.getActiveUser().getEmail().trim().toLowerCase();
}
