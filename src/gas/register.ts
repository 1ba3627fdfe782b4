// The register: the only code that reads and writes the spreadsheet's data sheets.
// One batched read per sheet an operation needs, one batched write per sheet it changes.
// What the cells mean (rows ⇄ records, broken rows as problems) is rows.ts, pure; this is the I/O.
import { addDays, type IsoDate } from '../domain/dates';
import { fromRomeLocal } from '../domain/rome-time';
import { normaliseEmail, type Site } from '../domain/model';
import type { Policy } from '../domain/policy';
import type {
  AuditEntry,
  DayRecord,
  RegisterChange,
  RegisterPort,
  RegisterSnapshot,
  RowProblem,
} from '../app/ports';
import { cellToText, toCellData, type Cell } from './cells';
import { chainLines, GENESIS, type ChainedLine } from './chain';
import {
  nowLocal,
  readChainState,
  settlePending,
  sha256Hex,
  writeChainState,
  type ChainState,
  type LogEnds,
} from './chain-state';
import {
  auditFromRows,
  auditRow,
  blankRow,
  chainFromRows,
  columnsOf,
  dayRow,
  layOut,
  outboxCells,
  outboxFromRows,
  policyFromRows,
  type OutboxRow,
  type OutboxStatus,
  LOADED_SHEETS,
  placeNames,
  RegisterError,
  settingsFromRows,
  sitesFromRows,
  snapshotFromSheets,
  type Columns,
  type DeploymentSettings,
  type LoadedSheet,
  type PlaceNames,
} from './rows';
import { NO, SHEETS, YES, type SheetKey } from './schema';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

interface Table {
  sheet: Sheet;
  /** All values, header row included. */
  values: Cell[][];
  /** Column index (0-based) of each known key; -1 when the column is absent. */
  col: Columns;
}

/** Rows of a hand-kept sheet written with an operation's change (whole rows, along `values`). */
export interface SheetRowsChange {
  key: SheetKey;
  values: readonly Cell[][];
  update: readonly { row: number; cells: Cell[] }[];
  append: readonly Cell[][];
  /** Sheet rows (1-based, as in `values`) deleted. */
  remove?: readonly number[];
}

export class SheetsRegister implements RegisterPort {
  private readonly tables = new Map<SheetKey, Table>();
  /** Header rows of the sheets operations only append to, read with the other sheets. */
  private readonly headers = new Map<'audit' | 'outbox', Cell[]>();
  /** Sheet row (1-based) of each day id, from the last read of Giornate. */
  private rowOfDay = new Map<string, number>();
  /** Site names of the Sedi values last read, for «Luogo». */
  private placesOf: { values: Cell[][]; names: PlaceNames } | null = null;

  constructor(private readonly spreadsheet: Spreadsheet) {}

  load(): RegisterSnapshot {
    this.prefetch();
    const values = {} as Record<LoadedSheet, Cell[][]>;
    for (const key of LOADED_SHEETS) values[key] = this.table(key).values;
    const { snapshot, rowOfDay } = snapshotFromSheets(values);
    this.rowOfDay = rowOfDay;
    return snapshot;
  }

  /**
   * One operation's change in ONE call of the Sheets API (spreadsheets.batchUpdate, which Google
   * applies atomically): new days, changed days (only Agorà's columns, never HR's), the change-log
   * lines chained to the head (chain.ts), the outbox rows and an employee's preference. Around it,
   * the chain's journal in the script properties (chain-state.ts).
   */
  commit(change: RegisterChange, sheetRows: SheetRowsChange | readonly SheetRowsChange[] = []): void {
    const addDays = change.addDays ?? [];
    const updateDays = change.updateDays ?? [];
    const mail = change.mail ?? [];
    const sheetChanges = (Array.isArray(sheetRows) ? sheetRows : [sheetRows]) as readonly SheetRowsChange[];
    const rowsChanged = sheetChanges.some((c) => c.append.length || c.update.length || c.remove?.length);
    if (
      !addDays.length &&
      !updateDays.length &&
      !change.audit.length &&
      !mail.length &&
      !change.optIn &&
      !rowsChanged
    )
      return;
    const days = this.table('days');
    const places = this.places();
    const requests: object[] = [];

    // Rows of hand-kept sheets (an agreement's), laid out along `values` as read under the lock:
    // updated and appended, then removed bottom up (so the row numbers still hold).
    for (const c of sheetChanges) {
      const col = columnsOf(c.key, c.values[0] ?? []);
      for (const { row, cells } of c.update) requests.push(this.updateRequest(c.key, col, row, 0, [cells]));
      if (c.append.length) requests.push(this.appendRequest(c.key, col, c.append));
      const sheetId = this.sheet(c.key).getSheetId();
      for (const row of [...new Set(c.remove ?? [])].sort((a, b) => b - a))
        requests.push({
          deleteDimension: { range: { sheetId, dimension: 'ROWS', startIndex: row - 1, endIndex: row } },
        });
    }

    // Giornate: new rows after the last one; changed rows in their place.
    const dayBase = blankRow(days.values[0]?.length ?? 0);
    const newRows = addDays.map((d) => dayRow(days.col, d, places, dayBase));
    if (newRows.length) requests.push(this.appendRequest('days', days.col, newRows));
    const changedRows = updateDays.map((d) => {
      const row = this.rowOfDay.get(d.id);
      if (row === undefined)
        throw new RegisterError(`Giornata ${d.id} non trovata nel foglio «${SHEETS.days.name}».`);
      return { row, cells: dayRow(days.col, d, places, days.values[row - 1]) };
    });
    const mutable = new Set(['status', 'decidedBy', 'decidedAt', 'reason'].map((k) => days.col[k]));
    for (const { row, cells } of changedRows)
      for (const [c0, c1] of columnGroups(Math.min(...mutable), Math.max(...mutable), mutable))
        requests.push(this.updateRequest('days', days.col, row, c0, [cells.slice(c0, c1 + 1)]));

    // The change log, each line chained to the one before.
    const chain = this.chainState();
    const dayOf = new Map([...addDays, ...updateDays].map((d) => [d.id, d]));
    const { fingerprints, head } = chainLines(
      chain.head,
      change.audit.map((entry) => ({ entry, day: dayOf.get(entry.dayId) })),
      sha256Hex,
    );
    const auditCol = this.headerColumns('audit');
    const auditBase = blankRow(this.header('audit').length);
    const auditRows = change.audit.map((e, i) => auditRow(auditCol, e, auditBase, fingerprints[i]));
    if (auditRows.length) requests.push(this.appendRequest('audit', auditCol, auditRows));

    // The outbox: ids from the new head (unique, and the same if the write is retried).
    if (mail.length) {
      const outboxCol = this.headerColumns('outbox');
      const base = blankRow(this.header('outbox').length);
      const createdAt = change.audit[0]?.at ?? nowLocal();
      const prefix = (head || sha256Hex(JSON.stringify(mail))).slice(0, 16);
      const rows = mail.map((m, i) =>
        layOut(
          outboxCol,
          outboxCells({
            id: `${prefix}-${i + 1}`,
            createdAt,
            status: 'queued',
            sentAt: '',
            outcome: '',
            mail: m,
          }),
          base,
        ),
      );
      requests.push(this.appendRequest('outbox', outboxCol, rows));
    }

    // Dipendenti: the employee's own choice.
    if (change.optIn) {
      const employees = this.table('employees');
      const { email: emailCol, workingLocationOptIn: col } = employees.col;
      if (col < 0)
        throw new RegisterError(
          `Nel foglio «${SHEETS.employees.name}» manca la colonna della sede nel calendario.`,
        );
      const email = change.optIn.email;
      const r = employees.values.findIndex((row, i) => i > 0 && normaliseEmail(row[emailCol]) === email);
      if (r < 0) throw new RegisterError(`${email} non è nel foglio «${SHEETS.employees.name}».`);
      requests.push(
        this.updateRequest('employees', employees.col, r + 1, col, [[change.optIn.on ? YES : NO]]),
      );
    }

    const journal = change.audit.length;
    if (journal) writeChainState({ ...chain, pending: { head, lines: change.audit.length } });
    sheetsApi().Spreadsheets.batchUpdate({ requests }, this.spreadsheet.getId());
    if (journal)
      writeChainState({ ...chain, head, lines: chain.lines + change.audit.length, at: nowLocal() });

    // What this register read now includes the change (a later operation of the same execution).
    const first = days.values.length + 1;
    addDays.forEach((d, i) => this.rowOfDay.set(d.id, first + i));
    days.values.push(...newRows);
    for (const { row, cells } of changedRows) days.values[row - 1] = cells;
    if (change.optIn) this.tables.delete('employees');
    for (const c of sheetChanges) this.tables.delete(c.key);
  }

  /** The values of whole sheets, read now in one call (header row first, dates as Dates). */
  /**
   * Rewrites whole rows of a hand-kept sheet in ONE atomic batchUpdate: all of them land or none
   * does. `rows` are 1-based sheet rows laid out along `values` as read by sheetValues.
   */
  updateRows(
    key: SheetKey,
    values: readonly Cell[][],
    rows: readonly { row: number; cells: Cell[] }[],
  ): void {
    if (!rows.length) return;
    const col = columnsOf(key, values[0] ?? []);
    const requests = rows.map(({ row, cells }) => this.updateRequest(key, col, row, 0, [cells]));
    sheetsApi().Spreadsheets.batchUpdate({ requests }, this.spreadsheet.getId());
    this.tables.delete(key);
  }

  /** Appends rows (laid out along `values`' header) to a sheet in one atomic batchUpdate. */
  appendRows(key: SheetKey, values: readonly Cell[][], rows: readonly Cell[][]): void {
    if (!rows.length) return;
    sheetsApi().Spreadsheets.batchUpdate(
      { requests: [this.appendRequest(key, columnsOf(key, values[0] ?? []), rows)] },
      this.spreadsheet.getId(),
    );
    this.tables.delete(key);
  }

  /** Whether the register has the sheet (setup makes the ones a new version adds). */
  hasSheet(key: SheetKey): boolean {
    return this.spreadsheet.getSheetByName(SHEETS[key].name) !== null;
  }

  sheetValues<K extends SheetKey>(keys: readonly K[]): Record<K, Cell[][]> {
    for (const k of keys) this.tables.delete(k);
    this.prefetch(keys);
    const out = {} as Record<K, Cell[][]>;
    for (const k of keys) out[k] = this.table(k).values;
    return out;
  }

  /**
   * The live register's side of an archive step, in ONE atomic write after the archive's copy
   * was verified: the archived days, change-log prefix and sent mail removed (rows deleted, so
   * the sheets shrink), and the carry lines of the live days whose last line left, chained to
   * the head. The chain's journal records the new start (the last archived line's fingerprint).
   * `values` are the sheets as read for the plan, under the same lock.
   */
  removeArchived(
    values: Record<'days' | 'audit' | 'outbox', Cell[][]>,
    removal: { dayRows: number[]; lines: number; mailRows: number[]; lastHash: string },
    carry: readonly { entry: AuditEntry; day: DayRecord }[],
  ): void {
    const chain = this.chainState();
    const requests: object[] = [];
    const remove = (key: 'days' | 'audit' | 'outbox', rows: readonly number[]) => {
      if (!rows.length) return;
      const sheet = this.sheet(key);
      const sheetId = sheet.getSheetId();
      // Sheets refuses to delete every row that is not frozen: keep one.
      const spare = sheet.getMaxRows() - sheet.getFrozenRows() - rows.length;
      if (spare < 1) requests.push({ appendDimension: { sheetId, dimension: 'ROWS', length: 1 - spare } });
      // From the bottom up, so that each range still means the rows it was computed for.
      for (const [first, last] of runsOf(rows).reverse())
        requests.push({
          deleteDimension: { range: { sheetId, dimension: 'ROWS', startIndex: first - 1, endIndex: last } },
        });
    };
    remove('days', removal.dayRows);
    remove(
      'audit',
      Array.from({ length: removal.lines }, (_, i) => i + 2),
    );
    remove('outbox', removal.mailRows);
    const { fingerprints, head } = chainLines(chain.head, carry, sha256Hex);
    if (carry.length) {
      const col = columnsOf('audit', values.audit[0] ?? []);
      const base = blankRow(values.audit[0]?.length ?? 0);
      requests.push(
        this.appendRequest(
          'audit',
          col,
          carry.map((c, i) => auditRow(col, c.entry, base, fingerprints[i])),
        ),
      );
    }
    const start = removal.lines ? removal.lastHash : chain.start;
    // What the change log starts with afterwards: the first line kept, else the first carry line.
    const kept = values.audit.length - 1 - removal.lines;
    const firstKept =
      kept > 0 ? cellToText(values.audit[removal.lines + 1][columnsOf('audit', values.audit[0]).hash]) : '';
    const first = firstKept || (fingerprints[0]?.hash ?? GENESIS);
    writeChainState({ ...chain, pending: { head, lines: carry.length, start, first } });
    sheetsApi().Spreadsheets.batchUpdate({ requests }, this.spreadsheet.getId());
    writeChainState({ ...chain, head, lines: chain.lines + carry.length, start, at: nowLocal() });
    this.tables.clear();
    this.rowOfDay.clear();
  }

  /** The outbox as it is now (one read of Posta in uscita). */
  loadOutbox(): { rows: (OutboxRow & { row: number })[]; problems: RowProblem[] } {
    this.tables.delete('outbox');
    this.prefetch(['outbox']);
    return outboxFromRows(this.table('outbox').values);
  }

  /** The rules' parameters alone (one read of Configurazione). */
  loadPolicy(): Policy {
    this.prefetch(['config']);
    return policyFromRows(this.table('config').values).policy;
  }

  /**
   * Sets status, time sent and outcome of outbox rows read by the last loadOutbox, in one write.
   */
  markOutbox(
    updates: readonly { row: number; status: OutboxStatus; sentAt?: string; outcome?: string }[],
  ): void {
    if (!updates.length) return;
    const table = this.table('outbox');
    const { status, sentAt, outcome } = table.col;
    const requests = updates.map((u) => {
      const cells = outboxCells({
        id: '',
        createdAt: '',
        status: u.status,
        sentAt: u.sentAt ?? '',
        outcome: u.outcome ?? '',
        mail: { to: '', kind: 'receipt', subject: '', body: '', sendAt: '', dayIds: [] },
      });
      const row = table.values[u.row - 1].slice();
      row[status] = cells.status;
      if (sentAt >= 0) row[sentAt] = cells.sentAt;
      if (outcome >= 0) row[outcome] = cells.outcome;
      table.values[u.row - 1] = row;
      const first = Math.min(...[status, sentAt, outcome].filter((c) => c >= 0));
      const last = Math.max(status, sentAt, outcome);
      return this.updateRequest('outbox', table.col, u.row, first, [row.slice(first, last + 1)]);
    });
    sheetsApi().Spreadsheets.batchUpdate({ requests }, this.spreadsheet.getId());
  }

  /** Appends outbox rows with ids of their own (mail that announces no change of the register). */
  queueMail(rows: readonly OutboxRow[]): void {
    if (!rows.length) return;
    const col = this.headerColumns('outbox');
    const base = blankRow(this.header('outbox').length);
    sheetsApi().Spreadsheets.batchUpdate(
      {
        requests: [
          this.appendRequest(
            'outbox',
            col,
            rows.map((r) => layOut(col, outboxCells(r), base)),
          ),
        ],
      },
      this.spreadsheet.getId(),
    );
    this.tables.delete('outbox');
  }

  /** Cells of the whole spreadsheet, empty ones included (what Google's limit counts). */
  spreadsheetCells(): number {
    return this.spreadsheet.getSheets().reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0);
  }

  wasRefused(requestId: string): boolean {
    const sheet = this.sheet('audit');
    const col = this.headerColumns('audit').dayId;
    const last = sheet.getLastRow();
    if (col < 0 || last < 2) return false;
    // Found by Google in the change log's «ID giornata» column: the log is never read for it.
    return !!sheet
      .getRange(2, col + 1, last - 1, 1)
      .createTextFinder(requestId)
      .matchEntireCell(true)
      .matchCase(true)
      .findNext();
  }

  /** The chain's state, with a write a failure left pending settled against the sheet. */
  chainState(): ChainState {
    return settlePending(readChainState(), this.logEnds());
  }

  /** The «Impronta» of the change log's first and last lines, read when asked. */
  logEnds(): LogEnds {
    const at = (row: (last: number) => number) => () => {
      const sheet = this.sheet('audit');
      const col = this.headerColumns('audit').hash;
      const last = sheet.getLastRow();
      if (col < 0 || last < 2) return GENESIS;
      return cellToText(sheet.getRange(row(last), col + 1).getValue());
    };
    return { first: at(() => 2), last: at((last) => last) };
  }

  /** An appendCells request for rows laid out along `col`. */
  private appendRequest(key: SheetKey, col: Columns, rows: readonly Cell[][]): object {
    const kinds = kindsOf(key, col);
    return {
      appendCells: {
        sheetId: this.sheet(key).getSheetId(),
        rows: rows.map((row) => ({ values: row.map((cell, c) => toCellData(cell, kinds[c] ?? 'text')) })),
        fields: 'userEnteredValue,userEnteredFormat.numberFormat',
      },
    };
  }

  /** An updateCells request writing `rows` from (row, column), both of the sheet (1-based row, 0-based column). */
  private updateRequest(
    key: SheetKey,
    col: Columns,
    row: number,
    column: number,
    rows: readonly Cell[][],
  ): object {
    const kinds = kindsOf(key, col);
    return {
      updateCells: {
        start: { sheetId: this.sheet(key).getSheetId(), rowIndex: row - 1, columnIndex: column },
        rows: rows.map((cells) => ({
          values: cells.map((cell, c) => toCellData(cell, kinds[column + c] ?? 'text')),
        })),
        fields: 'userEnteredValue,userEnteredFormat.numberFormat',
      },
    };
  }

  /** The header row of an append-only sheet (read with load(), else now). */
  private header(key: 'audit' | 'outbox'): Cell[] {
    let header = this.headers.get(key);
    if (!header) {
      if (key === 'outbox') this.ensureOutboxSheet();
      const sheet = this.sheet(key);
      header = sheet.getRange(1, 1, 1, Math.max(sheet.getLastColumn(), 1)).getValues()[0];
      this.headers.set(key, header);
    }
    return header;
  }

  private headerColumns(key: 'audit' | 'outbox'): Columns {
    return columnsOf(key, this.header(key));
  }

  /** Only the shared sites (one read of Sedi): for the Form's choices and reading a response. */
  loadSites(): Site[] {
    // Only Sedi: the other sheets must be read under the lock by the operation that follows.
    this.prefetch(['sites']);
    return sitesFromRows(this.table('sites').values).sites;
  }

  /** The sheet row of a day read by the last load (0 when unknown). */
  rowOf(dayId: string): number {
    return this.rowOfDay.get(dayId) ?? 0;
  }

  setEventIds(entries: { dayId: string; eventId: string }[]): void {
    if (!entries.length) return;
    const fresh = this.freshIdAndEventColumns();
    if (!fresh) this.tables.delete('days'); // a fresh read: called under the lock, outside the operation's snapshot
    const table = fresh ?? this.table('days');
    const idCol = table.col.id;
    const eventCol = table.col.calendarEventId;
    if (eventCol < 0)
      throw new RegisterError(`Nel foglio «${SHEETS.days.name}» manca la colonna «Evento calendario».`);
    const rowById = new Map<string, number>();
    table.values.forEach((row, i) => {
      if (i > 0) rowById.set(cellToText(row[idCol]), i);
    });
    const touched: number[] = [];
    for (const { dayId, eventId } of entries) {
      const i = rowById.get(dayId);
      if (i === undefined) continue; // the row vanished (hand edit): reconciliation reports it
      table.values[i][eventCol] = eventId;
      touched.push(i);
    }
    if (!touched.length) return;
    const r0 = Math.min(...touched);
    const r1 = Math.max(...touched);
    const column = table.values.slice(r0, r1 + 1).map((row) => [row[eventCol]]);
    table.sheet.getRange(r0 + 1, eventCol + 1, column.length, 1).setValues(column);
  }

  /**
   * The header, ID and event columns of Giornate read now (one Sheets API call), as a table whose
   * other cells are blank; null when the API is off, nothing was read before, or the columns moved.
   */
  private freshIdAndEventColumns(): Table | null {
    const cached = this.tables.get('days');
    if (!cached || typeof Sheets === 'undefined' || !Sheets?.Spreadsheets?.Values) return null;
    const { id, calendarEventId } = cached.col;
    if (id < 0 || calendarEventId < 0) return null;
    const name = quoted(SHEETS.days.name);
    const column = (c: number) => `${name}!${columnLetter(c + 1)}:${columnLetter(c + 1)}`;
    const got =
      Sheets.Spreadsheets.Values.batchGet(this.spreadsheet.getId(), {
        ranges: [`${name}!1:1`, column(id), column(calendarEventId)],
        valueRenderOption: 'UNFORMATTED_VALUE',
      }).valueRanges ?? [];
    const header = (got[0]?.values?.[0] ?? []) as Cell[];
    const col = columnsOf('days', header);
    if (col.id !== id || col.calendarEventId !== calendarEventId) return null;
    const ids = (got[1]?.values ?? []) as Cell[][];
    const events = (got[2]?.values ?? []) as Cell[][];
    const values: Cell[][] = [];
    for (let r = 0; r < Math.max(ids.length, events.length); r++) {
      const row: Cell[] = new Array(header.length).fill('');
      row[id] = ids[r]?.[0] ?? '';
      row[calendarEventId] = events[r]?.[0] ?? '';
      values.push(row);
    }
    return { sheet: cached.sheet, values, col };
  }

  loadAudit(): AuditEntry[] {
    return auditFromRows(this.table('audit').values);
  }

  /** The change log with its fingerprints (the register check). */
  loadChain(): ChainedLine[] {
    return chainFromRows(this.table('audit').values);
  }

  // ---- reading -------------------------------------------------------------------------

  /**
   * Reads every sheet load() needs that is not read yet, and the change log's header row, in ONE
   * call of the Sheets API (advanced service). Values come unformatted, dates as serial numbers
   * (days since 1899-12-30, wall clock of the spreadsheet's zone), trimmed of empty trailing
   * rows and cells: rows are padded to the header's width and date columns turned into Dates,
   * so everything after this reads the tables as getDataRange().getValues() gave them.
   */
  private prefetch(wanted: readonly SheetKey[] = LOADED_SHEETS): void {
    const keys = wanted.filter((k) => !this.tables.has(k));
    if (!keys.length || typeof Sheets === 'undefined' || !Sheets?.Spreadsheets?.Values) return;
    // The headers of the sheets an operation only appends to come with the same call.
    const headers: SheetKey[] =
      wanted === LOADED_SHEETS ? APPEND_ONLY.filter((k) => !this.headers.has(k)) : [];
    const read = (withHeaders: readonly SheetKey[]) =>
      sheetsApi().Spreadsheets.Values.batchGet(this.spreadsheet.getId(), {
        ranges: [
          ...keys.map((k) => quoted(SHEETS[k].name)),
          ...withHeaders.map((k) => `${quoted(SHEETS[k].name)}!1:1`),
        ],
        valueRenderOption: 'UNFORMATTED_VALUE',
        dateTimeRenderOption: 'SERIAL_NUMBER',
      }).valueRanges ?? [];
    let got: GoogleAppsScript.Sheets.Schema.ValueRange[];
    try {
      got = read(headers);
    } catch (e) {
      // A sheet setup has not made yet (a new version before its setup): read without headers.
      if (!headers.length) throw e;
      got = read([]);
      headers.length = 0;
    }
    keys.forEach((key, i) => {
      const values = ((got[i]?.values ?? []) as Cell[][]).map((row) => row.slice());
      const width = Math.max(1, values[0]?.length ?? 0);
      const col = columnsOf(key, values[0] ?? []);
      const dateCols = (SHEETS[key].columns as readonly { key: string; kind: string }[])
        .filter((c) => (c.kind === 'date' || c.kind === 'datetime') && col[c.key] >= 0)
        .map((c) => col[c.key]);
      for (let r = 0; r < values.length; r++) {
        const row = values[r];
        while (row.length < width) row.push('');
        if (r === 0) continue;
        for (const c of dateCols) if (typeof row[c] === 'number') row[c] = serialToDate(row[c] as number);
      }
      this.tables.set(key, { sheet: this.sheet(key), values, col });
    });
    headers.forEach((key, i) => {
      const header = got[keys.length + i]?.values?.[0] as Cell[] | undefined;
      if (header) this.headers.set(key as 'audit' | 'outbox', header);
    });
  }

  /**
   * The outbox sheet, made now with its header when a new version runs before its setup: mail
   * must have somewhere to wait. Setup protects it like the other sheets only Agorà writes.
   */
  private ensureOutboxSheet(): void {
    if (this.spreadsheet.getSheetByName(SHEETS.outbox.name)) return;
    const header = SHEETS.outbox.columns.map((c) => c.header);
    const sheet = this.spreadsheet.insertSheet(SHEETS.outbox.name);
    sheet.getRange(1, 1, 1, header.length).setValues([header]);
    sheet.setFrozenRows(1);
  }

  private sheet(key: SheetKey): Sheet {
    const sheet = this.spreadsheet.getSheetByName(SHEETS[key].name);
    if (!sheet) {
      throw new RegisterError(
        `Manca il foglio «${SHEETS[key].name}»: esegui Smart working ▸ Configura per ripararlo.`,
      );
    }
    return sheet;
  }

  private table(key: SheetKey): Table {
    const cached = this.tables.get(key);
    if (cached) return cached;
    const sheet = this.sheet(key);
    const values = sheet.getDataRange().getValues() as Cell[][];
    const col = columnsOf(key, values[0] ?? []);
    const table = { sheet, values, col };
    this.tables.set(key, table);
    return table;
  }

  /**
   * The deployment settings HR keeps in Configurazione beside the rules' parameters (see
   * DEPLOYMENT_SETTINGS), each with its default when the row is missing or its value unknown.
   */
  readSettings(problems: RowProblem[] = []): DeploymentSettings {
    const read = settingsFromRows(this.table('config').values);
    problems.push(...read.problems);
    return read.settings;
  }

  /** Site id → name for «Luogo», from the Sedi read by this operation (read now if it was not). */
  private places(): PlaceNames {
    const values = this.table('sites').values;
    if (this.placesOf?.values !== values)
      this.placesOf = { values, names: placeNames(sitesFromRows(values).sites) };
    return this.placesOf.names;
  }
}

/** Rows added at a time when a sheet is full: growing by one row per write would cost a call each time. */
export const GROWTH_ROWS = 500;

/** Makes sure the sheet has row `lastRow` (Sheets refuses ranges beyond its last row). */
export function ensureRows(sheet: Sheet, lastRow: number): void {
  const max = sheet.getMaxRows();
  // Inserted rows take the formats and dropdowns of the row above, as in Sheets.
  if (lastRow > max) sheet.insertRowsAfter(max, lastRow - max + GROWTH_ROWS);
}

/** The advanced Sheets service, which the manifest enables (appsscript.json). */
export function sheetsApi(): GoogleAppsScript.Sheets {
  if (typeof Sheets === 'undefined' || !Sheets?.Spreadsheets)
    throw new RegisterError('Il servizio avanzato Google Sheets API non è attivo nel progetto.');
  return Sheets;
}

/** The sheets operations append to without reading them. */
const APPEND_ONLY = ['audit', 'outbox'] as const;

/** The kind of value of each column of a sheet laid out along `col` (by schema; HR's own: text). */
function kindsOf(key: SheetKey, col: Columns): Record<number, 'date' | 'datetime' | 'number' | 'text'> {
  const kinds: Record<number, 'date' | 'datetime' | 'number' | 'text'> = {};
  for (const c of SHEETS[key].columns as readonly { key: string; kind: string }[]) {
    const index = col[c.key];
    if (index === undefined || index < 0) continue;
    kinds[index] = c.kind === 'date' || c.kind === 'datetime' || c.kind === 'number' ? c.kind : 'text';
  }
  return kinds;
}

/** Ascending row numbers as runs [first, last] of consecutive rows. */
function runsOf(rows: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const r of [...rows].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last[1] === r - 1) last[1] = r;
    else runs.push([r, r]);
  }
  return runs;
}

/** Runs of consecutive columns in [from, to] that belong to `ours`, as [first, last] pairs. */
function columnGroups(from: number, to: number, ours: ReadonlySet<number>): [number, number][] {
  const groups: [number, number][] = [];
  for (let c = from; c <= to; c++) {
    if (!ours.has(c)) continue;
    const last = groups[groups.length - 1];
    if (last && last[1] === c - 1) last[1] = c;
    else groups.push([c, c]);
  }
  return groups;
}

function quoted(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function columnLetter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A Sheets serial number (days since 1899-12-30, wall clock in Europe/Rome) as a Date. */
function serialToDate(serial: number): Date {
  let days = Math.floor(serial);
  let minutes = Math.round((serial - days) * 1440);
  if (minutes >= 1440) {
    days += 1;
    minutes -= 1440;
  }
  return new Date(fromRomeLocal({ date: addDays('1899-12-30' as IsoDate, days), minutes }));
}

// The pure row functions live in rows.ts; these stay importable from here for dev/bench.
export { columnsOf, formatViolations } from './rows';
