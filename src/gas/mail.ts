// Notifications by mail. A mail whose time has come is sent at once; one for later (the
// disconnection period) or one that failed for quota is kept in the script properties, one
// property per mail, and sent by the periodic trigger.
import { formatLocalDateTime } from '../domain/dates';
import { toRomeLocal } from '../domain/rome-time';
import type { Notification, NotifierPort } from '../app/notifications';

/** Script properties holding queued mail start with this (one property per mail). */
export const QUEUE_PREFIX = 'agora.mail.';

function nowLocal(): string {
  return formatLocalDateTime(toRomeLocal(Date.now()));
}

function send(n: Notification): void {
  MailApp.sendEmail({ to: n.to, subject: n.subject, body: `${n.body}\n`, name: 'Agorà — lavoro agile' });
}

export const gasNotifier: NotifierPort = {
  notify(notifications: Notification[]): void {
    const now = nowLocal();
    const props = PropertiesService.getScriptProperties();
    const later: Record<string, string> = {};
    notifications.forEach((n, i) => {
      if (n.sendAt <= now) {
        try {
          send(n);
          return;
        } catch (e) {
          console.warn(`Invio rimandato a ${n.to}: ${(e as Error).message}`);
        }
      }
      later[`${QUEUE_PREFIX}${n.sendAt}.${Date.now()}.${i}.${n.to}`] = JSON.stringify(n);
    });
    if (Object.keys(later).length) props.setProperties(later);
  },
};

/** Sends the queued mails whose time has come (periodic trigger). Returns how many were sent. */
export function flushMailQueue(): number {
  const props = PropertiesService.getScriptProperties();
  const now = nowLocal();
  let sent = 0;
  const all = props.getProperties();
  for (const key of Object.keys(all)
    .filter((k) => k.startsWith(QUEUE_PREFIX))
    .sort()) {
    const n = JSON.parse(all[key]) as Notification;
    if (n.sendAt > now) continue;
    try {
      send(n);
    } catch (e) {
      console.warn(`Invio rimandato a ${n.to}: ${(e as Error).message}`);
      break; // quota or outage: the rest waits for the next run
    }
    props.deleteProperty(key);
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
