// Notifications by mail. A mail whose time has come is sent at once; one for later (the
// disconnection period) or one that failed for quota is kept in the script properties, one
// property per mail, and sent by the periodic trigger.
import { formatLocalDateTime } from '../domain/dates';
import { toRomeLocal } from '../domain/rome-time';
import { mergeDigests, type Notification, type NotifierPort } from '../app/notifications';
import { webAppUrl } from './deployment';

/** Script properties holding queued mail start with this (one property per mail). */
export const QUEUE_PREFIX = 'agora.mail.';

function nowLocal(): string {
  return formatLocalDateTime(toRomeLocal(Date.now()));
}

/** The web page showing the days a mail is about (the Gmail card reads the same link). */
export function daysLink(dayIds: readonly string[]): string | null {
  const url = webAppUrl();
  return url && dayIds.length ? `${url}?giorni=${encodeURIComponent(dayIds.join(' '))}` : null;
}

function send(n: Notification): void {
  const link = daysLink(n.dayIds);
  const body = link ? `${n.body}\n\nApri in Agorà: ${link}\n` : `${n.body}\n`;
  MailApp.sendEmail({ to: n.to, subject: n.subject, body, name: 'Agorà — lavoro agile' });
}

export const gasNotifier: NotifierPort = {
  notify(notifications: Notification[]): void {
    const now = nowLocal();
    const props = PropertiesService.getScriptProperties();
    const later: Record<string, string> = {};
    notifications.forEach((n) => {
      // A digest part always waits for its period, to go out with the others.
      if (n.sendAt <= now && n.kind !== 'digest') {
        try {
          send(n);
          return;
        } catch (e) {
          console.warn(`Invio rimandato a ${n.to}: ${(e as Error).message}`);
        }
      }
      // A key of its own: two executions in the same millisecond must not overwrite each other.
      later[`${QUEUE_PREFIX}${n.sendAt}.${Utilities.getUuid()}`] = JSON.stringify(n);
    });
    if (Object.keys(later).length) props.setProperties(later);
  },
};

/**
 * Sends the queued mails whose time has come (periodic trigger), the digest parts of each
 * manager merged into one mail. Returns how many mails were sent.
 */
export function flushMailQueue(): number {
  const props = PropertiesService.getScriptProperties();
  const now = nowLocal();
  const all = props.getProperties();
  const due = Object.keys(all)
    .filter((k) => k.startsWith(QUEUE_PREFIX))
    .sort()
    .map((key) => ({ key, n: JSON.parse(all[key]) as Notification }))
    .filter(({ n }) => n.sendAt <= now);
  // Each mail with the queued items it carries: itself, or every digest part of one manager.
  const batches: { keys: string[]; mail: Notification }[] = [];
  const digests = new Map<string, typeof due>();
  for (const item of due) {
    const n = { ...item.n, dayIds: item.n.dayIds ?? [] };
    if (n.kind === 'digest') digests.set(n.to, [...(digests.get(n.to) ?? []), { key: item.key, n }]);
    else batches.push({ keys: [item.key], mail: n });
  }
  for (const parts of digests.values())
    batches.push({ keys: parts.map((p) => p.key), mail: mergeDigests(parts.map((p) => p.n))[0] });
  let sent = 0;
  for (const { keys, mail } of batches) {
    try {
      send(mail);
    } catch (e) {
      console.warn(`Invio rimandato a ${mail.to}: ${(e as Error).message}`);
      break; // quota or outage: the rest waits for the next run
    }
    for (const key of keys) props.deleteProperty(key);
    sent++;
  }
  return sent;
}

/** The queued mails (for the playground and the scenario runner's output). */
export function queuedMails(): Notification[] {
  const all = PropertiesService.getScriptProperties().getProperties();
  return Object.keys(all)
    .filter((k) => k.startsWith(QUEUE_PREFIX))
    .sort()
    .map((k) => JSON.parse(all[k]) as Notification);
}
