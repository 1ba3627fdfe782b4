// The half-yearly report (issue 11): the six monthly reports of a half year summed per
// organisation, written into a Google Doc from a template kept in Agorà's folder (HR may reword
// it keeping the {{fields}}; the tables and charts are added at its end), then saved as PDF
// beside it. Aggregates only, as the monthly report.
import { MONTH_NAMES_IT, type IsoDate } from './dates';
import { formatDateIt } from './dates';
import type { MonthlyReport } from './report';

export const HALF_YEAR_TEMPLATE_NAME = 'Agorà — Modello relazione semestrale';

/** `YYYY-H1` (January to June) or `YYYY-H2`. */
export const HALF_YEAR = /^(\d{4})-H([12])$/;

export function halfYearMonths(half: string): string[] {
  const m = HALF_YEAR.exec(half);
  if (!m) return [];
  const first = m[2] === '1' ? 1 : 7;
  return Array.from({ length: 6 }, (_, i) => `${m[1]}-${String(first + i).padStart(2, '0')}`);
}

export const HALF_YEAR_TEMPLATE: readonly string[] = [
  '# Relazione semestrale sul lavoro agile',
  '{{Periodo}}',
  'Relazione generata da Agorà il {{Data}}. Dati aggregati: i gruppi con meno di 5 persone non sono mostrati.',
  '## Sintesi',
  'Nel semestre le giornate di lavoro agile approvate sono state {{Approvate}}, per {{ConAccordo}} persone con un accordo in vigore; la quota delle giornate lavorative svolte in lavoro agile è stata del {{Quota}}.',
  'Gli spostamenti casa-lavoro evitati sono stati {{Km}} km, pari a {{CO2}} kg di CO₂ (fattore di emissione {{Fattore}} kg/km, fonte ISPRA).',
  // The tables by organisation and by month, and the charts, follow this last heading.
  '## Dati per ente e per mese',
];

export type HalfYearField =
  'Periodo' | 'Approvate' | 'ConAccordo' | 'Quota' | 'Km' | 'CO2' | 'Fattore' | 'Data';

const it = (n: number) => n.toLocaleString('it-IT');

/** The half year's totals over the organisations shown (never a suppressed one). */
export function halfYearSummary(half: string, reports: readonly MonthlyReport[], today: IsoDate) {
  const m = HALF_YEAR.exec(half);
  const period = m
    ? `${m[2] === '1' ? 'Primo' : 'Secondo'} semestre ${m[1]} (${MONTH_NAMES_IT[m[2] === '1' ? 0 : 6]}–${MONTH_NAMES_IT[m[2] === '1' ? 5 : 11]})`
    : half;
  const byOrg = new Map<
    string,
    { approved: number; km: number; co2: number; shares: number[]; people: number }
  >();
  for (const r of reports)
    for (const g of r.groups.filter((x) => !x.sector && !x.suppressed)) {
      const o = byOrg.get(g.organisation) ?? { approved: 0, km: 0, co2: 0, shares: [], people: 0 };
      o.approved += g.approved;
      o.km += g.kmAvoided;
      o.co2 += g.co2Kg;
      o.shares.push(g.smartShare);
      o.people = Math.max(o.people, g.withAgreement);
      byOrg.set(g.organisation, o);
    }
  const orgs = [...byOrg].sort(([a], [b]) => a.localeCompare(b, 'it'));
  const sum = (f: (o: { approved: number; km: number; co2: number; people: number }) => number) =>
    orgs.reduce((n, [, o]) => n + f(o), 0);
  const mean = (xs: number[]) =>
    xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : 0;
  const fields: Record<HalfYearField, string> = {
    Periodo: period,
    Approvate: it(sum((o) => o.approved)),
    ConAccordo: it(sum((o) => o.people)),
    Quota: `${it(mean(orgs.flatMap(([, o]) => o.shares)))} %`,
    Km: it(sum((o) => o.km)),
    CO2: it(sum((o) => o.co2)),
    Fattore: it(reports[0]?.emissionFactor.kgPerKm ?? 0),
    Data: formatDateIt(today),
  };
  const table: string[][] = [
    [
      'Ente',
      'Giornate approvate',
      'Persone con accordo (max)',
      'Quota media (%)',
      'Km evitati',
      'CO₂ evitata (kg)',
    ],
    ...orgs.map(([name, o]) => [name, it(o.approved), it(o.people), it(mean(o.shares)), it(o.km), it(o.co2)]),
  ];
  const months: string[][] = [
    ['Mese', 'Giornate approvate', 'Km evitati', 'CO₂ evitata (kg)'],
    ...reports.map((r) => {
      const shown = r.groups.filter((g) => !g.sector && !g.suppressed);
      return [
        `${MONTH_NAMES_IT[Number(r.month.slice(5)) - 1]} ${r.month.slice(0, 4)}`,
        it(shown.reduce((n, g) => n + g.approved, 0)),
        it(shown.reduce((n, g) => n + g.kmAvoided, 0)),
        it(shown.reduce((n, g) => n + g.co2Kg, 0)),
      ];
    }),
  ];
  return { fields, tables: [table, months] };
}
