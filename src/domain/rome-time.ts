// Europe/Rome local time from an instant and back, in pure arithmetic: Apps Script gives us
// instants (Date), the register and the rules speak local calendar dates and times.
// Italy follows the EU rule since 1996: CEST (UTC+2) from the last Sunday of March at 01:00
// UTC to the last Sunday of October at 01:00 UTC; CET (UTC+1) otherwise.
import {
  addDays,
  fromDayNumber,
  makeDate,
  toDayNumber,
  weekday,
  type IsoDate,
  type LocalDateTime,
} from './dates';

const MINUTE = 60_000;
const DAY = 86_400_000;

function lastSunday(year: number, month: number): IsoDate {
  const last = makeDate(year, month, 31); // March and October both end on the 31st
  return addDays(last, -(weekday(last) % 7));
}

const summerTimeByYear = new Map<number, [number, number]>();

/** Start and end (epoch ms) of summer time in a year (computed once per year). */
function summerTime(year: number): [number, number] {
  let range = summerTimeByYear.get(year);
  if (!range) {
    range = [
      toDayNumber(lastSunday(year, 3)) * DAY + 60 * MINUTE,
      toDayNumber(lastSunday(year, 10)) * DAY + 60 * MINUTE,
    ];
    summerTimeByYear.set(year, range);
  }
  return range;
}

/** Offset of Europe/Rome from UTC at an instant, in minutes (60 or 120). */
export function romeOffsetMinutes(epochMs: number): number {
  const year = new Date(epochMs).getUTCFullYear(); // a UTC field: no process time zone involved
  const [start, end] = summerTime(year);
  return epochMs >= start && epochMs < end ? 120 : 60;
}

export function toRomeLocal(epochMs: number): LocalDateTime {
  const local = epochMs + romeOffsetMinutes(epochMs) * MINUTE;
  const dayNumber = Math.floor(local / DAY);
  return { date: fromDayNumber(dayNumber), minutes: Math.floor((local - dayNumber * DAY) / MINUTE) };
}

/**
 * The instant of a Rome local time. In the autumn repeated hour the first (summer) instant is
 * chosen; a time skipped in spring maps to the instant one hour later, as clocks do.
 */
export function fromRomeLocal(at: LocalDateTime): number {
  const naive = toDayNumber(at.date) * DAY + at.minutes * MINUTE;
  const summer = naive - 120 * MINUTE;
  if (romeOffsetMinutes(summer) === 120) return summer;
  return naive - 60 * MINUTE;
}

/** The Rome calendar date of an instant. */
export function romeDate(epochMs: number): IsoDate {
  return toRomeLocal(epochMs).date;
}
