// The demo organisation of the playground: the Unione delle Terre d'Argine as its own
// documents describe it (copied here: the playground never reads ../shared at run time).
// Pure and deterministic: the same seed gives the same people, agreements and requests.
//
// Facts taken from the Unione's presentation "Smart working Unione Terre d'Argine — Dal
// lockdown all'agorà diffusa": the six organisations and the staff invited to the October
// 2020 survey (8/29/219/43/24/216 of 539), scaled here to about 470 people; Daniele
// Cristoforetti, direttore generale; Mario Ferrari, dirigente del settore servizi al personale;
// the discipline (8 days a month, 2 a week, contact windows in the agreement, disconnection
// 20–7, the employer's equipment with the employee's own as a residual option); the
// "agorà diffusa" (shared workplaces across the Unione's comuni).
import { addDays, type IsoDate } from '../../src/domain/dates';
import { HolidayCalendar } from '../../src/domain/holidays';
import { taxCodeOf } from '../../src/domain/tax-code';

export const DOMAIN = 'terredargine.example';
/** The HR account that owns the script, the register, the Form and the calendar. */
export const HR_ACCOUNT = `personale@${DOMAIN}`;
export const TOTAL_STAFF = 470;
/** The playground's "today" when it starts clean: Monday 16 November 2026, 09:00 in Rome. */
export const DEMO_TODAY: IsoDate = '2026-11-16' as IsoDate;
export const DEMO_TODAY_MINUTES = 9 * 60;
/** The history of requests starts here (after the summer). */
export const HISTORY_FROM: IsoDate = '2026-09-07' as IsoDate;
/** How many people have a history of requests (each from a different sector). */
export const HISTORY_PEOPLE = 12;

export type Eligibility = 'eleggibile' | 'a condizione' | 'non eleggibile';

interface Role {
  title: string;
  /** Relative share of the role in its sector. */
  share: number;
  eligibility: Eligibility;
}

interface SectorSpec {
  name: string;
  weight: number;
  /** Title of the head: "Dirigente", "Comandante", "Responsabile"... */
  head: string;
  roles: Role[];
}

export interface OrganisationSpec {
  name: string;
  /** Staff invited to the survey of October 2020. */
  invited: number;
  /** The comune of the offices (decides the patron saint's day). */
  seat: string;
  /** The person above the sector heads (in Responsabili only). */
  top: { name: string; title: string };
  sectors: SectorSpec[];
}

const OFFICE: Role[] = [
  { title: 'Istruttore amministrativo', share: 5, eligibility: 'eleggibile' },
  { title: 'Istruttore direttivo', share: 3, eligibility: 'eleggibile' },
  { title: 'Collaboratore amministrativo', share: 2, eligibility: 'eleggibile' },
];
const FRONT_OFFICE: Role[] = [
  { title: 'Istruttore amministrativo', share: 3, eligibility: 'eleggibile' },
  { title: 'Operatore di sportello', share: 3, eligibility: 'a condizione' },
  { title: 'Istruttore direttivo', share: 1, eligibility: 'eleggibile' },
];
const TECHNICAL: Role[] = [
  { title: 'Istruttore tecnico', share: 4, eligibility: 'eleggibile' },
  { title: 'Istruttore direttivo tecnico', share: 3, eligibility: 'eleggibile' },
  { title: 'Operaio specializzato', share: 2, eligibility: 'non eleggibile' },
  { title: 'Istruttore amministrativo', share: 1, eligibility: 'eleggibile' },
];
const CULTURE: Role[] = [
  { title: 'Bibliotecario', share: 3, eligibility: 'a condizione' },
  { title: 'Istruttore culturale', share: 3, eligibility: 'eleggibile' },
  { title: 'Addetto ai servizi museali', share: 2, eligibility: 'non eleggibile' },
];

export const ORGANISATIONS: readonly OrganisationSpec[] = [
  {
    name: "ASP Terre d'Argine",
    invited: 8,
    seat: 'Carpi',
    top: { name: 'Laura Venturelli', title: 'Direttrice' },
    sectors: [
      { name: 'Amministrazione e bilancio', weight: 4, head: 'Responsabile', roles: OFFICE },
      {
        name: 'Servizi per anziani e disabili',
        weight: 3,
        head: 'Responsabile',
        roles: [
          { title: 'Coordinatore di struttura', share: 2, eligibility: 'a condizione' },
          { title: 'Istruttore amministrativo', share: 1, eligibility: 'eleggibile' },
        ],
      },
    ],
  },
  {
    name: 'Comune di Campogalliano',
    invited: 29,
    seat: 'Campogalliano',
    top: { name: 'Rossella Tarabini', title: 'Segretaria comunale' },
    sectors: [
      { name: 'Affari generali e servizi demografici', weight: 9, head: 'Responsabile', roles: FRONT_OFFICE },
      { name: 'Area tecnica e patrimonio', weight: 9, head: 'Responsabile', roles: TECHNICAL },
      { name: 'Ragioneria e tributi', weight: 5, head: 'Responsabile', roles: OFFICE },
      { name: 'Cultura e biblioteca', weight: 3, head: 'Responsabile', roles: CULTURE },
    ],
  },
  {
    name: 'Comune di Carpi',
    invited: 219,
    seat: 'Carpi',
    top: { name: 'Giovanni Bellentani', title: 'Segretario generale' },
    sectors: [
      { name: 'Segreteria generale e affari istituzionali', weight: 14, head: 'Dirigente', roles: OFFICE },
      { name: 'Anagrafe e servizi demografici', weight: 24, head: 'Responsabile', roles: FRONT_OFFICE },
      { name: 'Urbanistica ed edilizia privata', weight: 22, head: 'Dirigente', roles: TECHNICAL },
      { name: 'Lavori pubblici e patrimonio', weight: 34, head: 'Dirigente', roles: TECHNICAL },
      { name: 'Cultura, biblioteche e musei', weight: 30, head: 'Dirigente', roles: CULTURE },
      { name: 'Ragioneria e bilancio', weight: 16, head: 'Dirigente', roles: OFFICE },
      { name: 'Ambiente e mobilità', weight: 13, head: 'Responsabile', roles: TECHNICAL },
      { name: 'Attività economiche e SUAP', weight: 14, head: 'Responsabile', roles: FRONT_OFFICE },
      { name: 'Sport e politiche giovanili', weight: 9, head: 'Responsabile', roles: OFFICE },
      { name: 'Comunicazione e URP', weight: 11, head: 'Responsabile', roles: FRONT_OFFICE },
    ],
  },
  {
    name: 'Comune di Novi di Modena',
    invited: 43,
    seat: 'Novi di Modena',
    top: { name: 'Stefano Cavicchioli', title: 'Segretario comunale' },
    sectors: [
      { name: 'Affari generali', weight: 8, head: 'Responsabile', roles: OFFICE },
      { name: 'Servizi demografici', weight: 7, head: 'Responsabile', roles: FRONT_OFFICE },
      { name: 'Area tecnica e ricostruzione', weight: 12, head: 'Responsabile', roles: TECHNICAL },
      { name: 'Ragioneria e tributi', weight: 6, head: 'Responsabile', roles: OFFICE },
      { name: 'Cultura e biblioteca', weight: 5, head: 'Responsabile', roles: CULTURE },
    ],
  },
  {
    name: 'Comune di Soliera',
    invited: 24,
    seat: 'Soliera',
    top: { name: 'Anna Maria Lugli', title: 'Segretaria comunale' },
    sectors: [
      { name: 'Affari generali e servizi demografici', weight: 8, head: 'Responsabile', roles: FRONT_OFFICE },
      { name: 'Area tecnica', weight: 7, head: 'Responsabile', roles: TECHNICAL },
      { name: 'Ragioneria e tributi', weight: 4, head: 'Responsabile', roles: OFFICE },
      { name: 'Cultura e Castello Campori', weight: 3, head: 'Responsabile', roles: CULTURE },
    ],
  },
  {
    name: "Unione delle Terre d'Argine",
    invited: 216,
    seat: 'Carpi',
    top: { name: 'Daniele Cristoforetti', title: 'Direttore generale' },
    sectors: [
      { name: 'Servizi al personale', weight: 12, head: 'Dirigente', roles: OFFICE },
      {
        name: 'Polizia locale',
        weight: 50,
        head: 'Comandante',
        roles: [
          { title: 'Agente di polizia locale', share: 12, eligibility: 'non eleggibile' },
          { title: 'Ispettore di polizia locale', share: 3, eligibility: 'a condizione' },
          { title: 'Istruttore amministrativo', share: 2, eligibility: 'eleggibile' },
        ],
      },
      {
        name: 'Servizi sociali',
        weight: 30,
        head: 'Dirigente',
        roles: [
          { title: 'Assistente sociale', share: 5, eligibility: 'a condizione' },
          { title: 'Istruttore amministrativo', share: 3, eligibility: 'eleggibile' },
          { title: 'Educatore professionale', share: 2, eligibility: 'non eleggibile' },
        ],
      },
      {
        name: 'Servizi educativi e scolastici',
        weight: 56,
        head: 'Dirigente',
        roles: [
          { title: 'Educatrice di nido', share: 8, eligibility: 'non eleggibile' },
          { title: 'Insegnante di scuola dell\u2019infanzia', share: 5, eligibility: 'non eleggibile' },
          { title: 'Coordinatore pedagogico', share: 2, eligibility: 'a condizione' },
          { title: 'Istruttore amministrativo', share: 3, eligibility: 'eleggibile' },
        ],
      },
      {
        name: 'Sistemi informativi',
        weight: 13,
        head: 'Dirigente',
        roles: [
          { title: 'Istruttore informatico', share: 3, eligibility: 'eleggibile' },
          { title: 'Istruttore direttivo informatico', share: 2, eligibility: 'eleggibile' },
        ],
      },
      { name: 'Tributi', weight: 11, head: 'Responsabile', roles: OFFICE },
      { name: 'Centrale unica di committenza', weight: 6, head: 'Responsabile', roles: OFFICE },
      { name: 'Segreteria generale', weight: 6, head: 'Responsabile', roles: OFFICE },
      {
        name: 'Protezione civile',
        weight: 3,
        head: 'Responsabile',
        roles: [{ title: 'Istruttore tecnico', share: 1, eligibility: 'a condizione' }],
      },
    ],
  },
];

export interface SiteSpec {
  id: string;
  name: string;
  comune: string;
  capacity: number;
}

/** The shared workplaces of the "agorà diffusa": small, in the smaller comuni. */
export const SITES: readonly SiteSpec[] = [
  { id: 'soliera-agora', name: 'Municipio di Soliera \u2014 sala agorà', comune: 'Soliera', capacity: 4 },
  {
    id: 'campogalliano-municipio',
    name: 'Municipio di Campogalliano \u2014 spazio coworking',
    comune: 'Campogalliano',
    capacity: 3,
  },
  {
    id: 'novi-rovereto',
    name: 'Centro civico di Rovereto sulla Secchia',
    comune: 'Novi di Modena',
    capacity: 2,
  },
];

// ---- people ---------------------------------------------------------------------------------

const FIRST_F = [
  'Alessandra', 'Alice', 'Angela', 'Anna', 'Barbara', 'Beatrice', 'Carla', 'Chiara', 'Claudia',
  'Cristina', 'Daniela', 'Elena', 'Elisa', 'Emanuela', 'Federica', 'Francesca', 'Gabriella', 'Giorgia',
  'Giulia', 'Ilaria', 'Laura', 'Lucia', 'Manuela', 'Marta', 'Martina', 'Monica', 'Nadia', 'Paola',
  'Patrizia', 'Roberta', 'Rossella', 'Sara', 'Silvia', 'Simona', 'Sonia', 'Stefania', 'Tiziana',
  'Valentina', 'Valeria', 'Veronica',
]; // prettier-ignore
const FIRST_M = [
  'Alberto', 'Alessandro', 'Andrea', 'Antonio', 'Carlo', 'Claudio', 'Daniele', 'Davide', 'Enrico',
  'Fabio', 'Federico', 'Filippo', 'Francesco', 'Gabriele', 'Giacomo', 'Gianluca', 'Giorgio', 'Giovanni',
  'Giuseppe', 'Lorenzo', 'Luca', 'Marco', 'Massimo', 'Matteo', 'Maurizio', 'Michele', 'Nicola', 'Paolo',
  'Pietro', 'Riccardo', 'Roberto', 'Simone', 'Stefano', 'Tommaso', 'Vittorio',
]; // prettier-ignore
const SURNAMES = [
  'Ascari', 'Barbieri', 'Bassoli', 'Bellei', 'Benatti', 'Bertoni', 'Bianchi', 'Bonacini', 'Borsari',
  'Bulgarelli', 'Cavazzuti', 'Corradi', 'Costi', 'Davoli', 'Diegoli', 'Ferrari', 'Fontana', 'Forghieri',
  'Gasparini', 'Garuti', 'Gilioli', 'Goldoni', 'Guaitoli', 'Gualdi', 'Guerzoni', 'Lodi', 'Lugli',
  'Magnani', 'Malagoli', 'Malavasi', 'Mantovani', 'Manzini', 'Marchi', 'Martinelli', 'Messori',
  'Morselli', 'Neri', 'Paltrinieri', 'Pellacani', 'Piccinini', 'Pivetti', 'Po', 'Reggiani', 'Rebecchi',
  'Righi', 'Rinaldi', 'Rossi', 'Saltini', 'Sala', 'Setti', 'Severi', 'Tirelli', 'Tosi', 'Vaccari',
  'Valentini', 'Vezzani', 'Zanoli', 'Zanni', 'Zironi', 'Zucchi', 'Artioli', 'Boccaletti', 'Cattini',
  'Esposito', 'Greco', 'Romano', 'Colombo', 'Ricci', 'Russo', 'Bruno', 'Galli', 'Conti', 'De Luca',
]; // prettier-ignore

/** A small, fast, seedable PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)];

function shuffle<T>(r: Random, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function pickWeighted<T extends { share: number }>(r: Random, list: readonly T[]): T {
  const total = list.reduce((s, x) => s + x.share, 0);
  let x = r() * total;
  for (const item of list) {
    x -= item.share;
    if (x < 0) return item;
  }
  return list[list.length - 1];
}

/** Splits `total` in proportion to `weights` (largest remainder), each part at least `min`. */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map((x) => Math.max(min, Math.floor(x)));
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = exact
    .map((x, i) => ({ i, rem: x - Math.floor(x) }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k].i]++;
  return parts;
}

/** `nome.cognome` in ASCII, as a Workspace domain would spell it. */
export function emailLocalPart(first: string, last: string): string {
  const ascii = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z]+/g, '');
  return `${ascii(first)}.${ascii(last)}`;
}

export interface DemoEmployee {
  email: string;
  name: string;
  organisation: string;
  sector: string;
  seat: string;
  manager: string;
  eligibility: Eligibility;
  /** Not in the register (no such column): shown nowhere, used to decide eligibility. */
  role: string;
  workingDays: string;
  commuteKm: number;
  priority: string;
  workingLocationOptIn: boolean;
  /** The comune where the person lives (a shared site there is close to home). */
  livesIn: string;
  isHead: boolean;
}

export interface DemoManager {
  email: string;
  name: string;
  admin: boolean;
  title: string;
  organisation: string;
  delegate?: { email: string; from: IsoDate; to: IsoDate };
}

export interface DemoAgreement {
  employee: string;
  from: IsoDate;
  to: IsoDate | '';
  signedByEmployee: IsoDate | '';
  signedByManager: IsoDate | '';
  contactWindows: string;
  equipment: "dell'ente" | 'propria';
  safetyNoticeDate: IsoDate | '';
}

export interface DemoHoliday {
  date: IsoDate;
  name: string;
  seat: string;
  action: 'aggiungi' | 'togli';
}

/** One form response of the history: who, when (Rome local), what. */
export interface DemoRequest {
  employee: string;
  at: { date: IsoDate; minutes: number };
  dates: IsoDate[];
  /** The Form's choice text: "Casa" or a site's "<name> (<id>)". */
  location: string;
  note: string;
}

export interface DemoOrganisation {
  managers: DemoManager[];
  employees: DemoEmployee[];
  agreements: DemoAgreement[];
  sites: readonly SiteSpec[];
  holidays: DemoHoliday[];
  requests: DemoRequest[];
  /** People worth acting as in the playground, with a short Italian label. */
  featured: { email: string; label: string }[];
}

const COMUNI = ['Carpi', 'Campogalliano', 'Novi di Modena', 'Soliera'];
const WINDOWS = ['09:00-13:00; 14:30-16:30', '09:00-13:00', '08:30-12:30; 14:30-16:00', '09:30-13:30'];
const NOTES = [
  '',
  '',
  '',
  '',
  'Chiusura della pratica in corso',
  'Riunione in videoconferenza con la Regione',
  'Redazione del report mensile',
  'Formazione a distanza',
  'Istruttoria delle domande del bando',
  'Aggiornamento del sito istituzionale',
];

/** The whole demo organisation, the same for the same seed. */
export function buildDemoOrganisation(seed = 20201012): DemoOrganisation {
  const r = prng(seed);
  const usedEmails = new Set<string>([HR_ACCOUNT]);
  // Real people of the story and the example employee keep their names; nobody else gets them.
  const usedNames = new Set<string>(['Mario Ferrari', 'Anna Rossi', ...ORGANISATIONS.map((o) => o.top.name)]);
  const personName = (fixed?: string): { name: string; email: string } => {
    let name = fixed ?? '';
    while (!name || (!fixed && usedNames.has(name))) {
      const female = r() < 0.62; // local government staff are mostly women
      name = `${pick(r, female ? FIRST_F : FIRST_M)} ${pick(r, SURNAMES)}`;
    }
    usedNames.add(name);
    const [first, ...rest] = name.split(' ');
    const base = emailLocalPart(first, rest.join(' '));
    let local = base;
    for (let n = 2; usedEmails.has(`${local}@${DOMAIN}`); n++) local = `${base}${n}`;
    usedEmails.add(`${local}@${DOMAIN}`);
    return { name, email: `${local}@${DOMAIN}` };
  };

  const managers: DemoManager[] = [
    {
      email: HR_ACCOUNT,
      name: 'Servizio personale',
      admin: true,
      title: 'Casella del servizio',
      organisation: '',
    },
  ];
  const employees: DemoEmployee[] = [];
  const sizes = apportion(
    TOTAL_STAFF,
    ORGANISATIONS.map((o) => o.invited),
  );

  ORGANISATIONS.forEach((org, oi) => {
    const top = personName(org.top.name);
    managers.push({ ...top, admin: false, title: org.top.title, organisation: org.name });
    const sectorSizes = apportion(
      sizes[oi],
      org.sectors.map((s) => s.weight),
      1,
    );
    org.sectors.forEach((sector, si) => {
      const isHr = sector.name === 'Servizi al personale';
      const head = personName(isHr ? 'Mario Ferrari' : undefined);
      managers.push({
        ...head,
        admin: isHr,
        title: `${sector.head} \u2014 ${sector.name}`,
        organisation: org.name,
      });
      employees.push(makeEmployee(r, head, org, sector.name, top.email, 'eleggibile', sector.head, true));
      for (let k = 1; k < sectorSizes[si]; k++) {
        const fixed = isHr && k === 1 ? 'Anna Rossi' : undefined;
        const person = personName(fixed);
        const role = pickWeighted(r, sector.roles);
        employees.push(
          makeEmployee(r, person, org, sector.name, head.email, role.eligibility, role.title, false),
        );
      }
    });
  });

  // A delegation around "today": the head of Anagrafe in Carpi is away, a colleague decides.
  const anagrafe = employees.filter((e) => e.sector === 'Anagrafe e servizi demografici');
  const anagrafeHead = managers.find((m) => m.email === anagrafe.find((e) => e.isHead)?.email);
  const deputy = anagrafe.find((e) => !e.isHead && e.eligibility === 'eleggibile');
  if (anagrafeHead && deputy) {
    anagrafeHead.delegate = {
      email: deputy.email,
      from: addDays(DEMO_TODAY, -3),
      to: addDays(DEMO_TODAY, 11),
    };
  }

  const agreements = makeAgreements(r, employees);
  const holidays: DemoHoliday[] = [
    // HR's own entries: the Unione's offices close on the day after Christmas' bridge...
    { date: '2026-12-24' as IsoDate, name: 'Chiusura uffici (vigilia di Natale)', seat: '', action: 'aggiungi' },
    // ...and Novi's patron day is confirmed (kept as an explicit row for HR to see).
    { date: '2026-09-29' as IsoDate, name: 'San Michele Arcangelo (confermato)', seat: 'Novi di Modena', action: 'aggiungi' },
  ]; // prettier-ignore
  const requests = makeHistory(r, employees, agreements, holidays);

  const featured = featuredPeople(employees, agreements, requests);
  return { managers, employees, agreements, sites: SITES, holidays, requests, featured };
}

function makeEmployee(
  r: Random,
  person: { name: string; email: string },
  org: OrganisationSpec,
  sector: string,
  manager: string,
  eligibility: Eligibility,
  role: string,
  isHead: boolean,
): DemoEmployee {
  const livesIn = r() < 0.55 ? org.seat : pick(r, [...COMUNI, 'Modena', 'Correggio', 'Rio Saliceto']);
  const commuteKm =
    livesIn === org.seat ? Math.round(1 + r() * 5) : Math.round((livesIn === 'Modena' ? 16 : 8) + r() * 14);
  const x = r();
  const priority =
    x < 0.1
      ? 'genitore (figli fino a 12 anni)'
      : x < 0.13
        ? 'caregiver'
        : x < 0.145
          ? 'disabilità'
          : x < 0.16
            ? 'lavoratore fragile'
            : '';
  return {
    email: person.email,
    name: person.name,
    organisation: org.name,
    sector,
    seat: org.seat,
    manager,
    eligibility,
    role,
    workingDays: r() < 0.06 ? 'lun mar mer gio' : 'lun mar mer gio ven',
    commuteKm,
    priority,
    workingLocationOptIn: r() < 0.3,
    livesIn,
    isHead,
  };
}

function makeAgreements(r: Random, employees: DemoEmployee[]): DemoAgreement[] {
  const out: DemoAgreement[] = [];
  for (const e of employees) {
    if (e.eligibility === 'non eleggibile') continue;
    if (e.name === 'Anna Rossi') {
      out.push({
        employee: e.email,
        from: '2026-01-01' as IsoDate,
        to: '',
        signedByEmployee: '2025-12-15' as IsoDate,
        signedByManager: '2025-12-16' as IsoDate,
        contactWindows: '09:00-13:00; 14:30-16:30',
        equipment: "dell'ente",
        safetyNoticeDate: '2025-12-15' as IsoDate,
      });
      continue;
    }
    const x = r();
    if (x < (e.eligibility === 'a condizione' ? 0.3 : 0.08)) continue; // no project yet
    // A few projects proposed by the manager but not yet signed by the employee.
    const unsigned = x < (e.eligibility === 'a condizione' ? 0.36 : 0.12);
    const late = r() < 0.15; // agreements signed in spring, for newcomers
    const from = (late ? `2026-0${3 + Math.floor(r() * 4)}-01` : '2026-01-01') as IsoDate;
    const signedByManager = addDays(from, -Math.round(10 + r() * 12));
    const signedByEmployee = addDays(signedByManager, Math.round(r() * 4));
    const y = r();
    out.push({
      employee: e.email,
      from,
      to: r() < 0.3 ? ('2026-12-31' as IsoDate) : '',
      signedByEmployee: unsigned ? '' : signedByEmployee,
      signedByManager,
      contactWindows: pick(r, WINDOWS),
      equipment: r() < 0.07 ? 'propria' : "dell'ente",
      // Most received the safety notice when signing; a few still have last year's (a warning
      // once it is more than a year old) and a few have none on file (a block).
      safetyNoticeDate: y < 0.04 ? '' : y < 0.12 ? addDays(signedByEmployee, -300) : signedByEmployee,
    });
  }
  return out;
}

const HOME_CHOICE = 'Casa';
export function siteChoice(site: SiteSpec): string {
  return `${site.name} (${site.id})`;
}

function makeHistory(
  r: Random,
  employees: DemoEmployee[],
  agreements: DemoAgreement[],
  holidays: DemoHoliday[],
): DemoRequest[] {
  const calendar = new HolidayCalendar(
    holidays.map((h) => ({
      date: h.date,
      name: h.name,
      seat: h.seat || null,
      action: h.action === 'togli' ? 'remove' : 'add',
    })),
  );
  const signed = new Set(
    agreements.filter((a) => a.signedByEmployee && a.safetyNoticeDate).map((a) => a.employee),
  );
  // A few people of different sectors and organisations have a history: every response runs the
  // bundle's trigger on the whole register, so a long history would make the first start slow.
  const active: DemoEmployee[] = [];
  const sectors = new Set<string>();
  for (const e of shuffle(r, employees))
    if (
      active.length < HISTORY_PEOPLE &&
      signed.has(e.email) &&
      e.name !== 'Anna Rossi' &&
      !sectors.has(e.sector)
    ) {
      active.push(e);
      sectors.add(e.sector);
    }
  const requests: DemoRequest[] = [];
  const weeks: IsoDate[] = [];
  for (let monday = HISTORY_FROM; monday <= addDays(DEMO_TODAY, 14); monday = addDays(monday, 7))
    weeks.push(monday);
  const minutesOf = () => Math.round(8 * 60 + r() * 9 * 60);

  for (const e of active) {
    // Habits: one or two fixed weekdays (1 = Monday); one request covers three weeks (at most
    // five dates, as many as the Form has date questions), sent on the Thursday before them.
    const workdays = e.workingDays.split(' ').length; // Monday to Thursday or to Friday
    const first = 1 + Math.floor(r() * workdays);
    const second = r() < 0.6 ? 1 + ((first + 1 + Math.floor(r() * (workdays - 2))) % workdays) : 0;
    const nearSite = SITES.find((s) => s.comune === e.livesIn && s.comune !== e.seat);
    for (let w = Math.floor(r() * 3); w < weeks.length; w += 3) {
      const dates: IsoDate[] = [];
      for (const monday of weeks.slice(w, w + 3))
        for (const wd of [first, second].filter(Boolean)) {
          const d = addDays(monday, wd - 1);
          if (!calendar.holidayAt(d, e.seat) && r() < 0.85) dates.push(d);
        }
      const sentOn = addDays(weeks[w], -4);
      if (!dates.length || sentOn > DEMO_TODAY) continue;
      requests.push({
        employee: e.email,
        at: { date: sentOn, minutes: minutesOf() },
        dates: dates.sort().slice(0, 5),
        location: nearSite && r() < 0.5 ? siteChoice(nearSite) : HOME_CHOICE,
        note: pick(r, NOTES),
      });
    }
  }

  // Requests the rules refuse, as happen in real life.
  const people = employees.filter((e) => signed.has(e.email));
  const campo = people.find((e) => e.seat === 'Campogalliano');
  if (campo) // the patron saint's day of Campogalliano (21 October) is not a working day
    requests.push({ employee: campo.email, at: { date: '2026-10-15' as IsoDate, minutes: 10 * 60 + 5 }, dates: ['2026-10-21' as IsoDate], location: HOME_CHOICE, note: '' }); // prettier-ignore
  const keen = people.find((e) => e.organisation === 'Comune di Carpi' && !active.includes(e));
  if (keen) // three days in one week: the third breaks the weekly cap
    requests.push({ employee: keen.email, at: { date: '2026-10-01' as IsoDate, minutes: 11 * 60 + 40 }, dates: ['2026-10-05', '2026-10-06', '2026-10-07'] as IsoDate[], location: HOME_CHOICE, note: 'Settimana di chiusura del bilancio' }); // prettier-ignore
  const agent = employees.find((e) => e.role === 'Agente di polizia locale');
  if (agent) // a field role: not eligible, and no agreement
    requests.push({ employee: agent.email, at: { date: '2026-10-20' as IsoDate, minutes: 7 * 60 + 55 }, dates: ['2026-10-23' as IsoDate], location: HOME_CHOICE, note: '' }); // prettier-ignore
  const unsigned = employees.find((e) =>
    agreements.some((a) => a.employee === e.email && !a.signedByEmployee),
  );
  if (unsigned) // the project is proposed but the employee has not signed it yet
    requests.push({ employee: unsigned.email, at: { date: '2026-11-05' as IsoDate, minutes: 9 * 60 + 12 }, dates: ['2026-11-10' as IsoDate], location: HOME_CHOICE, note: '' }); // prettier-ignore
  // Everyone wants the shared room in Soliera on the same Friday: its capacity runs out.
  const soliera = SITES[0];
  const crowd = people
    .filter((e) => e.livesIn === 'Soliera' && e.seat !== 'Soliera')
    .slice(0, soliera.capacity + 2);
  crowd.forEach(
    (e, i) =>
    requests.push({ employee: e.email, at: { date: '2026-11-09' as IsoDate, minutes: 9 * 60 + 30 + i * 7 }, dates: ['2026-11-20' as IsoDate], location: siteChoice(soliera), note: 'Postazione nella sala agorà' }), // prettier-ignore
  );

  // In the order they were sent: the trigger runs at that moment.
  return requests.sort((a, b) =>
    a.at.date === b.at.date ? a.at.minutes - b.at.minutes : a.at.date < b.at.date ? -1 : 1,
  );
}

function featuredPeople(
  employees: DemoEmployee[],
  agreements: DemoAgreement[],
  requests: DemoRequest[],
): { email: string; label: string }[] {
  const out: { email: string; label: string }[] = [];
  const add = (e: DemoEmployee | undefined, why: string) => {
    if (e && !out.some((f) => f.email === e.email))
      out.push({ email: e.email, label: `${e.name} \u2014 ${why}` });
  };
  const agreementOf = new Map(agreements.map((a) => [a.employee, a]));
  const withHistory = new Set(requests.map((q) => q.employee));
  add(
    employees.find((e) => e.name === 'Anna Rossi'),
    'Servizi al personale, accordo firmato',
  );
  for (const org of ORGANISATIONS) {
    const e = employees.find(
      (x) => x.organisation === org.name && !x.isHead && withHistory.has(x.email) && x.name !== 'Anna Rossi',
    );
    add(e, `${org.name}, ${e?.sector ?? ''}`);
  }
  add(
    employees.find((e) => e.eligibility === 'a condizione' && agreementOf.get(e.email)?.signedByEmployee),
    'eleggibile a condizione',
  );
  add(
    employees.find((e) => e.role === 'Agente di polizia locale'),
    'Polizia locale, non eleggibile',
  );
  add(
    employees.find((e) => agreementOf.get(e.email) && !agreementOf.get(e.email)?.signedByEmployee),
    'accordo non ancora firmato',
  );
  add(
    employees.find((e) => agreementOf.get(e.email)?.equipment === 'propria'),
    'strumentazione propria',
  );
  return out;
}

// ---- Staff records and employers (the Ministry notice) ------------------------------------------
// Derived from each person after the organisation is built, with a generator seeded by their
// email: the organisation itself (and everything drawn for it) stays the same. Tax codes are
// computed from the invented facts; the employers' tax codes and INAIL positions are invented too
// (11 and 8 digits): a demo, never real data.

export interface DemoStaffRecord {
  surname: string;
  firstName: string;
  taxCode: string;
  birthDate: IsoDate;
  birthPlace: string;
  employmentStart: IsoDate;
  employmentType: 'TI' | 'TD';
  inailPat: string;
  inailRate: string;
  category: string;
  contractType: string;
  gender: 'F' | 'M';
}

export interface DemoEmployer {
  name: string;
  taxCode: string;
  legalName: string;
  sectors: string[];
}

/** Cadastral codes of comuni people here are often born in: Carpi, Modena, Reggio nell'Emilia, Bologna, Roma, Napoli, Milano. */
const BIRTH_PLACES = ['B819', 'B819', 'B819', 'F257', 'F257', 'H223', 'A944', 'H501', 'F839', 'F205'];
const CATEGORIES = ['Operatori esperti', 'Istruttori', 'Istruttori', 'Funzionari ed elevata qualificazione'];

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function demoEmployers(): DemoEmployer[] {
  return ORGANISATIONS.map((o, i) => ({
    name: o.name,
    taxCode: String(90000000000 + (hashOf(o.name) % 9000000) + i).padStart(11, '0'),
    legalName: o.name,
    sectors: o.sectors.map((s) => s.name),
  }));
}

export function demoStaffRecord(e: DemoEmployee): DemoStaffRecord {
  const r = prng(hashOf(e.email));
  const [firstName, ...rest] = e.name.split(' ');
  const surname = rest.join(' ');
  const gender = (FIRST_F as readonly string[]).includes(firstName) ? 'F' : 'M';
  const year = 1962 + Math.floor(r() * 38);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as IsoDate;
  const birthPlace = pick(r, BIRTH_PLACES);
  const hired = Math.min(2025, year + 22 + Math.floor(r() * 20));
  const employmentStart = `${hired}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-01` as IsoDate;
  const taxCode = taxCodeOf({ surname, firstName, birthDate, gender, birthPlace });
  return {
    surname,
    firstName,
    taxCode,
    birthDate,
    birthPlace,
    employmentStart,
    employmentType: r() < 0.08 ? 'TD' : 'TI',
    inailPat: String(10000000 + (hashOf(e.organisation) % 89999999)),
    inailRate: '0722',
    category: e.isHead ? 'Funzionari ed elevata qualificazione' : pick(r, CATEGORIES),
    contractType: 'CCNL Funzioni locali 2019-2021',
    gender,
  };
}
