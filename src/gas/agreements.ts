// The individual agreement from proposal to withdrawal, as the owner's web app runs it for the
// verified caller (src/domain/agreement-lifecycle.ts decides who may do what): HR or the manager
// proposes it; sending it writes its document from the Docs template into the person's Drive
// folder; the employee and the manager accept it, each with their verified identity and the time;
// once both have, the rules count on it; either side withdraws with notice. Each step is ONE
// atomic write of the agreement's row, its change-log line and its mail (RegisterPort.commit).
import {
  acceptanceRole,
  checkPeriod,
  expiryAlertDue,
  lastDay,
  mayPropose,
  maySend,
  mayWithdraw,
  stageOn,
  STAGE_LABELS,
  type AgreementParties,
  type AgreementStage,
} from '../domain/agreement-lifecycle';
import {
  AGREEMENT_TEMPLATE_NAME,
  agreementDocumentName,
  documentFields,
  fieldPattern,
  TEMPLATE_FIELDS,
  signedPdfName,
  TEMPLATE_TEXT,
} from '../domain/agreement-document';
import { formatDateIt, formatLocalDateTime, parseIsoDate, type IsoDate } from '../domain/dates';
import { deliveryTime } from '../domain/disconnection';
import { EQUIPMENT_LABELS, fromLabel } from '../domain/labels';
import { toRomeLocal } from '../domain/rome-time';
import type { AuditEntry, RegisterSnapshot } from '../app/ports';
import type { Notification } from '../app/notifications';
import { cancelAfterWithdrawals } from '../app/decisions';
import { dateToCell, type Cell } from './cells';
import { nowLocal } from './chain-state';
import { agoraFolder } from './drive-files';
import { ensureDocTemplate } from './doc-templates';
import { personFolder, shareInPersonFolder } from './drive-folders';
import { PROPERTY } from './properties';
import type { SheetsRegister } from './register';
import {
  acceptanceToCell,
  agreementsFromRows,
  blankRow,
  columnsOf,
  formatWindows,
  layOut,
  organisationsFromRows,
  parseWindows,
  staffFactsFromRows,
  type AgreementRecord,
} from './rows';
import { gasClock, gasLock, gasPorts } from './runtime';
import { NO, YES } from './schema';
import { recordedOwner } from './owner';

/** What a person sees of one agreement, and what they may do with it now. */
export interface AgreementItem {
  key: string;
  employee: string;
  name: string;
  from: IsoDate;
  to: IsoDate | null;
  stage: AgreementStage;
  stageLabel: string;
  project: string;
  /** The agreement's last day after a withdrawal (null: none). */
  withdrawnFrom: IsoDate | null;
  document: string;
  signedPdf: string;
  employeeAcceptance: string;
  managerAcceptance: string;
  can: { send: boolean; accept: boolean; withdraw: boolean; attach: boolean };
}

export interface AgreementsView {
  today: IsoDate;
  /** The caller's own agreements, newest first. */
  mine: AgreementItem[];
  /** The manager's team (HR: the people with an agreement waiting for someone). */
  team: { email: string; name: string; sector: string; agreements: AgreementItem[] }[];
  /** The caller proposes agreements (a manager, HR). */
  proposes: boolean;
  /** Projects already named in the caller's sectors, for the proposal form. */
  projects: string[];
}

export interface AgreementResult {
  ok: boolean;
  message: string;
  key?: string;
}

export interface ProposalInput {
  employee?: unknown;
  from?: unknown;
  to?: unknown;
  contactWindows?: unknown;
  equipment?: unknown;
  project?: unknown;
}

const MAX_TEXT = 1000;
const PDF_MIME = 'application/pdf';

/** What every step reads, under the lock: the register's people and the agreements' rows. */
function readContext(register: SheetsRegister) {
  const snapshot: RegisterSnapshot = register.load();
  const today = toRomeLocal(Date.now()).date;
  const v = register.sheetValues(['agreements', 'employees', 'organisations']);
  const staff = staffFactsFromRows(v.employees, today).staff;
  const disabled = new Set([...staff.values()].filter((s) => s.disabled).map((s) => s.email));
  const known = new Set(snapshot.employees.map((e) => e.email));
  const { records } = agreementsFromRows(v.agreements, known, disabled);
  const employees = new Map(snapshot.employees.map((e) => [e.email, e]));
  const parties = (employee: string): AgreementParties => ({
    employee,
    manager: employees.get(employee)?.manager ?? '',
    hr: snapshot.admins,
  });
  return { snapshot, today, values: v, staff, disabled, records, employees, parties };
}
type Context = ReturnType<typeof readContext>;

function itemOf(ctx: Context, r: AgreementRecord, caller: string): AgreementItem {
  const employee = r.agreement.employee;
  const disabled = ctx.disabled.has(employee);
  const p = ctx.parties(employee);
  const stage = stageOn(r.life, ctx.today, disabled);
  const last = r.life.withdrawal ? lastDay(r.life, disabled) : null;
  const lifecycleOnly = (ok: boolean) => r.lifecycle && ok;
  const signed = r.life.employeeAcceptance !== null && r.life.managerAcceptance !== null;
  return {
    key: r.key,
    employee,
    name: ctx.employees.get(employee)?.name ?? employee,
    from: r.agreement.from,
    to: r.agreement.to,
    stage,
    stageLabel: STAGE_LABELS[stage],
    project: r.project,
    withdrawnFrom: last,
    document: r.document,
    signedPdf: r.signedPdf,
    employeeAcceptance: r.life.employeeAcceptance ? acceptanceToCell(r.life.employeeAcceptance) : '',
    managerAcceptance: r.life.managerAcceptance ? acceptanceToCell(r.life.managerAcceptance) : '',
    can: {
      send: lifecycleOnly(maySend(r.life, caller, p).ok),
      accept: lifecycleOnly(acceptanceRole(r.life, caller, p).ok),
      withdraw: mayWithdraw(r.life, caller, p, ctx.today, true, disabled).ok,
      attach:
        signed && (caller === employee || caller === p.manager || p.hr.includes(caller)) && !r.signedPdf,
    },
  };
}

const newestFirst = (a: AgreementItem, b: AgreementItem) => (a.from < b.from ? 1 : a.from > b.from ? -1 : 0);

/** The agreements the caller may see: their own, their team's (a manager), those waiting (HR). */
export function agreementsView(register: SheetsRegister, caller: string): AgreementsView {
  const ctx = readContext(register);
  const items = ctx.records.map((r) => itemOf(ctx, r, caller));
  const isHr = ctx.snapshot.admins.includes(caller);
  const team = ctx.snapshot.employees.filter((e) => e.manager === caller && e.email !== caller);
  const waiting = (i: AgreementItem) =>
    i.stage === 'draft' || i.stage === 'awaiting-acceptance' || i.stage === 'expiring';
  const people = isHr
    ? ctx.snapshot.employees.filter(
        (e) => team.includes(e) || items.some((i) => i.employee === e.email && waiting(i)),
      )
    : team;
  const sectors = new Set(team.map((e) => e.sector));
  return {
    today: ctx.today,
    mine: items.filter((i) => i.employee === caller).sort(newestFirst),
    team: people
      .map((e) => ({
        email: e.email,
        name: e.name,
        sector: e.sector,
        agreements: items.filter((i) => i.employee === e.email).sort(newestFirst),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'it')),
    proposes: isHr || team.length > 0,
    projects: [
      ...new Set(
        ctx.records
          .filter((r) => r.project && sectors.has(ctx.employees.get(r.agreement.employee)?.sector ?? ''))
          .map((r) => r.project),
      ),
    ].sort(),
  };
}

// ---- writing ----------------------------------------------------------------------------------

function auditLine(
  caller: string,
  r: { key: string; employee: string; from: IsoDate },
  what: string,
): AuditEntry {
  return {
    at: nowLocal(),
    by: caller,
    action: 'agreement',
    dayId: '',
    employee: r.employee,
    date: r.from,
    from: '',
    to: '',
    detail: `Accordo ${r.key}: ${what}`,
  };
}

function mailTo(ctx: Context, to: string[], subject: string, body: string): Notification[] {
  const sendAt = formatLocalDateTime(deliveryTime(gasClock.now(), ctx.snapshot.policy));
  return [...new Set(to.filter(Boolean))].map((address) => ({
    to: address,
    kind: 'agreement',
    subject,
    body,
    sendAt,
    dayIds: [],
  }));
}

/** The row of `r` with `cells` set (by column key of Accordi). */
function rowWith(
  ctx: Context,
  r: AgreementRecord,
  cells: Record<string, Cell>,
): { row: number; cells: Cell[] } {
  const values = ctx.values.agreements;
  return { row: r.row, cells: layOut(columnsOf('agreements', values[0] ?? []), cells, values[r.row - 1]) };
}

function find(ctx: Context, key: unknown): AgreementRecord | null {
  return ctx.records.find((r) => r.key === String(key ?? '')) ?? null;
}

const fail = (message: string): AgreementResult => ({ ok: false, message });

/** HR or the manager proposes an agreement: a draft row, nothing sent yet. */
export function proposeAgreement(
  register: SheetsRegister,
  caller: string,
  input: ProposalInput,
): AgreementResult {
  return gasLock.withLock(() => {
    const ctx = readContext(register);
    const employee = String(input.employee ?? '')
      .trim()
      .toLowerCase();
    if (!ctx.employees.has(employee)) return fail(`${employee || 'La persona'} non è tra i dipendenti.`);
    const who = mayPropose(caller, ctx.parties(employee));
    if (!who.ok) return fail(who.message);
    const from = parseIsoDate(String(input.from ?? ''));
    if (!from) return fail("Indica la data di inizio dell'accordo.");
    const toText = String(input.to ?? '').trim();
    const to = toText ? parseIsoDate(toText) : null;
    if (toText && !to) return fail(`La data di fine non è una data: «${toText}».`);
    const disabled = ctx.disabled.has(employee);
    const others = ctx.records
      .filter((r) => r.agreement.employee === employee)
      .map((r) => ({ from: r.agreement.from, to: lastDay(r.life, disabled) }))
      .filter((o) => o.to === null || o.to >= o.from);
    const period = checkPeriod({ from, to }, others, ctx.today);
    if (!period.ok) return fail(period.message);
    const windowsText = String(input.contactWindows ?? '').trim();
    const windows = parseWindows(windowsText);
    if (!windows || !windows.length)
      return fail('Indica le fasce di contattabilità, ad esempio 09:00-13:00; 14:30-16:30.');
    const equipment =
      fromLabel(EQUIPMENT_LABELS, String(input.equipment ?? '')) ??
      (String(input.equipment ?? '') in EQUIPMENT_LABELS
        ? (String(input.equipment) as keyof typeof EQUIPMENT_LABELS)
        : null);
    if (!equipment) return fail('Indica la strumentazione: dell’ente o propria.');
    const project = String(input.project ?? '').trim();
    if (project.length > MAX_TEXT) return fail(`Il progetto supera ${MAX_TEXT} caratteri.`);
    const key = `ACC-${Utilities.getUuid().slice(0, 8).toUpperCase()}`;
    const values = ctx.values.agreements;
    const row = layOut(
      columnsOf('agreements', values[0] ?? []),
      {
        employee,
        from: dateToCell(from),
        to: to ? dateToCell(to) : '',
        contactWindows: formatWindows(windows),
        equipment: EQUIPMENT_LABELS[equipment],
        id: key,
        project,
        proposedBy: caller,
        proposedAt: nowLocal().replace('T', ' '),
      },
      blankRow(values[0]?.length ?? 0),
    );
    const span = `dal ${formatDateIt(from)} ${to ? `al ${formatDateIt(to)}` : 'a tempo indeterminato'}`;
    register.commit(
      { audit: [auditLine(caller, { key, employee, from }, `proposto ${span}`)] },
      { key: 'agreements', values, update: [], append: [row] },
    );
    return {
      ok: true,
      key,
      message: `Proposta registrata per ${ctx.employees.get(employee)?.name}: ${span}.`,
    };
  });
}

/** The template in Agorà's folder: the recorded one, one found by name, or a new one (the owner). */
export function ensureAgreementTemplate(changes: string[] = []): string {
  return ensureDocTemplate(
    agoraFolder(),
    AGREEMENT_TEMPLATE_NAME,
    TEMPLATE_TEXT,
    PROPERTY.agreementTemplateId,
    changes,
  );
}

/**
 * The agreement's document in the person's folder: found again by its derived name (a retry after
 * a failed write), else copied from the template and filled in, shared by the folder's rule.
 */
function writeDocument(register: SheetsRegister, ctx: Context, r: AgreementRecord): string {
  const employee = r.agreement.employee;
  const place = personFolder(register, employee);
  if (!place) throw new Error(`${employee} non è tra i dipendenti.`);
  const { folder, person, hr } = place;
  const name = agreementDocumentName(person.surnameName, r.agreement.from);
  const existing = folder.getFilesByName(name);
  while (existing.hasNext()) {
    const file = existing.next();
    if (!file.isTrashed()) return `https://docs.google.com/document/d/${file.getId()}/edit`;
  }
  const copy = DriveApp.getFileById(ensureAgreementTemplate()).makeCopy(name, folder);
  const doc = DocumentApp.openById(copy.getId());
  const body = doc.getBody();
  const e = ctx.employees.get(employee);
  const staff = ctx.staff.get(employee);
  const organisations = organisationsFromRows(ctx.values.organisations).organisations;
  const policy = ctx.snapshot.policy;
  const fields = documentFields({
    organisation: (e && organisations.get(e.organisation)?.legalName) || e?.organisation || '',
    sector: e?.sector ?? '',
    employeeName:
      staff?.surname && staff.firstName ? `${staff.firstName} ${staff.surname}` : (e?.name ?? employee),
    taxCode: staff?.taxCode ?? '',
    managerName: ctx.employees.get(e?.manager ?? '')?.name ?? e?.manager ?? '',
    project: r.project,
    from: r.agreement.from,
    to: r.agreement.to,
    maxDaysPerWeek: policy.maxDaysPerWeek,
    maxDaysPerMonth: policy.maxDaysPerMonth,
    contactWindows: r.agreement.contactWindows,
    disconnection: policy.disconnection,
    equipment: EQUIPMENT_LABELS[r.agreement.equipment],
    disabledWorker: ctx.disabled.has(employee),
    today: ctx.today,
  });
  for (const p of TEMPLATE_FIELDS) body.replaceText(fieldPattern(p), fields[p]);
  doc.saveAndClose();
  shareInPersonFolder(copy, person, hr);
  return `https://docs.google.com/document/d/${copy.getId()}/edit`;
}

/** HR or the manager sends a draft for acceptance: its document, then the row and the mail. */
export function sendAgreement(register: SheetsRegister, caller: string, key: unknown): AgreementResult {
  return gasLock.withLock(() => {
    const ctx = readContext(register);
    const r = find(ctx, key);
    if (!r || !r.lifecycle) return fail('Accordo non trovato: aggiorna la scheda.');
    const p = ctx.parties(r.agreement.employee);
    const may = maySend(r.life, caller, p);
    if (!may.ok) return fail(may.message);
    const url = writeDocument(register, ctx, r);
    const name = ctx.employees.get(p.employee)?.name ?? p.employee;
    register.commit(
      {
        audit: [
          auditLine(
            caller,
            { key: r.key, employee: p.employee, from: r.agreement.from },
            'inviato per accettazione',
          ),
        ],
        mail: mailTo(
          ctx,
          [p.employee, p.manager],
          `Accordo di lavoro agile da accettare: ${name}`,
          [
            `L'accordo individuale di lavoro agile di ${name} dal ${formatDateIt(r.agreement.from)} è pronto per l'accettazione.`,
            '',
            `Leggilo: ${url}`,
            '',
            'Per accettarlo apri Agorà nel pannello laterale di Gmail, Calendar o Fogli (anche dal telefono, in Gmail): «Accordo di lavoro agile» → «Accetto». Servono l’accettazione del dipendente e quella del responsabile.',
          ].join('\n'),
        ),
      },
      {
        key: 'agreements',
        values: ctx.values.agreements,
        append: [],
        update: [rowWith(ctx, r, { document: url, sentAt: nowLocal().replace('T', ' ') })],
      },
    );
    return { ok: true, key: r.key, message: `Accordo di ${name} inviato per l'accettazione.` };
  });
}

/** The employee or the manager accepts: their verified identity and the time, in the row. */
export function acceptAgreement(register: SheetsRegister, caller: string, key: unknown): AgreementResult {
  return gasLock.withLock(() => {
    const ctx = readContext(register);
    const r = find(ctx, key);
    if (!r || !r.lifecycle) return fail('Accordo non trovato: aggiorna la scheda.');
    const p = ctx.parties(r.agreement.employee);
    const role = acceptanceRole(r.life, caller, p);
    if (!role.ok) return fail(role.message);
    const at = nowLocal().replace('T', ' ');
    const acceptance = acceptanceToCell({ by: caller, at });
    const today = dateToCell(ctx.today);
    // The employee's acceptance also acknowledges the written safety notice the document holds.
    const cells: Record<string, Cell> =
      role.value === 'employee'
        ? { employeeAcceptance: acceptance, signedByEmployee: today, safetyNoticeDate: today }
        : { managerAcceptance: acceptance, signedByManager: today };
    const complete =
      role.value === 'employee' ? r.life.managerAcceptance !== null : r.life.employeeAcceptance !== null;
    const name = ctx.employees.get(p.employee)?.name ?? p.employee;
    const span = `dal ${formatDateIt(r.agreement.from)} ${r.agreement.to ? `al ${formatDateIt(r.agreement.to)}` : 'a tempo indeterminato'}`;
    register.commit(
      {
        audit: [
          auditLine(
            caller,
            { key: r.key, employee: p.employee, from: r.agreement.from },
            `accettato ${role.value === 'employee' ? 'dal dipendente' : 'dal responsabile'}${complete ? ' (firmato da entrambi)' : ''}`,
          ),
        ],
        mail: complete
          ? mailTo(
              ctx,
              [p.employee, p.manager],
              `Accordo di lavoro agile firmato: ${name}`,
              `L'accordo individuale di lavoro agile di ${name} è firmato da entrambi e vale ${span}.${r.document ? `\n\nDocumento: ${r.document}` : ''}`,
            )
          : [],
      },
      { key: 'agreements', values: ctx.values.agreements, append: [], update: [rowWith(ctx, r, cells)] },
    );
    return {
      ok: true,
      key: r.key,
      message: complete
        ? `Accordo firmato da entrambi: vale ${span}.`
        : `Accettazione registrata (${caller}, ${at}). Manca quella ${role.value === 'employee' ? 'del responsabile' : 'del dipendente'}.`,
    };
  });
}

/** Withdrawal (art. 19 c. 2): the notice today; the days after it ends are cancelled. */
export function withdrawAgreement(
  register: SheetsRegister,
  caller: string,
  input: { key?: unknown; justified?: unknown; reason?: unknown },
): AgreementResult {
  const result = gasLock.withLock(() => {
    const ctx = readContext(register);
    const r = find(ctx, input.key);
    if (!r) return fail('Accordo non trovato: aggiorna la scheda.');
    const p = ctx.parties(r.agreement.employee);
    const justified = input.justified === true || input.justified === YES;
    const reason = String(input.reason ?? '').trim();
    if (justified && !reason) return fail('Scrivi il giustificato motivo del recesso.');
    if (reason.length > MAX_TEXT) return fail(`Il motivo supera ${MAX_TEXT} caratteri.`);
    const disabled = ctx.disabled.has(p.employee);
    const may = mayWithdraw(r.life, caller, p, ctx.today, justified, disabled);
    if (!may.ok) return fail(may.message);
    const last = lastDay(
      { ...r.life, withdrawal: { by: may.value, noticeDate: ctx.today, justifiedReason: justified, reason } },
      disabled,
    );
    const name = ctx.employees.get(p.employee)?.name ?? p.employee;
    const ends =
      last && last < r.agreement.from
        ? 'prima di iniziare'
        : `con l'ultimo giorno ${last ? formatDateIt(last) : ''}`;
    register.commit(
      {
        audit: [
          auditLine(
            caller,
            { key: r.key, employee: p.employee, from: r.agreement.from },
            `recesso ${may.value === 'employee' ? 'del dipendente' : "dell'ente"}: termina ${ends}`,
          ),
        ],
        mail: mailTo(
          ctx,
          [p.employee, p.manager],
          `Recesso dall'accordo di lavoro agile: ${name}`,
          [
            `${caller} ha comunicato il recesso dall'accordo di lavoro agile di ${name} (${may.value === 'employee' ? 'recesso del dipendente' : "recesso dell'ente"}${justified ? ', per giustificato motivo' : ''}).`,
            `L'accordo termina ${ends}; le giornate richieste dopo vengono annullate.`,
            reason ? `Motivo: ${reason}` : '',
          ]
            .filter(Boolean)
            .join('\n'),
        ),
      },
      {
        key: 'agreements',
        values: ctx.values.agreements,
        append: [],
        update: [
          rowWith(ctx, r, {
            withdrawalNotice: dateToCell(ctx.today),
            withdrawalBy: may.value === 'employee' ? 'dipendente' : 'ente',
            withdrawalJustified: justified ? YES : NO,
            withdrawalReason: reason,
          }),
        ],
      },
    );
    return { ok: true, key: r.key, message: `Recesso registrato: l'accordo di ${name} termina ${ends}.` };
  });
  // Days on or after the effective date go at once (the daily job would do it tonight).
  if (result.ok) cancelAfterWithdrawals(gasPorts(), caller);
  return result;
}

/** A Drive file id from its link (…/d/ID/…, ?id=ID) or the id itself. */
function fileIdOf(text: string): string | null {
  const m = /\/d\/([\w-]{10,})/.exec(text) ?? /[?&]id=([\w-]{10,})/.exec(text) ?? /^([\w-]{10,})$/.exec(text);
  return m ? m[1] : null;
}

/**
 * The signed PDF: a file the caller put in Drive and shared with Agorà's owner, copied into the
 * person's folder under its derived name (the copy is the owner's, shared by the folder's rule).
 */
export function attachSignedPdf(
  register: SheetsRegister,
  caller: string,
  input: { key?: unknown; url?: unknown },
): AgreementResult {
  return gasLock.withLock(() => {
    const ctx = readContext(register);
    const r = find(ctx, input.key);
    if (!r) return fail('Accordo non trovato: aggiorna la scheda.');
    const item = itemOf(ctx, r, caller);
    if (!item.can.attach)
      return fail(
        r.signedPdf
          ? 'Il PDF firmato è già allegato.'
          : 'Il PDF firmato si allega a un accordo firmato, dal dipendente, dal responsabile o dal servizio personale.',
      );
    const id = fileIdOf(String(input.url ?? '').trim());
    if (!id) return fail('Incolla il link del PDF in Drive.');
    let file: GoogleAppsScript.Drive.File;
    try {
      file = DriveApp.getFileById(id);
    } catch {
      return fail(
        `Non riesco ad aprire il file: condividilo con ${recordedOwner() ?? 'il titolare di Agorà'} e riprova.`,
      );
    }
    if (file.getMimeType() !== PDF_MIME) return fail('Il file non è un PDF.');
    // Only a file the caller owns: the owner's rights must not copy someone else's file (one the
    // owner can open, such as another person's documents) into a folder the caller can read.
    if (file.getOwner()?.getEmail().toLowerCase() !== caller)
      return fail('Allega un PDF che hai caricato tu nel tuo Drive.');
    const place = personFolder(register, r.agreement.employee);
    if (!place) return fail(`${r.agreement.employee} non è tra i dipendenti.`);
    const copy = file.makeCopy(signedPdfName(place.person.surnameName, r.agreement.from), place.folder);
    shareInPersonFolder(copy, place.person, place.hr);
    const url = `https://drive.google.com/file/d/${copy.getId()}/view`;
    register.commit(
      {
        audit: [
          auditLine(
            caller,
            { key: r.key, employee: r.agreement.employee, from: r.agreement.from },
            'allegato il PDF firmato',
          ),
        ],
      },
      {
        key: 'agreements',
        values: ctx.values.agreements,
        append: [],
        update: [rowWith(ctx, r, { signedPdf: url })],
      },
    );
    return { ok: true, key: r.key, message: 'PDF firmato allegato nella cartella della persona.' };
  });
}

/**
 * The daily run's alerts of agreements entering their last 30 days (not renewed): a mail to the
 * person and their manager, so that the manager proposes the next one from the panel in time.
 * `since` is the previous daily run's day (a missed day is caught up once).
 */
export function queueExpiryAlerts(register: SheetsRegister, since: IsoDate | null): number {
  const ctx = readContext(register);
  const mail: Notification[] = [];
  for (const r of ctx.records) {
    const employee = r.agreement.employee;
    const signed = r.life.employeeAcceptance !== null && r.life.managerAcceptance !== null;
    const last = lastDay(r.life, ctx.disabled.has(employee));
    if (!signed || !last || r.life.renewedBy || !expiryAlertDue(last, since, ctx.today)) continue;
    const p = ctx.parties(employee);
    const name = ctx.employees.get(employee)?.name ?? employee;
    mail.push(
      ...mailTo(
        ctx,
        [employee, p.manager],
        `Accordo di lavoro agile in scadenza: ${name}`,
        [
          `L'accordo individuale di lavoro agile di ${name} termina ${formatDateIt(last)}.`,
          '',
          'Per continuare, il responsabile propone il nuovo accordo da Agorà («Accordi» nel pannello laterale di Gmail, Calendar o Fogli): inizierà il giorno dopo.',
        ].join('\n'),
      ),
    );
  }
  if (mail.length) register.commit({ audit: [], mail });
  return mail.length;
}
