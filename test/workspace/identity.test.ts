// Who may open what, and as whom code runs: Drive sharing decides access to every Google file
// (spreadsheets, forms, the script project), the kind of execution decides the active and the
// effective user, and a web app checks its deployment's access and the caller's token.
// One test per fact, on a small hand-written classic script.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkspace, DEFAULT_BOUND_SPREADSHEET } from '../../dev/workspace';
import { AccessRefused, loadBundle, loadBundleSource, type LoadedBundle } from '../../dev/workspace/bundle';
import { GOOGLE_MIME } from '../../dev/workspace/drive';
import { UNPUBLISHED_BY_DEFAULT_FROM_MS } from '../../dev/workspace/forms';
import {
  devUrl,
  execUrl,
  readToken,
  type DeploymentData,
  type WebAppAccess,
} from '../../dev/workspace/script';
import { NO_ACCESS_MESSAGE, PROTECTED_MESSAGE } from '../../dev/workspace/spreadsheet';

const OWNER = 'hr@example.it';
const ANNA = 'anna.rossi@example.it';
const MARIO = 'mario.ferrari@example.it';
/** Somebody outside the owner's Workspace domain. */
const GUEST = 'guest@gmail.com';
const NOW = Date.UTC(2026, 10, 2, 8, 0);

const NOT_FOUND = 'No item with the given ID could be found, or you do not have permission to access it.';
const SCOPE = {
  drive: 'https://www.googleapis.com/auth/drive',
  driveReadonly: 'https://www.googleapis.com/auth/drive.readonly',
  spreadsheets: 'https://www.googleapis.com/auth/spreadsheets',
  external: 'https://www.googleapis.com/auth/script.external_request',
};

const SCRIPT = `
function who() {
  return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail()];
}
function readA1(id) { return SpreadsheetApp.openById(id).getSheets()[0].getRange('A1').getValue(); }
function writeA1(id, value) { SpreadsheetApp.openById(id).getSheets()[0].getRange('A1').setValue(value); }
function addSheet(id, name) { SpreadsheetApp.openById(id).insertSheet(name); }
function formTitle(id) { return FormApp.openById(id).getTitle(); }
function driveFile(id) {
  var f = DriveApp.getFileById(id);
  return [f.getName(), f.getMimeType(), f.getOwner().getEmail()];
}
function hasActiveSpreadsheet() { return SpreadsheetApp.getActiveSpreadsheet() !== null; }
function describe_(p) {
  return { editors: p.getEditors().map(function (u) { return u.getEmail(); }).sort(), domain: p.canDomainEdit() };
}
function protectRegister(id) {
  return describe_(SpreadsheetApp.openById(id).getSheets()[0].getRange('A1:C10').protect());
}
// Google's sample (Protection class reference): keep only the owner and me.
function ownerOnly(id) {
  var p = SpreadsheetApp.openById(id).getProtections(SpreadsheetApp.ProtectionType.RANGE)[0];
  p.addEditor(Session.getEffectiveUser());
  p.removeEditors(p.getEditors());
  if (p.canDomainEdit()) p.setDomainEdit(false);
  return describe_(p);
}
function installClock() { ScriptApp.newTrigger('onClock').timeBased().after(60 * 1000).create(); }
function onClock() { PropertiesService.getScriptProperties().setProperty('onClock', who().join('|')); }
function onOpen(e) {
  var props = PropertiesService.getScriptProperties();
  props.setProperty('onOpen', who().concat([String(e.authMode)]).join('|'));
  try {
    SpreadsheetApp.openById(e.source.getId());
    props.setProperty('openById', 'opened');
  } catch (err) {
    props.setProperty('openById', err.message);
  }
  e.source.getSheets()[0].getRange('A1').setValue('aperto');
}
function onEdit(e) { PropertiesService.getScriptProperties().setProperty('onEdit', who().join('|')); }
function serviceUrl() { return ScriptApp.getService().getUrl(); }
function whoAndUrl() { return { who: who(), url: ScriptApp.getService().getUrl() }; }
function doGet(e) { return ContentService.createTextOutput(JSON.stringify(whoAndUrl())); }
function fetchWithMyToken(url) {
  var r = UrlFetchApp.fetch(url, {
    headers: { Authorization: 'Bearer ' + ScriptApp.getOAuthToken() },
    muteHttpExceptions: true,
  });
  return [r.getResponseCode(), r.getContentText()];
}
function onCardAction(e) { return fetchWithMyToken(e.commonEventObject.parameters.url); }
function token() { return ScriptApp.getOAuthToken(); }
`;

function webApp(
  id: string,
  access: WebAppAccess,
  executeAs: 'USER_DEPLOYING' | 'USER_ACCESSING' = 'USER_DEPLOYING',
) {
  const d: DeploymentData = {
    id,
    description: id,
    webApp: { executeAs, access },
    addOn: false,
    deployer: OWNER,
  };
  return d;
}
const ADD_ON: DeploymentData = {
  id: 'AKfycbAddOn',
  description: 'add-on',
  webApp: null,
  addOn: true,
  deployer: OWNER,
};

/** A standalone project owned by OWNER (the default), on the fake clock of `nowMs`. */
function standalone(nowMs = NOW) {
  const w = createWorkspace({ owner: OWNER, nowMs });
  const bundle = loadBundleSource(w, SCRIPT);
  return { ...w, bundle, scriptId: w.state.script.scriptId };
}

/** A project bound to the owner's spreadsheet (the container). */
function bound() {
  const w = createWorkspace({ owner: OWNER, nowMs: NOW, boundSpreadsheet: DEFAULT_BOUND_SPREADSHEET });
  const bundle = loadBundleSource(w, SCRIPT);
  return { ...w, bundle, containerId: w.state.script.containerId as string };
}

/** The script written with its manifest beside it, as `clasp push` would have it, then loaded. */
function withManifest(w: ReturnType<typeof createWorkspace>, oauthScopes: string[]): LoadedBundle {
  const dir = mkdtempSync(join(tmpdir(), 'agora-identity-'));
  writeFileSync(join(dir, 'Code.js'), SCRIPT);
  writeFileSync(join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Europe/Rome', oauthScopes }));
  return loadBundle(w, join(dir, 'Code.js'));
}

/** The status AccessRefused carries, or the error itself when something else was thrown. */
function refusal(f: () => unknown): number | unknown {
  try {
    f();
  } catch (e) {
    return e instanceof AccessRefused ? e.status : e;
  }
  return 'not refused';
}

describe('Drive sharing decides who opens a file', () => {
  test('SpreadsheetApp.openById: refused without access, allowed once the file is shared', () => {
    const { bundle, testing, scriptId } = standalone();
    testing.files.grant(scriptId, ANNA, 'editors'); // she may run the project, not open every file
    const id = testing.sheets.createSpreadsheet('Registro');
    expect(() => bundle.run(ANNA, 'readA1', id)).toThrow(NO_ACCESS_MESSAGE);
    testing.files.grant(id, ANNA, 'viewers');
    expect(bundle.run(ANNA, 'readA1', id)).toBe('');
  });

  test('FormApp.openById: refused without edit access, even to a viewer', () => {
    const { bundle, globals, testing, scriptId } = standalone();
    testing.files.grant(scriptId, ANNA, 'editors');
    const formId = globals.FormApp.create('Richiesta').getId();
    expect(() => bundle.run(ANNA, 'formTitle', formId)).toThrow(NOT_FOUND);
    testing.files.grant(formId, ANNA, 'viewers');
    expect(() => bundle.run(ANNA, 'formTitle', formId)).toThrow(NOT_FOUND);
    testing.files.grant(formId, ANNA, 'editors');
    expect(bundle.run(ANNA, 'formTitle', formId)).toBe('Richiesta');
  });

  test('DriveApp.getFileById: spreadsheets, forms and the project are Drive files of their owner', () => {
    const { bundle, globals, testing, scriptId } = standalone();
    testing.files.grant(scriptId, ANNA, 'editors');
    const sheetId = testing.sheets.createSpreadsheet('Registro');
    const formId = globals.FormApp.create('Richiesta').getId();
    expect(() => bundle.run(ANNA, 'driveFile', sheetId)).toThrow(NOT_FOUND);
    testing.files.grant(sheetId, ANNA, 'viewers');
    expect(bundle.run(ANNA, 'driveFile', sheetId)).toEqual(['Registro', GOOGLE_MIME.spreadsheet, OWNER]);
    expect(bundle.run(OWNER, 'driveFile', formId)).toEqual(['Richiesta', GOOGLE_MIME.form, OWNER]);
    expect(bundle.run(OWNER, 'driveFile', scriptId)).toEqual(['Agorà', GOOGLE_MIME.script, OWNER]);
  });

  test('a viewer reads a spreadsheet but cannot change it', () => {
    const { bundle, testing, scriptId } = standalone();
    testing.files.grant(scriptId, ANNA, 'editors');
    const id = testing.sheets.createSpreadsheet('Registro');
    bundle.run(OWNER, 'writeA1', id, 'dato');
    testing.files.grant(id, ANNA, 'viewers');
    expect(bundle.run(ANNA, 'readA1', id)).toBe('dato');
    expect(() => bundle.run(ANNA, 'writeA1', id, 'x')).toThrow(NO_ACCESS_MESSAGE);
    expect(() => bundle.run(ANNA, 'addSheet', id, 'Mio')).toThrow(NO_ACCESS_MESSAGE);
    expect(() => testing.sheets.userEdit(ANNA, id, 'Foglio1', 'A1', 'x')).toThrow(NO_ACCESS_MESSAGE);
    expect(bundle.run(OWNER, 'readA1', id)).toBe('dato');
  });
});

describe('protections', () => {
  test('a new protection keeps the file’s editors and the domain; Google’s sample restricts it', () => {
    const { bundle, testing } = standalone();
    const id = testing.sheets.createSpreadsheet('Registro');
    testing.files.grant(id, ANNA, 'editors');
    testing.files.setGeneralAccess(id, 'DOMAIN_WITH_LINK', 'EDIT'); // Mario edits as one of the domain
    expect(bundle.run(OWNER, 'protectRegister', id)).toEqual({ editors: [ANNA, OWNER], domain: true });
    testing.sheets.userEdit(ANNA, id, 'Foglio1', 'B2', 'Anna');
    testing.sheets.userEdit(MARIO, id, 'Foglio1', 'B3', 'Mario');
    expect(bundle.run(OWNER, 'ownerOnly', id)).toEqual({ editors: [OWNER], domain: false });
    expect(() => testing.sheets.userEdit(ANNA, id, 'Foglio1', 'B2', 'x')).toThrow(PROTECTED_MESSAGE);
    expect(() => testing.sheets.userEdit(MARIO, id, 'Foglio1', 'B3', 'x')).toThrow(PROTECTED_MESSAGE);
    testing.sheets.userEdit(ANNA, id, 'Foglio1', 'D1', 'fuori'); // outside the protected range
    expect(testing.sheets.sheetValues(id, 'Foglio1').slice(0, 3)).toEqual([
      ['', '', '', 'fuori'],
      ['', 'Anna', '', ''],
      ['', 'Mario', '', ''],
    ]);
  });

  test('a file not shared with the domain gives a protection without domain edit', () => {
    const { bundle, testing } = standalone();
    const id = testing.sheets.createSpreadsheet('Registro');
    testing.files.setGeneralAccess(id, 'DOMAIN_WITH_LINK', 'VIEW');
    expect(bundle.run(OWNER, 'protectRegister', id)).toEqual({ editors: [OWNER], domain: false });
  });
});

describe('forms and the publishing change of 30 June 2026', () => {
  type Publishable = {
    setPublished(enabled: boolean): unknown;
    isPublished(): boolean;
    supportsAdvancedResponderPermissions(): boolean;
  };

  test('a form made on or after 30 June 2026 is unpublished and takes no response until published', () => {
    const { globals, testing } = standalone(UNPUBLISHED_BY_DEFAULT_FROM_MS);
    expect(UNPUBLISHED_BY_DEFAULT_FROM_MS).toBe(Date.UTC(2026, 5, 30));
    const form = globals.FormApp.create('Richiesta');
    const publishable = form as unknown as Publishable;
    expect([publishable.isPublished(), publishable.supportsAdvancedResponderPermissions()]).toEqual([
      false,
      true,
    ]);
    expect(() => testing.forms.submit(form.getId(), ANNA, {})).toThrow('is not published');
    expect(form.getResponses()).toHaveLength(0);
    publishable.setPublished(true);
    expect(publishable.isPublished()).toBe(true);
    testing.forms.submit(form.getId(), ANNA, {});
    expect(form.getResponses()).toHaveLength(1);
  });

  test('a form made before 30 June 2026 is published and takes responses at once', () => {
    const { globals, testing } = standalone(UNPUBLISHED_BY_DEFAULT_FROM_MS - 60 * 1000);
    const form = globals.FormApp.create('Richiesta');
    expect((form as unknown as Publishable).isPublished()).toBe(true);
    testing.forms.submit(form.getId(), ANNA, {});
    expect(form.getResponses()).toHaveLength(1);
  });
});

describe('the kind of execution decides the active and the effective user', () => {
  test('a run from the editor is the runner’s, active and effective', () => {
    const { bundle, testing, scriptId } = standalone();
    testing.files.grant(scriptId, ANNA, 'editors');
    expect(bundle.run(ANNA, 'who')).toEqual([ANNA, ANNA]);
    expect(bundle.run(OWNER, 'who')).toEqual([OWNER, OWNER]);
  });

  test('an installable trigger runs as the user who created it', () => {
    const { bundle, globals, testing, state, scriptId, ws } = standalone();
    testing.files.grant(scriptId, ANNA, 'editors');
    bundle.run(ANNA, 'installClock');
    testing.runTimeTriggersUntil(ws.nowMs + 2 * 60 * 1000);
    expect(globals.PropertiesService.getScriptProperties().getProperty('onClock')).toBe(`${ANNA}|${ANNA}`);
    const last = state.script.executions[state.script.executions.length - 1];
    expect([last.functionName, last.kind, last.user, last.status]).toEqual([
      'onClock',
      'trigger',
      ANNA,
      'completed',
    ]);
  });

  test('a web app executing as the deployer: a visitor of the domain is the active user', () => {
    const { bundle, testing } = standalone();
    testing.deploy(webApp('AKfycbDomain', 'DOMAIN'));
    expect(bundle.callFromClient(ANNA, 'who')).toEqual([ANNA, OWNER]);
  });

  test('a web app executing as the deployer: a visitor from outside the domain is hidden', () => {
    const { bundle, testing } = standalone();
    testing.deploy(webApp('AKfycbAnyone', 'ANYONE'));
    expect(bundle.callFromClient(GUEST, 'who')).toEqual(['', OWNER]);
  });

  test('a web app executing as the visitor runs with the visitor’s rights', () => {
    const { bundle, testing } = standalone();
    testing.deploy(webApp('AKfycbAccessing', 'ANYONE', 'USER_ACCESSING'));
    expect(bundle.callFromClient(GUEST, 'who')).toEqual([GUEST, GUEST]);
  });

  test('the add-on runs as the user, who must be in the domain it is installed for', () => {
    const { bundle, testing } = standalone();
    testing.deploy(ADD_ON);
    expect(bundle.runAddOn(ANNA, 'who')).toEqual([ANNA, ANNA]);
    expect(refusal(() => bundle.runAddOn(GUEST, 'who'))).toBe(403);
  });

  test('a simple trigger is restricted: no service needing a scope, but its own file and the user of the domain', () => {
    const { globals, testing, containerId } = bound();
    testing.files.grant(containerId, ANNA, 'editors');
    testing.sheets.openSpreadsheet(ANNA, containerId);
    const props = globals.PropertiesService.getScriptProperties();
    expect(props.getProperty('onOpen')).toBe(`${ANNA}|${ANNA}|LIMITED`);
    expect(props.getProperty('openById')).toBe(
      `You do not have permission to call SpreadsheetApp.openById. Required permissions: ${SCOPE.spreadsheets}`,
    );
    // "They can modify the file they are bound to" (Simple triggers, Restrictions).
    expect(testing.sheets.sheetValues(containerId, 'Foglio1')).toEqual([['aperto']]);
  });

  test('a simple trigger does not reveal a user from outside the domain', () => {
    const { globals, testing, containerId, state } = bound();
    testing.files.grant(containerId, GUEST, 'editors');
    testing.sheets.openSpreadsheet(GUEST, containerId);
    expect(globals.PropertiesService.getScriptProperties().getProperty('onOpen')).toBe('||LIMITED');
    const last = state.script.executions[state.script.executions.length - 1];
    expect([last.functionName, last.kind, last.status]).toEqual(['onOpen', 'simple-trigger', 'completed']);
  });

  test('no open trigger, simple or installable, runs for who opens the file read-only', () => {
    const { globals, testing, containerId, state } = bound();
    globals.ScriptApp.newTrigger('onClock').forSpreadsheet(containerId).onOpen().create();
    testing.files.grant(containerId, ANNA, 'viewers');
    testing.sheets.openSpreadsheet(ANNA, containerId);
    expect(state.script.executions).toHaveLength(0);
    testing.sheets.openSpreadsheet(OWNER, containerId);
    expect(state.script.executions.map((e) => [e.functionName, e.kind, e.user])).toEqual([
      ['onOpen', 'simple-trigger', OWNER],
      ['onClock', 'trigger', OWNER],
    ]);
  });
});

describe('the script project', () => {
  test('only its editors can run it from the script editor', () => {
    const { bundle, testing, scriptId } = standalone();
    expect(refusal(() => bundle.run(ANNA, 'who'))).toBe(403);
    testing.files.grant(scriptId, ANNA, 'viewers');
    expect(refusal(() => bundle.run(ANNA, 'who'))).toBe(403);
    testing.files.grant(scriptId, ANNA, 'editors');
    expect(bundle.run(ANNA, 'who')).toEqual([ANNA, ANNA]);
  });

  test('a bound project is run by the editors of its container', () => {
    const { bundle, testing, containerId } = bound();
    expect(refusal(() => bundle.run(ANNA, 'who'))).toBe(403);
    testing.files.grant(containerId, ANNA, 'editors');
    expect(bundle.run(ANNA, 'who')).toEqual([ANNA, ANNA]);
  });

  test('a standalone project has no simple triggers: only installable ones run for its files', () => {
    const { globals, testing, state } = standalone();
    const id = testing.sheets.createSpreadsheet('Registro');
    globals.ScriptApp.newTrigger('onClock').forSpreadsheet(id).onOpen().create();
    testing.sheets.openSpreadsheet(OWNER, id);
    testing.sheets.userEdit(OWNER, id, 'Foglio1', 'A1', 'x');
    expect(state.script.executions.map((e) => [e.functionName, e.kind])).toEqual([['onClock', 'trigger']]);
  });

  test('a standalone project has no active spreadsheet; a bound one has its container', () => {
    expect(standalone().bundle.run(OWNER, 'hasActiveSpreadsheet')).toBe(false);
    expect(bound().bundle.run(OWNER, 'hasActiveSpreadsheet')).toBe(true);
  });
});

describe('a web app called with a token (UrlFetchApp)', () => {
  /** A standalone project whose manifest grants `scopes`, with a DOMAIN web app and the add-on. */
  function deployed(scopes = [SCOPE.driveReadonly, SCOPE.external]) {
    const w = createWorkspace({ owner: OWNER, nowMs: NOW });
    const bundle = withManifest(w, scopes);
    w.testing.deploy(webApp('AKfycbDomain', 'DOMAIN'));
    w.testing.deploy(ADD_ON);
    const url = execUrl('AKfycbDomain');
    /** Anna presses a button of the add-on, whose action calls the web app with her token. */
    const annaCalls = (address: string) =>
      bundle.runAddOn(ANNA, 'onCardAction', { commonEventObject: { parameters: { url: address } } });
    return { ...w, bundle, url, annaCalls, scriptId: w.state.script.scriptId };
  }
  const body = (r: unknown) => JSON.parse((r as [number, string])[1]) as { who: string[]; url: string };

  test('a token without a Drive scope is Unauthorized (401)', () => {
    const { bundle, url } = deployed([SCOPE.external]);
    expect(bundle.run(OWNER, 'fetchWithMyToken', url)).toEqual([401, '<TITLE>Unauthorized</TITLE>']);
  });

  test('a caller who cannot open the project gets Google Drive’s Access Denied (403)', () => {
    const { bundle, testing, url, annaCalls, scriptId } = deployed();
    // Her browser may open the page: the project's sharing matters to tokens only.
    expect(refusal(() => bundle.openWebApp(ANNA))).toBe('not refused');
    expect(annaCalls(url)).toEqual([403, '<title>Google Drive - Access Denied</title>']);
    testing.files.grant(scriptId, ANNA, 'viewers');
    const answer = annaCalls(url) as [number, string];
    expect(answer[0]).toBe(200);
    expect(body(answer).who).toEqual([ANNA, OWNER]);
  });

  test('a caller outside the domain of a DOMAIN web app is refused (403), with a token or in a browser', () => {
    const { bundle, testing, url, scriptId } = deployed();
    testing.files.grant(scriptId, GUEST, 'editors');
    expect(bundle.run(GUEST, 'fetchWithMyToken', url)).toEqual([
      403,
      'You need access. Ask for access, or switch to an account with access.',
    ]);
    expect(refusal(() => bundle.openWebApp(GUEST))).toBe(403);
  });

  test('the /dev URL answers the project’s editors only', () => {
    const { bundle, testing, state, annaCalls, scriptId } = deployed();
    const dev = devUrl(state.script);
    testing.files.grant(scriptId, ANNA, 'viewers');
    expect(annaCalls(dev)).toEqual([403, '<title>Google Drive - Access Denied</title>']);
    const answer = bundle.run(OWNER, 'fetchWithMyToken', dev) as [number, string];
    expect(answer[0]).toBe(200);
    expect(body(answer)).toEqual({ who: [OWNER, OWNER], url: dev });
  });

  test('an unknown deployment is not found (404)', () => {
    const { bundle } = deployed();
    expect(bundle.run(OWNER, 'fetchWithMyToken', execUrl('AKfycbNoSuchDeployment'))).toEqual([
      404,
      'Sorry, unable to open the file at this time.',
    ]);
    expect(refusal(() => bundle.openWebApp(ANNA, {}, 'AKfycbNoSuchDeployment'))).toBe(404);
  });
});

describe('ScriptApp.getService().getUrl()', () => {
  test('null before any web app deployment; the head /dev URL outside a web request', () => {
    const { bundle, testing, state } = standalone();
    testing.deploy(ADD_ON);
    expect(bundle.run(OWNER, 'serviceUrl')).toBeNull();
    testing.deploy(webApp('AKfycbDomain', 'DOMAIN'));
    expect(bundle.run(OWNER, 'serviceUrl')).toBe(devUrl(state.script));
    expect(bundle.runAddOn(ANNA, 'serviceUrl')).toBe(devUrl(state.script));
  });

  test('inside a web request, the /exec URL of the deployment serving it', () => {
    const { bundle, testing } = standalone();
    testing.deploy(webApp('AKfycbDomain', 'DOMAIN'));
    testing.deploy(webApp('AKfycbAnyone', 'ANYONE'));
    expect(bundle.callFromPage('AKfycbDomain', ANNA, 'serviceUrl')).toBe(execUrl('AKfycbDomain'));
    expect(bundle.callFromPage('AKfycbAnyone', ANNA, 'serviceUrl')).toBe(execUrl('AKfycbAnyone'));
    const page = bundle.openWebApp(ANNA, {}, 'AKfycbAnyone') as { getContent(): string };
    expect(JSON.parse(page.getContent())).toEqual({ who: [ANNA, OWNER], url: execUrl('AKfycbAnyone') });
  });
});

describe('tokens', () => {
  test('carry the effective user and the manifest’s scopes', () => {
    const w = createWorkspace({ owner: OWNER, nowMs: NOW });
    const scopes = [SCOPE.drive, SCOPE.external];
    const bundle = withManifest(w, scopes);
    expect(w.state.script.oauthScopes).toEqual(scopes);
    w.testing.deploy(webApp('AKfycbDomain', 'DOMAIN'));
    w.testing.deploy(ADD_ON);
    const read = (t: unknown) => readToken(`Bearer ${String(t)}`);
    expect(read(bundle.run(OWNER, 'token'))).toEqual({ user: OWNER, scopes });
    expect(read(bundle.runAddOn(ANNA, 'token'))).toEqual({ user: ANNA, scopes });
    // A web app executing as the deployer has the deployer's token, whoever visits.
    expect(read(bundle.callFromClient(ANNA, 'token'))).toEqual({ user: OWNER, scopes });
  });
});
