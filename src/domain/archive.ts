// Which months stay in the live register and which are closed, ready for the yearly archive.
// The live register keeps the previous month and everything after it: every rule looks at most
// at the week and the month of a date from today on (PAST_DATE refuses earlier dates; a late
// approval of last month's day still finds its week and month), and the calendar's full
// reconciliation starts there too.
import { makeDate, type IsoDate } from './dates';

/** The first day the live register must keep: the first of the month before `today`'s. */
export function liveFrom(today: IsoDate): IsoDate {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month === 1 ? makeDate(year - 1, 12, 1) : makeDate(year, month - 1, 1);
}
