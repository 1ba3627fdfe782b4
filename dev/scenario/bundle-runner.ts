// The scenario runner through the product: the built dist/Code.js in node:vm on the in-memory
// Workspace. `submit` is a Form response submitted as the employee (the installed trigger
// runs the intake); `decide` and `cancel` are the sidebar's server functions called with `by`
// as the signed-in user (forwarded to the owner's web app as in production).
import { join } from 'node:path';
import { addDays } from '../../src/domain/dates';
import { fromRomeLocal } from '../../src/domain/rome-time';
import { HOME } from '../../src/domain/model';
import { notificationKindOf } from '../../src/app/notifications';
import { EXTRA_DATE_ITEM_TITLE, HOME_CHOICE, siteChoice } from '../../src/gas/form';
import { PROPERTY } from '../../src/gas/properties';
import { QUEUE_PREFIX } from '../../src/gas/mail';
import { SheetsRegister } from '../../src/gas/register';
import { DAY_TAG } from '../../src/gas/calendar';
import { createWorkspace, type CreatedWorkspace } from '../workspace';
import { loadBundle, type LoadedBundle } from '../workspace/bundle';
import { seedRegister } from '../register-seed';
import { scenarioDay, stepShapeProblem, type Scenario, type ScenarioResult } from './format';

export const SCENARIO_OWNER = 'agora-owner@scenario.example';

interface ItemResult {
  ok: boolean;
  code?: string;
}

export function runScenarioThroughBundle(
  scenario: Scenario,
  codePath = join(process.cwd(), 'dist/Code.js'),
): ScenarioResult {
  const firstAt = scenario.steps.find((s) => s.at)?.at;
  const startMs = firstAt
    ? fromRomeLocal({ date: addDays(firstAt.date, -1), minutes: 8 * 60 })
    : Date.UTC(2026, 0, 1, 8);
  const workspace = createWorkspace({ owner: SCENARIO_OWNER, nowMs: startMs });
  const bundle = loadBundle(workspace, codePath);
  const { ws, globals } = workspace;
  const owner = SCENARIO_OWNER;

  bundle.run(owner, 'setup');
  const ss = asOwner(
    workspace,
    () => globals.SpreadsheetApp.getActiveSpreadsheet() as GoogleAppsScript.Spreadsheet.Spreadsheet,
  );
  asOwner(workspace, () =>
    seedRegister(ss, {
      policy: scenario.policy,
      admins: scenario.admins,
      employees: scenario.employees,
      agreements: scenario.agreements,
      sites: scenario.sites,
      delegations: scenario.delegations,
    }),
  );
  bundle.run(owner, 'setup'); // the Form picks up the sites, protections the HR editors
  const formId = asOwner(workspace, () =>
    globals.PropertiesService.getScriptProperties().getProperty(PROPERTY.formId),
  ) as string;

  const errors: ScenarioResult['errors'] = [];
  scenario.steps.forEach((step, index) => {
    const fail = (code: string) => errors.push({ step: index, code });
    if (stepShapeProblem(step) || !step.at) return fail('INVALID_INPUT');
    const atMs = fromRomeLocal(step.at);
    // The periodic trigger is a reconciliation: running it once at each step's time does what
    // all its runs since the previous step would have done.
    ws.nowMs = Math.max(ws.nowMs, atMs);
    workspace.testing.runDueTimeTriggers();
    const b = step.body;
    if (step.kind === 'submit') {
      if (!Array.isArray(b.dates) || b.dates.length === 0 || b.dates.some((d) => typeof d !== 'string'))
        return fail('INVALID_INPUT');
      const code = submitThroughForm(
        workspace,
        bundle,
        formId,
        scenario,
        String(b.employee),
        b.dates as string[],
        b.location,
        b.note,
      );
      if (code) fail(code);
    } else if (step.kind === 'decide') {
      const item = { employee: b.employee, date: b.date, decision: b.decision, reason: b.reason };
      const results = bundle.callFromClient(String(b.by), 'sidebarDecide', [item]) as ItemResult[];
      if (!results[0].ok) fail(results[0].code ?? 'INVALID_INPUT');
    } else if (step.kind === 'cancel') {
      const item = {
        employee: b.employee,
        date: b.date,
        ...(b.reason === undefined ? {} : { reason: b.reason }),
      };
      const result = bundle.callFromClient(String(b.by), 'sidebarCancel', item) as ItemResult;
      if (!result.ok) fail(result.code ?? 'INVALID_INPUT');
    }
  });
  // Let the periodic trigger finish calendar work and send what was queued for the morning.
  ws.nowMs += 10 * 60_000;
  workspace.testing.runDueTimeTriggers();

  return asOwner(workspace, () => {
    const register = new SheetsRegister(ss);
    const snapshot = register.load();
    const dayById = new Map(snapshot.days.map((d) => [d.id, d]));
    const calendarId = globals.PropertiesService.getScriptProperties().getProperty(
      PROPERTY.calendarId,
    ) as string;
    const events = (globals.Calendar.Events.list(calendarId, {
      maxResults: 2500,
      timeMin: '2000-01-01T00:00:00Z',
      timeMax: '2100-01-01T00:00:00Z',
    }).items ?? []) as GoogleAppsScript.Calendar.Schema.Event[];
    const calendar = events
      .map((e) => dayById.get(e.extendedProperties?.private?.[DAY_TAG] ?? ''))
      .filter((d): d is NonNullable<typeof d> => d !== undefined)
      .map((d) => ({ employee: d.employee, date: d.date, location: d.location }))
      .sort((x, y) => (x.date + x.employee < y.date + y.employee ? -1 : 1));
    const sent = workspace.state.mail.outbox.map((m) => ({
      to: m.to,
      kind: notificationKindOf(m.subject),
      sendAt: localTime(m.sentAtMs),
    }));
    const queued = Object.entries(globals.PropertiesService.getScriptProperties().getProperties())
      .filter(([key]) => key.startsWith(QUEUE_PREFIX))
      .map(([, value]) => JSON.parse(value) as { to: string; kind: string; sendAt: string })
      .map((n) => ({ to: n.to, kind: n.kind, sendAt: n.sendAt }));
    return { days: snapshot.days.map(scenarioDay), errors, calendar, notifications: [...sent, ...queued] };
  });
}

function localTime(ms: number): string {
  const d = new Date(ms);
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Rome',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d);
  return parts.replace(' ', 'T');
}

/** Reads or writes the Workspace as the owner would, outside any execution of the script. */
function asOwner<T>(workspace: CreatedWorkspace, fn: () => T): T {
  const saved = workspace.ws.activeUser;
  workspace.ws.activeUser = workspace.ws.owner;
  try {
    return fn();
  } finally {
    workspace.ws.activeUser = saved;
  }
}

/**
 * Submits a response as `employee`, one date per date question (adding questions as HR would
 * when a request has more dates than the form asks), the location as the choice a person picks.
 * Returns the error code the intake logged for this response, if any.
 */
function submitThroughForm(
  workspace: CreatedWorkspace,
  bundle: LoadedBundle,
  formId: string,
  scenario: Scenario,
  employee: string,
  dates: string[],
  location: unknown,
  note: unknown,
): string | null {
  const { globals } = workspace;
  const form = asOwner(workspace, () => globals.FormApp.openById(formId));
  let dateItems = asOwner(workspace, () =>
    form.getItems(globals.FormApp.ItemType.DATE as unknown as GoogleAppsScript.Forms.ItemType),
  );
  while (dateItems.length < dates.length) {
    asOwner(workspace, () => form.addDateItem().setTitle(EXTRA_DATE_ITEM_TITLE));
    dateItems = asOwner(workspace, () =>
      form.getItems(globals.FormApp.ItemType.DATE as unknown as GoogleAppsScript.Forms.ItemType),
    );
  }
  const items = asOwner(workspace, () => form.getItems());
  const byTitle = (re: RegExp) => items.find((i) => re.test(i.getTitle()));
  const answers: Record<string, string> = {};
  dates.forEach((d, i) => (answers[String(dateItems[i].getId())] = d.trim()));
  const site = scenario.sites.find((s) => s.id === location);
  const locationText = location === HOME ? HOME_CHOICE : site ? siteChoice(site) : String(location ?? '');
  const locationItem = byTitle(/luogo/i);
  if (locationItem) answers[String(locationItem.getId())] = locationText;
  const noteItem = byTitle(/nota/i);
  if (noteItem && typeof note === 'string' && note) answers[String(noteItem.getId())] = note;
  let responseId: string;
  try {
    responseId = workspace.testing.forms.submit(formId, employee, answers).responseId;
  } catch {
    return 'INVALID_INPUT'; // the Form itself refuses it (a required question left empty)
  }
  const ss = asOwner(
    workspace,
    () => globals.SpreadsheetApp.getActiveSpreadsheet() as GoogleAppsScript.Spreadsheet.Spreadsheet,
  );
  const refusal = asOwner(workspace, () => new SheetsRegister(ss).loadAudit()).find(
    (a) => a.action === 'refuse-request' && a.dayId === responseId,
  );
  return refusal ? refusal.detail.split(':')[0] : null;
}
