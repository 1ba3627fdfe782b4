// Runs the built bundle (dist/Code.js) as Apps Script would: a classic script in a global scope
// that holds the Apps Script services (the in-memory Workspace fakes) and the ECMAScript built-ins,
// and nothing of Node or of browsers: no setTimeout, fetch, URL, TextEncoder, atob, crypto,
// process, require. A bundle that needs them fails here as it would in production.
//
// As in Apps Script, every execution (a function run, a menu item, a trigger) starts from a
// fresh global scope in which the whole script is evaluated again: nothing a previous execution
// left in a global variable survives (opt out with `freshContextPerExecution: false`).
// Only top-level function declarations can be run or be trigger handlers.
//
// Dates: the script's `Date` is a host-realm Date whose `new Date()` and `Date.now()` read the
// Workspace's fake clock, so Dates made by the script and by the fakes are the same kind of object.
// Errors the fakes throw are made in the script's realm (`e instanceof Error` holds there).
import { existsSync, readFileSync } from 'node:fs';
import * as vm from 'node:vm';
import ts from 'typescript';
import type { Workspace } from './core';
import type { CreatedWorkspace } from './index';
import { dirname, join } from 'node:path';
import { sameDomain, type ExecutionKind, type ScriptFunction } from './script';
import { enterWebApp, isRefusal } from './web';

/** Names a browser or Node offers and Apps Script does not. */
export const FORBIDDEN_GLOBALS = [
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'queueMicrotask',
  'structuredClone',
  'fetch',
  'XMLHttpRequest',
  'URL',
  'URLSearchParams',
  'TextEncoder',
  'TextDecoder',
  'atob',
  'btoa',
  'crypto',
  'process',
  'require',
  'module',
  'exports',
  'Buffer',
  'global',
  'window',
  'document',
] as const;

/** The names of the top-level function declarations of a classic script. */
export function functionNames(codeText: string): string[] {
  const source = ts.createSourceFile('Code.js', codeText, ts.ScriptTarget.ES2020, false, ts.ScriptKind.JS);
  const names: string[] = [];
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) names.push(statement.name.text);
  }
  return names;
}

/** A `Date` whose no-argument constructor and `now()` read the fake clock; instances are host Dates. */
export function makeFakeDate(ws: Workspace): DateConstructor {
  const HostDate = Date;
  function FakeDate(this: unknown, ...args: unknown[]): unknown {
    // Called without `new`, Date gives the current time as a string.
    if (!new.target) return new HostDate(ws.nowMs).toString();
    return Reflect.construct(HostDate, args.length === 0 ? [ws.nowMs] : args, new.target);
  }
  Object.setPrototypeOf(FakeDate, HostDate);
  // Instances made through FakeDate get Date.prototype: `x instanceof Date` holds for the fakes' Dates too.
  FakeDate.prototype = HostDate.prototype;
  Object.defineProperty(FakeDate, 'name', { value: 'Date' });
  Object.defineProperty(FakeDate, 'length', { value: 7 });
  Object.defineProperty(FakeDate, 'now', { value: () => ws.nowMs, writable: true, configurable: true });
  return FakeDate as unknown as DateConstructor;
}

export interface RunOptions {
  user: string;
  /** Whose rights the code runs with when not the user's (a web app that executes as its owner). */
  effectiveUser?: string;
  kind?: ExecutionKind;
  /** Whether SpreadsheetApp.getUi() works (default: true, as from a menu or the sidebar). */
  hasUi?: boolean;
  deploymentId?: string;
}

/** What a person's browser is refused with, before any code of the script runs. */
export class AccessRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AccessRefused';
  }
}

export interface LoadedBundle {
  /** The global scope of the first evaluation (each execution gets its own fresh one). */
  context: vm.Context;
  /** The top-level function declarations of the script. */
  functionNames: string[];
  /**
   * Runs top-level function `name` from the script editor as `user`: only people who can edit
   * the project (its file, or its container for a bound script) can open the editor at all.
   */
  run(user: string, name: string, ...args: unknown[]): unknown;
  /** Any execution, described by `opts` (tests of the fakes). */
  runAs(opts: RunOptions, name: string, ...args: unknown[]): unknown;
  /**
   * Calls `name` as `google.script.run` does from the page of the web app (the first web app
   * deployment, or `deploymentId`), for `visitor` signed in: the deployment's access and
   * "execute as" apply; private functions (ending in _) are not callable, arguments must be
   * primitives, arrays and plain objects (no Date, no function), and a result containing a Date
   * or a function reaches the client as null.
   */
  callFromClient(visitor: string, name: string, ...args: unknown[]): unknown;
  callFromPage(deploymentId: string, visitor: string, name: string, ...args: unknown[]): unknown;
  /** `visitor` opens the web app page in a browser: doGet's output (an HtmlOutput). */
  openWebApp(visitor: string, parameter?: Record<string, string>, deploymentId?: string): unknown;
  /**
   * The Workspace add-on runs `name` (homepage, card action, universal action, add-on
   * trigger) as `user`, who must be in the domain it is installed for.
   */
  runAddOn(user: string, name: string, event?: unknown): unknown;
  /** Runs the function behind a menu item the user has (captions: menu, [submenu...], item). */
  clickMenu(user: string, ...captions: string[]): unknown;
}

export interface LoadOptions {
  /** File name shown in stack traces. */
  filename?: string;
  /** Evaluate the script again for every execution, as Apps Script does (default true). */
  freshContextPerExecution?: boolean;
}

/** Loads the bundle at `codePath` on the Workspace `workspace`. */
export function loadBundle(
  workspace: CreatedWorkspace,
  codePath = 'dist/Code.js',
  opts: LoadOptions = {},
): LoadedBundle {
  // The manifest pushed beside the code: its scopes are what the script's tokens carry.
  const manifest = join(dirname(codePath), 'appsscript.json');
  if (existsSync(manifest)) {
    const scopes = (JSON.parse(readFileSync(manifest, 'utf8')) as { oauthScopes?: string[] }).oauthScopes;
    workspace.state.script.oauthScopes = [...(scopes ?? [])];
  }
  return loadBundleSource(workspace, readFileSync(codePath, 'utf8'), { filename: codePath, ...opts });
}

/** Loads a classic script given as text on the Workspace `workspace`. */
export function loadBundleSource(
  workspace: CreatedWorkspace,
  code: string,
  opts: LoadOptions = {},
): LoadedBundle {
  const { ws, runtime } = workspace;
  const script = new vm.Script(code, { filename: opts.filename ?? 'Code.js' });
  const topLevel = new Set(functionNames(code));
  const fakeDate = makeFakeDate(ws);

  let checked = false;
  const newContext = (): vm.Context => {
    const sandbox: Record<string, unknown> = { ...workspace.globals, Date: fakeDate };
    const context = vm.createContext(sandbox, {
      name: 'Apps Script',
      codeGeneration: { strings: true, wasm: false },
    });
    if (!checked) {
      // Every context is made the same way: checking the first is enough.
      const present = FORBIDDEN_GLOBALS.filter(
        (n) => vm.runInContext(`typeof ${n}`, context) !== 'undefined',
      );
      if (present.length > 0)
        throw new Error(`The script's global scope must not have: ${present.join(', ')}`);
      checked = true;
    }
    // Errors thrown while this context's code runs are made in its realm.
    ws.errorConstructor = vm.runInContext('Error', context) as ErrorConstructor;
    script.runInContext(context);
    return context;
  };

  const savedError = ws.errorConstructor;
  const first = newContext();
  ws.errorConstructor = savedError;
  const fresh = opts.freshContextPerExecution ?? true;

  const resolve = (name: string): ScriptFunction | undefined => {
    if (!topLevel.has(name)) return undefined;
    const context = fresh ? newContext() : first;
    if (!fresh) ws.errorConstructor = vm.runInContext('Error', context) as ErrorConstructor;
    const fn = (context as Record<string, unknown>)[name];
    return typeof fn === 'function' ? (fn as ScriptFunction) : undefined;
  };
  runtime.resolveFunction = resolve;
  runtime.hasFunction = (name) =>
    topLevel.has(name) && typeof (first as Record<string, unknown>)[name] === 'function';

  const runAs = (o: RunOptions, name: string, ...args: unknown[]): unknown =>
    runtime.execute(
      {
        functionName: name,
        kind: o.kind ?? 'editor',
        user: o.user,
        effectiveUser: o.effectiveUser ?? null,
        deploymentId: o.deploymentId ?? null,
        hasUi: o.hasUi ?? true,
      },
      () => {
        const fn = resolve(name);
        if (!fn) throw ws.error(`Script function not found: ${name}`);
        return fn(...args);
      },
    );

  const webAppId = (deploymentId?: string): string => {
    const d = runtime.state.deployments.find((x) => x.webApp && (!deploymentId || x.id === deploymentId));
    if (!d) throw new AccessRefused(404, 'Sorry, unable to open the file at this time.');
    return d.id;
  };
  /** A browser request to the web app: Google's access rules first, then an execution. */
  const asVisitor = (deploymentId: string, visitor: string, name: string, args: unknown[]): unknown => {
    const entry = enterWebApp(runtime, deploymentId, visitor, null);
    if (isRefusal(entry)) throw new AccessRefused(entry.status, entry.text);
    return runAs(
      {
        user: entry.activeUser,
        effectiveUser: entry.effectiveUser,
        kind: 'webapp',
        hasUi: false,
        deploymentId: entry.deployment.id,
      },
      name,
      ...args,
    );
  };
  const callFromPage = (deploymentId: string, visitor: string, name: string, ...args: unknown[]): unknown => {
    if (name.endsWith('_')) throw new Error(`Script function not found: ${name}`);
    args.forEach((a, i) => assertTransferable(a, String(i)));
    return toClient(asVisitor(deploymentId, visitor, name, args));
  };

  return {
    context: first,
    functionNames: [...topLevel],
    run(user, name, ...args) {
      if (runtime.projectAccess(user) < 3)
        throw new AccessRefused(403, `${user} cannot open the script project in the editor.`);
      return runAs({ user }, name, ...args);
    },
    runAs,
    callFromClient: (visitor, name, ...args) => callFromPage(webAppId(), visitor, name, ...args),
    callFromPage,
    openWebApp(visitor, parameter = {}, deploymentId) {
      const event = { parameter, parameters: {}, queryString: '', contextPath: '', contentLength: -1 };
      return asVisitor(webAppId(deploymentId), visitor, 'doGet', [event]);
    },
    runAddOn(user, name, event) {
      const addOn = runtime.state.deployments.find((d) => d.addOn);
      // Installed by the administrator for the deployer's domain: nobody else has it.
      if (!addOn || !sameDomain(user, addOn.deployer))
        throw new AccessRefused(403, `The add-on is not installed for ${user}.`);
      return runAs({ user, kind: 'addon', hasUi: false, deploymentId: addOn.id }, name, event);
    },
    clickMenu(user, ...captions) {
      return runAs({ user }, workspace.testing.sheets.menuFunction(user, ...captions));
    },
  };
}

const isPlainObject = (v: object) => {
  const proto = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
};

/** Throws as google.script.run does for an argument it cannot pass. */
function assertTransferable(value: unknown, path: string): void {
  if (value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value)) return;
  if (typeof value === 'object' && (Array.isArray(value) || isPlainObject(value))) {
    for (const [k, v] of Object.entries(value)) assertTransferable(v, `${path}.${k}`);
    return;
  }
  throw new TypeError(`Failed due to illegal value in property: ${path}`);
}

/** The result as the client receives it: a copy of plain data, or null if it holds a Date or a function. */
function toClient(value: unknown): unknown {
  let illegal = false;
  const copy = (v: unknown): unknown => {
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) return v;
    if (v === undefined) return undefined;
    if (typeof v === 'object' && (Array.isArray(v) || isPlainObject(v))) {
      if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : copy(x)));
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = copy(x);
      return out;
    }
    illegal = true;
    return null;
  };
  const result = copy(value);
  return illegal ? null : result;
}
