// The indexed view of a register snapshot (view.ts) and the history window an operation
// indexes: whole ISO weeks around the months of its dates. Rules evaluated on the window must
// give exactly what they give on the whole register (fast-check, random registers).
import fc from 'fast-check';
import type { DayRecord, RegisterSnapshot } from '../../src/app/ports';
import { dayFacts, historyWindow, RegisterView } from '../../src/app/view';
import { addDays, daysBetween, monthKey, parseIsoDate, weekday, type IsoDate } from '../../src/domain/dates';
import { teamKey } from '../../src/domain/history';
import type { Agreement, DayStatus, Employee } from '../../src/domain/model';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { evaluateApproval, evaluateRequest } from '../../src/domain/rules';

const MARIO = 'mario.ferrari@terredargine.example';
const GIULIA = 'giulia.neri@terredargine.example';
const d = (text: string): IsoDate => {
  const date = parseIsoDate(text);
  if (!date) throw new Error(`test setup: ${text} is not a date`);
  return date;
};

function employee(
  email: string,
  manager: string,
  organisation: string,
  sector: string,
  seat = 'Carpi',
): Employee {
  return {
    email,
    name: email.split('@')[0],
    organisation,
    sector,
    seat,
    manager,
    eligibility: 'eligible',
    workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    commuteKm: null,
    priority: '',
    workingLocationOptIn: false,
  };
}
const PEOPLE: Employee[] = [
  employee('a@terredargine.example', MARIO, "Unione Terre d'Argine", 'Personale'),
  employee('b@terredargine.example', MARIO, "unione terre d'argine ", 'PERSONALE'), // the same team
  employee('c@terredargine.example', GIULIA, 'Comune di Soliera', 'Tributi', 'Soliera'),
  employee('e@terredargine.example', GIULIA, 'Comune di Soliera', 'Tributi', 'Soliera'),
];
const agreement = (email: string): Agreement => ({
  employee: email,
  from: d('2026-01-01'),
  to: null,
  signedByEmployee: d('2025-12-01'),
  signedByManager: d('2025-12-01'),
  contactWindows: [{ from: '09:00', to: '13:00' }],
  equipment: 'employer',
  safetyNoticeDate: d('2026-06-01'),
});
function snapshot(days: DayRecord[] = [], over: Partial<RegisterSnapshot> = {}): RegisterSnapshot {
  return {
    policy: { ...DEFAULT_POLICY, disconnection: { ...DEFAULT_POLICY.disconnection } },
    admins: [],
    employees: PEOPLE,
    agreements: PEOPLE.map((p) => agreement(p.email)),
    sites: [
      { id: 'sede-1', name: 'Sede 1', comune: 'Carpi', capacity: 2 },
      { id: 'sede-2', name: 'Sede 2', comune: 'Soliera', capacity: 1 },
    ],
    holidays: [],
    delegations: [],
    days,
    problems: [],
    ...over,
  };
}
let n = 0;
const record = (employee: string, date: string, status: DayStatus, location = 'home'): DayRecord => ({
  id: `v${++n}#1`,
  requestId: `v${n}`,
  employee,
  date,
  location,
  note: '',
  status,
  violations: [],
  submittedAt: '2026-09-01T09:00',
  decidedBy: '',
  decidedAt: '',
  reason: '',
  calendarEventId: '',
});

describe('historyWindow', () => {
  it.each<[string[], { from: string; to: string }]>([
    [['2026-11-09'], { from: '2026-10-26', to: '2026-12-06' }], // 1 Nov is a Sunday, 30 Nov a Monday
    [['2026-11-01'], { from: '2026-10-26', to: '2026-12-06' }],
    [['2026-11-30'], { from: '2026-10-26', to: '2026-12-06' }],
    [['2026-06-15'], { from: '2026-06-01', to: '2026-07-05' }], // June starts on a Monday
    [['2026-05-20'], { from: '2026-04-27', to: '2026-05-31' }], // May ends on a Sunday
    [['2026-12-31'], { from: '2026-11-30', to: '2027-01-03' }], // across the year end
    [['2027-01-04'], { from: '2026-12-28', to: '2027-01-31' }], // 1 Jan 2027 a Friday, 31 Jan a Sunday
    [['2028-02-29'], { from: '2028-01-31', to: '2028-03-05' }], // a leap February
    [['2026-12-15', '2026-11-09'], { from: '2026-10-26', to: '2027-01-03' }], // any order
    [['2026-11-09', 'domani', '2026-02-30', ''], { from: '2026-10-26', to: '2026-12-06' }], // non-dates ignored
  ])('%j → %j', (dates, expected) => {
    expect(historyWindow(dates)).toEqual(expected);
  });

  it('is empty (from after to) when no date is real', () => {
    for (const dates of [[], ['domani'], ['2026-13-01', '']]) {
      const w = historyWindow(dates);
      expect(w).not.toBeNull();
      if (w) expect(w.from > w.to).toBe(true);
    }
  });

  const dateArb = fc.integer({ min: 0, max: 3 * 366 }).map((i) => addDays(d('2025-12-01'), i));

  it('covers whole ISO weeks around the months of the dates, and not a week more', () => {
    fc.assert(
      fc.property(fc.array(dateArb, { minLength: 1, maxLength: 6 }), (dates) => {
        const w = historyWindow(dates);
        if (!w) throw new Error('no window');
        const from = d(w.from);
        const to = d(w.to);
        expect(weekday(from)).toBe(1);
        expect(weekday(to)).toBe(7);
        const sorted = [...dates].sort();
        const first = d(`${monthKey(sorted[0])}-01`);
        const lastMonth = monthKey(sorted[sorted.length - 1]);
        const next = addDays(d(`${lastMonth}-28`), 4); // some day of the next month
        const last = addDays(d(`${monthKey(next)}-01`), -1);
        expect(daysBetween(from, first)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(from, first)).toBeLessThan(7);
        expect(daysBetween(last, to)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(last, to)).toBeLessThan(7);
      }),
      { numRuns: 500 },
    );
  });

  it('gives rule evaluations identical to the whole register’s, on random registers', () => {
    // Dense registers over three months; requests often near a month's edge, where a week
    // straddles two months and the window must reach into the next or the previous one.
    const nearArb = fc.integer({ min: 0, max: 90 }).map((i) => addDays(d('2026-10-01'), i));
    const edgeArb = fc
      .tuple(fc.constantFrom('2026-10-01', '2026-11-01', '2026-12-01'), fc.integer({ min: -4, max: 3 }))
      .map(([first, delta]) => addDays(d(first), delta));
    const requestDateArb = fc.oneof(nearArb, edgeArb);
    const statusArb = fc.constantFrom<DayStatus>('refused', 'pending', 'approved', 'rejected', 'cancelled');
    const locationArb = fc.constantFrom('home', 'home', 'sede-1', 'sede-2');
    const emailArb = fc.constantFrom(...PEOPLE.map((p) => p.email), PEOPLE[0].email, PEOPLE[0].email);
    const dayArb = fc
      .tuple(
        emailArb,
        fc.oneof({ weight: 20, arbitrary: nearArb }, { weight: 1, arbitrary: fc.constant('non è una data') }),
        statusArb,
        locationArb,
      )
      .map(([email, date, status, location]) => record(email, date, status, location));
    const policyArb = fc.record({
      maxDaysPerWeek: fc.integer({ min: 0, max: 3 }),
      maxDaysPerMonth: fc.integer({ min: 0, max: 12 }),
      maxTeamShare: fc.constantFrom(0.25, 0.5, 1),
    });
    fc.assert(
      fc.property(
        fc.array(dayArb, { maxLength: 150 }),
        policyArb,
        fc.array(requestDateArb, { minLength: 1, maxLength: 4 }),
        emailArb,
        locationArb,
        nearArb,
        (days, policy, dates, email, location, today) => {
          const snap = snapshot(days, { policy: { ...DEFAULT_POLICY, ...policy } });
          const full = new RegisterView(snap);
          const focused = new RegisterView(snap, dates);
          const who = full.employees.get(email) as Employee;
          // A new request.
          expect(evaluateRequest(focused.ruleContext(who, today), dates, location)).toEqual(
            evaluateRequest(full.ruleContext(who, today), dates, location),
          );
          // The approval re-check of every pending day, each with its own window.
          for (const day of days.filter((x) => x.status === 'pending')) {
            const facts = dayFacts(day);
            if (!facts) continue;
            const employee = full.employees.get(day.employee) as Employee;
            const window = new RegisterView(snap, [day.date]);
            const all = new RegisterView(snap);
            expect(evaluateApproval(window.ruleContext(employee, today), facts)).toEqual(
              evaluateApproval(all.ruleContext(employee, today), facts),
            );
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('the window leaves out what is outside it (so the comparison above is not vacuous)', () => {
    const days = [
      record('a@terredargine.example', '2026-10-25', 'approved'), // the Sunday before the window
      record('a@terredargine.example', '2026-10-26', 'approved'), // its first day
      record('a@terredargine.example', '2026-12-06', 'approved'), // its last day
      record('a@terredargine.example', '2026-12-07', 'approved'), // the Monday after
    ];
    const focused = new RegisterView(snapshot(days), ['2026-11-09']);
    const full = new RegisterView(snapshot(days));
    const counts = (v: RegisterView) =>
      ['2026-10-25', '2026-10-26', '2026-12-06', '2026-12-07'].map((x) =>
        v.history.onDay('a@terredargine.example', d(x)),
      );
    expect(counts(full)).toEqual([1, 1, 1, 1]);
    expect(counts(focused)).toEqual([0, 1, 1, 0]);
  });
});

describe('RegisterView', () => {
  it('indexes only counting statuses, and skips rows whose date is not a real date', () => {
    const A = 'a@terredargine.example';
    const view = new RegisterView(
      snapshot([
        record(A, '2026-11-09', 'pending'),
        record(A, '2026-11-10', 'approved', 'sede-1'),
        record(A, '2026-11-11', 'refused'),
        record(A, '2026-11-12', 'rejected'),
        record(A, '2026-11-13', 'cancelled'),
        record(A, '2026-11-31', 'pending'),
      ]),
    );
    expect(view.history.inWeek(A, d('2026-11-09'))).toBe(2);
    expect(view.history.inMonth(A, d('2026-11-09'))).toBe(2);
    expect(view.history.atSite('sede-1', d('2026-11-10'))).toBe(1);
    expect(view.daysOf.get(A)).toHaveLength(6);
    expect(dayFacts(record(A, '2026-11-31', 'pending'))).toBeNull();
    expect(dayFacts(record(A, '2026-11-30', 'pending'))).toEqual({
      employee: A,
      date: '2026-11-30',
      location: 'home',
      status: 'pending',
    });
  });

  it('counts team sizes by organisation and sector, ignoring case and surrounding spaces', () => {
    const view = new RegisterView(snapshot());
    expect(view.teamSizes.get(teamKey(PEOPLE[0]))).toBe(2);
    expect(view.teamSizes.get(teamKey(PEOPLE[2]))).toBe(2);
    expect(view.ruleContext(PEOPLE[1], d('2026-11-02')).teamSize).toBe(2);
  });

  it('knows managers and their delegates on a given day', () => {
    const view = new RegisterView(
      snapshot([], {
        delegations: [{ manager: MARIO, delegate: GIULIA, from: d('2026-11-05'), to: d('2026-11-06') }],
      }),
    );
    const a = PEOPLE[0];
    expect(view.isManagerOf(MARIO, a, d('2026-11-01'))).toBe(true);
    expect(view.isManagerOf(GIULIA, a, d('2026-11-04'))).toBe(false);
    expect(view.isManagerOf(GIULIA, a, d('2026-11-05'))).toBe(true);
    expect(view.isManagerOf(GIULIA, a, d('2026-11-06'))).toBe(true);
    expect(view.isManagerOf(GIULIA, a, d('2026-11-07'))).toBe(false);
    expect(view.peopleOf(MARIO, d('2026-11-05')).map((p) => p.email)).toEqual([
      PEOPLE[0].email,
      PEOPLE[1].email,
    ]);
    expect(view.peopleOf(GIULIA, d('2026-11-05')).map((p) => p.email)).toEqual(PEOPLE.map((p) => p.email));
    expect(view.peopleOf(GIULIA, d('2026-11-07')).map((p) => p.email)).toEqual([
      PEOPLE[2].email,
      PEOPLE[3].email,
    ]);
  });

  it('never lists a person among their own people', () => {
    const boss = employee(MARIO, GIULIA, 'Comune di Carpi', 'Direzione');
    const view = new RegisterView(
      snapshot([], {
        employees: [...PEOPLE, boss],
        delegations: [{ manager: GIULIA, delegate: MARIO, from: d('2026-11-01'), to: d('2026-11-30') }],
      }),
    );
    expect(view.peopleOf(MARIO, d('2026-11-10')).map((p) => p.email)).not.toContain(MARIO);
  });

  it('replaceDay moves the counts from the old state to the new one', () => {
    const A = 'a@terredargine.example';
    const pending = record(A, '2026-11-09', 'pending', 'sede-2');
    const view = new RegisterView(snapshot([pending]));
    view.replaceDay(pending, { ...pending, status: 'cancelled' });
    expect(view.history.onDay(A, d('2026-11-09'))).toBe(0);
    expect(view.history.atSite('sede-2', d('2026-11-09'))).toBe(0);
    expect(view.daysOf.get(A)?.map((x) => x.status)).toEqual(['cancelled']);
    const fresh = record(A, '2026-11-10', 'pending');
    view.replaceDay(null, fresh);
    expect(view.history.inWeek(A, d('2026-11-10'))).toBe(1);
    expect(view.daysOf.get(A)).toHaveLength(2);
  });

  it('does not change the snapshot it reads', () => {
    const days = [record('a@terredargine.example', '2026-11-09', 'pending')];
    const snap = snapshot(days);
    const copy = JSON.parse(JSON.stringify(snap));
    const view = new RegisterView(snap, ['2026-11-09']);
    evaluateRequest(view.ruleContext(PEOPLE[0], d('2026-11-02')), ['2026-11-10'], 'home');
    expect(JSON.parse(JSON.stringify(snap))).toEqual(copy);
  });
});
