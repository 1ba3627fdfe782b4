// The add-on's cards used as people use them, in a real browser: headless Chromium (Debian's
// `chromium`, never downloaded) driven by playwright-core, on the playground serving the built
// bundle, in its Gmail, Sheets and own-calendar pages. One story, test after test on the same
// playground: an employee turns on "luogo di lavoro" in the panel; two people of a team send the
// Form; at the next full hour their manager gets the digest, opens it in Gmail and, from the side
// panel only, approves three days and rejects one with a reason (the register agrees); the
// employee's own calendar then shows the approved days as working location; another employee asks
// for three days of one week from the card and reads each date's outcome; the manager approves
// from the digest with the keyboard only (and reduced motion: the notification still shows).
// Day boxes are found by their names, person and day, as a screen reader says them. Notes with
// markup or a formula stay plain text. Data is arranged only by sending the Form (what the Modulo
// page posts) and with the clock control of the pages' header; everything proven is done in the
// panel. Nothing leaves the machine. Screenshots: test-artifacts/addon-cards-*.png.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { addDays, formatDateIt, formatDayIt, weekday, type IsoDate } from '../../src/domain/dates';
import { HolidayCalendar } from '../../src/domain/holidays';
import { STATUS_LABELS } from '../../src/domain/labels';
import { toRomeLocal } from '../../src/domain/rome-time';
import { buildDemoOrganisation, type DemoAgreement, type DemoEmployee } from '../../dev/playground/demo-org';
import { startPlayground, USER_COOKIE, type Playground } from '../../dev/playground/server';
import { bundlePath } from '../helpers/bundle';

const root = join(__dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(root, 'test-artifacts');

const XSS_NOTE = '<img src=x onerror=alert(1)>';
const FORMULA_NOTE = '=HYPERLINK("http://x","y")';
const REASON = 'Sportello aperto al pubblico quel giorno: serve la presenza.';

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
  dir = mkdtempSync(join(tmpdir(), 'agora-addon-cards-'));
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
      '--lang=it-IT',
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

// ---- the team -------------------------------------------------------------------------------

const org = buildDemoOrganisation();

/**
 * A sector head (not HR, not a delegate) with three people who can ask for a day without any
 * other rule getting in the way (eligible, Monday to Friday, signed agreement with the
 * employer's equipment and a recent safety notice, no history), the first of them not yet
 * showing their days in their own calendar.
 */
function findTeam(lastDate: IsoDate): { manager: string; members: DemoEmployee[] } {
  const agreementOf = new Map<string, DemoAgreement>(org.agreements.map((x) => [x.employee, x]));
  const withHistory = new Set(org.requests.map((r) => r.employee));
  const clean = (e: DemoEmployee) => {
    const x = agreementOf.get(e.email);
    return (
      !e.isHead &&
      e.eligibility === 'eleggibile' &&
      e.workingDays === 'lun mar mer gio ven' &&
      !withHistory.has(e.email) &&
      !!x?.signedByEmployee &&
      !!x.signedByManager &&
      x.equipment === "dell'ente" &&
      (x.to === '' || x.to >= lastDate) &&
      !!x.safetyNoticeDate &&
      addDays(x.safetyNoticeDate, 300) > lastDate
    );
  };
  for (const m of org.managers) {
    if (m.admin || m.delegate) continue;
    const members = org.employees
      .filter((e) => e.manager === m.email && clean(e))
      .sort((x, y) => Number(x.workingLocationOptIn) - Number(y.workingLocationOptIn))
      .slice(0, 3);
    if (members.length === 3 && !members[0].workingLocationOptIn) return { manager: m.email, members };
  }
  throw new Error('Nessuna squadra adatta nella organizzazione dimostrativa.');
}

const holidays = new HolidayCalendar();
/** The next working day of `seat` (Monday to Friday, no holiday) from `from` on. */
function workingDayFrom(from: IsoDate, seat: string): IsoDate {
  let d = from;
  while (weekday(d) > 5 || holidays.holidayAt(d, seat)) d = addDays(d, 1);
  return d;
}

// The DOM as far as the functions run inside the page use it (the Node tsconfig has no DOM).
interface DomElement {
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  matches(selector: string): boolean;
  closest(selector: string): DomElement | null;
}
declare const document: { activeElement: DomElement | null };
declare function getComputedStyle(el: DomElement): {
  outlineStyle: string;
  outlineWidth: string;
  opacity: string;
  visibility: string;
};

// ---- pages ----------------------------------------------------------------------------------

async function pageAs(
  email: string,
  reducedMotion: 'reduce' | 'no-preference' = 'no-preference',
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
    reducedMotion,
  });
  contexts.push(context);
  // Offline, as the tests are: only the playground answers.
  await context.route('**/*', (route) =>
    route.request().url().startsWith(playground.url) ? route.continue() : route.abort(),
  );
  await context.addCookies([{ name: USER_COOKIE, value: encodeURIComponent(email), url: playground.url }]);
  const page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return page;
}

const panelOf = (page: Page) => page.locator('.addon-panel');
/** What the panel's cards say (the scrolling area and the fixed footer), as people read it. */
const panelText = async (page: Page) =>
  ((await panelOf(page).locator('.addon-slot').innerText()) ?? '').replace(/\u00a0/g, ' ');

/** Opens a host page and waits for its panel's card. */
async function openHost(page: Page, path: string): Promise<void> {
  await page.goto(`${playground.url}${path}`);
  await panelOf(page).locator('.card-title').first().waitFor();
  expect(await panelOf(page).locator('.error-card').count()).toBe(0);
}

/** Does something in the panel, then waits until the panel has drawn the answer. */
async function inPanel(page: Page, step: () => Promise<void>): Promise<void> {
  await step();
  await page.locator('.addon-panel:not([aria-busy])').waitFor();
  expect(await panelOf(page).locator('.error-card').count()).toBe(0);
}

/** The panel's notification says `text`, and can be read: shown in full (its fade-in over). */
async function expectToast(page: Page, text: string): Promise<void> {
  const toast = panelOf(page).locator('.addon-toast .toast-box');
  await toast.waitFor({ timeout: 10_000 });
  expect(await toast.locator('span').textContent()).toBe(text);
  const shown = () =>
    toast.evaluate((e) => {
      const style = getComputedStyle(e as unknown as DomElement);
      return style.visibility === 'visible' && style.opacity === '1';
    });
  for (let i = 0; i < 20 && !(await shown()); i++) await page.waitForTimeout(50);
  expect(await shown()).toBe(true);
}

/** A day's check box in a list of days to decide, by what it ticks. */
const dayBox = (page: Page, employee: string, date: IsoDate): Locator =>
  panelOf(page).locator(`input[type=checkbox][value="${employee}|${date}"]`);

/** The same box as people find it: by its name, the person and the day («Anna Rossi — lun 23 nov 2026, …»). */
const namedBox = (page: Page, who: DemoEmployee, date: IsoDate): Locator =>
  panelOf(page).getByRole('checkbox', { name: `${who.name} — ${formatDayIt(date)},` });

/** The decoratedText row whose top label is `label`: its text, as people read it. */
async function rowText(page: Page, label: string): Promise<string> {
  const row = panelOf(page)
    .locator('.decorated')
    .filter({ has: page.locator('.dt-top', { hasText: label }) });
  expect(await row.count()).toBe(1);
  return ((await row.innerText()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Ticks a day's box as a person clicks it: the card comes back with it ticked. */
async function tick(page: Page, who: DemoEmployee, date: IsoDate): Promise<void> {
  const box = namedBox(page, who, date);
  expect(await box.getAttribute('value')).toBe(`${who.email}|${date}`);
  await inPanel(page, () => box.click());
  expect(await dayBox(page, who.email, date).isChecked()).toBe(true);
}

/** The playground's clock control, in the page's header: "+1 h". */
async function oneHourLater(page: Page): Promise<string> {
  await page.locator('form.clock button[name=passo][value=ora]').click();
  await page.waitForLoadState();
  return ((await page.locator('form.clock strong').textContent()) ?? '').trim();
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `addon-cards-${name}.png`) });
}

/** What people must never read in a card: ids, English codes, ISO dates, emails, wrong plurals. */
function wordingProblems(text: string): string[] {
  const patterns: RegExp[] = [
    /\b\d{4}-\d{2}-\d{2}\b/,
    /\b(pending|approved|rejected|refused|cancelled|home|approve|reject)\b/,
    /\b1 (giornate|persone|respinte|rifiutate|approvate|selezionate)\b/,
    /@/,
    /\b(undefined|null|NaN)\b|\[object/,
  ];
  return text.split('\n').flatMap((line) => patterns.filter((p) => p.test(line)).map((p) => `${p}: ${line}`));
}

// ---- the register -----------------------------------------------------------------------------

interface DayRow {
  date: string;
  status: string;
  reason: string;
  note: string;
}

/** The rows of «Giornate» for `employee` on `dates`, as the Registro page shows them. */
function registerDays(employee: string, dates: IsoDate[]): DayRow[] {
  const sheet = playground.backend.sheets().find((s) => s.name === 'Giornate');
  if (!sheet) throw new Error('Manca il foglio Giornate.');
  const [header, ...rows] = sheet.rows;
  const col = (name: string) => header.indexOf(name);
  const iso = (shown: string) => {
    const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(shown.trim());
    return m ? `${m[3]}-${m[2]}-${m[1]}` : shown.trim().slice(0, 10);
  };
  return rows
    .filter((r) => r[col('Dipendente')] === employee && dates.includes(iso(r[col('Data')]) as IsoDate))
    .map((r) => ({
      date: iso(r[col('Data')]),
      status: r[col('Stato')],
      reason: r[col('Motivazione')],
      note: r[col('Nota')],
    }))
    .sort((x, y) => (x.date < y.date ? -1 : 1));
}

/** Sends the Form as `user` (what the Modulo page posts): dates, "Casa", a note. */
function sendForm(user: string, dates: IsoDate[], note: string): void {
  const form = playground.backend.form();
  if (!form) throw new Error('Il modulo non esiste.');
  const answers = new Map<string, string[]>();
  const dateItems = form.items.filter((i) => i.type === 'DATE');
  dates.forEach((d, i) => answers.set(dateItems[i].field, [d]));
  const place = form.items.find((i) => i.type === 'LIST');
  if (place) answers.set(place.field, ['Casa']);
  const text = form.items.find((i) => i.type === 'PARAGRAPH_TEXT');
  if (text) answers.set(text.field, [note]);
  playground.backend.submitForm(user, (name) => answers.get(name) ?? []);
}

// ---- the story ------------------------------------------------------------------------------

const today = () => toRomeLocal(playground.backend.nowMs()).date;
let manager = '';
let a: DemoEmployee, b: DemoEmployee, c: DemoEmployee;
/** a: two days next week; b: two others; c: three days of the week after (from the card). */
let datesA: IsoDate[], datesB: IsoDate[], datesC: IsoDate[];
let managerPage: Page;

test('an employee turns on «luogo di lavoro» in the panel: the switch says what it does and stays on', async () => {
  const now = today();
  const nextMonday = addDays(now, 8 - weekday(now));
  ({
    manager,
    members: [a, b, c],
  } = findTeam(addDays(nextMonday, 13)));
  datesA = [workingDayFrom(nextMonday, a.seat), workingDayFrom(addDays(nextMonday, 2), a.seat)];
  datesB = [workingDayFrom(addDays(nextMonday, 1), b.seat), workingDayFrom(addDays(nextMonday, 3), b.seat)];
  datesC = [0, 1, 2].map((i) => addDays(nextMonday, 7 + i));
  for (const d of datesC) expect(workingDayFrom(d, c.seat)).toBe(d);
  for (const d of [...datesA, ...datesB]) expect(d < addDays(nextMonday, 5)).toBe(true);

  const page = await pageAs(a.email);
  await openHost(page, '/fogli');
  const optIn = panelOf(page).getByRole('switch', {
    name: 'Mostra le mie giornate come luogo di lavoro nel mio calendario',
  });
  expect(await optIn.isChecked()).toBe(false);
  await inPanel(page, () => optIn.click());
  await expectToast(
    page,
    'Le tue giornate approvate compaiono nel tuo calendario come luogo di lavoro, e restano aggiornate.',
  );
  await screenshot(page, 'opt-in');
  // Opened again (the homepage runs anew): the preference was stored.
  await openHost(page, '/fogli?apri=1');
  expect(await optIn.isChecked()).toBe(true);
  await page.close();
});

test('the digest comes at the next full hour; in Gmail its card shows the four days, notes as plain text', async () => {
  sendForm(a.email, datesA, XSS_NOTE);
  sendForm(b.email, datesB, FORMULA_NOTE);
  expect(registerDays(a.email, datesA).map((d) => d.status)).toEqual(Array(2).fill(STATUS_LABELS.pending));
  expect(registerDays(b.email, datesB).map((d) => d.status)).toEqual(Array(2).fill(STATUS_LABELS.pending));

  managerPage = await pageAs(manager);
  const page = managerPage;
  await openHost(page, '/gmail');
  const subject = 'Da approvare: 4 giornate di lavoro agile di 2 persone';
  expect(await page.locator('.mail-row', { hasText: subject }).count()).toBe(0);
  expect(await oneHourLater(page)).toMatch(/, 10:00$/);
  const digest = page.locator('.mail-row', { hasText: subject });
  expect(await digest.count()).toBe(1);
  await digest.click();
  await page.locator('.mail-view').waitFor();
  await panelOf(page).locator('.card-title').first().waitFor();
  expect(await panelOf(page).locator('.card-title').first().textContent()).toBe('Da approvare');
  for (const d of datesA) expect(await dayBox(page, a.email, d).isChecked()).toBe(false);
  for (const d of datesB) expect(await dayBox(page, b.email, d).isChecked()).toBe(false);

  // Each day with its person and date; the notes as they were typed, never markup.
  const xss = await rowText(page, `${a.name} — ${formatDayIt(datesA[0])}`);
  expect(xss).toContain(`Nota: ${XSS_NOTE}`);
  const formula = await rowText(page, `${b.name} — ${formatDayIt(datesB[0])}`);
  expect(formula).toContain(`Nota: ${FORMULA_NOTE}`);
  // The box's name, what a screen reader says, has the note as typed too.
  expect(await namedBox(page, a, datesA[0]).getAttribute('aria-label')).toContain(`Nota: ${XSS_NOTE}`);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await panelOf(page).locator('.addon-scroll img').count()).toBe(0);
  expect(await panelOf(page).locator('.addon-scroll a').allInnerTexts()).toEqual(['Apri Agorà']);
  expect(wordingProblems(await panelText(page))).toEqual([]);
  await screenshot(page, 'digest');
});

test('the manager approves three days and rejects one with a reason, from the Gmail panel only', async () => {
  const page = managerPage;
  await tick(page, a, datesA[0]);
  await tick(page, b, datesB[0]);
  await tick(page, a, datesA[1]);
  expect(await dayBox(page, b.email, datesB[1]).isChecked()).toBe(false);
  await screenshot(page, 'ticked');

  await inPanel(page, () =>
    panelOf(page).locator('.footer').getByRole('button', { name: 'Approva selezionate' }).click(),
  );
  await expectToast(page, '3 giornate approvate');
  // The card is drawn again: the three are approved, only the fourth can still be ticked.
  for (const [who, d] of [
    [a, datesA[0]],
    [b, datesB[0]],
    [a, datesA[1]],
  ] as const) {
    expect(await dayBox(page, who.email, d).count()).toBe(0);
    expect(await rowText(page, `${who.name} — ${formatDayIt(d)}`)).toContain(STATUS_LABELS.approved);
  }
  expect(await dayBox(page, b.email, datesB[1]).isChecked()).toBe(false);
  await screenshot(page, 'approved');

  // The fourth: «Rifiuta…» asks for the reason, which is required.
  await tick(page, b, datesB[1]);
  await inPanel(page, () =>
    panelOf(page).locator('.footer').getByRole('button', { name: 'Rifiuta…' }).click(),
  );
  const text = await panelText(page);
  expect(text).toContain('Rifiutare 1 giornata?');
  expect(text).toContain(`${b.name} — ${formatDayIt(datesB[1])}`);
  const reason = panelOf(page).getByLabel('Motivazione (obbligatoria)');
  await expect(reason.inputValue()).resolves.toBe('');
  const reject = panelOf(page).getByRole('button', { name: 'Rifiuta', exact: true });
  await inPanel(page, () => reject.click());
  await expectToast(page, 'Scrivi la motivazione del rifiuto: è obbligatoria.');
  expect(registerDays(b.email, [datesB[1]])[0].status).toBe(STATUS_LABELS.pending);
  await screenshot(page, 'reason-required');

  await reason.fill(REASON);
  await inPanel(page, () => reject.click());
  await expectToast(page, '1 giornata rifiutata');
  // Back to the digest's days, drawn again, with the reason the employee will read.
  expect(await panelOf(page).getByLabel('Motivazione (obbligatoria)').count()).toBe(0);
  expect(await panelOf(page).locator('input[type=checkbox]').count()).toBe(0);
  const rejected = await rowText(page, `${b.name} — ${formatDayIt(datesB[1])}`);
  expect(rejected).toContain(STATUS_LABELS.rejected);
  expect(rejected).toContain(REASON);
  expect(wordingProblems(await panelText(page))).toEqual([]);
  await screenshot(page, 'rejected');

  // The register agrees: three approved, one rejected with its reason; the notes kept as text.
  expect(registerDays(a.email, datesA)).toEqual(
    datesA.map((date) => ({ date, status: STATUS_LABELS.approved, reason: '', note: XSS_NOTE })),
  );
  expect(registerDays(b.email, datesB)).toEqual([
    { date: datesB[0], status: STATUS_LABELS.approved, reason: '', note: FORMULA_NOTE },
    { date: datesB[1], status: STATUS_LABELS.rejected, reason: REASON, note: FORMULA_NOTE },
  ]);
  await page.setViewportSize({ width: 2200, height: 500 });
  await page.goto(`${playground.url}/registro?foglio=Giornate&q=${encodeURIComponent(b.email)}`);
  await screenshot(page, 'register');
});

test('after the approval, the employee’s own calendar shows the approved days as working location', async () => {
  const page = await pageAs(a.email);
  const month = datesA[0].slice(0, 7);
  const list = `${playground.url}/calendario?di=mio&mese=${month}&vista=elenco`;
  const rowsShown = async () =>
    (await page.locator('table.data tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' '));
  // Only code running as the employee writes their calendar: not the manager's approval...
  await page.goto(list);
  expect(await rowsShown()).toEqual([]);
  // ...but their hourly trigger (made when they turned the switch on), at the next hour.
  expect(await oneHourLater(page)).toMatch(/, 11:00$/);
  await page.goto(list);
  const rows = await rowsShown();
  for (const d of datesA) expect(rows.filter((r) => r.includes(formatDateIt(d)))).toHaveLength(1);
  for (const r of rows) expect(r).toContain('Casa (lavoro da casa)');
  for (const d of datesB) expect(rows.join('\n')).not.toContain(formatDateIt(d));
  await page.goto(`${playground.url}/calendario?di=mio&mese=${month}`);
  await screenshot(page, 'own-calendar');
  await page.close();
});

test('an employee asks for three days of one week from the card: two wait, the third is refused with the reason', async () => {
  const page = await pageAs(c.email);
  await openHost(page, '/fogli');
  await inPanel(page, () => panelOf(page).getByRole('button', { name: 'Chiedi giornate' }).click());
  await panelOf(page).getByLabel('Giorno', { exact: true }).fill(datesC[0]);
  const others = panelOf(page).getByLabel('Altro giorno (facoltativo)');
  await others.nth(0).fill(datesC[1]);
  await others.nth(1).fill(datesC[2]);
  expect(await panelOf(page).getByLabel('Luogo').locator('option:checked').textContent()).toMatch(/Casa/);
  await panelOf(page).getByLabel('Nota (facoltativa)').fill(XSS_NOTE);
  await screenshot(page, 'request');
  await inPanel(page, () => panelOf(page).getByRole('button', { name: 'Invia la richiesta' }).click());
  await expectToast(page, '2 giornate in attesa del responsabile, 1 respinta dalle regole.');
  const [first, second, third] = [
    await rowText(page, formatDayIt(datesC[0])),
    await rowText(page, formatDayIt(datesC[1])),
    await rowText(page, formatDayIt(datesC[2])),
  ];
  expect(first).toMatch(new RegExp(`^${formatDayIt(datesC[0])} ${STATUS_LABELS.pending}`));
  expect(second).toMatch(new RegExp(`^${formatDayIt(datesC[1])} ${STATUS_LABELS.pending}`));
  expect(third).toMatch(new RegExp(`^${formatDayIt(datesC[2])} ${STATUS_LABELS.refused}`));
  expect(third).toContain(
    `Limite settimanale superato: 3 giornate su 2 nella settimana 30 novembre – 6 dicembre 2026.`,
  );
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(wordingProblems(await panelText(page))).toEqual([]);
  await screenshot(page, 'request-outcome');
  expect(registerDays(c.email, datesC).map((d) => d.status)).toEqual([
    STATUS_LABELS.pending,
    STATUS_LABELS.pending,
    STATUS_LABELS.refused,
  ]);
  await page.close();
});

test('keyboard only: Tab to a day’s box, Space ticks it, Tab to «Approva selezionate», Enter approves; focus is visible', async () => {
  // This manager also asks the system for reduced motion: the notification must still show.
  const page = await pageAs(manager, 'reduce');
  await page.goto(`${playground.url}/gmail`);
  expect(await oneHourLater(page)).toMatch(/, 12:00$/);
  await page
    .locator('.mail-row', { hasText: `Da approvare: 2 giornate di lavoro agile di ${c.name}` })
    .click();
  await panelOf(page).locator('.card-title').first().waitFor();
  // The note typed in the card is plain text here too.
  expect(await rowText(page, `${c.name} — ${formatDayIt(datesC[0])}`)).toContain(`Nota: ${XSS_NOTE}`);
  expect(await page.locator('img[src="x"]').count()).toBe(0);

  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      if (!el) return null;
      const style = getComputedStyle(el);
      return {
        tag: el.tagName.toLowerCase(),
        value: el.getAttribute('value') ?? '',
        name: el.getAttribute('aria-label') ?? '',
        text: (el.textContent ?? '').trim(),
        inPanel: !!el.closest('.addon-panel'),
        visible:
          el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
      };
    });
  const tabTo = async (match: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 80) => {
    let at = await focused();
    for (let i = 0; i < max && !match(at); i++) {
      await page.keyboard.press('Tab');
      at = await focused();
    }
    expect(match(at)).toBe(true);
    return at;
  };
  const key = `${c.email}|${datesC[0]}`;
  const box = await tabTo((f) => !!f?.inPanel && f.tag === 'input' && f.value === key);
  expect(box?.visible).toBe(true);
  expect(box?.name).toMatch(new RegExp(`^${c.name} — ${formatDayIt(datesC[0])}, casa`));
  await screenshot(page, 'keyboard-box');
  await inPanel(page, () => page.keyboard.press('Space'));
  expect(await dayBox(page, c.email, datesC[0]).isChecked()).toBe(true);
  expect(await dayBox(page, c.email, datesC[1]).isChecked()).toBe(false);
  const approve = await tabTo((f) => !!f?.inPanel && f.tag === 'button' && f.text === 'Approva selezionate');
  expect(approve?.visible).toBe(true);
  await screenshot(page, 'keyboard-approve');
  await inPanel(page, () => page.keyboard.press('Enter'));
  await expectToast(page, '1 giornata approvata');
  await screenshot(page, 'keyboard-approved');
  expect(registerDays(c.email, datesC.slice(0, 2)).map((d) => d.status)).toEqual([
    STATUS_LABELS.approved,
    STATUS_LABELS.pending,
  ]);
});
