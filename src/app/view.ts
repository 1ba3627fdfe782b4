// An indexed view of one register snapshot: what use cases look things up in. Built once per
// operation in O(rows); every lookup afterwards is O(1) or O(days of one employee).
import {
  addDays,
  dateParts,
  daysInMonth,
  makeDate,
  parseIsoDate,
  startOfWeek,
  type IsoDate,
} from '../domain/dates';
import { HistoryIndex, teamKey } from '../domain/history';
import { HolidayCalendar } from '../domain/holidays';
import type { Agreement, DayFacts, Employee, Site } from '../domain/model';
import type { RuleContext } from '../domain/rules';
import type { DayRecord, RegisterSnapshot } from './ports';

export class RegisterView {
  readonly employees = new Map<string, Employee>();
  readonly sites = new Map<string, Site>();
  readonly agreementsOf = new Map<string, Agreement[]>();
  readonly daysOf = new Map<string, DayRecord[]>();
  readonly teamSizes = new Map<string, number>();
  readonly admins: ReadonlySet<string>;
  readonly holidays: HolidayCalendar;
  readonly history: HistoryIndex;

  /**
   * @param focus when given, the history index covers only the days that can matter to rules
   * about these dates (their months, widened to whole ISO weeks): an operation on a few dates
   * then indexes a few hundred rows, not the whole register.
   */
  constructor(
    readonly snapshot: RegisterSnapshot,
    focus?: readonly string[],
  ) {
    for (const e of snapshot.employees) this.employees.set(e.email, e);
    for (const s of snapshot.sites) this.sites.set(s.id, s);
    for (const a of snapshot.agreements) push(this.agreementsOf, a.employee, a);
    for (const d of snapshot.days) push(this.daysOf, d.employee, d);
    for (const e of snapshot.employees)
      this.teamSizes.set(teamKey(e), (this.teamSizes.get(teamKey(e)) ?? 0) + 1);
    this.admins = new Set(snapshot.admins);
    this.holidays = new HolidayCalendar(snapshot.holidays);
    const teamOf = (email: string) => {
      const e = this.employees.get(email);
      return e ? teamKey(e) : null;
    };
    const window = focus ? historyWindow(focus) : null;
    const relevant = window
      ? snapshot.days.filter((d) => d.date >= window.from && d.date <= window.to)
      : snapshot.days;
    this.history = HistoryIndex.build(relevant.map(dayFacts).filter(isDefined), teamOf);
  }

  ruleContext(employee: Employee, today: IsoDate): RuleContext {
    return {
      policy: this.snapshot.policy,
      holidays: this.holidays,
      employee,
      agreements: this.agreementsOf.get(employee.email) ?? [],
      sites: this.sites,
      teamSize: this.teamSizes.get(teamKey(employee)) ?? 1,
      history: this.history,
      today,
    };
  }

  isAdmin(email: string): boolean {
    return this.admins.has(email);
  }

  /** The manager of the employee, or a delegate of that manager on `today`. */
  isManagerOf(email: string, employee: Employee, today: IsoDate): boolean {
    if (employee.manager === email) return true;
    return this.snapshot.delegations.some(
      (d) => d.manager === employee.manager && d.delegate === email && d.from <= today && today <= d.to,
    );
  }

  /** Employees whose manager (or delegated manager on `today`) is `email`. */
  peopleOf(email: string, today: IsoDate): Employee[] {
    return this.snapshot.employees.filter((e) => e.email !== email && this.isManagerOf(email, e, today));
  }

  /** Records the new or changed day in the view, keeping the history index right. */
  replaceDay(before: DayRecord | null, after: DayRecord): void {
    if (before) {
      const facts = dayFacts(before);
      if (facts) this.history.remove(facts);
      const list = this.daysOf.get(before.employee) ?? [];
      const i = list.indexOf(before);
      if (i >= 0) list[i] = after;
    } else {
      push(this.daysOf, after.employee, after);
    }
    const facts = dayFacts(after);
    if (facts) this.history.add(facts);
  }
}

/** The dates whose history can affect rules about `dates`: their months, to whole ISO weeks. */
export function historyWindow(dates: readonly string[]): { from: string; to: string } | null {
  const valid = dates.map(parseIsoDate).filter(isDefined).sort();
  if (!valid.length) return { from: '9999-12-31', to: '0000-01-01' };
  const first = valid[0];
  const last = valid[valid.length - 1];
  const monthStart = makeDate(Number(first.slice(0, 4)), Number(first.slice(5, 7)), 1);
  const lastParts = dateParts(last);
  const monthEnd = makeDate(lastParts.year, lastParts.month, daysInMonth(lastParts.year, lastParts.month));
  return { from: startOfWeek(monthStart), to: addDays(startOfWeek(monthEnd), 6) };
}

/** The rule-relevant part of a day, or null when its date is not a real date. */
export function dayFacts(day: DayRecord): DayFacts | null {
  const date = parseIsoDate(day.date);
  return date ? { employee: day.employee, date, location: day.location, status: day.status } : null;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function isDefined<T>(x: T | null): x is T {
  return x !== null;
}
