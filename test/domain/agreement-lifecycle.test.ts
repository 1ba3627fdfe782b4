// The agreement's stages on a date, and withdrawal notice (art. 19 c. 2 L. 81/2017).
import type { IsoDate } from '../../src/domain/dates';
import {
  expiryAlertDue,
  inForce,
  keptUntil,
  lastDay,
  pastRetention,
  stageOn,
  withdrawalEffective,
  type AgreementLife,
} from '../../src/domain/agreement-lifecycle';

const d = (s: string) => s as IsoDate;

function life(more: Partial<AgreementLife> = {}): AgreementLife {
  return {
    id: 'acc-1',
    employee: 'anna.rossi@terredargine.example',
    from: d('2027-01-01'),
    to: d('2027-12-31'),
    sentAt: '2026-12-01T10:00',
    employeeAcceptance: { by: 'anna.rossi@terredargine.example', at: '2026-12-02T09:00' },
    managerAcceptance: { by: 'mario.ferrari@terredargine.example', at: '2026-12-03T11:30' },
    withdrawal: null,
    renewedBy: null,
    ...more,
  };
}

describe('agreement stages', () => {
  test('draft, awaiting acceptance, signed, active, expiring, expired, renewed', () => {
    expect(stageOn(life({ sentAt: null }), d('2027-03-01'), false)).toBe('draft');
    expect(stageOn(life({ managerAcceptance: null }), d('2027-03-01'), false)).toBe('awaiting-acceptance');
    expect(stageOn(life({ employeeAcceptance: null }), d('2027-03-01'), false)).toBe('awaiting-acceptance');
    expect(stageOn(life(), d('2026-12-20'), false)).toBe('signed');
    expect(stageOn(life(), d('2027-01-01'), false)).toBe('active');
    expect(stageOn(life(), d('2027-11-30'), false)).toBe('active');
    expect(stageOn(life(), d('2027-12-01'), false)).toBe('expiring'); // 30 days before the last
    expect(stageOn(life(), d('2027-12-31'), false)).toBe('expiring');
    expect(stageOn(life(), d('2028-01-01'), false)).toBe('expired');
    expect(stageOn(life({ renewedBy: 'acc-2' }), d('2028-01-01'), false)).toBe('renewed');
    // Indefinite term: never expiring.
    expect(stageOn(life({ to: null }), d('2040-01-01'), false)).toBe('active');
  });

  test('only active or expiring agreements count for the rules', () => {
    const dates = ['2026-12-20', '2027-01-01', '2027-12-15', '2028-01-01'].map(d);
    expect(dates.map((x) => inForce(life(), x, false))).toEqual([false, true, true, false]);
    expect(inForce(life({ sentAt: null }), d('2027-03-01'), false)).toBe(false);
  });
});

describe('withdrawal', () => {
  const notice = (by: 'employer' | 'employee', justifiedReason = false) => ({
    by,
    noticeDate: d('2027-03-01'),
    justifiedReason,
    reason: 'riorganizzazione',
  });

  test('indefinite term: 30 days of notice, 90 when the employer withdraws from a disabled worker', () => {
    const open = life({ to: null });
    expect(withdrawalEffective(open, notice('employee'), true)).toEqual({
      ok: true,
      effective: '2027-03-31',
    });
    expect(withdrawalEffective(open, notice('employer'), false)).toEqual({
      ok: true,
      effective: '2027-03-31',
    });
    expect(withdrawalEffective(open, notice('employer'), true)).toEqual({
      ok: true,
      effective: '2027-05-30',
    });
  });

  test('a justified reason takes effect at once, from a fixed-term agreement too; without one a fixed term runs on', () => {
    expect(withdrawalEffective(life(), notice('employer', true), false)).toEqual({
      ok: true,
      effective: '2027-03-01',
    });
    const refused = withdrawalEffective(life(), notice('employee'), false);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toMatch(/giustificato motivo/);
  });

  test('the agreement is withdrawn from the effective day on; the rules stop counting on it', () => {
    const withdrawn = life({ to: null, withdrawal: notice('employer') });
    expect(lastDay(withdrawn, false)).toBe('2027-03-30');
    expect(stageOn(withdrawn, d('2027-03-30'), false)).toBe('expiring');
    expect(stageOn(withdrawn, d('2027-03-31'), false)).toBe('withdrawn');
    expect(inForce(withdrawn, d('2027-03-31'), false)).toBe(false);
    // For a disabled worker the employer's notice runs 90 days.
    expect(lastDay(withdrawn, true)).toBe('2027-05-29');
    expect(stageOn(withdrawn, d('2027-04-15'), true)).toBe('active');
    expect(stageOn(withdrawn, d('2027-05-01'), true)).toBe('expiring');
  });
});

describe('retention', () => {
  const signed = {
    id: 'x',
    employee: 'a@x.it',
    from: d('2020-01-01'),
    to: d('2020-12-31') as IsoDate | null,
    sentAt: '2019-12-01',
    employeeAcceptance: { by: 'a@x.it', at: '2019-12-02' },
    managerAcceptance: { by: 'm@x.it', at: '2019-12-03' },
    withdrawal: null,
    renewedBy: null,
  };
  test('kept five years after the end, to the day (29 February on 28 February)', () => {
    expect(keptUntil(d('2020-12-31'))).toBe('2025-12-31');
    expect(keptUntil(d('2024-02-29'))).toBe('2029-02-28');
    expect(pastRetention(signed, d('2025-12-31'), false)).toBe(false);
    expect(pastRetention(signed, d('2026-01-01'), false)).toBe(true);
  });
  test('an indefinite agreement in force is kept; withdrawn, it counts from its last day', () => {
    const open = { ...signed, to: null };
    expect(pastRetention(open, d('2040-01-01'), false)).toBe(false);
    const withdrawn = {
      ...open,
      withdrawal: {
        by: 'employee' as const,
        noticeDate: d('2021-03-01'),
        justifiedReason: false,
        reason: '',
      },
    };
    // Last day 30 March 2021: kept until 30 March 2026.
    expect(pastRetention(withdrawn, d('2026-03-30'), false)).toBe(false);
    expect(pastRetention(withdrawn, d('2026-03-31'), false)).toBe(true);
  });
  test('a proposal never accepted counts from its end, or its first day', () => {
    const draft = { ...signed, to: null, sentAt: null, employeeAcceptance: null, managerAcceptance: null };
    expect(pastRetention(draft, d('2025-01-01'), false)).toBe(false);
    expect(pastRetention(draft, d('2025-01-02'), false)).toBe(true);
  });
});

describe('expiry alert', () => {
  test('30 days before the last day, once; a missed run catches it up, a repeated one does not', () => {
    const last = d('2026-12-31');
    expect(expiryAlertDue(last, d('2026-11-30'), d('2026-12-01'))).toBe(true);
    expect(expiryAlertDue(last, d('2026-11-29'), d('2026-11-30'))).toBe(false);
    expect(expiryAlertDue(last, d('2026-12-01'), d('2026-12-02'))).toBe(false);
    // The run of 1 December missed: the one of 3 December sends it.
    expect(expiryAlertDue(last, d('2026-11-30'), d('2026-12-03'))).toBe(true);
    // No run before: only on its day.
    expect(expiryAlertDue(last, null, d('2026-12-01'))).toBe(true);
    expect(expiryAlertDue(last, null, d('2026-12-02'))).toBe(false);
  });
});
