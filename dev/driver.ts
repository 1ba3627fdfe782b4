// The product installed on the in-memory Workspace as the README's deployment guide installs it
// in a real one, and the few things people do to it. One place for the playground, the scenario
// runner, the benchmark, the access matrix and the tests:
// - a standalone project owned by the owner (HR's dedicated account), the built bundle loaded;
// - the two deployments recorded in deployments.json, made by the owner: the web app (execute as
//   the owner, domain access) and the Workspace add-on (installed for the domain);
// - setup run by the owner in the editor: it creates the register, the Form, the calendar...
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOME, type Site } from '../src/domain/model';
import { EXTRA_DATE_ITEM_TITLE, HOME_CHOICE, siteChoice } from '../src/gas/form';
import { PROPERTY } from '../src/gas/properties';
import { outboxFromRows, type OutboxRow } from '../src/gas/rows';
import { SHEETS } from '../src/gas/schema';
import { createWorkspace, type CreatedWorkspace, type WorkspaceState } from './workspace';
import { buildEvent, type FormInputs, type HostContext } from './playground/addon-event';
import { loadBundle, type LoadedBundle } from './workspace/bundle';
import type { ExecutionRecord, WebAppAccess } from './workspace/script';

/** The project's root: every command and test runs from it (npm scripts, Jest's rootDir). */
export const PROJECT_ROOT = process.cwd();

export interface DeploymentsConfig {
  webApp: { deploymentId: string; executeAs: 'USER_DEPLOYING' | 'USER_ACCESSING'; access: WebAppAccess };
  addOn: { deploymentId: string };
}

/** deployments.json: the ids the build writes into the bundle and `npm run deploy` updates. */
export function readDeployments(root = PROJECT_ROOT): DeploymentsConfig {
  return JSON.parse(readFileSync(join(root, 'deployments.json'), 'utf8')) as DeploymentsConfig;
}

/** The owner makes the web app and add-on deployments of deployments.json (Deploy ▸ New deployment). */
export function deployAsOwner(workspace: CreatedWorkspace, config = readDeployments()): void {
  const deployer = workspace.ws.owner;
  workspace.testing.deploy({
    id: config.webApp.deploymentId,
    description: 'Agorà web app',
    webApp: { executeAs: config.webApp.executeAs, access: config.webApp.access },
    addOn: false,
    deployer,
  });
  workspace.testing.deploy({
    id: config.addOn.deploymentId,
    description: 'Agorà add-on',
    webApp: null,
    addOn: true,
    deployer,
  });
}

export interface InstalledProduct {
  workspace: CreatedWorkspace;
  bundle: LoadedBundle;
}

/**
 * A standalone project of `owner` with `codePath` pushed and deployed (or a saved Workspace
 * continued, already deployed).
 */
export function installProduct(opts: {
  codePath: string;
  owner?: string;
  nowMs?: number;
  state?: WorkspaceState;
}): InstalledProduct {
  const workspace = opts.state
    ? createWorkspace({ state: opts.state })
    : createWorkspace({ owner: opts.owner, nowMs: opts.nowMs });
  const bundle = loadBundle(workspace, opts.codePath);
  if (!opts.state) deployAsOwner(workspace);
  return { workspace, bundle };
}

/** Calls the fake services directly as `user` (a person in front of Google, not a script). */
export function asUser<T>(workspace: CreatedWorkspace, user: string, fn: () => T): T {
  const saved = workspace.ws.activeUser;
  workspace.ws.activeUser = user;
  try {
    return fn();
  } finally {
    workspace.ws.activeUser = saved;
  }
}

export function scriptProperty(workspace: CreatedWorkspace, key: string): string | null {
  return workspace.state.properties.script[key] ?? null;
}

/** The register setup made, opened as the owner. */
export function registerOf(workspace: CreatedWorkspace): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const id = scriptProperty(workspace, PROPERTY.spreadsheetId);
  if (!id) throw new Error('no register yet: run setup first');
  return asUser(workspace, workspace.ws.owner, () => workspace.globals.SpreadsheetApp.openById(id));
}

/** The register's outbox («Posta in uscita») as the product reads it, without running any code. */
export function outboxOf(workspace: CreatedWorkspace): OutboxRow[] {
  const id = scriptProperty(workspace, PROPERTY.spreadsheetId);
  if (!id) return [];
  const file = workspace.testing.sheets.file(id);
  if (!file.sheets.some((s) => s.name === SHEETS.outbox.name)) return [];
  return outboxFromRows(workspace.testing.sheets.sheetValues(id, SHEETS.outbox.name)).rows;
}

/**
 * `employee` fills the Form in as a person does: one date per date question (HR adds questions
 * when a request has more dates than the form asks), the location as the choice shown for it,
 * the note. Returns the response and the executions of the triggers it ran; throws what the
 * Form itself refuses (a required question left empty, an unpublished form).
 */
export function submitForm(
  workspace: CreatedWorkspace,
  employee: string,
  request: FormRequest,
): { responseId: string; executions: ExecutionRecord[] } {
  const { formId, answers } = formAnswers(workspace, request);
  return workspace.testing.forms.submit(formId, employee, answers);
}

export interface FormRequest {
  dates: string[];
  location: string;
  note?: string;
  sites: readonly Site[];
}

/**
 * The Form's id and the answers (by item id) a person gives for `request`, adding date questions
 * as HR would when the request has more dates than the Form asks.
 */
export function formAnswers(
  workspace: CreatedWorkspace,
  request: FormRequest,
): { formId: string; answers: Record<string, string> } {
  const formId = scriptProperty(workspace, PROPERTY.formId);
  if (!formId) throw new Error('no Form yet: run setup first');
  const { FormApp } = workspace.globals;
  const owner = workspace.ws.owner;
  const dateType = FormApp.ItemType.DATE as unknown as GoogleAppsScript.Forms.ItemType;
  const form = asUser(workspace, owner, () => FormApp.openById(formId));
  let dateItems = asUser(workspace, owner, () => form.getItems(dateType));
  while (dateItems.length < request.dates.length) {
    asUser(workspace, owner, () => form.addDateItem().setTitle(EXTRA_DATE_ITEM_TITLE));
    dateItems = asUser(workspace, owner, () => form.getItems(dateType));
  }
  const items = asUser(workspace, owner, () => form.getItems());
  const answers: Record<string, string> = {};
  request.dates.forEach((d, i) => (answers[String(dateItems[i].getId())] = d.trim()));
  const site = request.sites.find((s) => s.id === request.location);
  const locationItem = items.find((i) => /luogo/i.test(i.getTitle()));
  if (locationItem)
    answers[String(locationItem.getId())] =
      request.location === HOME ? HOME_CHOICE : site ? siteChoice(site) : request.location;
  const noteItem = items.find((i) => /nota/i.test(i.getTitle()));
  if (noteItem && request.note) answers[String(noteItem.getId())] = request.note;
  return { formId, answers };
}

/**
 * Puts a Workspace back to a saved state, in place: the same as loading `saved` without loading
 * the bundle again (many short cases from one starting point). The fakes keep references to the
 * state's sections only, so each section's content is replaced; injected failures, latencies,
 * call counts, trigger errors and logs are cleared.
 */
export function restoreWorkspace(workspace: CreatedWorkspace, saved: string): void {
  const next = JSON.parse(saved) as Record<string, unknown>;
  const live = workspace.state as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(live), ...Object.keys(next)])) {
    const target = live[key];
    const value = next[key];
    if (target && typeof target === 'object' && value && typeof value === 'object') {
      for (const k of Object.keys(target)) delete (target as Record<string, unknown>)[k];
      Object.assign(target, value);
    } else live[key] = value;
  }
  const { ws } = workspace;
  ws.clearFailures();
  ws.resetCounts();
  ws.latency = {};
  ws.activeUser = ws.owner;
  workspace.runtime.triggerErrors.length = 0;
  workspace.logs.length = 0;
}

/** What a person puts into a card's inputs: text or choices, or a date picker's day. */
export type CardInput = string | string[] | { date: string };

/**
 * The event object Google passes an add-on function (dev/playground/addon-event.ts builds it, as
 * the playground's side panel does): the host, the open message or event, and for a widget
 * action its parameters and the card's inputs (a date picker's day at midnight UTC).
 */
export function addOnEvent(opts: {
  host: 'GMAIL' | 'CALENDAR' | 'SHEETS';
  parameters?: Record<string, string>;
  inputs?: Record<string, CardInput>;
  gmail?: { messageId: string; accessToken: string };
  calendar?: { calendarId: string; id: string; organizer?: string };
  nowMs?: number;
}): Record<string, unknown> {
  const formInputs: FormInputs = {};
  for (const [name, value] of Object.entries(opts.inputs ?? {}))
    formInputs[name] =
      typeof value === 'object' && !Array.isArray(value)
        ? { dateInput: { msSinceEpoch: String(Date.parse(`${value.date}T00:00:00Z`)) } }
        : { stringInputs: { value: Array.isArray(value) ? value : [value] } };
  const context: HostContext = opts.gmail
    ? { host: 'GMAIL', ...opts.gmail }
    : opts.calendar
      ? {
          host: 'CALENDAR',
          calendarId: opts.calendar.calendarId,
          eventId: opts.calendar.id,
          organizer: opts.calendar.organizer ?? '',
          attendees: [],
        }
      : null;
  const widget =
    opts.parameters || opts.inputs ? { parameters: opts.parameters ?? {}, formInputs } : undefined;
  return buildEvent({
    host: opts.host,
    context,
    nowMs: opts.nowMs ?? Date.now(),
    useLocaleFromApp: true,
    currentEventAccess: 'READ',
    widget,
  });
}
