// The register: the only code that reads and writes the spreadsheet's data sheets.
// One batched read per sheet an operation needs, one batched write per sheet it changes.
// What the cells mean (rows ⇄ records, broken rows as problems) is rows.ts, pure; this is the I/O.
import { addDays, type IsoDate } from '../domain/dates';
import { fromRomeLocal } from '../domain/rome-time';
import { normaliseEmail, type Site } from '../domain/model';
import type { AuditEntry, DayRecord, RegisterPort, RegisterSnapshot, RowProblem } from '../app/ports';
import { cellToText, type Cell } from './cells';
import {
  auditFromRows,
  auditRow,
  blankRow,
  columnsOf,
  dayRow,
  LOADED_SHEETS,
  placeNames,
  RegisterError,
  settingsFromRows,
  sitesFromRows,
  snapshotFromSheets,
  type Columns,
  type DeploymentSettings,
  type LoadedSheet,
  type PlaceNames,
} from './rows';
import { NO, SHEETS, YES, type SheetKey } from './schema';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

interface Table {
  sheet: Sheet;
  /** All values, header row included. */
  values: Cell[][];
  /** Column index (0-based) of each known key; -1 when the column is absent. */
  col: Columns;
}

export class SheetsRegister implements RegisterPort {
  private readonly tables = new Map<SheetKey, Table>();
  /** The change log's header row, read with the other sheets (null: not read yet). */
  private auditHeader: Cell[] | null = null;
  /** Sheet row (1-based) of each day id, from the last read of Giornate. */
  private rowOfDay = new Map<string, number>();
  /** Site names of the Sedi values last read, for «Luogo». */
  private placesOf: { values: Cell[][]; names: PlaceNames } | null = null;

  constructor(private readonly spreadsheet: Spreadsheet) {}

  load(): RegisterSnapshot {
    this.prefetch();
    const values = {} as Record<LoadedSheet, Cell[][]>;
    for (const key of LOADED_SHEETS) values[key] = this.table(key).values;
    const { snapshot, rowOfDay } = snapshotFromSheets(values);
    this.rowOfDay = rowOfDay;
    return snapshot;
  }

  appendDays(days: DayRecord[]): void {
    if (!days.length) return;
    const table = this.table('days');
    const first = table.values.length + 1;
    const places = this.places();
    const base = blankRow(table.values[0]?.length ?? 0);
    const rows = days.map((d) => dayRow(table.col, d, places, base));
    ensureRows(table.sheet, first + rows.length - 1);
    table.sheet.getRange(first, 1, rows.length, rows[0].length).setValues(rows);
    days.forEach((d, i) => this.rowOfDay.set(d.id, first + i));
    table.values.push(...rows);
  }

  updateDays(days: DayRecord[]): void {
    if (!days.length) return;
    const table = this.table('days');
    const rowsNumbers = days.map((d) => {
      const row = this.rowOfDay.get(d.id);
      if (row === undefined)
        throw new RegisterError(`Giornata ${d.id} non trovata nel foglio «${SHEETS.days.name}».`);
      return row;
    });
    const places = this.places();
    for (let i = 0; i < days.length; i++) {
      const r = rowsNumbers[i] - 1;
      table.values[r] = dayRow(table.col, days[i], places, table.values[r]);
    }
    // One write per contiguous group of Agorà's own columns, over the rows from the first to
    // the last changed one: HR's own columns (which may hold formulas) are never rewritten.
    const ours = new Set(Object.values(table.col).filter((c) => c >= 0));
    const mutable = ['status', 'decidedBy', 'decidedAt', 'reason', 'calendarEventId'].map(
      (k) => table.col[k],
    );
    const r0 = Math.min(...rowsNumbers);
    const r1 = Math.max(...rowsNumbers);
    for (const [c0, c1] of columnGroups(Math.min(...mutable), Math.max(...mutable), ours)) {
      const block = table.values.slice(r0 - 1, r1).map((row) => row.slice(c0, c1 + 1));
      table.sheet.getRange(r0, c0 + 1, block.length, c1 - c0 + 1).setValues(block);
    }
  }

  /** Only the shared sites (one read of Sedi): for the Form's choices and reading a response. */
  loadSites(): Site[] {
    // Only Sedi: the other sheets must be read under the lock by the operation that follows.
    this.prefetch(['sites']);
    return sitesFromRows(this.table('sites').values).sites;
  }

  /** The sheet row of a day read by the last load (0 when unknown). */
  rowOf(dayId: string): number {
    return this.rowOfDay.get(dayId) ?? 0;
  }

  setEventIds(entries: { dayId: string; eventId: string }[]): void {
    if (!entries.length) return;
    const fresh = this.freshIdAndEventColumns();
    if (!fresh) this.tables.delete('days'); // a fresh read: called under the lock, outside the operation's snapshot
    const table = fresh ?? this.table('days');
    const idCol = table.col.id;
    const eventCol = table.col.calendarEventId;
    if (eventCol < 0)
      throw new RegisterError(`Nel foglio «${SHEETS.days.name}» manca la colonna «Evento calendario».`);
    const rowById = new Map<string, number>();
    table.values.forEach((row, i) => {
      if (i > 0) rowById.set(cellToText(row[idCol]), i);
    });
    const touched: number[] = [];
    for (const { dayId, eventId } of entries) {
      const i = rowById.get(dayId);
      if (i === undefined) continue; // the row vanished (hand edit): reconciliation reports it
      table.values[i][eventCol] = eventId;
      touched.push(i);
    }
    if (!touched.length) return;
    const r0 = Math.min(...touched);
    const r1 = Math.max(...touched);
    const column = table.values.slice(r0, r1 + 1).map((row) => [row[eventCol]]);
    table.sheet.getRange(r0 + 1, eventCol + 1, column.length, 1).setValues(column);
  }

  /**
   * The header, ID and event columns of Giornate read now (one Sheets API call), as a table whose
   * other cells are blank; null when the API is off, nothing was read before, or the columns moved.
   */
  private freshIdAndEventColumns(): Table | null {
    const cached = this.tables.get('days');
    if (!cached || typeof Sheets === 'undefined' || !Sheets?.Spreadsheets?.Values) return null;
    const { id, calendarEventId } = cached.col;
    if (id < 0 || calendarEventId < 0) return null;
    const name = quoted(SHEETS.days.name);
    const column = (c: number) => `${name}!${columnLetter(c + 1)}:${columnLetter(c + 1)}`;
    const got =
      Sheets.Spreadsheets.Values.batchGet(this.spreadsheet.getId(), {
        ranges: [`${name}!1:1`, column(id), column(calendarEventId)],
        valueRenderOption: 'UNFORMATTED_VALUE',
      }).valueRanges ?? [];
    const header = (got[0]?.values?.[0] ?? []) as Cell[];
    const col = columnsOf('days', header);
    if (col.id !== id || col.calendarEventId !== calendarEventId) return null;
    const ids = (got[1]?.values ?? []) as Cell[][];
    const events = (got[2]?.values ?? []) as Cell[][];
    const values: Cell[][] = [];
    for (let r = 0; r < Math.max(ids.length, events.length); r++) {
      const row: Cell[] = new Array(header.length).fill('');
      row[id] = ids[r]?.[0] ?? '';
      row[calendarEventId] = events[r]?.[0] ?? '';
      values.push(row);
    }
    return { sheet: cached.sheet, values, col };
  }

  loadAudit(): AuditEntry[] {
    return auditFromRows(this.table('audit').values);
  }

  appendAudit(entries: AuditEntry[]): void {
    if (!entries.length) return;
    const sheet = this.sheet('audit');
    const header =
      this.auditHeader ?? sheet.getRange(1, 1, 1, Math.max(sheet.getLastColumn(), 1)).getValues()[0];
    const col = columnsOf('audit', header);
    const base = blankRow(header.length);
    const rows = entries.map((e) => auditRow(col, e, base));
    const first = sheet.getLastRow() + 1;
    ensureRows(sheet, first + rows.length - 1);
    sheet.getRange(first, 1, rows.length, base.length).setValues(rows);
  }

  // ---- reading -------------------------------------------------------------------------

  /**
   * Reads every sheet load() needs that is not read yet, and the change log's header row, in ONE
   * call of the Sheets API (advanced service). Values come unformatted, dates as serial numbers
   * (days since 1899-12-30, wall clock of the spreadsheet's zone), trimmed of empty trailing
   * rows and cells: rows are padded to the header's width and date columns turned into Dates,
   * so everything after this reads the tables as getDataRange().getValues() gave them.
   */
  private prefetch(wanted: readonly SheetKey[] = LOADED_SHEETS): void {
    const keys = wanted.filter((k) => !this.tables.has(k));
    if (!keys.length || typeof Sheets === 'undefined' || !Sheets?.Spreadsheets?.Values) return;
    const withAudit = this.auditHeader === null && wanted === LOADED_SHEETS;
    const ranges = [
      ...keys.map((k) => quoted(SHEETS[k].name)),
      ...(withAudit ? [`${quoted(SHEETS.audit.name)}!1:1`] : []),
    ];
    const response = Sheets.Spreadsheets.Values.batchGet(this.spreadsheet.getId(), {
      ranges,
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'SERIAL_NUMBER',
    });
    const got = response.valueRanges ?? [];
    keys.forEach((key, i) => {
      const values = ((got[i]?.values ?? []) as Cell[][]).map((row) => row.slice());
      const width = Math.max(1, values[0]?.length ?? 0);
      const col = columnsOf(key, values[0] ?? []);
      const dateCols = (SHEETS[key].columns as readonly { key: string; kind: string }[])
        .filter((c) => (c.kind === 'date' || c.kind === 'datetime') && col[c.key] >= 0)
        .map((c) => col[c.key]);
      for (let r = 0; r < values.length; r++) {
        const row = values[r];
        while (row.length < width) row.push('');
        if (r === 0) continue;
        for (const c of dateCols) if (typeof row[c] === 'number') row[c] = serialToDate(row[c] as number);
      }
      this.tables.set(key, { sheet: this.sheet(key), values, col });
    });
    if (withAudit) this.auditHeader = (got[keys.length]?.values?.[0] as Cell[] | undefined) ?? null;
  }

  private sheet(key: SheetKey): Sheet {
    const sheet = this.spreadsheet.getSheetByName(SHEETS[key].name);
    if (!sheet) {
      throw new RegisterError(
        `Manca il foglio «${SHEETS[key].name}»: esegui Smart working ▸ Configura per ripararlo.`,
      );
    }
    return sheet;
  }

  setWorkingLocationOptIn(email: string, on: boolean): void {
    const table = this.table('employees');
    const { email: emailCol, workingLocationOptIn: col } = table.col;
    if (col < 0)
      throw new RegisterError(
        `Nel foglio «${SHEETS.employees.name}» manca la colonna della sede nel calendario.`,
      );
    const r = table.values.findIndex((row, i) => i > 0 && normaliseEmail(row[emailCol]) === email);
    if (r < 0) throw new RegisterError(`${email} non è nel foglio «${SHEETS.employees.name}».`);
    const value = on ? YES : NO;
    table.sheet.getRange(r + 1, col + 1).setValue(value);
    table.values[r][col] = value;
  }

  private table(key: SheetKey): Table {
    const cached = this.tables.get(key);
    if (cached) return cached;
    const sheet = this.sheet(key);
    const values = sheet.getDataRange().getValues() as Cell[][];
    const col = columnsOf(key, values[0] ?? []);
    const table = { sheet, values, col };
    this.tables.set(key, table);
    return table;
  }

  /**
   * The deployment settings HR keeps in Configurazione beside the rules' parameters (see
   * DEPLOYMENT_SETTINGS), each with its default when the row is missing or its value unknown.
   */
  readSettings(problems: RowProblem[] = []): DeploymentSettings {
    const read = settingsFromRows(this.table('config').values);
    problems.push(...read.problems);
    return read.settings;
  }

  /** Site id → name for «Luogo», from the Sedi read by this operation (read now if it was not). */
  private places(): PlaceNames {
    const values = this.table('sites').values;
    if (this.placesOf?.values !== values)
      this.placesOf = { values, names: placeNames(sitesFromRows(values).sites) };
    return this.placesOf.names;
  }
}

/** Rows added at a time when a sheet is full: growing by one row per write would cost a call each time. */
export const GROWTH_ROWS = 500;

/** Makes sure the sheet has row `lastRow` (Sheets refuses ranges beyond its last row). */
export function ensureRows(sheet: Sheet, lastRow: number): void {
  const max = sheet.getMaxRows();
  // Inserted rows take the formats and dropdowns of the row above, as in Sheets.
  if (lastRow > max) sheet.insertRowsAfter(max, lastRow - max + GROWTH_ROWS);
}

/** Runs of consecutive columns in [from, to] that belong to `ours`, as [first, last] pairs. */
function columnGroups(from: number, to: number, ours: ReadonlySet<number>): [number, number][] {
  const groups: [number, number][] = [];
  for (let c = from; c <= to; c++) {
    if (!ours.has(c)) continue;
    const last = groups[groups.length - 1];
    if (last && last[1] === c - 1) last[1] = c;
    else groups.push([c, c]);
  }
  return groups;
}

function quoted(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function columnLetter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A Sheets serial number (days since 1899-12-30, wall clock in Europe/Rome) as a Date. */
function serialToDate(serial: number): Date {
  let days = Math.floor(serial);
  let minutes = Math.round((serial - days) * 1440);
  if (minutes >= 1440) {
    days += 1;
    minutes -= 1440;
  }
  return new Date(fromRomeLocal({ date: addDays('1899-12-30' as IsoDate, days), minutes }));
}

// The pure row functions live in rows.ts; these stay importable from here for dev/bench.
export { columnsOf, formatViolations } from './rows';
