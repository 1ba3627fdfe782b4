// The advanced Sheets service (v4), as far as Agorà uses it: Spreadsheets.Values.batchGet,
// reading several ranges of a spreadsheet in one call. It reads the same cells as the fake
// SpreadsheetApp. As the API does, it trims empty trailing rows and cells; with
// UNFORMATTED_VALUE dates come as serial numbers (days since 1899-12-30 on the wall clock of
// the spreadsheet's time zone, SERIAL_NUMBER) or as formatted strings (FORMATTED_STRING).
// The rows of every range returned are counted as rows read (Workspace.rowsRead).
import type { Workspace } from './core';
import { ACCESS_LEVEL } from './drive';
import { applyBatchUpdate, type BatchRequest } from './sheets-batch';
import type { Rect, SheetData, SpreadsheetFile, StoredValue } from './spreadsheet';
import { zonedParts } from './utilities';

type Value = string | number | boolean;

const DAY_MS = 86_400_000;

/** Serial number of an instant on the wall clock of `timeZone`. */
export function serialNumber(ms: number, timeZone: string): number {
  const p = zonedParts(ms, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return (wall - Date.UTC(1899, 11, 30)) / DAY_MS;
}

function columnNumber(letters: string): number {
  return letters.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** What the service needs of the spreadsheet fake (createSpreadsheetApp's `api`). */
export interface SheetsApiTarget {
  file(id: string): SpreadsheetFile;
  /** The effective user's Drive access level to the file. */
  level(id: string): number;
  mayEdit(file: SpreadsheetFile, sheet: SheetData, rect: Rect): boolean;
}

/** The scope the advanced Sheets service's calls need. */
const SCOPE = 'https://www.googleapis.com/auth/spreadsheets';

export function createSheetsApi(ws: Workspace, target: SheetsApiTarget) {
  // The API answers 403 "The caller does not have permission" to a user without access.
  const open = (method: string, id: string, level: number) => {
    ws.requireAuthorization(`Sheets.${method}`, SCOPE);
    const file = target.file(id);
    if (target.level(id) < level)
      throw ws.error(
        `API call to sheets.${method.toLowerCase()} failed with error: The caller does not have permission`,
      );
    return file;
  };
  const read = (file: SpreadsheetFile, range: string, serialDates: boolean) => {
    // 'Sheet name'  |  'Sheet name'!1:1 (a row)  |  'Sheet name'!C:C (a column)
    const m = /^'((?:[^']|'')+)'(?:!(\d+):(\d+)|!([A-Z]+):([A-Z]+))?$/.exec(range);
    if (!m) throw ws.error(`Unable to parse range: ${range}`);
    const name = m[1].replace(/''/g, "'");
    const sheet = file.sheets.find((s) => s.name === name);
    if (!sheet) throw ws.error(`Unable to parse range: ${range}`);
    const cell = (v: StoredValue | null | undefined): Value =>
      v === null || v === undefined
        ? ''
        : typeof v === 'object'
          ? serialDates
            ? serialNumber(v.date, file.timeZone)
            : new Date(v.date).toISOString()
          : v;
    const grid = sheet.values;
    let rows: Value[][];
    if (m[2]) {
      rows = grid.slice(Number(m[2]) - 1, Number(m[3])).map((r) => (r ?? []).map(cell));
    } else if (m[4]) {
      const from = columnNumber(m[4]);
      const to = columnNumber(m[5]);
      rows = grid.map((r) => (r ?? []).slice(from - 1, to).map(cell));
    } else {
      rows = grid.map((r) => (r ?? []).map(cell));
    }
    for (const r of rows) while (r.length && r[r.length - 1] === '') r.pop();
    while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
    return { range, majorDimension: 'ROWS', values: rows };
  };
  return {
    Spreadsheets: {
      Values: {
        batchGet(
          spreadsheetId: string,
          args: { ranges?: string[]; valueRenderOption?: string; dateTimeRenderOption?: string },
        ) {
          ws.call('Sheets', 'Spreadsheets.Values.batchGet');
          const file = open('Spreadsheets.Values.batchGet', spreadsheetId, ACCESS_LEVEL.VIEW);
          const serialDates = (args.dateTimeRenderOption ?? 'SERIAL_NUMBER') === 'SERIAL_NUMBER';
          const valueRanges = (args.ranges ?? []).map((r) => read(file, r, serialDates));
          for (const v of valueRanges) ws.readRows('Sheets', v.values.length);
          return { spreadsheetId, valueRanges };
        },
      },
      /** Applies every request or none (see sheets-batch.ts). */
      batchUpdate(resource: { requests?: BatchRequest[] }, spreadsheetId: string) {
        ws.call('Sheets', 'Spreadsheets.batchUpdate');
        const file = open('Spreadsheets.batchUpdate', spreadsheetId, ACCESS_LEVEL.VIEW);
        const { replies } = applyBatchUpdate(
          ws,
          {
            file,
            assertFileEditable: () => {
              if (target.level(spreadsheetId) < ACCESS_LEVEL.EDIT)
                throw ws.error(
                  'API call to sheets.spreadsheets.batchUpdate failed with error: The caller does not have permission',
                );
            },
            mayEdit: (sheet, rect) => target.mayEdit(file, sheet, rect),
          },
          resource?.requests ?? [],
        );
        return { spreadsheetId, replies };
      },
    },
  };
}
