// The vm loader, on small hand-written classic scripts (not dist/Code.js).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkspace, DEFAULT_BOUND_SPREADSHEET } from '../../dev/workspace';
import { FORBIDDEN_GLOBALS, functionNames, loadBundle, loadBundleSource } from '../../dev/workspace/bundle';
import { GOOGLE_ERRORS } from '../../dev/workspace/core';
import type { DeploymentData } from '../../dev/workspace/script';

const OWNER = 'hr@example.it';
const ANNA = 'anna.rossi@example.it';

const SCRIPT = `
var counter = 0;
var Agora = (function () { return { version: '1' }; })();

function probe() {
  return ${JSON.stringify(FORBIDDEN_GLOBALS)}.map(function (n) { return n + ':' + eval('typeof ' + n); });
}
function whoAmI() { return Session.getActiveUser().getEmail(); }
function now() { return [new Date().getTime(), Date.now(), new Date(2026, 0, 1) instanceof Date]; }
function bump() { counter++; return counter; }
function installTrigger(formId) {
  ScriptApp.newTrigger('onFormSubmit').forForm(formId).onFormSubmit().create();
}
function onFormSubmit(e) {
  PropertiesService.getScriptProperties().setProperty('last',
    [e.response.getRespondentEmail(), Session.getActiveUser().getEmail(), String(e.authMode), typeof e.triggerUid].join('|'));
}
function readDate() {
  var v = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1').getValue();
  return [v instanceof Date, Object.prototype.toString.call(v)];
}
function catchLock() {
  try {
    LockService.getScriptLock().waitLock(1000);
    return 'taken';
  } catch (e) {
    return [e instanceof Error, e.name, e.message].join('|');
  }
}
function withDate() { return { when: new Date(), n: 1 }; }
function plain(x) { return { got: x, list: [1, 'a', null] }; }
function hidden_() { return 'private'; }
function onOpen() {
  SpreadsheetApp.getUi().createMenu('Agorà').addItem('Chi sono', 'whoAmI').addToUi();
}
var notAFunctionDeclaration = function () { return 'x'; };
`;

/** The web app deployment `callFromClient` goes through (Anna is in the owner's domain). */
const WEB_APP: DeploymentData = {
  id: 'AKfycbBundleWebApp',
  description: 'web app',
  webApp: { executeAs: 'USER_DEPLOYING', access: 'DOMAIN' },
  addOn: false,
  deployer: OWNER,
};

/**
 * A script bound to the owner's spreadsheet, which is shared with Anna for editing: so Anna can
 * open the script editor (only editors of the container can) and run functions from it.
 */
function setup(opts: { fresh?: boolean } = {}) {
  const w = createWorkspace({
    owner: OWNER,
    nowMs: Date.UTC(2026, 10, 2, 8, 0),
    boundSpreadsheet: DEFAULT_BOUND_SPREADSHEET,
  });
  w.testing.files.grant(w.state.script.containerId as string, ANNA, 'editors');
  const bundle = loadBundleSource(w, SCRIPT, { freshContextPerExecution: opts.fresh ?? true });
  return { ...w, bundle };
}

test('functionNames lists the top-level function declarations only', () => {
  expect(functionNames(SCRIPT)).toEqual([
    'probe',
    'whoAmI',
    'now',
    'bump',
    'installTrigger',
    'onFormSubmit',
    'readDate',
    'catchLock',
    'withDate',
    'plain',
    'hidden_',
    'onOpen',
  ]);
  expect(functionNames('(function () { function inner() {} })(); if (true) { function block() {} }')).toEqual(
    [],
  );
});

test('the global scope has the Apps Script services and none of Node’s or the browser’s', () => {
  const { bundle } = setup();
  expect(bundle.run(ANNA, 'probe')).toEqual(FORBIDDEN_GLOBALS.map((n) => `${n}:undefined`));
  expect(typeof (bundle.context as Record<string, unknown>).SpreadsheetApp).toBe('object');
});

test('run calls a top-level function as the user and returns its result', () => {
  const { bundle, ws } = setup();
  expect(bundle.run(ANNA, 'whoAmI')).toBe(ANNA);
  expect(ws.activeUser).toBe(OWNER);
  expect(() => bundle.run(ANNA, 'notAFunctionDeclaration')).toThrow(
    'Script function not found: notAFunctionDeclaration',
  );
  expect(() => bundle.run(ANNA, 'Agora')).toThrow('Script function not found: Agora');
});

test('Date reads the fake clock and makes host Dates', () => {
  const { bundle, ws } = setup();
  ws.advance(1234);
  expect(bundle.run(ANNA, 'now')).toEqual([ws.nowMs, ws.nowMs, true]);
  const { when } = bundle.run(ANNA, 'withDate') as { when: Date };
  expect(when).toBeInstanceOf(Date);
});

test('Dates from the fakes are Dates inside the script', () => {
  const { bundle, globals } = setup();
  (globals.SpreadsheetApp.getActiveSpreadsheet() as GoogleAppsScript.Spreadsheet.Spreadsheet)
    .getSheets()[0]
    .getRange('A1')
    .setValue(new Date());
  expect(bundle.run(ANNA, 'readDate')).toEqual([true, '[object Date]']);
});

test('errors of the fakes are Errors of the script’s realm, named Exception', () => {
  const { bundle, testing, ws } = setup();
  testing.holdLock('script', null);
  expect(bundle.run(ANNA, 'catchLock')).toBe(`true|Exception|${GOOGLE_ERRORS.lockTimeout()}`);
  // Outside the script, the fakes' errors are the test's own again.
  expect(() => ws.call('SpreadsheetApp', 'x')).not.toThrow();
  ws.failNth('SpreadsheetApp', 'x', 1, 'transient');
  expect(() => ws.call('SpreadsheetApp', 'x')).toThrow(Error);
});

test('every execution starts from a fresh global scope, unless asked otherwise', () => {
  const fresh = setup();
  expect([fresh.bundle.run(ANNA, 'bump'), fresh.bundle.run(ANNA, 'bump')]).toEqual([1, 1]);
  const kept = setup({ fresh: false });
  expect([kept.bundle.run(ANNA, 'bump'), kept.bundle.run(ANNA, 'bump')]).toEqual([1, 2]);
});

test('a form-submit trigger created by the script runs its handler as the creator', () => {
  const { bundle, globals, testing } = setup();
  const form = globals.FormApp.create('Richiesta');
  // Made after 30 June 2026: unpublished until published.
  (form as unknown as { setPublished(on: boolean): void }).setPublished(true);
  form.setCollectEmail(true);
  form.addTextItem().setTitle('Data');
  bundle.run(OWNER, 'installTrigger', form.getId());
  const { executions } = testing.forms.submit(form.getId(), ANNA, { Data: '2027-02-30' });
  expect(executions.map((e) => e.status)).toEqual(['completed']);
  expect(globals.PropertiesService.getScriptProperties().getProperty('last')).toBe(
    `${ANNA}|${OWNER}|FULL|string`,
  );
});

test('opening the spreadsheet runs the simple onOpen; menu items run their functions', () => {
  const { bundle, testing, state } = setup();
  testing.sheets.openSpreadsheet(ANNA, state.script.containerId as string);
  expect(testing.sheets.menus(ANNA).map((m) => m.caption)).toEqual(['Agorà']);
  expect(bundle.clickMenu(ANNA, 'Agorà', 'Chi sono')).toBe(ANNA);
});

test('callFromClient follows google.script.run: no Dates either way, no private functions', () => {
  const { bundle, testing } = setup();
  // google.script.run reaches the script through a web app deployment.
  testing.deploy(WEB_APP);
  expect(bundle.callFromClient(ANNA, 'plain', { a: [1, 2] })).toEqual({
    got: { a: [1, 2] },
    list: [1, 'a', null],
  });
  expect(bundle.callFromClient(ANNA, 'withDate')).toBeNull();
  expect(() => bundle.callFromClient(ANNA, 'plain', { when: new Date() })).toThrow(
    'Failed due to illegal value in property: 0.when',
  );
  expect(() => bundle.callFromClient(ANNA, 'hidden_')).toThrow('Script function not found: hidden_');
});

test('a script that is not a classic script fails to load', () => {
  const w = createWorkspace();
  // (vm's SyntaxError is not the test realm's: match the messages.)
  expect(() => loadBundleSource(w, 'export function onOpen() {}')).toThrow("Unexpected token 'export'");
  expect(() => loadBundleSource(w, "import x from 'y';\nfunction f() {}")).toThrow(
    'Cannot use import statement outside a module',
  );
});

test('a script using what Apps Script lacks fails when it runs', () => {
  const w = createWorkspace();
  // A standalone project: Anna can run it from the editor once it is shared with her to edit.
  w.testing.files.grant(w.state.script.scriptId, ANNA, 'editors');
  const bundle = loadBundleSource(w, 'function later() { setTimeout(function () {}, 10); }');
  expect(() => bundle.run(ANNA, 'later')).toThrow('setTimeout is not defined');
});

test('loadBundle reads the code from a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'agora-bundle-'));
  const path = join(dir, 'Code.js');
  writeFileSync(path, 'function hello() { return "ciao " + Session.getActiveUser().getEmail(); }');
  const w = createWorkspace();
  w.testing.files.grant(w.state.script.scriptId, ANNA, 'editors');
  const bundle = loadBundle(w, path);
  expect(bundle.functionNames).toEqual(['hello']);
  expect(bundle.run(ANNA, 'hello')).toBe(`ciao ${ANNA}`);
});
