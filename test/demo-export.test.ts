// `npm run demo -- --export DIR`: the demo organisation built through the product, and the
// Ministry export it leaves in Drive, checked against the demo's own agreements independently.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportDemo } from '../dev/demo/main';
import { buildDemoOrganisation, demoStaffRecord } from '../dev/playground/demo-org';
import { parseCsv } from '../src/domain/csv';
import type { IsoDate } from '../src/domain/dates';
import { missingFields, NOTICE_COLUMNS } from '../src/domain/ministry';
import { parseTaxCode } from '../src/domain/tax-code';
import { HolidayCalendar } from '../src/domain/holidays';
import { REPORT_COLUMNS } from '../src/domain/report';
import ICAL from 'ical.js';
import { bundlePath } from './helpers/bundle';

jest.setTimeout(300_000);

const ddmmyyyy = (d: string) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '');

describe('demo export', () => {
  let dir = '';
  let exported: ReturnType<typeof exportDemo> | null = null;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('comunicazioni-ministero.csv: a header row, one start notice per signed agreement, every required field filled', () => {
    dir = mkdtempSync(join(tmpdir(), 'agora-demo-'));
    const result = exportDemo(dir, bundlePath());
    expect(result.files.map((f) => f.name)).toEqual([
      'comunicazioni-ministero.csv',
      'giornate.csv',
      'giornate.ics',
      `report-${result.month}.csv`,
    ]);
    exported = result;
    const parsed = parseCsv(readFileSync(join(dir, 'comunicazioni-ministero.csv'), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    const [header, ...rows] = parsed.rows.map((r) => r.fields);
    expect(header).toEqual(NOTICE_COLUMNS.map(([, h]) => h));

    // Independently: the demo's agreements signed by both parties, and each person's record.
    const org = buildDemoOrganisation();
    const employees = new Map(org.employees.map((e) => [e.email, e]));
    const signed = org.agreements.filter((a) => a.signedByEmployee && a.signedByManager);
    expect(signed.length).toBeGreaterThan(100);
    expect(rows).toHaveLength(signed.length);
    expect(result.ministry).toEqual({ notices: signed.length, incomplete: 0 });
    const col = (name: string) => NOTICE_COLUMNS.findIndex(([, h]) => h === name);
    const byWorker = new Map(
      rows.map((r) => [`${r[col('Codice fiscale lavoratore')]} ${r[col('Data inizio periodo')]}`, r]),
    );
    for (const a of signed) {
      const e = employees.get(a.employee);
      if (!e) throw new Error(`no employee ${a.employee}`);
      const record = demoStaffRecord(e);
      const row = byWorker.get(`${record.taxCode} ${ddmmyyyy(a.from)}`);
      expect(row).toBeDefined();
      if (!row) continue;
      expect(missingFields(row)).toEqual([]);
      const signature = a.signedByEmployee > a.signedByManager ? a.signedByEmployee : a.signedByManager;
      expect({
        surname: row[col('Cognome')],
        birth: row[col('Data di nascita')],
        employer: row[col('Denominazione datore di lavoro')],
        signed: row[col('Data sottoscrizione accordo')],
        duration: row[col('Tipologia durata periodo')],
        end: row[col('Data fine periodo')],
        kind: row[col('Tipologia comunicazione')],
      }).toEqual({
        surname: record.surname,
        birth: ddmmyyyy(record.birthDate),
        employer: e.organisation,
        signed: ddmmyyyy(signature),
        duration: a.to ? 'TD' : 'TI',
        end: ddmmyyyy(a.to),
        kind: 'I',
      });
      // The tax code is a real one and agrees with the birth date.
      const tax = parseTaxCode(row[col('Codice fiscale lavoratore')], '2026-11-16' as IsoDate);
      expect(tax.ok && ddmmyyyy(tax.facts.birthDate)).toBe(row[col('Data di nascita')]);
      expect(row[col('Codice fiscale datore di lavoro')]).toMatch(/^\d{11}$/);
    }
  });

  /** A CSV file of the export as rows of fields. */
  const readRows = (name: string): string[][] => {
    const parsed = parseCsv(readFileSync(join(dir, name), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.rows.map((r) => r.fields);
  };

  test('the monthly report agrees with its numbers recomputed here from giornate.csv and the demo’s people', () => {
    if (!exported) throw new Error('the export did not run');
    const month = exported.month;
    expect(month).toBe('2026-10');
    const [dayHeader, ...days] = readRows('giornate.csv');
    const c = (name: string) => dayHeader.indexOf(name);
    expect(days.length).toBeGreaterThan(50);
    expect(days.every((d) => d[c('Data')].startsWith(`${month}-`))).toBe(true);
    const [reportHeader, ...report] = readRows(`report-${month}.csv`);
    expect(reportHeader).toEqual([...REPORT_COLUMNS]);

    // Independently: the demo's people, their agreements and working days, and the days' rows.
    const org = buildDemoOrganisation();
    const holidays = new HolidayCalendar(
      org.holidays.map((h) => ({
        date: h.date,
        name: h.name,
        seat: h.seat || null,
        action: h.action === 'aggiungi' ? ('add' as const) : ('remove' as const),
      })),
    );
    const weekdays = ['lun', 'mar', 'mer', 'gio', 'ven', 'sab', 'dom'];
    const dates = Array.from(
      { length: 31 },
      (_, i) => `${month}-${String(i + 1).padStart(2, '0')}` as IsoDate,
    );
    const workingDays = (e: (typeof org.employees)[number]) =>
      dates.filter((d) => {
        const wd = (new Date(`${d}T12:00:00Z`).getUTCDay() + 6) % 7;
        return e.workingDays.split(' ').includes(weekdays[wd]) && !holidays.holidayAt(d, e.seat);
      });
    const agreed = (email: string, working: IsoDate[]) =>
      org.agreements.some(
        (a) =>
          a.employee === email &&
          a.signedByEmployee &&
          a.signedByManager &&
          working.some((d) => a.from <= d && (!a.to || d <= a.to)),
      );
    const expected: string[][] = [];
    const organisations = [...new Set(org.employees.map((e) => e.organisation))].sort((a, b) =>
      a.localeCompare(b, 'it'),
    );
    const groupRow = (organisation: string, sector: string, people: typeof org.employees, hide = false) => {
      if (hide || people.length < 5)
        return [month, organisation, sector || '(tutto l’ente)', ...Array(12).fill('<5')];
      const emails = new Set(people.map((p) => p.email));
      const mine = days.filter((d) => emails.has(d[c('Dipendente')]));
      const status = (s: string) => mine.filter((d) => d[c('Stato')] === s).length;
      const withAgreement = people.filter((p) => agreed(p.email, workingDays(p)));
      const approved = status('approvata');
      const working = withAgreement.reduce((n, p) => n + workingDays(p).length, 0);
      const km = mine
        .filter((d) => d[c('Stato')] === 'approvata' && d[c('Luogo')] === 'casa')
        .reduce(
          (n, d) => n + 2 * (org.employees.find((e) => e.email === d[c('Dipendente')])?.commuteKm ?? 0),
          0,
        );
      return [
        month,
        organisation,
        sector || '(tutto l’ente)',
        people.length,
        withAgreement.length,
        mine.length,
        approved,
        status('rifiutata'),
        status('respinta'),
        status('annullata'),
        status('in attesa'),
        withAgreement.length ? Math.round((approved / withAgreement.length) * 10) / 10 : 0,
        working ? Math.round((1000 * approved) / working) / 10 : 0,
        Math.round(km),
        Math.round(km * 0.165),
      ].map(String);
    };
    for (const o of organisations) {
      const people = org.employees.filter((e) => e.organisation === o);
      expected.push(groupRow(o, '', people));
      const sectors = [...new Set(people.map((e) => e.sector))].sort((a, b) => a.localeCompare(b, 'it'));
      const size = (s: string) => people.filter((e) => e.sector === s).length;
      // Hidden: the sectors under 5, and with them the smallest others until together they are 5.
      const hidden = sectors.filter((s) => size(s) < 5);
      while (hidden.length && hidden.reduce((n, s) => n + size(s), 0) < 5 && hidden.length < sectors.length) {
        const shown = sectors.filter((s) => !hidden.includes(s));
        const smallest = Math.min(...shown.map(size));
        hidden.push(shown.find((s) => size(s) === smallest) as string);
      }
      for (const sector of sectors)
        expected.push(
          groupRow(
            o,
            sector,
            people.filter((e) => e.sector === sector),
            hidden.includes(sector),
          ),
        );
    }
    expect(report).toEqual(expected);
    // The report has something to say: approved days and km avoided in most organisations.
    const totals = report.filter((r) => r[2] === '(tutto l’ente)');
    expect(totals.filter((r) => Number(r[6]) > 0).length).toBeGreaterThanOrEqual(4);
    // Small groups are suppressed, and nothing in it names a person.
    expect(report.some((r) => r[3] === '<5')).toBe(true);
    expect(readFileSync(join(dir, `report-${month}.csv`), 'utf8')).not.toMatch(/@/);
  });

  test('giornate.ics, read by ical.js, has one event per approved day of giornate.csv, on its date', () => {
    if (!exported) throw new Error('the export did not run');
    const [header, ...days] = readRows('giornate.csv');
    const c = (name: string) => header.indexOf(name);
    const approved = days.filter((d) => d[c('Stato')] === 'approvata');
    expect(approved.length).toBeGreaterThan(40);
    const calendar = new ICAL.Component(ICAL.parse(readFileSync(join(dir, 'giornate.ics'), 'utf8')));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(approved.length);
    const byUid = new Map(events.map((e) => [e.uid.replace(/@.*$/, ''), e]));
    for (const d of approved) {
      const event = byUid.get(d[c('ID')]);
      expect(event).toBeDefined();
      if (!event) continue;
      expect(event.startDate.isDate).toBe(true);
      expect(event.startDate.toString()).toBe(d[c('Data')]);
      expect(event.summary).toContain(d[c('Nome')]);
    }
  });
});
