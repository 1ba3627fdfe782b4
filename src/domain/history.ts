// The history of requested days, indexed so that checking a date costs the same whatever the
// size of the register: counts by employee+day, employee+ISO week, employee+month, site+day and
// team (organisation+sector)+day. Only pending and approved days are counted.
import { monthKey, weekKey, type IsoDate } from './dates';
import { COUNTING_STATUSES, HOME, type DayFacts, type Employee } from './model';

export function teamKey(employee: Pick<Employee, 'organisation' | 'sector'>): string {
  return `${employee.organisation.trim().toLowerCase()}\u0000${employee.sector.trim().toLowerCase()}`;
}

export class HistoryIndex {
  private readonly counts = new Map<string, number>();

  /** @param teamOf the team key of an employee's email, or null when unknown. */
  constructor(private readonly teamOf: (email: string) => string | null) {}

  static build(days: Iterable<DayFacts>, teamOf: (email: string) => string | null): HistoryIndex {
    const index = new HistoryIndex(teamOf);
    for (const day of days) index.add(day);
    return index;
  }

  /** Counts the day if its status counts; other statuses are ignored. */
  add(day: DayFacts): void {
    if (COUNTING_STATUSES.has(day.status)) this.bump(day, 1);
  }

  /** Forgets a day previously added (e.g. when it is cancelled or re-checked at approval). */
  remove(day: DayFacts): void {
    if (COUNTING_STATUSES.has(day.status)) this.bump(day, -1);
  }

  onDay(employee: string, date: IsoDate): number {
    return this.get(`e|${employee}|${date}`);
  }
  inWeek(employee: string, date: IsoDate): number {
    return this.get(`w|${employee}|${weekKey(date)}`);
  }
  inMonth(employee: string, date: IsoDate): number {
    return this.get(`m|${employee}|${monthKey(date)}`);
  }
  atSite(site: string, date: IsoDate): number {
    return this.get(`s|${site}|${date}`);
  }
  inTeam(team: string, date: IsoDate): number {
    return this.get(`t|${team}|${date}`);
  }

  private keys(day: DayFacts): string[] {
    const keys = [
      `e|${day.employee}|${day.date}`,
      `w|${day.employee}|${weekKey(day.date)}`,
      `m|${day.employee}|${monthKey(day.date)}`,
    ];
    if (day.location !== HOME) keys.push(`s|${day.location}|${day.date}`);
    const team = this.teamOf(day.employee);
    if (team !== null) keys.push(`t|${team}|${day.date}`);
    return keys;
  }

  private bump(day: DayFacts, delta: number): void {
    for (const key of this.keys(day)) {
      const next = this.get(key) + delta;
      if (next < 0) throw new Error(`history index underflow at ${key}`);
      if (next === 0) this.counts.delete(key);
      else this.counts.set(key, next);
    }
  }

  private get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}
