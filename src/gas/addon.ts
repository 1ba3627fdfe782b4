// The Google Workspace add-on's entry points, running as the user: the homepage (Sheets, Gmail,
// Calendar), the Gmail contextual card of an Agorà mail, the Calendar card of a smart-working
// event, the universal actions, and every card action (`onCardAction`). They read and change
// the register only through the owner's web app (callAsOwner), never themselves: the user
// cannot open it. The only thing they touch directly is the user's own calendar (working
// location), which only code running as the user may write.
//
// Event objects follow "Google Workspace add-ons: event objects" (developers.google.com/
// workspace/add-ons/concepts/event-objects): `commonEventObject.parameters` (the action's
// parameters), `commonEventObject.formInputs` (`stringInputs.value[]`, `dateInput.msSinceEpoch`),
// `gmail.messageId`/`gmail.accessToken` in Gmail, `calendar.id`/`calendar.calendarId` in Calendar.
import type { Overview, OverviewQuery, SelectedDays } from '../app/overview';
import { formatDayIt, parseIsoDate, type IsoDate } from '../domain/dates';
import { countIt, STATUS_LABELS } from '../domain/labels';
import {
  agreementsCard,
  attachCard,
  cancelConfirmCard,
  CARD_ACTION,
  FIELD,
  guideCard,
  homepageCard,
  MAX_REQUEST_DATES,
  messageCard,
  monthCard,
  pendingCard,
  proposalCard,
  rejectCard,
  requestCard,
  selectedDaysCard,
  staffImportCard,
  teamCard,
  withdrawCard,
  type CardActionName,
  type Links,
  type PendingState,
} from '../ui/cards';
import { webAppUrl } from './deployment';
import { currentUser, recordedOwner } from './owner';
import { syncMyCalendarNow } from './own-calendar';
import { PROPERTY } from './properties';
import { callAsOwner, type ItemResultDto } from './webapp';

type Card = GoogleAppsScript.Card_Service.Card;
type ActionResponse = GoogleAppsScript.Card_Service.ActionResponse;

interface FormInput {
  stringInputs?: { value?: string[] };
  dateInput?: { msSinceEpoch?: number | string };
}
export interface AddOnEvent {
  commonEventObject?: {
    hostApp?: string;
    parameters?: Record<string, string>;
    formInputs?: Record<string, FormInput>;
  };
  gmail?: { messageId?: string; accessToken?: string };
  calendar?: { calendarId?: string; id?: string };
}

/** The add-on's own time-driven trigger that keeps the user's working location in sync. */
export const HOURLY_SYNC_HANDLER = 'onWorkingLocationTimer';

const params = (e: AddOnEvent | undefined): Record<string, string> => e?.commonEventObject?.parameters ?? {};
const inputs = (e: AddOnEvent | undefined): Record<string, FormInput> =>
  e?.commonEventObject?.formInputs ?? {};
const stringInput = (e: AddOnEvent | undefined, name: string): string =>
  (inputs(e)[name]?.stringInputs?.value ?? [])[0] ?? '';

/** A date picker's day: Google gives midnight UTC of the chosen date. */
function dateInput(e: AddOnEvent | undefined, name: string): IsoDate | null {
  const ms = Number(inputs(e)[name]?.dateInput?.msSinceEpoch);
  if (!Number.isFinite(ms)) return null;
  return parseIsoDate(new Date(ms).toISOString().slice(0, 10));
}

function links(o?: Overview): Links {
  const props = PropertiesService.getScriptProperties();
  const register = props.getProperty(PROPERTY.spreadsheetId);
  return {
    page: webAppUrl(),
    form: props.getProperty(PROPERTY.formUrl),
    register: o?.isAdmin && register ? `https://docs.google.com/spreadsheets/d/${register}/edit` : null,
  };
}

function stateOf(e: AddOnEvent | undefined): PendingState {
  const p = params(e);
  const filtered = p.filtro === 'sì';
  return {
    view: p.vista === 'mail' || (!p.vista && e?.gmail?.messageId) ? 'mail' : 'pending',
    person: filtered ? stringInput(e, FIELD.person) : (p.persona ?? ''),
    sector: filtered ? stringInput(e, FIELD.sector) : (p.settore ?? ''),
    page: filtered ? 1 : Math.max(1, Number(p.pagina) || 1),
    selected: Object.keys(inputs(e))
      .filter((name) => name.startsWith(`${FIELD.day}:`))
      .map((name) => stringInput(e, name))
      .filter(Boolean),
  };
}

function overviewFor(query: OverviewQuery): Overview {
  return callAsOwner('overview', query);
}
function pendingQuery(state: PendingState): OverviewQuery {
  return { person: state.person, sector: state.sector, page: state.page };
}

/** The days an Agorà mail is about: the `giorni` parameter of its link. */
export function mailDayIds(body: string): string[] {
  const m = /[?&]giorni=([^\s&]+)/.exec(body);
  if (!m) return [];
  try {
    return decodeURIComponent(m[1]).split(/\s+/).filter(Boolean);
  } catch {
    return [];
  }
}

// ---- entry points ---------------------------------------------------------------------------------

/** The homepage card in Sheets, Gmail and Calendar; keeps the working location in sync on open. */
export function homepage(): Card {
  try {
    const o = overviewFor({});
    if (o.me?.optIn) keepWorkingLocation(true);
    return homepageCard(o, links(o));
  } catch (e) {
    return messageCard('Agorà non è raggiungibile', (e as Error).message, links(), currentUser());
  }
}

/** Gmail: an Agorà mail (digest, receipt, decision) shows the days it is about. */
export function gmailMessage(e: AddOnEvent): Card {
  try {
    const sel = mailDays(e);
    if (!sel) return homepage();
    return selectedDaysCard(
      sel.days.some((d) => d.canDecide) ? 'Da approvare' : 'Le giornate della mail',
      sel,
      { view: 'mail', person: '', sector: '', page: 1, selected: [] },
      links(),
    );
  } catch (err) {
    return messageCard('Agorà non è raggiungibile', (err as Error).message, links(), currentUser());
  }
}

function mailDays(e: AddOnEvent | undefined): SelectedDays | null {
  const id = e?.gmail?.messageId;
  const token = e?.gmail?.accessToken;
  if (!id || !token) return null;
  GmailApp.setCurrentMessageAccessToken(token);
  const ids = mailDayIds(GmailApp.getMessageById(id).getPlainBody());
  return ids.length ? callAsOwner('days', { ids }) : null;
}

/** Calendar: a smart-working event of the team calendar shows its day and status. */
export function calendarEvent(e: AddOnEvent): Card {
  try {
    const eventId = e?.calendar?.id;
    const sel = eventId ? callAsOwner('days', { eventId }) : null;
    if (!sel || (!sel.days.length && !sel.hidden)) return homepage();
    return selectedDaysCard(
      'Giornata di lavoro agile',
      sel,
      { view: 'pending', person: '', sector: '', page: 1, selected: [] },
      links(),
    );
  } catch (err) {
    return messageCard('Agorà non è raggiungibile', (err as Error).message, links(), currentUser());
  }
}

/** Universal actions: "Le mie giornate", "Da approvare", "Guida". */
export function universalAction(
  which: 'month' | 'pending' | 'guide',
): GoogleAppsScript.Card_Service.UniversalActionResponse {
  let card: Card;
  try {
    card =
      which === 'guide'
        ? guideCard(links())
        : which === 'month'
          ? monthCard(overviewFor({}))
          : pendingCard(overviewFor({}), { view: 'pending', person: '', sector: '', page: 1, selected: [] });
  } catch (err) {
    card = messageCard('Agorà non è raggiungibile', (err as Error).message, links(), currentUser());
  }
  return CardService.newUniversalActionResponseBuilder().displayAddOnCards([card]).build();
}

/** Every card action: `azione` says which; the answer updates or pushes a card, with a notification. */
export function cardAction(e: AddOnEvent): ActionResponse {
  const name = (params(e).azione ?? 'home') as CardActionName;
  try {
    return ACTIONS[name] ? ACTIONS[name](e) : show(homepage(), 'update');
  } catch (err) {
    return notify((err as Error).message);
  }
}

/** The add-on's hourly trigger, as the user: their working location follows their approved days. */
export function workingLocationTimer(): void {
  const { optIn } = callAsOwner('myDays', {});
  keepWorkingLocation(optIn);
}

// ---- actions ------------------------------------------------------------------------------------

function show(card: Card, how: 'push' | 'update', message?: string): ActionResponse {
  const nav =
    how === 'push'
      ? CardService.newNavigation().pushCard(card)
      : CardService.newNavigation().updateCard(card);
  const r = CardService.newActionResponseBuilder().setNavigation(nav);
  if (message) r.setNotification(CardService.newNotification().setText(message));
  return r.build();
}

function notify(message: string): ActionResponse {
  return CardService.newActionResponseBuilder()
    .setNotification(CardService.newNotification().setText(message))
    .build();
}

/** The list of days a card came from, redrawn: the manager's list, or a mail's days. */
function daysCard(e: AddOnEvent, state: PendingState): Card {
  if (state.view === 'mail') {
    const sel = mailDays(e);
    if (sel)
      return selectedDaysCard(
        sel.days.some((d) => d.canDecide) ? 'Da approvare' : 'Le giornate della mail',
        sel,
        state,
        links(),
      );
  }
  return pendingCard(overviewFor(pendingQuery(state)), state);
}

/** "3 approvate; 1 era già approvata; 1 non possibile: …" */
function decisionSummary(results: ItemResultDto[], verb: string): string {
  const done = results.filter((r) => r.ok && !r.already).length;
  const already = results.filter((r) => r.already).length;
  const failed = results.filter((r) => !r.ok);
  const parts = [
    done ? `${countIt(done, `giornata ${verb}a`, `giornate ${verb}e`)}` : '',
    already ? `${countIt(already, `era già ${verb}a`, `erano già ${verb}e`)}` : '',
    ...failed.map((r) => `${formatDayIt(r.date as IsoDate)}: ${r.message ?? 'non possibile'}`),
  ].filter(Boolean);
  return parts.join('; ') || 'Nessuna giornata selezionata.';
}

function decide(
  e: AddOnEvent,
  keys: string[],
  decision: 'approve' | 'reject',
  reason: string,
): ItemResultDto[] {
  const items = keys.map((k) => {
    const [employee, date] = k.split('|');
    return { employee, date, decision, reason };
  });
  return callAsOwner('decide', { items });
}

const ACTIONS: Record<CardActionName, (e: AddOnEvent) => ActionResponse> = {
  home: () => show(homepage(), 'update'),
  pending: (e) => {
    const state = stateOf(e);
    return show(
      pendingCard(overviewFor(pendingQuery(state)), state),
      params(e).nav === 'push' ? 'push' : 'update',
    );
  },
  month: (e) => {
    const month = params(e).mese;
    return show(monthCard(overviewFor({ month })), params(e).nav === 'push' ? 'push' : 'update');
  },
  team: (e) =>
    show(teamCard(overviewFor({ teamRange: 'week' }).team), params(e).nav === 'push' ? 'push' : 'update'),
  request: () => show(requestCard(overviewFor({}), Utilities.getUuid(), null), 'push'),
  guide: () => show(guideCard(links()), 'push'),
  'send-request': (e) => {
    const dates: string[] = [];
    for (let i = 1; i <= MAX_REQUEST_DATES; i++) {
      const d = dateInput(e, `${FIELD.date}${i}`);
      if (d) dates.push(d);
    }
    if (!dates.length) return notify('Scegli almeno un giorno.');
    const result = callAsOwner('request', {
      dates,
      location: stringInput(e, FIELD.location) || 'home',
      note: stringInput(e, FIELD.note),
      token: params(e).token ?? '',
    });
    if (!result.ok) return notify(result.message ?? 'Richiesta non registrata.');
    const pending = result.days.filter((d) => d.status === 'pending').length;
    const refused = result.days.filter((d) => d.status === 'refused').length;
    const message = result.duplicate
      ? 'Questa richiesta era già stata registrata: ecco il suo esito.'
      : [
          pending ? `${countIt(pending, 'giornata in attesa', 'giornate in attesa')} del responsabile` : '',
          refused ? `${countIt(refused, 'respinta', 'respinte')} dalle regole` : '',
        ]
          .filter(Boolean)
          .join(', ') + '.';
    const outcome = {
      message,
      days: result.days.map((d) => ({
        label: parseIsoDate(d.date) ? formatDayIt(d.date as IsoDate) : `«${d.date}»`,
        status: STATUS_LABELS[d.status],
        messages: d.messages,
      })),
    };
    // A new token: the next request from this card is a new request.
    return show(requestCard(overviewFor({}), Utilities.getUuid(), outcome), 'update', message);
  },
  select: (e) => {
    const state = stateOf(e);
    const all = params(e).tutte;
    if (all === 'no') state.selected = [];
    if (all === 'sì') {
      const o = state.view === 'mail' ? null : overviewFor(pendingQuery(state));
      const sel = o ? null : mailDays(e);
      const keys = o
        ? o.pending.groups.flatMap((g) =>
            g.weeks.flatMap((w) => w.days.map((d) => `${d.employee}|${d.date}`)),
          )
        : (sel?.days ?? []).filter((d) => d.canDecide).map((d) => `${d.employee}|${d.date}`);
      state.selected = keys;
    }
    return show(daysCard(e, state), 'update');
  },
  approve: (e) => {
    const state = stateOf(e);
    if (!state.selected.length) return notify('Seleziona almeno una giornata.');
    const results = decide(e, state.selected, 'approve', '');
    state.selected = [];
    return show(daysCard(e, state), 'update', decisionSummary(results, 'approvat'));
  },
  'reject-form': (e) => {
    const state = stateOf(e);
    if (!state.selected.length) return notify('Seleziona le giornate da rifiutare.');
    const names = new Map<string, string>();
    const sel = state.view === 'mail' ? mailDays(e) : null;
    if (sel) for (const d of sel.days) names.set(d.employee, d.name);
    else for (const g of overviewFor(pendingQuery(state)).pending.groups) names.set(g.email, g.name);
    const days = state.selected.map((k) => {
      const [employee, date] = k.split('|');
      return { employee, date, name: names.get(employee) ?? employee, label: formatDayIt(date as IsoDate) };
    });
    return show(rejectCard(days, state), 'push');
  },
  reject: (e) => {
    const reason = stringInput(e, FIELD.reason).trim();
    if (!reason) return notify('Scrivi la motivazione del rifiuto: è obbligatoria.');
    const keys = (params(e).giorni ?? '').split(' ').filter(Boolean);
    const results = decide(e, keys, 'reject', reason);
    const state: PendingState = { ...stateOf(e), selected: [] };
    const message = decisionSummary(results, 'rifiutat');
    // Back to the list the days came from, redrawn.
    const nav = CardService.newNavigation().popCard().updateCard(daysCard(e, state));
    return CardService.newActionResponseBuilder()
      .setNavigation(nav)
      .setNotification(CardService.newNotification().setText(message))
      .build();
  },
  'cancel-ask': (e) => {
    const p = params(e);
    const who = p.dipendente === currentUser() ? 'te' : (p.nome ?? p.dipendente);
    return show(
      cancelConfirmCard(p.dipendente ?? '', p.data ?? '', p.etichetta ?? p.data ?? '', who ?? ''),
      'push',
    );
  },
  cancel: (e) => {
    const p = params(e);
    const r = callAsOwner('cancel', { item: { employee: p.dipendente, date: p.data } });
    const message = r.already
      ? 'La giornata era già annullata.'
      : r.ok
        ? `Giornata di ${formatDayIt(r.date as IsoDate)} annullata.`
        : (r.message ?? 'Non annullata.');
    if (!r.ok) return notify(message);
    const nav = CardService.newNavigation().popToRoot().updateCard(homepage());
    return CardService.newActionResponseBuilder()
      .setNavigation(nav)
      .setNotification(CardService.newNotification().setText(message))
      .build();
  },
  'opt-in': (e) => {
    const on = stringInput(e, FIELD.optIn) === 'sì';
    const r = callAsOwner('setOptIn', { on });
    if (!r.ok) return notify(r.message ?? 'Preferenza non salvata.');
    keepWorkingLocation(on);
    return notify(
      on
        ? 'Le tue giornate approvate compaiono nel tuo calendario come luogo di lavoro, e restano aggiornate.'
        : 'Le tue giornate non compaiono più nel tuo calendario.',
    );
  },
  'admin-setup': () => {
    const report = callAsOwner('adminSetup', {});
    return show(
      homepage(),
      'update',
      report.changes.length
        ? `Configurazione: ${countIt(report.changes.length, 'modifica', 'modifiche')}.`
        : 'Era già tutto configurato.',
    );
  },
  'admin-ministry': () => {
    const r = callAsOwner('adminMinistry', {});
    return show(
      homepage(),
      'update',
      r.notices
        ? `${countIt(r.notices, 'comunicazione', 'comunicazioni')} da inviare nel foglio «Agorà — Comunicazioni al Ministero»${r.incomplete ? `; ${countIt(r.incomplete, 'riga incompleta', 'righe incomplete')}: completa le schede del personale` : ''}.`
        : 'Nessuna comunicazione al Ministero da inviare.',
    );
  },
  'admin-drive': () => {
    const r = callAsOwner('adminDrive', {});
    const done = [
      r.created ? countIt(r.created, 'cartella creata', 'cartelle create') : '',
      r.moved ? countIt(r.moved, 'spostata', 'spostate') : '',
      r.renamed ? countIt(r.renamed, 'rinominata', 'rinominate') : '',
      r.shared ? countIt(r.shared, 'condivisione aggiunta', 'condivisioni aggiunte') : '',
    ].filter(Boolean);
    return show(
      homepage(),
      'update',
      done.length
        ? `Cartelle del personale: ${done.join(', ')}.`
        : 'Le cartelle del personale erano già in ordine.',
    );
  },
  agreements: (e) =>
    show(agreementsCard(callAsOwner('agreements', {})), params(e).nav === 'push' ? 'push' : 'update'),
  'agreement-propose-form': (e) => {
    const p = params(e);
    const employee = (p.dipendente ?? stringInput(e, FIELD.employee)).trim().toLowerCase();
    if (!employee) return notify('Scrivi l’email della persona.');
    const view = callAsOwner('agreements', {});
    return show(proposalCard(employee, p.nome ?? employee, view.projects), 'push');
  },
  'agreement-propose': (e) => {
    const from = dateInput(e, FIELD.from);
    const to = dateInput(e, FIELD.to);
    const r = callAsOwner('agreementPropose', {
      employee: params(e).dipendente,
      from: from ?? '',
      to: to ?? '',
      contactWindows: stringInput(e, FIELD.windows),
      equipment: stringInput(e, FIELD.equipment),
      project: stringInput(e, FIELD.project),
    });
    return agreementOutcome(r, 'pop');
  },
  'agreement-send': (e) => agreementOutcome(callAsOwner('agreementSend', { key: params(e).chiave }), 'stay'),
  'agreement-accept': (e) =>
    agreementOutcome(callAsOwner('agreementAccept', { key: params(e).chiave }), 'stay'),
  'agreement-withdraw-form': (e) => show(withdrawCard(params(e).chiave ?? '', params(e).nome ?? ''), 'push'),
  'agreement-withdraw': (e) =>
    agreementOutcome(
      callAsOwner('agreementWithdraw', {
        key: params(e).chiave,
        justified: stringInput(e, FIELD.justified) === 'sì',
        reason: stringInput(e, FIELD.reason),
      }),
      'pop',
    ),
  'agreement-attach-form': (e) =>
    show(attachCard(params(e).chiave ?? '', recordedOwner() ?? 'il titolare di Agorà'), 'push'),
  'agreement-attach': (e) =>
    agreementOutcome(
      callAsOwner('agreementAttach', { key: params(e).chiave, url: stringInput(e, FIELD.url) }),
      'pop',
    ),
  'admin-import': () => show(staffImportCard(callAsOwner('adminStaffImport', { apply: false })), 'push'),
  'admin-import-apply': () => {
    const r = callAsOwner('adminStaffImport', { apply: true });
    return show(
      staffImportCard(r),
      'update',
      r.fileError ?? `${countIt(r.applied, 'scheda aggiornata', 'schede aggiornate')} in un’unica scrittura.`,
    );
  },
  'admin-check': () => {
    const { problems } = callAsOwner('adminCheck', {});
    return show(
      homepage(),
      'update',
      problems
        ? `${countIt(problems, 'problema', 'problemi')}: vedi il foglio «Problemi».`
        : 'Nessun problema nel registro.',
    );
  },
};

/**
 * After an agreement step: a refusal is a notification and the card stays as it is (what was
 * typed is kept); done, the agreements card is drawn again (from a form card: popped back to it).
 */
function agreementOutcome(r: { ok: boolean; message: string }, from: 'pop' | 'stay'): ActionResponse {
  if (!r.ok) return notify(r.message);
  const card = agreementsCard(callAsOwner('agreements', {}));
  const nav =
    from === 'pop'
      ? CardService.newNavigation().popCard().updateCard(card)
      : CardService.newNavigation().updateCard(card);
  return CardService.newActionResponseBuilder()
    .setNavigation(nav)
    .setNotification(CardService.newNotification().setText(r.message))
    .build();
}

/**
 * As the user: their approved days as working location on their own calendar (or none), and the
 * add-on's hourly trigger that keeps it so (created once, removed when they opt out).
 */
function keepWorkingLocation(on: boolean): void {
  syncMyCalendarNow(); // reads the preference just stored: no days when the user opted out
  const mine = ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === HOURLY_SYNC_HANDLER);
  if (on && !mine.length) ScriptApp.newTrigger(HOURLY_SYNC_HANDLER).timeBased().everyHours(1).create();
  if (!on) for (const t of mine) ScriptApp.deleteTrigger(t);
}

export { CARD_ACTION };
