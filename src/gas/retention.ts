// Retention: an agreement and its notices to the Ministry are kept RETENTION_YEARS after the
// agreement ended, then deleted (src/domain/agreement-lifecycle.ts pastRetention): its rows of
// Accordi and Comunicazioni go in ONE atomic write with a change-log line each, and its document
// and signed PDF go to the Drive trash (Drive empties it after 30 days). Run by the owner's daily
// work, holding the lock; a run that stops half way is done again the next day.
import { pastRetention, RETENTION_YEARS } from '../domain/agreement-lifecycle';
import { toRomeLocal } from '../domain/rome-time';
import type { AuditEntry } from '../app/ports';
import { nowLocal } from './chain-state';
import type { SheetsRegister, SheetRowsChange } from './register';
import { agreementsFromRows, columnsOf, noticeReceiptsFromRows, staffFactsFromRows } from './rows';
import { normaliseEmail } from '../domain/model';

/** A Drive file id from a link Agorà wrote (…/d/ID/…). */
const fileIdOf = (url: string) => /\/d\/([\w-]{10,})/.exec(url)?.[1] ?? null;

export function applyRetention(register: SheetsRegister, by: string): number {
  const today = toRomeLocal(Date.now()).date;
  const v = register.sheetValues(['agreements', 'employees']);
  const notices = register.hasSheet('notices') ? register.sheetValues(['notices']).notices : null;
  const staff = staffFactsFromRows(v.employees, today).staff;
  const disabled = new Set([...staff.values()].filter((s) => s.disabled).map((s) => s.email));
  // Every row of Accordi, even of people no longer in Dipendenti: those are the oldest.
  const column = columnsOf('agreements', v.agreements[0] ?? []).employee;
  const everyone = new Set(v.agreements.slice(1).map((r) => normaliseEmail(r[column]) ?? ''));
  const { records } = agreementsFromRows(v.agreements, everyone, disabled);
  const due = records.filter((r) => pastRetention(r.life, today, disabled.has(r.agreement.employee)));
  if (!due.length) return 0;
  for (const r of due)
    for (const url of [r.document, r.signedPdf]) {
      const id = fileIdOf(url);
      if (!id) continue;
      try {
        DriveApp.getFileById(id).setTrashed(true);
      } catch {
        // already gone: nothing to delete
      }
    }
  const audit: AuditEntry[] = due.map((r) => ({
    at: nowLocal(),
    by,
    action: 'agreement',
    dayId: '',
    employee: r.agreement.employee,
    date: r.agreement.from,
    from: '',
    to: '',
    detail: `Accordo ${r.key}: eliminato con le sue comunicazioni, ${RETENTION_YEARS} anni dopo la fine (conservazione).`,
  }));
  const changes: SheetRowsChange[] = [
    { key: 'agreements', values: v.agreements, update: [], append: [], remove: due.map((r) => r.row) },
  ];
  if (notices) {
    const prefixes = due.map((r) => `${r.agreement.employee}/${r.agreement.from}/`);
    const rows = [...noticeReceiptsFromRows(notices)]
      .filter(([id]) => prefixes.some((p) => id.startsWith(p)))
      .map(([, n]) => n.row);
    changes.push({ key: 'notices', values: notices, update: [], append: [], remove: rows });
  }
  register.commit({ audit }, changes);
  return due.length;
}
