// The records of the register: employees, agreements, sites, delegations and requested days,
// with the validation that turns raw input (a scenario, a sheet row) into trusted records.
import { parseIsoDate, parseTimeOfDay, WEEKDAY_CODES, type IsoDate, type WeekdayCode } from './dates';
import type { FieldError, TimeRange } from './policy';

export type Eligibility = 'eligible' | 'conditional' | 'not-eligible';
export const ELIGIBILITIES: readonly Eligibility[] = ['eligible', 'conditional', 'not-eligible'];
export type Equipment = 'employer' | 'own';
export const EQUIPMENTS: readonly Equipment[] = ['employer', 'own'];
/** Special-category data (art. 18 c.3-bis L. 81/2017): only the category, visible to HR alone. */
export type PriorityCategory = '' | 'parent' | 'disability' | 'caregiver' | 'fragile';
export const PRIORITY_CATEGORIES: readonly PriorityCategory[] = [
  '',
  'parent',
  'disability',
  'caregiver',
  'fragile',
];

export interface Employee {
  email: string;
  name: string;
  organisation: string;
  sector: string;
  /** The comune of the employee's office: decides the patron saint's day. */
  seat: string;
  manager: string;
  eligibility: Eligibility;
  workingDays: WeekdayCode[];
  commuteKm: number | null;
  priority: PriorityCategory;
  /** The employee lets Agorà show their working location on their own primary calendar. */
  workingLocationOptIn: boolean;
}

export interface Agreement {
  employee: string;
  from: IsoDate;
  /** null: indefinite term (TI). */
  to: IsoDate | null;
  signedByEmployee: IsoDate | null;
  signedByManager: IsoDate | null;
  contactWindows: TimeRange[];
  equipment: Equipment;
  safetyNoticeDate: IsoDate | null;
}

export interface Site {
  id: string;
  name: string;
  comune: string;
  capacity: number;
}

/** A manager names a delegate who decides for them in a date range. */
export interface Delegation {
  manager: string;
  delegate: string;
  from: IsoDate;
  to: IsoDate;
}

export type DayStatus = 'refused' | 'pending' | 'approved' | 'rejected' | 'cancelled';
export const DAY_STATUSES: readonly DayStatus[] = ['refused', 'pending', 'approved', 'rejected', 'cancelled'];
/** Only these count against caps, capacity and coverage. */
export const COUNTING_STATUSES: ReadonlySet<DayStatus> = new Set<DayStatus>(['pending', 'approved']);

export const HOME = 'home';

/** The part of a requested day the rules look at. */
export interface DayFacts {
  employee: string;
  date: IsoDate;
  /** `home` or a site id. */
  location: string;
  status: DayStatus;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

export function normaliseEmail(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const e = text.trim().toLowerCase();
  return EMAIL.test(e) ? e : null;
}

type Raw = Record<string, unknown>;
export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

function str(raw: Raw, field: string, label: string, errors: FieldError[], required = true): string {
  const v = raw[field];
  if (v === undefined || v === null || v === '') {
    if (required) errors.push({ field, message: `Manca il campo «${label}».` });
    return '';
  }
  if (typeof v !== 'string') {
    errors.push({ field, message: `Il campo «${label}» deve essere un testo.` });
    return '';
  }
  return v.trim();
}

function email(raw: Raw, field: string, label: string, errors: FieldError[]): string {
  const v = raw[field];
  const e = normaliseEmail(v);
  if (!e)
    errors.push({
      field,
      message: v
        ? `Il campo «${label}» non è un indirizzo email valido: ${String(v)}.`
        : `Manca il campo «${label}».`,
    });
  return e ?? '';
}

function date(
  raw: Raw,
  field: string,
  label: string,
  errors: FieldError[],
  required: boolean,
): IsoDate | null {
  const v = raw[field];
  if (v === undefined || v === null || v === '') {
    if (required) errors.push({ field, message: `Manca il campo «${label}».` });
    return null;
  }
  const d = parseIsoDate(v);
  if (!d)
    errors.push({ field, message: `Il campo «${label}» non è una data valida (AAAA-MM-GG): ${String(v)}.` });
  return d;
}

function oneOf<T extends string>(
  raw: Raw,
  field: string,
  label: string,
  values: readonly T[],
  fallback: T,
  errors: FieldError[],
): T {
  const v = raw[field];
  if (v === undefined || v === null || v === '') return fallback;
  if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
  errors.push({
    field,
    message: `Il campo «${label}» deve essere uno tra: ${values.filter(Boolean).join(', ')} (valore: ${String(v)}).`,
  });
  return fallback;
}

function done<T>(value: T, errors: FieldError[]): Validated<T> {
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

export function validateEmployee(raw: Raw): Validated<Employee> {
  const errors: FieldError[] = [];
  let workingDays: WeekdayCode[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];
  if (raw.workingDays !== undefined && raw.workingDays !== null && raw.workingDays !== '') {
    const list = Array.isArray(raw.workingDays)
      ? raw.workingDays
      : String(raw.workingDays)
          .split(/[\s,;]+/)
          .filter(Boolean);
    const bad = list.filter((d) => !(WEEKDAY_CODES as readonly unknown[]).includes(d));
    if (bad.length || list.length === 0) {
      errors.push({
        field: 'workingDays',
        message: `I giorni lavorativi devono essere tra ${WEEKDAY_CODES.join(', ')} (valore: ${list.join(', ') || 'vuoto'}).`,
      });
    } else {
      workingDays = WEEKDAY_CODES.filter((d) => list.includes(d));
    }
  }
  let commuteKm: number | null = null;
  if (raw.commuteKm !== undefined && raw.commuteKm !== null && raw.commuteKm !== '') {
    if (typeof raw.commuteKm === 'number' && Number.isFinite(raw.commuteKm) && raw.commuteKm >= 0)
      commuteKm = raw.commuteKm;
    else
      errors.push({
        field: 'commuteKm',
        message: `La distanza casa–lavoro deve essere un numero di km non negativo (valore: ${String(raw.commuteKm)}).`,
      });
  }
  const employee: Employee = {
    email: email(raw, 'email', 'email', errors),
    name: str(raw, 'name', 'nome', errors),
    organisation: str(raw, 'organisation', 'ente', errors),
    sector: str(raw, 'sector', 'settore', errors),
    seat: str(raw, 'seat', 'sede', errors),
    manager: email(raw, 'manager', 'responsabile', errors),
    eligibility: oneOf(raw, 'eligibility', 'eleggibilità', ELIGIBILITIES, 'eligible', errors),
    workingDays,
    commuteKm,
    priority: oneOf(raw, 'priority', 'categoria prioritaria', PRIORITY_CATEGORIES, '', errors),
    workingLocationOptIn: raw.workingLocationOptIn === true,
  };
  if (employee.email && employee.email === employee.manager) {
    errors.push({ field: 'manager', message: 'Un dipendente non può essere il responsabile di sé stesso.' });
  }
  return done(employee, errors);
}

export function validateAgreement(raw: Raw): Validated<Agreement> {
  const errors: FieldError[] = [];
  const windowsRaw = raw.contactWindows;
  const contactWindows: TimeRange[] = [];
  if (windowsRaw !== undefined && !Array.isArray(windowsRaw)) {
    errors.push({ field: 'contactWindows', message: 'Le fasce di contattabilità devono essere un elenco.' });
  } else {
    for (const w of (windowsRaw ?? []) as unknown[]) {
      const range = w as Partial<TimeRange> | null;
      if (
        !range ||
        typeof range !== 'object' ||
        parseTimeOfDay(range.from) === null ||
        parseTimeOfDay(range.to) === null
      ) {
        errors.push({
          field: 'contactWindows',
          message: `Fascia di contattabilità non valida: ${JSON.stringify(w)} (formato HH:MM–HH:MM).`,
        });
      } else {
        contactWindows.push({ from: range.from as string, to: range.to as string });
      }
    }
  }
  const agreement: Agreement = {
    employee: email(raw, 'employee', 'dipendente', errors),
    from: date(raw, 'from', 'inizio', errors, true) as IsoDate,
    to: date(raw, 'to', 'fine', errors, false),
    signedByEmployee: date(raw, 'signedByEmployee', 'firma del dipendente', errors, false),
    signedByManager: date(raw, 'signedByManager', 'firma del responsabile', errors, false),
    contactWindows,
    equipment: oneOf(raw, 'equipment', 'strumentazione', EQUIPMENTS, 'employer', errors),
    safetyNoticeDate: date(raw, 'safetyNoticeDate', 'informativa sicurezza', errors, false),
  };
  if (agreement.from && agreement.to && agreement.to < agreement.from) {
    errors.push({
      field: 'to',
      message: `La fine dell'accordo (${agreement.to}) precede l'inizio (${agreement.from}).`,
    });
  }
  return done(agreement, errors);
}

export function validateSite(raw: Raw): Validated<Site> {
  const errors: FieldError[] = [];
  const id = str(raw, 'id', 'codice', errors);
  if (id && (!/^[a-z0-9][a-z0-9-]*$/.test(id) || id === HOME)) {
    errors.push({
      field: 'id',
      message: `Il codice della sede deve contenere solo lettere minuscole, cifre e trattini, e non può essere «home» (valore: ${id}).`,
    });
  }
  const capacity = raw.capacity;
  if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 0) {
    errors.push({
      field: 'capacity',
      message: `La capienza della sede deve essere un numero intero non negativo (valore: ${String(capacity)}).`,
    });
  }
  return done(
    {
      id,
      name: str(raw, 'name', 'nome', errors),
      comune: str(raw, 'comune', 'comune', errors),
      capacity: Number(capacity) || 0,
    },
    errors,
  );
}

export function validateDelegation(raw: Raw): Validated<Delegation> {
  const errors: FieldError[] = [];
  const d: Delegation = {
    manager: email(raw, 'manager', 'responsabile', errors),
    delegate: email(raw, 'delegate', 'delegato', errors),
    from: date(raw, 'from', 'dal', errors, true) as IsoDate,
    to: date(raw, 'to', 'al', errors, true) as IsoDate,
  };
  if (d.from && d.to && d.to < d.from)
    errors.push({ field: 'to', message: 'La delega termina prima di iniziare.' });
  return done(d, errors);
}
