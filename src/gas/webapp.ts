// The one write authority. The register, the Form, the team calendar and the Drive root are the
// owner's files, and only the owner's executions can open them. Everything done on behalf of a
// person is one of the OPERATIONS below, run in an execution of the owner's web app (deployed to
// execute as the owner, open to the domain), where `Session.getActiveUser()` is the verified
// caller: the web page calls them through google.script.run, the add-on (running as the user)
// through a request to the web app with the user's token. Each operation authorizes the caller
// in the app layer.
import { alreadyDone, cancelDay, decideDays, type DecisionInput, type ItemOutcome } from '../app/decisions';
import {
  overview,
  selectedDays,
  type Overview,
  type OverviewQuery,
  type SelectedDays,
} from '../app/overview';
import type { DayRecord, Ports } from '../app/ports';
import { setWorkingLocationOptIn } from '../app/preferences';
import { requestFromApp, type AppRequestInput } from '../app/requests';
import type { DayStatus } from '../domain/model';
import { checkRegisterFor, setupWorkspace, type SetupReport } from './setup';
import { webAppUrl } from './deployment';
import { runCalendarJob } from './jobs';
import { currentUser, NotAuthorizedError, recordedOwner, runsAsOwner } from './owner';
import { gasClock, gasLock, gasPorts, registerSpreadsheet } from './runtime';
import { syncDriveFolders, type FolderSync } from './drive-folders';
import { exportMinistryNotices } from './ministry-export';
import { importStaffFromDrive, type StaffImportSummary } from './staff-import';
import { SheetsRegister } from './register';
import { RegisterView } from '../app/view';
import { downloadFor, lastMonth, reportOf } from './reports';
import type { MonthlyReport } from '../domain/report';
import {
  acceptAgreement,
  agreementsView,
  attachSignedPdf,
  proposeAgreement,
  sendAgreement,
  withdrawAgreement,
  type AgreementResult,
  type AgreementsView,
  type ProposalInput,
} from './agreements';

/** How long a decision waits for its calendar entries before leaving the rest to the trigger. */
export const CALENDAR_BUDGET_AFTER_DECISION_MS = 20_000;

export interface RequestResultDto {
  ok: boolean;
  code?: string;
  message?: string;
  /** The same request (its token) had already been recorded: these are its days. */
  duplicate?: boolean;
  days: { date: string; status: DayStatus; messages: string[] }[];
}

export interface ItemResultDto {
  employee: string;
  date: string;
  ok: boolean;
  code?: string;
  message?: string;
  /** The day was already in the state asked for (a double click, a retry): done, not failed. */
  already?: boolean;
}

const TARGET: Record<string, DayStatus> = { approve: 'approved', reject: 'rejected', cancel: 'cancelled' };

function toDto(
  input: { employee?: unknown; date?: unknown },
  outcome: ItemOutcome,
  wanted: DayStatus | undefined,
): ItemResultDto {
  const ref = { employee: String(input.employee ?? ''), date: String(input.date ?? '') };
  if (outcome.ok) return { ...ref, ok: true };
  if (wanted && alreadyDone(outcome, wanted))
    return { ...ref, ok: true, already: true, message: outcome.message };
  return { ...ref, ok: false, code: outcome.code, message: outcome.message };
}

/**
 * Calendar entries for what was just decided, within a short budget. The decision is already
 * recorded: a calendar failure must not hide it from the caller; the periodic trigger goes on.
 */
function calendarSoon(ports: Ports): void {
  try {
    // The decision's own register: what it read and wrote is not read again.
    runCalendarJob(CALENDAR_BUDGET_AFTER_DECISION_MS, false, ports);
  } catch (e) {
    console.warn(`Calendario da aggiornare più tardi: ${(e as Error).message}`);
  }
}

/** Refuses unless the caller is an HR administrator (read from the register). */
function requireAdmin(caller: string): void {
  if (!gasPorts().register.load().admins.includes(caller))
    throw new NotAuthorizedError('Solo il servizio personale può farlo.');
}

/** The operations, each given the verified caller. */
const OPERATIONS = {
  /** What the caller may see (cards and page), filtered and paged as asked. */
  overview(caller: string, args: OverviewQuery): Overview {
    return overview(gasPorts(), caller, args && typeof args === 'object' ? args : {});
  },
  /** Days picked by id (a digest's days) or by calendar event, as the caller may see them. */
  days(caller: string, args: { ids?: unknown; eventId?: unknown }): SelectedDays {
    const ids = Array.isArray(args.ids) ? args.ids.map(String) : [];
    const eventId = typeof args.eventId === 'string' ? args.eventId : undefined;
    return selectedDays(gasPorts(), caller, { ids, eventId });
  },
  decide(caller: string, args: { items: DecisionInput[] }): ItemResultDto[] {
    const items = Array.isArray(args.items) ? args.items.slice(0, 500) : [];
    const ports = gasPorts();
    const outcomes = decideDays(ports, caller, items);
    if (outcomes.some((o) => o.ok)) calendarSoon(ports);
    return items.map((item, i) => toDto(item ?? {}, outcomes[i], TARGET[String(item?.decision)]));
  },
  cancel(
    caller: string,
    args: { item: { employee: unknown; date: unknown; reason?: unknown } },
  ): ItemResultDto {
    const item = args.item && typeof args.item === 'object' ? args.item : { employee: '', date: '' };
    const ports = gasPorts();
    const outcome = cancelDay(ports, caller, item);
    if (outcome.ok) calendarSoon(ports);
    return toDto(item, outcome, 'cancelled');
  },
  /** A request from the card or the page: the same use case as the Form, for the caller. */
  request(caller: string, args: AppRequestInput): RequestResultDto {
    const outcome = requestFromApp(gasPorts(), caller, args ?? { dates: [], location: '', token: '' });
    if (!outcome.ok) return { ok: false, code: outcome.code, message: outcome.message, days: [] };
    return {
      ok: true,
      duplicate: outcome.duplicate,
      days: outcome.days.map((d) => ({
        date: d.date,
        status: d.status,
        messages: d.violations
          .filter((v) => (d.status === 'refused' ? v.severity === 'block' : true))
          .map((v) => v.message),
      })),
    };
  },
  setOptIn(caller: string, args: { on?: unknown }): { ok: boolean; optIn?: boolean; message?: string } {
    const outcome = setWorkingLocationOptIn(gasPorts(), caller, args?.on);
    return outcome.ok ? { ok: true, optIn: outcome.optIn } : { ok: false, message: outcome.message };
  },
  /** The caller's own days (for the working-location sync, which runs as the employee). */
  myDays(
    caller: string,
    _args: Record<string, never>,
  ): { days: DayRecord[]; siteNames: Record<string, string>; optIn: boolean } {
    const snapshot = gasPorts().register.load();
    return {
      days: snapshot.days.filter((d) => d.employee === caller),
      siteNames: Object.fromEntries(snapshot.sites.map((s) => [s.id, s.name])),
      optIn: snapshot.employees.find((e) => e.email === caller)?.workingLocationOptIn ?? false,
    };
  },
  /** The caller's agreements, and their team's (a manager) or those waiting (HR). */
  agreements(caller: string, _args: Record<string, never>): AgreementsView {
    return agreementsView(new SheetsRegister(registerSpreadsheet()), caller);
  },
  /** HR or the manager proposes an agreement (authorized in the domain's rules). */
  agreementPropose(caller: string, args: ProposalInput): AgreementResult {
    return proposeAgreement(new SheetsRegister(registerSpreadsheet()), caller, args ?? {});
  },
  agreementSend(caller: string, args: { key?: unknown }): AgreementResult {
    return sendAgreement(new SheetsRegister(registerSpreadsheet()), caller, args?.key);
  },
  agreementAccept(caller: string, args: { key?: unknown }): AgreementResult {
    return acceptAgreement(new SheetsRegister(registerSpreadsheet()), caller, args?.key);
  },
  agreementWithdraw(
    caller: string,
    args: { key?: unknown; justified?: unknown; reason?: unknown },
  ): AgreementResult {
    return withdrawAgreement(new SheetsRegister(registerSpreadsheet()), caller, args ?? {});
  },
  agreementAttach(caller: string, args: { key?: unknown; url?: unknown }): AgreementResult {
    return attachSignedPdf(new SheetsRegister(registerSpreadsheet()), caller, args ?? {});
  },
  /** HR: setup, run with the owner's rights (the web app's). */
  adminSetup(caller: string, _args: Record<string, never>): SetupReport {
    requireAdmin(caller);
    return setupWorkspace(recordedOwner() as string, [], () => undefined);
  },
  /** HR: the people's Drive folders made, moved and shared by convention (the owner's rights). */
  adminDrive(caller: string, _args: Record<string, never>): FolderSync {
    requireAdmin(caller);
    return gasLock.withLock(() => syncDriveFolders(new SheetsRegister(registerSpreadsheet())));
  },
  /** HR: the batch of notices to the Ministry not sent yet (Sheet and CSV in Agorà's folder). */
  adminMinistry(
    caller: string,
    _args: Record<string, never>,
  ): { notices: number; incomplete: number; url: string } {
    requireAdmin(caller);
    const result = gasLock.withLock(() => exportMinistryNotices(new SheetsRegister(registerSpreadsheet())));
    return {
      notices: result.rows.length - 1,
      incomplete: result.incomplete.length,
      url: `https://docs.google.com/spreadsheets/d/${result.spreadsheetId}/edit`,
    };
  },
  /** HR: the payroll export «personale.csv» in Agorà's folder, previewed or applied. */
  adminStaffImport(caller: string, args: { apply?: unknown }): StaffImportSummary {
    requireAdmin(caller);
    return gasLock.withLock(() =>
      importStaffFromDrive(new SheetsRegister(registerSpreadsheet()), args?.apply === true),
    );
  },
  /**
   * The monthly report (aggregates only), for HR and the managers: `month` YYYY-MM, last month
   * when missing or wrong.
   */
  report(caller: string, args: { month?: unknown }): MonthlyReport {
    const register = new SheetsRegister(registerSpreadsheet());
    const snapshot = register.load();
    // Managers and their delegates today, as their cards show them the link.
    const manages = new RegisterView(snapshot).peopleOf(caller, gasClock.now().date).length > 0;
    if (!snapshot.admins.includes(caller) && !manages)
      throw new NotAuthorizedError('Il report è per il servizio personale e i responsabili.');
    const month =
      typeof args?.month === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(args.month) ? args.month : '';
    return reportOf(register, month || lastMonth());
  },
  /** A download of the web view (the caller's days as iCalendar, their team's, the days as CSV). */
  download(
    caller: string,
    args: { ics?: unknown; csv?: unknown; month?: unknown; organisation?: unknown; sector?: unknown },
  ): { name: string; content: string; kind: 'ics' | 'csv' } {
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const file = downloadFor(new SheetsRegister(registerSpreadsheet()).load(), caller, {
      ics: text(args?.ics),
      csv: text(args?.csv),
      month: text(args?.month),
      organisation: text(args?.organisation),
      sector: text(args?.sector),
    });
    if (!file)
      throw new NotAuthorizedError(
        args?.ics === 'mine'
          ? 'Non sei nell’elenco dei dipendenti: non hai giornate da scaricare.'
          : 'Questo file è per il servizio personale e i responsabili.',
      );
    return file;
  },
  /** HR: the register check, run with the owner's rights. */
  adminCheck(caller: string, _args: Record<string, never>): { problems: number } {
    requireAdmin(caller);
    return { problems: checkRegisterFor(recordedOwner() as string) };
  },
};
export type OperationName = keyof typeof OPERATIONS;
type Args<K extends OperationName> = Parameters<(typeof OPERATIONS)[K]>[1];
type Value<K extends OperationName> = ReturnType<(typeof OPERATIONS)[K]>;

function runOperation<K extends OperationName>(op: K, caller: string, args: Args<K>): Value<K> {
  const fn = OPERATIONS[op] as (caller: string, args: Args<K>) => Value<K>;
  return fn(caller, args ?? ({} as Args<K>));
}

/**
 * Runs an operation with the owner's authority, for the signed-in caller. Where the code already
 * has the owner's rights (the web app page's google.script.run, the owner's own runs) it runs
 * here, with the caller as the active user; elsewhere (the add-on, running as the user) it is a
 * request to the owner's web app with the user's token, whose execution sees the same caller.
 */
export function callAsOwner<K extends OperationName>(op: K, args: Args<K>): Value<K> {
  if (runsAsOwner()) {
    const caller = currentUser();
    if (!caller)
      throw new NotAuthorizedError('Utente non riconosciuto: accedi con l\u2019account del dominio.');
    return runOperation(op, caller, args);
  }
  const url = webAppUrl();
  if (!url) {
    throw new Error(
      'Agorà non è ancora pubblicato come applicazione web: il servizio personale deve completare la configurazione.',
    );
  }
  const response = UrlFetchApp.fetch(url, {
    method: 'post',
    contentType: 'application/json',
    payload: JSON.stringify({ op, args }),
    headers: { Authorization: `Bearer ${ScriptApp.getOAuthToken()}` },
    muteHttpExceptions: true,
  });
  let body: { ok: boolean; value?: Value<K>; error?: string };
  try {
    body = JSON.parse(response.getContentText());
  } catch {
    throw new Error(`Il registro non risponde (HTTP ${response.getResponseCode()}): riprova tra poco.`);
  }
  if (!body.ok) throw new Error(body.error ?? 'Operazione non riuscita.');
  return body.value as Value<K>;
}

/**
 * The web app's POST handler: runs as the owner, for the verified caller. A deployment made by
 * anyone but the owner would run with someone else's rights: it refuses.
 */
export function handlePost(event: GoogleAppsScript.Events.DoPost): GoogleAppsScript.Content.TextOutput {
  let result: { ok: boolean; value?: unknown; error?: string };
  try {
    if (!runsAsOwner())
      throw new NotAuthorizedError('Questa applicazione web non è quella pubblicata dal titolare di Agorà.');
    const request = JSON.parse(event.postData?.contents ?? '{}') as { op?: unknown; args?: unknown };
    const op = request.op;
    if (typeof op !== 'string' || !Object.prototype.hasOwnProperty.call(OPERATIONS, op)) {
      throw new Error('Operazione sconosciuta.');
    }
    const caller = currentUser();
    if (!caller)
      throw new NotAuthorizedError('Utente non riconosciuto: accedi con l\u2019account del dominio.');
    result = { ok: true, value: runOperation(op as OperationName, caller, (request.args ?? {}) as never) };
  } catch (e) {
    result = { ok: false, error: (e as Error).message };
  }
  return ContentService.createTextOutput(JSON.stringify(result)).setMimeType(ContentService.MimeType.JSON);
}
