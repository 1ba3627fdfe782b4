// The monthly report's arithmetic on a small hand-made month, and the iCalendar text rules.
import type { IsoDate } from '../../src/domain/dates';
import { HolidayCalendar } from '../../src/domain/holidays';
import { halfYearMonths, halfYearSummary } from '../../src/domain/half-year';
import { foldLine, icsText, toIcs } from '../../src/domain/ics';
import type { Agreement, Employee } from '../../src/domain/model';
import { MIN_GROUP, monthlyReport, reportRows, workingDaysOf, type ReportDay } from '../../src/domain/report';

const d = (s: string) => s as IsoDate;
function person(n: number, sector: string, km = 10): Employee {
  return {
    email: `p${n}@x.it`,
    name: `Persona ${n}`,
    organisation: 'Comune di Carpi',
    sector,
    seat: 'Carpi',
    manager: 'capo@x.it',
    eligibility: 'eligible',
    workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    commuteKm: km,
    priority: '',
    workingLocationOptIn: false,
  } as Employee;
}
const agreement = (email: string): Agreement => ({
  employee: email,
  from: d('2026-01-01'),
  to: null,
  signedByEmployee: d('2025-12-01'),
  signedByManager: d('2025-12-01'),
  contactWindows: [],
  equipment: 'employer',
  safetyNoticeDate: d('2025-12-01'),
});
const day = (n: number, date: string, status: ReportDay['status'], location = 'home'): ReportDay => ({
  employee: `p${n}@x.it`,
  date,
  status,
  location,
  rules: [],
});

describe('monthly report', () => {
  // Five people in «Tributi» (all with an agreement), two in «Messi» and three in «Uscieri»
  // (groups too small, together not: nothing more is hidden).
  const people = [1, 2, 3, 4, 5]
    .map((n) => person(n, 'Tributi'))
    .concat(
      [person(6, 'Messi'), person(7, 'Messi')],
      [8, 9, 10].map((n) => person(n, 'Uscieri')),
    );
  const input = {
    month: '2026-10',
    employees: people,
    agreements: [1, 2, 3, 4, 5, 6].map((n) => agreement(`p${n}@x.it`)),
    days: [
      day(1, '2026-10-05', 'approved'),
      day(2, '2026-10-05', 'approved'),
      day(3, '2026-10-05', 'approved'),
      day(4, '2026-10-06', 'rejected'),
      day(5, '2026-10-07', 'refused'),
      day(1, '2026-10-08', 'approved', 'soliera'),
      day(6, '2026-10-08', 'approved'),
      day(1, '2026-11-02', 'approved'), // another month
    ],
    sites: [{ id: 'soliera', name: 'Soliera', comune: 'Soliera', capacity: 4 }],
    holidays: new HolidayCalendar(),
    policy: { maxTeamShare: 0.5 },
    emissionFactor: 0.2,
  };
  const r = monthlyReport(input);

  test('a sector: days by status, per person, share of working days, km and CO2 of the days at home', () => {
    const tributi = r.groups.find((g) => g.sector === 'Tributi');
    // 22 working days in October 2026 (Monday to Friday, no holiday in Carpi).
    expect(workingDaysOf(people[0], '2026-10', new HolidayCalendar())).toHaveLength(22);
    expect(tributi).toEqual({
      organisation: 'Comune di Carpi',
      sector: 'Tributi',
      staff: 5,
      withAgreement: 5,
      requested: 6,
      approved: 4,
      rejected: 1,
      refused: 1,
      cancelled: 0,
      pending: 0,
      daysPerPerson: 0.8,
      smartShare: Math.round((1000 * 4) / (5 * 22)) / 10,
      kmAvoided: 60, // three days at home × 10 km × 2
      co2Kg: 12,
      suppressed: false,
    });
  });

  test('a group under 5 people is suppressed but counts in its organisation', () => {
    expect(MIN_GROUP).toBe(5);
    const messi = r.groups.find((g) => g.sector === 'Messi');
    expect(messi?.suppressed).toBe(true);
    expect(messi?.approved).toBe(0);
    const total = r.groups.find((g) => g.sector === '');
    expect([total?.staff, total?.approved, total?.suppressed]).toEqual([10, 5, false]);
    expect(
      reportRows(r)
        .find((row) => row[2] === 'Messi')
        ?.slice(3),
    ).toEqual(Array(12).fill('<5'));
  });

  test('one small sector beside shown ones: the smallest shown one is hidden too (no subtraction)', () => {
    const org = [1, 2, 3, 4, 5]
      .map((n) => person(n, 'Tributi'))
      .concat([6, 7, 8, 9, 10, 11].map((n) => person(n, 'Anagrafe')))
      .concat([12, 13].map((n) => person(n, 'Messi')));
    const report = monthlyReport({ ...input, employees: org });
    // Messi (2) alone would be the total minus the others: Tributi (5, the smaller) goes with it.
    expect(report.groups.filter((g) => !g.suppressed).map((g) => g.sector)).toEqual(['', 'Anagrafe']);
  });

  test('site occupancy by day, and the days a team is too thin', () => {
    expect(r.sites).toEqual([
      { siteId: 'soliera', name: 'Soliera', capacity: 4, days: [{ date: '2026-10-08', people: 1 }] },
    ]);
    // 5 October: 3 of the 5 of Tributi away (> 50 %); Messi (2 people) never listed.
    expect(r.coverage).toEqual([
      { organisation: 'Comune di Carpi', sector: 'Tributi', date: '2026-10-05', away: 3, staff: 5 },
    ]);
  });
});

describe('iCalendar', () => {
  test('text is escaped and long lines folded at 75 octets, never inside a character', () => {
    expect(icsText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    const long = `SUMMARY:${'à'.repeat(60)}`;
    const folded = foldLine(long);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(
      folded
        .split('\r\n')
        .map((l, i) => (i ? l.slice(1) : l))
        .join(''),
    ).toBe(long);
  });

  test('one all-day event per day, the next day as its end, CRLF line ends', () => {
    const text = toIcs(
      'Prova',
      [{ id: 'r1#1', date: d('2026-12-31'), summary: 'S', description: 'D' }],
      '20261201T080000Z',
      'x.it',
    );
    expect(text).toContain('DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n');
    expect(text).toContain('UID:r1#1@x.it\r\n');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});

describe('half-yearly report', () => {
  test('the six months of a half year; anything else is none', () => {
    expect(halfYearMonths('2026-H2')).toEqual([
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(halfYearMonths('2026-H1')[0]).toBe('2026-01');
    expect(halfYearMonths('2026-H3')).toEqual([]);
  });

  test('the totals sum the organisations shown, never a suppressed group', () => {
    const group = (organisation: string, approved: number, suppressed = false) => ({
      organisation,
      sector: '',
      staff: 10,
      withAgreement: 8,
      requested: approved,
      approved,
      rejected: 0,
      refused: 0,
      cancelled: 0,
      pending: 0,
      daysPerPerson: 1,
      smartShare: 2,
      kmAvoided: approved * 10,
      co2Kg: approved,
      suppressed,
    });
    const month = (m: string) => ({
      month: m,
      groups: [group('Comune di Carpi', 3), group('Comune di Novi', 0, true)],
      sites: [],
      coverage: [],
      emissionFactor: { kgPerKm: 0.165, source: '' },
    });
    const { fields, tables } = halfYearSummary(
      '2026-H2',
      halfYearMonths('2026-H2').map(month),
      d('2027-01-10'),
    );
    expect(fields).toMatchObject({
      Periodo: 'Secondo semestre 2026 (luglio–dicembre)',
      Approvate: '18',
      Km: '180',
      CO2: '18',
    });
    expect(tables[0].map((r) => r[0])).toEqual(['Ente', 'Comune di Carpi']);
    expect(tables[1]).toHaveLength(7);
  });
});
