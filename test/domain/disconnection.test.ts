// The right to disconnect (docs/rules.md): no notification between 20:00 and 07:00 (or the period
// in the policy); one created inside the period is delivered when it ends. All in Rome local
// time, so the result never depends on the process time zone (this file also runs under
// TZ=Pacific/Kiritimati).
import fc from 'fast-check';
import {
  addDays,
  formatLocalDateTime,
  parseIsoDate,
  parseLocalDateTime,
  toDayNumber,
  type IsoDate,
  type LocalDateTime,
} from '../../src/domain/dates';
import { deliveryTime, inDisconnection } from '../../src/domain/disconnection';
import { DEFAULT_POLICY, type Policy } from '../../src/domain/policy';
import { toRomeLocal } from '../../src/domain/rome-time';

type Disconnection = Pick<Policy, 'disconnection'>;
const DEFAULT: Disconnection = DEFAULT_POLICY;
const period = (from: string, to: string): Disconnection => ({ disconnection: { from, to } });

const at = (text: string): LocalDateTime => {
  const l = parseLocalDateTime(text);
  if (!l) throw new Error(`test setup: ${text} is not a local date-time`);
  return l;
};
const d = (text: string): IsoDate => {
  const date = parseIsoDate(text);
  if (!date) throw new Error(`test setup: ${text} is not a date`);
  return date;
};
const deliver = (text: string, policy: Disconnection = DEFAULT) =>
  formatLocalDateTime(deliveryTime(at(text), policy));
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/** Minutes since the epoch of a local time, to compare instants of different days. */
const absolute = (l: LocalDateTime) => toDayNumber(l.date) * 1440 + l.minutes;

describe('inDisconnection with the default 20:00–07:00', () => {
  it.each([
    ['00:00', true],
    ['03:00', true],
    ['06:59', true],
    ['07:00', false],
    ['07:01', false],
    ['12:00', false],
    ['19:59', false],
    ['20:00', true],
    ['21:30', true],
    ['23:59', true],
  ])('%s → %s', (hhmm, expected) => {
    expect(inDisconnection(minutesOf(hhmm), DEFAULT)).toBe(expected);
  });

  it('is exactly 11 hours of every day', () => {
    let n = 0;
    for (let m = 0; m < 1440; m++) if (inDisconnection(m, DEFAULT)) n++;
    expect(n).toBe(11 * 60);
  });
});

describe('deliveryTime with the default period', () => {
  it.each([
    ['2026-11-02T21:30', '2026-11-03T07:00'], // evening: the next morning
    ['2026-11-02T20:00', '2026-11-03T07:00'], // the first minute of the period
    ['2026-11-02T23:59', '2026-11-03T07:00'],
    ['2026-11-03T00:00', '2026-11-03T07:00'], // after midnight: the same morning
    ['2026-11-03T06:59', '2026-11-03T07:00'],
    ['2026-11-03T07:00', '2026-11-03T07:00'], // the end of the period: now
    ['2026-11-03T07:01', '2026-11-03T07:01'],
    ['2026-11-03T19:59', '2026-11-03T19:59'], // the last minute before it: now
    ['2026-11-30T22:00', '2026-12-01T07:00'], // month end
    ['2026-12-31T21:30', '2027-01-01T07:00'], // year end
    ['2027-02-28T20:30', '2027-03-01T07:00'], // February of a common year
    ['2028-02-28T20:30', '2028-02-29T07:00'], // and of a leap year
    ['2026-03-28T23:00', '2026-03-29T07:00'], // the night the clocks go forward
    ['2026-10-24T23:00', '2026-10-25T07:00'], // the night they go back
  ])('created at %s is delivered at %s', (now, expected) => {
    expect(deliver(now)).toBe(expected);
  });

  it('returns `now` itself outside the period (the same local time, untouched)', () => {
    const now = at('2026-11-03T10:15');
    expect(deliveryTime(now, DEFAULT)).toEqual(now);
  });
});

describe('deliveryTime with a period from the policy', () => {
  it.each([
    // A later evening, an earlier morning: 22:00–06:00.
    ['22:00', '06:00', '2026-11-02T21:30', '2026-11-02T21:30'],
    ['22:00', '06:00', '2026-11-02T22:00', '2026-11-03T06:00'],
    ['22:00', '06:00', '2026-11-03T05:59', '2026-11-03T06:00'],
    ['22:00', '06:00', '2026-11-03T06:30', '2026-11-03T06:30'],
    // An earlier evening, a later morning: 18:30–08:15.
    ['18:30', '08:15', '2026-11-02T18:29', '2026-11-02T18:29'],
    ['18:30', '08:15', '2026-11-02T18:30', '2026-11-03T08:15'],
    ['18:30', '08:15', '2026-11-03T07:00', '2026-11-03T08:15'],
    ['18:30', '08:15', '2026-11-03T08:15', '2026-11-03T08:15'],
    // A period that does not wrap midnight (00:00–07:00).
    ['00:00', '07:00', '2026-11-02T23:59', '2026-11-02T23:59'],
    ['00:00', '07:00', '2026-11-03T00:00', '2026-11-03T07:00'],
    ['00:00', '07:00', '2026-11-03T06:59', '2026-11-03T07:00'],
    // A daytime period (13:00–14:00): delivered the same day at its end.
    ['13:00', '14:00', '2026-11-03T12:59', '2026-11-03T12:59'],
    ['13:00', '14:00', '2026-11-03T13:00', '2026-11-03T14:00'],
    ['13:00', '14:00', '2026-11-03T13:59', '2026-11-03T14:00'],
    ['13:00', '14:00', '2026-11-03T14:00', '2026-11-03T14:00'],
  ])('period %s–%s: created at %s is delivered at %s', (from, to, now, expected) => {
    expect(deliver(now, period(from, to))).toBe(expected);
  });

  it('the default 21:30 case is not delayed when HR moves the start to 22:00', () => {
    expect(deliver('2026-11-02T21:30', DEFAULT)).toBe('2026-11-03T07:00');
    expect(deliver('2026-11-02T21:30', period('22:00', '07:00'))).toBe('2026-11-02T21:30');
  });
});

describe('deliveryTime: properties over every period and every minute', () => {
  const hhmm = fc
    .integer({ min: 0, max: 1439 })
    .map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  const periodArb = fc
    .tuple(hhmm, hhmm)
    .filter(([from, to]) => from !== to)
    .map(([from, to]) => period(from, to));
  const nowArb = fc
    .tuple(fc.integer({ min: 0, max: 3 * 365 }), fc.integer({ min: 0, max: 1439 }))
    .map(([day, minutes]): LocalDateTime => ({ date: addDays(d('2026-01-01'), day), minutes }));

  it('never delivers inside the period, never before now, at most a day later, now when allowed', () => {
    fc.assert(
      fc.property(periodArb, nowArb, (policy, now) => {
        const out = deliveryTime(now, policy);
        expect(inDisconnection(out.minutes, policy)).toBe(false);
        const wait = absolute(out) - absolute(now);
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThan(1440);
        if (!inDisconnection(now.minutes, policy)) expect(out).toEqual(now);
        else expect(out.minutes).toBe(minutesOf(policy.disconnection.to));
      }),
      { numRuns: 2000 },
    );
  });

  it('delivers at the first minute outside the period (nothing earlier would do)', () => {
    fc.assert(
      fc.property(periodArb, nowArb, (policy, now) => {
        const out = deliveryTime(now, policy);
        // Every minute from now up to the delivery is inside the period.
        for (let t = absolute(now); t < absolute(out); t++) {
          expect(inDisconnection(((t % 1440) + 1440) % 1440, policy)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('from an instant (whatever the process time zone)', () => {
  it.each([
    [Date.parse('2026-11-02T20:30:00Z'), '2026-11-03T07:00'], // 21:30 in Rome (CET)
    [Date.parse('2026-07-02T19:30:00Z'), '2026-07-03T07:00'], // 21:30 in Rome (CEST)
    [Date.parse('2026-11-03T05:59:00Z'), '2026-11-03T07:00'], // 06:59 CET
    [Date.parse('2026-11-03T06:00:00Z'), '2026-11-03T07:00'], // 07:00 CET: now
    [Date.parse('2026-07-03T04:59:00Z'), '2026-07-03T07:00'], // 06:59 CEST
    [Date.parse('2026-07-03T05:00:00Z'), '2026-07-03T07:00'], // 07:00 CEST: now
    [Date.parse('2026-10-25T00:30:00Z'), '2026-10-25T07:00'], // 02:30 CEST, the repeated hour
    [Date.parse('2026-03-29T01:30:00Z'), '2026-03-29T07:00'], // 03:30 CEST, just after the jump
  ])('instant %i in Rome is delivered at %s', (ms, expected) => {
    expect(formatLocalDateTime(deliveryTime(toRomeLocal(ms), DEFAULT))).toBe(expected);
  });
});
