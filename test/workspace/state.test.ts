// The whole Workspace lives in one JSON state: saved and restored, it behaves the same.
import { createWorkspace, DEFAULT_BOUND_SPREADSHEET } from '../../dev/workspace';
import type { ScriptFunction } from '../../dev/workspace/script';

const OWNER = 'hr@example.it';
const ANNA = 'anna.rossi@example.it';

/** A Workspace with something in every service of this file set. */
function populated() {
  const w = createWorkspace({
    owner: OWNER,
    nowMs: Date.UTC(2026, 10, 2, 8, 0),
    boundSpreadsheet: DEFAULT_BOUND_SPREADSHEET,
  });
  const { SpreadsheetApp, FormApp, ScriptApp, PropertiesService, CacheService, Utilities } = w.globals;
  const ss = SpreadsheetApp.getActiveSpreadsheet() as GoogleAppsScript.Spreadsheet.Spreadsheet;
  const days = ss.insertSheet('Giorni');
  days.getRange('C:C').setNumberFormat('@');
  days.appendRow(['id', new Date(Date.UTC(2026, 10, 9, 23)), '=1+1', true, 2.5]);
  days.getRange('A2:B2').setValues([['=1+1', '2026-11-10']]);
  days.getRange('D2').setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
  days.getRange('A1:E1').setFontWeight('bold').setBackground('#eeeeee').setNote('intestazione');
  days.protect().setDescription('dati').removeEditors([ANNA]);
  SpreadsheetApp.getUi().createMenu('Agorà').addItem('Apri', 'openSidebar').addToUi();
  const form = FormApp.create('Richiesta');
  // Made after 30 June 2026: it takes responses once published.
  (form as unknown as { setPublished(enabled: boolean): unknown }).setPublished(true);
  form.setCollectEmail(true);
  form.addDateItem().setTitle('Data').setRequired(true);
  ScriptApp.newTrigger('onFormSubmit').forForm(form).onFormSubmit().create();
  ScriptApp.newTrigger('hourly').timeBased().everyHours(1).create();
  PropertiesService.getScriptProperties().setProperty('version', '7');
  CacheService.getScriptCache().put('k', 'v', 3600);
  Utilities.getUuid();
  w.testing.forms.submit(form.getId(), ANNA, { Data: '2026-11-09' });
  w.ws.advance(90 * 1000);
  return { ...w, ssId: ss.getId(), formId: form.getId() };
}

/** What a script would observe of a Workspace. */
function observe(w: ReturnType<typeof createWorkspace>, ssId: string, formId: string) {
  const { SpreadsheetApp, FormApp, ScriptApp, PropertiesService, CacheService, Utilities } = w.globals;
  const days = SpreadsheetApp.openById(ssId).getSheetByName('Giorni') as GoogleAppsScript.Spreadsheet.Sheet;
  const range = days.getRange(1, 1, days.getLastRow(), days.getLastColumn());
  return {
    now: w.ws.nowMs,
    owner: w.ws.owner,
    values: range
      .getValues()
      .map((row) => row.map((v) => (v instanceof Date ? `date:${v.toISOString()}` : v))),
    display: range.getDisplayValues(),
    formulas: range.getFormulas(),
    formats: range.getNumberFormats(),
    validation: String(days.getRange('D2').getDataValidation()?.getCriteriaType()),
    protection: days
      .getProtections('SHEET' as unknown as GoogleAppsScript.Spreadsheet.ProtectionType)
      .map((p) => [p.getDescription(), p.getEditors().map((u) => u.getEmail())]),
    menus: w.testing.sheets.menus(),
    responses: FormApp.openById(formId)
      .getResponses()
      .map((r) => [
        r.getRespondentEmail(),
        r.getTimestamp().getTime(),
        r.getItemResponses()[0].getResponse(),
      ]),
    triggers: ScriptApp.getProjectTriggers().map((t) => [t.getHandlerFunction(), String(t.getEventType())]),
    property: PropertiesService.getScriptProperties().getProperty('version'),
    cached: CacheService.getScriptCache().get('k'),
    uuid: Utilities.getUuid(),
  };
}

test('the state is plain JSON, and a Workspace restored from it behaves the same', () => {
  const original = populated();
  const text = JSON.stringify(original.state);
  const restored = createWorkspace({ state: JSON.parse(text) });
  // Observing changes the uuid counter the same way on both sides.
  expect(observe(restored, original.ssId, original.formId)).toEqual(
    observe(original, original.ssId, original.formId),
  );
  expect(JSON.stringify(restored.state)).toBe(JSON.stringify(original.state));
});

test('the state holds dates as numbers and strings only', () => {
  const { state } = populated();
  const kinds = new Set<string>();
  const walk = (v: unknown) => {
    if (v === null || typeof v !== 'object') return;
    kinds.add(Object.prototype.toString.call(v));
    for (const x of Object.values(v)) walk(x);
  };
  walk(state);
  expect([...kinds].sort()).toEqual(['[object Array]', '[object Object]']);
});

test('a restored Workspace carries on: triggers fire, the clock and the ids continue', () => {
  const original = populated();
  const restored = createWorkspace({ state: JSON.parse(JSON.stringify(original.state)) });
  const handled: string[] = [];
  const handlers: Record<string, ScriptFunction> = {
    onFormSubmit: (e) =>
      handled.push((e as GoogleAppsScript.Events.FormsOnFormSubmit).response.getRespondentEmail()),
    hourly: () => handled.push('hourly'),
  };
  restored.runtime.resolveFunction = (name) => handlers[name];
  const { responseId } = restored.testing.forms.submit(original.formId, 'mario@example.it', {
    Data: '2026-11-10',
  });
  expect(
    restored.globals.FormApp.openById(original.formId)
      .getResponses()
      .map((r) => r.getId()),
  ).toContain(responseId);
  restored.testing.runTimeTriggersUntil(restored.ws.nowMs + 60 * 60 * 1000);
  expect(handled).toEqual(['mario@example.it', 'hourly']);
  expect(restored.testing.forms.form(original.formId).responses).toHaveLength(2);
  expect(new Set(restored.testing.forms.form(original.formId).responses.map((r) => r.id)).size).toBe(2);
});

test('what is not a saved Workspace is refused', () => {
  expect(() => createWorkspace({ state: JSON.parse('{"foo": 1}') })).toThrow('Not a saved Workspace state');
});
