// The calendar work of a bulk approval, through the product, when Google fails: whatever call
// fails (and however), once the periodic trigger has resumed the job the shared calendar holds
// exactly one event per approved day, with its id in the register. Transient errors are retried
// in place; quota errors and crashes stop the job, the timer finishes it; a large bulk is spread
// over executions that each stay inside the time budget.
import { MAX_EXECUTION_MS } from '../../dev/workspace/script';
import type { InjectedErrorKind } from '../../dev/workspace/core';
import { addDays, type IsoDate } from '../../src/domain/dates';
import type { Policy } from '../../src/domain/policy';
import { TIMER_BUDGET_MS } from '../../src/gas/jobs';
import { SHEETS } from '../../src/gas/schema';
import { MANAGER, Product, bundlePath, crowd } from '../helpers/product';

beforeAll(() => {
  bundlePath();
});

/** Five days for each person, one a week from 16 November (never Tuesday 8 December, a holiday). */
function weekly(i: number): string[] {
  const offset = [0, 2, 3, 4][i % 4];
  return [0, 1, 2, 3, 4].map((w) => addDays('2026-11-16' as IsoDate, 7 * w + offset));
}

const NOVEMBER = ['16', '17', '18', '19', '20', '23', '24', '25', '26', '27', '30'].map(
  (d) => `2026-11-${d}`,
);
const DECEMBER = ['01', '02', '03', '04', '07', '09', '10', '11', '14', '15'].map((d) => `2026-12-${d}`);
/** Twenty days for each person: ten of November's last eleven working days, ten of December's. */
function twenty(i: number): string[] {
  return [...NOVEMBER.filter((_, k) => k !== i % NOVEMBER.length), ...DECEMBER];
}

/** `people` people of Mario's, each with the pending days `datesOf` gives (saved Workspace state). */
function pendingBulk(people: number, datesOf: (i: number) => string[], policy: Partial<Policy> = {}): string {
  const p = Product.start({ seed: { ...crowd(people), policy } });
  const org = p.register().employees;
  org.forEach((e, i) => p.submit(e.email, datesOf(i)));
  const days = p.days();
  expect(days).toHaveLength(org.reduce((n, _, i) => n + datesOf(i).length, 0));
  expect(days.every((d) => d.status === 'pending')).toBe(true);
  p.ws.resetCounts();
  return p.save();
}

/** HR adds empty rows at the bottom of Giornate and Registro modifiche, up to `rows`. */
function growSheets(p: Product, rows: number): void {
  p.asOwner(() => {
    for (const name of [SHEETS.days.name, SHEETS.audit.name]) {
      const sheet = p.spreadsheet().getSheetByName(name) as GoogleAppsScript.Spreadsheet.Sheet;
      sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
    }
  });
}

function allPending(p: Product) {
  return p.days().map((d) => ({ employee: d.employee, date: d.date }));
}

/** The calendar is exactly the register: one event per approved day, its id recorded. */
function expectCalendarMatchesRegister(p: Product, approved: number): void {
  const days = p.days();
  expect(days.filter((d) => d.status === 'approved')).toHaveLength(approved);
  const events = p.events();
  expect(events).toHaveLength(approved);
  const byDay = new Map(events.map((e) => [e.dayId, e]));
  expect(byDay.size).toBe(approved); // no day has two events
  for (const day of days) {
    const event = byDay.get(day.id);
    expect(event).toBeDefined();
    expect(day.calendarEventId).toBe(event?.id);
    expect(event?.date).toBe(day.date);
  }
}

/** Lets the periodic trigger run `runs` times, 5 minutes apart. */
function resumeByTimer(p: Product, runs = 2): void {
  for (let i = 0; i < runs; i++) {
    p.ws.advance(5 * 60_000);
    p.runTimers();
  }
}

describe('a bulk approval of 50 days, with a failure injected at each call position', () => {
  let saved: string;
  let product: Product;
  beforeAll(() => {
    saved = pendingBulk(10, weekly);
    product = Product.fromState(saved);
  });
  /** The Workspace with the 50 pending days (the same Workspace, put back each time). */
  const fresh = (): Product => {
    product.restore(saved);
    return product;
  };

  test('putting the Workspace back in place behaves exactly as loading it afresh', () => {
    const story = (p: Product) => {
      p.ws.failNth('Calendar', 'Events.insert', 7, 'deadline');
      expect(() => p.approve(MANAGER, allPending(p))).toThrow();
      resumeByTimer(p);
      return JSON.stringify({ state: p.state, calls: p.ws.callCounts() });
    };
    story(fresh()); // leaves the Workspace changed…
    expect(story(fresh())).toBe(story(Product.fromState(saved))); // …and restore undoes all of it
  });

  test('without failures: 50 events in the decision itself, one list and 50 inserts', () => {
    const p = fresh();
    const results = p.approve(MANAGER, allPending(p));
    expect(results.every((r) => r.ok)).toBe(true);
    expectCalendarMatchesRegister(p, 50);
    expect(p.ws.callCount('Calendar', 'Events.insert')).toBe(50);
    expect(p.ws.callCount('Calendar', 'Events.list')).toBe(1);
    resumeByTimer(p, 1);
    expectCalendarMatchesRegister(p, 50);
    expect(p.ws.callCount('Calendar', 'Events.insert')).toBe(50);
  });

  const positions = Array.from({ length: 50 }, (_, i) => i + 1);

  test.each(positions)('transient error at insert %i: retried with backoff, the job does not stop', (n) => {
    const p = fresh();
    p.ws.failNth('Calendar', 'Events.insert', n, 'transient');
    const results = p.approve(MANAGER, allPending(p));
    expect(results.every((r) => r.ok)).toBe(true);
    // Done in the decision's own execution, with one more insert and one pause.
    expectCalendarMatchesRegister(p, 50);
    expect(p.ws.callCount('Calendar', 'Events.insert')).toBe(51);
    expect(p.ws.callCount('Utilities', 'Utilities.sleep')).toBe(1);
    expect(p.executions().every((e) => e.status === 'completed')).toBe(true);
  });

  describe.each(['quota', 'calendarRate'] as const)('%s error', (kind: InjectedErrorKind) => {
    test.each(positions)(`at insert %i: the job stops, the timer resumes it`, (n) => {
      const p = fresh();
      p.ws.failNth('Calendar', 'Events.insert', n, kind);
      const results = p.approve(MANAGER, allPending(p));
      expect(results.every((r) => r.ok)).toBe(true);
      // Stopped cleanly at the failure: what was created is recorded, nothing was retried.
      const created = p.events();
      expect(created).toHaveLength(n - 1);
      const recorded = new Set(
        p
          .days()
          .map((d) => d.calendarEventId)
          .filter(Boolean),
      );
      expect(created.every((e) => recorded.has(e.id))).toBe(true);
      expect(p.ws.callCount('Utilities', 'Utilities.sleep')).toBe(0);
      resumeByTimer(p);
      expectCalendarMatchesRegister(p, 50);
      expect(p.ws.callCount('Calendar', 'Events.insert')).toBe(51);
      expect(p.executions().every((e) => e.status === 'completed')).toBe(true);
    });
  });

  test.each(positions)(
    'the execution runs out of time at insert %i: the timer finishes, no duplicates',
    (n) => {
      const p = fresh();
      p.ws.failNth('Calendar', 'Events.insert', n, 'deadline');
      expect(() => p.approve(MANAGER, allPending(p))).toThrow(/Exceeded maximum execution time/);
      expect(
        p
          .executions()
          .filter((e) => e.status === 'timed-out')
          .map((e) => e.functionName),
      ).toEqual(['pageDecide']);
      // The decisions were written before the calendar work began.
      expect(p.days().every((d) => d.status === 'approved')).toBe(true);
      // Events created before the crash whose ids were not yet recorded are adopted, not duplicated.
      expect(p.events()).toHaveLength(n - 1);
      resumeByTimer(p);
      expectCalendarMatchesRegister(p, 50);
      expect(p.ws.callCount('Calendar', 'Events.insert')).toBe(51);
    },
  );

  describe.each(['transient', 'quota', 'calendarRate', 'deadline'] as const)(
    '%s error at the listing',
    (kind: InjectedErrorKind) => {
      test.each([1, 2])('list call %i', (n) => {
        const p = fresh();
        p.ws.failNth('Calendar', 'Events.list', n, kind);
        try {
          p.approve(MANAGER, allPending(p));
        } catch (e) {
          expect(kind).toBe('deadline'); // only a crash reaches the sidebar
          expect(String(e)).toMatch(/Exceeded maximum execution time/);
        }
        resumeByTimer(p);
        expectCalendarMatchesRegister(p, 50);
        expect(p.ws.callCount('Calendar', 'Events.insert')).toBe(50);
      });
    },
  );

  test('a daily quota exhausted at insert 20 (every call fails): the job waits, and completes once it is back', () => {
    const p = fresh();
    // The 21st Calendar call (one listing, then inserts) and every one after it fail.
    p.ws.failNth('Calendar', '*', 21, 'quota', { sticky: true });
    p.approve(MANAGER, allPending(p));
    resumeByTimer(p, 12); // an hour of timer runs
    expect(p.events()).toHaveLength(19);
    expect(p.executions().every((e) => e.status === 'completed')).toBe(true);
    p.ws.clearFailures(); // the quota is back
    resumeByTimer(p, 1);
    expectCalendarMatchesRegister(p, 50);
  });

  test('a run of transient errors at one insert: retried up to the limit, then the next run finishes', () => {
    const p = fresh();
    // Five failures in a row at the 10th insert (and its four retries): the job gives up.
    for (let i = 0; i < 5; i++) p.ws.failNth('Calendar', 'Events.insert', 10, 'transient');
    const results = p.approve(MANAGER, allPending(p));
    // The decisions are recorded and the manager is told so; the calendar catches up later.
    expect(results.every((r) => r.ok)).toBe(true);
    expect(p.days().every((d) => d.status === 'approved')).toBe(true);
    expect(p.ws.callCount('Utilities', 'Utilities.sleep')).toBe(4);
    expect(p.events()).toHaveLength(9);
    resumeByTimer(p);
    expectCalendarMatchesRegister(p, 50);
  });
});

test('a bulk of 500 approvals completes across continuations, each execution inside its budget', () => {
  // 25 people asking for 20 days each (HR allows 5 a week and 10 a month).
  const p = Product.fromState(pendingBulk(25, twenty, { maxDaysPerWeek: 5, maxDaysPerMonth: 10 }));
  // 500 submissions and 500 decisions make over 1000 lines in the change log, more rows than a
  // new sheet has: HR adds rows (the register does not yet grow its sheets by itself).
  growSheets(p, 3000);
  // Service calls take time (each one a round trip): the clock moves as the work goes on.
  const INSERT_MS = 1_500;
  p.ws.latency = {
    'Calendar.Events.insert': INSERT_MS,
    'Calendar.Events.list': 800,
    'SpreadsheetApp.Range.getValues': 150,
    'SpreadsheetApp.Range.setValues': 250,
    'MailApp.sendEmail': 200,
  };
  const firstExecution = p.state.script.nextExecutionId;
  const results = p.approve(MANAGER, allPending(p));
  expect(results).toHaveLength(500);
  expect(results.every((r) => r.ok)).toBe(true);
  // 20 s of calendar work after the decision (1.5 s an event): the rest is left to the timer.
  const afterDecision = p.events().length;
  expect(afterDecision).toBeGreaterThan(0);
  expect(afterDecision).toBeLessThanOrEqual(Math.ceil(20_000 / INSERT_MS) + 1);
  // Each timer run (every 5 minutes) does about 4 minutes of work.
  let runs = 0;
  while (p.events().length < 500 && runs < 10) {
    p.ws.advance(5 * 60_000);
    p.runTimers();
    runs++;
  }
  expect(runs).toBeGreaterThanOrEqual(3);
  expectCalendarMatchesRegister(p, 500);
  expect(p.ws.callCount('Calendar', 'Events.insert')).toBe(500);

  const executions = p.executions().filter((e) => e.id >= firstExecution);
  expect(executions.every((e) => e.status === 'completed')).toBe(true);
  const duration = (e: (typeof executions)[number]) => (e.endedMs as number) - e.startedMs;
  for (const e of executions) expect(duration(e)).toBeLessThan(MAX_EXECUTION_MS);
  // The decision (register, mail, then its 20 s of calendar work) answers the sidebar in well
  // under a minute; each timer run stops inside its budget: it checks before each call, so at
  // most one call and the last recording of ids (a read and a write) go over.
  const decision = executions.filter((e) => e.functionName !== 'onTimer');
  expect(decision.map((e) => e.functionName)).toEqual(['pageDecide']);
  for (const e of decision) expect(duration(e)).toBeLessThan(60_000);
  const timers = executions.filter((e) => e.functionName === 'onTimer');
  for (const e of timers) expect(duration(e)).toBeLessThanOrEqual(TIMER_BUDGET_MS + INSERT_MS + 1_000);
  // The timer runs that had work used their budget, not more.
  expect(timers.length).toBe(runs);
  expect(Math.max(...timers.map(duration))).toBeGreaterThan(TIMER_BUDGET_MS - 2 * INSERT_MS);
});
