// Which queued mails a run of the periodic job sends (outbox.ts): disconnection, due time, digest merging, quota.
import { mergeDigests, type Notification } from '../../src/app/notifications';
import { dueMail, type QueuedMail } from '../../src/app/outbox';
import { parseLocalDateTime, type LocalDateTime } from '../../src/domain/dates';

const POLICY = { disconnection: { from: '20:00', to: '07:00' } };
const MARIO = 'mario.ferrari@example.it';
const GIULIA = 'giulia.neri@example.it';
const ANNA = 'anna.rossi@example.it';

const at = (text: string): LocalDateTime => {
  const l = parseLocalDateTime(text);
  if (!l) throw new Error(`test setup: ${text} is not a local date-time`);
  return l;
};

function queued(id: string, over: Partial<Notification> = {}): QueuedMail {
  return {
    id,
    mail: {
      to: ANNA,
      kind: 'receipt',
      subject: `Ricevuta ${id}`,
      body: `Corpo ${id}`,
      sendAt: '2026-11-02T09:00',
      dayIds: [`${id}#1`],
      ...over,
    },
  };
}

const digest = (id: string, to: string, person: string, sendAt = '2026-11-02T09:00') =>
  queued(id, {
    to,
    kind: 'digest',
    subject: `Da approvare: 1 giornata di lavoro agile di ${person}`,
    body: `${person} (Tributi):\n• lunedì 9 novembre 2026 (da casa): In attesa`,
    sendAt,
  });

const ids = (batches: ReturnType<typeof dueMail>) => batches.map((b) => b.ids);

describe('dueMail', () => {
  test.each(['2026-11-02T21:00', '2026-11-03T06:59', '2026-11-02T20:00'])(
    'sends nothing inside the disconnection period (%s), even mail long due',
    (now) => {
      expect(dueMail([queued('a', { sendAt: '2026-11-01T10:00' })], at(now), POLICY, 100)).toEqual([]);
    },
  );

  test('at the end of the period (07:00) due mail goes', () => {
    const mail = queued('a', { sendAt: '2026-11-03T07:00' });
    expect(dueMail([mail], at('2026-11-03T07:00'), POLICY, 100)).toEqual([{ ids: ['a'], mail: mail.mail }]);
  });

  test('mail whose time has not come waits', () => {
    const queue = [
      queued('now', { sendAt: '2026-11-02T10:00' }),
      queued('later', { sendAt: '2026-11-02T10:01' }),
    ];
    expect(ids(dueMail(queue, at('2026-11-02T10:00'), POLICY, 100))).toEqual([['now']]);
    expect(ids(dueMail(queue, at('2026-11-02T10:01'), POLICY, 100))).toEqual([['now'], ['later']]);
  });

  test("a manager's digest parts go as one mail carrying every part's id; other managers' apart", () => {
    const parts = [
      digest('d1', MARIO, 'Anna Rossi', '2026-11-02T08:00'),
      digest('g1', GIULIA, 'Paolo Verdi'),
      digest('d2', MARIO, 'Luca Bianchi'),
    ];
    const batches = dueMail(parts, at('2026-11-02T10:00'), POLICY, 100);
    expect(ids(batches)).toEqual([['d1', 'd2'], ['g1']]);
    const [merged] = mergeDigests([parts[0].mail, parts[2].mail]);
    expect(batches[0].mail).toEqual(merged);
    expect(batches[0].mail.subject).toBe('Da approvare: 2 giornate di lavoro agile di 2 persone');
    expect(batches[0].mail.body).toContain('Anna Rossi (Tributi):');
    expect(batches[0].mail.body).toContain('Luca Bianchi (Tributi):');
    expect(batches[0].mail.dayIds).toEqual(['d1#1', 'd2#1']);
    expect(batches[1].mail).toEqual(mergeDigests([parts[1].mail])[0]);
  });

  test('mails other than digests go one per batch, even to the same person', () => {
    const queue = [queued('a'), queued('b', { kind: 'decision' }), queued('c', { kind: 'cancellation' })];
    const batches = dueMail(queue, at('2026-11-02T10:00'), POLICY, 100);
    expect(ids(batches)).toEqual([['a'], ['b'], ['c']]);
    expect(batches.map((b) => b.mail)).toEqual(queue.map((q) => q.mail));
  });

  test('the quota limits the number of mails, the oldest going first', () => {
    const queue = [
      queued('newest', { sendAt: '2026-11-02T09:30' }),
      digest('d1', MARIO, 'Anna Rossi', '2026-11-02T09:10'),
      queued('oldest', { sendAt: '2026-11-02T08:00' }),
      digest('d2', MARIO, 'Luca Bianchi', '2026-11-02T09:40'),
    ];
    expect(ids(dueMail(queue, at('2026-11-02T10:00'), POLICY, 2))).toEqual([['oldest'], ['d1', 'd2']]);
    expect(ids(dueMail(queue, at('2026-11-02T10:00'), POLICY, 3))).toEqual([
      ['oldest'],
      ['d1', 'd2'],
      ['newest'],
    ]);
  });

  test('no quota left: nothing goes', () => {
    expect(dueMail([queued('a')], at('2026-11-02T10:00'), POLICY, 0)).toEqual([]);
  });
});
