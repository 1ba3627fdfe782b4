// The rules suite of `npm run bench`: checking requested dates against registers of growing
// size, through the HistoryIndex (the product path) and through a naive baseline that rescans
// the whole history for every date, in the same run, on the same data.
//
// Optimized path: HistoryIndex.build over the history once (as RegisterView does once per
// operation), then the real evaluateDate per date: O(1) map lookups for every count.
//
// Naive baseline: for every date, one loop over the WHOLE history array computes the five counts
// the rules read (employee+day, employee+ISO week, employee+month, site+day, team+day; pending and
// approved only), with the same helpers as the index (weekKey, monthKey, teamOf), then the real
// evaluateDate runs with a HistoryIndex whose queries answer those scanned counts (ScannedCounts).
// So both paths share every rule and message; only the counting differs, and the naive per-date
// cost includes a full scan of the history. The scan is written the way a careful linear scan
// would be (cheap equality tests first, week/month keys only for the employee's own days), so the
// baseline is not made slow on purpose.
//
// At large sizes the baseline runs on an evenly spaced sample of the dates (at most
// `baselineVisitBudget` day visits in all); its per-date cost is measured on the sample and its
// total for all dates is extrapolated, which the output states. Results are compared date by
// date on every date the baseline evaluated; any difference aborts the bench.
import { performance } from 'node:perf_hooks';
import { monthKey, weekKey, type IsoDate } from '../../src/domain/dates';
import { HistoryIndex, teamKey } from '../../src/domain/history';
import { COUNTING_STATUSES, HOME, type DayFacts } from '../../src/domain/model';
import { evaluateDate, type RuleContext, type RuleResult } from '../../src/domain/rules';
import type { BenchOptions, BenchRow } from './main';
import {
  DEFAULT_PERIOD,
  generateHistory,
  generateOrganisation,
  generateRequests,
  type Organisation,
  type Period,
  type RequestedDate,
} from './org';

export interface RulesBenchOptions {
  /** History sizes (requested days in the register). */
  sizes: readonly number[];
  /** Dates evaluated per size by the optimized path. */
  dates: number;
  /** Upper bound on history days the naive baseline visits per size (dates × rows). */
  baselineVisitBudget: number;
  /** The naive baseline evaluates at least this many dates (or all, when fewer). */
  minBaselineDates: number;
  /** Timed runs of the optimized path per size; the median is reported. */
  repeats: number;
  seed: number;
  period: Period;
  /** The day of the requests. */
  today: IsoDate;
  /** Targets, printed as checks (never asserted). */
  minSpeedup: number;
  maxFlatRatio: number;
  log: (line: string) => void;
}

export const DEFAULT_RULES_OPTIONS: Readonly<RulesBenchOptions> = Object.freeze({
  sizes: [1_000, 10_000, 100_000],
  dates: 10_000,
  baselineVisitBudget: 40_000_000,
  minBaselineDates: 200,
  repeats: 5,
  seed: 20260105,
  period: DEFAULT_PERIOD,
  today: '2025-12-15' as IsoDate,
  minSpeedup: 50,
  maxFlatRatio: 2,
  log: () => undefined,
});

/** The suite as main.ts runs it: the default sizes. */
export function rulesSuite(opts: BenchOptions): BenchRow[] {
  return runRulesBench({ ...DEFAULT_RULES_OPTIONS, log: opts.log });
}

export interface RulesFixture {
  org: Organisation;
  history: DayFacts[];
  requests: RequestedDate[];
  today: IsoDate;
}

export function makeFixture(
  rows: number,
  dates: number,
  o: Pick<RulesBenchOptions, 'seed' | 'period' | 'today'>,
): RulesFixture {
  const org = generateOrganisation(o.seed);
  return {
    org,
    history: generateHistory(org, rows, o.seed + 1, o.period),
    requests: generateRequests(org, dates, o.seed + 2, o.period),
    today: o.today,
  };
}

function context(f: RulesFixture, r: RequestedDate, history: HistoryIndex): RuleContext {
  return {
    policy: f.org.policy,
    holidays: f.org.holidays,
    employee: r.employee,
    agreements: f.org.agreementsOf.get(r.employee.email) ?? [],
    sites: f.org.sites,
    teamSize: f.org.teamSizes.get(teamKey(r.employee)) ?? 1,
    history,
    today: f.today,
  };
}

export function buildIndex(f: RulesFixture): HistoryIndex {
  return HistoryIndex.build(f.history, f.org.teamOf);
}

/** The product path: every date against the prebuilt index. */
export function evaluateIndexed(f: RulesFixture, index: HistoryIndex, requests: readonly RequestedDate[]) {
  return requests.map((r) => evaluateDate(context(f, r, index), r.date, r.location, { checkPast: true }));
}

/** The counts one date needs, found by scanning every day of the history. */
interface ScannedCountsFor {
  employee: string;
  date: IsoDate;
  location: string;
  team: string;
  onDay: number;
  inWeek: number;
  inMonth: number;
  atSite: number;
  inTeam: number;
}

/**
 * A HistoryIndex that answers the rules' queries with counts scanned for one date. It refuses
 * any other query, so a rule asking for something the scan did not count cannot go unnoticed.
 */
class ScannedCounts extends HistoryIndex {
  constructor(private readonly c: ScannedCountsFor) {
    super(() => null);
  }
  override add(): void {
    throw new Error('ScannedCounts is read-only');
  }
  override remove(): void {
    throw new Error('ScannedCounts is read-only');
  }
  override onDay(employee: string, date: IsoDate): number {
    this.expect(employee === this.c.employee && date === this.c.date, 'onDay');
    return this.c.onDay;
  }
  override inWeek(employee: string, date: IsoDate): number {
    this.expect(employee === this.c.employee && date === this.c.date, 'inWeek');
    return this.c.inWeek;
  }
  override inMonth(employee: string, date: IsoDate): number {
    this.expect(employee === this.c.employee && date === this.c.date, 'inMonth');
    return this.c.inMonth;
  }
  override atSite(site: string, date: IsoDate): number {
    this.expect(site === this.c.location && date === this.c.date, 'atSite');
    return this.c.atSite;
  }
  override inTeam(team: string, date: IsoDate): number {
    this.expect(team === this.c.team && date === this.c.date, 'inTeam');
    return this.c.inTeam;
  }
  private expect(ok: boolean, query: string): void {
    if (!ok)
      throw new Error(`naive baseline: unexpected ${query} query for ${this.c.employee} ${this.c.date}`);
  }
}

/** One full pass over the history for one date. */
function scan(history: readonly DayFacts[], f: RulesFixture, r: RequestedDate): ScannedCountsFor {
  const employee = r.employee.email;
  const { date, location } = r;
  const week = weekKey(date);
  const month = monthKey(date);
  const team = teamKey(r.employee);
  const c: ScannedCountsFor = {
    employee,
    date,
    location,
    team,
    onDay: 0,
    inWeek: 0,
    inMonth: 0,
    atSite: 0,
    inTeam: 0,
  };
  for (let i = 0; i < history.length; i++) {
    const d = history[i];
    if (!COUNTING_STATUSES.has(d.status)) continue;
    if (d.employee === employee) {
      if (d.date === date) c.onDay++;
      if (weekKey(d.date) === week) c.inWeek++;
      if (monthKey(d.date) === month) c.inMonth++;
    }
    if (d.date === date) {
      if (location !== HOME && d.location === location) c.atSite++;
      if (f.org.teamOf(d.employee) === team) c.inTeam++;
    }
  }
  return c;
}

/** The naive baseline: a full scan of the history per date, then the real rules. */
export function evaluateNaive(f: RulesFixture, requests: readonly RequestedDate[]): RuleResult[][] {
  return requests.map((r) =>
    evaluateDate(context(f, r, new ScannedCounts(scan(f.history, f, r))), r.date, r.location, {
      checkPast: true,
    }),
  );
}

/** Rule id, severity, params (keys sorted) and message: what must be identical between paths. */
function canonical(results: readonly RuleResult[]): string {
  return JSON.stringify(
    results.map((x) => [
      x.rule,
      x.severity,
      Object.keys(x.params)
        .sort()
        .map((k) => [k, x.params[k]]),
      x.message,
    ]),
  );
}

/** A description of the first date whose results differ, or null when all are identical. */
export function firstDifference(
  requests: readonly RequestedDate[],
  a: readonly RuleResult[][],
  b: readonly RuleResult[][],
): string | null {
  if (a.length !== b.length || a.length !== requests.length) {
    return `result counts differ: ${a.length} vs ${b.length} for ${requests.length} dates`;
  }
  for (let i = 0; i < a.length; i++) {
    const x = canonical(a[i]);
    const y = canonical(b[i]);
    if (x !== y) {
      const r = requests[i];
      return `date #${i} (${r.employee.email} ${r.date} ${r.location}): indexed ${x} ≠ naive ${y}`;
    }
  }
  return null;
}

/** Evenly spaced indices into `total` items, `count` of them (all when count ≥ total). */
export function sampleIndices(total: number, count: number): number[] {
  if (count >= total) return Array.from({ length: total }, (_, i) => i);
  return Array.from({ length: count }, (_, i) => Math.floor((i * total) / count));
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

function median(values: readonly number[]): number {
  const s = [...values].sort((x, y) => x - y);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

export function runRulesBench(o: RulesBenchOptions): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const size of o.sizes) {
    o.log(`rules: ${size} history days, ${o.dates} dates…`);
    const f = makeFixture(size, o.dates, o);

    const built = timed(() => buildIndex(f));
    const index = built.value;
    // Warm-up (JIT) on a few dates of both paths, outside the timings.
    evaluateIndexed(f, index, f.requests.slice(0, Math.min(200, f.requests.length)));
    evaluateNaive(f, f.requests.slice(0, Math.min(3, f.requests.length)));

    const runs: number[] = [];
    let indexed: RuleResult[][] = [];
    for (let i = 0; i < Math.max(1, o.repeats); i++) {
      const run = timed(() => evaluateIndexed(f, index, f.requests));
      runs.push(run.ms);
      if (i === 0) indexed = run.value;
    }
    const ms = median(runs);

    const baselineCount = Math.min(
      f.requests.length,
      Math.max(o.minBaselineDates, Math.floor(o.baselineVisitBudget / Math.max(size, 1))),
    );
    const sample = sampleIndices(f.requests.length, baselineCount);
    const sampleRequests = sample.map((i) => f.requests[i]);
    const naive = timed(() => evaluateNaive(f, sampleRequests));

    const difference = firstDifference(
      sampleRequests,
      sample.map((i) => indexed[i]),
      naive.value,
    );
    if (difference !== null) {
      throw new Error(`rules bench aborted: indexed and naive results differ at ${size} rows: ${difference}`);
    }

    const usPerDate = (ms * 1000) / o.dates;
    const baselineUsPerDate = (naive.ms * 1000) / sampleRequests.length;
    const baselineMs = (baselineUsPerDate * o.dates) / 1000;
    const extrapolated = sampleRequests.length < o.dates;
    rows.push({
      suite: 'rules',
      operation: 'evaluate',
      rows: size,
      dates: o.dates,
      ms: round(ms, 1),
      usPerDate: round(usPerDate, 2),
      baselineMs: round(baselineMs, 1),
      baselineUsPerDate: round(baselineUsPerDate, 2),
      speedup: round(baselineUsPerDate / usPerDate, 1),
      baselineDates: sampleRequests.length,
      baselineExtrapolated: extrapolated,
      indexMs: round(built.ms, 1),
      // Counting the one-off index build too: the whole batch, and the number of dates one
      // operation must check before index + lookups cost less than rescanning per date.
      speedupWithIndex: round(baselineMs / (ms + built.ms), 1),
      ...(baselineUsPerDate > usPerDate
        ? { breakEvenDates: Math.ceil((built.ms * 1000) / (baselineUsPerDate - usPerDate)) }
        : {}),
      identical: true,
      ...(extrapolated
        ? {
            note: `naive baseline measured on ${sampleRequests.length} of ${o.dates} dates (evenly spaced); its ms for ${o.dates} dates is extrapolated; results compared on those ${sampleRequests.length} dates`,
          }
        : {}),
    });
  }
  rows.push(...rulesChecks(rows, o));
  return rows;
}

/** The targets of ENGINEERING.md, as rows: measured against expected, never asserted. */
function rulesChecks(rows: readonly BenchRow[], o: RulesBenchOptions): BenchRow[] {
  const evaluated = rows.filter((r) => r.operation === 'evaluate');
  if (evaluated.length === 0) return [];
  const largest = evaluated[evaluated.length - 1];
  const smallest = evaluated[0];
  const speedup = Number(largest.speedup);
  const checks: BenchRow[] = [
    {
      suite: 'rules',
      operation: 'check',
      rows: largest.rows,
      check: `speedup vs naive at ${largest.rows} rows`,
      target: `≥ ${o.minSpeedup}×`,
      measured: speedup,
      ok: speedup >= o.minSpeedup,
    },
  ];
  if (evaluated.length > 1) {
    const ratio = round(Number(largest.usPerDate) / Number(smallest.usPerDate), 2);
    checks.push({
      suite: 'rules',
      operation: 'check',
      rows: largest.rows,
      check: `µs/date at ${largest.rows} rows ÷ at ${smallest.rows} rows (flat)`,
      target: `≤ ${o.maxFlatRatio}`,
      measured: ratio,
      ok: ratio <= o.maxFlatRatio,
    });
  }
  return checks;
}
