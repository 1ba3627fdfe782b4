// The batch of Ministry notices through the bundle: the owner's export writes the Sheet and the
// CSV in Agorà's folder, one row per signed agreement, naming what each row still lacks.
import { parseCsv } from '../../src/domain/csv';
import { NOTICE_COLUMNS } from '../../src/domain/ministry';
import { taxCodeOf } from '../../src/domain/tax-code';
import type { IsoDate } from '../../src/domain/dates';
import { MINISTRY_CSV_NAME, MINISTRY_EXPORT_NAME, type MinistryExport } from '../../src/gas/ministry-export';
import { PROPERTY } from '../../src/gas/properties';
import { SHEETS } from '../../src/gas/schema';
import { ANNA, LUCA, MANAGER, OWNER, Product, bundlePath } from '../helpers/product';

beforeAll(() => {
  bundlePath();
});

/** HR fills a person's staff record in Dipendenti (by header). */
function fillStaff(p: Product, email: string, cells: Record<string, string | Date>): void {
  p.asOwner(() => {
    const sheet = p.spreadsheet().getSheetByName(SHEETS.employees.name);
    if (!sheet) throw new Error('no Dipendenti');
    const values = sheet.getDataRange().getValues();
    const header = values[0].map(String);
    const row = values.findIndex((r) => String(r[header.indexOf('Email')]).toLowerCase() === email);
    for (const [h, v] of Object.entries(cells)) sheet.getRange(row + 1, header.indexOf(h) + 1).setValue(v);
  });
}

const ANNA_CF = taxCodeOf({
  surname: 'Rossi',
  firstName: 'Anna',
  birthDate: '1985-08-01' as IsoDate,
  gender: 'F',
  birthPlace: 'B819',
});

function exported(): { p: Product; result: MinistryExport } {
  const p = Product.start();
  p.appendRows('organisations', [
    {
      name: "Unione Terre d'Argine",
      taxCode: '90000000001',
      legalName: "Unione delle Terre d'Argine",
      sectors: '',
    },
  ]);
  fillStaff(p, ANNA, {
    Cognome: 'Rossi',
    Nome: 'Anna',
    'Codice fiscale': ANNA_CF,
    'Data di nascita': new Date(Date.UTC(1985, 7, 1, 10)),
    'Comune di nascita (codice)': 'B819',
    'Data di assunzione': new Date(Date.UTC(2010, 3, 1, 10)),
    'Tipo rapporto': 'TI',
    'PAT INAIL': '12345678',
    'Voce di tariffa INAIL': '0722',
  });
  const result = p.bundle.run(OWNER, 'exportMinistryNotices') as MinistryExport;
  return { p, result };
}

describe('the Ministry export', () => {
  test('one start notice per signed agreement; a complete record gives a complete row; the others say what they lack', () => {
    const { result } = exported();
    expect(result.rows[0]).toEqual(NOTICE_COLUMNS.map(([, h]) => h));
    expect(result.rows).toHaveLength(4); // Anna, Luca, Mario
    const anna = result.rows.find((r) => r[2] === ANNA_CF);
    expect(anna).toEqual([
      '90000000001',
      "Unione delle Terre d'Argine",
      ANNA_CF,
      '01/08/1985',
      'Rossi',
      'Anna',
      'B819',
      '01/04/2010',
      'TI',
      '12345678',
      '0722',
      '16/12/2025',
      'TD',
      '01/01/2026',
      '31/12/2026',
      'I',
      '',
    ]);
    expect(result.incomplete.map((x) => x.employee).sort()).toEqual([LUCA, MANAGER].sort());
    expect(result.incomplete[0].missing).toEqual(
      expect.arrayContaining(['Codice fiscale lavoratore', 'Cognome', 'Posizione INAIL (PAT)']),
    );
  });

  test('the Sheet and the CSV are in Agorà’s folder, the owner’s, HR can view; exporting again replaces the CSV', () => {
    const { p, result } = exported();
    const root = p.property(PROPERTY.driveRootId);
    const item = (id: string) => p.state.drive.items[id];
    expect(item(result.spreadsheetId)?.parents).toEqual([root]);
    expect(p.state.spreadsheet.files[result.spreadsheetId]?.name).toBe(MINISTRY_EXPORT_NAME);
    expect(p.testing.files.owner(result.spreadsheetId)).toBe(OWNER);
    expect(item(result.csvFileId)?.parents).toEqual([root]);
    const csv = parseCsv(item(result.csvFileId)?.content ?? '');
    expect(csv.ok && csv.rows.map((r) => r.fields)).toEqual(result.rows);
    // The Sheet holds the same rows, as text (tax codes and dates as the Ministry reads them).
    expect(
      p.testing.sheets.sheetValues(
        result.spreadsheetId,
        p.state.spreadsheet.files[result.spreadsheetId].sheets[0].name,
      ),
    ).toEqual(result.rows);

    const again = p.bundle.run(OWNER, 'exportMinistryNotices') as MinistryExport;
    expect(again.spreadsheetId).toBe(result.spreadsheetId);
    const live = Object.values(p.state.drive.items).filter((i) => i.name === MINISTRY_CSV_NAME && !i.trashed);
    expect(live.map((i) => i.id)).toEqual([again.csvFileId]);
  });

  test('only the owner runs it', () => {
    const { p } = exported();
    for (const user of [MANAGER, ANNA]) expect(() => p.bundle.run(user, 'exportMinistryNotices')).toThrow();
  });
});

describe('the notices HR sends', () => {
  test('each notice is a row of Comunicazioni once; a receipt HR records takes it out of the batch and of the reminders', () => {
    const { p } = exported();
    const rows = () => p.values(SHEETS.notices.name).slice(1);
    expect(rows().map((r) => [r[1], r[2]])).toEqual([
      [ANNA, 'inizio periodo'],
      [LUCA, 'inizio periodo'],
      [MANAGER, 'inizio periodo'],
    ]);
    // HR sends Anna's and records the Ministry's code.
    const annaRow = rows().findIndex((r) => r[1] === ANNA) + 2;
    p.userEdit(OWNER, SHEETS.notices.name, `F${annaRow}`, 'MLPS-2026-0001');
    const again = p.bundle.run(OWNER, 'exportMinistryNotices') as MinistryExport;
    expect(again.rows.slice(1).map((r) => r[2])).not.toContain(ANNA_CF);
    expect(again.rows).toHaveLength(3); // header, Luca, Mario
    expect(rows()).toHaveLength(3); // nothing added twice
    // HR's daily mail reminds of the two still to send (late: due 6 January).
    p.runTimersUntil('2026-11-02T08:10');
    const [mail] = p.mails(OWNER).filter((m) => m.subject.startsWith('Registro di Agorà'));
    const block = mail.body.split('\n\n').find((b) => b.startsWith('Comunicazioni al Ministero')) ?? '';
    expect(block.trimEnd().split('\n').slice(1)).toEqual([
      `• ${LUCA}: inizio periodo dal gio 1 gen 2026, entro mar 6 gen 2026`,
      `• ${MANAGER}: inizio periodo dal gio 1 gen 2026, entro mar 6 gen 2026`,
    ]);
  });

  test('HR extends an agreement whose start was sent: a change notice with the new period, naming the start', () => {
    const { p } = exported();
    const rows = () => p.values(SHEETS.notices.name).slice(1);
    const annaRow = rows().findIndex((r) => r[1] === ANNA) + 2;
    p.userEdit(OWNER, SHEETS.notices.name, `F${annaRow}`, 'MLPS-2026-0001');
    expect(rows()[annaRow - 2][7]).toBe('2026-01-01–2026-12-31');
    // HR extends Anna's agreement to the end of June 2027.
    const accordi = p.values(SHEETS.agreements.name);
    const r = accordi.findIndex((row) => row[0] === ANNA) + 1;
    p.userEdit(OWNER, SHEETS.agreements.name, `C${r}`, new Date(Date.UTC(2027, 5, 30, 10)));
    p.at('2026-11-03T09:00');
    const result = p.bundle.run(OWNER, 'exportMinistryNotices') as MinistryExport;
    const change = result.rows.find((row) => row[2] === ANNA_CF);
    // Type of communication «M», the new end, the start's code as the one changed.
    expect(change?.slice(13)).toEqual(['01/01/2026', '30/06/2027', 'M', 'MLPS-2026-0001']);
    expect(
      rows()
        .map((row) => [row[1], row[2], row[7]])
        .filter((x) => x[0] === ANNA),
    ).toEqual([
      [ANNA, 'inizio periodo', '2026-01-01–2026-12-31'],
      [ANNA, 'modifica', '2026-01-01–2027-06-30'],
    ]);
    // Exported again the next day: the same change, once.
    p.at('2026-11-04T09:00');
    p.bundle.run(OWNER, 'exportMinistryNotices');
    expect(rows().filter((row) => row[1] === ANNA)).toHaveLength(2);
  });
});
