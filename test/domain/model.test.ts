// Validation of the records of the register: a bad row is refused with Italian messages that
// name the field; a good row becomes a trusted record with the documented defaults.
import {
  normaliseEmail,
  validateAgreement,
  validateDelegation,
  validateEmployee,
  validateSite,
  type Validated,
} from '../../src/domain/model';

const EMPLOYEE = {
  email: 'anna.rossi@terredargine.example',
  name: 'Anna Rossi',
  organisation: "Unione Terre d'Argine",
  sector: 'Servizi al personale',
  seat: 'Carpi',
  manager: 'mario.ferrari@terredargine.example',
  eligibility: 'eligible',
  commuteKm: 12,
};

const AGREEMENT = {
  employee: 'anna.rossi@terredargine.example',
  from: '2026-01-01',
  to: '2026-12-31',
  signedByEmployee: '2025-12-15',
  signedByManager: '2025-12-16',
  contactWindows: [
    { from: '09:00', to: '13:00' },
    { from: '14:30', to: '16:30' },
  ],
  equipment: 'employer',
  safetyNoticeDate: '2025-12-15',
};

function errorsOf<T>(v: Validated<T>): { field: string; message: string }[] {
  if (v.ok) throw new Error('expected the record to be refused');
  return v.errors;
}

function fieldsOf<T>(v: Validated<T>): string[] {
  return errorsOf(v).map((e) => e.field);
}

describe('normaliseEmail', () => {
  it('trims and lowercases a valid address', () => {
    expect(normaliseEmail('  Anna.Rossi@TerreDArgine.Example ')).toBe('anna.rossi@terredargine.example');
  });
  it.each([
    'anna.rossi',
    'anna@',
    '@example.it',
    'anna rossi@example.it',
    'anna@example',
    'a@b@c.it',
    '',
    42,
  ])('refuses %p', (value) => {
    expect(normaliseEmail(value)).toBeNull();
  });
});

describe('validateEmployee', () => {
  it('accepts a good row, with Monday–Friday as default working days', () => {
    const v = validateEmployee(EMPLOYEE);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.value.email).toBe('anna.rossi@terredargine.example');
    expect(v.value.workingDays).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']);
    expect(v.value.eligibility).toBe('eligible');
    expect(v.value.commuteKm).toBe(12);
  });

  it('defaults the eligibility to eligible when omitted', () => {
    const { eligibility: _omit, ...rest } = EMPLOYEE;
    const v = validateEmployee(rest);
    expect(v.ok && v.value.eligibility).toBe('eligible');
  });

  it('keeps part-time working days in week order', () => {
    const v = validateEmployee({ ...EMPLOYEE, workingDays: ['Wed', 'Mon', 'Tue'] });
    expect(v.ok && v.value.workingDays).toEqual(['Mon', 'Tue', 'Wed']);
  });

  it('refuses a bad email, naming the field and the value', () => {
    const errors = errorsOf(validateEmployee({ ...EMPLOYEE, email: 'anna.rossi.terredargine.example' }));
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe('email');
    expect(errors[0].message).toContain('anna.rossi.terredargine.example');
    expect(errors[0].message).toMatch(/email/);
  });

  it('refuses a bad manager email', () => {
    expect(fieldsOf(validateEmployee({ ...EMPLOYEE, manager: 'mario' }))).toEqual(['manager']);
  });

  it('refuses a missing email and a missing manager', () => {
    const { email: _e, manager: _m, ...rest } = EMPLOYEE;
    const errors = errorsOf(validateEmployee(rest));
    expect(errors.map((e) => e.field).sort()).toEqual(['email', 'manager']);
    for (const e of errors) expect(e.message).toMatch(/Manca/);
  });

  it('refuses an employee who is their own manager (also with different case)', () => {
    const errors = errorsOf(validateEmployee({ ...EMPLOYEE, manager: 'Anna.Rossi@terredargine.example' }));
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe('manager');
    expect(errors[0].message).toMatch(/responsabile/);
  });

  it('refuses an unknown eligibility, listing the allowed values', () => {
    const errors = errorsOf(validateEmployee({ ...EMPLOYEE, eligibility: 'maybe' }));
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe('eligibility');
    expect(errors[0].message).toContain('maybe');
    for (const value of ['eligible', 'conditional', 'not-eligible'])
      expect(errors[0].message).toContain(value);
  });

  it('refuses unknown working days and an empty list', () => {
    expect(fieldsOf(validateEmployee({ ...EMPLOYEE, workingDays: ['Mon', 'Lun'] }))).toEqual(['workingDays']);
    expect(fieldsOf(validateEmployee({ ...EMPLOYEE, workingDays: [] }))).toEqual(['workingDays']);
  });

  it('refuses a negative commute', () => {
    expect(fieldsOf(validateEmployee({ ...EMPLOYEE, commuteKm: -4 }))).toEqual(['commuteKm']);
  });

  it('refuses missing name, organisation, sector and seat', () => {
    const errors = errorsOf(
      validateEmployee({ ...EMPLOYEE, name: '', organisation: '', sector: '', seat: '' }),
    );
    expect(errors.map((e) => e.field).sort()).toEqual(['name', 'organisation', 'seat', 'sector']);
  });
});

describe('validateAgreement', () => {
  it('accepts a good agreement', () => {
    const v = validateAgreement(AGREEMENT);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.value.from).toBe('2026-01-01');
    expect(v.value.to).toBe('2026-12-31');
    expect(v.value.contactWindows).toEqual(AGREEMENT.contactWindows);
  });

  it('treats a missing end as an indefinite term and equipment as employer by default', () => {
    const { to: _to, equipment: _eq, ...rest } = AGREEMENT;
    const v = validateAgreement(rest);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.value.to).toBeNull();
    expect(v.value.equipment).toBe('employer');
  });

  it('keeps missing signatures and safety notice as null (the rules refuse the days later)', () => {
    const v = validateAgreement({ ...AGREEMENT, signedByManager: '', safetyNoticeDate: undefined });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.value.signedByManager).toBeNull();
    expect(v.value.safetyNoticeDate).toBeNull();
  });

  it.each([
    ['from', '2026-02-30'],
    ['to', '2026-13-01'],
    ['signedByEmployee', '15/12/2025'],
    ['signedByManager', '2025-12-1'],
    ['safetyNoticeDate', '2100-02-29'],
  ])('refuses the bad date in %s (%s), naming field and value', (field, value) => {
    const errors = errorsOf(validateAgreement({ ...AGREEMENT, [field]: value }));
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe(field);
    expect(errors[0].message).toContain(value);
    expect(errors[0].message).toMatch(/data/);
  });

  it('refuses a missing start', () => {
    const { from: _from, ...rest } = AGREEMENT;
    expect(fieldsOf(validateAgreement(rest))).toEqual(['from']);
  });

  it('refuses an end before the start, and accepts a one-day agreement', () => {
    const errors = errorsOf(validateAgreement({ ...AGREEMENT, from: '2026-06-01', to: '2026-05-31' }));
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe('to');
    expect(errors[0].message).toContain('2026-05-31');
    expect(validateAgreement({ ...AGREEMENT, from: '2026-06-01', to: '2026-06-01' }).ok).toBe(true);
  });

  it('refuses a bad employee email and an unknown equipment', () => {
    expect(fieldsOf(validateAgreement({ ...AGREEMENT, employee: 'anna' }))).toEqual(['employee']);
    expect(fieldsOf(validateAgreement({ ...AGREEMENT, equipment: 'borrowed' }))).toEqual(['equipment']);
  });

  it('refuses contact windows that are not HH:mm times or not a list', () => {
    expect(
      fieldsOf(validateAgreement({ ...AGREEMENT, contactWindows: [{ from: '09:00', to: '24:00' }] })),
    ).toEqual(['contactWindows']);
    expect(
      fieldsOf(validateAgreement({ ...AGREEMENT, contactWindows: [{ from: '9', to: '13:00' }] })),
    ).toEqual(['contactWindows']);
    expect(fieldsOf(validateAgreement({ ...AGREEMENT, contactWindows: '09:00-13:00' }))).toEqual([
      'contactWindows',
    ]);
  });
});

describe('validateSite', () => {
  const SITE = { id: 'soliera-municipio', name: 'Municipio di Soliera', comune: 'Soliera', capacity: 4 };
  it('accepts a good site, also with capacity 0', () => {
    expect(validateSite(SITE).ok).toBe(true);
    expect(validateSite({ ...SITE, capacity: 0 }).ok).toBe(true);
  });
  it('refuses a negative or fractional capacity, a bad id and the id "home"', () => {
    expect(fieldsOf(validateSite({ ...SITE, capacity: -1 }))).toEqual(['capacity']);
    expect(fieldsOf(validateSite({ ...SITE, capacity: 1.5 }))).toEqual(['capacity']);
    expect(fieldsOf(validateSite({ ...SITE, capacity: '4' }))).toEqual(['capacity']);
    expect(fieldsOf(validateSite({ ...SITE, id: 'Soliera Municipio' }))).toEqual(['id']);
    expect(fieldsOf(validateSite({ ...SITE, id: 'home' }))).toEqual(['id']);
  });
});

describe('validateDelegation', () => {
  const DELEGATION = {
    manager: 'mario.ferrari@terredargine.example',
    delegate: 'laura.neri@terredargine.example',
    from: '2026-11-02',
    to: '2026-11-06',
  };
  it('accepts a good delegation, also of a single day', () => {
    expect(validateDelegation(DELEGATION).ok).toBe(true);
    expect(validateDelegation({ ...DELEGATION, to: '2026-11-02' }).ok).toBe(true);
  });
  it('refuses bad emails, bad dates and an end before the start', () => {
    expect(fieldsOf(validateDelegation({ ...DELEGATION, delegate: 'laura' }))).toEqual(['delegate']);
    expect(fieldsOf(validateDelegation({ ...DELEGATION, from: '2026-11-31' }))).toEqual(['from']);
    expect(fieldsOf(validateDelegation({ ...DELEGATION, to: '' }))).toEqual(['to']);
    expect(fieldsOf(validateDelegation({ ...DELEGATION, to: '2026-11-01' }))).toEqual(['to']);
  });
});
