// The individual agreement's life (art. 19 L. 81/2017): drafted by HR or the manager, sent for
// acceptance, accepted by the employee and by the manager (each acceptance with the verified
// identity and its time), then in force from its first day to its last (none: indefinite term),
// expiring in its last 30 days, renewed by a later agreement, expired, or withdrawn with notice.
// The stage is derived from these facts and a date, never stored: one truth, no drift.
//
// Withdrawal (art. 19 c. 2 L. 81/2017): from an agreement of indefinite term, with at least 30
// days' notice; when the employer withdraws from the agreement of a disabled worker (L. 68/1999,
// art. 1), at least 90 days, so that the work can be reorganised for their needs. With a
// justified reason ("giustificato motivo") either party may withdraw at once, from a fixed-term
// agreement too. A fixed-term agreement without a justified reason runs to its end.
import { addDays, type IsoDate } from './dates';

export type AgreementStage =
  'draft' | 'awaiting-acceptance' | 'signed' | 'active' | 'expiring' | 'expired' | 'renewed' | 'withdrawn';

export const STAGE_LABELS: Readonly<Record<AgreementStage, string>> = {
  draft: 'bozza',
  'awaiting-acceptance': 'in attesa di accettazione',
  signed: 'firmato, non ancora in vigore',
  active: 'attivo',
  expiring: 'in scadenza',
  expired: 'scaduto',
  renewed: 'rinnovato',
  withdrawn: 'receduto',
};

/** Days before the last day when an agreement is «in scadenza» and HR and the manager are told. */
export const EXPIRY_ALERT_DAYS = 30;
export const WITHDRAWAL_NOTICE_DAYS = 30;
export const WITHDRAWAL_NOTICE_DAYS_DISABLED = 90;

/** Who accepted and when: the verified Google identity and the Europe/Rome time. */
export interface Acceptance {
  by: string;
  at: string;
}

export interface Withdrawal {
  by: 'employer' | 'employee';
  /** The day the notice was given. */
  noticeDate: IsoDate;
  justifiedReason: boolean;
  reason: string;
}

export interface AgreementLife {
  id: string;
  employee: string;
  from: IsoDate;
  /** null: indefinite term. */
  to: IsoDate | null;
  sentAt: string | null;
  employeeAcceptance: Acceptance | null;
  managerAcceptance: Acceptance | null;
  withdrawal: Withdrawal | null;
  /** The agreement that renews this one, if any. */
  renewedBy: string | null;
}

/** The day a withdrawal takes effect: the last day of the agreement is the day before. */
export function withdrawalEffective(
  life: Pick<AgreementLife, 'to'>,
  w: Withdrawal,
  disabledWorker: boolean,
): { ok: true; effective: IsoDate } | { ok: false; message: string } {
  if (w.justifiedReason) return { ok: true, effective: w.noticeDate };
  if (life.to !== null)
    return {
      ok: false,
      message:
        'Un accordo a tempo determinato si può recedere prima della scadenza solo per giustificato motivo (art. 19 c. 2 L. 81/2017).',
    };
  const days =
    w.by === 'employer' && disabledWorker ? WITHDRAWAL_NOTICE_DAYS_DISABLED : WITHDRAWAL_NOTICE_DAYS;
  return { ok: true, effective: addDays(w.noticeDate, days) };
}

/** The signature date of an agreement signed on two dates: the later one, or null if one is missing. */
export function signedOnOf(employee: IsoDate | null, manager: IsoDate | null): IsoDate | null {
  if (!employee || !manager) return null;
  return employee > manager ? employee : manager;
}

/** The date both parties had accepted (the signature date), or null. */
export function signedOn(life: AgreementLife): IsoDate | null {
  const a = life.employeeAcceptance?.at;
  const b = life.managerAcceptance?.at;
  if (!a || !b) return null;
  return (a > b ? a : b).slice(0, 10) as IsoDate;
}

/** The last day the agreement is in force: its end, or the day before a withdrawal takes effect. */
export function lastDay(life: AgreementLife, disabledWorker: boolean): IsoDate | null {
  const withdrawn = life.withdrawal ? withdrawalEffective(life, life.withdrawal, disabledWorker) : null;
  const end = withdrawn?.ok ? addDays(withdrawn.effective, -1) : null;
  if (end === null) return life.to;
  return life.to === null || end < life.to ? end : life.to;
}

/** The stage on `date`. */
export function stageOn(life: AgreementLife, date: IsoDate, disabledWorker: boolean): AgreementStage {
  if (!life.sentAt) return 'draft';
  const signed = signedOn(life);
  if (!signed) return 'awaiting-acceptance';
  const last = lastDay(life, disabledWorker);
  if (last !== null && date > last) {
    if (life.withdrawal && (life.to === null || last < life.to)) return 'withdrawn';
    return life.renewedBy ? 'renewed' : 'expired';
  }
  if (date < life.from) return 'signed';
  if (last !== null && addDays(date, EXPIRY_ALERT_DAYS) >= last) return 'expiring';
  return 'active';
}

/** Whether the rules may count on the agreement on `date`: accepted by both and in force. */
export function inForce(life: AgreementLife, date: IsoDate, disabledWorker: boolean): boolean {
  const stage = stageOn(life, date, disabledWorker);
  return stage === 'active' || stage === 'expiring';
}

// ---- who may do what ------------------------------------------------------------------------

/** The people an agreement is between, and HR, as the register says today. */
export interface AgreementParties {
  employee: string;
  manager: string;
  hr: readonly string[];
}

export type Check<T = true> = { ok: true; value: T } | { ok: false; message: string };
const refuse = (message: string): { ok: false; message: string } => ({ ok: false, message });

const isEmployer = (caller: string, p: AgreementParties) => caller === p.manager || p.hr.includes(caller);

/** HR or the employee's manager propose (and send) an agreement; nobody proposes their own. */
export function mayPropose(caller: string, p: AgreementParties): Check {
  if (caller === p.employee && !p.hr.includes(caller))
    return refuse('Il tuo accordo lo propone il tuo responsabile o il servizio personale.');
  if (!isEmployer(caller, p))
    return refuse('Solo il responsabile della persona o il servizio personale può proporre il suo accordo.');
  return { ok: true, value: true };
}

/** Whether two periods (null end: indefinite) share a day. */
export function overlaps(
  a: { from: IsoDate; to: IsoDate | null },
  b: { from: IsoDate; to: IsoDate | null },
): boolean {
  return (a.to === null || b.from <= a.to) && (b.to === null || a.from <= b.to);
}

/**
 * A new agreement's period: it starts today or later, ends on or after its start, and shares no
 * day with another agreement of the person still in force or on its way (`others` with their
 * last day already shortened by a withdrawal).
 */
export function checkPeriod(
  period: { from: IsoDate; to: IsoDate | null },
  others: readonly { from: IsoDate; to: IsoDate | null }[],
  today: IsoDate,
): Check {
  if (period.from < today) return refuse("L'accordo non può iniziare in una data passata.");
  if (period.to !== null && period.to < period.from)
    return refuse("La fine dell'accordo precede il suo inizio.");
  const clash = others.find((o) => overlaps(period, o));
  if (clash)
    return refuse(
      `Si sovrappone all'accordo dal ${clash.from}${clash.to ? ` al ${clash.to}` : ' a tempo indeterminato'}: un rinnovo inizia dopo la fine del precedente.`,
    );
  return { ok: true, value: true };
}

/** Sending for acceptance: a draft, by HR or the manager. */
export function maySend(life: AgreementLife, caller: string, p: AgreementParties): Check {
  const who = mayPropose(caller, p);
  if (!who.ok) return who;
  if (life.sentAt) return refuse("L'accordo è già stato inviato per l'accettazione.");
  return { ok: true, value: true };
}

/**
 * Accepting: the employee for themselves, the manager for the employer; each once, after the
 * agreement was sent. HR does not accept for either party (an HR member who is the manager does,
 * as the manager).
 */
export function acceptanceRole(
  life: AgreementLife,
  caller: string,
  p: AgreementParties,
): Check<'employee' | 'manager'> {
  const role = caller === p.employee ? 'employee' : caller === p.manager ? 'manager' : null;
  if (!role) return refuse("Accettano l'accordo solo il dipendente e il suo responsabile.");
  if (!life.sentAt) return refuse("L'accordo non è ancora stato inviato per l'accettazione.");
  if ((role === 'employee' ? life.employeeAcceptance : life.managerAcceptance) !== null)
    return refuse('Hai già accettato questo accordo.');
  return { ok: true, value: role };
}

/**
 * Withdrawing (art. 19 c. 2): the employee, or the employer (the manager or HR), from a signed
 * agreement not already withdrawn or ended; a fixed term only with a justified reason.
 */
export function mayWithdraw(
  life: AgreementLife,
  caller: string,
  p: AgreementParties,
  today: IsoDate,
  justifiedReason: boolean,
  disabledWorker: boolean,
): Check<'employee' | 'employer'> {
  const by = caller === p.employee ? 'employee' : isEmployer(caller, p) ? 'employer' : null;
  if (!by)
    return refuse("Recedono dall'accordo solo il dipendente, il suo responsabile o il servizio personale.");
  if (life.withdrawal) return refuse('Il recesso da questo accordo è già stato comunicato.');
  const stage = stageOn(life, today, disabledWorker);
  if (stage === 'draft' || stage === 'awaiting-acceptance')
    return refuse("L'accordo non è ancora firmato da entrambi: non serve recedere.");
  if (stage === 'expired' || stage === 'renewed' || stage === 'withdrawn')
    return refuse("L'accordo è già concluso.");
  if (life.to !== null && !justifiedReason)
    return refuse(
      'Un accordo a tempo determinato si può recedere prima della scadenza solo per giustificato motivo (art. 19 c. 2 L. 81/2017).',
    );
  return { ok: true, value: by };
}

// ---- retention ------------------------------------------------------------------------------

/** Agreements and their notices are kept this many years after they end, then deleted. */
export const RETENTION_YEARS = 5;

/** The last day an agreement ended on `last` is kept: the same date RETENTION_YEARS later (29 Feb → 28 Feb). */
export function keptUntil(last: IsoDate): IsoDate {
  const year = Number(last.slice(0, 4)) + RETENTION_YEARS;
  const monthDay = last.slice(4) === '-02-29' ? '-02-28' : last.slice(4);
  return `${String(year).padStart(4, '0')}${monthDay}` as IsoDate;
}

/**
 * Whether the agreement is past its retention on `today`: ended (its end, or the day before a
 * withdrawal took effect) more than RETENTION_YEARS ago. One never accepted by both counts from
 * its end, or its first day when it had none. An agreement in force without an end is kept.
 */
export function pastRetention(life: AgreementLife, today: IsoDate, disabledWorker: boolean): boolean {
  const accepted = life.employeeAcceptance !== null && life.managerAcceptance !== null;
  const last = accepted ? lastDay(life, disabledWorker) : (life.to ?? life.from);
  return last !== null && keptUntil(last) < today;
}

/**
 * Whether the expiry alert of an agreement ending on `last` falls due in the daily run of `today`,
 * the previous one having run on `since` (null: none before): its day is EXPIRY_ALERT_DAYS before
 * the end, and a missed run catches it up once, never twice.
 */
export function expiryAlertDue(last: IsoDate, since: IsoDate | null, today: IsoDate): boolean {
  const day = addDays(last, -EXPIRY_ALERT_DAYS);
  return day <= today && (since === null ? day === today : day > since);
}
