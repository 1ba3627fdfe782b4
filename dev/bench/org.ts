// A deterministic synthetic organisation for the benchmarks: the Unione delle Terre d'Argine,
// its four comuni and the ASP (470 people in 6 organisations, plausible sectors of very
// different sizes), each person with a signed agreement, and 3 shared sites. Another staff count
// scales every sector in proportion (scaledPlan), splitting a sector grown past MAX_UNIT people
// into numbered units, each with its own head, so that teams stay the size of real ones.
// Everything comes from a seeded PRNG (mulberry32): the same seed always gives the same
// organisation, history and requests, so a benchmark run can be repeated and compared. Never
// Math.random.
import { addDays, weekdayCode, type IsoDate, type WeekdayCode } from '../../src/domain/dates';
import { teamKey } from '../../src/domain/history';
import { HolidayCalendar } from '../../src/domain/holidays';
import {
  HOME,
  type Agreement,
  type DayFacts,
  type DayStatus,
  type Eligibility,
  type Employee,
  type Equipment,
  type PriorityCategory,
  type Site,
} from '../../src/domain/model';
import { DEFAULT_POLICY, type Policy, type TimeRange } from '../../src/domain/policy';

/** A small, fast, seeded PRNG (mulberry32): 32-bit state, uniform in [0, 1). */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)];
  }

  /** One of the values, with probability proportional to its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let x = this.next() * total;
    for (const [value, w] of choices) {
      x -= w;
      if (x < 0) return value;
    }
    return choices[choices.length - 1][0];
  }
}

interface OrganisationPlan {
  name: string;
  /** Mail domain of the synthetic addresses (reserved `.example` TLD: never a real mailbox). */
  domain: string;
  seat: string;
  /** The first sector is the direction: its first person is the organisation's director. */
  sectors: readonly (readonly [sector: string, people: number])[];
}

/** 470 people: 150 + 150 + 35 + 50 + 40 + 45. */
const PLAN: readonly OrganisationPlan[] = [
  {
    name: "Unione delle Terre d'Argine",
    domain: 'unione.terredargine.example',
    seat: 'Carpi',
    sectors: [
      ['Direzione generale', 8],
      ['Polizia locale', 48],
      ['Servizi sociali', 40],
      ['Pubblica istruzione', 24],
      ['Sistemi informativi', 14],
      ['Personale', 12],
      ['Protezione civile', 4],
    ],
  },
  {
    name: 'Comune di Carpi',
    domain: 'comune.carpi.example',
    seat: 'Carpi',
    sectors: [
      ['Segreteria generale', 10],
      ['Servizi demografici', 26],
      ['Lavori pubblici', 28],
      ['Urbanistica ed edilizia privata', 22],
      ['Ragioneria', 16],
      ['Tributi', 14],
      ['Cultura', 26],
      ['Ambiente', 8],
    ],
  },
  {
    name: 'Comune di Campogalliano',
    domain: 'comune.campogalliano.example',
    seat: 'Campogalliano',
    sectors: [
      ['Segreteria generale', 5],
      ['Servizi demografici', 8],
      ['Lavori pubblici', 10],
      ['Ragioneria', 6],
      ['Cultura e sport', 3],
      ['Ambiente', 3],
    ],
  },
  {
    name: 'Comune di Soliera',
    domain: 'comune.soliera.example',
    seat: 'Soliera',
    sectors: [
      ['Segreteria generale', 6],
      ['Servizi demografici', 10],
      ['Lavori pubblici', 12],
      ['Ragioneria', 8],
      ['Cultura', 9],
      ['Tributi', 5],
    ],
  },
  {
    name: 'Comune di Novi di Modena',
    domain: 'comune.novi.example',
    seat: 'Novi di Modena',
    sectors: [
      ['Segreteria generale', 6],
      ['Servizi demografici', 9],
      ['Lavori pubblici e ricostruzione', 13],
      ['Ragioneria', 7],
      ['Cultura', 5],
    ],
  },
  {
    name: "ASP Terre d'Argine",
    domain: 'asp.terredargine.example',
    seat: 'Carpi',
    sectors: [
      ['Direzione', 3],
      ['Amministrazione', 12],
      ['Servizi residenziali', 20],
      ['Servizi domiciliari', 10],
    ],
  },
];

/** A scaled sector larger than this is split into units of at most this many people. */
export const MAX_UNIT = 50;

/**
 * The plan for `staff` people: every sector scaled in proportion (largest remainders, at least one
 * person, the director, in each organisation), sectors over MAX_UNIT split into «Sector 1»,
 * «Sector 2»... The 470 of PLAN give PLAN itself.
 */
export function scaledPlan(staff: number): readonly OrganisationPlan[] {
  if (staff === EMPLOYEE_COUNT) return PLAN;
  if (!Number.isInteger(staff) || staff < PLAN.length)
    throw new Error(`an organisation needs at least ${PLAN.length} people (one per organisation)`);
  const slots = PLAN.flatMap((org, o) =>
    org.sectors.map(([, people], s) => {
      const exact = (people * staff) / EMPLOYEE_COUNT;
      const min = s === 0 ? 1 : 0;
      return { o, s, min, exact, n: Math.max(min, Math.floor(exact)) };
    }),
  );
  let left = staff - slots.reduce((sum, x) => sum + x.n, 0);
  // Hand out what rounding left over by largest remainder, or take back from the largest sectors.
  const byRemainder = [...slots].sort((a, b) => b.exact - b.n - (a.exact - a.n) || b.exact - a.exact);
  for (let i = 0; left > 0; i = (i + 1) % byRemainder.length, left--) byRemainder[i].n++;
  while (left < 0) {
    const largest = slots.filter((x) => x.n > x.min).sort((a, b) => b.n - a.n)[0];
    largest.n--;
    left++;
  }
  return PLAN.map((org, o) => ({
    ...org,
    sectors: slots
      .filter((x) => x.o === o && x.n > 0)
      .flatMap((x) => {
        const [sector] = org.sectors[x.s];
        const units = Math.ceil(x.n / MAX_UNIT);
        if (units === 1) return [[sector, x.n] as const];
        return Array.from(
          { length: units },
          (_, u) => [`${sector} ${u + 1}`, Math.floor(x.n / units) + (u < x.n % units ? 1 : 0)] as const,
        );
      }),
  }));
}

/** Sectors whose work is mostly in the field or with people: fewer eligible profiles. */
const FIELD_SECTORS = new Set([
  'Polizia locale',
  'Servizi residenziali',
  'Servizi domiciliari',
  'Protezione civile',
]);

const FIRST_NAMES = [
  'Alessandro', 'Andrea', 'Anna', 'Antonio', 'Barbara', 'Beatrice', 'Carlo', 'Chiara', 'Claudia',
  'Daniele', 'Davide', 'Elena', 'Elisa', 'Enrico', 'Federica', 'Francesca', 'Francesco', 'Giacomo',
  'Giorgia', 'Giovanni', 'Giulia', 'Giuseppe', 'Laura', 'Lorenzo', 'Luca', 'Marco', 'Maria',
  'Martina', 'Matteo', 'Michela', 'Paola', 'Paolo', 'Roberta', 'Roberto', 'Sara', 'Silvia',
  'Simone', 'Stefano', 'Valentina', 'Vittoria',
] as const; // prettier-ignore
const SURNAMES = [
  'Benassi', 'Bertolani', 'Bianchi', 'Bonacini', 'Borghi', 'Bulgarelli', 'Carretti', 'Casarini',
  'Cavazzoli', 'Colombo', 'Corradi', 'Ferrari', 'Gasparini', 'Ghidoni', 'Guaitoli', 'Lugli',
  'Malagoli', 'Malavasi', 'Manicardi', 'Marchi', 'Martinelli', 'Messori', 'Morselli', 'Neri',
  'Pederzoli', 'Pellacani', 'Pivetti', 'Reggiani', 'Ricci', 'Righi', 'Rinaldi', 'Rossi',
  'Saetti', 'Salvioli', 'Savigni', 'Setti', 'Soncini', 'Tosi', 'Vaccari', 'Zanoli',
] as const; // prettier-ignore

const SITES: readonly Site[] = [
  {
    id: 'coworking-carpi',
    name: 'Coworking Agorà – Biblioteca Loria (Carpi)',
    comune: 'Carpi',
    capacity: 12,
  },
  { id: 'hub-soliera', name: 'Agorà diffusa – Castello Campori (Soliera)', comune: 'Soliera', capacity: 6 },
  {
    id: 'hub-novi',
    name: 'Agorà diffusa – Centro civico (Novi di Modena)',
    comune: 'Novi di Modena',
    capacity: 4,
  },
];

/** Contact windows, all acceptable under the default policy (within 07:00–20:00, ≤ 7h12'). */
const CONTACT_WINDOWS: readonly (readonly TimeRange[])[] = [
  [
    { from: '09:00', to: '12:00' },
    { from: '14:00', to: '16:00' },
  ],
  [{ from: '08:30', to: '12:30' }],
  [
    { from: '09:30', to: '12:30' },
    { from: '14:30', to: '17:30' },
  ],
  [{ from: '10:00', to: '13:00' }],
];

const MON_FRI: readonly WeekdayCode[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];
const MON_THU: readonly WeekdayCode[] = ['Mon', 'Tue', 'Wed', 'Thu'];
const MON_SAT: readonly WeekdayCode[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface Organisation {
  policy: Policy;
  holidays: HolidayCalendar;
  employees: Employee[];
  byEmail: ReadonlyMap<string, Employee>;
  agreementsOf: ReadonlyMap<string, Agreement[]>;
  sites: ReadonlyMap<string, Site>;
  /** People per organisation+sector, by teamKey. */
  teamSizes: ReadonlyMap<string, number>;
  /** The team key of an employee's email, as the register view computes it. */
  teamOf: (email: string) => string | null;
}

export const ORGANISATION_COUNT = PLAN.length;
export const EMPLOYEE_COUNT = PLAN.reduce(
  (sum, org) => sum + org.sectors.reduce((s, [, people]) => s + people, 0),
  0,
);

/**
 * The organisation for a seed: 470 employees (or `staff`, see scaledPlan), one signed agreement
 * each, 3 shared sites.
 */
export function generateOrganisation(seed: number, staff = EMPLOYEE_COUNT): Organisation {
  const rng = new Rng(seed);
  const employees: Employee[] = [];
  const agreements: Agreement[] = [];
  const used = new Set<string>();
  const directors: string[] = [];

  for (const org of scaledPlan(staff)) {
    let director = '';
    for (const [sector, people] of org.sectors) {
      let head = '';
      for (let i = 0; i < people; i++) {
        const email = uniqueEmail(rng, org.domain, used);
        if (!director) director = email;
        if (!head) head = email;
        // Heads report to the director, everyone else to their head; the directors are
        // wired to each other below.
        const manager = email === director ? '' : email === head ? director : head;
        const field = FIELD_SECTORS.has(sector.replace(/ \d+$/, '')); // a unit of a scaled sector
        employees.push({
          email,
          name: nameOf(email),
          organisation: org.name,
          sector,
          seat: org.seat,
          manager,
          eligibility: rng.weighted<Eligibility>(
            field
              ? [
                  ['eligible', 30],
                  ['conditional', 50],
                  ['not-eligible', 20],
                ]
              : [
                  ['eligible', 88],
                  ['conditional', 9],
                  ['not-eligible', 3],
                ],
          ),
          workingDays: [
            ...rng.weighted<readonly WeekdayCode[]>([
              [MON_FRI, 85],
              [MON_THU, 8],
              [MON_SAT, field ? 30 : 2],
            ]),
          ],
          commuteKm: rng.chance(0.9) ? 1 + rng.int(45) : null,
          priority: rng.weighted<PriorityCategory>([
            ['', 85],
            ['parent', 8],
            ['caregiver', 3],
            ['disability', 2],
            ['fragile', 2],
          ]),
          workingLocationOptIn: rng.chance(0.6),
        });
        agreements.push(signedAgreement(rng, email));
      }
    }
    directors.push(director);
  }
  // Each director reports to the next organisation's director (a ring: nobody is their own manager).
  const directorSet = new Set(directors);
  for (const e of employees) {
    if (directorSet.has(e.email)) {
      e.manager = directors[(directors.indexOf(e.email) + 1) % directors.length];
    }
  }

  const byEmail = new Map(employees.map((e) => [e.email, e]));
  const agreementsOf = new Map<string, Agreement[]>();
  for (const a of agreements) agreementsOf.set(a.employee, [...(agreementsOf.get(a.employee) ?? []), a]);
  const teamSizes = new Map<string, number>();
  for (const e of employees) teamSizes.set(teamKey(e), (teamSizes.get(teamKey(e)) ?? 0) + 1);
  const teamOf = (email: string) => {
    const e = byEmail.get(email);
    return e ? teamKey(e) : null;
  };
  return {
    policy: { ...DEFAULT_POLICY, disconnection: { ...DEFAULT_POLICY.disconnection } },
    holidays: new HolidayCalendar(),
    employees,
    byEmail,
    agreementsOf,
    sites: new Map(SITES.map((s) => [s.id, { ...s }])),
    teamSizes,
    teamOf,
  };
}

function uniqueEmail(rng: Rng, domain: string, used: Set<string>): string {
  const base = `${rng.pick(FIRST_NAMES)}.${rng.pick(SURNAMES)}`.toLowerCase();
  let email = `${base}@${domain}`;
  for (let n = 2; used.has(email); n++) email = `${base}${n}@${domain}`;
  used.add(email);
  return email;
}

function nameOf(email: string): string {
  return email
    .slice(0, email.indexOf('@'))
    .replace(/\d+$/, '')
    .split('.')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** Signed by both parties in late 2024 – 2025, in force from then on (mostly indefinite term). */
function signedAgreement(rng: Rng, employee: string): Agreement {
  const signedByEmployee = addDays('2024-11-04' as IsoDate, rng.int(240));
  const signedByManager = addDays(signedByEmployee, rng.int(6));
  const from = addDays(signedByManager, 1 + rng.int(10));
  return {
    employee,
    from,
    to: rng.chance(0.7) ? null : ('2026-12-31' as IsoDate),
    signedByEmployee,
    signedByManager,
    contactWindows: rng.pick(CONTACT_WINDOWS).map((w) => ({ ...w })),
    equipment: rng.weighted<Equipment>([
      ['employer', 92],
      ['own', 8],
    ]),
    // Most notices are given at signature (so they age past a year during the history), a few
    // were renewed recently, a few are missing.
    safetyNoticeDate: rng.weighted<IsoDate | null>([
      [signedByEmployee, 80],
      [addDays('2025-09-01' as IsoDate, rng.int(120)), 17],
      [null, 3],
    ]),
  };
}

export interface Period {
  /** First day of the period. */
  from: IsoDate;
  /** Number of calendar days in the period. */
  days: number;
}

/** About a year: September 2025 to August 2026. */
export const DEFAULT_PERIOD: Period = { from: '2025-09-01' as IsoDate, days: 365 };

/** A day of `period`, mostly (not always) one of the employee's working weekdays. */
function dayFor(rng: Rng, employee: Employee, period: Period): IsoDate {
  let date = addDays(period.from, rng.int(period.days));
  for (let tries = 0; tries < 4 && !employee.workingDays.includes(weekdayCode(date)); tries++) {
    date = addDays(period.from, rng.int(period.days));
  }
  return date;
}

function locationFor(rng: Rng, org: Organisation, employee: Employee, homeShare: number): string {
  if (rng.chance(homeShare)) return HOME;
  const sites = [...org.sites.values()];
  const near = sites.filter((s) => s.comune === employee.seat);
  return rng.pick(near.length && rng.chance(0.8) ? near : sites).id;
}

/**
 * `rows` requested days of the register spread over `period`, with mixed statuses (about two
 * thirds pending or approved, the rest refused, rejected or cancelled).
 */
export function generateHistory(
  org: Organisation,
  rows: number,
  seed: number,
  period = DEFAULT_PERIOD,
): DayFacts[] {
  const rng = new Rng(seed);
  const out: DayFacts[] = [];
  for (let i = 0; i < rows; i++) {
    const employee = rng.pick(org.employees);
    out.push({
      employee: employee.email,
      date: dayFor(rng, employee, period),
      location: locationFor(rng, org, employee, 0.85),
      status: rng.weighted<DayStatus>([
        ['approved', 52],
        ['pending', 15],
        ['refused', 13],
        ['rejected', 8],
        ['cancelled', 12],
      ]),
    });
  }
  return out;
}

/** One date to check for one employee at one location. */
export interface RequestedDate {
  employee: Employee;
  date: IsoDate;
  location: string;
}

/** `count` dates to check, over the same period as the history. */
export function generateRequests(
  org: Organisation,
  count: number,
  seed: number,
  period = DEFAULT_PERIOD,
): RequestedDate[] {
  const rng = new Rng(seed);
  const out: RequestedDate[] = [];
  for (let i = 0; i < count; i++) {
    const employee = rng.pick(org.employees);
    out.push({
      employee,
      date: rng.chance(0.92) ? dayFor(rng, employee, period) : addDays(period.from, rng.int(period.days)),
      location: locationFor(rng, org, employee, 0.75),
    });
  }
  return out;
}
