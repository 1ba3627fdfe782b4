// Use cases: a manager (or delegate, or HR) approves or rejects pending days; the employee (or
// their manager, or HR) cancels a pending or approved day. The caller is always the verified
// identity given by the entry point, never a value sent by a client.
import {
  formatDayIt,
  formatLocalDateTime,
  parseIsoDate,
  type IsoDate,
  type LocalDateTime,
} from '../domain/dates';
import { normaliseEmail, type DayStatus, type Employee } from '../domain/model';
import { evaluateApproval } from '../domain/rules';
import { STATUS_LABELS } from '../domain/labels';
import type { AuditEntry, DayRecord, Ports } from './ports';
import { fail, type Failure, type Result } from './result';
import { freeText } from './text';
import { dayFacts, RegisterView } from './view';
import { changeNotifications } from './notifications';

export interface DayRef {
  employee: unknown;
  date: unknown;
}
export interface DecisionInput extends DayRef {
  decision: unknown;
  reason?: unknown;
}

export type ItemOutcome = Result<{ day: DayRecord }>;

/**
 * Whether a refused decision or cancellation asked for what the day already is (a double click,
 * a retry after a lost answer): people are told it is done, not that it failed.
 */
export function alreadyDone(outcome: ItemOutcome, wanted: DayStatus): boolean {
  return !outcome.ok && outcome.code === 'INVALID_STATE' && outcome.current === wanted;
}

/** Approves or rejects one pending day. */
export function decideDay(ports: Ports, by: string, input: DecisionInput): ItemOutcome {
  return decideDays(ports, by, [input])[0];
}

/** Approves or rejects several days in one read and one write; each item succeeds or fails alone. */
export function decideDays(ports: Ports, by: string, inputs: readonly DecisionInput[]): ItemOutcome[] {
  return changeDays(ports, by, inputs, (view, caller, employee, input, now) => {
    const decision = input.decision;
    if (decision !== 'approve' && decision !== 'reject')
      return fail('INVALID_INPUT', 'La decisione deve essere «approve» o «reject».');
    const typed = freeText(input.reason, 'La motivazione');
    if (!typed.ok) return typed;
    const reason = typed.text.trim();
    if (decision === 'reject' && !reason)
      return fail('INVALID_INPUT', 'Per rifiutare serve una motivazione.');
    if (!employee) return null;
    if (
      caller === employee.email ||
      !(view.isAdmin(caller) || view.isManagerOf(caller, employee, now.date))
    ) {
      return fail(
        'NOT_AUTHORIZED',
        'Solo il responsabile del dipendente (o un suo delegato) o il servizio personale può decidere.',
      );
    }
    return (day) => {
      if (day.status !== 'pending')
        return fail('INVALID_STATE', `La giornata è già ${STATUS_LABELS[day.status]}.`);
      if (decision === 'approve') {
        const facts = dayFacts(day);
        const blocks = facts
          ? evaluateApproval(view.ruleContext(employee, now.date), facts).filter(
              (r) => r.severity === 'block',
            )
          : [];
        if (blocks.length) return fail('RULE_VIOLATION', blocks.map((b) => b.message).join(' '));
        return { status: 'approved', reason: reason };
      }
      return { status: 'rejected', reason };
    };
  });
}

/** Cancels one pending or approved day that is not in the past. */
export function cancelDay(ports: Ports, by: string, input: DayRef & { reason?: unknown }): ItemOutcome {
  return changeDays(ports, by, [input], (view, caller, employee, item, now) => {
    // A malformed step is INVALID_INPUT before anything else (the scenario contract's order).
    const typed = freeText(item.reason, 'La motivazione');
    if (!typed.ok) return typed;
    const reason = typed.text.trim();
    if (!employee) return null;
    const allowed =
      caller === employee.email || view.isAdmin(caller) || view.isManagerOf(caller, employee, now.date);
    if (!allowed)
      return fail(
        'NOT_AUTHORIZED',
        'Solo il dipendente, il suo responsabile o il servizio personale può annullare.',
      );
    return (day) => {
      if (day.status !== 'pending' && day.status !== 'approved')
        return fail('INVALID_STATE', `La giornata è già ${STATUS_LABELS[day.status]}.`);
      if (day.date < now.date) return fail('INVALID_STATE', 'Non si può annullare una giornata passata.');
      return { status: 'cancelled', reason };
    };
  })[0];
}

/**
 * After a withdrawal takes effect the agreement no longer covers the person's days: every
 * pending or approved day from that date on, not past, is cancelled, and the person and their
 * manager are told (the cancellation's mail). Run by the owner's daily job as `system`.
 */
export function cancelAfterWithdrawals(ports: Ports, system: string): ItemOutcome[] {
  const snapshot = ports.register.load();
  const today = ports.clock.now().date;
  const effective = new Map<string, IsoDate>();
  for (const w of snapshot.withdrawals ?? [])
    if (!effective.has(w.employee) || w.effective < (effective.get(w.employee) as IsoDate))
      effective.set(w.employee, w.effective);
  const targets = snapshot.days.filter((d) => {
    const from = effective.get(d.employee);
    return (
      from !== undefined &&
      d.date >= from &&
      d.date >= today &&
      (d.status === 'pending' || d.status === 'approved')
    );
  });
  if (!targets.length) return [];
  return changeDays(
    ports,
    system,
    targets.map((d) => ({ employee: d.employee, date: d.date })),
    (_view, _caller, employee) => {
      if (!employee) return null;
      const from = effective.get(employee.email) as IsoDate;
      return (day) =>
        day.status !== 'pending' && day.status !== 'approved'
          ? fail('INVALID_STATE', `La giornata è già ${STATUS_LABELS[day.status]}.`)
          : { status: 'cancelled', reason: `L’accordo di lavoro agile è receduto dal ${formatDayIt(from)}.` };
    },
  );
}

type Transition = (day: DayRecord) => { status: DayStatus; reason: string } | Failure;
/**
 * Checks the item for the caller: a failure, null when the employee is unknown, or the
 * transition to apply to the day found.
 */
type Planner<I> = (
  view: RegisterView,
  caller: string,
  employee: Employee | null,
  input: I,
  now: LocalDateTime,
) => Failure | null | Transition;

function changeDays<I extends DayRef>(
  ports: Ports,
  by: string,
  inputs: readonly I[],
  plan: Planner<I>,
): ItemOutcome[] {
  return ports.lock.withLock(() => applyChanges(ports, by, inputs, plan));
}

function applyChanges<I extends DayRef>(ports: Ports, by: string, inputs: readonly I[], plan: Planner<I>) {
  {
    const view = new RegisterView(
      ports.register.load(),
      inputs.map((i) => String(i.date)),
    );
    const now = ports.clock.now();
    const caller = normaliseEmail(by) ?? '';
    const changed: DayRecord[] = [];
    const changes: { employee: Employee; day: DayRecord }[] = [];
    const audit: AuditEntry[] = [];
    const outcomes = inputs.map((input): ItemOutcome => {
      const email = normaliseEmail(input.employee);
      const date = parseIsoDate(input.date);
      if (!email || !date)
        return fail('INVALID_INPUT', 'Indica il dipendente e una data valida (AAAA-MM-GG).');
      const employee = view.employees.get(email) ?? null;
      const transition = plan(view, caller, employee, input, now);
      if (typeof transition !== 'function' && transition !== null) return transition;
      if (transition === null || !employee)
        return fail('UNKNOWN_EMPLOYEE', 'La persona indicata non è nell’elenco dei dipendenti.');
      const candidates = (view.daysOf.get(email) ?? []).filter((d) => d.date === date);
      if (candidates.length === 0)
        return fail('NOT_FOUND', `${employee.name} non ha chiesto ${formatDayIt(date)}.`);
      // Of several requests for one date (e.g. refused, then asked again) act on the live one.
      const day =
        candidates.find((d) => d.status === 'pending' || d.status === 'approved') ??
        candidates[candidates.length - 1];
      const next = transition(day);
      if ('ok' in next) return { ...next, current: day.status };
      const after: DayRecord = {
        ...day,
        status: next.status,
        reason: next.reason,
        decidedBy: caller,
        decidedAt: formatLocalDateTime(now),
      };
      view.replaceDay(day, after);
      changed.push(after);
      changes.push({ employee, day: after });
      audit.push(changeAudit(day, after, caller, now));
      return { ok: true, day: after };
    });
    if (changed.length)
      ports.register.commit({
        updateDays: changed,
        audit,
        mail: changeNotifications(changes, caller, now, view.snapshot.policy),
      });
    return outcomes;
  }
}

function changeAudit(before: DayRecord, after: DayRecord, by: string, now: LocalDateTime): AuditEntry {
  const action = after.status === 'approved' ? 'approve' : after.status === 'rejected' ? 'reject' : 'cancel';
  return {
    at: formatLocalDateTime(now),
    by,
    action,
    dayId: after.id,
    employee: after.employee,
    date: after.date,
    from: before.status,
    to: after.status,
    detail: after.reason,
  };
}
