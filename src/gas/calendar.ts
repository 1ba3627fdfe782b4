// The shared "Smart working" calendar and the employee's own working location, through the
// advanced Calendar service (v3). Transient errors are retried with backoff; quota errors
// become QuotaExceeded so the job stops cleanly and resumes on the next trigger.
import { addDays, type IsoDate } from '../domain/dates';
import { QuotaExceeded, type CalendarEntry, type CalendarPort } from '../app/calendar-sync';

/** The private extended property that ties an event to its day in the register. */
export const DAY_TAG = 'agoraDayId';
const MAX_ATTEMPTS = 5;
const BASE_DELAY_MS = 500;

const QUOTA = /too many times|too many events|too many calendars|rate limit|quota|usage limit/i;
const TRANSIENT =
  /service unavailable|backend error|internal error|timed out|try again|server error|502|503/i;

/** Runs `fn`, retrying transient errors with exponential backoff; quota errors stop at once. */
export function withRetry<T>(fn: () => T): T {
  for (let attempt = 1; ; attempt++) {
    try {
      return fn();
    } catch (e) {
      const message = (e as Error).message ?? String(e);
      if (QUOTA.test(message)) throw new QuotaExceeded(message);
      if (!TRANSIENT.test(message) || attempt >= MAX_ATTEMPTS) throw e;
      Utilities.sleep(BASE_DELAY_MS * 2 ** (attempt - 1));
    }
  }
}

type EventResource = GoogleAppsScript.Calendar.Schema.Event;

/** The advanced Calendar service (enabled in appsscript.json). */
function events(): GoogleAppsScript.Calendar.Collection.EventsCollection {
  if (typeof Calendar === 'undefined' || !Calendar.Events) {
    throw new Error('Il servizio avanzato Calendar non è attivo nel progetto.');
  }
  return Calendar.Events;
}

export class SharedCalendar implements CalendarPort {
  /** @param api the Calendar v3 Events collection (the advanced service; the bench passes its own). */
  constructor(
    private readonly calendarId: string,
    private readonly api: () => GoogleAppsScript.Calendar.Collection.EventsCollection = events,
  ) {}

  listEntries(from: IsoDate, to: IsoDate): CalendarEntry[] {
    const out: CalendarEntry[] = [];
    let pageToken: string | undefined;
    do {
      const page = withRetry(() =>
        this.api().list(this.calendarId, {
          timeMin: `${from}T00:00:00+01:00`,
          timeMax: `${addDays(to, 1)}T23:59:59+01:00`,
          singleEvents: true,
          maxResults: 2500,
          showDeleted: false,
          pageToken,
        }),
      );
      for (const e of page.items ?? []) {
        const dayId = e.extendedProperties?.private?.[DAY_TAG];
        const date = e.start?.date;
        if (dayId && date && e.id && date >= from && date <= to && e.status !== 'cancelled')
          out.push({ eventId: e.id, dayId, date });
      }
      pageToken = page.nextPageToken ?? undefined;
    } while (pageToken);
    return out;
  }

  createEntry(entry: {
    dayId: string;
    date: IsoDate;
    title: string;
    description: string;
    location: string;
  }): string {
    const resource: EventResource = {
      summary: entry.title,
      description: entry.description,
      start: { date: entry.date },
      end: { date: addDays(entry.date, 1) }, // all-day: the end date is exclusive
      transparency: 'transparent',
      extendedProperties: { private: { [DAY_TAG]: entry.dayId } },
    };
    const created = withRetry(() => this.api().insert(resource, this.calendarId));
    return created.id as string;
  }

  deleteEntry(eventId: string): void {
    try {
      withRetry(() => this.api().remove(this.calendarId, eventId));
    } catch (e) {
      // Already gone (deleted by hand or by an interrupted run): that is what we wanted.
      if (!/not found|deleted|404|410/i.test((e as Error).message)) throw e;
    }
  }
}

/**
 * Working-location events on the signed-in employee's OWN primary calendar (only code running
 * as that employee can write them): home office, or the shared site as office location.
 */
export class OwnWorkingLocation implements CalendarPort {
  constructor(private readonly siteLabel: (location: string) => string | null) {}

  listEntries(from: IsoDate, to: IsoDate): CalendarEntry[] {
    const page = withRetry(() =>
      events().list('primary', {
        timeMin: `${from}T00:00:00+01:00`,
        timeMax: `${addDays(to, 1)}T23:59:59+01:00`,
        eventTypes: ['workingLocation'],
        singleEvents: true,
        maxResults: 2500,
      } as never),
    );
    return (page.items ?? [])
      .filter((e) => e.extendedProperties?.private?.[DAY_TAG] && e.start?.date && e.id)
      .map((e) => ({
        eventId: e.id as string,
        dayId: e.extendedProperties?.private?.[DAY_TAG] as string,
        date: e.start?.date as string,
      }));
  }

  createEntry(entry: {
    dayId: string;
    date: IsoDate;
    title: string;
    description: string;
    location?: string;
  }): string {
    const site = entry.location ? this.siteLabel(entry.location) : null;
    const resource = {
      summary: site ? `Lavoro agile: ${site}` : 'Lavoro agile da casa',
      eventType: 'workingLocation',
      visibility: 'public',
      transparency: 'transparent',
      start: { date: entry.date },
      end: { date: addDays(entry.date, 1) },
      workingLocationProperties: site
        ? { type: 'officeLocation', officeLocation: { label: site } }
        : { type: 'homeOffice', homeOffice: {} },
      extendedProperties: { private: { [DAY_TAG]: entry.dayId } },
    } as EventResource;
    return withRetry(() => events().insert(resource, 'primary')).id as string;
  }

  deleteEntry(eventId: string): void {
    try {
      withRetry(() => events().remove('primary', eventId));
    } catch (e) {
      if (!/not found|deleted|404|410/i.test((e as Error).message)) throw e;
    }
  }
}
