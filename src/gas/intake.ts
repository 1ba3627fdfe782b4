// The form-submit trigger: a Form response becomes requested days in the register.
import { receiveFormResponse } from '../app/requests';
import { parseResponse } from './form';
import { gasPorts } from './runtime';

export function handleFormSubmit(event: GoogleAppsScript.Events.FormsOnFormSubmit): void {
  const ports = gasPorts();
  const sites = ports.register.load().sites;
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
