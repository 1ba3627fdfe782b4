// The tamper-evident change log. Each line carries two SHA-256 fingerprints:
// - «Impronta giornata»: of the whole day row the line wrote (every column Agorà writes but the
//   calendar event id, which the calendar job records outside the lock and rebuilds anyway);
// - «Impronta»: of the previous line's «Impronta», all the line's fields and its «Impronta
//   giornata», so that changing, removing or inserting any line breaks every later link.
// The head of the chain is also kept where only the owner's code writes (the script properties)
// and sent in HR's daily digest: rewriting the whole chain from a point on shows there too.
// Pure: the digest function is given (Utilities.computeDigest in Apps Script).
import type { AuditEntry, DayRecord, RowProblem } from '../app/ports';

/** SHA-256 of a text (UTF-8), as 64 lowercase hex digits. */
export type Digest = (text: string) => string;

/** The link before the first line ever written. */
export const GENESIS = '';

/** A line of the change log as read back, with its fingerprints and sheet row. */
export interface ChainedLine {
  row: number;
  entry: AuditEntry;
  dayDigest: string;
  hash: string;
}

/**
 * The canonical text of a day: its fields in a fixed order. Text fields are trimmed as the
 * register reads them back (a cell's surrounding spaces are not part of what a day says).
 */
export function dayText(d: DayRecord): string {
  const t = (s: string) => s.trim();
  return JSON.stringify([
    t(d.id),
    t(d.requestId),
    t(d.employee),
    t(d.date),
    t(d.location),
    t(d.note),
    d.status,
    d.violations.map((v) => [v.rule, v.severity, t(v.message)]),
    t(d.submittedAt),
    t(d.decidedBy),
    t(d.decidedAt),
    t(d.reason),
  ]);
}

export function dayDigestOf(d: DayRecord | undefined, digest: Digest): string {
  return d ? digest(dayText(d)) : '';
}

/** The fingerprint of a line, linked to `previous`. */
export function lineHash(previous: string, e: AuditEntry, dayDigest: string, digest: Digest): string {
  const t = (s: string) => s.trim();
  return digest(
    JSON.stringify([
      previous,
      t(e.at),
      t(e.by),
      e.action,
      t(e.dayId),
      t(e.employee),
      t(e.date),
      e.from,
      e.to,
      t(e.detail),
      dayDigest,
    ]),
  );
}

/** Fingerprints for new lines appended after `head`; returns them and the new head. */
export function chainLines(
  head: string,
  lines: readonly { entry: AuditEntry; day?: DayRecord }[],
  digest: Digest,
): { fingerprints: { dayDigest: string; hash: string }[]; head: string } {
  let previous = head;
  const fingerprints = lines.map(({ entry, day }) => {
    const dayDigest = dayDigestOf(day, digest);
    previous = lineHash(previous, entry, dayDigest, digest);
    return { dayDigest, hash: previous };
  });
  return { fingerprints, head: previous };
}

/**
 * Walks the chain from `start` (the last archived line's fingerprint, or GENESIS): every line
 * whose fingerprint is not what its fields and the line before give is a break. Returns the
 * breaks and the fingerprint the walk ends on (the sheet's head).
 */
export function verifyChain(
  lines: readonly ChainedLine[],
  start: string,
  digest: Digest,
  sheet: string,
): { problems: RowProblem[]; head: string } {
  const problems: RowProblem[] = [];
  let previous = start;
  for (const line of lines) {
    const expected = lineHash(previous, line.entry, line.dayDigest, digest);
    if (expected !== line.hash)
      problems.push({
        sheet,
        row: line.row,
        reason: line.hash
          ? 'La catena delle impronte si interrompe qui: questa riga, o una prima di lei, è stata modificata, tolta o aggiunta a mano.'
          : 'Riga senza impronta: aggiunta a mano?',
      });
    // Go on from what the line says, so that one break is reported once, not on every later line
    // (a line without a fingerprint is skipped over).
    if (line.hash) previous = line.hash;
  }
  return { problems, head: previous };
}

/**
 * Every column of every day against the last line that wrote it: a day whose fingerprint is not
 * the one its last line recorded was changed by hand (or its line was).
 */
export function verifyDays(
  days: readonly DayRecord[],
  lines: readonly ChainedLine[],
  digest: Digest,
  sheet: string,
  rowOf: (dayId: string) => number,
): RowProblem[] {
  const last = new Map<string, ChainedLine>();
  for (const line of lines) if (line.entry.dayId && line.dayDigest) last.set(line.entry.dayId, line);
  const problems: RowProblem[] = [];
  for (const day of days) {
    const line = last.get(day.id);
    if (line && line.dayDigest !== dayDigestOf(day, digest))
      problems.push({
        sheet,
        row: rowOf(day.id),
        reason: `Giornata ${day.id} (${day.employee}, ${day.date}) diversa da come l\u2019ha scritta la riga ${line.row} del registro modifiche: modificata a mano.`,
      });
  }
  return problems;
}
