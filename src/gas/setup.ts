// Setup: creates or adopts, idempotently, everything Agorà keeps, as files of the owner: the
// register spreadsheet (sheets, headers, dropdowns, formats, frozen header, default
// configuration rows), the request Form, the shared calendar, the Drive root folder; then puts
// right every safety drift (sharing, protections, the Form's settings, triggers: safety.ts).
// A second run only reads; after a deletion or a hand change it repairs.
import { countIt, groupDigits } from '../domain/labels';
import { findHandEdits } from '../app/reconcile';
import { integrityProblems } from './integrity';
import { chainLines, GENESIS } from './chain';
import { nowLocal, sha256Hex, writeChainState } from './chain-state';
import type { RegisterSnapshot, RowProblem } from '../app/ports';
import { DATE_FORMAT, DATETIME_FORMAT, TEXT_FORMAT, userTextToCell, type Cell } from './cells';
import { buildFormItems, FORM_TITLE, refreshLocationChoices } from './form';
import { requireOwner, requireOwnerOrFirstSetup } from './owner';
import { PROPERTY } from './properties';
import { ensureAgreementTemplate } from './agreements';
import { ensureRows, sheetsApi, SheetsRegister } from './register';
import {
  blankRow,
  chainFromRows,
  columnsOf,
  CONFIG_PARAMETERS,
  configRow,
  configRowCode,
  upgradeAuditRow,
  upgradeConfigRow,
  upgradeDayRow,
  type Columns,
} from './rows';
import { registerSpreadsheet } from './runtime';
import { safetyFindings, TIME_ZONE, type Deployment } from './safety';
import { normaliseHeader, SHEET_ORDER, SHEETS, type ColumnDef, type SheetKey } from './schema';

export const REGISTER_NAME = 'Agorà — Registro lavoro agile';
export const CALENDAR_NAME = 'Smart working';
export const DRIVE_ROOT_NAME = 'Agorà — Accordi di lavoro agile';
/** The sheet name Problemi gives to findings about the deployment rather than a row. */
export const SAFETY_SHEET = 'Sicurezza';

export interface SetupReport {
  /** What was created or repaired, in Italian; empty when everything was in place. */
  changes: string[];
  problems: number;
}

const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';

/** Setup run by the owner (the editor): the first run fixes the owner. */
export function runSetup(progress: (message: string) => void): SetupReport {
  const { owner, first } = requireOwnerOrFirstSetup();
  return setupWorkspace(owner, first ? [`Titolare di Agorà: ${owner}.`] : [], progress);
}

/**
 * Setup itself, in an execution with the owner's rights: the owner's own run, or an HR
 * administrator's request to the owner's web app (authorized there).
 */
export function setupWorkspace(
  owner: string,
  changes: string[],
  progress: (message: string) => void,
): SetupReport {
  const props = PropertiesService.getScriptProperties();

  progress('Controllo del registro…');
  const ss = ensureRegister(props, owner, changes);
  const added = new Map<SheetKey, string[]>();
  for (const key of SHEET_ORDER) added.set(key, ensureSheet(ss, key, changes));
  ensureConfigRows(ss, changes);
  upgradeCodeColumns(ss, added, changes);
  if ((added.get('audit') ?? []).includes('hash')) sealPreviousLog(ss, changes);
  removeStrayDefaultSheet(ss, changes);
  trimColumns(ss, changes);

  const register = new SheetsRegister(ss);
  const snapshot = register.load();

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
  const formUrl = form.getPublishedUrl();
  if (props.getProperty(PROPERTY.formUrl) !== formUrl) props.setProperty(PROPERTY.formUrl, formUrl);

  progress('Controllo del calendario condiviso…');
  const calendarId = ensureCalendar(props, changes);

  progress('Controllo della cartella Drive…');
  const driveRootId = ensureDriveRoot(props, changes);
  ensureAgreementTemplate(changes);

  progress('Controllo di condivisioni, protezioni e attivatori…');
  const deployment: Deployment = {
    owner,
    admins: snapshot.admins,
    spreadsheet: ss,
    form,
    calendarId,
    driveRootId,
    settings: register.readSettings(),
  };
  for (const finding of safetyFindings(deployment)) changes.push(finding.repair());

  writeProblems(ss, registerProblems(register, snapshot, deployment));
  progress(
    changes.length ? `Configurazione completata: ${changes.length} modifiche.` : 'Tutto era già configurato.',
  );
  return { changes, problems: snapshot.problems.length };
}

/** The register recorded by setup, an adopted one of the owner's of the same name, or a new one. */
function ensureRegister(
  props: GoogleAppsScript.Properties.Properties,
  owner: string,
  changes: string[],
): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const id = props.getProperty(PROPERTY.spreadsheetId);
  if (id && fileUsable(id)) return SpreadsheetApp.openById(id);
  const found = DriveApp.getFilesByName(REGISTER_NAME);
  while (found.hasNext()) {
    const file = found.next();
    if (file.isTrashed() || file.getMimeType() !== SPREADSHEET_MIME) continue;
    if (file.getOwner().getEmail().toLowerCase() !== owner) continue;
    props.setProperty(PROPERTY.spreadsheetId, file.getId());
    changes.push(`Ritrovato il registro «${REGISTER_NAME}».`);
    return SpreadsheetApp.openById(file.getId());
  }
  const ss = SpreadsheetApp.create(REGISTER_NAME);
  ss.setSpreadsheetTimeZone(TIME_ZONE);
  props.setProperty(PROPERTY.spreadsheetId, ss.getId());
  changes.push(`Creato il registro «${REGISTER_NAME}».`);
  return ss;
}

function fileUsable(id: string): boolean {
  try {
    return !DriveApp.getFileById(id).isTrashed();
  } catch {
    return false; // deleted, or no longer reachable: setup adopts or makes another
  }
}

function ensureCalendar(props: GoogleAppsScript.Properties.Properties, changes: string[]): string {
  const calendarId = props.getProperty(PROPERTY.calendarId);
  if (calendarId && CalendarApp.getCalendarById(calendarId)) return calendarId;
  // A lost property must not make a second calendar: adopt the owner's existing one.
  const existing = CalendarApp.getOwnedCalendarsByName(CALENDAR_NAME)[0];
  const calendar = existing ?? CalendarApp.createCalendar(CALENDAR_NAME, { timeZone: TIME_ZONE } as never);
  props.setProperty(PROPERTY.calendarId, calendar.getId());
  // Every approved day must be compared with this calendar at the next periodic run.
  props.deleteProperty(PROPERTY.lastFullCalendarSync);
  changes.push(
    existing ? `Ritrovato il calendario «${CALENDAR_NAME}».` : `Creato il calendario «${CALENDAR_NAME}».`,
  );
  return calendar.getId();
}

function ensureDriveRoot(props: GoogleAppsScript.Properties.Properties, changes: string[]): string {
  const rootId = props.getProperty(PROPERTY.driveRootId);
  if (rootId && folderExists(rootId)) return rootId;
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
  return folder.getId();
}

/** Broken rows of the hand-kept sheets, hand edits of the days sheet, deployment drift. */
function registerProblems(
  register: SheetsRegister,
  snapshot: RegisterSnapshot,
  deployment: Deployment,
): RowProblem[] {
  const settingsProblems: RowProblem[] = [];
  register.readSettings(settingsProblems);
  const handEdits = findHandEdits(snapshot.days, register.loadAudit(), SHEETS.days.name, (id) =>
    register.rowOf(id),
  );
  return [
    ...snapshot.problems,
    ...settingsProblems,
    ...handEdits,
    // A day found edited by hand above is not listed twice.
    ...integrityProblems(register, snapshot).filter(
      (p) => p.sheet !== SHEETS.days.name || !handEdits.some((h) => h.sheet === p.sheet && h.row === p.row),
    ),
    ...safetyFindings(deployment).map((f) => ({ sheet: SAFETY_SHEET, row: 0, reason: f.problem })),
  ];
}

/**
 * The register check (owner only): refreshes the Problemi sheet with broken rows, hand edits and
 * every safety drift of the deployment, repairing nothing. Returns how many problems.
 */
export function checkRegister(): number {
  return checkRegisterFor(requireOwner('Controllo del registro'));
}

/** The register check, in an execution with the owner's rights (see setupWorkspace). */
export function checkRegisterFor(owner: string): number {
  const props = PropertiesService.getScriptProperties();
  const ss = registerSpreadsheet();
  const register = new SheetsRegister(ss);
  const snapshot = register.load();
  const form = openForm(props.getProperty(PROPERTY.formId));
  const calendarId = props.getProperty(PROPERTY.calendarId);
  const driveRootId = props.getProperty(PROPERTY.driveRootId);
  const missing: RowProblem[] = [];
  if (!form)
    missing.push({ sheet: SAFETY_SHEET, row: 0, reason: 'Il modulo di richiesta non c\u2019è più.' });
  if (!calendarId || !CalendarApp.getCalendarById(calendarId))
    missing.push({
      sheet: SAFETY_SHEET,
      row: 0,
      reason: `Il calendario «${CALENDAR_NAME}» non c\u2019è più.`,
    });
  if (!driveRootId || !folderExists(driveRootId))
    missing.push({
      sheet: SAFETY_SHEET,
      row: 0,
      reason: `La cartella «${DRIVE_ROOT_NAME}» non c\u2019è più.`,
    });
  const problems =
    form && !missing.length
      ? registerProblems(register, snapshot, {
          owner,
          admins: snapshot.admins,
          spreadsheet: ss,
          form,
          calendarId: calendarId as string,
          driveRootId: driveRootId as string,
          settings: register.readSettings(),
        })
      : [...snapshot.problems, ...missing];
  writeProblems(ss, problems);
  console.log(
    problems.length
      ? `${problems.length} problemi: vedi il foglio «${SHEETS.problems.name}».`
      : 'Nessun problema nel registro.',
  );
  return problems.length;
}

/** Creates or repairs a sheet; returns the keys of the columns it added to an existing header. */
function ensureSheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  key: SheetKey,
  changes: string[],
): string[] {
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
    // Sheets trimmed to their columns grow first (a range past the last column is refused).
    const maxColumns = sheet.getMaxColumns();
    if (header.length + missing.length > maxColumns)
      sheet.insertColumnsAfter(maxColumns, header.length + missing.length - maxColumns);
    sheet.getRange(1, header.length + 1, 1, missing.length).setValues([missing.map((c) => c.header)]);
    sheet.getRange(1, 1, 1, header.length + missing.length).setFontWeight('bold');
    if (header.length)
      changes.push(
        `Aggiunte al foglio «${def.name}» le colonne: ${missing.map((c) => c.header).join(', ')}.`,
      );
  }
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
  const fullHeader = [...header, ...missing.map((c) => c.header)].map(normaliseHeader);
  const added = header.length ? missing.map((c) => c.key) : [];
  const maxRows = sheet.getMaxRows();
  if (maxRows < 2) return added;
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
  return added;
}

/**
 * Empty columns past the last used one deleted from Agorà's sheets, in one atomic call: a new
 * sheet has 26 columns, and every empty cell counts against Google's limit of 10 million cells
 * per spreadsheet ("Files you can store in Google Drive": spreadsheets, up to 10 million cells).
 * Columns with anything in them, HR's own included, stay.
 */
function trimColumns(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, changes: string[]): void {
  const requests: GoogleAppsScript.Sheets.Schema.Request[] = [];
  let removed = 0;
  for (const key of SHEET_ORDER) {
    const sheet = ss.getSheetByName(SHEETS[key].name);
    if (!sheet) continue;
    const used = sheet.getLastColumn();
    const max = sheet.getMaxColumns();
    if (!used || used >= max) continue;
    requests.push({
      deleteDimension: {
        range: { sheetId: sheet.getSheetId(), dimension: 'COLUMNS', startIndex: used, endIndex: max },
      },
    });
    removed += (max - used) * sheet.getMaxRows();
  }
  if (!requests.length) return;
  sheetsApi().Spreadsheets.batchUpdate({ requests }, ss.getId());
  SpreadsheetApp.flush(); // what follows in this execution reads the trimmed sheets
  changes.push(`Tolte le colonne vuote dei fogli: ${groupDigits(removed)} celle in meno.`);
}

/** A new spreadsheet's first sheet ("Foglio1"), left empty once Agorà's sheets exist. */
function removeStrayDefaultSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, changes: string[]): void {
  const ours = new Set<string>(SHEET_ORDER.map((k) => SHEETS[k].name));
  for (const sheet of ss.getSheets()) {
    if (ours.has(sheet.getName()) || !/^(Foglio|Sheet)\d+$/.test(sheet.getName())) continue;
    if (sheet.getLastRow() > 0 || sheet.getLastColumn() > 0) continue;
    const name = sheet.getName();
    ss.deleteSheet(sheet);
    changes.push(`Tolto il foglio vuoto «${name}».`);
  }
}

/**
 * Configurazione: every parameter has its row (a missing one is added with its default), and a
 * row without «Codice» gets it from «Parametro», which in a register made by the previous version
 * held the code and now shows the Italian name (rows.ts upgradeConfigRow).
 */
function ensureConfigRows(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, changes: string[]): void {
  const sheet = ss.getSheetByName(SHEETS.config.name) as GoogleAppsScript.Spreadsheet.Sheet;
  const values = sheet.getDataRange().getValues() as Cell[][];
  const col = columnsOf('config', values[0]);
  const upgraded = values.map((row, i) => (i === 0 ? null : upgradeConfigRow(col, row)));
  const updated = writeChangedCells(sheet, values, upgraded);
  if (updated)
    changes.push(
      `Aggiornati in «${SHEETS.config.name}» nome, codice e descrizione di ${countIt(updated, 'parametro', 'parametri')}.`,
    );
  const present = new Set(values.slice(1).map((row, i) => configRowCode(col, upgraded[i + 1] ?? row)));
  const missing = CONFIG_PARAMETERS.filter((p) => !present.has(p.code));
  if (!missing.length) return;
  const base = blankRow(values[0].length);
  const rows = missing.map((p) =>
    configRow(col, p, base).map((v) => (typeof v === 'string' ? userTextToCell(v) : v)),
  );
  ensureRows(sheet, values.length + rows.length);
  sheet.getRange(values.length + 1, 1, rows.length, base.length).setValues(rows);
  changes.push(`Aggiunti in «${SHEETS.config.name}» i parametri: ${missing.map((p) => p.name).join(', ')}.`);
}

/**
 * A register made by the previous version kept the stable ids in the columns people read
 * (Giornate: «Luogo», «Regole»; Registro modifiche: «Azione», «Data» as text). Once ensureSheet
 * has added the code columns, each row gets its codes from those values and the visible columns
 * turn Italian (rows.ts upgradeDayRow, upgradeAuditRow); nothing else is written. Reading does
 * not depend on it: a row without its code is read from the visible column.
 */
function upgradeCodeColumns(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  added: ReadonlyMap<SheetKey, readonly string[]>,
  changes: string[],
): void {
  const upgrade = (key: SheetKey, row: (col: Columns, values: Cell[]) => Cell[] | null) => {
    const sheet = ss.getSheetByName(SHEETS[key].name) as GoogleAppsScript.Spreadsheet.Sheet;
    const values = sheet.getDataRange().getValues() as Cell[][];
    const col = columnsOf(key, values[0] ?? []);
    const n = writeChangedCells(
      sheet,
      values,
      values.map((r, i) => (i === 0 ? null : row(col, r))),
    );
    if (n)
      changes.push(
        `Portate al nuovo formato ${countIt(n, 'riga', 'righe')} del foglio «${SHEETS[key].name}».`,
      );
  };
  const days = added.get('days') ?? [];
  if (days.includes('locationCode') || days.includes('ruleCodes')) {
    const sites = new SheetsRegister(ss).loadSites();
    upgrade('days', (col, row) => upgradeDayRow(col, row, sites));
  }
  if ((added.get('audit') ?? []).includes('actionCode')) upgrade('audit', upgradeAuditRow);
}

/**
 * The change log of a register made before the chain: its lines are taken as they are and
 * fingerprinted once, each day's last line with the day as it is now; from here on every line
 * is chained to the one before (chain.ts). Done only in the setup run that adds the columns.
 */
function sealPreviousLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, changes: string[]): void {
  const register = new SheetsRegister(ss);
  const days = new Map(register.load().days.map((d) => [d.id, d]));
  const sheet = ss.getSheetByName(SHEETS.audit.name) as GoogleAppsScript.Spreadsheet.Sheet;
  const values = sheet.getDataRange().getValues() as Cell[][];
  const lines = chainFromRows(values);
  if (!lines.length) return;
  const last = new Map<string, number>();
  lines.forEach((l, i) => last.set(l.entry.dayId, i));
  const { fingerprints, head } = chainLines(
    GENESIS,
    lines.map((l, i) => ({
      entry: l.entry,
      day: last.get(l.entry.dayId) === i ? days.get(l.entry.dayId) : undefined,
    })),
    sha256Hex,
  );
  const col = columnsOf('audit', values[0] ?? []);
  const after = values.map((row, i) => {
    if (i === 0) return null;
    const index = lines.findIndex((l) => l.row === i + 1);
    if (index < 0) return null;
    const out = row.slice();
    out[col.dayDigest] = fingerprints[index].dayDigest;
    out[col.hash] = fingerprints[index].hash;
    return out;
  });
  writeChangedCells(sheet, values, after);
  writeChainState({ head, lines: lines.length, start: GENESIS, at: nowLocal() });
  changes.push(
    `Calcolate le impronte di ${countIt(lines.length, 'riga', 'righe')} del foglio «${SHEETS.audit.name}»: da qui in poi ogni riga è concatenata alla precedente.`,
  );
}

/**
 * Writes the cells of `after` (null: the row is unchanged) that differ from `before`, one
 * setValues per run of consecutive changed cells of a column: nothing else of the sheet is
 * rewritten (HR's formulas stay formulas). Returns how many rows changed.
 */
function writeChangedCells(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  before: readonly Cell[][],
  after: readonly (Cell[] | null)[],
): number {
  // Dates from the Sheets service come from another realm: compare them by tag and time.
  const isDate = (v: Cell): v is Date => Object.prototype.toString.call(v) === '[object Date]';
  const same = (a: Cell, b: Cell) => (isDate(a) && isDate(b) ? a.getTime() === b.getTime() : a === b);
  const width = Math.max(0, ...after.map((r) => r?.length ?? 0));
  let rows = 0;
  after.forEach((r) => (rows += r ? 1 : 0));
  for (let c = 0; c < width; c++) {
    let run: Cell[] = [];
    let first = -1;
    const flush = () => {
      if (run.length) sheet.getRange(first + 1, c + 1, run.length, 1).setValues(run.map((v) => [v]));
      run = [];
    };
    for (let r = 0; r <= after.length; r++) {
      const row = after[r];
      const changed = !!row && !same(row[c] ?? '', before[r]?.[c] ?? '');
      if (!changed) {
        flush();
        continue;
      }
      if (!run.length) first = r;
      const value = (row as Cell[])[c] ?? '';
      run.push(typeof value === 'string' ? userTextToCell(value) : value);
    }
  }
  return rows;
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

/** Rewrites the Problemi sheet only when its content changes. */
function writeProblems(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, problems: RowProblem[]): void {
  const sheet = ss.getSheetByName(SHEETS.problems.name) as GoogleAppsScript.Spreadsheet.Sheet;
  const current = sheet.getDataRange().getValues();
  const wanted = [
    SHEETS.problems.columns.map((c) => c.header),
    ...problems.map((p) => [p.sheet, p.row || '', p.reason]),
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
