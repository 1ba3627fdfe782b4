// The register's row parsing (src/gas/rows.ts) on hand-written sheet values, without the
// emulation: every sheet's good rows, each kind of broken row with its Italian reason, columns
// reordered or added by HR, Italian values and the values the previous version wrote.
import type { AuditEntry, DayRecord } from '../../src/app/ports';
import type { IsoDate } from '../../src/domain/dates';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import type { Site } from '../../src/domain/model';
import { dateTimeToCell, dateToCell, type Cell } from '../../src/gas/cells';
import {
  ACTION_LABELS,
  agreementsFromRows,
  auditCells,
  auditFromRows,
  auditRow,
  blankRow,
  columnsOf,
  CONFIG_PARAMETERS,
  configRow,
  configRowCode,
  dayRow,
  daysFromRows,
  employeesFromRows,
  formatRuleCodes,
  formatViolations,
  formatWindows,
  holidaysFromRows,
  layOut,
  locationOf,
  parseViolations,
  parseWindows,
  peopleFromRows,
  placeName,
  placeNames,
  policyFromRows,
  RegisterError,
  settingsFromRows,
  sitesFromRows,
  snapshotFromSheets,
  upgradeAuditRow,
  upgradeConfigRow,
  upgradeDayRow,
  type SheetValues,
} from '../../src/gas/rows';
import { SHEETS, type SheetKey } from '../../src/gas/schema';

const D = (iso: string) => dateToCell(iso as IsoDate);
const headers = (key: SheetKey): string[] => SHEETS[key].columns.map((c): string => c.header);

/** A sheet's values from rows given by header (absent headers: empty cells). */
function sheet(header: readonly string[], rows: Record<string, Cell>[]): Cell[][] {
  for (const r of rows)
    for (const h of Object.keys(r)) if (!header.includes(h)) throw new Error(`no column ${h}`);
  return [[...header], ...rows.map((r) => header.map((h) => r[h] ?? ''))];
}

const SOLIERA: Site = {
  id: 'soliera-municipio',
  name: 'Municipio di Soliera',
  comune: 'Soliera',
  capacity: 4,
};
const NOVI: Site = {
  id: 'novi-biblioteca',
  name: 'Biblioteca di Novi',
  comune: 'Novi di Modena',
  capacity: 2,
};

// ---- columns ----------------------------------------------------------------------------------

describe('columns are found by header', () => {
  test('in any order, with HR’s own columns, whatever the case, accents and spacing', () => {
    const col = columnsOf('sites', ['Note HR', 'posti', '  NOME ', 'Comune', 'codice']);
    expect(col).toEqual({ id: 4, name: 2, comune: 3, capacity: 1 });
    expect(
      columnsOf('employees', [
        'Email',
        'Nome e cognome',
        'Ente',
        'Settore',
        'Sede di lavoro',
        'Responsabile',
        'ELEGGIBILITA',
      ]).eligibility,
    ).toBe(6);
  });

  test('an optional column may be missing (-1); a required one stops the register, in Italian', () => {
    expect(
      columnsOf(
        'days',
        headers('days').filter((h) => h !== 'Codice luogo'),
      ).locationCode,
    ).toBe(-1);
    expect(() => columnsOf('sites', ['Codice', 'Nome', 'Comune'])).toThrow(RegisterError);
    expect(() => columnsOf('sites', ['Codice', 'Nome', 'Comune'])).toThrow(
      'Nel foglio «Sedi» manca la colonna «Posti»: esegui Smart working ▸ Configura per ripararlo.',
    );
  });
});

// ---- Configurazione ---------------------------------------------------------------------------

describe('Configurazione', () => {
  const CONFIG = headers('config');
  const row = (code: string, value: Cell) => {
    const p = CONFIG_PARAMETERS.find((x) => x.code === code);
    return { Parametro: p?.name ?? code, Valore: value, Descrizione: p?.description ?? '', Codice: code };
  };

  test('the layout setup writes: Italian name, value, description, code', () => {
    expect(CONFIG).toEqual(['Parametro', 'Valore', 'Descrizione', 'Codice']);
    const values = sheet(
      CONFIG,
      CONFIG_PARAMETERS.map((p) => ({
        Parametro: p.name,
        Valore: p.value,
        Descrizione: p.description,
        Codice: p.code,
      })),
    );
    expect(policyFromRows(values)).toEqual({ policy: DEFAULT_POLICY, problems: [] });
    expect(settingsFromRows(values)).toEqual({ settings: { calendarSharing: 'dominio' }, problems: [] });
    // Every parameter: an Italian name, a description saying what it does and its default.
    expect(CONFIG_PARAMETERS.map((p) => p.code)).toEqual([
      'maxDaysPerWeek',
      'maxDaysPerMonth',
      'noticeDays',
      'maxDaysAhead',
      'safetyNoticeMaxDays',
      'maxContactMinutes',
      'maxTeamShare',
      'disconnectionFrom',
      'disconnectionTo',
      'digestEvery',
      'emissionFactor',
      'calendarSharing',
    ]);
    for (const p of CONFIG_PARAMETERS) {
      expect(p.name).not.toMatch(/^[a-z]+[A-Z]/); // words, not a camelCase code
      expect(p.description).toMatch(/Predefinito: [^.]+/);
      expect(p.description).toContain(`Predefinito: ${p.value}`);
    }
    expect(CONFIG_PARAMETERS.find((p) => p.code === 'maxTeamShare')?.value).toBe('0,5');
  });

  test('values as HR types them: numbers as text, a decimal comma, times, Italian words in any case', () => {
    const values = sheet(CONFIG, [
      row('maxDaysPerWeek', '3'),
      row('maxDaysPerMonth', 10),
      row('maxTeamShare', '0,4'),
      row('disconnectionFrom', '21:00'),
      row('disconnectionTo', '06:30'),
      row('digestEvery', 'Giorno'),
      row('emissionFactor', '0,142'),
      row('calendarSharing', 'Nessuna'),
    ]);
    const { policy, problems } = policyFromRows(values);
    expect(problems).toEqual([]);
    expect(policy).toEqual({
      ...DEFAULT_POLICY,
      maxDaysPerWeek: 3,
      maxDaysPerMonth: 10,
      maxTeamShare: 0.4,
      disconnection: { from: '21:00', to: '06:30' },
      digestEvery: 'giorno',
      emissionFactor: 0.142,
    });
    expect(settingsFromRows(values).settings).toEqual({ calendarSharing: 'nessuna' });
  });

  test('reordered columns and HR’s own: read by header', () => {
    const values = sheet(
      ['Note', 'Codice', 'Valore', 'Parametro', 'Descrizione'],
      [{ Note: 'deciso in giunta', ...row('maxDaysPerWeek', '1') }],
    );
    expect(policyFromRows(values).policy.maxDaysPerWeek).toBe(1);
  });

  test('a register made by the previous version: «Parametro» holds the code, no «Codice»', () => {
    const values = sheet(
      ['Parametro', 'Valore', 'Descrizione'],
      [
        { Parametro: 'maxDaysPerWeek', Valore: '1', Descrizione: 'giorni massimi a settimana' },
        { Parametro: 'disconnectionFrom', Valore: '19:30' },
        { Parametro: 'calendarSharing', Valore: 'nessuna' },
      ],
    );
    expect(policyFromRows(values)).toEqual({
      policy: { ...DEFAULT_POLICY, maxDaysPerWeek: 1, disconnection: { from: '19:30', to: '07:00' } },
      problems: [],
    });
    expect(settingsFromRows(values).settings).toEqual({ calendarSharing: 'nessuna' });
  });

  test('a row HR added by the Italian name only, without the code', () => {
    const values = sheet(CONFIG, [{ Parametro: 'Giorni massimi al mese', Valore: '6' }]);
    expect(policyFromRows(values).policy.maxDaysPerMonth).toBe(6);
  });

  test('broken rows: a problem each, in Italian, on their row; the default is used', () => {
    const values = sheet(CONFIG, [
      row('maxDaysPerWeek', '-3'),
      row('maxDaysPerMonth', 'otto'),
      row('maxTeamShare', '1,5'),
      row('disconnectionTo', '25:00'),
      row('digestEvery', 'settimana'),
      { Parametro: 'giorni di ferie', Valore: '3' },
      row('calendarSharing', 'pubblico'),
      { Parametro: '', Valore: '', Descrizione: 'una riga di appunti' },
    ]);
    const { policy, problems } = policyFromRows(values);
    expect(policy).toEqual(DEFAULT_POLICY);
    expect(problems).toEqual([
      {
        sheet: 'Configurazione',
        row: 2,
        reason: 'Il campo «giorni massimi a settimana» deve essere compreso tra 0 e 7 (valore: -3).',
      },
      {
        sheet: 'Configurazione',
        row: 3,
        reason: 'Il campo «giorni massimi al mese» deve essere un numero intero (valore: "otto").',
      },
      {
        sheet: 'Configurazione',
        row: 4,
        reason:
          'Il campo «quota massima del gruppo in lavoro agile» deve essere una quota maggiore di 0 e non superiore a 1 (valore: 1.5).',
      },
      {
        sheet: 'Configurazione',
        row: 5,
        reason:
          'Il campo «fascia di disconnessione» ha un orario non valido: "25:00" (formato HH:MM, da 00:00 a 23:59).',
      },
      {
        sheet: 'Configurazione',
        row: 6,
        reason:
          'Il campo «riepilogo ai responsabili (ora o giorno)» deve essere «ora» o «giorno» (valore: "settimana").',
      },
      { sheet: 'Configurazione', row: 7, reason: 'Parametro sconosciuto «giorni di ferie».' },
    ]);
    expect(settingsFromRows(values)).toEqual({
      settings: { calendarSharing: 'dominio' },
      problems: [
        {
          sheet: 'Configurazione',
          row: 8,
          reason:
            '«condivisione del calendario «Smart working»»: valore «pubblico» non valido (scegli tra dominio, nessuna).',
        },
      ],
    });
  });

  test('a missing sheet row is the default; an empty sheet is the default policy', () => {
    expect(policyFromRows([CONFIG])).toEqual({ policy: DEFAULT_POLICY, problems: [] });
    expect(settingsFromRows([CONFIG]).settings).toEqual({ calendarSharing: 'dominio' });
  });

  test('the upgrade of a previous version’s row: code filled, Italian name, current description', () => {
    const legacy = ['Parametro', 'Valore', 'Descrizione', 'Codice'];
    const col = columnsOf('config', legacy);
    const week = CONFIG_PARAMETERS[0];
    expect(upgradeConfigRow(col, ['maxDaysPerWeek', '2', 'giorni massimi a settimana', ''])).toEqual([
      week.name,
      '2',
      week.description,
      'maxDaysPerWeek',
    ]);
    const from = CONFIG_PARAMETERS.find((p) => p.code === 'disconnectionFrom');
    expect(
      upgradeConfigRow(col, ['disconnectionFrom', '20:00', 'inizio della disconnessione (HH:MM)', '']),
    ).toEqual(['inizio della disconnessione', '20:00', from?.description, 'disconnectionFrom']);
    // A description HR wrote stays; a name HR typed stays; the value is never touched.
    expect(upgradeConfigRow(col, ['maxDaysPerWeek', '1', 'deciso in giunta', ''])).toEqual([
      week.name,
      '1',
      'deciso in giunta',
      'maxDaysPerWeek',
    ]);
    expect(upgradeConfigRow(col, ['Giorni massimi a settimana', '1', '', ''])).toEqual([
      'Giorni massimi a settimana',
      '1',
      week.description,
      'maxDaysPerWeek',
    ]);
    // Nothing to do: a code already there, an unknown parameter, a layout without «Codice».
    expect(upgradeConfigRow(col, [week.name, '2', week.description, 'maxDaysPerWeek'])).toBeNull();
    expect(upgradeConfigRow(col, ['giorni di ferie', '3', '', ''])).toBeNull();
    expect(
      upgradeConfigRow(columnsOf('config', ['Parametro', 'Valore']), ['maxDaysPerWeek', '2']),
    ).toBeNull();
  });

  test('a new row for a parameter, along any header; the code of any row', () => {
    const header = ['Codice', 'Note', 'Parametro', 'Valore', 'Descrizione'];
    const col = columnsOf('config', header);
    const share = CONFIG_PARAMETERS.find((p) => p.code === 'maxTeamShare');
    if (!share) throw new Error('no maxTeamShare');
    const row = configRow(col, share, blankRow(header.length));
    expect(row).toEqual(['maxTeamShare', '', share.name, '0,5', share.description]);
    expect(configRowCode(col, row)).toBe('maxTeamShare');
    expect(configRowCode(col, ['', '', 'quota massima del gruppo in lavoro agile', '', ''])).toBe(
      'maxTeamShare',
    );
    expect(configRowCode(col, ['', '', 'giorni di ferie', '', ''])).toBe('giorni di ferie');
  });
});

// ---- Responsabili -----------------------------------------------------------------------------

describe('Responsabili', () => {
  const PEOPLE = headers('people');

  test('managers, HR (sì in any case) and delegations with dates as cells or typed', () => {
    const values = sheet(PEOPLE, [
      { Email: ' Mario.Ferrari@Ente.it ', Nome: 'Mario Ferrari', 'Servizio personale': 'no' },
      { Email: 'hr@ente.it', 'Servizio personale': 'Sì' },
      {
        Email: 'dirigente@ente.it',
        Delegato: 'vice@ente.it',
        'Delega dal': D('2026-11-01'),
        'Delega al': '15/11/2026',
      },
      {},
    ]);
    expect(peopleFromRows(values)).toEqual({
      emails: ['mario.ferrari@ente.it', 'hr@ente.it', 'dirigente@ente.it'],
      admins: ['hr@ente.it'],
      delegations: [
        { manager: 'dirigente@ente.it', delegate: 'vice@ente.it', from: '2026-11-01', to: '2026-11-15' },
      ],
      problems: [],
    });
  });

  test('broken rows', () => {
    const values = sheet(PEOPLE, [
      { Email: 'mario.ferrari@' },
      { Email: 'a@ente.it', Delegato: 'vice' },
      { Email: 'b@ente.it', Delegato: 'vice@ente.it', 'Delega dal': D('2026-11-01') },
      {
        Email: 'c@ente.it',
        Delegato: 'vice@ente.it',
        'Delega dal': D('2026-11-10'),
        'Delega al': D('2026-11-01'),
      },
    ]);
    const { emails, delegations, problems } = peopleFromRows(values);
    // A person with a broken delegation is still a known person.
    expect(emails).toEqual(['a@ente.it', 'b@ente.it', 'c@ente.it']);
    expect(delegations).toEqual([]);
    expect(problems).toEqual([
      { sheet: 'Responsabili', row: 2, reason: 'Email non valida: «mario.ferrari@».' },
      { sheet: 'Responsabili', row: 3, reason: 'Email del delegato non valida: «vice».' },
      { sheet: 'Responsabili', row: 4, reason: 'La delega richiede le date «Delega dal» e «Delega al».' },
      { sheet: 'Responsabili', row: 5, reason: 'La delega termina prima di iniziare.' },
    ]);
  });
});

// ---- Dipendenti -------------------------------------------------------------------------------

describe('Dipendenti', () => {
  const EMPLOYEES = headers('employees');
  const anna = {
    Email: 'anna.rossi@ente.it',
    'Nome e cognome': 'Anna Rossi',
    Ente: "Unione Terre d'Argine",
    Settore: 'Servizi al personale',
    'Sede di lavoro': 'Carpi',
    Responsabile: 'mario.ferrari@ente.it',
  };
  const managers = new Set(['mario.ferrari@ente.it']);

  test('a good row with the defaults, and one with every column in Italian', () => {
    const values = sheet(EMPLOYEES, [
      anna,
      {
        ...anna,
        Email: 'luca.bianchi@ente.it',
        'Nome e cognome': 'Luca Bianchi',
        Eleggibilità: 'a condizione',
        'Giorni lavorativi': 'lun, mar; mercoledì',
        'Km casa-lavoro': '12,5',
        'Categoria prioritaria': 'caregiver',
        'Mostra sede nel mio calendario': 'Sì',
      },
    ]);
    const { employees, problems } = employeesFromRows(values, managers);
    expect(problems).toEqual([]);
    expect(employees).toEqual([
      {
        email: 'anna.rossi@ente.it',
        name: 'Anna Rossi',
        organisation: "Unione Terre d'Argine",
        sector: 'Servizi al personale',
        seat: 'Carpi',
        manager: 'mario.ferrari@ente.it',
        eligibility: 'eligible',
        workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
        commuteKm: null,
        priority: '',
        workingLocationOptIn: false,
      },
      {
        email: 'luca.bianchi@ente.it',
        name: 'Luca Bianchi',
        organisation: "Unione Terre d'Argine",
        sector: 'Servizi al personale',
        seat: 'Carpi',
        manager: 'mario.ferrari@ente.it',
        eligibility: 'conditional',
        workingDays: ['Mon', 'Tue', 'Wed'],
        commuteKm: 12.5,
        priority: 'caregiver',
        workingLocationOptIn: true,
      },
    ]);
  });

  test('the codes instead of the Italian words, columns reordered, HR’s own column', () => {
    const header = ['Matricola', ...[...EMPLOYEES].reverse()];
    const values = sheet(header, [
      {
        ...anna,
        Matricola: '00123',
        Eleggibilità: 'not-eligible',
        'Giorni lavorativi': 'Mon Thu',
        'Km casa-lavoro': 7,
      },
    ]);
    const { employees, problems } = employeesFromRows(values, managers);
    expect(problems).toEqual([]);
    expect(employees[0]).toMatchObject({
      eligibility: 'not-eligible',
      workingDays: ['Mon', 'Thu'],
      commuteKm: 7,
    });
  });

  test('a manager who is an employee needs no row in Responsabili', () => {
    const values = sheet(EMPLOYEES, [
      { ...anna, Responsabile: 'capo@ente.it' },
      { ...anna, Email: 'capo@ente.it', 'Nome e cognome': 'Capo', Responsabile: 'mario.ferrari@ente.it' },
    ]);
    expect(employeesFromRows(values, managers).problems).toEqual([]);
  });

  test('broken rows, each with its reason', () => {
    const values = sheet(EMPLOYEES, [
      anna,
      { ...anna, Email: 'giulia.verdi@' },
      { ...anna, Email: 'paolo.neri@ente.it', Responsabile: 'fantasma@ente.it' },
      { ...anna, 'Nome e cognome': 'Anna Rossi (di nuovo)' },
      { ...anna, Email: 'sara@ente.it', 'Giorni lavorativi': 'lun festivi' },
      { ...anna, Email: 'marco@ente.it', Eleggibilità: 'forse' },
      { ...anna, Email: 'ugo@ente.it', 'Km casa-lavoro': 'tanti' },
      { ...anna, Email: 'ivo@ente.it', Settore: '' },
      { ...anna, Email: 'mario.ferrari@ente.it' },
    ]);
    const { employees, problems } = employeesFromRows(values, managers);
    expect(employees.map((e) => [e.email, e.name])).toEqual([['anna.rossi@ente.it', 'Anna Rossi']]);
    const reasons = problems.map((p) => [p.sheet, p.row, p.reason]);
    expect(reasons).toEqual([
      ['Dipendenti', 3, 'Il campo «email» non è un indirizzo email valido: giulia.verdi@.'],
      [
        'Dipendenti',
        4,
        'Responsabile sconosciuto: fantasma@ente.it non è né tra i dipendenti né nel foglio «Responsabili».',
      ],
      ['Dipendenti', 5, 'anna.rossi@ente.it compare più volte: vale la prima riga.'],
      [
        'Dipendenti',
        6,
        expect.stringMatching(/^I giorni lavorativi devono essere tra Mon, Tue.*\(valore: Mon, festivi\)\.$/),
      ],
      [
        'Dipendenti',
        7,
        expect.stringMatching(/^Il campo «eleggibilità» deve essere uno tra: .*\(valore: forse\)\.$/),
      ],
      ['Dipendenti', 8, 'La distanza casa–lavoro deve essere un numero di km non negativo (valore: NaN).'],
      ['Dipendenti', 9, 'Manca il campo «settore».'],
      ['Dipendenti', 10, 'Un dipendente non può essere il responsabile di sé stesso.'],
    ]);
  });
});

// ---- Accordi ----------------------------------------------------------------------------------

describe('Accordi', () => {
  const AGREEMENTS = headers('agreements');
  const employees = new Set(['anna.rossi@ente.it', 'luca.bianchi@ente.it']);
  const signed = {
    Dipendente: 'anna.rossi@ente.it',
    Dal: D('2026-01-01'),
    Al: D('2026-12-31'),
    'Firma dipendente': D('2025-12-15'),
    'Firma responsabile': '16/12/2025',
    'Fasce di contattabilità': '09:00-13:00; 14.30–16.30',
    'Informativa sicurezza': '2025-12-15',
  };

  test('a row proposed with Agorà (an «ID») counts for the rules only once both accepted', () => {
    const proposed = {
      Dipendente: 'anna.rossi@ente.it',
      Dal: D('2027-01-01'),
      'Fasce di contattabilità': '09:00-13:00',
      ID: 'ACC-1',
      'Inviato per accettazione il': '2026-12-02 09:00',
    };
    const values = sheet(AGREEMENTS, [
      { ...proposed, 'Accettazione del dipendente': 'anna.rossi@ente.it · 2026-12-03 11:15' },
      {
        ...proposed,
        Dipendente: 'luca.bianchi@ente.it',
        ID: 'ACC-2',
        'Accettazione del dipendente': 'luca.bianchi@ente.it · 2026-12-03 11:15',
        'Accettazione del responsabile': 'mario@ente.it · 2026-12-03 16:40',
        'Firma dipendente': D('2026-12-03'),
        'Firma responsabile': D('2026-12-03'),
      },
    ]);
    const { agreements, records } = agreementsFromRows(values, employees);
    expect(agreements.map((a) => a.employee)).toEqual(['luca.bianchi@ente.it']);
    expect(
      records.map((r) => [r.key, r.lifecycle, r.life.employeeAcceptance, r.life.managerAcceptance]),
    ).toEqual([
      ['ACC-1', true, { by: 'anna.rossi@ente.it', at: '2026-12-03 11:15' }, null],
      [
        'ACC-2',
        true,
        { by: 'luca.bianchi@ente.it', at: '2026-12-03 11:15' },
        { by: 'mario@ente.it', at: '2026-12-03 16:40' },
      ],
    ]);
  });

  test('good rows: dates as cells or typed, windows in any usual spelling, equipment in Italian or as code', () => {
    const values = sheet(AGREEMENTS, [
      { ...signed, Strumentazione: 'propria' },
      {
        ...signed,
        Dipendente: 'luca.bianchi@ente.it',
        Al: '',
        'Fasce di contattabilità': '9:00-12:00',
        Strumentazione: 'employer',
      },
    ]);
    const { records, ...read } = agreementsFromRows(values, employees);
    // Rows HR typed: keyed by person and start, accepted on their signature dates.
    expect(records.map((r) => [r.key, r.lifecycle, r.life.employeeAcceptance?.at, r.life.sentAt])).toEqual([
      ['anna.rossi@ente.it|2026-01-01', false, '2025-12-15', 'registro'],
      ['luca.bianchi@ente.it|2026-01-01', false, '2025-12-15', 'registro'],
    ]);
    expect(read).toEqual({
      agreements: [
        {
          employee: 'anna.rossi@ente.it',
          from: '2026-01-01',
          to: '2026-12-31',
          signedByEmployee: '2025-12-15',
          signedByManager: '2025-12-16',
          contactWindows: [
            { from: '09:00', to: '13:00' },
            { from: '14:30', to: '16:30' },
          ],
          equipment: 'own',
          safetyNoticeDate: '2025-12-15',
        },
        {
          employee: 'luca.bianchi@ente.it',
          from: '2026-01-01',
          to: null,
          signedByEmployee: '2025-12-15',
          signedByManager: '2025-12-16',
          contactWindows: [{ from: '09:00', to: '12:00' }],
          equipment: 'employer',
          safetyNoticeDate: '2025-12-15',
        },
      ],
      problems: [],
      withdrawals: [],
    });
  });

  test('reordered columns and HR’s own', () => {
    const header = ['Protocollo', ...[...AGREEMENTS].reverse()];
    const values = sheet(header, [{ ...signed, Protocollo: 'prot. 2025/1187' }]);
    expect(agreementsFromRows(values, employees).agreements[0].from).toBe('2026-01-01');
  });

  test('broken rows, each with its reason', () => {
    const values = sheet(AGREEMENTS, [
      { ...signed, Dal: '31/02/2026' },
      { ...signed, 'Fasce di contattabilità': '9-13' },
      { ...signed, Dipendente: 'fantasma@ente.it' },
      { ...signed, Dal: '' },
      { ...signed, Al: D('2025-06-30') },
      { ...signed, Strumentazione: 'a noleggio' },
      { ...signed, Dal: 'gennaio', 'Firma dipendente': 'ieri' },
    ]);
    const { agreements, problems } = agreementsFromRows(values, employees);
    expect(agreements).toEqual([]);
    expect(problems).toEqual([
      { sheet: 'Accordi', row: 2, reason: 'La colonna «Dal» non contiene una data: «31/02/2026».' },
      {
        sheet: 'Accordi',
        row: 3,
        reason: 'Fasce di contattabilità illeggibili: «9-13» (es. 09:00-13:00; 14:30-16:30).',
      },
      { sheet: 'Accordi', row: 4, reason: 'fantasma@ente.it non è tra i dipendenti.' },
      { sheet: 'Accordi', row: 5, reason: 'Manca il campo «inizio».' },
      {
        sheet: 'Accordi',
        row: 6,
        reason: "La fine dell'accordo (2025-06-30) precede l'inizio (2026-01-01).",
      },
      {
        sheet: 'Accordi',
        row: 7,
        reason: 'Il campo «strumentazione» deve essere uno tra: employer, own (valore: a noleggio).',
      },
      { sheet: 'Accordi', row: 8, reason: 'La colonna «Dal» non contiene una data: «gennaio».' },
      { sheet: 'Accordi', row: 8, reason: 'La colonna «Firma dipendente» non contiene una data: «ieri».' },
    ]);
  });
});

// ---- Sedi, Festività --------------------------------------------------------------------------

describe('Sedi', () => {
  test('good rows, reordered; broken ones with their reason', () => {
    const values = sheet(
      ['Posti', 'Nome', 'Note', 'Codice', 'Comune'],
      [
        {
          Codice: 'soliera-municipio',
          Nome: 'Municipio di Soliera',
          Comune: 'Soliera',
          Posti: 4,
          Note: 'piano 1',
        },
        { Codice: 'Novi Biblioteca', Nome: 'Biblioteca', Comune: 'Novi di Modena', Posti: 2 },
        { Codice: 'carpi-sala', Nome: 'Sala', Comune: 'Carpi', Posti: 'quattro' },
        { Codice: 'soliera-municipio', Nome: 'Doppione', Comune: 'Soliera', Posti: 1 },
        { Codice: 'home', Nome: 'Casa', Comune: 'Carpi', Posti: 1 },
      ],
    );
    const { sites, problems } = sitesFromRows(values);
    expect(sites).toEqual([SOLIERA]);
    expect(problems).toEqual([
      {
        sheet: 'Sedi',
        row: 3,
        reason:
          'Il codice della sede deve contenere solo lettere minuscole, cifre e trattini, e non può essere «home» (valore: Novi Biblioteca).',
      },
      {
        sheet: 'Sedi',
        row: 4,
        reason: 'La capienza della sede deve essere un numero intero non negativo (valore: quattro).',
      },
      { sheet: 'Sedi', row: 5, reason: 'Codice ripetuto: soliera-municipio.' },
      {
        sheet: 'Sedi',
        row: 6,
        reason:
          'Il codice della sede deve contenere solo lettere minuscole, cifre e trattini, e non può essere «home» (valore: home).',
      },
    ]);
  });
});

describe('Festività', () => {
  test('added and removed days, for a seat or all; broken rows with their reason', () => {
    const values = sheet(headers('holidays'), [
      { Data: D('2026-12-24'), Descrizione: 'Vigilia', Azione: 'aggiungi' },
      { Data: '20/05/2026', Sede: 'Carpi', Azione: 'Togli' },
      { Data: '2026-08-14' },
      { Data: 'Ferragosto', Azione: 'aggiungi' },
      { Data: D('2026-08-16'), Azione: 'sposta' },
    ]);
    expect(holidaysFromRows(values)).toEqual({
      holidays: [
        { date: '2026-12-24', name: 'Vigilia', seat: null, action: 'add' },
        { date: '2026-05-20', name: 'Festività', seat: 'Carpi', action: 'remove' },
        { date: '2026-08-14', name: 'Festività', seat: null, action: 'add' },
      ],
      problems: [
        { sheet: 'Festività', row: 5, reason: 'Data non valida: «Ferragosto».' },
        { sheet: 'Festività', row: 6, reason: 'Azione sconosciuta «sposta»: usa «aggiungi» o «togli».' },
      ],
    });
  });
});

// ---- Giornate ---------------------------------------------------------------------------------

const DAYS = headers('days');
const sites = [SOLIERA, NOVI];
const names = placeNames(sites);

function day(more: Partial<DayRecord> = {}): DayRecord {
  return {
    id: 'resp-1#1',
    requestId: 'resp-1',
    employee: 'anna.rossi@ente.it',
    date: '2026-11-10',
    location: 'home',
    note: '',
    status: 'pending',
    violations: [],
    submittedAt: '2026-11-02T08:00',
    decidedBy: '',
    decidedAt: '',
    reason: '',
    calendarEventId: '',
    ...more,
  };
}

const WEEKLY = {
  rule: 'WEEKLY_CAP',
  severity: 'block',
  message: 'Limite settimanale superato: 3 giorni su 2.',
} as const;
const COVERAGE = {
  rule: 'TEAM_COVERAGE',
  severity: 'warn',
  message: 'Metà del gruppo è in lavoro agile.',
} as const;

describe('Giornate', () => {
  test('the layout: Italian columns for people, the codes last', () => {
    expect(DAYS).toEqual([
      'ID',
      'Richiesta',
      'Dipendente',
      'Data',
      'Luogo',
      'Nota',
      'Stato',
      'Regole',
      'Richiesta il',
      'Ultima modifica di',
      'Ultima modifica il',
      'Motivazione',
      'Evento calendario',
      'Codice luogo',
      'Codici regole',
    ]);
  });

  test('a day’s row: «Luogo» and «Regole» in Italian, their codes beside, dates as date cells', () => {
    const d = day({
      location: SOLIERA.id,
      status: 'refused',
      violations: [WEEKLY, COVERAGE],
      note: '=SOMMA(1)',
      decidedBy: 'mario.ferrari@ente.it',
      decidedAt: '2026-11-03T09:15',
    });
    const row = dayRow(columnsOf('days', DAYS), d, names, blankRow(DAYS.length));
    const cell = (h: string) => row[DAYS.indexOf(h)];
    expect(cell('Luogo')).toBe('Municipio di Soliera');
    expect(cell('Codice luogo')).toBe('soliera-municipio');
    expect(cell('Regole')).toBe(
      'Limite settimanale · blocco · Limite settimanale superato: 3 giorni su 2.\n' +
        'Copertura del servizio · avviso · Metà del gruppo è in lavoro agile.',
    );
    expect(cell('Codici regole')).toBe('WEEKLY_CAP\nTEAM_COVERAGE');
    expect(cell('Stato')).toBe('respinta');
    expect(cell('Data')).toEqual(D('2026-11-10'));
    expect(cell('Richiesta il')).toEqual(dateTimeToCell('2026-11-02T08:00'));
    expect(cell('Ultima modifica il')).toEqual(dateTimeToCell('2026-11-03T09:15'));
    expect(Object.prototype.toString.call(cell('Richiesta il'))).toBe('[object Date]');
    expect(cell('Nota')).toBe("'=SOMMA(1)");
    // Read back (as Sheets gives it: without the apostrophe), it is the same day.
    row[DAYS.indexOf('Nota')] = '=SOMMA(1)';
    expect(daysFromRows([DAYS, row], sites).days).toEqual([d]);
    expect(placeName('home', names)).toBe('casa');
    expect(dayRow(columnsOf('days', DAYS), day(), names, blankRow(DAYS.length))[DAYS.indexOf('Luogo')]).toBe(
      'casa',
    );
  });

  test('a requested date that is not a date stays text, and reads back as typed', () => {
    const d = day({
      date: '12/11/2026',
      status: 'refused',
      violations: [{ rule: 'INVALID_DATE', severity: 'block', message: 'Data non valida.' }],
    });
    const row = dayRow(columnsOf('days', DAYS), d, names, blankRow(DAYS.length));
    expect(row[DAYS.indexOf('Data')]).toBe("'12/11/2026");
    row[DAYS.indexOf('Data')] = '12/11/2026';
    expect(daysFromRows([DAYS, row], sites).days).toEqual([d]);
  });

  test('HR’s own columns, anywhere: kept as they are by a rewrite; reordered columns read by header', () => {
    const header = ['Verifica HR', ...[...DAYS].reverse()];
    const col = columnsOf('days', header);
    const first = dayRow(col, day({ location: NOVI.id }), names, blankRow(header.length));
    first[0] = 'controllata';
    const decided = dayRow(
      col,
      day({
        location: NOVI.id,
        status: 'approved',
        decidedBy: 'mario.ferrari@ente.it',
        decidedAt: '2026-11-03T09:00',
      }),
      names,
      first,
    );
    expect(decided[0]).toBe('controllata');
    expect(decided[header.indexOf('Stato')]).toBe('approvata');
    expect(daysFromRows([header, decided], sites).days[0]).toMatchObject({
      status: 'approved',
      location: NOVI.id,
    });
  });

  test('a row made by the previous version: «Luogo» and «Regole» hold the codes, no code columns', () => {
    const legacy = DAYS.filter((h) => h !== 'Codice luogo' && h !== 'Codici regole');
    const values = sheet(legacy, [
      {
        ID: 'r1#1',
        Richiesta: 'r1',
        Dipendente: 'anna.rossi@ente.it',
        Data: D('2026-11-10'),
        Luogo: 'home',
        Stato: 'respinta',
        Regole: 'WEEKLY_CAP · blocco · Limite settimanale superato: 3 giorni su 2.',
        'Richiesta il': dateTimeToCell('2026-11-02T08:00'),
      },
      {
        ID: 'r1#2',
        Richiesta: 'r1',
        Dipendente: 'anna.rossi@ente.it',
        Data: D('2026-11-11'),
        Luogo: 'soliera-municipio',
        Stato: 'in attesa',
        Regole: 'TEAM_COVERAGE · avviso · Metà del gruppo è in lavoro agile.',
      },
      {
        ID: 'r1#3',
        Richiesta: 'r1',
        Dipendente: 'anna.rossi@ente.it',
        Data: D('2026-11-12'),
        Luogo: 'sede-chiusa',
        Stato: 'pending',
      },
    ]);
    const { days, problems } = daysFromRows(values, sites);
    expect(problems).toEqual([]);
    expect(days.map((d) => [d.id, d.location, d.status, d.violations])).toEqual([
      ['r1#1', 'home', 'refused', [WEEKLY]],
      ['r1#2', 'soliera-municipio', 'pending', [COVERAGE]],
      // A site no longer in Sedi: its code as written.
      ['r1#3', 'sede-chiusa', 'pending', []],
    ]);
  });

  test('rows written by this version into a register not yet upgraded: read by Italian name', () => {
    expect(locationOf('', 'casa', sites)).toBe('home');
    expect(locationOf('', 'Casa', sites)).toBe('home');
    expect(locationOf('', 'municipio di soliera', sites)).toBe('soliera-municipio');
    expect(locationOf('', 'Palestra', sites)).toBe('Palestra');
    // The code, when there, is what counts.
    expect(locationOf('novi-biblioteca', 'Municipio di Soliera', sites)).toBe('novi-biblioteca');
  });

  test('broken rows, each with its reason; the others are read', () => {
    const good = {
      Richiesta: 'r',
      Dipendente: 'anna.rossi@ente.it',
      Data: D('2026-11-10'),
      Luogo: 'casa',
      'Codice luogo': 'home',
      Stato: 'in attesa',
    };
    const values = sheet(DAYS, [
      { ...good, ID: 'r#1' },
      { ...good, ID: '' },
      { ...good, ID: 'r#1' },
      { ...good, ID: 'r#2', Stato: 'forse' },
      { ...good, ID: 'r#3', Dipendente: 'anna' },
      { ...good, ID: 'r#4', Data: '31/02/2026' },
      { ...good, ID: 'r#5', Data: '' },
      { ...good, ID: 'r#6', Stato: 'respinta', Data: '31/02/2026' },
      {},
      { ...good, ID: 'r#7' },
    ]);
    const { days, rowOf, problems } = daysFromRows(values, sites);
    expect(days.map((d) => [d.id, d.date])).toEqual([
      ['r#1', '2026-11-10'],
      ['r#6', '31/02/2026'],
      ['r#7', '2026-11-10'],
    ]);
    expect([...rowOf]).toEqual([
      ['r#1', 2],
      ['r#6', 9],
      ['r#7', 11],
    ]);
    expect(problems).toEqual([
      { sheet: 'Giornate', row: 3, reason: 'Manca l\u2019ID della giornata.' },
      { sheet: 'Giornate', row: 4, reason: 'ID ripetuto: r#1.' },
      { sheet: 'Giornate', row: 5, reason: 'Stato sconosciuto: «forse».' },
      { sheet: 'Giornate', row: 6, reason: 'Dipendente non valido: «anna».' },
      { sheet: 'Giornate', row: 7, reason: 'Data non valida: «31/02/2026».' },
      { sheet: 'Giornate', row: 8, reason: 'Data non valida: «».' },
    ]);
  });

  test('the upgrade of a previous version’s row: codes filled, «Luogo» and «Regole» in Italian', () => {
    const col = columnsOf('days', DAYS);
    const legacy = (cells: Record<string, Cell>) => sheet(DAYS, [cells])[1];
    const row = legacy({
      ID: 'r#1',
      Luogo: 'soliera-municipio',
      Stato: 'respinta',
      Regole:
        'WEEKLY_CAP · blocco · Limite settimanale superato: 3 giorni su 2.\nTEAM_COVERAGE · avviso · Metà del gruppo è in lavoro agile.',
    });
    const up = upgradeDayRow(col, row, sites);
    expect(up && Object.fromEntries(DAYS.map((h, i) => [h, up[i]]).filter(([, v]) => v !== ''))).toEqual({
      ID: 'r#1',
      Luogo: 'Municipio di Soliera',
      'Codice luogo': 'soliera-municipio',
      Stato: 'respinta',
      Regole: formatViolations([WEEKLY, COVERAGE]),
      'Codici regole': 'WEEKLY_CAP\nTEAM_COVERAGE',
    });
    // «home» → «casa»; a «Regole» with a line it cannot read is left as it is (nothing lost).
    const odd = upgradeDayRow(
      col,
      legacy({ ID: 'r#2', Luogo: 'home', Regole: 'WEEKLY_CAP · blocco · x\nscritto a mano' }),
      sites,
    );
    expect(odd?.[DAYS.indexOf('Luogo')]).toBe('casa');
    expect(odd?.[DAYS.indexOf('Codice luogo')]).toBe('home');
    expect(odd?.[DAYS.indexOf('Regole')]).toBe('WEEKLY_CAP · blocco · x\nscritto a mano');
    expect(odd?.[DAYS.indexOf('Codici regole')]).toBe('');
    // Already upgraded, or blank: nothing to do.
    expect(
      upgradeDayRow(col, dayRow(col, day({ violations: [WEEKLY] }), names, blankRow(DAYS.length)), sites),
    ).toBeNull();
    expect(upgradeDayRow(col, blankRow(DAYS.length), sites)).toBeNull();
    // The upgraded row reads as the legacy one did.
    expect(daysFromRows([DAYS, up as Cell[]], sites).days).toEqual(daysFromRows([DAYS, row], sites).days);
  });
});

describe('«Regole» and «Codici regole»', () => {
  test('format and parse back; the codes say which rule each line is', () => {
    expect(
      parseViolations(formatViolations([WEEKLY, COVERAGE]), formatRuleCodes([WEEKLY, COVERAGE])),
    ).toEqual([WEEKLY, COVERAGE]);
    // A renamed rule (its Italian name changed since) is still read by its code.
    expect(parseViolations('Tetto settimanale · blocco · m', 'WEEKLY_CAP')).toEqual([
      { rule: 'WEEKLY_CAP', severity: 'block', message: 'm' },
    ]);
    // Codes that do not match the lines are ignored: the names are read.
    expect(parseViolations('Limite mensile · blocco · m', 'WEEKLY_CAP\nMONTHLY_CAP')).toEqual([
      { rule: 'MONTHLY_CAP', severity: 'block', message: 'm' },
    ]);
    // The previous version's lines (rule ids); a message with the separator in it; junk skipped.
    expect(parseViolations('PREVALENCE · blocco · a · b\nboh\nWEEKLY_CAP · forte · m')).toEqual([
      { rule: 'PREVALENCE', severity: 'block', message: 'a · b' },
    ]);
    expect(parseViolations('')).toEqual([]);
    expect(formatViolations([])).toBe('');
  });
});

// ---- Registro modifiche -----------------------------------------------------------------------

describe('Registro modifiche', () => {
  const AUDIT = headers('audit');
  const entry = (more: Partial<AuditEntry> = {}): AuditEntry => ({
    at: '2026-11-02T08:00',
    by: 'anna.rossi@ente.it',
    action: 'submit',
    dayId: 'r#1',
    employee: 'anna.rossi@ente.it',
    date: '2026-11-10',
    from: '',
    to: 'pending',
    detail: '',
    ...more,
  });

  test('a line: «Azione» in Italian, its code last, «Data» a date cell, «Da»/«A» the Italian statuses', () => {
    expect(AUDIT).toEqual([
      'Quando',
      'Chi',
      'Azione',
      'ID giornata',
      'Dipendente',
      'Data',
      'Da',
      'A',
      'Dettaglio',
      'Codice azione',
      'Impronta giornata',
      'Impronta',
    ]);
    const e = entry({
      action: 'approve',
      by: 'mario.ferrari@ente.it',
      from: 'pending',
      to: 'approved',
      at: '2026-11-03T09:00',
    });
    const row = auditRow(columnsOf('audit', AUDIT), e, blankRow(AUDIT.length));
    expect(row).toEqual([
      dateTimeToCell('2026-11-03T09:00'),
      'mario.ferrari@ente.it',
      'approvazione',
      'r#1',
      'anna.rossi@ente.it',
      D('2026-11-10'),
      'in attesa',
      'approvata',
      '',
      'approve',
      '',
      '',
    ]);
    expect(auditFromRows([AUDIT, row])).toEqual([e]);
    expect(ACTION_LABELS).toEqual({
      submit: 'richiesta',
      'refuse-request': 'richiesta non registrata',
      approve: 'approvazione',
      reject: 'rifiuto',
      cancel: 'annullamento',
      preference: 'preferenza',
      carry: 'riporto',
      agreement: 'accordo',
    });
  });

  test('a refused request (no date), a date that is not one, a detail that looks like a formula', () => {
    const refused = entry({
      action: 'refuse-request',
      dayId: 'resp-9',
      date: '',
      to: '',
      detail: 'UNKNOWN_EMPLOYEE: sconosciuto',
    });
    const typed = entry({ date: '12/11/2026', to: 'refused', detail: '-1 giorno' });
    const cells = [auditCells(refused), auditCells(typed)];
    expect(cells.map((c) => [c.action, c.actionCode, c.date, c.detail])).toEqual([
      ['richiesta non registrata', 'refuse-request', '', 'UNKNOWN_EMPLOYEE: sconosciuto'],
      ['richiesta', 'submit', "'12/11/2026", "'-1 giorno"],
    ]);
    // As Sheets keeps them (without the apostrophe), they read back the same.
    const col = columnsOf('audit', AUDIT);
    const rows = cells.map((c) =>
      layOut(
        col,
        { ...c, date: String(c.date).replace(/^'/, ''), detail: String(c.detail).replace(/^'/, '') },
        blankRow(AUDIT.length),
      ),
    );
    expect(auditFromRows([AUDIT, ...rows])).toEqual([refused, typed]);
  });

  test('lines made by the previous version: «Azione» the code, «Data» text; reordered columns', () => {
    const legacy = ['Dettaglio', 'A', 'Da', 'Data', 'Dipendente', 'ID giornata', 'Azione', 'Chi', 'Quando'];
    const values = sheet(legacy, [
      {
        Quando: dateTimeToCell('2026-11-02T08:00'),
        Chi: 'anna.rossi@ente.it',
        Azione: 'submit',
        'ID giornata': 'r#1',
        Dipendente: 'anna.rossi@ente.it',
        Data: '2026-11-10',
        A: 'in attesa',
      },
      {
        Quando: dateTimeToCell('2026-11-03T09:00'),
        Chi: 'mario.ferrari@ente.it',
        Azione: 'cancel',
        'ID giornata': 'r#1',
        Dipendente: 'anna.rossi@ente.it',
        Data: '2026-11-10',
        Da: 'in attesa',
        A: 'annullata',
      },
      { Azione: 'a mano' },
    ]);
    expect(auditFromRows(values).map((e) => [e.action, e.date, e.from, e.to])).toEqual([
      ['submit', '2026-11-10', '', 'pending'],
      ['cancel', '2026-11-10', 'pending', 'cancelled'],
      // A word Agorà never wrote stays as it is: it matches no action.
      ['a mano', '', '', ''],
    ]);
    // Written by this version into a sheet without «Codice azione»: read by the Italian word.
    expect(auditFromRows(sheet(['Azione'], [{ Azione: 'Rifiuto' }]))[0].action).toBe('reject');
  });

  test('the upgrade of a previous version’s line', () => {
    const col = columnsOf('audit', AUDIT);
    const line = sheet(AUDIT, [{ Azione: 'approve', Data: '2026-11-10', 'ID giornata': 'r#1' }])[1];
    const up = upgradeAuditRow(col, line);
    expect(up).toEqual(
      sheet(AUDIT, [
        { Azione: 'approvazione', 'Codice azione': 'approve', Data: D('2026-11-10'), 'ID giornata': 'r#1' },
      ])[1],
    );
    // Text that is not a date stays text; an unknown action is left alone.
    const odd = sheet(AUDIT, [{ Azione: 'a mano', Data: '12/11/2026' }])[1];
    expect(upgradeAuditRow(col, odd)).toBeNull();
    expect(upgradeAuditRow(col, auditRow(col, entry(), blankRow(AUDIT.length)))).toBeNull();
    expect(auditFromRows([AUDIT, up as Cell[]])).toEqual(auditFromRows([AUDIT, line]));
  });
});

// ---- the whole register -----------------------------------------------------------------------

describe('the register from its sheets', () => {
  test('records across sheets, problems in the order of the sheets, the row of each day', () => {
    const empty = (key: SheetKey): SheetValues => [headers(key)];
    const person = {
      'Nome e cognome': 'Anna Rossi',
      Ente: 'Unione',
      Settore: 'Personale',
      'Sede di lavoro': 'Carpi',
      Responsabile: 'mario.ferrari@ente.it',
    };
    const { snapshot, rowOfDay } = snapshotFromSheets({
      config: sheet(headers('config'), [{ Parametro: 'maxDaysPerWeek', Valore: '9' }]),
      people: sheet(headers('people'), [
        { Email: 'mario.ferrari@ente.it' },
        { Email: 'hr@ente.it', 'Servizio personale': 'sì' },
      ]),
      employees: sheet(headers('employees'), [
        { ...person, Email: 'anna.rossi@ente.it' },
        { ...person, Email: 'luca@ente.it', Responsabile: 'nessuno@ente.it' },
      ]),
      agreements: sheet(headers('agreements'), [
        { Dipendente: 'anna.rossi@ente.it', Dal: D('2026-01-01') },
        { Dipendente: 'luca@ente.it', Dal: D('2026-01-01') },
      ]),
      sites: sheet(headers('sites'), [
        { Codice: SOLIERA.id, Nome: SOLIERA.name, Comune: SOLIERA.comune, Posti: 4 },
      ]),
      holidays: empty('holidays'),
      days: sheet(headers('days'), [
        {
          ID: 'r#1',
          Richiesta: 'r',
          Dipendente: 'anna.rossi@ente.it',
          Data: D('2026-11-10'),
          Luogo: 'Municipio di Soliera',
          Stato: 'in attesa',
        },
      ]),
    });
    expect(snapshot.policy.maxDaysPerWeek).toBe(DEFAULT_POLICY.maxDaysPerWeek);
    expect(snapshot.admins).toEqual(['hr@ente.it']);
    expect(snapshot.employees.map((e) => e.email)).toEqual(['anna.rossi@ente.it']);
    expect(snapshot.agreements.map((a) => a.employee)).toEqual(['anna.rossi@ente.it']);
    expect(snapshot.sites).toEqual([SOLIERA]);
    expect(snapshot.days.map((d) => [d.id, d.location])).toEqual([['r#1', SOLIERA.id]]);
    expect([...rowOfDay]).toEqual([['r#1', 2]]);
    expect(snapshot.problems.map((p) => [p.sheet, p.row])).toEqual([
      ['Configurazione', 2],
      ['Dipendenti', 3],
      ['Accordi', 3],
    ]);
  });
});

test('contact windows: parsed from the usual spellings, formatted back', () => {
  expect(parseWindows('')).toEqual([]);
  expect(parseWindows('9:00-13:00, 14.30 — 16.30\n17:00–18:00')).toEqual([
    { from: '09:00', to: '13:00' },
    { from: '14:30', to: '16:30' },
    { from: '17:00', to: '18:00' },
  ]);
  expect(parseWindows('mattina')).toBeNull();
  expect(
    formatWindows([
      { from: '09:00', to: '13:00' },
      { from: '14:30', to: '16:30' },
    ]),
  ).toBe('09:00-13:00; 14:30-16:30');
});
