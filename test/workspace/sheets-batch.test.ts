// The fake Sheets.Spreadsheets.batchUpdate (dev/workspace/sheets-batch.ts) against the Sheets API v4 reference.
//
// What Google documents (developers.google.com/sheets/api/reference/rest/v4/...):
// - spreadsheets/batchUpdate: "Each request is validated before being applied. If any request is
//   not valid then the entire request will fail and nothing will be applied."
// - AppendCellsRequest: "Adds new cells after the last row with data in a sheet, inserting new rows
//   into the sheet if necessary."
// - UpdateCellsRequest: writes `rows` from `start`, a GridCoordinate (0-based row and column).
// - ExtendedValue.stringValue: "Represents a string value. Leading single quotes are not included"
//   (a formula is a formulaValue: a stringValue is never one).
// - DateTimeRenderOption.SERIAL_NUMBER: "The whole number portion of the value [...] counts the days
//   since December 30th 1899. The fractional portion [...] counts the time as a fraction of the day."
// - DeleteDimensionRequest removes [startIndex, endIndex); AppendDimensionRequest "Appends rows or
//   columns to the end of a sheet".
// - Google Drive help (Files you can store in Google Drive): a spreadsheet holds "Up to 10 million cells".
import { createWorkspace, DEFAULT_BOUND_SPREADSHEET } from '../../dev/workspace';
import type { BatchRequest, CellData } from '../../dev/workspace/sheets-batch';
import { PROTECTED_MESSAGE } from '../../dev/workspace/spreadsheet';

const OWNER = 'hr@example.it';
const ANNA = 'anna.rossi@example.it';
const FAILED = /^API call to sheets\.spreadsheets\.batchUpdate failed with error:/;

/** The owner's spreadsheet (one sheet, id 0, `rows` × 4), shared with Anna for editing. */
function setup(rows = 5) {
  const w = createWorkspace({ owner: OWNER, boundSpreadsheet: DEFAULT_BOUND_SPREADSHEET });
  const ss = w.globals.SpreadsheetApp.create('Registro', rows, 4);
  ss.addEditor(ANNA);
  const sheet = ss.getSheets()[0];
  const batch = (...requests: BatchRequest[]) =>
    w.globals.Sheets.Spreadsheets.batchUpdate({ requests }, ss.getId());
  return { ...w, ss, sheet, batch };
}

const text = (...values: string[]) => ({
  values: values.map((s): CellData => ({ userEnteredValue: { stringValue: s } })),
});
const update = (rowIndex: number, columnIndex: number, ...values: string[]): BatchRequest => ({
  updateCells: {
    start: { sheetId: 0, rowIndex, columnIndex },
    rows: [text(...values)],
    fields: 'userEnteredValue',
  },
});

describe('appendCells', () => {
  test('writes after the last row with data, even past empty rows in between', () => {
    const { sheet, batch } = setup();
    sheet.getRange('A1').setValue('first');
    sheet.getRange('B3').setValue('third');
    batch({ appendCells: { sheetId: 0, rows: [text('x', 'y')], fields: 'userEnteredValue' } });
    expect(sheet.getRange('A1:B4').getValues()).toEqual([
      ['first', ''],
      ['', ''],
      ['', 'third'],
      ['x', 'y'],
    ]);
    expect(sheet.getMaxRows()).toBe(5);
  });

  test('grows the grid when the rows do not fit', () => {
    const { sheet, batch } = setup(3);
    sheet.getRange('A1:A3').setValues([['a'], ['b'], ['c']]);
    batch({ appendCells: { sheetId: 0, rows: [text('d'), text('e')], fields: 'userEnteredValue' } });
    expect(sheet.getMaxRows()).toBe(5);
    expect(sheet.getRange('A3:A5').getValues()).toEqual([['c'], ['d'], ['e']]);
  });
});

describe('updateCells', () => {
  test('writes from its GridCoordinate (0-based)', () => {
    const { sheet, batch } = setup();
    batch(update(1, 2, 'C2', 'D2'));
    expect(sheet.getRange('B2:D2').getValues()).toEqual([['', 'C2', 'D2']]);
  });

  test('refuses a coordinate beyond the grid', () => {
    const { sheet, batch } = setup(5);
    expect(() => batch(update(5, 0, 'row 6'))).toThrow(FAILED);
    expect(() => batch(update(0, 3, 'D1', 'E1'))).toThrow(FAILED);
    expect(sheet.getLastRow()).toBe(0);
  });

  test('a stringValue that looks like a formula stays text', () => {
    const { sheet, batch } = setup();
    batch(update(0, 0, '=1+1', '+39 059', "'quoted"));
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['=1+1', '+39 059', "'quoted"]]);
    expect(sheet.getRange('A1').getFormula()).toBe('');
  });

  test.each([
    // 9 November 2026 (CET, UTC+1) at 10:30 in Rome; 1 July 2026 (CEST, UTC+2) at 12:00.
    ['DATE_TIME', 46335 + 630 / 1440, Date.UTC(2026, 10, 9, 9, 30)],
    ['DATE_TIME', 46204 + 0.5, Date.UTC(2026, 6, 1, 10, 0)],
    ['DATE', 46335, Date.UTC(2026, 10, 8, 23, 0)],
  ])('a numberValue with a %s format reads back as a Date on the Rome wall clock', (type, serial, ms) => {
    const { sheet, batch } = setup();
    batch({
      updateCells: {
        start: { sheetId: 0, rowIndex: 0, columnIndex: 0 },
        rows: [
          {
            values: [
              {
                userEnteredValue: { numberValue: serial },
                userEnteredFormat: { numberFormat: { type, pattern: 'dd/MM/yyyy HH:mm' } },
              },
              { userEnteredValue: { numberValue: serial } },
            ],
          },
        ],
        fields: 'userEnteredValue,userEnteredFormat.numberFormat',
      },
    });
    const [[date, plain]] = sheet.getRange('A1:B1').getValues();
    expect(date).toBeInstanceOf(Date);
    expect((date as Date).getTime()).toBe(ms);
    expect(plain).toBe(serial);
  });
});

describe('deleteDimension and appendDimension', () => {
  const rows = (startIndex: number, endIndex: number): BatchRequest => ({
    deleteDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex, endIndex } },
  });

  test('deleting rows removes them and moves the ones below up', () => {
    const { sheet, batch } = setup();
    sheet.getRange('A1:A5').setValues([['a'], ['b'], ['c'], ['d'], ['e']]);
    batch(rows(1, 3));
    expect(sheet.getMaxRows()).toBe(3);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([['a'], ['d'], ['e']]);
  });

  test('deleting every row that is not frozen is refused', () => {
    const { sheet, batch } = setup(5);
    expect(() => batch(rows(0, 5))).toThrow(FAILED);
    sheet.setFrozenRows(1);
    expect(() => batch(rows(1, 5))).toThrow(FAILED);
    expect(sheet.getMaxRows()).toBe(5);
    batch(rows(1, 4));
    expect(sheet.getMaxRows()).toBe(2);
  });

  test('appendDimension adds rows at the end', () => {
    const { sheet, batch } = setup(5);
    sheet.getRange('A5').setValue('last');
    batch({ appendDimension: { sheetId: 0, dimension: 'ROWS', length: 3 } });
    expect(sheet.getMaxRows()).toBe(8);
    expect(sheet.getRange('A5').getValue()).toBe('last');
  });
});

describe('all or nothing', () => {
  test('a batch whose third request is invalid changes nothing at all', () => {
    const { sheet, batch } = setup(5);
    sheet.getRange('A1').setValue('before');
    expect(() =>
      batch(
        update(0, 0, 'after'),
        { appendDimension: { sheetId: 0, dimension: 'ROWS', length: 10 } },
        update(99, 0, 'outside'),
      ),
    ).toThrow(FAILED);
    expect(sheet.getRange('A1').getValue()).toBe('before');
    expect(sheet.getMaxRows()).toBe(5);
    expect(sheet.getLastRow()).toBe(1);
  });

  test('an injected service failure applies nothing', () => {
    const { ws, sheet, batch } = setup();
    ws.failNth('Sheets', 'Spreadsheets.batchUpdate', 1, 'transient');
    expect(() =>
      batch(update(0, 0, 'x'), { appendDimension: { sheetId: 0, dimension: 'ROWS', length: 1 } }),
    ).toThrow('Service unavailable: Sheets');
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getMaxRows()).toBe(5);
    batch(update(0, 0, 'x'));
    expect(sheet.getRange('A1').getValue()).toBe('x');
  });

  test('the 10 million cell limit of a spreadsheet holds', () => {
    const { sheet, batch } = setup(1000);
    // 1000 rows × 4 columns: 2 499 000 more rows make exactly 10 000 000 cells, one more is too many.
    expect(() => batch({ appendDimension: { sheetId: 0, dimension: 'ROWS', length: 2_499_001 } })).toThrow(
      /above the limit of 10000000 cells/,
    );
    expect(sheet.getMaxRows()).toBe(1000);
    batch({ appendDimension: { sheetId: 0, dimension: 'ROWS', length: 2_499_000 } });
    expect(sheet.getMaxRows()).toBe(2_500_000);
  });

  test('a workbook above the limit (made so outside the API) may shrink, never grow', () => {
    const { sheet, batch, ss, state } = setup(1000);
    state.spreadsheet.files[ss.getId()].sheets[0].maxRows = 3_000_000; // 12 million cells
    expect(() => batch({ appendDimension: { sheetId: 0, dimension: 'ROWS', length: 1 } })).toThrow(
      /above the limit of 10000000 cells/,
    );
    batch({
      deleteDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 1_000, endIndex: 2_000_000 } },
    });
    expect(sheet.getMaxRows()).toBe(1_001_000);
  });
});

describe('rights', () => {
  test('a user who may only view the file is refused', () => {
    const { ws, ss, sheet, batch } = setup();
    ss.addViewer('luca.bianchi@example.it');
    ws.activeUser = 'luca.bianchi@example.it';
    expect(() => batch(update(0, 0, 'x'))).toThrow(
      'API call to sheets.spreadsheets.batchUpdate failed with error: The caller does not have permission',
    );
    ws.activeUser = OWNER;
    expect(sheet.getLastRow()).toBe(0);
  });

  test('an editor who is not the owner cannot write a protected range; the owner can', () => {
    const { ws, sheet, batch } = setup();
    const protection = sheet.getRange('A1:B5').protect();
    protection.removeEditors(protection.getEditors());
    if (protection.canDomainEdit()) protection.setDomainEdit(false);
    ws.activeUser = ANNA;
    expect(() => batch(update(0, 2, 'C1'), update(0, 1, 'B1'))).toThrow(PROTECTED_MESSAGE);
    expect(() =>
      batch({ appendCells: { sheetId: 0, rows: [text('x')], fields: 'userEnteredValue' } }),
    ).toThrow(PROTECTED_MESSAGE);
    expect(sheet.getRange('C1').getValue()).toBe('');
    batch(update(0, 2, 'C1'));
    expect(sheet.getRange('C1').getValue()).toBe('C1');
    ws.activeUser = OWNER;
    batch(update(0, 1, 'B1'));
    expect(sheet.getRange('B1').getValue()).toBe('B1');
  });
});
