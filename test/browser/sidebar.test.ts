// The sidebar in a real browser: headless Chromium (Debian's `chromium`, never downloaded)
// driven by playwright-core, on the playground serving the built bundle. Employees of one team
// send the Form from the /modulo page; their manager decides from the sidebar; a colleague sees
// nothing of it; what people typed stays text everywhere. Screenshots go to test-artifacts/.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { addDays, formatDateIt, weekday, type IsoDate } from '../../src/domain/dates';
import { HolidayCalendar } from '../../src/domain/holidays';
import { STATUS_LABELS } from '../../src/domain/labels';
import { toRomeLocal } from '../../src/domain/rome-time';
import {
  buildDemoOrganisation,
  type DemoAgreement,
  type DemoEmployee,
  type DemoOrganisation,
} from '../../dev/playground/demo-org';
import { startPlayground, USER_COOKIE, type Playground } from '../../dev/playground/server';
import { bundlePath } from '../helpers/bundle';

const root = join(__dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(root, 'test-artifacts');
const SIDEBAR_WIDTH = 300;

const XSS_NOTE = '<img src=x onerror=alert(1)>';
const FORMULA_NOTE = '=HYPERLINK("http://x";"y")';
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

/** A browser page acting as `email` (the playground's act-as cookie). */
async function pageAs(email: string, width = 1100): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
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
  return page;
}

/** The sidebar as `email` sees it in Sheets (300 px wide), once its data has arrived. */
async function openSidebar(email: string): Promise<Page> {
  const page = await pageAs(email, SIDEBAR_WIDTH);
  await page.goto(`${playground.url}/html/doGet`);
  await page.waitForFunction(() => {
    const list = document.getElementById('pending-list');
    return !!list && !list.textContent?.includes('Caricamento');
  });
  return page;
}

/** Saves the sidebar as it looks, after checking that nothing is wider than the sidebar. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `sidebar-${name}.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  expect([name, overflow]).toEqual([name, SIDEBAR_WIDTH]);
}

// The DOM as far as the functions run inside the page use it (the Node tsconfig has no DOM).
interface DomElement {
  id: string;
  hidden: boolean;
  tagName: string;
  textContent: string | null;
  outerHTML: string;
  labels?: ArrayLike<DomElement> | null;
  getAttribute(name: string): string | null;
}
declare const document: {
  documentElement: { scrollWidth: number };
  activeElement: DomElement | null;
  getElementById(id: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>;
};

// ---- the team -------------------------------------------------------------------------------

interface Team {
  manager: string;
  members: DemoEmployee[];
  colleague: DemoEmployee;
}

/**
 * A sector head (not HR, not away) with three people who can ask for a day without any other
 * rule getting in the way (eligible, signed agreement with the employer's equipment and a
 * recent safety notice, no history), and a fourth person of the same team.
 */
function findTeam(org: DemoOrganisation, lastDate: IsoDate): Team {
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
    if (members.length === 3 && colleague) return { manager: m.email, members, colleague };
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

interface Sent {
  employee: DemoEmployee;
  date: IsoDate;
  note: string;
  responseId: string;
}

/** `employee` fills in the request Form on the /modulo page: one date, at home, a note. */
async function sendForm(employee: DemoEmployee, date: IsoDate, note: string): Promise<Sent> {
  const page = await pageAs(employee.email);
  await page.goto(`${playground.url}/modulo`);
  await page.locator('main input[type=date]').first().fill(date);
  await page.locator('main select').first().selectOption('Casa');
  await page.locator('main textarea').fill(note);
  await Promise.all([
    page.waitForURL(/\/modulo\?risposta=/),
    page.getByRole('button', { name: 'Invia' }).click(),
  ]);
  await expectText(page.locator('main'), 'Esito della richiesta');
  const responseId = new URL(page.url()).searchParams.get('risposta') ?? '';
  await page.close();
  return { employee, date, note, responseId };
}

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.getByText(text).first().waitFor({ timeout: 10_000 });
}

// ---- the register, read from the Workspace --------------------------------------------------

interface DayRow {
  status: string;
  note: unknown;
  noteFormula: string;
  /** Messages and rule ids of the warnings given at submission («Regole», severity «avviso»). */
  warnings: string[];
  warningRules: string[];
}

function registerRow(sent: Sent): DayRow {
  const { handle } = playground.backend;
  return handle.asUser(handle.owner, () => {
    const sheet = handle.spreadsheet().getSheetByName('Giornate');
    if (!sheet) throw new Error('Manca il foglio Giornate.');
    const range = sheet.getDataRange();
    const [header, ...rows] = range.getValues();
    const formulas = range.getFormulas();
    const col = (name: string) => header.indexOf(name);
    const i = rows.findIndex((r) => r[col('Richiesta')] === sent.responseId);
    if (i < 0) throw new Error(`Nessuna giornata della risposta ${sent.responseId}.`);
    const row = rows[i];
    const warnings = String(row[col('Regole')])
      .split('\n')
      .map((line) => line.split(' · '))
      .filter((parts) => parts[1] === 'avviso');
    return {
      status: String(row[col('Stato')]),
      note: row[col('Nota')],
      noteFormula: formulas[i + 1][col('Nota')],
      warnings: warnings.map((parts) => parts.slice(2).join(' · ')),
      warningRules: warnings.map((parts) => parts[0]),
    };
  });
}

/** The day's row in the manager's sidebar (its checkbox, label, note, warnings). */
function dayRow(page: Page, sent: Sent) {
  const checkbox = `input[type=checkbox][data-employee="${sent.employee.email}"][data-date="${sent.date}"]`;
  return {
    box: page.locator(`#pending-list ${checkbox}`),
    row: page.locator('#pending-list .day').filter({ has: page.locator(checkbox) }),
  };
}

/** Every form control of the page has an accessible name (label, aria-label or text). */
async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea, button')]
      .filter((c) => {
        const labels = c.labels;
        const named =
          (labels && Array.from(labels).some((l) => l.textContent?.trim())) ||
          c.getAttribute('aria-label')?.trim() ||
          c.getAttribute('aria-labelledby') ||
          (c.tagName === 'BUTTON' && c.textContent?.trim());
        return !named;
      })
      .map((c) => c.outerHTML.slice(0, 80)),
  );
}

// ---- the story ------------------------------------------------------------------------------

test('a manager decides their team’s days from the sidebar; notes stay text; a colleague sees nothing', async () => {
  const today = toRomeLocal(playground.backend.nowMs()).date;
  const org = buildDemoOrganisation();
  const firstFuture = workingDayFrom(addDays(today, 2), 'Carpi');
  const team = findTeam(org, addDays(firstFuture, 7));
  const [a, b, c] = team.members;
  const dateB = workingDayFrom(addDays(today, 2), b.seat);
  const dateC = workingDayFrom(addDays(dateB, 1), c.seat);

  // 1. Three people of the team send the Form from the /modulo page. A asks for today: too short
  //    a notice (a warning); B and C write notes that would be markup or a formula.
  const sentA = await sendForm(a, workingDayFrom(today, a.seat), 'Consegna del report');
  expect(sentA.date).toBe(today);
  const sentB = await sendForm(b, dateB, XSS_NOTE);
  const sentC = await sendForm(c, dateC, FORMULA_NOTE);
  for (const s of [sentA, sentB, sentC]) expect(registerRow(s).status).toBe(STATUS_LABELS.pending);
  expect(registerRow(sentA).warningRules).toContain('SHORT_NOTICE');

  // 2. A colleague of the same team opens the sidebar: none of the team's days.
  const colleague = await openSidebar(team.colleague.email);
  await expectText(colleague.locator('#pending-list'), 'Nessuna giornata in attesa.');
  for (const s of [sentA, sentB, sentC]) {
    await expect(dayRow(colleague, s).box.count()).resolves.toBe(0);
    await expect(colleague.locator('body').innerText()).resolves.not.toContain(s.employee.name);
  }
  await colleague.getByRole('tab', { name: 'Squadra' }).click();
  await expect(colleague.locator('#team-list').innerText()).resolves.not.toContain(a.name);
  await colleague.getByRole('tab', { name: 'Da approvare' }).click();
  await screenshot(colleague, 'colleague');

  // 3. The manager sees the three days, each with its own warnings, the notes as plain text.
  const sidebar = await openSidebar(team.manager);
  for (const s of [sentA, sentB, sentC]) {
    const { box, row } = dayRow(sidebar, s);
    await expect(box.count()).resolves.toBe(1);
    const warnings = (await row.locator('.warn').allTextContents()).map((t) => t.replace(/^⚠\s*/, ''));
    expect(warnings).toEqual(registerRow(s).warnings);
  }
  expect((await dayRow(sidebar, sentA).row.locator('.warn').count()) > 0).toBe(true);
  for (const s of [sentB, sentC]) {
    const note = dayRow(sidebar, s).row.locator('.note-text');
    await expect(note.textContent()).resolves.toBe(s.note);
  }
  await expect(sidebar.locator('img').count()).resolves.toBe(0);
  expect(await unlabelledControls(sidebar)).toEqual([]);
  // Every day's checkbox is named by its date and place.
  await expect(
    sidebar.getByRole('checkbox', { name: new RegExp(`${Number(sentB.date.slice(8))}.*casa`, 'i') }).count(),
  ).resolves.toBeGreaterThan(0);
  await screenshot(sidebar, 'manager');

  // 4. Rejecting without a reason: an Italian error, no call to the server, nothing changes.
  const decideCalls: string[] = [];
  sidebar.on('request', (r) => {
    if (r.url().includes('/rpc/pageDecide')) decideCalls.push(r.postData() ?? '');
  });
  await dayRow(sidebar, sentC).box.check();
  await sidebar.getByRole('button', { name: 'Rifiuta selezionate' }).click();
  await expectText(sidebar.locator('#status'), 'Per rifiutare scrivi una motivazione.');
  await expect(sidebar.locator('#status').getAttribute('class')).resolves.toBe('error');
  await expect(sidebar.evaluate(() => document.activeElement?.id)).resolves.toBe('reason');
  await screenshot(sidebar, 'reject-without-reason');
  expect(decideCalls).toEqual([]);
  expect(registerRow(sentC).status).toBe(STATUS_LABELS.pending);
  await dayRow(sidebar, sentC).box.uncheck();

  // 5. Approve two at once.
  await dayRow(sidebar, sentA).box.check();
  await dayRow(sidebar, sentB).box.check();
  await sidebar.getByRole('button', { name: 'Approva selezionate' }).click();
  await expectText(sidebar.locator('#status'), '2 approvate.');
  await expect(dayRow(sidebar, sentA).box.count()).resolves.toBe(0);
  expect(registerRow(sentA).status).toBe(STATUS_LABELS.approved);
  expect(registerRow(sentB).status).toBe(STATUS_LABELS.approved);
  expect(registerRow(sentC).status).toBe(STATUS_LABELS.pending);

  // 6. Reject the third with a reason typed in.
  await dayRow(sidebar, sentC).box.check();
  await sidebar.getByLabel('Motivazione del rifiuto (obbligatoria)').fill(REASON);
  await sidebar.getByRole('button', { name: 'Rifiuta selezionate' }).click();
  await expectText(sidebar.locator('#status'), '1 rifiutata.');
  expect(decideCalls).toHaveLength(2);
  expect(registerRow(sentC).status).toBe(STATUS_LABELS.rejected);
  await expect(dayRow(sidebar, sentC).box.count()).resolves.toBe(0);
  await screenshot(sidebar, 'after-decisions');
  await sidebar.getByRole('tab', { name: 'Squadra' }).click();
  await expectText(sidebar.locator('#team-list'), a.name);
  await expect(sidebar.locator('#team-list').innerText()).resolves.not.toContain(c.name);
  await screenshot(sidebar, 'team');

  // 7. The shared calendar shows exactly the two approved days of the team.
  const months = [...new Set([sentA, sentB, sentC].map((s) => s.date.slice(0, 7)))];
  const entries: string[] = [];
  const calendarPage = await pageAs(team.manager);
  for (const month of months) {
    await calendarPage.goto(`${playground.url}/calendario?vista=elenco&mese=${month}`);
    for (const tr of await calendarPage.locator('main table.data tbody tr').all()) {
      const cells = await tr.locator('td').allInnerTexts();
      if ([a, b, c].some((p) => cells[1]?.includes(p.name))) entries.push(`${cells[1]} @ ${cells[0]}`);
    }
  }
  expect(entries.sort()).toEqual(
    [sentA, sentB].map((s) => `${s.employee.name} — smart working (casa) @ ${formatDateIt(s.date)}`).sort(),
  );

  // 8. The register keeps the notes as text: the value is what was typed, never a formula.
  for (const s of [sentB, sentC]) {
    const row = registerRow(s);
    expect(row.note).toBe(s.note);
    expect(row.noteFormula).toBe('');
  }
  const register = await pageAs(team.manager);
  await register.goto(`${playground.url}/registro?foglio=Giornate&q=${encodeURIComponent(b.email)}`);
  await expectText(register.locator('main table.data'), XSS_NOTE);
  await expect(register.locator('main img').count()).resolves.toBe(0);

  // 9. A's «Le mie» on the web page (which runs as the owner) explains that the own calendar is
  //    the add-on's; the add-on, running as A, shows the approved day as working location (and a
  //    second run adds nothing).
  const own = await openSidebar(a.email);
  await own.getByRole('tab', { name: 'Le mie' }).click();
  await expectText(own.locator('main, body').first(), 'apri Agorà dal pannello laterale');
  await screenshot(own, 'own');
  const mine = await pageAs(a.email);
  await mine.goto(`${playground.url}/calendario?di=mio&vista=elenco&mese=${today.slice(0, 7)}`);
  await mine.getByRole('button', { name: 'Mostra nel mio calendario' }).click();
  await expectText(mine.locator('main'), 'Calendario aggiornato: 1 giornata aggiunta');
  const rows = await mine.locator('main table.data tbody tr').allInnerTexts();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toContain(formatDateIt(today));
  expect(rows[0]).toContain('Lavoro agile da casa');
  await mine.getByRole('button', { name: 'Mostra nel mio calendario' }).click();
  await expectText(mine.locator('main'), 'Il calendario era già aggiornato.');

  expect(dialogs).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('keyboard: the tabs are reachable, arrow keys switch them, focus stays in the chosen panel', async () => {
  const org = buildDemoOrganisation();
  const manager = org.managers.find((m) => !m.admin && !m.delegate)?.email as string;
  const page = await openSidebar(manager);
  const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
  const selected = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('[role=tab]')]
        .filter((t) => t.getAttribute('aria-selected') === 'true')
        .map((t) => t.id),
    );
  const visiblePanels = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('[role=tabpanel]')].filter((p) => !p.hidden).map((p) => p.id),
    );

  // Tab from the top of the page reaches the selected tab first, and only that one.
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('tab-pending');
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
  expect(await focused()).toBe('month');
  await screenshot(page, 'keyboard');
  expect(await unlabelledControls(page)).toEqual([]);
  expect(pageErrors).toEqual([]);
});
