// The payroll CSV: each row validated alone, a preview of what would change, rejected rows with
// their reasons.
import { toCsv } from '../../src/domain/csv';
import type { IsoDate } from '../../src/domain/dates';
import { previewStaffImport, type StaffRecord } from '../../src/domain/staff-import';
import { taxCodeCheckLetter } from '../../src/domain/tax-code';

const TODAY = '2026-12-02' as IsoDate;
const cf = (first15: string) => first15 + taxCodeCheckLetter(first15);
const KNOWN = { sectors: new Map([['Comune di Carpi', new Set(['Servizi sociali', 'Cultura'])]]) };
const HEADER = [
  'Email',
  'Cognome',
  'Nome',
  'Codice fiscale',
  'Data di nascita',
  'Comune di nascita',
  'Ente',
  'Settore',
  'Data di assunzione',
  'Tipo rapporto',
  'PAT INAIL',
  'Voce di tariffa INAIL',
  'Genere',
  'Km casa-lavoro',
  'Categoria di priorità',
];
const ANNA = [
  'Anna.Rossi@terredargine.example',
  'Rossi',
  'Anna',
  cf('RSSNNA85M41B819'),
  '01/08/1985',
  'B819',
  'Comune di Carpi',
  'Servizi sociali',
  '01/04/2010',
  'TI',
  '90000000',
  '0722',
  'F',
  '12,5',
  'caregiver',
];

function preview(rows: string[][], current = new Map<string, StaffRecord>()) {
  return previewStaffImport(toCsv([HEADER, ...rows], ';'), current, KNOWN, TODAY);
}

describe('staff import', () => {
  test('a good row: added, with every field read', () => {
    const p = preview([ANNA]);
    expect(p.rejected).toEqual([]);
    expect(p.fileError).toBeNull();
    expect(p.changes).toHaveLength(1);
    expect(p.changes[0].kind).toBe('added');
    expect(p.changes[0].record).toEqual({
      email: 'anna.rossi@terredargine.example',
      surname: 'Rossi',
      firstName: 'Anna',
      taxCode: cf('RSSNNA85M41B819'),
      birthDate: '1985-08-01',
      birthPlace: 'B819',
      organisation: 'Comune di Carpi',
      sector: 'Servizi sociali',
      employmentStart: '2010-04-01',
      employmentType: 'TI',
      inailPat: '90000000',
      inailRate: '0722',
      category: '',
      contractType: '',
      gender: 'F',
      commuteKm: 12.5,
      priority: 'caregiver',
    });
  });

  test('the same file again: nothing changes; a new sector shows as a change of that field', () => {
    const first = preview([ANNA]);
    const current = new Map([[first.changes[0].email, first.changes[0].record]]);
    expect(preview([ANNA], current)).toMatchObject({ changes: [], unchanged: 1, rejected: [] });
    const moved = ANNA.slice();
    moved[7] = 'Cultura';
    const p = preview([moved], current);
    expect(p.changes.map((c) => [c.kind, c.fields])).toEqual([
      ['changed', { settore: ['Servizi sociali', 'Cultura'] }],
    ]);
  });

  test('bad rows are rejected with every reason and their line; the good ones still go', () => {
    const typo = ANNA.slice();
    typo[0] = 'luca.bianchi@terredargine.example';
    typo[3] = 'BNCLCU80A01B819X';
    const mismatch = ANNA.slice();
    mismatch[0] = 'marta@terredargine.example';
    mismatch[3] = cf('VRDMRT90A41B819');
    mismatch[4] = '02/01/1990';
    mismatch[6] = 'Comune di Modena';
    mismatch[9] = 'indeterminato';
    const p = preview([typo, ANNA, mismatch]);
    expect(p.changes.map((c) => c.email)).toEqual(['anna.rossi@terredargine.example']);
    expect(p.rejected).toEqual([
      {
        line: 2,
        email: 'luca.bianchi@terredargine.example',
        reasons: [expect.stringMatching(/carattere di controllo/)],
      },
      {
        line: 4,
        email: 'marta@terredargine.example',
        reasons: [
          'la data di nascita non corrisponde al codice fiscale (01/01/1990).',
          'tipo rapporto: «TI» o «TD» (valore: «indeterminato»).',
          'ente sconosciuto: «Comune di Modena».',
        ],
      },
    ]);
  });

  test('a person twice is rejected the second time; a file without required columns reads nothing', () => {
    const p = preview([ANNA, ANNA]);
    expect(p.changes).toHaveLength(1);
    expect(p.rejected[0].reasons).toEqual(['ripete la riga 2 (stessa email o codice fiscale).']);
    const broken = previewStaffImport('Email;Nome\nx@y.it;X\n', new Map(), KNOWN, TODAY);
    expect(broken.fileError).toMatch(/^Mancano le colonne: cognome, codice fiscale/);
    expect(broken.changes).toEqual([]);
  });
});
