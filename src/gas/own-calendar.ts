// The employee's own working location: runs as the employee (their page or their trigger),
// reads their own days through the owner's web app, writes their own primary calendar.
import { HOME } from '../domain/model';
import { syncMyWorkingLocation } from './jobs';
import { callAsOwner } from './webapp';

export function syncMyCalendarNow(): { created: number; deleted: number } {
  const { days, siteNames } = callAsOwner('myDays', {});
  return syncMyWorkingLocation(days, (location) =>
    location === HOME ? null : (siteNames[location] ?? location),
  );
}
