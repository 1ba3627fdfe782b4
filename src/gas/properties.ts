// Keys of the script properties where Agorà keeps the ids of what setup created (HR never
// types them) and small bits of job state.
export const PROPERTY = {
  formId: 'agora.formId',
  calendarId: 'agora.calendarId',
  driveRootId: 'agora.driveRootId',
  /** The Docs template of the individual agreement, in Agorà's folder. */
  agreementTemplateId: 'agora.agreementTemplateId',
  spreadsheetId: 'agora.spreadsheetId',
  /** The Form's published (respondent) URL: the add-on links to it without opening the Form. */
  formUrl: 'agora.formUrl',
  /** The owner: fixed at the first setup, changed only when the owner hands it over. */
  owner: 'agora.owner',
  /** Set by the owner in Project Settings before running handOverOwnership without an argument. */
  handOverTo: 'agora.handOverTo',
  lastFullCalendarSync: 'agora.lastFullCalendarSync',
  /** When the periodic trigger last looked for responses whose trigger failed (epoch ms). */
  lastResponseCheck: 'agora.lastResponseCheck',
  /** The day the periodic job last finished its daily work (archive, HR's digest). */
  lastDailyWork: 'agora.lastDailyWork',
  /** The day the expiry alerts were last queued (the next run catches up the days since). */
  lastExpiryAlerts: 'agora.lastExpiryAlerts',
} as const;
