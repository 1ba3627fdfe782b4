// The reports through the bundle: the owner's exportReports writes giornate.csv, giornate.ics and
// report-YYYY-MM.csv into Agorà's folder and the «Report» sheet with native charts on its
// numbers; the web view `?report=` draws the same figures as SVG for HR and managers only.
import ICAL from 'ical.js';
import { parseCsv } from '../../src/domain/csv';
import { REPORT_COLUMNS } from '../../src/domain/report';
import { PROPERTY } from '../../src/gas/properties';
import type { ReportExport } from '../../src/gas/reports';
import { ANNA, LUCA, MANAGER, OWNER, Product, bundlePath, crowd } from '../helpers/product';

beforeAll(() => {
  bundlePath();
});

/** Eight people of Mario's (a group of more than 5) with days in November, some approved. */
function withDays(): Product {
  const p = Product.start({ at: '2026-11-02T09:00', seed: crowd(8) });
  const people = Array.from(
    { length: 8 },
    (_, i) => `person${String(i).padStart(3, '0')}@terredargine.example`,
  );
  people.forEach((who, i) => p.submit(who, [`2026-11-${String(9 + (i % 5)).padStart(2, '0')}`]));
  p.approve(
    MANAGER,
    people
      .slice(0, 5)
      .map((who, i) => ({ employee: who, date: `2026-11-${String(9 + (i % 5)).padStart(2, '0')}` })),
  );
  p.at('2026-12-01T09:00');
  return p;
}

function html(output: unknown): string {
  return (output as { getContent(): string }).getContent();
}

describe('reports', () => {
  test('exportReports: the three files in Agorà’s folder and the Report sheet with its charts', () => {
    const p = withDays();
    const result = p.bundle.run(OWNER, 'exportReports', '2026-11') as ReportExport;
    expect(result.files.map((f) => f.name)).toEqual(['giornate.csv', 'giornate.ics', 'report-2026-11.csv']);
    const root = p.property(PROPERTY.driveRootId);
    for (const f of result.files) expect(p.state.drive.items[f.fileId].parents).toEqual([root]);
    const csv = parseCsv(p.state.drive.items[result.files[2].fileId].content ?? '');
    if (!csv.ok) throw new Error(csv.message);
    const [header, ...rows] = csv.rows.map((r) => r.fields);
    expect(header).toEqual([...REPORT_COLUMNS]);
    // The organisation: eight people, all with an agreement; eight days asked, five approved,
    // three waiting. Its sectors have one person each: suppressed.
    const total = rows.find((r) => r[2] === '(tutto l’ente)');
    expect(total?.slice(3, 11)).toEqual(['8', '8', '8', '5', '0', '0', '0', '3']);
    expect(rows.filter((r) => r[2] !== '(tutto l’ente)').every((r) => r[3] === '<5')).toBe(true);
    // The sheet: the table, and four charts… or three when no shared site had a day.
    const ss = p.asOwner(() => p.globals.SpreadsheetApp.openById(result.spreadsheetId));
    const sheet = p.asOwner(() => ss.getSheetByName('Report'));
    if (!sheet) throw new Error('no Report sheet');
    const charts = p.asOwner(() => sheet.getCharts());
    expect(charts).toHaveLength(result.charts);
    expect(result.charts).toBe(3);
    const titles = p.asOwner(() => charts.map((c) => String(c.getOptions().get('title'))));
    expect(titles).toEqual([
      'Giornate approvate per ente (2026-11)',
      'Quota di lavoro agile per ente, % (2026-11)',
      'Km evitati per ente (2026-11)',
    ]);
    // Each chart draws the organisations' names and one column of numbers.
    const drawn = p.asOwner(() => charts[0].getRanges().map((r) => r.getValues().map((row) => row[0])));
    expect(drawn[0][0]).toBe('Ente');
    expect(drawn[1]).toEqual(['Giornate approvate', 5]);
    // Again: the same charts, not twice as many; the old CSVs went to the trash.
    const again = p.bundle.run(OWNER, 'exportReports', '2026-11') as ReportExport;
    expect(p.asOwner(() => sheet.getCharts()).length).toBe(3);
    expect(p.state.drive.items[result.files[0].fileId].trashed).toBe(true);
    expect(again.spreadsheetId).toBe(result.spreadsheetId);
  });

  test('only the owner runs exportReports; a month that is not one is refused', () => {
    const p = withDays();
    expect(() => p.bundle.run(ANNA, 'exportReports', '2026-11')).toThrow();
    expect(() => p.bundle.run(OWNER, 'exportReports', 'novembre')).toThrow(/Mese non valido/);
  });

  test('the web view draws the report as SVG for HR and the manager; others are told it is not for them', () => {
    const p = Product.start({ at: '2026-12-01T09:00' });
    p.submit(ANNA, ['2026-12-09']);
    const hr = html(p.bundle.openWebApp(OWNER, { report: '2026-12' }));
    expect(hr).toContain('Report del lavoro agile — dicembre 2026');
    expect(hr).toContain('<svg role="img" aria-label="Quota di lavoro agile per ente, dicembre 2026"');
    expect(hr).not.toMatch(/<script/);
    // Mario manages people: he sees it too. Three people in all: every group is under 5.
    const manager = html(p.bundle.openWebApp(MANAGER, { report: '2026-12' }));
    expect(manager).toContain('meno di 5 persone: non mostrato');
    expect(manager).not.toContain(ANNA);
    expect(html(p.bundle.openWebApp(LUCA, { report: '2026-12' }))).toContain(
      'Il report è per il servizio personale e i responsabili.',
    );
  });
});

describe('staff survey', () => {
  test('the Form is made once in Agorà’s folder; its redemption table counts answers by structure', () => {
    const p = Product.start({ at: '2026-12-01T09:00', seed: crowd(8) });
    const made = p.bundle.run(OWNER, 'createStaffSurvey') as { formId: string; created: boolean };
    expect(made.created).toBe(true);
    expect((p.bundle.run(OWNER, 'createStaffSurvey') as { formId: string; created: boolean }).created).toBe(
      false,
    );
    expect(p.state.drive.items[made.formId].parents).toEqual([p.property(PROPERTY.driveRootId)]);
    const form = p.state.forms.forms[made.formId];
    expect(form.items[0].title).toBe('Struttura organizzativa');
    // Three of the eight answer; one tries twice and is refused (one response per person).
    const answer = (who: string) =>
      p.testing.forms.submit(made.formId, who, {
        'Struttura organizzativa': "Unione Terre d'Argine",
        'Negli ultimi dodici mesi hai lavorato da remoto?': 'No',
        'Coordini personale? Se sì, qualcuno del tuo gruppo ha lavorato da remoto?': 'Non coordino personale',
        'Nel complesso, quanto è stata utile l’esperienza di lavoro agile?': '4 — molto',
        'Sei favorevole a consolidare il lavoro agile?': 'Sì',
        'Quanto è adeguata la strumentazione tecnologica?': '3 — abbastanza',
      });
    for (const i of [0, 1, 2]) answer(`person00${i}@terredargine.example`);
    expect(() => answer('person000@terredargine.example')).toThrow();
    // Nobody's address is kept with the answers.
    expect(JSON.stringify(p.state.forms.forms[made.formId].responses)).not.toMatch(/person00/);
    const table = p.bundle.run(OWNER, 'staffSurveyRedemption') as {
      rows: { structure: string; invited: number; respondents: number; percent: number }[];
      total: { invited: number; respondents: number; percent: number };
    };
    expect(table.total).toMatchObject({ invited: 8, respondents: 3, percent: 38 });
  });
});

describe('half-yearly report', () => {
  test('a Doc from the template with its tables, and its PDF, in Agorà’s folder; made again, the old ones go', () => {
    const p = withDays();
    const first = p.bundle.run(OWNER, 'halfYearReport', '2026-H2') as { docId: string; pdfId: string };
    const root = p.property(PROPERTY.driveRootId);
    const doc = p.state.drive.items[first.docId];
    expect([doc.name, doc.parents]).toEqual(['Relazione semestrale lavoro agile 2026-H2', [root]]);
    const body = JSON.parse(doc.content ?? '{}') as { paragraphs: { text: string; table?: string[][] }[] };
    const text = body.paragraphs.map((x) => x.text).join('\n');
    expect(text).toContain('Secondo semestre 2026 (luglio–dicembre)');
    expect(text).toContain('le giornate di lavoro agile approvate sono state 5');
    expect(text).not.toContain('{{');
    const tables = body.paragraphs.filter((x) => x.table).map((x) => x.table as string[][]);
    expect(tables[0][0][0]).toBe('Ente');
    expect(tables[0][1].slice(0, 2)).toEqual(["Unione Terre d'Argine", '5']);
    expect(tables[1].map((r) => r[0])).toEqual([
      'Mese',
      'luglio 2026',
      'agosto 2026',
      'settembre 2026',
      'ottobre 2026',
      'novembre 2026',
      'dicembre 2026',
    ]);
    // Two charts drawn by Sheets from the organisations' table, as PNG images in the document.
    const images = (body.paragraphs as { image?: { contentType: string; base64: string } }[])
      .filter((x) => x.image)
      .map((x) => Buffer.from(x.image?.base64 ?? '', 'base64'));
    expect(images).toHaveLength(2);
    for (const png of images) expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(text).toContain('Km evitati per ente, 2026-H2');
    const pdf = p.state.drive.items[first.pdfId];
    expect([pdf.name, pdf.mimeType, pdf.parents]).toEqual([
      'Relazione semestrale lavoro agile 2026-H2.pdf',
      'application/pdf',
      [root],
    ]);
    expect(pdf.content).toMatch(/^%PDF-/);
    expect(pdf.content).toContain('Relazione semestrale sul lavoro agile');
    const again = p.bundle.run(OWNER, 'halfYearReport', '2026-H2') as { docId: string; pdfId: string };
    expect(p.state.drive.items[first.docId].trashed).toBe(true);
    expect(p.state.drive.items[again.pdfId].trashed).toBe(false);
    expect(() => p.bundle.run(OWNER, 'halfYearReport', '2026-H3')).toThrow(/Semestre non valido/);
  });
});

describe('downloads from the web view', () => {
  type Output = { getContent(): string; getMimeType(): string; getFileName(): string | null };
  test('an employee downloads their approved days as iCalendar; the manager their team’s days as CSV; others nothing', () => {
    const p = Product.start({ at: '2026-12-01T09:00' });
    p.submit(ANNA, ['2026-12-09', '2026-12-10']);
    p.submit(LUCA, ['2026-12-11']);
    p.approve(MANAGER, [
      { employee: ANNA, date: '2026-12-09' },
      { employee: LUCA, date: '2026-12-11' },
    ]);
    const mine = p.bundle.openWebApp(ANNA, { ics: 'mine' }) as Output;
    expect([mine.getMimeType(), mine.getFileName()]).toEqual(['text/calendar', 'mie-giornate.ics']);
    const events = new ICAL.Component(ICAL.parse(mine.getContent()))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v).startDate.toString());
    expect(events).toEqual(['2026-12-09']); // the pending day is not in it, Luca's neither
    const csv = p.bundle.openWebApp(MANAGER, { csv: 'days', mese: '2026-12' }) as Output;
    expect([csv.getMimeType(), csv.getFileName()]).toEqual(['text/csv', 'giornate.csv']);
    const parsed = parseCsv(csv.getContent());
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.rows.slice(1).map((r) => [r.fields[3], r.fields[5], r.fields[7]])).toEqual([
      [ANNA, '2026-12-09', 'approvata'],
      [ANNA, '2026-12-10', 'in attesa'],
      [LUCA, '2026-12-11', 'approvata'],
    ]);
    const refused = p.bundle.openWebApp(LUCA, { csv: 'days' }) as Output;
    expect([refused.getFileName(), refused.getContent()]).toEqual([
      null,
      'Questo file è per il servizio personale e i responsabili.',
    ]);
  });
});
