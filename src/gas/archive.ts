// The yearly archive: closed months leave the live register for one spreadsheet per year in
// Agorà's Drive folder, the owner's, that HR can view. The live register then holds the open
// months only, so that what an operation reads does not grow with the years.
//
// The job is run by the owner's periodic trigger, holding the script lock, step by step (a step:
// the closed months of one year, archive-plan.ts), and can be interrupted anywhere:
//   1. copy: the rows the archive does not have yet are appended to it (found by their ids: a
//      copy interrupted halfway is completed, never doubled);
//   2. verify: the archive is read back, and the rows must all be there, once, equal to the live
//      ones (count and SHA-256 checksum): otherwise nothing is removed and the run stops;
//   3. remove: one atomic write deletes them from the live register and adds the carry lines.
// A run that stops anywhere leaves either the live rows (and perhaps their copy: step 1 of the
// next run finds it) or the verified archive without them: nothing lost, nothing twice.
import { liveFrom } from '../domain/archive';
import { countIt } from '../domain/labels';
import { toRomeLocal } from '../domain/rome-time';
import type { DayRecord } from '../app/ports';
import { carryLine, planArchive, type ArchivePlan } from './archive-plan';
import { cellToText, toCellData, type Cell } from './cells';
import { nowLocal, sha256Hex } from './chain-state';
import { folderSpreadsheet } from './drive-files';
import { SheetsRegister } from './register';
import { columnsOf, daysFromRows, peopleFromRows, RegisterError, sitesFromRows } from './rows';
import { normaliseHeader, SHEETS, type SheetKey } from './schema';

/** Script property: the archive spreadsheet of each year, `{ "2026": "<id>" }`. */
export const ARCHIVE_FILES_PROPERTY = 'agora.archiveFiles';
/** Rows per appendCells request: large copies go in several calls. */
const COPY_CHUNK = 2000;

export type ArchivedKey = 'days' | 'audit' | 'outbox';
export const ARCHIVED_SHEETS: readonly ArchivedKey[] = ['days', 'audit', 'outbox'];

export function archiveName(year: number): string {
  return `Agorà — Archivio ${year}`;
}

export interface ArchiveRun {
  /** False when the time ran out with closed months still to archive. */
  done: boolean;
  /** Days moved to the archive by this run. */
  archivedDays: number;
  /** Why closed months stay in the live register (days still waiting for a decision). */
  blocked?: string;
}

/**
 * Archives closed months for at most `budgetMs`. Call it as the owner, holding the script lock.
 */
export function archiveClosedMonths(register: SheetsRegister, budgetMs: number): ArchiveRun {
  const started = Date.now();
  const outOfTime = () => Date.now() - started > budgetMs;
  let archivedDays = 0;
  for (;;) {
    if (outOfTime()) return { done: false, archivedDays };
    const live = register.sheetValues(['days', 'audit', 'outbox', 'sites', 'people']);
    const sites = sitesFromRows(live.sites).sites;
    const next = planArchive(live, sites, liveFrom(toRomeLocal(Date.now()).date));
    if (next.kind === 'none') return { done: true, archivedDays };
    if (next.kind === 'blocked')
      return {
        done: true,
        archivedDays,
        blocked: `Il mese ${next.month} non si può archiviare: ${countIt(next.pending, 'giornata è', 'giornate sono')} ancora in attesa di decisione. Approvale, rifiutale o annullale.`,
      };
    const plan = next.plan;
    const archive = openArchive(plan.year, peopleFromRows(live.people).admins);
    const rows = rowsOf(live, plan);
    if (!copy(archive, live, rows, outOfTime)) return { done: false, archivedDays };
    verify(archive, live, rows);
    const days = new Map(daysFromRows(live.days, sites).days.map((d) => [d.id, d]));
    const at = nowLocal();
    const owner = Session.getEffectiveUser().getEmail().toLowerCase();
    register.removeArchived(
      live,
      plan,
      plan.carry.map((d) => ({ entry: carryLine(d, at, owner, plan.to), day: days.get(d.id) as DayRecord })),
    );
    archivedDays += plan.dayRows.length;
  }
}

/** The live rows a step moves, by sheet. */
function rowsOf(live: Record<ArchivedKey, Cell[][]>, plan: ArchivePlan): Record<ArchivedKey, Cell[][]> {
  return {
    days: plan.dayRows.map((r) => live.days[r - 1]),
    audit: live.audit.slice(1, 1 + plan.lines),
    outbox: plan.mailRows.map((r) => live.outbox[r - 1]),
  };
}

/** What identifies a row in the archive: the day or mail id, the line's fingerprint. */
function identity(key: ArchivedKey, header: readonly Cell[], row: readonly Cell[]): string {
  const col = columnsOf(key, header);
  const id = cellToText(row[key === 'audit' ? col.hash : col.id]);
  return id || JSON.stringify(row.map(canonical));
}

function canonical(cell: Cell | undefined): string | number | boolean {
  if (cell === undefined || cell === null) return '';
  if (Object.prototype.toString.call(cell) === '[object Date]') return `date:${(cell as Date).getTime()}`;
  return cell as string | number | boolean;
}

/** A live row laid out along the archive's header (columns matched by header). */
function along(archiveHeader: readonly Cell[], liveHeader: readonly Cell[], row: readonly Cell[]): Cell[] {
  const index = new Map(liveHeader.map((h, i) => [normaliseHeader(h), i]));
  return archiveHeader.map((h) => {
    const i = index.get(normaliseHeader(h));
    return i === undefined ? '' : (row[i] ?? '');
  });
}

/** Appends the rows the archive lacks; false if the time ran out before the end. */
function copy(
  archive: GoogleAppsScript.Spreadsheet.Spreadsheet,
  live: Record<ArchivedKey, Cell[][]>,
  rows: Record<ArchivedKey, Cell[][]>,
  outOfTime: () => boolean,
): boolean {
  const present = new SheetsRegister(archive).sheetValues(ARCHIVED_SHEETS);
  for (const key of ARCHIVED_SHEETS) {
    const header = present[key][0] ?? [];
    const have = new Set(present[key].slice(1).map((r) => identity(key, header, r)));
    const missing = rows[key]
      .map((r) => along(header, live[key][0], r))
      .filter((r) => !have.has(identity(key, header, r)));
    const sheetId = archive.getSheetByName(SHEETS[key].name)?.getSheetId();
    const kinds = columnKinds(key, header);
    for (let i = 0; i < missing.length; i += COPY_CHUNK) {
      if (outOfTime()) return false;
      const chunk = missing.slice(i, i + COPY_CHUNK);
      Sheets?.Spreadsheets?.batchUpdate(
        {
          requests: [
            {
              appendCells: {
                sheetId,
                rows: chunk.map((r) => ({
                  values: r.map((cell, c) => toCellData(cell, kinds[c] ?? 'text')),
                })),
                fields: 'userEnteredValue,userEnteredFormat.numberFormat',
              },
            },
          ],
        },
        archive.getId(),
      );
    }
  }
  return true;
}

/** Every row once in the archive, equal to the live one: count and checksum, else an error. */
function verify(
  archive: GoogleAppsScript.Spreadsheet.Spreadsheet,
  live: Record<ArchivedKey, Cell[][]>,
  rows: Record<ArchivedKey, Cell[][]>,
): void {
  const present = new SheetsRegister(archive).sheetValues(ARCHIVED_SHEETS);
  for (const key of ARCHIVED_SHEETS) {
    const header = present[key][0] ?? [];
    const found = new Map<string, Cell[][]>();
    for (const r of present[key].slice(1)) {
      const id = identity(key, header, r);
      found.set(id, [...(found.get(id) ?? []), r]);
    }
    const expected = rows[key].map((r) => along(header, live[key][0], r));
    const copies = expected.map((r) => found.get(identity(key, header, r)) ?? []);
    const text = (list: readonly Cell[][]) => list.map((r) => JSON.stringify(r.map(canonical))).join('\n');
    const count = copies.filter((c) => c.length === 1).length;
    const same = sha256Hex(text(expected)) === sha256Hex(text(copies.map((c) => c[0] ?? [])));
    if (count !== expected.length || !same)
      throw new RegisterError(
        `Archiviazione interrotta: nel foglio «${SHEETS[key].name}» di «${archive.getName()}» ${count} righe su ${expected.length} corrispondono a quelle del registro. Nulla è stato tolto dal registro.`,
      );
  }
}

function columnKinds(
  key: SheetKey,
  header: readonly Cell[],
): Record<number, 'date' | 'datetime' | 'number' | 'text'> {
  const col = columnsOf(key, header);
  const kinds: Record<number, 'date' | 'datetime' | 'number' | 'text'> = {};
  for (const c of SHEETS[key].columns as readonly { key: string; kind: string }[])
    if (col[c.key] >= 0)
      kinds[col[c.key]] = c.kind === 'date' || c.kind === 'datetime' || c.kind === 'number' ? c.kind : 'text';
  return kinds;
}

/**
 * The archive of `year`: the one recorded, one of that name in Agorà's folder (made by a run
 * interrupted before recording it), or a new one, with its three sheets and HR as viewers.
 */
export function openArchive(
  year: number,
  admins: readonly string[],
): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const props = PropertiesService.getScriptProperties();
  const files = JSON.parse(props.getProperty(ARCHIVE_FILES_PROPERTY) ?? '{}') as Record<string, string>;
  const ss = folderSpreadsheet(
    archiveName(year),
    files[String(year)] ?? null,
    (id) => props.setProperty(ARCHIVE_FILES_PROPERTY, JSON.stringify({ ...files, [year]: id })),
    admins,
  );
  ensureArchiveSheets(ss);
  return ss;
}

/** The archive's three sheets with the register's headers; the first default sheet reused. */
function ensureArchiveSheets(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  for (const key of ARCHIVED_SHEETS) {
    const name = SHEETS[key].name;
    let sheet = ss.getSheetByName(name);
    if (!sheet) {
      const sheets = ss.getSheets();
      const blank =
        sheets.length === 1 &&
        sheets[0].getLastRow() === 0 &&
        !ARCHIVED_SHEETS.some((k) => SHEETS[k].name === sheets[0].getName());
      sheet = blank ? sheets[0].setName(name) : ss.insertSheet(name);
    } else if (sheet.getLastRow() > 0) continue;
    // A new sheet, or one a run interrupted before its header: the header now.
    const header = SHEETS[key].columns.map((c) => c.header);
    sheet.getRange(1, 1, 1, header.length).setValues([header]);
    sheet.setFrozenRows(1);
  }
}

/** The archived days of a year, for reports and exports (empty when there is no archive). */
export function readArchivedDays(year: number): DayRecord[] {
  const files = JSON.parse(
    PropertiesService.getScriptProperties().getProperty(ARCHIVE_FILES_PROPERTY) ?? '{}',
  ) as Record<string, string>;
  const id = files[String(year)];
  if (!id) return [];
  const values = new SheetsRegister(SpreadsheetApp.openById(id)).sheetValues(['days']);
  return daysFromRows(values.days, []).days;
}
