// The rules of docs/rules.md: for every rule a case that breaks it and one that holds at the exact
// boundary. Expected values come from docs/rules.md and the calendar, worked out by hand:
//   November 2026: 1 Nov is a Sunday; Mondays 2, 9, 16, 23, 30; 21 working days Mon–Fri.
//   December 2026: 1 Dec is a Tuesday; Mondays 7, 14, 21, 28; holidays 8 (Tue), 25 (Fri), 26 (Sat).
//   May 2026: Wednesdays 6, 13, 20, 27; 20 May is Carpi's patron day.
import { parseIsoDate, type IsoDate, type WeekdayCode } from '../../src/domain/dates';
import { HistoryIndex, teamKey } from '../../src/domain/history';
import { HolidayCalendar, type HolidayOverride } from '../../src/domain/holidays';
import type { Agreement, DayFacts, DayStatus, Employee, Site } from '../../src/domain/model';
import { DEFAULT_POLICY, type Policy } from '../../src/domain/policy';
import {
  contactWindowProblem,
  evaluateApproval,
  evaluateDate,
  evaluateRequest,
  orderRequestedDates,
  RULE_IDS,
  workingDaysInMonth,
  type RuleContext,
  type RuleResult,
} from '../../src/domain/rules';

const d = (text: string): IsoDate => {
  const date = parseIsoDate(text);
  if (!date) throw new Error(`test setup: ${text} is not a date`);
  return date;
};

const MON_FRI: WeekdayCode[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];

function employee(email: string, over: Partial<Employee> = {}): Employee {
  return {
    email,
    name: email.split('@')[0],
    organisation: 'Comune di Carpi',
    sector: 'Tributi',
    seat: 'Carpi',
    manager: 'mario.ferrari@terredargine.example',
    eligibility: 'eligible',
    workingDays: MON_FRI,
    commuteKm: null,
    priority: '',
    workingLocationOptIn: false,
    ...over,
  };
}

const ANNA = employee('anna.rossi@terredargine.example');
const OTHERS = ['b', 'c', 'd', 'e', 'f', 'g', 'h'].map((x) => employee(`${x}@terredargine.example`));

function agreement(over: Partial<Agreement> = {}): Agreement {
  return {
    employee: ANNA.email,
    from: d('2026-01-01'),
    to: d('2026-12-31'),
    signedByEmployee: d('2025-12-15'),
    signedByManager: d('2025-12-16'),
    contactWindows: [
      { from: '09:00', to: '13:00' },
      { from: '14:30', to: '16:30' },
    ],
    equipment: 'employer',
    // Recent enough for every date of 2026 from 10 January on (at most 355 days old).
    safetyNoticeDate: d('2026-01-10'),
    ...over,
  };
}

const SITES = new Map<string, Site>([
  ['carpi-agora', { id: 'carpi-agora', name: 'Agorà di Carpi', comune: 'Carpi', capacity: 2 }],
  [
    'novi-biblioteca',
    { id: 'novi-biblioteca', name: 'Biblioteca di Novi', comune: 'Novi di Modena', capacity: 0 },
  ],
]);

interface Setup {
  policy?: Partial<Policy>;
  employee?: Employee;
  agreements?: Agreement[];
  days?: { employee?: string; date: string; location?: string; status?: DayStatus }[];
  /** Everybody known, for team keys; defaults to the employee and OTHERS. */
  people?: Employee[];
  teamSize?: number;
  today?: string;
  holidays?: HolidayOverride[];
}

function context(setup: Setup = {}): RuleContext {
  const emp = setup.employee ?? ANNA;
  const people = setup.people ?? [emp, ...OTHERS];
  const teams = new Map(people.map((p) => [p.email, teamKey(p)]));
  const days: DayFacts[] = (setup.days ?? []).map((x) => ({
    employee: x.employee ?? emp.email,
    date: d(x.date),
    location: x.location ?? 'home',
    status: x.status ?? 'pending',
  }));
  return {
    policy: { ...DEFAULT_POLICY, disconnection: { ...DEFAULT_POLICY.disconnection }, ...setup.policy },
    holidays: new HolidayCalendar(setup.holidays ?? []),
    employee: emp,
    agreements: setup.agreements ?? [agreement({ employee: emp.email })],
    sites: SITES,
    teamSize: setup.teamSize ?? 8,
    history: HistoryIndex.build(days, (email) => teams.get(email) ?? null),
    today: d(setup.today ?? '2026-11-02'),
  };
}

function check(setup: Setup, date: string, location = 'home', checkPast = true): RuleResult[] {
  return evaluateDate(context(setup), d(date), location, { checkPast });
}

const ids = (results: RuleResult[]) => results.map((r) => r.rule).sort();
const blocks = (results: RuleResult[]) =>
  results
    .filter((r) => r.severity === 'block')
    .map((r) => r.rule)
    .sort();
const warnings = (results: RuleResult[]) =>
  results
    .filter((r) => r.severity === 'warn')
    .map((r) => r.rule)
    .sort();
/**
 * Blocks of a date no agreement covers. docs/rules.md does not say whether SAFETY_NOTICE and
 * CONTACT_WINDOW (which read the agreement) also speak then, so they are left out here.
 */
const uncovered = (results: RuleResult[]) =>
  blocks(results).filter((r) => r !== 'SAFETY_NOTICE' && r !== 'CONTACT_WINDOW');
const find = (results: RuleResult[], rule: string) => {
  const found = results.filter((r) => r.rule === rule);
  expect(found).toHaveLength(1);
  return found[0];
};

/** A well-formed result: known rule, severity, params, and an Italian message of substance. */
function expectWellFormed(r: RuleResult) {
  expect(RULE_IDS).toContain(r.rule);
  expect(['block', 'warn']).toContain(r.severity);
  expect(typeof r.params).toBe('object');
  expect(typeof r.message).toBe('string');
  expect(r.message.length).toBeGreaterThan(15);
  // Italian, not English: no English words of the kind a default message would carry.
  expect(r.message).not.toMatch(/\b(the|is|not|exceeded|limit reached)\b/i);
}

describe('a plain request breaks no rule', () => {
  it('Monday 9 November 2026, a week ahead, at home: no result at all', () => {
    expect(check({}, '2026-11-09')).toEqual([]);
  });
  it('evaluateRequest makes it pending', () => {
    const ctx = context();
    const [o] = evaluateRequest(ctx, ['2026-11-09'], 'home');
    expect(o).toEqual({ input: '2026-11-09', date: '2026-11-09', status: 'pending', results: [] });
  });
});

describe('INVALID_DATE', () => {
  it('refuses a string that is not a real date, after the real dates, in the order given', () => {
    const out = evaluateRequest(context(), ['2026-11-31', '2026-11-10', 'domani', '2026-11-09'], 'home');
    expect(out.map((o) => [o.input, o.status])).toEqual([
      ['2026-11-09', 'pending'],
      ['2026-11-10', 'pending'],
      ['2026-11-31', 'refused'],
      ['domani', 'refused'],
    ]);
    const r = find(out[2].results, 'INVALID_DATE');
    expect(r.severity).toBe('block');
    expect(r.params).toEqual({ input: '2026-11-31' });
    expect(r.message).toContain('2026-11-31');
    expect(out[2].results).toHaveLength(1);
    expect(out[2].date).toBeNull();
    expectWellFormed(r);
  });

  it('orderRequestedDates sorts the real dates, keeps duplicates, then the others in order', () => {
    expect(orderRequestedDates(['2026-11-12', 'x', '2026-11-05', '2026-11-12', '2026-02-30'])).toEqual([
      { input: '2026-11-05', date: '2026-11-05' },
      { input: '2026-11-12', date: '2026-11-12' },
      { input: '2026-11-12', date: '2026-11-12' },
      { input: 'x', date: null },
      { input: '2026-02-30', date: null },
    ]);
  });
});

describe('WORKING_DAY', () => {
  it('refuses a Saturday and a Sunday', () => {
    const sat = find(check({}, '2026-11-07'), 'WORKING_DAY');
    expect(sat.severity).toBe('block');
    expect(sat.params).toEqual({ weekday: 'Sat' });
    expect(sat.message).toBe('Il sabato non è un tuo giorno lavorativo (sab 7 nov 2026).');
    expectWellFormed(sat);
    expect(blocks(check({}, '2026-11-08'))).toEqual(['WORKING_DAY']);
  });

  it('allows the Friday just before', () => {
    expect(ids(check({}, '2026-11-06'))).toEqual([]);
  });

  it('refuses a national holiday on a weekday (8 December 2026, Tuesday)', () => {
    const r = find(check({}, '2026-12-08'), 'WORKING_DAY');
    expect(r.severity).toBe('block');
    expect(typeof r.params.holiday).toBe('string');
    expect(blocks(check({}, '2026-12-08'))).toEqual(['WORKING_DAY']);
    expectWellFormed(r);
  });

  it('refuses 4 October when it is a weekday (2027-10-04, Monday) and Easter Monday 2027', () => {
    const ctx: Setup = {
      today: '2027-03-01',
      agreements: [agreement({ to: null, safetyNoticeDate: d('2027-01-10') })],
    };
    // Asked so far ahead, HORIZON refuses it too.
    expect(blocks(check(ctx, '2027-10-04'))).toEqual(['HORIZON', 'WORKING_DAY']);
    expect(blocks(check(ctx, '2027-03-29'))).toEqual(['WORKING_DAY']);
    expect(blocks(check(ctx, '2027-03-30'))).toEqual([]);
  });

  it("refuses the patron day of the employee's seat, not of another seat", () => {
    const may: Setup = { today: '2026-05-04' };
    expect(blocks(check(may, '2026-05-20'))).toEqual(['WORKING_DAY']); // Carpi: San Bernardino
    const paolo = employee('paolo.neri@terredargine.example', { seat: 'Soliera' });
    const soliera: Setup = { ...may, employee: paolo, agreements: [agreement({ employee: paolo.email })] };
    expect(ids(check(soliera, '2026-05-20'))).toEqual([]);
    expect(blocks(check({ ...soliera, today: '2026-06-01' }, '2026-06-24'))).toEqual(['WORKING_DAY']);
    expect(ids(check({ today: '2026-06-01' }, '2026-06-24'))).toEqual([]); // Carpi works on 24 June
  });

  it('refuses a day that is not one of a part-time employee’s working days (Mon–Wed, on a Thursday)', () => {
    const part = employee('part.time@terredargine.example', { workingDays: ['Mon', 'Tue', 'Wed'] });
    const setup: Setup = { employee: part, agreements: [agreement({ employee: part.email })] };
    const r = find(check(setup, '2026-11-05'), 'WORKING_DAY');
    expect(r.params).toEqual({ weekday: 'Thu' });
    expect(blocks(check(setup, '2026-11-05'))).toEqual(['WORKING_DAY']);
    expect(ids(check(setup, '2026-11-04'))).toEqual([]); // Wednesday
  });

  it('refuses a day HR added to the holidays of the seat', () => {
    const holidays: HolidayOverride[] = [
      { date: d('2026-11-13'), name: 'Chiusura uffici', seat: 'Carpi', action: 'add' },
    ];
    expect(blocks(check({ holidays }, '2026-11-13'))).toEqual(['WORKING_DAY']);
    const removed: HolidayOverride[] = [
      { date: d('2026-05-20'), name: 'San Bernardino', seat: 'Carpi', action: 'remove' },
    ];
    expect(ids(check({ holidays: removed, today: '2026-05-04' }, '2026-05-20'))).toEqual([]);
  });
});

describe('PAST_DATE and SHORT_NOTICE', () => {
  it('refuses yesterday, allows today', () => {
    const past = check({ today: '2026-11-10' }, '2026-11-09');
    const r = find(past, 'PAST_DATE');
    expect(r.severity).toBe('block');
    expect(r.params).toEqual({ daysAhead: -1 });
    expectWellFormed(r);
    expect(blocks(past)).toEqual(['PAST_DATE']);
    expect(blocks(check({ today: '2026-11-10' }, '2026-11-10'))).toEqual([]);
  });

  it('warns for today with noticeDays 1, not for tomorrow', () => {
    const today = check({ today: '2026-11-10' }, '2026-11-10');
    expect(ids(today)).toEqual(['SHORT_NOTICE']);
    const r = find(today, 'SHORT_NOTICE');
    expect(r.severity).toBe('warn');
    expect(r.params).toEqual({ daysAhead: 0, noticeDays: 1 });
    expectWellFormed(r);
    expect(ids(check({ today: '2026-11-10' }, '2026-11-11'))).toEqual([]);
  });

  it('with noticeDays 3: two days ahead warns, three days ahead does not', () => {
    const setup: Setup = { today: '2026-11-09', policy: { noticeDays: 3 } };
    expect(find(check(setup, '2026-11-11'), 'SHORT_NOTICE').params).toEqual({ daysAhead: 2, noticeDays: 3 });
    expect(ids(check(setup, '2026-11-12'))).toEqual([]);
  });

  it('with noticeDays 0: today is not short notice', () => {
    expect(ids(check({ today: '2026-11-10', policy: { noticeDays: 0 } }, '2026-11-10'))).toEqual([]);
  });

  it('PAST_DATE is not checked when asked not to (late approval)', () => {
    expect(blocks(check({ today: '2026-11-12' }, '2026-11-09', 'home', false))).toEqual([]);
  });
});

describe('HORIZON', () => {
  // An open-ended agreement, so only the distance matters.
  const open = (today: string, policy: Partial<Policy> = {}): Setup => ({
    today,
    policy,
    agreements: [agreement({ employee: ANNA.email, to: null })],
  });

  it('allows a date 92 days after the request, refuses one 93 days after, with the numbers', () => {
    // 2026-11-02 + 92 = 2027-02-02 (a Tuesday), + 93 = 2027-02-03.
    expect(blocks(check(open('2026-11-02'), '2027-02-02'))).toEqual([]);
    const far = check(open('2026-11-02'), '2027-02-03');
    expect(blocks(far)).toEqual(['HORIZON']);
    expect(find(far, 'HORIZON').params).toEqual({ daysAhead: 93, maxDaysAhead: 92 });
    expect(find(far, 'HORIZON').message).toBe(
      'Troppo in anticipo: mer 3 feb 2027 è fra 93 giorni, si può chiedere al massimo 92 giorni prima.',
    );
    expectWellFormed(find(far, 'HORIZON'));
  });

  it('follows the policy parameter maxDaysAhead', () => {
    expect(blocks(check(open('2026-11-02', { maxDaysAhead: 7 }), '2026-11-09'))).toEqual([]);
    expect(blocks(check(open('2026-11-02', { maxDaysAhead: 7 }), '2026-11-10'))).toEqual(['HORIZON']);
  });

  it('the year 9999 is refused, not thrown on', () => {
    expect(blocks(check(open('2026-11-02'), '9999-12-31'))).toContain('HORIZON');
  });
});

describe('AGREEMENT', () => {
  it('allows an agreement signed by the manager on the day of the request, refuses one signed the day after', () => {
    const onTheDay: Setup = {
      today: '2026-11-02',
      agreements: [agreement({ signedByManager: d('2026-11-02') })],
    };
    expect(blocks(check(onTheDay, '2026-11-09'))).toEqual([]);
    const dayAfter: Setup = {
      today: '2026-11-02',
      agreements: [agreement({ signedByManager: d('2026-11-03') })],
    };
    const r = find(check(dayAfter, '2026-11-09'), 'AGREEMENT');
    expect(r.severity).toBe('block');
    expect(r.params).toEqual({ covering: 1 });
    expectWellFormed(r);
  });

  it('the same for the employee’s signature', () => {
    expect(
      blocks(check({ agreements: [agreement({ signedByEmployee: d('2026-11-02') })] }, '2026-11-09')),
    ).toEqual([]);
    expect(
      blocks(check({ agreements: [agreement({ signedByEmployee: d('2026-11-03') })] }, '2026-11-09')),
    ).toEqual(['AGREEMENT']);
  });

  it('refuses an agreement signed by one party only', () => {
    expect(blocks(check({ agreements: [agreement({ signedByManager: null })] }, '2026-11-09'))).toEqual([
      'AGREEMENT',
    ]);
    expect(blocks(check({ agreements: [agreement({ signedByEmployee: null })] }, '2026-11-09'))).toEqual([
      'AGREEMENT',
    ]);
  });

  it('refuses when there is no agreement at all', () => {
    const r = find(check({ agreements: [] }, '2026-11-09'), 'AGREEMENT');
    expect(r.params).toEqual({ covering: 0 });
    expect(uncovered(check({ agreements: [] }, '2026-11-09'))).toEqual(['AGREEMENT']);
  });

  it('covers its first day, not the day before', () => {
    const setup: Setup = { agreements: [agreement({ from: d('2026-11-10') })] };
    expect(blocks(check(setup, '2026-11-10'))).toEqual([]);
    expect(uncovered(check(setup, '2026-11-09'))).toEqual(['AGREEMENT']);
  });

  it('covers its last day, not the day after', () => {
    const setup: Setup = { agreements: [agreement({ to: d('2026-11-19') })] };
    expect(blocks(check(setup, '2026-11-19'))).toEqual([]);
    expect(uncovered(check(setup, '2026-11-20'))).toEqual(['AGREEMENT']);
  });

  it('an indefinite term (no end) covers any later date', () => {
    const setup: Setup = {
      agreements: [agreement({ to: null, safetyNoticeDate: d('2029-06-01') })],
      policy: { maxDaysAhead: 3660 }, // asked three years ahead: only the agreement matters here
    };
    expect(blocks(check(setup, '2029-11-05'))).toEqual([]);
    expect(blocks(check(setup, '2026-11-09'))).toEqual(['SAFETY_NOTICE']); // the notice postdates the day
  });

  it('finds the agreement that covers the date among several', () => {
    const setup: Setup = {
      agreements: [
        agreement({ from: d('2025-01-01'), to: d('2025-12-31'), safetyNoticeDate: d('2025-01-01') }),
        agreement({ from: d('2026-11-01'), to: null, signedByManager: d('2026-10-20') }),
      ],
    };
    expect(blocks(check(setup, '2026-11-09'))).toEqual([]);
  });
});

describe('ELIGIBILITY', () => {
  it('warns for a conditional profile', () => {
    const emp = employee('cond@terredargine.example', { eligibility: 'conditional' });
    const results = check({ employee: emp, agreements: [agreement({ employee: emp.email })] }, '2026-11-09');
    expect(ids(results)).toEqual(['ELIGIBILITY']);
    const r = find(results, 'ELIGIBILITY');
    expect(r.severity).toBe('warn');
    expect(r.params).toEqual({ eligibility: 'conditional' });
    expectWellFormed(r);
  });
  it('blocks a profile that is not eligible', () => {
    const emp = employee('no@terredargine.example', { eligibility: 'not-eligible' });
    const results = check({ employee: emp, agreements: [agreement({ employee: emp.email })] }, '2026-11-09');
    expect(blocks(results)).toEqual(['ELIGIBILITY']);
    expect(warnings(results)).toEqual([]);
    expectWellFormed(find(results, 'ELIGIBILITY'));
  });
});

describe('SAFETY_NOTICE', () => {
  // From 2025-11-10 to 2026-11-10: 365 days (no 29 February in between).
  it('allows a notice exactly 365 days old on the date', () => {
    expect(
      ids(check({ agreements: [agreement({ safetyNoticeDate: d('2025-11-10') })] }, '2026-11-10')),
    ).toEqual([]);
  });
  it('warns for a notice 366 days old, with the age and the limit', () => {
    const results = check({ agreements: [agreement({ safetyNoticeDate: d('2025-11-09') })] }, '2026-11-10');
    expect(ids(results)).toEqual(['SAFETY_NOTICE']);
    const r = find(results, 'SAFETY_NOTICE');
    expect(r.severity).toBe('warn');
    expect(r.params).toEqual({ ageDays: 366, limit: 365 });
    expect(r.message).toContain('366');
    expectWellFormed(r);
  });
  it('blocks when no notice is on file', () => {
    const results = check({ agreements: [agreement({ safetyNoticeDate: null })] }, '2026-11-10');
    expect(blocks(results)).toEqual(['SAFETY_NOTICE']);
    expectWellFormed(find(results, 'SAFETY_NOTICE'));
  });
  it('follows a policy override of the validity', () => {
    const setup: Setup = {
      policy: { safetyNoticeMaxDays: 30 },
      agreements: [agreement({ safetyNoticeDate: d('2026-10-10') })],
    };
    expect(ids(check(setup, '2026-11-09'))).toEqual([]); // 30 days
    expect(find(check(setup, '2026-11-10'), 'SAFETY_NOTICE').params).toEqual({ ageDays: 31, limit: 30 });
  });
});

describe('CONTACT_WINDOW', () => {
  const P = { maxContactMinutes: 432, disconnection: { from: '20:00', to: '07:00' } };
  const problem = (windows: [string, string][], policy = P) =>
    contactWindowProblem({ contactWindows: windows.map(([from, to]) => ({ from, to })) }, policy);

  it('allows windows totalling exactly 7h12 (432 minutes)', () => {
    expect(
      problem([
        ['08:00', '12:00'],
        ['13:00', '16:12'],
      ]),
    ).toBeNull();
  });
  it('refuses 7h13 (433 minutes), with the numbers', () => {
    const p = problem([
      ['08:00', '12:00'],
      ['13:00', '16:13'],
    ]);
    expect(p?.params).toEqual({ used: 433, limit: 432 });
    expect(p?.message).toMatch(/07:13/);
  });
  it('allows a window ending at 20:00, refuses one ending at 20:01', () => {
    expect(problem([['16:00', '20:00']])).toBeNull();
    expect(problem([['16:00', '20:01']])).not.toBeNull();
  });
  it('allows a window starting at 07:00, refuses one starting at 06:59', () => {
    expect(problem([['07:00', '11:00']])).toBeNull();
    expect(problem([['06:59', '11:00']])).not.toBeNull();
  });
  it('refuses a window wholly in the disconnection period', () => {
    expect(problem([['21:00', '22:00']])).not.toBeNull();
    expect(problem([['05:00', '06:00']])).not.toBeNull();
  });
  it('refuses overlapping windows, allows windows that only touch', () => {
    expect(
      problem([
        ['09:00', '13:00'],
        ['12:00', '14:00'],
      ]),
    ).not.toBeNull();
    expect(
      problem([
        ['12:00', '14:00'],
        ['09:00', '12:30'],
      ]),
    ).not.toBeNull();
    expect(
      problem([
        ['09:00', '13:00'],
        ['13:00', '14:00'],
      ]),
    ).toBeNull();
  });
  it('refuses zero windows', () => {
    const p = problem([]);
    expect(p).not.toBeNull();
    expect(p?.params).toEqual({ windows: 0 });
  });
  it('refuses a window that does not start before it ends', () => {
    expect(problem([['13:00', '09:00']])).not.toBeNull();
    expect(problem([['09:00', '09:00']])).not.toBeNull();
  });
  it('follows a disconnection override (19:00–08:00)', () => {
    const policy = { maxContactMinutes: 432, disconnection: { from: '19:00', to: '08:00' } };
    expect(problem([['15:00', '19:00']], policy)).toBeNull();
    expect(problem([['15:00', '19:01']], policy)).not.toBeNull();
    expect(problem([['08:00', '12:00']], policy)).toBeNull();
    expect(problem([['07:59', '12:00']], policy)).not.toBeNull();
  });
  it('follows a disconnection that does not wrap midnight (00:00–06:00)', () => {
    const policy = { maxContactMinutes: 1000, disconnection: { from: '00:00', to: '06:00' } };
    expect(problem([['06:00', '10:00']], policy)).toBeNull();
    expect(problem([['05:59', '10:00']], policy)).not.toBeNull();
    expect(problem([['21:00', '23:59']], policy)).toBeNull();
  });
  it('follows a maxContactMinutes override', () => {
    const policy = { ...P, maxContactMinutes: 480 };
    expect(
      problem(
        [
          ['08:00', '12:00'],
          ['13:00', '17:00'],
        ],
        policy,
      ),
    ).toBeNull();
  });

  it('reaches the day through evaluateDate as a block', () => {
    const results = check(
      {
        agreements: [
          agreement({
            contactWindows: [
              { from: '08:00', to: '12:00' },
              { from: '13:00', to: '16:13' },
            ],
          }),
        ],
      },
      '2026-11-09',
    );
    expect(blocks(results)).toEqual(['CONTACT_WINDOW']);
    const r = find(results, 'CONTACT_WINDOW');
    expect(r.params).toEqual({ used: 433, limit: 432 });
    expectWellFormed(r);
    expect(blocks(check({ agreements: [agreement({ contactWindows: [] })] }, '2026-11-09'))).toEqual([
      'CONTACT_WINDOW',
    ]);
    expect(
      blocks(
        check(
          {
            agreements: [
              agreement({
                contactWindows: [
                  { from: '08:00', to: '12:00' },
                  { from: '13:00', to: '16:12' },
                ],
              }),
            ],
          },
          '2026-11-09',
        ),
      ),
    ).toEqual([]);
  });

  it('a disconnection override in the policy reaches the day', () => {
    const setup: Setup = {
      policy: { disconnection: { from: '19:00', to: '08:00' } },
      agreements: [agreement({ contactWindows: [{ from: '16:00', to: '20:00' }] })],
    };
    expect(blocks(check(setup, '2026-11-09'))).toEqual(['CONTACT_WINDOW']);
    expect(blocks(check({ ...setup, policy: {} }, '2026-11-09'))).toEqual([]);
  });
});

describe('DUPLICATE_DAY', () => {
  it.each(['pending', 'approved'] as const)('refuses a date with a %s day already', (status) => {
    const results = check({ days: [{ date: '2026-11-09', status }] }, '2026-11-09');
    expect(blocks(results)).toEqual(['DUPLICATE_DAY']);
    const r = find(results, 'DUPLICATE_DAY');
    expect(r.params).toEqual({ existing: 1 });
    expectWellFormed(r);
  });
  it.each(['refused', 'rejected', 'cancelled'] as const)(
    'allows a date whose earlier day was %s',
    (status) => {
      expect(ids(check({ days: [{ date: '2026-11-09', status }] }, '2026-11-09'))).toEqual([]);
    },
  );
  it('does not mind another employee on the same date', () => {
    expect(ids(check({ days: [{ employee: OTHERS[0].email, date: '2026-11-09' }] }, '2026-11-09'))).toEqual(
      [],
    );
  });
  it('refuses the second copy of a date within one request', () => {
    const out = evaluateRequest(context(), ['2026-11-09', '2026-11-09'], 'home');
    expect(out.map((o) => o.status)).toEqual(['pending', 'refused']);
    expect(blocks(out[1].results)).toEqual(['DUPLICATE_DAY']);
  });
});

describe('WEEKLY_CAP', () => {
  it('allows the 2nd day of the ISO week', () => {
    expect(ids(check({ days: [{ date: '2026-11-09' }] }, '2026-11-13'))).toEqual([]);
  });
  it('refuses the 3rd, with used and limit', () => {
    const results = check(
      { days: [{ date: '2026-11-09' }, { date: '2026-11-10', status: 'approved' }] },
      '2026-11-13',
    );
    expect(blocks(results)).toEqual(['WEEKLY_CAP']);
    const r = find(results, 'WEEKLY_CAP');
    expect(r.params).toEqual({ used: 3, limit: 2 });
    expect(r.message).toContain('3');
    expectWellFormed(r);
  });
  it('does not count the days of the previous or next week', () => {
    const days = [
      { date: '2026-11-05' },
      { date: '2026-11-06' },
      { date: '2026-11-16' },
      { date: '2026-11-17' },
    ];
    expect(ids(check({ days }, '2026-11-09'))).toEqual([]);
  });
  it('does not count refused, rejected or cancelled days', () => {
    const days = [
      { date: '2026-11-09', status: 'refused' as const },
      { date: '2026-11-10', status: 'rejected' as const },
      { date: '2026-11-11', status: 'cancelled' as const },
      { date: '2026-11-12' },
    ];
    expect(ids(check({ days }, '2026-11-13'))).toEqual([]);
  });
  it('counts an ISO week across the turn of the year (2026-W53)', () => {
    const setup: Setup = {
      today: '2026-12-01',
      agreements: [agreement({ to: null })],
      days: [{ date: '2026-12-28' }, { date: '2026-12-29' }],
    };
    expect(find(check(setup, '2026-12-31'), 'WEEKLY_CAP').params).toEqual({ used: 3, limit: 2 });
    // 2027-01-04 is the Monday of 2027-W01.
    expect(blocks(check({ ...setup, agreements: [agreement({ to: null })] }, '2027-01-04'))).toEqual([]);
  });
  it('counts December 2029 and January 2030 in the same week 2030-W01', () => {
    const setup: Setup = {
      today: '2029-12-03',
      agreements: [agreement({ to: null, safetyNoticeDate: d('2029-06-01') })],
      days: [{ date: '2029-12-31' }, { date: '2030-01-02' }],
    };
    expect(blocks(check(setup, '2030-01-03'))).toEqual(['WEEKLY_CAP']);
    expect(blocks(check(setup, '2030-01-07'))).toEqual([]);
  });
  it('follows a policy override (maxDaysPerWeek 3)', () => {
    const days = [{ date: '2026-11-09' }, { date: '2026-11-10' }];
    expect(blocks(check({ days, policy: { maxDaysPerWeek: 3 } }, '2026-11-11'))).toEqual([]);
    expect(
      find(
        check({ days: [...days, { date: '2026-11-11' }], policy: { maxDaysPerWeek: 3 } }, '2026-11-12'),
        'WEEKLY_CAP',
      ).params,
    ).toEqual({ used: 4, limit: 3 });
  });
});

describe('MONTHLY_CAP', () => {
  // Two a week, so the weekly cap never speaks: 2, 3 | 9, 10 | 16, 17 | 23, 24 | 30 November.
  const SEVEN = [
    '2026-11-02',
    '2026-11-03',
    '2026-11-09',
    '2026-11-10',
    '2026-11-16',
    '2026-11-17',
    '2026-11-23',
  ];
  it('allows the 8th day of the month', () => {
    expect(ids(check({ days: SEVEN.map((date) => ({ date })) }, '2026-11-24'))).toEqual([]);
  });
  it('refuses the 9th, with used 9 and limit 8', () => {
    const days = [...SEVEN, '2026-11-24'].map((date) => ({ date }));
    const results = check({ days }, '2026-11-30');
    expect(blocks(results)).toEqual(['MONTHLY_CAP']);
    const r = find(results, 'MONTHLY_CAP');
    expect(r.severity).toBe('block');
    expect(r.params).toEqual({ used: 9, limit: 8 });
    expect(r.message).toContain('9');
    expect(r.message).toContain('8');
    expectWellFormed(r);
  });
  it('does not count the days of another month', () => {
    const days = [...SEVEN, '2026-11-24'].map((date) => ({ date }));
    expect(ids(check({ days }, '2026-12-01'))).toEqual([]);
  });
});

describe('PREVALENCE', () => {
  const mondays = employee('lunedi@terredargine.example', { workingDays: ['Mon'] });
  const setup = (days: string[]): Setup => ({
    employee: mondays,
    agreements: [agreement({ employee: mondays.email })],
    days: days.map((date) => ({ date })),
  });

  it('counts the working days of the employee in the month', () => {
    const ctx = context(setup([]));
    expect(workingDaysInMonth(ctx, d('2026-11-09'))).toBe(5);
    expect(workingDaysInMonth(ctx, d('2026-12-07'))).toBe(4);
    expect(workingDaysInMonth(context(), d('2026-11-09'))).toBe(21);
    expect(workingDaysInMonth(context(), d('2026-12-07'))).toBe(21);
    expect(workingDaysInMonth(context(), d('2026-04-01'))).toBe(21); // Easter Monday 6 April
    expect(workingDaysInMonth(context(), d('2026-05-04'))).toBe(19); // 1 May, and 20 May in Carpi
    const soliera = employee('s@terredargine.example', { seat: 'Soliera' });
    expect(workingDaysInMonth(context({ employee: soliera }), d('2026-05-04'))).toBe(20);
  });

  it('November 2026, Mondays only (5 working days): 2 smart days allowed (2×2 = 5−1)', () => {
    expect(ids(check(setup(['2026-11-02']), '2026-11-16'))).toEqual([]);
  });
  it('November 2026, Mondays only: a 3rd smart day is refused (2×3 = 6 > 5)', () => {
    const r = find(check(setup(['2026-11-02', '2026-11-09']), '2026-11-16'), 'PREVALENCE');
    expect(r.params).toEqual({ smart: 3, workingDays: 5 });
  });
  it('December 2026, Mondays only (4 working days): 2 smart days refused (2×2 = 4, not fewer)', () => {
    const results = check(setup(['2026-12-07']), '2026-12-14');
    expect(blocks(results)).toEqual(['PREVALENCE']);
    const r = find(results, 'PREVALENCE');
    expect(r.severity).toBe('block');
    expect(r.params).toEqual({ smart: 2, workingDays: 4 });
    expectWellFormed(r);
    expect(ids(check(setup([]), '2026-12-14'))).toEqual([]); // 2×1 = 2 < 4
  });
  it('the patron day makes the difference: Wednesdays of May 2026, Carpi 3 and Soliera 4', () => {
    const wedCarpi = employee('mercoledi@terredargine.example', { workingDays: ['Wed'] });
    const wedSoliera = employee('mercoledi.s@terredargine.example', {
      workingDays: ['Wed'],
      seat: 'Soliera',
    });
    for (const [emp, working] of [
      [wedCarpi, 3],
      [wedSoliera, 4],
    ] as const) {
      const base: Setup = {
        employee: emp,
        agreements: [agreement({ employee: emp.email })],
        today: '2026-05-01',
      };
      expect(ids(check(base, '2026-05-06'))).toEqual([]);
      const r = find(check({ ...base, days: [{ date: '2026-05-06' }] }, '2026-05-13'), 'PREVALENCE');
      expect(r.params).toEqual({ smart: 2, workingDays: working });
    }
  });
  it('binds a full-time employee when the caps are raised: 10 of 21 allowed, 11 refused', () => {
    const policy = { maxDaysPerWeek: 5, maxDaysPerMonth: 31 };
    const ten = ['02', '03', '04', '05', '06', '09', '10', '11', '12'].map((x) => ({ date: `2026-11-${x}` }));
    expect(ids(check({ policy, days: ten }, '2026-11-13'))).toEqual([]); // 10th: 20 < 21
    const r = find(check({ policy, days: [...ten, { date: '2026-11-13' }] }, '2026-11-16'), 'PREVALENCE');
    expect(r.params).toEqual({ smart: 11, workingDays: 21 });
  });
});

describe('SITE_CAPACITY', () => {
  const booked = (n: number, status: DayStatus = 'pending') =>
    OTHERS.slice(0, n).map((p) => ({
      employee: p.email,
      date: '2026-11-09',
      location: 'carpi-agora',
      status,
    }));
  it('allows the booking that fills the site (2 of 2)', () => {
    expect(ids(check({ days: booked(1) }, '2026-11-09', 'carpi-agora'))).toEqual([]);
  });
  it('refuses one over capacity (3 of 2)', () => {
    const results = check({ days: booked(2) }, '2026-11-09', 'carpi-agora');
    expect(blocks(results)).toEqual(['SITE_CAPACITY']);
    const r = find(results, 'SITE_CAPACITY');
    expect(r.params).toEqual({ used: 3, limit: 2 });
    expectWellFormed(r);
  });
  it('counts approved bookings, not cancelled or rejected ones', () => {
    expect(blocks(check({ days: booked(2, 'approved') }, '2026-11-09', 'carpi-agora'))).toEqual([
      'SITE_CAPACITY',
    ]);
    expect(ids(check({ days: booked(2, 'cancelled') }, '2026-11-09', 'carpi-agora'))).toEqual([]);
    expect(ids(check({ days: booked(2, 'rejected') }, '2026-11-09', 'carpi-agora'))).toEqual([]);
  });
  it('home is never limited, and other days of the site are free', () => {
    expect(ids(check({ days: booked(2) }, '2026-11-09', 'home'))).toEqual([]);
    expect(ids(check({ days: booked(2) }, '2026-11-10', 'carpi-agora'))).toEqual([]);
  });
  it('a site with capacity 0 takes nobody', () => {
    expect(find(check({}, '2026-11-09', 'novi-biblioteca'), 'SITE_CAPACITY').params).toEqual({
      used: 1,
      limit: 0,
    });
  });
});

describe('OWN_EQUIPMENT', () => {
  it('warns when the agreement uses the employee’s own equipment, and only then', () => {
    const results = check({ agreements: [agreement({ equipment: 'own' })] }, '2026-11-09');
    expect(ids(results)).toEqual(['OWN_EQUIPMENT']);
    expect(find(results, 'OWN_EQUIPMENT').severity).toBe('warn');
    expectWellFormed(find(results, 'OWN_EQUIPMENT'));
    expect(ids(check({ agreements: [agreement({ equipment: 'employer' })] }, '2026-11-09'))).toEqual([]);
  });
});

describe('TEAM_COVERAGE', () => {
  // A team of 4: ANNA and three colleagues of the same organisation and sector.
  const team = [ANNA, ...OTHERS.slice(0, 3)];
  const others = (n: number) => OTHERS.slice(0, n).map((p) => ({ employee: p.email, date: '2026-11-09' }));
  it('allows exactly the share (2 of 4 = 0.5)', () => {
    expect(ids(check({ people: team, teamSize: 4, days: others(1) }, '2026-11-09'))).toEqual([]);
  });
  it('warns just above (3 of 4), with the numbers', () => {
    const results = check({ people: team, teamSize: 4, days: others(2) }, '2026-11-09');
    expect(ids(results)).toEqual(['TEAM_COVERAGE']);
    const r = find(results, 'TEAM_COVERAGE');
    expect(r.severity).toBe('warn');
    expect(r.params).toEqual({ used: 3, teamSize: 4, limit: 0.5 });
    expectWellFormed(r);
  });
  it('with share 0.3 and a team of 10: 3 allowed, 4 warned', () => {
    const ten = [ANNA, ...OTHERS, employee('i@terredargine.example'), employee('j@terredargine.example')];
    const policy = { maxTeamShare: 0.3 };
    const days = (n: number) => ten.slice(1, n + 1).map((p) => ({ employee: p.email, date: '2026-11-09' }));
    expect(ids(check({ people: ten, teamSize: 10, policy, days: days(2) }, '2026-11-09'))).toEqual([]);
    expect(ids(check({ people: ten, teamSize: 10, policy, days: days(3) }, '2026-11-09'))).toEqual([
      'TEAM_COVERAGE',
    ]);
  });
  it('does not count people of another organisation with the same sector name', () => {
    const soliera = ['x', 'y'].map((x) =>
      employee(`${x}@terredargine.example`, { organisation: 'Comune di Soliera', seat: 'Soliera' }),
    );
    const days = soliera.map((p) => ({ employee: p.email, date: '2026-11-09' }));
    expect(ids(check({ people: [...team, ...soliera], teamSize: 4, days }, '2026-11-09'))).toEqual([]);
  });
  it('does not count cancelled days', () => {
    const days = others(3).map((x) => ({ ...x, status: 'cancelled' as const }));
    expect(ids(check({ people: team, teamSize: 4, days }, '2026-11-09'))).toEqual([]);
  });
});

describe('every broken rule is reported, not only the first', () => {
  it('a past Saturday for a not-eligible employee: WORKING_DAY, PAST_DATE and ELIGIBILITY', () => {
    const emp = employee('no@terredargine.example', { eligibility: 'not-eligible' });
    const results = check(
      { employee: emp, agreements: [agreement({ employee: emp.email })], today: '2026-11-10' },
      '2026-11-07',
    );
    expect(blocks(results)).toEqual(['ELIGIBILITY', 'PAST_DATE', 'WORKING_DAY']);
    for (const r of results) expectWellFormed(r);
  });
  it('caps, duplicate and site together', () => {
    const days = [
      { date: '2026-11-09', location: 'carpi-agora' },
      { date: '2026-11-10' },
      { employee: OTHERS[0].email, date: '2026-11-09', location: 'carpi-agora' },
    ];
    const results = check({ days }, '2026-11-09', 'carpi-agora');
    expect(blocks(results)).toEqual(['DUPLICATE_DAY', 'SITE_CAPACITY', 'WEEKLY_CAP']);
  });
  it('warnings together: conditional, own equipment, old notice, short notice', () => {
    const emp = employee('cond@terredargine.example', { eligibility: 'conditional' });
    const results = check(
      {
        employee: emp,
        agreements: [agreement({ employee: emp.email, equipment: 'own', safetyNoticeDate: d('2025-01-10') })],
        today: '2026-11-09',
      },
      '2026-11-09',
    );
    expect(blocks(results)).toEqual([]);
    expect(warnings(results)).toEqual(['ELIGIBILITY', 'OWN_EQUIPMENT', 'SAFETY_NOTICE', 'SHORT_NOTICE']);
  });
});

describe('evaluateRequest', () => {
  it('checks the dates in ascending order, each counting the accepted ones before it', () => {
    const ctx = context();
    const out = evaluateRequest(ctx, ['2026-11-11', '2026-11-09', '2026-11-10', '2026-11-12'], 'home');
    expect(out.map((o) => [o.date, o.status])).toEqual([
      ['2026-11-09', 'pending'],
      ['2026-11-10', 'pending'],
      ['2026-11-11', 'refused'],
      ['2026-11-12', 'refused'],
    ]);
    // Refused dates do not count: both refused ones see 3 of 2, not 3 and 4.
    expect(find(out[2].results, 'WEEKLY_CAP').params).toEqual({ used: 3, limit: 2 });
    expect(find(out[3].results, 'WEEKLY_CAP').params).toEqual({ used: 3, limit: 2 });
    // On return the index holds the two accepted dates.
    expect(ctx.history.inWeek(ANNA.email, d('2026-11-09'))).toBe(2);
    expect(ctx.history.inMonth(ANNA.email, d('2026-11-09'))).toBe(2);
  });

  it('a refused date in the middle does not count for the following ones', () => {
    // 8 December 2026 (Tuesday) is a holiday: refused, so Wednesday 9 is only the 2nd of the week.
    const ctx = context();
    const out = evaluateRequest(ctx, ['2026-12-09', '2026-12-08', '2026-12-07'], 'home');
    expect(out.map((o) => [o.date, o.status])).toEqual([
      ['2026-12-07', 'pending'],
      ['2026-12-08', 'refused'],
      ['2026-12-09', 'pending'],
    ]);
    expect(blocks(out[1].results)).toEqual(['WORKING_DAY']);
    expect(out[2].results).toEqual([]);
  });
});

describe('evaluateApproval', () => {
  const day = (date: string): DayFacts => ({
    employee: ANNA.email,
    date: d(date),
    location: 'home',
    status: 'pending',
  });

  it('does not count the day itself twice', () => {
    const ctx = context({ days: [{ date: '2026-11-09' }, { date: '2026-11-10' }] });
    expect(blocks(evaluateApproval(ctx, day('2026-11-10')))).toEqual([]);
  });

  it('allows a late approval (no PAST_DATE)', () => {
    const ctx = context({ days: [{ date: '2026-11-09' }], today: '2026-11-12' });
    expect(blocks(evaluateApproval(ctx, day('2026-11-09')))).toEqual([]);
  });

  it('catches a cap broken since the submission (e.g. the policy was lowered)', () => {
    const ctx = context({
      days: [{ date: '2026-11-09' }, { date: '2026-11-10' }],
      policy: { maxDaysPerWeek: 1 },
    });
    const results = evaluateApproval(ctx, day('2026-11-10'));
    expect(blocks(results)).toEqual(['WEEKLY_CAP']);
    expect(find(results, 'WEEKLY_CAP').params).toEqual({ used: 2, limit: 1 });
  });

  it('leaves the index as it was', () => {
    const ctx = context({ days: [{ date: '2026-11-09' }, { date: '2026-11-10', location: 'carpi-agora' }] });
    evaluateApproval(ctx, { ...day('2026-11-10'), location: 'carpi-agora' });
    expect(ctx.history.onDay(ANNA.email, d('2026-11-10'))).toBe(1);
    expect(ctx.history.inWeek(ANNA.email, d('2026-11-10'))).toBe(2);
    expect(ctx.history.atSite('carpi-agora', d('2026-11-10'))).toBe(1);
    expect(ctx.history.inTeam(teamKey(ANNA), d('2026-11-10'))).toBe(1);
  });
});
