// Detects changes made by hand to the days sheet: every change Agorà makes is also a line of
// the append-only change log, so a row whose state differs from what the log says, a row the
// log never saw, or a logged day whose row is gone, was edited outside the checked path.
import { STATUS_LABELS } from '../domain/labels';
import type { AuditEntry, DayRecord, RowProblem } from './ports';

export function findHandEdits(
  days: readonly DayRecord[],
  audit: readonly AuditEntry[],
  sheetName: string,
  rowOf: (dayId: string) => number = () => 0,
): RowProblem[] {
  const lastStatus = new Map<string, AuditEntry>();
  for (const entry of audit) if (entry.dayId && entry.to) lastStatus.set(entry.dayId, entry);
  // Who and when a day is never changes after submission: the log's last line for the day
  // carries them too, so a row moved to another date or person shows up.
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  for (const day of days) {
    const logged = lastStatus.get(day.id);
    const what = `Giornata ${day.id} (${day.employee}, ${day.date})`;
    if (seen.has(day.id)) {
      problems.push({
        sheet: sheetName,
        row: rowOf(day.id),
        reason: `${what} compare più volte: riga copiata a mano?`,
      });
      continue;
    }
    seen.add(day.id);
    if (!logged) {
      problems.push({
        sheet: sheetName,
        row: rowOf(day.id),
        reason: `${what} assente dal registro modifiche: aggiunta a mano?`,
      });
    } else if (logged.employee !== day.employee || logged.date !== day.date) {
      problems.push({
        sheet: sheetName,
        row: rowOf(day.id),
        reason: `${what}: il registro modifiche la registra per ${logged.employee}, ${logged.date} (modificata a mano).`,
      });
    } else if (logged.to !== day.status) {
      const expected = logged.to ? STATUS_LABELS[logged.to] : '';
      problems.push({
        sheet: sheetName,
        row: rowOf(day.id),
        reason: `${what}: lo stato è «${STATUS_LABELS[day.status]}» ma il registro modifiche dice «${expected}» (modificata a mano).`,
      });
    }
  }
  for (const [id, entry] of lastStatus) {
    if (!seen.has(id)) {
      problems.push({
        sheet: sheetName,
        row: 0,
        reason: `Giornata ${id} (${entry.employee}, ${entry.date}) presente nel registro modifiche ma non nel foglio: cancellata a mano?`,
      });
    }
  }
  return problems;
}
