// Setup through the bundle: idempotent (a second run writes nothing and changes nothing), and a
// repair of exactly what was lost (a sheet, a trigger, the calendar), never more than one trigger
// of each kind; the Form's "Luogo" follows the Sedi sheet.
import type { WorkspaceState } from '../../dev/workspace';
import { locationChoices } from '../../src/gas/form';
import { PROPERTY } from '../../src/gas/properties';
import { EDIT_HANDLER, FORM_SUBMIT_HANDLER, TIMER_HANDLER } from '../../src/gas/safety';
import { CALENDAR_NAME } from '../../src/gas/setup';
import { CONFIG_PARAMETERS } from '../../src/gas/rows';
import { SHEET_ORDER, SHEETS } from '../../src/gas/schema';
import { OWNER, Product, SOLIERA, bundlePath } from '../helpers/product';

beforeAll(() => {
  bundlePath();
});

/** The parts of the Workspace setup manages, as JSON; toasts are progress messages, not state. */
function managed(state: WorkspaceState) {
  const s = JSON.parse(JSON.stringify(state)) as WorkspaceState;
  for (const file of Object.values(s.spreadsheet.files)) file.toasts = [];
  return {
    spreadsheet: s.spreadsheet,
    forms: s.forms,
    triggers: s.script.triggers,
    nextTriggerSeq: s.script.nextTriggerSeq,
    calendar: s.calendar,
    drive: s.drive,
    properties: s.properties,
  };
}

/** Service calls that change something (builders that lead to a change included). */
const WRITE =
  /\.(set[A-Z]\w*|insert\w*|delete\w*|append\w*|protect|unprotect|clear\w*|add[A-Z]\w*|remove\w*|create\w*|new[A-Z]\w*|move\w*|copy\w*|sort\w*|hide\w*|show\w*|forForm|forSpreadsheet|timeBased|onFormSubmit|onEdit|everyMinutes|submit)$/;
const SERVICES =
  /^(SpreadsheetApp|FormApp|ScriptApp|CalendarApp|Calendar|DriveApp|PropertiesService|MailApp)\./;

function writeCalls(p: Product): Record<string, number> {
  return Object.fromEntries(
    Object.entries(p.ws.callCounts()).filter(([key]) => SERVICES.test(key) && WRITE.test(key)),
  );
}

function handlers(p: Product): string[] {
  return p.state.script.triggers.map((t) => t.handler).sort();
}

function smartWorkingCalendars(p: Product): string[] {
  return Object.values(p.state.calendar.calendars)
    .filter((c) => c.name === CALENDAR_NAME && c.owner === OWNER)
    .map((c) => c.id);
}

test('a new register: Agorà’s sheets and no other, headers and Configurazione in Italian, codes last', () => {
  const p = Product.start({ seed: null });
  const file = p.state.spreadsheet.files[p.ssId];
  expect(file.sheets.map((s) => s.name)).toEqual(SHEET_ORDER.map((k) => SHEETS[k].name));
  for (const key of SHEET_ORDER)
    expect(p.values(SHEETS[key].name)[0]).toEqual(SHEETS[key].columns.map((c) => c.header));
  expect(p.values(SHEETS.config.name)).toEqual([
    ['Parametro', 'Valore', 'Descrizione', 'Codice'],
    ...CONFIG_PARAMETERS.map((x) => [x.name, x.value, x.description, x.code]),
  ]);
  expect(p.values(SHEETS.config.name)[1]).toEqual([
    'giorni massimi a settimana',
    '2',
    'Quante giornate di lavoro agile (in attesa o approvate) una persona può avere nella stessa settimana, da lunedì a domenica. Predefinito: 2.',
    'maxDaysPerWeek',
  ]);
});

describe('setup run twice', () => {
  test('on a fresh register: the second run finds everything in place and writes nothing', () => {
    const p = Product.start({ seed: null });
    const before = managed(p.state);
    p.ws.resetCounts();
    const report = p.setup();
    expect(report.changes).toEqual([]);
    expect(writeCalls(p)).toEqual({});
    expect(managed(p.state)).toEqual(before);
  });

  test('on a register HR has filled in (people, agreements, sites): identical state, zero writes', () => {
    const p = Product.start();
    p.submit('anna.rossi@terredargine.example', ['2026-11-09']);
    p.setup();
    const before = managed(p.state);
    p.ws.resetCounts();
    const report = p.setup();
    expect(report.changes).toEqual([]);
    expect(writeCalls(p)).toEqual({});
    // Reads happened (it did check), but nothing else did.
    expect(p.ws.callCount('SpreadsheetApp', 'Range.getValues')).toBeGreaterThan(0);
    expect(managed(p.state)).toEqual(before);
    expect(handlers(p)).toEqual([EDIT_HANDLER, FORM_SUBMIT_HANDLER, TIMER_HANDLER].sort());
  });
});

describe('sheets as wide as their columns', () => {
  test('setup trims the empty columns of every sheet (cells count against the 10 million limit); HR keeps a column it added', () => {
    const p = Product.start();
    const file = () => p.state.spreadsheet.files[p.ssId];
    for (const sheet of file().sheets) {
      const header = p.values(sheet.name)[0] ?? [];
      expect([sheet.name, sheet.maxColumns]).toEqual([sheet.name, header.length]);
    }
    // HR adds a column of notes to Persone, past the last one: setup keeps it and its data.
    const people = file().sheets.find((s) => s.name === SHEETS.people.name);
    if (!people) throw new Error('no Persone');
    p.asOwner(() => {
      const sheet = p.spreadsheet().getSheetByName(SHEETS.people.name);
      if (!sheet) throw new Error('no Persone');
      sheet.insertColumnsAfter(sheet.getMaxColumns(), 3);
      sheet.getRange(1, sheet.getLastColumn() + 1, 2, 1).setValues([['Note HR'], ['da richiamare']]);
    });
    const width = people.maxColumns;
    const report = p.setup();
    expect(report.changes).toEqual(['Tolte le colonne vuote dei fogli: 2.000 celle in meno.']);
    expect(people.maxColumns).toBe(width - 2);
    expect(p.values(SHEETS.people.name)[1].at(-1)).toBe('da richiamare');
  });
});

describe('setup repairs exactly what was lost', () => {
  let saved: string;
  beforeAll(() => {
    saved = Product.start().save();
  });

  test('a deleted sheet comes back as it was (header, formats, dropdowns, protection); nothing else changes', () => {
    const p = Product.fromState(saved);
    const name = SHEETS.holidays.name;
    const original = JSON.parse(JSON.stringify(p.sheetData(name)));
    const before = managed(p.state);
    p.asOwner(() => {
      const ss = p.spreadsheet();
      ss.deleteSheet(ss.getSheetByName(name) as GoogleAppsScript.Spreadsheet.Sheet);
    });
    const report = p.setup();
    expect(report.changes).toEqual([
      `Creato il foglio «${name}».`,
      // A new sheet is 26 columns wide: the empty ones go.
      expect.stringMatching(/^Tolte le colonne vuote dei fogli: [\d.]+ celle in meno\.$/),
      `Protetto il foglio «${name}».`,
    ]);
    const after = managed(p.state);
    const file = (s: typeof before) => s.spreadsheet.files[p.ssId];
    // The sheet itself: the same but for its new id.
    const { sheetId: _old, ...was } = original;
    const { sheetId: _new, ...now } = JSON.parse(JSON.stringify(p.sheetData(name)));
    expect(now).toEqual(was);
    const others = (s: typeof before) => file(s).sheets.filter((sh) => sh.name !== name);
    expect(others(after)).toEqual(others(before));
    const protections = (s: typeof before) =>
      file(s)
        .protections.map(({ id: _id, sheetId, ...rest }) => ({
          sheet: file(s).sheets.find((sh) => sh.sheetId === sheetId)?.name,
          ...rest,
        }))
        .sort((a, b) => String(a.sheet).localeCompare(String(b.sheet)));
    expect(protections(after)).toEqual(protections(before));
    for (const key of ['forms', 'triggers', 'calendar', 'drive', 'properties'] as const)
      expect(after[key]).toEqual(before[key]);
  });

  test('a deleted trigger is created again, alone; the others keep their ids', () => {
    const p = Product.fromState(saved);
    const timer = p.state.script.triggers.find((t) => t.handler === TIMER_HANDLER);
    const others = p.state.script.triggers.filter((t) => t.handler !== TIMER_HANDLER);
    p.asOwner(() => {
      const trigger = p.globals.ScriptApp.getProjectTriggers().find(
        (t) => t.getHandlerFunction() === TIMER_HANDLER,
      ) as GoogleAppsScript.Script.Trigger;
      p.globals.ScriptApp.deleteTrigger(trigger);
    });
    const before = managed(p.state);
    const report = p.setup();
    expect(report.changes).toHaveLength(1);
    expect(report.changes[0]).toMatch(/attivatore per il lavoro periodico/);
    expect(handlers(p)).toEqual([EDIT_HANDLER, FORM_SUBMIT_HANDLER, TIMER_HANDLER].sort());
    const again = p.state.script.triggers.find((t) => t.handler === TIMER_HANDLER);
    expect(again?.uid).not.toBe(timer?.uid);
    expect(again?.clock?.kind).toBe('minutes');
    expect(p.state.script.triggers.filter((t) => t.handler !== TIMER_HANDLER)).toEqual(others);
    const after = managed(p.state);
    for (const key of ['spreadsheet', 'forms', 'calendar', 'drive', 'properties'] as const)
      expect(after[key]).toEqual(before[key]);
  });

  test('duplicated triggers (a second timer, a form trigger on an old form) are brought back to one of each', () => {
    const p = Product.fromState(saved);
    p.asOwner(() => {
      const { ScriptApp, FormApp } = p.globals;
      ScriptApp.newTrigger(TIMER_HANDLER).timeBased().everyMinutes(5).create();
      ScriptApp.newTrigger(TIMER_HANDLER).timeBased().everyMinutes(10).create();
      const stale = FormApp.create('Vecchio modulo');
      ScriptApp.newTrigger(FORM_SUBMIT_HANDLER).forForm(stale.getId()).onFormSubmit().create();
      ScriptApp.newTrigger(FORM_SUBMIT_HANDLER).forForm(p.formId).onFormSubmit().create();
      ScriptApp.newTrigger(EDIT_HANDLER).forSpreadsheet(p.ssId).onEdit().create();
    });
    expect(p.state.script.triggers).toHaveLength(8);
    p.setup();
    expect(handlers(p)).toEqual([EDIT_HANDLER, FORM_SUBMIT_HANDLER, TIMER_HANDLER].sort());
    const formTrigger = p.state.script.triggers.find((t) => t.handler === FORM_SUBMIT_HANDLER);
    expect(formTrigger?.sourceId).toBe(p.formId);
    // A third run: still one of each, nothing written.
    p.ws.resetCounts();
    expect(p.setup().changes).toEqual([]);
    expect(writeCalls(p)).toEqual({});
    expect(p.state.script.triggers).toHaveLength(3);
  });

  test('a deleted calendar is created again (one), its id recorded; nothing else changes', () => {
    const p = Product.fromState(saved);
    const oldId = p.calendarId;
    p.asOwner(() => p.globals.CalendarApp.getCalendarById(oldId).deleteCalendar());
    const before = managed(p.state);
    const report = p.setup();
    // A new calendar is shared again with the domain, read-only.
    expect(report.changes).toEqual([
      `Creato il calendario «${CALENDAR_NAME}».`,
      'Calendario «Smart working» condiviso in sola lettura con terredargine.example.',
    ]);
    expect(p.calendarId).not.toBe(oldId);
    expect(smartWorkingCalendars(p)).toEqual([p.calendarId]);
    expect(p.state.calendar.calendars[p.calendarId].timeZone).toBe('Europe/Rome');
    const after = managed(p.state);
    for (const key of ['spreadsheet', 'forms', 'triggers', 'drive'] as const)
      expect(after[key]).toEqual(before[key]);
    // Running it again: nothing more.
    expect(p.setup().changes).toEqual([]);
    expect(smartWorkingCalendars(p)).toEqual([p.calendarId]);
  });

  test('a lost calendar property: setup finds the shared calendar again instead of making a second one', () => {
    const p = Product.fromState(saved);
    const id = p.calendarId;
    p.asOwner(() => p.globals.PropertiesService.getScriptProperties().deleteProperty(PROPERTY.calendarId));
    p.setup();
    // Staff subscribed to the calendar that exists; a second "Smart working" would split it.
    expect(smartWorkingCalendars(p)).toEqual([id]);
    expect(p.calendarId).toBe(id);
  });
});

describe('the Form follows the Sedi sheet', () => {
  test('sites HR adds to Sedi appear among the "Luogo" choices after setup; removed ones go', () => {
    const p = Product.start();
    const luogo = () =>
      p.state.forms.forms[p.formId].items.find((i) => /luogo/i.test(i.title))?.choices ?? [];
    expect(luogo()).toEqual(locationChoices([SOLIERA]));
    const carpi = { id: 'carpi-agora', name: 'Agorà di Carpi', comune: 'Carpi', capacity: 6 };
    const novi = { id: 'novi-biblioteca', name: 'Biblioteca di Novi', comune: 'Novi di Modena', capacity: 2 };
    p.appendRows('sites', [carpi, novi]);
    const report = p.setup();
    expect(report.changes).toEqual(['Aggiornate le sedi nel modulo di richiesta.']);
    expect(luogo()).toEqual([
      'Casa',
      'Municipio di Soliera (soliera-municipio)',
      'Agorà di Carpi (carpi-agora)',
      'Biblioteca di Novi (novi-biblioteca)',
    ]);
    // HR clears Soliera's row: the choice goes at the next setup.
    p.asOwner(() =>
      (p.spreadsheet().getSheetByName(SHEETS.sites.name) as GoogleAppsScript.Spreadsheet.Sheet)
        .getRange(2, 1, 1, 4)
        .clearContent(),
    );
    p.setup();
    expect(luogo()).toEqual(locationChoices([carpi, novi]));
    // A respondent who picks a new site is booked there.
    p.submit('anna.rossi@terredargine.example', ['2026-11-09'], 'carpi-agora');
    expect(p.day('anna.rossi@terredargine.example', '2026-11-09')).toMatchObject({
      location: 'carpi-agora',
      status: 'pending',
    });
  });
});
