// The owner hands Agorà over to another HR administrator of the domain: the register, the
// Form, the Drive root and the script project become theirs (Drive keeps the previous owner
// as an editor), the team calendar gets them as an owner, and the recorded owner changes. The
// previous owner's triggers are removed: the new owner's setup creates their own, and the new
// owner deploys the web app again so that it executes as them (README, "Handing over").
import { normaliseEmail } from '../domain/model';
import { requireOwner, NotAuthorizedError } from './owner';
import { PROPERTY } from './properties';
import { SheetsRegister } from './register';
import { registerSpreadsheet } from './runtime';

/**
 * `newOwner`, or (the editor's Run button passes no argument) the script property
 * `agora.handOverTo` the owner sets in Project Settings ▸ Script properties.
 */
export function handOverOwnership(newOwner?: unknown): string {
  const owner = requireOwner('Passaggio di consegne');
  const props = PropertiesService.getScriptProperties();
  const next = normaliseEmail(newOwner ?? props.getProperty(PROPERTY.handOverTo));
  const domain = (e: string) => e.slice(e.indexOf('@') + 1);
  if (!next || next === owner || domain(next) !== domain(owner))
    throw new NotAuthorizedError(`Indica l\u2019email di un altro account del dominio ${domain(owner)}.`);
  const ss = registerSpreadsheet();
  if (!new SheetsRegister(ss).load().admins.includes(next))
    throw new NotAuthorizedError(
      `${next} non è del servizio personale: prima aggiungilo in «Responsabili» con «Servizio personale» = sì.`,
    );
  const fileIds = [props.getProperty(PROPERTY.formId), ss.getId(), ScriptApp.getScriptId()];
  for (const id of fileIds) if (id) DriveApp.getFileById(id).setOwner(next);
  const rootId = props.getProperty(PROPERTY.driveRootId);
  if (rootId) DriveApp.getFolderById(rootId).setOwner(next);
  const calendarId = props.getProperty(PROPERTY.calendarId);
  if (calendarId && typeof Calendar !== 'undefined' && Calendar.Acl)
    Calendar.Acl.insert({ role: 'owner', scope: { type: 'user', value: next } }, calendarId);
  for (const trigger of ScriptApp.getProjectTriggers()) ScriptApp.deleteTrigger(trigger);
  props.setProperty(PROPERTY.owner, next);
  props.deleteProperty(PROPERTY.handOverTo);
  return `Agorà passa a ${next}: esegua la configurazione e pubblichi di nuovo l\u2019applicazione web.`;
}
