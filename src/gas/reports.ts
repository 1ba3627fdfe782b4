// The reports and exports of issue 11, with the owner's rights: the monthly report
// (src/domain/report.ts) from the live register and the year's archive, the days as CSV (by
// organisation, sector, month), the approved days as iCalendar (a person, a team, or everyone),
// and the report as CSV. Files are written into Agorà's Drive folder (an earlier file of the same
// name goes to the trash) and returned, so that HR downloads them and the demo writes them out.
import { toCsv } from '../domain/csv';
import { formatDayIt, type IsoDate } from '../domain/dates';
import { HolidayCalendar } from '../domain/holidays';
import { toIcs, type IcsDay } from '../domain/ics';
import { STATUS_LABELS } from '../domain/labels';
import { HOME } from '../domain/model';
import {
  monthlyReport,
  REPORT_COLUMNS,
  reportRows,
  type MonthlyReport,
  type ReportDay,
} from '../domain/report';
import { toRomeLocal } from '../domain/rome-time';
import type { DayRecord, RegisterSnapshot } from '../app/ports';
import { RegisterView } from '../app/view';
import { readArchivedDays } from './archive';
import { agoraFolder, folderSpreadsheet } from './drive-files';
import { ensureDocTemplate } from './doc-templates';
import { fieldPattern } from '../domain/agreement-document';
import {
  HALF_YEAR_TEMPLATE,
  HALF_YEAR_TEMPLATE_NAME,
  halfYearMonths,
  halfYearSummary,
} from '../domain/half-year';
import { requireOwner } from './owner';
import { SheetsRegister } from './register';
import { gasLock, registerSpreadsheet } from './runtime';

export interface ExportFilter {
  /** `YYYY-MM`; empty: every month the live register and the year's archive hold. */
  month?: string;
  organisation?: string;
  sector?: string;
  /** One person's days (the ICS of a person). */
  employee?: string;
  /** Only these people's days (what the caller may see). */
  people?: ReadonlySet<string>;
}

export interface WrittenFile {
  name: string;
  fileId: string;
  content: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The days of the live register and, for a month already archived, of its year's archive. */
function daysOf(snapshot: RegisterSnapshot, month: string | undefined): DayRecord[] {
  const live = snapshot.days;
  const year = Number((month ?? toRomeLocal(Date.now()).date).slice(0, 4));
  const archived = readArchivedDays(year);
  const seen = new Set(live.map((d) => d.id));
  return [...archived.filter((d) => !seen.has(d.id)), ...live];
}

function selected(snapshot: RegisterSnapshot, filter: ExportFilter): DayRecord[] {
  const people = new Map(snapshot.employees.map((e) => [e.email, e]));
  return daysOf(snapshot, filter.month).filter((d) => {
    const e = people.get(d.employee);
    return (
      (!filter.people || filter.people.has(d.employee)) &&
      (!filter.month || d.date.startsWith(`${filter.month}-`)) &&
      (!filter.organisation || e?.organisation === filter.organisation) &&
      (!filter.sector || e?.sector === filter.sector) &&
      (!filter.employee || d.employee === filter.employee)
    );
  });
}

/** Writes `content` as `name` in Agorà's folder, an earlier file of that name to the trash. */
function writeFile(name: string, content: string, mimeType: string): WrittenFile {
  const folder = agoraFolder();
  const previous = folder.getFilesByName(name);
  while (previous.hasNext()) previous.next().setTrashed(true);
  return { name, fileId: folder.createFile(name, content, mimeType).getId(), content };
}

export const DAYS_CSV_COLUMNS = [
  'ID',
  'Ente',
  'Settore',
  'Dipendente',
  'Nome',
  'Data',
  'Luogo',
  'Stato',
  'Regole',
] as const;

/** The days as CSV, one row per requested day, in date order. */
export function daysCsv(register: SheetsRegister, filter: ExportFilter): WrittenFile {
  return writeFile('giornate.csv', daysCsvText(register.load(), filter), 'text/csv');
}

/** The CSV text of the days `filter` selects. */
export function daysCsvText(snapshot: RegisterSnapshot, filter: ExportFilter): string {
  const people = new Map(snapshot.employees.map((e) => [e.email, e]));
  const sites = new Map(snapshot.sites.map((s) => [s.id, s.name]));
  const rows = selected(snapshot, filter)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.employee < b.employee ? -1 : 1))
    .map((d) => {
      const e = people.get(d.employee);
      return [
        d.id,
        e?.organisation ?? '',
        e?.sector ?? '',
        d.employee,
        e?.name ?? '',
        d.date,
        d.location === HOME ? 'casa' : (sites.get(d.location) ?? d.location),
        STATUS_LABELS[d.status],
        d.violations
          .filter((v) => v.severity === 'block')
          .map((v) => v.rule)
          .join(' '),
      ];
    });
  return toCsv([[...DAYS_CSV_COLUMNS], ...rows]);
}

/** Approved days as iCalendar: a person's (`employee`), a team's (organisation, sector) or all. */
export function approvedIcs(register: SheetsRegister, filter: ExportFilter): WrittenFile {
  return writeFile('giornate.ics', approvedIcsText(register.load(), filter), 'text/calendar');
}

/** The iCalendar text of the approved days `filter` selects. */
export function approvedIcsText(snapshot: RegisterSnapshot, filter: ExportFilter): string {
  const people = new Map(snapshot.employees.map((e) => [e.email, e]));
  const sites = new Map(snapshot.sites.map((s) => [s.id, s.name]));
  const days: IcsDay[] = selected(snapshot, filter)
    .filter((d) => d.status === 'approved')
    .sort((a, b) => (a.date < b.date ? -1 : 1))
    .map((d) => {
      const name = people.get(d.employee)?.name ?? d.employee;
      const where = d.location === HOME ? 'da casa' : `presso ${sites.get(d.location) ?? d.location}`;
      return {
        id: d.id,
        date: d.date as IsoDate,
        summary: `Lavoro agile: ${name} (${where})`,
        description: `${name}, ${formatDayIt(d.date as IsoDate)}: lavoro agile ${where}.`,
      };
    });
  const who = filter.employee
    ? (people.get(filter.employee)?.name ?? filter.employee)
    : [filter.organisation, filter.sector].filter(Boolean).join(' — ') || 'tutti';
  const stamp = new Date(Date.now())
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const domain = (snapshot.admins[0] ?? 'agora.invalid').split('@')[1] ?? 'agora.invalid';
  return toIcs(`Lavoro agile — ${who}`, days, stamp, domain);
}

/**
 * A download from the web view, for the verified caller: `ics=mine` their approved days,
 * `ics=team` their team's (a manager; HR: everyone), `csv=days` the days of their team (HR:
 * everyone) filtered by `mese`, `ente`, `settore`. Null: nothing the caller may download.
 */
export function downloadFor(
  snapshot: RegisterSnapshot,
  caller: string,
  what: { ics?: string; csv?: string; month?: string; organisation?: string; sector?: string },
): { name: string; content: string; kind: 'ics' | 'csv' } | null {
  const isHr = snapshot.admins.includes(caller);
  // The people the caller decides for today (their own, and a manager's they are delegate of):
  // the same as their cards show.
  const team = new Set(
    new RegisterView(snapshot).peopleOf(caller, toRomeLocal(Date.now()).date).map((e) => e.email),
  );
  const month = what.month && MONTH.test(what.month) ? what.month : undefined;
  const filter: ExportFilter = {
    month,
    organisation: what.organisation || undefined,
    sector: what.sector || undefined,
  };
  if (what.ics === 'mine') {
    if (!snapshot.employees.some((e) => e.email === caller)) return null;
    return {
      name: 'mie-giornate.ics',
      kind: 'ics',
      content: approvedIcsText(snapshot, { ...filter, employee: caller }),
    };
  }
  if (!isHr && !team.size) return null;
  const people = isHr ? undefined : team;
  if (what.ics === 'team')
    return {
      name: 'giornate-gruppo.ics',
      kind: 'ics',
      content: approvedIcsText(snapshot, { ...filter, people }),
    };
  if (what.csv === 'days')
    return { name: 'giornate.csv', kind: 'csv', content: daysCsvText(snapshot, { ...filter, people }) };
  return null;
}

/** The monthly report of `month` (the register's people as they are now). */
export function reportOf(register: SheetsRegister, month: string): MonthlyReport {
  const snapshot = register.load();
  const days: ReportDay[] = daysOf(snapshot, month).map((d) => ({
    employee: d.employee,
    date: d.date,
    status: d.status,
    location: d.location,
    rules: d.violations.filter((v) => v.severity === 'block').map((v) => v.rule),
  }));
  return monthlyReport({
    month,
    employees: snapshot.employees,
    agreements: snapshot.agreements,
    days,
    sites: snapshot.sites,
    holidays: new HolidayCalendar(snapshot.holidays),
    policy: snapshot.policy,
    emissionFactor: snapshot.policy.emissionFactor,
  });
}

/** The report as CSV (`report-YYYY-MM.csv`). */
export function reportCsv(register: SheetsRegister, month: string): WrittenFile {
  const report = reportOf(register, month);
  return writeFile(`report-${month}.csv`, toCsv([[...REPORT_COLUMNS], ...reportRows(report)]), 'text/csv');
}

export const REPORT_SPREADSHEET_NAME = 'Agorà — Report';
const REPORT_PROPERTY = 'agora.reportSpreadsheet';

/** «Agorà — Report» in Agorà's folder (its sheets: Report, Semestre, Indagine), HR views it. */
export function reportSpreadsheet(admins: readonly string[]): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const props = PropertiesService.getScriptProperties();
  return folderSpreadsheet(
    REPORT_SPREADSHEET_NAME,
    props.getProperty(REPORT_PROPERTY),
    (id) => props.setProperty(REPORT_PROPERTY, id),
    admins,
  );
}
const REPORT_SHEET = 'Report';

/** A report cell: numbers as numbers (the charts read them), «<5» and names as text. */
const cellOf = (text: string): string | number => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text);

/**
 * The report in the «Report» sheet of «Agorà — Report» (Agorà's folder, HR can view): the table,
 * the organisations' totals and the shared sites' days beside it, and native charts drawn on
 * them (EmbeddedChartBuilder): approved days, share of smart work and km avoided per
 * organisation, and each shared site's occupancy by day. Rewritten whole for `month`.
 */
export function writeReportSheet(
  register: SheetsRegister,
  month: string,
): { spreadsheetId: string; charts: number } {
  const report = reportOf(register, month);
  const ss = reportSpreadsheet(register.load().admins);
  const sheet = ss.getSheetByName(REPORT_SHEET) ?? ss.getSheets()[0].setName(REPORT_SHEET);
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  sheet.clearContents();
  const table = [[...REPORT_COLUMNS] as string[], ...reportRows(report)].map((r) => r.map(cellOf));
  sheet.getRange(1, 1, table.length, table[0].length).setValues(table);
  sheet.setFrozenRows(1);

  // Beside the table, what the charts draw: the organisations' totals, then the sites by day.
  const at = REPORT_COLUMNS.length + 2;
  const totals = report.groups.filter((g) => !g.sector && !g.suppressed);
  const summary: (string | number)[][] = [
    ['Ente', 'Giornate approvate', 'Quota di lavoro agile (%)', 'Km evitati'],
    ...totals.map((g) => [g.organisation, g.approved, g.smartShare, g.kmAvoided]),
  ];
  sheet.getRange(1, at, summary.length, 4).setValues(summary);
  const dates = [...new Set(report.sites.flatMap((x) => x.days.map((d) => d.date)))].sort();
  const occupancy: (string | number)[][] = [
    ['Data', ...report.sites.map((x) => x.name)],
    ...dates.map((date) => [
      date,
      ...report.sites.map((x) => x.days.find((d) => d.date === date)?.people ?? 0),
    ]),
  ];
  const occupancyRow = summary.length + 3;
  sheet.getRange(occupancyRow, at, occupancy.length, occupancy[0].length).setValues(occupancy);

  const column = (c: number) => sheet.getRange(1, c, summary.length, 1);
  const place = at + Math.max(5, occupancy[0].length + 1);
  const charts = [
    sheet
      .newChart()
      .asColumnChart()
      .addRange(column(at))
      .addRange(column(at + 1))
      .setOption('title', `Giornate approvate per ente (${month})`),
    sheet
      .newChart()
      .asBarChart()
      .addRange(column(at))
      .addRange(column(at + 2))
      .setOption('title', `Quota di lavoro agile per ente, % (${month})`),
    sheet
      .newChart()
      .asColumnChart()
      .addRange(column(at))
      .addRange(column(at + 3))
      .setOption('title', `Km evitati per ente (${month})`),
  ];
  if (dates.length)
    charts.push(
      sheet
        .newChart()
        .asLineChart()
        .addRange(sheet.getRange(occupancyRow, at, occupancy.length, occupancy[0].length))
        .setOption('title', `Occupazione delle sedi condivise per giorno (${month})`),
    );
  charts.forEach((builder, i) => sheet.insertChart(builder.setPosition(1 + i * 20, place, 0, 0).build()));
  return { spreadsheetId: ss.getId(), charts: charts.length };
}

/** A month's exports at once (the owner's entry point and the demo): files and the report sheet. */
export function exportMonth(
  register: SheetsRegister,
  month: string,
): { files: WrittenFile[]; spreadsheetId: string; charts: number } {
  if (!MONTH.test(month)) throw new Error(`Mese non valido: «${month}» (AAAA-MM).`);
  const files = [daysCsv(register, { month }), approvedIcs(register, { month }), reportCsv(register, month)];
  return { files, ...writeReportSheet(register, month) };
}

/** The month before today's (YYYY-MM), Europe/Rome. */
export function lastMonth(): string {
  const [y, m] = toRomeLocal(Date.now()).date.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The entry point: the owner, holding the script lock; `month` defaults to last month. */
export function exportReportsNow(month?: string): ReportExport {
  requireOwner('Report ed esportazioni');
  const done = gasLock.withLock(() =>
    exportMonth(new SheetsRegister(registerSpreadsheet()), month ? String(month) : lastMonth()),
  );
  return { ...done, files: done.files.map(({ name, fileId }) => ({ name, fileId })) };
}

export interface ReportExport {
  files: { name: string; fileId: string }[];
  spreadsheetId: string;
  charts: number;
}

const HALF_YEAR_TEMPLATE_PROPERTY = 'agora.halfYearTemplateId';

/**
 * The half-yearly report `half` (YYYY-H1 or YYYY-H2): a copy of the template «Agorà — Modello
 * relazione semestrale» filled in, with the tables by organisation and by month appended, named
 * «Relazione semestrale lavoro agile YYYY-Hn» in Agorà's folder, and its PDF beside it (an
 * earlier version of either goes to the trash).
 */
export function writeHalfYearReport(
  register: SheetsRegister,
  half: string,
): { docId: string; pdfId: string } {
  const months = halfYearMonths(half);
  if (!months.length) throw new Error(`Semestre non valido: «${half}» (AAAA-H1 o AAAA-H2).`);
  const folder = agoraFolder();
  const template = ensureDocTemplate(
    folder,
    HALF_YEAR_TEMPLATE_NAME,
    HALF_YEAR_TEMPLATE,
    HALF_YEAR_TEMPLATE_PROPERTY,
  );
  const { fields, tables } = halfYearSummary(
    half,
    months.map((m) => reportOf(register, m)),
    toRomeLocal(Date.now()).date,
  );
  const name = `Relazione semestrale lavoro agile ${half}`;
  for (const old of [name, `${name}.pdf`]) {
    const previous = folder.getFilesByName(old);
    while (previous.hasNext()) previous.next().setTrashed(true);
  }
  const copy = DriveApp.getFileById(template).makeCopy(name, folder);
  const doc = DocumentApp.openById(copy.getId());
  const body = doc.getBody();
  for (const [field, value] of Object.entries(fields)) body.replaceText(fieldPattern(field), value);
  for (const table of tables) body.appendTable(table);
  for (const image of halfYearCharts(register, half, tables[0])) {
    body.appendParagraph(image.title).setHeading(DocumentApp.ParagraphHeading.HEADING2);
    body.appendImage(image.png).setWidth(560);
  }
  doc.saveAndClose();
  const pdf = folder.createFile(copy.getAs('application/pdf').setName(`${name}.pdf`));
  return { docId: copy.getId(), pdfId: pdf.getId() };
}

/**
 * The half year's charts, drawn by Sheets: the organisations' table in the «Semestre» sheet of
 * «Agorà — Report», a native chart per measure, and each chart as a PNG for the document.
 */
function halfYearCharts(
  register: SheetsRegister,
  half: string,
  table: string[][],
): { title: string; png: GoogleAppsScript.Base.Blob }[] {
  const ss = reportSpreadsheet(register.load().admins);
  const sheet = ss.getSheetByName('Semestre') ?? ss.insertSheet('Semestre');
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  sheet.clearContents();
  // The table's numbers as numbers (written with Italian thousands separators in the document).
  const values = table.map((row, r) =>
    row.map((cell, c) => (r > 0 && c > 0 ? Number(cell.replace(/\./g, '').replace(',', '.')) : cell)),
  );
  sheet.getRange(1, 1, values.length, values[0].length).setValues(values);
  const charts = [
    { column: 2, title: `Giornate approvate per ente, ${half}` },
    { column: 5, title: `Km evitati per ente, ${half}` },
  ];
  return charts.map(({ column, title }, i) => {
    const chart = sheet
      .newChart()
      .asColumnChart()
      .addRange(sheet.getRange(1, 1, values.length, 1))
      .addRange(sheet.getRange(1, column, values.length, 1))
      .setOption('title', title)
      .setPosition(1 + i * 20, values[0].length + 2, 0, 0)
      .build();
    sheet.insertChart(chart);
    return { title, png: chart.getAs('image/png') };
  });
}

/** The entry point: the owner; `half` defaults to the last half year that has ended. */
export function halfYearReportNow(half?: string): { docId: string; pdfId: string } {
  requireOwner('Relazione semestrale');
  const [y, m] = toRomeLocal(Date.now()).date.split('-').map(Number);
  const last = m <= 6 ? `${y - 1}-H2` : `${y}-H1`;
  return gasLock.withLock(() =>
    writeHalfYearReport(new SheetsRegister(registerSpreadsheet()), half ? String(half) : last),
  );
}
