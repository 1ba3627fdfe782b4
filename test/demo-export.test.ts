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
import { bundlePath } from './helpers/bundle';

jest.setTimeout(300_000);

const ddmmyyyy = (d: string) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '');

describe('demo export', () => {
  let dir = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('comunicazioni-ministero.csv: a header row, one start notice per signed agreement, every required field filled', () => {
    dir = mkdtempSync(join(tmpdir(), 'agora-demo-'));
    const result = exportDemo(dir, bundlePath());
    expect(result.files.map((f) => f.name)).toEqual(['comunicazioni-ministero.csv']);
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
});
