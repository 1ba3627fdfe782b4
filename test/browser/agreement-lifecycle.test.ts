// An individual agreement's whole life in a real browser, through the add-on's side panel in the
// playground's Sheets page (headless Chromium, Debian's `chromium`, driven by playwright-core, on
// the built bundle): a sector head proposes an agreement to a person of their team who has none,
// sends it for acceptance (its document lands in the person's Drive folder, named by
// convention), the person accepts it in their own panel, the head accepts it, and a week later
// the head withdraws it with 30 days' notice. Every step is a click in the panel; the register's
// Accordi row and Drive are read only to check. Screenshots: test-artifacts/agreement-*.png.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { addDays, formatDateIt, type IsoDate } from '../../src/domain/dates';
import { toRomeLocal } from '../../src/domain/rome-time';
import { PROPERTY } from '../../src/gas/properties';
import { readDocument } from '../../dev/workspace/document';
import { buildDemoOrganisation, type DemoEmployee } from '../../dev/playground/demo-org';
import { startPlayground, USER_COOKIE, type Playground } from '../../dev/playground/server';
import { bundlePath } from '../helpers/bundle';

const root = join(__dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(root, 'test-artifacts');

jest.setTimeout(120_000);

let dir = '';
let playground: Playground;
let browser: Browser;
const contexts: BrowserContext[] = [];
const dialogs: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} non c'è: installa il pacchetto Debian «chromium» (vedi .ci/run).`);
  dir = mkdtempSync(join(tmpdir(), 'agora-agreement-'));
  const launched = chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--lang=it-IT'],
  });
  playground = await startPlayground({
    port: 0,
    stateFile: join(dir, 'state.json'),
    codePath: bundlePath(),
    reset: true,
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

const org = buildDemoOrganisation();

/** A sector head (not HR, not a delegate) and an eligible person of theirs with no agreement. */
function findPair(): { head: string; headName: string; person: DemoEmployee } {
  const withAgreement = new Set(org.agreements.map((x) => x.employee));
  for (const m of org.managers) {
    if (m.admin || m.delegate) continue;
    const person = org.employees.find(
      (e) =>
        e.manager === m.email && !e.isHead && e.eligibility === 'eleggibile' && !withAgreement.has(e.email),
    );
    if (person) return { head: m.email, headName: m.name, person };
  }
  throw new Error('Nessuna persona senza accordo nella organizzazione dimostrativa.');
}

async function pageAs(email: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
  });
  contexts.push(context);
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

/** The Sheets page with the panel on its homepage (the panel keeps its cards, as Google's does: «Aggiorna»). */
async function openSheets(page: Page): Promise<void> {
  await page.goto(`${playground.url}/fogli`);
  await panelOf(page).locator('.card-title').first().waitFor();
  await panelOf(page)
    .getByRole('button', { name: 'Altre azioni' })
    .or(panelOf(page).locator('summary[aria-label="Altre azioni"]'))
    .first()
    .click();
  await panelOf(page).getByRole('button', { name: 'Aggiorna', exact: true }).click();
  await page.locator('.addon-panel:not([aria-busy])').waitFor();
  await panelOf(page).locator('.card-title').first().waitFor();
  expect(await panelOf(page).locator('.error-card').count()).toBe(0);
}

/** Clicks a button of the panel by its name and waits for the panel's answer. */
async function click(page: Page, name: string): Promise<void> {
  await panelOf(page).getByRole('button', { name, exact: true }).click();
  await page.locator('.addon-panel:not([aria-busy])').waitFor();
  expect(await panelOf(page).locator('.error-card').count()).toBe(0);
}

async function toast(page: Page): Promise<string> {
  const box = panelOf(page).locator('.addon-toast .toast-box span');
  await box.waitFor({ timeout: 10_000 });
  return ((await box.textContent()) ?? '').trim();
}

/** The row of Accordi of `email` written by the add-on (it has an «ID»), by header. */
function lifecycleRow(email: string): Record<string, string> | null {
  const sheet = playground.backend.sheets().find((s) => s.name === 'Accordi');
  if (!sheet) throw new Error('Manca il foglio Accordi.');
  const [header, ...rows] = sheet.rows;
  const row = rows.find((r) => r[header.indexOf('Dipendente')] === email && r[header.indexOf('ID')]);
  return row ? Object.fromEntries(header.map((h, i) => [h, row[i]])) : null;
}

const today = () => toRomeLocal(playground.backend.nowMs()).date;
/** Someone of another sector, HR or head of nothing: no business with the agreement. */
const otherPerson = () =>
  org.employees.find(
    (e) =>
      e.sector !== person.sector &&
      e.manager !== person.manager &&
      !e.isHead &&
      !org.managers.some((m) => m.email === e.email),
  ) as DemoEmployee;
const { head, headName, person } = findPair();
let from: IsoDate;

test('the head proposes an agreement from the panel and sends it: its document is in the person’s folder', async () => {
  from = addDays(today(), 1);
  const page = await pageAs(head);
  await openSheets(page);
  await click(page, 'Accordi');
  await click(page, `Nuovo accordo per ${person.name}`);
  const panel = panelOf(page);
  await panel.getByLabel('Dal', { exact: true }).fill(from);
  expect(await panel.getByLabel('Fasce di contattabilità').inputValue()).toBe('09:00-13:00; 14:30-16:30');
  expect(await panel.getByLabel('Strumentazione').locator('option:checked').textContent()).toMatch(
    /Dell’ente/,
  );
  await panel.getByLabel('Progetto di lavoro agile del settore').fill('Sportello digitale');
  await page.screenshot({ path: join(ARTIFACTS, 'agreement-proposal.png') });
  await click(page, 'Salva la proposta');
  expect(await toast(page)).toBe(
    `Proposta registrata per ${person.name}: dal ${formatDateIt(from)} a tempo indeterminato.`,
  );
  const draft = lifecycleRow(person.email);
  expect(draft).toMatchObject({ Progetto: 'Sportello digitale', 'Proposto da': head });

  await click(page, 'Invia per accettazione');
  expect(await toast(page)).toBe(`Accordo di ${person.name} inviato per l'accettazione.`);
  const sent = lifecycleRow(person.email) as Record<string, string>;
  const docId = /\/d\/([\w-]+)/.exec(sent.Documento)?.[1] ?? '';
  const { state } = playground.backend.handle.workspace;
  const names: string[] = [];
  const rootId = state.properties.script[PROPERTY.driveRootId];
  for (let at = state.drive.items[docId]; at && at.id !== rootId; at = state.drive.items[at.parents[0]])
    names.unshift(at.name);
  expect(names).toEqual([
    person.organisation,
    person.sector,
    expect.stringMatching(new RegExp(`${person.email.replace(/[.]/g, '\\.')}$`)),
    expect.stringMatching(/^Accordo di lavoro agile - .+ - dal \d{4}-\d{2}-\d{2}$/),
  ]);
  const text = readDocument(state.drive.items[docId].content)
    .map((x) => x.text)
    .join('\n');
  expect(text).toContain(`L'accordo vale dal ${formatDateIt(from)} a tempo indeterminato.`);
  expect(text).not.toContain('{{');
});

test('the person accepts it in their own panel; then the head does, and it is signed', async () => {
  const page = await pageAs(person.email);
  await openSheets(page);
  await click(page, 'Il mio accordo');
  const mine = ((await panelOf(page).innerText()) ?? '').replace(/\s+/g, ' ');
  expect(mine).toContain('in attesa di accettazione');
  expect(mine).toContain('Sportello digitale');
  await page.screenshot({ path: join(ARTIFACTS, 'agreement-to-accept.png') });
  // «Leggi l’accordo» opens the document from the person's folder, which they may read.
  const [doc] = await Promise.all([
    page.context().waitForEvent('page'),
    panelOf(page).getByRole('link', { name: 'Leggi l’accordo' }).click(),
  ]);
  await doc.waitForLoadState();
  const docText = ((await doc.locator('article.document').innerText()) ?? '').replace(/\s+/g, ' ');
  expect(docText).toContain('Accordo individuale di lavoro agile');
  expect(docText).toContain(`L'accordo vale dal ${formatDateIt(from)} a tempo indeterminato.`);
  await doc.screenshot({ path: join(ARTIFACTS, 'agreement-document.png'), fullPage: true });
  // Someone else of the domain does not get it.
  const stranger = await pageAs(otherPerson().email);
  await stranger.goto(doc.url());
  expect(await stranger.locator('body').innerText()).toContain('Il file non esiste o non hai l’accesso');
  await click(page, 'Accetto');
  expect(await toast(page)).toMatch(
    new RegExp(
      `^Accettazione registrata \\(${person.email.replace(/[.]/g, '\\.')}, .+\\)\\. Manca quella del responsabile\\.$`,
    ),
  );
  expect(await panelOf(page).getByRole('button', { name: 'Accetto', exact: true }).count()).toBe(0);

  const headPage = await pageAs(head);
  await openSheets(headPage);
  await click(headPage, 'Accordi');
  await click(headPage, 'Accetto');
  expect(await toast(headPage)).toBe(
    `Accordo firmato da entrambi: vale dal ${formatDateIt(from)} a tempo indeterminato.`,
  );
  const row = lifecycleRow(person.email) as Record<string, string>;
  expect(row['Accettazione del dipendente']).toMatch(
    new RegExp(`^${person.email.replace(/[.]/g, '\\.')} · \\d{4}-`),
  );
  expect(row['Accettazione del responsabile']).toMatch(
    new RegExp(`^${head.replace(/[.]/g, '\\.')} · \\d{4}-`),
  );
  expect(headName).toBeTruthy();
});

test('a week later the head withdraws it with 30 days’ notice', async () => {
  const page = await pageAs(head);
  await openSheets(page);
  await page.locator('form.clock button[name=passo][value=settimana]').click();
  await page.waitForLoadState();
  await openSheets(page);
  await click(page, 'Accordi');
  // The person's agreement, then its buttons.
  const row = panelOf(page)
    .locator('.decorated')
    .filter({ has: page.locator('.dt-top', { hasText: `${person.name} — ` }) });
  expect(await row.count()).toBe(1);
  expect(((await row.innerText()) ?? '').replace(/\s+/g, ' ')).toContain('attivo');
  await row.locator('xpath=following-sibling::div[1]').getByRole('button', { name: 'Recesso' }).click();
  await page.locator('.addon-panel:not([aria-busy])').waitFor();
  await panelOf(page)
    .getByLabel('Motivo (obbligatorio con giustificato motivo)')
    .fill('Riorganizzazione del servizio');
  await page.screenshot({ path: join(ARTIFACTS, 'agreement-withdrawal.png') });
  await click(page, 'Conferma il recesso');
  const last = addDays(today(), 29);
  expect(await toast(page)).toBe(
    `Recesso registrato: l'accordo di ${person.name} termina con l'ultimo giorno ${formatDateIt(last)}.`,
  );
  expect(lifecycleRow(person.email)).toMatchObject({
    'Recesso da': 'ente',
    'Giustificato motivo': 'no',
    'Motivo del recesso': 'Riorganizzazione del servizio',
  });
});
