// The advanced Sheets service (v4), as far as Agorà uses it: Spreadsheets.Values.batchGet,
// reading several ranges of a spreadsheet in one call. It reads the same cells as the fake
// SpreadsheetApp. As the API does, it trims empty trailing rows and cells; with
// UNFORMATTED_VALUE dates come as serial numbers (days since 1899-12-30 on the wall clock of
// the spreadsheet's time zone, SERIAL_NUMBER) or as formatted strings (FORMATTED_STRING).
// The rows of every range returned are counted as rows read (Workspace.rowsRead).
import type { Workspace } from './core';
import type { SpreadsheetFile, StoredValue } from './spreadsheet';
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

export function createSheetsApi(ws: Workspace, fileOf: (id: string) => SpreadsheetFile) {
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
          const file = fileOf(spreadsheetId);
          const serialDates = (args.dateTimeRenderOption ?? 'SERIAL_NUMBER') === 'SERIAL_NUMBER';
          const valueRanges = (args.ranges ?? []).map((r) => read(file, r, serialDates));
          for (const v of valueRanges) ws.readRows('Sheets', v.values.length);
          return { spreadsheetId, valueRanges };
        },
      },
    },
  };
}
