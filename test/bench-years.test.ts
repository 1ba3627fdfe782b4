// The years benchmark at a tiny size: correctness only, never timing. The register is built with
// the history of the years asked, the product's archive job moves its closed months to the
// yearly archives, the four operations run through the bundle, and the rows they read from
// Sheets are counted: flat with the years, since only the live months stay in the register.
import type { IsoDate } from '../src/domain/dates';
import { STATUS_LABELS } from '../src/domain/labels';
import { main } from '../dev/bench/main';
import { scaledPlan } from '../dev/bench/org';
import { fixtureProblems, storedDays } from '../dev/bench/register';
import {
  archiveUnfinished,
  buildYearsFixture,
  DEFAULT_YEARS_OPTIONS,
  FULL_STAFF,
  heapTooSmall,
  historyMonths,
  runYearsBench,
  YEARS_OPERATIONS,
  type YearsBenchOptions,
} from '../dev/bench/years';
import { bundlePath } from './helpers/bundle';

const TINY: YearsBenchOptions = {
  ...DEFAULT_YEARS_OPTIONS,
  staff: [20],
  years: [1, 2],
  warmUp: false,
  spareRows: 100,
  codePath: bundlePath(),
  build: false,
};

jest.setTimeout(180_000);

describe('years bench', () => {
  it('scales the organisation: every organisation keeps a director, large sectors become units', () => {
    const count = (plan: ReturnType<typeof scaledPlan>) =>
      plan.reduce((n, org) => n + org.sectors.reduce((s, [, people]) => s + people, 0), 0);
    expect(count(scaledPlan(20))).toBe(20);
    for (const org of scaledPlan(20)) expect(org.sectors[0][1]).toBeGreaterThanOrEqual(1);
    const big = scaledPlan(5_000);
    expect(count(big)).toBe(5_000);
    expect(Math.max(...big.flatMap((o) => o.sectors.map(([, n]) => n)))).toBeLessThanOrEqual(50);
    expect(big[0].sectors.some(([name]) => name === 'Polizia locale 1')).toBe(true);
  });

  it('builds months of history ending with the month after today, agreeing with its change log', () => {
    expect(historyMonths('2025-12-15' as IsoDate, 14).map((m) => m.from)).toEqual([
      '2024-12-01',
      ...['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2025-${m}-01`),
      '2026-01-01',
    ]);
    const f = buildYearsFixture(20, 1, TINY);
    expect(f.dayRows).toBe(20 * 8 * 12);
    // The product's archive job ran and moved the closed months to the yearly archives: every
    // day is in the register or in one archive, once.
    expect(f.archived).toBe(true);
    const archives = Object.values(
      JSON.parse(f.workspace.state.properties.script['agora.archiveFiles'] ?? '{}') as Record<string, string>,
    );
    expect(archives.length).toBeGreaterThan(0);
    const live = storedDays(f.workspace);
    const archived = archives.flatMap((id) => storedDays(f.workspace, id));
    expect(archived.length).toBeGreaterThan(0);
    const days = [...live, ...archived];
    expect(days).toHaveLength(f.dayRows);
    expect(new Set(days.map((d) => d.id)).size).toBe(f.dayRows);
    // What stays live starts with the first day of the month before today's.
    const liveFrom = Date.UTC(2025, 10, 1) - 3_600_000; // 2025-11-01 00:00 in Rome
    expect(live.every((d) => (d.dateMs as number) >= liveFrom)).toBe(true);
    expect(archived.every((d) => (d.dateMs as number) < liveFrom)).toBe(true);
    expect(fixtureProblems(f.workspace)).toEqual([]);
    expect(f.auditRows).toBeGreaterThan(f.dayRows);
    expect(days.filter((d) => d.status === STATUS_LABELS.approved).every((d) => d.calendarEventId)).toBe(
      true,
    );
  });

  it('the archive hook runs again while the job says it has more to do', () => {
    expect(archiveUnfinished({ done: false })).toBe(true);
    expect(archiveUnfinished({ remaining: 2 })).toBe(true);
    expect(archiveUnfinished({ done: true, remaining: 0 })).toBe(false);
    expect(archiveUnfinished(undefined)).toBe(false);
    expect(archiveUnfinished(3)).toBe(false);
  });

  it('gives rows read and ms per operation, staff and years, and the flat check', () => {
    const rows = runYearsBench(TINY);
    const measured = rows.filter((r) => (YEARS_OPERATIONS as readonly string[]).includes(r.operation));
    expect(measured.map((r) => `${r.operation}@${r.years}`)).toEqual(
      TINY.years.flatMap((y) => YEARS_OPERATIONS.map((op) => `${op}@${y}`)),
    );
    for (const r of measured) {
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining(['suite', 'operation', 'staff', 'years', 'rowsRead', 'ms']),
      );
      expect(r.suite).toBe('years');
      expect(r.staff).toBe(20);
      expect(typeof r.ms).toBe('number');
      expect(r.rowsRead).toBeGreaterThan(0);
      // JSON-safe: exactly what --json prints.
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    }
    // The archive keeps the register to its live months: twice the history, the same rows read
    // (within the randomness of the live months' history, generated with other seeds).
    for (const op of YEARS_OPERATIONS) {
      const [one, two] = TINY.years.map(
        (y) => measured.find((r) => r.operation === op && r.years === y)?.rowsRead as number,
      );
      expect(two).toBeLessThanOrEqual(one * 1.2);
    }
    const fixtures = rows.filter((r) => r.operation === 'fixture');
    expect(fixtures.map((r) => r.years)).toEqual(TINY.years);
    expect(fixtures.map((r) => r.rows)).toEqual([1_920, 3_840]);
    const checks = rows.filter((r) => r.operation === 'check');
    expect(checks.map((c) => c.subject)).toEqual(YEARS_OPERATIONS);
    for (const c of checks) {
      expect(c.staff).toBe(20);
      expect(typeof c.flat).toBe('boolean');
      expect(c.ok).toBe(c.flat);
      expect(c.rowsReadRatio).toBeLessThanOrEqual(TINY.flatFactor);
    }
  });

  it('is a suite of npm run bench, with --full, and refuses a heap too small for its sizes', async () => {
    const written: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      expect(await main(['--help'])).toBe(0);
    } finally {
      write.mockRestore();
    }
    expect(written.join('')).toMatch(/--full/);
    expect(written.join('')).toMatch(/years/);
    const full = { ...DEFAULT_YEARS_OPTIONS, staff: FULL_STAFF };
    expect(heapTooSmall(DEFAULT_YEARS_OPTIONS, 4e9, false, false)).toBeNull();
    expect(heapTooSmall(full, 30e9, true, false)).toBeNull();
    expect(heapTooSmall(full, 8e9, true, true)).toBeNull(); // the archive keeps the operations small
    expect(heapTooSmall(full, 4e9, true, false)).toMatch(
      /^the largest register \(4,800,000 days\) needs a heap of about \d+ GB, this one has 4\.0 GB: run NODE_OPTIONS=--max-old-space-size=\d+ npm run bench -- --only years --full$/,
    );
  });
});
