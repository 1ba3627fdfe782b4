// The Form intake through the bundle: idempotent by response id, safe under lock contention,
// respectful of the right to disconnect, and keeping what people type as text.
import { SHEETS } from '../../src/gas/schema';
import { ANNA, LUCA, MANAGER, OWNER, Product, bundlePath, romeLocal, romeMs } from '../helpers/product';

beforeAll(() => {
  bundlePath();
});

const DAYS = SHEETS.days.name;

function receipts(p: Product, to: string) {
  return p.mails(to).filter((m) => m.subject.startsWith('Ricevuta'));
}

describe("the managers' digest", () => {
  test('requests of two people within the hour reach the manager as one mail, with the link to those days', () => {
    const p = Product.start({ at: '2026-11-02T09:05' });
    const anna = p.submit(ANNA, ['2026-11-09']);
    p.at('2026-11-02T09:40');
    const luca = p.submit(LUCA, ['2026-11-10', '2026-11-11']);
    p.runTimersUntil('2026-11-02T09:55');
    expect(p.mails(MANAGER)).toEqual([]);
    p.runTimersUntil('2026-11-02T10:10');
    const [digest, ...more] = p.mails(MANAGER);
    expect(more).toEqual([]);
    expect(digest.subject).toBe('Da approvare: 3 giornate di lavoro agile di 2 persone');
    expect(digest.body).toContain(
      'Anna Rossi (Servizi al personale):\n• lun 9 nov 2026 (da casa): in attesa',
    );
    const link = /Apri in Agorà: (\S+)/.exec(digest.body)?.[1] ?? '';
    const ids = decodeURIComponent(new URL(link).searchParams.get('giorni') ?? '').split(' ');
    expect(ids).toEqual([`${anna.responseId}#1`, `${luca.responseId}#1`, `${luca.responseId}#2`]);
    expect(link.startsWith('https://script.google.com/macros/s/')).toBe(true);
    // Nothing left in the outbox: two receipts, two digest parts (one mail), HR's daily mail.
    expect(p.outbox().map((r) => [r.mail.kind, r.status])).toEqual([
      ['receipt', 'sent'],
      ['digest', 'sent'],
      ['receipt', 'sent'],
      ['digest', 'sent'],
      ['receipt', 'sent'],
    ]);
    expect(p.outbox()[4].mail.subject).toMatch(/^Registro di Agorà: impronta del 02\/11\/2026$/);
  });
});

describe('the same response delivered twice', () => {
  test('through the trigger again: one set of rows, one receipt, one digest', () => {
    const p = Product.start();
    const { responseId } = p.submit(ANNA, ['2026-11-09', '2026-11-10', '2026-11-11']);
    const rows = p.values(DAYS).length;
    const audit = p.audit().length;
    p.redeliver(responseId);
    p.redeliver(responseId);
    const runs = p.executions().filter((e) => e.functionName === 'onFormSubmit');
    expect(runs.map((e) => e.status)).toEqual(['completed', 'completed', 'completed']);
    expect(p.values(DAYS)).toHaveLength(rows);
    expect(p.days().filter((d) => d.requestId === responseId)).toHaveLength(3);
    expect(p.days().map((d) => d.status)).toEqual(['pending', 'pending', 'refused']);
    expect(p.audit()).toHaveLength(audit);
    expect(p.outbox()).toHaveLength(2);
    p.deliverMail();
    expect(receipts(p, ANNA)).toHaveLength(1);
    // The manager's digest goes out at the next full hour, once.
    expect(p.mails(MANAGER)).toHaveLength(0);
    p.runTimersUntil('2026-11-02T09:10');
    expect(p.mails(MANAGER)).toHaveLength(1);
  });

  test("calling the bundle's onFormSubmit with the same event after a decision changes nothing", () => {
    const p = Product.start();
    const { responseId } = p.submit(ANNA, ['2026-11-09']);
    expect(p.approve(MANAGER, [{ employee: ANNA, date: '2026-11-09' }])[0].ok).toBe(true);
    const before = { days: p.values(DAYS), audit: p.audit(), mails: p.mails().length, events: p.events() };
    const form = p.asOwner(() => p.globals.FormApp.openById(p.formId));
    const response = p.asOwner(() => form.getResponse(responseId));
    p.bundle.runAs({ user: OWNER, kind: 'trigger', hasUi: false }, 'onFormSubmit', {
      authMode: 'FULL',
      response,
      source: form,
      triggerUid: 'replayed',
    });
    expect(p.values(DAYS)).toEqual(before.days);
    expect(p.audit()).toEqual(before.audit);
    expect(p.mails()).toHaveLength(before.mails);
    expect(p.events()).toEqual(before.events);
    expect(p.day(ANNA, '2026-11-09').status).toBe('approved');
  });
});

describe('lock contention', () => {
  test('two submissions while another execution holds the script lock: both wait (< 30 s) and nothing is lost', () => {
    const p = Product.start();
    const t0 = p.ws.nowMs;
    p.testing.holdLock('script', t0 + 25_000);
    const first = p.submit(ANNA, ['2026-11-09', '2026-11-10']);
    expect(first.executions.map((e) => e.status)).toEqual(['completed']);
    // It waited for the other execution to let go, not longer.
    expect(first.executions[0].endedMs).toBe(t0 + 25_000);
    // The other execution takes the lock again; Luca's submission waits in its turn.
    p.testing.holdLock('script', p.ws.nowMs + 29_000);
    const second = p.submit(LUCA, ['2026-11-09']);
    expect(second.executions.map((e) => e.status)).toEqual(['completed']);
    expect(p.days().map((d) => [d.employee, d.date, d.status])).toEqual([
      [ANNA, '2026-11-09', 'pending'],
      [ANNA, '2026-11-10', 'pending'],
      [LUCA, '2026-11-09', 'pending'],
    ]);
    expect(p.audit().filter((a) => a.action === 'submit')).toHaveLength(3);
    p.deliverMail();
    expect(receipts(p, ANNA)).toHaveLength(1);
    expect(receipts(p, LUCA)).toHaveLength(1);
  });

  test('a submission that cannot get the lock within 30 s is not lost: the periodic trigger records it later', () => {
    const p = Product.start();
    p.testing.holdLock('script', p.ws.nowMs + 60_000);
    const { responseId, executions } = p.submit(ANNA, ['2026-11-09']);
    // Apps Script gives up on the trigger (Lock timeout), and does not run it again.
    expect(executions.map((e) => e.status)).toEqual(['failed']);
    expect(p.days()).toEqual([]);
    p.ws.advance(10 * 60_000);
    p.runTimers();
    // The response is in the Form: the register must catch up with it.
    expect(p.days().map((d) => [d.requestId, d.date, d.status])).toEqual([
      [responseId, '2026-11-09', 'pending'],
    ]);
    p.deliverMail();
    expect(receipts(p, ANNA)).toHaveLength(1);
  });
});

test('a submission at 21:30 mails nobody before 07:00: the timer sends the receipt at 07:00 the next day', () => {
  const p = Product.start({ at: '2026-11-02T21:30' });
  p.submit(ANNA, ['2026-11-09']);
  expect(p.mails()).toEqual([]);
  // Anna's receipt and Mario's digest, written with the days.
  expect(p.outbox().map((r) => [r.mail.to, r.status])).toEqual([
    [ANNA, 'queued'],
    [MANAGER, 'queued'],
  ]);
  // Every 5 minutes through the night: nothing goes out.
  p.runTimersUntil('2026-11-03T06:59');
  expect(p.executions().filter((e) => e.functionName === 'onTimer').length).toBeGreaterThan(100);
  expect(p.mails()).toEqual([]);
  p.runTimersUntil('2026-11-03T07:05');
  expect(receipts(p, ANNA)).toHaveLength(1);
  const sent = p.mails();
  // With HR's daily mails of 2 and 3 November (the job's first runs of each day queued them).
  expect(sent.map((m) => m.to).sort()).toEqual([ANNA, OWNER, OWNER, MANAGER].sort());
  expect(p.mails(OWNER).map((m) => m.subject)).toEqual([
    'Registro di Agorà: impronta del 02/11/2026',
    'Registro di Agorà: impronta del 03/11/2026',
  ]);
  for (const m of sent) {
    expect(m.sentAtMs).toBeGreaterThanOrEqual(romeMs('2026-11-03T07:00'));
    expect(romeLocal(m.sentAtMs) < '2026-11-03T07:05').toBe(true);
  }
  expect(p.outbox().map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
});

test.each(['=HYPERLINK("http://evil.example";"clic")', '+39 333 1234567', '-1', '@anna'])(
  'a note typed as %s is stored as text in Giornate, not as a formula',
  (note) => {
    const p = Product.start();
    p.submit(ANNA, ['2026-11-09'], 'home', note);
    const column = p.column(DAYS, 'Nota') + 1;
    const sheet = p.sheetData(DAYS);
    expect(sheet.formulas[1]?.[column - 1] ?? null).toBeNull();
    expect(sheet.values[1]?.[column - 1]).toBe(note);
    expect(p.day(ANNA, '2026-11-09').note).toBe(note);
    const displayed = p.asOwner(() =>
      p.spreadsheet().getSheetByName(DAYS)?.getRange(2, column).getDisplayValue(),
    );
    expect(displayed).toBe(note);
  },
);
