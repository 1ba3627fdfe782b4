// Staff records from the payroll system's CSV export: what the Ministry notice and the reports
// need beside what the rules use. Each row is validated on its own (a bad row never stops the
// others), HR sees a preview of what would change, and the accepted rows are applied together.
import { parseCsv } from './csv';
import { parseIsoDate, type IsoDate } from './dates';
import { PRIORITY_LABELS } from './labels';
import type { PriorityCategory } from './model';
import { parseTaxCode } from './tax-code';

export interface StaffRecord {
  email: string;
  surname: string;
  firstName: string;
  taxCode: string;
  birthDate: IsoDate;
  /** Cadastral code of the comune of birth (or Z… for a country abroad). */
  birthPlace: string;
  organisation: string;
  sector: string;
  /** Start of the employment relationship (the hire date). */
  employmentStart: IsoDate;
  employmentType: 'TI' | 'TD';
  inailPat: string;
  inailRate: string;
  category: string;
  contractType: string;
  /** HR only (PIAO equality figures). */
  gender: 'F' | 'M' | '';
  commuteKm: number | null;
  /** HR only: the category, never a diagnosis. */
  priority: PriorityCategory;
}

/** CSV headers (normalised: lower case, single spaces) → field. */
export const STAFF_CSV_COLUMNS: readonly (readonly [keyof StaffRecord, string, boolean])[] = [
  ['email', 'email', true],
  ['surname', 'cognome', true],
  ['firstName', 'nome', true],
  ['taxCode', 'codice fiscale', true],
  ['birthDate', 'data di nascita', true],
  ['birthPlace', 'comune di nascita', true],
  ['organisation', 'ente', true],
  ['sector', 'settore', true],
  ['employmentStart', 'data di assunzione', true],
  ['employmentType', 'tipo rapporto', true],
  ['inailPat', 'pat inail', true],
  ['inailRate', 'voce di tariffa inail', true],
  ['category', 'categoria', false],
  ['contractType', 'contratto', false],
  ['gender', 'genere', false],
  ['commuteKm', 'km casa-lavoro', false],
  ['priority', 'categoria di priorità', false],
];

export interface Known {
  /** Organisation → its sectors. */
  sectors: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface RejectedRow {
  line: number;
  email: string;
  reasons: string[];
}

export interface StaffChange {
  email: string;
  kind: 'added' | 'changed';
  /** Field → [before, after] (Italian column names), for the preview. */
  fields: Record<string, [string, string]>;
  record: StaffRecord;
}

export interface StaffPreview {
  changes: StaffChange[];
  unchanged: number;
  rejected: RejectedRow[];
  /** A problem with the file as a whole (no header, missing columns): nothing is read. */
  fileError: string | null;
}

const normalise = (h: string) => h.trim().toLowerCase().replace(/\s+/g, ' ');

/** dd/mm/yyyy (payroll exports) or yyyy-mm-dd. */
function parseDate(text: string): IsoDate | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (m) return parseIsoDate(`${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`);
  return parseIsoDate(text.trim());
}

function validateRow(
  get: (field: keyof StaffRecord) => string,
  known: Known,
  today: IsoDate,
): { record: StaffRecord | null; reasons: string[] } {
  const reasons: string[] = [];
  const email = get('email').toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) reasons.push(`email non valida: «${get('email')}».`);
  for (const [field, header, required] of STAFF_CSV_COLUMNS)
    if (required && !get(field)) reasons.push(`manca «${header}».`);
  const tax = parseTaxCode(get('taxCode'), today);
  const birthDate = parseDate(get('birthDate'));
  if (get('birthDate') && !birthDate) reasons.push(`data di nascita non valida: «${get('birthDate')}».`);
  const employmentStart = parseDate(get('employmentStart'));
  if (get('employmentStart') && !employmentStart)
    reasons.push(`data di assunzione non valida: «${get('employmentStart')}».`);
  if (get('taxCode') && !tax.ok) reasons.push(tax.message);
  const gender = get('gender').toUpperCase();
  if (gender && gender !== 'F' && gender !== 'M')
    reasons.push(`genere: «F», «M» o vuoto (valore: «${get('gender')}»).`);
  if (tax.ok && birthDate && tax.facts.birthDate !== birthDate)
    reasons.push(
      `la data di nascita non corrisponde al codice fiscale (${tax.facts.birthDate.split('-').reverse().join('/')}).`,
    );
  if (tax.ok && gender && tax.facts.gender !== gender)
    reasons.push('il genere non corrisponde al codice fiscale.');
  const birthPlace = get('birthPlace').toUpperCase();
  if (birthPlace && !/^[A-Z]\d{3}$/.test(birthPlace))
    reasons.push(`comune di nascita: il codice catastale (es. B819), non «${get('birthPlace')}».`);
  else if (tax.ok && birthPlace && tax.facts.birthPlace !== birthPlace)
    reasons.push('il comune di nascita non corrisponde al codice fiscale.');
  const type = get('employmentType').toUpperCase();
  if (type && type !== 'TI' && type !== 'TD')
    reasons.push(`tipo rapporto: «TI» o «TD» (valore: «${get('employmentType')}»).`);
  if (get('inailPat') && !/^\d{5,10}$/.test(get('inailPat')))
    reasons.push(`PAT INAIL: solo cifre (valore: «${get('inailPat')}»).`);
  const organisation = get('organisation');
  const sectors = known.sectors.get(organisation);
  if (organisation && !sectors) reasons.push(`ente sconosciuto: «${organisation}».`);
  else if (sectors && get('sector') && !sectors.has(get('sector')))
    reasons.push(`settore sconosciuto per ${organisation}: «${get('sector')}».`);
  const kmText = get('commuteKm').replace(',', '.');
  const km = kmText ? Number(kmText) : null;
  if (km !== null && (!Number.isFinite(km) || km < 0 || km > 1000))
    reasons.push(`km casa-lavoro non validi: «${get('commuteKm')}».`);
  const priorityText = get('priority').toLowerCase();
  const priority = (Object.keys(PRIORITY_LABELS) as PriorityCategory[]).find(
    (k) => k === priorityText || PRIORITY_LABELS[k] === priorityText,
  );
  if (priority === undefined) reasons.push(`categoria di priorità sconosciuta: «${get('priority')}».`);
  if (reasons.length || !birthDate || !employmentStart || !tax.ok) return { record: null, reasons };
  return {
    record: {
      email,
      surname: get('surname'),
      firstName: get('firstName'),
      taxCode: tax.facts.code,
      birthDate,
      birthPlace,
      organisation,
      sector: get('sector'),
      employmentStart,
      employmentType: type as 'TI' | 'TD',
      inailPat: get('inailPat'),
      inailRate: get('inailRate'),
      category: get('category'),
      contractType: get('contractType'),
      gender: gender as 'F' | 'M' | '',
      commuteKm: km,
      priority: priority ?? '',
    },
    reasons,
  };
}

function shown(record: StaffRecord, field: keyof StaffRecord): string {
  const v = record[field];
  return v === null ? '' : String(v);
}

/** What importing `csv` would do to `current` (by email): the preview HR confirms. */
export function previewStaffImport(
  csv: string,
  current: ReadonlyMap<string, StaffRecord>,
  known: Known,
  today: IsoDate,
): StaffPreview {
  const empty: StaffPreview = { changes: [], unchanged: 0, rejected: [], fileError: null };
  const parsed = parseCsv(csv);
  if (!parsed.ok) return { ...empty, fileError: parsed.message };
  const [header, ...rows] = parsed.rows;
  if (!header) return { ...empty, fileError: 'Il file è vuoto.' };
  const index = new Map(header.fields.map((h, i) => [normalise(h), i]));
  const missing = STAFF_CSV_COLUMNS.filter(([, h, required]) => required && !index.has(h)).map(([, h]) => h);
  if (missing.length) return { ...empty, fileError: `Mancano le colonne: ${missing.join(', ')}.` };
  const out: StaffPreview = { ...empty };
  const seenEmail = new Map<string, number>();
  const seenTax = new Map<string, number>();
  for (const row of rows) {
    const get = (field: keyof StaffRecord) => {
      const column = STAFF_CSV_COLUMNS.find(([f]) => f === field)?.[1] ?? '';
      const i = index.get(column);
      return i === undefined ? '' : (row.fields[i] ?? '').trim();
    };
    const { record, reasons } = validateRow(get, known, today);
    const email = get('email').toLowerCase();
    if (record) {
      const other = seenEmail.get(record.email) ?? seenTax.get(record.taxCode);
      if (other !== undefined) reasons.push(`ripete la riga ${other} (stessa email o codice fiscale).`);
    }
    if (!record || reasons.length) {
      out.rejected.push({ line: row.line, email, reasons });
      continue;
    }
    seenEmail.set(record.email, row.line);
    seenTax.set(record.taxCode, row.line);
    const before = current.get(record.email);
    const fields: Record<string, [string, string]> = {};
    for (const [field, header] of STAFF_CSV_COLUMNS) {
      const a = before ? shown(before, field) : '';
      const b = shown(record, field);
      if (a !== b) fields[header] = [a, b];
    }
    if (before && !Object.keys(fields).length) out.unchanged++;
    else out.changes.push({ email: record.email, kind: before ? 'changed' : 'added', fields, record });
  }
  return out;
}
