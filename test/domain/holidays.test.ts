// Holidays (docs/rules.md, calendar facts). The table below is written by hand from docs/rules.md: the
// national holidays (with Easter Monday and, from 2026, 4 October) and the patron saint of
// each seat. Every date of 2026–2030 is checked against it, for every seat.
import { parseIsoDate, type IsoDate } from '../../src/domain/dates';
import {
  easterSunday,
  HolidayCalendar,
  nationalHolidays,
  PATRON_DAYS,
  patronHoliday,
} from '../../src/domain/holidays';

const d = (text: string): IsoDate => {
  const date = parseIsoDate(text);
  if (!date) throw new Error(`test setup: ${text} is not a date`);
  return date;
};

// 1 Jan, 6 Jan, Easter Monday, 25 Apr, 1 May, 2 Jun, 15 Aug, 4 Oct, 1 Nov, 8 Dec, 25 Dec, 26 Dec.
const NATIONAL: Record<number, string[]> = {
  2026: [
    '2026-01-01',
    '2026-01-06',
    '2026-04-06', // Easter 2026-04-05
    '2026-04-25',
    '2026-05-01',
    '2026-06-02',
    '2026-08-15',
    '2026-10-04',
    '2026-11-01',
    '2026-12-08',
    '2026-12-25',
    '2026-12-26',
  ],
  2027: [
    '2027-01-01',
    '2027-01-06',
    '2027-03-29', // Easter 2027-03-28
    '2027-04-25',
    '2027-05-01',
    '2027-06-02',
    '2027-08-15',
    '2027-10-04',
    '2027-11-01',
    '2027-12-08',
    '2027-12-25',
    '2027-12-26',
  ],
  2028: [
    '2028-01-01',
    '2028-01-06',
    '2028-04-17', // Easter 2028-04-16
    '2028-04-25',
    '2028-05-01',
    '2028-06-02',
    '2028-08-15',
    '2028-10-04',
    '2028-11-01',
    '2028-12-08',
    '2028-12-25',
    '2028-12-26',
  ],
  2029: [
    '2029-01-01',
    '2029-01-06',
    '2029-04-02', // Easter 2029-04-01
    '2029-04-25',
    '2029-05-01',
    '2029-06-02',
    '2029-08-15',
    '2029-10-04',
    '2029-11-01',
    '2029-12-08',
    '2029-12-25',
    '2029-12-26',
  ],
  2030: [
    '2030-01-01',
    '2030-01-06',
    '2030-04-22', // Easter 2030-04-21
    '2030-04-25',
    '2030-05-01',
    '2030-06-02',
    '2030-08-15',
    '2030-10-04',
    '2030-11-01',
    '2030-12-08',
    '2030-12-25',
    '2030-12-26',
  ],
};

const PATRONS: Record<string, string[]> = {
  Carpi: ['2026-05-20', '2027-05-20', '2028-05-20', '2029-05-20', '2030-05-20'],
  Campogalliano: ['2026-10-21', '2027-10-21', '2028-10-21', '2029-10-21', '2030-10-21'],
  Soliera: ['2026-06-24', '2027-06-24', '2028-06-24', '2029-06-24', '2030-06-24'],
  'Novi di Modena': ['2026-09-29', '2027-09-29', '2028-09-29', '2029-09-29', '2030-09-29'],
};
const SEATS = Object.keys(PATRONS);

/** Every date of a year, built without the code under test. */
function allDatesOf(year: number): string[] {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const out: string[] = [];
  lengths.forEach((n, i) => {
    for (let day = 1; day <= n; day++)
      out.push(`${year}-${String(i + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  });
  return out;
}

describe('the written table itself', () => {
  it('has 12 national holidays a year and one patron day a year per seat', () => {
    for (const list of Object.values(NATIONAL)) expect(new Set(list).size).toBe(12);
    for (const list of Object.values(PATRONS)) expect(list).toHaveLength(5);
    expect(allDatesOf(2028)).toHaveLength(366);
    expect(allDatesOf(2026)).toHaveLength(365);
  });
});

describe('national holidays 2026–2030', () => {
  it.each([2026, 2027, 2028, 2029, 2030])('nationalHolidays(%i) lists exactly the written ones', (year) => {
    const got = nationalHolidays(year);
    expect(got.map((h) => h.date).sort()).toEqual([...NATIONAL[year]].sort());
    for (const h of got) {
      expect(h.seat).toBeNull();
      expect(h.name.length).toBeGreaterThan(0);
    }
  });

  it('4 October is a holiday from 2026 only (L. 151/2025)', () => {
    expect(nationalHolidays(2025).map((h) => h.date)).not.toContain('2025-10-04');
    expect(nationalHolidays(2025)).toHaveLength(11);
    expect(new HolidayCalendar().holidayAt(d('2025-10-04'), 'Carpi')).toBeNull();
    expect(new HolidayCalendar().holidayAt(d('2026-10-04'), 'Carpi')).not.toBeNull();
  });
});

describe('HolidayCalendar.holidayAt, every date of 2026–2030, every seat', () => {
  const calendar = new HolidayCalendar();
  for (const seat of SEATS) {
    it.each([2026, 2027, 2028, 2029, 2030])(`${seat} %i: a holiday exactly on the written days`, (year) => {
      const expected = new Set([...NATIONAL[year], ...PATRONS[seat].filter((p) => p.startsWith(`${year}-`))]);
      const wrong: string[] = [];
      for (const text of allDatesOf(year)) {
        const isHoliday = calendar.holidayAt(d(text), seat) !== null;
        if (isHoliday !== expected.has(text)) wrong.push(`${text}: ${isHoliday ? 'holiday' : 'working'}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('a patron day is a holiday only at its own seat', () => {
    const calendar2 = new HolidayCalendar();
    expect(calendar2.holidayAt(d('2026-05-20'), 'Carpi')?.seat).toBe('Carpi');
    expect(calendar2.holidayAt(d('2026-05-20'), 'Soliera')).toBeNull();
    expect(calendar2.holidayAt(d('2026-06-24'), 'Soliera')).not.toBeNull();
    expect(calendar2.holidayAt(d('2026-06-24'), 'Carpi')).toBeNull();
    expect(calendar2.holidayAt(d('2026-10-21'), 'Campogalliano')).not.toBeNull();
    expect(calendar2.holidayAt(d('2026-10-21'), 'Novi di Modena')).toBeNull();
    expect(calendar2.holidayAt(d('2026-09-29'), 'Novi di Modena')).not.toBeNull();
    expect(calendar2.holidayAt(d('2026-09-29'), 'Campogalliano')).toBeNull();
  });

  it('a seat with no patron in the table gets the national holidays only', () => {
    const calendar2 = new HolidayCalendar();
    expect(calendar2.holidayAt(d('2026-05-20'), 'Modena')).toBeNull();
    expect(calendar2.holidayAt(d('2026-12-25'), 'Modena')).not.toBeNull();
    expect(patronHoliday('Modena', 2026)).toBeNull();
  });

  it('matches the seat whatever its case or spacing', () => {
    const calendar2 = new HolidayCalendar();
    expect(calendar2.holidayAt(d('2026-09-29'), 'novi di modena')).not.toBeNull();
    expect(calendar2.holidayAt(d('2026-09-29'), '  Novi  di Modena ')).not.toBeNull();
    expect(calendar2.holidayAt(d('2026-05-20'), 'CARPI')).not.toBeNull();
  });

  it('PATRON_DAYS holds the four seats of docs/rules.md', () => {
    expect(
      Object.fromEntries(Object.entries(PATRON_DAYS).map(([seat, p]) => [seat, [p.month, p.day]])),
    ).toEqual({ Carpi: [5, 20], Campogalliano: [10, 21], Soliera: [6, 24], 'Novi di Modena': [9, 29] });
  });

  it('holidaysOfYear lists the national holidays and every patron day', () => {
    const dates = new HolidayCalendar().holidaysOfYear(2027).map((h) => h.date);
    expect(dates).toEqual([...NATIONAL[2027], '2027-05-20', '2027-06-24', '2027-09-29', '2027-10-21'].sort());
  });
});

describe('easterSunday (Gregorian computus)', () => {
  it.each([
    [1818, '1818-03-22'], // earliest possible date
    [1943, '1943-04-25'], // latest possible date
    [1961, '1961-04-02'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2016, '2016-03-27'],
    [2017, '2017-04-16'],
    [2018, '2018-04-01'],
    [2019, '2019-04-21'],
    [2020, '2020-04-12'],
    [2021, '2021-04-04'],
    [2022, '2022-04-17'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    [2031, '2031-04-13'],
    [2032, '2032-03-28'],
    [2033, '2033-04-17'],
    [2034, '2034-04-09'],
    [2035, '2035-03-25'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe('HR overrides', () => {
  it('adds a holiday for one seat only', () => {
    const calendar = new HolidayCalendar([
      { date: d('2026-12-24'), name: 'Vigilia di Natale', seat: 'Soliera', action: 'add' },
    ]);
    expect(calendar.holidayAt(d('2026-12-24'), 'Soliera')?.name).toBe('Vigilia di Natale');
    expect(calendar.holidayAt(d('2026-12-24'), 'Carpi')).toBeNull();
    expect(calendar.holidayAt(d('2027-12-24'), 'Soliera')).toBeNull(); // that year only
    expect(calendar.holidayAt(d('2026-06-24'), 'Soliera')).not.toBeNull(); // the rest is kept
  });

  it('adds a holiday for every seat (seat null or empty)', () => {
    const calendar = new HolidayCalendar([
      { date: d('2026-08-14'), name: 'Chiusura estiva', seat: null, action: 'add' },
      { date: d('2026-12-31'), name: 'Chiusura di fine anno', seat: '', action: 'add' },
    ]);
    for (const seat of [...SEATS, 'Modena']) {
      expect(calendar.holidayAt(d('2026-08-14'), seat)?.name).toBe('Chiusura estiva');
      expect(calendar.holidayAt(d('2026-12-31'), seat)?.name).toBe('Chiusura di fine anno');
    }
    expect(calendar.holidayAt(d('2026-08-13'), 'Carpi')).toBeNull();
  });

  it('removes a patron day (moved by HR) for its seat, and adds its new date', () => {
    const calendar = new HolidayCalendar([
      { date: d('2026-09-29'), name: 'San Michele', seat: 'Novi di Modena', action: 'remove' },
      { date: d('2026-10-02'), name: 'Santo patrono (spostato)', seat: 'Novi di Modena', action: 'add' },
    ]);
    expect(calendar.holidayAt(d('2026-09-29'), 'Novi di Modena')).toBeNull();
    expect(calendar.holidayAt(d('2026-10-02'), 'Novi di Modena')).not.toBeNull();
    expect(calendar.holidayAt(d('2026-10-02'), 'Carpi')).toBeNull();
    // Other years and other holidays of the seat are untouched.
    expect(calendar.holidayAt(d('2027-09-29'), 'Novi di Modena')).not.toBeNull();
    expect(calendar.holidayAt(d('2026-12-25'), 'Novi di Modena')).not.toBeNull();
    // Removing Novi's patron day does not touch another seat's patron day.
    expect(calendar.holidayAt(d('2026-05-20'), 'Carpi')).not.toBeNull();
  });

  it("removing a seat's patron day leaves a national holiday on another date alone", () => {
    const calendar = new HolidayCalendar([
      { date: d('2026-05-20'), name: 'San Bernardino', seat: 'Carpi', action: 'remove' },
    ]);
    expect(calendar.holidayAt(d('2026-05-20'), 'Carpi')).toBeNull();
    expect(calendar.holidayAt(d('2026-06-02'), 'Carpi')).not.toBeNull();
    expect(calendar.holidayAt(d('2026-06-24'), 'Soliera')).not.toBeNull();
  });
});
