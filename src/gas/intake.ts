// The form-submit trigger: a Form response becomes requested days in the register.
import { receiveFormResponse } from '../app/requests';
import { parseResponse, refreshLocationChoices } from './form';
import { PROPERTY } from './properties';
import { SHEETS } from './schema';
import { SheetsRegister } from './register';
import { gasPorts, registerSpreadsheet } from './runtime';

export function handleFormSubmit(event: GoogleAppsScript.Events.FormsOnFormSubmit): void {
  const ports = gasPorts();
  const sites = new SheetsRegister(registerSpreadsheet()).loadSites();
  const parsed = parseResponse(event.response, sites);
  const outcome = receiveFormResponse(ports, {
    requestId: parsed.responseId,
    // The respondent's verified email (the form collects it): never a typed field.
    employee: parsed.email,
    dates: parsed.dates,
    location: parsed.location,
    note: parsed.note,
  });
  if (!outcome.ok)
    console.warn(`Richiesta ${parsed.responseId} di ${parsed.email} non registrata: ${outcome.message}`);
}

/** Installable edit trigger of the register: when HR edits the sites, the Form follows. */
export function handleRegisterEdit(event: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (event.range.getSheet().getName() !== SHEETS.sites.name) return;
  const formId = PropertiesService.getScriptProperties().getProperty(PROPERTY.formId);
  if (!formId) return;
  refreshLocationChoices(FormApp.openById(formId), new SheetsRegister(registerSpreadsheet()).loadSites());
}
