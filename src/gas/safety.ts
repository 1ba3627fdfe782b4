// The deployment's safety: who can open and change what Agorà keeps, and how the Form takes
// requests. Each check finds a drift (a Form switched back to typed emails, a register shared by
// hand, a protection someone widened...) and knows how to repair it: setup repairs every finding,
// the register check (run by the owner) lists them in Problemi.
//
// What "safe" means here:
// - the register: owned by the owner, edited by the HR administrators only, nobody else, no
//   link or domain sharing; Europe/Rome as its time zone (dates are calendar dates there);
// - every sheet protected with its editors set explicitly and domain edit off (Google's own
//   sample: a new protection keeps the file's editors until they are removed);
// - the Form: published (forms made by API after 30 June 2026 start unpublished), collecting
//   verified emails (a typed address would become the identity), for the domain's users only;
// - the team calendar: read-only for the domain (or for nobody, as HR configures), never public;
// - the Drive root: the owner's, edited by HR, no link or domain sharing (the Drive convention in the README);
// - the script project: nobody but the owner edits the code; the domain may view it, because
//   Google lets a user's token reach a web app only if that user can open the project;
// - one form-submit, one edit and one periodic trigger, the owner's.
import type { DeploymentSettings } from './rows';
import { SHEET_ORDER, SHEETS } from './schema';

export const TIME_ZONE = 'Europe/Rome';
export const FORM_SUBMIT_HANDLER = 'onFormSubmit';
export const TIMER_HANDLER = 'onTimer';
export const EDIT_HANDLER = 'onRegisterEdit';
export const TIMER_MINUTES = 5;

export interface SafetyFinding {
  /** What is wrong, in Italian, for the Problemi sheet. */
  problem: string;
  /** Puts it right; returns what was done, in Italian. */
  repair(): string;
}

export interface Deployment {
  owner: string;
  /** The HR administrators: the register's only editors besides the owner. */
  admins: readonly string[];
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  form: GoogleAppsScript.Forms.Form;
  calendarId: string;
  driveRootId: string;
  settings: DeploymentSettings;
}

/** Every drift from a safe deployment, with its repair. */
export function safetyFindings(d: Deployment): SafetyFinding[] {
  return [
    ...registerFindings(d),
    ...protectionFindings(d),
    ...formFindings(d.form),
    ...calendarFindings(d),
    ...folderFindings(d),
    ...projectFindings(d.owner),
    ...triggerFindings(d.form.getId(), d.spreadsheet.getId()),
  ];
}

const lower = (users: GoogleAppsScript.Base.User[] | GoogleAppsScript.Drive.User[]) =>
  users.map((u) => u.getEmail().trim().toLowerCase());
const domainOf = (email: string) => email.slice(email.indexOf('@') + 1);

/** Link or domain sharing ("general access") of a Drive item: anything but PRIVATE. */
function generalAccessFinding(
  item: GoogleAppsScript.Drive.File | GoogleAppsScript.Drive.Folder,
  what: string,
): SafetyFinding[] {
  const access = String(item.getSharingAccess());
  if (access === String(DriveApp.Access.PRIVATE)) return [];
  return [
    {
      problem: `${what} è condiviso con ${access.startsWith('DOMAIN') ? 'tutto il dominio' : 'chiunque abbia il link'}.`,
      repair: () => {
        item.setSharing(DriveApp.Access.PRIVATE, DriveApp.Permission.NONE);
        return `Tolta la condivisione generale di ${what}.`;
      },
    },
  ];
}

/** People given access by hand: only `allowed` may edit, nobody else may even view. */
function peopleFindings(
  item: GoogleAppsScript.Drive.File | GoogleAppsScript.Drive.Folder,
  what: string,
  allowed: readonly string[],
): SafetyFinding[] {
  const findings: SafetyFinding[] = [];
  const editors = lower(item.getEditors());
  const viewers = lower(item.getViewers());
  for (const email of [...editors, ...viewers].filter((e) => !allowed.includes(e))) {
    findings.push({
      problem: `${what} è condiviso con ${email}, che non è del servizio personale.`,
      repair: () => {
        item.revokePermissions(email);
        return `Tolto l\u2019accesso di ${email} a ${what}.`;
      },
    });
  }
  const missing = allowed.filter((e) => !editors.includes(e));
  if (missing.length)
    findings.push({
      problem: `${what}: il servizio personale (${missing.join(', ')}) non può modificarlo.`,
      repair: () => {
        item.addEditors(missing);
        return `${what}: possono modificarlo ${missing.join(', ')}.`;
      },
    });
  return findings;
}

function registerFindings(d: Deployment): SafetyFinding[] {
  const ss = d.spreadsheet;
  const file = DriveApp.getFileById(ss.getId());
  const what = 'Il registro';
  const hr = d.admins.filter((a) => a !== d.owner);
  const findings = [...generalAccessFinding(file, what), ...peopleFindings(file, what, hr)];
  if (ss.getSpreadsheetTimeZone() !== TIME_ZONE)
    findings.push({
      problem: `Il fuso orario del registro è ${ss.getSpreadsheetTimeZone()}, non ${TIME_ZONE}: le date si sposterebbero.`,
      repair: () => {
        ss.setSpreadsheetTimeZone(TIME_ZONE);
        return `Fuso orario del registro: ${TIME_ZONE}.`;
      },
    });
  return findings;
}

/** HR may edit the hand-kept sheets; only the owner's code writes the others. */
function protectionFindings(d: Deployment): SafetyFinding[] {
  const findings: SafetyFinding[] = [];
  for (const key of SHEET_ORDER) {
    const def = SHEETS[key];
    const sheet = d.spreadsheet.getSheetByName(def.name);
    if (!sheet) continue; // setup creates it; the register check reports it as unusable
    const wanted = [...new Set([d.owner, ...(def.codeOwned ? [] : d.admins)])];
    const protection = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
    const editors = protection ? lower(protection.getEditors()) : [];
    const extra = editors.filter((e) => !wanted.includes(e));
    const lacking = wanted.filter((e) => !editors.includes(e));
    const domainEdit = protection ? protection.canDomainEdit() : false;
    if (protection && !extra.length && !lacking.length && !domainEdit) continue;
    const problem = !protection
      ? `Il foglio «${def.name}» non è protetto.`
      : domainEdit
        ? `Il foglio «${def.name}» è modificabile da tutto il dominio.`
        : extra.length
          ? `Il foglio «${def.name}» è modificabile anche da ${extra.join(', ')}.`
          : `Il foglio «${def.name}»: ${lacking.join(', ')} non può modificarlo.`;
    findings.push({
      problem,
      repair: () => {
        const p = protection ?? sheet.protect();
        p.setDescription(def.description);
        // Google's sample: be an editor first, then remove everybody else, then the domain.
        p.addEditor(d.owner);
        if (extra.length) p.removeEditors(extra);
        if (lacking.length) p.addEditors(lacking);
        if (p.canDomainEdit()) p.setDomainEdit(false);
        return `Protetto il foglio «${def.name}».`;
      },
    });
  }
  return findings;
}

/** Form methods newer than the @types package (FormApp reference, 2025). */
export type PublishableForm = GoogleAppsScript.Forms.Form & {
  supportsAdvancedResponderPermissions(): boolean;
  isPublished(): boolean;
  setPublished(enabled: boolean): GoogleAppsScript.Forms.Form;
  getEmailCollectionType(): unknown;
  setEmailCollectionType(type: unknown): GoogleAppsScript.Forms.Form;
};
const VERIFIED = () =>
  (FormApp as unknown as { EmailCollectionType: { VERIFIED: unknown } }).EmailCollectionType.VERIFIED;

export function formFindings(form: GoogleAppsScript.Forms.Form): SafetyFinding[] {
  const f = form as PublishableForm;
  const findings: SafetyFinding[] = [];
  if (f.supportsAdvancedResponderPermissions() && !f.isPublished())
    findings.push({
      problem: 'Il modulo di richiesta non è pubblicato: non riceve risposte.',
      repair: () => {
        f.setPublished(true);
        return 'Pubblicato il modulo di richiesta.';
      },
    });
  if (String(f.getEmailCollectionType()) !== String(VERIFIED()))
    findings.push({
      problem:
        'Il modulo di richiesta non raccoglie l\u2019email verificata: un indirizzo scritto a mano potrebbe essere di un altro.',
      repair: () => {
        f.setEmailCollectionType(VERIFIED());
        return 'Il modulo raccoglie l\u2019email verificata di chi risponde.';
      },
    });
  if (!form.requiresLogin())
    findings.push({
      problem: 'Il modulo di richiesta è aperto anche a chi non è del dominio.',
      repair: () => {
        form.setRequireLogin(true);
        return 'Il modulo accetta risposte solo dagli utenti del dominio.';
      },
    });
  return findings;
}

function calendarFindings(d: Deployment): SafetyFinding[] {
  const acl = typeof Calendar === 'undefined' ? undefined : Calendar.Acl;
  if (!acl) throw new Error('Il servizio avanzato Calendar non è attivo nel progetto.');
  const domain = domainOf(d.owner);
  const rules = acl.list(d.calendarId).items ?? [];
  const findings: SafetyFinding[] = [];
  for (const rule of rules) {
    const type = rule.scope?.type;
    const value = (rule.scope?.value ?? '').toLowerCase();
    const isOwner = type === 'user' && value === d.owner;
    const publicRule = type === 'default';
    const domainRule = type === 'domain';
    const writer = rule.role === 'writer' || rule.role === 'owner';
    if (isOwner) continue;
    if (publicRule || (domainRule && d.settings.calendarSharing === 'nessuna'))
      findings.push({
        problem: `Il calendario «Smart working» è visibile ${publicRule ? 'pubblicamente' : 'a tutto il dominio'}.`,
        repair: () => {
          acl.remove(d.calendarId, rule.id as string);
          return `Tolta la condivisione ${publicRule ? 'pubblica' : 'con il dominio'} del calendario.`;
        },
      });
    else if (writer)
      findings.push({
        problem: `Il calendario «Smart working» è modificabile da ${value || 'altri'}: solo Agorà deve scriverlo.`,
        repair: () => {
          acl.insert({ role: 'reader', scope: rule.scope }, d.calendarId);
          return `Il calendario è in sola lettura per ${value}.`;
        },
      });
  }
  const shared = rules.some(
    (r) => r.scope?.type === 'domain' && (r.scope.value ?? '').toLowerCase() === domain,
  );
  if (d.settings.calendarSharing === 'dominio' && !shared)
    findings.push({
      problem: `Il calendario «Smart working» non è condiviso con il dominio ${domain}.`,
      repair: () => {
        acl.insert({ role: 'reader', scope: { type: 'domain', value: domain } }, d.calendarId);
        return `Calendario «Smart working» condiviso in sola lettura con ${domain}.`;
      },
    });
  return findings;
}

function folderFindings(d: Deployment): SafetyFinding[] {
  const folder = DriveApp.getFolderById(d.driveRootId);
  const what = 'La cartella degli accordi';
  return [
    ...generalAccessFinding(folder, what),
    ...peopleFindings(
      folder,
      what,
      d.admins.filter((a) => a !== d.owner),
    ),
  ];
}

/**
 * The project: the owner alone edits the code. The domain views it: a user's request to the web
 * app with their token is let through only if they can open the project (see web.ts).
 */
function projectFindings(owner: string): SafetyFinding[] {
  const project = DriveApp.getFileById(ScriptApp.getScriptId());
  const what = 'Il progetto Agorà (il codice)';
  const findings: SafetyFinding[] = [];
  for (const email of lower(project.getEditors()).filter((e) => e !== owner))
    findings.push({
      problem: `${what} è modificabile da ${email}: solo il titolare deve poter cambiare il codice.`,
      repair: () => {
        project.removeEditor(email);
        return `${email} non può più modificare il codice di Agorà.`;
      },
    });
  const access = String(project.getSharingAccess());
  const permission = String(project.getSharingPermission());
  if (access !== String(DriveApp.Access.DOMAIN) || permission !== String(DriveApp.Permission.VIEW))
    findings.push({
      problem:
        access.startsWith('ANYONE') || permission === String(DriveApp.Permission.EDIT)
          ? `${what} è condiviso oltre la sola lettura del dominio.`
          : `${what} non è visibile al dominio: il componente aggiuntivo non può raggiungere il registro.`,
      repair: () => {
        project.setSharing(DriveApp.Access.DOMAIN, DriveApp.Permission.VIEW);
        return `${what}: in sola lettura per il dominio.`;
      },
    });
  return findings;
}

/** One trigger of each kind, the owner's, on the current Form and register. */
function triggerFindings(formId: string, spreadsheetId: string): SafetyFinding[] {
  const triggers = ScriptApp.getProjectTriggers();
  const of = (handler: string) => triggers.filter((t) => t.getHandlerFunction() === handler);
  const findings: SafetyFinding[] = [];
  const wanted: [string, string | null, string, () => void][] = [
    [
      FORM_SUBMIT_HANDLER,
      formId,
      'l\u2019invio del modulo',
      () => ScriptApp.newTrigger(FORM_SUBMIT_HANDLER).forForm(formId).onFormSubmit().create(),
    ],
    [
      EDIT_HANDLER,
      spreadsheetId,
      'le modifiche al registro (sedi nel modulo)',
      () => ScriptApp.newTrigger(EDIT_HANDLER).forSpreadsheet(spreadsheetId).onEdit().create(),
    ],
    [
      TIMER_HANDLER,
      null,
      'il lavoro periodico (notifiche, calendario)',
      () => ScriptApp.newTrigger(TIMER_HANDLER).timeBased().everyMinutes(TIMER_MINUTES).create(),
    ],
  ];
  for (const [handler, sourceId, what, create] of wanted) {
    const all = of(handler);
    const keep = all.find((t) => sourceId === null || t.getTriggerSourceId() === sourceId);
    const stale = all.filter((t) => t !== keep);
    if (stale.length)
      findings.push({
        problem: `Attivatori in più per ${what}: ${stale.length}.`,
        repair: () => {
          for (const t of stale) ScriptApp.deleteTrigger(t);
          return `Tolti ${stale.length === 1 ? 'un attivatore' : `${stale.length} attivatori`} in più per ${what}.`;
        },
      });
    if (!keep)
      findings.push({
        problem: `Manca l\u2019attivatore per ${what}.`,
        repair: () => {
          create();
          return `Creato l\u2019attivatore per ${what}.`;
        },
      });
  }
  return findings;
}
