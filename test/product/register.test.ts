// The register through the bundle, as HR keeps it by hand: columns found by header (HR reorders
// them and adds their own, which Agorà never touches), broken rows listed in Problemi with sheet,
// row and reason while every other row keeps working.
import type { DayRecord } from '../../src/app/ports';
import { SEVERITY_LABELS } from '../../src/domain/labels';
import { POLICY_LABELS } from '../../src/domain/policy';
import { cellToDate, type Cell } from '../../src/gas/cells';
import { CONFIG_PARAMETERS } from '../../src/gas/rows';
import { SHEETS } from '../../src/gas/schema';
import {
  ANNA,
  DIRECTOR,
  LUCA,
  MANAGER,
  OWNER,
  Product,
  agreement,
  bundlePath,
  cellOf,
  configRowOf,
  deleteColumns,
  employee,
  rearrangeColumns,
  SOLIERA,
  typeRow,
} from '../helpers/product';

beforeAll(() => {
  bundlePath();
});

const EMPLOYEES = SHEETS.employees.name;
const AGREEMENTS = SHEETS.agreements.name;
const DAYS = SHEETS.days.name;
const AUDIT = SHEETS.audit.name;
const CONFIG = SHEETS.config.name;

/** The rules broken by a day, as `RULE:severity`, sorted. */
const rules = (d: { violations: { rule: string; severity: string }[] }) =>
  d.violations.map((v) => `${v.rule}:${v.severity}`).sort();

function columnValues(p: Product, sheet: string, header: string): unknown[] {
  const i = p.column(sheet, header);
  return p.values(sheet).map((r) => r[i]);
}

describe('HR reorders the columns and adds their own', () => {
  function hrRegister(): Product {
    const employees = [
      employee(ANNA, 'Anna Rossi', MANAGER),
      employee(LUCA, 'Luca Bianchi', MANAGER, {
        eligibility: 'conditional',
        workingDays: ['Mon', 'Tue', 'Wed'],
      }),
      employee(MANAGER, 'Mario Ferrari', DIRECTOR),
    ];
    return Product.start({
      seed: {
        admins: [OWNER],
        employees,
        agreements: [
          agreement(ANNA, { from: '2026-11-10' as never }),
          agreement(LUCA, { equipment: 'own' }),
          agreement(MANAGER),
        ],
        sites: [],
      },
    });
  }

  test('the product reads them by header: a submission evaluates as with the usual layout', () => {
    const p = hrRegister();
    const employeeHeaders = SHEETS.employees.columns.map((c) => c.header);
    rearrangeColumns(p, EMPLOYEES, [
      'Note HR',
      ...[...employeeHeaders].reverse().slice(0, 4),
      'Matricola',
      ...[...employeeHeaders].reverse().slice(4),
    ]);
    const agreementHeaders = SHEETS.agreements.columns.map((c) => c.header);
    rearrangeColumns(p, AGREEMENTS, [
      agreementHeaders[5],
      agreementHeaders[2],
      'Protocollo',
      agreementHeaders[0],
      agreementHeaders[7],
      agreementHeaders[1],
      agreementHeaders[6],
      agreementHeaders[4],
      agreementHeaders[3],
      ...agreementHeaders.slice(8).reverse(), // the withdrawal's columns
    ]);
    typeRow(p, OWNER, EMPLOYEES, 2, { 'Note HR': '=part-time dal 2027', Matricola: '00123' });
    typeRow(p, OWNER, EMPLOYEES, 3, { 'Note HR': 'referente sicurezza', Matricola: '00456' });
    typeRow(p, OWNER, AGREEMENTS, 2, { Protocollo: 'prot. 2025/1187' });
    typeRow(p, OWNER, AGREEMENTS, 3, { Protocollo: 'prot. 2025/1190' });
    expect(p.values(EMPLOYEES)[0][0]).toBe('Note HR');
    // Nothing for setup to repair: the columns it needs are all there, formats moved with them.
    expect(p.setup().changes).toEqual([]);
    expect(p.problems()).toEqual([]);

    // Anna's agreement starts on 10 November (read from the moved «Dal» column).
    p.submit(ANNA, ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12']);
    expect(p.days().map((d) => [d.date, d.status, rules(d)])).toEqual([
      ['2026-11-09', 'refused', ['AGREEMENT:block']],
      ['2026-11-10', 'pending', []],
      ['2026-11-11', 'pending', []],
      ['2026-11-12', 'refused', ['WEEKLY_CAP:block']],
    ]);
    // Luca: conditional eligibility, his own equipment, he works Monday to Wednesday.
    p.submit(LUCA, ['2026-11-11', '2026-11-12']);
    expect(
      p
        .days()
        .filter((d) => d.employee === LUCA)
        .map((d) => [d.date, d.status, rules(d)]),
    ).toEqual([
      // Anna (same sector, 2 people) is pending that day too: half the team away.
      ['2026-11-11', 'pending', ['ELIGIBILITY:warn', 'OWN_EQUIPMENT:warn', 'TEAM_COVERAGE:warn']],
      ['2026-11-12', 'refused', ['ELIGIBILITY:warn', 'OWN_EQUIPMENT:warn', 'WORKING_DAY:block']],
    ]);
  });

  test("HR's own columns are untouched by decisions, cancellations and the calendar job", () => {
    const p = hrRegister();
    rearrangeColumns(p, EMPLOYEES, ['Note HR', ...SHEETS.employees.columns.map((c) => c.header)]);
    rearrangeColumns(p, AGREEMENTS, [...SHEETS.agreements.columns.map((c) => c.header), 'Protocollo']);
    typeRow(p, OWNER, EMPLOYEES, 2, { 'Note HR': '+ da richiamare' });
    typeRow(p, OWNER, AGREEMENTS, 2, { Protocollo: 'prot. 2025/1187' });
    p.submit(ANNA, ['2026-11-10', '2026-11-11']);
    p.submit(LUCA, ['2026-11-09', '2026-11-10']);
    // HR adds a column of their own to Giornate too, inside the columns Agorà updates.
    const dayHeaders = SHEETS.days.columns.map((c) => c.header);
    const status = dayHeaders.indexOf('Stato');
    rearrangeColumns(p, DAYS, [
      ...dayHeaders.slice(0, status + 1),
      'Verifica HR',
      ...dayHeaders.slice(status + 1),
    ]);
    p.userEdit(OWNER, DAYS, cellOf(p, DAYS, 2, 'Verifica HR'), 'controllata');
    p.userEdit(OWNER, DAYS, cellOf(p, DAYS, 4, 'Verifica HR'), 'da verificare');
    const employeesBefore = p.values(EMPLOYEES);
    const agreementsBefore = p.values(AGREEMENTS);
    const hrColumnBefore = columnValues(p, DAYS, 'Verifica HR');

    const results = p.decide(MANAGER, [
      { employee: ANNA, date: '2026-11-10', decision: 'approve' },
      { employee: ANNA, date: '2026-11-11', decision: 'reject', reason: 'riunione in presenza' },
      { employee: LUCA, date: '2026-11-09', decision: 'approve' },
      { employee: LUCA, date: '2026-11-10', decision: 'approve' },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true]);
    expect(p.cancel(LUCA, { employee: LUCA, date: '2026-11-10' }).ok).toBe(true);
    p.ws.advance(10 * 60_000);
    p.runTimers();

    expect(p.days().map((d) => [d.employee, d.date, d.status])).toEqual([
      [ANNA, '2026-11-10', 'approved'],
      [ANNA, '2026-11-11', 'rejected'],
      [LUCA, '2026-11-09', 'approved'],
      [LUCA, '2026-11-10', 'cancelled'],
    ]);
    expect(
      p
        .events()
        .map((e) => e.date)
        .sort(),
    ).toEqual(['2026-11-09', '2026-11-10']);
    expect(p.values(EMPLOYEES)).toEqual(employeesBefore);
    expect(p.values(AGREEMENTS)).toEqual(agreementsBefore);
    expect(columnValues(p, DAYS, 'Verifica HR')).toEqual(hrColumnBefore);
    expect(hrColumnBefore).toEqual(['Verifica HR', 'controllata', '', 'da verificare', '']);
    // The setup that follows finds no hand edit in HR's column, and nothing to repair.
    expect(p.setup().changes).toEqual([]);
    expect(p.problems()).toEqual([]);
  });
});

test("a formula in HR's own column of Giornate survives a decision on its row", () => {
  const p = Product.start();
  p.submit(ANNA, ['2026-11-10']);
  p.submit(LUCA, ['2026-11-11']);
  const dayHeaders = SHEETS.days.columns.map((c) => c.header);
  const status = dayHeaders.indexOf('Stato');
  rearrangeColumns(p, DAYS, [
    ...dayHeaders.slice(0, status + 1),
    'Verifica HR',
    ...dayHeaders.slice(status + 1),
  ]);
  const cell = cellOf(p, DAYS, 2, 'Verifica HR');
  p.userEdit(OWNER, DAYS, cell, '="da verificare"');
  const formulaAt = () => p.asOwner(() => p.spreadsheet().getSheetByName(DAYS)?.getRange(cell).getFormula());
  expect(formulaAt()).toBe('="da verificare"');
  expect(p.approve(MANAGER, [{ employee: ANNA, date: '2026-11-10' }])[0].ok).toBe(true);
  expect(p.day(ANNA, '2026-11-10').status).toBe('approved');
  // Agorà rewrites the span of the columns it updates: HR's formula must not become a value.
  expect(formulaAt()).toBe('="da verificare"');
});

test('the register grows past the rows its sheets have (a new sheet has 1000; here HR deleted the empty ones)', () => {
  const p = Product.start();
  // Sheets refuses a range outside the sheet: writing row 1001 of a 1000-row sheet throws.
  // HR tidied Giornate by deleting the empty rows below row 40 (a new sheet has 1000 rows,
  // filled after some 1000 requested days: a few weeks for the Unione's 470 people).
  p.sheetData(DAYS).maxRows = 40;
  const dates = Array.from({ length: 20 }, (_, i) => `2026-11-${String(i + 9).padStart(2, '0')}`);
  const runs = [p.submit(ANNA, dates), p.submit(LUCA, dates)];
  expect(runs.flatMap((r) => r.executions.map((e) => [e.status, e.error]))).toEqual([
    ['completed', ''],
    ['completed', ''],
  ]);
  expect(p.days()).toHaveLength(40);
  expect(p.audit().filter((a) => a.action === 'submit')).toHaveLength(40);
});

describe('rows HR broke by hand', () => {
  test('are listed in Problemi (sheet, row, reason) after setup; the other rows keep working', () => {
    const p = Product.start();
    // Dipendenti has Anna, Luca, Mario on rows 2–4; Accordi their agreements on rows 2–4.
    const person = (email: string, name: string, manager: string) => ({
      Email: email,
      'Nome e cognome': name,
      Ente: "Unione Terre d'Argine",
      Settore: 'Servizi al personale',
      'Sede di lavoro': 'Carpi',
      Responsabile: manager,
    });
    typeRow(p, OWNER, EMPLOYEES, 5, person('giulia.verdi@', 'Giulia Verdi', MANAGER));
    typeRow(
      p,
      OWNER,
      EMPLOYEES,
      6,
      person('paolo.neri@terredargine.example', 'Paolo Neri', 'fantasma@terredargine.example'),
    );
    typeRow(p, OWNER, EMPLOYEES, 7, person('sara.gialli@terredargine.example', 'Sara Gialli', MANAGER));
    typeRow(p, OWNER, EMPLOYEES, 8, person('marco.blu@terredargine.example', 'Marco Blu', MANAGER));
    const signed = {
      'Firma dipendente': '15/12/2025',
      'Firma responsabile': '16/12/2025',
      'Informativa sicurezza': '15/12/2025',
    };
    typeRow(p, OWNER, AGREEMENTS, 5, {
      Dipendente: 'sara.gialli@terredargine.example',
      Dal: '31/02/2026',
      Al: '31/12/2026',
      'Fasce di contattabilità': '09:00-13:00',
      ...signed,
    });
    typeRow(p, OWNER, AGREEMENTS, 6, {
      Dipendente: 'marco.blu@terredargine.example',
      Dal: '01/01/2026',
      Al: '31/12/2026',
      'Fasce di contattabilità': '9-13',
      ...signed,
    });
    const config = SHEETS.config.name;
    const capRow = configRowOf(p, 'maxDaysPerWeek');
    p.userEdit(OWNER, config, cellOf(p, config, capRow, 'Valore'), '-3');

    p.setup();
    const problems = p.problems();
    expect(problems.map((x) => [x.sheet, x.row])).toEqual([
      [config, capRow],
      [EMPLOYEES, 5],
      [EMPLOYEES, 6],
      [AGREEMENTS, 5],
      [AGREEMENTS, 6],
    ]);
    expect(problems[0].reason).toMatch(/giorni massimi a settimana.*compreso tra 0 e 7 \(valore: -3\)/);
    expect(problems[1].reason).toMatch(/email valido: giulia\.verdi@/);
    expect(problems[2].reason).toMatch(/Responsabile sconosciuto: fantasma@terredargine\.example/);
    expect(problems[3].reason).toMatch(/«Dal» non contiene una data: «31\/02\/2026»/);
    expect(problems[4].reason).toMatch(/Fasce di contattabilità illeggibili: «9-13»/);

    // The other rows work, with the default cap in place of the broken one (2 a week).
    p.submit(ANNA, ['2026-11-09', '2026-11-10', '2026-11-11']);
    expect(p.days().map((d) => [d.date, d.status, rules(d)])).toEqual([
      ['2026-11-09', 'pending', []],
      ['2026-11-10', 'pending', []],
      ['2026-11-11', 'refused', ['WEEKLY_CAP:block']],
    ]);
    expect(p.approve(MANAGER, [{ employee: ANNA, date: '2026-11-09' }])[0].ok).toBe(true);
    // Sara's and Marco's agreements were skipped: they have none; Paolo is not an employee.
    p.submit('sara.gialli@terredargine.example', ['2026-11-12']);
    p.submit('marco.blu@terredargine.example', ['2026-11-12']);
    p.submit('paolo.neri@terredargine.example', ['2026-11-12']);
    const byName = (email: string) =>
      p
        .days()
        .filter((d) => d.employee === email)
        .map((d) => [d.status, rules(d)]);
    expect(byName('sara.gialli@terredargine.example')).toEqual([['refused', ['AGREEMENT:block']]]);
    expect(byName('marco.blu@terredargine.example')).toEqual([['refused', ['AGREEMENT:block']]]);
    expect(byName('paolo.neri@terredargine.example')).toEqual([]);
    expect(p.audit().find((a) => a.action === 'refuse-request')?.detail).toMatch(/^UNKNOWN_EMPLOYEE/);

    // HR fixes two rows: at the next setup only the others are listed.
    p.userEdit(OWNER, AGREEMENTS, cellOf(p, AGREEMENTS, 6, 'Fasce di contattabilità'), '09:00-13:00');
    p.userEdit(OWNER, config, cellOf(p, config, capRow, 'Valore'), '2');
    p.setup();
    expect(p.problems().map((x) => [x.sheet, x.row])).toEqual([
      [EMPLOYEES, 5],
      [EMPLOYEES, 6],
      [AGREEMENTS, 5],
    ]);
  });
});

// ---- a register made by the previous version --------------------------------------------------

/** What the previous version wrote in «Descrizione» of Configurazione (HR could write their own). */
const OLD_DESCRIPTIONS: Record<string, string> = {
  ...POLICY_LABELS,
  disconnectionFrom: 'inizio della disconnessione (HH:MM)',
  disconnectionTo: 'fine della disconnessione (HH:MM)',
  calendarSharing: 'chi vede il calendario «Smart working»: dominio (tutti, in sola lettura) o nessuna',
};

/** `values` written down a column (by header) from row 2, as the owner, through SpreadsheetApp. */
function writeColumn(p: Product, sheetName: string, header: string, values: Cell[], format?: string): void {
  if (!values.length) return;
  const column = p.column(sheetName, header) + 1;
  p.asOwner(() => {
    const sheet = p.spreadsheet().getSheetByName(sheetName);
    if (!sheet) throw new Error(`no sheet ${sheetName}`);
    if (format) sheet.getRange(2, column, sheet.getMaxRows() - 1, 1).setNumberFormat(format);
    sheet.getRange(2, column, values.length, 1).setValues(values.map((v) => [v]));
  });
}

/**
 * Turns the register into the one the previous version made of the same history: no code
 * columns; the codes in «Parametro» (with the old descriptions, where HR had not written their
 * own), in «Luogo» (`home`, the site id) and «Azione» (`submit`…); «Regole» with the rule ids;
 * the change log's «Data» as text in a text column.
 */
function toPreviousLayout(p: Product): void {
  const days = p.days();
  const audit = p.audit();
  const oldRules = (d: DayRecord) =>
    d.violations.map((v) => [v.rule, SEVERITY_LABELS[v.severity], v.message].join(' · ')).join('\n');
  const config = p.values(CONFIG).slice(1);
  const code = p.column(CONFIG, 'Codice');
  const description = p.column(CONFIG, 'Descrizione');
  const defaults = new Set(CONFIG_PARAMETERS.map((x) => x.description));

  deleteColumns(p, DAYS, ['Codice luogo', 'Codici regole']);
  writeColumn(
    p,
    DAYS,
    'Luogo',
    days.map((d) => d.location),
  );
  writeColumn(p, DAYS, 'Regole', days.map(oldRules));
  deleteColumns(p, AUDIT, ['Codice azione', 'Impronta giornata', 'Impronta']);
  // Nor did it have an outbox: mail waited in the script properties.
  p.asOwner(() => {
    const ss = p.spreadsheet();
    ss.deleteSheet(ss.getSheetByName(SHEETS.outbox.name) as GoogleAppsScript.Spreadsheet.Sheet);
  });
  writeColumn(
    p,
    AUDIT,
    'Azione',
    audit.map((e) => e.action),
  );
  writeColumn(
    p,
    AUDIT,
    'Data',
    audit.map((e) => e.date),
    '@',
  );
  deleteColumns(p, CONFIG, ['Codice']);
  writeColumn(
    p,
    CONFIG,
    'Parametro',
    config.map((r) => r[code]),
  );
  writeColumn(
    p,
    CONFIG,
    'Descrizione',
    config.map((r) =>
      defaults.has(String(r[description])) ? OLD_DESCRIPTIONS[String(r[code])] : r[description],
    ),
  );
}

describe('a register made by the previous version', () => {
  test('is read as it is; setup brings it to the new layout, losing nothing, once', () => {
    const p = Product.start();
    p.userEdit(OWNER, CONFIG, cellOf(p, CONFIG, configRowOf(p, 'maxDaysPerMonth'), 'Valore'), '10');
    p.userEdit(
      OWNER,
      CONFIG,
      cellOf(p, CONFIG, configRowOf(p, 'noticeDays'), 'Descrizione'),
      'deciso in giunta',
    );
    p.submit(ANNA, ['2026-11-09', '2026-11-10', '2026-11-11']);
    p.submit(LUCA, ['2026-11-10', '2026-11-12'], SOLIERA.id);
    expect(p.approve(MANAGER, [{ employee: ANNA, date: '2026-11-09' }])[0].ok).toBe(true);
    expect(
      p.decide(MANAGER, [{ employee: LUCA, date: '2026-11-12', decision: 'reject', reason: 'sportello' }])[0]
        .ok,
    ).toBe(true);
    expect(p.cancel(ANNA, { employee: ANNA, date: '2026-11-10' }).ok).toBe(true);
    p.ws.advance(10 * 60_000);
    p.runTimers();
    const before = p.register();
    const audit = p.audit();
    expect(before.problems).toEqual([]);
    expect(before.days.map((d) => [d.location, d.status, rules(d)])).toEqual([
      ['home', 'approved', []],
      ['home', 'cancelled', []],
      ['home', 'refused', ['WEEKLY_CAP:block']],
      ['soliera-municipio', 'pending', ['TEAM_COVERAGE:warn']],
      ['soliera-municipio', 'rejected', []],
    ]);
    expect(audit.map((e) => e.action)).toEqual([
      'submit',
      'submit',
      'submit',
      'submit',
      'submit',
      'approve',
      'reject',
      'cancel',
    ]);
    const made = { [CONFIG]: p.values(CONFIG), [DAYS]: p.values(DAYS), [AUDIT]: p.values(AUDIT) };
    // The register speaks Italian; the codes are in their own columns.
    expect(columnValues(p, DAYS, 'Luogo')).toEqual([
      'Luogo',
      'casa',
      'casa',
      'casa',
      'Municipio di Soliera',
      'Municipio di Soliera',
    ]);
    expect(columnValues(p, DAYS, 'Codice luogo')).toEqual([
      'Codice luogo',
      'home',
      'home',
      'home',
      SOLIERA.id,
      SOLIERA.id,
    ]);
    expect(columnValues(p, DAYS, 'Regole')[3]).toMatch(/^Limite settimanale · blocco · /);
    expect(columnValues(p, DAYS, 'Codici regole')[3]).toBe('WEEKLY_CAP');
    expect(columnValues(p, AUDIT, 'Azione').slice(5)).toEqual([
      'richiesta',
      'approvazione',
      'rifiuto',
      'annullamento',
    ]);
    expect(columnValues(p, AUDIT, 'Codice azione').slice(5)).toEqual([
      'submit',
      'approve',
      'reject',
      'cancel',
    ]);
    expect(columnValues(p, AUDIT, 'Da').slice(6)).toEqual(['in attesa', 'in attesa', 'in attesa']);
    expect(cellToDate(columnValues(p, AUDIT, 'Data')[1])).toBe('2026-11-09');
    expect(columnValues(p, AUDIT, 'Data')[1]).toBeInstanceOf(Date);
    expect(p.values(CONFIG)[configRowOf(p, 'maxDaysPerWeek') - 1]).toEqual([
      'giorni massimi a settimana',
      '2',
      expect.stringMatching(/^Quante giornate .* Predefinito: 2\.$/),
      'maxDaysPerWeek',
    ]);

    toPreviousLayout(p);
    expect(p.values(CONFIG)[0]).toEqual(['Parametro', 'Valore', 'Descrizione']);
    expect(p.values(CONFIG).slice(1, 3)).toEqual([
      ['maxDaysPerWeek', '2', 'giorni massimi a settimana'],
      ['maxDaysPerMonth', '10', 'giorni massimi al mese'],
    ]);
    expect(p.values(DAYS)[0]).toHaveLength(13);
    expect(columnValues(p, DAYS, 'Luogo')).toEqual(['Luogo', 'home', 'home', 'home', SOLIERA.id, SOLIERA.id]);
    expect(columnValues(p, DAYS, 'Regole')[3]).toMatch(/^WEEKLY_CAP · blocco · /);
    expect(columnValues(p, AUDIT, 'Azione')[6]).toBe('approve');
    expect(columnValues(p, AUDIT, 'Data')[1]).toBe('2026-11-09');

    // Read as it is: the same register.
    expect(p.register()).toEqual(before);
    expect(p.audit()).toEqual(audit);

    const report = p.setup();
    expect(report.changes).toEqual([
      'Aggiunte al foglio «Configurazione» le colonne: Codice.',
      'Aggiunte al foglio «Giornate» le colonne: Codice luogo, Codici regole.',
      'Aggiunte al foglio «Registro modifiche» le colonne: Codice azione, Impronta giornata, Impronta.',
      'Creato il foglio «Posta in uscita».',
      'Aggiornati in «Configurazione» nome, codice e descrizione di 12 parametri.', // all of them, emissionFactor too
      'Portate al nuovo formato 5 righe del foglio «Giornate».',
      'Portate al nuovo formato 8 righe del foglio «Registro modifiche».',
      'Calcolate le impronte di 8 righe del foglio «Registro modifiche»: da qui in poi ogni riga è concatenata alla precedente.',
      'Tolte le colonne vuote dei fogli: 15.000 celle in meno.', // the new «Posta in uscita»
      'Protetto il foglio «Posta in uscita».',
    ]);
    // Exactly what this version makes of the same history, HR's value and description kept; the
    // fingerprints of the lines before the upgrade are computed then, from the days as they are.
    const fingerprints = [p.column(AUDIT, 'Impronta giornata'), p.column(AUDIT, 'Impronta')];
    const unsealed = (name: string, values: Cell[][]) =>
      name === AUDIT ? values.map((row) => row.filter((_, c) => !fingerprints.includes(c))) : values;
    for (const [name, values] of Object.entries(made))
      expect([name, unsealed(name, p.values(name))]).toEqual([name, unsealed(name, values)]);
    expect(p.register()).toEqual(before);
    expect(p.audit()).toEqual(audit);
    expect(p.problems()).toEqual([]);
    expect(p.setup().changes).toEqual([]);

    // And it goes on working.
    expect(p.approve(MANAGER, [{ employee: LUCA, date: '2026-11-10' }])[0].ok).toBe(true);
    p.submit(ANNA, ['2026-11-12']);
    expect(p.days().map((d) => [d.date, d.location, d.status])).toContainEqual([
      '2026-11-12',
      'home',
      'pending',
    ]);
    expect(p.problems()).toEqual([]);
  });

  test('before setup runs, the product writes into it in Italian and reads it back; setup then fills the codes', () => {
    const p = Product.start();
    toPreviousLayout(p);
    p.submit(LUCA, ['2026-11-10'], SOLIERA.id);
    p.submit(ANNA, ['2026-11-09', '2026-11-10', '2026-11-11']);
    expect(p.approve(MANAGER, [{ employee: LUCA, date: '2026-11-10' }])[0].ok).toBe(true);
    const days = p.days();
    const audit = p.audit();
    expect(days.map((d) => [d.employee, d.location, d.status, rules(d)])).toEqual([
      [LUCA, SOLIERA.id, 'approved', []],
      [ANNA, 'home', 'pending', []],
      [ANNA, 'home', 'pending', ['TEAM_COVERAGE:warn']],
      [ANNA, 'home', 'refused', ['WEEKLY_CAP:block']],
    ]);
    expect(audit.map((e) => e.action)).toEqual(['submit', 'submit', 'submit', 'submit', 'approve']);
    expect(columnValues(p, DAYS, 'Luogo')).toEqual(['Luogo', 'Municipio di Soliera', 'casa', 'casa', 'casa']);
    expect(columnValues(p, AUDIT, 'Azione')).toEqual([
      'Azione',
      'richiesta',
      'richiesta',
      'richiesta',
      'richiesta',
      'approvazione',
    ]);

    p.setup();
    expect(columnValues(p, DAYS, 'Codice luogo')).toEqual([
      'Codice luogo',
      SOLIERA.id,
      'home',
      'home',
      'home',
    ]);
    expect(columnValues(p, DAYS, 'Codici regole')).toEqual([
      'Codici regole',
      '',
      '',
      'TEAM_COVERAGE',
      'WEEKLY_CAP',
    ]);
    expect(columnValues(p, AUDIT, 'Codice azione')).toEqual([
      'Codice azione',
      'submit',
      'submit',
      'submit',
      'submit',
      'approve',
    ]);
    expect(p.days()).toEqual(days);
    expect(p.audit()).toEqual(audit);
    expect(p.problems()).toEqual([]);
    expect(p.setup().changes).toEqual([]);
  });
});
