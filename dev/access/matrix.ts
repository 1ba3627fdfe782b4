// The access matrix: who can open what and call what, tried on the emulation. It builds the
// demo organisation through the product (as the playground does), then, as each role, opens
// each file and calls each entry point and web-app operation the way that person could reach
// it, and records whether it was allowed and whether it changed anything.
//
// How a person reaches the code: every top-level function can be called from the web app's page
// (google.script.run, executing as the owner with the visitor as active user) and from the
// add-on (executing as the user); web-app operations are requests to the web app with the
// user's token, as the add-on makes them; only the project's editors can run a function from
// the script editor. Each probe starts from the same saved state.
//
// "wrote" compares what Agorà keeps before and after the probe: the register's sheets (the change
// log, the outbox and Problemi aside: a refused request leaves a log line and a mail by design), the team calendar's
// events and sharing, every Drive item's sharing, the Form's settings, the owner's triggers, the
// deployments and the script properties that are not job state. A user's own calendar and own
// triggers (the add-on keeps their working location, as them) are theirs, not Agorà's.
import { addDays, weekday, type IsoDate } from '../../src/domain/dates';
import { HolidayCalendar } from '../../src/domain/holidays';
import { toRomeLocal } from '../../src/domain/rome-time';
import { PROPERTY } from '../../src/gas/properties';
import { SheetsRegister } from '../../src/gas/register';
import { SHEETS } from '../../src/gas/schema';
import { asUser, readDeployments, restoreWorkspace, scriptProperty } from '../driver';
import { buildDemoOrganisation, DOMAIN, HR_ACCOUNT, type DemoOrganisation } from '../playground/demo-org';
import { seedWorkspace } from '../playground/seed';
import { WorkspaceHandle } from '../playground/workspace-handle';
import { execUrl, tokenFor } from '../workspace/script';

export const ROLES = [
  'owner',
  'hr-admin',
  'manager',
  'delegate',
  'employee',
  'domain-user',
  'outsider',
] as const;
export type Role = (typeof ROLES)[number];

export interface AccessLine {
  role: Role;
  target: string;
  allowed: boolean;
  wrote: boolean;
  error: string | null;
}

/** The people who play each role in the demo organisation. */
export interface Cast {
  people: Record<Role, string>;
  /** The employee's pending day everyone tries to decide on or cancel. */
  day: { employee: string; date: IsoDate };
}

interface ItemResult {
  ok: boolean;
  code?: string;
  message?: string;
}

/** A probe: what the person does; returns whether Agorà let them (throws when refused). */
type Probe = (who: string) => boolean;

function message(e: unknown): string {
  return e && typeof e === 'object' && 'message' in e ? String((e as Error).message) : String(e);
}

/** A working day a few days after `today` at the employee's seat, for a fresh request. */
export function nextWorkingDay(today: IsoDate, seat: string): IsoDate {
  const holidays = new HolidayCalendar();
  let date = addDays(today, 3);
  while (weekday(date) > 5 || holidays.holidayAt(date, seat)) date = addDays(date, 1);
  return date;
}

/** Chooses the cast: the Anagrafe of Carpi, whose head has delegated a colleague around today. */
export function chooseCast(org: DemoOrganisation): Omit<Cast, 'day'> & { seat: string } {
  const head = org.managers.find((m) => m.delegate);
  if (!head?.delegate) throw new Error('access matrix: the demo organisation has no delegation');
  const delegate = head.delegate.email;
  const agreed = new Set(
    org.agreements.filter((a) => a.signedByEmployee && a.signedByManager).map((a) => a.employee),
  );
  const employee = org.employees.find(
    (e) =>
      e.manager === head.email &&
      e.email !== delegate &&
      !e.isHead &&
      e.eligibility === 'eleggibile' &&
      agreed.has(e.email),
  );
  const hr = org.managers.find((m) => m.admin && m.email !== HR_ACCOUNT);
  if (!employee || !hr) throw new Error('access matrix: no employee or HR administrator to play');
  return {
    seat: employee.seat,
    people: {
      owner: HR_ACCOUNT,
      'hr-admin': hr.email,
      manager: head.email,
      delegate,
      employee: employee.email,
      'domain-user': `ospite@${DOMAIN}`,
      outsider: 'curioso@esterno.example',
    },
  };
}

/** What Agorà keeps, as JSON, for "wrote". */
function fingerprint(handle: WorkspaceHandle): string {
  const { state } = handle;
  const ssId = scriptProperty(handle.workspace, PROPERTY.spreadsheetId) ?? '';
  const calendarId = scriptProperty(handle.workspace, PROPERTY.calendarId) ?? '';
  const formId = scriptProperty(handle.workspace, PROPERTY.formId) ?? '';
  const file = state.spreadsheet.files[ssId];
  const ignoredSheets = new Set<string>([SHEETS.audit.name, SHEETS.outbox.name, SHEETS.problems.name]);
  const form = state.forms.forms[formId];
  // Job state: the legacy mail queue, marks of mail sent, the chain's head (it follows the log).
  const jobKeys = /^agora\.(mail\.|sent\.|chain$|lastResponseCheck|lastFullCalendarSync|lastExpiryAlerts)/;
  return JSON.stringify({
    sheets: file?.sheets.filter((s) => !ignoredSheets.has(s.name)).map((s) => [s.name, s.values]),
    protections: file?.protections,
    timeZone: file?.timeZone,
    events: Object.values(state.calendar.events)
      .filter((e) => e.calendarId === calendarId && e.status !== 'cancelled')
      .map((e) => e.id)
      .sort(),
    acl: state.calendar.calendars[calendarId]?.acl,
    drive: Object.values(state.drive.items).map((i) => [
      i.id,
      i.owner,
      i.parents,
      i.editors,
      i.commenters,
      i.viewers,
      i.sharingAccess,
      i.sharingPermission,
      i.trashed,
    ]),
    form: form && { ...form, responses: undefined },
    // The owner's triggers; a user's own (the add-on's hourly sync, as them) is theirs, like their calendar.
    triggers: state.script.triggers
      .filter((t) => t.owner === handle.owner)
      .map((t) => [t.handler, t.owner, t.sourceId]),
    deployments: state.script.deployments,
    properties: Object.entries(state.properties.script).filter(([k]) => !jobKeys.test(k)),
  });
}

/** The probes, by target. */
function probes(handle: WorkspaceHandle, cast: Cast): Record<string, Probe> {
  const { workspace, bundle } = handle;
  const { globals, testing } = workspace;
  const ssId = scriptProperty(workspace, PROPERTY.spreadsheetId) as string;
  const formId = scriptProperty(workspace, PROPERTY.formId) as string;
  const calendarId = scriptProperty(workspace, PROPERTY.calendarId) as string;
  const rootId = scriptProperty(workspace, PROPERTY.driveRootId) as string;
  const scriptId = workspace.state.script.scriptId;
  const as = <T>(who: string, fn: () => T) => asUser(workspace, who, fn);
  const item = { employee: cast.day.employee, date: cast.day.date };
  const itemsOk = (results: unknown) => {
    const list = (Array.isArray(results) ? results : [results]) as ItemResult[];
    const failed = list.find((r) => !r.ok);
    if (failed) throw new Error(`${failed.code}: ${failed.message}`);
    return true;
  };
  /** A web-app operation as the add-on sends it: a POST to the web app with the user's token. */
  const post = (who: string, op: string, args: unknown) => {
    const url = execUrl(readDeployments().webApp.deploymentId);
    const response = globals.UrlFetchApp.fetch(url, {
      method: 'post',
      contentType: 'application/json',
      payload: JSON.stringify({ op, args }),
      headers: { Authorization: `Bearer ${tokenFor(who, workspace.state.script.oauthScopes)}` },
      muteHttpExceptions: true,
    });
    const text = response.getContentText();
    let body: { ok?: boolean; value?: unknown; error?: string };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new Error(`HTTP ${response.getResponseCode()}: ${text.replace(/<[^>]+>/g, '').slice(0, 80)}`);
    }
    if (!body.ok) throw new Error(body.error ?? 'refused');
    return body.value;
  };
  const page = (who: string, name: string, ...args: unknown[]) => bundle.callFromClient(who, name, ...args);
  const addOn = (who: string, name: string, event?: unknown) => bundle.runAddOn(who, name, event);
  const privileged: [string, unknown[]][] = [
    ['setup', []],
    ['checkRegister', []],
    ['onTimer', []],
    ['onFormSubmit', [{}]],
    ['onRegisterEdit', [{}]],
    ['archiveClosedMonths', []],
    ['exportMinistryNotices', []],
    ['syncDriveFolders', []],
    ['importStaffCsv', ['Email;Cognome\n', false]],
    ['exportReports', ['2026-08']],
    ['halfYearReport', ['2026-H1']],
    ['createStaffSurvey', []],
  ];
  const out: Record<string, Probe> = {
    'register: open': (who) => !!as(who, () => globals.SpreadsheetApp.openById(ssId).getName()),
    'register: edit a hand-kept sheet': (who) => {
      testing.sheets.userEdit(who, ssId, SHEETS.sites.name, 'E2', 'nota');
      return true;
    },
    'register: edit Giornate': (who) => {
      testing.sheets.userEdit(who, ssId, SHEETS.days.name, 'M2', 'x');
      return true;
    },
    'form: edit': (who) => !!as(who, () => globals.FormApp.openById(formId).getTitle()),
    'form: respond': (who) => {
      // Another day than the cast's: a request that the register records as pending.
      const date = nextWorkingDay(addDays(cast.day.date, 1), 'Carpi');
      const { responseId } = handle.submitForm(who, { dates: [date], location: 'Casa', note: '' });
      const owner = workspace.ws.owner;
      const refusal = as(owner, () => new SheetsRegister(handle.spreadsheet()).loadAudit()).find(
        (a) => a.action === 'refuse-request' && a.dayId === responseId,
      );
      if (refusal) throw new Error(refusal.detail);
      return true;
    },
    'team calendar: read': (who) => {
      const calendar = as(who, () => globals.CalendarApp.getCalendarById(calendarId));
      if (!calendar) throw new Error('calendar not visible');
      return true;
    },
    'team calendar: add an event': (who) => {
      const calendar = as(who, () => globals.CalendarApp.getCalendarById(calendarId));
      if (!calendar) throw new Error('calendar not visible');
      as(who, () => calendar.createAllDayEvent('Prova', new Date(Date.UTC(2026, 11, 1))));
      return true;
    },
    'drive root: open': (who) => !!as(who, () => globals.DriveApp.getFolderById(rootId).getName()),
    'script project: view': (who) => !!as(who, () => globals.DriveApp.getFileById(scriptId).getName()),
    'script project: edit': (who) => {
      as(who, () => globals.DriveApp.getFileById(scriptId).setDescription('modificato'));
      return true;
    },
    'editor: setup': (who) => {
      bundle.run(who, 'setup');
      return true;
    },
    'page: doGet': (who) => {
      const output = bundle.openWebApp(who) as { getContent(): string };
      return output.getContent().length > 0;
    },
    'page: pageOverview': (who) => !!page(who, 'pageOverview'),
    'page: pageDecide': (who) => itemsOk(page(who, 'pageDecide', [{ ...item, decision: 'approve' }])),
    'page: pageCancel': (who) => itemsOk(page(who, 'pageCancel', item)),
    // Everyone tries to hand Agorà over to the HR administrator.
    'page: handOverOwnership': (who) => !!page(who, 'handOverOwnership', cast.people['hr-admin']),
    'add-on: onHomepage': (who) => !!addOn(who, 'onHomepage', {}),
    'add-on: syncMyCalendar': (who) => !!addOn(who, 'syncMyCalendar'),
    'add-on: handOverOwnership': (who) => !!addOn(who, 'handOverOwnership', cast.people['hr-admin']),
    'web app: overview': (who) => !!post(who, 'overview', {}),
    'web app: myDays': (who) => !!post(who, 'myDays', {}),
    'web app: decide': (who) => itemsOk(post(who, 'decide', { items: [{ ...item, decision: 'approve' }] })),
    'web app: cancel': (who) => itemsOk(post(who, 'cancel', { item })),
    // HR's card: the Ministry batch and the people's folders, for HR administrators only.
    'web app: adminMinistry': (who) => !!post(who, 'adminMinistry', {}),
    'web app: adminDrive': (who) => !!post(who, 'adminDrive', {}),
    'web app: adminStaffImport': (who) => !!post(who, 'adminStaffImport', { apply: false }),
    // Reports: aggregates for HR and managers; the days as CSV for HR and a manager's team.
    'web app: report': (who) => !!post(who, 'report', { month: '2026-08' }),
    'web app: download my days': (who) => !!post(who, 'download', { ics: 'mine' }),
    'web app: download the days': (who) => !!post(who, 'download', { csv: 'days' }),
    // Agreements: each sees their own; the employee's agreement is withdrawn (for a justified
    // reason) by the employee, their manager or HR, nobody else (the delegate decides days only).
    'web app: agreements': (who) => !!post(who, 'agreements', {}),
    'web app: agreementWithdraw': (who) => {
      const mine = post(cast.people.employee, 'agreements', {}) as { mine: { key: string }[] };
      const result = post(who, 'agreementWithdraw', {
        key: mine.mine[0]?.key,
        justified: true,
        reason: 'Prova di accesso',
      }) as { ok: boolean; message: string };
      if (!result.ok) throw new Error(result.message);
      return true;
    },
  };
  for (const [name, args] of privileged) {
    out[`page: ${name}`] = (who) => {
      page(who, name, ...args);
      return true;
    };
    out[`add-on: ${name}`] = (who) => {
      addOn(who, name, args[0]);
      return true;
    };
  }
  return out;
}

export interface MatrixOptions {
  codePath: string;
  /** Progress lines (stderr in the command). */
  log?: (message: string) => void;
  /** A smaller demo: only the first `staff` people of the organisation's list (tests). */
  org?: DemoOrganisation;
}

/** Builds the demo organisation, then tries every probe as every role. */
export function runAccessMatrix(opts: MatrixOptions): AccessLine[] {
  const log = opts.log ?? (() => undefined);
  const org = opts.org ?? buildDemoOrganisation();
  const chosen = chooseCast(org);
  log('Organizzazione dimostrativa…');
  const handle = new WorkspaceHandle({
    codePath: opts.codePath,
    owner: HR_ACCOUNT,
    nowMs: Date.UTC(2026, 8, 1),
  });
  seedWorkspace(handle, org);
  // The employee asks for a day through the Form: the day everyone then tries to act on.
  const today = toRomeLocal(handle.ws.nowMs).date;
  const date = nextWorkingDay(today, chosen.seat);
  const site = org.sites[0];
  const location = `${site.name} (${site.id})`;
  handle.submitForm(chosen.people.employee, { dates: [date], location, note: '' });
  const cast: Cast = { people: chosen.people, day: { employee: chosen.people.employee, date } };
  const saved = handle.serialise();
  const before = fingerprint(handle);
  const lines: AccessLine[] = [];
  const targets = Object.keys(probes(handle, cast));
  for (const role of ROLES) {
    log(`Prove come ${role} (${cast.people[role]})…`);
    for (const target of targets) {
      restoreWorkspace(handle.workspace, saved);
      let allowed = false;
      let error: string | null = null;
      try {
        allowed = probes(handle, cast)[target](cast.people[role]);
      } catch (e) {
        error = message(e);
      }
      lines.push({ role, target, allowed, wrote: fingerprint(handle) !== before, error });
    }
  }
  restoreWorkspace(handle.workspace, saved);
  return lines;
}
