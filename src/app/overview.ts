// The read model people see, in the add-on's cards and on the web page: what the signed-in
// user may see, computed from one read of the register. Plain JSON (google.script.run and the
// web app's JSON cannot pass Date), every text in Italian and ready to show: dates as
// "lun 16 nov 2026", weeks with their year, statuses explained, sites by name, never an id.
import {
  addDays,
  datesOfMonth,
  formatDayIt,
  formatMonthIt,
  formatRangeIt,
  formatWeekIt,
  monthKey,
  parseIsoDate,
  startOfWeek,
  weekday,
  weekKey,
  type IsoDate,
  type MonthKey,
} from '../domain/dates';
import { teamKey } from '../domain/history';
import { RULE_LABELS, STATUS_HELP, STATUS_LABELS } from '../domain/labels';
import { HOME, type DayStatus, type Employee } from '../domain/model';
import { evaluateApproval, workingDaysInMonth } from '../domain/rules';
import type { DayRecord, Ports } from './ports';
import { dayFacts, RegisterView } from './view';

export interface Counter {
  used: number;
  limit: number;
}

export interface RuleNote {
  rule: string;
  /** The rule's name ("Limite settimanale"), then what it found. */
  label: string;
  message: string;
}

export interface DayItem {
  employee: string;
  name: string;
  /** `YYYY-MM-DD` for actions; the text of a request that was not a date. */
  date: string;
  dateLabel: string;
  location: string;
  locationLabel: string;
  status: DayStatus;
  statusLabel: string;
  statusHelp: string;
  /** Why it was refused (the rules' findings) or rejected (the manager's reason); '' otherwise. */
  reason: string;
  note: string;
  cancellable: boolean;
}

export interface PendingItem extends DayItem {
  warnings: RuleNote[];
  /** Block rules that, checked again now, would stop the approval. */
  blocks: RuleNote[];
  week: Counter;
  month: Counter;
  /** Bookings of the shared site that day, this one included. */
  site: Counter | null;
}

export interface PendingGroup {
  email: string;
  name: string;
  organisation: string;
  sector: string;
  weeks: { key: string; label: string; days: PendingItem[] }[];
}

export interface PendingPage {
  /** Pending days and people matching the filter (all pages). */
  days: number;
  people: number;
  groups: PendingGroup[];
  page: number;
  pages: number;
  filter: { person: string; sector: string };
  /** What the filter can choose from: the people with pending days, their sectors. */
  persons: { email: string; name: string }[];
  sectors: string[];
}

export interface TeamDay {
  date: string;
  label: string;
  /** People of the team in smart work that day (pending and approved). */
  count: number;
  /** The most the share allows (maxTeamShare × team size, rounded down). */
  limit: number;
  over: boolean;
  working: boolean;
}

export interface TeamBlock {
  key: string;
  label: string;
  size: number;
  people: {
    email: string;
    name: string;
    cells: Record<string, { status: DayStatus; label: string; location: string }>;
  }[];
  days: TeamDay[];
}

export interface TeamGrid {
  from: string;
  to: string;
  label: string;
  share: number;
  teams: TeamBlock[];
}

export interface Overview {
  user: string;
  name: string;
  today: string;
  todayLabel: string;
  isEmployee: boolean;
  isManager: boolean;
  isAdmin: boolean;
  me: {
    week: Counter & { label: string };
    month: Counter & { label: string; workingDays: number };
    /** The days of the month shown, newest first. */
    days: DayItem[];
    monthShown: string;
    monthLabel: string;
    /** Pending and approved days from today on. */
    upcoming: DayItem[];
    optIn: boolean;
  } | null;
  sites: { id: string; name: string; comune: string }[];
  pending: PendingPage;
  team: TeamGrid;
  admin: { problems: number } | null;
}

export interface OverviewQuery {
  /** The month of the user's own days (`YYYY-MM`); default: this month. */
  month?: unknown;
  /** The team grid: a week (`week`, the default) or a month (`month`), from this date's. */
  teamRange?: unknown;
  teamDate?: unknown;
  person?: unknown;
  sector?: unknown;
  page?: unknown;
  pageSize?: unknown;
}

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 50;

export function overview(ports: Ports, user: string, query: OverviewQuery = {}): Overview {
  const view = new RegisterView(ports.register.load());
  const today = ports.clock.now().date;
  const policy = view.snapshot.policy;
  const me: Employee | undefined = view.employees.get(user);
  const isAdmin = view.isAdmin(user);
  const managed = view.peopleOf(user, today);
  // HR decides for everyone; a manager (or a delegate today) for their people.
  const people = isAdmin ? view.snapshot.employees.filter((e) => e.email !== user) : managed;
  const present = new Presenter(view, today);
  const item = (d: DayRecord) => present.item(d);
  // The user's own days.
  let mine: Overview['me'] = null;
  if (me) {
    const shown = (
      typeof query.month === 'string' && /^\d{4}-\d{2}$/.test(query.month) ? query.month : monthKey(today)
    ) as MonthKey;
    const own = view.daysOf.get(user) ?? [];
    const monday = startOfWeek(today);
    mine = {
      week: {
        label: formatWeekIt(today),
        used: view.history.inWeek(user, today),
        limit: policy.maxDaysPerWeek,
      },
      month: {
        label: formatMonthIt(monthKey(today)),
        used: view.history.inMonth(user, today),
        limit: policy.maxDaysPerMonth,
        workingDays: workingDaysInMonth({ employee: me, holidays: view.holidays }, today),
      },
      monthShown: shown,
      monthLabel: formatMonthIt(shown),
      days: own
        .filter((d) => d.date.startsWith(shown) || (!parseIsoDate(d.date) && d.submittedAt.startsWith(shown)))
        .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
        .map(item),
      upcoming: own
        .filter(
          (d) => (d.status === 'pending' || d.status === 'approved') && d.date >= monday && d.date >= today,
        )
        .sort((a, b) => (a.date < b.date ? -1 : 1))
        .slice(0, 10)
        .map(item),
      optIn: me.workingLocationOptIn,
    };
  }

  return {
    user,
    name: me?.name ?? user,
    today,
    todayLabel: formatDayIt(today),
    isEmployee: me !== undefined,
    isManager: managed.length > 0,
    isAdmin,
    me: mine,
    sites: view.snapshot.sites.map((s) => ({ id: s.id, name: s.name, comune: s.comune })),
    pending: pendingPage(view, people, today, query, present),
    team: teamGrid(view, people, me, today, query),
    admin: isAdmin ? { problems: view.snapshot.problems.length } : null,
  };
}

function pendingPage(
  view: RegisterView,
  people: Employee[],
  today: IsoDate,
  query: OverviewQuery,
  present: Presenter,
): PendingPage {
  const person = typeof query.person === 'string' ? query.person.trim().toLowerCase() : '';
  const sector = typeof query.sector === 'string' ? query.sector.trim() : '';
  const withPending = people.filter((p) =>
    (view.daysOf.get(p.email) ?? []).some((d) => d.status === 'pending'),
  );
  const matching = withPending.filter(
    (p) => (!person || p.email === person) && (!sector || p.sector === sector),
  );
  const size = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(Number(query.pageSize)) || DEFAULT_PAGE_SIZE));
  const pages = Math.max(1, Math.ceil(matching.length / size));
  const page = Math.min(pages, Math.max(1, Math.floor(Number(query.page)) || 1));
  const byName = (a: Employee, b: Employee) => a.name.localeCompare(b.name, 'it');
  let days = 0;
  for (const p of matching)
    days += (view.daysOf.get(p.email) ?? []).filter((d) => d.status === 'pending').length;
  const groups: PendingGroup[] = [];
  for (const p of [...matching].sort(byName).slice((page - 1) * size, page * size)) {
    const weeks = new Map<string, { key: string; label: string; days: PendingItem[] }>();
    const pending = (view.daysOf.get(p.email) ?? [])
      .filter((d) => d.status === 'pending')
      .sort((a, b) => (a.date < b.date ? -1 : 1));
    for (const d of pending) {
      const it = present.pendingItem(d);
      if (!it) continue;
      const date = d.date as IsoDate;
      const key = weekKey(date);
      const week = weeks.get(key) ?? { key, label: formatWeekIt(date), days: [] };
      week.days.push(it);
      weeks.set(key, week);
    }
    groups.push({
      email: p.email,
      name: p.name,
      organisation: p.organisation,
      sector: p.sector,
      weeks: [...weeks.values()],
    });
  }
  return {
    days,
    people: matching.length,
    groups,
    page,
    pages,
    filter: { person, sector },
    persons: [...withPending].sort(byName).map((p) => ({ email: p.email, name: p.name })),
    sectors: [...new Set(withPending.map((p) => p.sector))].sort((a, b) => a.localeCompare(b, 'it')),
  };
}

/** Days as people read them: the one place that turns a register row into what a card or the page shows. */
export class Presenter {
  constructor(
    private readonly view: RegisterView,
    private readonly today: IsoDate,
  ) {}

  siteName(id: string): string {
    return id === HOME ? 'casa' : (this.view.sites.get(id)?.name ?? 'sede non più in elenco');
  }

  item(d: DayRecord): DayItem {
    const date = parseIsoDate(d.date);
    const employee = this.view.employees.get(d.employee);
    return {
      employee: d.employee,
      name: employee?.name ?? d.employee,
      date: d.date,
      dateLabel: date ? formatDayIt(date) : `«${d.date}» (non è una data)`,
      location: d.location,
      locationLabel: this.siteName(d.location),
      status: d.status,
      statusLabel: STATUS_LABELS[d.status],
      statusHelp: STATUS_HELP[d.status],
      reason:
        d.status === 'refused'
          ? d.violations
              .filter((v) => v.severity === 'block')
              .map((v) => v.message)
              .join(' ')
          : d.status === 'rejected'
            ? d.reason
            : '',
      note: d.note,
      cancellable: (d.status === 'pending' || d.status === 'approved') && date !== null && date >= this.today,
    };
  }

  /** A pending day with what the manager needs to decide: warnings, blocks now, counters. */
  pendingItem(d: DayRecord): PendingItem | null {
    const facts = dayFacts(d);
    const person = this.view.employees.get(d.employee);
    if (!facts || !person) return null;
    const policy = this.view.snapshot.policy;
    const recheck = evaluateApproval(this.view.ruleContext(person, this.today), facts);
    const note = (rule: string, message: string): RuleNote => ({
      rule,
      label: RULE_LABELS[rule as keyof typeof RULE_LABELS] ?? rule,
      message,
    });
    return {
      ...this.item(d),
      warnings: d.violations.filter((v) => v.severity === 'warn').map((v) => note(v.rule, v.message)),
      blocks: recheck.filter((r) => r.severity === 'block').map((r) => note(r.rule, r.message)),
      week: { used: this.view.history.inWeek(d.employee, facts.date), limit: policy.maxDaysPerWeek },
      month: { used: this.view.history.inMonth(d.employee, facts.date), limit: policy.maxDaysPerMonth },
      site:
        d.location === HOME
          ? null
          : {
              used: this.view.history.atSite(d.location, facts.date),
              limit: this.view.sites.get(d.location)?.capacity ?? 0,
            },
    };
  }
}

/** Who is where, day by day, per team (organisation and sector), with the headcount against the share. */
function teamGrid(
  view: RegisterView,
  people: Employee[],
  me: Employee | undefined,
  today: IsoDate,
  query: OverviewQuery,
): TeamGrid {
  const share = view.snapshot.policy.maxTeamShare;
  const anchor = (typeof query.teamDate === 'string' && parseIsoDate(query.teamDate)) || today;
  const month = query.teamRange === 'month';
  const dates = month
    ? datesOfMonth(monthKey(anchor))
    : [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(startOfWeek(anchor), i));
  const from = dates[0];
  const to = dates[dates.length - 1];
  // A manager sees their people; an employee their own team; HR everyone they see as people.
  const members = people.length
    ? people
    : me
      ? view.snapshot.employees.filter((e) => teamKey(e) === teamKey(me))
      : [];
  const teams = new Map<string, Employee[]>();
  for (const e of members) teams.set(teamKey(e), [...(teams.get(teamKey(e)) ?? []), e]);
  const blocks: TeamBlock[] = [];
  for (const [key, list] of [...teams].sort(([a], [b]) => a.localeCompare(b, 'it'))) {
    const size = view.teamSizes.get(key) ?? list.length;
    const limit = Math.floor(size * share);
    const counts = new Map<string, number>();
    const rows = [...list]
      .sort((a, b) => a.name.localeCompare(b.name, 'it'))
      .map((e) => {
        const cells: TeamBlock['people'][number]['cells'] = {};
        for (const d of view.daysOf.get(e.email) ?? []) {
          if ((d.status !== 'pending' && d.status !== 'approved') || d.date < from || d.date > to) continue;
          cells[d.date] = {
            status: d.status,
            label: STATUS_LABELS[d.status],
            location: d.location === HOME ? 'casa' : (view.sites.get(d.location)?.name ?? 'sede'),
          };
        }
        return { email: e.email, name: e.name, cells };
      });
    for (const date of dates) counts.set(date, view.history.inTeam(key, date));
    blocks.push({
      key,
      label: `${list[0].sector} — ${list[0].organisation}`,
      size,
      people: rows,
      days: dates.map((date) => {
        const count = counts.get(date) ?? 0;
        return {
          date,
          label: formatDayIt(date),
          count,
          limit,
          over: count > limit,
          working: weekday(date) <= 5 && view.holidays.holidayAt(date, list[0].seat) === null,
        };
      }),
    });
  }
  return {
    from,
    to,
    label: month ? formatMonthIt(monthKey(anchor)) : formatRangeIt(from, to),
    share,
    teams: blocks,
  };
}

export interface SelectedDays {
  /** The days the caller may see, in the order asked; pending ones with what a decision needs. */
  days: (DayItem & { pending: PendingItem | null; canDecide: boolean; canCancel: boolean })[];
  /** How many asked for were not found or not the caller's to see. */
  hidden: number;
}

/**
 * Days picked by id (the days a digest mail is about) or by calendar event, as `user` may see
 * them: their own, their people's (as manager or delegate today) or anyone's for HR.
 */
export function selectedDays(
  ports: Ports,
  user: string,
  pick: { ids?: readonly string[]; eventId?: string },
): SelectedDays {
  const view = new RegisterView(ports.register.load());
  const today = ports.clock.now().date;
  const present = new Presenter(view, today);
  const byId = new Map(view.snapshot.days.map((d) => [d.id, d]));
  const wanted: (DayRecord | undefined)[] = pick.eventId
    ? [view.snapshot.days.find((d) => d.calendarEventId !== '' && d.calendarEventId === pick.eventId)]
    : (pick.ids ?? []).slice(0, 200).map((id) => byId.get(String(id)));
  const out: SelectedDays['days'] = [];
  let hidden = 0;
  for (const d of wanted) {
    const employee = d ? view.employees.get(d.employee) : undefined;
    const own = d?.employee === user;
    const manages = employee !== undefined && view.isManagerOf(user, employee, today);
    const admin = view.isAdmin(user);
    if (!d || !employee || !(own || manages || admin)) {
      hidden++;
      continue;
    }
    const it = present.item(d);
    out.push({
      ...it,
      pending: d.status === 'pending' ? present.pendingItem(d) : null,
      canDecide: d.status === 'pending' && !own && (manages || admin),
      canCancel: it.cancellable,
    });
  }
  return { days: out, hidden };
}
