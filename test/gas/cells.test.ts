// toCellData (src/gas/cells.ts): cells as the Sheets API writes them, dates as Europe/Rome serial numbers.
import { DATE_FORMAT, DATETIME_FORMAT, TEXT_FORMAT, toCellData, userTextToCell } from '../../src/gas/cells';

const DATE = { type: 'DATE', pattern: DATE_FORMAT };
const DATE_TIME = { type: 'DATE_TIME', pattern: DATETIME_FORMAT };
const TEXT = { type: 'TEXT', pattern: TEXT_FORMAT };
/** Serial day numbers (days since 1899-12-30) of a few dates. */
const NOV_9 = 46335;
const MAR_29 = 46110;
const OCT_25 = 46320;

describe('toCellData: dates', () => {
  test('a date at Rome midnight is a whole serial number with the date format', () => {
    // 2026-11-09 00:00 in Rome (CET, UTC+1) is 2026-11-08 23:00 UTC.
    expect(toCellData(new Date(Date.UTC(2026, 10, 8, 23, 0)), 'date')).toEqual({
      userEnteredValue: { numberValue: NOV_9 },
      userEnteredFormat: { numberFormat: DATE },
    });
  });

  test('a date-time is the serial day plus the fraction of its Rome minutes, with the date-time format', () => {
    // 2026-11-09 10:30 in Rome is 09:30 UTC.
    expect(toCellData(new Date(Date.UTC(2026, 10, 9, 9, 30)), 'datetime')).toEqual({
      userEnteredValue: { numberValue: NOV_9 + 630 / 1440 },
      userEnteredFormat: { numberFormat: DATE_TIME },
    });
  });

  test.each([
    // 29 March 2026: clocks go from 02:00 CET to 03:00 CEST at 01:00 UTC.
    ['before the spring change', Date.UTC(2026, 2, 29, 0, 30), MAR_29 + 90 / 1440],
    ['after the spring change', Date.UTC(2026, 2, 29, 1, 30), MAR_29 + 210 / 1440],
    ['at Rome midnight before the spring change', Date.UTC(2026, 2, 28, 23, 0), MAR_29],
    // 25 October 2026: clocks go from 03:00 CEST back to 02:00 CET at 01:00 UTC.
    ['before the autumn change', Date.UTC(2026, 9, 25, 0, 30), OCT_25 + 150 / 1440],
    ['after the autumn change', Date.UTC(2026, 9, 25, 11, 0), OCT_25 + 720 / 1440],
    ['at Rome midnight before the autumn change', Date.UTC(2026, 9, 24, 22, 0), OCT_25],
  ])('across the change of time: %s', (_when, ms, serial) => {
    expect(toCellData(new Date(ms), 'datetime').userEnteredValue).toEqual({ numberValue: serial });
  });

  test('a date in a column of another kind keeps a date format: DATE at midnight, DATE_TIME otherwise', () => {
    const midnight = new Date(Date.UTC(2026, 10, 8, 23, 0));
    const morning = new Date(Date.UTC(2026, 10, 9, 8, 0));
    expect(toCellData(midnight, 'text').userEnteredFormat).toEqual({ numberFormat: DATE });
    expect(toCellData(midnight, 'number').userEnteredFormat).toEqual({ numberFormat: DATE });
    expect(toCellData(morning, 'text')).toEqual({
      userEnteredValue: { numberValue: NOV_9 + 540 / 1440 },
      userEnteredFormat: { numberFormat: DATE_TIME },
    });
  });

  test('a date-time in a date column gets the date format; its time stays in the value', () => {
    expect(toCellData(new Date(Date.UTC(2026, 10, 9, 9, 30)), 'date')).toEqual({
      userEnteredValue: { numberValue: NOV_9 + 630 / 1440 },
      userEnteredFormat: { numberFormat: DATE },
    });
  });
});

describe('toCellData: text, numbers and booleans', () => {
  test('text goes as stringValue with the text format', () => {
    expect(toCellData('casa', 'text')).toEqual({
      userEnteredValue: { stringValue: 'casa' },
      userEnteredFormat: { numberFormat: TEXT },
    });
  });

  test('the apostrophe userTextToCell puts before a formula-like text is dropped', () => {
    expect(userTextToCell('=1+1')).toBe("'=1+1");
    expect(toCellData(userTextToCell('=1+1'), 'text').userEnteredValue).toEqual({ stringValue: '=1+1' });
    expect(toCellData(userTextToCell('+39 059 123'), 'text').userEnteredValue).toEqual({
      stringValue: '+39 059 123',
    });
    expect(toCellData("l'ufficio", 'text').userEnteredValue).toEqual({ stringValue: "l'ufficio" });
  });

  test('an empty text writes no value (the cell is emptied), keeping the format', () => {
    const cell = toCellData('', 'text');
    expect(cell.userEnteredValue).toBeUndefined();
    expect(cell.userEnteredFormat).toEqual({ numberFormat: TEXT });
  });

  test('numbers and booleans keep their type; a number column has no format of its own', () => {
    expect(toCellData(12.5, 'number')).toEqual({ userEnteredValue: { numberValue: 12.5 } });
    expect(toCellData(0, 'number')).toEqual({ userEnteredValue: { numberValue: 0 } });
    expect(toCellData(true, 'number')).toEqual({ userEnteredValue: { boolValue: true } });
    expect(toCellData(false, 'text')).toEqual({
      userEnteredValue: { boolValue: false },
      userEnteredFormat: { numberFormat: TEXT },
    });
  });
});
