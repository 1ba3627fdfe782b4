// The codice fiscale: check letter by the ministerial tables, omocodia, the facts it carries.
import fc from 'fast-check';
import type { IsoDate } from '../../src/domain/dates';
import { parseTaxCode, taxCodeCheckLetter, taxCodeOf } from '../../src/domain/tax-code';

const TODAY = '2026-12-02' as IsoDate;

describe('tax code', () => {
  test('published examples: the check letter, birth date, gender and comune of birth', () => {
    // The usual examples of the Agenzia delle Entrate's literature.
    expect(taxCodeCheckLetter('RSSMRA80A01H501')).toBe('U');
    expect(taxCodeCheckLetter('RSSMRA85T10A562')).toBe('S');
    expect(parseTaxCode('rssmra80a01h501u', TODAY)).toEqual({
      ok: true,
      facts: { code: 'RSSMRA80A01H501U', birthDate: '1980-01-01', gender: 'M', birthPlace: 'H501' },
    });
    // A woman born in Carpi (B819) on 15 March 1990: day + 40.
    const code = `BNCLRA90C55B819${taxCodeCheckLetter('BNCLRA90C55B819')}`;
    expect(parseTaxCode(code, TODAY)).toEqual({
      ok: true,
      facts: { code, birthDate: '1990-03-15', gender: 'F', birthPlace: 'B819' },
    });
  });

  test('omocodia: digits replaced by letters read back as digits, the check letter on the letters', () => {
    // RSSMRA80A01H501U with its last digit (1 → M) replaced.
    const first15 = 'RSSMRA80A01H50M';
    const code = first15 + taxCodeCheckLetter(first15);
    const parsed = parseTaxCode(code, TODAY);
    expect(parsed.ok && parsed.facts).toEqual({
      code,
      birthDate: '1980-01-01',
      gender: 'M',
      birthPlace: 'H501',
    });
  });

  test('the century is the latest not after today', () => {
    const first15 = 'RSSMRA20A01H501';
    const parsed = parseTaxCode(first15 + taxCodeCheckLetter(first15), TODAY);
    expect(parsed.ok && parsed.facts.birthDate).toBe('2020-01-01');
    const old = 'RSSMRA30A01H501';
    const older = parseTaxCode(old + taxCodeCheckLetter(old), TODAY);
    expect(older.ok && older.facts.birthDate).toBe('1930-01-01');
  });

  test('refused with a reason: length, shape, a typo, a date that does not exist', () => {
    const reason = (code: string) => {
      const r = parseTaxCode(code, TODAY);
      return r.ok ? '' : r.message;
    };
    expect(reason('RSSMRA80A01H501')).toMatch(/16 caratteri \(ne ha 15\)/);
    expect(reason('RSSMRA80A01H5011')).toMatch(/non ha la forma/);
    expect(reason('RSSMRA80A01H501V')).toMatch(/carattere di controllo .* \(atteso U\)/);
    const feb30 = 'RSSMRA80B30H501';
    expect(reason(feb30 + taxCodeCheckLetter(feb30))).toMatch(/non esiste/);
  });

  test('any single changed character of a valid code is caught', () => {
    const valid = 'RSSMRA80A01H501U';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 35 }), (at, pick) => {
        const c = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'[pick];
        fc.pre(c !== valid[at]);
        const changed = valid.slice(0, at) + c + valid.slice(at + 1);
        return !parseTaxCode(changed, TODAY).ok;
      }),
    );
  });
});

describe('tax code of a person', () => {
  test('the published examples are rebuilt from their facts', () => {
    // Mario Rossi, born in Rome (H501) on 1 January 1980.
    expect(
      taxCodeOf({
        surname: 'Rossi',
        firstName: 'Mario',
        birthDate: '1980-01-01' as IsoDate,
        gender: 'M',
        birthPlace: 'H501',
      }),
    ).toBe('RSSMRA80A01H501U');
  });

  test('short names and accents: vowels then X; four consonants: the 1st, 3rd and 4th', () => {
    const code = taxCodeOf({
      surname: 'Fò',
      firstName: 'Gianfranco',
      birthDate: '1975-12-31' as IsoDate,
      gender: 'M',
      birthPlace: 'B819',
    });
    expect(code.slice(0, 6)).toBe('FOXGFR');
    const woman = taxCodeOf({
      surname: "D'Angelo",
      firstName: 'Ida',
      birthDate: '1990-06-05' as IsoDate,
      gender: 'F',
      birthPlace: 'F257',
    });
    expect(woman.slice(0, 11)).toBe('DNGDIA90H45');
    // Whatever it builds reads back.
    const parsed = parseTaxCode(woman, TODAY);
    expect(parsed.ok && parsed.facts).toEqual({
      code: woman,
      birthDate: '1990-06-05',
      gender: 'F',
      birthPlace: 'F257',
    });
  });
});
