// The built dist/Code.js as Apps Script sees it: a classic script (no import/export) that
// loads in node:vm with stand-in globals and exposes every entry point of src/main.ts as a
// top-level function declaration.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vm from 'node:vm';
import * as ts from 'typescript';

const root = join(__dirname, '..');
let code = '';

beforeAll(() => {
  execFileSync('node', ['esbuild.config.mjs'], { cwd: root, stdio: 'pipe' });
  code = readFileSync(join(root, 'dist/Code.js'), 'utf8');
  console.log(`dist/Code.js: ${(code.length / 1024).toFixed(1)} KiB`);
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

test('every entry point of src/main.ts is a top-level function declaration', () => {
  const exported = mainExports();
  expect(exported).toEqual(
    expect.arrayContaining([
      'onOpen',
      'setup',
      'onFormSubmit',
      'onTimer',
      'openSidebar',
      'sidebarLoad',
      'sidebarDecide',
      'sidebarCancel',
    ]),
  );
  const declared = topLevelFunctions(code);
  for (const name of exported) expect(declared).toContain(name);
});

test('functions named by menus, triggers and the sidebar exist at top level', () => {
  const declared = new Set(topLevelFunctions(code));
  const referenced = new Set<string>();
  // Menu items: .addItem('Caption', 'functionName'); triggers: newTrigger('functionName');
  // the sidebar: callServer('functionName', ...).
  for (const m of code.matchAll(/\.addItem\([^,]+,\s*"([A-Za-z_$][\w$]*)"\)/g)) referenced.add(m[1]);
  for (const m of code.matchAll(/callServer\("([A-Za-z_$][\w$]*)"/g)) referenced.add(m[1]);
  for (const m of readFileSync(join(root, 'src/gas/setup.ts'), 'utf8').matchAll(
    /_HANDLER = '([A-Za-z_$][\w$]*)'/g,
  ))
    referenced.add(m[1]);
  expect(referenced.size).toBeGreaterThanOrEqual(6);
  for (const name of referenced) expect(declared.has(name)).toBe(true);
});

test('the manifest targets V8 in Europe/Rome with explicit scopes and the Calendar service', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'dist/appsscript.json'), 'utf8'));
  expect(manifest).toMatchObject({
    runtimeVersion: 'V8',
    timeZone: 'Europe/Rome',
    exceptionLogging: 'STACKDRIVER',
  });
  expect(manifest.oauthScopes).toEqual(
    expect.arrayContaining([
      'https://www.googleapis.com/auth/spreadsheets',
      'https://www.googleapis.com/auth/forms',
      'https://www.googleapis.com/auth/calendar',
      'https://www.googleapis.com/auth/drive',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.send_mail',
      'https://www.googleapis.com/auth/script.scriptapp',
      'https://www.googleapis.com/auth/userinfo.email',
    ]),
  );
  expect(manifest.dependencies.enabledAdvancedServices).toEqual([
    expect.objectContaining({ userSymbol: 'Calendar', version: 'v3' }),
    expect.objectContaining({ userSymbol: 'Sheets', version: 'v4' }),
  ]);
});
