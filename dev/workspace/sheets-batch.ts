// Sheets.Spreadsheets.batchUpdate of the advanced Sheets service (v4), for the requests Agorà
// sends: appendCells, updateCells, deleteDimension and appendDimension.
//
// Google's reference (spreadsheets.batchUpdate): "Each request is validated before being
// applied. If any request is not valid then the entire request will fail and nothing will be
// applied. [...] it is guaranteed that the updates in the request will be applied together
// atomically." So here: every request is applied to a copy of the sheets, and the copy replaces
// them only when all succeeded. The request runs with the effective user's rights (edit access
// to the file, protections for anyone but the owner) and the workbook's 10 million cell limit.
//
// - AppendCellsRequest: "Adds new cells after the last row with data in a sheet, inserting new
//   rows into the sheet if necessary."
// - UpdateCellsRequest: writes `rows` from `start` (a GridCoordinate); the cells must lie inside
//   the grid. `fields` says what of each CellData is written ("userEnteredValue",
//   "userEnteredFormat.numberFormat", or "*"): a listed field a cell does not carry is cleared.
// - DeleteDimensionRequest: removes rows or columns [startIndex, endIndex), 0-based; deleting
//   every row that is not frozen is refused, as Sheets refuses it.
// - AppendDimensionRequest: adds `length` rows or columns at the end.
// CellData.userEnteredValue: stringValue is kept as text as it is (never read as a formula or a
// number: that is the API's difference from Range.setValues); numberValue with a DATE,
// DATE_TIME or TIME numberFormat is a date (serial days since 1899-12-30 on the wall clock of
// the spreadsheet's time zone), read back by getValues as a Date.
// Errors read as Apps Script reports an advanced service's: "API call to
// sheets.spreadsheets.batchUpdate failed with error: ...".
import type { Workspace } from './core';
import {
  gridsOf,
  MAX_CELLS,
  PROTECTED_MESSAGE,
  type Grid,
  type Rect,
  type SheetData,
  type SpreadsheetFile,
  type StoredValue,
} from './spreadsheet';
import { zonedToEpoch } from './utilities';

export interface CellData {
  userEnteredValue?: { stringValue?: string; numberValue?: number; boolValue?: boolean };
  userEnteredFormat?: { numberFormat?: { type?: string; pattern?: string } };
}
interface RowData {
  values?: CellData[];
}
interface GridCoordinate {
  sheetId?: number;
  rowIndex?: number;
  columnIndex?: number;
}
interface DimensionRange {
  sheetId?: number;
  dimension?: 'ROWS' | 'COLUMNS';
  startIndex?: number;
  endIndex?: number;
}
export interface BatchRequest {
  appendCells?: { sheetId?: number; rows?: RowData[]; fields?: string };
  updateCells?: { start?: GridCoordinate; rows?: RowData[]; fields?: string };
  deleteDimension?: { range?: DimensionRange };
  appendDimension?: { sheetId?: number; dimension?: 'ROWS' | 'COLUMNS'; length?: number };
}

/** What the batch needs from the spreadsheet fake: rights are checked there. */
export interface BatchTarget {
  file: SpreadsheetFile;
  /** Throws Google's message unless the effective user may change the file at all. */
  assertFileEditable(): void;
  /** Whether the effective user may change `rect` of `sheet` (protections). */
  mayEdit(sheet: SheetData, rect: Rect): boolean;
}

const DATE_TYPES = new Set(['DATE', 'DATE_TIME', 'TIME']);
const DAY_MS = 86_400_000;

export function applyBatchUpdate(
  ws: Workspace,
  target: BatchTarget,
  requests: readonly BatchRequest[],
): { replies: object[] } {
  const fail = (message: string) =>
    ws.error(`API call to sheets.spreadsheets.batchUpdate failed with error: ${message}`);
  target.assertFileEditable();
  const { file } = target;
  // The copy the requests change; the file's own sheet objects take its content at the end.
  const copies = new Map<number, SheetData>(file.sheets.map((s) => [s.sheetId, structuredClone(s)]));
  const sheetOf = (id: number | undefined, where: string): SheetData => {
    const sheet = id === undefined ? undefined : copies.get(id);
    if (!sheet) throw fail(`Invalid ${where}: No grid with id: ${id}`);
    return sheet;
  };
  // Protections move with the rows and columns earlier requests of the batch deleted: they are
  // checked as they stand at each request, and kept only if the whole batch succeeds.
  const protections = structuredClone(file.protections);
  const guard = (sheet: SheetData, rect: Rect) => {
    const original = file.sheets.find((s) => s.sheetId === sheet.sheetId);
    const saved = file.protections;
    file.protections = protections;
    try {
      if (original && !target.mayEdit(original, rect)) throw fail(PROTECTED_MESSAGE);
    } finally {
      file.protections = saved;
    }
  };
  const replies: object[] = [];
  requests.forEach((request, i) => {
    const where = (kind: string) => `requests[${i}].${kind}`;
    if (request.appendCells) {
      const { sheetId, rows = [], fields } = request.appendCells;
      const sheet = sheetOf(sheetId, where('appendCells'));
      const first = lastRowWithData(sheet) + 1;
      const width = rows.reduce((w, r) => Math.max(w, r.values?.length ?? 0), 0);
      if (width > sheet.maxColumns)
        throw fail(
          `Invalid ${where('appendCells')}: GridCoordinate.columnIndex[${width - 1}] is after last column in grid[${sheet.maxColumns - 1}]`,
        );
      if (rows.length)
        guard(sheet, { row: first, column: 1, numRows: rows.length, numColumns: Math.max(width, 1) });
      const needed = first + rows.length - 1;
      if (needed > sheet.maxRows) sheet.maxRows = needed;
      writeRows(sheet, file, first, 1, rows, parseFields(fields, fail, where('appendCells')));
    } else if (request.updateCells) {
      const { start, rows = [], fields } = request.updateCells;
      const sheet = sheetOf(start?.sheetId, where('updateCells'));
      const row = (start?.rowIndex ?? 0) + 1;
      const column = (start?.columnIndex ?? 0) + 1;
      const width = rows.reduce((w, r) => Math.max(w, r.values?.length ?? 0), 0);
      const lastRow = row + rows.length - 1;
      const lastColumn = column + width - 1;
      if (lastRow > sheet.maxRows)
        throw fail(
          `Invalid ${where('updateCells')}: GridCoordinate.rowIndex[${lastRow - 1}] is after last row in grid[${sheet.maxRows - 1}]`,
        );
      if (lastColumn > sheet.maxColumns)
        throw fail(
          `Invalid ${where('updateCells')}: GridCoordinate.columnIndex[${lastColumn - 1}] is after last column in grid[${sheet.maxColumns - 1}]`,
        );
      if (rows.length && width) guard(sheet, { row, column, numRows: rows.length, numColumns: width });
      writeRows(sheet, file, row, column, rows, parseFields(fields, fail, where('updateCells')));
    } else if (request.deleteDimension) {
      const { sheetId, dimension, startIndex = 0, endIndex } = request.deleteDimension.range ?? {};
      const sheet = sheetOf(sheetId, where('deleteDimension'));
      const rowsDimension = dimension === 'ROWS';
      if (!rowsDimension && dimension !== 'COLUMNS')
        throw fail(`Invalid ${where('deleteDimension')}: dimension must be ROWS or COLUMNS`);
      const size = rowsDimension ? sheet.maxRows : sheet.maxColumns;
      const end = endIndex ?? size;
      if (startIndex < 0 || end > size || startIndex >= end)
        throw fail(
          `Invalid ${where('deleteDimension')}: Invalid dimension range [${startIndex}, ${end}) of ${size}`,
        );
      const frozen = rowsDimension ? sheet.frozenRows : sheet.frozenColumns;
      if (end - startIndex >= size - frozen)
        throw fail(
          `Invalid ${where('deleteDimension')}: You can't delete all the ${rowsDimension ? 'rows' : 'columns'} in the sheet.`,
        );
      guard(
        sheet,
        rowsDimension
          ? { row: startIndex + 1, column: 1, numRows: end - startIndex, numColumns: sheet.maxColumns }
          : { row: 1, column: startIndex + 1, numRows: sheet.maxRows, numColumns: end - startIndex },
      );
      deleteDimension(sheet, rowsDimension, startIndex, end);
      shiftProtections(protections, sheet.sheetId, rowsDimension, startIndex, end);
    } else if (request.appendDimension) {
      const { sheetId, dimension, length = 0 } = request.appendDimension;
      const sheet = sheetOf(sheetId, where('appendDimension'));
      if (!(length >= 1)) throw fail(`Invalid ${where('appendDimension')}: length must be at least 1`);
      if (dimension === 'ROWS') sheet.maxRows += length;
      else if (dimension === 'COLUMNS') sheet.maxColumns += length;
      else throw fail(`Invalid ${where('appendDimension')}: dimension must be ROWS or COLUMNS`);
    } else {
      throw fail(
        `Invalid requests[${i}]: a request the emulation does not know (${Object.keys(request).join(', ')})`,
      );
    }
    replies.push({});
  });
  // Refused when the batch leaves the workbook above the limit AND larger than it was ("would
  // increase ... above the limit"): a batch that shrinks a workbook is always allowed.
  const cells = [...copies.values()].reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
  const before = file.sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
  if (cells > MAX_CELLS && cells > before)
    throw fail(
      `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`,
    );
  // All valid: the file takes the new content, in its own sheet objects (ranges hold them).
  for (const sheet of file.sheets) Object.assign(sheet, copies.get(sheet.sheetId));
  file.protections.splice(0, file.protections.length, ...protections);
  return { replies };
}

interface Fields {
  value: boolean;
  numberFormat: boolean;
}

function parseFields(fields: string | undefined, fail: (m: string) => Error, where: string): Fields {
  if (!fields) throw fail(`Invalid ${where}: At least one field must be specified.`);
  if (fields.trim() === '*') return { value: true, numberFormat: true };
  const out: Fields = { value: false, numberFormat: false };
  for (const f of fields.split(',').map((x) => x.trim())) {
    if (f === 'userEnteredValue') out.value = true;
    else if (f === 'userEnteredFormat.numberFormat' || f === 'userEnteredFormat') out.numberFormat = true;
    else throw fail(`Invalid ${where}: field «${f}» is not supported by the emulation`);
  }
  return out;
}

function writeRows(
  sheet: SheetData,
  file: SpreadsheetFile,
  row: number,
  column: number,
  rows: readonly RowData[],
  fields: Fields,
): void {
  rows.forEach((r, i) => {
    (r.values ?? []).forEach((cell, j) => {
      const at = [row + i, column + j] as const;
      const format = cell.userEnteredFormat?.numberFormat;
      if (fields.numberFormat)
        put(sheet.numberFormats, ...at, format ? (format.pattern ?? defaultPattern(format.type)) : null);
      if (fields.value) {
        const dateFormat = DATE_TYPES.has(
          (fields.numberFormat ? format?.type : undefined) ?? formatType(get(sheet.numberFormats, ...at)),
        );
        put(sheet.values, ...at, storedValue(cell, dateFormat, file.timeZone));
        put(sheet.formulas, ...at, null);
      }
    });
  });
}

function storedValue(cell: CellData, isDate: boolean, timeZone: string): StoredValue {
  const v = cell.userEnteredValue;
  if (!v) return null;
  if (v.stringValue !== undefined) return v.stringValue === '' ? null : String(v.stringValue);
  if (v.boolValue !== undefined) return Boolean(v.boolValue);
  if (v.numberValue !== undefined) {
    if (!isDate) return v.numberValue;
    // Serial days on the spreadsheet's wall clock back to an instant.
    const wall = Date.UTC(1899, 11, 30) + Math.round(v.numberValue * DAY_MS);
    const d = new Date(wall);
    return {
      date: zonedToEpoch(
        {
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
          hour: d.getUTCHours(),
          minute: d.getUTCMinutes(),
          second: d.getUTCSeconds(),
        },
        timeZone,
      ),
    };
  }
  return null;
}

function defaultPattern(type: string | undefined): string | null {
  return type === 'DATE'
    ? 'dd/mm/yyyy'
    : type === 'DATE_TIME'
      ? 'dd/mm/yyyy hh:mm:ss'
      : type === 'TIME'
        ? 'hh:mm:ss'
        : null;
}

/** The type of a number format pattern the sheet already has (a date pattern has d, y or h). */
function formatType(pattern: string | null): string {
  if (!pattern) return '';
  const p = pattern.replace(/"[^"]*"/g, '').toLowerCase();
  return /[dy]/.test(p) ? 'DATE' : /h/.test(p) ? 'TIME' : '';
}

function get<T>(grid: Grid<T>, row: number, column: number): T | null {
  return grid[row - 1]?.[column - 1] ?? null;
}
function put<T>(grid: Grid<T>, row: number, column: number, value: T | null): void {
  while (grid.length < row) grid.push(null);
  const line = (grid[row - 1] ??= []);
  while (line.length < column) line.push(null);
  line[column - 1] = value;
}

function lastRowWithData(sheet: SheetData): number {
  for (let r = Math.max(sheet.values.length, sheet.formulas.length); r >= 1; r--) {
    const v = sheet.values[r - 1];
    const f = sheet.formulas[r - 1];
    if (
      (v && v.some((x) => x !== null && x !== undefined)) ||
      (f && f.some((x) => x !== null && x !== undefined))
    )
      return r;
  }
  return 0;
}

function deleteDimension(sheet: SheetData, rows: boolean, start: number, end: number): void {
  const count = end - start;
  for (const grid of gridsOf(sheet)) {
    if (rows) grid.splice(start, count);
    else for (const line of grid) line?.splice(start, count);
  }
  if (rows) sheet.maxRows -= count;
  else sheet.maxColumns -= count;
}

/** Protected ranges shrink or move with the cells they cover (applied once the batch is valid). */
function shiftProtections(
  protections: SpreadsheetFile['protections'],
  sheetId: number,
  rows: boolean,
  start: number,
  end: number,
): void {
  const count = end - start;
  for (const p of protections) {
    if (p.sheetId !== sheetId) continue;
    for (const r of [p.rect, ...p.unprotected]) {
      if (!r) continue;
      const first = (rows ? r.row : r.column) - 1;
      const size = rows ? r.numRows : r.numColumns;
      const overlap = Math.max(0, Math.min(first + size, end) - Math.max(first, start));
      const newFirst = first < start ? first : first >= end ? first - count : start;
      if (rows) {
        r.row = newFirst + 1;
        r.numRows = size - overlap;
      } else {
        r.column = newFirst + 1;
        r.numColumns = size - overlap;
      }
    }
  }
}
