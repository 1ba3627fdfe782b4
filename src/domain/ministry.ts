// The notice to the Ministry of Labour (art. 23 c. 1 L. 81/2017 as amended by art. 41-bis
// D.L. 73/2022; D.M. 149 of 22 August 2022): for each agreement, its start, any change, its
// cancellation and its withdrawal, within 5 days. One record per event, with its due date and
// status; the batch export lays the records out as the Ministry's smart-working data model does
// (sections datore di lavoro, lavoratore, rapporto di lavoro, accordo di lavoro agile, dati
// d'invio): see docs/ministry-notice.md for the columns and their sources.
import { addDays, type IsoDate } from './dates';

export type NoticeKind = 'start' | 'change' | 'cancellation' | 'withdrawal';

/** The Ministry's code of each kind of communication (codTipologiaComunicazione). */
export const NOTICE_CODES: Readonly<Record<NoticeKind, string>> = {
  start: 'I',
  change: 'M',
  cancellation: 'A',
  withdrawal: 'R',
};

export const NOTICE_LABELS: Readonly<Record<NoticeKind, string>> = {
  start: 'inizio periodo',
  change: 'modifica',
  cancellation: 'annullamento',
  withdrawal: 'recesso',
};

/** Days to send a notice after its event (art. 23 c. 1 L. 81/2017; D.M. 149/2022). */
export const NOTICE_DAYS = 5;
/** HR is reminded this many days before a deadline. */
export const NOTICE_ALERT_DAYS = 2;

export type NoticeStatus = 'to-send' | 'sent';

export interface EmployerFacts {
  taxCode: string;
  name: string;
}

/** What the notice needs of the employee's record. */
export interface WorkerFacts {
  taxCode: string;
  surname: string;
  firstName: string;
  birthDate: IsoDate | null;
  /** Cadastral code of the comune of birth (or Z… for a country). */
  birthPlace: string;
  employmentStart: IsoDate | null;
  /** Employment: TI indefinite, TD fixed term. */
  employmentType: 'TI' | 'TD' | '';
  /** INAIL insurance position (PAT); the State's special PAT for bodies it insures directly. */
  inailPat: string;
  /** INAIL tariff item. */
  inailRate: string;
}

export interface AgreementFacts {
  id: string;
  signedOn: IsoDate | null;
  from: IsoDate;
  /** null: indefinite term (TI). */
  to: IsoDate | null;
}

export interface Notice {
  /** Stable: the agreement id, the kind and the event date. */
  id: string;
  kind: NoticeKind;
  agreementId: string;
  employee: string;
  /** The day of the event the notice reports. */
  eventDate: IsoDate;
  due: IsoDate;
  status: NoticeStatus;
  /** The Ministry's code of the communication, once HR records the receipt. */
  receipt: string;
}

export function noticeFor(
  kind: NoticeKind,
  agreementId: string,
  employee: string,
  eventDate: IsoDate,
): Notice {
  return {
    id: `${agreementId}/${kind}/${eventDate}`,
    kind,
    agreementId,
    employee,
    eventDate,
    due: addDays(eventDate, NOTICE_DAYS),
    status: 'to-send',
    receipt: '',
  };
}

/** Notices to send whose deadline is within the alert window (or past), oldest first. */
export function noticesToRemind(notices: readonly Notice[], today: IsoDate): Notice[] {
  return notices
    .filter((n) => n.status === 'to-send' && n.due <= addDays(today, NOTICE_ALERT_DAYS))
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : 1));
}

/** The export's columns, in order: section, header, and what fills it. */
export const NOTICE_COLUMNS = [
  ['datore di lavoro', 'Codice fiscale datore di lavoro'],
  ['datore di lavoro', 'Denominazione datore di lavoro'],
  ['lavoratore', 'Codice fiscale lavoratore'],
  ['lavoratore', 'Data di nascita'],
  ['lavoratore', 'Cognome'],
  ['lavoratore', 'Nome'],
  ['lavoratore', 'Codice comune o stato estero di nascita'],
  ['rapporto di lavoro', 'Data inizio rapporto di lavoro'],
  ['rapporto di lavoro', 'Tipologia rapporto di lavoro'],
  ['rapporto di lavoro', 'Posizione INAIL (PAT)'],
  ['rapporto di lavoro', 'Voce di tariffa INAIL'],
  ['accordo di lavoro agile', 'Data sottoscrizione accordo'],
  ['accordo di lavoro agile', 'Tipologia durata periodo'],
  ['accordo di lavoro agile', 'Data inizio periodo'],
  ['accordo di lavoro agile', 'Data fine periodo'],
  ["dati d'invio", 'Tipologia comunicazione'],
  ["dati d'invio", 'Codice comunicazione da modificare, annullare o recedere'],
] as const;

/** dd/mm/yyyy, as the Ministry's forms write dates. */
export function ministryDate(date: IsoDate | null): string {
  return date ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}` : '';
}

/** What a row lacks before it can be sent: Italian names of the empty required fields. */
export function missingFields(row: readonly string[]): string[] {
  const optional = new Set<string>([
    'Data fine periodo',
    'Codice comunicazione da modificare, annullare o recedere',
  ]);
  return NOTICE_COLUMNS.filter(([, header], i) => !optional.has(header) && !row[i]).map(([, h]) => h);
}

/**
 * One notice as a row of the export. The end of the period is required for a fixed-term
 * agreement; a change, cancellation or withdrawal names the code of the start's communication.
 */
export function noticeRow(
  notice: Notice,
  employer: EmployerFacts,
  worker: WorkerFacts,
  agreement: AgreementFacts,
  startReceipt: string,
): string[] {
  const end = notice.kind === 'withdrawal' ? addDays(notice.eventDate, -1) : agreement.to;
  return [
    employer.taxCode,
    employer.name,
    worker.taxCode,
    ministryDate(worker.birthDate),
    worker.surname,
    worker.firstName,
    worker.birthPlace,
    ministryDate(worker.employmentStart),
    worker.employmentType,
    worker.inailPat,
    worker.inailRate,
    ministryDate(agreement.signedOn),
    agreement.to === null ? 'TI' : 'TD',
    ministryDate(agreement.from),
    ministryDate(end),
    NOTICE_CODES[notice.kind],
    notice.kind === 'start' ? '' : startReceipt,
  ];
}

/** The period as notified: `from–to` (to empty: indefinite), compared to tell a change. */
export function periodText(from: IsoDate, to: IsoDate | null): string {
  return `${from}–${to ?? ''}`;
}

/** What the register knows of an agreement, for its notices. */
export interface AgreementHistory {
  id: string;
  employee: string;
  from: IsoDate;
  /** The end as signed now (null: indefinite); a withdrawal does not change it. */
  to: IsoDate | null;
  withdrawal: { noticeDate: IsoDate; effective: IsoDate } | null;
}

/** A notice recorded in Comunicazioni: the period it carried and the Ministry's receipt. */
export interface RecordedNotice {
  period: string;
  receipt: string;
  eventDate: IsoDate | null;
}

/**
 * The notices an agreement calls for, each with the period it carries: its start; a change when
 * the period differs from the one a SENT start (or the last sent change) carried (HR extended or
 * shortened it), once per new period, dated when first seen; its withdrawal, or, when it is
 * withdrawn before its first day, the cancellation of its start. A cancelled agreement whose start
 * was never sent needs nothing at all: neither notice is to send (`skip`).
 */
export function agreementNotices(
  a: AgreementHistory,
  recorded: ReadonlyMap<string, RecordedNotice>,
  today: IsoDate,
): { notice: Notice; period: string; skip: boolean }[] {
  const period = periodText(a.from, a.to);
  const start = noticeFor('start', a.id, a.employee, a.from);
  const out: { notice: Notice; period: string; skip: boolean }[] = [];
  const cancelled = a.withdrawal !== null && a.withdrawal.effective <= a.from;
  const startSent = (recorded.get(start.id)?.receipt ?? '') !== '';
  out.push({ notice: start, period, skip: cancelled && !startSent });
  // The last period the Ministry was told: the start's, or a later sent change's.
  let told = startSent ? (recorded.get(start.id)?.period ?? '') : '';
  for (const [id, r] of recorded)
    if (id.startsWith(`${a.id}/change/`) && r.receipt && r.eventDate && r.period) told = r.period;
  if (startSent && told && told !== period && !cancelled) {
    const id = `${a.id}/change/${period}`;
    const eventDate = recorded.get(id)?.eventDate ?? today;
    out.push({ notice: { ...noticeFor('change', a.id, a.employee, eventDate), id }, period, skip: false });
  }
  if (a.withdrawal)
    out.push({
      notice: noticeFor(cancelled ? 'cancellation' : 'withdrawal', a.id, a.employee, a.withdrawal.effective),
      period,
      skip: cancelled && !startSent,
    });
  return out;
}
