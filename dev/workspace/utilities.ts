// Utilities, Session and Logger of the in-memory Workspace, and the time-zone arithmetic the other
// fakes share (Sheets shows dates in the spreadsheet's zone, clock triggers fire in the script's).
//
// Utilities.formatDate follows Java's SimpleDateFormat (Apps Script is backed by Java there):
// English names, unknown time-zone ids silently fall back to GMT as java.util.TimeZone does,
// and 'Y' is the week year of the US locale (weeks from Sunday), a classic year-end trap.
import { createHash } from 'node:crypto';
import type { Workspace } from './core';

// ---------------------------------------------------------------------------------------------
// Time zones

/** Wall-clock fields of an instant in a time zone. */
export interface ZonedParts {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday .. 6 = Saturday */
  weekday: number;
  /** Minutes east of UTC. */
  offsetMinutes: number;
}

const FIXED_OFFSET = /^(?:GMT|UTC|Z)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/i;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The offset in minutes of a fixed-offset id ('GMT', 'UTC+2', 'GMT+01:00'), or null. */
function fixedOffsetMinutes(timeZone: string): number | null {
  const m = FIXED_OFFSET.exec(timeZone);
  if (!m) return null;
  if (!m[1]) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

/** A zone Intl knows, or null (Java then uses GMT: see `zonedParts`). */
function zoneFormatter(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (f) return f;
  try {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
      weekday: 'short',
      era: 'short',
    });
  } catch {
    return null;
  }
  formatters.set(timeZone, f);
  return f;
}

function utcParts(ms: number, offsetMinutes: number): ZonedParts {
  const d = new Date(ms + offsetMinutes * 60000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
    offsetMinutes,
  };
}

/** The offset of `timeZone` at `ms`, asked of Intl (slow: see `offsetMinutesAt`). */
function intlOffsetMinutes(ms: number, f: Intl.DateTimeFormat): number {
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(ms))) p[part.type] = part.value;
  let year = Number(p.year);
  if (p.era === 'BC' || p.era === 'B') year = 1 - year;
  const second = Math.floor(ms / 1000) * 1000;
  const asUtc = Date.UTC(
    year,
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return Math.round((asUtc - second) / 60000);
}

const BUCKET_MS = 15 * 60 * 1000;
const offsetCache = new Map<string, Map<number, number | null>>();

/**
 * The offset of `timeZone` at `ms`. Intl is slow and a sheet of dates asks thousands of times, so
 * offsets are cached per quarter of an hour when they are the same at both of its ends.
 */
function offsetMinutesAt(ms: number, timeZone: string, f: Intl.DateTimeFormat): number {
  let zone = offsetCache.get(timeZone);
  if (!zone || zone.size > 200000) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const bucket = Math.floor(ms / BUCKET_MS);
  let offset = zone.get(bucket);
  if (offset === undefined) {
    const start = intlOffsetMinutes(bucket * BUCKET_MS, f);
    offset = start === intlOffsetMinutes(bucket * BUCKET_MS + BUCKET_MS - 1, f) ? start : null;
    zone.set(bucket, offset);
  }
  return offset ?? intlOffsetMinutes(ms, f);
}

/** The wall-clock fields of `ms` in `timeZone` (unknown zones: GMT, as Java does). */
export function zonedParts(ms: number, timeZone: string): ZonedParts {
  const fixed = fixedOffsetMinutes(timeZone);
  const f = fixed === null ? zoneFormatter(timeZone) : null;
  return utcParts(ms, f ? offsetMinutesAt(ms, timeZone, f) : (fixed ?? 0));
}

export interface LocalDateTimeFields {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}

/**
 * The instant of a wall-clock time in `timeZone`. A time that happens twice (autumn) gives the
 * first; a time that does not exist (spring gap) is moved forward by the gap, as Java's lenient
 * calendar does (02:30 on 2026-03-29 in Rome → 03:30 CEST).
 */
export function zonedToEpoch(local: LocalDateTimeFields, timeZone: string): number {
  const wall = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour ?? 0,
    local.minute ?? 0,
    local.second ?? 0,
    local.millisecond ?? 0,
  );
  const offsetAt = (ms: number) => zonedParts(ms, timeZone).offsetMinutes;
  const before = offsetAt(wall - 86400000);
  const after = offsetAt(wall + 86400000);
  const valid = [...new Set([before, after, offsetAt(wall)])]
    .map((o) => wall - o * 60000)
    .filter((t) => wall - offsetAt(t) * 60000 === t)
    .sort((a, b) => a - b);
  return valid.length > 0 ? valid[0] : wall - before * 60000;
}

/** Adds calendar days to a local date (no time-zone involved). */
export function addDays(
  date: { year: number; month: number; day: number },
  days: number,
): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

// ---------------------------------------------------------------------------------------------
// SimpleDateFormat

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const PATTERN_LETTERS = 'GyYMLwWDdFEuaHkKhmsSzZX';

type PatternToken = { letter: string; count: number } | { text: string };

/** Splits a SimpleDateFormat pattern into letter runs and literal text ('' is a quote). */
export function tokenizePattern(pattern: string, fail: (message: string) => Error): PatternToken[] {
  const tokens: PatternToken[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        tokens.push({ text: "'" });
        i += 2;
        continue;
      }
      let text = '';
      i++;
      while (i < pattern.length) {
        if (pattern[i] === "'") {
          if (pattern[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          break;
        }
        text += pattern[i++];
      }
      if (i >= pattern.length) throw fail(`Unterminated quote in pattern: ${pattern}`);
      i++;
      tokens.push({ text });
    } else if (/[A-Za-z]/.test(c)) {
      if (!PATTERN_LETTERS.includes(c)) throw fail(`Illegal pattern character '${c}'`);
      let count = 1;
      while (pattern[i + count] === c) count++;
      tokens.push({ letter: c, count });
      i += count;
    } else {
      tokens.push({ text: c });
      i++;
    }
  }
  return tokens;
}

const pad = (n: number, width: number) => (n < 0 ? '-' : '') + String(Math.abs(n)).padStart(width, '0');

function dayOfYear(p: ZonedParts): number {
  return (Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86400000 + 1;
}

/** Week of year and week year with the US rules Java uses by default (Sunday first, 1 day min). */
function usWeek(p: ZonedParts): { week: number; weekYear: number } {
  const dayMs = Date.UTC(p.year, p.month - 1, p.day);
  const weekStart = dayMs - p.weekday * 86400000;
  const nextJan1 = Date.UTC(p.year + 1, 0, 1);
  if (weekStart + 6 * 86400000 >= nextJan1) return { week: 1, weekYear: p.year + 1 };
  const jan1 = Date.UTC(p.year, 0, 1);
  const firstWeekStart = jan1 - new Date(jan1).getUTCDay() * 86400000;
  return { week: Math.floor((weekStart - firstWeekStart) / (7 * 86400000)) + 1, weekYear: p.year };
}

function offsetText(offsetMinutes: number, withColon: boolean, withMinutes: boolean): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = pad(Math.floor(abs / 60), 2);
  const mm = pad(abs % 60, 2);
  if (!withMinutes) return abs % 60 === 0 ? `${sign}${hh}` : `${sign}${hh}${mm}`;
  return withColon ? `${sign}${hh}:${mm}` : `${sign}${hh}${mm}`;
}

function zoneName(ms: number, timeZone: string, long: boolean, offsetMinutes: number): string {
  const fixed = fixedOffsetMinutes(timeZone);
  if (fixed !== null || zoneFormatter(timeZone) === null) {
    if (/^UTC$/i.test(timeZone)) return long ? 'Coordinated Universal Time' : 'UTC';
    if (offsetMinutes === 0) return long ? 'Greenwich Mean Time' : 'GMT';
    return `GMT${offsetText(offsetMinutes, true, true)}`;
  }
  const name = new Intl.DateTimeFormat(long ? 'en-US' : 'en-GB', {
    timeZone,
    timeZoneName: long ? 'long' : 'short',
  })
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')?.value;
  return name ?? 'GMT';
}

/** Java SimpleDateFormat.format of `ms` in `timeZone`. */
export function formatJavaDate(
  ms: number,
  timeZone: string,
  pattern: string,
  fail: (message: string) => Error,
): string {
  const p = zonedParts(ms, timeZone);
  let out = '';
  for (const t of tokenizePattern(pattern, fail)) {
    if ('text' in t) {
      out += t.text;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case 'G':
        out += p.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
        out += n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
        break;
      case 'Y': {
        const wy = usWeek(p).weekYear;
        out += n === 2 ? pad(wy % 100, 2) : pad(wy, n);
        break;
      }
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[p.month - 1] : n === 3 ? MONTHS[p.month - 1].slice(0, 3) : pad(p.month, n);
        break;
      case 'w':
        out += pad(usWeek(p).week, n);
        break;
      case 'W':
        // Week of the month, Sunday first: day 1 falls in week 1 whatever its weekday.
        out += pad(Math.floor((p.day - 1 + ((((p.weekday - (p.day - 1)) % 7) + 7) % 7)) / 7) + 1, n);
        break;
      case 'D':
        out += pad(dayOfYear(p), n);
        break;
      case 'd':
        out += pad(p.day, n);
        break;
      case 'F':
        out += pad(Math.floor((p.day - 1) / 7) + 1, n);
        break;
      case 'E':
        out += n >= 4 ? WEEKDAYS[p.weekday] : WEEKDAYS[p.weekday].slice(0, 3);
        break;
      case 'u':
        out += pad(p.weekday === 0 ? 7 : p.weekday, n);
        break;
      case 'a':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(p.hour, n);
        break;
      case 'k':
        out += pad(p.hour === 0 ? 24 : p.hour, n);
        break;
      case 'K':
        out += pad(p.hour % 12, n);
        break;
      case 'h':
        out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
        break;
      case 'm':
        out += pad(p.minute, n);
        break;
      case 's':
        out += pad(p.second, n);
        break;
      case 'S':
        out += pad(p.millisecond, n);
        break;
      case 'z':
        out += zoneName(ms, timeZone, n >= 4, p.offsetMinutes);
        break;
      case 'Z':
        out += offsetText(p.offsetMinutes, false, true);
        break;
      case 'X':
        if (n > 3) throw fail('invalid ISO 8601 format: length=' + n);
        out += p.offsetMinutes === 0 ? 'Z' : offsetText(p.offsetMinutes, n === 3, n >= 2);
        break;
    }
  }
  return out;
}

/**
 * Java SimpleDateFormat.parse for numeric patterns (y M d H h m s S a, MMM names, literals and
 * a Z/X offset): enough for the dates scripts read back. Throws on text that does not match.
 */
export function parseJavaDate(
  text: string,
  timeZone: string,
  pattern: string,
  fail: (message: string) => Error,
): number {
  const fields: Record<string, number> = {};
  let offset: number | null = null;
  let pos = 0;
  const unparseable = () => fail(`Unparseable date: "${text}"`);
  const tokens = tokenizePattern(pattern, fail);
  tokens.forEach((t, index) => {
    if ('text' in t) {
      if (!text.startsWith(t.text, pos)) throw unparseable();
      pos += t.text.length;
      return;
    }
    const next = tokens[index + 1];
    const adjacentNumber = next !== undefined && 'letter' in next;
    if ((t.letter === 'M' || t.letter === 'L') && t.count >= 3) {
      const rest = text.slice(pos).toLowerCase();
      const i = MONTHS.findIndex((m) => rest.startsWith(m.toLowerCase()));
      const j = MONTHS.findIndex((m) => rest.startsWith(m.slice(0, 3).toLowerCase()));
      if (i < 0 && j < 0) throw unparseable();
      fields.M = (i >= 0 ? i : j) + 1;
      pos += i >= 0 ? MONTHS[i].length : 3;
      return;
    }
    if (t.letter === 'E') {
      const rest = text.slice(pos).toLowerCase();
      const w =
        WEEKDAYS.find((d) => rest.startsWith(d.toLowerCase())) ??
        WEEKDAYS.find((d) => rest.startsWith(d.slice(0, 3).toLowerCase()));
      if (!w) throw unparseable();
      pos += rest.startsWith(w.toLowerCase()) ? w.length : 3;
      return;
    }
    if (t.letter === 'a') {
      const am = text.slice(pos, pos + 2).toUpperCase();
      if (am !== 'AM' && am !== 'PM') throw unparseable();
      fields.a = am === 'PM' ? 1 : 0;
      pos += 2;
      return;
    }
    if (t.letter === 'Z' || t.letter === 'X') {
      const m = /^(?:Z|([+-])(\d{2}):?(\d{2})?)/.exec(text.slice(pos));
      if (!m) throw unparseable();
      offset = m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
      pos += m[0].length;
      return;
    }
    const m = (adjacentNumber ? new RegExp(`^[+-]?\\d{1,${t.count}}`) : /^[+-]?\d+/).exec(text.slice(pos));
    if (!m) throw unparseable();
    fields[t.letter] = Number(m[0]);
    pos += m[0].length;
  });
  let hour = fields.H ?? fields.k ?? 0;
  if (fields.h !== undefined || fields.K !== undefined)
    hour = ((fields.h ?? fields.K) % 12) + (fields.a ?? 0) * 12;
  let year = fields.y ?? 1970;
  if (
    fields.y !== undefined &&
    tokens.some((t) => 'letter' in t && t.letter === 'y' && t.count <= 2) &&
    year < 100
  )
    year += year < 50 ? 2000 : 1900;
  const local = {
    year,
    month: fields.M ?? fields.L ?? 1,
    day: fields.d ?? 1,
    hour,
    minute: fields.m ?? 0,
    second: fields.s ?? 0,
    millisecond: fields.S ?? 0,
  };
  if (offset !== null) {
    const wall = Date.UTC(
      local.year,
      local.month - 1,
      local.day,
      local.hour,
      local.minute,
      local.second,
      local.millisecond,
    );
    return wall - offset * 60000;
  }
  return zonedToEpoch(local, timeZone);
}

// ---------------------------------------------------------------------------------------------
// Utilities

export interface UtilitiesState {
  /** Seeds getUuid: deterministic ids make saved scenarios replay identically. */
  uuidCounter: number;
}

export function emptyUtilitiesState(): UtilitiesState {
  return { uuidCounter: 0 };
}

/** Utilities.sleep refuses more than this (5 minutes). */
export const MAX_SLEEP_MS = 300000;

export const DigestAlgorithm = {
  MD2: 'MD2',
  MD5: 'MD5',
  SHA_1: 'SHA_1',
  SHA_256: 'SHA_256',
  SHA_384: 'SHA_384',
  SHA_512: 'SHA_512',
} as const;
export const Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const;
const NODE_DIGEST: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

/** Apps Script byte arrays are Java bytes: signed, -128..127. */
function toSignedBytes(buf: Buffer): number[] {
  return [...buf].map((b) => (b > 127 ? b - 256 : b));
}
function fromBytesOrString(data: string | number[]): Buffer {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.map((b) => b & 0xff));
}

/** A Blob of bytes with a name and a content type (what DriveApp.createFile and MailApp take). */
export class FakeBlob implements Pick<
  GoogleAppsScript.Base.Blob,
  'getBytes' | 'getDataAsString' | 'getName' | 'setName' | 'getContentType' | 'setContentType' | 'copyBlob'
> {
  constructor(
    private readonly ws: Workspace,
    private bytes: Buffer,
    private contentType: string | null,
    private name: string | null,
  ) {}
  getBytes(): number[] {
    this.ws.call('Utilities', 'Blob.getBytes');
    return toSignedBytes(this.bytes);
  }
  getDataAsString(_charset?: string): string {
    this.ws.call('Utilities', 'Blob.getDataAsString');
    return this.bytes.toString('utf8');
  }
  getName(): string | null {
    this.ws.call('Utilities', 'Blob.getName');
    return this.name;
  }
  setName(name: string): GoogleAppsScript.Base.Blob {
    this.ws.call('Utilities', 'Blob.setName');
    this.name = name;
    return this as unknown as GoogleAppsScript.Base.Blob;
  }
  getContentType(): string | null {
    this.ws.call('Utilities', 'Blob.getContentType');
    return this.contentType;
  }
  setContentType(contentType: string | null): GoogleAppsScript.Base.Blob {
    this.ws.call('Utilities', 'Blob.setContentType');
    this.contentType = contentType;
    return this as unknown as GoogleAppsScript.Base.Blob;
  }
  copyBlob(): GoogleAppsScript.Base.Blob {
    this.ws.call('Utilities', 'Blob.copyBlob');
    return new FakeBlob(
      this.ws,
      Buffer.from(this.bytes),
      this.contentType,
      this.name,
    ) as unknown as GoogleAppsScript.Base.Blob;
  }
}

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

export function createUtilities(ws: Workspace, state: UtilitiesState) {
  const fail = (message: string) => ws.error(message);
  const Utilities = {
    DigestAlgorithm,
    Charset,
    formatDate(date: Date, timeZone: string, format: string): string {
      ws.call('Utilities', 'Utilities.formatDate');
      if (!isDate(date)) throw ws.error('Invalid argument: date');
      if (Number.isNaN(date.getTime())) throw ws.error('Invalid argument: date');
      return formatJavaDate(date.getTime(), String(timeZone), String(format), fail);
    },
    parseDate(date: string, timeZone: string, format: string): Date {
      ws.call('Utilities', 'Utilities.parseDate');
      return new Date(parseJavaDate(String(date), String(timeZone), String(format), fail));
    },
    /** Waits on the fake clock: another execution may act meanwhile only through test helpers. */
    sleep(milliseconds: number): void {
      ws.call('Utilities', 'Utilities.sleep');
      if (!(milliseconds >= 0) || milliseconds > MAX_SLEEP_MS)
        throw ws.error('Invalid argument: milliseconds');
      ws.advance(milliseconds);
    },
    /** A v4-shaped UUID, unique per Workspace and reproducible from its saved state. */
    getUuid(): string {
      ws.call('Utilities', 'Utilities.getUuid');
      const h = createHash('sha256').update(`agora-workspace-uuid:${state.uuidCounter++}`).digest('hex');
      const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    computeDigest(algorithm: string, value: string | number[], _charset?: string): number[] {
      ws.call('Utilities', 'Utilities.computeDigest');
      const name = NODE_DIGEST[String(algorithm)];
      if (!name) throw ws.error(`Invalid argument: algorithm`);
      return toSignedBytes(createHash(name).update(fromBytesOrString(value)).digest());
    },
    base64Encode(data: string | number[], _charset?: string): string {
      ws.call('Utilities', 'Utilities.base64Encode');
      return fromBytesOrString(data).toString('base64');
    },
    base64EncodeWebSafe(data: string | number[], _charset?: string): string {
      ws.call('Utilities', 'Utilities.base64EncodeWebSafe');
      return fromBytesOrString(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    },
    base64Decode(encoded: string, _charset?: string): number[] {
      ws.call('Utilities', 'Utilities.base64Decode');
      return toSignedBytes(Buffer.from(encoded, 'base64'));
    },
    newBlob(data: string | number[], contentType?: string, name?: string): FakeBlob {
      ws.call('Utilities', 'Utilities.newBlob');
      return new FakeBlob(ws, fromBytesOrString(data), contentType ?? null, name ?? null);
    },
  };
  return Utilities;
}

// ---------------------------------------------------------------------------------------------
// Session

export class FakeUser implements Pick<GoogleAppsScript.Base.User, 'getEmail'> {
  constructor(
    private readonly ws: Workspace,
    private readonly email: string,
  ) {}
  getEmail(): string {
    this.ws.call('Session', 'User.getEmail');
    return this.email;
  }
  toString(): string {
    return this.email;
  }
}

export function createSession(ws: Workspace, scriptTimeZone: () => string) {
  const Session = {
    getActiveUser(): GoogleAppsScript.Base.User {
      ws.call('Session', 'Session.getActiveUser');
      return new FakeUser(ws, ws.activeUser) as unknown as GoogleAppsScript.Base.User;
    },
    getEffectiveUser(): GoogleAppsScript.Base.User {
      ws.call('Session', 'Session.getEffectiveUser');
      // In a simple trigger (run without the user's authorization) the email is hidden as for
      // getActiveUser: "the user's email address is not available in any context that allows a
      // script to run without that user's authorization, like a simple onOpen(e) or onEdit(e)
      // trigger" (User.getEmail reference); otherwise "In most other scenarios, this returns the
      // same account as getActiveUser()" (Session.getEffectiveUser reference).
      const email = ws.restricted ? ws.activeUser : ws.effectiveUser();
      return new FakeUser(ws, email) as unknown as GoogleAppsScript.Base.User;
    },
    getScriptTimeZone(): string {
      ws.call('Session', 'Session.getScriptTimeZone');
      return scriptTimeZone();
    },
    getActiveUserLocale(): string {
      ws.call('Session', 'Session.getActiveUserLocale');
      return 'it';
    },
    /** Stable per user and script, and not the email (that is its point). */
    getTemporaryActiveUserKey(): string {
      ws.call('Session', 'Session.getTemporaryActiveUserKey');
      return createHash('sha256').update(`temporary-key:${ws.activeUser}`).digest('base64').slice(0, 43);
    },
  } satisfies Pick<
    GoogleAppsScript.Base.Session,
    | 'getActiveUser'
    | 'getEffectiveUser'
    | 'getScriptTimeZone'
    | 'getActiveUserLocale'
    | 'getTemporaryActiveUserKey'
  >;
  return Session;
}

// ---------------------------------------------------------------------------------------------
// Logger and console: what the script logs is kept in memory for tests to read (not saved state).

export interface LogLine {
  atMs: number;
  level: 'log' | 'info' | 'warn' | 'error';
  text: string;
}

function formatLogArgs(args: unknown[]): string {
  return args
    .map((a) => {
      if (typeof a === 'string') return a;
      if (a instanceof Error || Object.prototype.toString.call(a) === '[object Error]')
        return String((a as Error).stack ?? a);
      try {
        return JSON.stringify(a) ?? String(a);
      } catch {
        return String(a);
      }
    })
    .join(' ');
}

export function createLogging(ws: Workspace, lines: LogLine[]) {
  const push = (level: LogLine['level'], text: string) => lines.push({ atMs: ws.nowMs, level, text });
  const Logger = {
    /** Logger.log(format, ...values) replaces %s with the values, as Apps Script does. */
    log(data: unknown, ...values: unknown[]) {
      ws.call('Logger', 'Logger.log');
      let text = formatLogArgs([data]);
      if (typeof data === 'string' && values.length > 0) {
        let i = 0;
        text = data.replace(/%s/g, () => (i < values.length ? formatLogArgs([values[i++]]) : '%s'));
      }
      push('log', text);
      return Logger;
    },
    getLog(): string {
      ws.call('Logger', 'Logger.getLog');
      return lines.map((l) => l.text).join('\n');
    },
    clear(): void {
      ws.call('Logger', 'Logger.clear');
      lines.length = 0;
    },
  };
  const console = {
    log: (...args: unknown[]) => push('log', formatLogArgs(args)),
    info: (...args: unknown[]) => push('info', formatLogArgs(args)),
    warn: (...args: unknown[]) => push('warn', formatLogArgs(args)),
    error: (...args: unknown[]) => push('error', formatLogArgs(args)),
  };
  return { Logger, console };
}
