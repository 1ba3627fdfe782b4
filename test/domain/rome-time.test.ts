// Europe/Rome local time from instants and back, whatever the process time zone (this file is
// also run under TZ=Pacific/Kiritimati). Instants are epoch milliseconds written as literals,
// computed independently with the IANA time zone database, and compared with
// Intl.DateTimeFormat (timeZone 'Europe/Rome'), which reads that database, over many instants:
// both DST transitions of 2026 (29 March, 25 October), the skipped and the repeated hour.
import fc from 'fast-check';
import { parseIsoDate, type IsoDate, type LocalDateTime } from '../../src/domain/dates';
import { fromRomeLocal, romeDate, romeOffsetMinutes, toRomeLocal } from '../../src/domain/rome-time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const d = (text: string): IsoDate => {
  const date = parseIsoDate(text);
  if (!date) throw new Error(`test setup: ${text} is not a date`);
  return date;
};
const hm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const show = (l: LocalDateTime) => `${l.date}T${hm(l.minutes)}`;
const local = (ms: number) => show(toRomeLocal(ms));

// The oracle: the IANA database through Intl, independent of the process time zone.
const ROME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
function intlRome(ms: number): { text: string; offset: number } {
  const parts: Record<string, string> = {};
  for (const p of ROME.formatToParts(new Date(ms))) parts[p.type] = p.value;
  const text = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
  );
  const floored = Math.floor(ms / MINUTE) * MINUTE;
  return { text, offset: (asUtc - floored) / MINUTE };
}
const utc = (text: string) => Date.parse(`${text}:00Z`);

describe('the oracle itself', () => {
  it('knows the 2026 transitions (so a broken Intl cannot make the comparisons vacuous)', () => {
    expect(intlRome(utc('2026-03-29T00:59'))).toEqual({ text: '2026-03-29T01:59', offset: 60 });
    expect(intlRome(utc('2026-03-29T01:00'))).toEqual({ text: '2026-03-29T03:00', offset: 120 });
    expect(intlRome(utc('2026-10-25T00:59'))).toEqual({ text: '2026-10-25T02:59', offset: 120 });
    expect(intlRome(utc('2026-10-25T01:00'))).toEqual({ text: '2026-10-25T02:00', offset: 60 });
  });
});

describe('toRomeLocal', () => {
  it.each([
    [1767225600000, '2026-01-01T01:00', 60], // 2026-01-01T00:00Z, winter
    [1793606400000, '2026-11-02T09:00', 60], // 2026-11-02T08:00Z
    [1782858600000, '2026-07-01T00:30', 120], // 2026-06-30T22:30Z: the Rome date is already 1 July
    [1798759800000, '2027-01-01T00:30', 60], // 2026-12-31T23:30Z: already the new year in Rome
    [1774745940000, '2026-03-29T01:59', 60], // 00:59Z, last minute of winter time
    [1774746000000, '2026-03-29T03:00', 120], // 01:00Z, summer time starts
    [1792889940000, '2026-10-25T02:59', 120], // 00:59Z, last minute of summer time
    [1792890000000, '2026-10-25T02:00', 60], // 01:00Z, back to winter time
    [1806193800000, '2027-03-28T01:30', 60],
    [1806195600000, '2027-03-28T03:00', 120],
    [1919293140000, '2030-10-27T02:59', 120],
    [1919293200000, '2030-10-27T02:00', 60],
  ])('%i is %s in Rome (offset %i)', (ms, text, offset) => {
    expect(local(ms)).toBe(text);
    expect(romeOffsetMinutes(ms)).toBe(offset);
    expect(romeDate(ms)).toBe(text.slice(0, 10));
  });

  it.each([
    ['2026-03-28T00:00', '2026-03-30T00:00'],
    ['2026-10-24T00:00', '2026-10-26T00:00'],
    ['2027-03-27T00:00', '2027-03-29T00:00'],
    ['2027-10-30T00:00', '2027-11-01T00:00'],
  ])('agrees with Intl at every minute from %sZ to %sZ', (from, to) => {
    const mismatches: string[] = [];
    for (let ms = utc(from); ms < utc(to); ms += MINUTE) {
      const expected = intlRome(ms);
      const got = local(ms);
      const offset = romeOffsetMinutes(ms);
      if (got !== expected.text || offset !== expected.offset)
        mismatches.push(
          `${new Date(ms).toISOString()}: ${got}/${offset} ≠ ${expected.text}/${expected.offset}`,
        );
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('agrees with Intl every 7 minutes through 2026, the year-end included', () => {
    const mismatches: string[] = [];
    for (let ms = utc('2025-12-31T12:00'); ms < utc('2027-01-01T12:00'); ms += 7 * MINUTE) {
      const expected = intlRome(ms).text;
      if (local(ms) !== expected)
        mismatches.push(`${new Date(ms).toISOString()}: ${local(ms)} ≠ ${expected}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('agrees with Intl on random instants 1996–2099, seconds and milliseconds included', () => {
    fc.assert(
      fc.property(fc.integer({ min: utc('1996-01-01T00:00'), max: utc('2099-12-31T00:00') }), (ms) => {
        const expected = intlRome(ms);
        expect(local(ms)).toBe(expected.text);
        expect(romeOffsetMinutes(ms)).toBe(expected.offset);
        expect(romeDate(ms)).toBe(expected.text.slice(0, 10));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with Intl within a few minutes of every transition 1996–2099', () => {
    // Found by Intl alone, scanning hour by hour the last week of March and of October.
    const transitions: number[] = [];
    for (let year = 1996; year < 2100; year++) {
      for (const month of ['03', '10']) {
        const end = utc(`${year}-${month}-31T23:00`);
        for (let ms = utc(`${year}-${month}-24T00:00`); ms < end; ms += HOUR) {
          if (intlRome(ms).offset !== intlRome(ms + HOUR).offset) transitions.push(ms + HOUR);
        }
      }
    }
    expect(transitions.length).toBe(2 * 104);
    for (const t of transitions) {
      for (const delta of [-2, -1, 0, 1, 2]) {
        const ms = t + delta * MINUTE - (delta < 0 ? 1 : 0);
        expect([ms, local(ms), romeOffsetMinutes(ms)]).toEqual([ms, intlRome(ms).text, intlRome(ms).offset]);
      }
    }
  });
});

describe('fromRomeLocal', () => {
  it.each([
    ['2026-11-09', 540, 1794211200000],
    ['2026-07-01', 30, 1782858600000],
    ['2027-01-01', 30, 1798759800000],
    ['2026-03-29', 180, 1774746000000], // 03:00, first minute of summer time
    ['2026-03-29', 150, 1774747800000], // 02:30 does not exist: one hour later (03:30 CEST)
    ['2026-10-25', 150, 1792888200000], // 02:30 happens twice: the first (summer) one
  ])('%s at minute %i is %i', (date, minutes, ms) => {
    expect(fromRomeLocal({ date: d(date), minutes })).toBe(ms);
  });

  it('round-trips every quarter of an hour of 2026 that exists exactly once', () => {
    const start = 1767222000000; // 2026-01-01T00:00 Rome = 2025-12-31T23:00Z
    const end = 1798758000000; // 2027-01-01T00:00 Rome
    const repeated = [1792886400000, 1792893600000]; // 2026-10-25 00:00Z … 02:00Z: local 02:00–02:59 twice
    const mismatches: string[] = [];
    let checked = 0;
    for (let ms = start; ms < end; ms += 15 * 60_000) {
      const l = toRomeLocal(ms);
      if (ms >= repeated[0] + 3_600_000 && ms < repeated[1]) continue; // the second 02:xx of October
      checked++;
      if (fromRomeLocal(l) !== ms) mismatches.push(`${show(l)}: ${fromRomeLocal(l)} ≠ ${ms}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(checked).toBe(365 * 96 - 4); // every instant of the year but the second pass of 02:00–02:59
  });

  it.each(['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31'])(
    'on %s every local minute maps to an instant Intl shows as that minute (skipped: one hour later; repeated: the first)',
    (date) => {
      const mismatches: string[] = [];
      for (let minutes = 0; minutes < 24 * 60; minutes++) {
        const at = { date: d(date), minutes };
        const ms = fromRomeLocal(at);
        const shown = intlRome(ms).text;
        // Every instant whose Rome wall clock reads `at`, found by brute force around it.
        const naive = Date.parse(`${date}T${hm(minutes)}:00Z`);
        const candidates = [naive - 2 * HOUR, naive - HOUR].filter((c) => intlRome(c).text === show(at));
        let expected: number;
        if (candidates.length) expected = Math.min(...candidates);
        else {
          // A skipped time: the clock jumped; the same wall reading one hour later.
          const later = { date: at.date, minutes: minutes + 60 };
          expect(intlRome(naive - HOUR).text).toBe(show(later));
          expected = naive - HOUR;
        }
        if (ms !== expected) mismatches.push(`${show(at)} → ${ms} (${shown}), expected ${expected}`);
      }
      expect(mismatches.slice(0, 5)).toEqual([]);
    },
  );

  it('inverts toRomeLocal on random instants (except the second pass of the repeated hour)', () => {
    fc.assert(
      fc.property(fc.integer({ min: utc('1996-01-01T00:00'), max: utc('2099-12-31T00:00') }), (raw) => {
        const ms = Math.floor(raw / MINUTE) * MINUTE;
        const l = toRomeLocal(ms);
        const back = fromRomeLocal(l);
        if (back !== ms) {
          // Only the repeated hour may go back to its first pass, exactly one hour earlier.
          expect(back).toBe(ms - HOUR);
          expect(intlRome(back).text).toBe(intlRome(ms).text);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('process time zone', () => {
  it('does not leak into the results (the same answers as Intl whatever TZ is)', () => {
    // Under TZ=Pacific/Kiritimati (UTC+14) the process calendar date is a day ahead of Rome's
    // for most of the day: the Rome date must still be Rome's.
    const ms = utc('2026-11-09T08:00'); // 09:00 in Rome; 22:00 in Kiritimati
    expect(romeDate(ms)).toBe('2026-11-09');
    expect(local(ms)).toBe('2026-11-09T09:00');
    const late = utc('2026-11-09T22:30'); // 23:30 in Rome on the 9th, already the 10th elsewhere
    expect(romeDate(late)).toBe('2026-11-09');
    expect(fromRomeLocal({ date: d('2026-11-09'), minutes: 23 * 60 + 30 })).toBe(late);
  });
});
