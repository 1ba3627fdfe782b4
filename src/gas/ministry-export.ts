// The batch of notices to the Ministry of Labour (docs/ministry-notice.md): one row per
// agreement event, in the data model's columns, written to «Agorà — Comunicazioni al Ministero»
// in Agorà's Drive folder (HR downloads it as .xlsx) and as comunicazioni-ministero.csv beside
// it. Each row says what it still lacks, so HR completes the staff records before sending.
import { toCsv } from '../domain/csv';
import { formatDayIt, type IsoDate } from '../domain/dates';
import { signedOnOf } from '../domain/agreement-lifecycle';
import {
  agreementNotices,
  missingFields,
  NOTICE_COLUMNS,
  NOTICE_LABELS,
  noticeRow,
  noticesToRemind,
  type Notice,
  type WorkerFacts,
} from '../domain/ministry';
import { toRomeLocal } from '../domain/rome-time';
import { folderSpreadsheet, agoraFolder } from './drive-files';
import { requireOwner } from './owner';
import { SheetsRegister } from './register';
import { gasLock, registerSpreadsheet } from './runtime';
import {
  agreementsFromRows,
  blankRow,
  columnsOf,
  layOut,
  noticeReceiptsFromRows,
  organisationsFromRows,
  peopleFromRows,
  RegisterError,
  staffFactsFromRows,
} from './rows';
import { dateToCell } from './cells';
import { SHEETS } from './schema';

export const MINISTRY_EXPORT_NAME = 'Agorà — Comunicazioni al Ministero';
export const MINISTRY_CSV_NAME = 'comunicazioni-ministero.csv';
const EXPORT_PROPERTY = 'agora.ministryExport';

export interface MinistryExport {
  /** The header row, then one row per notice. */
  rows: string[][];
  csv: string;
  spreadsheetId: string;
  csvFileId: string;
  /** Notices that cannot be sent yet, with what they lack. */
  incomplete: { employee: string; notice: string; missing: string[] }[];
}

const NO_WORKER: WorkerFacts = {
  taxCode: '',
  surname: '',
  firstName: '',
  birthDate: null,
  birthPlace: '',
  employmentStart: null,
  employmentType: '',
  inailPat: '',
  inailRate: '',
};

/**
 * The notices of the agreements in the register (src/domain/ministry.ts agreementNotices): start,
 * change of a period already notified, withdrawal, or cancellation of an agreement withdrawn
 * before it began; each with the period it carries and whether it is needed at all.
 */
export function noticesOf(register: SheetsRegister, today: IsoDate) {
  const v = register.sheetValues(['employees', 'organisations', 'agreements']);
  const staff = staffFactsFromRows(v.employees, today).staff;
  const organisations = organisationsFromRows(v.organisations).organisations;
  const disabled = new Set([...staff.values()].filter((s) => s.disabled).map((s) => s.email));
  const { agreements, withdrawals } = agreementsFromRows(v.agreements, new Set(staff.keys()), disabled);
  const recorded = register.hasSheet('notices')
    ? noticeReceiptsFromRows(register.sheetValues(['notices']).notices)
    : new Map<string, never>();
  const out: { notice: Notice; row: string[]; period: string; skip: boolean }[] = [];
  for (const a of agreements) {
    const signedOn = signedOnOf(a.signedByEmployee, a.signedByManager);
    if (!signedOn) continue; // not an agreement yet: nothing to notify
    const worker = staff.get(a.employee);
    const employer = worker ? organisations.get(worker.organisation) : undefined;
    const withdrawal = withdrawals.find((w) => w.employee === a.employee && w.from === a.from);
    const id = `${a.employee}/${a.from}`;
    // The period as signed; a withdrawal is its own notice, ending the period.
    const to = withdrawal ? withdrawal.signedTo : a.to;
    const facts = { id, signedOn, from: a.from, to };
    const notices = agreementNotices(
      {
        id,
        employee: a.employee,
        from: a.from,
        to,
        withdrawal: withdrawal ? { noticeDate: today, effective: withdrawal.effective } : null,
      },
      recorded,
      today,
    );
    for (const { notice, period, skip } of notices)
      out.push({
        notice,
        period,
        skip,
        row: noticeRow(
          notice,
          { taxCode: employer?.taxCode ?? '', name: employer?.legalName ?? worker?.organisation ?? '' },
          worker ?? NO_WORKER,
          facts,
          '',
        ),
      });
  }
  return out;
}

/**
 * The notices of today's register added to Comunicazioni (by id: once each), where HR records
 * the Ministry's code of each one sent. Returns the notices with what HR recorded; those no
 * longer needed (an agreement cancelled before its start was ever sent) are left out.
 */
export function syncNotices(register: SheetsRegister): {
  notices: { notice: Notice; row: string[]; receipt: string }[];
} {
  const today = toRomeLocal(Date.now()).date;
  const all = noticesOf(register, today);
  const notices = all.filter((n) => !n.skip);
  if (!register.hasSheet('notices')) return { notices: notices.map((n) => ({ ...n, receipt: '' })) };
  const values = register.sheetValues(['notices']).notices;
  const recorded = noticeReceiptsFromRows(values);
  const col = columnsOf('notices', values[0] ?? []);
  const base = blankRow(values[0]?.length ?? 0);
  const missing = notices
    .filter((n) => !recorded.has(n.notice.id))
    .map((n) =>
      layOut(
        col,
        {
          id: n.notice.id,
          employee: n.notice.employee,
          kind: NOTICE_LABELS[n.notice.kind],
          eventDate: dateToCell(n.notice.eventDate),
          due: dateToCell(n.notice.due),
          period: n.period,
        },
        base,
      ),
    );
  register.appendRows('notices', values, missing);
  const receipts = new Map([...recorded].map(([id, r]) => [id, r.receipt]));
  return {
    notices: notices.map((n) => {
      // A change, cancellation or withdrawal names the code of the start's communication.
      const start = all.find(
        (m) => m.notice.kind === 'start' && m.notice.agreementId === n.notice.agreementId,
      );
      const row = n.row.slice();
      if (n.notice.kind !== 'start') row[row.length - 1] = (start && receipts.get(start.notice.id)) ?? '';
      return { ...n, row, receipt: receipts.get(n.notice.id) ?? '' };
    }),
  };
}

/** Notices to send whose deadline is within two days or past: for HR's daily mail. */
export function noticeReminders(register: SheetsRegister): string[] {
  const today = toRomeLocal(Date.now()).date;
  const open = syncNotices(register).notices.filter((n) => !n.receipt);
  return noticesToRemind(
    open.map((n) => n.notice),
    today,
  ).map(
    (n) =>
      `• ${n.employee}: ${NOTICE_LABELS[n.kind]} dal ${formatDayIt(n.eventDate)}, entro ${formatDayIt(n.due)}`,
  );
}

/** Writes the batch of notices not sent yet (the owner's rights): the Sheet and the CSV. */
export function exportMinistryNotices(register: SheetsRegister): MinistryExport {
  if (!register.hasSheet('organisations'))
    throw new RegisterError(`Manca il foglio «${SHEETS.organisations.name}»: esegui la configurazione.`);
  const notices = syncNotices(register).notices.filter((n) => !n.receipt);
  const rows = [NOTICE_COLUMNS.map(([, header]) => header as string), ...notices.map((n) => n.row)];
  const csv = toCsv(rows);
  const props = PropertiesService.getScriptProperties();
  const admins = peopleFromRows(register.sheetValues(['people']).people).admins;
  const ss = folderSpreadsheet(
    MINISTRY_EXPORT_NAME,
    props.getProperty(EXPORT_PROPERTY),
    (id) => props.setProperty(EXPORT_PROPERTY, id),
    admins,
  );
  const sheet = ss.getSheets()[0];
  sheet.clearContents();
  // Every cell text: tax codes, PAT and dd/mm/yyyy dates stay as the Ministry reads them.
  sheet.getRange(1, 1, rows.length, rows[0].length).setNumberFormat('@').setValues(rows);
  sheet.setFrozenRows(1);
  const folder = agoraFolder();
  const previous = folder.getFilesByName(MINISTRY_CSV_NAME);
  while (previous.hasNext()) previous.next().setTrashed(true);
  const csvFile = folder.createFile(MINISTRY_CSV_NAME, csv, 'text/csv');
  return {
    rows,
    csv,
    spreadsheetId: ss.getId(),
    csvFileId: csvFile.getId(),
    incomplete: notices
      .map((n) => ({
        employee: n.notice.employee,
        notice: `${NOTICE_LABELS[n.notice.kind]} dal ${n.notice.eventDate}`,
        missing: missingFields(n.row),
      }))
      .filter((x) => x.missing.length),
  };
}

/** The entry point: the owner, holding the script lock. */
export function exportMinistryNow(): MinistryExport {
  requireOwner('Comunicazioni al Ministero');
  return gasLock.withLock(() => exportMinistryNotices(new SheetsRegister(registerSpreadsheet())));
}
