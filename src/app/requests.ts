// Use case: an employee requests smart days (from the Form, the playground or a scenario).
import { formatLocalDateTime, type LocalDateTime } from '../domain/dates';
import { deliveryTime } from '../domain/disconnection';
import { HOME, normaliseEmail } from '../domain/model';
import { evaluateRequest, type DateOutcome } from '../domain/rules';
import type { AuditEntry, DayRecord, Ports } from './ports';
import { fail, type Result } from './result';
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
  const result = ports.lock.withLock(() => recordRequest(ports, input));
  // Mail goes out after the lock is released: the register is already consistent.
  if (result.ok && result.notifications.length) ports.notifier.notify(result.notifications);
  return result;
}

/**
 * A Form response: the request, and when it cannot be recorded (an unknown respondent, a site
 * HR removed from the sheet...) a line in the change log and a mail saying why, in Italian.
 */
export function receiveFormResponse(ports: Ports, input: SubmitInput): Result<SubmitOutcome> {
  const result = submitRequest(ports, input);
  if (result.ok) return result;
  const now = ports.clock.now();
  const at = formatLocalDateTime(now);
  const employee = typeof input.employee === 'string' ? input.employee.trim().toLowerCase() : '';
  ports.lock.withLock(() =>
    ports.register.appendAudit([
      {
        at,
        by: employee,
        action: 'refuse-request',
        dayId: input.requestId,
        employee,
        date: '',
        from: '',
        to: '',
        detail: `${result.code}: ${result.message}`,
      },
    ]),
  );
  if (employee) {
    const policy = ports.register.load().policy;
    ports.notifier.notify([
      {
        to: employee,
        kind: 'receipt',
        subject: 'Richiesta di lavoro agile non registrata',
        body: `La tua richiesta non è stata registrata: ${result.message}\nSe pensi che sia un errore, scrivi al servizio personale.`,
        sendAt: formatLocalDateTime(deliveryTime(now, policy)),
      },
    ]);
  }
  return result;
}

function recordRequest(
  ports: Ports,
  input: SubmitInput,
): Result<SubmitOutcome & { notifications: Notification[] }> {
  {
    const view = new RegisterView(
      ports.register.load(),
      Array.isArray(input.dates) ? input.dates.map(String) : [],
    );
    const now = ports.clock.now();
    const checked = checkSubmitInput(view, input);
    if (!checked.ok) return checked;

    const already = view.snapshot.days.filter((d) => d.requestId === input.requestId);
    if (already.length) return { ok: true, days: already, duplicate: true, notifications: [] };

    const employee = view.employees.get(checked.employee);
    if (!employee) return fail('UNKNOWN_EMPLOYEE', `${checked.employee} non è nell'elenco dei dipendenti.`);

    const outcomes = evaluateRequest(view.ruleContext(employee, now.date), checked.dates, checked.location);
    const days = outcomes.map((o, i) =>
      toRecord(o, i, input.requestId, employee.email, checked.location, checked.note, now),
    );
    ports.register.appendDays(days);
    ports.register.appendAudit(days.map((d) => submitAudit(d, now)));
    const siteName = (id: string) => view.sites.get(id)?.name ?? id;
    const notifications = requestNotifications(employee, days, now, view.snapshot.policy, siteName);
    return { ok: true, days, duplicate: false, notifications };
  }
}

function checkSubmitInput(
  view: RegisterView,
  input: SubmitInput,
): { ok: true; employee: string; dates: string[]; location: string; note: string } | ReturnType<typeof fail> {
  if (!Array.isArray(input.dates) || input.dates.length === 0) {
    return fail('INVALID_INPUT', 'Indica almeno una data.');
  }
  if (input.dates.some((d) => typeof d !== 'string'))
    return fail('INVALID_INPUT', 'Le date devono essere testi AAAA-MM-GG.');
  if (input.dates.length > 31) return fail('INVALID_INPUT', 'Al massimo 31 date per richiesta.');
  const location = typeof input.location === 'string' ? input.location.trim() : '';
  if (location !== HOME && !view.sites.has(location)) {
    return fail(
      'INVALID_INPUT',
      location ? `Sede sconosciuta: «${location}».` : 'Indica il luogo: casa o una sede condivisa.',
    );
  }
  if (input.note !== undefined && input.note !== null && typeof input.note !== 'string') {
    return fail('INVALID_INPUT', 'La nota deve essere un testo.');
  }
  const note = typeof input.note === 'string' ? input.note.slice(0, 1000) : '';
  const employee = normaliseEmail(input.employee);
  if (!employee) return fail('UNKNOWN_EMPLOYEE', 'Identità del richiedente non verificata.');
  return { ok: true, employee, dates: (input.dates as string[]).map((d) => d.trim()), location, note };
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
