// The add-on's cards (CardService), built from the read model the owner's web app returns
// (src/app/overview.ts). Italian, for a side panel and for the Gmail app on a phone: short
// lines, one action per button, dates as "lun 16 nov 2026", never an id or an English code.
// Every action goes to one function, `onCardAction`, with the parameter `azione` saying which;
// the gas layer (src/gas/addon.ts) reads the event and answers with these cards.
import type { DayItem, Overview, PendingItem, SelectedDays, TeamGrid } from '../app/overview';
import type { AgreementItem, AgreementsView } from '../gas/agreements';
import type { StaffImportSummary } from '../gas/staff-import';
import { formatDayIt, type IsoDate } from '../domain/dates';
import { countIt } from '../domain/labels';

/** The one function every card action calls (a top-level function of the bundle). */
export const CARD_ACTION = 'onCardAction';

/** What a card action asks for (its `azione` parameter). */
export type CardActionName =
  | 'home'
  | 'pending'
  | 'month'
  | 'team'
  | 'request'
  | 'send-request'
  | 'select'
  | 'approve'
  | 'reject-form'
  | 'reject'
  | 'cancel-ask'
  | 'cancel'
  | 'opt-in'
  | 'admin-setup'
  | 'admin-check'
  | 'admin-drive'
  | 'admin-ministry'
  | 'admin-import'
  | 'admin-import-apply'
  | 'agreements'
  | 'agreement-propose-form'
  | 'agreement-propose'
  | 'agreement-send'
  | 'agreement-accept'
  | 'agreement-withdraw-form'
  | 'agreement-withdraw'
  | 'agreement-attach-form'
  | 'agreement-attach'
  | 'guide';

export interface Links {
  /** The full-page web view, or null before the first deployment. */
  page: string | null;
  /** The request Form (its respondent address), or null before setup. */
  form: string | null;
  /** The register, for HR. */
  register: string | null;
}

/** What the pending card is showing: filter, page, the days ticked. */
export interface PendingState {
  /** Where the list of days comes from: the manager's list, or the days of an open mail. */
  view: 'pending' | 'mail';
  person: string;
  sector: string;
  page: number;
  /** `employee|date` of the ticked days. */
  selected: string[];
}

type Card = GoogleAppsScript.Card_Service.Card;
type Section = GoogleAppsScript.Card_Service.CardSection;
type Widget = GoogleAppsScript.Card_Service.Widget;

const TITLE = 'Agorà — lavoro agile';
/** Field names of the inputs actions read. */
export const FIELD = {
  day: 'giorno',
  date: 'data',
  location: 'luogo',
  note: 'nota',
  reason: 'motivazione',
  optIn: 'luogo-di-lavoro',
  person: 'persona',
  sector: 'settore',
  from: 'dal',
  to: 'al',
  windows: 'fasce',
  equipment: 'strumentazione',
  project: 'progetto',
  employee: 'dipendente',
  justified: 'giustificato-motivo',
  url: 'link',
} as const;
export const MAX_REQUEST_DATES = 3;

/** Text people typed (names, notes, reasons) inside a card's basic HTML: shown, never interpreted. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function action(
  name: CardActionName,
  params: Record<string, string> = {},
): GoogleAppsScript.Card_Service.Action {
  return CardService.newAction()
    .setFunctionName(CARD_ACTION)
    .setParameters({ azione: name, ...params });
}

function button(
  text: string,
  name: CardActionName,
  params: Record<string, string> = {},
  filled = false,
): GoogleAppsScript.Card_Service.TextButton {
  const b = CardService.newTextButton().setText(text).setOnClickAction(action(name, params));
  return filled ? b.setTextButtonStyle(CardService.TextButtonStyle.FILLED) : b;
}

function linkButton(text: string, url: string): GoogleAppsScript.Card_Service.TextButton {
  return CardService.newTextButton()
    .setText(text)
    .setOpenLink(CardService.newOpenLink().setUrl(url).setOpenAs(CardService.OpenAs.FULL_SIZE));
}

function buttons(...list: (GoogleAppsScript.Card_Service.TextButton | null)[]): Widget {
  const set = CardService.newButtonSet();
  for (const b of list) if (b) set.addButton(b);
  return set;
}

function text(html: string): Widget {
  return CardService.newTextParagraph().setText(html);
}

/** A card's header: what the card is, under the add-on's own name. */
function header(title: string, subtitle = TITLE): GoogleAppsScript.Card_Service.CardHeader {
  return CardService.newCardHeader().setTitle(title).setSubtitle(subtitle);
}

const dayKey = (d: { employee: string; date: string }) => `${d.employee}|${d.date}`;

/** "in attesa · casa" with the reason when there is one. */
function dayText(d: DayItem): string {
  const base = `<b>${esc(d.statusLabel)}</b> · ${esc(d.locationLabel)}`;
  return d.reason ? `${base}<br>${esc(d.reason)}` : base;
}

function dayWidget(d: DayItem, withName = false): Widget {
  const w = CardService.newDecoratedText()
    .setTopLabel(withName ? `${d.name} — ${d.dateLabel}` : d.dateLabel)
    .setText(dayText(d))
    .setWrapText(true);
  // What the status means, where the word alone could mislead (not for an approved day).
  if (d.status !== 'approved') w.setBottomLabel(d.statusHelp);
  if (d.cancellable)
    w.setButton(
      button('Annulla la giornata', 'cancel-ask', {
        dipendente: d.employee,
        nome: d.name,
        data: d.date,
        etichetta: d.dateLabel,
      }),
    );
  return w;
}

// ---- homepage --------------------------------------------------------------------------------

export function homepageCard(o: Overview, links: Links): Card {
  const card = CardService.newCardBuilder().setName('home').setHeader(header(TITLE, o.name));
  if (o.me) {
    const me = o.me;
    const left = (c: { used: number; limit: number }) => Math.max(0, c.limit - c.used);
    const mine = CardService.newCardSection()
      .setHeader('Le mie giornate')
      .addWidget(
        CardService.newDecoratedText()
          .setTopLabel(`Questa settimana (${me.week.label.replace('settimana ', '')})`)
          .setText(
            `${me.week.used} di ${me.week.limit} · ${left(me.week) === 1 ? 'ne resta 1' : `ne restano ${left(me.week)}`}`,
          )
          .setWrapText(true),
      )
      .addWidget(
        CardService.newDecoratedText()
          .setTopLabel(`Questo mese (${me.month.label})`)
          .setText(
            `${me.month.used} di ${me.month.limit} · ${left(me.month) === 1 ? 'ne resta 1' : `ne restano ${left(me.month)}`}`,
          )
          .setWrapText(true),
      );
    if (me.upcoming.length) for (const d of me.upcoming.slice(0, 5)) mine.addWidget(dayWidget(d));
    else mine.addWidget(text('Nessuna giornata in programma.'));
    mine.addWidget(
      buttons(
        button('Chiedi giornate', 'request', {}, true),
        button('Il mio mese', 'month', { nav: 'push' }),
        links.form ? linkButton('Modulo', links.form) : null,
      ),
    );
    mine.addWidget(buttons(button('Il mio accordo', 'agreements', { nav: 'push' })));
    mine.addWidget(
      CardService.newDecoratedText()
        .setText('Mostra le mie giornate come luogo di lavoro nel mio calendario')
        .setWrapText(true)
        .setSwitchControl(
          CardService.newSwitch()
            .setFieldName(FIELD.optIn)
            .setValue('sì')
            .setSelected(me.optIn)
            .setControlType(CardService.SwitchControlType.SWITCH)
            .setOnChangeAction(action('opt-in')),
        ),
    );
    card.addSection(mine);
  }
  if (o.isManager || o.isAdmin) {
    const p = o.pending;
    card.addSection(
      CardService.newCardSection()
        .setHeader(o.isAdmin ? 'Da approvare (tutto l’ente)' : 'Da approvare')
        .addWidget(
          CardService.newDecoratedText()
            .setText(
              p.days
                ? `${countIt(p.days, 'giornata', 'giornate')} di ${countIt(p.people, 'persona', 'persone')}`
                : 'Nessuna giornata in attesa.',
            )
            .setWrapText(true),
        )
        .addWidget(
          buttons(
            p.days ? button('Decidi', 'pending', { nav: 'push' }, true) : null,
            button('Il gruppo questa settimana', 'team', { nav: 'push' }),
            button('Accordi', 'agreements', { nav: 'push' }),
          ),
        )
        .addWidget(
          buttons(
            // The month's report (aggregates) and the team's days as a file, in the web view.
            links.page ? linkButton('Report del mese', `${links.page}?report=`) : null,
            links.page ? linkButton('Giornate del gruppo (CSV)', `${links.page}?csv=days`) : null,
          ),
        ),
    );
  }
  if (o.admin) {
    card.addSection(
      CardService.newCardSection()
        .setHeader('Servizio personale')
        .addWidget(
          CardService.newDecoratedText()
            .setTopLabel('Registro')
            .setText(
              o.admin.problems
                ? `${countIt(o.admin.problems, 'problema', 'problemi')} da sistemare`
                : 'Nessun problema nelle righe',
            )
            .setWrapText(true),
        )
        .addWidget(
          buttons(
            button('Controlla il registro', 'admin-check'),
            button('Configura', 'admin-setup'),
            links.register ? linkButton('Apri il registro', links.register) : null,
          ),
        )
        .addWidget(
          buttons(
            button('Comunicazioni al Ministero', 'admin-ministry'),
            button('Cartelle del personale', 'admin-drive'),
            button('Importa il personale', 'admin-import'),
          ),
        ),
    );
  }
  const more = buttons(
    links.page ? linkButton('Apri Agorà', links.page) : null,
    // Approved days as an iCalendar file, for any calendar.
    links.page && o.me ? linkButton('Le mie giornate (.ics)', `${links.page}?ics=mine`) : null,
    button('Guida', 'guide'),
  );
  card.addSection(CardService.newCardSection().addWidget(more));
  return card.build();
}

// ---- pending days (managers, delegates, HR) -----------------------------------------------------

function pendingDayWidget(d: PendingItem, state: PendingState): Widget {
  const counters = [
    `settimana ${d.week.used}/${d.week.limit}`,
    `mese ${d.month.used}/${d.month.limit}`,
    d.site ? `sede ${d.site.used}/${d.site.limit}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const notes = [
    ...d.blocks.map((b) => `⛔ ${esc(b.label)}: ${esc(b.message)}`),
    ...d.warnings.map((w) => `⚠ ${esc(w.label)}: ${esc(w.message)}`),
    d.note ? `Nota: ${esc(d.note)}` : '',
  ].filter(Boolean);
  return CardService.newDecoratedText()
    .setTopLabel(d.dateLabel)
    .setText([`${esc(d.locationLabel)} · ${counters}`, ...notes].join('<br>'))
    .setWrapText(true)
    .setSwitchControl(
      CardService.newSwitch()
        .setFieldName(`${FIELD.day}:${dayKey(d)}`)
        .setValue(dayKey(d))
        .setSelected(state.selected.includes(dayKey(d)))
        .setControlType(CardService.SwitchControlType.CHECK_BOX)
        .setOnChangeAction(action('select', stateParams(state))),
    );
}

export function stateParams(state: PendingState): Record<string, string> {
  return { vista: state.view, persona: state.person, settore: state.sector, pagina: String(state.page) };
}

export function pendingCard(o: Overview, state: PendingState): Card {
  const p = o.pending;
  const card = CardService.newCardBuilder().setName('pending').setHeader(header('Da approvare'));
  const shown = p.groups.flatMap((g) => g.weeks.flatMap((w) => w.days));
  const selected = state.selected.filter((k) => shown.some((d) => dayKey(d) === k));
  const top = CardService.newCardSection()
    .addWidget(
      text(
        p.days
          ? `${countIt(p.days, 'giornata', 'giornate')} di ${countIt(p.people, 'persona', 'persone')} in attesa` +
              (p.pages > 1 ? ` · pagina ${p.page} di ${p.pages}` : '')
          : 'Nessuna giornata in attesa.',
      ),
    )
    .addWidget(
      CardService.newDecoratedText()
        .setText(
          `<b>${selected.length ? countIt(selected.length, 'giornata selezionata', 'giornate selezionate') : 'Nessuna giornata selezionata'}</b>`,
        )
        .setWrapText(true),
    );
  if (shown.length)
    top.addWidget(
      buttons(
        button('Seleziona tutte', 'select', { ...stateParams(state), tutte: 'sì' }),
        selected.length ? button('Deseleziona', 'select', { ...stateParams(state), tutte: 'no' }) : null,
      ),
    );
  // The filter: by person or by sector (HR's whole organisation stays usable).
  if (p.persons.length > 1 || p.sectors.length > 1) {
    const person = CardService.newSelectionInput()
      .setType(CardService.SelectionInputType.DROPDOWN)
      .setFieldName(FIELD.person)
      .setTitle('Persona')
      .addItem('Tutte', '', state.person === '');
    for (const x of p.persons) person.addItem(x.name, x.email, x.email === state.person);
    const sector = CardService.newSelectionInput()
      .setType(CardService.SelectionInputType.DROPDOWN)
      .setFieldName(FIELD.sector)
      .setTitle('Settore')
      .addItem('Tutti', '', state.sector === '');
    for (const s of p.sectors) sector.addItem(s, s, s === state.sector);
    top
      .addWidget(person)
      .addWidget(sector)
      .addWidget(buttons(button('Filtra', 'pending', { filtro: 'sì' })));
  }
  card.addSection(top);
  for (const g of p.groups) {
    const section = CardService.newCardSection().setHeader(`${esc(g.name)} — ${esc(g.sector)}`);
    for (const w of g.weeks) {
      section.addWidget(text(`<b>${esc(w.label)}</b>`));
      for (const d of w.days) section.addWidget(pendingDayWidget(d, state));
    }
    card.addSection(section);
  }
  if (p.pages > 1)
    card.addSection(
      CardService.newCardSection().addWidget(
        buttons(
          p.page > 1
            ? button('‹ Precedenti', 'pending', { ...stateParams(state), pagina: String(p.page - 1) })
            : null,
          p.page < p.pages
            ? button('Successive ›', 'pending', { ...stateParams(state), pagina: String(p.page + 1) })
            : null,
        ),
      ),
    );
  if (shown.length)
    card.setFixedFooter(
      CardService.newFixedFooter()
        .setPrimaryButton(button('Approva selezionate', 'approve', stateParams(state), true))
        .setSecondaryButton(button('Rifiuta…', 'reject-form', stateParams(state))),
    );
  return card.build();
}

/** The reason for a rejection, required, for the days chosen. */
export function rejectCard(
  days: { employee: string; date: string; label: string; name: string }[],
  back: PendingState,
): Card {
  const section = CardService.newCardSection().setHeader(
    `Rifiutare ${countIt(days.length, 'giornata', 'giornate')}?`,
  );
  for (const d of days) section.addWidget(text(`${esc(d.name)} — ${esc(d.label)}`));
  section
    .addWidget(
      CardService.newTextInput()
        .setFieldName(FIELD.reason)
        .setTitle('Motivazione (obbligatoria)')
        .setHint('La leggerà chi ha chiesto la giornata.')
        .setMultiline(true),
    )
    .addWidget(
      buttons(
        button('Rifiuta', 'reject', { ...stateParams(back), giorni: days.map(dayKey).join(' ') }, true),
        button('Torna indietro', back.view === 'mail' ? 'home' : 'pending', stateParams(back)),
      ),
    );
  return CardService.newCardBuilder()
    .setName('reject')
    .setHeader(header('Rifiutare le giornate'))
    .addSection(section)
    .build();
}

// ---- the employee's month and requests ------------------------------------------------------------

export function monthCard(o: Overview): Card {
  const card = CardService.newCardBuilder().setName('month').setHeader(header('Il mio mese'));
  const me = o.me;
  if (!me) {
    return card
      .addSection(CardService.newCardSection().addWidget(text('Non sei nell’elenco dei dipendenti.')))
      .build();
  }
  const [y, m] = me.monthShown.split('-').map(Number);
  const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const section = CardService.newCardSection().setHeader(esc(me.monthLabel));
  if (me.days.length) for (const d of me.days) section.addWidget(dayWidget(d));
  else section.addWidget(text('Nessuna giornata chiesta in questo mese.'));
  section.addWidget(
    buttons(button('‹ Mese prima', 'month', { mese: prev }), button('Mese dopo ›', 'month', { mese: next })),
  );
  return card.addSection(section).build();
}

export interface RequestOutcome {
  message: string;
  days: { label: string; status: string; messages: string[] }[];
}

export function requestCard(o: Overview, token: string, outcome: RequestOutcome | null): Card {
  const card = CardService.newCardBuilder().setName('request').setHeader(header('Chiedi giornate'));
  if (outcome) {
    // Each date's outcome (the sentence that sums it up is the notification).
    const done = CardService.newCardSection().setHeader('Esito della richiesta');
    for (const d of outcome.days)
      done.addWidget(
        CardService.newDecoratedText()
          .setTopLabel(d.label)
          .setText([`<b>${esc(d.status)}</b>`, ...d.messages.map(esc)].join('<br>'))
          .setWrapText(true),
      );
    card.addSection(done);
  }
  const form = CardService.newCardSection().setHeader(outcome ? 'Un’altra richiesta' : 'Giorni e luogo');
  for (let i = 0; i < MAX_REQUEST_DATES; i++)
    form.addWidget(
      CardService.newDatePicker()
        .setFieldName(`${FIELD.date}${i + 1}`)
        .setTitle(i === 0 ? 'Giorno' : `Altro giorno (facoltativo)`),
    );
  const place = CardService.newSelectionInput()
    .setType(CardService.SelectionInputType.DROPDOWN)
    .setFieldName(FIELD.location)
    .setTitle('Luogo')
    .addItem('Casa', 'home', true);
  for (const s of o.sites) place.addItem(`${s.name} (${s.comune})`, s.id, false);
  form
    .addWidget(place)
    .addWidget(
      CardService.newTextInput().setFieldName(FIELD.note).setTitle('Nota (facoltativa)').setMultiline(true),
    )
    .addWidget(
      buttons(
        button('Invia la richiesta', 'send-request', { token }, true),
        button('Torna indietro', 'home'),
      ),
    );
  return card.addSection(form).build();
}

/** "Annullare lun 16 nov 2026?" */
export function cancelConfirmCard(employee: string, date: string, label: string, who: string): Card {
  const section = CardService.newCardSection()
    .addWidget(
      text(
        `Annullare la giornata di lavoro agile di ${esc(who)} di <b>${esc(label)}</b>? Non conterà più nei limiti.`,
      ),
    )
    .addWidget(
      buttons(
        button('Sì, annulla la giornata', 'cancel', { dipendente: employee, data: date }, true),
        button('No, tienila', 'home'),
      ),
    );
  return CardService.newCardBuilder()
    .setName('cancel')
    .setHeader(header('Annullare la giornata?'))
    .addSection(section)
    .build();
}

// ---- the team's week ----------------------------------------------------------------------------

export function teamCard(grid: TeamGrid): Card {
  const card = CardService.newCardBuilder()
    .setName('team')
    .setHeader(header(`Il gruppo, ${grid.label}`));
  if (!grid.teams.length)
    return card
      .addSection(CardService.newCardSection().addWidget(text('Nessun gruppo da mostrare.')))
      .build();
  for (const t of grid.teams) {
    const section = CardService.newCardSection()
      .setHeader(esc(t.label))
      .addWidget(
        text(
          `${countIt(t.size, 'persona', 'persone')}; al massimo ${t.days[0]?.limit ?? 0} in lavoro agile lo stesso giorno (${Math.round(grid.share * 100)} %).`,
        ),
      );
    for (const day of t.days.filter((d) => d.working)) {
      const who = t.people
        .filter((p) => p.cells[day.date])
        .map((p) => `${esc(p.name)} (${esc(p.cells[day.date].location)}, ${esc(p.cells[day.date].label)})`);
      section.addWidget(
        CardService.newDecoratedText()
          .setTopLabel(day.label)
          .setText(
            `${day.over ? '⚠ ' : ''}<b>${day.count} di ${day.limit}</b>${who.length ? `<br>${who.join('<br>')}` : ''}`,
          )
          .setWrapText(true),
      );
    }
    card.addSection(section);
  }
  return card.build();
}

// ---- a mail's days (Gmail) and an event's day (Calendar) -----------------------------------------

/** The days a digest or a receipt is about, with the actions the reader may take on them. */
export function selectedDaysCard(title: string, sel: SelectedDays, state: PendingState, links: Links): Card {
  const card = CardService.newCardBuilder().setName('selected').setHeader(header(title));
  const decidable = sel.days.filter((d) => d.canDecide).map(dayKey);
  if (decidable.length) {
    const selected = state.selected.filter((k) => decidable.includes(k));
    const count = selected.length
      ? countIt(selected.length, 'giornata selezionata', 'giornate selezionate')
      : 'Nessuna giornata selezionata';
    card.addSection(
      CardService.newCardSection()
        .addWidget(
          CardService.newDecoratedText()
            .setText(`<b>${count}</b> di ${decidable.length} da decidere`)
            .setWrapText(true),
        )
        .addWidget(
          buttons(
            button('Seleziona tutte', 'select', { ...stateParams(state), tutte: 'sì' }),
            selected.length ? button('Deseleziona', 'select', { ...stateParams(state), tutte: 'no' }) : null,
          ),
        ),
    );
  }
  const section = CardService.newCardSection();
  if (!sel.days.length) section.addWidget(text('Nessuna giornata da mostrare: forse non ti riguardano più.'));
  for (const d of sel.days) {
    if (d.pending && d.canDecide)
      section.addWidget(pendingDayWidget({ ...d.pending, dateLabel: `${d.name} — ${d.dateLabel}` }, state));
    else section.addWidget(dayWidget(d, true));
  }
  if (sel.hidden)
    section.addWidget(
      text(
        `${countIt(sel.hidden, 'altra giornata non è visibile', 'altre giornate non sono visibili')} per te.`,
      ),
    );
  card.addSection(section);
  if (links.page)
    card.addSection(CardService.newCardSection().addWidget(buttons(linkButton('Apri Agorà', links.page))));
  if (sel.days.some((d) => d.canDecide))
    card.setFixedFooter(
      CardService.newFixedFooter()
        .setPrimaryButton(button('Approva selezionate', 'approve', stateParams(state), true))
        .setSecondaryButton(button('Rifiuta…', 'reject-form', stateParams(state))),
    );
  return card.build();
}

export function guideCard(links: Links): Card {
  const section = CardService.newCardSection()
    .addWidget(
      text(
        '<b>Chiedere giornate.</b> Da «Chiedi giornate» (o dal modulo): ogni giorno è controllato subito con le regole ' +
          'dell’accordo (2 giornate a settimana, 8 al mese, festività, sedi…). Un giorno che le viola è <b>respinto</b> subito, con il motivo; ' +
          'gli altri restano <b>in attesa</b> del responsabile.',
      ),
    )
    .addWidget(
      text(
        '<b>Decidere.</b> Il responsabile (o chi lo sostituisce) approva o <b>rifiuta</b> con una motivazione, qui, dalla mail di riepilogo in Gmail o dalla pagina di Agorà. ' +
          'Le giornate approvate compaiono nel calendario «Smart working».',
      ),
    )
    .addWidget(
      text('<b>Disconnessione.</b> Tra le 20:00 e le 7:00 Agorà non manda messaggi: arrivano alle 7:00.'),
    )
    .addWidget(
      buttons(links.page ? linkButton('Apri Agorà', links.page) : null, button('Torna indietro', 'home')),
    );
  return CardService.newCardBuilder().setName('guide').setHeader(header('Guida')).addSection(section).build();
}

/** A card that says what went wrong, with the links that still work. */
export function messageCard(title: string, message: string, links: Links, user: string): Card {
  const section = CardService.newCardSection().addWidget(text(esc(message)));
  if (links.page) section.addWidget(buttons(linkButton('Apri Agorà', links.page)));
  return CardService.newCardBuilder()
    .setHeader(CardService.newCardHeader().setTitle(title).setSubtitle(user))
    .addSection(section)
    .build();
}

export type { Section };

// ---- individual agreements ------------------------------------------------------------------------

const spanOf = (a: { from: IsoDate; to: IsoDate | null }) =>
  `dal ${formatDayIt(a.from)} ${a.to ? `al ${formatDayIt(a.to)}` : 'a tempo indeterminato'}`;

/** One agreement: its period, stage and who accepted, with the buttons the caller may use. */
function agreementWidgets(a: AgreementItem, withName: boolean): Widget[] {
  const lines = [`<b>${esc(a.stageLabel)}</b>${a.project ? ` · ${esc(a.project)}` : ''}`];
  if (a.withdrawnFrom) lines.push(`Recesso: ultimo giorno ${esc(formatDayIt(a.withdrawnFrom))}`);
  if (a.stage === 'awaiting-acceptance' || a.stage === 'draft') {
    lines.push(
      `Dipendente: ${a.employeeAcceptance ? `accettato (${esc(a.employeeAcceptance)})` : 'da accettare'}`,
    );
    lines.push(
      `Responsabile: ${a.managerAcceptance ? `accettato (${esc(a.managerAcceptance)})` : 'da accettare'}`,
    );
  }
  const k = { chiave: a.key };
  return [
    CardService.newDecoratedText()
      .setTopLabel(withName ? `${a.name} — ${spanOf(a)}` : spanOf(a))
      .setText(lines.join('<br>'))
      .setWrapText(true),
    buttons(
      a.can.accept ? button('Accetto', 'agreement-accept', k, true) : null,
      a.can.send ? button('Invia per accettazione', 'agreement-send', k, true) : null,
      a.document ? linkButton('Leggi l’accordo', a.document) : null,
      a.signedPdf ? linkButton('PDF firmato', a.signedPdf) : null,
      a.can.attach ? button('Allega il PDF firmato', 'agreement-attach-form', k) : null,
      a.can.withdraw ? button('Recesso', 'agreement-withdraw-form', { ...k, nome: a.name }) : null,
    ),
  ];
}

export function agreementsCard(v: AgreementsView): Card {
  const card = CardService.newCardBuilder()
    .setName('agreements')
    .setHeader(header('Accordo di lavoro agile'));
  const mine = CardService.newCardSection().setHeader('Il mio accordo');
  if (v.mine.length)
    for (const a of v.mine.slice(0, 3)) for (const w of agreementWidgets(a, false)) mine.addWidget(w);
  else mine.addWidget(text('Nessun accordo registrato: lo propone il tuo responsabile.'));
  card.addSection(mine);
  if (v.proposes) {
    const team = CardService.newCardSection().setHeader('Accordi del gruppo');
    // The smart-work projects of the sector, each with the agreements that follow it.
    const byProject = new Map<string, number>();
    for (const p of v.team) {
      const current = p.agreements[0];
      if (current?.project && !['expired', 'withdrawn', 'renewed'].includes(current.stage))
        byProject.set(current.project, (byProject.get(current.project) ?? 0) + 1);
    }
    if (byProject.size)
      team.addWidget(
        CardService.newDecoratedText()
          .setTopLabel('Progetti')
          .setText(
            [...byProject]
              .sort(([a], [b]) => a.localeCompare(b, 'it'))
              .map(([name, n]) => `${esc(name)} (${countIt(n, 'accordo', 'accordi')})`)
              .join('<br>'),
          )
          .setWrapText(true),
      );
    for (const p of v.team.slice(0, 60)) {
      const current = p.agreements[0];
      if (current) for (const w of agreementWidgets(current, true)) team.addWidget(w);
      else
        team.addWidget(
          CardService.newDecoratedText().setTopLabel(p.name).setText('Nessun accordo').setWrapText(true),
        );
      if (
        !current ||
        current.stage === 'expiring' ||
        current.stage === 'expired' ||
        current.stage === 'withdrawn'
      )
        team.addWidget(
          buttons(
            button(`Nuovo accordo per ${p.name}`, 'agreement-propose-form', {
              dipendente: p.email,
              nome: p.name,
            }),
          ),
        );
    }
    if (!v.team.length) team.addWidget(text('Nessun accordo da seguire.'));
    team.addWidget(
      CardService.newTextInput()
        .setFieldName(FIELD.employee)
        .setTitle('Email di un’altra persona')
        .setHint('Per proporre l’accordo a chi non è nell’elenco.'),
    );
    team.addWidget(buttons(button('Nuovo accordo', 'agreement-propose-form', {})));
    card.addSection(team);
  }
  return card.build();
}

export function proposalCard(employee: string, name: string, projects: readonly string[]): Card {
  const section = CardService.newCardSection()
    .setHeader(`Proposta per ${esc(name)}`)
    .addWidget(CardService.newDatePicker().setFieldName(FIELD.from).setTitle('Dal'))
    .addWidget(CardService.newDatePicker().setFieldName(FIELD.to).setTitle('Al (vuoto: tempo indeterminato)'))
    .addWidget(
      CardService.newTextInput()
        .setFieldName(FIELD.windows)
        .setTitle('Fasce di contattabilità')
        .setValue('09:00-13:00; 14:30-16:30')
        .setHint('Es. 09:00-13:00; 14:30-16:30'),
    )
    .addWidget(
      CardService.newSelectionInput()
        .setType(CardService.SelectionInputType.DROPDOWN)
        .setFieldName(FIELD.equipment)
        .setTitle('Strumentazione')
        .addItem('Dell’ente', 'employer', true)
        .addItem('Propria', 'own', false),
    );
  const project = CardService.newTextInput()
    .setFieldName(FIELD.project)
    .setTitle('Progetto di lavoro agile del settore')
    .setHint('Raggruppa gli accordi del settore.');
  if (projects.length) project.setSuggestions(CardService.newSuggestions().addSuggestions([...projects]));
  section
    .addWidget(project)
    .addWidget(
      buttons(
        button('Salva la proposta', 'agreement-propose', { dipendente: employee }, true),
        button('Torna indietro', 'agreements'),
      ),
    );
  return CardService.newCardBuilder()
    .setName('agreement-propose')
    .setHeader(header('Nuovo accordo'))
    .addSection(section)
    .build();
}

export function withdrawCard(key: string, name: string): Card {
  const section = CardService.newCardSection()
    .addWidget(
      text(
        `Recesso dall’accordo di <b>${esc(name)}</b> (art. 19 c. 2 L. 81/2017): con un accordo a tempo indeterminato il preavviso è di 30 giorni (90 se l’ente recede da quello di un lavoratore disabile); con un giustificato motivo vale da oggi, ed è l’unico modo per un accordo a tempo determinato. Le giornate chieste dopo la fine vengono annullate.`,
      ),
    )
    .addWidget(
      CardService.newDecoratedText()
        .setText('Giustificato motivo')
        .setSwitchControl(
          CardService.newSwitch()
            .setFieldName(FIELD.justified)
            .setValue('sì')
            .setControlType(CardService.SwitchControlType.CHECK_BOX),
        ),
    )
    .addWidget(
      CardService.newTextInput()
        .setFieldName(FIELD.reason)
        .setTitle('Motivo (obbligatorio con giustificato motivo)')
        .setMultiline(true),
    )
    .addWidget(
      buttons(
        button('Conferma il recesso', 'agreement-withdraw', { chiave: key }, true),
        button('Torna indietro', 'agreements'),
      ),
    );
  return CardService.newCardBuilder()
    .setName('agreement-withdraw')
    .setHeader(header('Recesso dall’accordo'))
    .addSection(section)
    .build();
}

export function attachCard(key: string, owner: string): Card {
  const section = CardService.newCardSection()
    .addWidget(
      text(
        `Carica il PDF firmato nel tuo Drive, condividilo con <b>${esc(owner)}</b> e incolla qui il suo link: Agorà ne mette una copia nella cartella della persona.`,
      ),
    )
    .addWidget(CardService.newTextInput().setFieldName(FIELD.url).setTitle('Link del PDF in Drive'))
    .addWidget(
      buttons(
        button('Allega', 'agreement-attach', { chiave: key }, true),
        button('Torna indietro', 'agreements'),
      ),
    );
  return CardService.newCardBuilder()
    .setName('agreement-attach')
    .setHeader(header('PDF firmato'))
    .addSection(section)
    .build();
}

// ---- HR: the payroll import ----------------------------------------------------------------------

/** The preview (or the outcome) of importing «personale.csv»: what changes, what is rejected and why. */
export function staffImportCard(s: StaffImportSummary): Card {
  const card = CardService.newCardBuilder().setName('import').setHeader(header('Importa il personale'));
  const summary = CardService.newCardSection().setHeader(esc(s.file));
  if (s.fileError) summary.addWidget(text(esc(s.fileError)));
  else
    summary.addWidget(
      text(
        [
          s.applied
            ? `<b>${countIt(s.applied, 'scheda aggiornata', 'schede aggiornate')}.</b>`
            : `<b>${countIt(s.toApply, 'scheda da aggiornare', 'schede da aggiornare')}</b>`,
          `${countIt(s.unchanged, 'invariata', 'invariate')}, ${countIt(s.rejected.length, 'riga scartata', 'righe scartate')}.`,
          s.notInRegister.length
            ? `${countIt(s.notInRegister.length, 'persona non è', 'persone non sono')} tra i dipendenti: aggiungile con il loro responsabile, poi importa di nuovo.`
            : '',
        ]
          .filter(Boolean)
          .join('<br>'),
      ),
    );
  if (!s.applied && s.toApply)
    summary.addWidget(
      buttons(
        button(`Applica ${countIt(s.toApply, 'modifica', 'modifiche')}`, 'admin-import-apply', {}, true),
      ),
    );
  card.addSection(summary);
  if (s.rejected.length) {
    const rejected = CardService.newCardSection().setHeader('Righe scartate');
    for (const r of s.rejected.slice(0, 10))
      rejected.addWidget(
        CardService.newDecoratedText()
          .setTopLabel(`Riga ${r.line}${r.email ? ` — ${esc(r.email)}` : ''}`)
          .setText(r.reasons.map(esc).join('<br>'))
          .setWrapText(true),
      );
    if (s.rejected.length > 10) rejected.addWidget(text(`… e altre ${s.rejected.length - 10}.`));
    card.addSection(rejected);
  }
  if (!s.applied && s.sample.length) {
    const changes = CardService.newCardSection().setHeader('Cosa cambia');
    for (const c of s.sample.slice(0, 10))
      changes.addWidget(
        CardService.newDecoratedText()
          .setTopLabel(esc(c.email))
          .setText(c.fields.map(esc).join('<br>'))
          .setWrapText(true),
      );
    card.addSection(changes);
  }
  return card.build();
}
