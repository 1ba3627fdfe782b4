// The rules benchmark at a small size: correctness only, never timing. The indexed path (the
// product's HistoryIndex) and the naive baseline (a full history scan per date) must give the
// same rule results for every evaluated date, and the synthetic organisation is deterministic.
import type { IsoDate } from '../src/domain/dates';
import { COUNTING_STATUSES, DAY_STATUSES } from '../src/domain/model';
import type { RuleResult } from '../src/domain/rules';
import {
  EMPLOYEE_COUNT,
  ORGANISATION_COUNT,
  generateHistory,
  generateOrganisation,
  generateRequests,
} from '../dev/bench/org';
import {
  DEFAULT_RULES_OPTIONS,
  buildIndex,
  evaluateIndexed,
  evaluateNaive,
  firstDifference,
  makeFixture,
  runRulesBench,
  sampleIndices,
  type RulesBenchOptions,
} from '../dev/bench/rules';

// A dense month, so that the counting rules actually fire and the comparison means something.
const SMALL: RulesBenchOptions = {
  ...DEFAULT_RULES_OPTIONS,
  sizes: [500, 6000],
  dates: 400,
  baselineVisitBudget: Number.MAX_SAFE_INTEGER,
  minBaselineDates: 0,
  repeats: 1,
  seed: 7,
  period: { from: '2025-10-01' as IsoDate, days: 31 },
  today: '2025-09-15' as IsoDate,
};

describe('synthetic organisation', () => {
  const org = generateOrganisation(SMALL.seed);

  it('has 470 employees in 6 organisations, unique addresses, nobody managing themselves', () => {
    expect(EMPLOYEE_COUNT).toBe(470);
    expect(org.employees).toHaveLength(470);
    expect(new Set(org.employees.map((e) => e.organisation)).size).toBe(ORGANISATION_COUNT);
    expect(ORGANISATION_COUNT).toBe(6);
    expect(new Set(org.employees.map((e) => e.email)).size).toBe(470);
    for (const e of org.employees) {
      expect(e.manager).not.toBe(e.email);
      expect(org.byEmail.has(e.manager)).toBe(true);
    }
  });

  it('gives everyone an agreement signed by both parties, and 2–3 shared sites', () => {
    for (const e of org.employees) {
      const [a, ...more] = org.agreementsOf.get(e.email) ?? [];
      expect(more).toHaveLength(0);
      expect(a.signedByEmployee).not.toBeNull();
      expect(a.signedByManager).not.toBeNull();
      expect(a.signedByManager! <= a.from).toBe(true);
    }
    expect(org.sites.size).toBeGreaterThanOrEqual(2);
    expect(org.sites.size).toBeLessThanOrEqual(3);
  });

  it('is deterministic for a seed, and differs for another seed', () => {
    const again = generateOrganisation(SMALL.seed);
    expect(again.employees).toEqual(org.employees);
    expect(generateHistory(again, 300, 1, SMALL.period)).toEqual(generateHistory(org, 300, 1, SMALL.period));
    expect(generateRequests(again, 300, 2, SMALL.period)).toEqual(
      generateRequests(org, 300, 2, SMALL.period),
    );
    expect(generateOrganisation(SMALL.seed + 1).employees).not.toEqual(org.employees);
  });

  it('mixes statuses in the history, inside the period', () => {
    const history = generateHistory(org, 2000, 1, SMALL.period);
    const statuses = new Set(history.map((d) => d.status));
    expect([...statuses].sort()).toEqual([...DAY_STATUSES].sort());
    const counting = history.filter((d) => COUNTING_STATUSES.has(d.status)).length;
    expect(counting / history.length).toBeGreaterThan(0.5);
    expect(counting / history.length).toBeLessThan(0.8);
    for (const d of history) {
      expect(d.date >= '2025-10-01' && d.date <= '2025-10-31').toBe(true);
    }
  });
});

describe('rules bench: indexed path vs naive baseline', () => {
  it('gives identical results for every evaluated date', () => {
    const f = makeFixture(6000, SMALL.dates, SMALL);
    const indexed = evaluateIndexed(f, buildIndex(f), f.requests);
    const naive = evaluateNaive(f, f.requests);
    expect(firstDifference(f.requests, indexed, naive)).toBeNull();
    expect(naive).toEqual(indexed);

    // The comparison covers the rules that read the counts, not only empty results.
    const fired = new Set(indexed.flat().map((r) => r.rule));
    for (const rule of [
      'DUPLICATE_DAY',
      'WEEKLY_CAP',
      'MONTHLY_CAP',
      'PREVALENCE',
      'SITE_CAPACITY',
      'TEAM_COVERAGE',
    ] as const) {
      expect(fired).toContain(rule);
    }
  });

  it('reports the first date whose results differ', () => {
    const f = makeFixture(500, 20, SMALL);
    const indexed = evaluateIndexed(f, buildIndex(f), f.requests);
    const tampered: RuleResult[][] = indexed.map((results) => results.map((r) => ({ ...r })));
    tampered[5] = [
      ...tampered[5],
      { rule: 'WEEKLY_CAP', severity: 'block', params: { used: 3, limit: 2 }, message: 'x' },
    ];
    expect(firstDifference(f.requests, indexed, tampered)).toMatch(/^date #5 /);
    expect(firstDifference(f.requests, indexed, indexed.slice(1))).toMatch(/counts differ/);
  });

  it('runs the suite at a small size, comparing every date, with check rows', () => {
    const rows = runRulesBench(SMALL);
    const evaluated = rows.filter((r) => r.operation === 'evaluate');
    expect(evaluated.map((r) => r.rows)).toEqual([500, 6000]);
    for (const r of evaluated) {
      expect(r).toMatchObject({
        suite: 'rules',
        dates: 400,
        baselineDates: 400,
        baselineExtrapolated: false,
      });
      expect(r.identical).toBe(true);
    }
    expect(rows.filter((r) => r.operation === 'check')).toHaveLength(2);
  });

  it('samples evenly, and takes every date when the sample is large enough', () => {
    expect(sampleIndices(10, 20)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(sampleIndices(10_000, 4)).toEqual([0, 2500, 5000, 7500]);
  });
});
