// Fills the hand-kept sheets of a register (after setup) as HR would type them: used by the
// scenario runner through the bundle, the playground, tests and the benchmark.
import { WEEKDAY_CODES, type IsoDate } from '../src/domain/dates';
import { ELIGIBILITY_LABELS, EQUIPMENT_LABELS, PRIORITY_LABELS } from '../src/domain/labels';
import type { Agreement, Delegation, Employee, Site } from '../src/domain/model';
import type { Policy } from '../src/domain/policy';
import { dateToCell, type Cell } from '../src/gas/cells';
import { columnsOf, configRowCode, formatWindows } from '../src/gas/rows';
import { normaliseHeader, NO, SHEETS, YES, type SheetKey } from '../src/gas/schema';

export interface RegisterSeed {
  policy?: Partial<Policy>;
  admins: string[];
  employees: Employee[];
  agreements: Agreement[];
  sites: Site[];
  delegations?: Delegation[];
  /** Names of people who are only managers or HR. */
  names?: Record<string, string>;
}

const WEEKDAY_IT = ['lun', 'mar', 'mer', 'gio', 'ven', 'sab', 'dom'];
const date = (d: IsoDate | null): Cell => (d ? dateToCell(d) : '');

/** Appends rows (objects keyed by column key) under the sheet's header, in one write. */
export function appendRows(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  key: SheetKey,
  rows: Record<string, Cell>[],
): void {
  if (!rows.length) return;
  const sheet = ss.getSheetByName(SHEETS[key].name);
  if (!sheet) throw new Error(`missing sheet ${SHEETS[key].name}: run setup first`);
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(normaliseHeader);
  const values = rows.map((r) => {
    const row: Cell[] = new Array(header.length).fill('');
    for (const c of SHEETS[key].columns) {
      const i = header.indexOf(normaliseHeader(c.header));
      if (i >= 0 && r[c.key] !== undefined) row[i] = r[c.key];
    }
    return row;
  });
  sheet.getRange(sheet.getLastRow() + 1, 1, values.length, header.length).setValues(values);
}

/** Sets policy values in Configurazione (rows written by setup, found by their code). */
export function writePolicy(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, policy: Partial<Policy>): void {
  const sheet = ss.getSheetByName(SHEETS.config.name);
  if (!sheet) throw new Error('missing Configurazione: run setup first');
  const values = sheet.getDataRange().getValues() as Cell[][];
  const col = columnsOf('config', values[0]);
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(policy)) {
    if (key === 'disconnection' && value && typeof value === 'object') {
      flat.disconnectionFrom = (value as { from: string }).from;
      flat.disconnectionTo = (value as { to: string }).to;
    } else flat[key] = String(value);
  }
  for (let r = 1; r < values.length; r++) {
    const key = configRowCode(col, values[r]);
    if (key in flat) values[r][col.value] = flat[key];
  }
  sheet.getRange(1, 1, values.length, values[0].length).setValues(values);
}

export function seedRegister(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, seed: RegisterSeed): void {
  if (seed.policy) writePolicy(ss, seed.policy);
  const employees = new Set(seed.employees.map((e) => e.email));
  const people = new Set<string>([
    ...seed.admins,
    ...seed.employees.map((e) => e.manager),
    ...(seed.delegations ?? []).flatMap((d) => [d.manager, d.delegate]),
  ]);
  appendRows(
    ss,
    'people',
    [...people]
      .filter(
        (p) =>
          !employees.has(p) ||
          seed.admins.includes(p) ||
          (seed.delegations ?? []).some((d) => d.manager === p),
      )
      .map((email) => {
        const delegation = (seed.delegations ?? []).find((d) => d.manager === email);
        return {
          email,
          name: seed.names?.[email] ?? '',
          admin: seed.admins.includes(email) ? YES : NO,
          delegate: delegation?.delegate ?? '',
          delegateFrom: delegation ? date(delegation.from) : '',
          delegateTo: delegation ? date(delegation.to) : '',
        };
      }),
  );
  appendRows(
    ss,
    'employees',
    seed.employees.map((e) => ({
      email: e.email,
      name: e.name,
      organisation: e.organisation,
      sector: e.sector,
      seat: e.seat,
      manager: e.manager,
      eligibility: ELIGIBILITY_LABELS[e.eligibility],
      workingDays: e.workingDays.map((d) => WEEKDAY_IT[WEEKDAY_CODES.indexOf(d)]).join(' '),
      commuteKm: e.commuteKm ?? '',
      priority: PRIORITY_LABELS[e.priority],
      workingLocationOptIn: e.workingLocationOptIn ? YES : NO,
    })),
  );
  appendRows(
    ss,
    'agreements',
    seed.agreements.map((a) => ({
      employee: a.employee,
      from: date(a.from),
      to: date(a.to),
      signedByEmployee: date(a.signedByEmployee),
      signedByManager: date(a.signedByManager),
      contactWindows: formatWindows(a.contactWindows),
      equipment: EQUIPMENT_LABELS[a.equipment],
      safetyNoticeDate: date(a.safetyNoticeDate),
    })),
  );
  appendRows(
    ss,
    'sites',
    seed.sites.map((s) => ({ id: s.id, name: s.name, comune: s.comune, capacity: s.capacity })),
  );
}
