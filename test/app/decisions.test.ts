// Use cases: deciding (approve / reject, one by one or in bulk) and cancelling days (the README
// steps 3 and 5, §7 error codes) on in-memory ports. Who may act, on which state, the re-check
// of the block rules at approval, one write per operation, notifications grouped per employee.
import {
  ANNA,
  GIULIA,
  HR,
  LUCA,
  MARIO,
  PAOLO,
  SITE,
  at,
  d,
  employee,
  request,
  world,
  type World,
} from './fixtures';
import { cancelDay, decideDay, decideDays, type DecisionInput } from '../../src/app/decisions';

// The small Unione of ./fixtures: Mario manages Anna and Luca, Giulia manages Paolo, HR is an admin;
// the clock starts on Monday 2 November 2026 at 09:00.
const statusOf = (w: World, employee: string, date: string) =>
  w.register.days.filter((x) => x.employee === employee && x.date === date).map((x) => x.status);
const approve = (employee: string, date: string): DecisionInput => ({ employee, date, decision: 'approve' });
const reject = (employee: string, date: string, reason: string): DecisionInput => ({
  employee,
  date,
  decision: 'reject',
  reason,
});

/** Snapshot of everything an operation may write, to check that a failure wrote nothing. */
function writes(w: World) {
  return {
    days: w.register.days.map((x) => ({ ...x })),
    audit: w.register.loadAudit(),
    sent: [...w.notifier.sent],
  };
}

/** A world with Anna's 9 and 10 November pending, Luca's 9 and 10 pending and his 11 refused. */
function busyWorld(now?: string) {
  const w = world();
  expect(request(w, ANNA, ['2026-11-09', '2026-11-10'])).toEqual(['pending', 'pending']);
  expect(request(w, LUCA, ['2026-11-09', '2026-11-10', '2026-11-11'])).toEqual([
    'pending',
    'pending',
    'refused',
  ]);
  expect(request(w, PAOLO, ['2026-11-09'])).toEqual(['pending']);
  w.notifier.sent.length = 0;
  if (now) w.clock.current = at(now);
  return w;
}

describe('decideDay', () => {
  it('the manager approves: the row, the change log and one mail to the employee', () => {
    const w = busyWorld('2026-11-03T10:30');
    const outcome = decideDay(w.ports, MARIO, approve(ANNA, '2026-11-09'));
    expect(outcome).toMatchObject({ ok: true, day: { status: 'approved' } });
    const row = w.register.days.find((x) => x.employee === ANNA && x.date === '2026-11-09');
    expect(row).toMatchObject({
      status: 'approved',
      decidedBy: MARIO,
      decidedAt: '2026-11-03T10:30',
      reason: '',
    });
    expect(w.register.audit.at(-1)).toEqual({
      at: '2026-11-03T10:30',
      by: MARIO,
      action: 'approve',
      dayId: row?.id,
      employee: ANNA,
      date: '2026-11-09',
      from: 'pending',
      to: 'approved',
      detail: '',
    });
    expect(w.notifier.sent.map((n) => [n.to, n.kind, n.sendAt])).toEqual([
      [ANNA, 'decision', '2026-11-03T10:30'],
    ]);
    expect(w.notifier.sent[0].body).toContain('lun 9 nov 2026');
  });

  it('a rejection needs a reason, which is stored, logged and mailed', () => {
    const w = busyWorld();
    for (const reason of [undefined, '', '   ', 42]) {
      expect(
        decideDay(w.ports, MARIO, { employee: ANNA, date: '2026-11-09', decision: 'reject', reason }),
      ).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
      });
    }
    expect(statusOf(w, ANNA, '2026-11-09')).toEqual(['pending']);
    const outcome = decideDay(w.ports, MARIO, reject(ANNA, '2026-11-09', '  Scadenza del bilancio  '));
    expect(outcome).toMatchObject({ ok: true, day: { status: 'rejected', reason: 'Scadenza del bilancio' } });
    expect(w.register.audit.at(-1)).toMatchObject({
      action: 'reject',
      from: 'pending',
      to: 'rejected',
      detail: 'Scadenza del bilancio',
    });
    expect(w.notifier.sent).toHaveLength(1);
    expect(w.notifier.sent[0].body).toContain('Scadenza del bilancio');
  });

  it('a reason over 1,000 characters is refused with a clear message; the day stays pending, nothing is mailed', () => {
    const w = busyWorld();
    const outcome = decideDay(w.ports, MARIO, reject(ANNA, '2026-11-09', 'r'.repeat(1200)));
    expect(outcome).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message: 'La motivazione: al massimo 1.000 caratteri (ne ha 1.200).',
    });
    expect(statusOf(w, ANNA, '2026-11-09')).toEqual(['pending']);
    expect(w.notifier.sent).toEqual([]);
  });

  it.each([undefined, 'approva', 'APPROVE', true])(
    'an unknown decision (%p) is INVALID_INPUT',
    (decision) => {
      const w = busyWorld();
      expect(decideDay(w.ports, MARIO, { employee: ANNA, date: '2026-11-09', decision })).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
      });
    },
  );

  it('a decision at 21:30 reaches the employee the next morning at 07:00', () => {
    const w = busyWorld('2026-11-03T21:30');
    decideDay(w.ports, MARIO, approve(ANNA, '2026-11-09'));
    expect(w.notifier.sent.map((n) => n.sendAt)).toEqual(['2026-11-04T07:00']);
  });

  it.each([
    [MARIO, true, 'her manager'],
    ['  Mario.Ferrari@TerreDArgine.example ', true, 'her manager, as typed with capitals and spaces'],
    [HR, true, 'HR'],
    [GIULIA, false, 'another manager'],
    [LUCA, false, 'a colleague'],
    [ANNA, false, 'herself'],
    ['ospite@terredargine.example', false, 'a stranger'],
    ['', false, 'nobody'],
  ])('%s deciding on Anna’s day: allowed %s (%s)', (by, allowed) => {
    const w = busyWorld();
    const before = writes(w);
    const outcome = decideDay(w.ports, by, approve(ANNA, '2026-11-09'));
    if (allowed) {
      expect(outcome.ok).toBe(true);
      expect(statusOf(w, ANNA, '2026-11-09')).toEqual(['approved']);
    } else {
      expect(outcome).toMatchObject({ ok: false, code: 'NOT_AUTHORIZED' });
      expect(writes(w)).toEqual(before);
    }
  });

  it.each([
    ['2026-11-04', false],
    ['2026-11-05', true], // the first day of the delegation
    ['2026-11-06', true], // the last
    ['2026-11-07', false],
  ])('a delegate of the manager deciding on %s: allowed %s', (today, allowed) => {
    const w = busyWorld();
    w.snapshot.delegations = [
      { manager: MARIO, delegate: GIULIA, from: d('2026-11-05'), to: d('2026-11-06') },
    ];
    w.clock.current = at(`${today}T10:00`);
    const outcome = decideDay(w.ports, GIULIA, approve(ANNA, '2026-11-09'));
    expect(outcome.ok ? 'ok' : outcome.code).toBe(allowed ? 'ok' : 'NOT_AUTHORIZED');
    expect(statusOf(w, ANNA, '2026-11-09')).toEqual([allowed ? 'approved' : 'pending']);
  });

  it('a delegation of another manager gives no power over Anna', () => {
    const w = busyWorld();
    w.snapshot.delegations = [
      { manager: GIULIA, delegate: LUCA, from: d('2026-11-01'), to: d('2026-11-30') },
    ];
    expect(decideDay(w.ports, LUCA, approve(ANNA, '2026-11-09'))).toMatchObject({ code: 'NOT_AUTHORIZED' });
    expect(decideDay(w.ports, LUCA, approve(PAOLO, '2026-11-09')).ok).toBe(true);
  });

  it('an employee who is also a manager, a delegate and an admin never decides on their own day', () => {
    const SARA = 'sara.gialli@terredargine.example';
    const w = world({
      employees: [employee(SARA, MARIO), employee(ANNA, SARA)],
      admins: [HR, SARA],
      delegations: [{ manager: MARIO, delegate: SARA, from: d('2026-11-01'), to: d('2026-11-30') }],
    });
    request(w, SARA, ['2026-11-09']);
    request(w, ANNA, ['2026-11-10']);
    for (const input of [approve(SARA, '2026-11-09'), reject(SARA, '2026-11-09', 'no')]) {
      expect(decideDay(w.ports, SARA, input)).toMatchObject({ ok: false, code: 'NOT_AUTHORIZED' });
      expect(decideDay(w.ports, SARA.toUpperCase(), input)).toMatchObject({
        ok: false,
        code: 'NOT_AUTHORIZED',
      });
    }
    expect(decideDays(w.ports, SARA, [approve(SARA, '2026-11-09')])[0]).toMatchObject({
      code: 'NOT_AUTHORIZED',
    });
    expect(statusOf(w, SARA, '2026-11-09')).toEqual(['pending']);
    // She still decides on her own people, and her manager on her.
    expect(decideDay(w.ports, SARA, approve(ANNA, '2026-11-10')).ok).toBe(true);
    expect(decideDay(w.ports, MARIO, approve(SARA, '2026-11-09')).ok).toBe(true);
  });

  it.each<[string, string, DecisionInput]>([
    ['INVALID_INPUT', 'a date that is not real', approve(ANNA, '2026-11-31')],
    ['INVALID_INPUT', 'an employee that is not an email', approve('anna', '2026-11-09')],
    [
      'INVALID_INPUT',
      'a reject without reason, for an unknown employee',
      { employee: 'x@y.example', date: '2026-11-09', decision: 'reject' },
    ],
    ['UNKNOWN_EMPLOYEE', 'an employee not in the list', approve('ospite@terredargine.example', '2026-11-09')],
    ['NOT_FOUND', 'a date never requested', approve(ANNA, '2026-11-12')],
    ['INVALID_STATE', 'a refused date', approve(LUCA, '2026-11-11')],
  ])('%s: %s (by HR)', (code, _, input) => {
    const w = busyWorld();
    const before = writes(w);
    expect(decideDay(w.ports, HR, input)).toMatchObject({ ok: false, code });
    expect(writes(w)).toEqual(before);
  });

  it('reports the first applicable error code, in the order of the contract', () => {
    const w = busyWorld();
    // Unknown employee before the caller's authority.
    expect(decideDay(w.ports, GIULIA, approve('ospite@terredargine.example', '2026-11-09'))).toMatchObject({
      code: 'UNKNOWN_EMPLOYEE',
    });
    // The caller's authority before whether the date exists or is in the right state.
    expect(decideDay(w.ports, GIULIA, approve(ANNA, '2026-11-12'))).toMatchObject({ code: 'NOT_AUTHORIZED' });
    expect(decideDay(w.ports, GIULIA, approve(LUCA, '2026-11-11'))).toMatchObject({ code: 'NOT_AUTHORIZED' });
    // State before the rules.
    w.snapshot.agreements = [];
    expect(decideDay(w.ports, HR, approve(LUCA, '2026-11-11'))).toMatchObject({ code: 'INVALID_STATE' });
  });

  it('acts only on pending days: an approved or rejected day cannot be decided again', () => {
    const w = busyWorld();
    expect(decideDay(w.ports, MARIO, approve(ANNA, '2026-11-09')).ok).toBe(true);
    expect(decideDay(w.ports, MARIO, reject(ANNA, '2026-11-10', 'no')).ok).toBe(true);
    const before = writes(w);
    expect(decideDay(w.ports, MARIO, reject(ANNA, '2026-11-09', 'ripensamento'))).toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(decideDay(w.ports, MARIO, approve(ANNA, '2026-11-10'))).toMatchObject({ code: 'INVALID_STATE' });
    expect(writes(w)).toEqual(before);
  });

  it('allows a late approval: PAST_DATE is not re-checked', () => {
    const w = busyWorld('2026-11-12T09:00');
    expect(decideDay(w.ports, MARIO, approve(ANNA, '2026-11-09'))).toMatchObject({
      ok: true,
      day: { status: 'approved' },
    });
  });

  it('acts on the live day when a date was requested twice (refused, then asked again)', () => {
    const w = busyWorld();
    expect(cancelDay(w.ports, LUCA, { employee: LUCA, date: '2026-11-10' }).ok).toBe(true);
    expect(request(w, LUCA, ['2026-11-11'])).toEqual(['pending']);
    expect(statusOf(w, LUCA, '2026-11-11')).toEqual(['refused', 'pending']);
    expect(decideDay(w.ports, MARIO, approve(LUCA, '2026-11-11')).ok).toBe(true);
    expect(statusOf(w, LUCA, '2026-11-11')).toEqual(['refused', 'approved']);
  });
});

describe('the block rules re-checked at approval', () => {
  it('does not count the day itself twice: both days of a full week can be approved', () => {
    const w = busyWorld();
    expect(
      decideDays(w.ports, MARIO, [approve(ANNA, '2026-11-09'), approve(ANNA, '2026-11-10')]).map((o) => o.ok),
    ).toEqual([true, true]);
  });

  it('RULE_VIOLATION when HR has since lowered the weekly cap: the day stays pending, nothing written', () => {
    const w = busyWorld();
    w.snapshot.policy.maxDaysPerWeek = 1; // HR edits the policy between the request and the decision
    const before = writes(w);
    const outcome = decideDay(w.ports, MARIO, approve(ANNA, '2026-11-09'));
    expect(outcome).toMatchObject({ ok: false, code: 'RULE_VIOLATION' });
    expect(!outcome.ok && outcome.message).toMatch(/settimanale/);
    expect(statusOf(w, ANNA, '2026-11-09')).toEqual(['pending']);
    expect(writes(w)).toEqual(before);
    // Rejecting is still possible; once the other day is gone, approving is too.
    expect(decideDay(w.ports, MARIO, reject(ANNA, '2026-11-10', 'nuovo limite')).ok).toBe(true);
    expect(decideDay(w.ports, MARIO, approve(ANNA, '2026-11-09')).ok).toBe(true);
  });

  it('RULE_VIOLATION when the agreement has since been removed', () => {
    const w = busyWorld();
    w.snapshot.agreements = w.snapshot.agreements.filter((a) => a.employee !== ANNA);
    expect(decideDay(w.ports, HR, approve(ANNA, '2026-11-09'))).toMatchObject({
      ok: false,
      code: 'RULE_VIOLATION',
    });
    expect(statusOf(w, ANNA, '2026-11-09')).toEqual(['pending']);
    expect(decideDay(w.ports, HR, approve(LUCA, '2026-11-09')).ok).toBe(true);
  });

  it('RULE_VIOLATION when the shared site has since shrunk', () => {
    const w = world();
    request(w, ANNA, ['2026-11-09'], SITE);
    request(w, PAOLO, ['2026-11-09'], SITE);
    w.snapshot.sites = [{ ...w.snapshot.sites[0], capacity: 1 }];
    expect(decideDay(w.ports, MARIO, approve(ANNA, '2026-11-09'))).toMatchObject({ code: 'RULE_VIOLATION' });
    expect(decideDay(w.ports, GIULIA, reject(PAOLO, '2026-11-09', 'sede piena')).ok).toBe(true);
    expect(decideDay(w.ports, MARIO, approve(ANNA, '2026-11-09')).ok).toBe(true);
  });

  it('warnings never stop an approval', () => {
    const w = world();
    w.snapshot.employees[0].eligibility = 'conditional';
    request(w, ANNA, ['2026-11-03']); // tomorrow: SHORT_NOTICE is fine, 1 day ahead; today would warn
    request(w, LUCA, ['2026-11-03']); // TEAM_COVERAGE: 2 of 2
    expect(w.register.days.map((x) => x.violations.map((v) => `${v.rule}:${v.severity}`))).toEqual([
      ['ELIGIBILITY:warn'],
      ['TEAM_COVERAGE:warn'],
    ]);
    expect(
      decideDays(w.ports, MARIO, [approve(ANNA, '2026-11-03'), approve(LUCA, '2026-11-03')]).map((o) => o.ok),
    ).toEqual([true, true]);
  });
});

describe('decideDays in bulk', () => {
  it('with good and bad items, changes only the good ones in one write and one mail per employee', () => {
    const w = busyWorld('2026-11-03T11:00');
    const commits = jest.spyOn(w.register, 'commit');
    const before = writes(w);
    const outcomes = decideDays(w.ports, MARIO, [
      approve(ANNA, '2026-11-09'),
      approve(PAOLO, '2026-11-09'), // Giulia's person
      reject(LUCA, '2026-11-09', 'Sportello aperto'),
      { employee: LUCA, date: '2026-11-10', decision: 'reject' }, // no reason
      approve('ospite@terredargine.example', '2026-11-09'),
      approve(ANNA, '2026-11-12'), // never requested
      approve(LUCA, '2026-11-11'), // refused
      approve(ANNA, '2026-11-10'),
      approve(ANNA, 'domani'),
    ]);
    expect(outcomes.map((o) => (o.ok ? o.day.status : o.code))).toEqual([
      'approved',
      'NOT_AUTHORIZED',
      'rejected',
      'INVALID_INPUT',
      'UNKNOWN_EMPLOYEE',
      'NOT_FOUND',
      'INVALID_STATE',
      'approved',
      'INVALID_INPUT',
    ]);
    // One write: the days, their change-log lines and the mail together.
    expect(commits).toHaveBeenCalledTimes(1);
    const [change] = commits.mock.calls[0];
    expect((change.updateDays ?? []).map((x) => [x.employee, x.date, x.status])).toEqual([
      [ANNA, '2026-11-09', 'approved'],
      [LUCA, '2026-11-09', 'rejected'],
      [ANNA, '2026-11-10', 'approved'],
    ]);
    expect(change.audit.map((a) => a.action)).toEqual(['approve', 'reject', 'approve']);
    // Every other row is exactly as it was.
    const changed = new Set((change.updateDays ?? []).map((x) => x.id));
    expect(w.register.days.filter((x) => !changed.has(x.id))).toEqual(
      before.days.filter((x) => !changed.has(x.id)),
    );
    // One mail per employee, queued once.
    expect(change.mail).toEqual(w.notifier.sent);
    expect(w.notifier.sent.map((n) => [n.to, n.kind])).toEqual([
      [ANNA, 'decision'],
      [LUCA, 'decision'],
    ]);
    const anna = w.notifier.sent[0];
    expect(anna.body).toContain('lun 9 nov 2026');
    expect(anna.body).toContain('mar 10 nov 2026');
    expect(anna.subject).toContain('(2 giornate)');
    expect(w.notifier.sent[1].body).toContain('Sportello aperto');
  });

  it('with only bad items writes nothing and mails nobody', () => {
    const w = busyWorld();
    const commits = jest.spyOn(w.register, 'commit');
    const outcomes = decideDays(w.ports, MARIO, [approve(PAOLO, '2026-11-09'), approve(ANNA, '2026-11-12')]);
    expect(outcomes.map((o) => o.ok)).toEqual([false, false]);
    expect(commits).not.toHaveBeenCalled();
    expect(w.notifier.sent).toEqual([]);
  });

  it('an empty batch does nothing', () => {
    const w = busyWorld();
    const commits = jest.spyOn(w.register, 'commit');
    expect(decideDays(w.ports, MARIO, [])).toEqual([]);
    expect(commits).not.toHaveBeenCalled();
    expect(w.notifier.sent).toEqual([]);
  });

  it('each item sees the items before it: the same day twice, a rejection freeing the cap', () => {
    const w = busyWorld();
    w.snapshot.policy.maxDaysPerWeek = 1;
    const outcomes = decideDays(w.ports, MARIO, [
      approve(ANNA, '2026-11-09'), // Anna's 10th still counts: 2 > 1
      reject(ANNA, '2026-11-10', 'nuovo limite'),
      approve(ANNA, '2026-11-09'), // now it fits
      approve(ANNA, '2026-11-09'), // already approved
    ]);
    expect(outcomes.map((o) => (o.ok ? o.day.status : o.code))).toEqual([
      'RULE_VIOLATION',
      'rejected',
      'approved',
      'INVALID_STATE',
    ]);
    expect(statusOf(w, ANNA, '2026-11-09')).toEqual(['approved']);
    expect(statusOf(w, ANNA, '2026-11-10')).toEqual(['rejected']);
  });
});

describe('cancelDay', () => {
  it('the employee cancels a pending day: logged, and the manager is told', () => {
    const w = busyWorld('2026-11-03T08:00');
    const outcome = cancelDay(w.ports, ANNA, {
      employee: ANNA,
      date: '2026-11-09',
      reason: ' malattia del figlio ',
    });
    expect(outcome).toMatchObject({
      ok: true,
      day: { status: 'cancelled', reason: 'malattia del figlio', decidedBy: ANNA },
    });
    expect(w.register.audit.at(-1)).toMatchObject({
      action: 'cancel',
      by: ANNA,
      from: 'pending',
      to: 'cancelled',
    });
    expect(w.notifier.sent.map((n) => [n.to, n.kind])).toEqual([[MARIO, 'cancellation']]);
  });

  it('the manager cancels an approved day: the employee is told', () => {
    const w = busyWorld();
    decideDay(w.ports, MARIO, approve(ANNA, '2026-11-09'));
    w.notifier.sent.length = 0;
    const outcome = cancelDay(w.ports, MARIO, { employee: ANNA, date: '2026-11-09' });
    expect(outcome).toMatchObject({ ok: true, day: { status: 'cancelled' } });
    expect(w.register.audit.at(-1)).toMatchObject({ action: 'cancel', from: 'approved', to: 'cancelled' });
    expect(w.notifier.sent.map((n) => [n.to, n.kind])).toEqual([[ANNA, 'cancellation']]);
  });

  it.each([
    [ANNA, 'ok'],
    [MARIO, 'ok'],
    [HR, 'ok'],
    [LUCA, 'NOT_AUTHORIZED'],
    [GIULIA, 'NOT_AUTHORIZED'],
    ['ospite@terredargine.example', 'NOT_AUTHORIZED'],
  ])('%s cancelling Anna’s day: %s', (by, expected) => {
    const w = busyWorld();
    const outcome = cancelDay(w.ports, by, { employee: ANNA, date: '2026-11-09' });
    expect(outcome.ok ? 'ok' : outcome.code).toBe(expected);
    expect(statusOf(w, ANNA, '2026-11-09')).toEqual([expected === 'ok' ? 'cancelled' : 'pending']);
  });

  it('a delegate cancels only within the delegation', () => {
    const w = busyWorld('2026-11-07T10:00');
    w.snapshot.delegations = [
      { manager: MARIO, delegate: GIULIA, from: d('2026-11-05'), to: d('2026-11-06') },
    ];
    expect(cancelDay(w.ports, GIULIA, { employee: ANNA, date: '2026-11-09' })).toMatchObject({
      code: 'NOT_AUTHORIZED',
    });
    w.clock.current = at('2026-11-06T18:00');
    expect(cancelDay(w.ports, GIULIA, { employee: ANNA, date: '2026-11-09' }).ok).toBe(true);
  });

  it('refuses to cancel a day in the past, and leaves it as it was', () => {
    const w = busyWorld();
    decideDay(w.ports, MARIO, approve(ANNA, '2026-11-09'));
    w.clock.current = at('2026-11-10T08:00');
    const before = writes(w);
    for (const by of [ANNA, MARIO, HR]) {
      expect(cancelDay(w.ports, by, { employee: ANNA, date: '2026-11-09' })).toMatchObject({
        ok: false,
        code: 'INVALID_STATE',
      });
    }
    expect(writes(w)).toEqual(before);
    // The day itself is not in the past: it can still be cancelled.
    expect(cancelDay(w.ports, ANNA, { employee: ANNA, date: '2026-11-10' }).ok).toBe(true);
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['INVALID_STATE', 'a refused day', { employee: LUCA, date: '2026-11-11' }],
    ['NOT_FOUND', 'a date never requested', { employee: ANNA, date: '2026-11-12' }],
    [
      'UNKNOWN_EMPLOYEE',
      'an employee not in the list',
      { employee: 'ospite@terredargine.example', date: '2026-11-09' },
    ],
    ['INVALID_INPUT', 'a date that is not real', { employee: ANNA, date: '2026-02-29' }],
    ['INVALID_INPUT', 'no date', { employee: ANNA }],
  ])('%s: %s', (code, _, input) => {
    const w = busyWorld();
    const before = writes(w);
    expect(cancelDay(w.ports, HR, input as { employee: unknown; date: unknown })).toMatchObject({
      ok: false,
      code,
    });
    expect(writes(w)).toEqual(before);
  });

  it('a cancelled or rejected day cannot be cancelled (again)', () => {
    const w = busyWorld();
    expect(cancelDay(w.ports, ANNA, { employee: ANNA, date: '2026-11-09' }).ok).toBe(true);
    expect(decideDay(w.ports, MARIO, reject(ANNA, '2026-11-10', 'no')).ok).toBe(true);
    expect(cancelDay(w.ports, ANNA, { employee: ANNA, date: '2026-11-09' })).toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(cancelDay(w.ports, ANNA, { employee: ANNA, date: '2026-11-10' })).toMatchObject({
      code: 'INVALID_STATE',
    });
  });

  it('a cancelled day stops counting at once: a new request for the same week passes the weekly cap', () => {
    const w = busyWorld();
    decideDay(w.ports, MARIO, approve(ANNA, '2026-11-09'));
    expect(request(w, ANNA, ['2026-11-12'])).toEqual(['refused']);
    expect(cancelDay(w.ports, ANNA, { employee: ANNA, date: '2026-11-09' }).ok).toBe(true);
    expect(request(w, ANNA, ['2026-11-12'])).toEqual(['pending']);
    // And it stays out of the count at approval time too.
    expect(
      decideDays(w.ports, MARIO, [approve(ANNA, '2026-11-10'), approve(ANNA, '2026-11-12')]).map((o) => o.ok),
    ).toEqual([true, true]);
  });

  it('a cancelled booking frees its seat at the shared site', () => {
    const w = world();
    w.snapshot.sites = [{ ...w.snapshot.sites[0], capacity: 1 }];
    expect(request(w, ANNA, ['2026-11-09'], SITE)).toEqual(['pending']);
    expect(request(w, PAOLO, ['2026-11-09'], SITE)).toEqual(['refused']);
    expect(cancelDay(w.ports, MARIO, { employee: ANNA, date: '2026-11-09' }).ok).toBe(true);
    expect(request(w, PAOLO, ['2026-11-09'], SITE)).toEqual(['pending']);
  });

  it('writes the days, their lines and their mail together, under the lock', () => {
    const w = busyWorld();
    const events: string[] = [];
    let locked = false;
    w.ports.lock = {
      withLock: <T>(fn: () => T): T => {
        locked = true;
        try {
          return fn();
        } finally {
          locked = false;
        }
      },
    };
    const mark = (name: string) => events.push(`${name}${locked ? ' (locked)' : ''}`);
    const { register } = w;
    const commit = register.commit.bind(register);
    register.commit = (change) => {
      mark(`commit ${change.audit.map((a) => a.action).join(' ')} + ${(change.mail ?? []).length} mail`);
      commit(change);
    };
    decideDay(w.ports, MARIO, approve(ANNA, '2026-11-09'));
    cancelDay(w.ports, ANNA, { employee: ANNA, date: '2026-11-10' });
    expect(events).toEqual(['commit approve + 1 mail (locked)', 'commit cancel + 1 mail (locked)']);
  });
});
