// Cell values ⇄ domain values. Sheets hands back Date objects for date cells (instants at
// local midnight of the spreadsheet's zone, Europe/Rome), numbers, booleans and strings.
import {
  formatLocalDateTime,
  parseIsoDate,
  parseLocalDateTime,
  type IsoDate,
  type LocalDateTime,
} from '../domain/dates';
import { fromRomeLocal, toRomeLocal } from '../domain/rome-time';

export type Cell = string | number | boolean | Date;

function isDate(value: unknown): value is Date {
  // Dates from another realm (the Sheets service) fail `instanceof`: check the tag instead.
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** A date cell (or a typed `YYYY-MM-DD` / `dd/MM/yyyy`) as a calendar date; null if empty; undefined if not a date. */
export function cellToDate(value: unknown): IsoDate | null | undefined {
  if (value === '' || value === null || value === undefined) return null;
  if (isDate(value)) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? undefined : toRomeLocal(ms).date;
  }
  if (typeof value === 'string') {
    const t = value.trim();
    const it = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
    const iso = it ? `${it[3]}-${it[2].padStart(2, '0')}-${it[1].padStart(2, '0')}` : t;
    return parseIsoDate(iso) ?? undefined;
  }
  return undefined;
}

export function dateToCell(date: IsoDate): Date {
  return new Date(fromRomeLocal({ date, minutes: 0 }));
}

export function cellToDateTime(value: unknown): string {
  if (isDate(value)) return formatLocalDateTime(toRomeLocal(value.getTime()));
  return typeof value === 'string' ? value.trim() : '';
}

export function dateTimeToCell(text: string): Date | string {
  const at: LocalDateTime | null = parseLocalDateTime(text);
  return at ? new Date(fromRomeLocal(at)) : text;
}

/**
 * Text a user typed, made safe to write into a cell: Sheets would take a leading `=`, `+`,
 * `-` or `@` as a formula; a leading apostrophe makes Sheets keep it as plain text (the
 * apostrophe itself is not part of the value), so text that starts with one gets another.
 */
export function userTextToCell(text: string): string {
  return /^[=+\-@']/.test(text) ? `'${text}` : text;
}

export function cellToText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (isDate(value)) return formatLocalDateTime(toRomeLocal(value.getTime()));
  return String(value).trim();
}

/** Number formats of the register's cells (setup formats whole columns with them too). */
export const DATE_FORMAT = 'dd/MM/yyyy';
export const DATETIME_FORMAT = 'dd/MM/yyyy HH:mm';
export const TEXT_FORMAT = '@';

/** A cell as the Sheets API (spreadsheets.batchUpdate) writes it. */
export interface CellData {
  userEnteredValue?: { stringValue?: string; numberValue?: number; boolValue?: boolean };
  userEnteredFormat?: { numberFormat?: { type: string; pattern: string } };
}

/**
 * A cell as the Sheets API writes it, with the number format of its column kind. Text goes as
 * `stringValue`, which Sheets keeps as text as it is (never a formula): the apostrophe that
 * Range.setValues needs in front of such text (see userTextToCell) is dropped, as Sheets drops
 * it there. A Date is a serial number (days since 1899-12-30 on the Europe/Rome wall clock).
 */
export function toCellData(cell: Cell, kind: 'date' | 'datetime' | 'number' | 'text'): CellData {
  const format =
    kind === 'date'
      ? { type: 'DATE', pattern: DATE_FORMAT }
      : kind === 'datetime'
        ? { type: 'DATE_TIME', pattern: DATETIME_FORMAT }
        : kind === 'text'
          ? { type: 'TEXT', pattern: TEXT_FORMAT }
          : undefined;
  const withFormat = (value: CellData['userEnteredValue']): CellData =>
    format
      ? { userEnteredValue: value, userEnteredFormat: { numberFormat: format } }
      : { userEnteredValue: value };
  if (isDate(cell)) {
    const local = toRomeLocal(cell.getTime());
    const days = Math.round((Date.parse(`${local.date}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
    // A date in a text column (never written so) would lose its format: it keeps the date's.
    return {
      userEnteredValue: { numberValue: days + local.minutes / 1440 },
      userEnteredFormat: {
        numberFormat:
          kind === 'date' || (kind !== 'datetime' && local.minutes === 0)
            ? { type: 'DATE', pattern: DATE_FORMAT }
            : { type: 'DATE_TIME', pattern: DATETIME_FORMAT },
      },
    };
  }
  if (typeof cell === 'number') return withFormat({ numberValue: cell });
  if (typeof cell === 'boolean') return withFormat({ boolValue: cell });
  if (cell === '') return withFormat(undefined);
  return withFormat({ stringValue: cell.startsWith("'") ? cell.slice(1) : cell });
}
