// The rules of lavoro agile (docs/rules.md), written once. Every part of the product (form intake,
// sidebar, approval, scenario runner, reports) calls evaluateRequest / evaluateApproval.
import {
  datesOfMonth,
  daysBetween,
  formatDayIt,
  formatMinutes,
  formatMonthIt,
  formatWeekIt,
  monthKey,
  parseIsoDate,
  parseTimeOfDay,
  weekday,
  weekdayCode,
  WEEKDAY_NAMES_IT,
  type IsoDate,
} from './dates';
import { countIt } from './labels';
import type { HolidayCalendar } from './holidays';
import { teamKey, type HistoryIndex } from './history';
import { HOME, type Agreement, type DayFacts, type Employee, type Site } from './model';
import type { Policy } from './policy';

export const RULE_IDS = [
  'INVALID_DATE',
  'WORKING_DAY',
  'PAST_DATE',
  'SHORT_NOTICE',
  'HORIZON',
  'AGREEMENT',
  'ELIGIBILITY',
  'SAFETY_NOTICE',
  'CONTACT_WINDOW',
  'DUPLICATE_DAY',
  'WEEKLY_CAP',
  'MONTHLY_CAP',
  'PREVALENCE',
  'SITE_CAPACITY',
  'OWN_EQUIPMENT',
  'TEAM_COVERAGE',
] as const;
export type RuleId = (typeof RULE_IDS)[number];
export type Severity = 'block' | 'warn';

/** One broken rule: its id, severity, the numbers involved and a message in Italian. */
export interface RuleResult {
  rule: RuleId;
  severity: Severity;
  params: Record<string, number | string>;
  message: string;
}

/** Everything the rules need to know about one employee's request. */
export interface RuleContext {
  policy: Policy;
  holidays: HolidayCalendar;
  employee: Employee;
  /** Agreements of this employee (any order). */
  agreements: readonly Agreement[];
  sites: ReadonlyMap<string, Site>;
  /** Number of people in the employee's organisation+sector (the employee included). */
  teamSize: number;
  history: HistoryIndex;
  /** The day of the request (or of the decision), in Europe/Rome. */
  today: IsoDate;
}

export interface DateOutcome {
  /** The text as requested. */
  input: string;
  /** The date, or null when the text is not a real date. */
  date: IsoDate | null;
  status: 'refused' | 'pending';
  /** Every broken rule, blocks and warnings. */
  results: RuleResult[];
}

/** Valid dates ascending (duplicates kept), then the texts that are not real dates, in their order. */
export function orderRequestedDates(inputs: readonly string[]): { input: string; date: IsoDate | null }[] {
  const valid: { input: string; date: IsoDate }[] = [];
  const invalid: { input: string; date: null }[] = [];
  for (const input of inputs) {
    const date = parseIsoDate(input);
    if (date) valid.push({ input, date });
    else invalid.push({ input, date: null });
  }
  valid.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return [...valid, ...invalid];
}

/**
 * Checks the dates of one request, in ascending order. A date that breaks no block rule is
 * added to `ctx.history` as pending, so the following dates count it: on return, the index
 * reflects the request.
 */
export function evaluateRequest(
  ctx: RuleContext,
  inputs: readonly string[],
  location: string,
): DateOutcome[] {
  return orderRequestedDates(inputs).map(({ input, date }) => {
    if (!date) {
      return { input, date, status: 'refused', results: [invalidDate(input)] };
    }
    const results = evaluateDate(ctx, date, location, { checkPast: true });
    const refused = results.some((r) => r.severity === 'block');
    if (!refused) ctx.history.add({ employee: ctx.employee.email, date, location, status: 'pending' });
    return { input, date, status: refused ? 'refused' : 'pending', results };
  });
}

/**
 * Re-checks a pending day before approval: all rules but PAST_DATE (a late approval is
 * allowed), without counting the day itself twice. The index is left as it was.
 */
export function evaluateApproval(ctx: RuleContext, day: DayFacts): RuleResult[] {
  ctx.history.remove(day);
  try {
    return evaluateDate(ctx, day.date, day.location, { checkPast: false });
  } finally {
    ctx.history.add(day);
  }
}

/** Every rule for one real date, as if it were added to the history. */
export function evaluateDate(
  ctx: RuleContext,
  date: IsoDate,
  location: string,
  opts: { checkPast: boolean },
): RuleResult[] {
  const { policy, employee, history, today } = ctx;
  const out: RuleResult[] = [];
  const add = (rule: RuleId, severity: Severity, params: Record<string, number | string>, message: string) =>
    out.push({ rule, severity, params, message });
  const d = formatDayIt(date);

  // WORKING_DAY
  const code = weekdayCode(date);
  const holiday = ctx.holidays.holidayAt(date, employee.seat);
  if (!employee.workingDays.includes(code)) {
    add(
      'WORKING_DAY',
      'block',
      { weekday: code },
      `${weekday(date) === 7 ? 'La' : 'Il'} ${WEEKDAY_NAMES_IT[weekday(date) - 1]} non è un tuo giorno lavorativo (${d}).`,
    );
  } else if (holiday) {
    add('WORKING_DAY', 'block', { holiday: holiday.name }, `Giorno festivo: ${d}, ${holiday.name}.`);
  }

  // PAST_DATE and SHORT_NOTICE
  const ahead = daysBetween(today, date);
  if (opts.checkPast && ahead < 0) {
    add('PAST_DATE', 'block', { daysAhead: ahead }, `Giorno già passato: ${d}.`);
  }
  if (ahead < policy.noticeDays) {
    add(
      'SHORT_NOTICE',
      'warn',
      { daysAhead: ahead, noticeDays: policy.noticeDays },
      `Preavviso breve: ${noticeText(ahead)} (ne servono almeno ${countIt(policy.noticeDays, 'giorno', 'giorni')}).`,
    );
  }

  // HORIZON: a far-future booking would hold caps and site seats for months.
  if (ahead > policy.maxDaysAhead) {
    add(
      'HORIZON',
      'block',
      { daysAhead: ahead, maxDaysAhead: policy.maxDaysAhead },
      `Troppo in anticipo: ${d} è fra ${ahead} giorni, si può chiedere al massimo ${countIt(policy.maxDaysAhead, 'giorno', 'giorni')} prima.`,
    );
  }

  // AGREEMENT, and the rules that read the agreement covering the date
  const covering = ctx.agreements.filter((a) => a.from <= date && (a.to === null || date <= a.to));
  const signed = covering.find(
    (a) =>
      a.signedByEmployee !== null &&
      a.signedByManager !== null &&
      a.signedByEmployee <= today &&
      a.signedByManager <= today,
  );
  if (!signed) {
    add(
      'AGREEMENT',
      'block',
      { covering: covering.length },
      covering.length
        ? `L'accordo individuale che copre ${d} non è ancora firmato da entrambe le parti.`
        : `Nessun accordo individuale copre ${d}.`,
    );
  }

  // ELIGIBILITY
  if (employee.eligibility === 'not-eligible') {
    add(
      'ELIGIBILITY',
      'block',
      { eligibility: employee.eligibility },
      'Il tuo profilo non è eleggibile al lavoro agile.',
    );
  } else if (employee.eligibility === 'conditional') {
    add(
      'ELIGIBILITY',
      'warn',
      { eligibility: employee.eligibility },
      'Profilo eleggibile a condizione: verificare le condizioni.',
    );
  }

  const agreement = signed ?? covering[0];
  if (agreement) {
    // SAFETY_NOTICE
    const notice = agreement.safetyNoticeDate;
    if (notice === null || notice > date) {
      add(
        'SAFETY_NOTICE',
        'block',
        {},
        `Manca l'informativa sulla sicurezza (art. 22 L. 81/2017) valida per ${d}.`,
      );
    } else {
      const age = daysBetween(notice, date);
      if (age > policy.safetyNoticeMaxDays) {
        add(
          'SAFETY_NOTICE',
          'warn',
          { ageDays: age, limit: policy.safetyNoticeMaxDays },
          `L'informativa sulla sicurezza ha ${age} giorni (da rinnovare ogni ${policy.safetyNoticeMaxDays}).`,
        );
      }
    }

    // CONTACT_WINDOW
    const problem = contactWindowProblem(agreement, policy);
    if (problem) add('CONTACT_WINDOW', 'block', problem.params, problem.message);

    // OWN_EQUIPMENT
    if (agreement.equipment === 'own') {
      add('OWN_EQUIPMENT', 'warn', {}, 'Strumentazione personale del dipendente: serve una motivazione.');
    }
  }

  // DUPLICATE_DAY
  const sameDay = history.onDay(employee.email, date);
  if (sameDay > 0) {
    add('DUPLICATE_DAY', 'block', { existing: sameDay }, `Hai già una giornata di lavoro agile ${d}.`);
  }

  // WEEKLY_CAP and MONTHLY_CAP: this date included
  const week = history.inWeek(employee.email, date) + 1;
  if (week > policy.maxDaysPerWeek) {
    add(
      'WEEKLY_CAP',
      'block',
      { used: week, limit: policy.maxDaysPerWeek },
      `Limite settimanale superato: ${week} giornate su ${policy.maxDaysPerWeek} nella ${formatWeekIt(date)}.`,
    );
  }
  const month = history.inMonth(employee.email, date) + 1;
  if (month > policy.maxDaysPerMonth) {
    add(
      'MONTHLY_CAP',
      'block',
      { used: month, limit: policy.maxDaysPerMonth },
      `Limite mensile superato: ${month} giornate su ${policy.maxDaysPerMonth} a ${formatMonthIt(monthKey(date))}.`,
    );
  }

  // PREVALENCE: smart days stay fewer than days in presence
  const working = workingDaysInMonth(ctx, date);
  if (2 * month >= working) {
    add(
      'PREVALENCE',
      'block',
      { smart: month, workingDays: working },
      `A ${formatMonthIt(monthKey(date))} il lavoro in presenza deve prevalere: ${month} giornate agili su ${working} lavorative.`,
    );
  }

  // SITE_CAPACITY
  if (location !== HOME) {
    const site = ctx.sites.get(location);
    const booked = history.atSite(location, date) + 1;
    const capacity = site ? site.capacity : 0;
    if (booked > capacity) {
      add(
        'SITE_CAPACITY',
        'block',
        { used: booked, limit: capacity },
        `${site ? site.name : 'La sede scelta'} è al completo ${d}: ${booked} prenotazioni su ${countIt(capacity, 'posto', 'posti')}.`,
      );
    }
  }

  // TEAM_COVERAGE
  const inTeam = history.inTeam(teamKey(employee), date) + 1;
  const teamSize = Math.max(ctx.teamSize, 1);
  if (inTeam / teamSize > policy.maxTeamShare) {
    add(
      'TEAM_COVERAGE',
      'warn',
      { used: inTeam, teamSize, limit: policy.maxTeamShare },
      `Copertura del servizio: ${inTeam} su ${countIt(teamSize, 'persona', 'persone')} del settore in lavoro agile ${d}.`,
    );
  }

  return out;
}

function invalidDate(input: string): RuleResult {
  return {
    rule: 'INVALID_DATE',
    severity: 'block',
    params: { input },
    message: `«${input}» non è una data valida (AAAA-MM-GG).`,
  };
}

/** Working days of the employee in the month of `date`, as WORKING_DAY defines them. */
export function workingDaysInMonth(ctx: Pick<RuleContext, 'employee' | 'holidays'>, date: IsoDate): number {
  let n = 0;
  for (const day of datesOfMonth(monthKey(date))) {
    if (
      ctx.employee.workingDays.includes(weekdayCode(day)) &&
      !ctx.holidays.holidayAt(day, ctx.employee.seat)
    )
      n++;
  }
  return n;
}

/** Why the agreement's contact windows are not acceptable, or null when they are. */
export function contactWindowProblem(
  agreement: Pick<Agreement, 'contactWindows'>,
  policy: Pick<Policy, 'maxContactMinutes' | 'disconnection'>,
): { params: Record<string, number | string>; message: string } | null {
  const windows = agreement.contactWindows;
  if (windows.length === 0)
    return { params: { windows: 0 }, message: "L'accordo non indica alcuna fascia di contattabilità." };
  const ranges: [number, number][] = [];
  for (const w of windows) {
    const from = parseTimeOfDay(w.from);
    const to = parseTimeOfDay(w.to);
    if (from === null || to === null || from >= to) {
      return {
        params: { from: String(w.from), to: String(w.to) },
        message: `Fascia di contattabilità non valida: ${w.from}–${w.to}.`,
      };
    }
    ranges.push([from, to]);
  }
  // The disconnection period wraps midnight (20:00 → 07:00): a window must lie in the
  // complementary part of the day, [to, from].
  const offFrom = parseTimeOfDay(policy.disconnection.from) as number;
  const offTo = parseTimeOfDay(policy.disconnection.to) as number;
  const inDisconnection = ([from, to]: [number, number]) =>
    offFrom > offTo ? from < offTo || to > offFrom : from < offTo && to > offFrom;
  const bad = ranges.find(inDisconnection);
  if (bad) {
    return {
      params: { from: formatMinutes(bad[0]), to: formatMinutes(bad[1]) },
      message: `La fascia ${formatMinutes(bad[0])}–${formatMinutes(bad[1])} cade nel periodo di disconnessione (${policy.disconnection.from}–${policy.disconnection.to}).`,
    };
  }
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i][0] < sorted[i - 1][1]) {
      return {
        params: { from: formatMinutes(sorted[i][0]), to: formatMinutes(sorted[i - 1][1]) },
        message: 'Le fasce di contattabilità si sovrappongono.',
      };
    }
  }
  const total = ranges.reduce((sum, [from, to]) => sum + (to - from), 0);
  if (total > policy.maxContactMinutes) {
    return {
      params: { used: total, limit: policy.maxContactMinutes },
      message: `Le fasce di contattabilità durano ${formatMinutes(total)} ore, oltre il massimo di ${formatMinutes(policy.maxContactMinutes)}.`,
    };
  }
  return null;
}

/** How far ahead a request was made, in words. */
function noticeText(daysAhead: number): string {
  if (daysAhead < 0) return 'richiesta dopo il giorno stesso';
  if (daysAhead === 0) return 'richiesta il giorno stesso';
  if (daysAhead === 1) return 'richiesta il giorno prima';
  return `richiesta ${daysAhead} giorni prima`;
}
