// The employee's own working location: runs as the employee (their page or their trigger),
// reads their own days through the owner's web app, writes their own primary calendar.
import { HOME } from '../domain/model';
import { syncMyWorkingLocation } from './jobs';
import { currentUser, effectiveUser } from './owner';
import { callAsOwner } from './webapp';

export function syncMyCalendarNow(): { created: number; deleted: number } {
  // The web app page runs as the owner: there 'primary' would be HR's calendar, not yours.
  if (effectiveUser() !== currentUser()) {
    throw new Error(
      'Apri Agorà dal pannello laterale (Gmail, Calendar o Fogli) per aggiornare il tuo calendario.',
    );
  }
  const { days, siteNames, optIn } = callAsOwner('myDays', {});
  // Without the employee's consent (the preference in the register) none of their days show.
  return syncMyWorkingLocation(optIn ? days : [], (location) =>
    location === HOME ? null : (siteNames[location] ?? location),
  );
}
