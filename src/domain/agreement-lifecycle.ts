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
