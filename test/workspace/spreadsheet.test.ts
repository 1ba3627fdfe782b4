// The SpreadsheetApp fake against the behaviours of Google Sheets it imitates.
import { createWorkspace, DEFAULT_BOUND_SPREADSHEET } from '../../dev/workspace';
import {
  AUTOMATIC_NUMBER_FORMAT,
  NO_UI_MESSAGE,
  OUTSIDE_SHEET_MESSAGE,
  PROTECTED_MESSAGE,
  parseA1,
} from '../../dev/workspace/spreadsheet';

const OWNER = 'hr@example.it';
const RANGE = 'RANGE' as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
const SHEET = 'SHEET' as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
const ANNA = 'anna.rossi@example.it';

/** The owner's spreadsheet, shared with Anna for editing (without that she could not even open it). */
function setup() {
  const w = createWorkspace({
    owner: OWNER,
    nowMs: Date.UTC(2026, 10, 2, 8, 0),
    boundSpreadsheet: DEFAULT_BOUND_SPREADSHEET,
  });
  const ss = w.globals.SpreadsheetApp.getActiveSpreadsheet() as GoogleAppsScript.Spreadsheet.Spreadsheet;
  ss.addEditor(ANNA);
  const sheet = ss.getSheets()[0];
  return { ...w, ss, sheet };
}

/**
 * Leaves only the owner (and whoever runs this) as editors of a new protection, which starts with
 * every editor of the file, as Google's sample for Protection does.
 */
function ownerOnly(p: GoogleAppsScript.Spreadsheet.Protection): GoogleAppsScript.Spreadsheet.Protection {
  p.removeEditors(p.getEditors());
  if (p.canDomainEdit()) p.setDomainEdit(false);
  return p;
}

describe('reading and writing values', () => {
  test('an empty sheet: getValues gives empty strings, getLastRow and getLastColumn 0', () => {
    const { sheet } = setup();
    expect(sheet.getRange(1, 1, 2, 3).getValues()).toEqual([
      ['', '', ''],
      ['', '', ''],
    ]);
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getLastColumn()).toBe(0);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
  });

  test('values round-trip by type; getLastRow/getLastColumn follow the last content', () => {
    const { sheet } = setup();
    const when = new Date(Date.UTC(2026, 10, 9, 10, 30));
    sheet.getRange(2, 2, 1, 4).setValues([['text', 42, true, when]]);
    const [[text, n, b, d]] = sheet.getRange('B2:E2').getValues();
    expect([text, n, b]).toEqual(['text', 42, true]);
    expect(d).toBeInstanceOf(Date);
    expect((d as Date).getTime()).toBe(when.getTime());
    expect(d).not.toBe(when);
    expect(sheet.getLastRow()).toBe(2);
    expect(sheet.getLastColumn()).toBe(5);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:E2');
  });

  test('writing an empty string or null empties the cell', () => {
    const { sheet } = setup();
    sheet.getRange('A3').setValue('x');
    sheet.getRange('A3').setValue('');
    expect(sheet.getLastRow()).toBe(0);
    sheet.getRange('A1:A2').setValues([['a'], [null as unknown as string]]);
    expect(sheet.getLastRow()).toBe(1);
  });

  test('setValues throws Google’s messages when the data and the range differ in size', () => {
    const { sheet } = setup();
    const range = sheet.getRange(1, 1, 2, 2);
    expect(() => range.setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => range.setValues([[1, 2], [3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(sheet.getLastRow()).toBe(0);
  });

  test('setValue writes the value into every cell of the range', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B2').setValue('x');
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['x', 'x'],
      ['x', 'x'],
    ]);
  });
});

describe('getRange', () => {
  test('is 1-based and checks its coordinates against the sheet', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1, 1, 1, 0)).toThrow(
      'The number of columns in the range must be at least 1.',
    );
    expect(sheet.getMaxRows()).toBe(1000);
    expect(sheet.getMaxColumns()).toBe(26);
    expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow(OUTSIDE_SHEET_MESSAGE);
    expect(() => sheet.getRange(1, 27)).toThrow(OUTSIDE_SHEET_MESSAGE);
    expect(sheet.getRange(1000, 26).getA1Notation()).toBe('Z1000');
  });

  test('rejects arguments of the wrong type with the signature message', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1, 1, undefined as unknown as number, 3)).toThrow(
      "The parameters (number,number,undefined,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
    );
  });

  test('understands A1 notation', () => {
    const { sheet, ss } = setup();
    const r = sheet.getRange('B3:D10');
    expect([r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()]).toEqual([3, 2, 8, 3]);
    expect(r.getA1Notation()).toBe('B3:D10');
    expect(sheet.getRange('$A$1').getA1Notation()).toBe('A1');
    expect(sheet.getRange('A2:C').getNumRows()).toBe(999);
    expect(parseA1('AA1:AB2', 1000, 26)).toEqual({ row: 1, column: 27, numRows: 2, numColumns: 2 });
    expect(() => sheet.getRange('AA1')).toThrow(OUTSIDE_SHEET_MESSAGE);
    expect(() => sheet.getRange('nonsense!')).toThrow('Range not found');
    expect(ss.getRange('Foglio1!B2').getA1Notation()).toBe('B2');
    expect(parseA1('3:5', 1000, 26)).toEqual({ row: 3, column: 1, numRows: 3, numColumns: 26 });
  });
});

describe('what Sheets makes of strings written by a script', () => {
  test('"=" starts a formula: getValues gives its value, getFormulas its text', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([['=1+2*3'], ['=SUM(B1:B2)'], ['="a"&"b"']]);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([[7], ['#NAME?'], ['ab']]);
    expect(sheet.getRange('A1:A3').getFormulas()).toEqual([['=1+2*3'], ['=SUM(B1:B2)'], ['="a"&"b"']]);
    expect(sheet.getRange('A1').getFormula()).toBe('=1+2*3');
  });

  test('a leading + or - that is not a number becomes a formula too (a phone number breaks)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([['+39 333 1234567'], ['-5'], ['-']]);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([['#ERROR!'], [-5], ['-']]);
    expect(sheet.getRange('A1').getFormula()).toBe('=+39 333 1234567');
  });

  test('numbers and dates typed as text are converted: leading zeros are lost', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A5').setValues([['00123'], ['2026-11-09'], ['9/11/2026'], ['2027-02-30'], ['1,5']]);
    const [[n], [iso], [dmy], [notADate], [decimal]] = sheet.getRange('A1:A5').getValues();
    expect(n).toBe(123);
    // Midnight in Rome (UTC+1 in November).
    expect((iso as Date).toISOString()).toBe('2026-11-08T23:00:00.000Z');
    expect((dmy as Date).toISOString()).toBe('2026-11-08T23:00:00.000Z');
    expect(notADate).toBe('2027-02-30');
    expect(decimal).toBe(1.5);
  });

  test('a time of day becomes a Date on 30 December 1899', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('09:30');
    const v = sheet.getRange('A1').getValue() as Date;
    expect(v).toBeInstanceOf(Date);
    expect(v.getUTCFullYear()).toBe(1899);
    expect(sheet.getRange('A1').getDisplayValue()).toBe('9:30');
  });

  test("with the plain text format '@' the text stays as typed", () => {
    const { sheet } = setup();
    const range = sheet.getRange('A1:A4');
    range.setNumberFormat('@');
    range.setValues([['=HYPERLINK("http://x")'], ['+39 333'], ['00123'], ['2026-11-09']]);
    expect(range.getValues()).toEqual([['=HYPERLINK("http://x")'], ['+39 333'], ['00123'], ['2026-11-09']]);
    expect(range.getFormulas()).toEqual([[''], [''], [''], ['']]);
    expect(range.getNumberFormats()).toEqual([['@'], ['@'], ['@'], ['@']]);
    expect(sheet.getRange('B1').getNumberFormat()).toBe(AUTOMATIC_NUMBER_FORMAT);
  });
});

describe('getDisplayValues (it_IT locale)', () => {
  test('numbers, booleans and dates are shown as an Italian spreadsheet shows them', () => {
    const { sheet } = setup();
    const midnightRome = new Date(Date.UTC(2026, 10, 8, 23, 0));
    const morning = new Date(Date.UTC(2026, 10, 9, 8, 5, 7));
    sheet.getRange('A1:E1').setValues([[1.5, true, midnightRome, morning, 'testo']]);
    expect(sheet.getRange('A1:E1').getDisplayValues()).toEqual([
      ['1,5', 'VERO', '09/11/2026', '09/11/2026 09:05:07', 'testo'],
    ]);
  });

  test('date and number formats are applied', () => {
    const { sheet } = setup();
    const day = new Date(Date.UTC(2026, 2, 29, 7, 30));
    sheet.getRange('A1:D1').setValues([[day, day, 1234.5, 0.25]]);
    sheet.getRange('A1:D1').setNumberFormats([['yyyy-mm-dd', 'dddd d mmmm yyyy hh:mm', '#,##0.00', '0%']]);
    expect(sheet.getRange('A1:D1').getDisplayValues()).toEqual([
      ['2026-03-29', 'domenica 29 marzo 2026 09:30', '1.234,50', '25%'],
    ]);
  });
});

describe('rows', () => {
  test('appendRow writes after the last row and grows a full sheet', () => {
    const { sheet } = setup();
    sheet.appendRow(['a', 1]);
    sheet.appendRow(['b', 2]);
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    sheet.getRange(1000, 1).setValue('last');
    sheet.appendRow(['beyond']);
    expect(sheet.getMaxRows()).toBe(1001);
    expect(sheet.getRange(1001, 1).getValue()).toBe('beyond');
  });

  test('insertRowsAfter shifts what is below and copies the formats of the row above', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A2').setNumberFormat('@');
    sheet.getRange('A1:A2').setValues([['one'], ['two']]);
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getRange('A1:A4').getValues()).toEqual([['one'], [''], [''], ['two']]);
    expect(sheet.getRange('A2').getNumberFormat()).toBe('@');
    expect(sheet.getMaxRows()).toBe(1002);
  });
});

describe('protections', () => {
  test('a protected range stops other users’ scripts, not its editors', () => {
    const { ws, ss, sheet } = setup();
    const protection = sheet.getRange('A1:C10').protect().setDescription('Registro');
    protection.removeEditors(protection.getEditors());
    expect(protection.getEditors().map((u) => u.getEmail())).toEqual([OWNER]);
    ws.activeUser = ANNA;
    expect(() => sheet.getRange('B2').setValue('x')).toThrow(PROTECTED_MESSAGE);
    expect(() => sheet.appendRow(['x'])).toThrow(PROTECTED_MESSAGE);
    sheet.getRange('D1').setValue('outside');
    expect(protection.canEdit()).toBe(false);
    ws.activeUser = OWNER;
    protection.addEditor(ANNA);
    ws.activeUser = ANNA;
    sheet.getRange('B2').setValue('now allowed');
    expect(sheet.getRange('B2').getValue()).toBe('now allowed');
    expect(ss.getProtections(RANGE).map((p) => p.getDescription())).toEqual(['Registro']);
  });

  test('a warning-only protection does not stop scripts', () => {
    const { ws, sheet } = setup();
    const p = ownerOnly(sheet.protect()).setWarningOnly(true);
    expect(p.isWarningOnly()).toBe(true);
    ws.activeUser = ANNA;
    sheet.getRange('A1').setValue('ok');
    expect(sheet.getRange('A1').getValue()).toBe('ok');
  });

  test('a protected sheet allows writes only in its unprotected ranges', () => {
    const { ws, sheet } = setup();
    const p = ownerOnly(sheet.protect());
    p.setUnprotectedRanges([sheet.getRange('E:E')]);
    expect(p.getUnprotectedRanges().map((r) => r.getA1Notation())).toEqual(['E1:E1000']);
    ws.activeUser = ANNA;
    sheet.getRange('E5').setValue('free');
    expect(() => sheet.getRange('D5:E5').setValues([['x', 'y']])).toThrow(PROTECTED_MESSAGE);
    expect(sheet.getRange('D5').getValue()).toBe('');
  });

  test('the owner and the current user cannot be removed from a protection', () => {
    const { ws, sheet } = setup();
    ws.activeUser = ANNA;
    const p = sheet.getRange('A1').protect();
    p.addEditors(['mario@example.it']);
    p.removeEditors([OWNER, ANNA, 'mario@example.it']);
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([OWNER, ANNA]);
  });

  test('protections are listed by type and move with inserted rows', () => {
    const { ss, sheet } = setup();
    const p = sheet.getRange('A5:B6').protect();
    sheet.protect();
    expect(ss.getProtections(RANGE)).toHaveLength(1);
    expect(sheet.getProtections(SHEET)).toHaveLength(1);
    sheet.insertRowsBefore(2, 3);
    expect(p.getRange().getA1Notation()).toBe('A8:B9');
    p.remove();
    expect(ss.getProtections(RANGE)).toHaveLength(0);
  });
});

describe('data validation', () => {
  test('is stored, and a script may write anything', () => {
    const { globals, sheet } = setup();
    const rule = globals.SpreadsheetApp.newDataValidation()
      .requireValueInList(['home', 'office'], true)
      .setAllowInvalid(false)
      .setHelpText('Scegli home o office')
      .build();
    sheet.getRange('C2:C10').setDataValidation(rule);
    const stored = sheet.getRange('C5').getDataValidation();
    expect(stored?.getCriteriaType()).toBe('VALUE_IN_LIST');
    expect(stored?.getCriteriaValues()).toEqual([['home', 'office'], true]);
    expect(stored?.getAllowInvalid()).toBe(false);
    expect(stored?.getHelpText()).toBe('Scegli home o office');
    expect(sheet.getRange('C11').getDataValidation()).toBeNull();
    sheet.getRange('C5').setValue('beach');
    expect(sheet.getRange('C5').getValue()).toBe('beach');
  });

  test('a new rule allows invalid data until told otherwise', () => {
    const { globals } = setup();
    expect(globals.SpreadsheetApp.newDataValidation().requireDate().build().getAllowInvalid()).toBe(true);
  });

  test('is enforced on edits in the UI when invalid data is rejected', () => {
    const { globals, testing, ss, sheet } = setup();
    sheet
      .getRange('C2')
      .setDataValidation(
        globals.SpreadsheetApp.newDataValidation()
          .requireValueInList(['home', 'office'])
          .setAllowInvalid(false)
          .setHelpText('Scegli home o office')
          .build(),
      );
    sheet.getRange('D2').setDataValidation(globals.SpreadsheetApp.newDataValidation().requireDate().build());
    expect(() => testing.sheets.userEdit(ANNA, ss.getId(), 'Foglio1', 'C2', 'beach')).toThrow(
      'Scegli home o office',
    );
    testing.sheets.userEdit(ANNA, ss.getId(), 'Foglio1', 'C2', 'home');
    testing.sheets.userEdit(ANNA, ss.getId(), 'Foglio1', 'D2', 'not a date');
    expect(sheet.getRange('C2:D2').getValues()).toEqual([['home', 'not a date']]);
  });
});

describe('people in front of the spreadsheet', () => {
  test('an edit in the UI runs onEdit as the editor and on-edit triggers as their owner', () => {
    const { globals, testing, runtime, ss, sheet } = setup();
    globals.ScriptApp.newTrigger('installedOnEdit').forSpreadsheet(ss).onEdit().create();
    const seen: unknown[][] = [];
    runtime.resolveFunction = (name) => (e) => {
      const event = e as GoogleAppsScript.Events.SheetsOnEdit;
      seen.push([
        name,
        globals.Session.getActiveUser().getEmail(),
        event.range.getA1Notation(),
        event.value,
        event.oldValue,
        event.user.getEmail(),
      ]);
    };
    sheet.getRange('B2').setValue('prima');
    testing.sheets.userEdit(ANNA, ss.getId(), 'Foglio1', 'B2', 'dopo');
    expect(seen).toEqual([
      ['onEdit', ANNA, 'B2', 'dopo', 'prima', ANNA],
      ['installedOnEdit', OWNER, 'B2', 'dopo', 'prima', ANNA],
    ]);
    expect(testing.sheets.sheetValues(ss.getId(), 'Foglio1')).toEqual([
      ['', ''],
      ['', 'dopo'],
    ]);
  });

  test('protections stop edits in the UI too', () => {
    const { testing, ss, sheet } = setup();
    ownerOnly(sheet.protect());
    expect(() => testing.sheets.userEdit(ANNA, ss.getId(), 'Foglio1', 'A1', 'x')).toThrow(PROTECTED_MESSAGE);
    testing.sheets.userEdit(OWNER, ss.getId(), 'Foglio1', 'A1', 'x');
    expect(sheet.getRange('A1').getValue()).toBe('x');
  });

  test('opening the spreadsheet drops the menus of the last visit and runs onOpen', () => {
    const { globals, testing, runtime, ss } = setup();
    testing.sheets.openSpreadsheet(ANNA, ss.getId());
    expect(testing.sheets.menus(ANNA)).toEqual([]);
    runtime.resolveFunction = (name) =>
      name === 'onOpen' ? () => globals.SpreadsheetApp.getUi().createMenu('Agorà').addToUi() : undefined;
    testing.sheets.openSpreadsheet(ANNA, ss.getId());
    testing.sheets.openSpreadsheet(ANNA, ss.getId());
    expect(testing.sheets.menus(ANNA).map((m) => m.caption)).toEqual(['Agorà']);
    expect(testing.sheets.menus(OWNER)).toEqual([]);
  });
});

describe('UI', () => {
  test('menus, sidebars, dialogs and toasts are recorded per user', () => {
    const { globals, testing, ws, ss, state } = setup();
    ws.activeUser = ANNA;
    const ui = globals.SpreadsheetApp.getUi();
    ui.createMenu('Agorà')
      .addItem('Apri', 'openSidebar')
      .addSeparator()
      .addSubMenu(ui.createMenu('Admin').addItem('Setup', 'setup'))
      .addToUi();
    expect(testing.sheets.menus(ANNA)).toEqual([
      {
        user: ANNA,
        spreadsheetId: ss.getId(),
        caption: 'Agorà',
        addon: false,
        items: [
          { caption: 'Apri', functionName: 'openSidebar' },
          { separator: true },
          { caption: 'Admin', submenu: [{ caption: 'Setup', functionName: 'setup' }] },
        ],
      },
    ]);
    expect(testing.sheets.menuFunction(ANNA, 'Agorà', 'Admin', 'Setup')).toBe('setup');
    ui.showSidebar(globals.HtmlService.createHtmlOutput('<p>ciao</p>').setTitle('Agorà'));
    ss.toast('Salvato', 'Agorà', 3);
    expect(state.spreadsheet.ui.shown.map((s) => [s.user, s.kind, s.title, s.html])).toEqual([
      [ANNA, 'sidebar', 'Agorà', '<p>ciao</p>'],
    ]);
    expect(testing.sheets.file(ss.getId()).toasts).toEqual([
      { user: ANNA, message: 'Salvato', title: 'Agorà', timeoutSeconds: 3, atMs: ws.nowMs },
    ]);
  });

  test('alert and prompt return the answers the test gives', () => {
    const { globals, testing, state } = setup();
    testing.sheets.answerNextDialog({ button: 'NO' });
    testing.sheets.answerNextDialog({ button: 'OK', text: 'Motivo' });
    const ui = globals.SpreadsheetApp.getUi();
    expect(ui.alert('Conferma', 'Procedo?', ui.ButtonSet.YES_NO)).toBe('NO');
    expect(ui.prompt('Perché?').getResponseText()).toBe('Motivo');
    expect(ui.alert('Fatto')).toBe('OK');
    expect(state.spreadsheet.ui.alerts.map((a) => [a.kind, a.prompt, a.answer])).toEqual([
      ['alert', 'Procedo?', 'NO'],
      ['prompt', 'Perché?', 'Motivo'],
      ['alert', 'Fatto', 'OK'],
    ]);
  });

  test('there is no Ui in a form-submit or clock trigger', () => {
    const { globals, runtime } = setup();
    expect(() =>
      runtime.execute({ functionName: 't', kind: 'trigger', user: OWNER, hasUi: false }, () =>
        globals.SpreadsheetApp.getUi(),
      ),
    ).toThrow(NO_UI_MESSAGE);
  });
});

describe('spreadsheets and sheets', () => {
  test('create, insert, rename, delete, open by id', () => {
    const { globals, ws } = setup();
    ws.activeUser = ANNA;
    const created = globals.SpreadsheetApp.create('Report');
    expect(created.getOwner()?.getEmail()).toBe(ANNA);
    expect(created.getSheets().map((s) => s.getName())).toEqual(['Foglio1']);
    const days = created.insertSheet('Giorni');
    expect(() => created.insertSheet('giorni')).toThrow('A sheet with the name "giorni" already exists.');
    expect(created.insertSheet().getName()).toBe('Foglio3');
    days.setName('Days');
    expect(globals.SpreadsheetApp.openById(created.getId()).getSheetByName('Days')?.getIndex()).toBe(2);
    created.deleteSheet(created.getSheetByName('Foglio1') as GoogleAppsScript.Spreadsheet.Sheet);
    created.deleteSheet(created.getSheetByName('Foglio3') as GoogleAppsScript.Spreadsheet.Sheet);
    expect(() => created.deleteSheet(created.getSheets()[0])).toThrow("You can't remove all the sheets");
    expect(() => globals.SpreadsheetApp.openById('missing')).toThrow(
      'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
    );
    expect(created.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${created.getId()}/edit`);
  });

  test('a standalone script has no active spreadsheet', () => {
    const w = createWorkspace({ boundSpreadsheet: null });
    expect(w.globals.SpreadsheetApp.getActiveSpreadsheet()).toBeNull();
  });

  test('every call is counted under its class', () => {
    const { ws, sheet } = setup();
    ws.resetCounts();
    sheet.getRange('A1:B2').getValues();
    expect(ws.callCounts()).toEqual({
      'SpreadsheetApp.Range.getValues': 1,
      'SpreadsheetApp.Sheet.getRange': 1,
    });
  });
});
