// Notifications of requests and decisions, in Italian: one receipt to the employee per
// request, one digest to the manager per request, one mail per decision or cancellation.
// Each carries the time it may be delivered (never inside the disconnection period).
import { formatDateIt, formatLocalDateTime, parseIsoDate, type LocalDateTime } from '../domain/dates';
import { deliveryTime } from '../domain/disconnection';
import { STATUS_LABELS } from '../domain/labels';
import { HOME, type Employee } from '../domain/model';
import type { Policy } from '../domain/policy';
import type { DayRecord } from './ports';

export type NotificationKind = 'receipt' | 'digest' | 'decision' | 'cancellation';

/** Subjects start with these words, one per kind: mail readers (and tests) can tell them apart. */
const SUBJECT_PREFIX: Record<NotificationKind, string[]> = {
  receipt: ['Ricevuta della richiesta', 'Richiesta di lavoro agile non registrata'],
  digest: ['Da approvare:'],
  decision: ['Esito delle tue giornate'],
  cancellation: ['Lavoro agile annullato'],
};

export function notificationKindOf(subject: string): NotificationKind | 'other' {
  for (const [kind, prefixes] of Object.entries(SUBJECT_PREFIX) as [NotificationKind, string[]][]) {
    if (prefixes.some((p) => subject.startsWith(p))) return kind;
  }
  return 'other';
}

export interface Notification {
  to: string;
  kind: NotificationKind;
  subject: string;
  body: string;
  /** Europe/Rome local `YYYY-MM-DDTHH:mm`. */
  sendAt: string;
}

export interface NotifierPort {
  /** Sends now when `sendAt` has come, otherwise queues it for the periodic trigger. */
  notify(notifications: Notification[]): void;
}

function dateLabel(text: string): string {
  const d = parseIsoDate(text);
  return d ? formatDateIt(d) : `«${text}»`;
}

function dayLine(d: DayRecord, siteName: (id: string) => string): string {
  const where = d.location === HOME ? 'da casa' : `presso ${siteName(d.location)}`;
  const reasons = d.violations
    .filter((v) => (d.status === 'refused' ? v.severity === 'block' : true))
    .map((v) => `   - ${v.message}`);
  return [`• ${dateLabel(d.date)} (${where}): ${STATUS_LABELS[d.status]}`, ...reasons].join('\n');
}

export function requestNotifications(
  employee: Employee,
  days: DayRecord[],
  now: LocalDateTime,
  policy: Policy,
  siteName: (id: string) => string,
): Notification[] {
  const sendAt = formatLocalDateTime(deliveryTime(now, policy));
  const refused = days.filter((d) => d.status === 'refused').length;
  const pending = days.filter((d) => d.status === 'pending');
  const out: Notification[] = [
    {
      to: employee.email,
      kind: 'receipt',
      subject: `Ricevuta della richiesta di lavoro agile (${days.length} ${days.length === 1 ? 'giorno' : 'giorni'})`,
      body: [
        `Gentile ${employee.name},`,
        '',
        'ecco l\u2019esito della tua richiesta di lavoro agile:',
        '',
        ...days.map((d) => dayLine(d, siteName)),
        '',
        pending.length ? `${pending.length} in attesa dell\u2019approvazione del responsabile.` : '',
        refused ? `${refused} respinte: le regole non le consentono.` : '',
        '',
        'Agorà — lavoro agile',
      ]
        .filter((line, i, all) => line !== '' || all[i - 1] !== '')
        .join('\n'),
      sendAt,
    },
  ];
  if (pending.length) {
    out.push({
      to: employee.manager,
      kind: 'digest',
      subject: `Da approvare: ${pending.length} ${pending.length === 1 ? 'giornata' : 'giornate'} di lavoro agile di ${employee.name}`,
      body: [
        `${employee.name} (${employee.sector}) chiede:`,
        '',
        ...pending.map((d) => dayLine(d, siteName)),
        '',
        'Approva o rifiuta dal foglio del registro: Smart working ▸ Approvazioni.',
      ].join('\n'),
      sendAt,
    });
  }
  return out;
}

/**
 * After decisions or cancellations: one mail per employee for decisions, and for a
 * cancellation one mail to whoever did not make it (the manager, or the employee).
 */
export function changeNotifications(
  changes: { employee: Employee; day: DayRecord }[],
  by: string,
  now: LocalDateTime,
  policy: Policy,
): Notification[] {
  const sendAt = formatLocalDateTime(deliveryTime(now, policy));
  const groups = new Map<
    string,
    { to: string; kind: NotificationKind; employee: Employee; days: DayRecord[] }
  >();
  for (const { employee, day } of changes) {
    const cancelled = day.status === 'cancelled';
    const to = cancelled && by === employee.email ? employee.manager : employee.email;
    const kind: NotificationKind = cancelled ? 'cancellation' : 'decision';
    const key = `${to}|${kind}|${employee.email}`;
    const group = groups.get(key) ?? { to, kind, employee, days: [] };
    group.days.push(day);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ to, kind, employee, days }) => ({
    to,
    kind,
    subject:
      kind === 'cancellation'
        ? `Lavoro agile annullato: ${employee.name}`
        : `Esito delle tue giornate di lavoro agile (${days.length})`,
    body: [
      kind === 'cancellation'
        ? `Giornate di lavoro agile di ${employee.name} annullate da ${by}:`
        : `Decisioni di ${by}:`,
      '',
      ...days.map(
        (d) => `• ${dateLabel(d.date)}: ${STATUS_LABELS[d.status]}${d.reason ? ` — ${d.reason}` : ''}`,
      ),
    ].join('\n'),
    sendAt,
  }));
}
