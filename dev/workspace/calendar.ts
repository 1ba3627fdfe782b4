// In-memory Google Calendar: CalendarApp and the advanced service `Calendar` (v3) over ONE
// store, so an event made by either is seen by both, as in Google. All data lives in a plain
// JSON state object (dates as 'YYYY-MM-DD' or epoch ms) so a Workspace can be saved and restored.
//
// Behaviour follows Google's documentation (developers.google.com/apps-script/reference/calendar,
// developers.google.com/calendar/api/v3/reference, .../guides/calendar-status):
// - all-day events are calendar dates; a Date given to createAllDayEvent is turned into a day in
//   the calendar's time zone, never the process's, so TZ=Pacific/Kiritimati changes nothing;
// - getAllDayStartDate/EndDate return midnight in the SCRIPT's time zone, getStartTime/EndTime
//   midnight in the CALENDAR's ("To use the calendar's time zone instead, call getStartTime()");
// - Events.list: timeMin is an exclusive bound on the end, timeMax on the start; eventTypes
//   unset returns all types; privateExtendedProperty 'k=v' (repeatable, all must match);
//   deleted events are 'cancelled': get still returns them, list hides them unless showDeleted,
//   a second delete fails with 410 "Resource has been deleted", an unknown id with 404 "Not Found";
// - status events (working location) "are only available on primary calendars";
// - a calendar the user cannot see is a 404, one they can read but not write a 403
//   "You need to have writer access to this calendar." (the Calendar API's requiredAccessLevel).
// Apps Script wraps advanced-service errors as GoogleJsonResponseException with the message
// "API call to calendar.<resource>.<method> failed with error: <message>" and `details.code`.
// CalendarApp's own messages are not documented; we use "Action not allowed", the text Apps
// Script is commonly reported to throw for a forbidden or impossible CalendarApp action.
// Rights are those of ws.effectiveUser(); errors come from ws.error() (the script's realm).
import type { Workspace } from './core';

type Role = 'none' | 'freeBusyReader' | 'reader' | 'writer' | 'owner';
const ROLE_RANK: Record<Role, number> = { none: 0, freeBusyReader: 1, reader: 2, writer: 3, owner: 4 };

interface AclRuleState {
  id: string;
  role: Role;
  scope: { type: 'default' | 'user' | 'group' | 'domain'; value?: string };
}

interface CalendarRecord {
  id: string;
  name: string;
  description: string;
  location: string;
  timeZone: string;
  owner: string;
  /** A user's primary calendar: its id is the user's email. */
  primary: boolean;
  acl: AclRuleState[];
  createdMs: number;
}

interface EventRecord {
  /** Calendar API id (base32hex); CalendarApp's getId() is the iCalUID `${id}@google.com`. */
  id: string;
  iCalUID: string;
  calendarId: string;
  status: 'confirmed' | 'cancelled';
  eventType: 'default' | 'outOfOffice' | 'focusTime' | 'workingLocation';
  summary: string;
  description: string;
  location: string;
  /** All-day: 'YYYY-MM-DD' start and exclusive end. Timed: startMs/endMs. */
  allDay: boolean;
  startDate?: string;
  endDate?: string;
  startMs?: number;
  endMs?: number;
  /** The IANA zone a timed event was given in, echoed back by the API. */
  timeZone?: string;
  transparency: 'opaque' | 'transparent';
  visibility: 'default' | 'public' | 'private' | 'confidential';
  creator: string;
  guests: string[];
  /** CalendarApp setTag/getTag, kept apart from extendedProperties (Google does not document a link). */
  tags: Record<string, string>;
  extendedProperties: { private: Record<string, string>; shared: Record<string, string> };
  workingLocationProperties?: GoogleAppsScript.Calendar.Schema.EventWorkingLocationProperties;
  createdMs: number;
  updatedMs: number;
}

export interface CalendarState {
  /** Counter behind every generated id, so runs are deterministic. */
  nextId: number;
  /** Zone of new calendars (a user's setting in Google; the customer is in Italy). */
  defaultTimeZone: string;
  /** appsscript.json "timeZone": the zone of Dates returned by getAllDayStartDate/EndDate. */
  scriptTimeZone: string;
  calendars: Record<string, CalendarRecord>;
  events: Record<string, EventRecord>;
  /** Calendars each user added to their list (subscribeToCalendar), beyond the ones they own. */
  subscriptions: Record<string, string[]>;
}

export function emptyCalendarState(): CalendarState {
  return {
    nextId: 1,
    defaultTimeZone: 'Europe/Rome',
    scriptTimeZone: 'Europe/Rome',
    calendars: {},
    events: {},
    subscriptions: {},
  };
}

// ---------------------------------------------------------------------------------------------
// Time zones, through Intl only (the fake must not share the product's date code: a bug there
// would then hide in both).

const formatters = new Map<string, Intl.DateTimeFormat>();
function zoneParts(
  ms: number,
  tz: string,
): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms)))
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year, m: p.month, d: p.day, h: p.hour, mi: p.minute, s: p.second };
}

/** Milliseconds to add to UTC to get wall-clock time in `tz` at instant `ms`. */
function zoneOffsetMs(ms: number, tz: string): number {
  const p = zoneParts(ms, tz);
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s) - wholeSecond;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function ymdInZone(ms: number, tz: string): string {
  const p = zoneParts(ms, tz);
  return `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`;
}

/** The instant when the wall clock in `tz` shows the given local time. */
function zonedToUtc(y: number, m: number, d: number, h: number, mi: number, s: number, tz: string): number {
  const asUtc = Date.UTC(y, m - 1, d, h, mi, s);
  const first = asUtc - zoneOffsetMs(asUtc, tz);
  return asUtc - zoneOffsetMs(first, tz);
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
function isYmd(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const m = YMD.exec(text);
  if (!m) return false;
  const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    t.getUTCFullYear() === Number(m[1]) &&
    t.getUTCMonth() === Number(m[2]) - 1 &&
    t.getUTCDate() === Number(m[3])
  );
}

function midnightMs(ymd: string, tz: string): number {
  return zonedToUtc(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)), Number(ymd.slice(8, 10)), 0, 0, 0, tz);
}

function addDays(ymd: string, n: number): string {
  const t = new Date(
    Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10)) + n),
  );
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** RFC 3339 with the zone's offset, as the API writes dateTime ('2026-11-09T09:00:00+01:00'). */
function rfc3339InZone(ms: number, tz: string): string {
  const p = zoneParts(ms, tz);
  const off = Math.round(zoneOffsetMs(ms, tz) / 60000);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** A Date's epoch ms. Dates may come from another realm (the bundle runs in node:vm), so no instanceof. */
function msOf(ws: Workspace, date: unknown, what: string): number {
  const ms =
    typeof date === 'object' && date !== null && 'getTime' in date ? Number((date as Date).getTime()) : NaN;
  if (!Number.isFinite(ms)) throw ws.error(`Invalid argument: ${what}`);
  return ms;
}

// ---------------------------------------------------------------------------------------------
// Errors

const ACTION_NOT_ALLOWED = 'Action not allowed';

/** What Apps Script throws for a failed advanced-service call (GoogleJsonResponseException). */
function apiError(ws: Workspace, apiMethod: string, code: number, message: string, reason: string): Error {
  const err = ws.error(`API call to calendar.${apiMethod} failed with error: ${message}`);
  err.name = 'GoogleJsonResponseException';
  Object.assign(err, { details: { code, message, errors: [{ domain: 'calendar', reason, message }] } });
  return err;
}
const notFound = (ws: Workspace, m: string) => apiError(ws, m, 404, 'Not Found', 'notFound');
const gone = (ws: Workspace, m: string) => apiError(ws, m, 410, 'Resource has been deleted', 'deleted');
const needWriter = (ws: Workspace, m: string) =>
  apiError(ws, m, 403, 'You need to have writer access to this calendar.', 'requiredAccessLevel');
const badRequest = (ws: Workspace, m: string, message: string) => apiError(ws, m, 400, message, 'invalid');

// ---------------------------------------------------------------------------------------------
// Store helpers (no call counting here: only public methods count).

interface Ctx {
  ws: Workspace;
  state: CalendarState;
}

const isUserEmail = (id: string) =>
  /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(id) && !id.endsWith('calendar.google.com');
const domainOf = (email: string) => email.slice(email.indexOf('@') + 1).toLowerCase();

function nextId(ctx: Ctx): number {
  return ctx.state.nextId++;
}

/** Base32hex (0-9a-v), the alphabet the Calendar API uses for event ids. */
function newEventId(ctx: Ctx): string {
  return `ev${nextId(ctx).toString(32).padStart(24, '0')}`;
}

function ensurePrimary(ctx: Ctx, email: string): CalendarRecord {
  const existing = ctx.state.calendars[email];
  if (existing) return existing;
  // Every Google user has a primary calendar whose id is their email, created with the account.
  const cal: CalendarRecord = {
    id: email,
    name: email,
    description: '',
    location: '',
    timeZone: ctx.state.defaultTimeZone,
    owner: email,
    primary: true,
    acl: [],
    createdMs: ctx.ws.nowMs,
  };
  ctx.state.calendars[email] = cal;
  return cal;
}

/** The calendar record, creating user primaries on demand; undefined when it does not exist. */
function lookupCalendar(ctx: Ctx, id: string): CalendarRecord | undefined {
  if (id === 'primary') return ensurePrimary(ctx, ctx.ws.effectiveUser());
  const cal = ctx.state.calendars[id];
  if (cal) return cal;
  return isUserEmail(id) ? ensurePrimary(ctx, id) : undefined;
}

function roleOf(cal: CalendarRecord, user: string): Role {
  if (cal.owner === user) return 'owner';
  let best: Role = 'none';
  for (const rule of cal.acl) {
    const applies =
      rule.scope.type === 'default' ||
      (rule.scope.type === 'user' && rule.scope.value?.toLowerCase() === user.toLowerCase()) ||
      (rule.scope.type === 'domain' && rule.scope.value?.toLowerCase() === domainOf(user));
    if (applies && ROLE_RANK[rule.role] > ROLE_RANK[best]) best = rule.role;
  }
  return best;
}

const canRead = (cal: CalendarRecord, user: string) => ROLE_RANK[roleOf(cal, user)] >= ROLE_RANK.reader;
const canWrite = (cal: CalendarRecord, user: string) => ROLE_RANK[roleOf(cal, user)] >= ROLE_RANK.writer;

function eventRange(ev: EventRecord, cal: CalendarRecord): { start: number; end: number } {
  if (ev.allDay)
    return { start: midnightMs(ev.startDate!, cal.timeZone), end: midnightMs(ev.endDate!, cal.timeZone) };
  return { start: ev.startMs!, end: ev.endMs! };
}

function liveEventsOf(ctx: Ctx, calendarId: string): EventRecord[] {
  return Object.values(ctx.state.events).filter(
    (e) => e.calendarId === calendarId && e.status === 'confirmed',
  );
}

function sortByStart(events: EventRecord[], cal: CalendarRecord): EventRecord[] {
  return events
    .map((e) => ({ e, r: eventRange(e, cal) }))
    .sort((a, b) => a.r.start - b.r.start || a.r.end - b.r.end || (a.e.id < b.e.id ? -1 : 1))
    .map((x) => x.e);
}

// ---------------------------------------------------------------------------------------------
// CalendarApp

type AnyOptions = { [key: string]: unknown };
/** Apps Script's own Date interface (a twin of the global one in the typings). */
type GDate = GoogleAppsScript.Base.Date;

const EventColor = {
  PALE_BLUE: '1',
  PALE_GREEN: '2',
  MAUVE: '3',
  PALE_RED: '4',
  YELLOW: '5',
  ORANGE: '6',
  CYAN: '7',
  GRAY: '8',
  BLUE: '9',
  GREEN: '10',
  RED: '11',
} as const;
const Visibility = {
  CONFIDENTIAL: 'CONFIDENTIAL',
  DEFAULT: 'DEFAULT',
  PRIVATE: 'PRIVATE',
  PUBLIC: 'PUBLIC',
} as const;
const EventTransparency = { OPAQUE: 'OPAQUE', TRANSPARENT: 'TRANSPARENT' } as const;
const EventType = {
  DEFAULT: 'DEFAULT',
  BIRTHDAY: 'BIRTHDAY',
  FOCUS_TIME: 'FOCUS_TIME',
  FROM_GMAIL: 'FROM_GMAIL',
  OUT_OF_OFFICE: 'OUT_OF_OFFICE',
  WORKING_LOCATION: 'WORKING_LOCATION',
} as const;
const EVENT_TYPE_ENUM: Record<EventRecord['eventType'], string> = {
  default: EventType.DEFAULT,
  focusTime: EventType.FOCUS_TIME,
  outOfOffice: EventType.OUT_OF_OFFICE,
  workingLocation: EventType.WORKING_LOCATION,
};

type AppEvent = GoogleAppsScript.Calendar.CalendarEvent;
type AppCalendar = GoogleAppsScript.Calendar.Calendar;

class FakeCalendarEvent implements Pick<
  AppEvent,
  | 'getId'
  | 'getTitle'
  | 'setTitle'
  | 'getDescription'
  | 'setDescription'
  | 'getLocation'
  | 'setLocation'
  | 'isAllDayEvent'
  | 'getAllDayStartDate'
  | 'getAllDayEndDate'
  | 'getStartTime'
  | 'getEndTime'
  | 'getTag'
  | 'setTag'
  | 'getAllTagKeys'
  | 'getOriginalCalendarId'
  | 'getEventType'
  | 'getCreators'
  | 'getDateCreated'
  | 'getLastUpdated'
  | 'isOwnedByMe'
  | 'deleteEvent'
> {
  constructor(
    private readonly ctx: Ctx,
    private readonly eventId: string,
  ) {}

  private call(method: string): EventRecord {
    this.ctx.ws.call('CalendarApp', `CalendarEvent.${method}`);
    const ev = this.ctx.state.events[this.eventId];
    // The calendar itself was deleted: the object refers to nothing any more.
    if (!ev) throw this.ctx.ws.error(ACTION_NOT_ALLOWED);
    return ev;
  }
  private calendarOf(ev: EventRecord): CalendarRecord {
    const cal = this.ctx.state.calendars[ev.calendarId];
    if (!cal) throw this.ctx.ws.error(ACTION_NOT_ALLOWED);
    return cal;
  }
  /** Writes need writer access and a live event. */
  private writable(method: string): EventRecord {
    const ev = this.call(method);
    if (ev.status === 'cancelled' || !canWrite(this.calendarOf(ev), this.ctx.ws.effectiveUser())) {
      throw this.ctx.ws.error(ACTION_NOT_ALLOWED);
    }
    ev.updatedMs = this.ctx.ws.nowMs;
    return ev;
  }
  private self(): AppEvent {
    return this as unknown as AppEvent;
  }

  getId(): string {
    return this.call('getId').iCalUID;
  }
  getTitle(): string {
    return this.call('getTitle').summary;
  }
  setTitle(title: string): AppEvent {
    this.writable('setTitle').summary = String(title);
    return this.self();
  }
  getDescription(): string {
    return this.call('getDescription').description;
  }
  setDescription(description: string): AppEvent {
    this.writable('setDescription').description = String(description);
    return this.self();
  }
  getLocation(): string {
    return this.call('getLocation').location;
  }
  setLocation(location: string): AppEvent {
    this.writable('setLocation').location = String(location);
    return this.self();
  }
  isAllDayEvent(): boolean {
    return this.call('isAllDayEvent').allDay;
  }
  getAllDayStartDate(): Date {
    const ev = this.call('getAllDayStartDate');
    if (!ev.allDay) throw this.ctx.ws.error('Event is not an all-day event.');
    return new Date(midnightMs(ev.startDate!, this.ctx.state.scriptTimeZone));
  }
  getAllDayEndDate(): Date {
    // "midnight at the beginning of the day after the event ends": the exclusive end date.
    const ev = this.call('getAllDayEndDate');
    if (!ev.allDay) throw this.ctx.ws.error('Event is not an all-day event.');
    return new Date(midnightMs(ev.endDate!, this.ctx.state.scriptTimeZone));
  }
  getStartTime(): Date {
    const ev = this.call('getStartTime');
    return new Date(eventRange(ev, this.calendarOf(ev)).start);
  }
  getEndTime(): Date {
    const ev = this.call('getEndTime');
    return new Date(eventRange(ev, this.calendarOf(ev)).end);
  }
  getTag(key: string): string {
    // Apps Script returns null for a missing tag; the typings say string.
    return (this.call('getTag').tags[key] ?? null) as string;
  }
  setTag(key: string, value: string): AppEvent {
    this.writable('setTag').tags[String(key)] = String(value);
    return this.self();
  }
  getAllTagKeys(): string[] {
    return Object.keys(this.call('getAllTagKeys').tags);
  }
  getOriginalCalendarId(): string {
    return this.call('getOriginalCalendarId').calendarId;
  }
  getEventType(): GoogleAppsScript.Calendar.EventType {
    return EVENT_TYPE_ENUM[
      this.call('getEventType').eventType
    ] as unknown as GoogleAppsScript.Calendar.EventType;
  }
  getCreators(): string[] {
    return [this.call('getCreators').creator];
  }
  getDateCreated(): Date {
    return new Date(this.call('getDateCreated').createdMs);
  }
  getLastUpdated(): Date {
    return new Date(this.call('getLastUpdated').updatedMs);
  }
  isOwnedByMe(): boolean {
    const ev = this.call('isOwnedByMe');
    return this.calendarOf(ev).owner === this.ctx.ws.effectiveUser();
  }
  deleteEvent(): void {
    // Deleting twice fails: the event is already cancelled (writable() refuses it).
    const ev = this.writable('deleteEvent');
    ev.status = 'cancelled';
  }
}

function appEvent(ctx: Ctx, ev: EventRecord): AppEvent {
  return new FakeCalendarEvent(ctx, ev.id) as unknown as AppEvent;
}

function parseGuests(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g !== '');
}

class FakeCalendar implements Pick<
  AppCalendar,
  | 'getId'
  | 'getName'
  | 'setName'
  | 'getDescription'
  | 'setDescription'
  | 'getTimeZone'
  | 'isOwnedByMe'
  | 'isMyPrimaryCalendar'
  | 'createAllDayEvent'
  | 'createEvent'
  | 'getEvents'
  | 'getEventsForDay'
  | 'getEventById'
  | 'deleteCalendar'
  | 'unsubscribeFromCalendar'
> {
  constructor(
    private readonly ctx: Ctx,
    private readonly calendarId: string,
  ) {}

  private call(method: string): CalendarRecord {
    this.ctx.ws.call('CalendarApp', `Calendar.${method}`);
    const cal = this.ctx.state.calendars[this.calendarId];
    if (!cal) throw this.ctx.ws.error(ACTION_NOT_ALLOWED);
    return cal;
  }
  private writable(method: string): CalendarRecord {
    const cal = this.call(method);
    if (!canWrite(cal, this.ctx.ws.effectiveUser())) throw this.ctx.ws.error(ACTION_NOT_ALLOWED);
    return cal;
  }
  private self(): AppCalendar {
    return this as unknown as AppCalendar;
  }

  getId(): string {
    return this.call('getId').id;
  }
  getName(): string {
    return this.call('getName').name;
  }
  setName(name: string): AppCalendar {
    const cal = this.call('setName');
    if (cal.owner !== this.ctx.ws.effectiveUser()) throw this.ctx.ws.error(ACTION_NOT_ALLOWED);
    cal.name = String(name);
    return this.self();
  }
  getDescription(): string {
    return this.call('getDescription').description;
  }
  setDescription(description: string): AppCalendar {
    const cal = this.call('setDescription');
    if (cal.owner !== this.ctx.ws.effectiveUser()) throw this.ctx.ws.error(ACTION_NOT_ALLOWED);
    cal.description = String(description);
    return this.self();
  }
  getTimeZone(): string {
    return this.call('getTimeZone').timeZone;
  }
  isOwnedByMe(): boolean {
    return this.call('isOwnedByMe').owner === this.ctx.ws.effectiveUser();
  }
  isMyPrimaryCalendar(): boolean {
    const cal = this.call('isMyPrimaryCalendar');
    return cal.primary && cal.owner === this.ctx.ws.effectiveUser();
  }

  /**
   * "Creates a new all-day event" (end date exclusive). Only the day of each Date is used, taken
   * in the calendar's time zone: a Date at local midnight in Rome is that Rome date.
   */
  createAllDayEvent(
    title: string,
    date: GDate,
    endOrOptions?: GDate | AnyOptions,
    maybeOptions?: AnyOptions,
  ): AppEvent {
    const cal = this.writable('createAllDayEvent');
    const hasEnd = typeof endOrOptions === 'object' && endOrOptions !== null && 'getTime' in endOrOptions;
    const options = (hasEnd ? maybeOptions : (endOrOptions as AnyOptions | undefined)) ?? {};
    const startDate = ymdInZone(msOf(this.ctx.ws, date, 'startDate'), cal.timeZone);
    const endDate = hasEnd
      ? ymdInZone(msOf(this.ctx.ws, endOrOptions, 'endDate'), cal.timeZone)
      : addDays(startDate, 1);
    if (endDate <= startDate) throw this.ctx.ws.error('Event start date must be before event end date.');
    const ev = newRecord(this.ctx, cal, {
      summary: String(title),
      description: typeof options.description === 'string' ? options.description : '',
      location: typeof options.location === 'string' ? options.location : '',
      guests: parseGuests(options.guests),
      allDay: true,
      startDate,
      endDate,
    });
    return appEvent(this.ctx, ev);
  }

  createEvent(title: string, startTime: GDate, endTime: GDate, options: AnyOptions = {}): AppEvent {
    const cal = this.writable('createEvent');
    const startMs = msOf(this.ctx.ws, startTime, 'startTime');
    const endMs = msOf(this.ctx.ws, endTime, 'endTime');
    if (endMs < startMs) throw this.ctx.ws.error('Event start date must be before event end date.');
    const ev = newRecord(this.ctx, cal, {
      summary: String(title),
      description: typeof options.description === 'string' ? options.description : '',
      location: typeof options.location === 'string' ? options.location : '',
      guests: parseGuests(options.guests),
      allDay: false,
      startMs,
      endMs,
    });
    return appEvent(this.ctx, ev);
  }

  /**
   * "Gets all events that occur within a given time range": those that start in it, end in it
   * or encompass it. Options: `max`, `search` (here: a substring of title/description/location).
   */
  getEvents(startTime: GDate, endTime: GDate, options: AnyOptions = {}): AppEvent[] {
    const cal = this.call('getEvents');
    if (!canRead(cal, this.ctx.ws.effectiveUser())) throw this.ctx.ws.error(ACTION_NOT_ALLOWED);
    const from = msOf(this.ctx.ws, startTime, 'startTime');
    const to = msOf(this.ctx.ws, endTime, 'endTime');
    const search = typeof options.search === 'string' ? options.search.toLowerCase() : '';
    let events = sortByStart(
      liveEventsOf(this.ctx, cal.id).filter((e) => {
        const r = eventRange(e, cal);
        // A zero-length event exactly at the range start still "occurs" in it.
        const overlaps = r.start < to && (r.end > from || (r.start === r.end && r.start >= from));
        return (
          overlaps &&
          (!search || `${e.summary}\n${e.description}\n${e.location}`.toLowerCase().includes(search))
        );
      }),
      cal,
    );
    if (typeof options.max === 'number') events = events.slice(0, Math.max(0, options.max));
    return events.map((e) => appEvent(this.ctx, e));
  }

  /** "The date is interpreted as midnight that day to midnight the next day in the calendar's time zone." */
  getEventsForDay(date: GDate): AppEvent[] {
    const cal = this.call('getEventsForDay');
    if (!canRead(cal, this.ctx.ws.effectiveUser())) throw this.ctx.ws.error(ACTION_NOT_ALLOWED);
    const day = ymdInZone(msOf(this.ctx.ws, date, 'date'), cal.timeZone);
    const from = midnightMs(day, cal.timeZone);
    const to = midnightMs(addDays(day, 1), cal.timeZone);
    return sortByStart(
      liveEventsOf(this.ctx, cal.id).filter((e) => {
        const r = eventRange(e, cal);
        return r.start < to && (r.end > from || (r.start === r.end && r.start >= from));
      }),
      cal,
    ).map((e) => appEvent(this.ctx, e));
  }

  /** By iCalUID ('…@google.com'); null when there is none, or it was deleted. */
  getEventById(iCalId: string): AppEvent {
    const cal = this.call('getEventById');
    if (!canRead(cal, this.ctx.ws.effectiveUser())) return null as unknown as AppEvent;
    const ev = liveEventsOf(this.ctx, cal.id).find((e) => e.iCalUID === iCalId);
    return (ev ? appEvent(this.ctx, ev) : null) as AppEvent;
  }

  deleteCalendar(): void {
    const cal = this.call('deleteCalendar');
    // A primary calendar cannot be deleted, and only the owner may delete one.
    if (cal.primary || cal.owner !== this.ctx.ws.effectiveUser()) throw this.ctx.ws.error(ACTION_NOT_ALLOWED);
    deleteCalendarRecord(this.ctx, cal.id);
  }

  unsubscribeFromCalendar(): void {
    const cal = this.call('unsubscribeFromCalendar');
    const subs = this.ctx.state.subscriptions[this.ctx.ws.effectiveUser()] ?? [];
    this.ctx.state.subscriptions[this.ctx.ws.effectiveUser()] = subs.filter((id) => id !== cal.id);
  }
}

function deleteCalendarRecord(ctx: Ctx, id: string): void {
  delete ctx.state.calendars[id];
  for (const [key, ev] of Object.entries(ctx.state.events))
    if (ev.calendarId === id) delete ctx.state.events[key];
  for (const user of Object.keys(ctx.state.subscriptions)) {
    ctx.state.subscriptions[user] = ctx.state.subscriptions[user].filter((c) => c !== id);
  }
}

function newRecord(
  ctx: Ctx,
  cal: CalendarRecord,
  fields: Partial<EventRecord> & Pick<EventRecord, 'summary' | 'allDay'>,
  id?: string,
): EventRecord {
  const eventId = id ?? newEventId(ctx);
  const ev: EventRecord = {
    id: eventId,
    iCalUID: `${eventId}@google.com`,
    calendarId: cal.id,
    status: 'confirmed',
    eventType: 'default',
    description: '',
    location: '',
    transparency: 'opaque',
    visibility: 'default',
    creator: ctx.ws.effectiveUser(),
    guests: [],
    tags: {},
    extendedProperties: { private: {}, shared: {} },
    createdMs: ctx.ws.nowMs,
    updatedMs: ctx.ws.nowMs,
    ...fields,
  };
  ctx.state.events[eventId] = ev;
  return ev;
}

function appCalendar(ctx: Ctx, cal: CalendarRecord): AppCalendar {
  return new FakeCalendar(ctx, cal.id) as unknown as AppCalendar;
}

type CalendarAppFake = Pick<
  GoogleAppsScript.Calendar.CalendarApp,
  | 'createCalendar'
  | 'getCalendarById'
  | 'getCalendarsByName'
  | 'getOwnedCalendarsByName'
  | 'getOwnedCalendarById'
  | 'getDefaultCalendar'
  | 'getAllCalendars'
  | 'getAllOwnedCalendars'
  | 'subscribeToCalendar'
  | 'EventColor'
  | 'Visibility'
  | 'EventTransparency'
  | 'EventType'
>;

function createCalendarApp(ctx: Ctx): CalendarAppFake {
  const call = (method: string) => {
    ctx.ws.call('CalendarApp', `CalendarApp.${method}`);
    ctx.ws.requireAuthorization(`CalendarApp.${method}`, 'https://www.googleapis.com/auth/calendar');
  };
  const user = () => ctx.ws.effectiveUser();
  const owned = () => {
    ensurePrimary(ctx, user());
    return Object.values(ctx.state.calendars).filter((c) => c.owner === user());
  };
  // "owns or is subscribed to": owned calendars, then the ones added to the user's list.
  const listed = () => {
    const subs = (ctx.state.subscriptions[user()] ?? [])
      .map((id) => ctx.state.calendars[id])
      .filter((c): c is CalendarRecord => c !== undefined && canRead(c, user()));
    return [...owned(), ...subs.filter((c) => c.owner !== user())];
  };
  const byName = (cals: CalendarRecord[], name: string) =>
    cals.filter((c) => c.name.toLowerCase() === String(name).toLowerCase()).map((c) => appCalendar(ctx, c));

  const app: CalendarAppFake = {
    EventColor: EventColor as unknown as typeof GoogleAppsScript.Calendar.EventColor,
    Visibility: Visibility as unknown as typeof GoogleAppsScript.Calendar.Visibility,
    EventTransparency: EventTransparency as unknown as typeof GoogleAppsScript.Calendar.EventTransparency,
    EventType: EventType as unknown as typeof GoogleAppsScript.Calendar.EventType,

    /** "Creates a new calendar, owned by the user." Options: summary (description), timeZone, location. */
    createCalendar(name: string, options: AnyOptions = {}): AppCalendar {
      call('createCalendar');
      const n = nextId(ctx);
      const id = `c_${n.toString(16).padStart(12, '0')}@group.calendar.google.com`;
      const cal: CalendarRecord = {
        id,
        name: String(name),
        description: typeof options.summary === 'string' ? options.summary : '',
        location: typeof options.location === 'string' ? options.location : '',
        timeZone: typeof options.timeZone === 'string' ? options.timeZone : ctx.state.defaultTimeZone,
        owner: user(),
        primary: false,
        acl: [],
        createdMs: ctx.ws.nowMs,
      };
      ctx.state.calendars[id] = cal;
      return appCalendar(ctx, cal);
    },
    /** "Calendar|null": null when it does not exist or the user cannot see it. */
    getCalendarById(id: string): AppCalendar {
      call('getCalendarById');
      const cal = id === 'primary' ? undefined : lookupCalendar(ctx, String(id));
      return (cal && canRead(cal, user()) ? appCalendar(ctx, cal) : null) as AppCalendar;
    },
    getOwnedCalendarById(id: string): AppCalendar {
      call('getOwnedCalendarById');
      const cal = owned().find((c) => c.id === id);
      return (cal ? appCalendar(ctx, cal) : null) as AppCalendar;
    },
    getCalendarsByName(name: string): AppCalendar[] {
      call('getCalendarsByName');
      return byName(listed(), name);
    },
    getOwnedCalendarsByName(name: string): AppCalendar[] {
      call('getOwnedCalendarsByName');
      return byName(owned(), name);
    },
    getDefaultCalendar(): AppCalendar {
      call('getDefaultCalendar');
      return appCalendar(ctx, ensurePrimary(ctx, user()));
    },
    getAllCalendars(): AppCalendar[] {
      call('getAllCalendars');
      return listed().map((c) => appCalendar(ctx, c));
    },
    getAllOwnedCalendars(): AppCalendar[] {
      call('getAllOwnedCalendars');
      return owned().map((c) => appCalendar(ctx, c));
    },
    /** Adds a calendar the user can see to their list; throws if they cannot see it. */
    subscribeToCalendar(id: string): AppCalendar {
      call('subscribeToCalendar');
      const cal = lookupCalendar(ctx, String(id));
      if (!cal || !canRead(cal, user())) throw ctx.ws.error(ACTION_NOT_ALLOWED);
      const subs = (ctx.state.subscriptions[user()] ??= []);
      if (!subs.includes(cal.id)) subs.push(cal.id);
      return appCalendar(ctx, cal);
    },
  };
  return app;
}

// ---------------------------------------------------------------------------------------------
// Advanced service `Calendar` (v3)

type SEvent = GoogleAppsScript.Calendar.Schema.Event;
type SDateTime = GoogleAppsScript.Calendar.Schema.EventDateTime;

interface ListArgs {
  timeMin?: string;
  timeMax?: string;
  eventTypes?: string | string[];
  privateExtendedProperty?: string | string[];
  sharedExtendedProperty?: string | string[];
  singleEvents?: boolean;
  showDeleted?: boolean;
  maxResults?: number;
  pageToken?: string;
  orderBy?: 'startTime' | 'updated';
  q?: string;
}

const EVENT_TYPES = ['default', 'outOfOffice', 'focusTime', 'workingLocation'] as const;
const WORKING_LOCATION_TYPES = ['homeOffice', 'officeLocation', 'customLocation'];

function toResource(ev: EventRecord, cal: CalendarRecord): SEvent {
  const when = (date: string | undefined, ms: number | undefined): SDateTime =>
    ev.allDay
      ? { date }
      : {
          dateTime: rfc3339InZone(ms!, ev.timeZone ?? cal.timeZone),
          ...(ev.timeZone ? { timeZone: ev.timeZone } : {}),
        };
  const ext: { private?: Record<string, string>; shared?: Record<string, string> } = {};
  if (Object.keys(ev.extendedProperties.private).length) ext.private = { ...ev.extendedProperties.private };
  if (Object.keys(ev.extendedProperties.shared).length) ext.shared = { ...ev.extendedProperties.shared };
  const resource: SEvent = {
    kind: 'calendar#event',
    etag: `"${ev.updatedMs}"`,
    id: ev.id,
    iCalUID: ev.iCalUID,
    status: ev.status,
    htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${ev.id} ${cal.id}`).toString('base64url')}`,
    created: new Date(ev.createdMs).toISOString(),
    updated: new Date(ev.updatedMs).toISOString(),
    summary: ev.summary,
    creator: { email: ev.creator, ...(ev.creator === cal.owner ? { self: true } : {}) },
    organizer: { email: cal.id, displayName: cal.name },
    start: when(ev.startDate, ev.startMs),
    end: when(ev.endDate, ev.endMs),
    transparency: ev.transparency,
    visibility: ev.visibility,
    eventType: ev.eventType,
    sequence: 0,
  };
  if (ev.description) resource.description = ev.description;
  if (ev.location) resource.location = ev.location;
  if (ev.guests.length)
    resource.attendees = ev.guests.map((email) => ({ email, responseStatus: 'needsAction' }));
  if (ext.private || ext.shared) resource.extendedProperties = ext;
  if (ev.workingLocationProperties) {
    resource.workingLocationProperties = JSON.parse(JSON.stringify(ev.workingLocationProperties));
  }
  return resource;
}

/** Reads start/end of a resource into record fields; throws the API's 400s. */
function readTimes(
  ws: Workspace,
  method: string,
  start: SDateTime | undefined,
  end: SDateTime | undefined,
): Pick<EventRecord, 'allDay' | 'startDate' | 'endDate' | 'startMs' | 'endMs' | 'timeZone'> {
  if (!start || (!start.date && !start.dateTime)) throw badRequest(ws, method, 'Missing start time.');
  if (!end || (!end.date && !end.dateTime)) throw badRequest(ws, method, 'Missing end time.');
  if (start.date || end.date) {
    if (!isYmd(start.date) || !isYmd(end.date)) throw badRequest(ws, method, 'Invalid start time.');
    if (end.date <= start.date) throw badRequest(ws, method, 'The specified time range is empty.');
    return { allDay: true, startDate: start.date, endDate: end.date };
  }
  const parse = (t: SDateTime, which: string): number => {
    const text = t.dateTime!;
    // "A time zone offset is required unless a time zone is explicitly specified in timeZone."
    if (/(Z|[+-]\d\d:\d\d)$/i.test(text)) {
      const ms = Date.parse(text);
      if (Number.isNaN(ms)) throw badRequest(ws, method, `Invalid ${which} time.`);
      return ms;
    }
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
    if (!t.timeZone) throw badRequest(ws, method, `Missing time zone definition for ${which} time.`);
    if (!m) throw badRequest(ws, method, `Invalid ${which} time.`);
    return zonedToUtc(+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0), t.timeZone);
  };
  const startMs = parse(start, 'start');
  const endMs = parse(end, 'end');
  if (endMs < startMs) throw badRequest(ws, method, 'The specified time range is empty.');
  return { allDay: false, startMs, endMs, timeZone: start.timeZone ?? undefined };
}

function asList(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v.map(String) : [String(v)];
}

function parseBound(
  ws: Workspace,
  method: string,
  value: string | undefined,
  name: string,
): number | undefined {
  if (value === undefined) return undefined;
  // "Must be an RFC3339 timestamp with mandatory time zone offset."
  const ms = /(Z|[+-]\d\d:\d\d)$/i.test(String(value)) ? Date.parse(String(value)) : NaN;
  if (Number.isNaN(ms)) throw badRequest(ws, method, `Invalid value for: ${name}`);
  return ms;
}

type AdvancedCalendar = {
  Events: Pick<
    GoogleAppsScript.Calendar.Collection.EventsCollection,
    'insert' | 'get' | 'list' | 'remove' | 'patch'
  >;
  Calendars: Pick<GoogleAppsScript.Calendar.Collection.CalendarsCollection, 'get'>;
  Acl: Pick<GoogleAppsScript.Calendar.Collection.AclCollection, 'insert' | 'list' | 'remove'>;
};

function createAdvancedCalendar(ctx: Ctx): AdvancedCalendar {
  const call = (method: string) => ctx.ws.call('Calendar', method);
  const user = () => ctx.ws.effectiveUser();

  const readable = (apiMethod: string, calendarId: string): CalendarRecord => {
    const cal = lookupCalendar(ctx, String(calendarId));
    if (!cal || !canRead(cal, user())) throw notFound(ctx.ws, apiMethod);
    return cal;
  };
  const writable = (apiMethod: string, calendarId: string): CalendarRecord => {
    const cal = readable(apiMethod, calendarId);
    if (!canWrite(cal, user())) throw needWriter(ctx.ws, apiMethod);
    return cal;
  };
  const eventIn = (apiMethod: string, cal: CalendarRecord, eventId: string): EventRecord => {
    const ev = ctx.state.events[String(eventId)];
    if (!ev || ev.calendarId !== cal.id) throw notFound(ctx.ws, apiMethod);
    return ev;
  };

  const applyWritable = (method: string, ev: EventRecord, cal: CalendarRecord, r: SEvent): void => {
    if (r.summary !== undefined) ev.summary = String(r.summary ?? '');
    if (r.description !== undefined) ev.description = String(r.description ?? '');
    if (r.location !== undefined) ev.location = String(r.location ?? '');
    if (r.transparency !== undefined)
      ev.transparency = r.transparency === 'transparent' ? 'transparent' : 'opaque';
    if (r.visibility !== undefined) {
      const v = String(r.visibility);
      ev.visibility = (
        ['default', 'public', 'private', 'confidential'].includes(v) ? v : 'default'
      ) as EventRecord['visibility'];
    }
    if (r.attendees !== undefined) ev.guests = (r.attendees ?? []).map((a) => String(a.email ?? ''));
    if (r.extendedProperties !== undefined) {
      // Patch semantics: each map is merged key by key; a null value removes a key.
      for (const kind of ['private', 'shared'] as const) {
        const incoming = r.extendedProperties?.[kind];
        if (!incoming) continue;
        for (const [k, v] of Object.entries(incoming)) {
          if (v === null) delete ev.extendedProperties[kind][k];
          else ev.extendedProperties[kind][k] = String(v);
        }
      }
    }
    if (r.workingLocationProperties !== undefined) {
      ev.workingLocationProperties = JSON.parse(JSON.stringify(r.workingLocationProperties));
    }
    if (r.start !== undefined || r.end !== undefined) {
      const current = toResource(ev, cal);
      Object.assign(ev, { startDate: undefined, endDate: undefined, startMs: undefined, endMs: undefined });
      Object.assign(ev, readTimes(ctx.ws, method, r.start ?? current.start, r.end ?? current.end));
    }
  };

  /** Status events exist "only on primary calendars", and only the owner's own. */
  const checkWorkingLocation = (method: string, cal: CalendarRecord, r: SEvent): void => {
    if (!cal.primary) {
      throw badRequest(
        ctx.ws,
        method,
        'Working location events can only be created on the primary calendar.',
      );
    }
    if (cal.owner !== user()) {
      throw apiError(
        ctx.ws,
        method,
        403,
        'Working location events can only be created on the primary calendar of the authenticated user.',
        'forbidden',
      );
    }
    const props = r.workingLocationProperties;
    if (!props || !WORKING_LOCATION_TYPES.includes(String(props.type))) {
      throw badRequest(ctx.ws, method, 'Missing or invalid workingLocationProperties.');
    }
    // The guide's required settings for a working location event.
    if (r.transparency !== 'transparent' || r.visibility !== 'public') {
      throw badRequest(
        ctx.ws,
        method,
        "Working location events must have transparency 'transparent' and visibility 'public'.",
      );
    }
  };

  const Events: AdvancedCalendar['Events'] = {
    insert(resource: SEvent, calendarId: string): SEvent {
      call('Events.insert');
      const m = 'events.insert';
      const cal = writable(m, calendarId);
      const eventType = resource.eventType ?? 'default';
      if (!EVENT_TYPES.includes(eventType))
        throw badRequest(ctx.ws, m, `Invalid event type: ${String(eventType)}`);
      if (eventType === 'workingLocation') checkWorkingLocation(m, cal, resource);
      let id: string | undefined;
      if (resource.id !== undefined) {
        // Client-chosen ids: base32hex, 5–1024 characters; unique for ever (also once deleted).
        id = String(resource.id);
        if (!/^[a-v0-9]{5,1024}$/.test(id)) throw badRequest(ctx.ws, m, 'Invalid resource id value.');
        if (ctx.state.events[id])
          throw apiError(ctx.ws, m, 409, 'The requested identifier already exists.', 'duplicate');
      }
      const times = readTimes(ctx.ws, m, resource.start, resource.end);
      const ev = newRecord(ctx, cal, { summary: String(resource.summary ?? ''), eventType, ...times }, id);
      applyWritable(m, ev, cal, { ...resource, start: undefined, end: undefined });
      return toResource(ev, cal);
    },

    /** Returns deleted events too, with status 'cancelled', as the API does. */
    get(calendarId: string, eventId: string): SEvent {
      call('Events.get');
      const m = 'events.get';
      const cal = readable(m, calendarId);
      return toResource(eventIn(m, cal, eventId), cal);
    },

    list(calendarId: string, optionalArgs: object = {}): GoogleAppsScript.Calendar.Schema.Events {
      call('Events.list');
      const m = 'events.list';
      const cal = readable(m, calendarId);
      const args = optionalArgs as ListArgs;
      const timeMin = parseBound(ctx.ws, m, args.timeMin, 'timeMin');
      const timeMax = parseBound(ctx.ws, m, args.timeMax, 'timeMax');
      if (timeMin !== undefined && timeMax !== undefined && timeMax <= timeMin) {
        throw badRequest(ctx.ws, m, 'The specified time range is empty.');
      }
      if (args.orderBy === 'startTime' && !args.singleEvents) {
        throw badRequest(ctx.ws, m, 'The requested ordering is not available for the particular query.');
      }
      const types = asList(args.eventTypes);
      const constraints = (v: string | string[] | undefined) =>
        asList(v).map((c) => {
          const i = c.indexOf('=');
          if (i <= 0) throw badRequest(ctx.ws, m, 'Invalid extended property constraint.');
          return [c.slice(0, i), c.slice(i + 1)] as const;
        });
      const privateC = constraints(args.privateExtendedProperty);
      const sharedC = constraints(args.sharedExtendedProperty);
      const q = typeof args.q === 'string' ? args.q.toLowerCase() : '';
      let events = Object.values(ctx.state.events).filter((e) => {
        if (e.calendarId !== cal.id) return false;
        if (e.status === 'cancelled' && !args.showDeleted) return false;
        if (types.length && !types.includes(e.eventType)) return false;
        if (privateC.some(([k, v]) => e.extendedProperties.private[k] !== v)) return false;
        if (sharedC.some(([k, v]) => e.extendedProperties.shared[k] !== v)) return false;
        if (q && !`${e.summary}\n${e.description}\n${e.location}`.toLowerCase().includes(q)) return false;
        const r = eventRange(e, cal);
        if (timeMin !== undefined && !(r.end > timeMin)) return false;
        if (timeMax !== undefined && !(r.start < timeMax)) return false;
        return true;
      });
      events =
        args.orderBy === 'updated'
          ? events.sort((a, b) => a.updatedMs - b.updatedMs || (a.id < b.id ? -1 : 1))
          : sortByStart(events, cal);
      // maxResults: default 250, at most 2500. Page tokens are opaque offsets here.
      const size = Math.min(Math.max(1, Math.floor(Number(args.maxResults ?? 250)) || 250), 2500);
      const offset = args.pageToken ? Number(/^p(\d+)$/.exec(String(args.pageToken))?.[1] ?? NaN) : 0;
      if (!Number.isInteger(offset)) throw badRequest(ctx.ws, m, 'Invalid page token.');
      const page = events.slice(offset, offset + size);
      const result: GoogleAppsScript.Calendar.Schema.Events = {
        kind: 'calendar#events',
        summary: cal.name,
        timeZone: cal.timeZone,
        accessRole: roleOf(cal, user()),
        items: page.map((e) => toResource(e, cal)),
      };
      if (offset + size < events.length) result.nextPageToken = `p${offset + size}`;
      return result;
    },

    remove(calendarId: string, eventId: string): void {
      call('Events.remove');
      const m = 'events.delete';
      const cal = writable(m, calendarId);
      const ev = eventIn(m, cal, eventId);
      if (ev.status === 'cancelled') throw gone(ctx.ws, m);
      ev.status = 'cancelled';
      ev.updatedMs = ctx.ws.nowMs;
    },

    patch(resource: SEvent, calendarId: string, eventId: string): SEvent {
      call('Events.patch');
      const m = 'events.patch';
      const cal = writable(m, calendarId);
      const ev = eventIn(m, cal, eventId);
      if (resource.eventType !== undefined && resource.eventType !== ev.eventType) {
        throw badRequest(ctx.ws, m, 'The event type cannot be changed.');
      }
      if (resource.status === 'confirmed' || resource.status === 'cancelled') ev.status = resource.status;
      applyWritable(m, ev, cal, resource);
      ev.updatedMs = ctx.ws.nowMs;
      return toResource(ev, cal);
    },
  };

  const Calendars: AdvancedCalendar['Calendars'] = {
    get(calendarId: string): GoogleAppsScript.Calendar.Schema.Calendar {
      call('Calendars.get');
      const cal = readable('calendars.get', calendarId);
      return {
        kind: 'calendar#calendar',
        etag: `"${cal.createdMs}"`,
        id: cal.id,
        summary: cal.name,
        description: cal.description,
        location: cal.location,
        timeZone: cal.timeZone,
      };
    },
  };

  const aclResource = (rule: AclRuleState): GoogleAppsScript.Calendar.Schema.AclRule => ({
    kind: 'calendar#aclRule',
    id: rule.id,
    role: rule.role,
    scope: { ...rule.scope },
  });
  const ownerOnly = (apiMethod: string, calendarId: string): CalendarRecord => {
    const cal = readable(apiMethod, calendarId);
    // Sharing a calendar takes the owner role (the ACL is "owner"-only in the API).
    if (roleOf(cal, user()) !== 'owner') throw apiError(ctx.ws, apiMethod, 403, 'Forbidden', 'forbidden');
    return cal;
  };

  const Acl: AdvancedCalendar['Acl'] = {
    insert(resource: GoogleAppsScript.Calendar.Schema.AclRule, calendarId: string) {
      call('Acl.insert');
      const m = 'acl.insert';
      const cal = ownerOnly(m, calendarId);
      const role = String(resource.role ?? '') as Role;
      const type = String(resource.scope?.type ?? '') as AclRuleState['scope']['type'];
      if (!(role in ROLE_RANK)) throw badRequest(ctx.ws, m, 'Invalid role.');
      if (!['default', 'user', 'group', 'domain'].includes(type))
        throw badRequest(ctx.ws, m, 'Invalid scope type.');
      const value = type === 'default' ? undefined : String(resource.scope?.value ?? '');
      if (type !== 'default' && !value) throw badRequest(ctx.ws, m, 'Missing scope value.');
      const id = type === 'default' ? 'default' : `${type}:${value}`;
      // Inserting a rule for a scope that already has one replaces its role.
      const rule: AclRuleState = { id, role, scope: value === undefined ? { type } : { type, value } };
      cal.acl = [...cal.acl.filter((r) => r.id !== id), rule];
      return aclResource(rule);
    },
    list(calendarId: string): GoogleAppsScript.Calendar.Schema.Acl {
      call('Acl.list');
      const cal = ownerOnly('acl.list', calendarId);
      const ownerRule: AclRuleState = {
        id: `user:${cal.owner}`,
        role: 'owner',
        scope: { type: 'user', value: cal.owner },
      };
      return { kind: 'calendar#acl', items: [ownerRule, ...cal.acl].map(aclResource) };
    },
    remove(calendarId: string, ruleId: string): void {
      call('Acl.remove');
      const m = 'acl.delete';
      const cal = ownerOnly(m, calendarId);
      if (!cal.acl.some((r) => r.id === ruleId)) throw notFound(ctx.ws, m);
      cal.acl = cal.acl.filter((r) => r.id !== ruleId);
    },
  };

  return { Events, Calendars, Acl };
}

/**
 * CalendarApp and the advanced `Calendar` service over one state. Calls are counted as
 * `CalendarApp.<Class>.<method>` (e.g. `CalendarApp.Calendar.createAllDayEvent`) and
 * `Calendar.<Collection>.<method>` (e.g. `Calendar.Events.insert`).
 */
export function createCalendarServices(
  ws: Workspace,
  state: CalendarState,
): { CalendarApp: CalendarAppFake; Calendar: AdvancedCalendar } {
  const ctx: Ctx = { ws, state };
  return { CalendarApp: createCalendarApp(ctx), Calendar: createAdvancedCalendar(ctx) };
}
