// The web page (the web app's doGet) in a real browser: headless Chromium (Debian's `chromium`,
// never downloaded) driven by playwright-core, on the playground serving the built bundle. One
// story, test after test on the same playground: people of a team ask for days from the page;
// a colleague sees nobody's notes and nothing to decide; the manager selects, approves, rejects,
// with a slow server, a double Enter and a stale second window; the team's month shows the
// daily headcount against the share; HR filters and pages the organisation's pending days; a
// mail's link opens its days; an employee reads their month and cancels with a confirmation;
// then the keyboard. Screenshots go to test-artifacts/page-*.png.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { Overview, TeamDay } from '../../src/app/overview';
import { addDays, formatDayIt, weekday, type IsoDate } from '../../src/domain/dates';
import { HolidayCalendar } from '../../src/domain/holidays';
import { STATUS_LABELS } from '../../src/domain/labels';
import { toRomeLocal } from '../../src/domain/rome-time';
import { cellToDate } from '../../src/gas/cells';
import type { RequestResultDto } from '../../src/gas/webapp';
import {
  buildDemoOrganisation,
  HR_ACCOUNT,
  type DemoAgreement,
  type DemoEmployee,
  type DemoOrganisation,
} from '../../dev/playground/demo-org';
import { startPlayground, USER_COOKIE, type Playground } from '../../dev/playground/server';
import { bundlePath } from '../helpers/bundle';

const root = join(__dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(root, 'test-artifacts');
const NARROW = 300;
const WIDE = 1100;
const HEIGHT = 900;

const XSS_NOTE = '<img src=x onerror=alert(1)>';
const FORMULA_NOTE = '=HYPERLINK("http://x","y")';
const REASON = 'Riunione di servizio in presenza.';

jest.setTimeout(120_000);

let dir = '';
let playground: Playground;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Dialogs (alert, confirm...) and script errors seen on any page: there must be none. */
const dialogs: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} non c'è: installa il pacchetto Debian «chromium» (vedi .ci/run).`);
  dir = mkdtempSync(join(tmpdir(), 'agora-browser-'));
  // Chromium starts while the playground seeds the demo organisation (which holds the thread).
  const launched = chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  playground = await startPlayground({
    port: 0,
    stateFile: join(dir, 'state.json'),
    codePath: bundlePath(),
    reset: true,
    // Reused while the bundle, the demo data and the seed's sources stay the same.
    seedCacheFile: join(root, '.cache', 'browser-test-seed.json'),
  });
  browser = await launched;
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await playground?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  expect(dialogs).toEqual([]);
  expect(pageErrors).toEqual([]);
});

// ---- pages ----------------------------------------------------------------------------------

/** The web page as `email` opens it (the playground's act-as cookie), once its data is shown. */
async function openPage(email: string, width = NARROW, search = ''): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: HEIGHT },
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
  });
  contexts.push(context);
  await context.addCookies([{ name: USER_COOKIE, value: encodeURIComponent(email), url: playground.url }]);
  const page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${playground.url}/html/doGet${search}`);
  await ready(page);
  return page;
}

/** Waits until the page has drawn what the server last sent. */
async function ready(page: Page): Promise<void> {
  await page.locator('body[data-state=ready]').waitFor({ timeout: 15_000 });
}

/** Saves the page as it looks (the window, or the whole page), after checking nothing is wider. */
async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `page-${name}.png`), fullPage });
  const width = page.viewportSize()?.width;
  expect([name, await page.evaluate('document.documentElement.scrollWidth')]).toEqual([name, width]);
}

async function expectText(locator: Locator, text: string | RegExp): Promise<void> {
  await locator.getByText(text).first().waitFor({ timeout: 10_000 });
}

const status = (page: Page) => page.locator('#status');
const count = (page: Page) => page.locator('#selection-count');

/** The status line says `text` (and is an error or not). */
async function expectStatus(page: Page, text: string | RegExp, kind: 'ok' | 'error' | 'info'): Promise<void> {
  await expectText(status(page), text);
  await expect(status(page).getAttribute('class')).resolves.toBe(kind);
}

/** Whether the element is inside the window now (not scrolled away). */
async function inView(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  return !!box && box.height > 0 && box.y >= 0 && box.y + box.height <= HEIGHT;
}

// In-page scripts are strings: the Node tsconfig has no DOM.
const UNLABELLED = `[...document.querySelectorAll('input, select, textarea, button')]
  .filter((c) => {
    const named = (c.labels && [...c.labels].some((l) => l.textContent.trim())) ||
      (c.getAttribute('aria-label') || '').trim() || c.getAttribute('aria-labelledby') ||
      (c.tagName === 'BUTTON' && c.textContent.trim());
    return !named;
  })
  .map((c) => c.outerHTML.slice(0, 80))`;

/** Every text of the page, hidden panels and screen-reader text included, with names and titles. */
const ALL_TEXT = `(() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const tag = n.parentElement && n.parentElement.tagName;
    if (tag !== 'SCRIPT' && tag !== 'STYLE' && n.textContent.trim()) out.push(n.textContent.trim());
  }
  for (const e of document.querySelectorAll('[aria-label], [title]'))
    out.push(e.getAttribute('aria-label') || '', e.getAttribute('title') || '');
  return out.filter(Boolean).join('\\n');
})()`;

/** What people must never read on the page: ids, English codes, ISO dates, wrong plurals. */
function wordingProblems(text: string, siteIds: string[]): string[] {
  const patterns: RegExp[] = [
    /\b\d{4}-\d{2}(-\d{2})?\b/, // ISO dates and months ("‹ 2026-10")
    /\b\d{2}\/\d{2}\/\d{4}\b/, // "Il 08/12/2026"
    /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/, // "(Sat)"
    /\b(pending|approved|rejected|refused|cancelled|home|approve|reject)\b/,
    /[Ss]ettimana \d{1,2}(?!\d)(?!\s*[–-])(?!\s+\p{L})/u, // "Settimana 47": no dates, no year
    /\b1 (giornate|giorni|persone|eventi|altri|respinte|rifiutate|approvate|annullate|selezionate|posti|problemi)\b/,
    /\+\d+ altri/,
    /-\d+ giorni/,
    /@/,
    /\b(undefined|null|NaN)\b|\[object/,
  ];
  const lines = text.split('\n');
  const out: string[] = [];
  for (const p of patterns) for (const l of lines) if (p.test(l)) out.push(`${p}: ${l}`);
  for (const id of siteIds) for (const l of lines) if (l.includes(id)) out.push(`${id}: ${l}`);
  return out;
}

async function checkWording(page: Page): Promise<void> {
  const text = (await page.evaluate(ALL_TEXT)) as string;
  expect(
    wordingProblems(
      text,
      org.sites.map((s) => s.id),
    ),
  ).toEqual([]);
  expect(await page.evaluate(UNLABELLED)).toEqual([]);
}

/** A top-level function called as `user` from a page (google.script.run, via the playground). */
async function rpc<T>(user: string, name: string, ...args: unknown[]): Promise<T> {
  const response = await fetch(`${playground.url}/rpc/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: `${USER_COOKIE}=${encodeURIComponent(user)}` },
    body: JSON.stringify(args),
  });
  const body = (await response.json()) as { result?: T; error?: string };
  if (body.error !== undefined) throw new Error(body.error);
  return body.result as T;
}

let tokens = 0;
const requestAs = (user: string, dates: string[], note = '') =>
  rpc<RequestResultDto>(user, 'pageRequest', {
    dates,
    location: 'home',
    note,
    token: `test-${++tokens}-token`,
  });

// ---- the team -------------------------------------------------------------------------------

const org: DemoOrganisation = buildDemoOrganisation();

interface Team {
  manager: string;
  members: DemoEmployee[];
  colleague: DemoEmployee;
  /** Everyone else the manager decides for. */
  others: DemoEmployee[];
}

/**
 * A sector head (not HR, not away) with three people who can ask for a day without any other
 * rule getting in the way (eligible, signed agreement with the employer's equipment and a
 * recent safety notice, no history), and a fourth person of the same team.
 */
function findTeam(lastDate: IsoDate): Team {
  const agreementOf = new Map<string, DemoAgreement>(org.agreements.map((a) => [a.employee, a]));
  const withHistory = new Set(org.requests.map((r) => r.employee));
  const clean = (e: DemoEmployee) => {
    const a = agreementOf.get(e.email);
    return (
      !e.isHead &&
      e.eligibility === 'eleggibile' &&
      e.workingDays === 'lun mar mer gio ven' &&
      !withHistory.has(e.email) &&
      !!a?.signedByEmployee &&
      !!a.signedByManager &&
      a.equipment === "dell'ente" &&
      (a.to === '' || a.to >= lastDate) &&
      !!a.safetyNoticeDate &&
      addDays(a.safetyNoticeDate, 300) > lastDate
    );
  };
  for (const m of org.managers) {
    if (m.admin || m.delegate) continue;
    const team = org.employees.filter((e) => e.manager === m.email);
    const members = team.filter(clean).slice(0, 3);
    const colleague = team.find((e) => !e.isHead && !members.includes(e));
    if (members.length === 3 && colleague)
      return {
        manager: m.email,
        members,
        colleague,
        others: team.filter((e) => !members.includes(e) && e !== colleague),
      };
  }
  throw new Error('Nessuna squadra adatta nella organizzazione dimostrativa.');
}

/** The next working day of `seat` (Monday to Friday) from `from` on. */
function workingDayFrom(from: IsoDate, seat: string): IsoDate {
  const holidays = new HolidayCalendar();
  let d = from;
  while (weekday(d) > 5 || holidays.holidayAt(d, seat)) d = addDays(d, 1);
  return d;
}

// ---- the register, read from the Workspace --------------------------------------------------

interface DayRow {
  id: string;
  date: string;
  status: string;
  note: unknown;
  noteFormula: string;
  /** Messages of the warnings given at submission («Regole», severity «avviso»). */
  warnings: string[];
}

function registerRows(employee: string): DayRow[] {
  const { handle } = playground.backend;
  return handle.asUser(handle.owner, () => {
    const sheet = handle.spreadsheet().getSheetByName('Giornate');
    if (!sheet) throw new Error('Manca il foglio Giornate.');
    const range = sheet.getDataRange();
    const [header, ...rows] = range.getValues();
    const formulas = range.getFormulas();
    const col = (name: string) => header.indexOf(name);
    const out: DayRow[] = [];
    rows.forEach((row, i) => {
      if (row[col('Dipendente')] !== employee) return;
      out.push({
        id: String(row[col('ID')]),
        date: String(cellToDate(row[col('Data')]) ?? row[col('Data')]),
        status: String(row[col('Stato')]),
        note: row[col('Nota')],
        noteFormula: formulas[i + 1][col('Nota')],
        warnings: String(row[col('Regole')])
          .split('\n')
          .map((line) => line.split(' · '))
          .filter((parts) => parts[1] === 'avviso')
          .map((parts) => parts.slice(2).join(' · ')),
      });
    });
    return out;
  });
}

function registerDay(employee: DemoEmployee, date: string): DayRow {
  const rows = registerRows(employee.email).filter((r) => r.date === date);
  if (rows.length !== 1) throw new Error(`${rows.length} giornate di ${employee.email} il ${date}`);
  return rows[0];
}

/** A day's row among the days to decide (its check box, its text). */
function dayRow(page: Page, employee: DemoEmployee, date: string, list = '#pending-list') {
  const checkbox = `input[type=checkbox][data-employee="${employee.email}"][data-date="${date}"]`;
  return {
    box: page.locator(`${list} ${checkbox}`),
    row: page.locator(`${list} .day`).filter({ has: page.locator(checkbox) }),
  };
}

// ---- the story ------------------------------------------------------------------------------

const today = () => toRomeLocal(playground.backend.nowMs()).date;
let team: Team;
let a: DemoEmployee, b: DemoEmployee, c: DemoEmployee;
/** a: today; b: two days this week and one the next; c: one day. */
let dateA: IsoDate, datesB: IsoDate[], dateC: IsoDate;
let saturday: IsoDate;
const HOLIDAY = '2026-12-08' as IsoDate; // Immacolata Concezione

/** Fills in the page's request form and sends it. */
async function fillRequest(page: Page, dates: string[], note: string): Promise<void> {
  await page.getByRole('tab', { name: 'Le mie' }).click();
  for (let i = 0; i < dates.length; i++) {
    if (i > 0) await page.getByRole('button', { name: 'Aggiungi un’altra data' }).click();
    await page.locator('#request-dates input[type=date]').nth(i).fill(dates[i]);
  }
  await page.getByLabel('Luogo', { exact: true }).selectOption({ label: 'Casa' });
  await page.getByLabel('Nota per il responsabile (facoltativa)').fill(note);
  await page.getByRole('button', { name: 'Invia la richiesta' }).click();
}

test('people ask for days from the page and read each date’s outcome at once; a lost answer sent again is recorded once', async () => {
  const now = today();
  team = findTeam(addDays(now, 14));
  [a, b, c] = team.members;
  dateA = workingDayFrom(now, a.seat);
  expect(dateA).toBe(now);
  const first = workingDayFrom(addDays(now, 2), b.seat);
  datesB = [first, workingDayFrom(addDays(first, 2), b.seat), workingDayFrom(addDays(now, 7), b.seat)];
  expect(datesB[1] < addDays(now, 6 - weekday(now) + 1)).toBe(true); // two of b's days in this week
  dateC = workingDayFrom(addDays(first, 1), c.seat);
  saturday = addDays(now, 6 - weekday(now)) as IsoDate;

  // A asks for today (too short a notice: a warning), a Saturday and a holiday (refused).
  const pageA = await openPage(a.email);
  // Who decides for nobody has no «Da approvare»: the page opens on their own days.
  await expect(pageA.getByRole('tab', { name: 'Da approvare' }).count()).resolves.toBe(0);
  await expect(pageA.getByRole('tab', { name: 'Le mie' }).getAttribute('aria-selected')).resolves.toBe(
    'true',
  );
  await fillRequest(pageA, [dateA, saturday, HOLIDAY], 'Consegna del report');
  await expectStatus(pageA, 'Richiesta registrata: 1 giornata in attesa, 2 giornate respinte.', 'error');
  const outcome = pageA.locator('#request-result li');
  await expect(outcome.count()).resolves.toBe(3);
  const [today_, sat, holiday] = await outcome.allInnerTexts();
  expect(today_).toContain(`${formatDayIt(dateA)} in attesa`);
  expect(today_).toMatch(/Preavviso breve: richiesta il giorno stesso/);
  expect(sat).toContain(`${formatDayIt(saturday)} respinta`);
  expect(sat).toContain(`Il sabato non è un tuo giorno lavorativo (${formatDayIt(saturday)}).`);
  expect(holiday).toContain('Giorno festivo: mar 8 dic 2026, Immacolata Concezione.');
  // The feedback is by the form, the focus on the outcome, the form is ready for the next one.
  await expectText(pageA.locator('#request-feedback'), 'Richiesta registrata');
  await expect(pageA.evaluate('document.activeElement.id')).resolves.toBe('request-result-title');
  await expect(pageA.locator('#request-dates input[type=date]').count()).resolves.toBe(1);
  await expect(pageA.locator('#request-dates input[type=date]').inputValue()).resolves.toBe('');
  expect(registerRows(a.email).map((r) => [r.date, r.status])).toEqual([
    [dateA, STATUS_LABELS.pending],
    [saturday, STATUS_LABELS.refused],
    [HOLIDAY, STATUS_LABELS.refused],
  ]);
  await checkWording(pageA);
  await screenshot(pageA, 'request');

  // B's answer is lost on the way back (the register has it): B sends again, nothing doubles.
  const pageB = await openPage(b.email);
  let calls = 0;
  await pageB.route('**/rpc/pageRequest', async (route) => {
    calls++;
    await route.fetch(); // the server records the request...
    await route.abort('connectionreset'); // ...and its answer never arrives
  });
  await fillRequest(pageB, datesB, XSS_NOTE);
  await expectStatus(pageB, /Invio non riuscito: .*non verrà registrata due volte/, 'error');
  expect(registerRows(b.email)).toHaveLength(3);
  await pageB.unroute('**/rpc/pageRequest');
  await pageB.getByRole('button', { name: 'Invia la richiesta' }).click();
  await expectStatus(pageB, 'Questa richiesta era già stata registrata: 3 giornate in attesa.', 'ok');
  expect(calls).toBe(1);
  expect(registerRows(b.email).map((r) => r.status)).toEqual(Array(3).fill(STATUS_LABELS.pending));
  await pageB.close();

  const pageC = await openPage(c.email);
  await fillRequest(pageC, [dateC], FORMULA_NOTE);
  await expectStatus(pageC, 'Richiesta registrata: 1 giornata in attesa.', 'ok');
  await pageC.close();

  // The register keeps the notes as text: the value is what was typed, never a formula.
  for (const [who, date, note] of [
    [b, datesB[0], XSS_NOTE],
    [c, dateC, FORMULA_NOTE],
  ] as const) {
    const row = registerDay(who, date);
    expect([row.note, row.noteFormula]).toEqual([note, '']);
  }
});

test('a colleague has nothing to decide and reads nobody’s notes', async () => {
  const page = await openPage(team.colleague.email);
  await expect(page.getByRole('tab', { name: 'Da approvare' }).count()).resolves.toBe(0);
  await expect(page.locator('input[data-key]').count()).resolves.toBe(0);
  await expect(page.locator('#decide').isHidden()).resolves.toBe(true);
  const text = (await page.evaluate(ALL_TEXT)) as string;
  for (const note of [XSS_NOTE, FORMULA_NOTE, 'Consegna del report']) expect(text).not.toContain(note);
  await checkWording(page);
  await screenshot(page, 'colleague');
  await page.close();
});

test('the manager selects, approves and rejects: feedback in view, saving once, selection kept, repeats reported as done', async () => {
  // The rest of the team asks for next Wednesday: more than half of the team away that day.
  const wednesday = workingDayFrom(addDays(today(), 9), a.seat);
  await overTheShare(wednesday);

  const page = await openPage(team.manager);
  // A second window opened now: it will not see what the first one does.
  const stale = await openPage(team.manager);

  // The three people's days, each with its own warnings, the notes as plain text.
  const days: [DemoEmployee, IsoDate][] = [
    [a, dateA],
    ...datesB.map((d) => [b, d] as [DemoEmployee, IsoDate]),
    [c, dateC],
  ];
  for (const [who, date] of days) {
    const { box, row } = dayRow(page, who, date);
    await expect(box.count()).resolves.toBe(1);
    await expect(row.locator('.warn-text').allTextContents()).resolves.toEqual(
      registerDay(who, date).warnings,
    );
  }
  expect((await dayRow(page, a, dateA).row.locator('.warn-text').count()) > 0).toBe(true);
  await expect(dayRow(page, b, datesB[0]).row.locator('.note-text').textContent()).resolves.toBe(XSS_NOTE);
  await expect(dayRow(page, c, dateC).row.locator('.note-text').textContent()).resolves.toBe(FORMULA_NOTE);
  await expect(page.locator('img').count()).resolves.toBe(0);
  // Weeks with their dates and year, as the read model writes them.
  const weeks = await page.locator('#pending-list .week').allInnerTexts();
  expect(weeks.length).toBeGreaterThan(0);
  for (const w of weeks) expect(w).toMatch(/^Settimana \d{1,2}\D.* \d{4}$/);
  // Each check box is named by the person, the date and the place.
  await expect(
    page.getByRole('checkbox', { name: `${c.name}, ${formatDayIt(dateC)} — casa` }).count(),
  ).resolves.toBe(1);
  await checkWording(page);
  await screenshot(page, 'manager');

  // Select all, by person, by week, with a live count.
  const summary = await page.locator('#pending-summary').innerText();
  const total = Number(/^(\d+) giornate in attesa/.exec(summary)?.[1]);
  await page.getByLabel(/^Seleziona tutte le giornate/).check();
  await expect(count(page).textContent()).resolves.toBe(`${total} giornate selezionate`);
  await page.getByLabel(/^Seleziona tutte le giornate/).uncheck();
  await expect(count(page).textContent()).resolves.toBe('Nessuna giornata selezionata');
  await page.getByLabel(`Tutte le giornate di ${b.name} (3)`).check();
  await expect(count(page).textContent()).resolves.toBe('3 giornate selezionate');
  const weekBox = page.getByRole('checkbox', {
    name: new RegExp(`^Seleziona la settimana .* di ${b.name}$`),
  });
  await expect(weekBox.count()).resolves.toBe(1);
  await weekBox.uncheck();
  await expect(count(page).textContent()).resolves.toBe('1 giornata selezionata');
  await expect(
    page
      .getByLabel(`Tutte le giornate di ${b.name} (3)`)
      .evaluate((e) => (e as unknown as { indeterminate: boolean }).indeterminate),
  ).resolves.toBe(true);
  await dayRow(page, b, datesB[2]).box.uncheck();
  await expect(count(page).textContent()).resolves.toBe('Nessuna giornata selezionata');

  // Rejecting without a reason: said by the buttons, in view wherever the list is scrolled;
  // the focus goes to the field; nothing is sent.
  const decideCalls: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/rpc/pageDecide')) decideCalls.push(r.postData() ?? '');
  });
  await dayRow(page, c, dateC).box.check();
  await page.getByRole('button', { name: 'Rifiuta selezionate' }).click();
  await expectStatus(page, 'Per rifiutare scrivi una motivazione.', 'error');
  await expect(page.evaluate('document.activeElement.id')).resolves.toBe('reason');
  for (const y of ['0', 'document.body.scrollHeight']) {
    await page.evaluate(`window.scrollTo(0, ${y})`);
    expect(await inView(status(page))).toBe(true);
    expect(await inView(page.getByRole('button', { name: 'Rifiuta selezionate' }))).toBe(true);
  }
  expect(await page.evaluate('document.documentElement.scrollHeight > innerHeight')).toBe(true);
  await screenshot(page, 'reject-without-reason', false);
  expect(decideCalls).toEqual([]);
  await dayRow(page, c, dateC).box.uncheck();

  // Approve A's day on a slow server, pressing Enter twice: the buttons wait, one request goes,
  // and the box ticked meanwhile stays ticked after the refresh.
  await page.route('**/rpc/pageDecide', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  await dayRow(page, a, dateA).box.check();
  const approve = page.getByRole('button', { name: 'Approva selezionate' });
  await approve.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(approve.isDisabled()).resolves.toBe(true);
  await expect(page.getByRole('button', { name: 'Rifiuta selezionate' }).isDisabled()).resolves.toBe(true);
  await expectStatus(page, /^Salvataggio di 1 giornata in corso/, 'info');
  await dayRow(page, c, dateC).box.check();
  await expectStatus(page, '1 giornata approvata.', 'ok');
  await ready(page);
  expect(decideCalls).toHaveLength(1);
  await expect(approve.isDisabled()).resolves.toBe(false);
  await expect(dayRow(page, a, dateA).box.count()).resolves.toBe(0);
  await expect(dayRow(page, c, dateC).box.isChecked()).resolves.toBe(true);
  await expect(count(page).textContent()).resolves.toBe('1 giornata selezionata');
  expect(registerDay(a, dateA).status).toBe(STATUS_LABELS.approved);
  await screenshot(page, 'after-approval', false);
  await page.unroute('**/rpc/pageDecide');

  // The second window still shows A's day: approving it again is reported as already done.
  await dayRow(stale, a, dateA).box.check();
  await stale.getByRole('button', { name: 'Approva selezionate' }).click();
  await expectStatus(stale, '1 giornata era già approvata: nessun cambiamento.', 'ok');
  await ready(stale);
  await expect(dayRow(stale, a, dateA).box.count()).resolves.toBe(0);
  await screenshot(stale, 'already-approved', false);
  await stale.close();

  // Reject C's day (still ticked) with a reason.
  await page.getByLabel('Motivazione del rifiuto (obbligatoria)').fill(REASON);
  await page.getByRole('button', { name: 'Rifiuta selezionate' }).click();
  await expectStatus(page, '1 giornata rifiutata.', 'ok');
  await ready(page);
  expect(registerDay(c, dateC).status).toBe(STATUS_LABELS.rejected);
  await expect(page.getByLabel('Motivazione del rifiuto (obbligatoria)').inputValue()).resolves.toBe('');
  await expect(count(page).textContent()).resolves.toBe('Nessuna giornata selezionata');
  expect(decideCalls).toHaveLength(2);
  await page.close();
});

/** People of the team ask for `date` until more than the share of the team is away that day. */
async function overTheShare(date: IsoDate): Promise<void> {
  const teamDay = async () => {
    const o = await rpc<Overview>(team.manager, 'pageOverview', { teamRange: 'month', teamDate: date });
    return o.team.teams[0].days.find((d) => d.date === date) as TeamDay;
  };
  const people = [team.colleague, ...team.others];
  for (let day = await teamDay(); !day.over; day = await teamDay()) {
    // Some may be refused by the rules: ask the ones missing, then count again.
    const ask = people.splice(0, day.limit + 1 - day.count);
    if (!ask.length) throw new Error(`La squadra non supera la quota il ${date}.`);
    for (const person of ask) await requestAs(person.email, [date]);
  }
}

test('the team’s month: people × days, each day’s headcount against the share, months to move through', async () => {
  const page = await openPage(team.manager);
  await page.getByRole('tab', { name: 'Squadra' }).click();
  const o = await rpc<Overview>(team.manager, 'pageOverview', { teamRange: 'month' });
  const block = o.team.teams[0];
  expect(o.team.teams).toHaveLength(1);
  await expectText(page.locator('#team-list h2'), 'Novembre 2026');
  const grid = page.locator('#team-list table.grid');
  // One row per person, then the headcount; one column per day of the month.
  await expect(grid.locator('tbody tr').count()).resolves.toBe(block.people.length);
  await expect(grid.locator('thead th').count()).resolves.toBe(1 + 30);
  // A's approved day at home today, B's days in waiting.
  const rowOf = (who: DemoEmployee) =>
    grid.locator('tbody tr').filter({ has: page.locator('th', { hasText: who.name }) });
  const column = (date: string) => Number(date.slice(8)); // 1 + index of the day
  const mark = (who: DemoEmployee, date: string) =>
    rowOf(who)
      .locator('td')
      .nth(column(date) - 1)
      .locator('[aria-hidden=true]')
      .textContent();
  await expect(mark(a, dateA)).resolves.toBe('●');
  await expect(
    rowOf(a)
      .locator('td')
      .nth(column(dateA) - 1)
      .locator('.sr-only')
      .textContent(),
  ).resolves.toBe('approvata, casa');
  await expect(mark(b, datesB[0])).resolves.toBe('○');
  // The headcount of every day, as the read model counts it, marked when over the share.
  const totals = await grid.locator('tfoot td [aria-hidden=true]').allTextContents();
  expect(totals).toEqual(
    block.days.map((d) => (d.working || d.count ? `${d.count}${d.over ? '!' : ''}` : '–')),
  );
  const over = block.days.filter((d) => d.over && d.working);
  expect(over.length).toBeGreaterThan(0);
  await expect(grid.locator('tfoot td.over').count()).resolves.toBe(over.length);
  await expectText(
    page.locator('#team-list'),
    `Oltre il limite: ${over.map((d) => `${d.label} (${d.count} su ${d.limit})`).join(', ')}.`,
  );
  const limit = block.days[0].limit;
  await expectText(
    page.locator('#team-list'),
    `al massimo ${limit} ${limit === 1 ? 'persona' : 'persone'} al giorno in lavoro agile (50 %)`,
  );
  await checkWording(page);
  await screenshot(page, 'team');
  // The grid scrolls inside its box (reached with the keyboard to do so), from today's column.
  await expect(page.locator('.grid-wrap').getAttribute('tabindex')).resolves.toBe('0');
  const [wrapBox, todayBox] = [
    await page.locator('.grid-wrap').boundingBox(),
    await grid.locator('thead th.today').boundingBox(),
  ];
  expect(
    todayBox &&
      wrapBox &&
      todayBox.x >= wrapBox.x &&
      todayBox.x + todayBox.width <= wrapBox.x + wrapBox.width,
  ).toBe(true);

  await page.getByRole('button', { name: 'Mese precedente: ottobre 2026' }).click();
  await ready(page);
  await expectText(page.locator('#team-list h2'), 'Ottobre 2026');
  await expect(grid.locator('thead th').count()).resolves.toBe(1 + 31);
  await expect(
    page.getByRole('button', { name: 'Mese successivo: novembre 2026' }).innerText(),
  ).resolves.toBe('novembre 2026 ›');
  await page.close();

  // The whole width of a browser window.
  const wide = await openPage(team.manager, WIDE);
  await wide.getByRole('tab', { name: 'Squadra' }).click();
  await screenshot(wide, 'team-wide');
  await wide.close();
});

test('HR finds days by person or sector, a page at a time', async () => {
  const hr = org.managers.find((m) => m.admin && m.email !== HR_ACCOUNT)?.email as string;
  // Enough people waiting for two pages: others of the organisation ask for a day.
  const monday = workingDayFrom(addDays(today(), 14), 'Carpi');
  const people = org.employees.filter((e) => e.manager !== team.manager && !e.isHead);
  for (let o = await rpc<Overview>(hr, 'pageOverview', {}); o.pending.people <= 12;) {
    // Some may be refused by the rules: ask the ones missing, then count again.
    for (const person of people.splice(0, 13 - o.pending.people)) await requestAs(person.email, [monday]);
    o = await rpc<Overview>(hr, 'pageOverview', {});
  }
  const page = await openPage(hr, WIDE);
  const o = await rpc<Overview>(hr, 'pageOverview', {});
  expect(o.pending.pages).toBe(2);
  const summary = page.locator('#pending-summary');
  await expect(summary.innerText()).resolves.toBe(
    `${o.pending.days} giornate in attesa di ${o.pending.people} persone · pagina 1 di 2.`,
  );
  await expect(page.locator('#pending-list h3').count()).resolves.toBe(10);
  await page.getByRole('button', { name: 'Pagina successiva ›' }).click();
  await ready(page);
  await expect(summary.innerText()).resolves.toMatch(/pagina 2 di 2\.$/);
  await expect(page.locator('#pending-list h3').count()).resolves.toBe(o.pending.people - 10);
  await expect(page.getByRole('button', { name: '‹ Pagina precedente' }).isDisabled()).resolves.toBe(false);
  await expect(page.getByRole('button', { name: 'Pagina successiva ›' }).isDisabled()).resolves.toBe(true);
  await screenshot(page, 'hr-page-2');

  // By person: B's days only.
  await page.getByLabel('Persona', { exact: true }).selectOption({ label: b.name });
  await ready(page);
  await expect(page.locator('#pending-list h3').allInnerTexts()).resolves.toEqual([b.name]);
  await expect(summary.innerText()).resolves.toBe(
    '3 giornate in attesa di 1 persona (con il filtro scelto).',
  );
  await screenshot(page, 'hr-person');
  // By sector: everyone waiting in B's sector, nobody else.
  await page.getByLabel('Persona', { exact: true }).selectOption({ label: 'Tutte le persone' });
  await ready(page);
  await page.getByLabel('Settore', { exact: true }).selectOption({ label: b.sector });
  await ready(page);
  const sectors = await page.locator('#pending-list .group > p.muted').allInnerTexts();
  expect(sectors.length).toBeGreaterThan(0);
  for (const s of sectors) expect(s.startsWith(`${b.sector} — `)).toBe(true);
  await checkWording(page);
  await screenshot(page, 'hr-sector');
  await page.close();
});

test('a mail’s link opens its days, with the same actions; days not one’s own to see are only counted', async () => {
  const ids = [
    ...datesB.map((d) => registerDay(b, d).id),
    registerDay(a, dateA).id,
    'giornata-che-non-esiste',
  ];
  const search = `?giorni=${encodeURIComponent(ids.join(' '))}`;
  const page = await openPage(team.manager, NARROW, search);
  const section = page.locator('#mail-days');
  await expect(page.evaluate('document.activeElement.id')).resolves.toBe('mail-title');
  await expectText(section, '4 giornate, 3 da decidere.');
  await expectText(
    section,
    'Una giornata della mail non è più nel registro o non è tra quelle che puoi vedere.',
  );
  for (const d of datesB) await expect(dayRow(page, b, d, '#mail-list').box.count()).resolves.toBe(1);
  await expect(
    dayRow(page, b, datesB[0], '#mail-list').row.locator('.note-text').textContent(),
  ).resolves.toBe(XSS_NOTE);
  // A's day is approved already: nothing to decide, but it can be cancelled.
  const aRow = section.locator('.day').filter({ hasText: `${a.name}, ${formatDayIt(dateA)}` });
  await expect(aRow.locator('.badge').innerText()).resolves.toBe('approvata');
  await expect(
    aRow.getByRole('button', { name: `Annulla la giornata di ${a.name} di ${formatDayIt(dateA)}` }).count(),
  ).resolves.toBe(1);
  await checkWording(page);
  await screenshot(page, 'mail');

  await page.getByLabel('Seleziona tutte le giornate della mail da decidere').check();
  await expect(count(page).textContent()).resolves.toBe('3 giornate selezionate');
  await page.getByRole('button', { name: 'Approva selezionate' }).click();
  await expectStatus(page, '3 giornate approvate.', 'ok');
  await ready(page);
  for (const d of datesB) {
    const row = section.locator('.day').filter({ hasText: `${b.name}, ${formatDayIt(d)}` });
    await expect(row.locator('.badge').innerText()).resolves.toBe('approvata');
    await expect(row.locator('.feedback').innerText()).resolves.toBe('Approvata ora.');
    expect(registerDay(b, d).status).toBe(STATUS_LABELS.approved);
  }
  await screenshot(page, 'mail-after');
  await page.close();

  // The colleague opening the same link sees none of them.
  const colleague = await openPage(team.colleague.email, NARROW, search);
  await expectText(colleague.locator('#mail-days'), 'Nessuna giornata.');
  await expectText(colleague.locator('#mail-days'), '5 giornate della mail non sono più nel registro');
  await colleague.close();
});

test('one’s own month: statuses explained, reasons, what is left; cancelling asks first', async () => {
  const page = await openPage(a.email);
  const own = page.locator('#panel-own');
  await expectText(own, 'Settimana 16–22 novembre 2026: 1 giornata usata su 2, ne resta 1.');
  await expectText(own, /^Novembre 2026: 1 giornata usata su 8, ne restano 7 \(\d+ giorni lavorativi\)\.$/);
  const rowOf = (date: string) => own.locator('.own-day').filter({ hasText: formatDayIt(date as IsoDate) });
  await expect(rowOf(saturday).locator('.badge').innerText()).resolves.toBe('respinta');
  await expectText(
    rowOf(saturday),
    'Respinta subito dalle regole (limiti, accordo, festività…); non conta nei limiti.',
  );
  await expectText(
    rowOf(saturday),
    `Motivo: Il sabato non è un tuo giorno lavorativo (${formatDayIt(saturday)}).`,
  );
  await expect(rowOf(dateA).locator('.badge').innerText()).resolves.toBe('approvata');
  await expectText(rowOf(dateA), 'Nota: Consegna del report');

  // Next month: the holiday, refused, with its reason.
  await page.getByRole('button', { name: 'Mese successivo: dicembre 2026' }).click();
  await ready(page);
  await expectText(own, 'Le tue giornate: dicembre 2026');
  await expectText(rowOf(HOLIDAY), 'Motivo: Giorno festivo: mar 8 dic 2026, Immacolata Concezione.');
  await page.getByRole('button', { name: 'Mese precedente: novembre 2026' }).click();
  await ready(page);

  // C reads why their day was rejected.
  const pageC = await openPage(c.email);
  const rejected = pageC.locator('#panel-own .own-day').filter({ hasText: formatDayIt(dateC) });
  await expect(rejected.locator('.badge').innerText()).resolves.toBe('rifiutata');
  await expectText(rejected, 'Rifiutata dal responsabile con una motivazione; non conta nei limiti.');
  await expectText(rejected, `Motivazione del responsabile: ${REASON}`);
  await expect(rejected.locator('.note-text').textContent()).resolves.toBe(FORMULA_NOTE);
  await checkWording(pageC);
  await screenshot(pageC, 'own-rejected');
  await pageC.close();

  // Cancelling asks first; «No» keeps the day and gives the focus back.
  const cancelA = page.getByRole('button', { name: `Annulla la giornata di ${formatDayIt(dateA)}` });
  await cancelA.click();
  await expectText(rowOf(dateA), `Annullare la giornata di ${formatDayIt(dateA)}?`);
  await expect(page.evaluate('document.activeElement.textContent')).resolves.toBe('Sì, annulla la giornata');
  await screenshot(page, 'own-confirm');
  await page.getByRole('button', { name: 'No, tienila' }).click();
  await expect(page.evaluate('document.activeElement.getAttribute("aria-label")')).resolves.toBe(
    `Annulla la giornata di ${formatDayIt(dateA)}`,
  );
  expect(registerDay(a, dateA).status).toBe(STATUS_LABELS.approved);
  await cancelA.click();
  await page.getByRole('button', { name: 'Sì, annulla la giornata' }).click();
  await expectStatus(page, `Giornata di ${formatDayIt(dateA)} annullata.`, 'ok');
  await ready(page);
  await expect(rowOf(dateA).locator('.badge').innerText()).resolves.toBe('annullata');
  await expect(rowOf(dateA).locator('.feedback').innerText()).resolves.toBe('Annullata ora.');
  expect(registerDay(a, dateA).status).toBe(STATUS_LABELS.cancelled);
  await expectText(own, 'Settimana 16–22 novembre 2026: 0 giornate usate su 2, ne restano 2.');
  // The own calendar is the add-on's: the page (running as the owner) says where to find it.
  await expectText(own, 'apri Agorà dal pannello laterale');
  await checkWording(page);
  await screenshot(page, 'own');
  await page.close();
});

test('keyboard: tabs with arrow keys, focus into the panel, visible focus, boxes with the space bar; both widths usable', async () => {
  const page = await openPage(team.manager);
  const focused = () => page.evaluate('document.activeElement.id');
  const selected = () =>
    page.evaluate(`[...document.querySelectorAll('[role=tab]')]
      .filter((t) => t.getAttribute('aria-selected') === 'true').map((t) => t.id)`);
  const visiblePanels = () =>
    page.evaluate(
      `[...document.querySelectorAll('[role=tabpanel]')].filter((p) => !p.hidden).map((p) => p.id)`,
    );
  const outline = () => page.evaluate('getComputedStyle(document.activeElement).outlineStyle');

  // Tab from the top of the page reaches the selected tab first, and only that one.
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('tab-pending');
  expect(await outline()).toBe('solid');
  await page.keyboard.press('ArrowRight');
  expect([await focused(), await selected(), await visiblePanels()]).toEqual([
    'tab-team',
    ['tab-team'],
    ['panel-team'],
  ]);
  await page.keyboard.press('ArrowRight');
  expect(await selected()).toEqual(['tab-own']);
  await page.keyboard.press('ArrowRight');
  expect(await selected()).toEqual(['tab-pending']);
  await page.keyboard.press('ArrowLeft');
  expect([await focused(), await visiblePanels()]).toEqual(['tab-own', ['panel-own']]);
  await page.keyboard.press('Home');
  expect(await selected()).toEqual(['tab-pending']);
  await page.keyboard.press('End');
  expect(await selected()).toEqual(['tab-own']);
  // From the chosen tab, Tab goes into its panel, not to the other tabs.
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('panel-own');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('panel-team');
  await page.keyboard.press('Tab');
  await expect(page.evaluate('document.activeElement.textContent')).resolves.toBe('‹ ottobre 2026');
  expect(await outline()).toBe('solid');

  // Days to decide: Tab reaches the boxes, the space bar ticks one, the count follows.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowLeft');
  expect(await selected()).toEqual(['tab-pending']);
  for (let i = 0; i < 10 && (await page.evaluate('document.activeElement.dataset.key')) === undefined; i++)
    await page.keyboard.press('Tab');
  expect(await page.evaluate('document.activeElement.type')).toBe('checkbox');
  expect(await outline()).toBe('solid');
  await page.keyboard.press('Space');
  await expect(count(page).textContent()).resolves.toBe('1 giornata selezionata');
  await screenshot(page, 'keyboard', false);
  expect(await page.evaluate(UNLABELLED)).toEqual([]);

  // Every panel, 300 px wide and full width: nothing sticks out sideways.
  for (const width of [NARROW, WIDE]) {
    await page.setViewportSize({ width, height: HEIGHT });
    for (const tab of ['Da approvare', 'Squadra', 'Le mie']) {
      await page.getByRole('tab', { name: tab }).click();
      expect([width, tab, await page.evaluate('document.documentElement.scrollWidth')]).toEqual([
        width,
        tab,
        width,
      ]);
    }
  }
  await screenshot(page, 'own-wide');
  await page.close();
});
