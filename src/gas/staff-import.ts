// The payroll CSV into Dipendenti (src/domain/staff-import.ts): HR sees the preview, then the
// accepted rows are written in ONE atomic write (all of them or none), each only into the staff
// record's columns of the person's existing row. People not yet in Dipendenti are listed: HR adds
// them with their manager first (the payroll file does not say who approves).
import { type IsoDate } from '../domain/dates';
import { PRIORITY_LABELS } from '../domain/labels';
import { previewStaffImport, type StaffPreview, type StaffRecord } from '../domain/staff-import';
import { toRomeLocal } from '../domain/rome-time';
import { dateToCell, type Cell } from './cells';
import { SheetsRegister } from './register';
import { columnsOf, layOut, organisationsFromRows, staffFactsFromRows, type StaffFacts } from './rows';
import { requireOwner } from './owner';
import { agoraFolder } from './drive-files';
import { gasLock, registerSpreadsheet } from './runtime';

export interface StaffImportResult {
  preview: StaffPreview;
  /** Rows written (apply only). */
  applied: number;
  /** People of the file not in Dipendenti. */
  notInRegister: string[];
}

function recordOf(s: StaffFacts, cells: Record<string, Cell>, commuteKm: number | null): StaffRecord | null {
  if (!s.taxCode || !s.birthDate || !s.employmentStart || !s.employmentType) return null;
  const priority = (Object.keys(PRIORITY_LABELS) as (keyof typeof PRIORITY_LABELS)[]).find(
    (k) => k !== '' && PRIORITY_LABELS[k] === String(cells.priority ?? '').trim(),
  );
  return {
    email: s.email,
    surname: s.surname,
    firstName: s.firstName,
    taxCode: s.taxCode,
    birthDate: s.birthDate,
    birthPlace: s.birthPlace,
    organisation: s.organisation,
    sector: String(cells.sector ?? ''),
    employmentStart: s.employmentStart,
    employmentType: s.employmentType,
    inailPat: s.inailPat,
    inailRate: s.inailRate,
    category: s.category,
    contractType: s.contractType,
    gender: s.gender,
    commuteKm,
    priority: priority ?? '',
  };
}

export function importStaff(register: SheetsRegister, csv: string, apply: boolean): StaffImportResult {
  const today: IsoDate = toRomeLocal(Date.now()).date;
  const v = register.sheetValues(['employees', 'organisations']);
  const col = columnsOf('employees', v.employees[0] ?? []);
  const staff = staffFactsFromRows(v.employees, today).staff;
  const rowOf = new Map<string, number>();
  const current = new Map<string, StaffRecord>();
  const sectors = new Map<string, Set<string>>();
  for (const o of organisationsFromRows(v.organisations).organisations.values())
    sectors.set(o.name, new Set(o.sectors));
  for (let r = 1; r < v.employees.length; r++) {
    const row = v.employees[r];
    const email = String(row[col.email] ?? '')
      .trim()
      .toLowerCase();
    if (!email || rowOf.has(email)) continue;
    rowOf.set(email, r + 1);
    const cells = Object.fromEntries(Object.entries(col).map(([k, c]) => [k, c >= 0 ? row[c] : '']));
    // Sectors HR already uses count as known beside those listed in Enti.
    const org = String(cells.organisation ?? '');
    if (sectors.has(org)) sectors.get(org)?.add(String(cells.sector ?? ''));
    const s = staff.get(email);
    const km = typeof cells.commuteKm === 'number' ? cells.commuteKm : null;
    const record = s ? recordOf(s, cells, km) : null;
    if (record) current.set(email, record);
  }
  const preview = previewStaffImport(csv, current, { sectors }, today);
  const notInRegister = preview.changes.filter((c) => !rowOf.has(c.email)).map((c) => c.email);
  if (!apply || preview.fileError) return { preview, applied: 0, notInRegister };
  const updates = preview.changes
    .filter((c) => rowOf.has(c.email))
    .map((c) => {
      const row = rowOf.get(c.email) as number;
      const r = c.record;
      const cells: Record<string, Cell> = {
        surname: r.surname,
        firstName: r.firstName,
        taxCode: r.taxCode,
        birthDate: dateToCell(r.birthDate),
        birthPlace: r.birthPlace,
        organisation: r.organisation,
        sector: r.sector,
        employmentStart: dateToCell(r.employmentStart),
        employmentType: r.employmentType,
        inailPat: r.inailPat,
        inailRate: r.inailRate,
        category: r.category,
        contractType: r.contractType,
        gender: r.gender,
        commuteKm: r.commuteKm ?? '',
        priority: PRIORITY_LABELS[r.priority],
      };
      return { row, cells: layOut(col, cells, v.employees[row - 1]) };
    });
  register.updateRows('employees', v.employees, updates);
  return { preview, applied: updates.length, notInRegister };
}

/** The entry point: the owner, holding the script lock; `apply` false shows the preview only. */
export function importStaffNow(csv: string, apply: boolean): StaffImportResult {
  requireOwner('Importazione del personale');
  return gasLock.withLock(() =>
    importStaff(new SheetsRegister(registerSpreadsheet()), String(csv ?? ''), apply === true),
  );
}

/** The payroll export HR puts in Agorà's folder for the card's import. */
export const STAFF_CSV_NAME = 'personale.csv';

/** What HR's card shows of an import: counts, the rejected rows and a sample of the changes. */
export interface StaffImportSummary {
  file: string;
  fileError: string | null;
  toApply: number;
  unchanged: number;
  rejected: { line: number; email: string; reasons: string[] }[];
  /** Up to 20 changes: the person and each field's before → after. */
  sample: { email: string; fields: string[] }[];
  notInRegister: string[];
  applied: number;
}

/**
 * The import from HR's card: the newest «personale.csv» in Agorà's folder (HR uploads the
 * payroll export there), previewed, or applied when `apply` (the owner's rights, the lock held).
 */
export function importStaffFromDrive(register: SheetsRegister, apply: boolean): StaffImportSummary {
  const files = agoraFolder().getFilesByName(STAFF_CSV_NAME);
  let newest: GoogleAppsScript.Drive.File | null = null;
  while (files.hasNext()) {
    const f = files.next();
    if (!f.isTrashed() && (!newest || f.getLastUpdated() > newest.getLastUpdated())) newest = f;
  }
  const empty = { toApply: 0, unchanged: 0, rejected: [], sample: [], notInRegister: [], applied: 0 };
  if (!newest)
    return {
      ...empty,
      file: STAFF_CSV_NAME,
      fileError: `Carica nella cartella «Agorà» il file «${STAFF_CSV_NAME}» esportato dal sistema delle paghe, poi riprova.`,
    };
  const result = importStaff(register, newest.getBlob().getDataAsString('UTF-8'), apply);
  const p = result.preview;
  const known = p.changes.filter((c) => !result.notInRegister.includes(c.email));
  return {
    file: `${STAFF_CSV_NAME} (${toRomeLocal(newest.getLastUpdated().getTime()).date})`,
    fileError: p.fileError,
    toApply: known.length,
    unchanged: p.unchanged,
    rejected: p.rejected.slice(0, 50),
    sample: known.slice(0, 20).map((c) => ({
      email: c.email,
      fields: Object.entries(c.fields).map(
        ([name, [before, after]]) => `${name}: ${before || '—'} → ${after || '—'}`,
      ),
    })),
    notInRegister: result.notInRegister,
    applied: result.applied,
  };
}
