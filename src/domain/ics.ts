// iCalendar (RFC 5545) of approved smart days: one all-day VEVENT per day, for a person or a
// team, to import in any calendar. Text is escaped (backslash, semicolon, comma, newline) and
// lines are folded at 75 octets of UTF-8 with CRLF, as the RFC requires.
import { addDays, type IsoDate } from './dates';

export interface IcsDay {
  /** The day's register id: the event's UID, stable across exports. */
  id: string;
  date: IsoDate;
  summary: string;
  description: string;
}

/** RFC 5545 3.3.11: TEXT escapes. */
export function icsText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

const utf8Length = (s: string) => {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
};

/** RFC 5545 3.1: lines longer than 75 octets folded (CRLF and a space), never inside a character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = utf8Length(ch);
    const limit = out.length ? 74 : 75; // a continuation line starts with the space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const basic = (d: IsoDate) => d.replace(/-/g, '');

/** The calendar: `stamp` is the export's time in UTC (`YYYYMMDDTHHMMSSZ`). */
export function toIcs(name: string, days: readonly IcsDay[], stamp: string, domain: string): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Agorà//Lavoro agile//IT',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(name)}`,
    'X-WR-TIMEZONE:Europe/Rome',
  ];
  for (const d of days)
    lines.push(
      'BEGIN:VEVENT',
      `UID:${icsText(d.id)}@${domain}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${basic(d.date)}`,
      `DTEND;VALUE=DATE:${basic(addDays(d.date, 1))}`,
      `SUMMARY:${icsText(d.summary)}`,
      `DESCRIPTION:${icsText(d.description)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
