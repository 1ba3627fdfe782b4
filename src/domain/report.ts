// The monthly report the Unione publishes (issue 11): per organisation and sector, who has an
// agreement, the smart days asked and what became of them, days per person, the share of working
// days worked remotely, the shared sites' occupancy by day, the days a team was too thin, and the
// commuting avoided (km and CO2). Aggregates only: a group of fewer than MIN_GROUP people is
// suppressed (its numbers are not shown, it still counts in its organisation's total); gender and
// priority categories never enter it. Pure: the days and the register's people in, numbers out.
import { addDays, daysInMonth, weekdayCode, type IsoDate } from './dates';
import type { HolidayCalendar } from './holidays';
import { HOME, type Agreement, type DayStatus, type Employee, type Site } from './model';
import { DEFAULT_POLICY, type Policy } from './policy';

/** Groups smaller than this are suppressed (statistical confidentiality). */
export const MIN_GROUP = 5;

/**
 * kg of CO2 per km of a commuting car, the default of the policy parameter. Source: ISPRA, average
 * emission factors of road transport in Italy (fattori di emissione medi del trasporto stradale,
 * passenger cars, whole fleet, CO2 tank-to-wheel), about 160-170 g/km in the 2020s: 0.165 is used
 * until HR sets the value of the latest table in Configurazione.
 */
export const DEFAULT_EMISSION_FACTOR = DEFAULT_POLICY.emissionFactor;
export const EMISSION_FACTOR_SOURCE =
  'ISPRA, fattori di emissione medi del trasporto stradale (autovetture, parco circolante): kg CO₂ per km';

/** A day as the report reads it (a row of Giornate, live or archived). */
export interface ReportDay {
  employee: string;
  date: string;
  status: DayStatus;
  location: string;
  /** Rules that refused it (status refused). */
  rules: string[];
}

export interface GroupFigures {
  organisation: string;
  /** '' for the organisation's total. */
  sector: string;
  staff: number;
  /** People with an agreement in force on some working day of the month. */
  withAgreement: number;
  requested: number;
  approved: number;
  rejected: number;
  refused: number;
  cancelled: number;
  pending: number;
  /** Approved days per person with an agreement (one decimal). */
  daysPerPerson: number;
  /** Approved days over the working days of the people with an agreement, in % (one decimal). */
  smartShare: number;
  /** Round trips not driven: commute km × 2 for each approved day at home. */
  kmAvoided: number;
  co2Kg: number;
  /** Fewer than MIN_GROUP people: the figures above are zeros and must not be shown. */
  suppressed: boolean;
}

export interface MonthlyReport {
  month: string;
  groups: GroupFigures[];
  /** Approved days at each shared site, per working day with at least one. */
  sites: { siteId: string; name: string; capacity: number; days: { date: IsoDate; people: number }[] }[];
  /** Days a sector had more of its people away than the policy allows. */
  coverage: { organisation: string; sector: string; date: IsoDate; away: number; staff: number }[];
  emissionFactor: { kgPerKm: number; source: string };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The dates of a month (`YYYY-MM`). */
export function monthDates(month: string): IsoDate[] {
  const [y, m] = month.split('-').map(Number);
  const first = `${month}-01` as IsoDate;
  return Array.from({ length: daysInMonth(y, m) }, (_, i) => addDays(first, i));
}

/** The person's working days of the month: their weekdays, holidays of their seat out. */
export function workingDaysOf(e: Employee, month: string, holidays: HolidayCalendar): IsoDate[] {
  return monthDates(month).filter(
    (d) => e.workingDays.includes(weekdayCode(d)) && holidays.holidayAt(d, e.seat) === null,
  );
}

const inForceOn = (a: Agreement, date: IsoDate) =>
  a.from <= date && (a.to === null || date <= a.to) && !!a.signedByEmployee && !!a.signedByManager;

export function monthlyReport(input: {
  month: string;
  employees: readonly Employee[];
  agreements: readonly Agreement[];
  days: readonly ReportDay[];
  sites: readonly Site[];
  holidays: HolidayCalendar;
  policy: Pick<Policy, 'maxTeamShare'>;
  emissionFactor: number;
}): MonthlyReport {
  const { month, employees, agreements, holidays } = input;
  const inMonth = input.days.filter((d) => d.date.startsWith(`${month}-`));
  const working = new Map(employees.map((e) => [e.email, workingDaysOf(e, month, holidays)]));
  const agreed = new Set(
    employees
      .filter((e) =>
        agreements.some(
          (a) => a.employee === e.email && (working.get(e.email) ?? []).some((d) => inForceOn(a, d)),
        ),
      )
      .map((e) => e.email),
  );
  const byEmployee = new Map(employees.map((e) => [e.email, e]));
  const figures = (organisation: string, sector: string, people: Employee[]): GroupFigures => {
    const emails = new Set(people.map((p) => p.email));
    const days = inMonth.filter((d) => emails.has(d.employee));
    const count = (s: DayStatus) => days.filter((d) => d.status === s).length;
    const withAgreement = people.filter((p) => agreed.has(p.email));
    const approved = days.filter((d) => d.status === 'approved');
    const workingDays = withAgreement.reduce((n, p) => n + (working.get(p.email)?.length ?? 0), 0);
    const km = approved
      .filter((d) => d.location === HOME)
      .reduce((n, d) => n + 2 * (byEmployee.get(d.employee)?.commuteKm ?? 0), 0);
    const suppressed = people.length < MIN_GROUP;
    const out: GroupFigures = {
      organisation,
      sector,
      staff: people.length,
      withAgreement: withAgreement.length,
      requested: days.length,
      approved: approved.length,
      rejected: count('rejected'),
      refused: count('refused'),
      cancelled: count('cancelled'),
      pending: count('pending'),
      daysPerPerson: withAgreement.length ? round1(approved.length / withAgreement.length) : 0,
      smartShare: workingDays ? round1((100 * approved.length) / workingDays) : 0,
      kmAvoided: Math.round(km),
      co2Kg: Math.round(km * input.emissionFactor),
      suppressed,
    };
    return suppressed ? { ...zero(out), organisation, sector, suppressed } : out;
  };
  const groups: GroupFigures[] = [];
  const organisations = [...new Set(employees.map((e) => e.organisation))].sort((a, b) =>
    a.localeCompare(b, 'it'),
  );
  for (const org of organisations) {
    const people = employees.filter((e) => e.organisation === org);
    groups.push(figures(org, '', people));
    const sectors = [...new Set(people.map((e) => e.sector))].sort((a, b) => a.localeCompare(b, 'it'));
    const sizes = new Map(sectors.map((s) => [s, people.filter((e) => e.sector === s).length]));
    // Secondary suppression: the organisation's total minus the sectors shown must not give away
    // a group of fewer than MIN_GROUP people, so the smallest other sectors are hidden with it.
    const hidden = new Set(sectors.filter((s) => (sizes.get(s) ?? 0) < MIN_GROUP));
    const hiddenPeople = () => [...hidden].reduce((n, s) => n + (sizes.get(s) ?? 0), 0);
    while (hidden.size && hiddenPeople() < MIN_GROUP && hidden.size < sectors.length) {
      const next = sectors
        .filter((s) => !hidden.has(s))
        .sort((a, b) => (sizes.get(a) ?? 0) - (sizes.get(b) ?? 0))[0];
      hidden.add(next);
    }
    for (const sector of sectors) {
      const g = figures(
        org,
        sector,
        people.filter((e) => e.sector === sector),
      );
      groups.push(hidden.has(sector) && !g.suppressed ? { ...zero(g), suppressed: true } : g);
    }
  }

  const approvedDays = inMonth.filter((d) => d.status === 'approved');
  const sites = input.sites.map((s) => {
    const perDay = new Map<IsoDate, number>();
    for (const d of approvedDays)
      if (d.location === s.id) perDay.set(d.date as IsoDate, (perDay.get(d.date as IsoDate) ?? 0) + 1);
    return {
      siteId: s.id,
      name: s.name,
      capacity: s.capacity,
      days: [...perDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, people]) => ({ date, people })),
    };
  });

  // A team too thin: more of a sector's people away on a working day than the policy allows
  // (sectors of fewer than MIN_GROUP people are left out: naming the day would name the people).
  const coverage: MonthlyReport['coverage'] = [];
  for (const org of organisations)
    for (const sector of new Set(employees.filter((e) => e.organisation === org).map((e) => e.sector))) {
      const people = employees.filter((e) => e.organisation === org && e.sector === sector);
      if (people.length < MIN_GROUP) continue;
      const emails = new Set(people.map((p) => p.email));
      const awayOn = new Map<string, number>();
      for (const d of approvedDays)
        if (emails.has(d.employee)) awayOn.set(d.date, (awayOn.get(d.date) ?? 0) + 1);
      for (const [date, away] of [...awayOn].sort(([a], [b]) => (a < b ? -1 : 1)))
        if (away / people.length > input.policy.maxTeamShare)
          coverage.push({ organisation: org, sector, date: date as IsoDate, away, staff: people.length });
    }
  return {
    month,
    groups,
    sites,
    coverage,
    emissionFactor: { kgPerKm: input.emissionFactor, source: EMISSION_FACTOR_SOURCE },
  };
}

function zero(g: GroupFigures): GroupFigures {
  return {
    ...g,
    staff: 0,
    withAgreement: 0,
    requested: 0,
    approved: 0,
    rejected: 0,
    refused: 0,
    cancelled: 0,
    pending: 0,
    daysPerPerson: 0,
    smartShare: 0,
    kmAvoided: 0,
    co2Kg: 0,
  };
}

/** The report's columns, as published (CSV and the Report sheet). */
export const REPORT_COLUMNS = [
  'Mese',
  'Ente',
  'Settore',
  'Personale',
  'Con accordo',
  'Giornate richieste',
  'Approvate',
  'Rifiutate dal responsabile',
  'Respinte dalle regole',
  'Annullate',
  'In attesa',
  'Giornate per persona',
  'Quota di lavoro agile (%)',
  'Km evitati',
  'CO₂ evitata (kg)',
] as const;

/** The report as rows under REPORT_COLUMNS; a suppressed group says so instead of its numbers. */
export function reportRows(r: MonthlyReport): string[][] {
  return r.groups.map((g) => [
    r.month,
    g.organisation,
    g.sector || '(tutto l’ente)',
    ...(g.suppressed
      ? Array(REPORT_COLUMNS.length - 3).fill('<5')
      : [
          g.staff,
          g.withAgreement,
          g.requested,
          g.approved,
          g.rejected,
          g.refused,
          g.cancelled,
          g.pending,
          g.daysPerPerson,
          g.smartShare,
          g.kmAvoided,
          g.co2Kg,
        ].map(String)),
  ]);
}
