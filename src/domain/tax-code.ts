// The Italian tax code (codice fiscale) of a person: 16 characters, surname (3) name (3) birth
// year (2) month letter (1) day (2, +40 for women) birth place (4: the cadastral code of the
// comune, or Z + country) and a check letter, as set by D.M. 23 dicembre 1976 (art. 7 and its
// tables). When two people would share a code, digits are replaced by letters from the end
// ("omocodia": 0-9 → L M N P Q R S T U V), and the check letter is computed on the result.
// Used to validate the staff records imported from payroll and the Ministry notice's fields.
import { makeDate, parseIsoDate, type IsoDate } from './dates';

const MONTH_LETTERS = 'ABCDEHLMPRST';
const OMOCODIA_LETTERS = 'LMNPQRSTUV';
/** Positions (0-based) that hold digits, unless replaced for omocodia. */
const DIGIT_POSITIONS = [6, 7, 9, 10, 12, 13, 14];
/** Value of a character in an odd position (1st, 3rd…), by character: D.M. 23/12/1976, table. */
const ODD_VALUES: Readonly<Record<string, number>> = (() => {
  const byIndex = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
  ];
  const out: Record<string, number> = {};
  for (let i = 0; i < 26; i++) out[String.fromCharCode(65 + i)] = byIndex[i];
  for (let d = 0; d < 10; d++) out[String(d)] = byIndex[d];
  return out;
})();

function evenValue(c: string): number {
  return c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 65;
}

/** The check letter of the first 15 characters (upper case). */
export function taxCodeCheckLetter(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15[i];
    // Positions count from 1: the 1st, 3rd… are odd (index 0, 2…).
    sum += i % 2 === 0 ? (ODD_VALUES[c] ?? 0) : evenValue(c);
  }
  return String.fromCharCode(65 + (sum % 26));
}

const SHAPE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

export interface TaxCodeFacts {
  /** The code, upper case, as given. */
  code: string;
  /** Birth date; the century is the latest that is not after `today`. */
  birthDate: IsoDate;
  gender: 'F' | 'M';
  /** Cadastral code of the comune of birth (e.g. B819 Carpi), or Z… for a country abroad. */
  birthPlace: string;
}

/** The code with omocodia letters turned back into digits. */
function withDigits(code: string): string {
  const chars = code.split('');
  for (const p of DIGIT_POSITIONS) {
    const i = OMOCODIA_LETTERS.indexOf(chars[p]);
    if (i >= 0) chars[p] = String(i);
  }
  return chars.join('');
}

/**
 * Reads a tax code: null with the reason (Italian, for HR) when it is not one. `today` decides
 * the century of the two-digit birth year.
 */
export function parseTaxCode(
  input: string,
  today: IsoDate,
): { ok: true; facts: TaxCodeFacts } | { ok: false; message: string } {
  const code = input.trim().toUpperCase();
  if (code.length !== 16)
    return { ok: false, message: `Il codice fiscale deve avere 16 caratteri (ne ha ${code.length}).` };
  if (!SHAPE.test(code)) return { ok: false, message: `«${code}» non ha la forma di un codice fiscale.` };
  const check = taxCodeCheckLetter(code.slice(0, 15));
  if (check !== code[15])
    return {
      ok: false,
      message: `Il carattere di controllo di «${code}» non torna (atteso ${check}): c’è un errore di battitura.`,
    };
  const plain = withDigits(code);
  const yy = Number(plain.slice(6, 8));
  const month = MONTH_LETTERS.indexOf(plain[8]) + 1;
  const dayCode = Number(plain.slice(9, 11));
  const gender = dayCode > 40 ? 'F' : 'M';
  const day = dayCode > 40 ? dayCode - 40 : dayCode;
  const thisYear = Number(today.slice(0, 4));
  let year = Math.floor(thisYear / 100) * 100 + yy;
  if (year > thisYear) year -= 100;
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!parseIsoDate(iso) || iso > today)
    return { ok: false, message: `La data di nascita contenuta in «${code}» non esiste.` };
  return {
    ok: true,
    facts: { code, birthDate: makeDate(year, month, day), gender, birthPlace: plain.slice(11, 15) },
  };
}

const VOWELS = /[AEIOU]/g;
const CONSONANTS = /[B-DF-HJ-NP-TV-Z]/g;

function letters(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

/** Three letters of a surname: its consonants, then its vowels, then X. */
function surnamePart(surname: string): string {
  const l = letters(surname);
  return `${(l.match(CONSONANTS) ?? []).join('')}${(l.match(VOWELS) ?? []).join('')}XXX`.slice(0, 3);
}

/** Three letters of a first name: with four consonants or more, the 1st, 3rd and 4th. */
function namePart(name: string): string {
  const l = letters(name);
  const c = (l.match(CONSONANTS) ?? []).join('');
  if (c.length >= 4) return c[0] + c[2] + c[3];
  return `${c}${(l.match(VOWELS) ?? []).join('')}XXX`.slice(0, 3);
}

/**
 * The tax code of a person from their facts (without omocodia, which only the Agenzia delle
 * Entrate assigns): for generating test and demo records, and to suggest one to HR.
 */
export function taxCodeOf(p: {
  surname: string;
  firstName: string;
  birthDate: IsoDate;
  gender: 'F' | 'M';
  birthPlace: string;
}): string {
  const [y, m, d] = p.birthDate.split('-').map(Number);
  const day = String(p.gender === 'F' ? d + 40 : d).padStart(2, '0');
  const first15 = `${surnamePart(p.surname)}${namePart(p.firstName)}${String(y % 100).padStart(2, '0')}${MONTH_LETTERS[m - 1]}${day}${p.birthPlace.toUpperCase()}`;
  return first15 + taxCodeCheckLetter(first15);
}
