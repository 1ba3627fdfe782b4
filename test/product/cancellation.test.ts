// Cancellation through the product: an approved future day becomes cancelled, its calendar
// event goes, the other side is told; a day in the past cannot be cancelled.
import { SHEETS } from '../../src/gas/schema';
import { ANNA, LUCA, MANAGER, OWNER, Product, bundlePath } from '../helpers/product';

beforeAll(() => {
  bundlePath();
});

let saved: string;
beforeAll(() => {
  const p = Product.start();
  p.submit(ANNA, ['2026-11-09', '2026-11-10']);
  p.approve(MANAGER, [
    { employee: ANNA, date: '2026-11-09' },
    { employee: ANNA, date: '2026-11-10' },
  ]);
  saved = p.save();
});

const cancellations = (p: Product, to: string) =>
  p.mails(to).filter((m) => m.subject.startsWith('Lavoro agile annullato'));

test('the employee cancels an approved future day: cancelled, event gone, manager told', () => {
  const p = Product.fromState(saved);
  expect(
    p
      .events()
      .map((e) => e.date)
      .sort(),
  ).toEqual(['2026-11-09', '2026-11-10']);
  const eventId = p.day(ANNA, '2026-11-09').calendarEventId;
  expect(p.events().map((e) => e.id)).toContain(eventId);
  p.at('2026-11-03T09:15');
  const result = p.cancel(ANNA, { employee: ANNA, date: '2026-11-09', reason: 'visita medica' });
  expect(result).toEqual({ employee: ANNA, date: '2026-11-09', ok: true });
  expect(p.day(ANNA, '2026-11-09')).toMatchObject({
    status: 'cancelled',
    decidedBy: ANNA,
    decidedAt: '2026-11-03T09:15',
    reason: 'visita medica',
    calendarEventId: '',
  });
  // Right away (the calendar job runs after the change), not at the next timer.
  expect(p.events().map((e) => e.date)).toEqual(['2026-11-10']);
  expect(p.events().map((e) => e.id)).not.toContain(eventId);
  // The mail goes with the outbox, at the periodic job's next run.
  p.deliverMail();
  const told = cancellations(p, MANAGER);
  expect(told).toHaveLength(1);
  expect(told[0].body).toMatch(/annullate da anna\.rossi@terredargine\.example/);
  expect(told[0].body).toMatch(/annullata/);
  expect(cancellations(p, ANNA)).toEqual([]);
  const last = p.audit()[p.audit().length - 1];
  expect(last).toMatchObject({ action: 'cancel', by: ANNA, from: 'approved', to: 'cancelled' });
  // It stops counting at once: Anna may ask for another day that week.
  p.submit(ANNA, ['2026-11-11']);
  expect(p.day(ANNA, '2026-11-11').status).toBe('pending');
});

test('the manager cancels: the employee is told', () => {
  const p = Product.fromState(saved);
  expect(p.cancel(MANAGER, { employee: ANNA, date: '2026-11-10' }).ok).toBe(true);
  expect(p.day(ANNA, '2026-11-10').status).toBe('cancelled');
  expect(p.events().map((e) => e.date)).toEqual(['2026-11-09']);
  p.deliverMail();
  expect(cancellations(p, ANNA)).toHaveLength(1);
});

test('a day in the past cannot be cancelled: INVALID_STATE, and nothing changes', () => {
  const p = Product.fromState(saved);
  p.at('2026-11-10T08:00');
  const before = {
    days: p.values(SHEETS.days.name),
    audit: p.values(SHEETS.audit.name),
    events: p.events(),
    mails: p.mails().length,
  };
  for (const by of [ANNA, MANAGER, OWNER])
    expect(p.cancel(by, { employee: ANNA, date: '2026-11-09' })).toMatchObject({
      ok: false,
      code: 'INVALID_STATE',
    });
  expect({
    days: p.values(SHEETS.days.name),
    audit: p.values(SHEETS.audit.name),
    events: p.events(),
    mails: p.mails().length,
  }).toEqual(before);
  // Today is not the past: the day of the 10th can still be cancelled on the 10th.
  expect(p.cancel(ANNA, { employee: ANNA, date: '2026-11-10' }).ok).toBe(true);
  // A colleague cannot cancel at all; a day never asked for is NOT_FOUND.
  expect(p.cancel(LUCA, { employee: ANNA, date: '2026-11-09' }).code).toBe('NOT_AUTHORIZED');
  expect(p.cancel(ANNA, { employee: ANNA, date: '2026-11-20' }).code).toBe('NOT_FOUND');
});
