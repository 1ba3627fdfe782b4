// The register benchmark at a tiny size: correctness only, never timing. Calls are counted per
// operation, every operation really changes the register (through the built bundle), and the
// naive baseline and the direct run of the product's adapter leave exactly the same register.
import { STATUS_LABELS } from '../src/domain/labels';
import { dateToCell } from '../src/gas/cells';
import {
  allApprovedWithEvents,
  buildRegisterFixture,
  DEFAULT_REGISTER_OPTIONS,
  describeRoundTrips,
  firstRegisterDifference,
  fixtureProblems,
  naiveRegister,
  productRegister,
  registerOutcomes as outcomes,
  runDirectOperations,
  runProductOperations,
  runRegisterBench,
  sheetsCount,
  storedDays,
  type RegisterBenchOptions,
} from '../dev/bench/register';
import { createWorkspace } from '../dev/workspace';
import { bundlePath } from './helpers/bundle';

// A small register, a small bulk approval, and slow calendar calls (2 s each: the decision's
// 20-s calendar budget makes 10 of them) so that the periodic trigger has work left to finish.
const TINY: RegisterBenchOptions = {
  ...DEFAULT_REGISTER_OPTIONS,
  sizes: [200, 400, 800],
  bulkDays: 30,
  calendarCallMs: 2_000,
  spareRows: 100,
  naiveMaxRows: 400,
  warmUpRows: 0,
  fullSheetCheck: true,
  codePath: bundlePath(),
  build: false,
};

jest.setTimeout(180_000);

const pending = STATUS_LABELS.pending;
const approved = STATUS_LABELS.approved;

describe('register bench', () => {
  it('builds a register whose days agree with the change log and the calendar', () => {
    const f = buildRegisterFixture(300, TINY);
    const days = storedDays(f.workspace);
    expect(days).toHaveLength(300);
    expect(fixtureProblems(f.workspace)).toEqual([]);
    // Every approved day has its event id; those from today on have the event in the calendar.
    const events = f.workspace.state.calendar.events;
    const todayMs = new Date(`${f.today}T00:00:00+01:00`).getTime();
    for (const d of days.filter((x) => x.status === approved)) {
      expect(d.calendarEventId).not.toBe('');
      if ((d.dateMs ?? 0) >= todayMs) expect(events[d.calendarEventId]?.status).toBe('confirmed');
    }
    expect(f.events).toBeGreaterThan(0);
    expect(days.filter((d) => d.status === pending).length).toBeGreaterThanOrEqual(TINY.bulkDays);
  });

  it('counts SpreadsheetApp round trips apart from the other calls', () => {
    const workspace = createWorkspace({ owner: 'hr@example.it', boundSpreadsheet: 'Registro' });
    const ss =
      workspace.globals.SpreadsheetApp.getActiveSpreadsheet() as GoogleAppsScript.Spreadsheet.Spreadsheet;
    const sheet = ss.getSheets()[0];
    workspace.ws.resetCounts();
    sheet.getRange(1, 1, 1, 2).setValues([['a', 'b']]);
    sheet.getDataRange().getValues();
    sheet.getLastRow();
    const count = sheetsCount(workspace.ws);
    expect(count.roundTrips).toBe(4); // setValues, getDataRange, getValues, getLastRow
    expect(count.all).toBe(5); // and Sheet.getRange
    expect(describeRoundTrips(count)).toBe('getDataRange 1, getLastRow 1, getValues 1, setValues 1');
  });

  it('runs every operation through the bundle, counting its calls, and the register changes', () => {
    const f = buildRegisterFixture(400, TINY);
    const saved = structuredClone(f.workspace.state);
    const run = runProductOperations(f, TINY.calendarCallMs);
    const [submission, list, approval, bulk] = run.operations;
    expect(run.operations.map((o) => o.operation)).toEqual([
      'submission',
      'pending-list',
      'approval',
      'bulk-approval',
    ]);
    for (const o of run.operations) {
      expect(o.count.roundTrips).toBeGreaterThan(0);
      expect(o.count.all).toBeGreaterThan(o.count.roundTrips);
      // Reads go through the Sheets API's batchGet (one call for all sheets) or getValues.
      const reads =
        (o.count.byMethod['Range.getValues'] ?? 0) +
        (o.count.byMethod['Sheets.Spreadsheets.Values.batchGet'] ?? 0);
      expect(reads).toBeGreaterThan(0);
    }
    // The submission wrote its days, change-log lines and mail in one atomic batchUpdate.
    expect(submission.count.byMethod['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    const submitted = storedDays(f.workspace).filter((d) => d.requestId === run.requestId);
    expect(submitted.map((d) => d.status).sort()).toEqual([approved, pending, pending]);
    // The pending list only reads.
    expect(list.count.byMethod['Range.setValues']).toBeUndefined();
    expect(list.count.byMethod['Sheets.Spreadsheets.batchUpdate']).toBeUndefined();
    expect(list.pending).toBeGreaterThanOrEqual(3);
    // The approval made its calendar event in its own execution.
    expect(approval.executions).toBe(1);
    expect(approval.count.calendar).toBeGreaterThan(0);
    const first = submitted.find((d) => d.status === approved)!;
    expect(allApprovedWithEvents(f.workspace, new Set([first.id]))).toBe(true);
    // The bulk approval needed the periodic trigger to finish its calendar work.
    expect(bulk.executions).toBeGreaterThan(1);
    expect(bulk.timers?.executions).toBe((bulk.executions ?? 0) - 1);
    expect(bulk.timers?.count.roundTrips).toBeGreaterThan(0);
    const bulkIds = new Set(
      storedDays(f.workspace)
        .filter((d) => d.status === approved && d.requestId.startsWith('h'))
        .filter((d) =>
          f.plan.bulk.some((b) => b.employee === d.employee && dateToCell(b.date).getTime() === d.dateMs),
        )
        .map((d) => d.id),
    );
    expect(bulkIds.size).toBe(TINY.bulkDays);
    expect(allApprovedWithEvents(f.workspace, bulkIds)).toBe(true);

    // The naive baseline and the product's adapter run directly leave the same register, the
    // naive one with many more round trips for every operation.
    const product = outcomes(f.workspace);
    const naiveCopy = createWorkspace({ state: structuredClone(saved) });
    const naive = runDirectOperations(f.plan, naiveCopy, run.requestId, TINY.calendarCallMs, naiveRegister);
    expect(firstRegisterDifference(product, outcomes(naiveCopy))).toBeNull();
    const nativeCopy = createWorkspace({ state: saved });
    const native = runDirectOperations(
      f.plan,
      nativeCopy,
      run.requestId,
      TINY.calendarCallMs,
      productRegister,
    );
    expect(firstRegisterDifference(product, outcomes(nativeCopy))).toBeNull();
    run.operations.forEach((o, i) => {
      expect(naive[i].operation).toBe(o.operation);
      expect(naive[i].count.roundTrips).toBeGreaterThan(10 * native[i].count.roundTrips);
      expect(naive[i].count.byMethod['Range.getValues']).toBeGreaterThan(400);
    });
    expect(naive[0].count.byMethod['Sheet.appendRow']).toBe(3 + 3); // 3 days, 3 change-log lines
  });

  it('gives a row per operation and size, extrapolates the naive baseline above its limit, and checks the budgets', () => {
    const rows = runRegisterBench(TINY);
    const measured = rows.filter((r) => r.operation !== 'check');
    expect(measured.map((r) => `${r.operation}@${r.rows}`)).toEqual(
      TINY.sizes.flatMap((size) =>
        ['submission', 'pending-list', 'approval', 'bulk-approval'].map((op) => `${op}@${size}`),
      ),
    );
    for (const r of measured) {
      expect(r.suite).toBe('register');
      for (const key of [
        'calls',
        'allCalls',
        'ms',
        'nativeMs',
        'baselineCalls',
        'baselineMs',
        'calendarCalls',
      ])
        expect(typeof r[key]).toBe('number');
      expect(r.baselineCalls).toBeGreaterThan(Number(r.calls));
      expect(r.baselineExtrapolated).toBe(r.rows > TINY.naiveMaxRows);
      expect(r.identical).toBe(true);
    }
    // Round trips do not grow with the register.
    for (const op of ['submission', 'pending-list', 'approval']) {
      const calls = measured.filter((r) => r.operation === op).map((r) => r.calls);
      expect(new Set(calls).size).toBe(1);
    }
    const checks = rows.filter((r) => r.operation === 'check');
    expect(checks.map((c) => c.check)).toEqual([
      'submission when Giornate has no blank row left',
      'submission: round trips at 200 / 400 / 800 rows',
      'submission: round trips per operation',
      'pending-list: round trips at 200 / 400 / 800 rows',
      'pending-list: round trips per operation',
      'approval: round trips at 200 / 400 / 800 rows',
      'approval: round trips per operation',
      'bulk-approval: round trips at 200 / 400 / 800 rows',
    ]);
    for (const c of checks) expect(typeof c.ok).toBe('boolean');
  });
});
