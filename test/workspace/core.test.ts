// The core through the fakes: call counting, rows read, and Google's errors injected at the Nth call.
import { createWorkspace, DEFAULT_BOUND_SPREADSHEET } from '../../dev/workspace';
import { GOOGLE_ERRORS } from '../../dev/workspace/core';

function setup() {
  const w = createWorkspace({ boundSpreadsheet: DEFAULT_BOUND_SPREADSHEET });
  const sheet = (
    w.globals.SpreadsheetApp.getActiveSpreadsheet() as GoogleAppsScript.Spreadsheet.Spreadsheet
  ).getSheets()[0];
  w.ws.resetCounts();
  return { ...w, sheet };
}

test('every call of every fake is counted as service.Class.method', () => {
  const { ws, globals, sheet } = setup();
  sheet.getRange('A1').setValue('x');
  sheet.getRange('A1').getValue();
  globals.PropertiesService.getScriptProperties().getProperty('k');
  globals.LockService.getScriptLock().tryLock(0);
  expect(ws.callCounts()).toEqual({
    'LockService.Lock.tryLock': 1,
    'LockService.LockService.getScriptLock': 1,
    'PropertiesService.Properties.getProperty': 1,
    'PropertiesService.PropertiesService.getScriptProperties': 1,
    'SpreadsheetApp.Range.getValue': 1,
    'SpreadsheetApp.Range.setValue': 1,
    'SpreadsheetApp.Sheet.getRange': 2,
  });
  expect(ws.callCount('SpreadsheetApp')).toBe(4);
  expect(ws.callCount()).toBe(8);
});

test.each([
  ['transient', GOOGLE_ERRORS.transient('SpreadsheetApp')],
  ['quota', GOOGLE_ERRORS.quota('SpreadsheetApp')],
  ['calendarRate', GOOGLE_ERRORS.calendarRate()],
] as const)('failNth injects the %s error at the chosen call only, before it acts', (kind, message) => {
  const { ws, sheet } = setup();
  ws.failNth('SpreadsheetApp', 'Range.setValue', 2, kind);
  sheet.getRange('A1').setValue('first');
  expect(() => sheet.getRange('A2').setValue('second')).toThrow(message);
  sheet.getRange('A3').setValue('third');
  expect(sheet.getRange('A1:A3').getValues()).toEqual([['first'], [''], ['third']]);
});

test('a sticky injection keeps failing until cleared; service.* matches every method', () => {
  const { ws, globals } = setup();
  const props = globals.PropertiesService.getScriptProperties();
  ws.failNth('PropertiesService', '*', 2, 'quota', { sticky: true });
  props.setProperty('a', '1');
  expect(() => props.getProperty('a')).toThrow(
    'Service invoked too many times for one day: PropertiesService.',
  );
  expect(() => props.getKeys()).toThrow('Service invoked too many times');
  ws.clearFailures();
  expect(props.getProperty('a')).toBe('1');
});

test('failNthCall fails the nth call of any service, once, with that service in the message', () => {
  const { ws, globals, sheet } = setup();
  const props = globals.PropertiesService.getScriptProperties();
  ws.failNthCall(3, 'transient');
  sheet.getRange('A1').setValue('first'); // calls 1 and 2: getRange, setValue
  expect(() => props.setProperty('a', '1')).toThrow(GOOGLE_ERRORS.transient('PropertiesService'));
  expect(props.getProperty('a')).toBeNull(); // the failed call did nothing
  props.setProperty('a', '2');
  expect(props.getProperty('a')).toBe('2');
});

test('errors are named Exception, as Apps Script service errors are', () => {
  const { ws, sheet } = setup();
  ws.failNth('SpreadsheetApp', 'Range.getValues', 1, 'transient');
  let caught: unknown;
  try {
    sheet.getRange('A1').getValues();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(Error);
  expect((caught as Error).name).toBe('Exception');
  expect(String(caught)).toBe('Exception: Service unavailable: SpreadsheetApp');
});

test('rows read are counted per service, as the reads returned them, and reset with the calls', () => {
  const { ws, globals, sheet } = setup();
  sheet.getRange(1, 1, 3, 2).setValues([
    ['a', 'b'],
    ['c', ''],
    ['', ''],
  ]);
  expect(ws.rowsRead()).toBe(0); // writes read nothing
  sheet.getDataRange().getValues(); // rows 1–2: the used area
  sheet.getRange(1, 1, 5, 1).getDisplayValues(); // 5 rows, blank ones too
  sheet.getRange('A1:B1').getFormulas();
  sheet.getRange('A2').getValue(); // one row
  expect(ws.rowsRead('SpreadsheetApp')).toBe(2 + 5 + 1 + 1);
  const id = sheet.getParent().getId();
  const name = sheet.getName();
  // The API trims empty trailing rows: the whole sheet gives 2 rows, row 1 one, column B one.
  globals.Sheets.Spreadsheets.Values.batchGet(id, {
    ranges: [`'${name}'`, `'${name}'!1:1`, `'${name}'!B:B`],
  });
  expect(ws.rowsRead('Sheets')).toBe(2 + 1 + 1);
  expect(ws.rowsRead()).toBe(9 + 4);
  // A read that fails reads nothing.
  ws.failNth('SpreadsheetApp', 'Range.getValues', 1, 'transient');
  expect(() => sheet.getRange(1, 1, 3, 2).getValues()).toThrow('Service unavailable');
  expect(ws.rowsRead()).toBe(13);
  ws.resetCounts();
  expect(ws.rowsRead()).toBe(0);
  expect(ws.rowsRead('Sheets')).toBe(0);
});
