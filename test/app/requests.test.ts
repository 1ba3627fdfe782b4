// Use case: requesting smart days (the README, Requests) on in-memory ports. Each date is checked
// against the rules; the employee gets one receipt, the manager one digest of the pending
// dates, both outside the disconnection period; a Form response delivered twice changes
// nothing the second time (ENGINEERING: idempotent triggers).
import { ANNA, LUCA, MARIO, PAOLO, SITE, at, nextRequestId, world, type World } from './fixtures';
import type { Notification } from '../../src/app/notifications';
import { receiveFormResponse, requestFromApp, submitRequest, type SubmitInput } from '../../src/app/requests';

// The small Unione of ./fixtures: Mario manages Anna and Luca, Giulia manages Paolo, HR is an admin;
// the clock starts on Monday 2 November 2026 at 09:00.
function submit(w: World, input: Partial<SubmitInput> & { employee: string; dates: unknown }) {
  return submitRequest(w.ports, { requestId: nextRequestId(), location: 'home', ...input });
}
const rules = (v: { rule: string; severity: string }[]) => v.map((x) => `${x.rule}:${x.severity}`);
const byKind = (sent: Notification[], kind: Notification['kind']) => sent.filter((n) => n.kind === kind);

describe('submitRequest: the rows written', () => {
  it('records every date with its outcome: valid dates ascending, then the texts that are not dates', () => {
    const w = world();
    const result = submit(w, {
      requestId: 'resp-A',
      employee: ANNA,
      dates: ['2026-11-10', 'not-a-date', '2026-11-08', '2026-11-09'],
      note: 'riunione in remoto',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.duplicate).toBe(false);
    expect(result.days.map((x) => [x.id, x.date, x.status, rules(x.violations)])).toEqual([
      ['resp-A#1', '2026-11-08', 'refused', ['WORKING_DAY:block']], // a Sunday
      ['resp-A#2', '2026-11-09', 'pending', []],
      ['resp-A#3', '2026-11-10', 'pending', []],
      ['resp-A#4', 'not-a-date', 'refused', ['INVALID_DATE:block']],
    ]);
    expect(w.register.days).toEqual(result.days);
    for (const day of w.register.days) {
      expect(day).toMatchObject({
        requestId: 'resp-A',
        employee: ANNA,
        location: 'home',
        note: 'riunione in remoto',
        submittedAt: '2026-11-02T09:00',
        decidedBy: '',
        decidedAt: '',
        reason: '',
        calendarEventId: '',
      });
    }
    expect(w.register.audit.map((a) => [a.action, a.dayId, a.by, a.from, a.to, a.at])).toEqual([
      ['submit', 'resp-A#1', ANNA, '', 'refused', '2026-11-02T09:00'],
      ['submit', 'resp-A#2', ANNA, '', 'pending', '2026-11-02T09:00'],
      ['submit', 'resp-A#3', ANNA, '', 'pending', '2026-11-02T09:00'],
      ['submit', 'resp-A#4', ANNA, '', 'refused', '2026-11-02T09:00'],
    ]);
  });

  it('normalises the verified email (case, spaces) before looking the employee up', () => {
    const w = world();
    const result = submit(w, { employee: '  Anna.Rossi@TerreDArgine.example ', dates: ['2026-11-09'] });
    expect(result.ok).toBe(true);
    expect(w.register.days.map((x) => x.employee)).toEqual([ANNA]);
  });

  it('counts the dates of the same request accepted before: the third of a week breaks WEEKLY_CAP', () => {
    const w = world();
    const result = submit(w, { employee: ANNA, dates: ['2026-11-11', '2026-11-09', '2026-11-10'] });
    expect(result.ok && result.days.map((x) => [x.date, x.status, rules(x.violations)])).toEqual([
      ['2026-11-09', 'pending', []],
      ['2026-11-10', 'pending', []],
      ['2026-11-11', 'refused', ['WEEKLY_CAP:block']],
    ]);
  });

  it('counts the pending days of earlier requests, and not those of other people', () => {
    const w = world();
    submit(w, { employee: ANNA, dates: ['2026-11-09', '2026-11-10'] });
    submit(w, { employee: LUCA, dates: ['2026-11-11', '2026-11-12'] });
    const again = submit(w, { employee: ANNA, dates: ['2026-11-12', '2026-11-16'] });
    expect(again.ok && again.days.map((x) => [x.date, x.status, rules(x.violations)])).toEqual([
      ['2026-11-12', 'refused', ['WEEKLY_CAP:block', 'TEAM_COVERAGE:warn']], // Luca is away too
      ['2026-11-16', 'pending', []],
    ]);
  });

  it('checks dates typed with surrounding spaces against the history like any other date', () => {
    // The dates are trimmed before the rules run, so ' 2026-11-09' is 9 November: it must meet
    // the same DUPLICATE_DAY and WEEKLY_CAP as '2026-11-09' does.
    const outcome = (dates: string[]) => {
      const w = world();
      submit(w, { employee: ANNA, dates: ['2026-11-09', '2026-11-10'] });
      const again = submit(w, { employee: ANNA, dates });
      return again.ok && again.days.map((x) => [x.date, x.status, rules(x.violations)]);
    };
    const plain = outcome(['2026-11-09', '2026-11-11']);
    expect(plain).toEqual([
      ['2026-11-09', 'refused', ['DUPLICATE_DAY:block', 'WEEKLY_CAP:block', 'TEAM_COVERAGE:warn']],
      ['2026-11-11', 'refused', ['WEEKLY_CAP:block']],
    ]);
    expect(outcome([' 2026-11-09', '2026-11-11 '])).toEqual(plain);
  });

  it('books a shared site up to its capacity', () => {
    const w = world();
    submit(w, { employee: ANNA, dates: ['2026-11-09'], location: SITE });
    submit(w, { employee: PAOLO, dates: ['2026-11-09'], location: SITE });
    const third = submit(w, { employee: LUCA, dates: ['2026-11-09'], location: ` ${SITE} ` });
    expect(third.ok && third.days.map((x) => [x.location, x.status, rules(x.violations)])).toEqual([
      [SITE, 'refused', ['SITE_CAPACITY:block', 'TEAM_COVERAGE:warn']],
    ]);
  });

  it('keeps the note as the plain text typed (escaping is the adapters’ job)', () => {
    const w = world();
    const note = '=HYPERLINK("http://x") <b>urgente</b> & “virgolette”';
    submit(w, { employee: ANNA, dates: ['2026-11-09'], note });
    expect(w.register.days[0].note).toBe(note);
  });

  it('refuses a note over 1,000 characters with a clear message, writing nothing; 1,000 are kept whole', () => {
    const w = world();
    const long = submit(w, { employee: LUCA, dates: ['2026-11-09'], note: 'x'.repeat(1500) });
    expect(long).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message: 'La nota: al massimo 1.000 caratteri (ne ha 1.500).',
    });
    expect(w.register.days).toEqual([]);
    submit(w, { employee: LUCA, dates: ['2026-11-09'], note: 'y'.repeat(1000) });
    expect(w.register.days.map((x) => x.note.length)).toEqual([1000]);
  });
});

describe('requestFromApp', () => {
  it('a form sent twice (a double click) is one request; its token used by someone else is refused', () => {
    const w = world();
    const first = requestFromApp(w.ports, ANNA, {
      dates: ['2026-11-09'],
      location: 'home',
      token: 'tok-12345678',
    });
    const again = requestFromApp(w.ports, ANNA, {
      dates: ['2026-11-09'],
      location: 'home',
      token: 'tok-12345678',
    });
    expect(first).toMatchObject({ ok: true, duplicate: false });
    expect(again).toMatchObject({ ok: true, duplicate: true });
    expect(w.register.days.map((d) => d.requestId)).toEqual(['app-tok-12345678']);
    const stolen = requestFromApp(w.ports, LUCA, {
      dates: ['2026-11-10'],
      location: 'home',
      token: 'tok-12345678',
    });
    expect(stolen).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(w.register.days).toHaveLength(1);
    expect(
      requestFromApp(w.ports, LUCA, { dates: ['2026-11-10'], location: 'home', token: 'x' }),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  });
});

describe('submitRequest: notifications', () => {
  it('sends exactly one receipt to the employee and one digest to the manager per request', () => {
    const w = world();
    submit(w, { employee: ANNA, dates: ['2026-11-09', '2026-11-10', '2026-11-16'] });
    expect(w.notifier.sent.map((n) => [n.kind, n.to, n.sendAt])).toEqual([
      ['receipt', ANNA, '2026-11-02T09:00'],
      // The manager's part of the next hourly digest.
      ['digest', MARIO, '2026-11-02T10:00'],
    ]);
  });

  it('the receipt lists every date; the manager digest lists only the pending ones', () => {
    const w = world();
    submit(w, { employee: ANNA, dates: ['2026-11-10', 'not-a-date', '2026-11-08', '2026-11-09'] });
    const [receipt] = byKind(w.notifier.sent, 'receipt');
    const [digest] = byKind(w.notifier.sent, 'digest');
    for (const label of ['dom 8 nov 2026', 'lun 9 nov 2026', 'mar 10 nov 2026', '«not-a-date»'])
      expect(receipt.body).toContain(label);
    expect(digest.body).toContain('lun 9 nov 2026');
    expect(digest.body).toContain('mar 10 nov 2026');
    expect(digest.body).not.toContain('8 nov');
    expect(digest.body).not.toContain('not-a-date');
    expect(digest.subject).toContain('2 giornate');
  });

  it('sends no digest when every date is refused', () => {
    const w = world();
    submit(w, { employee: ANNA, dates: ['2026-11-08', '2026-12-25'] });
    expect(w.notifier.sent.map((n) => n.kind)).toEqual(['receipt']);
  });

  it.each([
    ['2026-11-02T21:30', '2026-11-03T07:00', '2026-11-03T07:00'], // evening: the next morning
    ['2026-11-02T20:00', '2026-11-03T07:00', '2026-11-03T07:00'],
    ['2026-11-03T06:59', '2026-11-03T07:00', '2026-11-03T07:00'], // before 07:00: the same morning
    ['2026-11-03T07:00', '2026-11-03T07:00', '2026-11-03T08:00'], // at 07:00: now; the digest at 8
    ['2026-11-03T19:59', '2026-11-03T19:59', '2026-11-04T07:00'], // the 20:00 digest waits
  ])('submitted at %s, the receipt goes out at %s, the digest at %s', (now, receipt, digest) => {
    const w = world({}, now);
    submit(w, { employee: ANNA, dates: ['2026-11-09'] });
    expect(w.notifier.sent.map((n) => [n.kind, n.sendAt])).toEqual([
      ['receipt', receipt],
      ['digest', digest],
    ]);
  });

  it('takes the disconnection period from the policy', () => {
    const w = world({}, '2026-11-02T21:30');
    w.snapshot.policy.disconnection = { from: '22:00', to: '06:30' };
    submit(w, { employee: ANNA, dates: ['2026-11-09'] });
    w.clock.current = at('2026-11-02T22:00');
    submit(w, { employee: LUCA, dates: ['2026-11-09'] });
    w.clock.current = at('2026-11-03T06:00');
    submit(w, { employee: PAOLO, dates: ['2026-11-09'] });
    expect(byKind(w.notifier.sent, 'receipt').map((n) => [n.to, n.sendAt])).toEqual([
      [ANNA, '2026-11-02T21:30'], // before 22:00: at once
      [LUCA, '2026-11-03T06:30'],
      [PAOLO, '2026-11-03T06:30'],
    ]);
  });

  it('sends the mail after the register is written and the lock released', () => {
    const w = world();
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
      mark(
        `commit ${(change.addDays ?? []).length} days, ${change.audit.length} lines, ${(change.mail ?? []).length} mail`,
      );
      commit(change);
    };
    submit(w, { employee: ANNA, dates: ['2026-11-09'] });
    expect(events).toEqual(['commit 1 days, 1 lines, 2 mail (locked)']);
  });
});

describe('a Form response delivered twice', () => {
  const response = (dates: string[] = ['2026-11-09', '2026-11-10', '2026-11-08']): SubmitInput => ({
    requestId: 'form-response-42',
    employee: ANNA,
    dates,
    location: 'home',
    note: '',
  });

  it('gives one set of rows, one set of change-log lines and one set of notifications', () => {
    const w = world();
    const first = receiveFormResponse(w.ports, response());
    const rows = w.register.days.map((x) => ({ ...x }));
    const audit = w.register.loadAudit();
    const sent = [...w.notifier.sent];
    expect(rows).toHaveLength(3);
    expect(sent).toHaveLength(2);
    const second = receiveFormResponse(w.ports, response());
    expect(second).toMatchObject({ ok: true, duplicate: true });
    expect(second.ok && second.days).toEqual(rows);
    expect(first.ok && first.duplicate).toBe(false);
    expect(w.register.days).toEqual(rows);
    expect(w.register.loadAudit()).toEqual(audit);
    expect(w.notifier.sent).toEqual(sent);
  });

  it('changes nothing the second time even if the retried delivery differs or comes later', () => {
    const w = world();
    receiveFormResponse(w.ports, response());
    w.clock.current = at('2026-11-02T22:00');
    const second = receiveFormResponse(w.ports, response(['2026-11-16']));
    expect(second.ok && second.duplicate).toBe(true);
    expect(w.register.days).toHaveLength(3);
    expect(w.notifier.sent).toHaveLength(2);
  });

  it('is still recognised as already recorded after HR removes the site it booked', () => {
    // The first delivery recorded the days; before the retry HR deletes the site row. The
    // retry must not tell the employee that the request was not recorded.
    const w = world();
    const first = receiveFormResponse(w.ports, { ...response(['2026-11-09']), location: SITE });
    expect(first.ok).toBe(true);
    w.snapshot.sites = [];
    const second = receiveFormResponse(w.ports, { ...response(['2026-11-09']), location: SITE });
    expect(second.ok && second.duplicate).toBe(true);
    expect(w.register.audit.filter((a) => a.action === 'refuse-request')).toEqual([]);
    expect(w.notifier.sent).toHaveLength(2);
  });

  it('when it cannot be recorded, is logged and explained once, not once per delivery', () => {
    const w = world();
    const stranger = { ...response(), employee: 'ospite@terredargine.example' };
    expect(receiveFormResponse(w.ports, stranger)).toMatchObject({ ok: false, code: 'UNKNOWN_EMPLOYEE' });
    expect(receiveFormResponse(w.ports, stranger)).toMatchObject({ ok: false, code: 'UNKNOWN_EMPLOYEE' });
    expect(w.register.days).toEqual([]);
    expect(w.register.audit.filter((a) => a.action === 'refuse-request')).toHaveLength(1);
    expect(w.notifier.sent).toHaveLength(1);
  });
});

describe('submitRequest: bad input changes nothing', () => {
  it.each<[string, string, Partial<SubmitInput>]>([
    ['INVALID_INPUT', 'no dates', { dates: [] }],
    ['INVALID_INPUT', 'dates missing', { dates: undefined }],
    ['INVALID_INPUT', 'dates not a list', { dates: '2026-11-09' }],
    ['INVALID_INPUT', 'a date that is not a text', { dates: ['2026-11-09', 20261110] }],
    [
      'INVALID_INPUT',
      'more than 31 dates',
      { dates: Array.from({ length: 32 }, (_, i) => `2026-12-${String((i % 28) + 1).padStart(2, '0')}`) },
    ],
    ['INVALID_INPUT', 'an unknown site', { location: 'carpi-biblioteca' }],
    ['INVALID_INPUT', 'no location', { location: '' }],
    ['INVALID_INPUT', 'location not a text', { location: 3 }],
    ['INVALID_INPUT', 'a note that is not a text', { note: { text: 'x' } }],
    ['UNKNOWN_EMPLOYEE', 'an unknown employee', { employee: 'ospite@terredargine.example' }],
    ['UNKNOWN_EMPLOYEE', 'an identity that is not an email', { employee: 'anna' }],
    ['UNKNOWN_EMPLOYEE', 'an empty identity', { employee: '' }],
    [
      'INVALID_INPUT',
      'malformed input from an unknown employee (INVALID_INPUT first)',
      { employee: 'x@y.example', dates: [] },
    ],
  ])('%s: %s', (code, _, over) => {
    const w = world();
    const result = submitRequest(w.ports, {
      requestId: 'bad',
      employee: ANNA,
      dates: ['2026-11-09'],
      location: 'home',
      ...over,
    });
    expect(result).toMatchObject({ ok: false, code });
    expect(!result.ok && result.message.length).toBeGreaterThan(0);
    expect(w.register.days).toEqual([]);
    expect(w.register.audit).toEqual([]);
    expect(w.notifier.sent).toEqual([]);
  });

  it('accepts exactly 31 dates', () => {
    const w = world();
    const dates = Array.from({ length: 31 }, (_, i) => `2026-12-${String(i + 1).padStart(2, '0')}`);
    const result = submit(w, { employee: ANNA, dates });
    expect(result.ok && result.days).toHaveLength(31);
  });
});

describe('receiveFormResponse when the response cannot be recorded', () => {
  it('logs why in the change log and tells the respondent, outside the disconnection period', () => {
    const w = world({}, '2026-11-02T22:15');
    const result = receiveFormResponse(w.ports, {
      requestId: 'form-response-7',
      employee: ' Ospite@TerreDArgine.example ',
      dates: ['2026-11-09'],
      location: 'home',
    });
    expect(result).toMatchObject({ ok: false, code: 'UNKNOWN_EMPLOYEE' });
    expect(w.register.days).toEqual([]);
    expect(w.register.audit).toEqual([
      expect.objectContaining({
        at: '2026-11-02T22:15',
        action: 'refuse-request',
        dayId: 'form-response-7',
        employee: 'ospite@terredargine.example',
        from: '',
        to: '',
        detail: expect.stringMatching(/^UNKNOWN_EMPLOYEE: /),
      }),
    ]);
    expect(w.notifier.sent).toEqual([
      expect.objectContaining({
        to: 'ospite@terredargine.example',
        kind: 'receipt',
        sendAt: '2026-11-03T07:00',
      }),
    ]);
    expect(w.notifier.sent[0].body).toContain(!result.ok ? result.message : '?');
  });

  it('explains a removed site to a known employee', () => {
    const w = world();
    const result = receiveFormResponse(w.ports, {
      requestId: 'form-response-8',
      employee: ANNA,
      dates: ['2026-11-09'],
      location: 'carpi-biblioteca',
    });
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(w.notifier.sent.map((n) => [n.to, n.kind, n.sendAt])).toEqual([
      [ANNA, 'receipt', '2026-11-02T09:00'],
    ]);
    expect(w.notifier.sent[0].body).toContain('carpi-biblioteca');
  });

  it('mails nobody when there is no identity to answer', () => {
    const w = world();
    const result = receiveFormResponse(w.ports, {
      requestId: 'form-response-9',
      employee: '',
      dates: ['2026-11-09'],
      location: 'home',
    });
    expect(result.ok).toBe(false);
    expect(w.register.audit.map((a) => a.action)).toEqual(['refuse-request']);
    expect(w.notifier.sent).toEqual([]);
  });
});
