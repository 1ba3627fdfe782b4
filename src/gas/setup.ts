// Setup (Smart working ▸ Configura): creates or repairs, idempotently, everything Agorà needs
// in a Workspace: the register's sheets (headers, dropdowns, formats, frozen header,
// protections), default configuration rows, the request Form, the shared calendar, the Drive
// root folder and the triggers. A second run only reads; after a deletion it repairs.
import { DEFAULT_POLICY, POLICY_LABELS } from '../domain/policy';
import { buildFormItems, FORM_TITLE, refreshLocationChoices } from './form';
import { ensureRows, RegisterError, SheetsRegister } from './register';
import { PROPERTY } from './properties';
import { findHandEdits } from '../app/reconcile';
import type { RegisterSnapshot, RowProblem } from '../app/ports';
import { normaliseHeader, SHEET_ORDER, SHEETS, type ColumnDef, type SheetKey } from './schema';

export const CALENDAR_NAME = 'Smart working';
export const DRIVE_ROOT_NAME = 'Agorà — Accordi di lavoro agile';
export const FORM_SUBMIT_HANDLER = 'onFormSubmit';
export const TIMER_HANDLER = 'onTimer';
export const EDIT_HANDLER = 'onRegisterEdit';
export const TIMER_MINUTES = 5;

export interface SetupReport {
  /** What was created or repaired, in Italian; empty when everything was in place. */
  changes: string[];
  problems: number;
}

const DATE_FORMAT = 'dd/MM/yyyy';
const DATETIME_FORMAT = 'dd/MM/yyyy HH:mm';
const TEXT_FORMAT = '@';

export function runSetup(progress: (message: string) => void): SetupReport {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) throw new RegisterError('Apri il foglio del registro e usa il menu Smart working ▸ Configura.');
  const changes: string[] = [];
  const props = PropertiesService.getScriptProperties();
  const owner = Session.getEffectiveUser().getEmail().toLowerCase();
  // The account that runs setup owns the register: decisions run with its authority.
  if (props.getProperty(PROPERTY.owner) !== owner) {
    props.setProperty(PROPERTY.owner, owner);
    changes.push(`Titolare del registro: ${owner}.`);
  }

  progress('Controllo dei fogli del registro…');
  for (const key of SHEET_ORDER) ensureSheet(ss, key, owner, changes);
  ensureConfigRows(ss, changes);

  const register = new SheetsRegister(ss);
  const snapshot = register.load();
  // HR (the admins) may edit the hand-kept sheets; nobody but the owner edits the code-owned ones.
  for (const key of SHEET_ORDER) ensureProtection(ss, key, owner, snapshot.admins, changes);

  progress('Controllo del modulo di richiesta…');
  let form = openForm(props.getProperty(PROPERTY.formId));
  if (!form) {
    form = FormApp.create(FORM_TITLE);
    buildFormItems(form, snapshot.sites);
    props.setProperty(PROPERTY.formId, form.getId());
    changes.push('Creato il modulo di richiesta.');
  } else if (refreshLocationChoices(form, snapshot.sites)) {
    changes.push('Aggiornate le sedi nel modulo di richiesta.');
  }
  if (!form.collectsEmail()) {
    form.setCollectEmail(true);
    changes.push('Il modulo ora raccoglie l\u2019email verificata.');
  }

  progress('Controllo del calendario condiviso…');
  const calendarId = props.getProperty(PROPERTY.calendarId);
  if (!calendarId || !CalendarApp.getCalendarById(calendarId)) {
    // A lost property must not make a second calendar: adopt the owner's existing one.
    const existing = CalendarApp.getOwnedCalendarsByName(CALENDAR_NAME)[0];
    const calendar =
      existing ?? CalendarApp.createCalendar(CALENDAR_NAME, { timeZone: 'Europe/Rome' } as never);
    props.setProperty(PROPERTY.calendarId, calendar.getId());
    // Every approved day must be compared with this calendar at the next periodic run.
    props.deleteProperty(PROPERTY.lastFullCalendarSync);
    changes.push(
      existing ? `Ritrovato il calendario «${CALENDAR_NAME}».` : `Creato il calendario «${CALENDAR_NAME}».`,
    );
  }

  progress('Controllo della cartella Drive…');
  const rootId = props.getProperty(PROPERTY.driveRootId);
  if (!rootId || !folderExists(rootId)) {
    const found = DriveApp.getRootFolder().getFoldersByName(DRIVE_ROOT_NAME);
    let folder: GoogleAppsScript.Drive.Folder | null = null;
    while (!folder && found.hasNext()) {
      const candidate = found.next();
      if (!candidate.isTrashed()) folder = candidate;
    }
    const adopted = folder !== null;
    folder ??= DriveApp.createFolder(DRIVE_ROOT_NAME);
    props.setProperty(PROPERTY.driveRootId, folder.getId());
    changes.push(
      adopted ? `Ritrovata la cartella «${DRIVE_ROOT_NAME}».` : `Creata la cartella «${DRIVE_ROOT_NAME}».`,
    );
  }

  progress('Controllo degli attivatori…');
  ensureTriggers(form.getId(), ss.getId(), changes);

  writeProblems(ss, registerProblems(register, snapshot));
  progress(
    changes.length ? `Configurazione completata: ${changes.length} modifiche.` : 'Tutto era già configurato.',
  );
  return { changes, problems: snapshot.problems.length };
}

/** Broken rows of the hand-kept sheets and hand edits of the days sheet. */
function registerProblems(register: SheetsRegister, snapshot: RegisterSnapshot): RowProblem[] {
  return [
    ...snapshot.problems,
    ...findHandEdits(snapshot.days, register.loadAudit(), SHEETS.days.name, (id) => register.rowOf(id)),
  ];
}

/** Smart working ▸ Controlla il registro: refreshes the Problemi sheet; returns how many. */
export function checkRegister(): number {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) throw new RegisterError('Apri il foglio del registro.');
  const register = new SheetsRegister(ss);
  const problems = registerProblems(register, register.load());
  writeProblems(ss, problems);
  ss.toast(
    problems.length
      ? `${problems.length} problemi: vedi il foglio «${SHEETS.problems.name}».`
      : 'Nessun problema nel registro.',
    'Smart working',
    5,
  );
  return problems.length;
}

function ensureSheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  key: SheetKey,
  _owner: string,
  changes: string[],
): void {
  const def = SHEETS[key];
  let sheet = ss.getSheetByName(def.name);
  if (!sheet) {
    sheet = ss.insertSheet(def.name);
    changes.push(`Creato il foglio «${def.name}».`);
  }
  const lastColumn = sheet.getLastColumn();
  const header = lastColumn ? sheet.getRange(1, 1, 1, lastColumn).getValues()[0] : [];
  const present = new Set(header.map(normaliseHeader));
  const missing = def.columns.filter((c) => !present.has(normaliseHeader(c.header)));
  if (missing.length) {
    // Missing columns are added at the end: HR's order and extra columns stay as they are.
    sheet.getRange(1, header.length + 1, 1, missing.length).setValues([missing.map((c) => c.header)]);
    sheet.getRange(1, 1, 1, header.length + missing.length).setFontWeight('bold');
    if (header.length)
      changes.push(
        `Aggiunte al foglio «${def.name}» le colonne: ${missing.map((c) => c.header).join(', ')}.`,
      );
  }
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
  const fullHeader = [...header, ...missing.map((c) => c.header)].map(normaliseHeader);
  const maxRows = sheet.getMaxRows();
  if (maxRows < 2) return;
  for (const column of def.columns as readonly ColumnDef[]) {
    const index = fullHeader.indexOf(normaliseHeader(column.header)) + 1;
    const range = sheet.getRange(2, index, maxRows - 1, 1);
    const format =
      column.kind === 'date'
        ? DATE_FORMAT
        : column.kind === 'datetime'
          ? DATETIME_FORMAT
          : column.kind === 'number'
            ? ''
            : TEXT_FORMAT;
    const top = sheet.getRange(2, index);
    if (format && top.getNumberFormat() !== format) range.setNumberFormat(format);
    if (column.kind === 'enum' && column.choices) {
      const current = top.getDataValidation();
      const values = current ? (current.getCriteriaValues()[0] as unknown) : null;
      const same =
        Array.isArray(values) &&
        values.length === column.choices.length &&
        values.every((v, i) => v === column.choices?.[i]);
      if (!same) {
        range.setDataValidation(
          SpreadsheetApp.newDataValidation()
            .requireValueInList([...column.choices], true)
            .setAllowInvalid(false)
            .build(),
        );
      }
    }
  }
}

function ensureConfigRows(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, changes: string[]): void {
  const sheet = ss.getSheetByName(SHEETS.config.name) as GoogleAppsScript.Spreadsheet.Sheet;
  const values = sheet.getDataRange().getValues();
  const header = values[0].map(normaliseHeader);
  const keyCol = header.indexOf(normaliseHeader(SHEETS.config.columns[0].header));
  const present = new Set(values.slice(1).map((r) => String(r[keyCol]).trim()));
  const defaults: [string, string | number, string][] = [
    ['maxDaysPerWeek', DEFAULT_POLICY.maxDaysPerWeek, POLICY_LABELS.maxDaysPerWeek],
    ['maxDaysPerMonth', DEFAULT_POLICY.maxDaysPerMonth, POLICY_LABELS.maxDaysPerMonth],
    ['noticeDays', DEFAULT_POLICY.noticeDays, POLICY_LABELS.noticeDays],
    ['safetyNoticeMaxDays', DEFAULT_POLICY.safetyNoticeMaxDays, POLICY_LABELS.safetyNoticeMaxDays],
    ['maxContactMinutes', DEFAULT_POLICY.maxContactMinutes, POLICY_LABELS.maxContactMinutes],
    ['maxTeamShare', DEFAULT_POLICY.maxTeamShare, POLICY_LABELS.maxTeamShare],
    ['disconnectionFrom', DEFAULT_POLICY.disconnection.from, 'inizio della disconnessione (HH:MM)'],
    ['disconnectionTo', DEFAULT_POLICY.disconnection.to, 'fine della disconnessione (HH:MM)'],
  ];
  const missing = defaults.filter(([k]) => !present.has(k));
  if (!missing.length) return;
  const width = values[0].length;
  const rows = missing.map(([k, v, d]) => {
    const row: (string | number)[] = new Array(width).fill('');
    row[keyCol] = k;
    row[header.indexOf(normaliseHeader(SHEETS.config.columns[1].header))] = String(v);
    row[header.indexOf(normaliseHeader(SHEETS.config.columns[2].header))] = d;
    return row;
  });
  sheet.getRange(values.length + 1, 1, rows.length, width).setValues(rows);
  changes.push(`Aggiunti in «${SHEETS.config.name}» i parametri: ${missing.map(([k]) => k).join(', ')}.`);
}

function ensureProtection(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  key: SheetKey,
  owner: string,
  admins: readonly string[],
  changes: string[],
): void {
  const def = SHEETS[key];
  const sheet = ss.getSheetByName(def.name) as GoogleAppsScript.Spreadsheet.Sheet;
  const wanted = new Set([owner, ...(def.codeOwned ? [] : admins)].map((e) => e.toLowerCase()));
  const existing = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
  const protection = existing ?? sheet.protect();
  const editors = new Set(protection.getEditors().map((u) => u.getEmail().toLowerCase()));
  const same = editors.size === wanted.size && [...wanted].every((e) => editors.has(e));
  if (existing && same && protection.getDescription() === def.description) return;
  protection.setDescription(def.description);
  const extra = [...editors].filter((e) => !wanted.has(e));
  if (extra.length) protection.removeEditors(extra);
  const lacking = [...wanted].filter((e) => !editors.has(e));
  if (lacking.length) protection.addEditors(lacking);
  changes.push(`Protetto il foglio «${def.name}».`);
}

function openForm(id: string | null): GoogleAppsScript.Forms.Form | null {
  if (!id) return null;
  try {
    return FormApp.openById(id);
  } catch {
    return null; // deleted or no longer reachable: setup makes a new one
  }
}

function folderExists(id: string): boolean {
  try {
    return !DriveApp.getFolderById(id).isTrashed();
  } catch {
    return false;
  }
}

function ensureTriggers(formId: string, spreadsheetId: string, changes: string[]): void {
  const triggers = ScriptApp.getProjectTriggers();
  const formTriggers = triggers.filter((t) => t.getHandlerFunction() === FORM_SUBMIT_HANDLER);
  const timers = triggers.filter((t) => t.getHandlerFunction() === TIMER_HANDLER);
  const edits = triggers.filter((t) => t.getHandlerFunction() === EDIT_HANDLER);
  const keepEdit = edits.find((t) => t.getTriggerSourceId() === spreadsheetId);
  for (const t of edits) if (t !== keepEdit) ScriptApp.deleteTrigger(t);
  if (!keepEdit) {
    ScriptApp.newTrigger(EDIT_HANDLER).forSpreadsheet(spreadsheetId).onEdit().create();
    changes.push('Creato l\u2019attivatore delle modifiche al registro (sedi nel modulo).');
  }
  // Keep one trigger of each kind, on the current form; remove duplicates and stale ones.
  const keepForm = formTriggers.find((t) => t.getTriggerSourceId() === formId);
  for (const t of formTriggers) if (t !== keepForm) ScriptApp.deleteTrigger(t);
  for (const t of timers.slice(1)) ScriptApp.deleteTrigger(t);
  if (!keepForm) {
    ScriptApp.newTrigger(FORM_SUBMIT_HANDLER).forForm(formId).onFormSubmit().create();
    changes.push('Creato l\u2019attivatore dell\u2019invio del modulo.');
  }
  if (!timers.length) {
    ScriptApp.newTrigger(TIMER_HANDLER).timeBased().everyMinutes(TIMER_MINUTES).create();
    changes.push('Creato l\u2019attivatore periodico (notifiche e lavori in sospeso).');
  }
}

/** Rewrites the Problemi sheet only when its content changes. */
function writeProblems(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  problems: { sheet: string; row: number; reason: string }[],
): void {
  const sheet = ss.getSheetByName(SHEETS.problems.name) as GoogleAppsScript.Spreadsheet.Sheet;
  const current = sheet.getDataRange().getValues();
  const wanted = [
    SHEETS.problems.columns.map((c) => c.header),
    ...problems.map((p) => [p.sheet, p.row, p.reason]),
  ];
  const same =
    current.length === wanted.length &&
    current.every((row, i) => row.length === wanted[i].length && row.every((v, j) => v === wanted[i][j]));
  if (same) return;
  ensureRows(sheet, wanted.length);
  if (current.length > 1)
    sheet.getRange(2, 1, current.length - 1, Math.max(current[0].length, 1)).clearContent();
  sheet.getRange(1, 1, wanted.length, 3).setValues(wanted);
}
