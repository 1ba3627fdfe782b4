// Notifications of requests and decisions, in Italian: one receipt to the employee per
// request; for the manager, one digest per period (every hour, or every morning) of all the
// days asked since the last one; one mail per decision or cancellation. Each carries the time
// it may be delivered (never inside the disconnection period) and the days it is about: its
// link opens them (the web page, and the add-on's card when the mail is open in Gmail).
import { formatDayIt, formatLocalDateTime, parseIsoDate, type LocalDateTime } from '../domain/dates';
import { deliveryTime, digestTime } from '../domain/disconnection';
import { countIt, STATUS_LABELS } from '../domain/labels';
import { HOME, type Employee } from '../domain/model';
import type { Policy } from '../domain/policy';
import type { DayRecord } from './ports';

export type NotificationKind = 'receipt' | 'digest' | 'decision' | 'cancellation' | 'agreement';

/** Subjects start with these words, one per kind: mail readers (and tests) can tell them apart. */
const SUBJECT_PREFIX: Record<NotificationKind, string[]> = {
  receipt: ['Ricevuta della richiesta', 'Richiesta di lavoro agile non registrata'],
  digest: ['Da approvare:'],
  decision: ['Esito delle tue giornate'],
  cancellation: ['Lavoro agile annullato'],
  agreement: ['Accordo di lavoro agile', "Recesso dall'accordo di lavoro agile"],
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
  /** The days it is about (register day ids): its link opens them. */
  dayIds: string[];
}

function dateLabel(text: string): string {
  const d = parseIsoDate(text);
  return d ? formatDayIt(d) : `«${text}» (non è una data)`;
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
  /** Whoever decides for the employee: their manager, and a delegate of theirs today. */
  deciders: readonly string[] = [employee.manager],
): Notification[] {
  const sendAt = formatLocalDateTime(deliveryTime(now, policy));
  const refused = days.filter((d) => d.status === 'refused').length;
  const pending = days.filter((d) => d.status === 'pending');
  const out: Notification[] = [
    {
      to: employee.email,
      kind: 'receipt',
      subject: `Ricevuta della richiesta di lavoro agile (${countIt(days.length, 'giorno', 'giorni')})`,
      body: [
        `Gentile ${employee.name},`,
        '',
        'ecco l\u2019esito della tua richiesta di lavoro agile:',
        '',
        ...days.map((d) => dayLine(d, siteName)),
        '',
        pending.length
          ? `${countIt(pending.length, 'giornata è', 'giornate sono')} in attesa dell\u2019approvazione del responsabile.`
          : '',
        refused
          ? `${countIt(refused, 'giornata è stata respinta', 'giornate sono state respinte')} subito dalle regole: non ${refused === 1 ? 'conta' : 'contano'} nei tuoi limiti.`
          : '',
        '',
        'Agorà — lavoro agile',
      ]
        .filter((line, i, all) => line !== '' || all[i - 1] !== '')
        .join('\n'),
      sendAt,
      dayIds: days.map((d) => d.id),
    },
  ];
  for (const to of pending.length ? [...new Set(deciders)] : []) {
    // One part of the decider's next digest: merged with the others due then (mergeDigests).
    out.push({
      to,
      kind: 'digest',
      subject: `Da approvare: ${countIt(pending.length, 'giornata', 'giornate')} di lavoro agile di ${employee.name}`,
      body: [`${employee.name} (${employee.sector}):`, ...pending.map((d) => dayLine(d, siteName))].join(
        '\n',
      ),
      sendAt: formatLocalDateTime(digestTime(now, policy)),
      dayIds: pending.map((d) => d.id),
    });
  }
  return out;
}

/**
 * The digests due for delivery, one mail per manager: every part queued for them (each request
 * of their people since the last digest) in one message, with one link to all the days.
 */
export function mergeDigests(due: readonly Notification[]): Notification[] {
  const out: Notification[] = [];
  const byManager = new Map<string, Notification[]>();
  for (const n of due) {
    if (n.kind !== 'digest') out.push(n);
    else byManager.set(n.to, [...(byManager.get(n.to) ?? []), n]);
  }
  for (const [to, parts] of byManager) {
    const dayIds = parts.flatMap((p) => p.dayIds);
    const people = new Set(parts.map((p) => p.body.split('\n')[0]));
    out.push({
      to,
      kind: 'digest',
      subject:
        parts.length === 1
          ? parts[0].subject
          : `Da approvare: ${countIt(dayIds.length, 'giornata', 'giornate')} di lavoro agile di ${countIt(people.size, 'persona', 'persone')}`,
      body: [
        'Giornate di lavoro agile in attesa della tua decisione:',
        '',
        ...parts
          .map((p) => p.body)
          .join('\n\n')
          .split('\n'),
        '',
        'Apri questa mail in Gmail, anche dal telefono: il pannello di Agorà mostra queste giornate e ti fa approvare o rifiutare. Oppure usa il collegamento qui sotto.',
      ].join('\n'),
      sendAt: parts.map((p) => p.sendAt).sort()[0],
      dayIds,
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
    // A cancellation tells the other party; one made by someone else (HR, the daily job after a
    // withdrawal) tells both.
    const recipients = !cancelled
      ? [employee.email]
      : by === employee.email
        ? [employee.manager]
        : by === employee.manager
          ? [employee.email]
          : [employee.email, employee.manager];
    const kind: NotificationKind = cancelled ? 'cancellation' : 'decision';
    for (const to of recipients) {
      const key = `${to}|${kind}|${employee.email}`;
      const group = groups.get(key) ?? { to, kind, employee, days: [] };
      group.days.push(day);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(({ to, kind, employee, days }) => ({
    to,
    kind,
    subject:
      kind === 'cancellation'
        ? `Lavoro agile annullato: ${employee.name}`
        : `Esito delle tue giornate di lavoro agile (${countIt(days.length, 'giornata', 'giornate')})`,
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
    dayIds: days.map((d) => d.id),
  }));
}
