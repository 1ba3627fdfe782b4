// The form-submit trigger: a Form response becomes requested days in the register.
import { receiveFormResponse } from '../app/requests';
import { parseResponse, refreshLocationChoices } from './form';
import { requireOwner } from './owner';
import { PROPERTY } from './properties';
import { SHEETS } from './schema';
import { SheetsRegister } from './register';
import { gasPorts, registerSpreadsheet } from './runtime';

export function handleFormSubmit(event: GoogleAppsScript.Events.FormsOnFormSubmit): void {
  requireOwner('Registrazione di una risposta');
  if (!event?.response) throw new Error('Evento di invio del modulo senza risposta: niente da registrare.');
  handleResponse(event.response);
}

function handleResponse(response: GoogleAppsScript.Forms.FormResponse): void {
  // One register for the sites and the request: the sheets are read once.
  const register = new SheetsRegister(registerSpreadsheet());
  const ports = { ...gasPorts(), register };
  const sites = register.loadSites();
  const parsed = parseResponse(response, sites);
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

/** Responses submitted this long before the last check are looked at again (triggers may lag). */
const RECOVERY_MARGIN_MS = 15 * 60_000;

/**
 * Periodic safety net: a response whose trigger execution failed (e.g. the lock could not be
 * had within 30 s) is never re-run by Apps Script. Responses since the last check that are
 * neither in the register nor in the refusal log are taken in now. Returns how many.
 */
export function recoverMissedResponses(): number {
  const props = PropertiesService.getScriptProperties();
  const formId = props.getProperty(PROPERTY.formId);
  if (!formId) return 0;
  const now = Date.now();
  const last = Number(props.getProperty(PROPERTY.lastResponseCheck) ?? '') || now;
  const responses = FormApp.openById(formId).getResponses(new Date(last - RECOVERY_MARGIN_MS));
  let recovered = 0;
  if (responses.length) {
    const register = new SheetsRegister(registerSpreadsheet());
    const known = new Set(register.load().days.map((d) => d.requestId));
    for (const response of responses) {
      if (known.has(response.getId()) || register.wasRefused(response.getId())) continue;
      try {
        handleResponse(response);
        recovered++;
      } catch (e) {
        console.warn(`Risposta ${response.getId()} ancora da registrare: ${(e as Error).message}`);
      }
    }
  }
  props.setProperty(PROPERTY.lastResponseCheck, String(now));
  return recovered;
}

/** Installable edit trigger of the register: when HR edits the sites, the Form follows. */
export function handleRegisterEdit(event: GoogleAppsScript.Events.SheetsOnEdit): void {
  requireOwner('Aggiornamento del modulo');
  if (!event?.range || event.range.getSheet().getName() !== SHEETS.sites.name) return;
  const formId = PropertiesService.getScriptProperties().getProperty(PROPERTY.formId);
  if (!formId) return;
  refreshLocationChoices(FormApp.openById(formId), new SheetsRegister(registerSpreadsheet()).loadSites());
}
