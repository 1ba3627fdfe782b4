// The local playground (`npm start`): every page answers, a day submitted through the form page
// lands in the register, the state survives a restart, and --reset starts from the demo again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, formatDateShortIt, weekday, type IsoDate } from '../src/domain/dates';
import { HolidayCalendar } from '../src/domain/holidays';
import { toRomeLocal } from '../src/domain/rome-time';
import { startPlayground, USER_COOKIE, type Playground } from '../dev/playground/server';
import { bundlePath } from './helpers/bundle';

const codePath = bundlePath();
const EMPLOYEE = 'anna.rossi@terredargine.example';
const HR = 'personale@terredargine.example';
let dir = '';
let stateFile = '';
let playground: Playground | null = null;

jest.setTimeout(300_000);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'agora-playground-'));
  stateFile = join(dir, 'state.json');
});

afterEach(async () => {
  await playground?.close();
  playground = null;
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function start(reset = false): Promise<Playground> {
  playground = await startPlayground({ port: 0, stateFile, codePath, reset });
  return playground;
}

interface Reply {
  status: number;
  text: string;
  location: string | null;
  headers: Record<string, string>;
}

async function request(
  pg: Playground,
  path: string,
  opts: { user?: string; form?: Record<string, string>; json?: unknown; origin?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (opts.user) headers.Cookie = `${USER_COOKIE}=${encodeURIComponent(opts.user)}`;
  if (opts.origin) headers.Origin = opts.origin;
  let body: string | undefined;
  if (opts.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(opts.form).toString();
  } else if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  }
  const res = await fetch(pg.url + path, {
    method: body === undefined && !opts.form ? 'GET' : 'POST',
    headers,
    body,
    redirect: 'manual',
  });
  return {
    status: res.status,
    text: await res.text(),
    location: res.headers.get('location'),
    headers: Object.fromEntries(res.headers.entries()),
  };
}

/** A working day at least a week after the playground's today, at the employee's seat (Carpi). */
function futureWorkingDay(pg: Playground): IsoDate {
  const holidays = new HolidayCalendar();
  let date = addDays(toRomeLocal(pg.backend.nowMs()).date, 9);
  while (weekday(date) > 5 || holidays.holidayAt(date, 'Carpi')) date = addDays(date, 1);
  return date;
}

let submitted: IsoDate;

test('every page answers, and a day sent through the form page is in the register', async () => {
  const pg = await start();
  expect(pg.backend.seeded).not.toBeNull();
  expect(pg.backend.seeded?.failures).toEqual([]);
  for (const path of [
    '/modulo',
    '/registro',
    '/registro?foglio=Dipendenti',
    '/registro?foglio=Accordi&q=carpi',
    '/calendario',
    '/calendario?vista=elenco&mese=2026-10',
    '/calendario?di=mio',
    '/posta',
    '/posta?tutte=1',
    '/approvazioni',
    '/html/doGet',
  ]) {
    const reply = await request(pg, path, { user: HR });
    expect([path, reply.status]).toEqual([path, 200]);
  }
  expect((await request(pg, '/')).location).toBe('/modulo');
  expect((await request(pg, '/nessuna')).status).toBe(404);

  // The demo organisation: the six organisations and about 470 people.
  const employees = await request(pg, '/registro?foglio=Dipendenti', { user: HR });
  for (const org of [
    'ASP Terre d&#39;Argine',
    'Comune di Campogalliano',
    'Comune di Carpi',
    'Comune di Novi di Modena',
    'Comune di Soliera',
    'Unione delle Terre d&#39;Argine',
  ])
    expect(employees.text).toContain(org);
  expect(employees.text).toMatch(/Dipendenti<span class="count">4[67]\d</);

  // The form page shows the Form's own questions.
  const form = await request(pg, '/modulo', { user: EMPLOYEE });
  expect(form.text).toContain('Giorno di lavoro agile');
  const dateField = /<input[^>]*type="date"[^>]*name="(item-\d+)"/.exec(form.text)?.[1];
  const placeField = /<select[^>]*name="(item-\d+)"/.exec(form.text)?.[1];
  const noteField = /<textarea[^>]*name="(item-\d+)"/.exec(form.text)?.[1];
  expect(dateField && placeField && noteField).toBeTruthy();
  expect(form.text).toContain('<option value="Casa">Casa</option>');

  submitted = futureWorkingDay(pg);
  const sent = await request(pg, '/modulo', {
    user: EMPLOYEE,
    form: {
      [dateField as string]: submitted,
      [placeField as string]: 'Casa',
      [noteField as string]: '<script>alert(1)</script>',
    },
  });
  expect(sent.status).toBe(303);
  expect(sent.location).toMatch(/^\/modulo\?risposta=/);
  const result = await request(pg, sent.location as string, { user: EMPLOYEE });
  expect(result.text).toContain('Esito della richiesta');
  expect(result.text).toContain(formatDateShortIt(submitted));
  expect(result.text).toContain('in attesa');

  const register = await request(pg, `/registro?foglio=Giornate&q=${encodeURIComponent(EMPLOYEE)}`, {
    user: HR,
  });
  expect(register.text).toContain(formatDateShortIt(submitted));
  expect(register.text).toContain('in attesa');
  // What a user typed is shown escaped, never as markup.
  expect(register.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(register.text).not.toContain('<script>alert(1)');
});

test('a missing answer is refused with the question named, and nothing is sent', async () => {
  const pg = await start();
  const form = await request(pg, '/modulo', { user: EMPLOYEE });
  const placeField = /<select[^>]*name="(item-\d+)"/.exec(form.text)?.[1] as string;
  const reply = await request(pg, '/modulo', { user: EMPLOYEE, form: { [placeField]: 'Casa' } });
  expect(reply.status).toBe(400);
  expect(reply.text).toContain('Questa domanda è obbligatoria');
});

test('google.script.run goes to /rpc: top-level functions only, JSON in and out, errors as {error}', async () => {
  const pg = await start();
  const loaded = await request(pg, '/rpc/pageOverview', { user: HR, json: [] });
  expect(loaded.status).toBe(200);
  const body = JSON.parse(loaded.text) as { result: { user: string; isAdmin: boolean } };
  expect(body.result).toMatchObject({ user: HR, isAdmin: true });

  const unknown = await request(pg, '/rpc/Agora', { user: HR, json: [] });
  expect(unknown.status).toBe(404);
  expect(JSON.parse(unknown.text)).toEqual({ error: expect.stringContaining('Agora') });
  expect((await request(pg, '/rpc/toString', { user: HR, json: [] })).status).toBe(404);

  const bad = await request(pg, '/rpc/pageDecide', { user: HR, json: { not: 'an array' } });
  expect(JSON.parse(bad.text)).toEqual({ error: expect.any(String) });

  // The web app's page carries the google.script.run shim.
  const sidebar = await request(pg, '/html/doGet', { user: HR });
  expect(sidebar.text).toContain("fetch('/rpc/'");

  // A download of the web app (ContentService): a file with its type and name, or why not.
  const ics = await request(pg, '/html/doGet?ics=mine', { user: EMPLOYEE });
  expect([ics.status, ics.headers['content-type'], ics.headers['content-disposition']]).toEqual([
    200,
    'text/calendar; charset=utf-8',
    'attachment; filename="mie-giornate.ics"',
  ]);
  expect(ics.text).toMatch(/^BEGIN:VCALENDAR\r\n/);
  const refused = await request(pg, '/html/doGet?csv=days', { user: EMPLOYEE });
  expect([refused.headers['content-type'], refused.text]).toEqual([
    'text/plain; charset=utf-8',
    'Questo file è per il servizio personale e i responsabili.',
  ]);

  // A form posted by another site is refused; one of this page is not.
  expect((await request(pg, '/rpc/pageOverview', { user: HR, json: [], origin: pg.url })).status).toBe(200);
  const forged = await request(pg, '/rpc/pageOverview', {
    user: HR,
    json: [],
    origin: 'http://evil.example',
  });
  expect(forged.status).toBe(403);
});

test('the state survives a restart; --reset starts from the demo organisation again', async () => {
  let pg = await start();
  expect(pg.backend.seeded).toBeNull();
  let register = await request(pg, `/registro?foglio=Giornate&q=${encodeURIComponent(EMPLOYEE)}`, {
    user: HR,
  });
  expect(register.text).toContain(formatDateShortIt(submitted));

  // The clock moves and stays moved.
  const before = pg.backend.nowMs();
  const moved = await request(pg, '/orologio', { user: HR, form: { passo: 'giorno', torna: '/posta' } });
  expect(moved.location).toBe('/posta');
  expect(pg.backend.nowMs()).toBe(before + 24 * 3600_000);
  await pg.close();

  pg = await start();
  expect(pg.backend.nowMs()).toBe(before + 24 * 3600_000);
  await pg.close();

  pg = await start(true);
  expect(pg.backend.seeded).not.toBeNull();
  expect(pg.backend.nowMs()).toBe(before);
  register = await request(pg, `/registro?foglio=Giornate&q=${encodeURIComponent(EMPLOYEE)}`, { user: HR });
  expect(register.text).not.toContain(formatDateShortIt(submitted));
});
