// Hand edits of the days sheet (reconcile.ts): every change Agorà makes is also a line of the
// append-only change log, so the rows and the log agree unless someone edited the sheet by
// hand. The register and the log here are produced by the real use cases.
import { MARIO, ANNA, LUCA, PAOLO, world } from './fixtures';
import { cancelDay, decideDay } from '../../src/app/decisions';
import type { DayRecord } from '../../src/app/ports';
import { findHandEdits } from '../../src/app/reconcile';
import { receiveFormResponse, submitRequest } from '../../src/app/requests';

// The small Unione of ./fixtures (Mario manages Anna and Luca; HR is an admin).

const SHEET = 'Giornate';

/** A register with a little history: submissions, an approval, a rejection, a cancellation. */
function historyWorld() {
  const w = world();
  const submit = (requestId: string, employee: string, dates: string[]) => {
    const r = submitRequest(w.ports, { requestId, employee, dates, location: 'home' });
    if (!r.ok) throw new Error(`test setup: ${r.code}`);
  };
  submit('r1', ANNA, ['2026-11-09', '2026-11-10', '2026-11-11']); // the 11th refused (weekly cap)
  submit('r2', LUCA, ['2026-11-12']);
  submit('r3', PAOLO, ['2026-11-13']);
  expect(decideDay(w.ports, MARIO, { employee: ANNA, date: '2026-11-09', decision: 'approve' }).ok).toBe(
    true,
  );
  expect(
    decideDay(w.ports, MARIO, { employee: ANNA, date: '2026-11-10', decision: 'reject', reason: 'no' }).ok,
  ).toBe(true);
  expect(cancelDay(w.ports, LUCA, { employee: LUCA, date: '2026-11-12' }).ok).toBe(true);
  // A response that could not be recorded: a log line with no day behind it.
  receiveFormResponse(w.ports, {
    requestId: 'r4',
    employee: 'ospite@terredargine.example',
    dates: ['2026-11-09'],
    location: 'home',
  });
  return w;
}
/** The sheet row of a day: header in row 1, then the days in order. */
const rowOfIn = (days: readonly DayRecord[]) => (id: string) => days.findIndex((x) => x.id === id) + 2;

describe('findHandEdits', () => {
  it('finds nothing when every row is what the change log says', () => {
    const w = historyWorld();
    expect(w.register.days.map((x) => x.status)).toEqual([
      'approved',
      'rejected',
      'refused',
      'cancelled',
      'pending',
    ]);
    // The log also holds the refused Form response: a line with no day, never a problem.
    expect(w.register.audit.filter((a) => a.action === 'refuse-request').map((a) => a.dayId)).toEqual(['r4']);
    expect(findHandEdits(w.register.days, w.register.loadAudit(), SHEET)).toEqual([]);
  });

  it('finds a status changed by hand, with its sheet, row and both statuses', () => {
    const w = historyWorld();
    const days = w.register.days.map((x) => ({ ...x }));
    const edited = days.find((x) => x.employee === ANNA && x.date === '2026-11-10');
    if (!edited) throw new Error('test setup');
    edited.status = 'approved'; // rejected by Mario, "approved" by hand
    const problems = findHandEdits(days, w.register.loadAudit(), SHEET, rowOfIn(days));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ sheet: SHEET, row: 3 });
    expect(problems[0].reason).toContain(edited.id);
    expect(problems[0].reason).toContain('«approvata»');
    expect(problems[0].reason).toContain('«rifiutata»');
  });

  it('finds a pending day turned into approved by hand (no decision logged)', () => {
    const w = historyWorld();
    const days = w.register.days.map((x) =>
      x.employee === PAOLO ? { ...x, status: 'approved' as const } : x,
    );
    const problems = findHandEdits(days, w.register.loadAudit(), SHEET, rowOfIn(days));
    expect(problems.map((p) => p.row)).toEqual([6]);
    expect(problems[0].reason).toMatch(/in attesa/);
  });

  it('finds a row added by hand', () => {
    const w = historyWorld();
    const forged: DayRecord = {
      ...w.register.days[0],
      id: 'fatta-a-mano#1',
      requestId: 'fatta-a-mano',
      date: '2026-11-20',
      status: 'approved',
    };
    const days = [...w.register.days, forged];
    const problems = findHandEdits(days, w.register.loadAudit(), SHEET, rowOfIn(days));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ sheet: SHEET, row: 7 });
    expect(problems[0].reason).toContain('fatta-a-mano#1');
    expect(problems[0].reason).toContain('2026-11-20');
  });

  it('finds a row deleted by hand', () => {
    const w = historyWorld();
    const gone = w.register.days.find((x) => x.employee === LUCA);
    if (!gone) throw new Error('test setup');
    const days = w.register.days.filter((x) => x !== gone);
    const problems = findHandEdits(days, w.register.loadAudit(), SHEET, rowOfIn(days));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ sheet: SHEET, row: 0 });
    expect(problems[0].reason).toContain(gone.id);
    expect(problems[0].reason).toContain(LUCA);
  });

  it('finds every kind at once, one problem each', () => {
    const w = historyWorld();
    const days = w.register.days
      .filter((x) => x.employee !== PAOLO) // deleted
      .map((x) => (x.date === '2026-11-11' ? { ...x, status: 'pending' as const } : x)); // refused → pending
    days.push({ ...days[0], id: 'x#1', requestId: 'x' }); // added
    const reasons = findHandEdits(days, w.register.loadAudit(), SHEET).map((p) => p.reason);
    expect(reasons).toHaveLength(3);
    expect(reasons.filter((r) => r.includes('assente dal registro modifiche'))).toHaveLength(1);
    expect(reasons.filter((r) => r.includes('modificata a mano'))).toHaveLength(1);
    expect(reasons.filter((r) => r.includes('cancellata a mano'))).toHaveLength(1);
  });

  it('judges a day by its last logged status, not its first', () => {
    const w = historyWorld();
    const days = w.register.days.map((x) =>
      x.employee === ANNA && x.date === '2026-11-09' ? { ...x, status: 'pending' as const } : x,
    );
    // Its log says submit → pending, then approve → approved: "pending" is a hand edit.
    expect(findHandEdits(days, w.register.loadAudit(), SHEET)).toHaveLength(1);
  });

  it('finds an approved day moved to another date (or person) by hand', () => {
    // The log records the employee and the date of every change: a row whose date or employee
    // differs from its logged ones is a smart day nobody approved, on a date no rule checked.
    const w = historyWorld();
    const audit = w.register.loadAudit();
    const moved = w.register.days.map((x) =>
      x.employee === ANNA && x.date === '2026-11-09' ? { ...x, date: '2026-11-11' } : x,
    );
    expect(findHandEdits(moved, audit, SHEET)).toHaveLength(1);
    const handedOver = w.register.days.map((x) =>
      x.employee === ANNA && x.date === '2026-11-09' ? { ...x, employee: LUCA } : x,
    );
    expect(findHandEdits(handedOver, audit, SHEET)).toHaveLength(1);
  });

  it('finds a row copied by hand (the same id twice)', () => {
    // Copying an approved row (say, to give oneself another day) is a row the log never saw:
    // the log has one day with that id, the sheet two.
    const w = historyWorld();
    const approved = w.register.days.find((x) => x.status === 'approved');
    if (!approved) throw new Error('test setup');
    const days = [...w.register.days, { ...approved }];
    const problems = findHandEdits(days, w.register.loadAudit(), SHEET, rowOfIn(days));
    expect(problems).toHaveLength(1);
    expect(problems[0].reason).toContain(approved.id);
  });

  it('a note edited in the sheet is not a change of state', () => {
    const w = historyWorld();
    const days = w.register.days.map((x) => ({ ...x, note: 'aggiunta dal responsabile' }));
    expect(findHandEdits(days, w.register.loadAudit(), SHEET)).toEqual([]);
  });

  it('an empty sheet and an empty log agree; a non-empty log over an empty sheet does not', () => {
    expect(findHandEdits([], [], SHEET)).toEqual([]);
    const w = historyWorld();
    expect(findHandEdits([], w.register.loadAudit(), SHEET)).toHaveLength(5);
  });
});
