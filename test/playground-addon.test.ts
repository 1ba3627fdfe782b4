// The add-on's hosts in the playground (Gmail, Calendar, Sheets with the side panel): the card
// renderer on hand-written card JSON (every widget, Google's text formatting, escaping), the
// event object, and over HTTP: every host page for an employee, a manager and HR, an action's
// round trip, a script error as Google's error card, and card texts escaped end to end (a
// bundle with probe functions appended, on the same Workspace).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CardJson } from '../dev/workspace/card';
import { formatCardText, renderCards, safeUrl } from '../dev/playground/addon-card';
import { buildEvent, formInputsOf } from '../dev/playground/addon-event';
import { localLink, readManifest } from '../dev/playground/addon-panel';
import { linkify } from '../dev/playground/addon-hosts';
import { HR_ACCOUNT } from '../dev/playground/demo-org';
import { startPlayground, USER_COOKIE, type Playground } from '../dev/playground/server';
import { bundlePath, ROOT } from './helpers/bundle';

const XSS = '<img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("http://x";"y")';
const EMPLOYEE = 'anna.rossi@terredargine.example';

/** HTML with its layout whitespace collapsed (the templates are formatted by Prettier). */
const squash = (text: string) => text.replace(/\s+/g, ' ').replace(/ (\/?>)/g, '$1');

// ---- the renderer ---------------------------------------------------------------------------

describe('card text formatting', () => {
  const f = (t: string) => formatCardText(t).text;

  test('keeps the tags Google allows, balanced', () => {
    expect(f('<b>a</b> <i>b</i> <u>c</u> <s>d</s><br>e<br/>f')).toBe(
      '<b>a</b> <i>b</i> <u>c</u> <s>d</s><br>e<br>f',
    );
    expect(f('<B>open')).toBe('<b>open</b>');
    expect(f('<font color="#ff0000">rosso</font>')).toBe('<span style="color:#ff0000">rosso</span>');
    expect(f('<font color="red;background:url(x)">x</font>')).toBe('<span>x</span>');
    expect(f('<a href="https://example.it/a?b=1&amp;c=2">qui</a>')).toBe(
      '<a href="https://example.it/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">qui</a>',
    );
    expect(f('riga 1\nriga 2')).toBe('riga 1<br>riga 2');
  });

  test('escapes everything else, and links go nowhere but http(s) and mailto', () => {
    expect(f(XSS)).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(f(FORMULA)).toBe('=HYPERLINK(&quot;http://x&quot;;&quot;y&quot;)');
    expect(f('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(f('<b onclick="x()">b</b>')).toBe('&lt;b onclick=&quot;x()&quot;&gt;b&lt;/b&gt;');
    expect(f('<a href="javascript:alert(1)">x</a>')).toBe('<span>x</span>');
    expect(f('</i>x')).toBe('&lt;/i&gt;x');
    expect(f('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    // Character references stay (never markup); unknown names do not.
    expect(f('&lt;b&gt; &amp; &#60; &bogus;')).toBe('&lt;b&gt; &amp; &#60; &amp;bogus;');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('mailto:a@b.it', true)).toBe('mailto:a@b.it');
  });

  test("the web app's and the Form's links open in the playground", () => {
    expect(localLink('https://script.google.com/macros/s/AKfycb-x/exec?giorni=1_a')).toBe(
      '/html/doGet?giorni=1_a',
    );
    expect(localLink('https://script.google.com/a/macros/ente.it/s/AKfycb-x/exec')).toBe('/html/doGet');
    expect(localLink('https://docs.google.com/forms/d/e/abc/viewform')).toBe('/modulo');
    expect(localLink('https://example.it/')).toBe('https://example.it/');
    expect(squash(linkify(`Vedi https://example.it/a?b=1. ${XSS}`).text)).toBe(
      'Vedi <a href="https://example.it/a?b=1" target="_blank" rel="noopener noreferrer" title="https://example.it/a?b=1">' +
        'https://example.it/a?b=1</a>. &lt;img src=x onerror=alert(1)&gt;',
    );
  });
});

const act = (fn: string, parameters?: { key: string; value: string }[]) => ({
  action: { function: fn, ...(parameters ? { parameters } : {}) },
});

/** One card with every widget the renderer knows. */
const EVERYTHING: CardJson = {
  name: 'tutto',
  header: {
    title: `Titolo ${XSS}`,
    subtitle: FORMULA,
    imageUrl: 'https://example.it/logo.png',
    imageType: 'CIRCLE',
  },
  cardActions: [
    { actionLabel: 'Aiuto', onClick: act('onHelp') },
    { actionLabel: 'Sito', onClick: { openLink: { url: 'https://example.it/' } } },
  ],
  sections: [
    {
      header: '<b>Sezione</b> uno',
      widgets: [
        { textParagraph: { text: `<b>grassetto</b> ${XSS}` } },
        {
          decoratedText: {
            topLabel: 'Sopra',
            text: 'Testo',
            bottomLabel: 'Sotto',
            wrapText: true,
            startIcon: { knownIcon: 'CLOCK' },
            button: { text: 'Apri', onClick: act('onOpen', [{ key: 'day', value: '2026-11-18' }]) },
          },
        },
        {
          decoratedText: {
            text: 'Interruttore',
            startIcon: { iconUrl: 'https://example.it/i.png', altText: 'icona' },
            switchControl: {
              name: 'notify',
              value: 'yes',
              selected: true,
              onChangeAction: { function: 'onSwitch' },
            },
          },
        },
        { decoratedText: { text: 'Riga cliccabile', onClick: act('onRow') } },
        {
          buttonList: {
            buttons: [
              { text: 'Approva', type: 'FILLED', onClick: act('onApprove', [{ key: 'id', value: '7' }]) },
              { text: 'Rifiuta', type: 'OUTLINED', onClick: act('onReject') },
              { text: 'Spento', type: 'FILLED', disabled: true, onClick: act('onNever') },
              { text: 'Link', type: 'BORDERLESS', onClick: { openLink: { url: 'https://example.it/x' } } },
              { text: 'Cattivo', onClick: { openLink: { url: 'javascript:alert(1)' } } },
              { icon: { materialIcon: { name: 'refresh' }, altText: 'Aggiorna' }, onClick: act('onRefresh') },
            ],
          },
        },
        {
          image: {
            imageUrl: 'https://example.it/foto.png',
            altText: 'Foto',
            onClick: { openLink: { url: 'https://example.it/' } },
          },
        },
        { divider: {} },
      ],
    },
    {
      header: 'Moduli',
      collapsible: true,
      uncollapsibleWidgetsCount: 2,
      widgets: [
        { textInput: { name: 'note', label: 'Nota', hintText: 'Facoltativa', value: XSS } },
        { textInput: { name: 'reason', label: 'Motivo', type: 'MULTIPLE_LINE' } },
        {
          selectionInput: {
            name: 'days',
            label: 'Giorni',
            type: 'CHECK_BOX',
            items: [
              { text: 'lun', value: 'mon', selected: true },
              { text: 'mar', value: 'tue', selected: false },
            ],
          },
        },
        {
          selectionInput: {
            name: 'place',
            label: 'Luogo',
            type: 'RADIO_BUTTON',
            items: [
              { text: 'Casa', value: 'home', selected: false },
              { text: 'Sede', value: 'site', selected: true },
            ],
          },
        },
        {
          selectionInput: {
            name: 'site',
            label: 'Sede',
            type: 'DROPDOWN',
            items: [
              { text: 'Carpi', value: 'carpi', selected: false },
              { text: `Soliera ${XSS}`, value: 'soliera', selected: true },
            ],
          },
        },
        {
          selectionInput: {
            name: 'flags',
            type: 'SWITCH',
            items: [{ text: 'Urgente', value: 'urgent', selected: false }],
            onChangeAction: { function: 'onFlags' },
          },
        },
        // 2026-11-18T00:00Z, and 2026-11-18T09:30 in Rome (UTC+1).
        {
          dateTimePicker: { name: 'day', label: 'Giorno', type: 'DATE_ONLY', valueMsEpoch: '1794960000000' },
        },
        {
          dateTimePicker: {
            name: 'at',
            label: 'Quando',
            type: 'DATE_AND_TIME',
            valueMsEpoch: '1794990600000',
          },
        },
        { dateTimePicker: { name: 'time', label: 'Ora', type: 'TIME_ONLY', valueMsEpoch: '34200000' } },
        {
          grid: {
            title: 'Sedi',
            columnCount: 2,
            items: [
              {
                id: 'carpi',
                title: 'Carpi',
                subtitle: '3 posti',
                image: { imageUri: 'https://example.it/c.png' },
              },
              { id: 'soliera', title: 'Soliera' },
            ],
            onClick: act('onGrid'),
          },
        },
      ],
    },
  ],
  fixedFooter: {
    primaryButton: { text: 'Invia', onClick: act('onSubmit') },
    secondaryButton: { text: 'Annulla', onClick: act('onCancel') },
  },
};

describe('renderCards', () => {
  const out = renderCards([EVERYTHING], {
    buttonColor: '#558b2f',
    offsetMinutesAt: () => 60,
    localLink,
  });
  const page = squash(`${out.html.text}${out.footer?.text ?? ''}`);
  const targetOf = (label: string) => {
    const m = new RegExp(`value="(a\\d+)"[^>]*>\\s*(?:<[^>]+>\\s*)*${label}`).exec(page);
    return m ? out.targets[Number(m[1].slice(1))] : undefined;
  };

  test('header, sections and texts, every text escaped', () => {
    expect(page).toContain('<h2 class="card-title"');
    expect(page).toContain('Titolo &lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('=HYPERLINK(&quot;http://x&quot;;&quot;y&quot;)');
    expect(page).toContain('class="card-header-img circle" src="https://example.it/logo.png"');
    expect(page).toContain('<h3 class="section-header"><b>Sezione</b> uno</h3>');
    expect(page).toContain('<b>grassetto</b> &lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toMatch(/<img src=x/i);
    expect(page).not.toContain('javascript:');
  });

  test('decoratedText: labels, icons, its button, its switch, a clickable row', () => {
    expect(page).toMatch(
      /<span class="dt-top">Sopra<\/span>\s*<span class="dt-text">Testo<\/span>\s*<span class="dt-bottom">Sotto<\/span>/,
    );
    expect(page).toContain('dt-body wrap');
    expect(page).toMatch(/class="dt-icon glyph" aria-hidden="true">🕒/);
    expect(page).toContain('<img class="dt-icon " src="https://example.it/i.png" alt="icona"');
    expect(targetOf('Apri')).toEqual({
      action: act('onOpen', [{ key: 'day', value: '2026-11-18' }]).action,
      dynamicLink: false,
    });
    expect(page).toMatch(
      /<input\s+type="checkbox"\s+class="switch"\s+name="w\.notify"\s+value="yes"[^>]*role="switch"[^>]*checked[^>]*data-change="a\d+"/,
    );
    expect(targetOf('Riga cliccabile')?.action.function).toBe('onRow');
  });

  test('buttons: filled, outlined, borderless, disabled, links, an image button', () => {
    expect(page).toMatch(
      /<button class="btn filled"[^>]*value="a\d+"[^>]*style="--btn:#558b2f"><span>Approva<\/span>/,
    );
    expect(targetOf('Approva')?.action.parameters).toEqual([{ key: 'id', value: '7' }]);
    expect(page).toMatch(/<button class="btn outlined"[^>]*><span>Rifiuta/);
    expect(page).toMatch(/<button type="button" class="btn filled" disabled[^>]*><span>Spento/);
    expect(page).toMatch(
      /<a class="btn text" href="https:\/\/example\.it\/x" target="_blank" rel="noopener noreferrer"/,
    );
    expect(page).toMatch(/<span class="btn outlined inert"[^>]*><span>Cattivo/);
    expect(page).toMatch(/<button class="btn icon"[^>]*aria-label="Aggiorna"/);
    expect(out.targets.some((t) => t.action.function === 'onNever')).toBe(false);
  });

  test('image, divider, grid (the item id in the parameters, as Google adds it)', () => {
    expect(page).toMatch(
      /<a class="image-click" href="https:\/\/example\.it\/"[^>]*><img src="https:\/\/example\.it\/foto\.png" alt="Foto"/,
    );
    expect(page).toContain('<hr class="w divider"/>');
    expect(page).toContain('grid-template-columns:repeat(2, minmax(0, 1fr))');
    const grid = out.targets.filter((t) => t.action.function === 'onGrid');
    expect(grid.map((t) => t.extraParameters)).toEqual([
      { grid_item_identifier: 'carpi' },
      { grid_item_identifier: 'soliera' },
    ]);
  });

  test('inputs: text, selections, pickers, with their values; a collapsible section', () => {
    expect(page).toMatch(
      /<label for="(addon-input-\d+)">Nota<\/label><input\s+id="\1"\s+type="text"\s+name="w\.note"\s+value="&lt;img src=x onerror=alert\(1\)&gt;"/,
    );
    expect(page).toContain('Facoltativa');
    expect(page).toMatch(/<textarea id="addon-input-\d+" name="w\.reason" rows="3"/);
    expect(page).toMatch(/type="checkbox"\s+class="check"[^>]*name="w\.days"\s+value="mon"\s+checked/);
    expect(page).toMatch(/type="radio"\s+class="radio"[^>]*name="w\.place"\s+value="site"\s+checked/);
    expect(page).toMatch(
      /<option value="soliera" selected> ?Soliera &lt;img src=x onerror=alert\(1\)&gt; ?<\/option>/,
    );
    expect(page).toMatch(
      /type="checkbox"\s+class="switch"[^>]*name="w\.flags"\s+value="urgent"\s+role="switch"/,
    );
    expect(page).toMatch(/type="date" name="w\.day" value="2026-11-18"/);
    expect(page).toMatch(/type="datetime-local" name="w\.at" value="2026-11-18T09:30"/);
    expect(page).toMatch(/type="time" name="w\.time" value="09:30"/);
    expect([...out.inputs.keys()]).toEqual([
      'notify',
      'note',
      'reason',
      'days',
      'place',
      'site',
      'flags',
      'day',
      'at',
      'time',
    ]);
    expect(page).toMatch(/<details class="more"> ?<summary> ?<span class="more-label">Mostra altro/);
  });

  test('fixed footer and card actions', () => {
    expect(squash(out.footer?.text ?? '')).toMatch(
      /btn outlined[^>]*><span>Annulla<\/span>[\s\S]*btn filled[^>]*><span>Invia/,
    );
    expect(out.cardActions.map((a) => a.label)).toEqual(['Aiuto', 'Sito']);
    expect(out.cardActions[1].click.text).toContain('href="https://example.it/"');
  });

  test('what the user typed is shown instead of the card values', () => {
    const again = renderCards([EVERYTHING], { values: { note: ['scritto'], days: ['tue'], notify: [] } }).html
      .text;
    expect(again).toMatch(/name="w\.note"\s+value="scritto"/);
    expect(again).toMatch(/name="w\.days"\s+value="tue"\s+checked/);
    expect(again).not.toMatch(/name="w\.notify"[^>]*checked/);
  });
});

describe('the event object', () => {
  const inputs = renderCards([EVERYTHING]).inputs;
  const posted: Record<string, string[]> = {
    note: ['una nota'],
    reason: [''],
    days: ['mon', 'tue'],
    place: ['home'],
    day: ['2026-11-18'],
    at: ['2026-07-01T09:30'],
    time: ['14:05'],
  };
  const formInputs = formInputsOf(inputs, (n) => posted[n] ?? []);
  const NOW = Date.UTC(2026, 10, 16, 8); // 16 Nov 2026, 09:00 in Rome

  test('formInputs as Google documents them; blanks left out', () => {
    expect(formInputs).toEqual({
      note: { stringInputs: { value: ['una nota'] } },
      days: { stringInputs: { value: ['mon', 'tue'] } },
      place: { stringInputs: { value: ['home'] } },
      day: { dateInput: { msSinceEpoch: String(Date.UTC(2026, 10, 18)) } },
      at: {
        dateTimeInput: { msSinceEpoch: String(Date.UTC(2026, 6, 1, 7, 30)), hasDate: true, hasTime: true },
      },
      time: { timeInput: { hours: 14, minutes: 5 } },
    });
  });

  test('a widget action in Gmail: common fields, the message, the original Gmail add-on fields', () => {
    const e = buildEvent({
      host: 'GMAIL',
      context: { host: 'GMAIL', messageId: 'm1', accessToken: 't1' },
      nowMs: NOW,
      useLocaleFromApp: true,
      widget: { parameters: { id: '7' }, formInputs },
    });
    expect(e).toMatchObject({
      commonEventObject: {
        hostApp: 'GMAIL',
        platform: 'WEB',
        userLocale: 'it-IT',
        timeZone: { id: 'Europe/Rome', offset: 3600000 },
        parameters: { id: '7' },
        formInputs,
      },
      gmail: { messageId: 'm1', threadId: 'm1', accessToken: 't1' },
      messageMetadata: { messageId: 'm1', accessToken: 't1' },
      hostApp: 'gmail',
      clientPlatform: 'web',
      userLocale: 'it',
      userCountry: 'IT',
      userTimezone: { id: 'Europe/Rome', offset: '3600000' },
      parameters: { id: '7' },
      formInput: { note: 'una nota', days: 'mon', place: 'home' },
      formInputs: { note: ['una nota'], days: ['mon', 'tue'], place: ['home'] },
    });
  });

  test('a homepage has no widget fields; Calendar shows attendees only with currentEventAccess', () => {
    const home = buildEvent({ host: 'SHEETS', context: null, nowMs: NOW, useLocaleFromApp: false });
    expect(home).toEqual({
      commonEventObject: { hostApp: 'SHEETS', platform: 'WEB' },
      sheets: { addonHasFileScopePermission: false },
      hostApp: 'sheets',
      clientPlatform: 'web',
    });
    const context = {
      host: 'CALENDAR' as const,
      calendarId: 'c@group.calendar.google.com',
      eventId: 'e1',
      organizer: 'c@group.calendar.google.com',
      attendees: ['a@b.it'],
    };
    const bare = buildEvent({ host: 'CALENDAR', context, nowMs: NOW, useLocaleFromApp: true });
    expect(bare.calendar).toEqual({
      calendarId: context.calendarId,
      id: 'e1',
      organizer: { email: context.organizer },
    });
    const read = buildEvent({
      host: 'CALENDAR',
      context,
      nowMs: NOW,
      useLocaleFromApp: true,
      currentEventAccess: 'READ',
    });
    expect(read.calendar).toMatchObject({
      capabilities: { canSeeAttendees: true, canAddAttendees: false },
      attendees: [{ email: 'a@b.it' }],
    });
  });

  test('the manifest as the panel reads it', () => {
    const m = readManifest(JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8')));
    expect(m.name).toBe('Agorà — lavoro agile');
    expect(m.homepage.SHEETS).toBe('onHomepage');
    expect(m.primaryColor).toBe('#1b5e20');
    expect(m.universalActions.length).toBeGreaterThan(0);
    const own = readManifest({
      addOns: {
        common: {
          name: 'X',
          homepageTrigger: { runFunction: 'home' },
          layoutProperties: { primaryColor: '#123456' },
        },
        gmail: {
          homepageTrigger: { runFunction: 'gmailHome' },
          contextualTriggers: [{ onTriggerFunction: 'onMail' }],
        },
        calendar: { homepageTrigger: { runFunction: 'off', enabled: false } },
      },
    });
    expect(own.homepage).toEqual({ GMAIL: 'gmailHome', CALENDAR: null, SHEETS: 'home' });
    expect(own.contextual.GMAIL).toBe('onMail');
    expect(own.buttonColor).toBe('#123456');
  });
});

// ---- over HTTP ------------------------------------------------------------------------------

/** Functions appended to the bundle (a copy, in a temporary folder) to drive the panel. */
const PROBES = `
function probeCard_(e) {
  return CardService.newCardBuilder()
    .setName('sonda')
    .setHeader(CardService.newCardHeader().setTitle(${JSON.stringify(XSS)}).setSubtitle(${JSON.stringify(FORMULA)}))
    .addSection(CardService.newCardSection()
      .setHeader('<b>Sonda</b>')
      .addWidget(CardService.newTextParagraph().setText(${JSON.stringify(`${XSS} <b>ok</b> ${FORMULA}`)}))
      .addWidget(CardService.newDecoratedText().setTopLabel(${JSON.stringify(FORMULA)}).setText(${JSON.stringify(XSS)}))
      .addWidget(CardService.newTextInput().setFieldName('nota').setTitle('Nota'))
      .addWidget(CardService.newButtonSet()
        .addButton(CardService.newTextButton().setText('Eco').setOnClickAction(
          CardService.newAction().setFunctionName('probeEcho').setParameters({ chiave: 'valore' })))
        .addButton(CardService.newTextButton().setText('Guasto').setOnClickAction(
          CardService.newAction().setFunctionName('probeThrow')))))
    .build();
}
function probeHome(e) { return probeCard_(e); }
function probeUniversal(e) {
  return CardService.newUniversalActionResponseBuilder().displayAddOnCards([probeCard_(e)]).build();
}
function probeEcho(e) {
  var nota = e.commonEventObject.formInputs.nota ? e.commonEventObject.formInputs.nota.stringInputs.value[0] : '';
  return CardService.newActionResponseBuilder()
    .setNotification(CardService.newNotification().setText('Eco: ' + nota + ' ' + e.commonEventObject.parameters.chiave))
    .build();
}
function probeThrow(e) { throw new Error('Guasto <b>voluto</b> ' + ${JSON.stringify(XSS)}); }
`;

describe('the hosts over HTTP', () => {
  let dir = '';
  let stateFile = '';
  let playground: Playground | null = null;
  let manager = '';
  let message = { id: '', subject: '' };

  jest.setTimeout(300_000);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'agora-addon-'));
    stateFile = join(dir, 'state.json');
    // A copy of this run's bundle: another Jest run may rebuild .cache/test-bundle meanwhile.
    mkdirSync(join(dir, 'bundle'));
    for (const file of ['Code.js', 'appsscript.json'])
      copyFileSync(join(dirname(bundlePath()), file), join(dir, 'bundle', file));
    playground = await startPlayground({
      port: 0,
      stateFile,
      codePath: join(dir, 'bundle', 'Code.js'),
      reset: true,
      seedCacheFile: join(ROOT, '.cache', 'addon-test-seed.json'),
    });
    // A manager with a digest in their mailbox.
    const managers = playground.backend.people().find((g) => g.group === 'Responsabili')?.options ?? [];
    for (const m of managers) {
      const digest = playground.backend.mailbox(m.email).find((x) => x.subject.startsWith('Da approvare'));
      if (digest) {
        manager = m.email;
        message = { id: digest.id, subject: digest.subject };
        break;
      }
    }
    expect(manager).not.toBe('');
  });

  afterAll(async () => {
    await playground?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function request(
    path: string,
    opts: { user: string; form?: Record<string, string>; panel?: boolean; origin?: string },
  ): Promise<{ status: number; text: string; location: string | null }> {
    const pg = playground as Playground;
    const headers: Record<string, string> = { Cookie: `${USER_COOKIE}=${encodeURIComponent(opts.user)}` };
    if (opts.panel) headers['X-Agora-Panel'] = '1';
    if (opts.origin) headers.Origin = opts.origin;
    let body: string | undefined;
    if (opts.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(opts.form).toString();
    }
    const res = await fetch(pg.url + path, {
      method: body ? 'POST' : 'GET',
      headers,
      body,
      redirect: 'manual',
    });
    const text = await res.text();
    const html = (res.headers.get('content-type') ?? '').startsWith('text/html');
    return { status: res.status, text: html ? squash(text) : text, location: res.headers.get('location') };
  }

  interface PanelReply {
    view: string | null;
    toast: string | null;
    link: string | null;
  }
  const panelReply = (text: string): PanelReply => {
    const reply = JSON.parse(text) as PanelReply;
    return { ...reply, view: reply.view === null ? null : squash(reply.view) };
  };

  /** The panel's hidden fields in a page or a view. */
  const panelFields = (page: string) => {
    const text = page.slice(page.indexOf('class="addon-form"'));
    return {
      host: /name="host" value="([^"]*)"/.exec(text)?.[1] ?? '',
      ctx: (/name="ctx" value="([^"]*)"/.exec(text)?.[1] ?? '').replace(/&#39;/g, "'"),
      rev: /name="rev" value="(\d+)"/.exec(text)?.[1] ?? '',
      torna: (/name="torna" value="([^"]*)"/.exec(text)?.[1] ?? '').replace(/&amp;/g, '&'),
    };
  };

  test('every host answers for an employee, a manager and HR, with the panel', async () => {
    for (const user of [EMPLOYEE, manager, HR_ACCOUNT])
      for (const path of ['/gmail', '/calendar', '/fogli', '/calendar?mese=2026-10']) {
        const reply = await request(path, { user });
        expect([user, path, reply.status]).toEqual([user, path, 200]);
        expect(reply.text).toContain('class="addon-panel"');
        expect(reply.text).toContain('<span class="tb-title">Agorà — lavoro agile</span>');
        expect([user, path, reply.text.includes('error-card')]).toEqual([user, path, false]);
        expect(reply.text).toMatch(/<h2 class="card-title"/);
      }
    // The nav lists the hosts.
    const page = await request('/fogli', { user: EMPLOYEE });
    expect(page.text).toMatch(/<a href="\/gmail"[^>]*>Gmail<\/a/);
    expect(page.text).toMatch(/<a href="\/calendar" class="on"|<a href="\/fogli" class="on"/);
  });

  test('Gmail: the inbox, an open message and its contextual card', async () => {
    const inbox = await request('/gmail', { user: manager });
    expect(inbox.text).toContain(`/gmail?messaggio=${message.id}&amp;apri=1`);
    const open = await request(`/gmail?messaggio=${message.id}&apri=1`, { user: manager });
    expect(open.status).toBe(200);
    expect(open.text).toContain('<article class="mail-view">');
    expect(open.text).toMatch(/<a href="\/html\/doGet\?giorni=[^"]*" target="_blank"/);
    const fields = panelFields(open.text);
    expect(fields).toMatchObject({
      host: 'GMAIL',
      ctx: `msg:${message.id}`,
      torna: `/gmail?messaggio=${message.id}`,
    });
    // Somebody else's message is not opened.
    const other = await request(`/gmail?messaggio=${message.id}`, { user: EMPLOYEE });
    expect(other.text).toContain('non è nella posta');
  });

  test('Calendar: the month of the shared calendar as the user reads it, an event opened', async () => {
    const month = await request('/calendar?mese=2026-11', { user: manager });
    const eventLink = /href="(\/calendar\?mese=2026-11&amp;evento=[^"]+&amp;apri=1)"/.exec(month.text)?.[1];
    expect(eventLink).toBeTruthy();
    const open = await request((eventLink as string).replace(/&amp;/g, '&'), { user: manager });
    expect(open.text).toContain('<div class="event-card">');
    expect(panelFields(open.text).ctx).toMatch(/^event:.+@group\.calendar\.google\.com\/.+/);
  });

  test('a universal action round trip: the card pushed, the back arrow pops it', async () => {
    const pg = playground as Playground;
    const calls: { name: string; event: Record<string, unknown> }[] = [];
    const run = pg.backend.runAddOn.bind(pg.backend);
    pg.backend.runAddOn = (user, name, event) => {
      calls.push({ name, event: event as Record<string, unknown> });
      return run(user, name, event);
    };
    try {
      const page = await request('/fogli?apri=1', { user: manager });
      expect(calls.map((c) => c.name)).toEqual(['onHomepage']);
      expect(calls[0].event).toMatchObject({ commonEventObject: { hostApp: 'SHEETS', platform: 'WEB' } });
      const fields = panelFields(page.text);
      const universal = /name="_do" value="(u\d+)"[^>]*>([^<]+)</.exec(page.text);
      expect(universal).toBeTruthy();
      const reply = await request('/addon/azione', {
        user: manager,
        panel: true,
        form: { ...fields, _do: (universal as RegExpExecArray)[1] },
      });
      expect(reply.status).toBe(200);
      const json = panelReply(reply.text);
      expect(json.view).toContain('value="back"');
      expect(json.view).toMatch(/<h2 class="card-title"/);
      expect(json.view).not.toContain('error-card');
      const back = await request('/addon/azione', {
        user: manager,
        panel: true,
        form: { ...panelFields(json.view as string), _do: 'back' },
      });
      expect(panelReply(back.text).view as string).not.toContain('value="back"');
      // Without the page's script: the form posts, and the page comes back.
      const plain = await request('/addon/azione', {
        user: manager,
        form: { ...panelFields(panelReply(back.text).view as string), _do: 'u0' },
      });
      expect(plain.status).toBe(303);
      expect(plain.location).toBe('/fogli');
      expect((await request('/fogli', { user: manager })).text).toContain('value="back"');
      // A click on a card that is no longer there does nothing but say so.
      const stale = await request('/addon/azione', {
        user: manager,
        panel: true,
        form: { ...fields, _do: 'a0' },
      });
      expect(panelReply(stale.text)).toMatchObject({ toast: expect.stringContaining('cambiata') });
      // Another site cannot click for the user.
      const forged = await request('/addon/azione', {
        user: manager,
        origin: 'http://evil.example',
        form: { ...fields, _do: 'u0' },
      });
      expect(forged.status).toBe(403);
    } finally {
      pg.backend.runAddOn = run;
    }
  });

  describe('with probe functions in the bundle', () => {
    beforeAll(async () => {
      await playground?.close();
      // The same Workspace, with a bundle that has the probes and a manifest that uses them.
      const probeDir = join(dir, 'probe');
      mkdirSync(probeDir, { recursive: true });
      writeFileSync(join(probeDir, 'Code.js'), readFileSync(join(dir, 'bundle', 'Code.js'), 'utf8') + PROBES);
      const manifest = JSON.parse(readFileSync(join(dir, 'bundle', 'appsscript.json'), 'utf8'));
      manifest.addOns.sheets = { homepageTrigger: { runFunction: 'probeHome', enabled: true } };
      manifest.addOns.common.universalActions = [
        { label: 'Sonda', runFunction: 'probeUniversal' },
        { label: 'Errore', runFunction: 'probeThrow' },
      ];
      writeFileSync(join(probeDir, 'appsscript.json'), JSON.stringify(manifest));
      playground = await startPlayground({ port: 0, stateFile, codePath: join(probeDir, 'Code.js') });
      expect(playground.backend.seeded).toBeNull();
    });

    test('card texts are escaped end to end; formatting Google allows is kept', async () => {
      const page = await request('/fogli?apri=1', { user: manager });
      expect(page.text).toMatch(
        /<h2 class="card-title" id="addon-title-\d+" tabindex="-1">&lt;img src=x onerror=alert\(1\)&gt;<\/h2>/,
      );
      expect(page.text).toContain('=HYPERLINK(&quot;http://x&quot;;&quot;y&quot;)');
      expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt; <b>ok</b>');
      expect(page.text).toContain('<h3 class="section-header"><b>Sonda</b></h3>');
      expect(page.text).not.toMatch(/<img src=x/i);
    });

    test('an action gets the form and the parameters; its notification comes back', async () => {
      const page = await request('/fogli', { user: manager });
      const eco = /name="_do" value="(a\d+)"[^>]*><span>Eco</.exec(page.text)?.[1] as string;
      const reply = await request('/addon/azione', {
        user: manager,
        panel: true,
        form: { ...panelFields(page.text), _do: eco, 'w.nota': 'ciao <b>' },
      });
      expect(panelReply(reply.text)).toEqual({ view: null, toast: 'Eco: ciao <b> valore', link: null });
      // Without the script, the notification is shown once on the page that comes back, escaped.
      await request('/addon/azione', {
        user: manager,
        form: { ...panelFields(page.text), _do: eco, 'w.nota': XSS },
      });
      const shown = await request('/fogli', { user: manager });
      expect(shown.text).toContain('<span>Eco: &lt;img src=x onerror=alert(1)&gt; valore</span>');
      expect(shown.text).toMatch(/name="w\.nota"\s+value="&lt;img src=x onerror=alert\(1\)&gt;"/);
      expect((await request('/fogli', { user: manager })).text).not.toContain('Eco:');
    });

    test("a script error is Google's error card, escaped; the cards under it stay", async () => {
      const page = await request('/fogli', { user: manager });
      const guasto = /name="_do" value="(a\d+)"[^>]*><span>Guasto</.exec(page.text)?.[1] as string;
      const reply = await request('/addon/azione', {
        user: manager,
        panel: true,
        form: { ...panelFields(page.text), _do: guasto },
      });
      const view = panelReply(reply.text).view as string;
      expect(view).toContain('error-card');
      expect(view).toContain('Si è verificato un errore con il componente aggiuntivo.');
      expect(view).toContain('Guasto &lt;b&gt;voluto&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt;');
      expect(view).toContain('Funzione: probeThrow');
      const closed = await request('/addon/azione', {
        user: manager,
        panel: true,
        form: { ...panelFields(view), _do: 'dismiss' },
      });
      expect(panelReply(closed.text).view as string).toContain('&lt;img src=x onerror=alert(1)&gt;</h2>');
      // A universal action that throws, and a homepage that throws: the page still answers.
      const u = await request('/addon/azione', {
        user: manager,
        panel: true,
        form: { ...panelFields(panelReply(closed.text).view as string), _do: 'u1' },
      });
      expect(panelReply(u.text).view as string).toContain('Funzione: probeThrow');
      const outsider = await request('/fogli?apri=1', { user: 'someone@elsewhere.example' });
      expect(outsider.status).toBe(200);
      expect(outsider.text).toContain('error-card');
    });
  });
});
