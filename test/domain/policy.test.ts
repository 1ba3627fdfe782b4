// The policy: defaults of docs/rules.md and validation of HR's edits (Italian messages naming the field).
import { DEFAULT_POLICY, POLICY_LABELS, validatePolicy } from '../../src/domain/policy';

const CATALOGUE_DEFAULTS = {
  maxDaysPerWeek: 2,
  maxDaysPerMonth: 8,
  noticeDays: 1,
  maxDaysAhead: 92,
  safetyNoticeMaxDays: 365,
  maxContactMinutes: 432, // 7h12'
  maxTeamShare: 0.5,
  disconnection: { from: '20:00', to: '07:00' },
  // Not a rule: how often managers get the digest (hourly by default).
  digestEvery: 'ora',
  // Not a rule: the reports' kg of CO2 per km (ISPRA's average).
  emissionFactor: 0.165,
};

describe('DEFAULT_POLICY', () => {
  it('equals the defaults of docs/rules.md', () => {
    expect({ ...DEFAULT_POLICY, disconnection: { ...DEFAULT_POLICY.disconnection } }).toEqual(
      CATALOGUE_DEFAULTS,
    );
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY.disconnection)).toBe(true);
  });

  it('has an Italian label for every field', () => {
    expect(Object.keys(POLICY_LABELS).sort()).toEqual(Object.keys(CATALOGUE_DEFAULTS).sort());
  });
});

describe('validatePolicy', () => {
  it('takes the digest period «ora» or «giorno», refusing anything else', () => {
    expect(validatePolicy({ digestEvery: 'giorno' })).toEqual({
      policy: { ...CATALOGUE_DEFAULTS, digestEvery: 'giorno' },
      errors: [],
    });
    expect(validatePolicy({ digestEvery: ' Ora ' }).policy.digestEvery).toBe('ora');
    expect(validatePolicy({ digestEvery: 'settimana' }).errors).toEqual([
      {
        field: 'digestEvery',
        message:
          'Il campo «riepilogo ai responsabili (ora o giorno)» deve essere «ora» o «giorno» (valore: "settimana").',
      },
    ]);
  });

  it('gives the defaults for a missing policy or an empty one', () => {
    for (const input of [undefined, null, {}]) {
      const { policy, errors } = validatePolicy(input);
      expect(errors).toEqual([]);
      expect(policy).toEqual(CATALOGUE_DEFAULTS);
    }
  });

  it('overrides only the fields given', () => {
    const { policy, errors } = validatePolicy({
      maxDaysPerWeek: 3,
      maxTeamShare: 0.75,
      disconnection: { from: '19:00', to: '08:00' },
    });
    expect(errors).toEqual([]);
    expect(policy).toEqual({
      ...CATALOGUE_DEFAULTS,
      maxDaysPerWeek: 3,
      maxTeamShare: 0.75,
      disconnection: { from: '19:00', to: '08:00' },
    });
  });

  it('accepts the boundaries of a share: exactly 1', () => {
    expect(validatePolicy({ maxTeamShare: 1 }).errors).toEqual([]);
    expect(validatePolicy({ maxTeamShare: 1 }).policy.maxTeamShare).toBe(1);
  });

  it('returns a fresh policy each time (the defaults are never aliased)', () => {
    const a = validatePolicy({}).policy;
    a.disconnection.from = '18:00';
    a.maxDaysPerWeek = 5;
    expect(validatePolicy({}).policy).toEqual(CATALOGUE_DEFAULTS);
    expect(DEFAULT_POLICY.disconnection.from).toBe('20:00');
  });

  /** One wrong field: a single error naming it, in Italian, and the defaults kept. */
  function expectOneError(input: Record<string, unknown>, field: string, label: string, mentions: string[]) {
    const { policy, errors } = validatePolicy(input);
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe(field);
    expect(errors[0].message).toContain(label);
    for (const m of mentions) expect(errors[0].message).toContain(m);
    expect(policy).toEqual(CATALOGUE_DEFAULTS);
  }

  it('refuses a negative cap', () => {
    expectOneError({ maxDaysPerWeek: -1 }, 'maxDaysPerWeek', 'giorni massimi a settimana', ['-1']);
    expectOneError({ maxDaysPerMonth: -3 }, 'maxDaysPerMonth', 'giorni massimi al mese', ['-3']);
  });

  it('refuses a cap that is not a whole number, or not a number at all', () => {
    expectOneError({ maxDaysPerMonth: 2.5 }, 'maxDaysPerMonth', 'giorni massimi al mese', ['2.5']);
    expectOneError({ maxDaysPerWeek: 'due' }, 'maxDaysPerWeek', 'giorni massimi a settimana', ['due']);
    expectOneError({ noticeDays: '1' }, 'noticeDays', 'giorni di preavviso', []);
    expectOneError({ maxContactMinutes: null }, 'maxContactMinutes', 'fasce di contattabilità', []);
    expectOneError({ safetyNoticeMaxDays: Number.NaN }, 'safetyNoticeMaxDays', 'informativa', []);
  });

  it('refuses a share above 1, zero or negative, or not a number', () => {
    const label = POLICY_LABELS.maxTeamShare;
    expectOneError({ maxTeamShare: 1.2 }, 'maxTeamShare', label, ['1.2']);
    expectOneError({ maxTeamShare: 0 }, 'maxTeamShare', label, []);
    expectOneError({ maxTeamShare: -0.5 }, 'maxTeamShare', label, []);
    expectOneError({ maxTeamShare: '50%' }, 'maxTeamShare', label, ['50%']);
  });

  it('refuses a disconnection window at 25:00 or 24:00, naming the field and the value', () => {
    const { policy, errors } = validatePolicy({ disconnection: { from: '25:00', to: '07:00' } });
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toMatch(/^disconnection/);
    expect(errors[0].message).toContain('fascia di disconnessione');
    expect(errors[0].message).toContain('25:00');
    expect(policy.disconnection).toEqual({ from: '20:00', to: '07:00' });

    const second = validatePolicy({ disconnection: { from: '20:00', to: '24:00' } });
    expect(second.errors).toHaveLength(1);
    expect(second.errors[0].field).toMatch(/^disconnection/);
    expect(second.errors[0].message).toContain('24:00');
    expect(second.policy).toEqual(CATALOGUE_DEFAULTS);
  });

  it('refuses a disconnection that is not a pair of times', () => {
    for (const value of ['20:00-07:00', null, 7, { from: '20:00' }, { from: '20:00', to: '20:00' }]) {
      const { policy, errors } = validatePolicy({ disconnection: value });
      expect(errors).toHaveLength(1);
      expect(errors[0].field).toMatch(/^disconnection/);
      expect(errors[0].message).toContain('fascia di disconnessione');
      expect(policy.disconnection).toEqual({ from: '20:00', to: '07:00' });
    }
  });

  it('reports an unknown field by name, never ignoring it silently', () => {
    expectOneError({ maxDaysPerYear: 100 }, 'maxDaysPerYear', 'maxDaysPerYear', []);
    expect(validatePolicy({ maxDaysPerYear: 100 }).errors[0].message).toMatch(/sconosciut/i);
  });

  it('reports every wrong field and keeps the good ones', () => {
    const { policy, errors } = validatePolicy({
      maxDaysPerWeek: -1,
      maxDaysPerMonth: 6,
      maxTeamShare: 2,
      colour: 'blu',
    });
    expect(errors.map((e) => e.field).sort()).toEqual(['colour', 'maxDaysPerWeek', 'maxTeamShare']);
    expect(policy).toEqual({ ...CATALOGUE_DEFAULTS, maxDaysPerMonth: 6 });
  });

  it('refuses a policy that is not an object', () => {
    for (const input of ['maxDaysPerWeek=2', 3, [1, 2]]) {
      const { policy, errors } = validatePolicy(input);
      expect(errors).toHaveLength(1);
      expect(errors[0].message.length).toBeGreaterThan(0);
      expect(policy).toEqual(CATALOGUE_DEFAULTS);
    }
  });
});
