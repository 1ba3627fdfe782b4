// The right to disconnect: no notification reaches a person between the start and the end of
// the disconnection period (20:00–07:00 by default); it is delivered when the period ends.
import { addDays, parseTimeOfDay, type LocalDateTime } from './dates';
import type { Policy } from './policy';

/**
 * When the managers' digest of what was asked at `now` goes out: at the next full hour
 * (`ora`) or at the end of the next disconnection period, the start of the working day
 * (`giorno`), and never inside the disconnection period.
 */
export function digestTime(
  now: LocalDateTime,
  policy: Pick<Policy, 'disconnection' | 'digestEvery'>,
): LocalDateTime {
  const to = parseTimeOfDay(policy.disconnection.to) as number;
  if (policy.digestEvery === 'giorno') {
    return { date: now.minutes < to ? now.date : addDays(now.date, 1), minutes: to };
  }
  const next = Math.floor(now.minutes / 60) * 60 + 60;
  const at =
    next >= 24 * 60
      ? { date: addDays(now.date, 1), minutes: next - 24 * 60 }
      : { date: now.date, minutes: next };
  return deliveryTime(at, policy);
}

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
