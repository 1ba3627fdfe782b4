// The payroll CSV through the bundle: the owner previews, then applies; the accepted rows land
// in one write into the people's existing rows, bad rows and unknown people are reported.
import { addOnEvent } from '../../dev/driver';
import { actionResponseJson, type ActionResponseJson } from '../../dev/workspace/card';
import { toCsv } from '../../src/domain/csv';
import type { IsoDate } from '../../src/domain/dates';
import { taxCodeOf } from '../../src/domain/tax-code';
import type { MinistryExport } from '../../src/gas/ministry-export';
import { PROPERTY } from '../../src/gas/properties';
import { SHEETS } from '../../src/gas/schema';
import type { StaffImportResult } from '../../src/gas/staff-import';
import { ANNA, LUCA, MANAGER, OWNER, Product, bundlePath } from '../helpers/product';

beforeAll(() => {
  bundlePath();
});

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
];
const cf = (surname: string, firstName: string, birthDate: string, gender: 'F' | 'M') =>
  taxCodeOf({ surname, firstName, birthDate: birthDate as IsoDate, gender, birthPlace: 'B819' });
const ORG = "Unione Terre d'Argine";

function csv(): string {
  return toCsv(
    [
      HEADER,
      [
        ANNA,
        'Rossi',
        'Anna',
        cf('Rossi', 'Anna', '1985-08-01', 'F'),
        '01/08/1985',
        'B819',
        ORG,
        'Servizi al personale',
        '01/04/2010',
        'TI',
        '12345678',
        '0722',
        'F',
      ],
      // A typo in Luca's tax code: rejected, his row unchanged.
      [
        LUCA,
        'Bianchi',
        'Luca',
        'BNCLCU80A01B819X',
        '01/01/1980',
        'B819',
        ORG,
        'Servizi al personale',
        '01/09/2015',
        'TD',
        '12345678',
        '0722',
        'M',
      ],
      // Someone payroll knows and the register does not (yet).
      [
        'nuova.assunta@terredargine.example',
        'Verdi',
        'Giulia',
        cf('Verdi', 'Giulia', '1995-03-10', 'F'),
        '10/03/1995',
        'B819',
        ORG,
        'Servizi al personale',
        '01/11/2026',
        'TD',
        '12345678',
        '0722',
        'F',
      ],
    ],
    ';',
  );
}

function start(): Product {
  const p = Product.start();
  p.appendRows('organisations', [
    { name: ORG, taxCode: '90000000001', legalName: ORG, sectors: 'Servizi al personale\nDirezione' },
  ]);
  return p;
}

describe('staff import', () => {
  test('the preview changes nothing; apply writes the good row into Anna’s row only, at once', () => {
    const p = start();
    const before = p.values(SHEETS.employees.name);
    const preview = p.bundle.run(OWNER, 'importStaffCsv', csv(), false) as StaffImportResult;
    expect(preview.applied).toBe(0);
    expect(p.values(SHEETS.employees.name)).toEqual(before);
    expect(preview.preview.changes.map((c) => [c.email, c.kind])).toEqual([
      [ANNA, 'added'],
      ['nuova.assunta@terredargine.example', 'added'],
    ]);
    expect(preview.preview.rejected).toEqual([
      { line: 3, email: LUCA, reasons: [expect.stringMatching(/carattere di controllo/)] },
    ]);
    expect(preview.notInRegister).toEqual(['nuova.assunta@terredargine.example']);

    p.ws.resetCounts();
    const applied = p.bundle.run(OWNER, 'importStaffCsv', csv(), true) as StaffImportResult;
    expect(applied.applied).toBe(1);
    expect(p.ws.callCount('Sheets', 'Spreadsheets.batchUpdate')).toBe(1);
    const after = p.values(SHEETS.employees.name);
    const header = after[0].map(String);
    const annaRow = after.find((r) => r[header.indexOf('Email')] === ANNA) as unknown[];
    expect(annaRow[header.indexOf('Codice fiscale')]).toBe(cf('Rossi', 'Anna', '1985-08-01', 'F'));
    expect(annaRow[header.indexOf('Tipo rapporto')]).toBe('TI');
    // Luca's and Mario's rows as they were; no row added.
    expect(after).toHaveLength(before.length);
    for (const who of [LUCA, MANAGER])
      expect(after.find((r) => r[header.indexOf('Email')] === who)).toEqual(
        before.find((r) => r[header.indexOf('Email')] === who),
      );
    // Anna's record now fills her Ministry notice; the register check is clean.
    const exported = p.bundle.run(OWNER, 'exportMinistryNotices') as MinistryExport;
    expect(exported.incomplete.map((x) => x.employee)).not.toContain(ANNA);
    p.bundle.run(OWNER, 'checkRegister');
    expect(p.problems()).toEqual([]);
    // The same file again: nothing to change for Anna.
    const again = p.bundle.run(OWNER, 'importStaffCsv', csv(), false) as StaffImportResult;
    expect(again.preview.unchanged).toBe(1);
  });

  test('a file without its columns reads nothing and writes nothing; only the owner imports', () => {
    const p = start();
    const result = p.bundle.run(OWNER, 'importStaffCsv', 'Email;Nome\nx@y.it;X\n', true) as StaffImportResult;
    expect(result.preview.fileError).toMatch(/^Mancano le colonne/);
    expect(result.applied).toBe(0);
    expect(() => p.bundle.run(MANAGER, 'importStaffCsv', csv(), true)).toThrow();
  });
});

describe('staff import from HR’s card', () => {
  const act = (p: Product, azione: string) =>
    actionResponseJson(
      p.bundle.runAddOn(OWNER, 'onCardAction', addOnEvent({ host: 'SHEETS', parameters: { azione } })),
    );
  const texts = (r: ActionResponseJson | null) => JSON.stringify(r?.renderActions.action.navigations ?? []);

  test('without «personale.csv» in Agorà’s folder the card says where to put it; with it, preview then apply', () => {
    const p = start();
    expect(texts(act(p, 'admin-import'))).toContain(
      'Carica nella cartella «Agorà» il file «personale.csv» esportato dal sistema delle paghe, poi riprova.',
    );
    // HR uploads the payroll export into Agorà's folder.
    const rootId = p.property(PROPERTY.driveRootId) as string;
    p.asOwner(() => p.globals.DriveApp.getFolderById(rootId).createFile('personale.csv', csv(), 'text/csv'));
    const before = p.values(SHEETS.employees.name);
    const preview = texts(act(p, 'admin-import'));
    expect(preview).toContain('<b>1 scheda da aggiornare</b>');
    expect(preview).toContain('0 invariate, 1 riga scartata.');
    expect(preview).toContain('1 persona non è tra i dipendenti');
    expect(preview).toContain(`Riga 3 — ${LUCA}`);
    expect(preview).toContain('Applica 1 modifica');
    expect(p.values(SHEETS.employees.name)).toEqual(before);
    const applied = act(p, 'admin-import-apply');
    expect(applied?.renderActions.action.notification?.text).toBe(
      '1 scheda aggiornata in un’unica scrittura.',
    );
    const after = p.values(SHEETS.employees.name);
    const header = after[0].map(String);
    expect(after.find((r) => r[header.indexOf('Email')] === ANNA)?.[header.indexOf('Tipo rapporto')]).toBe(
      'TI',
    );
  });

  test('only HR administrators import from the card', () => {
    const p = start();
    const r = p.bundle.runAddOn(
      MANAGER,
      'onCardAction',
      addOnEvent({ host: 'SHEETS', parameters: { azione: 'admin-import-apply' } }),
    );
    expect(JSON.stringify(actionResponseJson(r))).toContain('Solo il servizio personale può farlo.');
  });
});
