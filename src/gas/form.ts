// The request Form: built and kept in line with the Sedi sheet by setup, and read back on
// submission. HR may rename items or turn the date question into a short answer, so answers
// are recognised by item type first and by title second, and dates arrive as raw text that
// the intake validates itself.
import { HOME, type Site } from '../domain/model';

type Form = GoogleAppsScript.Forms.Form;

export const FORM_TITLE = 'Richiesta di lavoro agile';
export const DATE_ITEM_TITLE = 'Giorno di lavoro agile';
export const EXTRA_DATE_ITEM_TITLE = 'Altro giorno (facoltativo)';
export const EXTRA_DATE_ITEMS = 4;
export const LOCATION_ITEM_TITLE = 'Luogo';
export const NOTE_ITEM_TITLE = 'Nota (facoltativa)';
export const HOME_CHOICE = 'Casa';

/** The choice shown for a site: its name, with its code to tell homonyms apart. */
export function siteChoice(site: Site): string {
  return `${site.name} (${site.id})`;
}

export function locationChoices(sites: readonly Site[]): string[] {
  return [HOME_CHOICE, ...sites.map(siteChoice)];
}

/** Creates the items a new form needs. */
export function buildFormItems(form: Form, sites: readonly Site[]): void {
  form
    .setTitle(FORM_TITLE)
    .setDescription(
      'Indica i giorni in cui vuoi lavorare in modalità agile e dove. Ogni giorno viene controllato subito ' +
        'con le regole dell\u2019accordo individuale; riceverai una ricevuta con l\u2019esito.',
    )
    .setCollectEmail(true);
  form.addDateItem().setTitle(DATE_ITEM_TITLE).setRequired(true);
  for (let i = 0; i < EXTRA_DATE_ITEMS; i++)
    form.addDateItem().setTitle(EXTRA_DATE_ITEM_TITLE).setRequired(false);
  form.addListItem().setTitle(LOCATION_ITEM_TITLE).setChoiceValues(locationChoices(sites)).setRequired(true);
  form.addParagraphTextItem().setTitle(NOTE_ITEM_TITLE).setRequired(false);
}

/** Brings the location choices in line with the sites; returns true when it changed them. */
export function refreshLocationChoices(form: Form, sites: readonly Site[]): boolean {
  const wanted = locationChoices(sites);
  const item = form.getItems(FormApp.ItemType.LIST).find((i) => /luogo|sede|dove/i.test(i.getTitle()));
  if (!item) {
    form.addListItem().setTitle(LOCATION_ITEM_TITLE).setChoiceValues(wanted).setRequired(true);
    return true;
  }
  const list = item.asListItem();
  const current = list.getChoices().map((c) => c.getValue());
  if (current.length === wanted.length && current.every((c, i) => c === wanted[i])) return false;
  list.setChoiceValues(wanted);
  return true;
}

export interface ParsedResponse {
  responseId: string;
  email: string;
  dates: string[];
  /** `home`, a site id, or the raw answer when it matches nothing (the intake refuses it). */
  location: string;
  note: string;
}

/** Reads a response: dates from date items (or text items titled like a date question). */
export function parseResponse(
  response: GoogleAppsScript.Forms.FormResponse,
  sites: readonly Site[],
): ParsedResponse {
  const dates: string[] = [];
  let location = '';
  let note = '';
  for (const itemResponse of response.getItemResponses()) {
    const item = itemResponse.getItem();
    const type = item.getType();
    const title = item.getTitle();
    const answer = itemResponse.getResponse() as unknown;
    const text = Array.isArray(answer) ? answer.join(', ') : String(answer ?? '').trim();
    if (type === FormApp.ItemType.DATE || /giorn|data|date/i.test(title)) {
      if (type === FormApp.ItemType.DATE) {
        if (text) dates.push(text);
      } else {
        dates.push(...text.split(/[\s,;]+/).filter(Boolean));
      }
    } else if (/luogo|sede|dove/i.test(title)) {
      location = matchLocation(text, sites);
    } else if (/nota|note/i.test(title)) {
      note = text;
    }
  }
  return { responseId: response.getId(), email: response.getRespondentEmail(), dates, location, note };
}

function matchLocation(answer: string, sites: readonly Site[]): string {
  const a = answer.trim().toLowerCase();
  if (a === HOME_CHOICE.toLowerCase() || a === HOME) return HOME;
  const byChoice = sites.find(
    (s) => siteChoice(s).toLowerCase() === a || s.id === a || s.name.toLowerCase() === a,
  );
  return byChoice ? byChoice.id : answer;
}
