// Use case: an employee requests smart days (from the Form, the playground or a scenario).
import { formatLocalDateTime, type LocalDateTime } from '../domain/dates';
import { deliveryTime } from '../domain/disconnection';
import { HOME, normaliseEmail, type Site } from '../domain/model';
import type { Policy } from '../domain/policy';
import { evaluateRequest, type DateOutcome } from '../domain/rules';
import type { AuditEntry, DayRecord, Ports } from './ports';
import { fail, type Failure, type Result } from './result';
import { freeText } from './text';
import { RegisterView } from './view';
import { requestNotifications, type Notification } from './notifications';

export interface SubmitInput {
  /** Unique id of the request (the form response id): a second delivery changes nothing. */
  requestId: string;
  /** The verified identity of the requester, never a typed field. */
  employee: string;
  dates: unknown;
  location: unknown;
  note?: unknown;
}

export interface SubmitOutcome {
  days: DayRecord[];
  /** True when this request id had already been recorded: nothing was written. */
  duplicate: boolean;
}

export function submitRequest(ports: Ports, input: SubmitInput): Result<SubmitOutcome> {
  return record(ports, input, false);
}

/** What the add-on's card and the web page send: the dates, the place, a note, and a token. */
export interface AppRequestInput {
  dates: unknown;
  location: unknown;
  note?: unknown;
  /**
   * Made once per form shown (the card, the page): sending the same form again (a double click,
   * a retry after a lost answer) is the same request, recorded once.
   */
  token: unknown;
}

/** A request from the add-on or the web page, for the verified caller. */
export function requestFromApp(ports: Ports, caller: string, input: AppRequestInput): Result<SubmitOutcome> {
  const token =
    typeof input.token === 'string' && /^[A-Za-z0-9_-]{8,80}$/.test(input.token) ? input.token : '';
  if (!token)
    return fail('INVALID_INPUT', 'La richiesta non ha il suo codice: ricarica la pagina e riprova.');
  // The token is the id (a mail's link shows it, so no address in it); a token someone else's
  // request already has is refused below, never taken as theirs.
  return submitRequest(ports, {
    requestId: `app-${token}`,
    employee: caller,
    dates: input.dates,
    location: input.location,
    note: input.note,
  });
}

/**
 * A Form response: the request, and when it cannot be recorded (an unknown respondent, a site
 * HR removed from the sheet...) a line in the change log and a mail saying why, in Italian,
 * once: a second delivery of the same response changes nothing either way.
 */
export function receiveFormResponse(ports: Ports, input: SubmitInput): Result<SubmitOutcome> {
  return record(ports, input, true);
}

function record(ports: Ports, input: SubmitInput, explainFailures: boolean): Result<SubmitOutcome> {
  return ports.lock.withLock(() => recordRequest(ports, input, explainFailures));
}

function recordRequest(ports: Ports, input: SubmitInput, explainFailures: boolean): Result<SubmitOutcome> {
  const snapshot = ports.register.load();
  const now = ports.clock.now();
  // Idempotency first: a response already recorded is recorded, whatever changed since.
  const already = snapshot.days.filter((d) => d.requestId === input.requestId);
  if (already.length && already.some((d) => d.employee !== normaliseEmail(input.employee)))
    return fail('INVALID_INPUT', 'Questa richiesta ha un codice già usato: ricarica la pagina e riprova.');
  if (already.length) return { ok: true, days: already, duplicate: true };

  const checked = checkSubmitInput(snapshot.sites, input);
  const employee = checked.ok ? snapshot.employees.find((e) => e.email === checked.employee) : undefined;
  if (!checked.ok || !employee) {
    const failure = checked.ok
      ? fail('UNKNOWN_EMPLOYEE', `${checked.employee} non è nell'elenco dei dipendenti.`)
      : checked;
    if (explainFailures) explainFailure(ports, input, failure, now, snapshot.policy);
    return failure;
  }

  const view = new RegisterView(snapshot, checked.dates);
  const outcomes = evaluateRequest(view.ruleContext(employee, now.date), checked.dates, checked.location);
  const days = outcomes.map((o, i) =>
    toRecord(o, i, input.requestId, employee.email, checked.location, checked.note, now),
  );
  const siteName = (id: string) => view.sites.get(id)?.name ?? id;
  const managers = [
    employee.manager,
    ...snapshot.delegations
      .filter((d) => d.manager === employee.manager && d.from <= now.date && now.date <= d.to)
      .map((d) => d.delegate),
  ];
  ports.register.commit({
    addDays: days,
    audit: days.map((d) => submitAudit(d, now)),
    mail: requestNotifications(employee, days, now, snapshot.policy, siteName, managers),
  });
  return { ok: true, days, duplicate: false };
}

/** Logs a response that could not be recorded and tells the respondent why, the first time. */
function explainFailure(
  ports: Ports,
  input: SubmitInput,
  failure: Failure,
  now: LocalDateTime,
  policy: Policy,
): void {
  if (ports.register.wasRefused(input.requestId)) return;
  const employee = normaliseEmail(input.employee) ?? '';
  const mail: Notification[] = employee
    ? [
        {
          to: employee,
          kind: 'receipt',
          subject: 'Richiesta di lavoro agile non registrata',
          body: `La tua richiesta non è stata registrata: ${failure.message}\nSe pensi che sia un errore, scrivi al servizio personale.`,
          sendAt: formatLocalDateTime(deliveryTime(now, policy)),
          dayIds: [],
        },
      ]
    : [];
  ports.register.commit({
    audit: [
      {
        at: formatLocalDateTime(now),
        by: employee,
        action: 'refuse-request',
        dayId: input.requestId,
        employee,
        date: '',
        from: '',
        to: '',
        detail: `${failure.code}: ${failure.message}`,
      },
    ],
    mail,
  });
}

function checkSubmitInput(
  sites: readonly Site[],
  input: SubmitInput,
): { ok: true; employee: string; dates: string[]; location: string; note: string } | ReturnType<typeof fail> {
  if (!Array.isArray(input.dates) || input.dates.length === 0) {
    return fail('INVALID_INPUT', 'Indica almeno una data.');
  }
  if (input.dates.some((d) => typeof d !== 'string'))
    return fail('INVALID_INPUT', 'Le date devono essere testi AAAA-MM-GG.');
  if (input.dates.length > 31) return fail('INVALID_INPUT', 'Al massimo 31 date per richiesta.');
  const location = typeof input.location === 'string' ? input.location.trim() : '';
  if (location !== HOME && !sites.some((s) => s.id === location)) {
    return fail(
      'INVALID_INPUT',
      location ? `Sede sconosciuta: «${location}».` : 'Indica il luogo: casa o una sede condivisa.',
    );
  }
  const note = freeText(input.note, 'La nota');
  if (!note.ok) return note;
  const employee = normaliseEmail(input.employee);
  if (!employee) return fail('UNKNOWN_EMPLOYEE', 'Identità del richiedente non verificata.');
  return {
    ok: true,
    employee,
    dates: (input.dates as string[]).map((d) => d.trim()),
    location,
    note: note.text,
  };
}

function toRecord(
  outcome: DateOutcome,
  index: number,
  requestId: string,
  employee: string,
  location: string,
  note: string,
  now: LocalDateTime,
): DayRecord {
  return {
    id: `${requestId}#${index + 1}`,
    requestId,
    employee,
    date: outcome.input,
    location,
    note,
    status: outcome.status,
    violations: outcome.results.map((r) => ({ rule: r.rule, severity: r.severity, message: r.message })),
    submittedAt: formatLocalDateTime(now),
    decidedBy: '',
    decidedAt: '',
    reason: '',
    calendarEventId: '',
  };
}

function submitAudit(day: DayRecord, now: LocalDateTime): AuditEntry {
  return {
    at: formatLocalDateTime(now),
    by: day.employee,
    action: 'submit',
    dayId: day.id,
    employee: day.employee,
    date: day.date,
    from: '',
    to: day.status,
    detail: day.violations.map((v) => v.rule).join(' '),
  };
}
