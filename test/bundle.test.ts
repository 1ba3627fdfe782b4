// The built dist/Code.js as Apps Script sees it: a classic script (no import/export) that
// loads in node:vm with stand-in globals and exposes every entry point of src/main.ts as a
// top-level function declaration.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vm from 'node:vm';
import * as ts from 'typescript';
import { bundlePath } from './helpers/bundle';

const root = join(__dirname, '..');
let code = '';

const manifestPath = () => join(dirname(bundlePath()), 'appsscript.json');

beforeAll(() => {
  code = readFileSync(bundlePath(), 'utf8');
});

/** The exported function names of src/main.ts, read by the TypeScript compiler. */
function mainExports(): string[] {
  const source = ts.createSourceFile(
    'main.ts',
    readFileSync(join(root, 'src/main.ts'), 'utf8'),
    ts.ScriptTarget.ES2020,
    true,
  );
  return source.statements
    .filter(ts.isFunctionDeclaration)
    .filter((f) => f.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))
    .map((f) => f.name?.text ?? '');
}

/** Names of top-level function declarations of a classic script. */
function topLevelFunctions(script: string): string[] {
  const source = ts.createSourceFile('Code.js', script, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);
  return source.statements.filter(ts.isFunctionDeclaration).map((f) => f.name?.text ?? '');
}

test('parses as a classic script, with no import or export', () => {
  expect(() => new vm.Script(code, { filename: 'Code.js' })).not.toThrow();
  expect(code).not.toMatch(/^\s*(import|export)\s/m);
});

test('loads in node:vm with stand-in globals and without Node-only APIs', () => {
  // Loading runs no Apps Script service: the stand-ins throw if anything is called at load time.
  const standIn = (name: string) =>
    new Proxy(
      {},
      {
        get: (_t, p) => {
          throw new Error(`${name}.${String(p)} used at load time`);
        },
      },
    );
  const context = vm.createContext({
    SpreadsheetApp: standIn('SpreadsheetApp'),
    FormApp: standIn('FormApp'),
    CalendarApp: standIn('CalendarApp'),
    DriveApp: standIn('DriveApp'),
    MailApp: standIn('MailApp'),
    console,
  });
  vm.runInContext(code, context);
  for (const name of mainExports()) expect(typeof context[name]).toBe('function');
  for (const forbidden of [
    'setTimeout',
    'fetch',
    'URL',
    'TextEncoder',
    'atob',
    'crypto',
    'process',
    'require',
  ]) {
    expect(vm.runInContext(`typeof ${forbidden}`, context)).toBe('undefined');
  }
});

test('every entry point of src/main.ts is a top-level function declaration; no bound-script pieces', () => {
  const exported = mainExports();
  expect(exported).toEqual(
    expect.arrayContaining([
      'setup',
      'checkRegister',
      'handOverOwnership',
      'onFormSubmit',
      'onRegisterEdit',
      'onTimer',
      'doGet',
      'doPost',
      'onHomepage',
      'onGmailMessage',
      'onCalendarEvent',
      'onMyDaysAction',
      'onToApproveAction',
      'onGuideAction',
      'onCardAction',
      'onWorkingLocationTimer',
      'pageOverview',
      'pageDecide',
      'pageCancel',
    ]),
  );
  // A standalone project: no menu, no container, no spreadsheet UI.
  expect(exported).not.toContain('onOpen');
  expect(exported).not.toContain('openSidebar');
  expect(code).not.toMatch(/getActiveSpreadsheet|getUi\(|showSidebar/);
  const declared = topLevelFunctions(code);
  for (const name of exported) expect(declared).toContain(name);
});

/** Every function name the manifest names (homepage, universal actions, host triggers). */
function manifestFunctions(manifest: unknown): string[] {
  const names: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'runFunction' || k === 'onTriggerFunction') && typeof x === 'string') names.push(x);
        else walk(x);
      }
  };
  walk(manifest);
  return names;
}

test('functions named by the manifest, triggers, card actions and the web page exist at top level', () => {
  const declared = new Set(topLevelFunctions(code));
  const referenced = new Set<string>();
  // Triggers: the *_HANDLER constants setup installs; the page: callServer('name', ...);
  // cards: setFunctionName('name').
  for (const m of code.matchAll(/callServer\("([A-Za-z_$][\w$]*)"/g)) referenced.add(m[1]);
  for (const m of code.matchAll(/setFunctionName\("([A-Za-z_$][\w$]*)"\)/g)) referenced.add(m[1]);
  for (const file of ['src/gas/safety.ts', 'src/gas/addon.ts', 'src/ui/cards.ts'])
    for (const m of readFileSync(join(root, file), 'utf8').matchAll(
      /(?:_HANDLER|CARD_ACTION) = '([A-Za-z_$][\w$]*)'/g,
    ))
      referenced.add(m[1]);
  const manifest = JSON.parse(readFileSync(manifestPath(), 'utf8'));
  for (const name of manifestFunctions(manifest)) referenced.add(name);
  expect([...referenced]).toEqual(
    expect.arrayContaining(['onHomepage', 'onGmailMessage', 'onCalendarEvent', 'onCardAction', 'onTimer']),
  );
  for (const name of referenced) expect([name, declared.has(name)]).toEqual([name, true]);
  // Nothing private (a trailing underscore) is named where Google would have to call it.
  for (const name of referenced) expect(name.endsWith('_')).toBe(false);
});

test('the manifest: V8 in Europe/Rome, a Workspace add-on for Sheets, Gmail and Calendar, a domain web app as its deployer', () => {
  const manifest = JSON.parse(readFileSync(manifestPath(), 'utf8'));
  expect(manifest).toMatchObject({
    runtimeVersion: 'V8',
    timeZone: 'Europe/Rome',
    exceptionLogging: 'STACKDRIVER',
    webapp: { executeAs: 'USER_DEPLOYING', access: 'DOMAIN' },
  });
  const { common, ...hosts } = manifest.addOns;
  expect(Object.keys(hosts).sort()).toEqual(['calendar', 'gmail', 'sheets']);
  expect(common).toMatchObject({
    name: expect.stringMatching(/Agorà/),
    logoUrl: expect.stringMatching(/^https:\/\//),
    layoutProperties: {
      primaryColor: expect.stringMatching(/^#/),
      secondaryColor: expect.stringMatching(/^#/),
    },
    homepageTrigger: { runFunction: 'onHomepage', enabled: true },
  });
  expect(common.universalActions.map((a: { label: string }) => a.label)).toEqual(
    expect.arrayContaining(['Le mie giornate', 'Da approvare', 'Guida']),
  );
  // Each scope has a reason in the README; a container's UI is not one of them any more.
  expect([...manifest.oauthScopes].sort()).toEqual(
    [
      'https://www.googleapis.com/auth/calendar',
      'https://www.googleapis.com/auth/calendar.addons.execute',
      'https://www.googleapis.com/auth/calendar.addons.current.event.read',
      'https://www.googleapis.com/auth/documents',
      'https://www.googleapis.com/auth/drive',
      'https://www.googleapis.com/auth/forms',
      'https://www.googleapis.com/auth/gmail.addons.execute',
      'https://www.googleapis.com/auth/gmail.addons.current.message.readonly',
      'https://www.googleapis.com/auth/script.external_request',
      'https://www.googleapis.com/auth/script.locale',
      'https://www.googleapis.com/auth/script.scriptapp',
      'https://www.googleapis.com/auth/script.send_mail',
      'https://www.googleapis.com/auth/spreadsheets',
      'https://www.googleapis.com/auth/userinfo.email',
    ].sort(),
  );
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  for (const scope of manifest.oauthScopes) expect([scope, readme.includes(scope)]).toEqual([scope, true]);
  expect(manifest.dependencies.enabledAdvancedServices).toEqual([
    expect.objectContaining({ userSymbol: 'Calendar', version: 'v3' }),
    expect.objectContaining({ userSymbol: 'Sheets', version: 'v4' }),
  ]);
});

test('the web app URL the add-on calls is the one recorded at deploy time, not read at run time', () => {
  const deployments = JSON.parse(readFileSync(join(root, 'deployments.json'), 'utf8'));
  expect(code).toContain(JSON.stringify(deployments.webApp.deploymentId));
  // getService().getUrl() is reliable only inside a web request: the code never asks it.
  expect(code).not.toMatch(/getService\(\)\s*\.getUrl/);
});
