// Calendar dates as strings: parsing, day numbers, weekdays, ISO weeks, months and times.
// Every expected value here is written by hand from the calendar (checked against an
// independent source), never taken from the code. No JS Date is used for a calendar day.
import {
  addDays,
  dateParts,
  datesOfMonth,
  daysBetween,
  daysInMonth,
  formatDateIt,
  formatDateShortIt,
  formatLocalDateTime,
  formatMinutes,
  fromDayNumber,
  isIsoDate,
  isLeapYear,
  isoWeek,
  makeDate,
  monthKey,
  parseIsoDate,
  parseLocalDateTime,
  parseTimeOfDay,
  startOfWeek,
  toDayNumber,
  weekday,
  weekdayCode,
  weekKey,
  type IsoDate,
  type MonthKey,
} from '../../src/domain/dates';

const d = (text: string): IsoDate => {
  const date = parseIsoDate(text);
  if (!date) throw new Error(`test setup: ${text} is not a date`);
  return date;
};

describe('parseIsoDate', () => {
  it.each([
    '2026-01-01',
    '2026-12-31',
    '2024-02-29', // leap year
    '2000-02-29', // divisible by 400
    '2026-04-30',
    '1000-01-01',
    '9999-12-31',
  ])('accepts the real date %s and returns it unchanged', (text) => {
    expect(parseIsoDate(text)).toBe(text);
    expect(isIsoDate(text)).toBe(true);
  });

  it.each([
    '2027-02-30', // February never has 30 days
    '2026-02-29', // 2026 is not a leap year
    '2100-02-29', // divisible by 100, not by 400
    '1900-02-29',
    '2026-13-01', // month 13
    '2026-00-10', // month 0
    '2026-04-31', // April has 30 days
    '2026-01-00', // day 0
    '2026-01-32',
    '2026-1-5', // not zero padded
    '2026-01-5',
    '26-01-05',
    '0999-12-31', // before year 1000
    '2026/01/05',
    '05/01/2026',
    ' 2026-01-05',
    '2026-01-05 ',
    '2026-01-05T00:00',
    '2026-01-05Z',
    '+2026-01-05',
    '２０２６-01-05', // full-width digits
    '',
    'domani',
  ])('refuses %p', (text) => {
    expect(parseIsoDate(text)).toBeNull();
    expect(isIsoDate(text)).toBe(false);
  });

  it.each([[undefined], [null], [20260105], [{}], [['2026-01-05']]])('refuses the non-string %p', (value) => {
    expect(parseIsoDate(value)).toBeNull();
  });

  it('knows the leap years', () => {
    expect([1900, 2000, 2024, 2026, 2028, 2100, 2400].map(isLeapYear)).toEqual([
      false,
      true,
      true,
      false,
      true,
      false,
      true,
    ]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it('makeDate builds padded dates and throws on impossible ones', () => {
    expect(makeDate(2026, 1, 5)).toBe('2026-01-05');
    expect(makeDate(2024, 2, 29)).toBe('2024-02-29');
    expect(() => makeDate(2027, 2, 30)).toThrow(RangeError);
    expect(() => makeDate(2026, 13, 1)).toThrow(RangeError);
    expect(dateParts(d('2026-11-09'))).toEqual({ year: 2026, month: 11, day: 9 });
  });
});

describe('day numbers', () => {
  // Days since 1970-01-01, computed independently (proleptic Gregorian calendar).
  it.each([
    ['1970-01-01', 0],
    ['1969-12-31', -1],
    ['1970-03-01', 59],
    ['2000-01-01', 10957],
    ['2000-02-29', 11016],
    ['2024-02-29', 19782],
    ['2026-11-09', 20766],
    ['1000-01-01', -354285],
    ['1582-10-15', -141427],
    ['1900-03-01', -25508],
    ['2100-03-01', 47541],
    ['9999-12-31', 2932896],
  ])('%s is day %i', (text, n) => {
    expect(toDayNumber(d(text))).toBe(n);
    expect(fromDayNumber(n)).toBe(text);
  });

  it('round-trips every day from 1999-12-01 to 2031-01-31, one after the other', () => {
    // An independent successor: the next date by the calendar's own rules.
    let [y, m, day] = [1999, 12, 1];
    let n = toDayNumber(d('1999-12-01'));
    const lengths = (year: number) => [
      31,
      (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28,
      31,
      30,
      31,
      30,
      31,
      31,
      30,
      31,
      30,
      31,
    ];
    while (y < 2031 || m < 2) {
      const text = `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      expect(fromDayNumber(n)).toBe(text);
      expect(toDayNumber(d(text))).toBe(n);
      day++;
      if (day > lengths(y)[m - 1]) {
        day = 1;
        m++;
        if (m > 12) {
          m = 1;
          y++;
        }
      }
      n++;
    }
  }, 30_000);

  it('adds days across months, leap days and years', () => {
    expect(addDays(d('2026-02-28'), 1)).toBe('2026-03-01');
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(d('2024-02-29'), 1)).toBe('2024-03-01');
    expect(addDays(d('2026-12-31'), 1)).toBe('2027-01-01');
    expect(addDays(d('2027-01-01'), -1)).toBe('2026-12-31');
    expect(addDays(d('2026-11-09'), 0)).toBe('2026-11-09');
    expect(addDays(d('2025-12-15'), 365)).toBe('2026-12-15');
    expect(addDays(d('2023-03-01'), 366)).toBe('2024-03-01');
    // The days of the change to and from summer time in Rome are ordinary days here.
    expect(addDays(d('2026-03-28'), 1)).toBe('2026-03-29');
    expect(addDays(d('2026-03-29'), 1)).toBe('2026-03-30');
    expect(addDays(d('2026-10-25'), 1)).toBe('2026-10-26');
    expect(daysBetween(d('2025-12-15'), d('2026-12-15'))).toBe(365);
    expect(daysBetween(d('2026-12-15'), d('2025-12-15'))).toBe(-365);
    expect(daysBetween(d('2026-11-09'), d('2026-11-09'))).toBe(0);
  });
});

describe('weekdays', () => {
  it.each([
    ['1970-01-01', 4, 'Thu'],
    ['2000-01-01', 6, 'Sat'],
    ['2024-02-29', 4, 'Thu'],
    ['2026-01-01', 4, 'Thu'],
    ['2026-05-20', 3, 'Wed'],
    ['2026-11-07', 6, 'Sat'],
    ['2026-11-08', 7, 'Sun'],
    ['2026-11-09', 1, 'Mon'],
    ['2026-11-10', 2, 'Tue'],
    ['2026-11-13', 5, 'Fri'],
    ['2027-01-01', 5, 'Fri'],
    ['1000-01-01', 3, 'Wed'],
    ['9999-12-31', 5, 'Fri'],
  ])('%s is ISO weekday %i (%s)', (text, n, code) => {
    expect(weekday(d(text))).toBe(n);
    expect(weekdayCode(d(text))).toBe(code);
  });

  it('formats dates in Italian', () => {
    expect(formatDateIt(d('2026-11-09'))).toBe('lunedì 9 novembre 2026');
    expect(formatDateIt(d('2027-01-03'))).toBe('domenica 3 gennaio 2027');
    expect(formatDateShortIt(d('2026-11-09'))).toBe('09/11/2026');
  });
});

describe('ISO weeks', () => {
  it.each([
    ['2026-01-01', '2026-W01'], // a Thursday: week 1 of its own year
    ['2025-12-29', '2026-W01'], // Monday of that week, still in 2025
    ['2026-11-09', '2026-W46'],
    ['2026-12-28', '2026-W53'],
    ['2026-12-31', '2026-W53'], // 2026 starts on a Thursday: 53 weeks
    ['2027-01-01', '2026-W53'], // a Friday: belongs to the previous ISO year
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2020-12-31', '2020-W53'], // leap year starting on a Wednesday: 53 weeks
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2015-12-31', '2015-W53'],
    ['2010-01-03', '2009-W53'],
    ['2008-12-29', '2009-W01'],
    ['2019-12-30', '2020-W01'],
    ['2024-12-30', '2025-W01'], // a Monday of December in week 1 of the next year
    ['2029-12-31', '2030-W01'],
    ['2030-01-03', '2030-W01'],
    ['2000-01-01', '1999-W52'],
  ])('%s is in %s', (text, key) => {
    expect(weekKey(d(text))).toBe(key);
    const [year, week] = key.split('-W').map(Number);
    expect(isoWeek(d(text))).toEqual({ year, week });
  });

  it('starts weeks on Monday, across a year boundary', () => {
    expect(startOfWeek(d('2027-01-03'))).toBe('2026-12-28');
    expect(startOfWeek(d('2026-12-28'))).toBe('2026-12-28');
    expect(startOfWeek(d('2030-01-02'))).toBe('2029-12-31');
    expect(startOfWeek(d('2026-11-15'))).toBe('2026-11-09');
  });
});

describe('months', () => {
  it('keys a date by its calendar month', () => {
    expect(monthKey(d('2026-11-09'))).toBe('2026-11');
    expect(monthKey(d('2026-12-31'))).toBe('2026-12');
    expect(monthKey(d('2027-01-01'))).toBe('2027-01');
  });

  it('lists every date of a month in order', () => {
    const feb = datesOfMonth('2024-02' as MonthKey);
    expect(feb).toHaveLength(29);
    expect(feb[0]).toBe('2024-02-01');
    expect(feb[28]).toBe('2024-02-29');
    expect(datesOfMonth('2026-02' as MonthKey)).toHaveLength(28);
    expect(datesOfMonth('2100-02' as MonthKey)).toHaveLength(28);
    const nov = datesOfMonth('2026-11' as MonthKey);
    expect(nov).toHaveLength(30);
    expect(nov.slice(0, 3)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(nov[29]).toBe('2026-11-30');
  });
});

describe('times of day (HH:mm)', () => {
  it.each([
    ['00:00', 0],
    ['07:00', 420],
    ['09:30', 570],
    ['12:00', 720],
    ['20:00', 1200],
    ['23:59', 1439],
  ])('%s is %i minutes after midnight', (text, minutes) => {
    expect(parseTimeOfDay(text)).toBe(minutes);
    expect(formatMinutes(minutes)).toBe(text);
  });

  it.each(['24:00', '25:00', '23:60', '12:5', '9:00', '09:00:00', '0900', '09.00', '-01:00', '', ' 09:00'])(
    'refuses %p',
    (text) => {
      expect(parseTimeOfDay(text)).toBeNull();
    },
  );

  it('refuses non-strings', () => {
    expect(parseTimeOfDay(540)).toBeNull();
    expect(parseTimeOfDay(null)).toBeNull();
    expect(parseTimeOfDay(undefined)).toBeNull();
  });

  it('parses a local date-time YYYY-MM-DDTHH:mm and refuses impossible ones', () => {
    expect(parseLocalDateTime('2026-11-02T09:00')).toEqual({ date: '2026-11-02', minutes: 540 });
    expect(parseLocalDateTime('2026-03-29T02:30')).toEqual({ date: '2026-03-29', minutes: 150 });
    expect(parseLocalDateTime('2026-11-02T24:00')).toBeNull();
    expect(parseLocalDateTime('2026-02-29T09:00')).toBeNull();
    expect(parseLocalDateTime('2026-11-02 09:00')).toBeNull();
    expect(parseLocalDateTime('2026-11-02T09:00:00')).toBeNull();
    expect(parseLocalDateTime('2026-11-02')).toBeNull();
    expect(formatLocalDateTime({ date: d('2026-11-02'), minutes: 545 })).toBe('2026-11-02T09:05');
  });
});
