// The right to disconnect: no notification reaches a person between the start and the end of
// the disconnection period (20:00–07:00 by default); it is delivered when the period ends.
import { addDays, parseTimeOfDay, type LocalDateTime } from './dates';
import type { Policy } from './policy';

export function inDisconnection(minutes: number, policy: Pick<Policy, 'disconnection'>): boolean {
  const from = parseTimeOfDay(policy.disconnection.from) as number;
  const to = parseTimeOfDay(policy.disconnection.to) as number;
  return from > to ? minutes >= from || minutes < to : minutes >= from && minutes < to;
}

/** When a notification created at `now` may be delivered: now, or the end of the period. */
export function deliveryTime(now: LocalDateTime, policy: Pick<Policy, 'disconnection'>): LocalDateTime {
  if (!inDisconnection(now.minutes, policy)) return now;
  const to = parseTimeOfDay(policy.disconnection.to) as number;
  return { date: now.minutes < to ? now.date : addDays(now.date, 1), minutes: to };
}
