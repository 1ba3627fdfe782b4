// Property-based tests (fast-check) of the rules and of date arithmetic: random histories with
// every status, random requests, random policies.
import fc from 'fast-check';
import {
  addDays,
  fromDayNumber,
  monthKey,
  parseIsoDate,
  startOfWeek,
  toDayNumber,
  weekday,
  weekKey,
  type IsoDate,
} from '../../src/domain/dates';
import { HistoryIndex, teamKey } from '../../src/domain/history';
import { HolidayCalendar } from '../../src/domain/holidays';
import {
  DAY_STATUSES,
  type Agreement,
  type DayFacts,
  type DayStatus,
  type Employee,
  type Site,
} from '../../src/domain/model';
import { DEFAULT_POLICY, type Policy } from '../../src/domain/policy';
import {
  evaluateApproval,
  evaluateDate,
  evaluateRequest,
  workingDaysInMonth,
  type RuleContext,
} from '../../src/domain/rules';

// Hundreds of runs per property: generous time, so a busy machine does not fail them.
jest.setTimeout(60_000);

const d = (text: string): IsoDate => {
  const date = parseIsoDate(text);
  if (!date) throw new Error(`test setup: ${text} is not a date`);
  return date;
};

function person(email: string, over: Partial<Employee> = {}): Employee {
  return {
    email,
    name: email,
    organisation: 'Comune di Carpi',
    sector: 'Tributi',
    seat: 'Carpi',
    manager: 'capo@terredargine.example',
    eligibility: 'eligible',
    workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    commuteKm: null,
    priority: '',
    workingLocationOptIn: false,
    ...over,
  };
}

const PEOPLE: Employee[] = [
  person('a@terredargine.example'),
  person('b@terredargine.example'),
  person('c@terredargine.example', { workingDays: ['Mon', 'Tue', 'Wed'] }),
  person('d@terredargine.example', { seat: 'Soliera', organisation: 'Comune di Soliera' }),
  person('e@terredargine.example', { workingDays: ['Mon'], seat: 'Novi di Modena' }),
];
const BY_EMAIL = new Map(PEOPLE.map((p) => [p.email, p]));
const TEAM_SIZES = new Map<string, number>();
for (const p of PEOPLE) TEAM_SIZES.set(teamKey(p), (TEAM_SIZES.get(teamKey(p)) ?? 0) + 1);
const teamOf = (email: string) => {
  const p = BY_EMAIL.get(email);
  return p ? teamKey(p) : null;
};

const SITES = new Map<string, Site>([
  ['carpi-agora', { id: 'carpi-agora', name: 'Agorà di Carpi', comune: 'Carpi', capacity: 2 }],
  [
    'soliera-municipio',
    { id: 'soliera-municipio', name: 'Municipio di Soliera', comune: 'Soliera', capacity: 1 },
  ],
]);
const LOCATIONS = ['home', 'carpi-agora', 'soliera-municipio'];

function agreementOf(email: string): Agreement {
  return {
    employee: email,
    from: d('2026-01-01'),
    to: null,
    signedByEmployee: d('2025-12-01'),
    signedByManager: d('2025-12-01'),
    contactWindows: [{ from: '09:00', to: '13:00' }],
    equipment: 'employer',
    safetyNoticeDate: d('2026-06-01'),
  };
}

// Eleven weeks from Monday 2 November 2026 to Sunday 17 January 2027: three months, the
// holidays of December and January, the ISO week 2026-W53 across the turn of the year.
const FIRST = toDayNumber(d('2026-11-02'));
const SPAN = 77;
const TODAY = d('2026-10-30');
const dateArb = fc.integer({ min: 0, max: SPAN - 1 }).map((n) => fromDayNumber(FIRST + n));

const statusArb = fc.constantFrom<DayStatus>(...DAY_STATUSES);
const dayArb = (status: fc.Arbitrary<DayStatus>): fc.Arbitrary<DayFacts> =>
  fc.record({
    employee: fc.constantFrom(...PEOPLE.map((p) => p.email)),
    date: dateArb,
    location: fc.constantFrom(...LOCATIONS),
    status,
  });
const historyArb = fc.array(dayArb(statusArb), { maxLength: 60 });
const noiseArb = fc.array(dayArb(fc.constantFrom<DayStatus>('refused', 'rejected', 'cancelled')), {
  minLength: 1,
  maxLength: 40,
});

const policyArb: fc.Arbitrary<Policy> = fc
  .record({
    maxDaysPerWeek: fc.integer({ min: 0, max: 5 }),
    maxDaysPerMonth: fc.integer({ min: 0, max: 12 }),
    maxTeamShare: fc.constantFrom(0.25, 0.5, 1),
    noticeDays: fc.integer({ min: 0, max: 5 }),
  })
  .map((p) => ({ ...DEFAULT_POLICY, disconnection: { ...DEFAULT_POLICY.disconnection }, ...p }));

interface Request {
  employee: string;
  dates: string[];
  location: string;
}
const requestArb: fc.Arbitrary<Request> = fc.record({
  employee: fc.constantFrom(...PEOPLE.map((p) => p.email)),
  dates: fc.array(
    fc.oneof(
      { weight: 9, arbitrary: dateArb.map(String) },
      { weight: 1, arbitrary: fc.constantFrom('2026-11-31', '2027-02-29', 'domani', '2026-1-5') },
    ),
    { minLength: 1, maxLength: 12 },
  ),
  location: fc.constantFrom(...LOCATIONS),
});

function context(policy: Policy, email: string, days: readonly DayFacts[]): RuleContext {
  const employee = BY_EMAIL.get(email) as Employee;
  return {
    policy,
    holidays: new HolidayCalendar(),
    employee,
    agreements: [agreementOf(email)],
    sites: SITES,
    teamSize: TEAM_SIZES.get(teamKey(employee)) ?? 1,
    history: HistoryIndex.build(days, teamOf),
    today: TODAY,
  };
}

const counts = (s: DayStatus) => s === 'pending' || s === 'approved';

/** pending + approved days of one employee per ISO week and per month, tallied from a plain list. */
function tally(days: readonly DayFacts[], email: string) {
  const weeks = new Map<string, number>();
  const months = new Map<string, number>();
  for (const x of days) {
    if (x.employee !== email || !counts(x.status)) continue;
    const w = startOfWeek(x.date); // the Monday: independent of the week numbering
    weeks.set(w, (weeks.get(w) ?? 0) + 1);
    months.set(monthKey(x.date), (months.get(monthKey(x.date)) ?? 0) + 1);
  }
  return { weeks, months };
}

describe('caps are never exceeded', () => {
  it('after evaluateRequest, every week and month where a date was accepted is within the caps', () => {
    fc.assert(
      fc.property(policyArb, historyArb, requestArb, (policy, history, req) => {
        const ctx = context(policy, req.employee, history);
        const out = evaluateRequest(ctx, req.dates, req.location);
        const accepted = out.filter((o) => o.status === 'pending').map((o) => o.date as IsoDate);
        const all = [
          ...history,
          ...accepted.map((date) => ({
            employee: req.employee,
            date,
            location: req.location,
            status: 'pending' as const,
          })),
        ];
        const { weeks, months } = tally(all, req.employee);
        for (const date of accepted) {
          expect(weeks.get(startOfWeek(date))).toBeLessThanOrEqual(policy.maxDaysPerWeek);
          expect(months.get(monthKey(date))).toBeLessThanOrEqual(policy.maxDaysPerMonth);
        }
        // The outcome is exactly the block rules: pending iff no block.
        for (const o of out)
          expect(o.status === 'refused').toBe(o.results.some((r) => r.severity === 'block'));
      }),
      { numRuns: 300 },
    );
  });

  it('a register built only through the rules never exceeds the caps, the capacity or the prevalence', () => {
    // A story of requests, approvals and cancellations, starting from an empty register.
    const opArb = fc.oneof(
      { weight: 3, arbitrary: requestArb.map((r) => ({ kind: 'request' as const, ...r })) },
      { weight: 1, arbitrary: fc.nat().map((i) => ({ kind: 'approve' as const, i })) },
      { weight: 1, arbitrary: fc.nat().map((i) => ({ kind: 'cancel' as const, i })) },
    );
    fc.assert(
      fc.property(policyArb, fc.array(opArb, { maxLength: 25 }), (policy, ops) => {
        const register: DayFacts[] = [];
        for (const op of ops) {
          if (op.kind === 'request') {
            const ctx = context(policy, op.employee, register);
            for (const o of evaluateRequest(ctx, op.dates, op.location))
              if (o.date)
                register.push({
                  employee: op.employee,
                  date: o.date,
                  location: op.location,
                  status: o.status,
                });
          } else {
            const live = register.filter((x) => counts(x.status));
            if (!live.length) continue;
            const day = live[op.i % live.length];
            if (op.kind === 'cancel') day.status = 'cancelled';
            else if (day.status === 'pending') {
              const ctx = context(policy, day.employee, register);
              const blocks = evaluateApproval(ctx, day).filter((r) => r.severity === 'block');
              // Nothing changed since the submission: the approval must not be blocked.
              expect(blocks).toEqual([]);
              day.status = 'approved';
            }
          }
        }
        for (const p of PEOPLE) {
          const { weeks, months } = tally(register, p.email);
          for (const n of weeks.values()) expect(n).toBeLessThanOrEqual(policy.maxDaysPerWeek);
          for (const [month, n] of months) {
            expect(n).toBeLessThanOrEqual(policy.maxDaysPerMonth);
            // workingDaysInMonth is checked against hand-counted months in rules.test.ts.
            const working = workingDaysInMonth(context(policy, p.email, []), d(`${month}-01`));
            expect(2 * n).toBeLessThan(working);
          }
          const live = register.filter((x) => x.employee === p.email && counts(x.status)).map((x) => x.date);
          expect(new Set(live).size).toBe(live.length); // never two live days on one date
        }
        for (const [id, site] of SITES) {
          const perDay = new Map<string, number>();
          for (const x of register)
            if (x.location === id && counts(x.status)) perDay.set(x.date, (perDay.get(x.date) ?? 0) + 1);
          for (const n of perDay.values()) expect(n).toBeLessThanOrEqual(site.capacity);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('refused, rejected and cancelled days never count', () => {
  it('adding them to the history changes no outcome', () => {
    fc.assert(
      fc.property(policyArb, historyArb, noiseArb, requestArb, (policy, history, noise, req) => {
        const plain = evaluateRequest(context(policy, req.employee, history), req.dates, req.location);
        const noisy = evaluateRequest(
          context(policy, req.employee, [...history, ...noise]),
          req.dates,
          req.location,
        );
        expect(noisy).toEqual(plain);
      }),
      { numRuns: 300 },
    );
  });

  it('a history of only such days gives the same outcome as an empty one', () => {
    fc.assert(
      fc.property(policyArb, noiseArb, requestArb, (policy, noise, req) => {
        const empty = evaluateRequest(context(policy, req.employee, []), req.dates, req.location);
        const noisy = evaluateRequest(context(policy, req.employee, noise), req.dates, req.location);
        expect(noisy).toEqual(empty);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the order the history was loaded in does not matter', () => {
  it('a shuffled history gives the same outcome', () => {
    const arb = historyArb.chain((h) =>
      fc.tuple(fc.constant(h), fc.shuffledSubarray(h, { minLength: h.length, maxLength: h.length })),
    );
    fc.assert(
      fc.property(policyArb, arb, requestArb, (policy, [history, shuffled], req) => {
        const a = evaluateRequest(context(policy, req.employee, history), req.dates, req.location);
        const b = evaluateRequest(context(policy, req.employee, shuffled), req.dates, req.location);
        expect(b).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it('the order of the dates within a request does not matter', () => {
    const arb = requestArb.chain((r) =>
      fc.tuple(
        fc.constant(r),
        fc.shuffledSubarray(r.dates, { minLength: r.dates.length, maxLength: r.dates.length }),
      ),
    );
    fc.assert(
      fc.property(policyArb, historyArb, arb, (policy, history, [req, dates]) => {
        const a = evaluateRequest(context(policy, req.employee, history), req.dates, req.location);
        const b = evaluateRequest(context(policy, req.employee, history), dates, req.location);
        // Same dates, same outcomes; strings that are not dates may come in another order.
        expect(b.filter((o) => o.date)).toEqual(a.filter((o) => o.date));
        expect(
          b
            .filter((o) => !o.date)
            .map((o) => o.input)
            .sort(),
        ).toEqual(
          a
            .filter((o) => !o.date)
            .map((o) => o.input)
            .sort(),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('evaluateApproval', () => {
  /** Every count the index answers for the span, as a plain object. */
  function snapshot(index: HistoryIndex): number[] {
    const out: number[] = [];
    for (let n = 0; n < SPAN; n++) {
      const date = fromDayNumber(FIRST + n);
      for (const p of PEOPLE)
        out.push(index.onDay(p.email, date), index.inWeek(p.email, date), index.inMonth(p.email, date));
      for (const id of SITES.keys()) out.push(index.atSite(id, date));
      for (const team of TEAM_SIZES.keys()) out.push(index.inTeam(team, date));
    }
    return out;
  }

  const withLiveDay = historyArb
    .filter((h) => h.some((x) => counts(x.status)))
    .chain((h) => {
      const live = h.map((x, i) => [x, i] as const).filter(([x]) => counts(x.status));
      return fc.tuple(fc.constant(h), fc.constantFrom(...live.map(([, i]) => i)));
    });

  it('leaves the history index unchanged', () => {
    fc.assert(
      fc.property(policyArb, withLiveDay, (policy, [history, i]) => {
        const day = history[i];
        const ctx = context(policy, day.employee, history);
        const before = snapshot(ctx.history);
        evaluateApproval(ctx, day);
        expect(snapshot(ctx.history)).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });

  it('equals the check of the date without the day itself, and without PAST_DATE', () => {
    fc.assert(
      fc.property(policyArb, withLiveDay, (policy, [history, i]) => {
        const day = history[i];
        const approval = evaluateApproval(context(policy, day.employee, history), day);
        const others = history.filter((_, j) => j !== i);
        const fresh = evaluateDate(context(policy, day.employee, others), day.date, day.location, {
          checkPast: false,
        });
        expect(approval).toEqual(fresh);
        expect(approval.some((r) => r.rule === 'PAST_DATE')).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('dates never shift', () => {
  // 1000-01-01 … 9999-12-31 as day numbers (computed independently).
  const dayNumberArb = fc.integer({ min: -354285, max: 2932896 });

  it('fromDayNumber and toDayNumber are inverse over the whole range', () => {
    fc.assert(
      fc.property(dayNumberArb, (n) => {
        const date = fromDayNumber(n);
        expect(parseIsoDate(date)).toBe(date);
        expect(toDayNumber(date)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('a date written by hand round-trips through its day number', () => {
    const lengths = (y: number) => [
      31,
      (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28,
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
    const ymd = fc
      .record({
        y: fc.integer({ min: 1000, max: 9999 }),
        m: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 31 }),
      })
      .filter(({ y, m, day }) => day <= lengths(y)[m - 1]);
    fc.assert(
      fc.property(ymd, ({ y, m, day }) => {
        const text = `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const date = d(text);
        expect(fromDayNumber(toDayNumber(date))).toBe(text);
        // Inside the calendar a day forth and back is the same day; at its last day it saturates.
        if (text !== '9999-12-31') expect(addDays(addDays(date, 1), -1)).toBe(text);
        else expect(addDays(date, 1)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('the ends of the calendar: windows around its first and last days never throw', () => {
    expect(addDays(d('9999-12-31'), 7)).toBe('9999-12-31');
    expect(addDays(d('1000-01-01'), -7)).toBe('1000-01-01');
    expect(startOfWeek(d('1000-01-01'))).toBe('1000-01-01');
  });

  it('addDays moves exactly by the number of days, both ways', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -300000, max: 2900000 }),
        fc.integer({ min: -20000, max: 20000 }),
        (n, k) => {
          const date = fromDayNumber(n);
          const moved = addDays(date, k);
          expect(toDayNumber(moved)).toBe(n + k);
          expect(addDays(moved, -k)).toBe(date);
          expect(weekday(addDays(date, 7 * Math.trunc(k / 7)))).toBe(weekday(date));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the seven days from a Monday share one ISO week, and the next Monday starts another', () => {
    fc.assert(
      // Up to the last whole week before 9999-12-31 (a Friday).
      fc.property(fc.integer({ min: -354285 + 7, max: 2932896 - 14 }), (n) => {
        const monday = startOfWeek(fromDayNumber(n));
        expect(weekday(monday)).toBe(1);
        const key = weekKey(monday);
        for (let i = 1; i < 7; i++) expect(weekKey(addDays(monday, i))).toBe(key);
        expect(weekKey(addDays(monday, 7))).not.toBe(key);
        expect(weekKey(addDays(monday, -1))).not.toBe(key);
      }),
      { numRuns: 1000 },
    );
  });
});
