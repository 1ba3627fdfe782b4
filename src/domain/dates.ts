// Calendar dates as plain `YYYY-MM-DD` strings, and arithmetic on them through day numbers.
// A calendar day is never a JS Date here: a Date is an instant, and turning it into a day
// depends on a time zone, which is how dates silently shift by one.

/** A real calendar date written `YYYY-MM-DD` (years 1000–9999). */
export type IsoDate = string & { readonly __isoDate: unique symbol };
/** A month written `YYYY-MM`. */
export type MonthKey = string & { readonly __monthKey: unique symbol };
/** An ISO week written `YYYY-Www` (the ISO week-numbering year, not the calendar year). */
export type WeekKey = string & { readonly __weekKey: unique symbol };

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const WEEKDAY_CODES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type WeekdayCode = (typeof WEEKDAY_CODES)[number];
export const WEEKDAY_NAMES_IT = [
  'lunedì',
  'martedì',
  'mercoledì',
  'giovedì',
  'venerdì',
  'sabato',
  'domenica',
] as const;
export const MONTH_NAMES_IT = [
  'gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno',
  'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre',
] as const; // prettier-ignore

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** The date if `text` is a real calendar date `YYYY-MM-DD`, otherwise null. */
export function parseIsoDate(text: unknown): IsoDate | null {
  if (typeof text !== 'string') return null;
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return text as IsoDate;
}

export function isIsoDate(text: unknown): text is IsoDate {
  return parseIsoDate(text) !== null;
}

/** Builds a date from its parts; throws if they are not a real date (programming error). */
export function makeDate(year: number, month: number, day: number): IsoDate {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const date = parseIsoDate(text);
  if (!date) throw new RangeError(`not a calendar date: ${text}`);
  return date;
}

export function dateParts(date: IsoDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = dateParts(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year, month and day of a day number (civil_from_days), without building a string. */
function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The first and last day a `YYYY-MM-DD` date can name. */
export const FIRST_DATE = '1000-01-01' as IsoDate;
export const LAST_DATE = '9999-12-31' as IsoDate;
let bounds: [number, number] | null = null;

/**
 * Inverse of toDayNumber, saturating at the ends of the calendar (1000-01-01, 9999-12-31): a
 * window around any real date (its week, its month) never throws. The rules refuse such dates.
 */
export function fromDayNumber(dayNumber: number): IsoDate {
  bounds ??= [toDayNumber(FIRST_DATE), toDayNumber(LAST_DATE)];
  const { year, month, day } = civilFromDays(Math.min(bounds[1], Math.max(bounds[0], dayNumber)));
  return makeDate(year, month, day);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function weekday(date: IsoDate): Weekday {
  // 1970-01-01 was a Thursday (ISO 4).
  return (((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1) as Weekday;
}

export function weekdayCode(date: IsoDate): WeekdayCode {
  return WEEKDAY_CODES[weekday(date) - 1];
}

export function monthKey(date: IsoDate): MonthKey {
  return date.slice(0, 7) as MonthKey;
}

/** The ISO week of a date: the week (Mon–Sun) belongs to the year of its Thursday. */
export function isoWeek(date: IsoDate): { year: number; week: number } {
  // Pure day-number arithmetic: this runs for every row of the history index.
  const dayNumber = toDayNumber(date);
  const thursday = dayNumber - ((((dayNumber + 3) % 7) + 7) % 7) + 3;
  const year = civilFromDays(thursday).year;
  const jan1 = toDayNumber(`${String(year).padStart(4, '0')}-01-01` as IsoDate);
  return { year, week: Math.floor((thursday - jan1) / 7) + 1 };
}

export function weekKey(date: IsoDate): WeekKey {
  const { year, week } = isoWeek(date);
  return `${year}-W${String(week).padStart(2, '0')}` as WeekKey;
}

/** Monday of the ISO week of `date`. */
export function startOfWeek(date: IsoDate): IsoDate {
  return addDays(date, 1 - weekday(date));
}

/** Every date of the month of `date`, in order. */
export function datesOfMonth(month: MonthKey): IsoDate[] {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const out: IsoDate[] = [];
  for (let d = 1; d <= daysInMonth(year, m); d++) out.push(makeDate(year, m, d));
  return out;
}

/** "lunedì 9 novembre 2026" */
export function formatDateIt(date: IsoDate): string {
  const { year, month, day } = dateParts(date);
  return `${WEEKDAY_NAMES_IT[weekday(date) - 1]} ${day} ${MONTH_NAMES_IT[month - 1]} ${year}`;
}

/** "lun 16 nov 2026": the short form people read in cards, mails and lists. */
export function formatDayIt(date: IsoDate): string {
  const { year, month, day } = dateParts(date);
  return `${WEEKDAY_NAMES_IT[weekday(date) - 1].slice(0, 3)} ${day} ${MONTH_NAMES_IT[month - 1].slice(0, 3)} ${year}`;
}

/** "16–22 novembre 2026", "30 novembre – 6 dicembre 2026", "28 dicembre 2026 – 3 gennaio 2027". */
export function formatRangeIt(from: IsoDate, to: IsoDate): string {
  const a = dateParts(from);
  const b = dateParts(to);
  const month = (m: number) => MONTH_NAMES_IT[m - 1];
  if (a.year !== b.year) return `${a.day} ${month(a.month)} ${a.year} – ${b.day} ${month(b.month)} ${b.year}`;
  if (a.month !== b.month) return `${a.day} ${month(a.month)} – ${b.day} ${month(b.month)} ${b.year}`;
  return `${a.day}–${b.day} ${month(a.month)} ${b.year}`;
}

/** "settimana 16–22 novembre 2026": an ISO week, always with its year. */
export function formatWeekIt(date: IsoDate): string {
  const monday = startOfWeek(date);
  return `settimana ${formatRangeIt(monday, addDays(monday, 6))}`;
}

/** "novembre 2026" */
export function formatMonthIt(month: MonthKey): string {
  return `${MONTH_NAMES_IT[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** "09/11/2026" */
export function formatDateShortIt(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

// ---- Times of day ---------------------------------------------------------------------------

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight for `HH:mm` (00:00–23:59), otherwise null. `24:00` is not a time. */
export function parseTimeOfDay(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = HH_MM.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function formatMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A local instant in Europe/Rome as written in scenarios and the register: `YYYY-MM-DDTHH:mm`. */
export interface LocalDateTime {
  date: IsoDate;
  minutes: number;
}

export function parseLocalDateTime(text: unknown): LocalDateTime | null {
  if (typeof text !== 'string') return null;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(text);
  if (!m) return null;
  const date = parseIsoDate(m[1]);
  const minutes = parseTimeOfDay(m[2]);
  return date && minutes !== null ? { date, minutes } : null;
}

export function formatLocalDateTime(at: LocalDateTime): string {
  return `${at.date}T${formatMinutes(at.minutes)}`;
}
