// Which queued mails go out in a run of the periodic job: none inside the disconnection period
// (the right to disconnect holds even for a mail whose time came before it); those whose time has
// come; a manager's digest parts merged into one mail; no more than the day's quota left.
import { formatLocalDateTime, type LocalDateTime } from '../domain/dates';
import { inDisconnection } from '../domain/disconnection';
import type { Policy } from '../domain/policy';
import { mergeDigests, type Notification } from './notifications';

export interface QueuedMail {
  id: string;
  mail: Notification;
}

/** One mail to send, with the queued rows it carries (one, or every digest part of a manager). */
export interface MailBatch {
  ids: string[];
  mail: Notification;
}

export function dueMail(
  queued: readonly QueuedMail[],
  now: LocalDateTime,
  policy: Pick<Policy, 'disconnection'>,
  quota: number,
): MailBatch[] {
  if (inDisconnection(now.minutes, policy) || quota < 1) return [];
  const at = formatLocalDateTime(now);
  const due = queued.filter((q) => q.mail.sendAt <= at);
  const batches: MailBatch[] = due
    .filter((q) => q.mail.kind !== 'digest')
    .map((q) => ({ ids: [q.id], mail: q.mail }));
  const parts = new Map<string, QueuedMail[]>();
  for (const q of due)
    if (q.mail.kind === 'digest') parts.set(q.mail.to, [...(parts.get(q.mail.to) ?? []), q]);
  for (const list of parts.values())
    batches.push({ ids: list.map((q) => q.id), mail: mergeDigests(list.map((q) => q.mail))[0] });
  // Oldest first, so that a quota running out delays the newest.
  batches.sort((a, b) => (a.mail.sendAt < b.mail.sendAt ? -1 : a.mail.sendAt > b.mail.sendAt ? 1 : 0));
  return batches.slice(0, quota);
}
