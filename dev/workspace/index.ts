// The in-memory Google Workspace in one call: one core (clock, user, call counts, injected
// errors), every fake service, and ONE plain JSON state object holding all of their data, so the
// playground can save a Workspace to a file and bring it back:
//
//   const { globals, state, testing } = createWorkspace({ owner: 'hr@example.it' });
//   writeFileSync('ws.json', JSON.stringify(state));
//   const again = createWorkspace({ state: JSON.parse(readFileSync('ws.json', 'utf8')) });
//
// `globals` are what Apps Script gives a script (SpreadsheetApp, FormApp, ...); bundle.ts runs
// the built script on them. `testing` is what people do outside any script: open a spreadsheet,
// type into a cell, submit a form, let time pass for clock triggers, hold a lock elsewhere.
import { type CalendarState, createCalendarServices, emptyCalendarState } from './calendar';
import { createCardService } from './card';
import { createDocumentApp } from './document';
import { createGmailApp } from './gmail';
import { type CoreState, Workspace } from './core';
import { type DriveState, GOOGLE_MIME, createDriveApp, createDriveFiles, emptyDriveState } from './drive';
import { type FormsState, createFormApp, emptyFormsState } from './forms';
import { createHtmlService } from './html';
import { type MailState, createMailApp, emptyMailState } from './mail';
import { createContentService, createUrlFetchApp } from './web';
import { createSheetsApi } from './sheets-api';
import {
  type DeploymentData,
  type LockScope,
  type ScriptState,
  ScriptRuntime,
  createLockService,
  createScriptApp,
  emptyScriptState,
  holdLockElsewhere,
} from './script';
import {
  CHART_TYPES,
  type SpreadsheetState,
  createSpreadsheetApp,
  emptySpreadsheetState,
} from './spreadsheet';
import {
  type CacheState,
  type PropertiesState,
  createCacheService,
  createPropertiesService,
  emptyCacheState,
  emptyPropertiesState,
} from './storage';
import {
  type LogLine,
  type UtilitiesState,
  createLogging,
  createSession,
  createUtilities,
  emptyUtilitiesState,
} from './utilities';

export const WORKSPACE_STATE_VERSION = 1;
export const DEFAULT_OWNER = 'hr@example.it';
export const DEFAULT_BOUND_SPREADSHEET = 'Agorà - Registro smart working';
/** The name of a standalone script project's file in its owner's Drive. */
export const PROJECT_NAME = 'Agorà';

/** Everything the Workspace holds: plain JSON (dates as epoch ms or ISO/'YYYY-MM-DD' strings). */
export interface WorkspaceState {
  version: number;
  core: CoreState;
  script: ScriptState;
  spreadsheet: SpreadsheetState;
  forms: FormsState;
  properties: PropertiesState;
  cache: CacheState;
  utilities: UtilitiesState;
  calendar: CalendarState;
  drive: DriveState;
  mail: MailState;
}

export interface CreateWorkspaceOptions {
  /** Owner of the script and of the bound spreadsheet (ignored when `state` is given). */
  owner?: string;
  /** Start of the fake clock (ignored when `state` is given). */
  nowMs?: number;
  /** A saved Workspace to continue from: used as the live state, not copied. */
  state?: WorkspaceState;
  /**
   * Name of a spreadsheet the script is bound to, created for the owner; omitted or null: a
   * standalone script (a project file of its own in the owner's Drive, no active spreadsheet).
   * Ignored when `state` is given.
   */
  boundSpreadsheet?: string | null;
}

function build(ws: Workspace, state: WorkspaceState, logs: LogLine[]) {
  const runtime = new ScriptRuntime(ws, state.script);
  const containerId = () => state.script.containerId;
  const files = createDriveFiles(ws, state.drive);
  // Who may open the project: its own file's sharing, or its container's for a bound script.
  runtime.projectAccess = (user) => files.level(state.script.containerId ?? state.script.scriptId, user);
  const sheets = createSpreadsheetApp(ws, state.spreadsheet, runtime, files);
  const forms = createFormApp(ws, state.forms, runtime, files);
  const { CalendarApp, Calendar } = createCalendarServices(ws, state.calendar);
  const { Logger, console } = createLogging(ws, logs);
  const globals = {
    SpreadsheetApp: sheets.SpreadsheetApp,
    FormApp: forms.FormApp,
    ScriptApp: createScriptApp(ws, runtime),
    LockService: createLockService(ws, runtime),
    PropertiesService: createPropertiesService(ws, state.properties, containerId),
    CacheService: createCacheService(ws, state.cache, containerId),
    Session: createSession(ws, () => state.script.timeZone),
    Utilities: createUtilities(ws, state.utilities),
    HtmlService: createHtmlService(ws),
    CalendarApp,
    Calendar,
    DriveApp: createDriveApp(ws, state.drive),
    DocumentApp: createDocumentApp(ws, files, () => state.script.oauthScopes),
    // The Charts service: only its enums, as EmbeddedChartBuilder.setChartType takes them.
    Charts: { ChartType: CHART_TYPES },
    MailApp: createMailApp(ws, state.mail),
    GmailApp: createGmailApp(ws, state.mail, runtime),
    Sheets: createSheetsApi(ws, sheets.api),
    UrlFetchApp: createUrlFetchApp(ws, runtime, state.script),
    ContentService: createContentService(ws),
    CardService: createCardService(ws),
    Logger,
    console,
  };
  const testing = {
    sheets: sheets.testing,
    forms: forms.testing,
    /** Drive sharing of every Google file (spreadsheets, forms, the script project...). */
    files,
    /**
     * A deployment made in the script editor or with `clasp deploy` (replacing one with the same
     * id, as `clasp deploy -i` does).
     */
    deploy(deployment: DeploymentData): void {
      const list = state.script.deployments.filter((d) => d.id !== deployment.id);
      state.script.deployments = [...list, { ...deployment }];
    },
    /** Runs the clock triggers whose time has come, once each. */
    runDueTimeTriggers: () => runtime.runDueTimeTriggers(),
    /** Moves the clock to `targetMs`, running every clock trigger occurrence on the way. */
    runTimeTriggersUntil: (targetMs: number) => runtime.runTimeTriggersUntil(targetMs),
    /** Another execution holds the lock until fake time `untilMs` (null: for ever). */
    holdLock: (scope: LockScope, untilMs: number | null) => holdLockElsewhere(runtime, scope, untilMs),
  };
  return { globals, testing, runtime };
}

export type AppsScriptGlobals = ReturnType<typeof build>['globals'];
export type WorkspaceTesting = ReturnType<typeof build>['testing'];

export interface CreatedWorkspace {
  ws: Workspace;
  /** The Apps Script globals, as a script sees them. */
  globals: AppsScriptGlobals;
  /** The live data of the whole Workspace (JSON.stringify it to save). */
  state: WorkspaceState;
  /** Runs the script's functions as executions and dispatches triggers (see script.ts). */
  runtime: ScriptRuntime;
  testing: WorkspaceTesting;
  /** What the script logged through Logger and console (not part of the state). */
  logs: LogLine[];
}

/** Fills sections a state saved by an older version lacks, so it still loads. */
function complete(state: WorkspaceState): WorkspaceState {
  if (typeof state !== 'object' || state === null || !state.core || typeof state.core.owner !== 'string')
    throw new Error('Not a saved Workspace state: it has no core.owner');
  state.version ??= WORKSPACE_STATE_VERSION;
  state.script ??= emptyScriptState();
  state.script.deployments ??= [];
  state.script.oauthScopes ??= [];
  state.spreadsheet ??= emptySpreadsheetState();
  state.forms ??= emptyFormsState();
  state.properties ??= emptyPropertiesState();
  state.cache ??= emptyCacheState();
  state.utilities ??= emptyUtilitiesState();
  state.calendar ??= emptyCalendarState();
  state.drive ??= emptyDriveState();
  state.mail ??= emptyMailState();
  state.mail.nextMessageSeq ??= state.mail.outbox.length + 1;
  return state;
}

export function createWorkspace(opts: CreateWorkspaceOptions = {}): CreatedWorkspace {
  const fresh = opts.state === undefined;
  const state: WorkspaceState = fresh
    ? {
        version: WORKSPACE_STATE_VERSION,
        core: { owner: opts.owner ?? DEFAULT_OWNER, nowMs: opts.nowMs ?? Date.UTC(2026, 10, 2, 8, 0) },
        script: emptyScriptState(),
        spreadsheet: emptySpreadsheetState(),
        forms: emptyFormsState(),
        properties: emptyPropertiesState(),
        cache: emptyCacheState(),
        utilities: emptyUtilitiesState(),
        calendar: emptyCalendarState(),
        drive: emptyDriveState(),
        mail: emptyMailState(),
      }
    : complete(opts.state as WorkspaceState);
  const ws = new Workspace({ owner: state.core.owner, state: state.core });
  const logs: LogLine[] = [];
  const { globals, testing, runtime } = build(ws, state, logs);
  if (fresh && typeof opts.boundSpreadsheet === 'string')
    state.script.containerId = testing.sheets.createSpreadsheet(opts.boundSpreadsheet);
  else if (fresh)
    testing.files.add(state.script.scriptId, PROJECT_NAME, GOOGLE_MIME.script, state.core.owner);
  return { ws, globals, state, runtime, testing, logs };
}

export type { Workspace } from './core';
