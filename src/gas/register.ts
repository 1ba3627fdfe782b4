// The register: the only code that reads and writes the spreadsheet's data sheets.
// One batched read per sheet an operation needs, one batched write per sheet it changes.
// Broken rows HR typed by hand are reported (sheet, row, reason) and skipped, never fatal.
import { addDays, parseIsoDate, WEEKDAY_CODES, type IsoDate, type WeekdayCode } from '../domain/dates';
import { fromRomeLocal } from '../domain/rome-time';
import type { HolidayOverride } from '../domain/holidays';
import {
  ELIGIBILITY_LABELS,
  EQUIPMENT_LABELS,
  fromLabel,
  PRIORITY_LABELS,
  SEVERITY_LABELS,
  STATUS_LABELS,
} from '../domain/labels';
import {
  normaliseEmail,
  validateAgreement,
  validateEmployee,
  validateSite,
  type Agreement,
  type Delegation,
  type Employee,
  type Site,
} from '../domain/model';
import { validatePolicy } from '../domain/policy';
import { RULE_IDS, type RuleId, type Severity } from '../domain/rules';
import type { AuditEntry, DayRecord, RegisterPort, RegisterSnapshot, RowProblem } from '../app/ports';
import {
  cellToDate,
  cellToDateTime,
  cellToText,
  dateTimeToCell,
  dateToCell,
  userTextToCell,
  type Cell,
} from './cells';
import { normaliseHeader, NO, SHEET_ORDER, SHEETS, YES, type SheetKey } from './schema';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The register cannot be used at all (a sheet or a required column is missing). */
export class RegisterError extends Error {}

/**
 * How setup shares what it makes, kept by HR in Configurazione. `calendarSharing`: `dominio`
 * (the team calendar can be read by everyone in the domain) or `nessuna` (only HR).
 */
export const DEPLOYMENT_SETTINGS = {
  calendarSharing: {
    choices: ['dominio', 'nessuna'],
    description: 'chi vede il calendario «Smart working»: dominio (tutti, in sola lettura) o nessuna',
  },
} as const;
export type DeploymentSettings = {
  [K in keyof typeof DEPLOYMENT_SETTINGS]: (typeof DEPLOYMENT_SETTINGS)[K]['choices'][number];
};
export const DEFAULT_SETTINGS: DeploymentSettings = { calendarSharing: 'dominio' };

interface Table {
  sheet: Sheet;
  /** All values, header row included. */
  values: Cell[][];
  /** Column index (0-based) of each known key; -1 when the column is absent. */
  col: Record<string, number>;
}

const WEEKDAY_IT: Record<string, WeekdayCode> = {
  lun: 'Mon',
  mar: 'Tue',
  mer: 'Wed',
  gio: 'Thu',
  ven: 'Fri',
  sab: 'Sat',
  dom: 'Sun',
};

export class SheetsRegister implements RegisterPort {
  private readonly tables = new Map<SheetKey, Table>();
  /** The change log's header row, read with the other sheets (null: not read yet). */
  private auditHeader: Cell[] | null = null;
  /** Sheet row (1-based) of each day id, from the last read of Giornate. */
  private readonly rowOfDay = new Map<string, number>();

  constructor(private readonly spreadsheet: Spreadsheet) {}

  load(): RegisterSnapshot {
    this.prefetch();
    const problems: RowProblem[] = [];
    const policy = this.readPolicy(problems);
    const people = this.readPeople(problems);
    const employees = this.readEmployees(problems, new Set([...people.emails, ...people.admins]));
    const employeeEmails = new Set(employees.map((e) => e.email));
    return {
      policy,
      admins: people.admins,
      employees,
      agreements: this.readAgreements(problems, employeeEmails),
      sites: this.readSites(problems),
      holidays: this.readHolidays(problems),
      delegations: people.delegations,
      days: this.readDays(problems),
      problems,
    };
  }

  appendDays(days: DayRecord[]): void {
    if (!days.length) return;
    const table = this.table('days');
    const first = table.values.length + 1;
    const rows = days.map((d) => this.dayRow(table, d, blankRow(table)));
    ensureRows(table.sheet, first + rows.length - 1);
    table.sheet.getRange(first, 1, rows.length, rows[0].length).setValues(rows);
    days.forEach((d, i) => this.rowOfDay.set(d.id, first + i));
    table.values.push(...rows);
  }

  updateDays(days: DayRecord[]): void {
    if (!days.length) return;
    const table = this.table('days');
    const rowsNumbers = days.map((d) => {
      const row = this.rowOfDay.get(d.id);
      if (row === undefined)
        throw new RegisterError(`Giornata ${d.id} non trovata nel foglio «${SHEETS.days.name}».`);
      return row;
    });
    for (let i = 0; i < days.length; i++) {
      table.values[rowsNumbers[i] - 1] = this.dayRow(
        table,
        days[i],
        table.values[rowsNumbers[i] - 1].slice(),
      );
    }
    // One write per contiguous group of Agorà's own columns, over the rows from the first to
    // the last changed one: HR's own columns (which may hold formulas) are never rewritten.
    const ours = new Set(Object.values(table.col).filter((c) => c >= 0));
    const mutable = ['status', 'decidedBy', 'decidedAt', 'reason', 'calendarEventId'].map(
      (k) => table.col[k],
    );
    const r0 = Math.min(...rowsNumbers);
    const r1 = Math.max(...rowsNumbers);
    for (const [c0, c1] of columnGroups(Math.min(...mutable), Math.max(...mutable), ours)) {
      const block = table.values.slice(r0 - 1, r1).map((row) => row.slice(c0, c1 + 1));
      table.sheet.getRange(r0, c0 + 1, block.length, c1 - c0 + 1).setValues(block);
    }
  }

  /** Only the shared sites (one read of Sedi): for the Form's choices and reading a response. */
  loadSites(): Site[] {
    // Only Sedi: the other sheets must be read under the lock by the operation that follows.
    this.prefetch(['sites']);
    return this.readSites([]);
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
    return this.records('audit').map(({ cells }) => ({
      at: cellToDateTime(cells.at),
      by: cellToText(cells.by),
      action: cellToText(cells.action) as AuditEntry['action'],
      dayId: cellToText(cells.dayId),
      employee: cellToText(cells.employee),
      date: cellToText(cells.date),
      from: fromLabel(STATUS_LABELS, cells.from) ?? '',
      to: fromLabel(STATUS_LABELS, cells.to) ?? '',
      detail: cellToText(cells.detail),
    }));
  }

  appendAudit(entries: AuditEntry[]): void {
    if (!entries.length) return;
    const sheet = this.sheet('audit');
    const header =
      this.auditHeader ?? sheet.getRange(1, 1, 1, Math.max(sheet.getLastColumn(), 1)).getValues()[0];
    const col = columnsOf('audit', header);
    const width = header.length;
    const rows = entries.map((e) => {
      const row: Cell[] = new Array(width).fill('');
      const put = (key: keyof AuditEntry, value: Cell) => {
        if (col[key] >= 0) row[col[key]] = value;
      };
      put('at', dateTimeToCell(e.at));
      put('by', e.by);
      put('action', e.action);
      put('dayId', e.dayId);
      put('employee', e.employee);
      put('date', userTextToCell(e.date));
      put('from', e.from ? STATUS_LABELS[e.from] : '');
      put('to', e.to ? STATUS_LABELS[e.to] : '');
      put('detail', userTextToCell(e.detail));
      return row;
    });
    const first = sheet.getLastRow() + 1;
    ensureRows(sheet, first + rows.length - 1);
    sheet.getRange(first, 1, rows.length, width).setValues(rows);
  }

  // ---- reading -------------------------------------------------------------------------

  /**
   * Reads every sheet load() needs that is not read yet, and the change log's header row, in ONE
   * call of the Sheets API (advanced service). Values come unformatted, dates as serial numbers
   * (days since 1899-12-30, wall clock of the spreadsheet's zone), trimmed of empty trailing
   * rows and cells: rows are padded to the header's width and date columns turned into Dates,
   * so everything after this reads the tables as getDataRange().getValues() gave them.
   */
  private prefetch(wanted: readonly SheetKey[] = LOADED): void {
    const keys = wanted.filter((k) => !this.tables.has(k));
    if (!keys.length || typeof Sheets === 'undefined' || !Sheets?.Spreadsheets?.Values) return;
    const withAudit = this.auditHeader === null && wanted === LOADED;
    const ranges = [
      ...keys.map((k) => quoted(SHEETS[k].name)),
      ...(withAudit ? [`${quoted(SHEETS.audit.name)}!1:1`] : []),
    ];
    const response = Sheets.Spreadsheets.Values.batchGet(this.spreadsheet.getId(), {
      ranges,
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'SERIAL_NUMBER',
    });
    const got = response.valueRanges ?? [];
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
    if (withAudit) this.auditHeader = (got[keys.length]?.values?.[0] as Cell[] | undefined) ?? null;
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

  setWorkingLocationOptIn(email: string, on: boolean): void {
    const table = this.table('employees');
    const { email: emailCol, workingLocationOptIn: col } = table.col;
    if (col < 0)
      throw new RegisterError(
        `Nel foglio «${SHEETS.employees.name}» manca la colonna della sede nel calendario.`,
      );
    const r = table.values.findIndex((row, i) => i > 0 && normaliseEmail(row[emailCol]) === email);
    if (r < 0) throw new RegisterError(`${email} non è nel foglio «${SHEETS.employees.name}».`);
    const value = on ? YES : NO;
    table.sheet.getRange(r + 1, col + 1).setValue(value);
    table.values[r][col] = value;
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

  /** Data rows as records keyed by column key, with their sheet row number. */
  private records(key: SheetKey): { row: number; cells: Record<string, Cell> }[] {
    const table = this.table(key);
    const out: { row: number; cells: Record<string, Cell> }[] = [];
    for (let r = 1; r < table.values.length; r++) {
      const values = table.values[r];
      if (values.every((v) => v === '' || v === null)) continue;
      const cells: Record<string, Cell> = {};
      for (const [k, c] of Object.entries(table.col)) cells[k] = c >= 0 ? values[c] : '';
      out.push({ row: r + 1, cells });
    }
    return out;
  }

  /**
   * The deployment settings HR keeps in Configurazione beside the rules' parameters (see
   * DEPLOYMENT_SETTINGS), each with its default when the row is missing or its value unknown.
   */
  readSettings(problems: RowProblem[] = []): DeploymentSettings {
    const settings: DeploymentSettings = { ...DEFAULT_SETTINGS };
    for (const { row, cells } of this.records('config')) {
      const key = cellToText(cells.key) as keyof DeploymentSettings;
      if (!(key in DEPLOYMENT_SETTINGS)) continue;
      const value = cellToText(cells.value).toLowerCase();
      const allowed = DEPLOYMENT_SETTINGS[key].choices as readonly string[];
      if (allowed.includes(value)) (settings as Record<string, string>)[key] = value;
      else
        problems.push({
          sheet: SHEETS.config.name,
          row,
          reason: `«${key}»: valore «${value}» non valido (scegli tra ${allowed.join(', ')}).`,
        });
    }
    return settings;
  }

  private readPolicy(problems: RowProblem[]) {
    const raw: Record<string, unknown> = {};
    const rowOf: Record<string, number> = {};
    for (const { row, cells } of this.records('config')) {
      const key = cellToText(cells.key);
      const value = cells.value;
      if (key in DEPLOYMENT_SETTINGS) continue; // not a rule parameter: see readSettings
      if (key === 'disconnectionFrom' || key === 'disconnectionTo') {
        const d = (raw.disconnection ??= { from: '20:00', to: '07:00' }) as Record<string, unknown>;
        d[key === 'disconnectionFrom' ? 'from' : 'to'] = cellToText(value);
        rowOf.disconnection = row;
      } else if (key) {
        raw[key] =
          typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value.replace(',', '.')))
            ? Number(value.replace(',', '.'))
            : value;
        rowOf[key] = row;
      }
    }
    const { policy, errors } = validatePolicy(raw);
    for (const e of errors) {
      const field = e.field.split('.')[0];
      problems.push({ sheet: SHEETS.config.name, row: rowOf[field] ?? 0, reason: e.message });
    }
    return policy;
  }

  private readPeople(problems: RowProblem[]) {
    const emails: string[] = [];
    const admins: string[] = [];
    const delegations: Delegation[] = [];
    for (const { row, cells } of this.records('people')) {
      const problem = (reason: string) => problems.push({ sheet: SHEETS.people.name, row, reason });
      const email = normaliseEmail(cells.email);
      if (!email) {
        problem(`Email non valida: «${cellToText(cells.email)}».`);
        continue;
      }
      emails.push(email);
      if (cellToText(cells.admin).toLowerCase() === YES) admins.push(email);
      const delegateText = cellToText(cells.delegate);
      if (delegateText) {
        const delegate = normaliseEmail(delegateText);
        const from = cellToDate(cells.delegateFrom);
        const to = cellToDate(cells.delegateTo);
        if (!delegate) problem(`Email del delegato non valida: «${delegateText}».`);
        else if (!from || !to) problem('La delega richiede le date «Delega dal» e «Delega al».');
        else if (to < from) problem('La delega termina prima di iniziare.');
        else delegations.push({ manager: email, delegate, from, to });
      }
    }
    return { emails, admins, delegations };
  }

  private readEmployees(problems: RowProblem[], knownManagers: Set<string>): Employee[] {
    const out: Employee[] = [];
    const seen = new Set<string>();
    const rows = this.records('employees');
    const employeeEmails = new Set(
      rows.map((r) => normaliseEmail(r.cells.email)).filter((e): e is string => !!e),
    );
    for (const { row, cells } of rows) {
      const problem = (reason: string) => problems.push({ sheet: SHEETS.employees.name, row, reason });
      const days = cellToText(cells.workingDays);
      const workingDays = days
        ? days
            .split(/[\s,;]+/)
            .filter(Boolean)
            .map(
              (d) =>
                WEEKDAY_IT[d.toLowerCase().slice(0, 3)] ??
                (WEEKDAY_CODES as readonly string[]).find((c) => c.toLowerCase() === d.toLowerCase()) ??
                d,
            )
        : undefined;
      const eligibilityText = cellToText(cells.eligibility);
      const priorityText = cellToText(cells.priority);
      const raw = {
        email: cellToText(cells.email),
        name: cellToText(cells.name),
        organisation: cellToText(cells.organisation),
        sector: cellToText(cells.sector),
        seat: cellToText(cells.seat),
        manager: cellToText(cells.manager),
        eligibility: eligibilityText
          ? (fromLabel(ELIGIBILITY_LABELS, eligibilityText) ?? eligibilityText)
          : undefined,
        workingDays,
        commuteKm:
          cells.commuteKm === ''
            ? undefined
            : typeof cells.commuteKm === 'number'
              ? cells.commuteKm
              : Number(String(cells.commuteKm).replace(',', '.')),
        priority: priorityText ? (fromLabel(PRIORITY_LABELS, priorityText) ?? priorityText) : undefined,
        workingLocationOptIn: cellToText(cells.workingLocationOptIn).toLowerCase() === YES,
      };
      const v = validateEmployee(raw);
      if (!v.ok) {
        problem(v.errors.map((e) => e.message).join(' '));
        continue;
      }
      if (seen.has(v.value.email)) {
        problem(`${v.value.email} compare più volte: vale la prima riga.`);
        continue;
      }
      if (!employeeEmails.has(v.value.manager) && !knownManagers.has(v.value.manager)) {
        problem(
          `Responsabile sconosciuto: ${v.value.manager} non è né tra i dipendenti né nel foglio «${SHEETS.people.name}».`,
        );
        continue;
      }
      seen.add(v.value.email);
      out.push(v.value);
    }
    return out;
  }

  private readAgreements(problems: RowProblem[], employees: Set<string>): Agreement[] {
    const out: Agreement[] = [];
    for (const { row, cells } of this.records('agreements')) {
      const problem = (reason: string) => problems.push({ sheet: SHEETS.agreements.name, row, reason });
      const dates: Record<string, IsoDate | null> = {};
      let bad = false;
      for (const k of ['from', 'to', 'signedByEmployee', 'signedByManager', 'safetyNoticeDate']) {
        const d = cellToDate(cells[k]);
        if (d === undefined) {
          problem(
            `La colonna «${headerOf('agreements', k)}» non contiene una data: «${cellToText(cells[k])}».`,
          );
          bad = true;
        }
        dates[k] = d ?? null;
      }
      if (bad) continue;
      const windows = parseWindows(cellToText(cells.contactWindows));
      if (windows === null) {
        problem(
          `Fasce di contattabilità illeggibili: «${cellToText(cells.contactWindows)}» (es. 09:00-13:00; 14:30-16:30).`,
        );
        continue;
      }
      const equipmentText = cellToText(cells.equipment);
      const v = validateAgreement({
        employee: cellToText(cells.employee),
        ...dates,
        contactWindows: windows,
        equipment: equipmentText ? (fromLabel(EQUIPMENT_LABELS, equipmentText) ?? equipmentText) : undefined,
      });
      if (!v.ok) problem(v.errors.map((e) => e.message).join(' '));
      else if (!employees.has(v.value.employee)) problem(`${v.value.employee} non è tra i dipendenti.`);
      else out.push(v.value);
    }
    return out;
  }

  private readSites(problems: RowProblem[]): Site[] {
    const out: Site[] = [];
    for (const { row, cells } of this.records('sites')) {
      const v = validateSite({
        id: cellToText(cells.id),
        name: cellToText(cells.name),
        comune: cellToText(cells.comune),
        capacity: typeof cells.capacity === 'number' ? cells.capacity : cellToText(cells.capacity),
      });
      if (!v.ok)
        problems.push({ sheet: SHEETS.sites.name, row, reason: v.errors.map((e) => e.message).join(' ') });
      else if (out.some((s) => s.id === v.value.id))
        problems.push({ sheet: SHEETS.sites.name, row, reason: `Codice ripetuto: ${v.value.id}.` });
      else out.push(v.value);
    }
    return out;
  }

  private readHolidays(problems: RowProblem[]): HolidayOverride[] {
    const out: HolidayOverride[] = [];
    for (const { row, cells } of this.records('holidays')) {
      const date = cellToDate(cells.date);
      const action = cellToText(cells.action).toLowerCase();
      if (!date)
        problems.push({
          sheet: SHEETS.holidays.name,
          row,
          reason: `Data non valida: «${cellToText(cells.date)}».`,
        });
      else if (action && action !== 'aggiungi' && action !== 'togli')
        problems.push({
          sheet: SHEETS.holidays.name,
          row,
          reason: `Azione sconosciuta «${action}»: usa «aggiungi» o «togli».`,
        });
      else
        out.push({
          date,
          name: cellToText(cells.name) || 'Festività',
          seat: cellToText(cells.seat) || null,
          action: action === 'togli' ? 'remove' : 'add',
        });
    }
    return out;
  }

  private readDays(problems: RowProblem[]): DayRecord[] {
    const out: DayRecord[] = [];
    this.rowOfDay.clear();
    for (const { row, cells } of this.records('days')) {
      const problem = (reason: string) => problems.push({ sheet: SHEETS.days.name, row, reason });
      const id = cellToText(cells.id);
      const status = fromLabel(STATUS_LABELS, cells.status);
      const employee = normaliseEmail(cells.employee);
      // Agorà writes real dates as date cells and anything else as literal text: a text is
      // kept as it is (e.g. '12/11/2026' as the employee typed it, refused as not a date).
      const date =
        typeof cells.date === 'string'
          ? (parseIsoDate(cells.date.trim()) ?? undefined)
          : cellToDate(cells.date);
      const dateText = typeof cells.date === 'string' ? cells.date.trim() : (date ?? cellToText(cells.date));
      if (!id || this.rowOfDay.has(id))
        problem(id ? `ID ripetuto: ${id}.` : 'Manca l\u2019ID della giornata.');
      else if (!status) problem(`Stato sconosciuto: «${cellToText(cells.status)}».`);
      else if (!employee) problem(`Dipendente non valido: «${cellToText(cells.employee)}».`);
      else if (date === undefined && status !== 'refused') problem(`Data non valida: «${dateText}».`);
      else {
        this.rowOfDay.set(id, row);
        out.push({
          id,
          requestId: cellToText(cells.requestId),
          employee,
          date: dateText,
          location: cellToText(cells.location),
          note: cellToText(cells.note),
          status,
          violations: parseViolations(cellToText(cells.violations)),
          submittedAt: cellToDateTime(cells.submittedAt),
          decidedBy: cellToText(cells.decidedBy),
          decidedAt: cellToDateTime(cells.decidedAt),
          reason: cellToText(cells.reason),
          calendarEventId: cellToText(cells.calendarEventId),
        });
      }
    }
    return out;
  }

  private dayRow(table: Table, d: DayRecord, row: Cell[]): Cell[] {
    const put = (key: string, value: Cell) => {
      if (table.col[key] >= 0) row[table.col[key]] = value;
    };
    put('id', d.id);
    put('requestId', d.requestId);
    put('employee', d.employee);
    const date = parseIsoDate(d.date);
    // A text that is not a date is forced to stay text, or Sheets could read it as a date.
    put('date', date ? dateToCell(date) : `'${d.date}`);
    put('location', d.location);
    put('note', userTextToCell(d.note));
    put('status', STATUS_LABELS[d.status]);
    put('violations', formatViolations(d.violations));
    put('submittedAt', dateTimeToCell(d.submittedAt));
    put('decidedBy', d.decidedBy);
    put('decidedAt', d.decidedAt ? dateTimeToCell(d.decidedAt) : '');
    put('reason', userTextToCell(d.reason));
    put('calendarEventId', d.calendarEventId);
    return row;
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

/** The sheets load() reads: all but the change log and Problemi. */
const LOADED: readonly SheetKey[] = SHEET_ORDER.filter((k) => k !== 'audit' && k !== 'problems');

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

function blankRow(table: Table): Cell[] {
  return new Array(Math.max(table.values[0]?.length ?? 0, 1)).fill('');
}

function headerOf(key: SheetKey, column: string): string {
  return SHEETS[key].columns.find((c) => c.key === column)?.header ?? column;
}

/** Where each known column is, by header; throws when a required one is missing. */
export function columnsOf(key: SheetKey, header: readonly unknown[]): Record<string, number> {
  const normalised = header.map(normaliseHeader);
  const col: Record<string, number> = {};
  for (const c of SHEETS[key].columns) {
    col[c.key] = normalised.indexOf(normaliseHeader(c.header));
    if (col[c.key] < 0 && 'required' in c && c.required) {
      throw new RegisterError(
        `Nel foglio «${SHEETS[key].name}» manca la colonna «${c.header}»: esegui Smart working ▸ Configura per ripararlo.`,
      );
    }
  }
  return col;
}

/** "09:00-13:00; 14:30-16:30" → windows; null when unreadable. */
export function parseWindows(text: string): { from: string; to: string }[] | null {
  if (!text) return [];
  const out: { from: string; to: string }[] = [];
  for (const part of text
    .split(/[;,\n]+/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,2})[:.](\d{2})\s*[-–—]\s*(\d{1,2})[:.](\d{2})$/.exec(part);
    if (!m) return null;
    out.push({ from: `${m[1].padStart(2, '0')}:${m[2]}`, to: `${m[3].padStart(2, '0')}:${m[4]}` });
  }
  return out;
}

export function formatWindows(windows: readonly { from: string; to: string }[]): string {
  return windows.map((w) => `${w.from}-${w.to}`).join('; ');
}

const VIOLATION_SEPARATOR = ' · ';

/** One line per broken rule: `WEEKLY_CAP · blocco · message`. */
export function formatViolations(violations: DayRecord['violations']): string {
  return violations
    .map((v) => [v.rule, SEVERITY_LABELS[v.severity], v.message].join(VIOLATION_SEPARATOR))
    .join('\n');
}

export function parseViolations(text: string): DayRecord['violations'] {
  const out: DayRecord['violations'] = [];
  for (const line of text.split('\n')) {
    const [rule, severity, ...message] = line.split(VIOLATION_SEPARATOR);
    const sev = fromLabel(SEVERITY_LABELS, severity) as Severity | null;
    if ((RULE_IDS as readonly string[]).includes(rule) && sev)
      out.push({ rule: rule as RuleId, severity: sev, message: message.join(VIOLATION_SEPARATOR) });
  }
  return out;
}
