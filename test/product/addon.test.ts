// The Workspace add-on through the bundle: the cards each role meets in Sheets, Gmail and
// Calendar (their JSON as Card.printJson() prints it), and the actions behind their buttons,
// with Google's event objects, running as the user and going through the owner's web app.
import { addOnEvent, type CardInput } from '../../dev/driver';
import {
  actionResponseJson,
  cardJson,
  universalActionResponseJson,
  type ActionResponseJson,
  type CardJson,
  type WidgetJson,
} from '../../dev/workspace/card';
import { messageAccessToken } from '../../dev/workspace/gmail';
import { ANNA, LUCA, MANAGER, OWNER, Product, bundlePath, smallOrg } from '../helpers/product';

beforeAll(() => {
  bundlePath();
});

let saved: string;
beforeAll(() => {
  const p = Product.start({ at: '2026-11-02T09:05' });
  p.submit(ANNA, ['2026-11-09', '2026-11-10']);
  p.submit(LUCA, ['2026-11-11']);
  saved = p.save();
});

/** Every text of a card, in order, for assertions on what people read. */
function texts(card: CardJson | null): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (
          typeof x === 'string' &&
          ['title', 'subtitle', 'text', 'topLabel', 'bottomLabel', 'label', 'header'].includes(k)
        )
          out.push(x);
        else walk(x);
      }
  };
  walk(card);
  return out;
}
const all = (card: CardJson | null) => texts(card).join('\n');

/** The checkboxes of a list of days: field name and value. */
function checkboxes(card: CardJson | null): { name: string; value: string; selected: boolean }[] {
  const out: { name: string; value: string; selected: boolean }[] = [];
  for (const s of card?.sections ?? [])
    for (const w of s.widgets as WidgetJson[]) {
      const sw = 'decoratedText' in w ? w.decoratedText.switchControl : undefined;
      if (sw) out.push({ name: sw.name, value: sw.value ?? '', selected: sw.selected ?? false });
    }
  return out;
}

/** The card an action response pushes, or updates, as its first navigation. */
function pushed(r: ActionResponseJson | null): CardJson | null {
  const step = r?.renderActions.action.navigations?.[0];
  return step && 'pushCard' in step ? step.pushCard : null;
}
function updated(r: ActionResponseJson | null): CardJson | null {
  const step = r?.renderActions.action.navigations?.[0];
  return step && 'updateCard' in step ? step.updateCard : null;
}

function act(
  p: Product,
  user: string,
  params: Record<string, string>,
  inputs: Record<string, CardInput> = {},
  host: 'GMAIL' | 'SHEETS' = 'SHEETS',
) {
  const response = p.bundle.runAddOn(user, 'onCardAction', addOnEvent({ host, parameters: params, inputs }));
  return actionResponseJson(response);
}

describe('homepage by role', () => {
  test('an employee: this week and month, upcoming days with their status, request and calendar opt-in', () => {
    const p = Product.fromState(saved);
    const card = cardJson(p.bundle.runAddOn(ANNA, 'onHomepage', addOnEvent({ host: 'GMAIL' })));
    const text = all(card);
    expect(card?.header?.subtitle).toBe('Anna Rossi');
    expect(text).toContain('Questa settimana (2–8 novembre 2026)');
    expect(text).toContain('Questo mese (novembre 2026)');
    expect(text).toContain('lun 9 nov 2026');
    expect(text).toContain('<b>in attesa</b> · casa');
    expect(text).toContain('Mostra le mie giornate come luogo di lavoro nel mio calendario');
    expect(text).not.toContain('Da approvare');
    expect(text).not.toMatch(/2026-11-09|home\b|WEEKLY_CAP/);
  });

  test('a manager: what waits for them, by person; HR: the register too', () => {
    const p = Product.fromState(saved);
    const manager = all(cardJson(p.bundle.runAddOn(MANAGER, 'onHomepage', addOnEvent({ host: 'SHEETS' }))));
    expect(manager).toContain('3 giornate di 2 persone');
    expect(manager).not.toContain('Servizio personale');
    const hr = all(cardJson(p.bundle.runAddOn(OWNER, 'onHomepage', addOnEvent({ host: 'CALENDAR' }))));
    expect(hr).toContain('Da approvare (tutto l’ente)');
    expect(hr).toContain('Servizio personale');
    expect(hr).toContain('Nessun problema nelle righe');
  });
});

describe('deciding from the card', () => {
  test('the list is grouped by person and week with the year; select all, count, approve; a repeat says it was done', () => {
    const p = Product.fromState(saved);
    const list = act(p, MANAGER, { azione: 'pending', nav: 'push' });
    const card = pushed(list);
    const text = all(card);
    expect(text).toContain('Anna Rossi — Servizi al personale');
    expect(text).toContain('<b>settimana 9–15 novembre 2026</b>');
    expect(text).toContain('Nessuna giornata selezionata');
    expect(checkboxes(card).map((c) => c.value)).toEqual([
      `${ANNA}|2026-11-09`,
      `${ANNA}|2026-11-10`,
      `${LUCA}|2026-11-11`,
    ]);
    // Select all: the card comes back with every box ticked and the count.
    const selectAll = act(p, MANAGER, {
      azione: 'select',
      tutte: 'sì',
      pagina: '1',
      persona: '',
      settore: '',
    });
    const ticked = updated(selectAll);
    expect(checkboxes(ticked).every((c) => c.selected)).toBe(true);
    expect(all(ticked)).toContain('3 giornate selezionate');
    // Approve two of them (the boxes a person ticks are form inputs).
    const inputs = Object.fromEntries(
      checkboxes(card)
        .slice(0, 2)
        .map((c) => [c.name, c.value]),
    );
    const approved = act(p, MANAGER, { azione: 'approve', pagina: '1', persona: '', settore: '' }, inputs);
    expect(approved?.renderActions.action.notification?.text).toBe('2 giornate approvate');
    expect(p.day(ANNA, '2026-11-09').status).toBe('approved');
    expect(p.day(LUCA, '2026-11-11').status).toBe('pending');
    // The same click again (a double click, a retry): done already, not a failure.
    const again = act(p, MANAGER, { azione: 'approve', pagina: '1', persona: '', settore: '' }, inputs);
    expect(again?.renderActions.action.notification?.text).toBe('2 erano già approvate');
  });

  test('a rejection needs a reason; with one, the days are rejected and the list redrawn', () => {
    const p = Product.fromState(saved);
    const form = act(
      p,
      MANAGER,
      { azione: 'reject-form', pagina: '1', persona: '', settore: '' },
      {
        [`giorno:${LUCA}|2026-11-11`]: `${LUCA}|2026-11-11`,
      },
    );
    const card = pushed(form);
    expect(all(card)).toContain('Rifiutare 1 giornata?');
    expect(all(card)).toContain('Luca Bianchi — mer 11 nov 2026');
    const noReason = act(
      p,
      MANAGER,
      { azione: 'reject', giorni: `${LUCA}|2026-11-11`, pagina: '1' },
      { motivazione: '  ' },
    );
    expect(noReason?.renderActions.action.notification?.text).toBe(
      'Scrivi la motivazione del rifiuto: è obbligatoria.',
    );
    expect(p.day(LUCA, '2026-11-11').status).toBe('pending');
    const done = act(
      p,
      MANAGER,
      { azione: 'reject', giorni: `${LUCA}|2026-11-11`, pagina: '1' },
      {
        motivazione: 'Sportello aperto',
      },
    );
    expect(done?.renderActions.action.notification?.text).toBe('1 giornata rifiutata');
    expect(done?.renderActions.action.navigations?.map((n) => Object.keys(n)[0])).toEqual([
      'pop',
      'updateCard',
    ]);
    expect(p.day(LUCA, '2026-11-11')).toMatchObject({ status: 'rejected', reason: 'Sportello aperto' });
  });

  test('a colleague cannot decide through the card: the web app refuses for them', () => {
    const p = Product.fromState(saved);
    const r = act(
      p,
      LUCA,
      { azione: 'approve', pagina: '1' },
      { [`giorno:${ANNA}|2026-11-09`]: `${ANNA}|2026-11-09` },
    );
    expect(r?.renderActions.action.notification?.text).toMatch(/^lun 9 nov 2026: Solo il responsabile/);
    expect(p.day(ANNA, '2026-11-09').status).toBe('pending');
  });
});

describe('requesting from the card', () => {
  test('two days are recorded at once; a third in the same week is refused by the weekly cap, with the reason', () => {
    const p = Product.fromState(saved);
    const open = act(p, LUCA, { azione: 'request' });
    const card = pushed(open);
    const token = JSON.stringify(card).match(/"key":"token","value":"([^"]+)"/)?.[1] as string;
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    const send = act(
      p,
      LUCA,
      { azione: 'send-request', token },
      {
        data1: { date: '2026-11-16' },
        data2: { date: '2026-11-17' },
        data3: { date: '2026-11-18' },
        luogo: 'home',
        nota: '<img src=x onerror=alert(1)>',
      },
    );
    expect(send?.renderActions.action.notification?.text).toBe(
      '2 giornate in attesa del responsabile, 1 respinta dalle regole.',
    );
    const outcome = all(updated(send));
    expect(outcome).toContain('mer 18 nov 2026');
    expect(outcome).toContain(
      'Limite settimanale superato: 3 giornate su 2 nella settimana 16–22 novembre 2026.',
    );
    expect(
      p
        .days()
        .filter((d) => d.employee === LUCA && d.date >= '2026-11-16')
        .map((d) => [d.date, d.status]),
    ).toEqual([
      ['2026-11-16', 'pending'],
      ['2026-11-17', 'pending'],
      ['2026-11-18', 'refused'],
    ]);
    expect(p.day(LUCA, '2026-11-16').note).toBe('<img src=x onerror=alert(1)>');
    // The same card sent again (a double click): recorded once.
    const rows = p.days().length;
    const again = act(
      p,
      LUCA,
      { azione: 'send-request', token },
      { data1: { date: '2026-11-16' }, luogo: 'home' },
    );
    expect(again?.renderActions.action.notification?.text).toBe(
      'Questa richiesta era già stata registrata: ecco il suo esito.',
    );
    expect(p.days()).toHaveLength(rows);
  });
});

describe('working location on the employee’s own calendar', () => {
  test('the opt-in is stored, the approved days appear as working location, and an hourly trigger of theirs keeps them', () => {
    const p = Product.fromState(saved);
    p.approve(MANAGER, [{ employee: ANNA, date: '2026-11-09' }]);
    const on = act(p, ANNA, { azione: 'opt-in' }, { 'luogo-di-lavoro': 'sì' });
    expect(on?.renderActions.action.notification?.text).toMatch(/compaiono nel tuo calendario/);
    expect(p.register().employees.find((e) => e.email === ANNA)?.workingLocationOptIn).toBe(true);
    const own = () =>
      Object.values(p.state.calendar.events).filter((e) => e.calendarId === ANNA && e.status !== 'cancelled');
    expect(own().map((e) => e.startDate)).toEqual(['2026-11-09']);
    const mine = p.state.script.triggers.filter((t) => t.owner === ANNA);
    expect(mine.map((t) => [t.handler, t.clock?.kind, t.clock?.every])).toEqual([
      ['onWorkingLocationTimer', 'hours', 1],
    ]);
    // A later approval reaches her calendar at the next hourly run, as her.
    p.approve(MANAGER, [{ employee: ANNA, date: '2026-11-10' }]);
    p.runTimersUntil('2026-11-02T10:30');
    expect(
      own()
        .map((e) => e.startDate)
        .sort(),
    ).toEqual(['2026-11-09', '2026-11-10']);
    // Opting out removes them and the trigger.
    act(p, ANNA, { azione: 'opt-in' }, {});
    expect(own()).toEqual([]);
    expect(p.state.script.triggers.filter((t) => t.owner === ANNA)).toEqual([]);
  });
});

describe('Gmail: the card of an Agorà mail', () => {
  test('a manager opens the digest: exactly its days, decidable from there', () => {
    const p = Product.fromState(saved);
    p.runTimersUntil('2026-11-02T10:10');
    const digest = p.state.mail.outbox.find((m) => m.to === MANAGER && m.subject.startsWith('Da approvare'));
    expect(digest).toBeDefined();
    const gmail = {
      messageId: digest?.id as string,
      accessToken: messageAccessToken(MANAGER, digest?.id as string),
    };
    const card = cardJson(p.bundle.runAddOn(MANAGER, 'onGmailMessage', addOnEvent({ host: 'GMAIL', gmail })));
    expect(card?.header?.title).toBe('Da approvare');
    expect(checkboxes(card).map((c) => c.value)).toEqual([
      `${ANNA}|2026-11-09`,
      `${ANNA}|2026-11-10`,
      `${LUCA}|2026-11-11`,
    ]);
    // Approve from Gmail: the action carries the open message.
    const r = actionResponseJson(
      p.bundle.runAddOn(
        MANAGER,
        'onCardAction',
        addOnEvent({
          host: 'GMAIL',
          gmail,
          parameters: { azione: 'approve', vista: 'mail' },
          inputs: { [`giorno:${LUCA}|2026-11-11`]: `${LUCA}|2026-11-11` },
        }),
      ),
    );
    expect(r?.renderActions.action.notification?.text).toBe('1 giornata approvata');
    expect(p.day(LUCA, '2026-11-11').status).toBe('approved');
    // Without the message's access token the add-on cannot read the mail: no days shown.
    const other = cardJson(
      p.bundle.runAddOn(
        MANAGER,
        'onGmailMessage',
        addOnEvent({ host: 'GMAIL', gmail: { ...gmail, accessToken: 'x' } }),
      ),
    );
    expect(other?.header?.title).toBe('Agorà non è raggiungibile');
  });

  test("an employee's receipt shows their days and statuses; a colleague's mail is not theirs to read", () => {
    const p = Product.fromState(saved);
    p.deliverMail();
    const receipt = p.state.mail.outbox.find((m) => m.to === ANNA && m.subject.startsWith('Ricevuta'));
    const gmail = {
      messageId: receipt?.id as string,
      accessToken: messageAccessToken(ANNA, receipt?.id as string),
    };
    const card = cardJson(p.bundle.runAddOn(ANNA, 'onGmailMessage', addOnEvent({ host: 'GMAIL', gmail })));
    expect(card?.header?.title).toBe('Le giornate della mail');
    expect(all(card)).toContain('Anna Rossi — lun 9 nov 2026');
    expect(checkboxes(card)).toEqual([]);
  });
});

describe('Calendar: a smart-working event', () => {
  test('shows its day and status; the manager can cancel it, after confirming', () => {
    const p = Product.fromState(saved);
    p.approve(MANAGER, [{ employee: ANNA, date: '2026-11-09' }]);
    const event = p.events().find((e) => e.date === '2026-11-09') as { id: string };
    const calendar = { calendarId: p.calendarId, id: event.id };
    const card = cardJson(
      p.bundle.runAddOn(MANAGER, 'onCalendarEvent', addOnEvent({ host: 'CALENDAR', calendar })),
    );
    expect(card?.header?.title).toBe('Giornata di lavoro agile');
    expect(all(card)).toContain('Anna Rossi — lun 9 nov 2026');
    expect(all(card)).toContain('<b>approvata</b> · casa');
    const ask = act(p, MANAGER, {
      azione: 'cancel-ask',
      dipendente: ANNA,
      nome: 'Anna Rossi',
      data: '2026-11-09',
      etichetta: 'lun 9 nov 2026',
    });
    expect(all(pushed(ask))).toContain(
      'Annullare la giornata di lavoro agile di Anna Rossi di <b>lun 9 nov 2026</b>?',
    );
    const done = act(p, MANAGER, { azione: 'cancel', dipendente: ANNA, data: '2026-11-09' });
    expect(done?.renderActions.action.notification?.text).toBe('Giornata di lun 9 nov 2026 annullata.');
    expect(p.day(ANNA, '2026-11-09').status).toBe('cancelled');
    const twice = act(p, MANAGER, { azione: 'cancel', dipendente: ANNA, data: '2026-11-09' });
    expect(twice?.renderActions.action.notification?.text).toBe('La giornata era già annullata.');
  });
});

describe('universal actions and the guide', () => {
  test('"Le mie giornate", "Da approvare", "Guida"', () => {
    const p = Product.fromState(saved);
    const month = universalActionResponseJson(
      p.bundle.runAddOn(ANNA, 'onMyDaysAction', addOnEvent({ host: 'GMAIL' })),
    );
    expect(JSON.stringify(month)).toContain('novembre 2026');
    const pending = universalActionResponseJson(
      p.bundle.runAddOn(MANAGER, 'onToApproveAction', addOnEvent({ host: 'GMAIL' })),
    );
    expect(JSON.stringify(pending)).toContain('Anna Rossi');
    const guide = universalActionResponseJson(
      p.bundle.runAddOn(LUCA, 'onGuideAction', addOnEvent({ host: 'GMAIL' })),
    );
    expect(JSON.stringify(guide)).toContain('Disconnessione');
  });
});

describe('HR from the card', () => {
  test('setup and the register check are forwarded to the owner’s web app for an HR administrator, refused for others', () => {
    const org = smallOrg();
    const HR2 = 'personale@terredargine.example';
    org.admins.push(HR2);
    const p = Product.start({ seed: org });
    const check = act(p, HR2, { azione: 'admin-check' });
    expect(check?.renderActions.action.notification?.text).toBe('Nessun problema nel registro.');
    const setup = act(p, HR2, { azione: 'admin-setup' });
    expect(setup?.renderActions.action.notification?.text).toBe('Era già tutto configurato.');
    const refused = act(p, MANAGER, { azione: 'admin-setup' });
    expect(refused?.renderActions.action.notification?.text).toBe('Solo il servizio personale può farlo.');
  });

  test('the Ministry batch and the people’s folders, from HR’s card; refused for a manager', () => {
    const org = smallOrg();
    const HR2 = 'personale@terredargine.example';
    org.admins.push(HR2);
    const p = Product.start({ seed: org });
    const text = (user: string, azione: string) =>
      act(p, user, { azione })?.renderActions.action.notification?.text;
    // No staff records yet: three notices, all incomplete.
    expect(text(HR2, 'admin-ministry')).toBe(
      '3 comunicazioni da inviare nel foglio «Agorà — Comunicazioni al Ministero»; 3 righe incomplete: completa le schede del personale.',
    );
    expect(text(HR2, 'admin-drive')).toMatch(
      /^Cartelle del personale: 3 cartelle create, \d+ condivisioni aggiunte\.$/,
    );
    expect(text(HR2, 'admin-drive')).toBe('Le cartelle del personale erano già in ordine.');
    for (const azione of ['admin-ministry', 'admin-drive'])
      expect(text(MANAGER, azione)).toBe('Solo il servizio personale può farlo.');
  });
});
