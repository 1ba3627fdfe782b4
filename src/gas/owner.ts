// Who may run Agorà's privileged work. The owner is the dedicated HR account that owns the
// script project and every file Agorà keeps (register, Form, team calendar, Drive root); it is
// fixed at the first setup and changes only when the owner hands it over.
//
// Every top-level function of the project can be reached by anyone who can run the project's
// code somewhere: from the web app page (`google.script.run`, executing as the owner with the
// visitor as active user) or from the add-on (executing as the user). So setup, the register
// check, the timer and the trigger handlers check the execution itself before their first read
// or write of Agorà's data: both its effective user (whose rights it has) and its active user
// (who asked) must be the owner. That holds when the owner runs a function in the editor, and
// in the installable triggers the owner created (they run as their creator); it fails in the
// web app for any other visitor, and in the add-on for anyone else.
import { PROPERTY } from './properties';

/** A caller who may not do what they asked (the message is Italian, for people). */
export class NotAuthorizedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotAuthorizedError';
  }
}

const email = (user: GoogleAppsScript.Base.User): string => user.getEmail().trim().toLowerCase();

/** The verified email of the user running this execution (never a value from a client). */
export function currentUser(): string {
  return email(Session.getActiveUser());
}

/** The user whose rights this execution has. */
export function effectiveUser(): string {
  return email(Session.getEffectiveUser());
}

/** The owner fixed at the first setup, or null before it. */
export function recordedOwner(): string | null {
  return PropertiesService.getScriptProperties().getProperty(PROPERTY.owner);
}

/** Whether this execution has the owner's rights (the web app, the owner's own runs, triggers). */
export function runsAsOwner(): boolean {
  const owner = recordedOwner();
  return owner !== null && effectiveUser() === owner;
}

/**
 * Refuses unless the owner runs this execution for themself (the editor, or a trigger the
 * owner installed). Returns the owner.
 */
export function requireOwner(what: string): string {
  const owner = recordedOwner();
  if (owner === null)
    throw new NotAuthorizedError(`${what}: Agorà non è ancora configurato (manca la prima configurazione).`);
  if (effectiveUser() !== owner || currentUser() !== owner)
    throw new NotAuthorizedError(
      `${what}: solo l'account titolare di Agorà (servizio personale) può eseguire questa operazione.`,
    );
  return owner;
}

/**
 * The first setup fixes the owner: the account that owns the script project, running it for
 * itself (not through the web app or the add-on of somebody else). Later setups need the owner.
 */
export function requireOwnerOrFirstSetup(): { owner: string; first: boolean } {
  if (recordedOwner() !== null) return { owner: requireOwner('Configurazione'), first: false };
  const me = effectiveUser();
  if (!me || currentUser() !== me)
    throw new NotAuthorizedError(
      'Configurazione: la prima configurazione va eseguita dal titolare nell’editor.',
    );
  let projectOwner = '';
  try {
    projectOwner = email(DriveApp.getFileById(ScriptApp.getScriptId()).getOwner());
  } catch {
    projectOwner = ''; // not even visible to this account
  }
  if (projectOwner !== me)
    throw new NotAuthorizedError(
      'Configurazione: la prima configurazione spetta all’account proprietario del progetto Agorà.',
    );
  PropertiesService.getScriptProperties().setProperty(PROPERTY.owner, me);
  return { owner: me, first: true };
}
