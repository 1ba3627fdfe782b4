// Italian words for the values HR reads and picks in the register (dropdowns) and that users
// read in mails and the sidebar. Each enumeration maps both ways through these tables.
import type { DayStatus, Eligibility, Equipment, PriorityCategory } from './model';
import type { RuleId, Severity } from './rules';

export const STATUS_LABELS: Record<DayStatus, string> = {
  refused: 'respinta',
  pending: 'in attesa',
  approved: 'approvata',
  rejected: 'rifiutata',
  cancelled: 'annullata',
};

export const ELIGIBILITY_LABELS: Record<Eligibility, string> = {
  eligible: 'eleggibile',
  conditional: 'a condizione',
  'not-eligible': 'non eleggibile',
};

export const EQUIPMENT_LABELS: Record<Equipment, string> = {
  employer: "dell'ente",
  own: 'propria',
};

export const PRIORITY_LABELS: Record<PriorityCategory, string> = {
  '': '',
  parent: 'genitore (figli fino a 12 anni)',
  disability: 'disabilità',
  caregiver: 'caregiver',
  fragile: 'lavoratore fragile',
};

export const SEVERITY_LABELS: Record<Severity, string> = { block: 'blocco', warn: 'avviso' };

export const RULE_LABELS: Record<RuleId, string> = {
  INVALID_DATE: 'Data non valida',
  WORKING_DAY: 'Giorno lavorativo',
  PAST_DATE: 'Data passata',
  SHORT_NOTICE: 'Preavviso',
  HORIZON: 'Anticipo massimo',
  AGREEMENT: 'Accordo individuale',
  ELIGIBILITY: 'Eleggibilità',
  SAFETY_NOTICE: 'Informativa sicurezza',
  CONTACT_WINDOW: 'Fasce di contattabilità',
  DUPLICATE_DAY: 'Giornata doppia',
  WEEKLY_CAP: 'Limite settimanale',
  MONTHLY_CAP: 'Limite mensile',
  PREVALENCE: 'Prevalenza della presenza',
  SITE_CAPACITY: 'Capienza della sede',
  OWN_EQUIPMENT: 'Strumentazione propria',
  TEAM_COVERAGE: 'Copertura del servizio',
};

/** The key of `table` whose label (or key) is `text`, case-insensitively; null if none. */
export function fromLabel<K extends string>(table: Record<K, string>, text: unknown): K | null {
  if (typeof text !== 'string') return null;
  const t = text.trim().toLowerCase();
  for (const key of Object.keys(table) as K[]) {
    if (key.toLowerCase() === t || table[key].toLowerCase() === t) return key;
  }
  return null;
}

/** "1 giornata", "3 giornate", "nessuna giornata": a count with its noun in the right number. */
export function countIt(n: number, one: string, many: string, none?: string): string {
  if (n === 0 && none !== undefined) return none;
  return `${n} ${n === 1 ? one : many}`;
}

/** What each status means, for people who meet "respinta" and "rifiutata" for the first time. */
export const STATUS_HELP: Record<DayStatus, string> = {
  refused: 'respinta subito dalle regole (limiti, accordo, festività…); non conta nei limiti',
  pending: 'in attesa della decisione del responsabile; conta già nei limiti',
  approved: 'approvata dal responsabile',
  rejected: 'rifiutata dal responsabile con una motivazione; non conta nei limiti',
  cancelled: 'annullata; non conta più nei limiti',
};

/** "1.234": thousands grouped the Italian way (no Intl: the same everywhere the code runs). */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}
