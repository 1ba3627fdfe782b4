// The register's rows ⇄ the domain's records, with no Apps Script in sight: a sheet's values (its
// header row, then its data rows, as getValues gives them) become records plus the problems of
// the rows HR broke by hand; records become rows laid out along a sheet's header. SheetsRegister
// (register.ts) does the reading and the writing, setup (setup.ts) the upgrade of rows written
// by the previous layout. tsconfig.core.json checks this module without Apps Script types.
//
// The register speaks Italian: «Luogo» shows «casa» or a site's name, «Regole» the rules' Italian
// names, «Azione» of the change log an Italian word, «Parametro» of Configurazione the parameter's
// Italian name. The stable ids the code reads are in their own columns («Codice luogo», «Codici
// regole», «Codice azione», «Codice»). Reading stays tolerant: a row without its code (a register
// made by the previous version, whose visible column held the id) is read from the visible
// column, by id or by Italian name.
import { addDays, parseIsoDate, WEEKDAY_CODES, type IsoDate, type WeekdayCode } from '../domain/dates';
import {
  withdrawalEffective,
  type Acceptance,
  type AgreementLife,
  type Withdrawal,
} from '../domain/agreement-lifecycle';
import type { HolidayOverride } from '../domain/holidays';
import {
  ELIGIBILITY_LABELS,
  EQUIPMENT_LABELS,
  fromLabel,
  PRIORITY_LABELS,
  RULE_LABELS,
  SEVERITY_LABELS,
  STATUS_LABELS,
} from '../domain/labels';
import {
  HOME,
  normaliseEmail,
  validateAgreement,
  validateEmployee,
  validateSite,
  type Agreement,
  type Delegation,
  type Employee,
  type Site,
} from '../domain/model';
import { DEFAULT_POLICY, POLICY_LABELS, validatePolicy, type Policy } from '../domain/policy';
import type { RuleId, Severity } from '../domain/rules';
import type { WorkerFacts } from '../domain/ministry';
import { parseTaxCode } from '../domain/tax-code';
import type { AuditEntry, DayRecord, RegisterSnapshot, RowProblem } from '../app/ports';
import type { Notification, NotificationKind } from '../app/notifications';
import type { ChainedLine } from './chain';
import {
  cellToDate,
  cellToDateTime,
  cellToText,
  dateTimeToCell,
  dateToCell,
  userTextToCell,
  type Cell,
} from './cells';
import { normaliseHeader, SHEETS, YES, type SheetKey } from './schema';

/** The register cannot be used at all (a sheet or a required column is missing). */
export class RegisterError extends Error {}

/** A sheet's values: the header row first, then the data rows (getValues, Sheets API values). */
export type SheetValues = readonly (readonly Cell[])[];

/** Column index (0-based) of each known key of a sheet; -1 when the column is absent. */
export type Columns = Record<string, number>;

/** Where each known column is, by header; throws when a required one is missing. */
export function columnsOf(key: SheetKey, header: readonly unknown[]): Columns {
  const normalised = header.map(normaliseHeader);
  const col: Columns = {};
  for (const c of SHEETS[key].columns) {
    col[c.key] = normalised.indexOf(normaliseHeader(c.header));
    if (col[c.key] < 0 && 'required' in c && c.required) {
      throw new RegisterError(
        `Nel foglio «${SHEETS[key].name}» manca la colonna «${c.header}»: esegui Smart working ▸ Configura per ripararlo.`,
      );
    }
  }
  return col;
}

/** A data row as its cells by column key ('' for an absent column), with its sheet row (1-based). */
export interface SheetRecord {
  row: number;
  cells: Record<string, Cell>;
}

/** The non-blank data rows of a sheet as records keyed by column key. */
export function recordsOf(key: SheetKey, values: SheetValues): SheetRecord[] {
  const col = columnsOf(key, values[0] ?? []);
  const out: SheetRecord[] = [];
  for (let r = 1; r < values.length; r++) {
    const row = values[r];
    if (row.every(isBlank)) continue;
    const cells: Record<string, Cell> = {};
    for (const [k, c] of Object.entries(col)) cells[k] = c >= 0 ? (row[c] ?? '') : '';
    out.push({ row: r + 1, cells });
  }
  return out;
}

function isBlank(value: unknown): boolean {
  return value === '' || value === null || value === undefined;
}

function headerOf(key: SheetKey, column: string): string {
  return SHEETS[key].columns.find((c) => c.key === column)?.header ?? column;
}

function problemsOf(key: SheetKey, problems: RowProblem[]) {
  return (row: number, reason: string) => problems.push({ sheet: SHEETS[key].name, row, reason });
}

// ---- Configurazione ---------------------------------------------------------------------------

/**
 * How setup shares what it makes, kept by HR in Configurazione beside the rules' parameters.
 * `calendarSharing`: `dominio` (the team calendar can be read by everyone in the domain) or
 * `nessuna` (only the owner).
 */
export const DEPLOYMENT_SETTINGS = {
  calendarSharing: {
    choices: ['dominio', 'nessuna'],
    name: 'condivisione del calendario «Smart working»',
    description:
      'Chi vede il calendario «Smart working»: dominio (tutto il personale del dominio, in sola lettura) o nessuna (solo il titolare di Agorà). Predefinito: dominio.',
  },
} as const;
export type DeploymentSettings = {
  [K in keyof typeof DEPLOYMENT_SETTINGS]: (typeof DEPLOYMENT_SETTINGS)[K]['choices'][number];
};
export const DEFAULT_SETTINGS: DeploymentSettings = { calendarSharing: 'dominio' };

/** A row of Configurazione: its stable code, Italian name, default value and description. */
export interface ConfigParameter {
  code: string;
  name: string;
  value: string;
  description: string;
}

const decimal = (n: number) => String(n).replace('.', ',');

/** Every row Configurazione has, in the order setup writes them. */
export const CONFIG_PARAMETERS: readonly ConfigParameter[] = [
  {
    code: 'maxDaysPerWeek',
    name: POLICY_LABELS.maxDaysPerWeek,
    value: String(DEFAULT_POLICY.maxDaysPerWeek),
    description: `Quante giornate di lavoro agile (in attesa o approvate) una persona può avere nella stessa settimana, da lunedì a domenica. Predefinito: ${DEFAULT_POLICY.maxDaysPerWeek}.`,
  },
  {
    code: 'maxDaysPerMonth',
    name: POLICY_LABELS.maxDaysPerMonth,
    value: String(DEFAULT_POLICY.maxDaysPerMonth),
    description: `Quante giornate di lavoro agile (in attesa o approvate) una persona può avere nello stesso mese. Predefinito: ${DEFAULT_POLICY.maxDaysPerMonth}.`,
  },
  {
    code: 'noticeDays',
    name: POLICY_LABELS.noticeDays,
    value: String(DEFAULT_POLICY.noticeDays),
    description: `Con quanti giorni di calendario di anticipo va chiesta una giornata: con meno, il responsabile vede un avviso. Predefinito: ${DEFAULT_POLICY.noticeDays}.`,
  },
  {
    code: 'maxDaysAhead',
    name: POLICY_LABELS.maxDaysAhead,
    value: String(DEFAULT_POLICY.maxDaysAhead),
    description: `Quanti giorni di calendario prima al massimo si può chiedere una giornata: più in là, è respinta. Predefinito: ${DEFAULT_POLICY.maxDaysAhead}.`,
  },
  {
    code: 'safetyNoticeMaxDays',
    name: POLICY_LABELS.safetyNoticeMaxDays,
    value: String(DEFAULT_POLICY.safetyNoticeMaxDays),
    description: `Dopo quanti giorni l\u2019informativa sulla sicurezza va rinnovata: più vecchia, il responsabile vede un avviso. Predefinito: ${DEFAULT_POLICY.safetyNoticeMaxDays}.`,
  },
  {
    code: 'maxContactMinutes',
    name: POLICY_LABELS.maxContactMinutes,
    value: String(DEFAULT_POLICY.maxContactMinutes),
    description: `Quanti minuti al giorno possono durare in tutto le fasce di contattabilità di un accordo. Predefinito: ${DEFAULT_POLICY.maxContactMinutes} (7 ore e 12 minuti).`,
  },
  {
    code: 'maxTeamShare',
    name: POLICY_LABELS.maxTeamShare,
    value: decimal(DEFAULT_POLICY.maxTeamShare),
    description: `Quota (da 0 a 1) delle persone dello stesso ente e settore in lavoro agile lo stesso giorno oltre la quale il responsabile vede un avviso. Predefinito: ${decimal(DEFAULT_POLICY.maxTeamShare)} (metà).`,
  },
  {
    code: 'disconnectionFrom',
    name: 'inizio della disconnessione',
    value: DEFAULT_POLICY.disconnection.from,
    description: `Ora (HH:MM) da cui nessuna notifica raggiunge nessuno: parte alla fine della disconnessione. Predefinito: ${DEFAULT_POLICY.disconnection.from}.`,
  },
  {
    code: 'disconnectionTo',
    name: 'fine della disconnessione',
    value: DEFAULT_POLICY.disconnection.to,
    description: `Ora (HH:MM) in cui finisce la disconnessione e partono le notifiche trattenute. Predefinito: ${DEFAULT_POLICY.disconnection.to}.`,
  },
  {
    code: 'digestEvery',
    name: POLICY_LABELS.digestEvery,
    value: DEFAULT_POLICY.digestEvery,
    description: `Quanto spesso i responsabili ricevono il riepilogo delle giornate da approvare: ora (all\u2019ora piena successiva) o giorno (ogni mattina, alla fine della disconnessione). Predefinito: ${DEFAULT_POLICY.digestEvery}.`,
  },
  {
    code: 'emissionFactor',
    name: POLICY_LABELS.emissionFactor,
    value: decimal(DEFAULT_POLICY.emissionFactor),
    description: `Non è una regola: i kg di CO₂ per km di un'auto nel tragitto casa-lavoro, per i km e la CO₂ evitati nei report. Fonte: ISPRA, fattori di emissione medi del trasporto stradale (autovetture, parco circolante); aggiornarlo con l'ultima tabella. Predefinito: ${decimal(DEFAULT_POLICY.emissionFactor)}.`,
  },
  ...Object.entries(DEPLOYMENT_SETTINGS).map(([code, def]): ConfigParameter => ({
    code,
    name: def.name,
    value: DEFAULT_SETTINGS[code as keyof DeploymentSettings],
    description: def.description,
  })),
];

/** What the previous version wrote in «Descrizione», where it differs from the parameter's name. */
const LEGACY_DESCRIPTIONS: Readonly<Record<string, string>> = {
  disconnectionFrom: 'inizio della disconnessione (HH:MM)',
  disconnectionTo: 'fine della disconnessione (HH:MM)',
  calendarSharing: 'chi vede il calendario «Smart working»: dominio (tutti, in sola lettura) o nessuna',
};

const PARAMETER_BY_TEXT = new Map<string, ConfigParameter>(
  CONFIG_PARAMETERS.flatMap((p) => [
    [normaliseHeader(p.code), p],
    [normaliseHeader(p.name), p],
  ]),
);

/** The parameter a «Codice» or «Parametro» text names, by code or Italian name; null if none. */
export function configParameterOf(text: unknown): ConfigParameter | null {
  return PARAMETER_BY_TEXT.get(normaliseHeader(cellToText(text))) ?? null;
}

/** The code of a Configurazione row: «Codice», else «Parametro» (code or Italian name), as typed if unknown. */
function configCode(cells: Record<string, Cell>): string {
  const typed = cellToText(cells.code) || cellToText(cells.name);
  return configParameterOf(typed)?.code ?? typed;
}

/** The code of a row of Configurazione laid out along `col` (see configCode). */
export function configRowCode(col: Columns, row: readonly Cell[]): string {
  const cell = (c: number) => (c >= 0 ? (row[c] ?? '') : '');
  return configCode({ code: cell(col.code), name: cell(col.name) });
}

/** The rules' parameters of Configurazione; a row out of range or unknown is a problem, its default used. */
export function policyFromRows(values: SheetValues): { policy: Policy; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const raw: Record<string, unknown> = {};
  const rowOf: Record<string, number> = {};
  for (const { row, cells } of recordsOf('config', values)) {
    const key = configCode(cells);
    const value = cells.value;
    if (key in DEPLOYMENT_SETTINGS) continue; // not a rule parameter: see settingsFromRows
    if (key === 'disconnectionFrom' || key === 'disconnectionTo') {
      const d = (raw.disconnection ??= { ...DEFAULT_POLICY.disconnection }) as Record<string, unknown>;
      d[key === 'disconnectionFrom' ? 'from' : 'to'] = cellToText(value);
      rowOf.disconnection = row;
    } else if (key) {
      raw[key] =
        typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value.replace(',', '.')))
          ? Number(value.replace(',', '.'))
          : value;
      rowOf[key] = row;
    }
  }
  const { policy, errors } = validatePolicy(raw);
  for (const e of errors) {
    const field = e.field.split('.')[0];
    problems.push({ sheet: SHEETS.config.name, row: rowOf[field] ?? 0, reason: e.message });
  }
  return { policy, problems };
}

/** The deployment settings of Configurazione, each with its default when missing or unknown. */
export function settingsFromRows(values: SheetValues): {
  settings: DeploymentSettings;
  problems: RowProblem[];
} {
  const settings: DeploymentSettings = { ...DEFAULT_SETTINGS };
  const problems: RowProblem[] = [];
  for (const { row, cells } of recordsOf('config', values)) {
    const key = configCode(cells);
    if (!(key in DEPLOYMENT_SETTINGS)) continue;
    const def = DEPLOYMENT_SETTINGS[key as keyof DeploymentSettings];
    const value = cellToText(cells.value).toLowerCase();
    const allowed = def.choices as readonly string[];
    if (allowed.includes(value)) (settings as Record<string, string>)[key] = value;
    else
      problems.push({
        sheet: SHEETS.config.name,
        row,
        reason: `«${def.name}»: valore «${value}» non valido (scegli tra ${allowed.join(', ')}).`,
      });
  }
  return { settings, problems };
}

/**
 * A row of Configurazione brought to the current layout: «Codice» filled from «Parametro» (the
 * code, in a register made by the previous version, or the Italian name HR typed), «Parametro»
 * turned into the Italian name, and «Descrizione» into the current one when it still says what
 * the previous version wrote. Null when there is nothing to change (a code already there, an
 * unknown parameter, a layout without «Codice»).
 */
export function upgradeConfigRow(col: Columns, row: readonly Cell[]): Cell[] | null {
  if (col.code < 0 || col.name < 0 || !isBlank(row[col.code])) return null;
  const typed = cellToText(row[col.name]);
  const p = configParameterOf(typed);
  if (!p) return null;
  const out = row.slice();
  out[col.code] = p.code;
  if (normaliseHeader(typed) === normaliseHeader(p.code)) out[col.name] = p.name;
  if (col.description >= 0) {
    const description = normaliseHeader(row[col.description]);
    const old = [p.name, LEGACY_DESCRIPTIONS[p.code] ?? ''].map(normaliseHeader);
    if (!description || old.includes(description)) out[col.description] = p.description;
  }
  return out;
}

/** A new row of Configurazione for `p` with its default value. */
export function configRow(col: Columns, p: ConfigParameter, base: readonly Cell[]): Cell[] {
  return layOut(col, { name: p.name, value: p.value, description: p.description, code: p.code }, base);
}

// ---- Responsabili, Dipendenti, Accordi, Sedi, Festività --------------------------------------

export interface People {
  /** Everyone listed in Responsabili. */
  emails: string[];
  admins: string[];
  delegations: Delegation[];
}

export function peopleFromRows(values: SheetValues): People & { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const problem = problemsOf('people', problems);
  const emails: string[] = [];
  const admins: string[] = [];
  const delegations: Delegation[] = [];
  for (const { row, cells } of recordsOf('people', values)) {
    const email = normaliseEmail(cells.email);
    if (!email) {
      problem(row, `Email non valida: «${cellToText(cells.email)}».`);
      continue;
    }
    emails.push(email);
    if (cellToText(cells.admin).toLowerCase() === YES) admins.push(email);
    const delegateText = cellToText(cells.delegate);
    if (delegateText) {
      const delegate = normaliseEmail(delegateText);
      const from = cellToDate(cells.delegateFrom);
      const to = cellToDate(cells.delegateTo);
      if (!delegate) problem(row, `Email del delegato non valida: «${delegateText}».`);
      else if (!from || !to) problem(row, 'La delega richiede le date «Delega dal» e «Delega al».');
      else if (to < from) problem(row, 'La delega termina prima di iniziare.');
      else delegations.push({ manager: email, delegate, from, to });
    }
  }
  return { emails, admins, delegations, problems };
}

const WEEKDAY_IT: Record<string, WeekdayCode> = {
  lun: 'Mon',
  mar: 'Tue',
  mer: 'Wed',
  gio: 'Thu',
  ven: 'Fri',
  sab: 'Sat',
  dom: 'Sun',
};

/**
 * The employees; a row whose manager is neither an employee nor in `knownManagers` (the people
 * of Responsabili) is a problem, as is a second row of the same person.
 */
export function employeesFromRows(
  values: SheetValues,
  knownManagers: ReadonlySet<string>,
): { employees: Employee[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const problem = problemsOf('employees', problems);
  const employees: Employee[] = [];
  const seen = new Set<string>();
  const rows = recordsOf('employees', values);
  const employeeEmails = new Set(
    rows.map((r) => normaliseEmail(r.cells.email)).filter((e): e is string => !!e),
  );
  for (const { row, cells } of rows) {
    const days = cellToText(cells.workingDays);
    const workingDays = days
      ? days
          .split(/[\s,;]+/)
          .filter(Boolean)
          .map(
            (d) =>
              WEEKDAY_IT[d.toLowerCase().slice(0, 3)] ??
              (WEEKDAY_CODES as readonly string[]).find((c) => c.toLowerCase() === d.toLowerCase()) ??
              d,
          )
      : undefined;
    const eligibilityText = cellToText(cells.eligibility);
    const priorityText = cellToText(cells.priority);
    const v = validateEmployee({
      email: cellToText(cells.email),
      name: cellToText(cells.name),
      organisation: cellToText(cells.organisation),
      sector: cellToText(cells.sector),
      seat: cellToText(cells.seat),
      manager: cellToText(cells.manager),
      eligibility: eligibilityText
        ? (fromLabel(ELIGIBILITY_LABELS, eligibilityText) ?? eligibilityText)
        : undefined,
      workingDays,
      commuteKm:
        cells.commuteKm === ''
          ? undefined
          : typeof cells.commuteKm === 'number'
            ? cells.commuteKm
            : Number(String(cells.commuteKm).replace(',', '.')),
      priority: priorityText ? (fromLabel(PRIORITY_LABELS, priorityText) ?? priorityText) : undefined,
      workingLocationOptIn: cellToText(cells.workingLocationOptIn).toLowerCase() === YES,
    });
    if (!v.ok) {
      problem(row, v.errors.map((e) => e.message).join(' '));
      continue;
    }
    if (seen.has(v.value.email)) {
      problem(row, `${v.value.email} compare più volte: vale la prima riga.`);
      continue;
    }
    if (!employeeEmails.has(v.value.manager) && !knownManagers.has(v.value.manager)) {
      problem(
        row,
        `Responsabile sconosciuto: ${v.value.manager} non è né tra i dipendenti né nel foglio «${SHEETS.people.name}».`,
      );
      continue;
    }
    seen.add(v.value.email);
    employees.push(v.value);
  }
  return { employees, problems };
}

// ---- Staff records and employers (the Ministry notice) --------------------------------------

/** What the Ministry notice and the reports read of a person, beside what the rules use. */
export interface StaffFacts extends WorkerFacts {
  email: string;
  organisation: string;
  category: string;
  contractType: string;
  gender: 'F' | 'M' | '';
  /** Priority category «disabilità» (the employer's withdrawal notice runs 90 days). */
  disabled: boolean;
}

/**
 * The staff-record columns of Dipendenti, by email. A record with a bad field is listed in
 * Problemi and kept with that field empty: the rules never need these fields, the notice names
 * what it lacks.
 */
export function staffFactsFromRows(
  values: SheetValues,
  today: IsoDate,
): { staff: Map<string, StaffFacts>; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const problem = problemsOf('employees', problems);
  const staff = new Map<string, StaffFacts>();
  for (const { row, cells } of recordsOf('employees', values)) {
    const email = normaliseEmail(cells.email);
    if (!email || staff.has(email)) continue;
    const date = (key: string): IsoDate | null => {
      const d = cellToDate(cells[key]);
      if (d === undefined) {
        problem(
          row,
          `La colonna «${headerOf('employees', key)}» non contiene una data: «${cellToText(cells[key])}».`,
        );
        return null;
      }
      return d;
    };
    let taxCode = cellToText(cells.taxCode).toUpperCase();
    if (taxCode) {
      const parsed = parseTaxCode(taxCode, today);
      if (!parsed.ok) {
        problem(row, parsed.message);
        taxCode = '';
      }
    }
    const type = cellToText(cells.employmentType).toUpperCase();
    const gender = cellToText(cells.gender).toUpperCase();
    staff.set(email, {
      email,
      organisation: cellToText(cells.organisation),
      taxCode,
      surname: cellToText(cells.surname),
      firstName: cellToText(cells.firstName),
      birthDate: date('birthDate'),
      birthPlace: cellToText(cells.birthPlace).toUpperCase(),
      employmentStart: date('employmentStart'),
      employmentType: type === 'TI' || type === 'TD' ? type : '',
      inailPat: cellToText(cells.inailPat),
      inailRate: cellToText(cells.inailRate),
      category: cellToText(cells.category),
      contractType: cellToText(cells.contractType),
      gender: gender === 'F' || gender === 'M' ? gender : '',
      disabled: fromLabel(PRIORITY_LABELS, cellToText(cells.priority)) === 'disability',
    });
  }
  return { staff, problems };
}

/** What HR recorded of each notice in Comunicazioni: the Ministry's code once sent. */
export function noticeReceiptsFromRows(
  values: SheetValues,
): Map<string, { receipt: string; row: number; period: string; eventDate: IsoDate | null }> {
  const out = new Map<string, { receipt: string; row: number; period: string; eventDate: IsoDate | null }>();
  for (const { row, cells } of recordsOf('notices', values)) {
    const id = cellToText(cells.id);
    if (id && !out.has(id))
      out.set(id, {
        receipt: cellToText(cells.receipt),
        row,
        period: cellToText(cells.period),
        eventDate: cellToDate(cells.eventDate) ?? null,
      });
  }
  return out;
}

export interface Organisation {
  name: string;
  taxCode: string;
  /** As the Ministry knows the employer; the name when empty. */
  legalName: string;
  sectors: string[];
}

/** The employers of Enti, by name as Dipendenti writes it. */
export function organisationsFromRows(values: SheetValues): {
  organisations: Map<string, Organisation>;
  problems: RowProblem[];
} {
  const problems: RowProblem[] = [];
  const problem = problemsOf('organisations', problems);
  const organisations = new Map<string, Organisation>();
  for (const { row, cells } of recordsOf('organisations', values)) {
    const name = cellToText(cells.name);
    const taxCode = cellToText(cells.taxCode).replace(/\s+/g, '');
    if (!name) {
      problem(row, 'Manca il nome dell’ente.');
      continue;
    }
    // A public body's tax code is its 11-digit number (partita IVA form).
    if (!/^\d{11}$/.test(taxCode)) {
      problem(row, `Il codice fiscale di un ente ha 11 cifre: «${cellToText(cells.taxCode)}».`);
      continue;
    }
    if (organisations.has(name)) {
      problem(row, `${name} compare più volte: vale la prima riga.`);
      continue;
    }
    organisations.set(name, {
      name,
      taxCode,
      legalName: cellToText(cells.legalName) || name,
      sectors: cellToText(cells.sectors)
        .split(/\r?\n|;/)
        .map((x) => x.trim())
        .filter(Boolean),
    });
  }
  return { organisations, problems };
}

/** The agreements; one of someone who is not in `employees` is a problem. */
/** A withdrawal recorded in Accordi, and the day it takes effect. */
export interface AgreementWithdrawal {
  employee: string;
  from: IsoDate;
  /** The agreement's end as signed (null: indefinite term). */
  signedTo: IsoDate | null;
  effective: IsoDate;
  by: 'employer' | 'employee';
  reason: string;
}

/** A row of Accordi with its whole life, for the lifecycle's operations and cards. */
export interface AgreementRecord {
  row: number;
  /** «ID» (agreements proposed with Agorà), else `employee|from` (rows HR typed). */
  key: string;
  /** Proposed with Agorà: in force only once both parties accepted it there. */
  lifecycle: boolean;
  /** As signed: its end not shortened by a withdrawal. */
  agreement: Agreement;
  life: AgreementLife;
  project: string;
  proposedBy: string;
  proposedAt: string;
  document: string;
  signedPdf: string;
}

/** «Accettazione del …»: `email · YYYY-MM-DD HH:MM:SS`, as Agorà writes it. */
export function acceptanceToCell(a: Acceptance): string {
  return `${a.by} · ${a.at}`;
}
function acceptanceOf(cell: Cell): Acceptance | null {
  const text = cellToText(cell);
  const i = text.indexOf(' · ');
  return i > 0 ? { by: text.slice(0, i).trim().toLowerCase(), at: text.slice(i + 3).trim() } : null;
}

export function agreementsFromRows(
  values: SheetValues,
  employees: ReadonlySet<string>,
  /** People with the priority category «disabilità»: the employer's notice runs 90 days. */
  disabled: ReadonlySet<string> = new Set(),
): {
  agreements: Agreement[];
  withdrawals: AgreementWithdrawal[];
  records: AgreementRecord[];
  problems: RowProblem[];
} {
  const problems: RowProblem[] = [];
  const problem = problemsOf('agreements', problems);
  const agreements: Agreement[] = [];
  const withdrawals: AgreementWithdrawal[] = [];
  const records: AgreementRecord[] = [];
  for (const { row, cells } of recordsOf('agreements', values)) {
    const dates: Record<string, IsoDate | null> = {};
    let bad = false;
    for (const k of [
      'from',
      'to',
      'signedByEmployee',
      'signedByManager',
      'safetyNoticeDate',
      'withdrawalNotice',
    ]) {
      const d = cellToDate(cells[k]);
      if (d === undefined) {
        problem(
          row,
          `La colonna «${headerOf('agreements', k)}» non contiene una data: «${cellToText(cells[k])}».`,
        );
        bad = true;
      }
      dates[k] = d ?? null;
    }
    if (bad) continue;
    const windows = parseWindows(cellToText(cells.contactWindows));
    if (windows === null) {
      problem(
        row,
        `Fasce di contattabilità illeggibili: «${cellToText(cells.contactWindows)}» (es. 09:00-13:00; 14:30-16:30).`,
      );
      continue;
    }
    const equipmentText = cellToText(cells.equipment);
    const { withdrawalNotice, ...agreementDates } = dates;
    const v = validateAgreement({
      employee: cellToText(cells.employee),
      ...agreementDates,
      contactWindows: windows,
      equipment: equipmentText ? (fromLabel(EQUIPMENT_LABELS, equipmentText) ?? equipmentText) : undefined,
    });
    if (!v.ok) {
      problem(row, v.errors.map((e) => e.message).join(' '));
      continue;
    }
    if (!employees.has(v.value.employee)) {
      problem(row, `${v.value.employee} non è tra i dipendenti.`);
      continue;
    }
    const agreement = v.value;
    const id = cellToText(cells.id);
    const withdrawal: Withdrawal | null = withdrawalNotice
      ? {
          by: cellToText(cells.withdrawalBy).toLowerCase() === 'dipendente' ? 'employee' : 'employer',
          noticeDate: withdrawalNotice,
          justifiedReason: cellToText(cells.withdrawalJustified).toLowerCase() === YES,
          reason: cellToText(cells.withdrawalReason),
        }
      : null;
    const employeeAcceptance = acceptanceOf(cells.employeeAcceptance);
    const managerAcceptance = acceptanceOf(cells.managerAcceptance);
    // A row HR typed is "sent and accepted" on its signature dates, as it always was read.
    const typedAcceptance = (date: IsoDate | null, by: string) => (date ? { by, at: date } : null);
    const record: AgreementRecord = {
      row,
      key: id || `${agreement.employee}|${agreement.from}`,
      lifecycle: id !== '',
      agreement: { ...agreement },
      life: {
        id: id || `${agreement.employee}|${agreement.from}`,
        employee: agreement.employee,
        from: agreement.from,
        to: agreement.to,
        sentAt: id ? cellToDateTime(cells.sentAt) || null : 'registro',
        employeeAcceptance: id
          ? employeeAcceptance
          : typedAcceptance(agreement.signedByEmployee, agreement.employee),
        managerAcceptance: id ? managerAcceptance : typedAcceptance(agreement.signedByManager, ''),
        withdrawal,
        renewedBy: null,
      },
      project: cellToText(cells.project),
      proposedBy: cellToText(cells.proposedBy).toLowerCase(),
      proposedAt: cellToDateTime(cells.proposedAt),
      document: cellToText(cells.document),
      signedPdf: cellToText(cells.signedPdf),
    };
    records.push(record);
    // The rules read only agreements in force: one proposed with Agorà counts once both accepted.
    if (id && (!employeeAcceptance || !managerAcceptance)) continue;
    if (withdrawal) {
      const by = withdrawal.by;
      const effective = withdrawalEffective(agreement, withdrawal, disabled.has(agreement.employee));
      if (!effective.ok) problem(row, `Recesso non valido: ${effective.message}`);
      else {
        withdrawals.push({
          employee: agreement.employee,
          from: agreement.from,
          signedTo: agreement.to,
          effective: effective.effective,
          by,
          reason: cellToText(cells.withdrawalReason),
        });
        // The rules see the agreement end the day before the withdrawal takes effect.
        const last = addDays(effective.effective, -1);
        if (agreement.to === null || last < agreement.to) agreement.to = last;
      }
    }
    agreements.push(agreement);
  }
  // An agreement is renewed by the person's next one starting the day after it ends.
  for (const r of records) {
    const next = r.agreement.to
      ? records.find(
          (o) =>
            o.agreement.employee === r.agreement.employee &&
            o.agreement.from === addDays(r.agreement.to as IsoDate, 1),
        )
      : undefined;
    if (next) r.life.renewedBy = next.key;
  }
  return { agreements, withdrawals, records, problems };
}

export function sitesFromRows(values: SheetValues): { sites: Site[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const problem = problemsOf('sites', problems);
  const sites: Site[] = [];
  for (const { row, cells } of recordsOf('sites', values)) {
    const v = validateSite({
      id: cellToText(cells.id),
      name: cellToText(cells.name),
      comune: cellToText(cells.comune),
      capacity: typeof cells.capacity === 'number' ? cells.capacity : cellToText(cells.capacity),
    });
    if (!v.ok) problem(row, v.errors.map((e) => e.message).join(' '));
    else if (sites.some((s) => s.id === v.value.id)) problem(row, `Codice ripetuto: ${v.value.id}.`);
    else sites.push(v.value);
  }
  return { sites, problems };
}

export function holidaysFromRows(values: SheetValues): {
  holidays: HolidayOverride[];
  problems: RowProblem[];
} {
  const problems: RowProblem[] = [];
  const problem = problemsOf('holidays', problems);
  const holidays: HolidayOverride[] = [];
  for (const { row, cells } of recordsOf('holidays', values)) {
    const date = cellToDate(cells.date);
    const action = cellToText(cells.action).toLowerCase();
    if (!date) problem(row, `Data non valida: «${cellToText(cells.date)}».`);
    else if (action && action !== 'aggiungi' && action !== 'togli')
      problem(row, `Azione sconosciuta «${action}»: usa «aggiungi» o «togli».`);
    else
      holidays.push({
        date,
        name: cellToText(cells.name) || 'Festività',
        seat: cellToText(cells.seat) || null,
        action: action === 'togli' ? 'remove' : 'add',
      });
  }
  return { holidays, problems };
}

// ---- Giornate ---------------------------------------------------------------------------------

/** «Luogo» of a day at home. */
export const HOME_PLACE = 'casa';

/** Site id → site name, for «Luogo». */
export type PlaceNames = ReadonlyMap<string, string>;

export function placeNames(sites: readonly Site[]): PlaceNames {
  return new Map(sites.map((s) => [s.id, s.name]));
}

/** What «Luogo» shows: «casa», the site's name, or the code itself for a site no longer listed. */
export function placeName(location: string, names: PlaceNames): string {
  return location === HOME ? HOME_PLACE : (names.get(location) ?? location);
}

/**
 * The location code of a day: «Codice luogo», else read from «Luogo» (`home` or «casa», a site
 * id, or a site's name); the text as it is when it names nothing known.
 */
export function locationOf(code: Cell, place: Cell, sites: readonly Site[]): string {
  const typed = cellToText(code);
  if (typed) return typed;
  const text = cellToText(place);
  const t = text.toLowerCase();
  if (t === HOME || t === HOME_PLACE) return HOME;
  return sites.find((s) => s.id === text)?.id ?? sites.find((s) => s.name.toLowerCase() === t)?.id ?? text;
}

/** A day's date as Agorà wrote it: a date cell as `YYYY-MM-DD`, any text kept as it is. */
function dateText(cell: Cell): { text: string; date: IsoDate | null | undefined } {
  // Agorà writes real dates as date cells and anything else as literal text: a text is kept as
  // it is (e.g. '12/11/2026' as the employee typed it, refused as not a date).
  if (typeof cell === 'string') {
    const text = cell.trim();
    return { text, date: parseIsoDate(text) ?? undefined };
  }
  const date = cellToDate(cell);
  return { text: date ?? cellToText(cell), date };
}

/**
 * The days of Giornate, with the sheet row of each id; broken rows are problems. `sites` reads a
 * «Luogo» written without its code (by site name).
 */
export function daysFromRows(
  values: SheetValues,
  sites: readonly Site[],
): { days: DayRecord[]; rowOf: Map<string, number>; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const problem = problemsOf('days', problems);
  const days: DayRecord[] = [];
  const rowOf = new Map<string, number>();
  for (const { row, cells } of recordsOf('days', values)) {
    const id = cellToText(cells.id);
    const status = fromLabel(STATUS_LABELS, cells.status);
    const employee = normaliseEmail(cells.employee);
    const { text, date } = dateText(cells.date);
    if (!id || rowOf.has(id)) problem(row, id ? `ID ripetuto: ${id}.` : 'Manca l\u2019ID della giornata.');
    else if (!status) problem(row, `Stato sconosciuto: «${cellToText(cells.status)}».`);
    else if (!employee) problem(row, `Dipendente non valido: «${cellToText(cells.employee)}».`);
    else if (date === undefined && status !== 'refused') problem(row, `Data non valida: «${text}».`);
    else {
      rowOf.set(id, row);
      days.push({
        id,
        requestId: cellToText(cells.requestId),
        employee,
        date: text,
        location: locationOf(cells.locationCode, cells.location, sites),
        note: cellToText(cells.note),
        status,
        violations: parseViolations(cellToText(cells.violations), cellToText(cells.ruleCodes)),
        submittedAt: cellToDateTime(cells.submittedAt),
        decidedBy: cellToText(cells.decidedBy),
        decidedAt: cellToDateTime(cells.decidedAt),
        reason: cellToText(cells.reason),
        calendarEventId: cellToText(cells.calendarEventId),
      });
    }
  }
  return { days, rowOf, problems };
}

/** A date cell for a real date; any other text forced to stay text (Sheets could read it as a date). */
function dateOrTextCell(text: string): Cell {
  const date = parseIsoDate(text);
  return date ? dateToCell(date) : text ? `'${text}` : '';
}

/** The cells of a day, by column key of Giornate. */
export function dayCells(d: DayRecord, names: PlaceNames): Record<string, Cell> {
  return {
    id: d.id,
    requestId: d.requestId,
    employee: d.employee,
    date: dateOrTextCell(d.date),
    location: placeName(d.location, names),
    locationCode: d.location,
    note: userTextToCell(d.note),
    status: STATUS_LABELS[d.status],
    violations: formatViolations(d.violations),
    ruleCodes: formatRuleCodes(d.violations),
    submittedAt: dateTimeToCell(d.submittedAt),
    decidedBy: d.decidedBy,
    decidedAt: d.decidedAt ? dateTimeToCell(d.decidedAt) : '',
    reason: userTextToCell(d.reason),
    calendarEventId: d.calendarEventId,
  };
}

/** A row of Giornate for `d`: `base` (a blank row, or the row as read) with Agorà's columns set. */
export function dayRow(col: Columns, d: DayRecord, names: PlaceNames, base: readonly Cell[]): Cell[] {
  return layOut(col, dayCells(d, names), base);
}

/**
 * A row of Giornate brought to the current layout: «Codice luogo» filled from «Luogo» (which the
 * previous version wrote as `home` or the site id) and «Luogo» turned into «casa» or the site's
 * name; «Codici regole» filled from «Regole» (rule ids or names) and «Regole» rewritten with the
 * rules' names, only when every line of it is understood. Null when nothing changes.
 */
export function upgradeDayRow(col: Columns, row: readonly Cell[], sites: readonly Site[]): Cell[] | null {
  if (row.every(isBlank)) return null;
  const out = row.slice();
  let changed = false;
  if (
    col.locationCode >= 0 &&
    col.location >= 0 &&
    isBlank(row[col.locationCode]) &&
    !isBlank(row[col.location])
  ) {
    const code = locationOf('', row[col.location], sites);
    out[col.locationCode] = code;
    out[col.location] = placeName(code, placeNames(sites));
    changed = true;
  }
  if (col.ruleCodes >= 0 && col.violations >= 0 && isBlank(row[col.ruleCodes])) {
    const text = cellToText(row[col.violations]);
    const lines = text.split('\n').filter((l) => l.trim());
    const violations = parseViolations(text);
    if (lines.length && violations.length === lines.length) {
      out[col.ruleCodes] = formatRuleCodes(violations);
      out[col.violations] = formatViolations(violations);
      changed = true;
    }
  }
  return changed ? out : null;
}

const VIOLATION_SEPARATOR = ' · ';

/** «Regole»: one line per broken rule, `Limite settimanale · blocco · message`. */
export function formatViolations(violations: DayRecord['violations']): string {
  return violations
    .map((v) => [RULE_LABELS[v.rule], SEVERITY_LABELS[v.severity], v.message].join(VIOLATION_SEPARATOR))
    .join('\n');
}

/** «Codici regole»: the rule ids, one a line, in the order of «Regole». */
export function formatRuleCodes(violations: DayRecord['violations']): string {
  return violations.map((v) => v.rule).join('\n');
}

/**
 * The broken rules of «Regole» (lines `name · severity · message`, the name being the rule's
 * Italian name or, as the previous version wrote it, its id) and «Codici regole»: when it has a
 * code for every line, the codes say which rule each line is.
 */
export function parseViolations(text: string, codes = ''): DayRecord['violations'] {
  const out: DayRecord['violations'] = [];
  const lines = text.split('\n').filter((l) => l.trim());
  const ids = codes
    .split(/[\n,;]+/)
    .map((c) => c.trim())
    .filter(Boolean);
  lines.forEach((line, i) => {
    const [name, severity, ...message] = line.split(VIOLATION_SEPARATOR);
    const rule =
      (ids.length === lines.length ? fromLabel(RULE_LABELS, ids[i]) : null) ??
      fromLabel(RULE_LABELS, name.trim());
    const sev = fromLabel(SEVERITY_LABELS, severity?.trim()) as Severity | null;
    if (rule && sev)
      out.push({ rule: rule as RuleId, severity: sev, message: message.join(VIOLATION_SEPARATOR) });
  });
  return out;
}

// ---- Registro modifiche -----------------------------------------------------------------------

export type AuditAction = AuditEntry['action'];

/** «Azione» of the change log; «Codice azione» keeps the key. */
export const ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  submit: 'richiesta',
  'refuse-request': 'richiesta non registrata',
  approve: 'approvazione',
  reject: 'rifiuto',
  cancel: 'annullamento',
  preference: 'preferenza',
  carry: 'riporto',
  agreement: 'accordo',
};

/** The action of a line: «Codice azione», else «Azione» (its Italian word or, as before, its code). */
function actionOf(code: Cell, label: Cell): AuditAction {
  const text = cellToText(code) || cellToText(label);
  // A word Agorà never wrote (a hand edit) is kept as it is: it matches no action of the code.
  return fromLabel(ACTION_LABELS, text) ?? (text as AuditAction);
}

/** The change log, oldest first. */
export function auditFromRows(values: SheetValues): AuditEntry[] {
  return recordsOf('audit', values).map(({ cells }) => ({
    at: cellToDateTime(cells.at),
    by: cellToText(cells.by),
    action: actionOf(cells.actionCode, cells.action),
    dayId: cellToText(cells.dayId),
    employee: cellToText(cells.employee),
    date: dateText(cells.date).text,
    from: fromLabel(STATUS_LABELS, cells.from) ?? '',
    to: fromLabel(STATUS_LABELS, cells.to) ?? '',
    detail: cellToText(cells.detail),
  }));
}

/** The change log with each line's fingerprints and sheet row (for the chain's check). */
export function chainFromRows(values: SheetValues): ChainedLine[] {
  const entries = auditFromRows(values);
  return recordsOf('audit', values).map(({ row, cells }, i) => ({
    row,
    entry: entries[i],
    dayDigest: cellToText(cells.dayDigest),
    hash: cellToText(cells.hash),
  }));
}

/** The cells of a change-log line, by column key of Registro modifiche. */
export function auditCells(e: AuditEntry): Record<string, Cell> {
  return {
    at: dateTimeToCell(e.at),
    by: e.by,
    action: ACTION_LABELS[e.action] ?? e.action,
    actionCode: e.action,
    dayId: e.dayId,
    employee: e.employee,
    date: dateOrTextCell(e.date),
    from: e.from ? STATUS_LABELS[e.from] : '',
    to: e.to ? STATUS_LABELS[e.to] : '',
    detail: userTextToCell(e.detail),
  };
}

/** A row of Registro modifiche for `e` (with its fingerprints), laid out along the sheet's columns. */
export function auditRow(
  col: Columns,
  e: AuditEntry,
  base: readonly Cell[],
  fingerprints?: { dayDigest: string; hash: string },
): Cell[] {
  return layOut(col, { ...auditCells(e), ...(fingerprints ?? {}) }, base);
}

/**
 * A line of the change log brought to the current layout: «Codice azione» filled from «Azione»
 * (which held the code), «Azione» in Italian, and a «Data» the previous version wrote as the text
 * `YYYY-MM-DD` turned into a date cell. Null when nothing changes.
 */
export function upgradeAuditRow(col: Columns, row: readonly Cell[]): Cell[] | null {
  if (row.every(isBlank)) return null;
  const out = row.slice();
  let changed = false;
  if (col.actionCode >= 0 && col.action >= 0 && isBlank(row[col.actionCode])) {
    const action = fromLabel(ACTION_LABELS, cellToText(row[col.action]));
    if (action) {
      out[col.actionCode] = action;
      out[col.action] = ACTION_LABELS[action];
      changed = true;
    }
  }
  const date = col.date >= 0 ? row[col.date] : '';
  if (typeof date === 'string' && parseIsoDate(date.trim())) {
    out[col.date] = dateOrTextCell(date.trim());
    changed = true;
  }
  return changed ? out : null;
}

// ---- Posta in uscita ---------------------------------------------------------------------------

export type OutboxStatus = 'queued' | 'sending' | 'sent';

/** «Stato» of the outbox: waiting, being sent (claimed by a run of the job), sent. */
export const OUTBOX_STATUS_LABELS: Readonly<Record<OutboxStatus, string>> = {
  queued: 'da inviare',
  sending: 'in invio',
  sent: 'inviata',
};

/** «Tipo» of the outbox. */
export const MAIL_KIND_LABELS: Readonly<Record<NotificationKind, string>> = {
  receipt: 'ricevuta',
  digest: 'riepilogo',
  decision: 'decisione',
  cancellation: 'annullamento',
  agreement: 'accordo',
};

/** A Sheets cell holds 50,000 characters: a longer text is cut (never seen: text is capped). */
const MAX_CELL_TEXT = 49_000;

export interface OutboxRow {
  id: string;
  createdAt: string;
  status: OutboxStatus;
  sentAt: string;
  outcome: string;
  mail: Notification;
}

/** The cells of an outbox row, by column key. */
export function outboxCells(r: OutboxRow): Record<string, Cell> {
  const cut = (text: string) => (text.length > MAX_CELL_TEXT ? `${text.slice(0, MAX_CELL_TEXT)}\n[…]` : text);
  return {
    id: r.id,
    createdAt: dateTimeToCell(r.createdAt),
    to: r.mail.to,
    kind: MAIL_KIND_LABELS[r.mail.kind] ?? r.mail.kind,
    sendAt: dateTimeToCell(r.mail.sendAt),
    subject: userTextToCell(cut(r.mail.subject)),
    body: userTextToCell(cut(r.mail.body)),
    dayIds: r.mail.dayIds.join(' '),
    status: OUTBOX_STATUS_LABELS[r.status],
    sentAt: r.sentAt ? dateTimeToCell(r.sentAt) : '',
    outcome: userTextToCell(r.outcome),
  };
}

/** The outbox, with each row's sheet row; rows that cannot be sent are problems. */
export function outboxFromRows(values: SheetValues): {
  rows: (OutboxRow & { row: number })[];
  problems: RowProblem[];
} {
  const problems: RowProblem[] = [];
  const problem = problemsOf('outbox', problems);
  const rows: (OutboxRow & { row: number })[] = [];
  for (const { row, cells } of recordsOf('outbox', values)) {
    const id = cellToText(cells.id);
    const status = fromLabel(OUTBOX_STATUS_LABELS, cells.status);
    const kind = fromLabel(MAIL_KIND_LABELS, cells.kind);
    const to = normaliseEmail(cells.to);
    if (!id) problem(row, 'Manca l\u2019ID del messaggio.');
    else if (!status) problem(row, `Stato sconosciuto: «${cellToText(cells.status)}».`);
    else if (!to) problem(row, `Destinatario non valido: «${cellToText(cells.to)}».`);
    else
      rows.push({
        row,
        id,
        createdAt: cellToDateTime(cells.createdAt),
        status,
        sentAt: cellToDateTime(cells.sentAt),
        outcome: cellToText(cells.outcome),
        mail: {
          to,
          kind: kind ?? 'receipt',
          subject: cellToText(cells.subject),
          body: typeof cells.body === 'string' ? cells.body : cellToText(cells.body),
          sendAt: cellToDateTime(cells.sendAt),
          dayIds: cellToText(cells.dayIds).split(/\s+/).filter(Boolean),
        },
      });
  }
  return { rows, problems };
}

// ---- the whole register -----------------------------------------------------------------------

/** The sheets load() reads: all but the change log and Problemi. */
export const LOADED_SHEETS = [
  'config',
  'people',
  'employees',
  'agreements',
  'sites',
  'holidays',
  'days',
] as const;
export type LoadedSheet = (typeof LOADED_SHEETS)[number];

/**
 * The register from its sheets' values: every record, and every broken row as a problem (in the
 * order of the sheets), with the sheet row of each day.
 */
export function snapshotFromSheets(values: Readonly<Record<LoadedSheet, SheetValues>>): {
  snapshot: RegisterSnapshot;
  rowOfDay: Map<string, number>;
} {
  const { policy, problems: policyProblems } = policyFromRows(values.config);
  const people = peopleFromRows(values.people);
  const employees = employeesFromRows(values.employees, new Set([...people.emails, ...people.admins]));
  const agreements = agreementsFromRows(
    values.agreements,
    new Set(employees.employees.map((e) => e.email)),
    new Set(employees.employees.filter((e) => e.priority === 'disability').map((e) => e.email)),
  );
  const sites = sitesFromRows(values.sites);
  const holidays = holidaysFromRows(values.holidays);
  const days = daysFromRows(values.days, sites.sites);
  return {
    snapshot: {
      policy,
      admins: people.admins,
      employees: employees.employees,
      agreements: agreements.agreements,
      sites: sites.sites,
      holidays: holidays.holidays,
      delegations: people.delegations,
      withdrawals: agreements.withdrawals.map((w) => ({ employee: w.employee, effective: w.effective })),
      days: days.days,
      problems: [
        ...policyProblems,
        ...people.problems,
        ...employees.problems,
        ...agreements.problems,
        ...sites.problems,
        ...holidays.problems,
        ...days.problems,
      ],
    },
    rowOfDay: days.rowOf,
  };
}

// ---- rows out ---------------------------------------------------------------------------------

/** A blank row `width` cells wide (at least one). */
export function blankRow(width: number): Cell[] {
  return new Array<Cell>(Math.max(width, 1)).fill('');
}

/** A copy of `base` with `cells` (by column key) in their columns; absent columns are skipped. */
export function layOut(col: Columns, cells: Record<string, Cell>, base: readonly Cell[]): Cell[] {
  const row = base.slice();
  for (const [key, value] of Object.entries(cells)) {
    const c = col[key];
    if (c !== undefined && c >= 0) row[c] = value;
  }
  return row;
}

/** "09:00-13:00; 14:30-16:30" → windows; null when unreadable. */
export function parseWindows(text: string): { from: string; to: string }[] | null {
  if (!text) return [];
  const out: { from: string; to: string }[] = [];
  for (const part of text
    .split(/[;,\n]+/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,2})[:.](\d{2})\s*[-–—]\s*(\d{1,2})[:.](\d{2})$/.exec(part);
    if (!m) return null;
    out.push({ from: `${m[1].padStart(2, '0')}:${m[2]}`, to: `${m[3].padStart(2, '0')}:${m[4]}` });
  }
  return out;
}

export function formatWindows(windows: readonly { from: string; to: string }[]): string {
  return windows.map((w) => `${w.from}-${w.to}`).join('; ');
}
