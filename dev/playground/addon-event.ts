// The event object Google passes to a Google Workspace add-on's functions (homepage trigger,
// contextual trigger, widget action, universal action), built from what the playground's side
// panel posted.
//
// Source: developers.google.com/workspace/add-ons/concepts/event-objects (the page's own text,
// read through the search tool) and .../how-tos/access-user-locale:
// - commonEventObject: platform WEB|IOS|ANDROID; hostApp GMAIL|CALENDAR|DRIVE|DOCS|SHEETS|SLIDES;
//   userLocale and timeZone {id, offset} only when the manifest sets
//   addOns.common.useLocaleFromApp (userLocale "the user's language and country/region
//   identifier … For example, en-US"; offset "measured in milliseconds");
//   formInputs and parameters only for widget actions ("The event objects created when homepage
//   triggers fire don't contain all the fields … fields pertaining to widgets and contextual
//   information are omitted"; contextual triggers add the host's context; widget actions add
//   widget information to that).
// - formInputs: single- and multi-valued widgets `{stringInputs: {value: string[]}}`, date-only
//   pickers `{dateInput: {msSinceEpoch}}`, date-time pickers `{dateTimeInput: {msSinceEpoch,
//   hasDate, hasTime}}`, time-only pickers `{timeInput: {hours, minutes}}`. The table gives
//   msSinceEpoch the type `string`; the Calendar/Chat protos make it an int64, which JSON
//   carries as a string: so a string here (Number() reads both).
// - the "original Gmail add-on fields", deprecated but still passed: formInput (one string per
//   widget), formInputs (string lists; "Date and time picker widget values can't be read from
//   this field"), parameters, clientPlatform, messageMetadata {messageId, accessToken};
//   userLocale ("two-letter ISO 639 code"), userCountry, userTimezone {id, offset: string} are
//   "deprecated and disabled by default": given here, as the manifest asks for the locale.
//   Top-level `hostApp` (lower case) is not in the table but Apps Script logs show it; kept.
// - gmail {messageId, threadId, accessToken}; calendar {calendarId, id, organizer {email},
//   capabilities, attendees} with capabilities and attendees ("User-generated data") only when
//   addOns.calendar.currentEventAccess is READ or READ_WRITE; sheets {addonHasFileScopePermission}
//   (id and title only with the drive.file scope, which Agorà does not ask for).
// - a grid's onClick gets the clicked item's id in its parameters under "grid_item_identifier"
//   (GoogleAppsCardV1Grid.onClick in the Chat API reference).
import type { IsoDate } from '../../src/domain/dates';
import { fromRomeLocal, romeOffsetMinutes } from '../../src/domain/rome-time';
import type { InputKind } from './addon-card';

export type HostApp = 'GMAIL' | 'CALENDAR' | 'SHEETS';

/** The open message or event the panel is about. */
export type HostContext =
  | { host: 'GMAIL'; messageId: string; accessToken: string }
  | {
      host: 'CALENDAR';
      calendarId: string;
      eventId: string;
      organizer: string;
      attendees: string[];
    }
  | null;

export interface EventOptions {
  host: HostApp;
  context: HostContext;
  /** Now, for the time zone's offset. */
  nowMs: number;
  /** The manifest's addOns.common.useLocaleFromApp. */
  useLocaleFromApp: boolean;
  /** The manifest's addOns.calendar.currentEventAccess. */
  currentEventAccess?: string;
  /** Widget actions only: the action's parameters and the card's form. */
  widget?: { parameters: Record<string, string>; formInputs: FormInputs };
}

export type FormInput =
  | { stringInputs: { value: string[] } }
  | { dateInput: { msSinceEpoch: string } }
  | { dateTimeInput: { msSinceEpoch: string; hasDate: boolean; hasTime: boolean } }
  | { timeInput: { hours: number; minutes: number } };
export type FormInputs = Record<string, FormInput>;

export const TIME_ZONE = 'Europe/Rome';
export const USER_LOCALE = 'it-IT';

/** The Google Workspace add-on event object. */
export function buildEvent(o: EventOptions): Record<string, unknown> {
  const common: Record<string, unknown> = { hostApp: o.host, platform: 'WEB' };
  const offsetMs = romeOffsetMinutes(o.nowMs) * 60_000;
  if (o.useLocaleFromApp) {
    common.userLocale = USER_LOCALE;
    common.timeZone = { id: TIME_ZONE, offset: offsetMs };
  }
  const event: Record<string, unknown> = { commonEventObject: common };
  // Host fields: the open message or event, when there is one.
  if (o.host === 'GMAIL') {
    const c = o.context?.host === 'GMAIL' ? o.context : null;
    event.gmail = c ? { messageId: c.messageId, threadId: c.messageId, accessToken: c.accessToken } : {};
    if (c) event.messageMetadata = { messageId: c.messageId, accessToken: c.accessToken };
  } else if (o.host === 'CALENDAR') {
    const c = o.context?.host === 'CALENDAR' ? o.context : null;
    if (c) {
      const calendar: Record<string, unknown> = {
        calendarId: c.calendarId,
        id: c.eventId,
        organizer: { email: c.organizer },
      };
      const access = o.currentEventAccess ?? '';
      if (access === 'READ' || access === 'READ_WRITE') {
        const write = access === 'READ_WRITE';
        calendar.capabilities = {
          canAddAttendees: write,
          canSeeAttendees: true,
          canSeeConferenceData: true,
          canSetConferenceData: write,
          canAddAttachments: write,
        };
        calendar.attendees = c.attendees.map((email) => ({
          email,
          responseStatus: 'needsAction',
          optional: false,
          organizer: false,
          resource: false,
          self: false,
          additionalGuests: 0,
        }));
      }
      event.calendar = calendar;
    } else event.calendar = {};
  } else {
    event.sheets = { addonHasFileScopePermission: false };
  }
  // The original Gmail add-on fields.
  event.hostApp = o.host.toLowerCase();
  event.clientPlatform = 'web';
  if (o.useLocaleFromApp) {
    event.userLocale = USER_LOCALE.slice(0, 2);
    event.userCountry = USER_LOCALE.slice(3);
    event.userTimezone = { id: TIME_ZONE, offset: String(offsetMs) };
  }
  if (o.widget) {
    common.parameters = { ...o.widget.parameters };
    common.formInputs = o.widget.formInputs;
    const formInput: Record<string, string> = {};
    const formInputs: Record<string, string[]> = {};
    for (const [name, input] of Object.entries(o.widget.formInputs)) {
      if (!('stringInputs' in input)) continue;
      formInputs[name] = [...input.stringInputs.value];
      if (input.stringInputs.value.length) formInput[name] = input.stringInputs.value[0];
    }
    event.formInput = formInput;
    event.formInputs = formInputs;
    event.parameters = { ...o.widget.parameters };
  }
  return event;
}

/** Parameters of an action (`[{key, value}]`), with what Google adds (a grid item's id). */
export function actionParameters(
  parameters: { key: string; value: string }[] | undefined,
  extra: Record<string, string> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of parameters ?? []) out[p.key] = String(p.value);
  return { ...out, ...extra };
}

/**
 * The card's form as Google passes it: every widget the card has, by name, from the posted
 * fields. Empty text and unselected choices are left out (Google sends values, not blanks).
 */
export function formInputsOf(inputs: Map<string, InputKind>, posted: (name: string) => string[]): FormInputs {
  const out: FormInputs = {};
  for (const [name, kind] of inputs) {
    const values = posted(name).filter((v) => v !== '');
    if (!values.length) continue;
    const v = values[0];
    if (kind.kind === 'string') out[name] = { stringInputs: { value: values } };
    else if (kind.kind === 'date') {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      if (m) out[name] = { dateInput: { msSinceEpoch: String(Date.UTC(+m[1], +m[2] - 1, +m[3])) } };
    } else if (kind.kind === 'time') {
      const m = /^(\d{2}):(\d{2})/.exec(v);
      if (m) out[name] = { timeInput: { hours: +m[1], minutes: +m[2] } };
    } else {
      const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(v);
      if (!m) continue;
      // Wall time → instant: in the picker's own offset, else in the user's zone (Europe/Rome).
      const ms =
        kind.offsetMinutes !== null
          ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) - kind.offsetMinutes * 60_000
          : fromRomeLocal({ date: `${m[1]}-${m[2]}-${m[3]}` as IsoDate, minutes: +m[4] * 60 + +m[5] });
      out[name] = { dateTimeInput: { msSinceEpoch: String(ms), hasDate: true, hasTime: true } };
    }
  }
  return out;
}
