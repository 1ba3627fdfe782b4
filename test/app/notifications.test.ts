// The mails of requests and decisions (notifications.ts): one receipt to the employee per
// request, and for the manager one digest per period of all the pending dates asked since the
// last one; one mail per employee for a batch of
// decisions; a cancellation goes to whoever did not make it; none inside the disconnection
// period (docs/rules.md).
import type { DayRecord } from '../../src/app/ports';
import { changeNotifications, mergeDigests, requestNotifications } from '../../src/app/notifications';
import { parseLocalDateTime, type LocalDateTime } from '../../src/domain/dates';
import type { DayStatus, Employee } from '../../src/domain/model';
import { DEFAULT_POLICY, type Policy } from '../../src/domain/policy';
import type { RuleId, Severity } from '../../src/domain/rules';

const MARIO = 'mario.ferrari@terredargine.example';
const HR = 'hr@terredargine.example';
const at = (text: string): LocalDateTime => {
  const l = parseLocalDateTime(text);
  if (!l) throw new Error(`test setup: ${text} is not a local date-time`);
  return l;
};
const policy = (over: Partial<Policy> = {}): Policy => ({
  ...DEFAULT_POLICY,
  disconnection: { ...DEFAULT_POLICY.disconnection },
  ...over,
});

function person(email: string, name: string): Employee {
  return {
    email,
    name,
    organisation: "Unione Terre d'Argine",
    sector: 'Servizi al personale',
    seat: 'Carpi',
    manager: MARIO,
    eligibility: 'eligible',
    workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    commuteKm: null,
    priority: '',
    workingLocationOptIn: false,
  };
}
const ANNA = person('anna.rossi@terredargine.example', 'Anna Rossi');
const LUCA = person('luca.bianchi@terredargine.example', 'Luca Bianchi');

let n = 0;
function day(
  who: Employee,
  date: string,
  status: DayStatus,
  violations: [RuleId, Severity, string][] = [],
  over: Partial<DayRecord> = {},
): DayRecord {
  n++;
  return {
    id: `r${n}#1`,
    requestId: `r${n}`,
    employee: who.email,
    date,
    location: 'home',
    note: '',
    status,
    violations: violations.map(([rule, severity, message]) => ({ rule, severity, message })),
    submittedAt: '2026-11-02T09:00',
    decidedBy: '',
    decidedAt: '',
    reason: '',
    calendarEventId: '',
    ...over,
  };
}
const siteName = (id: string) => (id === 'soliera-municipio' ? 'Municipio di Soliera' : `?${id}`);

describe('requestNotifications', () => {
  const days = [
    day(ANNA, '2026-11-08', 'refused', [
      ['WORKING_DAY', 'block', 'Il 08/11/2026 non è un giorno lavorativo per te (Sun).'],
      ['TEAM_COVERAGE', 'warn', 'Copertura del servizio: 2 persone su 2.'],
    ]),
    day(ANNA, '2026-11-09', 'pending', [['SHORT_NOTICE', 'warn', 'Preavviso breve: 0 giorni.']]),
    day(ANNA, '2026-11-10', 'pending', [], { location: 'soliera-municipio' }),
    day(ANNA, '2026-13-01', 'refused', [['INVALID_DATE', 'block', '«2026-13-01» non è una data valida.']]),
  ];

  it('one receipt to the employee listing every date with its outcome and reasons', () => {
    const out = requestNotifications(ANNA, days, at('2026-11-02T09:00'), policy(), siteName);
    const receipts = out.filter((m) => m.kind === 'receipt');
    expect(receipts).toHaveLength(1);
    const [receipt] = receipts;
    expect(receipt.to).toBe(ANNA.email);
    expect(receipt.subject).toContain('(4 giorni)');
    expect(receipt.body).toContain('Gentile Anna Rossi,');
    expect(receipt.body).toContain('• dom 8 nov 2026 (da casa): respinta');
    expect(receipt.body).toContain('• lun 9 nov 2026 (da casa): in attesa');
    expect(receipt.body).toContain('• mar 10 nov 2026 (presso Municipio di Soliera): in attesa');
    expect(receipt.body).toContain('• «2026-13-01» (non è una data) (da casa): respinta');
    // A refused date shows why (its blocks), not its warnings; a pending one shows its warnings.
    expect(receipt.body).toContain('non è un giorno lavorativo');
    expect(receipt.body).not.toContain('Copertura del servizio');
    expect(receipt.body).toContain('Preavviso breve');
    expect(receipt.body).toContain('2 giornate sono in attesa dell’approvazione del responsabile.');
    expect(receipt.body).toContain(
      '2 giornate sono state respinte subito dalle regole: non contano nei tuoi limiti.',
    );
    expect(receipt.dayIds).toEqual(days.map((d) => d.id));
    expect(receipt.body).not.toMatch(/\n\n\n/);
  });

  it('one digest to the manager with the pending dates only', () => {
    const out = requestNotifications(ANNA, days, at('2026-11-02T09:00'), policy(), siteName);
    const digests = out.filter((m) => m.kind === 'digest');
    expect(digests).toHaveLength(1);
    const [digest] = digests;
    expect(digest.to).toBe(MARIO);
    expect(digest.subject).toBe('Da approvare: 2 giornate di lavoro agile di Anna Rossi');
    expect(digest.body).toContain('Anna Rossi (Servizi al personale):');
    expect(digest.body).toContain('lun 9 nov 2026');
    expect(digest.body).toContain('mar 10 nov 2026 (presso Municipio di Soliera)');
    expect(digest.body).not.toContain('8 nov');
    expect(digest.dayIds).toEqual([days[1].id, days[2].id]);
    expect(digest.body).not.toContain('2026-13-01');
    expect(digest.body).not.toContain('respinta');
  });

  it('singular forms for one date', () => {
    const out = requestNotifications(
      ANNA,
      [day(ANNA, '2026-11-09', 'pending')],
      at('2026-11-02T09:00'),
      policy(),
      siteName,
    );
    expect(out.map((m) => m.subject)).toEqual([
      'Ricevuta della richiesta di lavoro agile (1 giorno)',
      'Da approvare: 1 giornata di lavoro agile di Anna Rossi',
    ]);
  });

  it('a delegate deciding for the manager today gets the digest too', () => {
    const DELEGATE = 'vice@terredargine.example';
    const out = requestNotifications(ANNA, days, at('2026-11-02T09:00'), policy(), siteName, [
      MARIO,
      DELEGATE,
    ]);
    expect(out.filter((m) => m.kind === 'digest').map((m) => m.to)).toEqual([MARIO, DELEGATE]);
  });

  it('no digest when nothing is pending', () => {
    const out = requestNotifications(ANNA, [days[0], days[3]], at('2026-11-02T09:00'), policy(), siteName);
    expect(out.map((m) => m.kind)).toEqual(['receipt']);
  });

  it.each([
    // [created, receipt, digest]: the digest waits for the next full hour, outside 20:00–07:00.
    ['2026-11-02T21:30', '2026-11-03T07:00', '2026-11-03T07:00'],
    ['2026-11-03T06:59', '2026-11-03T07:00', '2026-11-03T07:00'],
    ['2026-11-03T07:00', '2026-11-03T07:00', '2026-11-03T08:00'],
    ['2026-11-03T12:00', '2026-11-03T12:00', '2026-11-03T13:00'],
    ['2026-11-03T19:30', '2026-11-03T19:30', '2026-11-04T07:00'],
  ])('created at %s: the receipt goes at %s, the digest at %s', (now, receipt, digest) => {
    const out = requestNotifications(ANNA, days, at(now), policy(), siteName);
    expect(out.map((m) => m.sendAt)).toEqual([receipt, digest]);
  });

  it('a daily digest goes out at the start of the next working day', () => {
    const daily = policy({ digestEvery: 'giorno' });
    const when = (now: string) => requestNotifications(ANNA, days, at(now), daily, siteName)[1].sendAt;
    expect(when('2026-11-03T12:00')).toBe('2026-11-04T07:00');
    expect(when('2026-11-03T06:30')).toBe('2026-11-03T07:00');
  });

  it('follows the disconnection period of the policy', () => {
    const late = policy({ disconnection: { from: '22:00', to: '08:00' } });
    expect(
      requestNotifications(ANNA, days, at('2026-11-02T21:30'), late, siteName).map((m) => m.sendAt),
    ).toEqual(['2026-11-02T21:30', '2026-11-03T08:00']);
    expect(
      requestNotifications(ANNA, days, at('2026-11-03T07:30'), late, siteName).map((m) => m.sendAt),
    ).toEqual(['2026-11-03T08:00', '2026-11-03T08:00']);
  });
});

describe('mergeDigests', () => {
  const part = (who: Employee, dates: string[]) =>
    requestNotifications(
      who,
      dates.map((d) => day(who, d, 'pending')),
      at('2026-11-03T09:10'),
      policy(),
      siteName,
    ).filter((m) => m.kind === 'digest');

  it('every part due for one manager becomes one mail, with one link to all the days', () => {
    const parts = [
      ...part(ANNA, ['2026-11-09']),
      ...part(LUCA, ['2026-11-10', '2026-11-11']),
      ...part(ANNA, ['2026-11-12']),
    ];
    const [mail, ...rest] = mergeDigests(parts);
    expect(rest).toEqual([]);
    expect(mail.to).toBe(MARIO);
    expect(mail.subject).toBe('Da approvare: 4 giornate di lavoro agile di 2 persone');
    expect(mail.dayIds).toEqual(parts.flatMap((p) => p.dayIds));
    expect(mail.body).toContain('Luca Bianchi (Servizi al personale):\n• mar 10 nov 2026');
    expect(mail.body).toContain('Apri questa mail in Gmail');
    expect(mail.sendAt).toBe('2026-11-03T10:00');
  });

  it('one part keeps its own subject; other mails pass through unchanged', () => {
    const receipt = requestNotifications(
      ANNA,
      [day(ANNA, '2026-11-09', 'pending')],
      at('2026-11-03T09:10'),
      policy(),
      siteName,
    )[0];
    const out = mergeDigests([receipt, ...part(ANNA, ['2026-11-09'])]);
    expect(out.map((m) => [m.kind, m.subject])).toEqual([
      ['receipt', 'Ricevuta della richiesta di lavoro agile (1 giorno)'],
      ['digest', 'Da approvare: 1 giornata di lavoro agile di Anna Rossi'],
    ]);
  });
});

describe('changeNotifications', () => {
  it('decisions: one mail per employee, listing their days with status and reason', () => {
    const out = changeNotifications(
      [
        { employee: ANNA, day: day(ANNA, '2026-11-09', 'approved') },
        { employee: LUCA, day: day(LUCA, '2026-11-09', 'rejected', [], { reason: 'Sportello aperto' }) },
        { employee: ANNA, day: day(ANNA, '2026-11-10', 'rejected', [], { reason: 'Riunione in sede' }) },
      ],
      MARIO,
      at('2026-11-03T10:00'),
      policy(),
    );
    expect(out.map((m) => [m.to, m.kind, m.sendAt])).toEqual([
      [ANNA.email, 'decision', '2026-11-03T10:00'],
      [LUCA.email, 'decision', '2026-11-03T10:00'],
    ]);
    expect(out[0].subject).toBe('Esito delle tue giornate di lavoro agile (2 giornate)');
    expect(out[0].body).toContain(`Decisioni di ${MARIO}:`);
    expect(out[0].body).toContain('• lun 9 nov 2026: approvata');
    expect(out[0].body).toContain('• mar 10 nov 2026: rifiutata — Riunione in sede');
    expect(out[0].body).not.toContain('Sportello');
    expect(out[1].body).toContain('rifiutata — Sportello aperto');
    expect(out[1].body).not.toContain('10 nov');
  });

  it('a cancellation by the employee goes to the manager; by the manager, to the employee; by anyone else, to both', () => {
    const cancelled = (by: string) =>
      changeNotifications(
        [{ employee: ANNA, day: day(ANNA, '2026-11-09', 'cancelled') }],
        by,
        at('2026-11-03T10:00'),
        policy(),
      ).map((m) => [m.to, m.kind]);
    expect(cancelled(ANNA.email)).toEqual([[MARIO, 'cancellation']]);
    expect(cancelled(MARIO)).toEqual([[ANNA.email, 'cancellation']]);
    // Someone else (HR, the daily job after a withdrawal): both are told.
    expect(cancelled(HR)).toEqual([
      [ANNA.email, 'cancellation'],
      [MARIO, 'cancellation'],
    ]);
  });

  it('a cancellation mail names the employee and who cancelled', () => {
    const [mail] = changeNotifications(
      [{ employee: ANNA, day: day(ANNA, '2026-11-09', 'cancelled', [], { reason: 'malattia' }) }],
      ANNA.email,
      at('2026-11-03T10:00'),
      policy(),
    );
    expect(mail.subject).toBe('Lavoro agile annullato: Anna Rossi');
    expect(mail.body).toContain(`Giornate di lavoro agile di Anna Rossi annullate da ${ANNA.email}:`);
    expect(mail.body).toContain('• lun 9 nov 2026: annullata — malattia');
  });

  it('decisions and cancellations of the same employee are separate mails', () => {
    const out = changeNotifications(
      [
        { employee: ANNA, day: day(ANNA, '2026-11-09', 'approved') },
        { employee: ANNA, day: day(ANNA, '2026-11-10', 'cancelled') },
      ],
      MARIO,
      at('2026-11-03T10:00'),
      policy(),
    );
    expect(out.map((m) => [m.to, m.kind])).toEqual([
      [ANNA.email, 'decision'],
      [ANNA.email, 'cancellation'],
    ]);
  });

  it('inside the disconnection period, waits for its end', () => {
    const out = changeNotifications(
      [{ employee: ANNA, day: day(ANNA, '2026-11-09', 'approved') }],
      MARIO,
      at('2026-11-03T21:30'),
      policy(),
    );
    expect(out.map((m) => m.sendAt)).toEqual(['2026-11-04T07:00']);
  });

  it('nothing changed, nothing sent', () => {
    expect(changeNotifications([], MARIO, at('2026-11-03T10:00'), policy())).toEqual([]);
  });
});
