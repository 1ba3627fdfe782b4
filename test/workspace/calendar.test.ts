// The in-memory Calendar behaves as Google documents it: all-day events are dates that no time
// zone shifts, deleted events disappear, working locations only go on the user's own primary
// calendar, and CalendarApp and the advanced service share one store.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { Workspace } from '../../dev/workspace/core';
import { createCalendarServices, emptyCalendarState, type CalendarState } from '../../dev/workspace/calendar';

const HR = 'hr@example.it';
const ANNA = 'anna.rossi@example.it';
const MARIO = 'mario.ferrari@example.it';

/** Midnight in Rome as an instant, written without any process-time-zone arithmetic. */
const ROME_MIDNIGHT = {
  winter: ['2026-01-15', Date.UTC(2026, 0, 14, 23)],
  summer: ['2026-07-15', Date.UTC(2026, 6, 14, 22)],
  springForward: ['2026-03-29', Date.UTC(2026, 2, 28, 23)], // CET midnight, CEST by 03:00
  fallBack: ['2026-10-25', Date.UTC(2026, 9, 24, 22)], // CEST midnight, CET by 03:00
} as const;

const nextDay = (ymd: string): string =>
  new Date(Date.UTC(+ymd.slice(0, 4), +ymd.slice(5, 7) - 1, +ymd.slice(8, 10) + 1))
    .toISOString()
    .slice(0, 10);

function setup(state: CalendarState = emptyCalendarState()) {
  const ws = new Workspace({ owner: HR });
  const { CalendarApp, Calendar } = createCalendarServices(ws, state);
  return { ws, state, CalendarApp, Calendar };
}

function workingLocation(date: string, next: string) {
  return {
    summary: 'Lavoro agile',
    eventType: 'workingLocation' as const,
    start: { date },
    end: { date: next },
    transparency: 'transparent',
    visibility: 'public',
    workingLocationProperties: { type: 'homeOffice', homeOffice: {} },
  };
}

const errorOf = (fn: () => unknown): Error & { details?: { code: number; message: string } } => {
  try {
    fn();
  } catch (e) {
    return e as Error & { details?: { code: number; message: string } };
  }
  throw new Error('expected an error');
};

describe('all-day events', () => {
  it.each(Object.entries(ROME_MIDNIGHT))('keep the Rome date of a %s midnight', (_season, [ymd, ms]) => {
    const { CalendarApp, Calendar } = setup();
    const cal = CalendarApp.createCalendar('Smart working');
    const event = cal.createAllDayEvent('Anna Rossi — lavoro agile', new Date(ms));
    expect(event.isAllDayEvent()).toBe(true);
    // Read back through the API: the stored date is the Rome date, end exclusive.
    const resource = Calendar.Events.get(cal.getId(), event.getId().replace('@google.com', ''));
    expect(resource.start).toEqual({ date: ymd });
    expect(resource.end).toEqual({ date: nextDay(ymd) });
    // getAllDayStartDate is midnight in the script zone (Rome): the very instant passed in.
    expect(event.getAllDayStartDate().getTime()).toBe(ms);
    expect(event.getStartTime().getTime()).toBe(ms);
    // Any instant of that Rome day gives the same date (here 23:30 Rome, 22:30 on the DST day).
    const late = cal.createAllDayEvent('late', new Date(ms + 22.5 * 3600_000));
    expect(Calendar.Events.get(cal.getId(), late.getId().replace('@google.com', '')).start).toEqual({
      date: ymd,
    });
    // And getEventsForDay on that Rome day finds it.
    expect(cal.getEventsForDay(new Date(ms + 12 * 3600_000)).map((e) => e.getTitle())).toContain(
      'Anna Rossi — lavoro agile',
    );
  });

  it.each([
    ['Pacific/Kiritimati', -14 * 60],
    ['America/Los_Angeles', 8 * 60],
  ])('keep their dates when the process runs in TZ=%s', (zone, offsetMinutes) => {
    // Jest cannot change its own process zone, so the fake runs in a child Node process. Each
    // Rome day is given at its first minute and at 22:30 Rome: at UTC+14 the latter is already
    // the next day, at UTC-8 the former is still the day before.
    const entry = `
      import { Workspace } from './core';
      import { createCalendarServices, emptyCalendarState } from './calendar';
      const ws = new Workspace({ owner: 'hr@example.it' });
      const { CalendarApp, Calendar } = createCalendarServices(ws, emptyCalendarState());
      const cal = CalendarApp.createCalendar('Smart working');
      const cases = ${JSON.stringify(Object.values(ROME_MIDNIGHT))};
      const out = cases.flatMap(([ymd, ms]) => [ms, ms + 22.5 * 3600000].map((at) => {
        const ev = cal.createAllDayEvent(ymd, new Date(at));
        const r = Calendar.Events.get(cal.getId(), ev.getId().replace('@google.com', ''));
        return [r.start.date, r.end.date, ev.getAllDayStartDate().getTime(), cal.getEventsForDay(new Date(at)).length];
      }));
      console.log(JSON.stringify({ offset: new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset(), out }));
    `;
    const bundle = buildSync({
      stdin: { contents: entry, resolveDir: join(__dirname, '../../dev/workspace'), loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
    }).outputFiles[0].text;
    const run = spawnSync(process.execPath, ['-e', bundle], {
      env: { ...process.env, TZ: zone },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    const { offset, out } = JSON.parse(run.stdout) as { offset: number; out: unknown[] };
    expect(offset).toBe(offsetMinutes); // really in that zone
    expect(out).toEqual(
      Object.values(ROME_MIDNIGHT).flatMap(([ymd, ms]) => [
        [ymd, nextDay(ymd), ms, 1],
        [ymd, nextDay(ymd), ms, 2],
      ]),
    );
  });

  it('span several days with an exclusive end date', () => {
    const { CalendarApp } = setup();
    const cal = CalendarApp.createCalendar('Smart working');
    const [, start] = ROME_MIDNIGHT.winter;
    const ev = cal.createAllDayEvent('three days', new Date(start), new Date(start + 3 * 86_400_000), {
      description: 'd',
    });
    expect(ev.getAllDayEndDate().getTime()).toBe(start + 3 * 86_400_000);
    expect(ev.getDescription()).toBe('d');
  });
});

describe('CalendarApp calendars', () => {
  it('creates calendars owned by the active user and finds them by name and id', () => {
    const { ws, CalendarApp } = setup();
    const cal = CalendarApp.createCalendar('Smart working', { summary: 'Giornate approvate' });
    expect(cal.getId()).toMatch(/@group\.calendar\.google\.com$/);
    expect(cal.getName()).toBe('Smart working');
    expect(cal.getDescription()).toBe('Giornate approvate');
    expect(cal.getTimeZone()).toBe('Europe/Rome');
    expect(cal.isOwnedByMe()).toBe(true);
    expect(CalendarApp.getOwnedCalendarsByName('smart working').map((c) => c.getId())).toEqual([cal.getId()]);
    expect(CalendarApp.getCalendarById(cal.getId())?.getName()).toBe('Smart working');
    expect(CalendarApp.getCalendarById('nobody@group.calendar.google.com')).toBeNull();
    ws.activeUser = ANNA;
    expect(CalendarApp.getCalendarById(cal.getId())).toBeNull();
    expect(CalendarApp.getOwnedCalendarsByName('Smart working')).toEqual([]);
  });

  it('gives each user a default calendar whose id is their email', () => {
    const { ws, CalendarApp } = setup();
    ws.activeUser = ANNA;
    const primary = CalendarApp.getDefaultCalendar();
    expect(primary.getId()).toBe(ANNA);
    expect(primary.isMyPrimaryCalendar()).toBe(true);
    expect(CalendarApp.getAllOwnedCalendars().map((c) => c.getId())).toEqual([ANNA]);
    ws.activeUser = HR;
    expect(CalendarApp.getCalendarById(ANNA)).toBeNull(); // exists, but not shared with HR
  });

  it('deletes a secondary calendar with its events, never a primary one', () => {
    const { ws, CalendarApp, Calendar } = setup();
    const cal = CalendarApp.createCalendar('Temp');
    cal.createAllDayEvent('x', new Date(ROME_MIDNIGHT.winter[1]));
    const id = cal.getId();
    cal.deleteCalendar();
    expect(CalendarApp.getCalendarById(id)).toBeNull();
    expect(errorOf(() => Calendar.Calendars.get(id)).message).toBe(
      'API call to calendar.calendars.get failed with error: Not Found',
    );
    ws.activeUser = ANNA;
    expect(() => CalendarApp.getDefaultCalendar().deleteCalendar()).toThrow('Action not allowed');
  });
});

describe('events', () => {
  it('lists the events overlapping a range, in start order', () => {
    const { CalendarApp } = setup();
    const cal = CalendarApp.createCalendar('Smart working');
    const day = (n: number) => new Date(ROME_MIDNIGHT.winter[1] + n * 86_400_000);
    cal.createAllDayEvent('c', day(2));
    cal.createAllDayEvent('a', day(0));
    cal.createAllDayEvent('b', day(1));
    cal.createEvent(
      'meeting',
      new Date(day(1).getTime() + 9 * 3600_000),
      new Date(day(1).getTime() + 10 * 3600_000),
    );
    expect(cal.getEvents(day(0), day(3)).map((e) => e.getTitle())).toEqual(['a', 'b', 'meeting', 'c']);
    // The end is exclusive: an all-day event on day 1 ends exactly at day 2's midnight.
    expect(cal.getEvents(day(1), day(2)).map((e) => e.getTitle())).toEqual(['b', 'meeting']);
    expect(cal.getEvents(day(0), day(3), { max: 2 }).length).toBe(2);
    expect(cal.getEvents(day(0), day(3), { search: 'MEET' }).map((e) => e.getTitle())).toEqual(['meeting']);
  });

  it('edits titles, descriptions, locations and tags', () => {
    const { CalendarApp } = setup();
    const cal = CalendarApp.createCalendar('Smart working');
    const ev = cal.createAllDayEvent('x', new Date(ROME_MIDNIGHT.winter[1]), { location: 'Carpi' });
    expect(ev.getLocation()).toBe('Carpi');
    ev.setTitle('y').setDescription('z').setLocation('Soliera').setTag('dayId', 'D1');
    expect([ev.getTitle(), ev.getDescription(), ev.getLocation(), ev.getTag('dayId')]).toEqual([
      'y',
      'z',
      'Soliera',
      'D1',
    ]);
    expect(ev.getTag('missing')).toBeNull();
    expect(ev.getOriginalCalendarId()).toBe(cal.getId());
    expect(ev.getId()).toMatch(/@google\.com$/);
    expect(cal.getEventById(ev.getId())?.getTitle()).toBe('y');
  });

  it('removes a deleted event from every read, and refuses to delete it twice', () => {
    const { CalendarApp, Calendar } = setup();
    const cal = CalendarApp.createCalendar('Smart working');
    const [, ms] = ROME_MIDNIGHT.summer;
    const ev = cal.createAllDayEvent('x', new Date(ms));
    const iCalId = ev.getId();
    ev.deleteEvent();
    expect(cal.getEvents(new Date(ms), new Date(ms + 86_400_000))).toEqual([]);
    expect(cal.getEventsForDay(new Date(ms))).toEqual([]);
    expect(cal.getEventById(iCalId)).toBeNull();
    expect(Calendar.Events.list(cal.getId()).items).toEqual([]);
    expect(() => ev.deleteEvent()).toThrow('Action not allowed');
    // The API still returns it, cancelled, as Google does; and lists it only with showDeleted.
    const apiId = iCalId.replace('@google.com', '');
    expect(Calendar.Events.get(cal.getId(), apiId).status).toBe('cancelled');
    expect(Calendar.Events.list(cal.getId(), { showDeleted: true }).items?.map((e) => e.id)).toEqual([apiId]);
  });

  it('answers Events.remove like the API: 410 when already deleted, 404 when unknown', () => {
    const { Calendar } = setup();
    const ev = Calendar.Events.insert(
      { summary: 'x', start: { date: '2026-11-09' }, end: { date: '2026-11-10' } },
      'primary',
    );
    Calendar.Events.remove('primary', ev.id!);
    const again = errorOf(() => Calendar.Events.remove('primary', ev.id!));
    expect(again.message).toBe(
      'API call to calendar.events.delete failed with error: Resource has been deleted',
    );
    expect(again.name).toBe('GoogleJsonResponseException');
    expect(again.details?.code).toBe(410);
    const unknown = errorOf(() => Calendar.Events.remove('primary', 'doesnotexist'));
    expect(unknown.message).toBe('API call to calendar.events.delete failed with error: Not Found');
    expect(unknown.details?.code).toBe(404);
    expect(() => Calendar.Events.get('primary', 'doesnotexist')).toThrow(
      'API call to calendar.events.get failed with error: Not Found',
    );
  });

  it('shares one store between CalendarApp and the advanced service', () => {
    const { CalendarApp, Calendar } = setup();
    const cal = CalendarApp.createCalendar('Smart working');
    const made = cal.createAllDayEvent('from CalendarApp', new Date(ROME_MIDNIGHT.winter[1]));
    const inserted = Calendar.Events.insert(
      { summary: 'from the API', start: { date: '2026-01-16' }, end: { date: '2026-01-17' } },
      cal.getId(),
    );
    const items = Calendar.Events.list(cal.getId(), {
      timeMin: '2026-01-15T00:00:00+01:00',
      timeMax: '2026-01-17T00:00:00+01:00',
    }).items!;
    expect(items.map((e) => e.summary)).toEqual(['from CalendarApp', 'from the API']);
    expect(items[0].iCalUID).toBe(made.getId());
    const viaApp = cal.getEventById(inserted.iCalUID!);
    expect(viaApp.getTitle()).toBe('from the API');
    expect(viaApp.getAllDayStartDate().getTime()).toBe(Date.UTC(2026, 0, 15, 23));
  });

  it('treats timeMin and timeMax as exclusive bounds on end and start', () => {
    const { Calendar } = setup();
    Calendar.Events.insert(
      { summary: 'x', start: { date: '2026-11-09' }, end: { date: '2026-11-10' } },
      'primary',
    );
    const count = (timeMin: string, timeMax: string) =>
      Calendar.Events.list('primary', { timeMin, timeMax }).items!.length;
    expect(count('2026-11-09T00:00:00+01:00', '2026-11-10T00:00:00+01:00')).toBe(1);
    expect(count('2026-11-10T00:00:00+01:00', '2026-11-11T00:00:00+01:00')).toBe(0); // ends at timeMin
    expect(count('2026-11-08T00:00:00+01:00', '2026-11-09T00:00:00+01:00')).toBe(0); // starts at timeMax
    expect(() => Calendar.Events.list('primary', { timeMin: '2026-11-09T00:00:00' })).toThrow(
      /Invalid value/,
    );
  });

  it('finds events by private extended property, and pages through results', () => {
    const { Calendar } = setup();
    for (const [i, day] of ['2026-11-09', '2026-11-10', '2026-11-11'].entries()) {
      Calendar.Events.insert(
        {
          summary: `day ${i}`,
          start: { date: day },
          end: { date: day.replace(/\d\d$/, (d) => String(+d + 1)) },
          extendedProperties: { private: { agora: '1', dayId: `D${i}` } },
        },
        'primary',
      );
    }
    const byDay = Calendar.Events.list('primary', { privateExtendedProperty: 'dayId=D1' }).items!;
    expect(byDay.map((e) => e.summary)).toEqual(['day 1']);
    expect(byDay[0].extendedProperties?.private).toEqual({ agora: '1', dayId: 'D1' });
    const both = Calendar.Events.list('primary', { privateExtendedProperty: ['agora=1', 'dayId=D2'] }).items!;
    expect(both.map((e) => e.summary)).toEqual(['day 2']);
    expect(Calendar.Events.list('primary', { sharedExtendedProperty: 'dayId=D1' }).items).toEqual([]);

    const first = Calendar.Events.list('primary', { privateExtendedProperty: 'agora=1', maxResults: 2 });
    expect(first.items!.length).toBe(2);
    const second = Calendar.Events.list('primary', {
      privateExtendedProperty: 'agora=1',
      maxResults: 2,
      pageToken: first.nextPageToken,
    });
    expect(second.items!.map((e) => e.summary)).toEqual(['day 2']);
    expect(second.nextPageToken).toBeUndefined();
  });

  it('patches events, merging extended properties', () => {
    const { Calendar } = setup();
    const ev = Calendar.Events.insert(
      {
        summary: 'x',
        start: { date: '2026-11-09' },
        end: { date: '2026-11-10' },
        extendedProperties: { private: { a: '1' } },
      },
      'primary',
    );
    const patched = Calendar.Events.patch(
      { summary: 'y', extendedProperties: { private: { b: '2' } }, end: { date: '2026-11-11' } },
      'primary',
      ev.id!,
    );
    expect(patched.summary).toBe('y');
    expect(patched.extendedProperties?.private).toEqual({ a: '1', b: '2' });
    expect(patched.end).toEqual({ date: '2026-11-11' });
    expect(patched.start).toEqual({ date: '2026-11-09' });
  });

  it('refuses a client-chosen id used before, even by a deleted event', () => {
    const { Calendar } = setup();
    const body = {
      id: 'agora2026110900001',
      summary: 'x',
      start: { date: '2026-11-09' },
      end: { date: '2026-11-10' },
    };
    expect(Calendar.Events.insert(body, 'primary').id).toBe('agora2026110900001');
    Calendar.Events.remove('primary', 'agora2026110900001');
    const dup = errorOf(() => Calendar.Events.insert(body, 'primary'));
    expect(dup.details?.code).toBe(409);
    expect(dup.message).toMatch(/The requested identifier already exists/);
    expect(() => Calendar.Events.insert({ ...body, id: 'UPPER-case' }, 'primary')).toThrow(
      /Invalid resource id/,
    );
  });

  it('writes timed events with the offset of their zone', () => {
    const { Calendar } = setup();
    const ev = Calendar.Events.insert(
      {
        summary: 'x',
        start: { dateTime: '2026-07-15T09:00:00', timeZone: 'Europe/Rome' },
        end: { dateTime: '2026-07-15T10:00:00', timeZone: 'Europe/Rome' },
      },
      'primary',
    );
    expect(ev.start).toEqual({ dateTime: '2026-07-15T09:00:00+02:00', timeZone: 'Europe/Rome' });
    expect(() =>
      Calendar.Events.insert(
        { start: { dateTime: '2026-07-15T09:00:00' }, end: { dateTime: '2026-07-15T10:00:00' } },
        'primary',
      ),
    ).toThrow('Missing time zone definition for start time.');
  });
});

describe('working location events', () => {
  it("go on the user's own primary calendar", () => {
    const { ws, Calendar } = setup();
    ws.activeUser = ANNA;
    const ev = Calendar.Events.insert(workingLocation('2026-11-09', '2026-11-10'), 'primary');
    expect(ev.eventType).toBe('workingLocation');
    expect(ev.workingLocationProperties).toEqual({ type: 'homeOffice', homeOffice: {} });
    Calendar.Events.insert(workingLocation('2026-11-10', '2026-11-11'), ANNA); // by id as well
    const listed = Calendar.Events.list('primary', { eventTypes: ['workingLocation'] }).items!;
    expect(listed.map((e) => e.start?.date)).toEqual(['2026-11-09', '2026-11-10']);
    expect(Calendar.Events.list('primary', { eventTypes: 'default' }).items).toEqual([]);
  });

  it("cannot be written by HR into an employee's calendar, even with writer access", () => {
    const { ws, Calendar } = setup();
    // Not shared with HR: the calendar is invisible, a 404.
    expect(
      errorOf(() => Calendar.Events.insert(workingLocation('2026-11-09', '2026-11-10'), ANNA)).details?.code,
    ).toBe(404);
    ws.activeUser = ANNA;
    Calendar.Acl.insert({ role: 'writer', scope: { type: 'user', value: HR } }, 'primary');
    ws.activeUser = HR;
    const err = errorOf(() => Calendar.Events.insert(workingLocation('2026-11-09', '2026-11-10'), ANNA));
    expect(err.details?.code).toBe(403);
    expect(err.message).toMatch(
      /^API call to calendar\.events\.insert failed with error: Working location events/,
    );
    // An ordinary event is fine with writer access.
    expect(
      Calendar.Events.insert(
        { summary: 'x', start: { date: '2026-11-09' }, end: { date: '2026-11-10' } },
        ANNA,
      ).status,
    ).toBe('confirmed');
  });

  it('cannot go on a shared (secondary) calendar, even its owner', () => {
    const { CalendarApp, Calendar } = setup();
    const shared = CalendarApp.createCalendar('Smart working');
    const err = errorOf(() =>
      Calendar.Events.insert(workingLocation('2026-11-09', '2026-11-10'), shared.getId()),
    );
    expect(err.details?.code).toBe(400);
    expect(err.message).toBe(
      'API call to calendar.events.insert failed with error: Working location events can only be created on the primary calendar.',
    );
  });

  it('need the properties, transparency and visibility the guide asks for', () => {
    const { Calendar } = setup();
    const { transparency: _t, ...opaque } = workingLocation('2026-11-09', '2026-11-10');
    expect(() => Calendar.Events.insert(opaque, 'primary')).toThrow(/transparent/);
    const { workingLocationProperties: _w, ...bare } = workingLocation('2026-11-09', '2026-11-10');
    expect(() => Calendar.Events.insert(bare, 'primary')).toThrow(/workingLocationProperties/);
  });
});

describe('sharing (ACL)', () => {
  it('shows a calendar only to its owner and the users it is shared with', () => {
    const { ws, CalendarApp, Calendar } = setup();
    const cal = CalendarApp.createCalendar('Smart working');
    const id = cal.getId();
    cal.createAllDayEvent('Anna', new Date(ROME_MIDNIGHT.winter[1]));
    ws.activeUser = ANNA;
    expect(CalendarApp.getCalendarById(id)).toBeNull();
    expect(errorOf(() => Calendar.Events.list(id)).details?.code).toBe(404);
    expect(
      errorOf(() => Calendar.Acl.insert({ role: 'reader', scope: { type: 'user', value: ANNA } }, id)).details
        ?.code,
    ).toBe(404);

    ws.activeUser = HR;
    const rule = Calendar.Acl.insert({ role: 'reader', scope: { type: 'user', value: ANNA } }, id);
    expect(rule.id).toBe(`user:${ANNA}`);
    expect(Calendar.Acl.list(id).items?.map((r) => [r.id, r.role])).toEqual([
      [`user:${HR}`, 'owner'],
      [`user:${ANNA}`, 'reader'],
    ]);

    ws.activeUser = ANNA;
    const seen = CalendarApp.getCalendarById(id);
    expect(seen.isOwnedByMe()).toBe(false);
    expect(seen.getEventsForDay(new Date(ROME_MIDNIGHT.winter[1])).map((e) => e.getTitle())).toEqual([
      'Anna',
    ]);
    // Readers cannot write, through either service.
    expect(() => seen.createAllDayEvent('x', new Date(ROME_MIDNIGHT.winter[1]))).toThrow(
      'Action not allowed',
    );
    expect(() => seen.getEventsForDay(new Date(ROME_MIDNIGHT.winter[1]))[0].setTitle('hack')).toThrow(
      'Action not allowed',
    );
    const denied = errorOf(() =>
      Calendar.Events.insert(
        { summary: 'x', start: { date: '2026-11-09' }, end: { date: '2026-11-10' } },
        id,
      ),
    );
    expect(denied.details?.code).toBe(403);
    expect(denied.message).toBe(
      'API call to calendar.events.insert failed with error: You need to have writer access to this calendar.',
    );
    // Visible by id, but in her list only once she subscribes.
    expect(CalendarApp.getCalendarsByName('Smart working')).toEqual([]);
    CalendarApp.subscribeToCalendar(id);
    expect(CalendarApp.getCalendarsByName('Smart working').map((c) => c.getId())).toEqual([id]);

    ws.activeUser = MARIO;
    expect(CalendarApp.getCalendarById(id)).toBeNull();
    expect(() => CalendarApp.subscribeToCalendar(id)).toThrow('Action not allowed');
  });

  it('grants domain-wide reading with a domain scope', () => {
    const { ws, CalendarApp, Calendar } = setup();
    const id = CalendarApp.createCalendar('Smart working').getId();
    Calendar.Acl.insert({ role: 'reader', scope: { type: 'domain', value: 'example.it' } }, id);
    ws.activeUser = MARIO;
    expect(CalendarApp.getCalendarById(id)?.getName()).toBe('Smart working');
    ws.activeUser = 'someone@other.org';
    expect(CalendarApp.getCalendarById(id)).toBeNull();
  });
});

describe('service calls', () => {
  it('are counted per method', () => {
    const { ws, CalendarApp, Calendar } = setup();
    const cal = CalendarApp.createCalendar('Smart working');
    cal.createAllDayEvent('a', new Date(ROME_MIDNIGHT.winter[1]));
    cal.createAllDayEvent('b', new Date(ROME_MIDNIGHT.summer[1]));
    Calendar.Events.insert(
      { summary: 'c', start: { date: '2026-11-09' }, end: { date: '2026-11-10' } },
      'primary',
    );
    Calendar.Events.list('primary');
    expect(ws.callCount('CalendarApp', 'CalendarApp.createCalendar')).toBe(1);
    expect(ws.callCount('CalendarApp', 'Calendar.createAllDayEvent')).toBe(2);
    expect(ws.callCount('Calendar', 'Events.insert')).toBe(1);
    expect(ws.callCount('Calendar', 'Events.list')).toBe(1);
    expect(ws.callCount('Calendar')).toBe(2);
    expect(ws.callCount('CalendarApp')).toBe(3);
  });

  it('fail where told to, with Google’s error, changing nothing', () => {
    const { ws, state, Calendar, CalendarApp } = setup();
    ws.failNth('Calendar', 'Events.insert', 2, 'calendarRate');
    const body = { summary: 'x', start: { date: '2026-11-09' }, end: { date: '2026-11-10' } };
    Calendar.Events.insert(body, 'primary');
    expect(() => Calendar.Events.insert(body, 'primary')).toThrow(
      'You have been creating or deleting too many calendars or calendar events in a short time. Please try again later.',
    );
    expect(Object.keys(state.events)).toHaveLength(1);
    Calendar.Events.insert(body, 'primary'); // the injection fired once
    ws.failNth('CalendarApp', 'Calendar.createAllDayEvent', 1, 'transient');
    const cal = CalendarApp.getDefaultCalendar();
    expect(() => cal.createAllDayEvent('y', new Date(ROME_MIDNIGHT.winter[1]))).toThrow(
      'Service unavailable: CalendarApp',
    );
    expect(Object.keys(state.events)).toHaveLength(2);
  });
});

it("acts with the effective user's rights, and throws errors of the script's realm", () => {
  const { ws, CalendarApp, Calendar } = setup();
  ws.activeUser = ANNA;
  ws.effectiveUserOverride = HR; // a web app executing as its owner
  expect(CalendarApp.getDefaultCalendar().getId()).toBe(HR);
  expect(
    Calendar.Events.insert(workingLocation('2026-11-09', '2026-11-10'), 'primary').organizer?.email,
  ).toBe(HR);
  class ScriptError extends Error {}
  ws.errorConstructor = ScriptError as ErrorConstructor;
  expect(errorOf(() => Calendar.Events.get('primary', 'nope'))).toBeInstanceOf(ScriptError);
  expect(errorOf(() => CalendarApp.subscribeToCalendar('nobody@group.calendar.google.com'))).toBeInstanceOf(
    ScriptError,
  );
});

it('keeps all its data in JSON: a saved state restores the same calendar', () => {
  const first = setup();
  const cal = first.CalendarApp.createCalendar('Smart working');
  const ev = cal.createAllDayEvent('Anna', new Date(ROME_MIDNIGHT.summer[1]));
  ev.setTag('dayId', 'D9');
  first.Calendar.Acl.insert({ role: 'reader', scope: { type: 'user', value: ANNA } }, cal.getId());
  const restored = setup(JSON.parse(JSON.stringify(first.state)) as CalendarState);
  restored.ws.activeUser = ANNA;
  const again = restored.CalendarApp.getCalendarById(cal.getId());
  const found = again.getEventById(ev.getId());
  expect(found.getTitle()).toBe('Anna');
  expect(found.getTag('dayId')).toBe('D9');
  expect(found.getAllDayStartDate().getTime()).toBe(ROME_MIDNIGHT.summer[1]);
});
