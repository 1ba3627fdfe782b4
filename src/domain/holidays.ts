// Holidays: Italian national holidays, the patron saint of each seat, and HR's own entries.
import { addDays, makeDate, type IsoDate } from './dates';

export interface Holiday {
  date: IsoDate;
  name: string;
  /** null: everywhere; otherwise the seat (comune) where it applies. */
  seat: string | null;
}

/** Easter Sunday by the Gregorian computus (anonymous algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return makeDate(year, month, day);
}

const FIXED_NATIONAL: ReadonlyArray<[month: number, day: number, name: string, fromYear?: number]> = [
  [1, 1, 'Capodanno'],
  [1, 6, 'Epifania'],
  [4, 25, 'Festa della Liberazione'],
  [5, 1, 'Festa del Lavoro'],
  [6, 2, 'Festa della Repubblica'],
  [8, 15, 'Ferragosto'],
  // San Francesco d'Assisi, national holiday again from 2026 (L. 151/2025).
  [10, 4, "San Francesco d'Assisi", 2026],
  [11, 1, 'Ognissanti'],
  [12, 8, 'Immacolata Concezione'],
  [12, 25, 'Natale'],
  [12, 26, 'Santo Stefano'],
];

export function nationalHolidays(year: number): Holiday[] {
  const out: Holiday[] = FIXED_NATIONAL.filter(([, , , from]) => from === undefined || year >= from).map(
    ([month, day, name]) => ({ date: makeDate(year, month, day), name, seat: null }),
  );
  out.push({ date: addDays(easterSunday(year), 1), name: "Lunedì dell'Angelo", seat: null });
  return out.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** Patron saints of the Unione's seats (Unione and ASP offices are in Carpi). */
export const PATRON_DAYS: Readonly<Record<string, { month: number; day: number; name: string }>> = {
  Carpi: { month: 5, day: 20, name: 'San Bernardino da Siena' },
  Campogalliano: { month: 10, day: 21, name: "Sant'Orsola" },
  Soliera: { month: 6, day: 24, name: 'San Giovanni Battista' },
  'Novi di Modena': { month: 9, day: 29, name: 'San Michele Arcangelo' },
};

export function normaliseSeat(seat: string): string {
  return seat.trim().toLowerCase().replace(/\s+/g, ' ');
}

export function patronHoliday(seat: string, year: number): Holiday | null {
  const key = Object.keys(PATRON_DAYS).find((name) => normaliseSeat(name) === normaliseSeat(seat));
  if (!key) return null;
  const p = PATRON_DAYS[key];
  return { date: makeDate(year, p.month, p.day), name: `Santo patrono (${p.name})`, seat: key };
}

/** A row of HR's holidays sheet: adds a holiday, or removes one (e.g. a patron day moved). */
export interface HolidayOverride {
  date: IsoDate;
  name: string;
  /** null or empty: every seat. */
  seat: string | null;
  action: 'add' | 'remove';
}

/**
 * Answers "is this date a holiday at this seat?" in O(1) after the first question for a year:
 * the built-in holidays are computed once per year and merged with HR's overrides.
 */
export class HolidayCalendar {
  private readonly byYear = new Map<number, Map<string, Holiday[]>>();
  private readonly adds: HolidayOverride[];
  private readonly removes: HolidayOverride[];

  constructor(overrides: readonly HolidayOverride[] = []) {
    this.adds = overrides.filter((o) => o.action === 'add');
    this.removes = overrides.filter((o) => o.action === 'remove');
  }

  /** The holiday that makes `date` a non-working day at `seat`, if any. */
  holidayAt(date: IsoDate, seat: string): Holiday | null {
    const list = this.yearIndex(Number(date.slice(0, 4))).get(date);
    if (!list) return null;
    const s = normaliseSeat(seat);
    return list.find((h) => h.seat === null || normaliseSeat(h.seat) === s) ?? null;
  }

  /** All holidays of a year (national, patron days of every known seat, HR's additions). */
  holidaysOfYear(year: number): Holiday[] {
    return [...this.yearIndex(year).values()]
      .flat()
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  private yearIndex(year: number): Map<string, Holiday[]> {
    let index = this.byYear.get(year);
    if (index) return index;
    index = new Map();
    const all: Holiday[] = [...nationalHolidays(year)];
    for (const seat of Object.keys(PATRON_DAYS)) {
      const p = patronHoliday(seat, year);
      if (p) all.push(p);
    }
    for (const a of this.adds)
      if (Number(a.date.slice(0, 4)) === year) all.push({ date: a.date, name: a.name, seat: a.seat || null });
    const removed = (h: Holiday) =>
      this.removes.some(
        (r) =>
          r.date === h.date &&
          (!r.seat || (h.seat !== null && normaliseSeat(r.seat) === normaliseSeat(h.seat))),
      );
    for (const h of all) {
      if (removed(h)) continue;
      const list = index.get(h.date) ?? [];
      list.push(h);
      index.set(h.date, list);
    }
    this.byYear.set(year, index);
    return index;
  }
}
