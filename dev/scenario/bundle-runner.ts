// The scenario runner through the product: the built dist/Code.js in node:vm on the in-memory
// Workspace. `submit` is a Form response submitted as the employee (the installed trigger
// runs the intake); `decide` and `cancel` are the sidebar's server functions called with `by`
// as the signed-in user (forwarded to the owner's web app as in production).
import { join } from 'node:path';
import { addDays } from '../../src/domain/dates';
import { fromRomeLocal } from '../../src/domain/rome-time';
import { notificationKindOf } from '../../src/app/notifications';
import { PROPERTY } from '../../src/gas/properties';
import { SheetsRegister } from '../../src/gas/register';
import { DAY_TAG } from '../../src/gas/calendar';
import type { CreatedWorkspace } from '../workspace';
import { asUser, installProduct, outboxOf, registerOf, submitForm } from '../driver';
import { seedRegister } from '../register-seed';
import { scenarioDay, stepShapeProblem, type Scenario, type ScenarioResult } from './format';

/**
 * The owner of the scenario's Workspace: a dedicated account of the scenario's own domain (the
 * web app and the Form are for the domain's users only), never one of its people.
 */
export function scenarioOwner(scenario: Scenario): string {
  const someone = [...scenario.admins, ...scenario.employees.map((e) => e.email)][0] ?? 'hr@example.it';
  return `agora-owner@${someone.slice(someone.indexOf('@') + 1)}`;
}

interface ItemResult {
  ok: boolean;
  code?: string;
  already?: boolean;
}

export function runScenarioThroughBundle(
  scenario: Scenario,
  codePath = join(process.cwd(), 'dist/Code.js'),
): ScenarioResult {
  const firstAt = scenario.steps.find((s) => s.at)?.at;
  const startMs = firstAt
    ? fromRomeLocal({ date: addDays(firstAt.date, -1), minutes: 8 * 60 })
    : Date.UTC(2026, 0, 1, 8);
  const owner = scenarioOwner(scenario);
  const { workspace, bundle } = installProduct({ codePath, owner, nowMs: startMs });
  const { ws, globals } = workspace;

  bundle.run(owner, 'setup');
  const ss = registerOf(workspace);
  asUser(workspace, owner, () =>
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
        scenario,
        String(b.employee),
        b.dates as string[],
        b.location,
        b.note,
      );
      if (code) fail(code);
    } else if (step.kind === 'decide') {
      const item = { employee: b.employee, date: b.date, decision: b.decision, reason: b.reason };
      const results = bundle.callFromClient(String(b.by), 'pageDecide', [item]) as ItemResult[];
      // A repeat the page reports as already done is, in the scenario contract, INVALID_STATE.
      if (results[0].already) fail('INVALID_STATE');
      else if (!results[0].ok) fail(results[0].code ?? 'INVALID_INPUT');
    } else if (step.kind === 'cancel') {
      const item = {
        employee: b.employee,
        date: b.date,
        ...(b.reason === undefined ? {} : { reason: b.reason }),
      };
      const result = bundle.callFromClient(String(b.by), 'pageCancel', item) as ItemResult;
      if (result.already) fail('INVALID_STATE');
      else if (!result.ok) fail(result.code ?? 'INVALID_INPUT');
    }
  });
  // Let the periodic trigger finish calendar work and send what was queued for the morning.
  ws.nowMs += 10 * 60_000;
  workspace.testing.runDueTimeTriggers();

  return asUser(workspace, owner, () => {
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
    const queued = outboxOf(workspace)
      .filter((r) => r.status === 'queued')
      .map(({ mail: n }) => ({ to: n.to, kind: n.kind, sendAt: n.sendAt }));
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

/**
 * Submits a response as `employee` (dev/driver.ts `submitForm`). Returns the error code the
 * intake logged for this response, if any.
 */
function submitThroughForm(
  workspace: CreatedWorkspace,
  scenario: Scenario,
  employee: string,
  dates: string[],
  location: unknown,
  note: unknown,
): string | null {
  let responseId: string;
  try {
    responseId = submitForm(workspace, employee, {
      dates,
      location: String(location ?? ''),
      note: typeof note === 'string' ? note : '',
      sites: scenario.sites,
    }).responseId;
  } catch {
    return 'INVALID_INPUT'; // the Form itself refuses it (a required question left empty)
  }
  const refusal = asUser(workspace, workspace.ws.owner, () =>
    new SheetsRegister(registerOf(workspace)).loadAudit(),
  ).find((a) => a.action === 'refuse-request' && a.dayId === responseId);
  return refusal ? refusal.detail.split(':')[0] : null;
}
