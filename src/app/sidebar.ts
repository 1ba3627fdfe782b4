// The managers' sidebar read model: what the signed-in user may see, computed from one read
// of the register. Plain JSON (google.script.run cannot pass Date).
import { formatDateIt, monthKey, weekKey, type IsoDate } from '../domain/dates';
import { STATUS_LABELS } from '../domain/labels';
import { HOME, type Employee } from '../domain/model';
import { evaluateApproval, workingDaysInMonth } from '../domain/rules';
import type { Ports } from './ports';
import { dayFacts, RegisterView } from './view';

export interface PendingDayDto {
  employee: string;
  date: string;
  dateLabel: string;
  location: string;
  locationLabel: string;
  note: string;
  /** Warnings at submission and, re-checked now, any block that would stop approval. */
  warnings: { rule: string; message: string }[];
  blocks: { rule: string; message: string }[];
  week: { used: number; limit: number };
  month: { used: number; limit: number };
  site: { used: number; limit: number } | null;
}

export interface PersonGroupDto {
  email: string;
  name: string;
  sector: string;
  weeks: { week: string; days: PendingDayDto[] }[];
}

export interface SidebarDto {
  user: string;
  isAdmin: boolean;
  today: string;
  pending: PersonGroupDto[];
  /** The month view of the user's team: who is in smart working which day, and where. */
  team: {
    month: string;
    days: { date: string; people: { name: string; location: string; status: string }[] }[];
  };
  own: {
    days: {
      date: string;
      dateLabel: string;
      location: string;
      status: string;
      statusLabel: string;
      cancellable: boolean;
    }[];
    quota: { month: string; used: number; limit: number; workingDays: number } | null;
  };
}

export function sidebarData(ports: Ports, user: string, month?: string): SidebarDto {
  const view = new RegisterView(ports.register.load());
  const now = ports.clock.now();
  const policy = view.snapshot.policy;
  const isAdmin = view.isAdmin(user);
  const people = isAdmin
    ? view.snapshot.employees.filter((e) => e.email !== user)
    : view.peopleOf(user, now.date);
  const locationLabel = (id: string) => (id === HOME ? 'casa' : (view.sites.get(id)?.name ?? id));

  const pending: PersonGroupDto[] = [];
  for (const person of people) {
    const days = (view.daysOf.get(person.email) ?? []).filter((d) => d.status === 'pending');
    if (!days.length) continue;
    const ctx = view.ruleContext(person, now.date);
    const weeks = new Map<string, PendingDayDto[]>();
    for (const day of [...days].sort((a, b) => (a.date < b.date ? -1 : 1))) {
      const facts = dayFacts(day);
      if (!facts) continue;
      const recheck = evaluateApproval(ctx, facts);
      const dto: PendingDayDto = {
        employee: person.email,
        date: day.date,
        dateLabel: formatDateIt(facts.date),
        location: day.location,
        locationLabel: locationLabel(day.location),
        note: day.note,
        warnings: day.violations
          .filter((v) => v.severity === 'warn')
          .map((v) => ({ rule: v.rule, message: v.message })),
        blocks: recheck
          .filter((r) => r.severity === 'block')
          .map((r) => ({ rule: r.rule, message: r.message })),
        week: { used: view.history.inWeek(person.email, facts.date), limit: policy.maxDaysPerWeek },
        month: { used: view.history.inMonth(person.email, facts.date), limit: policy.maxDaysPerMonth },
        site:
          day.location === HOME
            ? null
            : {
                used: view.history.atSite(day.location, facts.date),
                limit: view.sites.get(day.location)?.capacity ?? 0,
              },
      };
      const key = weekKey(facts.date);
      weeks.set(key, [...(weeks.get(key) ?? []), dto]);
    }
    pending.push({
      email: person.email,
      name: person.name,
      sector: person.sector,
      weeks: [...weeks].map(([week, list]) => ({ week, days: list })),
    });
  }

  const shownMonth = month && /^\d{4}-\d{2}$/.test(month) ? month : monthKey(now.date);
  const teamDays = new Map<string, { name: string; location: string; status: string }[]>();
  for (const person of people) {
    for (const d of view.daysOf.get(person.email) ?? []) {
      if ((d.status === 'pending' || d.status === 'approved') && d.date.startsWith(shownMonth)) {
        teamDays.set(d.date, [
          ...(teamDays.get(d.date) ?? []),
          { name: person.name, location: locationLabel(d.location), status: STATUS_LABELS[d.status] },
        ]);
      }
    }
  }

  const me: Employee | undefined = view.employees.get(user);
  const ownDays = (view.daysOf.get(user) ?? [])
    // Refusals are shown only while their date is still ahead (not at all for non-dates).
    .filter((d) => d.status !== 'refused' || (dayFacts(d) !== null && d.date >= now.date))
    .sort((a, b) => (a.date < b.date ? 1 : -1))
    .slice(0, 40)
    .map((d) => ({
      date: d.date,
      dateLabel: dayFacts(d) ? formatDateIt(d.date as IsoDate) : d.date,
      location: locationLabel(d.location),
      status: d.status,
      statusLabel: STATUS_LABELS[d.status],
      cancellable: (d.status === 'pending' || d.status === 'approved') && d.date >= now.date,
    }));
  const quota = me
    ? {
        month: monthKey(now.date),
        used: view.history.inMonth(user, now.date),
        limit: policy.maxDaysPerMonth,
        workingDays: workingDaysInMonth({ employee: me, holidays: view.holidays }, now.date),
      }
    : null;

  return {
    user,
    isAdmin,
    today: now.date,
    pending,
    team: {
      month: shownMonth,
      days: [...teamDays]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([date, list]) => ({ date, people: list })),
    },
    own: { days: ownDays, quota },
  };
}
