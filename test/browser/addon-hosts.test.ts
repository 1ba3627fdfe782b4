// The add-on in its three hosts, in a real browser: headless Chromium (Debian's `chromium`, never
// downloaded) driven by playwright-core, on the playground serving the built bundle, as a
// manager. Each host shows the side panel (320 px, scrolling inside, nothing wider); a keyboard
// user opens the ⋮ menu, runs a universal action and comes back with the back arrow; a message
// and an event open their contextual cards. Nothing leaves the machine: requests to other
// hosts (the add-on's logo on gstatic.com) are refused. Screenshots: test-artifacts/addon-*.png.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startPlayground, USER_COOKIE, type Playground } from '../../dev/playground/server';
import { bundlePath } from '../helpers/bundle';

const root = join(__dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(root, 'test-artifacts');
const PANEL_WIDTH = 320;

jest.setTimeout(120_000);

let dir = '';
let playground: Playground;
let browser: Browser;
let manager = '';
const contexts: BrowserContext[] = [];
const dialogs: string[] = [];
const pageErrors: string[] = [];

// The DOM as far as the functions run inside the page use it (the Node tsconfig has no DOM).
interface DomElement {
  className: string;
  tagName: string;
  textContent: string | null;
  scrollWidth: number;
  clientWidth: number;
  getAttribute(name: string): string | null;
  closest(selector: string): DomElement | null;
}
declare const document: {
  activeElement: DomElement | null;
  querySelector(selector: string): DomElement | null;
};

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} non c'è: installa il pacchetto Debian «chromium» (vedi .ci/run).`);
  dir = mkdtempSync(join(tmpdir(), 'agora-addon-browser-'));
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
  // A sector manager with a digest of days to approve in their mailbox.
  for (const m of playground.backend.people().find((g) => g.group === 'Responsabili')?.options ?? []) {
    if (playground.backend.mailbox(m.email).some((x) => x.subject.startsWith('Da approvare'))) {
      manager = m.email;
      break;
    }
  }
  expect(manager).not.toBe('');
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

async function pageAs(email: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
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

/** The panel is there, 320 px wide, with a card and no error card; nothing in it is wider than it. */
async function expectPanel(page: Page): Promise<void> {
  const panel = page.locator('.addon-panel');
  await panel.locator('.card-title').first().waitFor();
  const box = await panel.boundingBox();
  expect(box?.width).toBe(PANEL_WIDTH);
  expect(await panel.locator('.error-card').count()).toBe(0);
  expect(await panel.locator('.toolbar .tb-title').textContent()).toBe('Agorà — lavoro agile');
  const overflow = await page.evaluate(() => {
    const scroll = document.querySelector('.addon-panel .addon-scroll') as DomElement;
    return scroll.scrollWidth - scroll.clientWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `addon-${name}.png`) });
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    return a
      ? {
          tag: a.tagName.toLowerCase(),
          className: a.className,
          value: a.getAttribute('value'),
          inPanel: !!a.closest('.addon-panel'),
          text: (a.textContent ?? '').trim(),
        }
      : null;
  });

test('Sheets: the panel beside a blank sheet; the keyboard reaches the menu, runs a universal action, comes back', async () => {
  const page = await pageAs(manager);
  await page.goto(`${playground.url}/fogli`);
  await expectPanel(page);
  await expect(page.locator('.app-name').textContent()).resolves.toContain('Foglio senza titolo');
  await screenshot(page, 'sheets');

  // Tab from the top of the page to the panel's ⋮ menu.
  let at = await focused(page);
  for (let i = 0; i < 80 && !(at?.inPanel && at.className.includes('tb-btn')); i++) {
    await page.keyboard.press('Tab');
    at = await focused(page);
  }
  expect(at).toMatchObject({ tag: 'summary', inPanel: true });
  await page.keyboard.press('Enter');
  await page.locator('.addon-panel details.menu[open]').waitFor();
  await page.keyboard.press('Tab');
  at = await focused(page);
  expect(at).toMatchObject({ tag: 'button', className: 'menu-item' });
  const label = at?.text ?? '';
  await screenshot(page, 'sheets-menu');

  // Enter runs it: a card is pushed, the focus moves to its title, the back arrow appears.
  await page.keyboard.press('Enter');
  await page.locator('.addon-panel button[value="back"]').waitFor();
  await expectPanel(page);
  at = await focused(page);
  expect(at).toMatchObject({ className: 'card-title', inPanel: true });
  await screenshot(page, 'sheets-universal');

  // Back, by keyboard: Shift+Tab past the menu to the arrow.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toMatchObject({ value: 'back', inPanel: true });
  await page.keyboard.press('Enter');
  await page.locator('.addon-panel button[value="back"]').waitFor({ state: 'detached' });
  await expectPanel(page);
  expect(label).not.toBe('');
});

test('Gmail: the inbox, then a message beside its contextual card', async () => {
  const page = await pageAs(manager);
  await page.goto(`${playground.url}/gmail`);
  await expectPanel(page);
  await screenshot(page, 'gmail-inbox');
  const digest = page.locator('.mail-row', { hasText: 'Da approvare' }).first();
  const subject = ((await digest.locator('.subject').textContent()) ?? '').trim();
  await digest.click();
  await page.locator('.mail-view').waitFor();
  expect(((await page.locator('.mail-subject').textContent()) ?? '').trim()).toBe(subject);
  await expectPanel(page);
  expect(await page.locator('.addon-panel input[name="ctx"]').getAttribute('value')).toMatch(/^msg:/);
  await screenshot(page, 'gmail-message');
});

test('Calendar: the team month, then an event beside its card', async () => {
  const page = await pageAs(manager);
  await page.goto(`${playground.url}/calendar`);
  await expectPanel(page);
  await screenshot(page, 'calendar');
  const chip = page.locator('.cal .chip').first();
  const title = await chip.getAttribute('title');
  await chip.click();
  await page.locator('.event-card').waitFor();
  expect(((await page.locator('.event-card h2').textContent()) ?? '').trim()).toBe(title);
  await expectPanel(page);
  expect(await page.locator('.addon-panel input[name="ctx"]').getAttribute('value')).toMatch(/^event:/);
  await screenshot(page, 'calendar-event');
});
