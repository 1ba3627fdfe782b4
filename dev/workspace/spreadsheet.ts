// SpreadsheetApp of the in-memory Workspace: spreadsheets, sheets and ranges over plain JSON
// state, with the behaviours of Google Sheets that trip scripts up:
//
// - A string written from a script is read as if a user typed it, unless the cell's number format
//   is '@' (plain text): '=…' becomes a formula, '+…'/'-…' that is not a number becomes a formula
//   too (usually '#ERROR!'), '00123' becomes the number 123, '2026-11-09' and '9/11/2026' become
//   dates (midnight in the spreadsheet's time zone), '09:30' becomes a time (a Date on 1899-12-30).
//   A date string that is not a real date ('2027-02-30') stays text. Booleans are not parsed.
// - Formulas are not computed, except arithmetic on numbers, string literals, & and HYPERLINK():
//   other functions and cell references read as '#NAME?', parse errors as '#ERROR!'.
// - getValues gives '' for empty cells; setValues throws Google's messages when the data's size
//   differs from the range's; getRange checks its coordinates against the sheet's size (a new
//   sheet has 1000 rows and 26 columns; appendRow and insertRows grow it).
// - Protections apply to scripts too: a write by a user who is neither the owner nor an editor of
//   a (non warning-only) protection that covers the cells throws Google's message.
// - Data validation is stored, and enforced only on edits made through the UI (`userEdit` below)
//   when invalid data is rejected (setAllowInvalid(false)); scripts are never stopped by it.
// - getDisplayValues formats as a spreadsheet in the it_IT locale (default) shows values:
//   decimal comma, VERO/FALSO, dates 'dd/MM/yyyy' (and ' HH:mm:ss' when not midnight) unless the
//   cell has a date number format ('dd/mm/yyyy', 'yyyy-mm-dd', 'd mmmm yyyy', 'hh:mm'...), which
//   is rendered with Sheets' own tokens (m is minutes after h or before s).
// - The Ui exists only where Google gives one: not in form-submit or clock triggers.
// Not faked: cell references and functions in formulas, named ranges, conditional formats,
// charts, filters, merges, row/column deletion.
// Sharing is Drive's: a spreadsheet is a Drive file (drive.ts `createDriveFiles`). openById
// needs view access ("You do not have permission to access the requested document." otherwise),
// any change needs edit access; Spreadsheet.addEditor/addViewer/getEditors are Drive permissions.
// A new protection starts with the file's editors as its editors, and with domain edit on when
// the file is editable by the domain: that is why Google's own sample removes the other editors
// and calls setDomainEdit(false) after protect() (Protection class reference).
import { barChartPng } from './png';
import { FakeBlob } from './utilities';
import type { Workspace } from './core';
import { ACCESS_LEVEL, GOOGLE_MIME, type DriveFiles } from './drive';
import { describeHtmlOutput } from './html';
import { FakeUser, zonedParts, zonedToEpoch } from './utilities';
import { AuthMode, type ScriptRuntime } from './script';

// ---------------------------------------------------------------------------------------------
// State

/** A cell's content: empty (null), text, number, boolean, or a date as epoch milliseconds. */
export type StoredValue = string | number | boolean | { date: number } | null;
/** Rows of cells, 0-based; missing rows and cells are empty. */
export type Grid<T> = ((T | null)[] | null)[];

export interface Rect {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export type ValidationCriteria =
  | 'VALUE_IN_LIST'
  | 'DATE_IS_VALID_DATE'
  | 'DATE_AFTER'
  | 'DATE_BEFORE'
  | 'DATE_BETWEEN'
  | 'DATE_ON_OR_AFTER'
  | 'DATE_ON_OR_BEFORE'
  | 'NUMBER_BETWEEN'
  | 'NUMBER_GREATER_THAN_OR_EQUAL_TO'
  | 'NUMBER_LESS_THAN_OR_EQUAL_TO'
  | 'CHECKBOX'
  | 'TEXT_IS_VALID_EMAIL';

export interface ValidationData {
  criteria: ValidationCriteria;
  /** As getCriteriaValues gives them (VALUE_IN_LIST: [values, showDropdown]). */
  values: (StoredValue | string[])[];
  allowInvalid: boolean;
  helpText: string;
}

export interface ProtectionData {
  id: number;
  sheetId: number;
  type: 'RANGE' | 'SHEET';
  /** The protected cells (RANGE); null for a whole sheet. */
  rect: Rect | null;
  description: string;
  warningOnly: boolean;
  editors: string[];
  domainEdit: boolean;
  /** Holes in a sheet protection. */
  unprotected: Rect[];
}

export interface SheetData {
  sheetId: number;
  name: string;
  hidden: boolean;
  frozenRows: number;
  frozenColumns: number;
  maxRows: number;
  maxColumns: number;
  /** What getValues reads (for formulas: their computed value). */
  values: Grid<StoredValue>;
  formulas: Grid<string>;
  numberFormats: Grid<string>;
  notes: Grid<string>;
  fontWeights: Grid<string>;
  backgrounds: Grid<string>;
  /** Index into `validationRules`. */
  validations: Grid<number>;
  validationRules: ValidationData[];
  /** Embedded charts (Sheet.insertChart); absent in states saved before charts existed. */
  charts?: ChartData[];
}

/** An embedded chart: its type, the ranges it draws, where it sits, its options. */
export interface ChartData {
  chartId: number;
  type: string;
  ranges: { sheetId: number; rect: Rect }[];
  position: { row: number; column: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
}

export interface ToastRecord {
  user: string;
  message: string;
  title: string;
  timeoutSeconds: number;
  atMs: number;
}

export interface SpreadsheetFile {
  id: string;
  name: string;
  owner: string;
  timeZone: string;
  /** 'it_IT' (default) or 'en_US': decides display of numbers, booleans and default dates. */
  locale: string;
  sheets: SheetData[];
  activeSheetId: number;
  protections: ProtectionData[];
  nextProtectionId: number;
  toasts: ToastRecord[];
}

export type MenuEntry =
  { caption: string; functionName: string } | { separator: true } | { caption: string; submenu: MenuEntry[] };

export interface MenuRecord {
  user: string;
  spreadsheetId: string;
  caption: string;
  addon: boolean;
  items: MenuEntry[];
}

export interface ShownHtml {
  user: string;
  spreadsheetId: string;
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  html: string;
  width: number;
  height: number;
  atMs: number;
}

export interface AlertRecord {
  user: string;
  kind: 'alert' | 'prompt';
  title: string;
  prompt: string;
  buttons: string;
  answer: string;
  atMs: number;
}

export interface SpreadsheetState {
  nextId: number;
  nextSheetId: number;
  /** Counter of embedded chart ids (absent in older saved states). */
  nextChartId?: number;
  files: Record<string, SpreadsheetFile>;
  ui: { menus: MenuRecord[]; shown: ShownHtml[]; alerts: AlertRecord[] };
}

export function emptySpreadsheetState(): SpreadsheetState {
  return { nextId: 1, nextSheetId: 1, files: {}, ui: { menus: [], shown: [], alerts: [] } };
}

// ---------------------------------------------------------------------------------------------
// Constants and messages

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;
export const MAX_CELLS = 10_000_000;
/** What getNumberFormat reports for a cell left on the automatic format. */
export const AUTOMATIC_NUMBER_FORMAT = '0.###############';
export const PROTECTED_MESSAGE =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';
export const OUTSIDE_SHEET_MESSAGE = 'The coordinates of the range are outside the dimensions of the sheet.';
export const NO_UI_MESSAGE = 'Cannot call SpreadsheetApp.getUi() from this context.';

export const ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;
export const DataValidationCriteria = Object.fromEntries(
  [
    'DATE_AFTER',
    'DATE_BEFORE',
    'DATE_BETWEEN',
    'DATE_EQUAL_TO',
    'DATE_IS_VALID_DATE',
    'DATE_NOT_BETWEEN',
    'DATE_ON_OR_AFTER',
    'DATE_ON_OR_BEFORE',
    'NUMBER_BETWEEN',
    'NUMBER_EQUAL_TO',
    'NUMBER_GREATER_THAN',
    'NUMBER_GREATER_THAN_OR_EQUAL_TO',
    'NUMBER_LESS_THAN',
    'NUMBER_LESS_THAN_OR_EQUAL_TO',
    'NUMBER_NOT_BETWEEN',
    'NUMBER_NOT_EQUAL_TO',
    'TEXT_CONTAINS',
    'TEXT_DOES_NOT_CONTAIN',
    'TEXT_EQUAL_TO',
    'TEXT_IS_VALID_EMAIL',
    'TEXT_IS_VALID_URL',
    'VALUE_IN_LIST',
    'VALUE_IN_RANGE',
    'CUSTOM_FORMULA',
    'CHECKBOX',
  ].map((k) => [k, k]),
);
export const Button = { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' } as const;
export const ButtonSet = {
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const;

// ---------------------------------------------------------------------------------------------
// Grids, A1 notation

export function getCell<T>(grid: Grid<T>, row: number, column: number): T | null {
  const r = grid[row - 1];
  if (!r) return null;
  const v = r[column - 1];
  return v === undefined ? null : v;
}

export function setCell<T>(grid: Grid<T>, row: number, column: number, value: T | null): void {
  let r = grid[row - 1];
  if (!r) {
    if (value === null) return;
    while (grid.length < row - 1) grid.push(null);
    r = [];
    grid[row - 1] = r;
  }
  if (value === null && r.length < column) return;
  while (r.length < column - 1) r.push(null);
  r[column - 1] = value;
}

/** Every per-cell grid of a sheet (values, formulas and formats move together). */
export function gridsOf(sheet: SheetData): Grid<unknown>[] {
  return [
    sheet.values,
    sheet.formulas,
    sheet.numberFormats,
    sheet.notes,
    sheet.fontWeights,
    sheet.backgrounds,
    sheet.validations,
  ];
}

export function columnLetter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1Notation(rect: Rect): string {
  const start = `${columnLetter(rect.column)}${rect.row}`;
  if (rect.numRows === 1 && rect.numColumns === 1) return start;
  return `${start}:${columnLetter(rect.column + rect.numColumns - 1)}${rect.row + rect.numRows - 1}`;
}

/** 'A1', 'A1:D10', 'A:D', 'A2:D', '2:5' (with or without $) → a rectangle; null if not A1. */
export function parseA1(a1: string, maxRows: number, maxColumns: number): Rect | null {
  const text = a1.replace(/\$/g, '').trim();
  const rows = /^(\d+):(\d+)$/.exec(text);
  if (rows) {
    const [a, b] = [Number(rows[1]), Number(rows[2])].sort((x, y) => x - y);
    return a >= 1 ? { row: a, column: 1, numRows: b - a + 1, numColumns: maxColumns } : null;
  }
  const m = /^([A-Za-z]+)(\d+)?(?::([A-Za-z]+)(\d+)?)?$/.exec(text);
  if (!m) return null;
  const c1 = columnNumber(m[1]);
  const r1 = m[2] ? Number(m[2]) : 1;
  if (m[2] !== undefined && r1 < 1) return null;
  if (m[3] === undefined) {
    return m[2] === undefined ? null : { row: r1, column: c1, numRows: 1, numColumns: 1 };
  }
  const c2 = columnNumber(m[3]);
  const r2 = m[4] ? Number(m[4]) : maxRows;
  const row = Math.min(r1, r2);
  const column = Math.min(c1, c2);
  return { row, column, numRows: Math.max(r1, r2) - row + 1, numColumns: Math.max(c1, c2) - column + 1 };
}

function intersects(a: Rect, b: Rect): boolean {
  return (
    a.row < b.row + b.numRows &&
    b.row < a.row + a.numRows &&
    a.column < b.column + b.numColumns &&
    b.column < a.column + a.numColumns
  );
}

/** `a` minus `b`, as up to four rectangles. */
function subtract(a: Rect, b: Rect): Rect[] {
  if (!intersects(a, b)) return [a];
  const out: Rect[] = [];
  const aBottom = a.row + a.numRows;
  const bBottom = b.row + b.numRows;
  const aRight = a.column + a.numColumns;
  const bRight = b.column + b.numColumns;
  if (b.row > a.row) out.push({ ...a, numRows: b.row - a.row });
  if (bBottom < aBottom) out.push({ ...a, row: bBottom, numRows: aBottom - bBottom });
  const top = Math.max(a.row, b.row);
  const height = Math.min(aBottom, bBottom) - top;
  if (b.column > a.column)
    out.push({ row: top, numRows: height, column: a.column, numColumns: b.column - a.column });
  if (bRight < aRight) out.push({ row: top, numRows: height, column: bRight, numColumns: aRight - bRight });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading what was typed

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d && y >= 1;
}

export interface Interpreted {
  value: StoredValue;
  formula: string | null;
  /** The number format Sheets picks for what it recognised (a date typed as '2026-11-09'...). */
  autoFormat: string | null;
}

/** What a cell holds after `input` is written to it, as Sheets reads a typed entry. */
export function interpretInput(input: unknown, numberFormat: string | null, timeZone: string): Interpreted {
  const plain = (value: StoredValue): Interpreted => ({ value, formula: null, autoFormat: null });
  if (input === null || input === undefined) return plain(null);
  if (isDate(input)) {
    const ms = input.getTime();
    if (Number.isNaN(ms)) return plain('Invalid Date');
    return plain({ date: ms });
  }
  if (typeof input === 'number') return plain(Number.isFinite(input) ? input : '#NUM!');
  if (typeof input === 'boolean') return plain(input);
  if (typeof input !== 'string') return plain(String(input));
  if (input === '') return plain(null);
  // A leading apostrophe makes Sheets keep the rest as plain text; the apostrophe is not part
  // of the value (getValue returns the text without it).
  if (input.startsWith("'")) return plain(input.slice(1));
  if (numberFormat === '@') return plain(input);
  if (input.startsWith('=') && input.length > 1)
    return { value: evaluateFormula(input), formula: input, autoFormat: null };
  const num = /^([+-]?)(\d+)(?:,(\d+))?(%?)$/.exec(input);
  if (num) {
    const n = Number(`${num[1]}${num[2]}.${num[3] ?? '0'}`) / (num[4] ? 100 : 1);
    return { value: n, formula: null, autoFormat: num[4] ? '0%' : null };
  }
  if ((input.startsWith('+') || input.startsWith('-')) && input.length > 1) {
    const formula = `=${input}`;
    return { value: evaluateFormula(formula), formula, autoFormat: null };
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(input);
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(input);
  const date = iso
    ? { y: +iso[1], m: +iso[2], d: +iso[3], h: iso[4], mi: iso[5], s: iso[6], format: 'yyyy-mm-dd' }
    : dmy
      ? { y: +dmy[3], m: +dmy[2], d: +dmy[1], h: undefined, mi: undefined, s: undefined, format: 'd/m/yyyy' }
      : null;
  if (date && realDate(date.y, date.m, date.d)) {
    const hour = date.h === undefined ? 0 : Number(date.h);
    const minute = date.mi === undefined ? 0 : Number(date.mi);
    const second = date.s === undefined ? 0 : Number(date.s);
    if (hour < 24 && minute < 60 && second < 60) {
      const ms = zonedToEpoch({ year: date.y, month: date.m, day: date.d, hour, minute, second }, timeZone);
      return {
        value: { date: ms },
        formula: null,
        autoFormat: date.h === undefined ? date.format : `${date.format} h:mm:ss`,
      };
    }
  }
  const time = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(input);
  if (time && Number(time[1]) < 24 && Number(time[2]) < 60 && Number(time[3] ?? 0) < 60) {
    const ms = zonedToEpoch(
      { year: 1899, month: 12, day: 30, hour: +time[1], minute: +time[2], second: +(time[3] ?? 0) },
      timeZone,
    );
    return { value: { date: ms }, formula: null, autoFormat: time[3] ? 'h:mm:ss' : 'h:mm' };
  }
  return plain(input);
}

/**
 * The value of a formula, for the little the fake computes: arithmetic on numbers, "text",
 * & (concatenation) and HYPERLINK(url, label). Anything else: '#NAME?' (unknown names, cell
 * references) or '#ERROR!' (what Sheets cannot parse).
 */
export function evaluateFormula(formula: string): string | number | boolean {
  const src = formula.slice(1);
  const tokens: (string | number)[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?)|("(?:[^"]|"")*")|([A-Za-z_][A-Za-z0-9_.]*)|(.))/y;
  let m: RegExpExecArray | null;
  let i = 0;
  while (i < src.length && (m = re.exec(src))) {
    i = re.lastIndex;
    if (m[1]) tokens.push(Number(m[1]));
    else if (m[2]) tokens.push(`"${m[2].slice(1, -1).replace(/""/g, '"')}`);
    else if (m[3]) tokens.push(`$${m[3].toUpperCase()}`);
    else if (m[4] && m[4].trim()) tokens.push(m[4]);
  }
  let pos = 0;
  class Fail extends Error {
    constructor(readonly code: string) {
      super(code);
    }
  }
  const peek = () => tokens[pos];
  const num = (v: unknown) => {
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    const n = Number(v);
    if (v === '' || Number.isNaN(n)) throw new Fail('#VALUE!');
    return n;
  };
  const primary = (): string | number | boolean => {
    const t = tokens[pos++];
    if (typeof t === 'number') return t;
    if (t === undefined) throw new Fail('#ERROR!');
    if (t === '(') {
      const v = concat();
      if (tokens[pos++] !== ')') throw new Fail('#ERROR!');
      return v;
    }
    if (t === '-') return -num(primary());
    if (t === '+') return num(primary());
    if (t.startsWith('"')) return t.slice(1);
    if (t === '$TRUE' || t === '$FALSE') return t === '$TRUE';
    if (t === '$HYPERLINK' && tokens[pos] === '(') {
      pos++;
      const url = concat();
      let label = url;
      if (tokens[pos] === ',' || tokens[pos] === ';') {
        pos++;
        label = concat();
      }
      if (tokens[pos++] !== ')') throw new Fail('#ERROR!');
      return label;
    }
    if (t.startsWith('$')) throw new Fail('#NAME?');
    throw new Fail('#ERROR!');
  };
  const term = (): string | number | boolean => {
    let v = primary();
    while (peek() === '*' || peek() === '/') {
      const op = tokens[pos++];
      const r = num(primary());
      if (op === '/' && r === 0) throw new Fail('#DIV/0!');
      v = op === '*' ? num(v) * r : num(v) / r;
    }
    return v;
  };
  const sum = (): string | number | boolean => {
    let v = term();
    while (peek() === '+' || peek() === '-') {
      const op = tokens[pos++];
      const r = num(term());
      v = op === '+' ? num(v) + r : num(v) - r;
    }
    return v;
  };
  const concat = (): string | number | boolean => {
    let v = sum();
    while (peek() === '&') {
      pos++;
      v = `${String(v)}${String(sum())}`;
    }
    return v;
  };
  try {
    if (i < src.length) throw new Fail('#ERROR!');
    const v = concat();
    if (pos !== tokens.length) throw new Fail('#ERROR!');
    return v;
  } catch (e) {
    if (e instanceof Fail) return e.code;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Display

const IT_MONTHS = [
  'gennaio',
  'febbraio',
  'marzo',
  'aprile',
  'maggio',
  'giugno',
  'luglio',
  'agosto',
  'settembre',
  'ottobre',
  'novembre',
  'dicembre',
];
const IT_DAYS = ['domenica', 'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato'];
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const EN_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const isDateFormat = (format: string) =>
  /[dy]|h|s|mmm/i.test(format.replace(/"[^"]*"/g, '').replace(/\\./g, ''));

/** Renders a date with a Sheets date/time number format ('dd/mm/yyyy hh:mm', 'd mmmm yyyy'...). */
export function formatSheetsDate(ms: number, format: string, timeZone: string, locale: string): string {
  const p = zonedParts(ms, timeZone);
  const months = locale.startsWith('it') ? IT_MONTHS : EN_MONTHS;
  const days = locale.startsWith('it') ? IT_DAYS : EN_DAYS;
  type Tok = { kind: 'lit'; text: string } | { kind: string; n: number };
  const toks: Tok[] = [];
  const twelveHour = /am\/pm|a\/p/i.test(format);
  for (let i = 0; i < format.length;) {
    const rest = format.slice(i);
    const ampm = /^(am\/pm|a\/p)/i.exec(rest);
    if (ampm) {
      toks.push({ kind: 'ampm', n: ampm[0].length });
      i += ampm[0].length;
      continue;
    }
    const c = format[i];
    if (c === '"') {
      const end = format.indexOf('"', i + 1);
      toks.push({ kind: 'lit', text: format.slice(i + 1, end < 0 ? undefined : end) });
      i = end < 0 ? format.length : end + 1;
      continue;
    }
    if (c === '\\') {
      toks.push({ kind: 'lit', text: format[i + 1] ?? '' });
      i += 2;
      continue;
    }
    const lower = c.toLowerCase();
    if ('ydmhs'.includes(lower)) {
      let n = 1;
      while (format[i + n] && format[i + n].toLowerCase() === lower) n++;
      toks.push({ kind: lower, n });
      i += n;
      continue;
    }
    toks.push({ kind: 'lit', text: c });
    i++;
  }
  const fields = toks.filter((t) => t.kind !== 'lit');
  let out = '';
  for (const t of toks) {
    if (t.kind === 'lit') {
      out += (t as { text: string }).text;
      continue;
    }
    const n = (t as { n: number }).n;
    const at = fields.indexOf(t);
    switch (t.kind) {
      case 'y':
        out += n <= 2 ? String(p.year % 100).padStart(2, '0') : String(p.year);
        break;
      case 'd':
        out +=
          n === 1
            ? String(p.day)
            : n === 2
              ? String(p.day).padStart(2, '0')
              : n === 3
                ? days[p.weekday].slice(0, 3)
                : days[p.weekday];
        break;
      case 'm': {
        const minute = n <= 2 && (fields[at - 1]?.kind === 'h' || fields[at + 1]?.kind === 's');
        if (minute) out += n === 1 ? String(p.minute) : String(p.minute).padStart(2, '0');
        else
          out +=
            n === 1
              ? String(p.month)
              : n === 2
                ? String(p.month).padStart(2, '0')
                : n === 3
                  ? months[p.month - 1].slice(0, 3)
                  : months[p.month - 1];
        break;
      }
      case 'h': {
        const h = twelveHour ? p.hour % 12 || 12 : p.hour;
        out += n === 1 ? String(h) : String(h).padStart(2, '0');
        break;
      }
      case 's':
        out += n === 1 ? String(p.second) : String(p.second).padStart(2, '0');
        break;
      case 'ampm':
        out += n === 3 ? (p.hour < 12 ? 'a' : 'p') : p.hour < 12 ? 'AM' : 'PM';
        break;
    }
  }
  return out;
}

function formatNumber(n: number, format: string | null, locale: string): string {
  const decimalSep = locale.startsWith('it') ? ',' : '.';
  const groupSep = locale.startsWith('it') ? '.' : ',';
  const numeric = format && format !== '@' && /^[#0,.%]+$/.test(format) ? format : null;
  if (!numeric) {
    const s = String(Math.round(n * 1e10) / 1e10);
    return s.replace('.', decimalSep);
  }
  const percent = numeric.endsWith('%');
  const body = numeric.replace('%', '');
  const [intPart, decPart = ''] = body.split('.');
  const decimals = decPart.length;
  const value = percent ? n * 100 : n;
  let [whole, frac = ''] = Math.abs(value).toFixed(decimals).split('.');
  const minInt = (intPart.match(/0/g) ?? []).length;
  whole = whole.padStart(minInt, '0');
  if (whole === '0' && minInt === 0) whole = '';
  if (intPart.includes(',')) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, groupSep);
  // '0' places always show; '#' places only when not a trailing zero.
  const required = (decPart.match(/0/g) ?? []).length;
  while (frac.length > required && frac.endsWith('0')) frac = frac.slice(0, -1);
  return `${value < 0 ? '-' : ''}${whole}${frac ? decimalSep + frac : ''}${percent ? '%' : ''}`;
}

/** A cell's value as the spreadsheet shows it (getDisplayValues). */
export function displayValue(value: StoredValue, format: string | null, file: SpreadsheetFile): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean')
    return file.locale.startsWith('it') ? (value ? 'VERO' : 'FALSO') : value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (format && format !== '@' && isDateFormat(format)) {
      const ms = zonedToEpoch({ year: 1899, month: 12, day: 30 }, file.timeZone) + value * 86400000;
      return formatSheetsDate(ms, format, file.timeZone, file.locale);
    }
    return formatNumber(value, format, file.locale);
  }
  if (format && format !== '@' && isDateFormat(format))
    return formatSheetsDate(value.date, format, file.timeZone, file.locale);
  const p = zonedParts(value.date, file.timeZone);
  const midnight = p.hour === 0 && p.minute === 0 && p.second === 0;
  const dateFormat = file.locale.startsWith('it') ? 'dd/mm/yyyy' : 'm/d/yyyy';
  return formatSheetsDate(
    value.date,
    midnight ? dateFormat : `${dateFormat} hh:mm:ss`,
    file.timeZone,
    file.locale,
  );
}

// ---------------------------------------------------------------------------------------------
// Validation (enforced on UI edits only)

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function validationPasses(rule: ValidationData, value: StoredValue): boolean {
  const dateMs = (v: unknown) =>
    v && typeof v === 'object' && 'date' in v ? (v as { date: number }).date : NaN;
  const [a, b] = rule.values;
  switch (rule.criteria) {
    case 'VALUE_IN_LIST':
      return (
        value === null || (a as string[]).map(String).includes(typeof value === 'object' ? '' : String(value))
      );
    case 'DATE_IS_VALID_DATE':
      return value === null || (typeof value === 'object' && value !== null);
    case 'DATE_AFTER':
      return dateMs(value) > dateMs(a);
    case 'DATE_BEFORE':
      return dateMs(value) < dateMs(a);
    case 'DATE_ON_OR_AFTER':
      return dateMs(value) >= dateMs(a);
    case 'DATE_ON_OR_BEFORE':
      return dateMs(value) <= dateMs(a);
    case 'DATE_BETWEEN':
      return dateMs(value) >= dateMs(a) && dateMs(value) <= dateMs(b);
    case 'NUMBER_BETWEEN':
      return typeof value === 'number' && value >= Number(a) && value <= Number(b);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return typeof value === 'number' && value >= Number(a);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return typeof value === 'number' && value <= Number(a);
    case 'CHECKBOX':
      return value === null || typeof value === 'boolean';
    case 'TEXT_IS_VALID_EMAIL':
      return value === null || (typeof value === 'string' && EMAIL.test(value));
  }
}

// ---------------------------------------------------------------------------------------------
// The fakes

type RangeType = GoogleAppsScript.Spreadsheet.Range;
type SheetType = GoogleAppsScript.Spreadsheet.Sheet;
type SpreadsheetType = GoogleAppsScript.Spreadsheet.Spreadsheet;
type ProtectionTypeG = GoogleAppsScript.Spreadsheet.Protection;
type DataValidationType = GoogleAppsScript.Spreadsheet.DataValidation;
type DataValidationBuilderType = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type Cell = string | number | boolean | Date;

/** What every fake of this file shares. */
interface Ctx {
  ws: Workspace;
  runtime: ScriptRuntime;
  state: SpreadsheetState;
  files: DriveFiles;
}

/** Google's answer to a script acting on a spreadsheet its user may not open or change. */
export const NO_ACCESS_MESSAGE = 'You do not have permission to access the requested document.';

/** Throws Google's message unless `user` may change the file at all (edit access). */
function assertFileEditable(ctx: Ctx, file: SpreadsheetFile, user = ctx.ws.effectiveUser()): void {
  if (ctx.files.level(file.id, user) < ACCESS_LEVEL.EDIT) throw ctx.ws.error(NO_ACCESS_MESSAGE);
}
/** The file's owner, as Drive knows it (ownership can be transferred there). */
function ownerOf(ctx: Ctx, file: SpreadsheetFile): string {
  return ctx.files.owner(file.id) ?? file.owner;
}
const sameDomainAs = (a: string, b: string) =>
  a.slice(a.indexOf('@') + 1).toLowerCase() === b.slice(b.indexOf('@') + 1).toLowerCase();

const SVC = 'SpreadsheetApp';

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'Object[]';
  if (isDate(v)) return 'Date';
  return (
    { string: 'String', number: 'number', boolean: 'Boolean', undefined: 'undefined' }[typeof v as string] ??
    'Object'
  );
}

function signatureError(ctx: Ctx, args: unknown[], method: string): Error {
  return ctx.ws.error(
    `The parameters (${args.map(typeName).join(',')}) don't match the method signature for SpreadsheetApp.${method}.`,
  );
}

function toCell(v: StoredValue): Cell {
  if (v === null) return '';
  if (typeof v === 'object') return new Date(v.date);
  return v;
}

function cellCount(file: SpreadsheetFile): number {
  return file.sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
}

/** Throws Google's message if the acting user may not change `rect` of `sheet`. */
function assertCanEdit(
  ctx: Ctx,
  file: SpreadsheetFile,
  sheet: SheetData,
  rect: Rect,
  user = ctx.ws.effectiveUser(),
) {
  assertFileEditable(ctx, file, user);
  if (user === ownerOf(ctx, file)) return;
  for (const p of file.protections) {
    const domainMay = p.domainEdit && sameDomainAs(user, ownerOf(ctx, file));
    if (p.sheetId !== sheet.sheetId || p.warningOnly || domainMay || p.editors.includes(user)) continue;
    if (p.type === 'RANGE' && p.rect && intersects(p.rect, rect)) throw ctx.ws.error(PROTECTED_MESSAGE);
    if (p.type === 'SHEET') {
      let remaining = [rect];
      for (const hole of p.unprotected) remaining = remaining.flatMap((r) => subtract(r, hole));
      if (remaining.length > 0) throw ctx.ws.error(PROTECTED_MESSAGE);
    }
  }
}

export class FakeRange implements Pick<
  RangeType,
  | 'getValues'
  | 'setValues'
  | 'getValue'
  | 'setValue'
  | 'getDisplayValues'
  | 'getDisplayValue'
  | 'getFormulas'
  | 'getFormula'
  | 'setFormula'
  | 'setFormulas'
  | 'getRow'
  | 'getColumn'
  | 'getNumRows'
  | 'getNumColumns'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getA1Notation'
  | 'getSheet'
  | 'getCell'
  | 'offset'
  | 'isBlank'
  | 'setDataValidation'
  | 'setDataValidations'
  | 'getDataValidation'
  | 'getDataValidations'
  | 'clearDataValidations'
  | 'clearContent'
  | 'clear'
  | 'clearFormat'
  | 'clearNote'
  | 'setNumberFormat'
  | 'setNumberFormats'
  | 'getNumberFormat'
  | 'getNumberFormats'
  | 'setFontWeight'
  | 'setFontWeights'
  | 'getFontWeight'
  | 'getFontWeights'
  | 'setBackground'
  | 'setBackgrounds'
  | 'getBackground'
  | 'getBackgrounds'
  | 'setNote'
  | 'setNotes'
  | 'getNote'
  | 'getNotes'
  | 'protect'
  | 'activate'
  | 'setWrap'
  | 'setHorizontalAlignment'
  | 'setVerticalAlignment'
  | 'setFontColor'
  | 'setFontSize'
  | 'setFontStyle'
  | 'setFontFamily'
> {
  constructor(
    private readonly ctx: Ctx,
    readonly file: SpreadsheetFile,
    readonly sheet: SheetData,
    readonly rect: Rect,
  ) {}

  private self(): RangeType {
    return this as unknown as RangeType;
  }
  private call(method: string): void {
    this.ctx.ws.call(SVC, `Range.${method}`);
  }
  private cells<T>(read: (row: number, column: number) => T): T[][] {
    const { row, column, numRows, numColumns } = this.rect;
    const out: T[][] = [];
    for (let r = row; r < row + numRows; r++) {
      const line: T[] = new Array(numColumns);
      for (let c = 0; c < numColumns; c++) line[c] = read(r, column + c);
      out.push(line);
    }
    return out;
  }
  private checkSize(data: unknown, method: string): unknown[][] {
    if (!Array.isArray(data)) throw signatureError(this.ctx, [data], `Range.${method}`);
    if (data.length !== this.rect.numRows)
      throw this.ctx.ws.error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this.rect.numRows}.`,
      );
    for (const line of data) {
      if (!Array.isArray(line)) throw signatureError(this.ctx, [data], `Range.${method}`);
      if (line.length !== this.rect.numColumns)
        throw this.ctx.ws.error(
          `The number of columns in the data does not match the number of columns in the range. The data has ${line.length} but the range has ${this.rect.numColumns}.`,
        );
    }
    return data as unknown[][];
  }
  private assertEditable(): void {
    assertCanEdit(this.ctx, this.file, this.sheet, this.rect);
  }
  /** Writes what a script or a user typed into one cell. */
  private writeInput(row: number, column: number, input: unknown): void {
    writeCell(this.sheet, this.file, row, column, input);
  }
  private forEach(fn: (row: number, column: number, r: number, c: number) => void): void {
    const { row, column, numRows, numColumns } = this.rect;
    for (let r = 0; r < numRows; r++) for (let c = 0; c < numColumns; c++) fn(row + r, column + c, r, c);
  }
  private fill<T>(grid: Grid<T>, value: T | null): void {
    this.forEach((row, column) => setCell(grid, row, column, value));
  }
  private fillEach<T>(grid: Grid<T>, data: unknown, method: string, convert: (v: unknown) => T | null): void {
    const rows = this.checkSize(data, method);
    this.assertEditable();
    this.forEach((row, column, r, c) => setCell(grid, row, column, convert(rows[r][c])));
  }

  /** Counts the rows a read returned (Workspace.rowsRead). */
  private rowsRead(rows: number): void {
    this.ctx.ws.readRows(SVC, rows);
  }

  getValues(): Cell[][] {
    this.call('getValues');
    this.rowsRead(this.rect.numRows);
    return this.cells((r, c) => toCell(getCell(this.sheet.values, r, c)));
  }
  setValues(values: unknown[][]): RangeType {
    this.call('setValues');
    const rows = this.checkSize(values, 'setValues');
    this.assertEditable();
    this.forEach((row, column, r, c) => this.writeInput(row, column, rows[r][c]));
    return this.self();
  }
  getValue(): Cell {
    this.call('getValue');
    this.rowsRead(1);
    return toCell(getCell(this.sheet.values, this.rect.row, this.rect.column));
  }
  setValue(value: unknown): RangeType {
    this.call('setValue');
    this.assertEditable();
    // Google writes the one value into every cell of the range.
    this.forEach((row, column) => this.writeInput(row, column, value));
    return this.self();
  }
  getDisplayValues(): string[][] {
    this.call('getDisplayValues');
    this.rowsRead(this.rect.numRows);
    return this.cells((r, c) =>
      displayValue(getCell(this.sheet.values, r, c), getCell(this.sheet.numberFormats, r, c), this.file),
    );
  }
  getDisplayValue(): string {
    this.call('getDisplayValue');
    this.rowsRead(1);
    const { row, column } = this.rect;
    return displayValue(
      getCell(this.sheet.values, row, column),
      getCell(this.sheet.numberFormats, row, column),
      this.file,
    );
  }
  getFormulas(): string[][] {
    this.call('getFormulas');
    this.rowsRead(this.rect.numRows);
    return this.cells((r, c) => getCell(this.sheet.formulas, r, c) ?? '');
  }
  getFormula(): string {
    this.call('getFormula');
    this.rowsRead(1);
    return getCell(this.sheet.formulas, this.rect.row, this.rect.column) ?? '';
  }
  setFormula(formula: string): RangeType {
    this.call('setFormula');
    this.assertEditable();
    this.forEach((row, column) => writeFormula(this.sheet, row, column, String(formula)));
    return this.self();
  }
  setFormulas(formulas: string[][]): RangeType {
    this.call('setFormulas');
    const rows = this.checkSize(formulas, 'setFormulas');
    this.assertEditable();
    this.forEach((row, column, r, c) => writeFormula(this.sheet, row, column, String(rows[r][c] ?? '')));
    return this.self();
  }
  getRow(): number {
    this.call('getRow');
    return this.rect.row;
  }
  getColumn(): number {
    this.call('getColumn');
    return this.rect.column;
  }
  getNumRows(): number {
    this.call('getNumRows');
    return this.rect.numRows;
  }
  getNumColumns(): number {
    this.call('getNumColumns');
    return this.rect.numColumns;
  }
  getLastRow(): number {
    this.call('getLastRow');
    return this.rect.row + this.rect.numRows - 1;
  }
  getLastColumn(): number {
    this.call('getLastColumn');
    return this.rect.column + this.rect.numColumns - 1;
  }
  getA1Notation(): string {
    this.call('getA1Notation');
    return a1Notation(this.rect);
  }
  /**
   * A text finder over the range's displayed values (Range.createTextFinder): findNext and
   * findAll give the matching cells, row by row. The search runs in Google, so only the cells
   * found count as rows read.
   */
  createTextFinder(findText: string): GoogleAppsScript.Spreadsheet.TextFinder {
    this.call('createTextFinder');
    if (typeof findText !== 'string' || findText === '')
      throw this.ctx.ws.error('Invalid argument: findText');
    return new FakeTextFinder(this.ctx, this, findText) as unknown as GoogleAppsScript.Spreadsheet.TextFinder;
  }
  /** The displayed text of each cell, row by row (for the text finder). */
  displayedCells(): { row: number; column: number; text: string }[] {
    const out: { row: number; column: number; text: string }[] = [];
    this.forEach((row, column) => {
      const value = getCell(this.sheet.values, row, column);
      if (value !== null)
        out.push({
          row,
          column,
          text: displayValue(value, getCell(this.sheet.numberFormats, row, column), this.file),
        });
    });
    return out;
  }
  /** A range of one cell of the same sheet. */
  cellAt(row: number, column: number): RangeType {
    return new FakeRange(this.ctx, this.file, this.sheet, {
      row,
      column,
      numRows: 1,
      numColumns: 1,
    }) as unknown as RangeType;
  }
  getSheet(): SheetType {
    this.call('getSheet');
    return new FakeSheet(this.ctx, this.file, this.sheet) as unknown as SheetType;
  }
  getCell(row: number, column: number): RangeType {
    this.call('getCell');
    if (row < 1 || column < 1 || row > this.rect.numRows || column > this.rect.numColumns)
      throw this.ctx.ws.error(OUTSIDE_SHEET_MESSAGE);
    return new FakeRange(this.ctx, this.file, this.sheet, {
      row: this.rect.row + row - 1,
      column: this.rect.column + column - 1,
      numRows: 1,
      numColumns: 1,
    }) as unknown as RangeType;
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): RangeType {
    this.call('offset');
    const rect = {
      row: this.rect.row + rowOffset,
      column: this.rect.column + columnOffset,
      numRows: numRows ?? this.rect.numRows,
      numColumns: numColumns ?? this.rect.numColumns,
    };
    checkRect(this.ctx, this.sheet, rect);
    return new FakeRange(this.ctx, this.file, this.sheet, rect) as unknown as RangeType;
  }
  isBlank(): boolean {
    this.call('isBlank');
    return this.cells(
      (r, c) => getCell(this.sheet.values, r, c) === null && getCell(this.sheet.formulas, r, c) === null,
    )
      .flat()
      .every(Boolean);
  }
  setDataValidation(rule: DataValidationType | null): RangeType {
    this.call('setDataValidation');
    this.assertEditable();
    const index = rule === null ? null : ruleIndex(this.sheet, ruleData(this.ctx, rule));
    this.fill(this.sheet.validations, index);
    return this.self();
  }
  setDataValidations(rules: (DataValidationType | null)[][]): RangeType {
    this.call('setDataValidations');
    this.fillEach(this.sheet.validations, rules, 'setDataValidations', (rule) =>
      rule === null || rule === undefined ? null : ruleIndex(this.sheet, ruleData(this.ctx, rule)),
    );
    return this.self();
  }
  getDataValidation(): DataValidationType | null {
    this.call('getDataValidation');
    const i = getCell(this.sheet.validations, this.rect.row, this.rect.column);
    return i === null
      ? null
      : (new FakeDataValidation(this.ctx, this.sheet.validationRules[i]) as unknown as DataValidationType);
  }
  getDataValidations(): (DataValidationType | null)[][] {
    this.call('getDataValidations');
    return this.cells((r, c) => {
      const i = getCell(this.sheet.validations, r, c);
      return i === null
        ? null
        : (new FakeDataValidation(this.ctx, this.sheet.validationRules[i]) as unknown as DataValidationType);
    });
  }
  clearDataValidations(): RangeType {
    this.call('clearDataValidations');
    this.assertEditable();
    this.fill(this.sheet.validations, null);
    return this.self();
  }
  clearContent(): RangeType {
    this.call('clearContent');
    this.assertEditable();
    this.fill(this.sheet.values, null);
    this.fill(this.sheet.formulas, null);
    return this.self();
  }
  clear(): RangeType {
    this.call('clear');
    this.assertEditable();
    for (const grid of [
      this.sheet.values,
      this.sheet.formulas,
      this.sheet.numberFormats,
      this.sheet.notes,
      this.sheet.fontWeights,
      this.sheet.backgrounds,
    ])
      this.fill(grid as Grid<unknown>, null);
    return this.self();
  }
  clearFormat(): RangeType {
    this.call('clearFormat');
    this.assertEditable();
    for (const grid of [this.sheet.numberFormats, this.sheet.fontWeights, this.sheet.backgrounds])
      this.fill(grid, null);
    return this.self();
  }
  clearNote(): RangeType {
    this.call('clearNote');
    this.assertEditable();
    this.fill(this.sheet.notes, null);
    return this.self();
  }
  setNumberFormat(numberFormat: string): RangeType {
    this.call('setNumberFormat');
    this.assertEditable();
    this.fill(this.sheet.numberFormats, String(numberFormat));
    return this.self();
  }
  setNumberFormats(numberFormats: string[][]): RangeType {
    this.call('setNumberFormats');
    this.fillEach(this.sheet.numberFormats, numberFormats, 'setNumberFormats', (v) => (v ? String(v) : null));
    return this.self();
  }
  getNumberFormat(): string {
    this.call('getNumberFormat');
    return getCell(this.sheet.numberFormats, this.rect.row, this.rect.column) ?? AUTOMATIC_NUMBER_FORMAT;
  }
  getNumberFormats(): string[][] {
    this.call('getNumberFormats');
    return this.cells((r, c) => getCell(this.sheet.numberFormats, r, c) ?? AUTOMATIC_NUMBER_FORMAT);
  }
  setFontWeight(fontWeight: string | null): RangeType {
    this.call('setFontWeight');
    this.assertEditable();
    this.fill(this.sheet.fontWeights, fontWeight === 'normal' ? null : fontWeight);
    return this.self();
  }
  setFontWeights(fontWeights: (string | null)[][]): RangeType {
    this.call('setFontWeights');
    this.fillEach(this.sheet.fontWeights, fontWeights, 'setFontWeights', (v) =>
      v && v !== 'normal' ? String(v) : null,
    );
    return this.self();
  }
  getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight {
    this.call('getFontWeight');
    return (getCell(this.sheet.fontWeights, this.rect.row, this.rect.column) ??
      'normal') as GoogleAppsScript.Spreadsheet.FontWeight;
  }
  getFontWeights(): GoogleAppsScript.Spreadsheet.FontWeight[][] {
    this.call('getFontWeights');
    return this.cells(
      (r, c) =>
        (getCell(this.sheet.fontWeights, r, c) ?? 'normal') as GoogleAppsScript.Spreadsheet.FontWeight,
    );
  }
  setBackground(color: string | null): RangeType {
    this.call('setBackground');
    this.assertEditable();
    this.fill(this.sheet.backgrounds, color);
    return this.self();
  }
  setBackgrounds(color: (string | null)[][]): RangeType {
    this.call('setBackgrounds');
    this.fillEach(this.sheet.backgrounds, color, 'setBackgrounds', (v) => (v ? String(v) : null));
    return this.self();
  }
  getBackground(): string {
    this.call('getBackground');
    return getCell(this.sheet.backgrounds, this.rect.row, this.rect.column) ?? '#ffffff';
  }
  getBackgrounds(): string[][] {
    this.call('getBackgrounds');
    return this.cells((r, c) => getCell(this.sheet.backgrounds, r, c) ?? '#ffffff');
  }
  setNote(note: string | null): RangeType {
    this.call('setNote');
    this.assertEditable();
    this.fill(this.sheet.notes, note ? String(note) : null);
    return this.self();
  }
  setNotes(notes: (string | null)[][]): RangeType {
    this.call('setNotes');
    this.fillEach(this.sheet.notes, notes, 'setNotes', (v) => (v ? String(v) : null));
    return this.self();
  }
  getNote(): string {
    this.call('getNote');
    return getCell(this.sheet.notes, this.rect.row, this.rect.column) ?? '';
  }
  getNotes(): string[][] {
    this.call('getNotes');
    return this.cells((r, c) => getCell(this.sheet.notes, r, c) ?? '');
  }
  protect(): ProtectionTypeG {
    this.call('protect');
    return addProtection(this.ctx, this.file, this.sheet, 'RANGE', { ...this.rect });
  }
  activate(): RangeType {
    this.call('activate');
    this.file.activeSheetId = this.sheet.sheetId;
    return this.self();
  }
  // Cosmetic formatting: accepted, counted, not stored.
  setWrap(_isWrapEnabled: boolean): RangeType {
    this.call('setWrap');
    return this.self();
  }
  setHorizontalAlignment(_alignment: string | null): RangeType {
    this.call('setHorizontalAlignment');
    return this.self();
  }
  setVerticalAlignment(_alignment: string | null): RangeType {
    this.call('setVerticalAlignment');
    return this.self();
  }
  setFontColor(_color: string | null): RangeType {
    this.call('setFontColor');
    return this.self();
  }
  setFontSize(_size: number): RangeType {
    this.call('setFontSize');
    return this.self();
  }
  setFontStyle(_fontStyle: string | null): RangeType {
    this.call('setFontStyle');
    return this.self();
  }
  setFontFamily(_fontFamily: string | null): RangeType {
    this.call('setFontFamily');
    return this.self();
  }
}

/** Writes a typed or scripted entry into one cell (no protection check: the caller did it). */
function writeCell(
  sheet: SheetData,
  file: SpreadsheetFile,
  row: number,
  column: number,
  input: unknown,
): void {
  const format = getCell(sheet.numberFormats, row, column);
  const result = interpretInput(input, format, file.timeZone);
  setCell(sheet.values, row, column, result.value);
  setCell(sheet.formulas, row, column, result.formula);
  if (result.autoFormat && format === null) setCell(sheet.numberFormats, row, column, result.autoFormat);
}

function writeFormula(sheet: SheetData, row: number, column: number, formula: string): void {
  if (formula === '') {
    setCell(sheet.values, row, column, null);
    setCell(sheet.formulas, row, column, null);
    return;
  }
  const text = formula.startsWith('=') ? formula : `=${formula}`;
  setCell(sheet.formulas, row, column, text);
  setCell(sheet.values, row, column, evaluateFormula(text));
}

function checkRect(ctx: Ctx, sheet: SheetData, rect: Rect): void {
  if (rect.row < 1) throw ctx.ws.error('The starting row of the range is too small.');
  if (rect.column < 1) throw ctx.ws.error('The starting column of the range is too small.');
  if (rect.numRows < 1) throw ctx.ws.error('The number of rows in the range must be at least 1.');
  if (rect.numColumns < 1) throw ctx.ws.error('The number of columns in the range must be at least 1.');
  if (rect.row + rect.numRows - 1 > sheet.maxRows || rect.column + rect.numColumns - 1 > sheet.maxColumns)
    throw ctx.ws.error(OUTSIDE_SHEET_MESSAGE);
}

function ruleData(ctx: Ctx, rule: unknown): ValidationData {
  if (rule instanceof FakeDataValidation) return rule.data;
  throw signatureError(ctx, [rule], 'Range.setDataValidation');
}

/** The index of an equal rule of the sheet, adding it if new (so the state stores each rule once). */
function ruleIndex(sheet: SheetData, rule: ValidationData): number {
  const json = JSON.stringify(rule);
  const i = sheet.validationRules.findIndex((r) => JSON.stringify(r) === json);
  if (i >= 0) return i;
  sheet.validationRules.push(JSON.parse(json) as ValidationData);
  return sheet.validationRules.length - 1;
}

function lastUsedRow(sheet: SheetData): number {
  for (let r = Math.max(sheet.values.length, sheet.formulas.length); r >= 1; r--) {
    const v = sheet.values[r - 1];
    const f = sheet.formulas[r - 1];
    if ((v && v.some((x) => x !== null)) || (f && f.some((x) => x !== null))) return r;
  }
  return 0;
}

function lastUsedColumn(sheet: SheetData): number {
  let last = 0;
  for (const grid of [sheet.values, sheet.formulas] as Grid<unknown>[]) {
    for (const row of grid) {
      if (!row) continue;
      for (let c = row.length; c > last; c--) {
        if (row[c - 1] !== null && row[c - 1] !== undefined) {
          last = c;
          break;
        }
      }
    }
  }
  return last;
}

function newSheetData(
  sheetId: number,
  name: string,
  rows = DEFAULT_ROWS,
  columns = DEFAULT_COLUMNS,
): SheetData {
  return {
    sheetId,
    name,
    hidden: false,
    frozenRows: 0,
    frozenColumns: 0,
    maxRows: rows,
    maxColumns: columns,
    values: [],
    formulas: [],
    numberFormats: [],
    notes: [],
    fontWeights: [],
    backgrounds: [],
    validations: [],
    validationRules: [],
  };
}

/** Inserts `howMany` empty rows before row `before`; they take the formats of row `formatFrom`. */
function insertRows(
  sheet: SheetData,
  file: SpreadsheetFile,
  before: number,
  howMany: number,
  formatFrom: number,
): void {
  for (const grid of gridsOf(sheet)) {
    if (grid.length >= before) grid.splice(before - 1, 0, ...new Array<null>(howMany).fill(null));
  }
  if (formatFrom >= 1) {
    const source = formatFrom >= before ? formatFrom + howMany : formatFrom;
    for (const grid of [
      sheet.numberFormats,
      sheet.fontWeights,
      sheet.backgrounds,
      sheet.validations,
    ] as Grid<unknown>[]) {
      const row = grid[source - 1];
      if (!row) continue;
      for (let i = 0; i < howMany; i++) {
        while (grid.length < before - 1 + i) grid.push(null);
        grid[before - 1 + i] = [...row];
      }
    }
  }
  sheet.maxRows += howMany;
  for (const p of file.protections) {
    if (p.sheetId !== sheet.sheetId) continue;
    for (const r of [p.rect, ...p.unprotected]) {
      if (!r) continue;
      if (r.row >= before) r.row += howMany;
      else if (r.row + r.numRows > before) r.numRows += howMany;
    }
  }
}

/**
 * TextFinder: matchCase (default off), matchEntireCell (default off), findNext from the cell
 * after the last found, findAll. Each search is one call.
 */
class FakeTextFinder {
  private entire = false;
  private caseSensitive = false;
  private next = 0;
  constructor(
    private readonly ctx: Ctx,
    private readonly range: FakeRange,
    private readonly text: string,
  ) {}
  matchEntireCell(on: boolean): this {
    this.ctx.ws.call(SVC, 'TextFinder.matchEntireCell');
    this.entire = Boolean(on);
    return this;
  }
  matchCase(on: boolean): this {
    this.ctx.ws.call(SVC, 'TextFinder.matchCase');
    this.caseSensitive = Boolean(on);
    return this;
  }
  private matches(): { row: number; column: number }[] {
    const wanted = this.caseSensitive ? this.text : this.text.toLowerCase();
    return this.range.displayedCells().filter((c) => {
      const t = this.caseSensitive ? c.text : c.text.toLowerCase();
      return this.entire ? t === wanted : t.includes(wanted);
    });
  }
  findNext(): RangeType | null {
    this.ctx.ws.call(SVC, 'TextFinder.findNext');
    const found = this.matches()[this.next];
    if (!found) return null;
    this.next++;
    this.ctx.ws.readRows(SVC, 1);
    return this.range.cellAt(found.row, found.column);
  }
  findAll(): RangeType[] {
    this.ctx.ws.call(SVC, 'TextFinder.findAll');
    const found = this.matches();
    this.ctx.ws.readRows(SVC, new Set(found.map((f) => f.row)).size);
    return found.map((f) => this.range.cellAt(f.row, f.column));
  }
}

// ---------------------------------------------------------------------------------------------

export class FakeSheet implements Pick<
  SheetType,
  | 'getName'
  | 'setName'
  | 'getSheetId'
  | 'getIndex'
  | 'getRange'
  | 'getDataRange'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getMaxRows'
  | 'getMaxColumns'
  | 'setFrozenRows'
  | 'getFrozenRows'
  | 'setFrozenColumns'
  | 'getFrozenColumns'
  | 'appendRow'
  | 'insertRowsAfter'
  | 'insertRowAfter'
  | 'insertRowsBefore'
  | 'insertRowBefore'
  | 'insertColumnsAfter'
  | 'clear'
  | 'clearContents'
  | 'clearFormats'
  | 'protect'
  | 'getProtections'
  | 'activate'
  | 'hideSheet'
  | 'showSheet'
  | 'isSheetHidden'
  | 'getParent'
  | 'setColumnWidth'
  | 'setColumnWidths'
  | 'autoResizeColumn'
  | 'autoResizeColumns'
  | 'setTabColor'
  | 'newChart'
  | 'insertChart'
  | 'getCharts'
  | 'removeChart'
  | 'updateChart'
> {
  constructor(
    private readonly ctx: Ctx,
    readonly file: SpreadsheetFile,
    readonly sheet: SheetData,
  ) {}

  private self(): SheetType {
    return this as unknown as SheetType;
  }
  private call(method: string): void {
    this.ctx.ws.call(SVC, `Sheet.${method}`);
  }
  private range(rect: Rect): RangeType {
    return new FakeRange(this.ctx, this.file, this.sheet, rect) as unknown as RangeType;
  }
  private wholeSheet(): Rect {
    return { row: 1, column: 1, numRows: this.sheet.maxRows, numColumns: this.sheet.maxColumns };
  }
  private grow(rows: number, columns: number): void {
    const extra = rows * this.sheet.maxColumns + columns * (this.sheet.maxRows + rows);
    if (cellCount(this.file) + extra > MAX_CELLS)
      throw this.ctx.ws.error(
        `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`,
      );
  }

  getName(): string {
    this.call('getName');
    return this.sheet.name;
  }
  setName(name: string): SheetType {
    this.call('setName');
    const clash = this.file.sheets.find(
      (s) => s !== this.sheet && s.name.toLowerCase() === String(name).toLowerCase(),
    );
    if (clash)
      throw this.ctx.ws.error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    this.sheet.name = String(name);
    return this.self();
  }
  getSheetId(): number {
    this.call('getSheetId');
    return this.sheet.sheetId;
  }
  /** "Returns a builder to create a new chart for this sheet." */
  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    this.call('newChart');
    return new FakeChartBuilder(
      this.ctx,
      this.file,
      null,
    ) as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
  }
  /**
   * "Adds a new chart to this sheet." Needs edit rights to the whole sheet; a chart already on a
   * sheet (its id taken) is refused: a chart is built, inserted once, then updated.
   */
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.call('insertChart');
    assertCanEdit(this.ctx, this.file, this.sheet, this.wholeSheet());
    const data = chartDataOf(this.ctx, chart);
    if (this.file.sheets.some((s) => (s.charts ?? []).some((c) => c.chartId === data.chartId)))
      throw this.ctx.ws.error('The chart is already in the spreadsheet: use updateChart.');
    for (const r of data.ranges)
      if (!this.file.sheets.some((s) => s.sheetId === r.sheetId))
        throw this.ctx.ws.error('Invalid argument: the chart’s range is not in this spreadsheet.');
    (this.sheet.charts ??= []).push(structuredCloneChart(data));
  }
  /** "Returns an array of charts on this sheet." */
  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
    this.call('getCharts');
    return (this.sheet.charts ?? []).map(
      (c) =>
        new FakeEmbeddedChart(
          this.ctx,
          this.file,
          structuredCloneChart(c),
        ) as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChart,
    );
  }
  /** "Removes a chart from the parent sheet." */
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.call('removeChart');
    assertCanEdit(this.ctx, this.file, this.sheet, this.wholeSheet());
    const id = chartDataOf(this.ctx, chart).chartId;
    this.sheet.charts = (this.sheet.charts ?? []).filter((c) => c.chartId !== id);
  }
  /** "Updates the chart on this sheet." */
  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.call('updateChart');
    assertCanEdit(this.ctx, this.file, this.sheet, this.wholeSheet());
    const data = chartDataOf(this.ctx, chart);
    const at = (this.sheet.charts ?? []).findIndex((c) => c.chartId === data.chartId);
    if (at < 0) throw this.ctx.ws.error('The chart is not on this sheet.');
    (this.sheet.charts as ChartData[])[at] = structuredCloneChart(data);
  }
  getIndex(): number {
    this.call('getIndex');
    return this.file.sheets.indexOf(this.sheet) + 1;
  }
  getRange(...args: unknown[]): RangeType {
    this.call('getRange');
    if (args.length === 1 && typeof args[0] === 'string') {
      const rect = parseA1(args[0], this.sheet.maxRows, this.sheet.maxColumns);
      if (!rect) throw this.ctx.ws.error('Range not found');
      checkRect(this.ctx, this.sheet, rect);
      return this.range(rect);
    }
    if (args.length < 2 || args.length > 4 || args.some((a) => typeof a !== 'number' || Number.isNaN(a)))
      throw signatureError(this.ctx, args, 'Sheet.getRange');
    const [row, column, numRows = 1, numColumns = 1] = (args as number[]).map(Math.trunc);
    const rect = { row, column, numRows, numColumns };
    checkRect(this.ctx, this.sheet, rect);
    return this.range(rect);
  }
  getDataRange(): RangeType {
    this.call('getDataRange');
    return this.range({
      row: 1,
      column: 1,
      numRows: Math.max(1, lastUsedRow(this.sheet)),
      numColumns: Math.max(1, lastUsedColumn(this.sheet)),
    });
  }
  getLastRow(): number {
    this.call('getLastRow');
    return lastUsedRow(this.sheet);
  }
  getLastColumn(): number {
    this.call('getLastColumn');
    return lastUsedColumn(this.sheet);
  }
  getMaxRows(): number {
    this.call('getMaxRows');
    return this.sheet.maxRows;
  }
  getMaxColumns(): number {
    this.call('getMaxColumns');
    return this.sheet.maxColumns;
  }
  setFrozenRows(rows: number): SheetType {
    this.call('setFrozenRows');
    this.sheet.frozenRows = rows;
    return this.self();
  }
  getFrozenRows(): number {
    this.call('getFrozenRows');
    return this.sheet.frozenRows;
  }
  setFrozenColumns(columns: number): SheetType {
    this.call('setFrozenColumns');
    this.sheet.frozenColumns = columns;
    return this.self();
  }
  getFrozenColumns(): number {
    this.call('getFrozenColumns');
    return this.sheet.frozenColumns;
  }
  /** Writes after the last row with content, growing the sheet when it is full. */
  appendRow(rowContents: unknown[]): SheetType {
    this.call('appendRow');
    if (!Array.isArray(rowContents)) throw signatureError(this.ctx, [rowContents], 'Sheet.appendRow');
    const row = lastUsedRow(this.sheet) + 1;
    const rect = { row, column: 1, numRows: 1, numColumns: Math.max(1, rowContents.length) };
    assertCanEdit(this.ctx, this.file, this.sheet, rect);
    const newRows = Math.max(0, row - this.sheet.maxRows);
    const newColumns = Math.max(0, rowContents.length - this.sheet.maxColumns);
    this.grow(newRows, newColumns);
    if (newRows > 0) insertRows(this.sheet, this.file, this.sheet.maxRows + 1, newRows, this.sheet.maxRows);
    this.sheet.maxColumns += newColumns;
    rowContents.forEach((v, i) => writeCell(this.sheet, this.file, row, i + 1, v));
    return this.self();
  }
  insertRowsAfter(afterPosition: number, howMany: number): SheetType {
    this.call('insertRowsAfter');
    return this.insert(afterPosition + 1, howMany, afterPosition);
  }
  insertRowAfter(afterPosition: number): SheetType {
    this.call('insertRowAfter');
    return this.insert(afterPosition + 1, 1, afterPosition);
  }
  insertRowsBefore(beforePosition: number, howMany: number): SheetType {
    this.call('insertRowsBefore');
    return this.insert(beforePosition, howMany, beforePosition);
  }
  insertRowBefore(beforePosition: number): SheetType {
    this.call('insertRowBefore');
    return this.insert(beforePosition, 1, beforePosition);
  }
  private insert(before: number, howMany: number, formatFrom: number): SheetType {
    if (!(before >= 1 && before <= this.sheet.maxRows + 1)) throw this.ctx.ws.error(OUTSIDE_SHEET_MESSAGE);
    if (!(howMany >= 1)) throw this.ctx.ws.error('The number of rows must be at least 1.');
    assertCanEdit(this.ctx, this.file, this.sheet, {
      row: before,
      column: 1,
      numRows: howMany,
      numColumns: this.sheet.maxColumns,
    });
    this.grow(howMany, 0);
    insertRows(this.sheet, this.file, before, howMany, formatFrom);
    return this.self();
  }
  insertColumnsAfter(afterPosition: number, howMany: number): SheetType {
    this.call('insertColumnsAfter');
    if (afterPosition !== this.sheet.maxColumns)
      throw this.ctx.ws.error('The fake inserts columns only after the last column.');
    this.grow(0, howMany);
    this.sheet.maxColumns += howMany;
    return this.self();
  }
  clear(): SheetType {
    this.call('clear');
    assertCanEdit(this.ctx, this.file, this.sheet, this.wholeSheet());
    for (const grid of [
      this.sheet.values,
      this.sheet.formulas,
      this.sheet.numberFormats,
      this.sheet.notes,
      this.sheet.fontWeights,
      this.sheet.backgrounds,
    ])
      grid.length = 0;
    return this.self();
  }
  clearContents(): SheetType {
    this.call('clearContents');
    assertCanEdit(this.ctx, this.file, this.sheet, this.wholeSheet());
    this.sheet.values.length = 0;
    this.sheet.formulas.length = 0;
    return this.self();
  }
  clearFormats(): SheetType {
    this.call('clearFormats');
    assertCanEdit(this.ctx, this.file, this.sheet, this.wholeSheet());
    for (const grid of [this.sheet.numberFormats, this.sheet.fontWeights, this.sheet.backgrounds])
      grid.length = 0;
    return this.self();
  }
  protect(): ProtectionTypeG {
    this.call('protect');
    const existing = this.file.protections.find(
      (p) => p.sheetId === this.sheet.sheetId && p.type === 'SHEET',
    );
    // A sheet has at most one sheet protection: protect() returns it if there is one.
    if (existing) return new FakeProtection(this.ctx, this.file, existing) as unknown as ProtectionTypeG;
    return addProtection(this.ctx, this.file, this.sheet, 'SHEET', null);
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): ProtectionTypeG[] {
    this.call('getProtections');
    return this.file.protections
      .filter((p) => p.sheetId === this.sheet.sheetId && p.type === String(type))
      .map((p) => new FakeProtection(this.ctx, this.file, p) as unknown as ProtectionTypeG);
  }
  activate(): SheetType {
    this.call('activate');
    this.file.activeSheetId = this.sheet.sheetId;
    this.sheet.hidden = false;
    return this.self();
  }
  hideSheet(): SheetType {
    this.call('hideSheet');
    if (this.file.sheets.filter((s) => !s.hidden && s !== this.sheet).length === 0)
      throw this.ctx.ws.error("You can't hide all the sheets in a document.");
    this.sheet.hidden = true;
    return this.self();
  }
  showSheet(): SheetType {
    this.call('showSheet');
    this.sheet.hidden = false;
    return this.self();
  }
  isSheetHidden(): boolean {
    this.call('isSheetHidden');
    return this.sheet.hidden;
  }
  getParent(): SpreadsheetType {
    this.call('getParent');
    return new FakeSpreadsheet(this.ctx, this.file) as unknown as SpreadsheetType;
  }
  // Cosmetic: accepted, counted, not stored.
  setColumnWidth(_columnPosition: number, _width: number): SheetType {
    this.call('setColumnWidth');
    return this.self();
  }
  setColumnWidths(_startColumn: number, _numColumns: number, _width: number): SheetType {
    this.call('setColumnWidths');
    return this.self();
  }
  autoResizeColumn(_columnPosition: number): SheetType {
    this.call('autoResizeColumn');
    return this.self();
  }
  autoResizeColumns(_startColumn: number, _numColumns: number): SheetType {
    this.call('autoResizeColumns');
    return this.self();
  }
  setTabColor(_color: string | null): SheetType {
    this.call('setTabColor');
    return this.self();
  }
}

// ---------------------------------------------------------------------------------------------

function addProtection(
  ctx: Ctx,
  file: SpreadsheetFile,
  sheet: SheetData,
  type: 'RANGE' | 'SHEET',
  rect: Rect | null,
) {
  const me = ctx.ws.effectiveUser();
  if (type === 'SHEET' || rect)
    assertCanEdit(
      ctx,
      file,
      sheet,
      rect ?? { row: 1, column: 1, numRows: sheet.maxRows, numColumns: sheet.maxColumns },
    );
  const data: ProtectionData = {
    id: file.nextProtectionId++,
    sheetId: sheet.sheetId,
    type,
    rect,
    description: '',
    warningOnly: false,
    // A new protection keeps every editor of the file (and whoever protects) as its editors,
    // and the domain when the file is shared for editing with it.
    editors: [...new Set([ownerOf(ctx, file), me, ...ctx.files.editors(file.id)])],
    domainEdit: (() => {
      const general = ctx.files.generalAccess(file.id);
      return general !== null && general.access.startsWith('DOMAIN') && general.permission === 'EDIT';
    })(),
    unprotected: [],
  };
  file.protections.push(data);
  return new FakeProtection(ctx, file, data) as unknown as ProtectionTypeG;
}

export class FakeProtection implements Pick<
  ProtectionTypeG,
  | 'setDescription'
  | 'getDescription'
  | 'removeEditor'
  | 'removeEditors'
  | 'addEditor'
  | 'addEditors'
  | 'getEditors'
  | 'setWarningOnly'
  | 'isWarningOnly'
  | 'canEdit'
  | 'canDomainEdit'
  | 'setDomainEdit'
  | 'remove'
  | 'getRange'
  | 'getProtectionType'
  | 'getUnprotectedRanges'
  | 'setUnprotectedRanges'
> {
  constructor(
    private readonly ctx: Ctx,
    private readonly file: SpreadsheetFile,
    readonly data: ProtectionData,
  ) {}

  private self(): ProtectionTypeG {
    return this as unknown as ProtectionTypeG;
  }
  private call(method: string): void {
    this.ctx.ws.call(SVC, `Protection.${method}`);
  }
  private allowed(): boolean {
    const me = this.ctx.ws.effectiveUser();
    if (this.ctx.files.level(this.file.id, me) < ACCESS_LEVEL.EDIT) return false;
    return (
      me === ownerOf(this.ctx, this.file) ||
      this.data.editors.includes(me) ||
      (this.data.domainEdit && sameDomainAs(me, ownerOf(this.ctx, this.file)))
    );
  }
  /** Only who can edit the protected cells may change the protection. */
  private assertAllowed(): void {
    if (!this.allowed()) throw this.ctx.ws.error('You do not have permission to perform that action.');
  }
  private sheet(): SheetData {
    const sheet = this.file.sheets.find((s) => s.sheetId === this.data.sheetId);
    if (!sheet) throw this.ctx.ws.error('The sheet of this protection has been deleted.');
    return sheet;
  }
  private emails(users: unknown[]): string[] {
    return users.map((u) => (typeof u === 'string' ? u : String((u as { getEmail(): string }).getEmail())));
  }

  setDescription(description: string): ProtectionTypeG {
    this.call('setDescription');
    this.assertAllowed();
    this.data.description = String(description);
    return this.self();
  }
  getDescription(): string {
    this.call('getDescription');
    return this.data.description;
  }
  addEditor(emailAddress: string | GoogleAppsScript.Base.User): ProtectionTypeG {
    this.call('addEditor');
    this.assertAllowed();
    for (const e of this.emails([emailAddress]))
      if (!this.data.editors.includes(e)) this.data.editors.push(e);
    return this.self();
  }
  addEditors(emailAddresses: string[]): ProtectionTypeG {
    this.call('addEditors');
    this.assertAllowed();
    for (const e of this.emails(emailAddresses))
      if (!this.data.editors.includes(e)) this.data.editors.push(e);
    return this.self();
  }
  /** The owner and the current user stay editors whatever is asked, as in Google. */
  removeEditor(emailAddress: string | GoogleAppsScript.Base.User): ProtectionTypeG {
    this.call('removeEditor');
    return this.remove1(this.emails([emailAddress]));
  }
  removeEditors(emailAddresses: (string | GoogleAppsScript.Base.User)[]): ProtectionTypeG {
    this.call('removeEditors');
    return this.remove1(this.emails(emailAddresses));
  }
  private remove1(emails: string[]): ProtectionTypeG {
    this.assertAllowed();
    const keep = new Set([ownerOf(this.ctx, this.file), this.ctx.ws.effectiveUser()]);
    this.data.editors = this.data.editors.filter((e) => keep.has(e) || !emails.includes(e));
    return this.self();
  }
  getEditors(): GoogleAppsScript.Base.User[] {
    this.call('getEditors');
    return this.data.editors.map(
      (e) => new FakeUser(this.ctx.ws, e) as unknown as GoogleAppsScript.Base.User,
    );
  }
  setWarningOnly(warningOnly: boolean): ProtectionTypeG {
    this.call('setWarningOnly');
    this.assertAllowed();
    this.data.warningOnly = Boolean(warningOnly);
    return this.self();
  }
  isWarningOnly(): boolean {
    this.call('isWarningOnly');
    return this.data.warningOnly;
  }
  canEdit(): boolean {
    this.call('canEdit');
    return this.data.warningOnly || this.allowed();
  }
  canDomainEdit(): boolean {
    this.call('canDomainEdit');
    return this.data.domainEdit;
  }
  setDomainEdit(editable: boolean): ProtectionTypeG {
    this.call('setDomainEdit');
    this.assertAllowed();
    this.data.domainEdit = Boolean(editable);
    return this.self();
  }
  remove(): void {
    this.call('remove');
    this.assertAllowed();
    const i = this.file.protections.indexOf(this.data);
    if (i >= 0) this.file.protections.splice(i, 1);
  }
  getRange(): RangeType {
    this.call('getRange');
    const sheet = this.sheet();
    const rect = this.data.rect ?? {
      row: 1,
      column: 1,
      numRows: sheet.maxRows,
      numColumns: sheet.maxColumns,
    };
    return new FakeRange(this.ctx, this.file, sheet, { ...rect }) as unknown as RangeType;
  }
  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    this.call('getProtectionType');
    return this.data.type as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
  }
  getUnprotectedRanges(): RangeType[] {
    this.call('getUnprotectedRanges');
    const sheet = this.sheet();
    return this.data.unprotected.map(
      (r) => new FakeRange(this.ctx, this.file, sheet, { ...r }) as unknown as RangeType,
    );
  }
  setUnprotectedRanges(ranges: RangeType[]): ProtectionTypeG {
    this.call('setUnprotectedRanges');
    this.assertAllowed();
    if (this.data.type !== 'SHEET')
      throw this.ctx.ws.error('Unprotected ranges can only be set on a protected sheet.');
    this.data.unprotected = ranges.map((r) => {
      if (!(r instanceof FakeRange) || r.sheet.sheetId !== this.data.sheetId)
        throw this.ctx.ws.error('The unprotected ranges must be on the protected sheet.');
      return { ...r.rect };
    });
    return this.self();
  }
}

// ---------------------------------------------------------------------------------------------

class FakeDataValidation implements Pick<
  DataValidationType,
  'getCriteriaType' | 'getCriteriaValues' | 'getAllowInvalid' | 'getHelpText' | 'copy'
> {
  constructor(
    private readonly ctx: Ctx,
    readonly data: ValidationData,
  ) {}
  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    this.ctx.ws.call(SVC, 'DataValidation.getCriteriaType');
    return this.data.criteria as unknown as GoogleAppsScript.Spreadsheet.DataValidationCriteria;
  }
  getCriteriaValues(): unknown[] {
    this.ctx.ws.call(SVC, 'DataValidation.getCriteriaValues');
    return this.data.values.map((v) =>
      Array.isArray(v) ? [...v] : v && typeof v === 'object' ? new Date(v.date) : v,
    );
  }
  getAllowInvalid(): boolean {
    this.ctx.ws.call(SVC, 'DataValidation.getAllowInvalid');
    return this.data.allowInvalid;
  }
  /** Null when the rule has no help text (Google's documentation; @types says string). */
  getHelpText(): string {
    this.ctx.ws.call(SVC, 'DataValidation.getHelpText');
    return (this.data.helpText === '' ? null : this.data.helpText) as string;
  }
  copy(): DataValidationBuilderType {
    this.ctx.ws.call(SVC, 'DataValidation.copy');
    return new FakeDataValidationBuilder(
      this.ctx,
      JSON.parse(JSON.stringify(this.data)) as ValidationData,
    ) as unknown as DataValidationBuilderType;
  }
}

class FakeDataValidationBuilder implements Pick<
  DataValidationBuilderType,
  | 'requireValueInList'
  | 'requireDate'
  | 'requireDateAfter'
  | 'requireDateBefore'
  | 'requireDateBetween'
  | 'requireDateOnOrAfter'
  | 'requireDateOnOrBefore'
  | 'requireNumberBetween'
  | 'requireNumberGreaterThanOrEqualTo'
  | 'requireNumberLessThanOrEqualTo'
  | 'requireCheckbox'
  | 'requireTextIsEmail'
  | 'setAllowInvalid'
  | 'setHelpText'
  | 'getAllowInvalid'
  | 'getHelpText'
  | 'getCriteriaType'
  | 'build'
> {
  constructor(
    private readonly ctx: Ctx,
    // A new rule allows invalid data (shows a warning) until told otherwise, as in Google.
    private data: ValidationData = {
      criteria: 'VALUE_IN_LIST',
      values: [],
      allowInvalid: true,
      helpText: '',
    },
    private hasCriteria = data.values.length > 0,
  ) {}

  private self(): DataValidationBuilderType {
    return this as unknown as DataValidationBuilderType;
  }
  private require(method: string, criteria: ValidationCriteria, values: ValidationData['values']) {
    this.ctx.ws.call(SVC, `DataValidationBuilder.${method}`);
    this.data = { ...this.data, criteria, values };
    this.hasCriteria = true;
    return this.self();
  }
  private date(d: Date): { date: number } {
    if (!isDate(d)) throw signatureError(this.ctx, [d], 'DataValidationBuilder.requireDate');
    return { date: d.getTime() };
  }

  requireValueInList(values: string[], showDropdown = true): DataValidationBuilderType {
    if (!Array.isArray(values))
      throw signatureError(this.ctx, [values], 'DataValidationBuilder.requireValueInList');
    return this.require('requireValueInList', 'VALUE_IN_LIST', [values.map(String), Boolean(showDropdown)]);
  }
  requireDate(): DataValidationBuilderType {
    return this.require('requireDate', 'DATE_IS_VALID_DATE', []);
  }
  requireDateAfter(date: Date): DataValidationBuilderType {
    return this.require('requireDateAfter', 'DATE_AFTER', [this.date(date)]);
  }
  requireDateBefore(date: Date): DataValidationBuilderType {
    return this.require('requireDateBefore', 'DATE_BEFORE', [this.date(date)]);
  }
  requireDateBetween(start: Date, end: Date): DataValidationBuilderType {
    return this.require('requireDateBetween', 'DATE_BETWEEN', [this.date(start), this.date(end)]);
  }
  requireDateOnOrAfter(date: Date): DataValidationBuilderType {
    return this.require('requireDateOnOrAfter', 'DATE_ON_OR_AFTER', [this.date(date)]);
  }
  requireDateOnOrBefore(date: Date): DataValidationBuilderType {
    return this.require('requireDateOnOrBefore', 'DATE_ON_OR_BEFORE', [this.date(date)]);
  }
  requireNumberBetween(start: number, end: number): DataValidationBuilderType {
    return this.require('requireNumberBetween', 'NUMBER_BETWEEN', [Number(start), Number(end)]);
  }
  requireNumberGreaterThanOrEqualTo(number: number): DataValidationBuilderType {
    return this.require('requireNumberGreaterThanOrEqualTo', 'NUMBER_GREATER_THAN_OR_EQUAL_TO', [
      Number(number),
    ]);
  }
  requireNumberLessThanOrEqualTo(number: number): DataValidationBuilderType {
    return this.require('requireNumberLessThanOrEqualTo', 'NUMBER_LESS_THAN_OR_EQUAL_TO', [Number(number)]);
  }
  requireCheckbox(): DataValidationBuilderType {
    return this.require('requireCheckbox', 'CHECKBOX', []);
  }
  requireTextIsEmail(): DataValidationBuilderType {
    return this.require('requireTextIsEmail', 'TEXT_IS_VALID_EMAIL', []);
  }
  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilderType {
    this.ctx.ws.call(SVC, 'DataValidationBuilder.setAllowInvalid');
    this.data = { ...this.data, allowInvalid: Boolean(allowInvalidData) };
    return this.self();
  }
  setHelpText(helpText: string): DataValidationBuilderType {
    this.ctx.ws.call(SVC, 'DataValidationBuilder.setHelpText');
    this.data = { ...this.data, helpText: String(helpText) };
    return this.self();
  }
  getAllowInvalid(): boolean {
    this.ctx.ws.call(SVC, 'DataValidationBuilder.getAllowInvalid');
    return this.data.allowInvalid;
  }
  getHelpText(): string | null {
    this.ctx.ws.call(SVC, 'DataValidationBuilder.getHelpText');
    return this.data.helpText || null;
  }
  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    this.ctx.ws.call(SVC, 'DataValidationBuilder.getCriteriaType');
    return this.data.criteria as unknown as GoogleAppsScript.Spreadsheet.DataValidationCriteria;
  }
  build(): DataValidationType {
    this.ctx.ws.call(SVC, 'DataValidationBuilder.build');
    if (!this.hasCriteria)
      throw this.ctx.ws.error('You must specify a criteria for the data validation rule.');
    return new FakeDataValidation(
      this.ctx,
      JSON.parse(JSON.stringify(this.data)) as ValidationData,
    ) as unknown as DataValidationType;
  }
}

// ---------------------------------------------------------------------------------------------

export class FakeSpreadsheet implements Pick<
  SpreadsheetType,
  | 'getId'
  | 'getName'
  | 'rename'
  | 'getUrl'
  | 'getSheetByName'
  | 'getSheets'
  | 'getNumSheets'
  | 'insertSheet'
  | 'deleteSheet'
  | 'getActiveSheet'
  | 'setActiveSheet'
  | 'toast'
  | 'getSpreadsheetTimeZone'
  | 'setSpreadsheetTimeZone'
  | 'getSpreadsheetLocale'
  | 'setSpreadsheetLocale'
  | 'getOwner'
  | 'getEditors'
  | 'addEditor'
  | 'addEditors'
  | 'removeEditor'
  | 'getViewers'
  | 'addViewer'
  | 'removeViewer'
  | 'getProtections'
  | 'getRange'
> {
  constructor(
    private readonly ctx: Ctx,
    readonly file: SpreadsheetFile,
  ) {}

  private self(): SpreadsheetType {
    return this as unknown as SpreadsheetType;
  }
  private call(method: string): void {
    this.ctx.ws.call(SVC, `Spreadsheet.${method}`);
  }
  private sheetFake(sheet: SheetData): SheetType {
    return new FakeSheet(this.ctx, this.file, sheet) as unknown as SheetType;
  }
  private user(u: unknown): string {
    return typeof u === 'string' ? u : String((u as { getEmail(): string }).getEmail());
  }

  getId(): string {
    this.call('getId');
    return this.file.id;
  }
  getName(): string {
    this.call('getName');
    return this.file.name;
  }
  rename(newName: string): void {
    this.call('rename');
    assertFileEditable(this.ctx, this.file);
    this.file.name = String(newName);
    this.ctx.files.rename(this.file.id, this.file.name);
  }
  getUrl(): string {
    this.call('getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.file.id}/edit`;
  }
  getSheetByName(name: string): SheetType | null {
    this.call('getSheetByName');
    const sheet = this.file.sheets.find((s) => s.name === name);
    return sheet ? this.sheetFake(sheet) : null;
  }
  /** Not in @types yet: Spreadsheet.getSheetById(gid). */
  getSheetById(id: number): SheetType | null {
    this.call('getSheetById');
    const sheet = this.file.sheets.find((s) => s.sheetId === id);
    return sheet ? this.sheetFake(sheet) : null;
  }
  getSheets(): SheetType[] {
    this.call('getSheets');
    return this.file.sheets.map((s) => this.sheetFake(s));
  }
  getNumSheets(): number {
    this.call('getNumSheets');
    return this.file.sheets.length;
  }
  insertSheet(...args: unknown[]): SheetType {
    this.call('insertSheet');
    assertFileEditable(this.ctx, this.file);
    let name: string | undefined;
    let index: number | undefined;
    if (typeof args[0] === 'string') [name, index] = args as [string, number | undefined];
    else if (typeof args[0] === 'number') index = args[0];
    const base = this.file.locale.startsWith('it') ? 'Foglio' : 'Sheet';
    if (name === undefined) {
      let n = this.file.sheets.length + 1;
      while (this.file.sheets.some((s) => s.name === `${base}${n}`)) n++;
      name = `${base}${n}`;
    }
    const chosen = name;
    if (this.file.sheets.some((s) => s.name.toLowerCase() === chosen.toLowerCase()))
      throw this.ctx.ws.error(`A sheet with the name "${chosen}" already exists. Please enter another name.`);
    if (cellCount(this.file) + DEFAULT_ROWS * DEFAULT_COLUMNS > MAX_CELLS)
      throw this.ctx.ws.error(
        `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`,
      );
    const sheet = newSheetData(this.ctx.state.nextSheetId++, chosen);
    const at =
      index === undefined ? this.file.sheets.length : Math.max(0, Math.min(index, this.file.sheets.length));
    this.file.sheets.splice(at, 0, sheet);
    // Google activates the sheet it inserts.
    this.file.activeSheetId = sheet.sheetId;
    return this.sheetFake(sheet);
  }
  deleteSheet(sheet: SheetType): void {
    this.call('deleteSheet');
    if (!(sheet instanceof FakeSheet) || sheet.file !== this.file)
      throw signatureError(this.ctx, [sheet], 'Spreadsheet.deleteSheet');
    if (this.file.sheets.length === 1)
      throw this.ctx.ws.error("You can't remove all the sheets in a document.");
    const data = sheet.sheet;
    assertCanEdit(this.ctx, this.file, data, {
      row: 1,
      column: 1,
      numRows: data.maxRows,
      numColumns: data.maxColumns,
    });
    this.file.sheets.splice(this.file.sheets.indexOf(data), 1);
    this.file.protections = this.file.protections.filter((p) => p.sheetId !== data.sheetId);
    if (this.file.activeSheetId === data.sheetId) this.file.activeSheetId = this.file.sheets[0].sheetId;
  }
  getActiveSheet(): SheetType {
    this.call('getActiveSheet');
    return this.sheetFake(
      this.file.sheets.find((s) => s.sheetId === this.file.activeSheetId) ?? this.file.sheets[0],
    );
  }
  setActiveSheet(sheet: SheetType): SheetType {
    this.call('setActiveSheet');
    if (!(sheet instanceof FakeSheet)) throw signatureError(this.ctx, [sheet], 'Spreadsheet.setActiveSheet');
    this.file.activeSheetId = sheet.sheet.sheetId;
    return sheet as unknown as SheetType;
  }
  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this.call('toast');
    this.file.toasts.push({
      user: this.ctx.ws.activeUser,
      message: String(msg),
      title: title === undefined ? '' : String(title),
      timeoutSeconds: timeoutSeconds ?? 5,
      atMs: this.ctx.ws.nowMs,
    });
  }
  getSpreadsheetTimeZone(): string {
    this.call('getSpreadsheetTimeZone');
    return this.file.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this.call('setSpreadsheetTimeZone');
    assertFileEditable(this.ctx, this.file);
    this.file.timeZone = String(timezone);
  }
  getSpreadsheetLocale(): string {
    this.call('getSpreadsheetLocale');
    return this.file.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this.call('setSpreadsheetLocale');
    assertFileEditable(this.ctx, this.file);
    this.file.locale = String(locale);
  }
  getOwner(): GoogleAppsScript.Base.User {
    this.call('getOwner');
    return new FakeUser(this.ctx.ws, ownerOf(this.ctx, this.file)) as unknown as GoogleAppsScript.Base.User;
  }
  private users(emails: string[]): GoogleAppsScript.Base.User[] {
    return emails.map((e) => new FakeUser(this.ctx.ws, e) as unknown as GoogleAppsScript.Base.User);
  }
  /** Sharing changes need edit access (Drive's "editors can share" is not modelled here). */
  private share(method: string): void {
    this.call(method);
    assertFileEditable(this.ctx, this.file);
  }
  /** "Gets the list of editors for this Spreadsheet": the owner among them, as Google lists it. */
  getEditors(): GoogleAppsScript.Base.User[] {
    this.call('getEditors');
    if (this.ctx.files.level(this.file.id, this.ctx.ws.effectiveUser()) < ACCESS_LEVEL.EDIT) return [];
    return this.users([ownerOf(this.ctx, this.file), ...this.ctx.files.editors(this.file.id)]);
  }
  addEditor(user: string | GoogleAppsScript.Base.User): SpreadsheetType {
    this.share('addEditor');
    this.ctx.files.grant(this.file.id, this.user(user), 'editors');
    return this.self();
  }
  addEditors(emailAddresses: string[]): SpreadsheetType {
    this.share('addEditors');
    for (const e of emailAddresses) this.ctx.files.grant(this.file.id, String(e), 'editors');
    return this.self();
  }
  removeEditor(user: string | GoogleAppsScript.Base.User): SpreadsheetType {
    this.share('removeEditor');
    this.ctx.files.revoke(this.file.id, this.user(user), 'editors');
    return this.self();
  }
  /** "Gets the list of viewers and commenters": Google lists the editors among them too. */
  getViewers(): GoogleAppsScript.Base.User[] {
    this.call('getViewers');
    if (this.ctx.files.level(this.file.id, this.ctx.ws.effectiveUser()) < ACCESS_LEVEL.EDIT) return [];
    const editors = [ownerOf(this.ctx, this.file), ...this.ctx.files.editors(this.file.id)];
    return this.users([...editors, ...this.ctx.files.viewers(this.file.id)]);
  }
  addViewer(user: string | GoogleAppsScript.Base.User): SpreadsheetType {
    this.share('addViewer');
    this.ctx.files.grant(this.file.id, this.user(user), 'viewers');
    return this.self();
  }
  removeViewer(user: string | GoogleAppsScript.Base.User): SpreadsheetType {
    this.share('removeViewer');
    this.ctx.files.revoke(this.file.id, this.user(user), 'viewers');
    this.ctx.files.revoke(this.file.id, this.user(user), 'commenters');
    return this.self();
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): ProtectionTypeG[] {
    this.call('getProtections');
    return this.file.protections
      .filter((p) => p.type === String(type))
      .map((p) => new FakeProtection(this.ctx, this.file, p) as unknown as ProtectionTypeG);
  }
  /** 'Sheet1!A1:B2', "'My sheet'!A1", or A1 notation on the active sheet. */
  getRange(a1Notation: string): RangeType {
    this.call('getRange');
    const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(String(a1Notation));
    const sheetName = m ? (m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]) : null;
    const sheet =
      sheetName === null
        ? (this.file.sheets.find((s) => s.sheetId === this.file.activeSheetId) ?? this.file.sheets[0])
        : this.file.sheets.find((s) => s.name === sheetName);
    if (!sheet) throw this.ctx.ws.error('Range not found');
    const rect = parseA1(m ? m[3] : String(a1Notation), sheet.maxRows, sheet.maxColumns);
    if (!rect) throw this.ctx.ws.error('Range not found');
    checkRect(this.ctx, sheet, rect);
    return new FakeRange(this.ctx, this.file, sheet, rect) as unknown as RangeType;
  }
}

// ---------------------------------------------------------------------------------------------
// Ui

class FakeMenu implements Pick<
  GoogleAppsScript.Base.Menu,
  'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'
> {
  readonly items: MenuEntry[] = [];
  constructor(
    private readonly ctx: Ctx,
    readonly caption: string,
    private readonly addon: boolean,
    private readonly spreadsheetId: string,
  ) {}
  private self(): GoogleAppsScript.Base.Menu {
    return this as unknown as GoogleAppsScript.Base.Menu;
  }
  addItem(caption: string, functionName: string): GoogleAppsScript.Base.Menu {
    this.ctx.ws.call(SVC, 'Menu.addItem');
    this.items.push({ caption: String(caption), functionName: String(functionName) });
    return this.self();
  }
  addSeparator(): GoogleAppsScript.Base.Menu {
    this.ctx.ws.call(SVC, 'Menu.addSeparator');
    this.items.push({ separator: true });
    return this.self();
  }
  addSubMenu(menu: GoogleAppsScript.Base.Menu): GoogleAppsScript.Base.Menu {
    this.ctx.ws.call(SVC, 'Menu.addSubMenu');
    if (!(menu instanceof FakeMenu)) throw signatureError(this.ctx, [menu], 'Menu.addSubMenu');
    this.items.push({ caption: menu.caption, submenu: menu.items });
    return this.self();
  }
  /** Shows the menu to the user running the script, replacing one with the same caption. */
  addToUi(): void {
    this.ctx.ws.call(SVC, 'Menu.addToUi');
    const user = this.ctx.ws.activeUser;
    const menus = this.ctx.state.ui.menus;
    const i = menus.findIndex(
      (m) => m.user === user && m.spreadsheetId === this.spreadsheetId && m.caption === this.caption,
    );
    const record: MenuRecord = {
      user,
      spreadsheetId: this.spreadsheetId,
      caption: this.caption,
      addon: this.addon,
      items: JSON.parse(JSON.stringify(this.items)) as MenuEntry[],
    };
    if (i >= 0) menus[i] = record;
    else menus.push(record);
  }
}

/** Answers a test gives in advance to alert/prompt dialogs (not state: they belong to the test). */
export interface UiAnswer {
  button: keyof typeof Button;
  text?: string;
}

function createUi(ctx: Ctx, spreadsheetId: string, answers: UiAnswer[]) {
  const record = (r: Omit<AlertRecord, 'user' | 'atMs'>) =>
    ctx.state.ui.alerts.push({ ...r, user: ctx.ws.activeUser, atMs: ctx.ws.nowMs });
  const show = (kind: ShownHtml['kind'], output: unknown, title?: string) => {
    const d = describeHtmlOutput(output);
    ctx.state.ui.shown.push({
      user: ctx.ws.activeUser,
      spreadsheetId,
      kind,
      title: title ?? d.title,
      html: d.html,
      width: d.width,
      height: d.height,
      atMs: ctx.ws.nowMs,
    });
  };
  const defaultButton = (buttons: string) => (buttons.startsWith('YES') ? 'YES' : 'OK');
  const ui = {
    Button,
    ButtonSet,
    createMenu(caption: string): GoogleAppsScript.Base.Menu {
      ctx.ws.call(SVC, 'Ui.createMenu');
      return new FakeMenu(
        ctx,
        String(caption),
        false,
        spreadsheetId,
      ) as unknown as GoogleAppsScript.Base.Menu;
    },
    createAddonMenu(): GoogleAppsScript.Base.Menu {
      ctx.ws.call(SVC, 'Ui.createAddonMenu');
      return new FakeMenu(ctx, '(add-on)', true, spreadsheetId) as unknown as GoogleAppsScript.Base.Menu;
    },
    showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
      ctx.ws.call(SVC, 'Ui.showSidebar');
      show('sidebar', userInterface);
    },
    showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
      ctx.ws.call(SVC, 'Ui.showModalDialog');
      show('modal', userInterface, String(title));
    },
    showModelessDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
      ctx.ws.call(SVC, 'Ui.showModelessDialog');
      show('modeless', userInterface, String(title));
    },
    /** alert(prompt), alert(prompt, buttons), alert(title, prompt, buttons): the button pressed. */
    alert(...args: string[]): string {
      ctx.ws.call(SVC, 'Ui.alert');
      const [title, prompt, buttons] = args.length >= 3 ? args : ['', args[0], args[1] ?? 'OK'];
      const answer = answers.shift()?.button ?? defaultButton(String(buttons));
      record({
        kind: 'alert',
        title: String(title),
        prompt: String(prompt),
        buttons: String(buttons),
        answer,
      });
      return answer;
    },
    prompt(...args: string[]) {
      ctx.ws.call(SVC, 'Ui.prompt');
      const [title, prompt, buttons] = args.length >= 3 ? args : ['', args[0], args[1] ?? 'OK'];
      const given = answers.shift();
      const button = given?.button ?? defaultButton(String(buttons));
      const text = given?.text ?? '';
      record({
        kind: 'prompt',
        title: String(title),
        prompt: String(prompt),
        buttons: String(buttons),
        answer: text,
      });
      return {
        getResponseText: () => {
          ctx.ws.call(SVC, 'PromptResponse.getResponseText');
          return text;
        },
        getSelectedButton: () => {
          ctx.ws.call(SVC, 'PromptResponse.getSelectedButton');
          return button;
        },
      };
    },
  };
  return ui;
}

// ---------------------------------------------------------------------------------------------
// SpreadsheetApp and the test helpers

function newFile(
  ctx: Ctx,
  name: string,
  owner: string,
  rows = DEFAULT_ROWS,
  columns = DEFAULT_COLUMNS,
): SpreadsheetFile {
  const id = `ss${String(ctx.state.nextId++).padStart(4, '0')}${'x'.repeat(36)}`;
  // The first sheet's id is 0 in Google; its name follows the locale.
  const sheet = newSheetData(0, 'Foglio1', rows, columns);
  const file: SpreadsheetFile = {
    id,
    name,
    owner,
    timeZone: 'Europe/Rome',
    locale: 'it_IT',
    sheets: [sheet],
    activeSheetId: 0,
    protections: [],
    nextProtectionId: 1,
    toasts: [],
  };
  ctx.state.files[id] = file;
  ctx.files.add(id, name, GOOGLE_MIME.spreadsheet, owner);
  return file;
}

// ---------------------------------------------------------------------------------------------
// Embedded charts (developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder):
// "build(): Builds the chart to reflect all changes made to it. This method does not
// automatically draw the chart on top of the spreadsheet. A new chart must be inserted via
// sheet.insertChart(chart), and an existing chart should be updated via sheet.updateChart(chart)."
// The chart types are those of Charts.ChartType; ranges must be ranges of the spreadsheet.

export const CHART_TYPES = {
  AREA: 'AREA',
  BAR: 'BAR',
  BUBBLE: 'BUBBLE',
  CANDLESTICK: 'CANDLESTICK',
  COLUMN: 'COLUMN',
  COMBO: 'COMBO',
  GAUGE: 'GAUGE',
  GEO: 'GEO',
  HISTOGRAM: 'HISTOGRAM',
  LINE: 'LINE',
  ORG: 'ORG',
  PIE: 'PIE',
  RADAR: 'RADAR',
  SCATTER: 'SCATTER',
  SPARKLINE: 'SPARKLINE',
  STEPPED_AREA: 'STEPPED_AREA',
  TABLE: 'TABLE',
  TIMELINE: 'TIMELINE',
  TREEMAP: 'TREEMAP',
  WATERFALL: 'WATERFALL',
} as const;

const chartData = new WeakMap<object, ChartData>();
const structuredCloneChart = (c: ChartData): ChartData => JSON.parse(JSON.stringify(c)) as ChartData;

function chartDataOf(ctx: Ctx, chart: unknown): ChartData {
  const data = chart && typeof chart === 'object' ? chartData.get(chart) : undefined;
  if (!data) throw ctx.ws.error('Invalid argument: chart');
  return data;
}

class FakeChartBuilder {
  private readonly data: ChartData;
  constructor(
    private readonly ctx: Ctx,
    private readonly file: SpreadsheetFile,
    from: ChartData | null,
  ) {
    this.data = from
      ? structuredCloneChart(from)
      : {
          chartId: (ctx.state.nextChartId = (ctx.state.nextChartId ?? 0) + 1),
          type: 'COLUMN',
          ranges: [],
          position: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
          options: {},
        };
  }
  private call(method: string): this {
    this.ctx.ws.call(SVC, `EmbeddedChartBuilder.${method}`);
    return this;
  }
  addRange(range: GoogleAppsScript.Spreadsheet.Range): this {
    this.call('addRange');
    if (!(range instanceof FakeRange) || range.file !== this.file)
      throw this.ctx.ws.error('Invalid argument: range');
    this.data.ranges.push({ sheetId: range.sheet.sheetId, rect: { ...range.rect } });
    return this;
  }
  clearRanges(): this {
    this.call('clearRanges');
    this.data.ranges = [];
    return this;
  }
  setChartType(type: unknown): this {
    this.call('setChartType');
    if (!(String(type) in CHART_TYPES)) throw this.ctx.ws.error('Invalid argument: type');
    this.data.type = String(type);
    return this;
  }
  asColumnChart(): this {
    return this.setChartType('COLUMN');
  }
  asBarChart(): this {
    return this.setChartType('BAR');
  }
  asLineChart(): this {
    return this.setChartType('LINE');
  }
  asPieChart(): this {
    return this.setChartType('PIE');
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    this.call('setPosition');
    if (![anchorRowPos, anchorColPos].every((n) => Number.isInteger(n) && n >= 1))
      throw this.ctx.ws.error('Invalid argument: anchor position');
    this.data.position = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this;
  }
  setOption(option: string, value: unknown): this {
    this.call('setOption');
    this.data.options[String(option)] = JSON.parse(JSON.stringify(value ?? null));
    return this;
  }
  setTitle(title: string): this {
    return this.setOption('title', String(title));
  }
  setNumHeaders(headers: number): this {
    return this.setOption('numHeaders', headers);
  }
  build(): GoogleAppsScript.Spreadsheet.EmbeddedChart {
    this.call('build');
    return new FakeEmbeddedChart(
      this.ctx,
      this.file,
      structuredCloneChart(this.data),
    ) as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChart;
  }
}

class FakeEmbeddedChart {
  constructor(
    private readonly ctx: Ctx,
    private readonly file: SpreadsheetFile,
    private readonly data: ChartData,
  ) {
    chartData.set(this, data);
  }
  private call(method: string): void {
    this.ctx.ws.call(SVC, `EmbeddedChart.${method}`);
  }
  getChartId(): number {
    this.call('getChartId');
    return this.data.chartId;
  }
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    this.call('getRanges');
    return this.data.ranges.map((r) => {
      const sheet = this.file.sheets.find((s) => s.sheetId === r.sheetId);
      if (!sheet) throw this.ctx.ws.error('The chart’s range is in a sheet that no longer exists.');
      return new FakeRange(
        this.ctx,
        this.file,
        sheet,
        r.rect,
      ) as unknown as GoogleAppsScript.Spreadsheet.Range;
    });
  }
  getOptions(): { get(option: string): unknown } {
    this.call('getOptions');
    return { get: (option: string) => this.data.options[option] ?? null };
  }
  getContainerInfo(): { getAnchorRow(): number; getAnchorColumn(): number } {
    this.call('getContainerInfo');
    return { getAnchorRow: () => this.data.position.row, getAnchorColumn: () => this.data.position.column };
  }
  /**
   * "Return the data inside this object as a blob converted to the specified content type": a
   * chart as a PNG image. The in-memory rendering draws its bars (the second range's numbers,
   * or the second column of a single range), without text.
   */
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    this.call('getAs');
    if (String(contentType) !== 'image/png')
      throw this.ctx.ws.error(`Converting a chart to ${String(contentType)} is not supported.`);
    const grids = this.data.ranges.map((r) => {
      const sheet = this.file.sheets.find((s) => s.sheetId === r.sheetId);
      if (!sheet) throw this.ctx.ws.error('The chart’s range is in a sheet that no longer exists.');
      return new FakeRange(this.ctx, this.file, sheet, r.rect).getValues();
    });
    const column = grids.length > 1 ? grids[1].map((row) => row[0]) : (grids[0] ?? []).map((row) => row[1]);
    const values = column.filter((v): v is number => typeof v === 'number');
    const png = barChartPng(values, this.data.type === 'BAR');
    return new FakeBlob(
      this.ctx.ws,
      png,
      'image/png',
      'grafico.png',
    ) as unknown as GoogleAppsScript.Base.Blob;
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    return this.getAs('image/png');
  }
  modify(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    this.call('modify');
    return new FakeChartBuilder(
      this.ctx,
      this.file,
      this.data,
    ) as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
  }
}

export function createSpreadsheetApp(
  ws: Workspace,
  state: SpreadsheetState,
  runtime: ScriptRuntime,
  files: DriveFiles,
) {
  const ctx: Ctx = { ws, runtime, state, files };
  const uiAnswers: UiAnswer[] = [];
  const fake = (file: SpreadsheetFile) => new FakeSpreadsheet(ctx, file) as unknown as SpreadsheetType;
  const container = (): SpreadsheetFile | null => {
    const id = runtime.state.containerId;
    return id === null ? null : (state.files[id] ?? null);
  };
  const openFile = (id: string): SpreadsheetFile => {
    const file = state.files[id];
    if (!file || !files.exists(id))
      throw ws.error(
        'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
      );
    return file;
  };
  /** openById/openByUrl: the file, if the effective user may at least view it. */
  const openVisible = (id: string, method: string): SpreadsheetFile => {
    ws.requireAuthorization(`SpreadsheetApp.${method}`, 'https://www.googleapis.com/auth/spreadsheets');
    const file = openFile(id);
    if (files.level(id, ws.effectiveUser()) < ACCESS_LEVEL.VIEW) throw ws.error(NO_ACCESS_MESSAGE);
    return file;
  };

  const SpreadsheetApp = {
    ProtectionType,
    DataValidationCriteria,
    getActiveSpreadsheet(): SpreadsheetType | null {
      ws.call(SVC, 'SpreadsheetApp.getActiveSpreadsheet');
      const file = container();
      return file ? fake(file) : null;
    },
    getActive(): SpreadsheetType | null {
      ws.call(SVC, 'SpreadsheetApp.getActive');
      const file = container();
      return file ? fake(file) : null;
    },
    getActiveSheet(): SheetType | null {
      ws.call(SVC, 'SpreadsheetApp.getActiveSheet');
      const file = container();
      if (!file) return null;
      const sheet = file.sheets.find((s) => s.sheetId === file.activeSheetId) ?? file.sheets[0];
      return new FakeSheet(ctx, file, sheet) as unknown as SheetType;
    },
    openById(id: string): SpreadsheetType {
      ws.call(SVC, 'SpreadsheetApp.openById');
      return fake(openVisible(String(id), 'openById'));
    },
    openByUrl(url: string): SpreadsheetType {
      ws.call(SVC, 'SpreadsheetApp.openByUrl');
      const m = /\/spreadsheets\/d\/([^/]+)/.exec(String(url));
      if (!m || !state.files[m[1]])
        throw ws.error(
          'Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.',
        );
      return fake(openVisible(m[1], 'openByUrl'));
    },
    create(name: string, rows?: number, columns?: number): SpreadsheetType {
      ws.call(SVC, 'SpreadsheetApp.create');
      ws.requireAuthorization('SpreadsheetApp.create', 'https://www.googleapis.com/auth/spreadsheets');
      return fake(newFile(ctx, String(name), ws.effectiveUser(), rows, columns));
    },
    getUi() {
      ws.call(SVC, 'SpreadsheetApp.getUi');
      const file = container();
      if (!runtime.hasUi() || !file) throw ws.error(NO_UI_MESSAGE);
      return createUi(ctx, file.id, uiAnswers);
    },
    newDataValidation(): DataValidationBuilderType {
      ws.call(SVC, 'SpreadsheetApp.newDataValidation');
      return new FakeDataValidationBuilder(ctx) as unknown as DataValidationBuilderType;
    },
    flush(): void {
      ws.call(SVC, 'SpreadsheetApp.flush');
    },
  };

  /** What tests and the playground do as people in front of the spreadsheet. */
  const testing = {
    /** A spreadsheet that exists before the script runs (the register, bound to the script). */
    createSpreadsheet(name: string, owner = ws.owner): string {
      return newFile(ctx, name, owner).id;
    },
    file(id: string): SpreadsheetFile {
      return openFile(id);
    },
    /** The values of a sheet as getValues would give them, trimmed to the used area. */
    sheetValues(spreadsheetId: string, sheetName: string): Cell[][] {
      const file = openFile(spreadsheetId);
      const sheet = file.sheets.find((s) => s.name === sheetName);
      if (!sheet) throw new Error(`no sheet ${sheetName} in ${file.name}`);
      const rows = lastUsedRow(sheet);
      const columns = lastUsedColumn(sheet);
      const out: Cell[][] = [];
      for (let r = 1; r <= rows; r++) {
        const line: Cell[] = [];
        for (let c = 1; c <= columns; c++) line.push(toCell(getCell(sheet.values, r, c)));
        out.push(line);
      }
      return out;
    },
    /**
     * A user opens the spreadsheet: the menus they had are dropped, then, if they may edit it,
     * the simple `onOpen` (when the script is bound to it) and the installable on-open triggers
     * run.
     */
    openSpreadsheet(user: string, spreadsheetId: string): void {
      const file = openFile(spreadsheetId);
      if (files.level(spreadsheetId, user) < ACCESS_LEVEL.VIEW) throw ws.error(NO_ACCESS_MESSAGE);
      state.ui.menus = state.ui.menus.filter((m) => !(m.user === user && m.spreadsheetId === spreadsheetId));
      // Simple and installable open triggers "don't run if a file is opened in read-only (view or
      // comment) mode" (Simple triggers and Installable triggers, Restrictions).
      if (files.level(spreadsheetId, user) < ACCESS_LEVEL.EDIT) return;
      const source = fake(file);
      if (spreadsheetId === runtime.state.containerId)
        runtime.runSimpleTrigger('onOpen', user, { source, user: new FakeUser(ws, user) });
      runtime.fire(
        'ON_OPEN',
        spreadsheetId,
        (t) => ({ authMode: AuthMode.FULL, source, user: new FakeUser(ws, user), triggerUid: t.uid }),
        { hasUi: true },
      );
    },
    /**
     * A user types `input` into one cell, in the spreadsheet UI: protections and data validation
     * rejecting invalid data apply (Google's messages), then `onEdit` and on-edit triggers run.
     */
    userEdit(
      user: string,
      spreadsheetId: string,
      sheetName: string,
      a1: string,
      input: string | number | boolean | Date,
    ): void {
      const file = openFile(spreadsheetId);
      const sheet = file.sheets.find((s) => s.name === sheetName);
      if (!sheet) throw ws.error(`no sheet named ${sheetName}`);
      const rect = parseA1(a1, sheet.maxRows, sheet.maxColumns);
      if (!rect || rect.numRows !== 1 || rect.numColumns !== 1) throw ws.error('userEdit edits one cell');
      assertCanEdit(ctx, file, sheet, rect, user);
      const ruleIndexAt = getCell(sheet.validations, rect.row, rect.column);
      const rule = ruleIndexAt === null ? null : sheet.validationRules[ruleIndexAt];
      const interpreted = interpretInput(
        input,
        getCell(sheet.numberFormats, rect.row, rect.column),
        file.timeZone,
      );
      if (rule && !rule.allowInvalid && !validationPasses(rule, interpreted.value))
        throw ws.error(
          rule.helpText ||
            `There was a problem\nThe data you entered in cell ${a1} violates the data validation rules set on this cell.`,
        );
      const oldValue = toCell(getCell(sheet.values, rect.row, rect.column));
      writeCell(sheet, file, rect.row, rect.column, input);
      const range = new FakeRange(ctx, file, sheet, rect);
      const source = fake(file);
      const event = {
        range,
        source,
        user: new FakeUser(ws, user),
        value: typeof input === 'string' ? input : String(input),
        oldValue: oldValue === '' ? undefined : oldValue,
      };
      // Simple triggers belong to the file the script is bound to: "The script must be bound to
      // a Google Sheets, Slides, Docs, or Forms file" (Simple triggers, Restrictions).
      if (spreadsheetId === runtime.state.containerId) runtime.runSimpleTrigger('onEdit', user, event);
      runtime.fire(
        'ON_EDIT',
        spreadsheetId,
        (t) => ({ ...event, authMode: AuthMode.FULL, triggerUid: t.uid }),
        {
          hasUi: true,
        },
      );
    },
    /** Queues the answer the user will give to the next alert or prompt. */
    answerNextDialog(answer: UiAnswer): void {
      uiAnswers.push(answer);
    },
    menus(user?: string): MenuRecord[] {
      return state.ui.menus.filter((m) => user === undefined || m.user === user);
    },
    /** The function behind a menu item, found by captions (menu, [submenu...], item). */
    menuFunction(user: string, ...captions: string[]): string {
      const [menuCaption, ...path] = captions;
      const menu = state.ui.menus.find((m) => m.user === user && m.caption === menuCaption);
      if (!menu) throw new Error(`${user} has no menu "${menuCaption}"`);
      let items = menu.items;
      for (let i = 0; i < path.length; i++) {
        const entry = items.find((e) => 'caption' in e && e.caption === path[i]);
        if (!entry) throw new Error(`no menu item "${path[i]}" in "${captions.slice(0, i + 1).join(' > ')}"`);
        if ('functionName' in entry && i === path.length - 1) return entry.functionName;
        if ('submenu' in entry) items = entry.submenu;
        else throw new Error(`"${path[i]}" is not a submenu`);
      }
      throw new Error(`no menu item at ${captions.join(' > ')}`);
    },
  };

  /**
   * What the advanced Sheets service acts on: the file, with the effective user's access level
   * and, for writes, the protections (the API enforces them as the editor does).
   */
  const api = {
    file: openFile,
    level: (id: string) => files.level(id, ws.effectiveUser()),
    mayEdit: (file: SpreadsheetFile, sheet: SheetData, rect: Rect): boolean => {
      try {
        assertCanEdit(ctx, file, sheet, rect);
        return true;
      } catch {
        return false;
      }
    },
  };

  return { SpreadsheetApp, testing, api };
}

export type SpreadsheetTesting = ReturnType<typeof createSpreadsheetApp>['testing'];
