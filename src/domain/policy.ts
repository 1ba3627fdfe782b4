// The policy: every parameter of the rules, with the Unione's defaults (docs/rules.md), and its
// validation. HR edits it in the Configurazione sheet; a scenario may override any field.
import { formatMinutes, parseTimeOfDay } from './dates';

export interface TimeRange {
  from: string;
  to: string;
}

export interface Policy {
  maxDaysPerWeek: number;
  maxDaysPerMonth: number;
  noticeDays: number;
  /** HORIZON: a date more than this many calendar days after the request is refused. */
  maxDaysAhead: number;
  safetyNoticeMaxDays: number;
  maxContactMinutes: number;
  maxTeamShare: number;
  /** No work contact, no notification: wraps midnight (20:00 → 07:00). */
  disconnection: TimeRange;
  /** How often a manager gets the digest of days to approve: `ora` (hourly) or `giorno` (daily). */
  digestEvery: DigestPeriod;
  /**
   * Not a rule: kg of CO2 per km of a commuting car, for the reports' mobility figures. Default
   * from ISPRA's average emission factors of road transport (see src/domain/report.ts).
   */
  emissionFactor: number;
}

export const DIGEST_PERIODS = ['ora', 'giorno'] as const;
export type DigestPeriod = (typeof DIGEST_PERIODS)[number];

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  maxDaysPerWeek: 2,
  maxDaysPerMonth: 8,
  noticeDays: 1,
  maxDaysAhead: 92,
  safetyNoticeMaxDays: 365,
  maxContactMinutes: 432,
  maxTeamShare: 0.5,
  disconnection: Object.freeze({ from: '20:00', to: '07:00' }),
  digestEvery: 'ora',
  emissionFactor: 0.165,
});

/** A problem with one field of an input, in Italian for HR. */
export interface FieldError {
  field: string;
  message: string;
}

/** Italian labels of the policy fields, as HR sees them in the Configurazione sheet. */
export const POLICY_LABELS: Readonly<Record<keyof Policy, string>> = {
  maxDaysPerWeek: 'giorni massimi a settimana',
  maxDaysPerMonth: 'giorni massimi al mese',
  noticeDays: 'giorni di preavviso',
  maxDaysAhead: 'massimo anticipo della richiesta (giorni)',
  safetyNoticeMaxDays: "validità dell'informativa sicurezza (giorni)",
  maxContactMinutes: 'durata massima delle fasce di contattabilità (minuti)',
  maxTeamShare: 'quota massima del gruppo in lavoro agile',
  disconnection: 'fascia di disconnessione',
  digestEvery: 'riepilogo ai responsabili (ora o giorno)',
  emissionFactor: 'fattore di emissione (kg CO₂ per km in auto)',
};

type IntegerField =
  | 'maxDaysPerWeek'
  | 'maxDaysPerMonth'
  | 'noticeDays'
  | 'maxDaysAhead'
  | 'safetyNoticeMaxDays'
  | 'maxContactMinutes';
const INTEGER_LIMITS: Record<IntegerField, [min: number, max: number]> = {
  maxDaysPerWeek: [0, 7],
  maxDaysPerMonth: [0, 31],
  noticeDays: [0, 365],
  maxDaysAhead: [1, 3660],
  safetyNoticeMaxDays: [1, 3660],
  maxContactMinutes: [0, 1440],
};

/**
 * Validates a partial policy over the defaults. Unknown fields are reported, never ignored
 * silently; the result keeps the defaults for every field that is missing or wrong.
 */
export function validatePolicy(input: unknown): { policy: Policy; errors: FieldError[] } {
  const policy: Policy = { ...DEFAULT_POLICY, disconnection: { ...DEFAULT_POLICY.disconnection } };
  const errors: FieldError[] = [];
  if (input === undefined || input === null) return { policy, errors };
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { policy, errors: [{ field: 'policy', message: 'La configurazione deve essere un oggetto.' }] };
  }
  const record = input as Record<string, unknown>;
  for (const [field, value] of Object.entries(record)) {
    if (field in INTEGER_LIMITS) {
      const [min, max] = INTEGER_LIMITS[field as IntegerField];
      const label = POLICY_LABELS[field as IntegerField];
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        errors.push({
          field,
          message: `Il campo «${label}» deve essere un numero intero (valore: ${show(value)}).`,
        });
      } else if (value < min || value > max) {
        errors.push({
          field,
          message: `Il campo «${label}» deve essere compreso tra ${min} e ${max} (valore: ${value}).`,
        });
      } else {
        policy[field as IntegerField] = value;
      }
    } else if (field === 'maxTeamShare') {
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 1) {
        errors.push({
          field,
          message: `Il campo «${POLICY_LABELS.maxTeamShare}» deve essere una quota maggiore di 0 e non superiore a 1 (valore: ${show(value)}).`,
        });
      } else {
        policy.maxTeamShare = value;
      }
    } else if (field === 'emissionFactor') {
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 1) {
        errors.push({
          field,
          message: `Il campo «${POLICY_LABELS.emissionFactor}» deve essere un numero maggiore di 0 e non superiore a 1 (valore: ${show(value)}).`,
        });
      } else {
        policy.emissionFactor = value;
      }
    } else if (field === 'digestEvery') {
      if (
        typeof value !== 'string' ||
        !(DIGEST_PERIODS as readonly string[]).includes(value.trim().toLowerCase())
      ) {
        errors.push({
          field,
          message: `Il campo «${POLICY_LABELS.digestEvery}» deve essere «ora» o «giorno» (valore: ${show(value)}).`,
        });
      } else {
        policy.digestEvery = value.trim().toLowerCase() as DigestPeriod;
      }
    } else if (field === 'disconnection') {
      const range = validateTimeRange(value, 'disconnection', POLICY_LABELS.disconnection);
      if ('error' in range) errors.push(range.error);
      else policy.disconnection = range.value;
    } else {
      errors.push({ field, message: `Parametro sconosciuto «${field}».` });
    }
  }
  return { policy, errors };
}

function validateTimeRange(
  value: unknown,
  field: string,
  label: string,
): { value: TimeRange } | { error: FieldError } {
  const v = value as Partial<TimeRange> | null;
  if (!v || typeof v !== 'object') {
    return { error: { field, message: `Il campo «${label}» deve avere un orario di inizio e uno di fine.` } };
  }
  for (const end of ['from', 'to'] as const) {
    if (parseTimeOfDay(v[end]) === null) {
      return {
        error: {
          field: `${field}.${end}`,
          message: `Il campo «${label}» ha un orario non valido: ${show(v[end])} (formato HH:MM, da 00:00 a 23:59).`,
        },
      };
    }
  }
  const from = parseTimeOfDay(v.from) as number;
  const to = parseTimeOfDay(v.to) as number;
  if (from === to)
    return { error: { field, message: `Il campo «${label}» deve avere inizio e fine diversi.` } };
  return { value: { from: formatMinutes(from), to: formatMinutes(to) } };
}

function show(value: unknown): string {
  return value === undefined ? 'mancante' : JSON.stringify(value);
}
