// Free text people type (a note, a reason): kept as typed, up to a limit that leaves room in a
// Sheets cell (50,000 characters) and in a mail, and refused beyond it with a clear message
// rather than cut silently.
import { groupDigits } from '../domain/labels';
import { fail, type Failure } from './result';

export const MAX_FREE_TEXT = 1000;

/** The text as typed, or INVALID_INPUT naming the field and how long it is. */
export function freeText(value: unknown, field: string): { ok: true; text: string } | Failure {
  if (value === undefined || value === null) return { ok: true, text: '' };
  if (typeof value !== 'string') return fail('INVALID_INPUT', `${field}: deve essere un testo.`);
  const text = value;
  if (text.length > MAX_FREE_TEXT)
    return fail(
      'INVALID_INPUT',
      `${field}: al massimo ${groupDigits(MAX_FREE_TEXT)} caratteri (ne ha ${groupDigits(text.length)}).`,
    );
  return { ok: true, text };
}
